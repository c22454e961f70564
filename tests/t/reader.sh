#!/usr/bin/env bash
# One reader for every command: summary, lines, check, fmt, diff, merge and
# plot read their inputs through the library's reader, so -W, --strict,
# --lenient, --pure and --prefix mean the same in each, and a block is
# left out by the same rule.  (diff and plot used to keep their own copy
# of the reading code, which ignored -W, --strict, --pure and --prefix.)
. "$(dirname "$0")/lib.sh"
plan 38

REPORT=$CORPUS/basic_calls.log
DAT=$CORPUS/mprof_func.dat
"$MEMFOLD" summary -f json "$REPORT" >"$TMP/summary.json" || bail_out "no summary JSON"

# A report whose Mem usage cell in the first block is one column to the left.
sed '8s/^    10     28.9 MiB      7.6 MiB/    10    28.9 MiB       7.6 MiB/' "$REPORT" >"$TMP/misaligned.log"
cmp -s "$REPORT" "$TMP/misaligned.log" && bail_out "misaligned.log is not misaligned"
check_clean "check -Wno-column-align reads the misaligned block" -Wno-column-align "$TMP/misaligned.log"

# diff: the block is read and compared (both calls of make_list on each side)
status_is 0 -o ': PASSED$' -e 'warning: .*\[-Wcolumn-align\]' \
    "diff reads a misaligned column with a warning (only check is strict)" \
    "$MEMFOLD" diff "$REPORT" "$TMP/misaligned.log"
status_is 1 -e 'error: .*\[-Wcolumn-align\]' "... and check says it is an error" \
    "$MEMFOLD" check "$TMP/misaligned.log"
status_is 0 -o ': PASSED$' "diff -Wno-column-align reads the block (exit 0)" \
    "$MEMFOLD" diff -Wno-column-align "$REPORT" "$TMP/misaligned.log"
ok "... and compares it: make_list has 2 calls on each side" \
    grep -qE '^make_list .* 2 +2 +ok$' "$TMP/stdout"
# plot: the same picture as of the report it was made from
"$MEMFOLD" plot "$REPORT" >"$TMP/want.svg"
status_is 0 -E "plot -Wno-column-align reads the block (exit 0, no diagnostic)" \
    "$MEMFOLD" plot -Wno-column-align -o "$TMP/got.svg" "$TMP/misaligned.log"
same "... and draws the picture of the whole report" "$TMP/want.svg" "$TMP/got.svg"
status_is 0 -e 'warning: .*\[-Wcolumn-align\]' "plot reads a misaligned column with a warning by default" \
    "$MEMFOLD" plot -o "$TMP/got.svg" "$TMP/misaligned.log"
status_is 1 "plot --strict: it is an error" \
    "$MEMFOLD" plot --strict -o "$TMP/got.svg" "$TMP/misaligned.log"
status_is 0 -e 'warning: .*\[-Wcolumn-align\]' "plot --lenient reads it too (layout checks warn)" \
    "$MEMFOLD" plot --lenient -o "$TMP/got.svg" "$TMP/misaligned.log"

# --strict: a warning (CRLF line endings) fails, and nothing is written
CRLF=$CORPUS/crlf.log
status_is 0 -o ': PASSED$' "diff: a warning alone passes" "$MEMFOLD" diff "$CRLF" "$CRLF"
status_is 3 -O -e '\[-Werror=crlf\]|error: .*\[-Wcrlf\]' "diff --strict: a warning fails, nothing written (exit 3)" \
    "$MEMFOLD" diff --strict "$CRLF" "$CRLF"
status_is 1 -O "plot --strict: a warning fails, nothing written" "$MEMFOLD" plot --strict "$CRLF"
status_is 3 -O "diff -Werror: the same (exit 3)" "$MEMFOLD" diff -Werror "$CRLF" "$CRLF"

# --prefix: a log whose report lines come from two loggers, so the prefix
# learnt from the Filename: line does not fit every line; --prefix does
PREFIX='\[[0-9:]+\] [A-Z]+ +[a-z_]+ \| '
awk 'NR % 2 == 0 { sub(/INFO     memory_profile_log \| /, "INFO     mp | ") } { print }' \
    "$CORPUS/logfile_custom_format.log" >"$TMP/two-loggers.log"
"$MEMFOLD" summary -f json --prefix "$PREFIX" "$TMP/two-loggers.log" >"$TMP/prefixed.json" ||
    bail_out "summary --prefix does not read two-loggers.log"
status_is 1 "without --prefix the log has errors" "$MEMFOLD" check "$TMP/two-loggers.log"
status_is 0 -o '^fill .* 1 +1 +ok$' "diff --prefix reads the log" \
    "$MEMFOLD" diff --prefix "$PREFIX" "$TMP/two-loggers.log" "$TMP/prefixed.json"
