"""A nested def (and a lambda) inside the profiled function: their lines
belong to the same block and are measured when they run."""
from memory_profiler import profile


@profile
def outer(n):
    def inner(k):
        tmp = [k] * 1000
        return sum(tmp)

    scale = lambda v: v * 2
    results = []
    for i in range(n):
        results.append(scale(inner(i)))
    return results


@profile
def make_closure():
    def never_called():
        return "never measured"
    return never_called


outer(3)
make_closure()
