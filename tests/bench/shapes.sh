#!/usr/bin/env bash
# shapes.sh -- does memfold's time grow linearly with the shapes of input
# that once made it quadratic?
#
#   make && bash tests/bench/shapes.sh            (or: make bench-shapes)
#
# Each case is timed at two sizes, the second twice the first (best wall
# time of RUNS runs each), and prints
#   NAME: SIZE1 T1 s, SIZE2 T2 s, ratio R
# R is T2 / T1: about 2 for linear work, 4 for quadratic.  The script
# exits 1 if any ratio is 2.5 or more.  Timings are measured here, never
# asserted by the tests (tests/t/long-lines.sh, huge-block.sh check the
# same inputs are read right under a CPU cap).
#
# A case is a function shape_NAME SIZE that writes its input of that size
# to $IN and sets RUN to the memfold arguments that read it; add it to
# CASES with its two sizes and their unit.
#
# Environment: MEMFOLD (default ./memfold), RUNS (default 3), TMPDIR.
set -u
cd "$(dirname "$0")/../.." || exit 2
MEMFOLD=${MEMFOLD:-./memfold}
RUNS=${RUNS:-3}
LIMIT=2.5
export LC_ALL=C

#       name          size1    size2    unit
CASES="
        long_line     64       128      MB
        long_cmdline  64       128      MB
        long_func     16       32       MB
        huge_block    500000   1000000  rows
        many_runs     200000   400000   runs
        many_calls    200000   400000   samples
        many_funcs_diff 100000 200000   functions
        plot_samples  2000000  4000000  samples
"

die() { echo "shapes: $*" >&2; exit 2; }
[ -x "$MEMFOLD" ] || die "$MEMFOLD not found: run make first"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/memfold-shapes.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$TMP"' EXIT
IN=$TMP/in
RUN=()

# bytes N CHAR: N bytes of CHAR
bytes() { head -c "$1" /dev/zero | tr '\0' "$2"; }

# ---- the cases --------------------------------------------------------------

# One block whose Filename: path is SIZE MB long.
shape_long_line() {
    { printf 'Filename: '; bytes $(($1 << 20)) a; printf '\n\n'
      printf 'Line #    Mem usage    Increment  Occurrences   Line Contents\n'
      printf '=============================================================\n'
      printf '     1     21.5 MiB     21.5 MiB           1   def f():\n\n\n'; } >"$IN"
    RUN=(check "$IN")
}

# An mprof .dat file whose CMDLINE is SIZE MB long.
shape_long_cmdline() {
    { printf 'CMDLINE '; bytes $(($1 << 20)) c; printf '\nMEM 1.0 1.0\nMEM 2.0 2.0\n'; } >"$IN.dat"
    RUN=(check "$IN.dat")
}

# An mprof .dat file with a FUNC name SIZE MB long (a token flex holds).
shape_long_func() {
    { printf 'CMDLINE x\nMEM 1.0 1.0\nFUNC '; bytes $(($1 << 20)) f
      printf ' 1.0 1.0 2.0 2.0 1\nMEM 2.0 3.0\n'; } >"$IN.dat"
    RUN=(check "$IN.dat")
}

# One block of SIZE rows (the bound is 1,000,000: README, "Limits").
shape_huge_block() {
    awk -v n="$1" -f tests/bench/block.awk >"$IN"
    RUN=(summary "$IN")
}

# An mprof .dat file of SIZE runs (CMDLINE lines, as `mprof run` appends
# them), three samples each, and a FUNC line whose times lie in the next
# run (a short program's).
shape_many_runs() {
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) {
            t = 1000 + 10 * i; f = t + 10
            printf "CMDLINE python3 run%d.py\n", i
            printf "MEM 1.000000 %d.0000\nMEM %d.000000 %d.2500\nMEM 1.500000 %d.5000\n", t, 2 + i % 5, t, t
            printf "FUNC m.f%d 1.0000 %d.1000 1.5000 %d.4000 0\n", i % 7, f, f
        }
    }' >"$IN.dat"
    RUN=(summary "$IN.dat")
}

