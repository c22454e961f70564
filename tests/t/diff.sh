#!/usr/bin/env bash
# memfold diff as a CI gate, and the golden-file workflow of README's
# "Catch memory regressions in CI".
. "$(dirname "$0")/lib.sh"
OLD=tests/corpus/basic_calls.log
D=tests/diff
plan 26
PASSED=': PASSED$'

status_is 1 "a regression over both limits exits 1" \
    "$MEMFOLD" diff --max-increase 10% --max-increase 2MiB "$OLD" $D/regressed.log
ok "... and the verdict names it" grep -q "FAILED: 1 function over the limit: make_list (peak +10.0 MiB, +27.2%)$" "$TMP/stdout"
status_is 0 -o "$PASSED" "under the limits exits 0, and says it passed" \
    "$MEMFOLD" diff --max-increase 30% --max-increase 2MiB "$OLD" $D/regressed.log
status_is 0 -o "$PASSED" "over the relative limit but not the absolute one passes" \
    "$MEMFOLD" diff --max-increase 10% --max-increase 20MiB "$OLD" $D/regressed.log
status_is 0 -o "$PASSED" "over the absolute limit but not the relative one passes" \
    "$MEMFOLD" diff --max-increase 50% --max-increase 2MiB "$OLD" $D/regressed.log
status_is 1 "the absolute limit alone" "$MEMFOLD" diff --max-increase 2MiB "$OLD" $D/regressed.log
status_is 0 -o '^make_list .* \+10\.0 ' "no limit: a report of each function, exit 0" "$MEMFOLD" diff "$OLD" $D/regressed.log
status_is 1 "--metric mean applies the limit to the mean" \
    "$MEMFOLD" diff --metric mean --max-increase 10% "$OLD" $D/regressed.log
status_is 0 -o "$PASSED" "--metric net: make_dict and make_list net within 100%" \
    "$MEMFOLD" diff --metric net --max-increase 100% "$OLD" $D/regressed.log

status_is 3 -o "2 added, 2 removed: FAILED: every function was added or removed" \
    "different paths: every function added or removed, the comparison cannot be trusted" \
    "$MEMFOLD" diff $D/home_paths.log $D/build_paths.log
status_is 0 -o "2 added, 2 removed: PASSED$" "... unless --allow-all-changed" \
    "$MEMFOLD" diff --allow-all-changed $D/home_paths.log $D/build_paths.log
status_is 1 -o "FAILED: 2 added \(--fail-on-new\)$" "--fail-on-new fails on added functions" \
    "$MEMFOLD" diff --allow-all-changed --fail-on-new $D/home_paths.log $D/build_paths.log
status_is 1 -o "FAILED: 2 removed \(--fail-on-removed\)$" "--fail-on-removed fails on removed functions, and says so" \
    "$MEMFOLD" diff --allow-all-changed --fail-on-removed $D/home_paths.log $D/build_paths.log
status_is 1 "--match name matches across paths and finds the regression" \
    "$MEMFOLD" diff --match name --max-increase 10% $D/home_paths.log $D/build_paths.log
ok "... helper_work is over" grep -q "^helper_work .* OVER$" "$TMP/stdout"

"$MEMFOLD" summary -f json "$OLD" >"$TMP/a.json"
"$MEMFOLD" summary -f json "$OLD" >"$TMP/b.json"
same "summary JSON is byte for byte the same when recorded twice" "$TMP/a.json" "$TMP/b.json"
ok "... and holds both functions" test "$(jq -r '[.functions[].function] | join(" ")' "$TMP/a.json")" = "make_list make_dict"
cp "$OLD" "$TMP/copy.log"
( cd "$TMP" && "$MEMFOLD" summary -f json copy.log ) >"$TMP/c.json"
ok "... and holds no path that was not in the input" \
    test "$(grep -c "$TMP" "$TMP/c.json")-$(jq -r '.inputs[0].path' "$TMP/c.json")" = "0-copy.log"
status_is 1 "a recorded JSON golden file against a regressed log exits 1" \
    "$MEMFOLD" diff $D/golden_basic_calls.json $D/regressed.log --max-increase 10% --max-increase 2MiB
status_is 0 -o "$PASSED" "... and against the log it was recorded from exits 0" \
    "$MEMFOLD" diff $D/golden_basic_calls.json "$OLD" --max-increase 10% --max-increase 2MiB
"$MEMFOLD" summary -f json "$OLD" -o "$TMP/golden.json"
same "the committed golden JSON is what summary records today" $D/golden_basic_calls.json "$TMP/golden.json"
gzip -c $D/regressed.log >"$TMP/new.log.gz"
status_is 1 -o 'FAILED: 1 function over the limit: make_list' "NEW may be a gzipped log" \
    "$MEMFOLD" diff $D/golden_basic_calls.json "$TMP/new.log.gz" --max-increase 10%

status_is 2 -e . "one input is a usage error" "$MEMFOLD" diff "$OLD"
status_is 2 -e "10" "a limit without unit is a usage error" "$MEMFOLD" diff --max-increase 10 "$OLD" "$OLD"
status_is 2 -e "none.log" "a missing file exits 2, naming it" "$MEMFOLD" diff "$OLD" "$TMP/none.log"
echo '{"memfold": 2}' >"$TMP/v2.json"
status_is 2 "a JSON file of another version is refused" "$MEMFOLD" diff "$TMP/v2.json" "$OLD"
