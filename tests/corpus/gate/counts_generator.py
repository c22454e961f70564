from memory_profiler import profile

MiB = 1024 * 1024


@profile
def chunks(k):
    for i in range(k):
        buf = bytearray(10 * MiB)
        yield len(buf)


@profile
def consume():
    total = 0
    for n in chunks(3):
        total += n
    return total


if __name__ == "__main__":
    print("generator called directly:", sum(chunks(3)))
    print("consumed in a profiled function:", consume())
