#!/usr/bin/env bash
# %memit results (IPython's magic, memory_profiler): records of their own in
# summary (text, JSON), lines and diff, read back from a summary JSON, with
# the statement of the "%memit" line above them.  Every expectation comes
# from the raw captures through awk and grep, or from memory_profiler's own
# documentation (the old form), never from memfold.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON:-python3}
plan 26

TTY=$CORPUS/ipython_memit_tty.log
PIPED=$CORPUS/ipython_memit.log
PASTED=$CORPUS/ipython_memit_pasted.py
n=$(count_memit "$TTY")
[ "$n" -ge 5 ] && [ "$(count_memit "$PIPED")" = "$n" ] && [ "$(count_memit "$PASTED")" = "$n" ] ||
    bail_out "the captures do not hold the same number of %memit results ($n)"

# The results of a transcript, without memfold: line, peak, increment and
# the statement of the previous non-blank line when it holds "%memit "
# (options taken off), "-" when none; a bare "#" counts as blank.
expect() {
    awk '
    function stmt(s) {
        if (s !~ /%memit / || s ~ /%%memit /) return "-"
        sub(/.*%memit +/, "", s)
        for (;;) {
            if (sub(/^-[rti] *[^ ]+ +/, "", s)) continue
            if (sub(/^-[coq]+ +/, "", s)) continue
            break
        }
        sub(/[ \t\r]+$/, "", s)
        return s
    }
    {
        line = $0
        sub(/^[ #>]*/, "", line)
        sub(/^In \[[0-9]+\]: /, "", line)
        if (match(line, /^peak memory: -?[0-9.]+ MiB, increment: -?[0-9.]+ MiB *$/)) {
            split(line, f, /[ ,]+/)
            printf "%d\t%s\t%s\t%s\n", NR, f[3], f[6], stmt(prev)
            prev = ""
            next
        }
        if ($0 !~ /^[ \t#>\r]*$/) prev = $0
    }' "$1"
}
expect "$TTY" >"$TMP/want.tty"
expect "$PASTED" >"$TMP/want.pasted"
expect "$PIPED" >"$TMP/want.piped"
[ "$(cut -f4 "$TMP/want.tty" | grep -vc '^-$')" = "$n" ] ||
    bail_out "not all of the transcript's $n results have a statement (awk)"

# ---- summary, text: a section after the functions
status_is 0 -o '%MEMIT STATEMENT' "summary (text) of a transcript lists its %memit results" \
    "$MEMFOLD" summary "$TTY"
sed -n '/%MEMIT STATEMENT/,$p' "$TMP/stdout" | tail -n +2 | sed 's/^ *//; s/  */ /g' >"$TMP/got.txt"
awk -F'\t' -v src="$TTY" '{ print $2 " " $3 " " src ":" $1 " " $4 }' "$TMP/want.tty" | sed 's/  */ /g' >"$TMP/want.txt"
same "... one row each: peak, increment, source:line and statement, as printed" "$TMP/want.txt" "$TMP/got.txt"

# ---- summary, JSON: the "memit" array, numbers as printed
status_is 0 -o '"memit"' "summary -f json" "$MEMFOLD" summary -f json "$TTY"
cp "$TMP/stdout" "$TMP/tty.json"
grep -oE '"peak_mib": [^,]*, "increment_mib": [^,]*' "$TMP/tty.json" >"$TMP/got.nums"
awk -F'\t' '{ printf "\"peak_mib\": %s, \"increment_mib\": %s\n", $2, $3 }' "$TMP/want.tty" >"$TMP/want.nums"
same "... peak_mib and increment_mib exactly as %memit printed them (30.00 stays 30.00)" \
    "$TMP/want.nums" "$TMP/got.nums"
jq -r --arg src "$TTY" '.memit[] | "\(.line)\t\(.statement)\t\(.source == $src)"' "$TMP/tty.json" >"$TMP/got.stmt"
awk -F'\t' '{ print $1 "\t" $4 "\ttrue" }' "$TMP/want.tty" >"$TMP/want.stmt"
same "... with its line, statement and source (jq)" "$TMP/want.stmt" "$TMP/got.stmt"

# ---- the statement: from the line above, also in comments; none when piped
"$MEMFOLD" summary -f json "$PASTED" | jq -r '.memit[] | "\(.line)\t\(.statement)"' >"$TMP/got.pasted"
awk -F'\t' '{ print $1 "\t" $4 }' "$TMP/want.pasted" >"$TMP/want.pasted.ls"
same "pasted as '# ' comments: the same statements, at the comment lines" "$TMP/want.pasted.ls" "$TMP/got.pasted"
"$MEMFOLD" summary -f json "$PIPED" >"$TMP/piped.json"
ok "piped into ipython3: $n results after their prompts, none with a statement, Out[6]'s repeat not one" \
    test "$(jq '[.memit[] | select(.statement == null)] | length' "$TMP/piped.json")" = "$n" \
    -a "$(cut -f4 "$TMP/want.piped" | sort -u)" = "-"
ok "%%memit's setup line is no statement (the cell below it is what is measured)" \
    test "$(printf '%s\n' 'In [3]: %%memit l = range(10)' '   ...: len(l)' 'peak memory: 1.00 MiB, increment: 0.00 MiB' \
        'In [4]: %%memit s = 1' 'peak memory: 2.00 MiB, increment: 0.00 MiB' |
        "$MEMFOLD" summary -f json - | jq -c '[.memit[] | .statement]')" = '[null,null]'

# ---- lines: one record per result, function "%memit", contents the statement
status_is 0 -o '^source,' "lines -f csv" "$MEMFOLD" lines -f csv "$TTY"
$PY -c 'import csv,sys
for r in csv.DictReader(open(sys.argv[1], newline="")):
    assert r["function"] == "%memit" and r["block"] == "" and r["file"] == "", r
    print("\t".join((r["line"], r["mem_mib"], r["increment_mib"], r["contents"] or "-")))' "$TMP/stdout" >"$TMP/got.lines"
same "... line, peak as mem_mib, increment, statement as contents; no block, no file" "$TMP/want.tty" "$TMP/got.lines"

# ---- the form before 0.30, from memory_profiler's own docstrings (0.29:
# "MiB per loop"; 0.15 to 0.27: "MB per loop"); "-inf" was a failed run.
cat >"$TMP/old.txt" <<'EOF'
      In [1]: import numpy as np

      In [2]: %memit np.zeros(1e7)
      maximum of 1: 76.402344 MiB per loop

      In [4]: %memit -r 10 np.empty(1e8)
      maximum of 10: 0.101562 MB per loop

      In [5]: %memit np.ones(0)
      maximum of 1: -inf MB per loop
EOF
status_is 0 -o '"memit"' "the old form (0.29's docstring)" "$MEMFOLD" summary -f json "$TMP/old.txt"
ok "... its two results: peak as printed, no increment, the statements; -inf is no result" \
    test "$(jq -c '[.memit[] | [.statement, .increment_mib, .line]]' "$TMP/stdout")" = \
    '[["np.zeros(1e7)",null,4],["np.empty(1e8)",null,7]]' \
    -a "$(grep -oE '"peak_mib": [^,]*' "$TMP/stdout" | tr '\n' ' ')" = '"peak_mib": 76.402344 "peak_mib": 0.101562 '

# ---- a report: check passes it, and --strict says nothing of the results
check_clean "check --strict of a %memit transcript: clean, and no 'no report block'" --strict "$TTY"
check_clean "check --strict of the results pasted into a Python file" --strict "$PASTED"

# ---- merge: the summary JSON keeps them
"$MEMFOLD" summary -f json "$PIPED" >"$TMP/piped.json"
status_is 0 -o '"memit"' "merge of two summaries" "$MEMFOLD" merge -f json "$TMP/tty.json" "$TMP/piped.json"
{ grep '"peak_mib"' "$TMP/tty.json"; grep '"peak_mib"' "$TMP/piped.json"; } | sed 's/,$//' >"$TMP/want.merged"
grep '"peak_mib"' "$TMP/stdout" | sed 's/,$//' >"$TMP/got.merged"
same "... holds the results of both, in order, as they were" "$TMP/want.merged" "$TMP/got.merged"
"$MEMFOLD" merge -f json "$TMP/tty.json" >"$TMP/again.json"
round_trip() {
    cmp -s "$TMP/tty.json" "$TMP/again.json" && test "$(jq '.memit | length' "$TMP/again.json")" = "$n"
}
ok "... and a summary merged alone is the same document, its $n results in it (round trip)" round_trip

# ---- a summary's "memit" array is checked as its functions are
jq '.memit[0].peak_mib = "x"' "$TMP/tty.json" >"$TMP/bad1.json"
status_is 1 -O -e 'memit result 1 .*"peak_mib" must be a number of MiB, not "x"' \
    "merge: a result whose peak is no number is refused, naming it" "$MEMFOLD" merge "$TMP/bad1.json"
jq '.memit[1].extra = 1' "$TMP/tty.json" >"$TMP/bad2.json"
status_is 1 -O -e 'memit result 2 .*unknown key "extra"' "... a key it does not hold" "$MEMFOLD" merge "$TMP/bad2.json"
sed '0,/"peak_mib": \([0-9]*\)\.\([0-9]*\)/s//"peak_mib": 0.\1\2e3/' "$TMP/tty.json" >"$TMP/bad3.json"
status_is 1 -O -e 'memit result 1 .*"peak_mib" must be a decimal number of MiB as %memit prints it' \
    "... a peak written with an exponent (the decimals printed would be lost)" "$MEMFOLD" merge "$TMP/bad3.json"

# ---- diff: by statement
# NEW: the transcript with the peak of "z = ..." 50 MiB higher, "pass"
# measured no more, one statement more.
awk '
    /%memit pass$/ { skip = 2 }
    skip > 0 { skip--; next }
    hit && /^peak memory:/ { split($0, f, /[ ,]+/); $0 = sprintf("peak memory: %.2f MiB, increment: %s MiB", f[3] + 50, f[6]); hit = 0 }
    /%memit z = / { hit = 1 }
    { print }
    END { print ""; print "In [10]: %memit q = 1"; print "peak memory: 1.00 MiB, increment: 0.00 MiB" }' "$TTY" >"$TMP/new.log"
old_z=$(awk -F'\t' '$4 ~ /^z = / { print $2 }' "$TMP/want.tty")
status_is 1 -o 'OVER' "diff --max-increase 10%: a statement's peak up by 50 MiB fails the gate" \
    "$MEMFOLD" diff --max-increase 10% "$TTY" "$TMP/new.log"
cp "$TMP/stdout" "$TMP/diff.txt"
ok "... the row of that statement: old peak, new peak, +50.00, OVER" \
    grep -qE "^z = bytearray\(30 \* 2\*\*20\) +$old_z +$(awk -v p="$old_z" 'BEGIN { printf "%.2f", p + 50 }') +\+50\.00 .* OVER$" "$TMP/diff.txt"
rows_ok() {
    grep -qE '^pass .* removed$' "$TMP/diff.txt" && grep -qE '^q = 1 .* added$' "$TMP/diff.txt" &&
        grep -qE '^x = \[0\] \* 10\*\*6 \(#2\) .* ok$' "$TMP/diff.txt" &&
        grep -q '%memit: 1 over the limit, 1 added, 1 removed' "$TMP/diff.txt"
}
ok "... 'pass' removed, 'q = 1' added, the second 'x = [0] * 10**6' matched as (#2), the verdict counts them" rows_ok
"$MEMFOLD" diff -f json --max-increase 10% "$TTY" "$TMP/new.log" >"$TMP/diff.json"
ok "diff -f json: the \"memit\" array says over, removed, added, and the gate counts the one over" \
    test "$(jq -c '[.memit[] | select(.status != "ok") | [.statement, .status, .delta_peak_mib]], .failed' "$TMP/diff.json" | tr '\n' ' ')" = \
    '[["z = bytearray(30 * 2**20)","over",50],["pass","removed",null],["q = 1","added",null]] 1 '
status_is 0 -o ' ok$' "diff of a transcript and its summary JSON: every statement ok, no limit failed" \
    "$MEMFOLD" diff --max-increase 0% "$TTY" "$TMP/tty.json"
ok "... $n rows ok, delta 0.00 each (the JSON side read back exactly)" \
    test "$(grep -cE ' 0\.00 +0\.0 .* ok$' "$TMP/stdout")" = "$n"
