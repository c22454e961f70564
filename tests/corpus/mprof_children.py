"""Program for `mprof run --include-children`: it starts a child process
(a second Python interpreter) that allocates memory while the parent waits;
the child's memory is added into the MEM values."""
import subprocess
import sys
import time

CHILD = (
    "import time\n"
    "b = bytearray(60 * 1024 * 1024)\n"
    "time.sleep(0.5)\n"
)

parent = bytearray(10 * 1024 * 1024)
time.sleep(0.1)
subprocess.run([sys.executable, "-c", CHILD], check=True)
time.sleep(0.2)
print("mprof_children done")
