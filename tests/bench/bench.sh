#!/usr/bin/env bash
# bench.sh -- how fast is memfold next to the tools people would use instead?
#
#   make && bash tests/bench/bench.sh [SIZE_MB]          (from the repo root)
#
# Generates a SIZE_MB (default 200) memory_profiler report with genlog,
# reads it once to put it in the page cache, then times, best wall time of
# 3 runs each:
#   memfold summary / lines -f csv / check, each at -j1 and at its default
#     job count (without -j; only the default if memfold has no -j),
#   seed_regex.py (the seed article's approach; once, on a 20 MB slice),
#   summary.awk and lines.awk under mawk and gawk (those installed),
#   wc -l and cat (the floor: reading the bytes at all),
#   two memfold summary -j1 at once, each on half of the input (the most
#   the cpus can give a parallel read: its ceiling).
# Prints a table, memfold's ratio to each peer timed in the same run, check's
# time over summary's, the peak RSS of each memfold command at 20 MB and at
# SIZE_MB (-j1 and default), the shapes' growth (shapes.sh) and the machine.
# It only prints: no timing is asserted, and it exits 0 whatever it measured.
#
# Environment: MEMFOLD (default ./memfold), PYTHON (default python3),
# RUNS (default 3), TMPDIR (where the log is written), SHAPES (default 1;
# 0 leaves out the shapes section).
set -u
cd "$(dirname "$0")/../.." || exit 2

SIZE=${1:-200}
SLICE=20
RUNS=${RUNS:-3}
MEMFOLD=${MEMFOLD:-./memfold}
PYTHON=${PYTHON:-python3}
SHAPES=${SHAPES:-1}
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
# version TOOL ARGS...: the first line TOOL prints for its version, or "not found"
version() { command -v "$1" >/dev/null && "$@" 2>&1 | head -n1 || echo "not found"; }

TMP=$(mktemp -d "${TMPDIR:-/tmp}/memfold-bench.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$TMP"' EXIT
# time a copy, so that a rebuild during the run cannot change the binary
cp "$MEMFOLD" "$TMP/memfold" || die "cannot copy $MEMFOLD"
MEMFOLD_SRC=$MEMFOLD
MEMFOLD=$TMP/memfold

# The commands timed, and whether each takes -j N (memfold's --help says so).
COMMANDS=("summary" "lines -f csv" "check")
declare -A HAS_JOBS
for c in "${COMMANDS[@]}"; do
    read -r -a words <<<"$c"
    if "$MEMFOLD" "${words[0]}" --help 2>&1 | grep -Eq -- '(^|[ ,[])(-j|--jobs)([] ,=[]|N|$)'; then
        HAS_JOBS[$c]=1
    else
        HAS_JOBS[$c]=0
    fi
done
NCPU=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)

# ---- machine ------------------------------------------------------------------
echo "== machine"
echo "cpus:    $NCPU"
echo "cpu:     $(LC_ALL=C awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)"
echo "kernel:  $(uname -srm)"
echo "memfold: $("$MEMFOLD" --version 2>&1 | head -n1) ($MEMFOLD_SRC, $(stat -c %y "$MEMFOLD_SRC" | cut -d. -f1))"
# build/flags holds the compiler, its flags and flex's, as `make` last built
# them (Makefile); it describes $MEMFOLD only if that is this tree's ./memfold
if [ "$MEMFOLD_SRC" -ef ./memfold ] && [ -f build/flags ]; then
    echo "build:   $(cat build/flags)"
else
    echo "build:   (unknown: $MEMFOLD_SRC is not this tree's ./memfold)"
fi
if ldd "$MEMFOLD" 2>/dev/null | grep -q -e libasan -e libubsan; then
    echo "WARNING: $MEMFOLD_SRC is built with sanitizers (SANITIZE=1): its times mean"
    echo "         nothing; rebuild with 'make clean && make' first."
fi
echo "cc:      $(version cc --version)"
echo "flex:    $(version flex --version)"
echo "bison:   $(version bison --version)"
for a in mawk gawk; do
    command -v $a >/dev/null || continue
    case $a in
        mawk) v=$(mawk -W version 2>&1 | head -n1) ;;
        gawk) v=$(gawk --version 2>&1 | head -n1) ;;
    esac
    echo "$a:    $v"
done
echo "python:  $("$PYTHON" --version 2>&1)"
NOJOBS=
for c in "${COMMANDS[@]}"; do
    [ "${HAS_JOBS[$c]}" = 1 ] || NOJOBS="$NOJOBS${NOJOBS:+, }${c%% *}"
