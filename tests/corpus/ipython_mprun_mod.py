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
