import time, multiprocessing as mp
def work(n):
    x = bytearray(n * 1024 * 1024)
    time.sleep(0.4)
    return len(x)
def main():
    procs = [mp.Process(target=work, args=(n,)) for n in (20, 40)]
    for p in procs:
        p.start()
        time.sleep(0.1)
    x = bytearray(30 * 1024 * 1024)
    for p in procs:
        p.join()
    time.sleep(0.1)
if __name__ == '__main__':
    main()
