#!/usr/bin/env bash
# bench.sh -- how fast is memfold next to the tools people would use instead?
#
#   make && bash tests/bench/bench.sh [SIZE_MB]          (from the repo root)
#
# Generates a SIZE_MB (default 200) memory_profiler report with genlog,
# reads it once to put it in the page cache, then times, best wall time of
# 3 runs each:
#   memfold summary / lines -f csv / check,
#   seed_regex.py (the seed article's approach; once, on a 20 MB slice),
#   summary.awk and lines.awk under mawk and gawk (those installed),
#   wc -l and cat (the floor: reading the bytes at all).
# Prints a table, memfold's ratio to each peer timed in the same run, the peak
# RSS of memfold summary at 20 MB and at SIZE_MB, and the machine.  It only
# prints: no timing is asserted.
#
# Environment: MEMFOLD (default ./memfold), PYTHON (default python3),
# RUNS (default 3), TMPDIR (where the log is written).
set -u
cd "$(dirname "$0")/../.." || exit 2

SIZE=${1:-200}
SLICE=20
RUNS=${RUNS:-3}
MEMFOLD=${MEMFOLD:-./memfold}
PYTHON=${PYTHON:-python3}
BENCH=tests/bench
export LC_NUMERIC=C

die() { echo "bench: $*" >&2; exit 2; }
[ -x "$MEMFOLD" ] || die "$MEMFOLD not found: run make first"
case $SIZE in
    '' | *[!0-9.]* | *.*.*) die "SIZE_MB must be a number, not '$SIZE'" ;;
esac
calc() { LC_ALL=C awk "BEGIN { $1 }" </dev/null; }
# stamp: the wall clock in seconds into STAMP (bash 5's EPOCHREALTIME, no fork)
stamp() {
    if [ -n "${EPOCHREALTIME:-}" ]; then STAMP=${EPOCHREALTIME/,/.}; else STAMP=$(date +%s.%N); fi
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/memfold-bench.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$TMP"' EXIT
# time a copy, so that a rebuild during the run cannot change the binary
cp "$MEMFOLD" "$TMP/memfold" || die "cannot copy $MEMFOLD"
MEMFOLD_SRC=$MEMFOLD
MEMFOLD=$TMP/memfold

# ---- machine ------------------------------------------------------------------
echo "== machine"
echo "cpus:    $(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)"
echo "cpu:     $(LC_ALL=C awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
echo "kernel:  $(uname -srm)"
echo "memfold: $("$MEMFOLD" --version 2>&1 | head -n1) ($MEMFOLD_SRC, $(stat -c %y "$MEMFOLD_SRC" | cut -d. -f1))"
if ldd "$MEMFOLD" 2>/dev/null | grep -q -e libasan -e libubsan; then
    echo "WARNING: $MEMFOLD_SRC is built with sanitizers (SANITIZE=1): its times mean"
    echo "         nothing; rebuild with 'make clean && make' first."
fi
for a in mawk gawk; do
    command -v $a >/dev/null || continue
    case $a in
        mawk) v=$(mawk -W version 2>&1 | head -n1) ;;
        gawk) v=$(gawk --version 2>&1 | head -n1) ;;
    esac
    echo "$a:    $v"
done
echo "python:  $("$PYTHON" --version 2>&1)"
echo "cc:      $(cc --version 2>&1 | head -n1)"

# ---- input --------------------------------------------------------------------
echo
echo "== input"
cc -O2 -Wall -Wextra -o "$TMP/genlog" $BENCH/genlog.c || die "cannot build genlog"
LOG="$TMP/bench.log"
stamp; t0=$STAMP
"$TMP/genlog" "$SIZE" >"$LOG" || die "genlog failed"
stamp; t1=$STAMP
BYTES=$(stat -c %s "$LOG")
MB=$(calc "printf \"%.1f\", $BYTES / 1e6")
echo "genlog $SIZE: $MB MB, $(wc -l <"$LOG") lines, $(grep -c '^Filename: ' "$LOG") blocks," \
     "written at $(calc "printf \"%.0f\", $BYTES / 1e6 / ($t1 - $t0)") MB/s"
if calc "exit !($SIZE > $SLICE)"; then
    SLICELOG="$TMP/slice.log"
    # genlog stops at the first block boundary past the size and draws the same
    # numbers whatever the size: genlog 20 is the first blocks of genlog SIZE
    "$TMP/genlog" "$SLICE" >"$SLICELOG" || die "genlog failed"
    SLICENOTE="the first $(calc "printf \"%.1f\", $(stat -c %s "$SLICELOG") / 1e6") MB (genlog $SLICE, a prefix of the input)"
else
    SLICELOG=$LOG
    SLICENOTE="the whole input (no slice: the input is not above $SLICE MB)"
fi
SLICEBYTES=$(stat -c %s "$SLICELOG")
fs=$(df --output=fstype,target "$TMP" 2>/dev/null | awk 'NR == 2 { print $1 " filesystem mounted on " $2 }')
[ -n "$fs" ] || fs="$(stat -f -c %T "$TMP" 2>/dev/null) filesystem"
echo "file:    $LOG ($fs)"
cat "$LOG" "$SLICELOG" >/dev/null
echo "read once with cat beforehand, so every command reads it from the page cache"
"$MEMFOLD" check -q "$LOG" || echo "WARNING: memfold check finds errors in the input"

# ---- timing -------------------------------------------------------------------
declare -A SEC MBS
ORDER=()

