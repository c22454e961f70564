"""Written by regen.sh with printf: this file has no final newline."""
from memory_profiler import profile


@profile
def tail(n):
    items = list(range(n))
    return len(items)