#!/usr/bin/env bash
# run.sh -- every test: the unit tests of each pass (C), the golden tests,
# and the shell tests.  Ends with "N passed, M failed"; exits 1 on any
# failure.
set -u
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run() { "$@" 2>&1 | tee -a "$log"; }

for t in build/tests/test_*; do
    run "$t"
done
run bash tests/golden.sh
for t in tests/t/*.sh; do
    [ "$(basename "$t")" = lib.sh ] && continue
    run bash "$t"
done

passed=$(grep -c '^\[PASS\]' "$log")
failed=$(grep -c '^\[FAIL\]' "$log")
skipped=$(grep -c '^\[SKIP\]' "$log")
[ "$skipped" -gt 0 ] && echo "($skipped skipped: see the [SKIP] lines above)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
