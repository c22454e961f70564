#!/usr/bin/env bash
# Every real report in the corpus is exactly what memory_profiler prints:
# check --strict finds nothing, not even a warning.
. "$(dirname "$0")/lib.sh"
for log in "$CORPUS"/*.log; do
    base=$(basename "$log" .log)
    case "$base" in killed*|crlf|mixed_endings|windows_path) continue ;; esac  # real-world.sh
    "$MEMFOLD" check --strict "$log" >"$TMP/out" 2>&1
    if [ $? -eq 0 ] && [ ! -s "$TMP/out" ]; then pass "$base passes check --strict silently"
    else cat "$TMP/out"; fail "$base passes check --strict silently"; fi
done
