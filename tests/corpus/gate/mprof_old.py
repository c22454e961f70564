# Run with `mprof run` (bare @profile: mprof runs this file under
# `python -m memory_profiler --timestamp`, which writes FUNC lines).
import time

MiB = 1024 * 1024


@profile
def fetch():
    payload = bytearray(20 * MiB)
    time.sleep(0.5)
    return len(payload)


@profile
def transform():
    out = bytearray(30 * MiB)
    time.sleep(0.5)
    return len(out)


fetch()
transform()
