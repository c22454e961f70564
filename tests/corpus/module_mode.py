# Run as: python3 -m memory_profiler module_mode.py
# Bare @profile (no import): the builtin injected by memory_profiler.
# One block per function, all printed at exit, after the program output.


@profile
def build(n):
    squares = [i * i for i in range(n)]
    big = [0] * (n * 1000)
    del big
    return squares


@profile
def summarize(values):
    total = 0
    for v in values:
        total += v
    return total


@profile
def never_called():
    return 1


print("program output comes first")
for _ in range(3):
    s = summarize(build(2000))
print("sum", s)
