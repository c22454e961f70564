"""Plain program for `mprof run`: no @profile, so only CMDLINE and MEM lines."""
import time

chunks = []
for i in range(8):
    chunks.append(bytearray(10 * 1024 * 1024))
    time.sleep(0.05)
del chunks
time.sleep(0.2)
print("mprof_plain done")
