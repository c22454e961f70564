#!/usr/bin/env bash
# Inputs that once broke memfold (tests/fuzz/regress): every command reads
# them and ends normally -- exit 0 or 1, never a crash (under the sanitizer
# build a report of ASan or UBSan would fail here too).
. "$(dirname "$0")/lib.sh"
for f in tests/fuzz/regress/*; do
    base=$(basename "$f")
    for cmd in "summary -f json" "lines -f csv --all-rows" "check --diagnostics-format=sarif" "fmt"; do
        # shellcheck disable=SC2086
        "$MEMFOLD" $cmd "$f" >/dev/null 2>"$TMP/err"
        st=$?
        if [ $st -le 1 ] && ! grep -qE 'Sanitizer|runtime error' "$TMP/err"; then
            pass "$base: memfold ${cmd%% *} ends normally (exit $st)"
        else
            head -5 "$TMP/err"; fail "$base: memfold ${cmd%% *} ends normally (exit $st)"
        fi
    done
done
"$MEMFOLD" summary -f json tests/fuzz/regress/report-bom-recursion.log | jq -e '.functions[0].function == "f"' >/dev/null
ok "report-bom-recursion: the report after the byte-order mark is read" test $? -eq 0
"$MEMFOLD" lines -f csv tests/fuzz/regress/report-eof-midrow.log 2>/dev/null | tail -n +2 | wc -l >"$TMP/n"
ok "report-eof-midrow: the complete row is still written" test "$(cat "$TMP/n")" = 1
"$MEMFOLD" check tests/fuzz/regress/report-lineno-overflow.log 2>"$TMP/err"
ok "report-lineno-overflow: reported as too large" grep -q "line number too large" "$TMP/err"
