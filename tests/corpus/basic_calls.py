"""Several @profile functions; one block is printed after EVERY call.

Program output (print) appears between the blocks.
"""
from memory_profiler import profile


@profile
def make_list(n):
    data = [0] * n
    total = sum(data)
    return total


@profile
def make_dict(n):
    d = {i: str(i) for i in range(n)}
    keys = list(d)
    return len(keys)


print("start")
make_list(1000000)
print("between calls 1 and 2")
make_list(2000000)
print("now make_dict")
make_dict(1000)
print("done")
