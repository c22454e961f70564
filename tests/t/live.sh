#!/usr/bin/env bash
# The live test: profile the corpus programs now, with the installed
# memory_profiler, and read every fresh report.  Each must parse without
# errors or warnings, and `lines` must give as many rows as the report has
# measured rows (counted with grep), so a change in the tool's output is
# caught.  Skipped when memory_profiler is not installed.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON_MP:-/usr/bin/python3}

if ! "$PY" -c 'import memory_profiler' 2>/dev/null; then
    skip "memory_profiler is not installed for $PY"
    exit 0
fi
mkdir -p "$TMP/fresh"
if ! PYTHON=$PY bash tests/corpus/regen.sh "$TMP/fresh" >"$TMP/regen.out" 2>&1; then
    tail -5 "$TMP/regen.out"
    fail "regen.sh recaptures the corpus"
    exit 0
fi
pass "regen.sh recaptures the corpus"
for log in "$TMP"/fresh/*.log; do
    base=$(basename "$log" .log)
    case "$base" in killed*|crlf|mixed_endings|windows_path) continue ;; esac  # real-world.sh
    status_is 0 "$base: fresh report passes check --strict" "$MEMFOLD" check --strict "$log"
    want=$(count_measured "$log")
    got=$("$MEMFOLD" lines -f csv "$log" | tail -n +2 | wc -l)
    ok "$base: lines gives its $want measured rows" test "$got" = "$want"
done
