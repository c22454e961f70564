"""memory_profiler.LogFile: sys.stdout is replaced by a LogFile, so every
write() of the report (and of print()) becomes one logging record with
the '%(asctime)s - %(name)s - %(levelname)s - ' prefix.  Another logger
writes its own lines into the same log file.

Usage: python3 logfile_prefix.py [LOGFILE]   (default: logfile_prefix.log)
"""
import logging
import sys

from memory_profiler import LogFile, profile

log_path = sys.argv[1] if len(sys.argv) > 1 else "logfile_prefix.log"
logging.basicConfig(
    level=logging.DEBUG,
    format='%(asctime)s - %(name)s - %(levelname)s - %(message)s',
    filename=log_path,
    filemode='w',
)
app = logging.getLogger("app")

sys.stdout = LogFile('memory_profile_log', reportIncrementFlag=False)


@profile
def load(n):
    rows = [str(i) for i in range(n)]
    blob = bytearray(30 * 1024 * 1024)
    return len(rows) + len(blob)


@profile(precision=3)
def crunch(n):
    total = 0
    for i in range(n):
        total += i
    return total


app.info("starting run")
load(1000)
app.warning("load finished")
print("a print() through LogFile")
crunch(10)
app.debug("done")
