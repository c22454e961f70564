# Run twice as: python3 -m memory_profiler -o append_o.log append_o.py
# -o opens the file in append mode: the second run adds its blocks
# after the first run's blocks.


@profile
def work():
    x = [0] * 300000
    y = bytearray(4 * 1024 * 1024)
    return len(x) + len(y)


@profile
def other():
    return sum(range(1000))


work()
other()
print("run finished")
