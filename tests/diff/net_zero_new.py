from memory_profiler import profile

keep = []


@profile(precision=3)
def remember(n):
    total = 0
    for i in range(n):
        total += i
    keep.append(b"y" * 87000)
    return total


@profile(precision=3)
def load():
    data = [bytes([i % 256]) * 1024 for i in range(24 * 1024)]
    keep.append(data)
    return len(data)


if __name__ == "__main__":
    remember(1000)
    load()
