def allocate(n):
    # comment row: no measurement
    a = [1] * n
    b = bytearray(8 * 1024 * 1024)

    del a
    return len(b)

# Before 0.58 (no Occurrences column):
#
# Filename: /work/main/tests/corpus/old_format_target.py
#
# Line #    Mem usage    Increment   Line Contents
# ================================================
#      4     21.7 MiB     43.3 MiB   def allocate(n):
#      5                                 # comment row: no measurement
#      6     29.3 MiB      7.6 MiB       a = [1] * n
#      7     37.3 MiB      8.4 MiB       b = bytearray(8 * 1024 * 1024)
#      8
#      9     29.7 MiB    -15.3 MiB       del a
#     10     29.7 MiB     -0.0 MiB       return len(b)
#
#
# Filename: /work/main/tests/corpus/old_format_target.py
#
# Line #    Mem usage    Increment   Line Contents
# ================================================
#     13     21.7 MiB     21.7 MiB   def loop(n):
#     14     21.7 MiB      0.0 MiB       total = 0
#     15     21.7 MiB      0.0 MiB       for i in range(n):
#     16     21.7 MiB      0.0 MiB           total += i
#     17     21.7 MiB      0.0 MiB       return total


def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total
