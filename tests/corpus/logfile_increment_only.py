"""memory_profiler.LogFile with reportIncrementFlag=True: only the rows whose
Increment parses as > 0 are logged, plus the Filename: and header messages
(no rule, no blank lines, no zero/negative/unmeasured rows).  The log goes
to stderr through a StreamHandler; another logger writes to it too.

Beware: LogFile.write() does float(msg.split(unit)[1]) on any message that
contains the unit string "M" "iB", so a print() or a source line containing
it would crash the program; none here does.
"""
import logging
import sys

from memory_profiler import LogFile, profile

handler = logging.StreamHandler(sys.stderr)
handler.setFormatter(logging.Formatter(
    '%(asctime)s - %(name)s - %(levelname)s - %(message)s'))
root = logging.getLogger()
root.addHandler(handler)
root.setLevel(logging.DEBUG)
other = logging.getLogger("worker")

sys.stdout = LogFile('memory_profile_log', reportIncrementFlag=True)


@profile
def grow_and_shrink():
    keep = bytearray(40 * 1024 * 1024)
    x = 1
    tmp = [0] * (5 * 1024 * 1024)
    del tmp
    return len(keep) + x


other.info("before profiling")
grow_and_shrink()
print("a print() without the unit is dropped")
other.info("after profiling")
