#!/usr/bin/env bash
# Standard input, '-', and several inputs read as one stream of blocks.
. "$(dirname "$0")/lib.sh"
plan 11

"$MEMFOLD" summary "$CORPUS/basic_calls.log" >"$TMP/file.txt"
ok "summary of a file names both its functions" \
    test "$(grep -cE '^(make_list|make_dict) ' "$TMP/file.txt")" = 2
"$MEMFOLD" summary <"$CORPUS/basic_calls.log" >"$TMP/stdin.txt"
same "no FILE reads standard input" "$TMP/file.txt" "$TMP/stdin.txt"
cat "$CORPUS/basic_calls.log" | "$MEMFOLD" summary - >"$TMP/dash.txt"
same "'-' reads standard input" "$TMP/file.txt" "$TMP/dash.txt"

"$MEMFOLD" lines -f csv - <"$CORPUS/basic_calls.log" | tail -n +2 | cut -d, -f1 | sort -u >"$TMP/src"
ok "lines names standard input '-'" test "$(cat "$TMP/src")" = "-"

cat "$CORPUS/basic_calls.log" "$CORPUS/negative.log" >"$TMP/both.log"
"$MEMFOLD" summary -f csv "$CORPUS/basic_calls.log" "$CORPUS/negative.log" >"$TMP/two.csv"
"$MEMFOLD" summary -f csv "$TMP/both.log" >"$TMP/cat.csv"
same "two inputs sum up like their concatenation" "$TMP/two.csv" "$TMP/cat.csv"
ok "... four functions from both" test "$(csv_rows "$TMP/two.csv")" = 4

"$MEMFOLD" lines -f csv "$CORPUS/basic_calls.log" "$CORPUS/negative.log" | tail -n +2 | cut -d, -f2 \
    | sort -un | tr '\n' ' ' >"$TMP/blocks"
ok "block numbers continue across inputs (1..5)" grep -qx "1 2 3 4 5 " "$TMP/blocks"

"$MEMFOLD" summary -f json "$CORPUS/basic_calls.log" "$CORPUS/negative.log" \
    | jq -r '.inputs[] | "\(.path) \(.blocks) \(.rows) \(.skipped_lines)"' >"$TMP/inputs"
want="$CORPUS/basic_calls.log 3 12 4
$CORPUS/negative.log 2 12 0"
ok "each input is listed with its blocks, rows and skipped lines" test "$(cat "$TMP/inputs")" = "$want"

printf '' >"$TMP/empty.log"
printf '\n\n\n' >"$TMP/blank.log"
status_is 1 -e "error: no report block in 0 lines" "an empty input is an input error: nothing to read" \
    "$MEMFOLD" check "$TMP/empty.log"
status_is 1 -e "error: no report block in 3 lines" "an input of blank lines is one too" \
    "$MEMFOLD" summary "$TMP/blank.log"
status_is 0 -e "warning: no report block in 3 lines" "--allow-empty makes it a warning (for pipelines that may profile nothing)" \
    "$MEMFOLD" lines --allow-empty "$TMP/blank.log"
