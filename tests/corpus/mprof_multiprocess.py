"""Program for `mprof run --multiprocess`: two multiprocessing children, each
tracked separately (CHLD lines)."""
import multiprocessing
import time


def work(mib, seconds):
    data = bytearray(mib * 1024 * 1024)
    time.sleep(seconds)
    return len(data)


if __name__ == "__main__":
    procs = [
        multiprocessing.Process(target=work, args=(30, 0.6)),
        multiprocessing.Process(target=work, args=(50, 0.4)),
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    time.sleep(0.1)
    print("mprof_multiprocess done")
