#!/usr/bin/env bash
# memfold diff as a gate you can trust, on real captures (tests/corpus/gate,
# see its README): same-named methods stay apart, lines shifted above a
# function keep it paired, a neighbour's growth moves peak but not rise,
# noise over repeated runs passes and a real regression does not, empty,
# crashed and moved runs never pass, and every exit status means one thing.
# Expected numbers come from tests/corpus/gate/stats.py (an independent
# reader of the raw captures), never from memfold.
. "$(dirname "$0")/lib.sh"
G=tests/corpus/gate
plan 45
command -v python3 >/dev/null || skip_all "no python3 for the independent reader"

# verdict_is EXIT ERE DESC ARGS...: diff exits EXIT and its last line
# matches ERE (and ends in PASSED or FAILED: <reasons>)
verdict_is() {
    local want=$1 ere=$2 what=$3 st; shift 3
    "$MEMFOLD" diff "$@" >"$TMP/out" 2>"$TMP/err"
    st=$?
    local last; last=$(tail -n 1 "$TMP/out")
    if [ "$st" = "$want" ] && printf '%s\n' "$last" | grep -qE -- "$ere" &&
       printf '%s\n' "$last" | grep -qE -- '(: PASSED|: FAILED: .+)$'; then
        pass "$what"
    else
        echo "  exit $st (expected $want); last line: $last"; sed 's/^/    ! /' "$TMP/err" | head -5
        fail "$what"
    fi
}
# expect FUNCTION@DEF METRIC LOG: the independent reader's value
expect() {
    python3 $G/stats.py "$3" | awk -v f="$1" -v m="$2" '$3 == f { for (i = 4; i <= NF; i++) if (index($i, m "=") == 1) print substr($i, length(m) + 2) }'
}
jdelta() {   # jdelta JSON OLDLINE METRIC: delta_mib of the row whose old line is OLDLINE
    jq -r --argjson l "$2" --arg m "$3" '.functions[] | select(.line.old == $l) | .[$m].delta_mib' "$1"
}

# ---- 1. identity: two classes' load(), only Small.load grew --------------------
verdict_is 1 'FAILED: 1 function over the limit: load:7 \(peak \+45\.1 MiB' \
    "classes: Small.load's +45 MiB fails the gate though Big.load has the same name" \
    --max-increase 10% $G/classes_old.log $G/classes_new.log
ok "... the failing row is the one at line 7 (Small), Big's at 14 is ok" \
    sh -c "grep -qE '^load +/home/dev/memapp/app.py +7 .* OVER$' '$TMP/out' && grep -qE '^load +/home/dev/memapp/app.py +14 .* ok$' '$TMP/out'"
"$MEMFOLD" diff -f json --max-increase 10% $G/classes_old.log $G/classes_new.log >"$TMP/classes.json"
small_old=$(expect load@8 peak $G/classes_old.log) small_new=$(expect load@8 peak $G/classes_new.log)
[ -n "$small_old" ] && [ -n "$small_new" ] || bail_out "stats.py read no peak of Small.load"
ok "... two rows, one function on each side each (JSON)" \
    test "$(jq '[.functions[] | select(.runs.old == 1 and .runs.new == 1)] | length' "$TMP/classes.json")" = 2
ok "... Small.load's peaks are the capture's ($small_old -> $small_new)" \
    test "$(jq -r '.functions[] | select(.line.old == 7) | "\(.peak.old.median) \(.peak.new.median)"' "$TMP/classes.json")" = "$small_old $small_new"
ok "... and its rise grew by what the capture says" \
    awk -v a="$(jdelta "$TMP/classes.json" 7 rise)" \
        -v b="$(python3 -c "print('%.1f' % ($(expect load@8 rise $G/classes_new.log) - $(expect load@8 rise $G/classes_old.log)))")" \
        'BEGIN { exit !(a != "" && b != "" && a + 0 == b + 0) }'

# ---- 2. lines inserted above both classes ----------------------------------------
verdict_is 0 '^2 functions compared by peak \(\+10%\); 0 added, 0 removed: PASSED$' \
    "6 lines inserted above: both functions still paired, nothing grew: PASSED" \
    --max-increase 10% $G/classes_old.log $G/shifted_same.log
ok "... the text shows each function's line, old -> new (7->13, 14->20)" \
    sh -c "grep -qE '^load .* 7->13 ' '$TMP/out' && grep -qE '^load .* 14->20 ' '$TMP/out'"
verdict_is 1 'FAILED: 1 function over the limit: load:13 ' \
    "... and with Small.load grown too, the regression is found" \
    --max-increase 10% $G/classes_old.log $G/shifted_grown.log
