#!/usr/bin/env bash
# Inputs that once broke memfold (tests/fuzz/regress): every command reads
# them and ends normally -- exit 0 or 1, never a crash (under the sanitizer
# build a report of ASan or UBSan would fail here too) -- and prints what
# that command prints: a summary JSON, a CSV header, a SARIF log, and from
# fmt the blocks or a diagnostic.
. "$(dirname "$0")/lib.sh"
set -- tests/fuzz/regress/*
plan $(($# * 4 + 3))
# command, then what its output (stdout and stderr together) must hold
cmds=("summary -f json" '"memfold": 1'
      "lines -f csv --all-rows" '^[a-z_]+(,[a-z_]+)+$'
      "check --diagnostics-format=sarif" '"version": "2\.1\.0"'
      "fmt" '.')
for f in "$@"; do
    base=$(basename "$f")
    for ((i = 0; i < ${#cmds[@]}; i += 2)); do
        cmd=${cmds[i]} want=${cmds[i + 1]}
        # shellcheck disable=SC2086
        "$MEMFOLD" $cmd "$f" >"$TMP/out" 2>"$TMP/err"
        st=$?
        if [ $st -le 1 ] && ! grep -qE 'Sanitizer|runtime error' "$TMP/err" &&
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
