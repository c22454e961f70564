"""The user's program of the CI tests (tests/t/diff-formats.sh): two
@profile functions, make_list called twice, as tests/corpus/basic_calls.py.
grown/app.py is the same with make_list allocating three times as much.
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


make_list(1000000)
make_list(2000000)
make_dict(1000)
