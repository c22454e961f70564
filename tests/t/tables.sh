#!/usr/bin/env bash
# Where a table starts and ends when it was not printed whole to a stream:
# no Filename: line (file unknown), an orphan Filename: line parted from
# its table, a table ended by other text or by the input, the last row
# with no newline (`%mprun -T`), and an input with no report at all.
# Every input is made from the real capture tests/corpus/basic_calls.log
# (3 blocks: make_list twice, make_dict once).
. "$(dirname "$0")/lib.sh"
plan 37

LOG=$CORPUS/basic_calls.log
PY=/work/main/tests/corpus/basic_calls.py
[ "$(grep -c '^Filename: ' "$LOG")" = 3 ] || bail_out "basic_calls.log has not 3 blocks"
# measured rows of the raw capture, counted without memfold
ROWS=$(grep -cE '^ +[0-9]+ +[0-9.]+ MiB' "$LOG")
[ "$ROWS" -gt 0 ] || bail_out "no measured rows in basic_calls.log"
jqok() { [ -s "$2" ] && jq -e "$1" "$2" >/dev/null; }

# ---- no Filename: line -------------------------------------------------------
grep -v '^Filename: ' "$LOG" >"$TMP/nofile.log"
status_is 0 -e 'warning: this table has no .Filename:. line.*\[-Wno-filename\]' \
    "summary reads tables with no Filename: line, with a warning" \
    "$MEMFOLD" summary -f json "$TMP/nofile.log"
cp "$TMP/stdout" "$TMP/nofile.json"
ok "... their file is null in JSON" jqok '[.functions[].file] == [null, null]' "$TMP/nofile.json"
ok "... and the tables of one name are one function (make_list: 2 calls)" \
    jqok '[.functions[] | select(.function == "make_list") | .calls] == [2]' "$TMP/nofile.json"
status_is 0 -o '<unknown>:8' "... the text table says <unknown>" "$MEMFOLD" summary "$TMP/nofile.log"
status_is 0 -o '^source,' "lines -f csv reads every measured row" "$MEMFOLD" lines -f csv "$TMP/nofile.log"
ok "... all $ROWS of them" test "$(csv_rows "$TMP/stdout")" = "$ROWS"
ok "... with an empty file field" sh -c "sed 1d '$TMP/stdout' | cut -d, -f3 | sort -u | grep -qx ''"
status_is 1 -e 'error: this table has no .Filename:. line' "check: a table without Filename: is an error" \
    "$MEMFOLD" check "$TMP/nofile.log"
ok "... once per table (3)" test "$(grep -c 'Wno-filename' "$TMP/stderr")" = 3
status_is 0 -e 'warning: .*\[-Wno-filename\]' "check --lenient accepts it, with warnings" \
    "$MEMFOLD" check --lenient "$TMP/nofile.log"
"$MEMFOLD" fmt "$TMP/nofile.log" >"$TMP/nofile.fmt" 2>/dev/null
ok "fmt prints no Filename: line for them (an empty one would be an error)" \
    sh -c "[ -s '$TMP/nofile.fmt' ] && ! grep -q '^Filename:' '$TMP/nofile.fmt' && grep -c '^Line #' '$TMP/nofile.fmt' | grep -qx 3"

# program output that starts like a header but has not its columns is text
{ echo 'Line # of the poem: 4'; cat "$LOG"; } >"$TMP/poem.log"
status_is 0 -E -o '^make_list +2 ' "a 'Line #' line without the columns is program output (no diagnostic)" \
    "$MEMFOLD" summary "$TMP/poem.log"

# ---- an orphan Filename: line (two writers on one pipe) ------------------------
# block 1's Filename: and blank line, then block 2 whole, then the rest of block 1
awk 'BEGIN { b = 0 } /^Filename: / { b++ } { print > (FILENAME_OUT b) }' FILENAME_OUT="$TMP/part" "$LOG"
[ -s "$TMP/part1" ] && [ -s "$TMP/part2" ] || bail_out "cannot split basic_calls.log"
{ grep -m1 -A1 '^Filename: ' "$TMP/part1"; cat "$TMP/part2"; sed -n '/^Line #/,$p' "$TMP/part1"; } >"$TMP/orphan.log"
status_is 0 -e 'warning: .*\[-Worphan-filename\]' "an orphan Filename: line goes to the next table without one" \
    "$MEMFOLD" lines -f csv "$TMP/orphan.log"
ok "... whose rows then have its file" \
    sh -c "awk -F, 'NR > 1 && \$2 == 2' '$TMP/stdout' | cut -d, -f3 | sort -u | grep -qx '$PY'"
ok "... and no row is lost ($(grep -cE '^ +[0-9]+ +[0-9.]+ MiB' "$TMP/orphan.log"))" \
    test "$(csv_rows "$TMP/stdout")" = "$(grep -cE '^ +[0-9]+ +[0-9.]+ MiB' "$TMP/orphan.log")"
