"""profile(stream=f): the report goes to a file, not to stdout.

Usage: python3 stream_file.py [OUTPUT]   (default: stream_file.log)
"""
import sys

from memory_profiler import profile

out_path = sys.argv[1] if len(sys.argv) > 1 else "stream_file.log"
report = open(out_path, "w", encoding="utf-8")


@profile(stream=report)
def first():
    a = [1] * 1000000
    return len(a)


@profile(stream=report, precision=3)
def second():
    b = bytearray(8 * 1024 * 1024)
    return len(b)


print("stdout is not part of the report")
first()
second()
first()
report.close()
