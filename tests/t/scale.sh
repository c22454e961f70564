#!/usr/bin/env bash
# Inputs whose cost grows too fast when an algorithm is quadratic: many
# runs in a .dat file, many overlapping FUNC calls (with samples in order,
# and out of order under -W dat-time-order), many functions for diff, many
# samples or many child processes for plot.  Each case runs under a CPU
# time limit (ulimit -t, CPU seconds: the same on a loaded machine) that a
# linear algorithm meets many times over and a quadratic one far exceeds
# (each case takes well under a second here, and minutes with the quadratic
# loops that were there before), and its results are checked, so a fast
# wrong answer fails too.  No timing is measured: that is `make bench`.
. "$(dirname "$0")/lib.sh"
plan 19
CAP=${SCALE_CPU_SECONDS:-10}

# capped COMMAND...: run COMMAND with at most CAP seconds of CPU time (past
# them it is killed: SIGXCPU, then SIGKILL).
capped() { (ulimit -t "$CAP" && exec "$@"); }

# sums FILE: runs, calls and samples of the functions, and the largest
# function peak, of a `summary -f json` of a .dat file.
sums() {
    jq -r '[(.runs | length), ([.functions[].calls] | add), ([.functions[].samples] | add),
            ([.functions[].peak_mib] | max)] | map(tostring) | join(" ")' "$1" 2>/dev/null
}

# ---- many runs: 200,000 CMDLINE lines, each run with a call over one sample
# runs_dat N EARLY: with EARLY=1 each run's FUNC line holds the times of the
# next run (mprof writes a short program's FUNC lines before its CMDLINE),
# so its run is found by time; the last one has no run and no sample.
runs_dat() {
    awk -v n="$1" -v early="$2" 'BEGIN {
        for (i = 0; i < n; i++) {
            t = 1000 + 10 * i; f = t + 10 * early
            printf "CMDLINE python3 run%d.py\n", i
            printf "MEM 1.000000 %d.0000\nMEM %d.000000 %d.2500\nMEM 1.500000 %d.5000\n", t, 2 + i % 5, t, t
            printf "FUNC m.f%d 1.0000 %d.1000 1.5000 %d.4000 0\n", i % 7, f, f
        }
    }'
}
N=200000
runs_dat $N 0 >"$TMP/runs.dat"
status_is 0 "$N runs: summary within $CAP CPU seconds" \
    capped "$MEMFOLD" summary -f json -o "$TMP/runs.json" "$TMP/runs.dat"
ok "... $N runs, $N calls, a sample in each, peak 6 MiB" test "$(sums "$TMP/runs.json")" = "$N $N $N 6"

runs_dat $N 1 >"$TMP/early.dat"
status_is 0 "$N runs, calls found in the next run by time: summary within $CAP CPU seconds" \
    capped "$MEMFOLD" summary -f json -o "$TMP/early.json" "$TMP/early.dat"
ok "... each call but the last has the sample of the run it lies in" \
    test "$(sums "$TMP/early.json")" = "$N $N $((N - 1)) 6"

# ---- many overlapping calls: 100,000 nested calls over 200,000 samples
# calls_dat N STRIDE: samples at times 1000 + (i * STRIDE) % N (STRIDE 1: in
# order; 7919, prime to N: out of order), 1 MiB except 999.5 MiB at time
# 1000 + N/2; call j spans times [1000 + j, 1000 + N - 1 - j], N - 2j samples.
calls_dat() {
    awk -v n="$1" -v stride="$2" 'BEGIN {
        print "CMDLINE python3 nested.py"
        for (i = 0; i < n; i++) {
            t = (i * stride) % n
            printf "MEM %s %d.0000\n", t == n / 2 ? "999.500000" : "1.000000", 1000 + t
        }
        for (j = 0; j < n / 2; j++)
            printf "FUNC m.level%d 1.0000 %d.0000 1.0000 %d.0000 %d\n", j % 4, 1000 + j, 1000 + n - 1 - j, j % 4
    }'
}
N=200000 C=100000
WANT="1 $C $((N * N / 4 + N / 2)) 999.5"
calls_dat $N 1 >"$TMP/calls.dat"
status_is 0 "$C nested calls over $N samples: summary within $CAP CPU seconds" \
    capped "$MEMFOLD" summary -f json -o "$TMP/calls.json" "$TMP/calls.dat"
ok "... every sample of every call counted, the peak inside all of them" \
    test "$(sums "$TMP/calls.json")" = "$WANT"

calls_dat $N 7919 >"$TMP/unordered.dat"
status_is 0 "... samples out of order, -W dat-time-order: summary within $CAP CPU seconds" \
    capped "$MEMFOLD" summary -q -W dat-time-order -f json -o "$TMP/unordered.json" "$TMP/unordered.dat"
