"""Functions profiled by the notebooks of this directory.

f is profiled with %mprun -f f (no decorator); g carries memory_profiler's
@profile, so every call of g prints its report to stdout, and in a
notebook that lands in the cell's outputs."""
from memory_profiler import profile


def f(n):
    a = [1] * (n * 10 ** 5)
    b = [2] * (n * 2 * 10 ** 5)
    del b
    return len(a)


@profile
def g(n):
    s = 0
    big = list(range(n * 10 ** 5))
    for x in big[:1000]:
        s += x
    del big
    return s
