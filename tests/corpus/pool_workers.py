import time
from multiprocessing import Pool
from memory_profiler import profile

@profile
def work(n):
    data = [0] * (n * 10000)
    total = sum(data)
    del data
    time.sleep(0.05 - time.time() % 0.05)
    return total

if __name__ == "__main__":
    with Pool(4) as pool:
        results = pool.map(work, range(1, 41), chunksize=1)
    print("done", len(results))