ok "... the same samples in each call as in order" test "$(sums "$TMP/unordered.json")" = "$WANT"
jq -c 'del(.runs, .samples)' "$TMP/calls.json" >"$TMP/calls.funcs" 2>/dev/null
jq -c 'del(.runs, .samples)' "$TMP/unordered.json" >"$TMP/unordered.funcs" 2>/dev/null
same "... and every figure of every function the same as in order" "$TMP/calls.funcs" "$TMP/unordered.funcs"

# ---- diff of 200,000 functions: one removed, one grown
N=200000
funcs_dat() {
    awk -v n="$1" -v grow="$2" 'BEGIN {
        print "CMDLINE python3 many.py"
        for (i = 0; i < n; i++) {
            if (grow && i == 7) continue
            printf "FUNC mod%d.f%d %d.5000 %d.0000 %d.5000 %d.5000 0\n", i % 97, i, 10 + i % 50 + (grow && i == 99999 ? 500 : 0), 1000 + i, 10 + i % 50, 1000 + i
        }
    }'
}
funcs_dat $N 0 >"$TMP/old.dat"
funcs_dat $N 1 >"$TMP/new.dat"
status_is 1 "diff of $N functions within $CAP CPU seconds (one over the limit: exit 1)" \
    capped "$MEMFOLD" diff --max-increase 10% -f csv -o "$TMP/diff.csv" "$TMP/old.dat" "$TMP/new.dat"
ok "... a row per function, in order: $((N - 2)) ok, 1 removed (f7), 1 over (f99999)" \
    test "$(awk -F, 'NR > 1 { n[$5]++; if ($5 != "ok") w = w " " $2 ":" $5; if (NR == 2) first = $2 }
        END { print NR - 1, n["ok"], first w }' "$TMP/diff.csv")" = "$N $((N - 2)) f0 f7:removed f99999:over"

# ---- plot of 2,000,000 samples: the line is thinned to the picture's width
# baseline 100 MiB; a spike every 10,000 samples (a pixel column holds
# about 2,900), 200 of them, of 200-399 MiB; the highest, 987.654321 MiB,
# at 1,235,000, half way between two spikes
N=2000000
awk -v n=$N 'BEGIN {
    print "CMDLINE python3 long.py"
    for (i = 0; i < n; i++) {
        m = "100.000000"
        if (i % 10000 == 0) m = sprintf("%d.000000", 200 + i / 10000)
        if (i == 1235000) m = "987.654321"
        printf "MEM %s %.2f\n", m, 1000 + i * 0.01
    }
}' >"$TMP/long.dat"
status_is 0 "plot of $N samples within $CAP CPU seconds" \
    capped "$MEMFOLD" plot --width 800 -o "$TMP/long.svg" "$TMP/long.dat"
ok "... well-formed XML (xmllint)" xmllint --noout "$TMP/long.svg"
ok "... under 1 MB (the line thinned to what 800 pixels show)" \
    test "$(stat -c %s "$TMP/long.svg")" -lt 1000000
ok "... the peak marked with its value" grep -q '>peak 987.654 MiB<' "$TMP/long.svg"
# the points of the line, and the place of the peak's mark
grep -o 'points="[^"]*"' "$TMP/long.svg" | head -1 | tr -d '"' | sed 's/^points=//' | tr ' ' '\n' >"$TMP/points"
mark=$(sed -n 's/.*<circle cx="\([0-9.]*\)" cy="\([0-9.]*\)".*fill="#d62728".*/\1,\2/p' "$TMP/long.svg" | head -1)
ok "... the peak is a point of the line, where its mark is ($mark)" \
    sh -c "[ -n '$mark' ] && grep -qx '$mark' '$TMP/points'"
# every spike is a point of the line: the points off the baseline (its y,
# the most common one) are the 200 spikes and the peak
ok "... every spike is a point of the line (201 points off the baseline)" \
    test "$(awk -F, '{ n[$2]++; all[NR] = $2 } END { for (y in n) if (n[y] > best) { best = n[y]; base = y }
        for (i = 1; i <= NR; i++) off += all[i] != base; print off }' "$TMP/points")" = 201

# ---- plot of 150,000 child processes: a line each
N=150000
awk -v n=$N 'BEGIN {
    print "CMDLINE python3 forks.py"
    for (i = 0; i < n; i++)
        printf "MEM 1.0 %d.0\nCHLD %d 2.0 %d.0\nCHLD %d 3.0 %d.5\n", 1000 + i, 100 + i, 1000 + i, 100 + i, 1000 + i
}' >"$TMP/forks.dat"
status_is 0 "plot of $N child processes within $CAP CPU seconds" \
    capped "$MEMFOLD" plot -o "$TMP/forks.svg" "$TMP/forks.dat"
ok "... a line for the main process and one per child" \
    test "$(grep -c '<polyline' "$TMP/forks.svg")" = $((N + 1))
