"""Functions measured by render_old.py (real measurements, old templates)."""


def allocate(n):
    # comment row: no measurement
    a = [1] * n
    b = bytearray(8 * 1024 * 1024)

    del a
    return len(b)


def loop(n):
    total = 0
    for i in range(n):
        total += i
    return total
