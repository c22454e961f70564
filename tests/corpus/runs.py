"""One program run three times (`python3 runs.py N`, N = 1, 2, 3): the
same functions each time, with memory numbers that differ a little from
run to run, and `extra` called only in run 2."""
import sys

from memory_profiler import profile


@profile
def work(n):
    data = [0] * (n * 100000)
    more = bytearray(n * 1024 * 1024)
    del data
    return len(more)


@profile
def extra():
    return sum(range(1000))


run = int(sys.argv[1])
for i in range(2):
    work(run + i)
if run == 2:
    extra()
