#!/usr/bin/env bash
# Every real report in the corpus is exactly what memory_profiler prints:
# check --strict finds nothing, not even a warning.
. "$(dirname "$0")/lib.sh"
logs=()
for log in "$CORPUS"/*.log; do
    case "$(basename "$log" .log)" in killed*|crlf|mixed_endings|windows_path) ;; *) logs+=("$log") ;; esac  # real-world.sh
done
plan ${#logs[@]}
for log in "${logs[@]}"; do
    check_clean "$(basename "$log" .log) passes check --strict silently" --strict "$log"
done
