from memory_profiler import profile

@profile
def small_steps():
    a = bytearray(1 * 1024 * 1024)
    b = bytearray(3 * 1024 * 1024)
    del a
    c = [str(i) for i in range(20000)]
    del b
    return len(c)

if __name__ == '__main__':
    small_steps()
