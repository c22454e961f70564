from memory_profiler import profile

MiB = 1024 * 1024


@profile
def parse():
    raw = bytearray(12 * MiB)
    return len(raw)


@profile
def build():
    index = [0] * (5 * MiB)
    return len(index)


@profile
def report():
    names = dict(zip(range(300000), map(str, range(300000))))
    return len(names)


if __name__ == "__main__":
    parse()
    build()
    report()
