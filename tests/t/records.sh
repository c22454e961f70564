#!/usr/bin/env bash
# records: every table memfold prints (summary, lines, the .dat summary and
# lines, diff) goes through one records writer (src/core/records.c).  What
# the copies it replaced got wrong: a name is never cut short, a name's
# bytes are kept whole in every format, and a table's columns line up.
. "$(dirname "$0")/lib.sh"
plan 9

# A function name of 700 bytes: the summary's text table cut names at 599.
long=$(printf 'a%.0s' $(seq 700))
sed "s/make_list/$long/g" "$CORPUS/basic_calls.log" >"$TMP/long.log"
check_clean "a report with a 700-byte function name is clean" "$TMP/long.log"
status_is 0 -o "^$long  " "summary (text) shows the whole 700-byte name" \
    "$MEMFOLD" summary "$TMP/long.log"
# every line of the aligned table has LOCATION at the same column
"$MEMFOLD" summary "$TMP/long.log" >"$TMP/long.txt"
ok "summary (text): LOCATION starts at one column on every line, after the long name" \
    sh -c "[ \$(wc -l <'$TMP/long.txt') = 3 ] && awk 'NR == 1 { print index(\$0, \"LOCATION\") } NR > 1 && match(\$0, / [^ ]+[.]py:[0-9]+\$/) { print RSTART + 1 }' '$TMP/long.txt' | sort -u | wc -l | grep -qx 1"

# A FUNC name holding a NUL byte: its bytes, whole, in every format (the
# .dat lines event was built with snprintf and written with the name's
# length: the name was cut at the NUL and NUL bytes written after it).
printf 'CMDLINE python x.py\nMEM 1.0 100.0\nFUNC a\0b 1.0 100.5 2.0 101.0\nMEM 2.0 101.5\n' \
    >"$TMP/nul.dat"
"$MEMFOLD" lines -f csv "$TMP/nul.dat" >"$TMP/nul.csv"
ok "lines -f csv: the FUNC event keeps the name's bytes, the NUL too" \
    sh -c "tr '\\000' '@' <'$TMP/nul.csv' | grep -qx '.*,FUNC a@b start' && tr '\\000' '@' <'$TMP/nul.csv' | grep -qx '.*,FUNC a@b end'"
status_is 0 -o '"event": "FUNC a\\u0000b start"' "lines -f json: the NUL is \\u0000, the rest of the name follows" \
    "$MEMFOLD" lines -f json "$TMP/nul.dat"
status_is 0 -o 'FUNC a\\x00b end$' "lines (text): the NUL is shown escaped" \
    "$MEMFOLD" lines "$TMP/nul.dat"

# The formats agree on what a table holds.
"$MEMFOLD" lines -f csv "$CORPUS/basic_calls.log" >"$TMP/l.csv"
"$MEMFOLD" lines -f ndjson "$CORPUS/basic_calls.log" >"$TMP/l.ndjson"
"$MEMFOLD" lines -f json "$CORPUS/basic_calls.log" >"$TMP/l.json"
ok "lines: as many CSV records as NDJSON lines as JSON array items" \
    sh -c "[ $(csv_rows "$TMP/l.csv") -gt 0 ] && [ $(csv_rows "$TMP/l.csv") = \$(wc -l <'$TMP/l.ndjson') ] && [ \$(jq length '$TMP/l.json') = $(csv_rows "$TMP/l.csv") ]"
"$MEMFOLD" summary -f json "$CORPUS/mprof_func.dat" >"$TMP/d.json"
"$MEMFOLD" summary -f ndjson "$CORPUS/mprof_func.dat" >"$TMP/d.ndjson"
ok ".dat summary: the NDJSON records are the JSON document's, with their kind" \
    sh -c "jq -c '.functions[]' '$TMP/d.json' >'$TMP/a' && jq -c 'select(.record == \"function\") | del(.record)' '$TMP/d.ndjson' >'$TMP/b' && [ -s '$TMP/a' ] && cmp -s '$TMP/a' '$TMP/b'"
"$MEMFOLD" diff -f csv "$CORPUS/basic_calls.log" tests/diff/regressed.log >"$TMP/diff.csv"
"$MEMFOLD" diff -f json "$CORPUS/basic_calls.log" tests/diff/regressed.log >"$TMP/diff.json"
ok "diff: the CSV rows are the JSON functions, field by field" \
    sh -c "jq -r '.functions[] | [.file, .function, (.line.old // \"\"), (.line.new // \"\"), .status, .runs.old, .runs.new, (.calls.old // \"\"), (.calls.new // \"\")] | map(tostring) | join(\",\")' '$TMP/diff.json' >'$TMP/a'; cut -d, -f1-9 '$TMP/diff.csv' | tail -n +2 >'$TMP/b'; [ -s '$TMP/a' ] && cmp -s '$TMP/a' '$TMP/b'"
