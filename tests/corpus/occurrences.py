"""Occurrence counts above 100000.

A one-line loop: each backward jump is one line event, so the count
is n + 1 for the loop line.
"""
from memory_profiler import profile


@profile
def count_up(n):
    total = 0
    for i in range(n): total += i
    squares = [i * i for i in range(n // 20)]
    return total + len(squares)


count_up(105000)
