"""Profiled functions in two source files: the Filename: line differs."""
from memory_profiler import profile

from multi_file_helper import helper_work


@profile
def main_work():
    a = [1] * 500000
    n = helper_work(10 * 1024 * 1024)
    return len(a) + n


main_work()
print("second call of the helper only")
helper_work(1024)
