"""How many calls a report tells, under @profile (one block a call):
a tree recursion (fib: 9 calls for fib(4)... here fib(3): 5 calls), the
same function called again on its own, mutual recursion (even/odd), a
one-line decorated function and a one-line function without a decorator
line, each called three times."""
from memory_profiler import profile


@profile
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@profile
def even(n):
    if n == 0:
        return True
    return odd(n - 1)


@profile
def odd(n):
    if n == 0:
        return False
    return even(n - 1)


@profile
def one(x): return [x] * 10


def bare(x): return [x] * 10


bare = profile(bare)

fib(3)
fib(1)
even(3)
for i in range(3):
    one(i)
    bare(i)
