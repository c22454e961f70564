#!/usr/bin/env bash
# The seed article's hand-made sample (tests/seed/sample.log): its layout
# is not memory_profiler's, so `check` rejects it, but with --lenient
# `summary` finds both functions and their calls.
. "$(dirname "$0")/lib.sh"

status_is 1 "check rejects the hand-made layout" "$MEMFOLD" check tests/seed/sample.log
"$MEMFOLD" summary --lenient -f json tests/seed/sample.log >"$TMP/s.json" 2>/dev/null
ok "summary --lenient exits 0" test $? -eq 0
calls() { jq -r --arg f "$1" '.functions[] | select(.function == $f) | .calls' "$TMP/s.json"; }
ok "my_function: 2 calls" test "$(calls my_function)" = 2
ok "other_function: 1 call" test "$(calls other_function)" = 1
ok "nothing else" test "$(jq '.functions | length' "$TMP/s.json")" = 2
