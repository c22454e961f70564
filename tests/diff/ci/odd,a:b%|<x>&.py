"""A file name with what the CI formats must escape: , : % | < > &."""
from memory_profiler import profile


@profile
def load(n):
    data = [1] * n
    return len(data)


load(1000000)
