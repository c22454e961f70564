"""memory_profiler.LogFile through a StreamHandler on stderr with a custom
format, '[%(asctime)s] %(levelname)-8s %(name)s | %(message)s', and
datefmt '%H:%M:%S' (time of day only, no milliseconds): the report lines
carry the prefix '[HH:MM:SS] INFO     memory_profile_log | '.  Another logger
('job') writes INFO and WARNING lines into the same stream.

Usage: python3 logfile_custom_format.py 2> logfile_custom_format.log
"""
import logging
import sys

from memory_profiler import LogFile, profile

handler = logging.StreamHandler(sys.stderr)
handler.setFormatter(logging.Formatter(
    '[%(asctime)s] %(levelname)-8s %(name)s | %(message)s',
    datefmt='%H:%M:%S'))
root = logging.getLogger()
root.addHandler(handler)
root.setLevel(logging.INFO)
job = logging.getLogger("job")

sys.stdout = LogFile('memory_profile_log', reportIncrementFlag=False)


@profile
def fill(n):
    block = bytearray(n)
    words = ["w%d" % i for i in range(1000)]
    return len(block) + len(words)


job.info("starting")
fill(25 * 1024 * 1024)
job.warning("fill returned")
