from memory_profiler import profile

MiB = 1024 * 1024
_cache = []


@profile
def first():
    scratch = bytearray(30 * MiB)
    return len(scratch)


@profile
def second():
    table = bytearray(25 * MiB)
    return len(table)


if __name__ == "__main__":
    first()
    second()
