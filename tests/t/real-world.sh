#!/usr/bin/env bash
# Reports as they reach users: through logging, from Windows (CRLF, a
# byte-order mark, C:\ paths), gzipped, and cut off by a killed process.
. "$(dirname "$0")/lib.sh"

functions() { "$MEMFOLD" summary -f json "$@" 2>/dev/null | jq -c '[.functions[] | del(.file)]'; }
WANT=$(functions "$CORPUS/basic_calls.log")

for f in crlf mixed_endings bom; do
    # the same report with LF endings and no byte-order mark
    tr -d '\r' <"$CORPUS/$f.log" | sed '1s/^\xef\xbb\xbf//' >"$TMP/$f.lf.log"
    WANT=$(functions "$TMP/$f.lf.log")
    "$MEMFOLD" check "$CORPUS/$f.log" 2>"$TMP/err"
    st=$?
    case $f in
        bom) ok "$f: check is silent" test $st = 0 -a ! -s "$TMP/err" ;;
        *) ok "$f: one crlf warning, exit 0" test $st = 0 -a "$(grep -c -- '-Wcrlf' "$TMP/err")" = 1 ;;
    esac
    ok "$f: the same functions and figures as the LF report" test "$(functions "$CORPUS/$f.log")" = "$WANT"
done
WANT=$(functions "$CORPUS/basic_calls.log")
grep -q $'^Filename: /work/main/tests/corpus/basic_calls.py\r$' "$CORPUS/crlf.log" \
    || fail "crlf.log has CRLF endings"
ok "crlf: the warning points at the first CRLF line of the report" \
    grep -q "crlf.log:2:49: warning" <("$MEMFOLD" check "$CORPUS/crlf.log" 2>&1)

"$MEMFOLD" summary -f csv "$CORPUS/windows_path.log" >"$TMP/win.csv" 2>/dev/null
ok "windows_path: C:\\ paths are kept as the file names" grep -q '^C:\\Users\\Dev\\proj\\multi_file.py,main_work,' "$TMP/win.csv"

ok "gzip: a .gz report reads as the report" test "$(functions "$CORPUS/basic_calls.log.gz")" = "$WANT"
ok "gzip: also from standard input" test "$(functions - <"$CORPUS/basic_calls.log.gz")" = "$WANT"
cp "$CORPUS/basic_calls.log.gz" "$TMP/report.txt"
ok "gzip: found by its magic bytes, not its name" test "$(functions "$TMP/report.txt")" = "$WANT"
head -c 300 "$CORPUS/basic_calls.log.gz" >"$TMP/cut.gz"
status_is 1 "gzip: compressed data cut short is an error in the input (exit 1)" \
    "$MEMFOLD" summary "$TMP/cut.gz"
ok "... which says so" grep -q "compressed data is cut short" "$TMP/stderr"
ok "... and what was read before the cut is still summed" grep -q "^make_list " "$TMP/stdout"

for f in logfile_prefix logfile_basic_format logfile_custom_format logfile_increment_only; do
    status_is 0 "$f: a LogFile log passes check" "$MEMFOLD" check --strict "$CORPUS/$f.log"
    want=$(count_measured "$CORPUS/$f.log")
    got=$("$MEMFOLD" lines -f csv "$CORPUS/$f.log" | tail -n +2 | wc -l)
    ok "$f: lines gives its $want measured rows" test "$got" = "$want"
done
ok "logfile_increment_only: the function has no name (no def row survived)" test \
    "$("$MEMFOLD" summary -f json "$CORPUS/logfile_increment_only.log" | jq -r '.functions[0].function')" = null
sed '13s/ MiB      0.0 MiB/ MiB      0.0 MB /' "$CORPUS/logfile_prefix.log" >"$TMP/bad-prefixed.log"
"$MEMFOLD" check "$TMP/bad-prefixed.log" 2>"$TMP/err"
ok "a diagnostic in a prefixed log points at the real line and column" \
    grep -q "bad-prefixed.log:13:84: error: unit of Increment" "$TMP/err"
status_is 0 "--prefix gives the prefix by hand" \
    "$MEMFOLD" check --strict --prefix '[0-9: ,-]+ - memory_profile_log - INFO - ' "$CORPUS/logfile_prefix.log"
status_is 2 "a --prefix that does not compile exits 2" "$MEMFOLD" check --prefix '(' "$CORPUS/logfile_prefix.log"

for f in killed killed_midblock killed_midrow; do
    status_is 1 "$f: a killed run is an error (exit 1)" "$MEMFOLD" summary "$CORPUS/$f.log"
    ok "$f: ... naming the block and where it stops" grep -qE "block 3 (stops at this row|is cut off)" "$TMP/stderr"
    ok "$f: summary leaves the cut block out (2 calls)" grep -qE "^step +2 " "$TMP/stdout"
    complete=$(grep -cE '(^|[^0-9])[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB +[0-9]+   ' "$CORPUS/$f.log")
    got=$("$MEMFOLD" lines -f csv "$CORPUS/$f.log" 2>/dev/null | tail -n +2 | wc -l)
    ok "$f: lines still writes every complete row ($complete)" test "$got" = "$complete"
done

status_is 0 "a path with spaces and non-ASCII letters" "$MEMFOLD" check --strict "$CORPUS/path_spaces_unicode.log"
ok "... is kept exactly" grep -q '"/work/main/tests/corpus/dir with spaces/módulo ünïcode.py"' \
    <("$MEMFOLD" summary -f json "$CORPUS/path_spaces_unicode.log")
