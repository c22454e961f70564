#!/usr/bin/env bash
# What one block may cost is bounded: a block holds at most 1,000,000 rows
# (README, "Limits"); one with more is an error at its first row over the
# bound (block-size), it is left out, the rest of the input is read, and
# memory stays bounded however long the block goes on.
# MEMFOLD_TEST_MAX_BLOCK_ROWS=N lowers the bound, for the small cases.
. "$(dirname "$0")/lib.sh"
plan 6

# block N: one memory_profiler block of N rows
block() {
    awk -v n="$1" -f tests/bench/block.awk
}

block 3 >"$TMP/three.log"
MEMFOLD_TEST_MAX_BLOCK_ROWS=3 check_clean "a block of as many rows as the bound is clean" \
    "$TMP/three.log"

{ block 5; block 3; } >"$TMP/five.log"
MEMFOLD_TEST_MAX_BLOCK_ROWS=3 status_is 1 \
    -e '"name": "block-size", "message": "a block may hold at most 3 rows.*"line": 8, "column": 6, "end_column": 7' \
    "one row over the bound: block-size at that row's line number" \
    "$MEMFOLD" check --diagnostics-format=json "$TMP/five.log"
ok "... with a note that the block starting at line 1 is left out" \
    grep -qE '"kind": "note".*"message": "the block that starts here is left out".*"line": 1,' \
    "$TMP/stderr"
MEMFOLD_TEST_MAX_BLOCK_ROWS=3 "$MEMFOLD" summary -f csv "$TMP/five.log" >"$TMP/five.csv" 2>/dev/null
MEMFOLD_TEST_MAX_BLOCK_ROWS=3 "$MEMFOLD" summary -f csv "$TMP/three.log" >"$TMP/three.csv"
same "... summary leaves it out and reads the block after it" "$TMP/five.csv" "$TMP/three.csv"

# The real bound, under a memory cap: 3 million rows would need about
# 700 MB held at once; bounded, the block costs what 1,000,000 rows do.
# (AddressSanitizer reserves terabytes of address space for its shadow
# memory, so under the sanitizer build there is no cap: only the error
# is checked.)
cap=600000
if grep -q __asan_init "$MEMFOLD" 2>/dev/null; then cap=unlimited; fi
status_is 1 -e '^-:1000005:1: error: a block may hold at most 1000000 rows' \
    "a block of 3,000,000 rows is a block-size error at row 1,000,001" \
    sh -c 'ulimit -v "$2" && "$0" check - 2>"$1"; st=$?; head -n 3 "$1" >&2; exit $st' \
    "$MEMFOLD" "$TMP/err" "$cap" < <(block 3000000)
if [ "$cap" = unlimited ]; then
    skip "no memory cap under AddressSanitizer" 1
else
    ok "... and it is read to its end in bounded memory (ulimit -v 600 MB): no allocation failed" \
        sh -c "! grep -qi 'memory' '$TMP/stderr' && grep -q 'block-size' '$TMP/stderr'"
fi
