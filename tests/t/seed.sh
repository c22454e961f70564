#!/usr/bin/env bash
# The seed article's hand-made sample (tests/seed/sample.log): its layout
# is not memory_profiler's, so `check` rejects it, but with --lenient
# `summary` finds both functions and their calls.
. "$(dirname "$0")/lib.sh"
plan 5

status_is 1 -e '^[0-9]+ errors?, ' "check rejects the hand-made layout" "$MEMFOLD" check tests/seed/sample.log
status_is 0 -o '"function": "my_function"' "summary --lenient exits 0, with the functions" \
    "$MEMFOLD" summary --lenient -f json tests/seed/sample.log
cp "$TMP/stdout" "$TMP/s.json"
calls() { jq -r --arg f "$1" '.functions[] | select(.function == $f) | .calls' "$TMP/s.json"; }
ok "my_function: 2 calls" test "$(calls my_function)" = 2
ok "other_function: 1 call" test "$(calls other_function)" = 1
ok "nothing else" test "$(jq '.functions | length' "$TMP/s.json")" = 2
