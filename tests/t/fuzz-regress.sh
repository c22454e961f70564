#!/usr/bin/env bash
# Inputs that once broke memfold (tests/fuzz/regress): every command reads
# them and ends normally -- exit 0 or 1, never a crash (under the sanitizer
# build a report of ASan or UBSan would fail here too) -- and prints what
# that command prints: a summary JSON, a CSV header, a SARIF log, from
# fmt the blocks or a diagnostic, an SVG picture, and diff's verdict (of
# the input against itself).
. "$(dirname "$0")/lib.sh"
set -- tests/fuzz/regress/*
merges=(tests/fuzz/regress/merge-*)
[ -f "${merges[0]}" ] || merges=()
plan $(($# * 6 + 6 + ${#merges[@]}))
# command, then what its output (stdout and stderr together) must hold
cmds=("summary -f json" '"memfold": 1'
      "lines -f csv --all-rows" '^[a-z_]+(,[a-z_]+)+$'
      "check --diagnostics-format=sarif" '"version": "2\.1\.0"'
      "fmt" '.'
      "plot" '^<svg '
      "diff @" '(PASSED|FAILED: .*)$|^memfold: tests/fuzz/regress/[^ ]*: ')   # a verdict, or why the input is refused
for f in "$@"; do
    base=$(basename "$f")
    for ((i = 0; i < ${#cmds[@]}; i += 2)); do
        cmd=${cmds[i]//@/$f} want=${cmds[i + 1]}
        # shellcheck disable=SC2086
        "$MEMFOLD" $cmd "$f" >"$TMP/out" 2>"$TMP/err"
        st=$?
        # (fmt refuses a .dat file: a usage error that says so)
        if [ "${cmd%% *}" = fmt ] && [ $st -eq 2 ] && grep -q "fmt reads reports" "$TMP/err"; then
            pass "$base: memfold fmt refuses a .dat file (exit 2)"
        elif { [ $st -le 1 ] || { [ $st -eq 3 ] && [ "${cmd%% *}" = diff ]; }; } &&
             ! grep -qE 'Sanitizer|runtime error' "$TMP/err" &&
           cat "$TMP/out" "$TMP/err" | grep -qE -- "$want"; then
            pass "$base: memfold ${cmd%% *} ends normally (exit $st)"
        else
            head -5 "$TMP/err"; fail "$base: memfold ${cmd%% *} ends normally with its output (exit $st)"
        fi
    done
done
"$MEMFOLD" summary -f json tests/fuzz/regress/report-bom-recursion.log >"$TMP/bom.json"
ok "report-bom-recursion: the report after the byte-order mark is read" \
    test "$(jq -r '.functions[0].function' "$TMP/bom.json" 2>/dev/null)" = f
"$MEMFOLD" lines -f csv tests/fuzz/regress/report-eof-midrow.log >"$TMP/midrow.csv" 2>/dev/null
ok "report-eof-midrow: the complete row is still written" \
    test "$(head -1 "$TMP/midrow.csv" | cut -d, -f1-2)-$(csv_rows "$TMP/midrow.csv")" = "source,block-1"
status_is 1 -e "line number too large" "report-lineno-overflow: reported as too large" \
    "$MEMFOLD" check tests/fuzz/regress/report-lineno-overflow.log
status_is 0 -o 'AFTERNUL&quot;' "report-nul-source-line: plot --function draws the line whole" \
    "$MEMFOLD" plot --function f tests/fuzz/regress/report-nul-source-line.log
# a FUNC name without a module: the CSV row of diff starts with an empty
# field (the records writer copied zero bytes from a NULL buffer: UBSan)
status_is 3 -o '^,__ma,' "diff-csv-empty-first-field: diff -f csv writes the row" \
    "$MEMFOLD" diff -f csv tests/fuzz/regress/diff-csv-empty-first-field.dat /dev/null
ok "... and no sanitizer speaks (the diagnostics are memfold's own)" \
    sh -c "grep -q 'Wdat-number' '$TMP/stderr' && ! grep -qE 'Sanitizer|runtime error' '$TMP/stderr'"
# merge-*: summary JSON that broke merge: merge refuses it (exit 1) or
# writes a summary that merge reads back
for f in "${merges[@]}"; do
    "$MEMFOLD" merge "$f" >"$TMP/merged.json" 2>"$TMP/err"
    st=$?
    if grep -qE 'Sanitizer|runtime error' "$TMP/err"; then
        head -3 "$TMP/err"; fail "$(basename "$f"): merge ends without a sanitizer's report"
    elif [ $st -eq 1 ] && grep -q "$f" "$TMP/err"; then
        pass "$(basename "$f"): merge refuses it, naming the file"
    elif [ $st -eq 0 ] && grep -q '"memfold": 1' "$TMP/merged.json" &&
         "$MEMFOLD" merge "$TMP/merged.json" >/dev/null 2>"$TMP/err" &&
         ! grep -qE 'Sanitizer|runtime error' "$TMP/err"; then
        pass "$(basename "$f"): what merge writes reads back"
    else
        head -3 "$TMP/err"; fail "$(basename "$f"): merge refuses it or writes what reads back (exit $st)"
    fi
done
