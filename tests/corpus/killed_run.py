"""Run `python3 -u killed.py` and kill it with SIGKILL while it prints its
third block; everything it wrote before it died goes to OUTFILE.

    python3 killed_run.py OUTFILE

killed.py's stdout is a pipe (shrunk to one 4096-byte page) that this
script copies into OUTFILE.  After copying 18000 bytes (the second block
ends at about 17900) it stops reading: killed.py goes on writing rows of
its third block until the pipe is full and then blocks in write(), in
the middle of that block.  It is killed there with SIGKILL, and what it
had written into the pipe is copied too.  So the log ends after the last
row that fit in the pipe, some 55 rows into the third block, with no
closing blank lines.  Which row varies a little from run to run (the row
of source line 69 or 70 in the runs made so far), presumably because the
pipe's space depends on how much of its page this script had read.

Why not `timeout -s KILL 1.5 python3 -u killed.py > killed.log`: the
profiled calls run about 100 times longer than their blocks take to print,
so such a kill nearly always lands between two blocks (a log that looks
complete), and the log grows by about 0.7 MB a second.

Exits 1 if killed.py ends by itself or is not blocked within 10 s.
"""
import fcntl
import os
import signal
import subprocess
import sys
import termios
import time

LIMIT = 18000
PIPE_SIZE = 4096

out = sys.argv[1]
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
proc = subprocess.Popen([sys.executable, "-u", "killed.py"], stdout=w)
os.close(w)


def pending():
    """Bytes written into the pipe and not read yet."""
    n = fcntl.ioctl(r, termios.FIONREAD, b"\0\0\0\0")
    return int.from_bytes(n, sys.byteorder)


with open(out, "wb") as f:
    copied = 0
    while copied < LIMIT:
        chunk = os.read(r, min(4096, LIMIT - copied))
        if not chunk:
            sys.exit("killed_run.py: killed.py ended after %d bytes" % copied)
        f.write(chunk)
        copied += len(chunk)
    # Stop reading; wait until the pipe is (nearly) full, i.e. killed.py
    # cannot write its next row and waits in write().
    deadline = time.monotonic() + 10
    while pending() < PIPE_SIZE - 200:
        if proc.poll() is not None or time.monotonic() > deadline:
            sys.exit("killed_run.py: killed.py did not fill the pipe")
        time.sleep(0.01)
    time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    while True:
        chunk = os.read(r, 4096)
        if not chunk:
            break
        f.write(chunk)
if proc.returncode != -signal.SIGKILL:
    sys.exit("killed_run.py: killed.py ended with status %s"
             % proc.returncode)