# SIZE samples and SIZE/2 nested calls, call j over samples [j, SIZE-1-j].
shape_many_calls() {
    awk -v n="$1" 'BEGIN {
        print "CMDLINE python3 nested.py"
        for (i = 0; i < n; i++)
            printf "MEM %d.%06d %d.0000\n", i % 100, i % 1000000, 1000 + i
        for (j = 0; j < n / 2; j++)
            printf "FUNC m.level%d 1.0000 %d.0000 1.0000 %d.0000 %d\n", j % 4, 1000 + j, 1000 + n - 1 - j, j % 4
    }' >"$IN.dat"
    RUN=(summary "$IN.dat")
}

# Two reports of SIZE functions each (one block per function), the second
# with other numbers: diff matches every function.
shape_many_funcs_diff() {
    local side grow=0
    for side in old new; do
        awk -v n="$1" -v grow=$grow 'BEGIN {
            for (i = 0; i < n; i++) {
                printf "Filename: /src/mod%d.py\n\n", i % 97
                print "Line #    Mem usage    Increment  Occurrences   Line Contents"
                print "============================================================="
                printf "%6d %12s %12s  %10d   %s\n", i + 1, "21.5 MiB", "21.5 MiB", 1, "@profile"
                printf "%6d%41s%s\n", i + 2, "", "def f" i "():"
                printf "%6d %12s %12s  %10d   %s\n\n\n", i + 3,
                       sprintf("%d.%d MiB", 22 + (i + grow) % 50, i % 10),
                       sprintf("%d.%d MiB", (i + grow) % 50, i % 10), 1, "    x = [0] * 1000"
            }
        }' >"$IN.$side"
        grow=3
    done
    RUN=(diff "$IN.old" "$IN.new")
}

# An mprof .dat file of SIZE samples of one process, drawn: the line is
# thinned to what 800 pixels show.
shape_plot_samples() {
    awk -v n="$1" 'BEGIN {
        print "CMDLINE python3 long.py"
        for (i = 0; i < n; i++)
            printf "MEM %d.%06d %.2f\n", 100 + (i * 7) % 300, i % 1000000, 1000 + i * 0.01
    }' >"$IN.dat"
    RUN=(plot "$IN.dat")
}

# ---- timing -----------------------------------------------------------------

now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }

# best_time: the best wall time of RUNS runs of memfold "${RUN[@]}"
best_time() {
    local best= i t0 t1 t
    for ((i = 0; i < RUNS; i++)); do
        t0=$(now)
        "$MEMFOLD" "${RUN[@]}" >/dev/null 2>&1
        t1=$(now)
        t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
        if [ -z "$best" ] || awk -v t="$t" -v b="$best" 'BEGIN { exit !(t < b) }'; then best=$t; fi
    done
    echo "$best"
}

# time_case NAME SIZE1 SIZE2 UNIT: print its line; false if the ratio is too high
time_case() {
    local name=$1 s1=$2 s2=$3 unit=$4 t1 t2 r
    "shape_$name" "$s1" || die "$name: cannot make its input"
    t1=$(best_time)
    "shape_$name" "$s2" || die "$name: cannot make its input"
    t2=$(best_time)
    rm -f "$IN" "$IN".*
    r=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
    echo "$name: $s1 $unit $t1 s, $s2 $unit $t2 s, ratio $r"
    awk -v r="$r" -v l="$LIMIT" 'BEGIN { exit !(r < l) }' || {
        echo "shapes: $name grows faster than linearly (ratio $r >= $LIMIT)" >&2; return 1; }
}

echo "== shapes (time at 2x size / time at 1x; linear is about 2, fails at $LIMIT)"
failed=0
while read -r name s1 s2 unit; do
    [ -n "$name" ] || continue
    time_case "$name" "$s1" "$s2" "$unit" || failed=1
done <<<"$CASES"
exit "$failed"
