# gen.sh OLD|NEW: sizes.py with four functions, each allocating N MiB and freeing it
if [ "$1" = old ]; then set -- 10 20 5 30; else set -- 14 21 25 30; fi
cat <<PY
from memory_profiler import profile


@profile
def parse_headers():
    buf = bytearray(b"h" * ($1 * 2**20))
    del buf


@profile
def read_rows():
    buf = bytearray(b"r" * ($2 * 2**20))
    del buf


@profile
def build_index():
    buf = bytearray(b"i" * ($3 * 2**20))
    del buf


@profile
def write_report():
    buf = bytearray(b"w" * ($4 * 2**20))
    del buf


if __name__ == "__main__":
    parse_headers()
    read_rows()
    build_index()
    write_report()
PY
