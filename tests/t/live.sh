#!/usr/bin/env bash
# The live test: profile the corpus programs now, with the installed
# memory_profiler, and read every fresh report.  Each must parse without
# errors or warnings, and `lines` must give as many rows as the report has
# measured rows (counted with grep), so a change in the tool's output is
# caught.  Skipped when memory_profiler is not installed.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON_MP:-/usr/bin/python3}
# what is checked: every corpus report that regen.sh captures as it is
clean_reports logs
plan $((2 * ${#logs[@]}))

if ! "$PY" -c 'import memory_profiler' 2>/dev/null; then
    skip_all "memory_profiler is not installed for $PY"
fi
# wide_values.py maps 1.1 GB (its values must be wider than their column);
# with less memory available than it needs, that one capture is skipped,
# and the README says what make check needs.
BIG=wide_values BIG_MIB=${LIVE_BIG_MIB:-1400}   # LIVE_BIG_MIB: for a test of the skip
avail=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo 2>/dev/null)
cases=()
if [ -n "$avail" ] && [ "$avail" -lt "$BIG_MIB" ]; then
    mapfile -t cases < <(bash tests/corpus/regen.sh --list | awk -v big="$BIG" '$1 != big { print $1 }')
    kept=()
    for log in "${logs[@]}"; do [ "${log##*/}" = "$BIG.log" ] || kept+=("$log"); done
    logs=("${kept[@]}")
    skip "$BIG: its capture maps 1.1 GB, and $avail MiB are available (it needs $BIG_MIB)" 2
fi
mkdir -p "$TMP/fresh"
PYTHON=$PY bash tests/corpus/regen.sh "$TMP/fresh" "${cases[@]}" >"$TMP/regen.out" 2>&1
st=$?
[ "$st" -eq 0 ] || tail -5 "$TMP/regen.out"
missing=
for log in "${logs[@]}"; do [ -s "$TMP/fresh/${log##*/}" ] || missing="$missing ${log##*/}"; done
[ "$st" -eq 0 ] && [ -z "$missing" ] ||
    bail_out "regen.sh could not recapture the corpus (exit $st; missing:$missing)"
for name in "${logs[@]}"; do
    name=${name##*/}
    log=$TMP/fresh/$name base=${name%.log}
    check_clean "$base: fresh report passes check --strict" --strict "$log"
    want=$(( $(count_measured "$log") + $(count_memit "$log") ))   # lines writes %memit results too
    "$MEMFOLD" lines -f csv "$log" >"$TMP/lines.csv"
    ok "$base: lines gives its $want measured rows and %memit results" test "$want" -gt 0 -a "$(csv_rows "$TMP/lines.csv")" = "$want"
done
