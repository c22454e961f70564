#!/usr/bin/env bash
# Every real report in the corpus is exactly what memory_profiler prints:
# check --strict finds nothing, not even a warning.
. "$(dirname "$0")/lib.sh"
clean_reports logs
plan ${#logs[@]}
for log in "${logs[@]}"; do
    check_clean "$(basename "$log" .log) passes check --strict silently" --strict "$log"
done
