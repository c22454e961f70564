from memory_profiler import profile

MiB = 1024 * 1024


@profile
def inner(n):
    part = bytearray(n * MiB)
    return len(part)


@profile
def outer():
    a = inner(10)
    b = inner(20)
    return a + b


if __name__ == "__main__":
    outer()
