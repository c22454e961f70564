"""A run that crashes before any profiled function returns: memory_profiler
prints no report, only Python's traceback (stderr captured with stdout)."""
from memory_profiler import profile


@profile
def load(n):
    raise MemoryError("simulated: the allocation of %d items failed" % n)


load(10 ** 9)
