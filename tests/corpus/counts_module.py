# Run as: python3 -m memory_profiler counts_module.py
# One block a function at exit: its first row counts every call.
@profile
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


@profile
def one(x): return [x] * 10


fib(3)
fib(1)
for i in range(3):
    one(i)
