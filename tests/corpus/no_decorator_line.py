"""profile() applied by a call, not by a decorator line: the first row of
the block is the def line itself."""
from memory_profiler import profile


def plain(n):
    values = [1] * n
    return len(values)


plain = profile(plain)


def with_precision(n):
    return bytearray(n)


with_precision = profile(with_precision, precision=3)


def one_liner(n): return [0] * n


one_liner = profile(one_liner)

plain(200000)
with_precision(1024 * 1024)
one_liner(10)
