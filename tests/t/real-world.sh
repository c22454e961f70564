#!/usr/bin/env bash
# Reports as they reach users: through logging, from Windows (CRLF, a
# byte-order mark, C:\ paths), gzipped, and cut off by a killed process.
. "$(dirname "$0")/lib.sh"
plan 40

# functions OUT ARGS...: the functions memfold summary finds in ARGS, their
# file left out, one JSON array in OUT (empty when there are none).
functions() {
    local out=$1; shift
    "$MEMFOLD" summary -f json "$@" 2>/dev/null | jq -c '[.functions[] | del(.file)] | select(length > 0)' >"$out" 2>/dev/null
}

for f in crlf mixed_endings bom; do
    # the same report with LF endings and no byte-order mark
    tr -d '\r' <"$CORPUS/$f.log" | sed '1s/^\xef\xbb\xbf//' >"$TMP/$f.lf.log"
    functions "$TMP/want" "$TMP/$f.lf.log"
    case $f in
        bom) check_clean "$f: check is silent" "$CORPUS/$f.log" ;;
        *) "$MEMFOLD" check "$CORPUS/$f.log" 2>"$TMP/err"
           st=$?
           ok "$f: one crlf warning, exit 0" test $st = 0 -a "$(grep -c -- '-Wcrlf' "$TMP/err")" = 1 ;;
    esac
    functions "$TMP/got" "$CORPUS/$f.log"
    same "$f: the same functions and figures as the LF report" "$TMP/want" "$TMP/got"
done
functions "$TMP/want" "$CORPUS/basic_calls.log"
grep -q $'^Filename: /work/main/tests/corpus/basic_calls.py\r$' "$CORPUS/crlf.log" \
    || bail_out "crlf.log has no CRLF endings"
ok "crlf: the warning points at the first CRLF line of the report" \
    grep -q "crlf.log:2:49: warning" <("$MEMFOLD" check "$CORPUS/crlf.log" 2>&1)

"$MEMFOLD" summary -f csv "$CORPUS/windows_path.log" >"$TMP/win.csv" 2>/dev/null
ok "windows_path: C:\\ paths are kept as the file names" grep -q '^C:\\Users\\Dev\\proj\\multi_file.py,main_work,' "$TMP/win.csv"

functions "$TMP/got" "$CORPUS/basic_calls.log.gz"
same "gzip: a .gz report reads as the report" "$TMP/want" "$TMP/got"
functions "$TMP/got" - <"$CORPUS/basic_calls.log.gz"
same "gzip: also from standard input" "$TMP/want" "$TMP/got"
cp "$CORPUS/basic_calls.log.gz" "$TMP/report.txt"
functions "$TMP/got" "$TMP/report.txt"
same "gzip: found by its magic bytes, not its name" "$TMP/want" "$TMP/got"
head -c 300 "$CORPUS/basic_calls.log.gz" >"$TMP/cut.gz"
status_is 1 "gzip: compressed data cut short is an error in the input (exit 1)" \
    "$MEMFOLD" summary "$TMP/cut.gz"
ok "... which says so" grep -q "compressed data is cut short" "$TMP/stderr"
ok "... and what was read before the cut is still summed" grep -q "^make_list " "$TMP/stdout"

for f in logfile_prefix logfile_basic_format logfile_custom_format logfile_increment_only; do
    check_clean "$f: a LogFile log passes check" --strict "$CORPUS/$f.log"
    want=$(count_measured "$CORPUS/$f.log")
    "$MEMFOLD" lines -f csv "$CORPUS/$f.log" >"$TMP/lines.csv"
    ok "$f: lines gives its $want measured rows" test "$want" -gt 0 -a "$(csv_rows "$TMP/lines.csv")" = "$want"
done
ok "logfile_increment_only: the function has no name (no def row survived)" test \
    "$("$MEMFOLD" summary -f json "$CORPUS/logfile_increment_only.log" | jq -r '.functions[0].function')" = null
sed '13s/ MiB      0.0 MiB/ MiB      0.0 MB /' "$CORPUS/logfile_prefix.log" >"$TMP/bad-prefixed.log"
"$MEMFOLD" check "$TMP/bad-prefixed.log" 2>"$TMP/err"
ok "a diagnostic in a prefixed log points at the real line and column" \
    grep -q "bad-prefixed.log:13:84: error: unit of Increment" "$TMP/err"
check_clean "--prefix gives the prefix by hand" \
    --strict --prefix '[0-9: ,-]+ - memory_profile_log - INFO - ' "$CORPUS/logfile_prefix.log"
status_is 2 -e "prefix" "a --prefix that does not compile exits 2" "$MEMFOLD" check --prefix '(' "$CORPUS/logfile_prefix.log"

# A run killed after a whole row: the table ends with the input, and is
# read with a warning; killed in the middle of a row: that row is lost, an
# error, and the block is left out of the sums.
for f in killed killed_midblock killed_midrow; do
    if [ $f = killed_midrow ]; then want=1 calls=2; else want=0 calls=3; fi
    status_is $want -o '^step ' "$f: a killed run exits $want" "$MEMFOLD" summary "$CORPUS/$f.log"
    ok "$f: ... naming the block and where it stops" grep -qE "block 3 (stops at this row|is cut off)" "$TMP/stderr"
    ok "$f: summary counts $calls calls" grep -qE "^step +$calls " "$TMP/stdout"
    complete=$(grep -cE '(^|[^0-9])[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB +[0-9]+   ' "$CORPUS/$f.log")
    "$MEMFOLD" lines -f csv "$CORPUS/$f.log" >"$TMP/lines.csv" 2>/dev/null
    ok "$f: lines still writes every complete row ($complete)" \
        test "$complete" -gt 0 -a "$(csv_rows "$TMP/lines.csv")" = "$complete"
done

check_clean "a path with spaces and non-ASCII letters" --strict "$CORPUS/path_spaces_unicode.log"
ok "... is kept exactly" grep -q '"/work/main/tests/corpus/dir with spaces/módulo ünïcode.py"' \
    <("$MEMFOLD" summary -f json "$CORPUS/path_spaces_unicode.log")