status_is 1 -e 'error: .*\[-Worphan-filename\]' "check: an orphan Filename: is an error" \
    "$MEMFOLD" check "$TMP/orphan.log"
{ cat "$LOG"; echo "Filename: $PY"; echo; echo "Traceback (most recent call last):"; } >"$TMP/lost.log"
status_is 1 -e ":$(( $(wc -l <"$LOG") + 1 )):1: error: a 'Filename:' line with no table: no header follows it" \
    "a Filename: line that no table takes is an error at its line (a table is missing)" \
    "$MEMFOLD" summary "$TMP/lost.log"
ok "... the other tables are still summed (make_list: 2 calls)" grep -qE '^make_list +2 ' "$TMP/stdout"

# ---- where a table ends ---------------------------------------------------------
# block 1 in a markdown fence that closes right after its last row
{ echo '```text'; sed -n '/^Filename: /,$p' "$TMP/part1" | sed '/^$/d'; echo '```'; echo 'Prose after it.'; } >"$TMP/fence.md"
status_is 0 -e 'warning: block 1 stops at this row: no blank line closes it \[-Wunterminated\]' \
    "a table closed by a code fence is read, with a warning" "$MEMFOLD" summary -f json "$TMP/fence.md"
ok "... and summed (make_list: 1 call, 4 rows)" \
    jqok '[.functions[] | select(.function == "make_list") | [.calls, .rows]] == [[1, 4]]' "$TMP/stdout"
status_is 1 -e 'error: .*\[-Wunterminated\]' "check: no closing blank line is an error" "$MEMFOLD" check "$TMP/fence.md"
# the next header ends a table too
sed '/^Filename: /d' "$LOG" | awk 'NF' >"$TMP/packed.log"
status_is 0 -o '"functions"' "tables packed header after row, no blank lines, no Filename:, are each read" \
    "$MEMFOLD" summary -f json "$TMP/packed.log"
ok "... 3 calls in all" jqok '[.functions[].calls] | add == 3' "$TMP/stdout"

# rows left out of a paste with a "..." line: a gap, not the end
awk '/^ +1[01] / { if (!done) print "..."; done = 1; next } { print }' "$LOG" >"$TMP/gap.log"
grep -qx '\.\.\.' "$TMP/gap.log" || bail_out "gap.log has no ... line"
status_is 0 -e 'warning: rows were left out of this table before this one .*\[-Welided-rows\]' \
    "a '...' line in a table is a gap, with a warning" "$MEMFOLD" lines -f csv "$TMP/gap.log"
ok "... and every row left is read ($(grep -cE '^ +[0-9]+ +[0-9.]+ MiB' "$TMP/gap.log"))" \
    test "$(csv_rows "$TMP/stdout")" = "$(grep -cE '^ +[0-9]+ +[0-9.]+ MiB' "$TMP/gap.log")"
status_is 1 -e 'error: .*\[-Welided-rows\]' "check: elided rows are an error" "$MEMFOLD" check "$TMP/gap.log"

# ---- the last row with no newline: `%mprun -T` -----------------------------------
last=$(grep -nE '^ +[0-9]+ +[0-9.]+ MiB' "$LOG" | tail -1 | cut -d: -f1)
head -n "$last" "$LOG" | head -c -1 >"$TMP/T.txt"
[ "$(tail -c 1 "$TMP/T.txt" | od -An -c | tr -d ' ')" != '\n' ] || bail_out "T.txt ends in a newline"
check_clean "check --strict: a report saved as %mprun -T saves it is what memory_profiler writes" \
    --strict "$TMP/T.txt"
status_is 0 -o '^source,' "lines reads its last row" "$MEMFOLD" lines -f csv "$TMP/T.txt"
ok "... all $ROWS rows" test "$(csv_rows "$TMP/stdout")" = "$ROWS"
ok "... the last one whole" sh -c "tail -1 '$TMP/stdout' | grep -q ',    return len(keys)\$'"
# but a row cut in its cells is still lost, with an error
head -n "$last" "$LOG" | sed -E '$s/(MiB +[0-9.]+ Mi)B.*$/\1/' | head -c -1 >"$TMP/cut.txt"
tail -1 "$TMP/cut.txt" | grep -qE 'MiB +[0-9.]+ Mi$' || bail_out "cut.txt is not cut in a cell"
status_is 1 -e '\[-Wtruncated\]' "a row cut in the middle of its cells is an error" "$MEMFOLD" summary "$TMP/cut.txt"

# ---- no report at all --------------------------------------------------------------
for cmd in summary lines check fmt plot; do
    status_is 1 -e 'error: no report block in [0-9]+ lines of input \[-Wno-blocks\]' \
        "$cmd: a Python source file is an input error" "$MEMFOLD" $cmd "$CORPUS/basic_calls.py"
done
status_is 0 -e 'warning: no report block' "--allow-empty makes it a warning" "$MEMFOLD" check --allow-empty "$CORPUS/basic_calls.py"
