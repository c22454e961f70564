"""Functions profiled from IPython with %mprun (ipython_mprun*.ipy).

%mprun can only profile functions defined in a file, so they live here.
"""


def make_list(n):
    data = [0] * n
    total = sum(data)
    return total


def build(k):
    parts = []
    for i in range(k):
        parts.append(make_list(500000 * (i + 1)))
    return len(parts)


def long_steps(n):
    """30 allocations: a report taller than a 24-line screen."""
    s00 = [0] * n
    s01 = [1] * n
    s02 = [2] * n
    s03 = [3] * n
    s04 = [4] * n
    s05 = [5] * n
    s06 = [6] * n
    s07 = [7] * n
    s08 = [8] * n
    s09 = [9] * n
    s10 = [10] * n
    s11 = [11] * n
    s12 = [12] * n
    s13 = [13] * n
    s14 = [14] * n
    s15 = [15] * n
    s16 = [16] * n
    s17 = [17] * n
    s18 = [18] * n
    s19 = [19] * n
    s20 = [20] * n
    s21 = [21] * n
    s22 = [22] * n
    s23 = [23] * n
    s24 = [24] * n
    s25 = [25] * n
    s26 = [26] * n
    s27 = [27] * n
    s28 = [28] * n
    s29 = [29] * n
    return n
