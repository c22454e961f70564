"""Helper module: its profiled function reports a different Filename:."""
from memory_profiler import profile


@profile
def helper_work(n):
    buf = bytearray(n)
    count = len(buf)
    return count