ok "... on Small's row (line 7 -> 13)" grep -qE '^load .* 7->13 .* OVER$' "$TMP/out"

# ---- 3. a neighbour grows: peak moves, rise does not -------------------------------
verdict_is 1 'FAILED: 2 functions over the limit: first \(peak .*second \(peak' \
    "neighbour: by peak, second() fails though only first() changed" \
    --max-increase 10% $G/neighbour_old.log $G/neighbour_new.log
verdict_is 1 'FAILED: 1 function over the limit: first \(rise \+40\.0 MiB' \
    "... by rise, only first() fails: what second() adds did not change" \
    --metric rise --max-increase 10% $G/neighbour_old.log $G/neighbour_new.log
ok "... second()'s rise is the same on both sides" grep -qE '^second .* 25\.0 +25\.0 +0\.0 ' "$TMP/out"
verdict_is 1 'by peak \(\+10%\), rise \(\+10%\).*FAILED: 2 functions over the limit' \
    "--metric peak --metric rise gates on both" \
    --metric peak --metric rise --max-increase 10% $G/neighbour_old.log $G/neighbour_new.log

# ---- 4. noise over repeated runs ------------------------------------------------------
olds=() sames=() growns=()
for i in 01 02 03 04 05 06 07 08 09 10; do
    olds+=(--old $G/runs_old_$i.log) sames+=(--new $G/runs_same_$i.log) growns+=(--new $G/runs_grown_$i.log)
