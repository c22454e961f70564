#!/usr/bin/env bash
# Diagnostics: JSON and SARIF structure, colours, counts, several broken
# blocks each reported while the good ones are still summarised.
. "$(dirname "$0")/lib.sh"
plan 15
BROKEN=tests/check/broken_blocks.log
# jq_ok FILTER FILE: FILE is there, not empty, and FILTER holds on it
# (jq -e on empty input exits 0: the file is checked first).
jq_ok() { [ -s "$2" ] && jq -e "$1" "$2" >/dev/null; }

"$MEMFOLD" check --diagnostics-format=json "$BROKEN" 2>"$TMP/d.json"
ok "JSON diagnostics: an array of objects with the documented keys" jq_ok '
    type == "array" and length == 4 and
    all(.[]; (keys | sort) == ["column","end_column","file","kind","line","message","name"])' \
    "$TMP/d.json"
ok "JSON diagnostics: three errors named after their checks" test \
    "$(jq -r '[.[] | select(.kind == "error") | .name] | join(" ")' "$TMP/d.json")" = \
    "malformed-row unit missing-header"

"$MEMFOLD" check --diagnostics-format=sarif "$BROKEN" 2>"$TMP/d.sarif"
ok "SARIF: version 2.1.0 and a tool name" jq_ok \
    '.version == "2.1.0" and .runs[0].tool.driver.name == "memfold"' "$TMP/d.sarif"
ok "SARIF: every result has ruleId, message.text and a physical location" jq_ok '
    .runs[0].results | length == 3 and all(.[];
        (.ruleId | type) == "string" and (.message.text | type) == "string" and
        (.locations[0].physicalLocation.artifactLocation.uri | type) == "string" and
        (.locations[0].physicalLocation.region.startLine | type) == "number" and
        (.locations[0].physicalLocation.region.startColumn | type) == "number")' \
    "$TMP/d.sarif"
ok "SARIF: every ruleId is a rule of the tool" jq_ok '
    [.runs[0].tool.driver.rules[].id] as $ids | all(.runs[0].results[]; .ruleId as $r | $ids | index($r))' \
    "$TMP/d.sarif"
"$MEMFOLD" check --diagnostics-format=sarif -o "$TMP/out.sarif" "$BROKEN"
same "check -o writes the diagnostics to the file" "$TMP/d.sarif" "$TMP/out.sarif"

"$MEMFOLD" check --color=always "$BROKEN" 2>"$TMP/color"
ok "--color=always colours the diagnostics" grep -q $'\033\\[1;31merror:' "$TMP/color"
"$MEMFOLD" check --color=never "$BROKEN" 2>"$TMP/plain"
ok "--color=never does not" test "$(grep -c $'\033' "$TMP/plain")-$(grep -c ': error: ' "$TMP/plain")" = 0-3
"$MEMFOLD" check "$BROKEN" 2>"$TMP/auto"
ok "--color=auto does not colour a file" test "$(grep -c $'\033' "$TMP/auto")-$(grep -c ': error: ' "$TMP/auto")" = 0-3
if command -v script >/dev/null; then
    script -qec "'$MEMFOLD' check '$BROKEN'" /dev/null >"$TMP/tty" 2>&1
    ok "--color=auto colours a terminal" grep -q $'\033\\[1;31merror:' "$TMP/tty"
    NO_COLOR=1 script -qec "'$MEMFOLD' check '$BROKEN'" /dev/null >"$TMP/tty-nc" 2>&1
    ok "NO_COLOR turns colours off on a terminal" \
        test "$(grep -c $'\033\\[' "$TMP/tty-nc")-$(grep -c ': error: ' "$TMP/tty-nc")" = 0-3
else
    skip "no script(1) to fake a terminal" 2
fi

"$MEMFOLD" summary -f json "$BROKEN" >"$TMP/s.json" 2>"$TMP/s.err"
ok "each broken block is reported (3 errors)" grep -qx "3 errors, 0 warnings" "$TMP/s.err"
ok "the good blocks are still summarised (3 calls)" jq_ok \
    '.functions[0].calls == 3 and .errors == 3' "$TMP/s.json"

"$MEMFOLD" check --max-errors 1 "$BROKEN" 2>"$TMP/max"
ok "--max-errors 1 prints one error but counts all" test \
    "$(grep -c ': error:' "$TMP/max")-$(tail -1 "$TMP/max")" = "1-3 errors, 0 warnings"
status_is 1 -O -E "-q prints nothing; the exit status says there were errors" "$MEMFOLD" check -q "$BROKEN"