status_is 0 -o '>fill  logfile_custom_format.py:2' "plot --prefix reads the log" \
    "$MEMFOLD" plot --prefix "$PREFIX" "$TMP/two-loggers.log"
status_is 2 -e "^memfold: --prefix '\(': " "diff: a --prefix that does not compile is a usage error" \
    "$MEMFOLD" diff --prefix '(' "$REPORT" "$REPORT"
status_is 2 -e "^memfold: --prefix '\(': " "plot: the same" "$MEMFOLD" plot --prefix '(' "$REPORT"

# -W naming no check is a usage error in every command
for cmd in summary lines check fmt plot; do
    status_is 2 -O -e "no check called 'such-check'" "$cmd -Wno-such-check: exit 2" \
        "$MEMFOLD" "$cmd" -Wno-such-check "$REPORT"
done
status_is 2 -O -e "no check called 'such-check'" "diff -Wno-such-check: exit 2" \
    "$MEMFOLD" diff -Wno-such-check "$REPORT" "$REPORT"
status_is 2 -O -e "^memfold: merge takes no -W; " "merge reads no report: -W is a usage error there" \
    "$MEMFOLD" merge -Wno-such-check "$TMP/summary.json"

# a .dat check's level in diff: a negative MEM sample
sed '3s/^MEM 4.433594 /MEM -4.433594 /' "$DAT" >"$TMP/negative.dat"
status_is 3 -e '\[-Wdat-negative\]' "diff: a negative .dat sample is an error (exit 3)" \
    "$MEMFOLD" diff "$DAT" "$TMP/negative.dat"
status_is 0 -o ': PASSED$' -e 'warning: .*\[-Wdat-negative\]' "diff -Wdat-negative makes it a warning" \
    "$MEMFOLD" diff -Wdat-negative "$DAT" "$TMP/negative.dat"

# plot checks .dat records as every command does (it used to draw them unchecked)
status_is 1 -o '<svg' -e '\[-Wdat-negative\]' "plot: a negative .dat sample is an error" \
    "$MEMFOLD" plot "$TMP/negative.dat"
# plot prints diagnostics as asked (it always printed text)
status_is 0 -e '"name": "column-align"' "plot --diagnostics-format=json" \
    "$MEMFOLD" plot --diagnostics-format=json -o "$TMP/got.svg" "$TMP/misaligned.log"

# what a check remembers belongs to one input, even when two inputs have
# one name: the same .dat file twice has no sample earlier than the last
check_clean "check: the same .dat file twice has no time-order error" "$DAT" "$DAT"

# merge: one diagnostics document for the run (it printed one per damaged input)
if command -v gzip >/dev/null && command -v jq >/dev/null; then
    for n in 1 2; do
        { gzip -nc "$TMP/summary.json"; printf 'x\n' | gzip -nc | head -c 10; } >"$TMP/cut$n.gz"
    done
    status_is 1 "merge of two damaged summaries: exit 1" \
        "$MEMFOLD" merge --diagnostics-format=json "$TMP/cut1.gz" "$TMP/cut2.gz"
    ok "... and one JSON array of two truncated errors on stderr" \
        test "$(jq -s 'length, (.[0] | map(.name) | join(","))' "$TMP/stderr" | tr '\n' ' ')" = \
        '1 "truncated,truncated" '
    status_is 1 -O "merge --strict: an error in the inputs, nothing written" \
        "$MEMFOLD" merge --strict "$TMP/cut1.gz"
else
    skip "no gzip or jq" 3
fi

# A block cut off whose one error is not the cut (with --lenient the cut is
# a warning; a KiB unit is an error): left out, not written by lines as if
# only cut.  (The rule was "one error and not closed".)
printf 'Filename: a.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n=============================================================\n     1                                         def f():\n     2     22.2 KiB      0.8 MiB           1       x = 1\n' >"$TMP/cut-kib.log"
status_is 1 -e 'Wunit' "lines --lenient: a cut block with a unit error is an error" \
    "$MEMFOLD" lines -f csv --lenient "$TMP/cut-kib.log"
ok "... and its rows are left out (the CSV has its heading and no row)" \
    sh -c "grep -q '^source,' '$TMP/stdout' && test \"\$(wc -l <'$TMP/stdout')\" = 1"
sed 's/KiB/MiB/' "$TMP/cut-kib.log" >"$TMP/cut-ok.log"
status_is 0 -e 'warning: .*Wunterminated' "lines: the same block in MiB, ended by the input, is read with a warning" \
    "$MEMFOLD" lines -f csv "$TMP/cut-ok.log"
ok "... whose complete row is written (the CSV has 1 row)" test "$(csv_rows "$TMP/stdout")" = 1
