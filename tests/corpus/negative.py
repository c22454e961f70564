"""Negative increments: allocate big objects, then free them."""
from memory_profiler import profile


@profile
def alloc_and_free():
    big = [7] * (20 * 1024 * 1024)
    buf = bytearray(150 * 1024 * 1024)
    del big
    del buf
    small = [1, 2, 3]
    return small


@profile(precision=3)
def shrink_in_loop():
    chunks = [bytearray(20 * 1024 * 1024) for _ in range(4)]
    while chunks:
        chunks.pop()
    return len(chunks)


alloc_and_free()
shrink_in_loop()