done
if [ -n "$NOJOBS" ]; then
    echo "note:    the --help of memfold $NOJOBS does not mention -j/--jobs: timed at"
    echo "         the default only (no -j1 rows)"
fi

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
nf=$("$MEMFOLD" summary -f csv "$SLICELOG" 2>/dev/null | wc -l)
echo "memfold summary finds $((nf > 0 ? nf - 1 : 0)) functions in the $SLICEBYTES bytes of $(basename "$SLICELOG")"

# ---- timing -------------------------------------------------------------------
declare -A SEC MBS

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
    printf '  %-40s %4d %10.3f %10.1f\n' "$label" "$runs" "$best" "${MBS[$label]}"
}

AWKS=()
for a in mawk gawk; do command -v $a >/dev/null && AWKS+=("$a"); done
[ ${#AWKS[@]} = 0 ] && command -v awk >/dev/null && AWKS=(awk)

echo
echo "== timings ($MB MB input, best of $RUNS wall-clock runs, stdout to /dev/null)"
printf '  %-40s %4s %10s %10s\n' command runs seconds MB/s
for c in "${COMMANDS[@]}"; do
    read -r -a words <<<"$c"
    if [ "${HAS_JOBS[$c]}" = 1 ]; then
        timeit "memfold $c -j1" "$RUNS" "$BYTES" "$MEMFOLD" "${words[@]}" -j1 "$LOG"
    fi
    timeit "memfold $c" "$RUNS" "$BYTES" "$MEMFOLD" "${words[@]}" "$LOG"
done
# The most two threads can give on this machine: two memfold processes at
# once, each reading half of the input (cut at a Filename: line) with one
# thread, share nothing but the cpus.  A parallel read cannot beat them.
if [ "$NCPU" -ge 2 ]; then
    half=$((BYTES / 2))
    rel=$(tail -c +"$((half + 1))" "$LOG" | grep -b -m1 '^Filename: ' | cut -d: -f1)
    if [ -n "$rel" ]; then
        head -c "$((half + rel))" "$LOG" >"$TMP/half1.log"
        tail -c +"$((half + rel + 1))" "$LOG" >"$TMP/half2.log"
        cat "$TMP/half1.log" "$TMP/half2.log" >/dev/null
        timeit "2 x memfold summary -j1, a half each" "$RUNS" "$BYTES" \
            bash -c '"$1" summary -j1 "$2" >/dev/null & "$1" summary -j1 "$3" >/dev/null; wait' - \
            "$MEMFOLD" "$TMP/half1.log" "$TMP/half2.log"
        rm -f "$TMP/half1.log" "$TMP/half2.log"
    fi
fi
timeit "python3 seed_regex.py (slice, 1 run)" 1 "$SLICEBYTES" "$PYTHON" $BENCH/seed_regex.py "$SLICELOG"
for a in "${AWKS[@]}"; do
    timeit "$a -f summary.awk" "$RUNS" "$BYTES" env LC_ALL=C "$a" -f $BENCH/summary.awk "$LOG"
done
for a in "${AWKS[@]}"; do
    timeit "$a -f lines.awk" "$RUNS" "$BYTES" env LC_ALL=C "$a" -f $BENCH/lines.awk "$LOG"
done
timeit "wc -l" "$RUNS" "$BYTES" wc -l "$LOG"
timeit "cat" "$RUNS" "$BYTES" cat "$LOG"
echo "  memfold without -j runs at its default job count ($NCPU online cpus here;"
echo "  one job for small inputs, pipes and gzip)"
echo "  python ran once, on $SLICENOTE; its MB/s is measured on that"
echo "  the awk scripts run with LC_ALL=C (bytes, as memfold reads them)"
if [ -n "${SEC[2 x memfold summary -j1, a half each]:-}" ]; then
    echo "  2 x memfold summary -j1: two processes at once on the two halves of the"
    echo "  input, the most $NCPU cpus give here (a parallel read cannot do better)"
fi

# ---- ratios -------------------------------------------------------------------
# Every ratio is of two commands timed above, in this run, on this machine;
# "--" where one of them was not timed (a memfold without -j).
# ratio A B: how many times A's MB/s is B's
ratio() {
    if [ -n "${MBS[$1]:-}" ] && [ -n "${MBS[$2]:-}" ]; then
        calc "printf \"%.1f\", ${MBS[$1]} / ${MBS[$2]}"
    else echo "--"; fi
}
# times A B [DECIMALS]: how many times as long A takes as B, on the same input
times() {
    if [ -n "${SEC[$1]:-}" ] && [ -n "${SEC[$2]:-}" ]; then
        calc "printf \"%.${3:-1}f\", ${SEC[$1]} / ${SEC[$2]}"
    else echo "--"; fi
}
# row LABEL VALUE: a line of a ratio table; none if the value is "--"
row() { [ "$2" = -- ] || printf '  %-48s %8sx\n' "$1" "$2"; }

PY="python3 seed_regex.py (slice, 1 run)"
echo
echo "== memfold against its peers (measured above: MB/s of memfold / MB/s of the peer)"
for j in " -j1" ""; do
    for a in "${AWKS[@]}"; do
        row "summary$j vs $a -f summary.awk" "$(ratio "memfold summary$j" "$a -f summary.awk")"
    done
    row "summary$j vs python regex (seed_regex.py)" "$(ratio "memfold summary$j" "$PY")"
done
HALVES="2 x memfold summary -j1, a half each"
for a in "${AWKS[@]}"; do
    row "2 x summary -j1 on halves (ceiling) vs $a" "$(ratio "$HALVES" "$a -f summary.awk")"
done
row "ceiling time / summary time (1.00: at the ceiling)" "$(times "$HALVES" "memfold summary" 2)"
for j in " -j1" ""; do
    for a in "${AWKS[@]}"; do
        row "lines -f csv$j vs $a -f lines.awk" "$(ratio "memfold lines -f csv$j" "$a -f lines.awk")"
    done
done
echo
echo "== check against summary (time of check / time of summary, the same -j)"
row "check -j1 / summary -j1" "$(times "memfold check -j1" "memfold summary -j1" 2)"
row "check / summary (default jobs)" "$(times "memfold check" "memfold summary" 2)"
echo
echo "== against reading the bytes (time of memfold / time of the reader)"
row "summary -j1 time / wc -l time" "$(times "memfold summary -j1" "wc -l")"
row "summary time / wc -l time" "$(times "memfold summary" "wc -l")"
row "check time / wc -l time" "$(times "memfold check" "wc -l")"
row "summary time / cat time" "$(times "memfold summary" "cat")"

# ---- memory -------------------------------------------------------------------
# peak_rss FILE ARGS...: peak resident set size (KiB) of memfold ARGS FILE
if [ -x /usr/bin/time ]; then
    RSSHOW="/usr/bin/time -f %M"
    peak_rss() {
        local f=$1
        shift
        /usr/bin/time -f %M -o "$TMP/rss" "$MEMFOLD" "$@" "$f" >/dev/null 2>&1
        tail -n1 "$TMP/rss"
    }
else
    RSSHOW="python3 resource.getrusage(RUSAGE_CHILDREN) (no /usr/bin/time: Debian package 'time')"
    peak_rss() {
        local f=$1
        shift
        "$PYTHON" -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$MEMFOLD" "$@" "$f"
    }
fi
echo
echo "== peak RSS of memfold ($RSSHOW, KiB)"
SMALLMB=$(calc "printf \"%.1f\", $SLICEBYTES / 1e6")
if [ "$SLICELOG" != "$LOG" ]; then
    printf '  %-24s %12s %12s %12s\n' command "$SMALLMB MB" "$MB MB" difference
else
    printf '  %-24s %12s\n' command "$MB MB"
fi
for c in "${COMMANDS[@]}"; do
    read -r -a words <<<"$c"
    for j in -j1 ""; do
        [ -n "$j" ] && [ "${HAS_JOBS[$c]}" != 1 ] && continue
        large=$(peak_rss "$LOG" "${words[@]}" $j)
        if [ "$SLICELOG" != "$LOG" ]; then
            small=$(peak_rss "$SLICELOG" "${words[@]}" $j)
            printf '  %-24s %12s %12s %+12d\n' "$c${j:+ $j}" "$small" "$large" "$((large - small))"
        else
            printf '  %-24s %12s\n' "$c${j:+ $j}" "$large"
        fi
    done
done
if [ "$SLICELOG" != "$LOG" ]; then
    echo "  (without -j: the default job count; genlog $SLICE is a prefix of genlog $SIZE)"
else
    echo "  (without -j: the default job count; one size only: the input is not above $SLICE MB)"
fi

# ---- shapes -------------------------------------------------------------------
# shapes.sh (also `make bench-shapes` alone) prints its own section; here
# its verdict is printed as a measurement too, and bench.sh still exits 0.
if [ "$SHAPES" != 0 ]; then
    echo
    MEMFOLD=$MEMFOLD RUNS=$RUNS bash $BENCH/shapes.sh
    rc=$?
    [ $rc = 0 ] || echo "  (note: shapes.sh exited with status $rc: a ratio of 2.5 or more, see above)"
fi
exit 0
