"""Values wider than their 12-character column.

precision=4 and a ~1.1 GB mapping: '1123.4567 MiB' is 13 characters,
so the row is shifted one column to the right.  Exactly one block.
(An anonymous mmap with MAP_POPULATE touches every page up front; it is
much faster than page-faulting a 1.1 GB bytearray one page at a time.)
"""
import mmap

from memory_profiler import profile

SIZE = 1100 * 1024 * 1024


@profile(precision=4)
def huge():
    buf = mmap.mmap(-1, SIZE, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS | mmap.MAP_POPULATE)
    size = len(buf)
    buf.close()
    return size


huge()
