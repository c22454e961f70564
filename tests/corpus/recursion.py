"""A recursive @profile function: every call prints its own block, and the
innermost calls finish (and print) first.  Also a profiled function that
calls another profiled function."""
from memory_profiler import profile


@profile
def countdown(n):
    if n == 0:
        return 0
    data = [n] * 100000
    return countdown(n - 1) + len(data)


@profile
def leaf():
    x = [1] * 1000
    return len(x)


@profile
def caller():
    a = leaf()
    b = leaf()
    return a + b


countdown(2)
caller()
