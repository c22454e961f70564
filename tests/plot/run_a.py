import time
def main():
    x = []
    for i in range(8):
        x.append(bytearray(8 * 1024 * 1024))
        time.sleep(0.05)
    del x
    time.sleep(0.2)
main()