# timeit LABEL RUNS BYTES COMMAND... : best wall time of RUNS runs, stdout to /dev/null
timeit() {
    local label=$1 runs=$2 bytes=$3 best="" i t0 t1 rc=0
    shift 3
    for ((i = 0; i < runs; i++)); do
        stamp; t0=$STAMP
        "$@" >/dev/null 2>"$TMP/stderr" || rc=$?
        stamp; t1=$STAMP
        best=$(calc "d = $t1 - $t0; b = \"$best\"; if (b != \"\" && b + 0 < d) d = b; printf \"%.4f\", d")
    done
    [ $rc = 0 ] || echo "  (note: '$label' exited with status $rc: $(head -c 200 "$TMP/stderr"))"
    SEC[$label]=$best
    MBS[$label]=$(calc "printf \"%.1f\", $bytes / 1e6 / $best")
    ORDER+=("$label")
    printf '  %-40s %4d %10.3f %10.1f\n' "$label" "$runs" "$best" "${MBS[$label]}"
}

AWKS=()
for a in mawk gawk; do command -v $a >/dev/null && AWKS+=("$a"); done
[ ${#AWKS[@]} = 0 ] && command -v awk >/dev/null && AWKS=(awk)

echo
echo "== timings ($MB MB input, best of $RUNS wall-clock runs, stdout to /dev/null)"
printf '  %-40s %4s %10s %10s\n' command runs seconds MB/s
timeit "memfold summary" "$RUNS" "$BYTES" "$MEMFOLD" summary "$LOG"
timeit "memfold lines -f csv" "$RUNS" "$BYTES" "$MEMFOLD" lines -f csv "$LOG"
timeit "memfold check" "$RUNS" "$BYTES" "$MEMFOLD" check "$LOG"
timeit "python3 seed_regex.py (slice, 1 run)" 1 "$SLICEBYTES" "$PYTHON" $BENCH/seed_regex.py "$SLICELOG"
for a in "${AWKS[@]}"; do
    timeit "$a -f summary.awk" "$RUNS" "$BYTES" env LC_ALL=C "$a" -f $BENCH/summary.awk "$LOG"
done
for a in "${AWKS[@]}"; do
    timeit "$a -f lines.awk" "$RUNS" "$BYTES" env LC_ALL=C "$a" -f $BENCH/lines.awk "$LOG"
done
timeit "wc -l" "$RUNS" "$BYTES" wc -l "$LOG"
timeit "cat" "$RUNS" "$BYTES" cat "$LOG"
echo "  python ran once, on $SLICENOTE; its MB/s is measured on that"
echo "  the awk scripts run with LC_ALL=C (bytes, as memfold reads them)"

# ---- ratios -------------------------------------------------------------------
# Every ratio is of two commands timed above, in this run, on this machine.
# ratio A B: how many times A's MB/s is B's
ratio() { calc "printf \"%.1f\", ${MBS[$1]} / ${MBS[$2]}"; }
# times A B: how many times as long A takes as B, on the same input
times() { calc "printf \"%.1f\", ${SEC[$1]} / ${SEC[$2]}"; }

echo
echo "== memfold against its peers (measured above: MB/s of memfold / MB/s of the peer)"
printf '  %-44s %8sx\n' "summary vs python regex (seed_regex.py)" \
    "$(ratio "memfold summary" "python3 seed_regex.py (slice, 1 run)")"
for a in "${AWKS[@]}"; do
    printf '  %-44s %8sx\n' "summary vs $a -f summary.awk" "$(ratio "memfold summary" "$a -f summary.awk")"
done
for a in "${AWKS[@]}"; do
    printf '  %-44s %8sx\n' "lines -f csv vs $a -f lines.awk" "$(ratio "memfold lines -f csv" "$a -f lines.awk")"
done
echo
echo "== against reading the bytes (time of memfold / time of the reader)"
printf '  %-44s %8sx\n' "summary time / wc -l time" "$(times "memfold summary" "wc -l")"
printf '  %-44s %8sx\n' "check time / wc -l time" "$(times "memfold check" "wc -l")"
printf '  %-44s %8sx\n' "summary time / cat time" "$(times "memfold summary" "cat")"

# ---- memory -------------------------------------------------------------------
# peak_rss FILE: peak resident set size (KiB) of memfold summary FILE
if [ -x /usr/bin/time ]; then
    RSSHOW="/usr/bin/time -f %M"
    peak_rss() {
        /usr/bin/time -f %M -o "$TMP/rss" "$MEMFOLD" summary "$1" >/dev/null 2>&1
        tail -n1 "$TMP/rss"
    }
else
    RSSHOW="python3 resource.getrusage(RUSAGE_CHILDREN) (no /usr/bin/time: Debian package 'time')"
    peak_rss() {
        "$PYTHON" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$MEMFOLD" summary "$1"
    }
fi
echo
echo "== peak RSS of memfold summary ($RSSHOW)"
large=$(peak_rss "$LOG")
if [ "$SLICELOG" != "$LOG" ]; then
    small=$(peak_rss "$SLICELOG")
    printf '  %-44s %8s KiB\n' "at $(calc "printf \"%.1f\", $SLICEBYTES / 1e6") MB (genlog $SLICE)" "$small"
fi
printf '  %-44s %8s KiB\n' "at $MB MB (genlog $SIZE)" "$large"
if [ "$SLICELOG" != "$LOG" ]; then
    printf '  %-44s %8s KiB\n' "difference" "$((large - small))"
fi
exit 0
