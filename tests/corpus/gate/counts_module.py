# Run as `python3 -m memory_profiler counts_module.py` (bare @profile):
# one profiler for the whole run, one block per function at exit.
# walk() runs first, step() is defined first.
MiB = 1024 * 1024


@profile
def step(i):
    chunk = bytearray(10 * MiB)
    return len(chunk) + i


@profile
def walk(n):
    if n == 0:
        return 0
    level = bytearray(10 * MiB)
    return walk(n - 1) + len(level)


walk(3)
for i in range(3):
    step(i)
