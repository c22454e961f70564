#!/usr/bin/env bash
# shapes_fold.sh -- the "shapes" of input whose cost grows with one count:
# many runs in a .dat file, many nested calls over many samples, many
# functions for diff, many samples for plot.  Each shape is timed at a size
# and at twice that size; the ratio of the two times should be about 2
# (linear; n log n a little more), and at 2.5 or more the script fails.
#
#   make && bash tests/bench/shapes_fold.sh [SHAPE...]     (from the repo root)
#
# Prints one line per shape:
#   NAME: size1 T1 s, size2 T2 s, ratio R
# A time is the best of RUNS (default 3) of memfold's CPU time (user +
# system, from bash's `times`), which a loaded machine changes less than
# the wall clock.  Exit status 1 when a ratio is 2.5 or more.
# Environment: MEMFOLD (default ./memfold), RUNS, TMPDIR.
set -u
cd "$(dirname "$0")/../.." || exit 2
MEMFOLD=${MEMFOLD:-./memfold}
RUNS=${RUNS:-3}
export LC_ALL=C
[ -x "$MEMFOLD" ] || { echo "shapes: $MEMFOLD not found: run make first" >&2; exit 2; }
TMP=$(mktemp -d "${TMPDIR:-/tmp}/memfold-shapes.XXXXXX") || exit 2
trap 'rm -rf "$TMP"' EXIT

# cpu_time COMMAND...: the best CPU time of RUNS runs of COMMAND (its
# output discarded) into CPU, in seconds.
cpu_time() {
    local i best= t
    for ((i = 0; i < RUNS; i++)); do
        # `times` in a subshell of its own: its second line is the CPU
        # time of the children of that subshell, the command alone
        ( "$@" >/dev/null 2>&1; times >"$TMP/times" )
        t=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$TMP/times")
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$t; fi
    done
    CPU=$best
}

# report NAME SIZE1 T1 SIZE2 T2: the line, and status 1 when T2 / T1 >= 2.5.
report() {
    awk -v n="$1" -v s1="$2" -v t1="$3" -v s2="$4" -v t2="$5" 'BEGIN {
        r = t1 > 0 ? t2 / t1 : (t2 > 0 ? 99 : 1)
        printf "%s: %s %.3f s, %s %.3f s, ratio %.2f\n", n, s1, t1, s2, t2, r
        exit r >= 2.5
    }'
}

# ---- inputs -------------------------------------------------------------------

# N runs (CMDLINE lines, as `mprof run` appends them), three samples each and
# a FUNC line whose times lie in the next run (a short program's).
gen_runs() {
    awk -v n="$1" 'BEGIN {
        for (i = 0; i < n; i++) {
            t = 1000 + 10 * i; f = t + 10
            printf "CMDLINE python3 run%d.py\n", i
            printf "MEM 1.000000 %d.0000\nMEM %d.000000 %d.2500\nMEM 1.500000 %d.5000\n", t, 2 + i % 5, t, t
            printf "FUNC m.f%d 1.0000 %d.1000 1.5000 %d.4000 0\n", i % 7, f, f
        }
    }'
}

# N samples and N/2 nested calls, call j over samples [j, N - 1 - j].
gen_calls() {
    awk -v n="$1" 'BEGIN {
        print "CMDLINE python3 nested.py"
        for (i = 0; i < n; i++)
            printf "MEM %d.%06d %d.0000\n", i % 100, i % 1000000, 1000 + i
        for (j = 0; j < n / 2; j++)
            printf "FUNC m.level%d 1.0000 %d.0000 1.0000 %d.0000 %d\n", j % 4, 1000 + j, 1000 + n - 1 - j, j % 4
    }'
}

# N functions, one call each; SHIFT changes their memory.
gen_funcs() {
    awk -v n="$1" -v shift="$2" 'BEGIN {
        print "CMDLINE python3 many.py"
        for (i = 0; i < n; i++)
            printf "FUNC mod%d.f%d %d.5000 %d.0000 %d.5000 %d.5000 0\n", i % 97, i, 10 + (i + shift) % 50, 1000 + i, 10 + i % 50, 1000 + i
    }'
}

# N samples of one process.
gen_samples() {
    awk -v n="$1" 'BEGIN {
        print "CMDLINE python3 long.py"
        for (i = 0; i < n; i++)
            printf "MEM %d.%06d %.2f\n", 100 + (i * 7) % 300, i % 1000000, 1000 + i * 0.01
    }'
}

# ---- shapes -------------------------------------------------------------------

# shape_dat NAME GENERATOR SIZE ARGS...: `memfold ARGS FILE` on GENERATOR's
# input at SIZE and 2 SIZE.
shape_dat() {
    local name=$1 gen=$2 size=$3 t1; shift 3
    "$gen" "$size" >"$TMP/a.dat"
    "$gen" $((2 * size)) >"$TMP/b.dat"
    cpu_time "$MEMFOLD" "$@" "$TMP/a.dat"; t1=$CPU
    cpu_time "$MEMFOLD" "$@" "$TMP/b.dat"
    rm -f "$TMP/a.dat" "$TMP/b.dat"
    report "$name" "$size" "$t1" $((2 * size)) "$CPU"
}

shape_many_runs() { shape_dat shape_many_runs gen_runs 200000 summary; }
shape_many_calls() { shape_dat shape_many_calls gen_calls 200000 summary; }
shape_plot_samples() { shape_dat shape_plot_samples gen_samples 2000000 plot; }

shape_many_funcs_diff() {
    local size=200000 t1
    gen_funcs $size 0 >"$TMP/a.old.dat"; gen_funcs $size 3 >"$TMP/a.new.dat"
    gen_funcs $((2 * size)) 0 >"$TMP/b.old.dat"; gen_funcs $((2 * size)) 3 >"$TMP/b.new.dat"
    cpu_time "$MEMFOLD" diff "$TMP/a.old.dat" "$TMP/a.new.dat"; t1=$CPU
    cpu_time "$MEMFOLD" diff "$TMP/b.old.dat" "$TMP/b.new.dat"
    rm -f "$TMP"/*.dat
    report shape_many_funcs_diff $size "$t1" $((2 * size)) "$CPU"
}

# ---- main ---------------------------------------------------------------------

if [ $# -eq 0 ]; then
    set -- shape_many_runs shape_many_calls shape_many_funcs_diff shape_plot_samples
fi
status=0
for shape in "$@"; do
    "$shape" || status=1
done
exit $status
