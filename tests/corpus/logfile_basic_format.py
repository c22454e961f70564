"""memory_profiler.LogFile with the logging module's default format: only
`logging.basicConfig(level=logging.INFO, filename=...)`, so every record is
'%(levelname)s:%(name)s:%(message)s' and the report lines carry the prefix
'INFO:memory_profile_log:' (no time stamp, no digits).  Two profiled
functions, one of them called twice; another logger ('app') writes its own
INFO and WARNING lines (and a DEBUG line that the INFO level drops) into the
same file.

Usage: python3 logfile_basic_format.py [LOGFILE]
       (default: logfile_basic_format.log)
"""
import logging
import sys

from memory_profiler import LogFile, profile

log_path = sys.argv[1] if len(sys.argv) > 1 else "logfile_basic_format.log"
logging.basicConfig(level=logging.INFO, filename=log_path, filemode='w')
app = logging.getLogger("app")

sys.stdout = LogFile('memory_profile_log', reportIncrementFlag=False)


@profile
def build(n):
    items = [i * 2 for i in range(n)]
    buf = bytearray(20 * 1024 * 1024)
    return len(items) + len(buf)


@profile
def total(n):
    s = 0
    for i in range(n):
        s += i
    return s


app.info("first build")
build(1000)
app.warning("second build")
build(2000)
app.debug("not logged: below INFO")
total(5)
app.info("done")
