# Program for `mprof run --python`: mprof starts python with
# memory_profiler's hooks, and each @profile call becomes a FUNC line that
# the program writes itself (at its exit, before mprof's MEM samples).
import time



@profile
def grow(n):
    data = bytearray(n * 1024 * 1024)
    time.sleep(0.05)
    return len(data)


@profile
def work():
    total = 0
    for n in (8, 16, 4):
        total += grow(n)
    time.sleep(0.05)
    return total


work()
grow(2)
time.sleep(0.1)
