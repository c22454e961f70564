"""@profile(precision=N) for N = 0, 1, 2, 3, 4 and 6.

The value format is '{:<precision+4>.<precision>f} MiB'; with precision=6
the values are wider than the 12-character column.
"""
from memory_profiler import profile

keep = []  # keep every allocation alive so each block shows growth


@profile(precision=0)
def p0():
    a = [0] * 400000
    keep.append(a)
    return len(a)


@profile(precision=1)
def p1():
    a = [0] * 400000
    keep.append(a)
    return len(a)


@profile(precision=2)
def p2():
    a = [0] * 400000
    keep.append(a)
    return len(a)


@profile(precision=3)
def p3():
    a = [0] * 400000
    keep.append(a)
    return len(a)


@profile(precision=4)
def p4():
    a = [0] * 400000
    keep.append(a)
    return len(a)


@profile(precision=6)
def p6():
    a = [0] * 400000
    keep.append(a)
    return len(a)


for fn in (p0, p1, p2, p3, p4, p6):
    fn()