done
[ ${#olds[@]} = 20 ] || bail_out "the runs are not there"
flaky=0
for i in 01 02 03 04 05 06 07 08 09 10; do
    "$MEMFOLD" diff --max-increase 0.1% $G/runs_old_01.log $G/runs_same_$i.log >/dev/null 2>&1
    [ $? = 1 ] && flaky=$((flaky + 1))
done
ok "one run a side: the same program fails a 0.1% peak limit on some runs ($flaky of 10)" test "$flaky" -gt 0
verdict_is 0 ', 10 runs old, 10 new; .*: PASSED$' \
    "ten runs a side of the same program pass the same limit: medians, within the old range" \
    --max-increase 0.1% "${olds[@]}" "${sames[@]}"
verdict_is 1 'FAILED: 1 function over the limit: build \(rise \+8\.00? MiB' \
    "ten runs a side with build() grown by 8 MiB: build fails by rise" \
    --metric rise --max-increase 10% "${olds[@]}" "${growns[@]}"
"$MEMFOLD" diff -f json --metric rise --max-increase 10% "${olds[@]}" "${growns[@]}" >"$TMP/runs.json"
read -r bmin bmax bmed < <(python3 $G/stats.py --set $G/runs_old_*.log | awk '$2 ~ /^build@/ && $3 == "rise" { for (i = 4; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } print v["min"], v["max"], v["median"] }')
[ -n "$bmed" ] || bail_out "stats.py read no build rise"
ok "... the old side's min, median and max of build's rise are the ten captures' ($bmin $bmed $bmax)" \
    test "$(jq -r '.functions[] | select(.function == "build") | .rise.old | "\(.min) \(.median) \(.max) \(.runs)"' "$TMP/runs.json" |
            awk '{ printf "%.2f %.2f %.2f %d", $1, $2, $3, $4 }')" = "$(printf '%.2f %.2f %.2f 10' "$bmin" "$bmed" "$bmax")"
ok "... and report(), over by nothing, is not failed" \
    test "$(jq -r '.functions[] | select(.function == "report") | .status' "$TMP/runs.json")" = ok

# ---- 5. fail closed: empty, crashed, moved ---------------------------------------------
for f in empty empty0 crashed; do
    verdict_is 3 'FAILED: [0-9]+ errors? in the inputs \(NEW\); NEW has no function$' \
        "$f.log as NEW never passes (exit 3)" $G/classes_old.log $G/$f.log
done
verdict_is 3 'FAILED: 1 error in the inputs \(OLD\); OLD has no function$' \
    "empty.log as OLD never passes (exit 3)" $G/empty.log $G/classes_old.log
verdict_is 0 'PASSED$' "--allow-empty: an empty NEW passes (2 removed)" --allow-empty $G/classes_old.log $G/empty.log
verdict_is 3 '; 0 added, 1 removed: FAILED: 1 error in the inputs \(NEW\)$' \
    "a run that printed Small's block then crashed in Big: exit 3, Big removed" \
    $G/classes_old.log $G/crashed_after.log
ok "... the traceback is named, with its line" grep -qE "^$G/crashed_after.log:[0-9]+:1: error: a Python traceback.*\[-Wtraceback\]" "$TMP/err"
ok "... and the block that was printed is still compared (Small, line 7)" grep -qE '^load .* 7 .* ok$' "$TMP/out"
verdict_is 1 'FAILED: 1 removed \(--fail-on-removed\)$' \
    "-Wno-traceback --fail-on-removed: the removed function is the reason" \
    -Wno-traceback --fail-on-removed $G/classes_old.log $G/crashed_after.log
verdict_is 3 'FAILED: every function was added or removed' \
    "a checkout moved (every path differs): exit 3, not 2 added, 2 removed, passed" \
    $G/classes_old.log $G/moved.log
verdict_is 0 '^2 functions compared .*: PASSED$' "... --strip-prefix for both checkouts pairs them" \
    --strip-prefix /home/dev/memapp --strip-prefix /builds/ci/memapp $G/classes_old.log $G/moved.log
verdict_is 0 '^2 functions compared .*: PASSED$' "... so does --match name (both loads of one file, in order)" \
    --match name $G/classes_old.log $G/moved.log
cat $G/classes_old.log $G/moved.log >"$TMP/both.log"
verdict_is 3 'FAILED: 8 functions --match name cannot pair$' \
    "--match name with load() in two files, alike: ambiguous, an error (exit 3)" \
    --match name "$TMP/both.log" "$TMP/both.log"
ok "... each such row (4 each side) says ambiguous" test "$(grep -c ' ambiguous$' "$TMP/out")" = 8

# ---- 6. budgets ---------------------------------------------------------------------------
verdict_is 1 'FAILED: 1 function over the limit: load:7 \(peak 111\.5 MiB, over its budget\)$' \
    "--max-peak 110MiB: Small.load's 111.5 MiB is over, Big's 106.5 is not" \
    --max-peak 110MiB $G/classes_old.log $G/classes_new.log
verdict_is 0 'PASSED$' "--max-rise 70MiB: both rises (65, 60) are within it" \
    --metric rise --max-rise 70MiB $G/classes_old.log $G/classes_new.log
cat >"$TMP/budget.json" <<'EOF'
{"memfold_budget": 1, "metrics": ["rise"],
 "default": {"max_increase_percent": 10},
 "functions": [{"match": "*/pipeline.py:first", "ignore": true}]}
EOF
verdict_is 0 'by rise and the budget file; 0 added, 0 removed, 1 ignored: PASSED$' \
    "a budget file: rise by 10%, first() ignored: the neighbour passes" \
    --budget "$TMP/budget.json" $G/neighbour_old.log $G/neighbour_new.log
verdict_is 1 'FAILED: 1 function over the limit: first' "... the same budget without the ignore fails first()" \
    --budget <(jq 'del(.functions)' "$TMP/budget.json") $G/neighbour_old.log $G/neighbour_new.log
echo '{"memfold_budget": 1, "default": {"max_rise": 5}}' >"$TMP/bad_budget.json"
status_is 2 -e 'bad_budget.json: "default": unknown key "max_rise"' "a budget file's unknown key is a usage error naming it" \
    "$MEMFOLD" diff --budget "$TMP/bad_budget.json" $G/classes_old.log $G/classes_new.log

# ---- 7. .dat goldens ------------------------------------------------------------------------
"$MEMFOLD" summary -f json -o "$TMP/dat_golden.json" $G/mprof_old.dat || bail_out "no .dat summary"
verdict_is 1 'FAILED: 1 function over the limit: transform' \
    "an mprof .dat summary JSON is a golden file: transform's growth fails" \
    --max-increase 10% "$TMP/dat_golden.json" $G/mprof_new.dat
verdict_is 0 ': PASSED$' "... and the .dat it was written from passes" \
    --max-increase 10% "$TMP/dat_golden.json" $G/mprof_old.dat

# ---- 8. exit statuses ---------------------------------------------------------------------------
status_is 0 "exit 0: the gate passed" "$MEMFOLD" diff --max-increase 10% $G/classes_old.log $G/shifted_same.log
status_is 1 "exit 1: the gate failed" "$MEMFOLD" diff --max-increase 10% $G/classes_old.log $G/classes_new.log
status_is 2 -e "none.log" "exit 2: an input that cannot be read" "$MEMFOLD" diff $G/classes_old.log "$TMP/none.log"
status_is 2 -e "--old and --new, not both" "exit 2: positional and --new mixed" \
    "$MEMFOLD" diff $G/classes_old.log --new $G/classes_new.log
status_is 3 "exit 3: an input with errors" "$MEMFOLD" diff $G/classes_old.log $G/crashed.log
status_is 3 -O "exit 3 with --strict: nothing written over an input's errors" \
    "$MEMFOLD" diff --strict $G/classes_old.log $G/crashed_after.log
