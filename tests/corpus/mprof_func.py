# Program for `mprof run` with bare @profile (no import): mprof runs it under
# `python -m memory_profiler --timestamp`, which writes one FUNC line per call
# (module.function, start memory, start time, end memory, end time, stack level).
import time


@profile
def inner(n):
    data = bytearray(n * 1024 * 1024)
    time.sleep(0.1)
    return len(data)


@profile
def outer():
    total = 0
    for n in (10, 20):
        total += inner(n)
    time.sleep(0.1)
    return total


outer()
inner(5)
# ~0.8 s in all (~80 samples at -T 0.01): mprof flushes its buffer every
# 51 samples and this process appends the FUNC lines when it exits, so they
# land after the 51st MEM line (after the 102nd if the run is much slower).
time.sleep(0.2)
print("mprof_func done")
