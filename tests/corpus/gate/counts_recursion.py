from memory_profiler import profile

MiB = 1024 * 1024


@profile
def walk(n):
    if n == 0:
        return 0
    level = bytearray(10 * MiB)
    return walk(n - 1) + len(level)


if __name__ == "__main__":
    walk(3)
