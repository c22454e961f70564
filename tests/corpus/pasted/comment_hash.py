def make_list(n):
    data = [0] * n
    total = sum(data)
    return total

# Profile of make_list(1000000):
#
# Filename: /work/main/tests/corpus/basic_calls.py
#
# Line #    Mem usage    Increment  Occurrences   Line Contents
# =============================================================
#      8     21.3 MiB     21.3 MiB           1   @profile
#      9                                         def make_list(n):
#     10     28.9 MiB      7.6 MiB           1       data = [0] * n
#     11     28.9 MiB      0.0 MiB           1       total = sum(data)
#     12     28.9 MiB      0.0 MiB           1       return total


def make_dict(n):
    d = {i: str(i) for i in range(n)}
    keys = list(d)
    return len(keys)
# memory_profiler says:
# Filename: /work/main/tests/corpus/basic_calls.py
#
# Line #    Mem usage    Increment  Occurrences   Line Contents
# =============================================================
#     15     21.4 MiB     21.4 MiB           1   @profile
#     16                                         def make_dict(n):
#     17     21.5 MiB      0.1 MiB        1003       d = {i: str(i) for i in range(n)}
#     18     21.5 MiB      0.0 MiB           1       keys = list(d)
#     19     21.5 MiB      0.0 MiB           1       return len(keys)
#
# (the comprehension line runs 1003 times)
