#!/usr/bin/env bash
# The seed article's hand-made sample (tests/seed/sample.log): its layout
# is not memory_profiler's, so `check` rejects it (and accepts it with
# --lenient), but `summary` reads it with no flag: both functions and their
# calls, each deviation a warning.
. "$(dirname "$0")/lib.sh"
plan 7

status_is 1 -e '^[0-9]+ errors?, ' "check rejects the hand-made layout" "$MEMFOLD" check tests/seed/sample.log
status_is 0 -e 'warning: .*\[-Wheader\]' "check --lenient accepts it, with warnings" \
    "$MEMFOLD" check --lenient tests/seed/sample.log
status_is 0 -o '"function": "my_function"' -e 'warning: .*\[-Whead-blank-lines\]' \
    "summary exits 0 with no flag, with the functions, and warns about the layout" \
    "$MEMFOLD" summary -f json tests/seed/sample.log
ok "... and no error" sh -c "grep -q ' warning: ' '$TMP/stderr' && ! grep -q ' error: ' '$TMP/stderr'"
cp "$TMP/stdout" "$TMP/s.json"
calls() { jq -r --arg f "$1" '.functions[] | select(.function == $f) | .calls' "$TMP/s.json"; }
ok "my_function: 2 calls" test "$(calls my_function)" = 2
ok "other_function: 1 call" test "$(calls other_function)" = 1
ok "nothing else" test "$(jq '.functions | length' "$TMP/s.json")" = 2
