#!/usr/bin/env bash
# Standard input, '-', and several inputs read as one stream of blocks.
. "$(dirname "$0")/lib.sh"

"$MEMFOLD" summary "$CORPUS/basic_calls.log" >"$TMP/file.txt"
"$MEMFOLD" summary <"$CORPUS/basic_calls.log" >"$TMP/stdin.txt"
ok "no FILE reads standard input" cmp -s "$TMP/file.txt" "$TMP/stdin.txt"
cat "$CORPUS/basic_calls.log" | "$MEMFOLD" summary - >"$TMP/dash.txt"
ok "'-' reads standard input" cmp -s "$TMP/file.txt" "$TMP/dash.txt"

"$MEMFOLD" lines -f csv - <"$CORPUS/basic_calls.log" | tail -n +2 | cut -d, -f1 | sort -u >"$TMP/src"
ok "lines names standard input '-'" grep -qx -- "-" "$TMP/src"

cat "$CORPUS/basic_calls.log" "$CORPUS/negative.log" >"$TMP/both.log"
"$MEMFOLD" summary -f csv "$CORPUS/basic_calls.log" "$CORPUS/negative.log" >"$TMP/two.csv"
"$MEMFOLD" summary -f csv "$TMP/both.log" >"$TMP/cat.csv"
ok "two inputs sum up like their concatenation" cmp -s "$TMP/two.csv" "$TMP/cat.csv"

"$MEMFOLD" lines -f csv "$CORPUS/basic_calls.log" "$CORPUS/negative.log" | tail -n +2 | cut -d, -f2 \
    | sort -un | tr '\n' ' ' >"$TMP/blocks"
ok "block numbers continue across inputs (1..5)" grep -qx "1 2 3 4 5 " "$TMP/blocks"

"$MEMFOLD" summary -f json "$CORPUS/basic_calls.log" "$CORPUS/negative.log" \
    | jq -r '.inputs[] | "\(.path) \(.blocks) \(.rows) \(.skipped_lines)"' >"$TMP/inputs"
want="$CORPUS/basic_calls.log 3 12 4
$CORPUS/negative.log 2 12 0"
ok "each input is listed with its blocks, rows and skipped lines" test "$(cat "$TMP/inputs")" = "$want"

printf '' >"$TMP/empty.log"
status_is 0 "an empty input is no error" "$MEMFOLD" check "$TMP/empty.log"
printf '\n\n\n' >"$TMP/blank.log"
status_is 0 "an input of blank lines is no error" "$MEMFOLD" check "$TMP/blank.log"
