#!/usr/bin/env bash
# The fields of `memfold summary -f json` that are computed from the rows
# (rise_mib, source_hashes, calls and blocks, per_run) against the same
# fields computed from the raw reports by summary-fields.py, without memfold.
. "$(dirname "$0")/lib.sh"
plan 38
PY=/usr/bin/python3
FIELDS=$ROOT/tests/t/summary-fields.py
LOGS=(basic_calls module_mode recursion negative precision wide_values decorators nested_def
      no_decorator_line async_methods multi_file indentation unmeasured_rows append_o)
for l in "${LOGS[@]}"; do [ -s "$CORPUS/$l.log" ] || bail_out "no $l.log"; done

# rise_mib: per block, highest Mem usage - the first measured row's; the largest.
for l in "${LOGS[@]}"; do "$MEMFOLD" summary -f json "$CORPUS/$l.log" >"$TMP/$l.json"; done
bad=
for l in "${LOGS[@]}"; do $PY "$FIELDS" rise "$TMP/$l.json" "$CORPUS/$l.log" || bad="$bad $l"; done
ok "rise_mib of every function of ${#LOGS[@]} reports is the one computed from the rows${bad:+ (not:$bad)}" test -z "$bad"
ok "... and the reports have rises that are not 0 (15.3 in basic_calls)" \
    test "$(jq '[.functions[].rise_mib] | max' "$TMP/basic_calls.json")" = 15.3
# CSV: rise_mib right after net_mib.
"$MEMFOLD" summary -f csv "$CORPUS/basic_calls.log" >"$TMP/b.csv"
ok "CSV has the column rise_mib after net_mib" grep -q '^file,.*,net_mib,rise_mib,' "$TMP/b.csv"
# Read back: merge of one summary keeps it; a summary without it (written
# earlier) loads, with rise unknown (null), and stays unknown when added to one that has it.
status_is 0 -o '"rise_mib": 15.3' "merge reads rise_mib back" "$MEMFOLD" merge "$TMP/basic_calls.json"
sed -E 's/"rise_mib": [-0-9.]+, //' "$TMP/basic_calls.json" >"$TMP/old.json"
grep -q rise_mib "$TMP/old.json" && bail_out "rise_mib still in old.json"
status_is 0 -o '"make_list".*"rise_mib": null' "a summary without rise_mib loads: rise unknown" \
    "$MEMFOLD" merge "$TMP/old.json" "$TMP/basic_calls.json"
sed -E 's/"rise_mib": 15.3,/"rise_mib": 36.8,/' "$TMP/basic_calls.json" >"$TMP/bad.json"
cmp -s "$TMP/basic_calls.json" "$TMP/bad.json" && bail_out "bad.json is not changed"
status_is 1 -e '"rise_mib" must be from 0 to "peak_mib" \(36.7\), not 36.8' "a rise_mib above the peak is refused" \
    "$MEMFOLD" merge "$TMP/bad.json"

# source_hashes: FNV-1a of every non-empty source row of the first block,
# white space cut at both ends, 8 hex digits each.
bad=
for l in "${LOGS[@]}"; do $PY "$FIELDS" hashes "$TMP/$l.json" "$CORPUS/$l.log" || bad="$bad $l"; done
ok "source_hashes of every function of ${#LOGS[@]} reports are the ones computed from the rows${bad:+ (not:$bad)}" test -z "$bad"
ok "... and they are there (countdown: 6 source rows, 48 hex digits)" \
    test "$(jq -r '.functions[] | select(.function == "countdown") | .source_hashes | length' "$TMP/recursion.json")" = 48
ok "CSV has no source_hashes column" sh -c "head -1 '$TMP/b.csv' | grep -q '^file,' && ! head -1 '$TMP/b.csv' | grep -q source_hashes"
sed -E 's/"source_hashes": "[0-9a-f]*", //' "$TMP/recursion.json" >"$TMP/nohash.json"
grep -q source_hashes "$TMP/nohash.json" && bail_out "source_hashes still in nohash.json"
"$MEMFOLD" merge "$TMP/nohash.json" "$TMP/recursion.json" >"$TMP/merged.json"
ok "merge: a summary without source_hashes loads, and the first that has them is kept" \
    test "$(jq -c '[.functions[].source_hashes]' "$TMP/merged.json")" = "$(jq -c '[.functions[].source_hashes]' "$TMP/recursion.json")"
for v in '"2157DA90"' '"2157da9"' '"2157da9g"' '5'; do
    sed -E "0,/\"source_hashes\": \"[0-9a-f]*\"/s//\"source_hashes\": $v/" "$TMP/recursion.json" >"$TMP/bad.json"
    status_is 1 -e '"source_hashes" must be' "source_hashes $v is refused" "$MEMFOLD" merge "$TMP/bad.json"
done

# calls: what the reports tell (the first measured row's Occurrences, a
# one-row block's halved, blocks nested in a later block of the same
# function taken in); blocks: the blocks folded; calls_estimated.
CALLS_LOGS=("${LOGS[@]}" counts_decorated counts_module ipython_mprun ipython_mprun_script old_format
            v058_format occurrences)
bad=
for l in "${CALLS_LOGS[@]}"; do
    [ -f "$TMP/$l.json" ] || "$MEMFOLD" summary -f json "$CORPUS/$l.log" >"$TMP/$l.json"
    $PY "$FIELDS" calls "$TMP/$l.json" "$CORPUS/$l.log" || bad="$bad $l"
done
ok "calls, blocks and calls_estimated of ${#CALLS_LOGS[@]} reports are the ones computed from the rows${bad:+ (not:$bad)}" test -z "$bad"
# The calls the programs make, read from their source by hand.
calls_of() { jq -r '[.functions[] | "\(.function)=\(.calls)/\(.blocks)"] | join(" ")' "$TMP/$1.json"; }
ok "recursion.py: countdown(2) is 3 calls in 3 nested blocks, leaf 2, caller 1" \
    test "$(calls_of recursion)" = "countdown=3/3 leaf=2/2 caller=1/1"
ok "module_mode.py (python -m memory_profiler): 3 calls each, in one block" \
    test "$(calls_of module_mode)" = "build=3/1 summarize=3/1"
ok "counts_decorated.py: fib(3) + fib(1) 6 calls, even/odd 2 each, one-line functions 3 each" \
    test "$(calls_of counts_decorated)" = "fib=6/6 odd=2/2 even=2/2 one=3/3 bare=3/3"
ok "counts_module.py (-m): fib 6 calls and one 3, one block each" \
    test "$(calls_of counts_module)" = "fib=6/1 one=3/1"
ok "ipython_mprun: make_list 1 + 3 + 1 + 2 calls in 4 separate %mprun tables (none nested), build 2" \
    test "$(calls_of ipython_mprun)" = "make_list=7/4 build=2/2"
ok "old_format (no Occurrences column): one call a block, estimated" \
    test "$(jq -c '[.functions[] | [.calls, .blocks, .calls_estimated]]' "$TMP/old_format.json")" = "[[1,1,true],[1,1,true]]"
# A summary written before: "calls" counted blocks; it loads (and adds up)
# as blocks, with the calls an estimate.
sed -E 's/"calls": [0-9]+, "calls_estimated": (true|false), "blocks": ([0-9]+),/"calls": \2,/' \
    "$TMP/module_mode.json" >"$TMP/old.json"
grep -q '"blocks": 1, "rows"' "$TMP/old.json" && bail_out "old.json still has blocks"
status_is 0 -o '"build".*"calls": 4, "calls_estimated": true, "blocks": 2,' \
    "a summary with only \"calls\" (blocks) merges: its calls are its blocks, estimated" \
    "$MEMFOLD" merge "$TMP/old.json" "$TMP/module_mode.json"
sed -E '0,/"blocks": 1,/s//"blocks": 4,/' "$TMP/module_mode.json" >"$TMP/bad.json"
status_is 1 -e '"calls" \(3\) is less than "blocks" \(4\)' "calls below blocks is refused" "$MEMFOLD" merge "$TMP/bad.json"

# summary --runs: each FILE one run of the same program (runs.py run three
# times; extra only in run 2).
R=("$CORPUS/runs_1.log" "$CORPUS/runs_2.log" "$CORPUS/runs_3.log")
[ "$(grep -c 'def extra' "${R[@]}" | tr '\n' ' ')" = "$CORPUS/runs_1.log:0 $CORPUS/runs_2.log:1 $CORPUS/runs_3.log:0 " ] ||
    bail_out "extra is not only in run 2"
status_is 0 "summary --runs exits 0" "$MEMFOLD" summary --runs "${R[@]}"
cp "$TMP/stdout" "$TMP/runs.json"
ok "... \"runs\": 3 right after \"memfold\": 1" \
    test "$(sed -n 2,3p "$TMP/runs.json" | tr -d ' \n')" = '"memfold":1,"runs":3,'
ok "... per_run of every function: null where it is not in the run, else the run's own calls, peak, rise, net, mean" \
    $PY "$FIELDS" runs "$TMP/runs.json" "${R[@]}"
ok "... extra's per_run is [null, {...}, null]" \
    test "$(jq -c '.functions[] | select(.function == "extra") | [.per_run[] | type]' "$TMP/runs.json")" = '["null","object","null"]'
"$MEMFOLD" summary -f json "${R[@]}" | jq -S . >"$TMP/all.json"
jq -S 'del(.runs) | del(.functions[].per_run)' "$TMP/runs.json" >"$TMP/runs-all.json"
same "... the rest is the summary of all the FILEs folded together" "$TMP/all.json" "$TMP/runs-all.json"
status_is 2 -e 'JSON only' "summary --runs -f csv is a usage error that says why" \
    "$MEMFOLD" summary --runs -f csv "${R[@]}"
status_is 2 -e 'summary --runs reads reports' "summary --runs of an mprof .dat file is refused" \
    "$MEMFOLD" summary --runs "$CORPUS/mprof_plain.dat"
status_is 2 -e 'a summary of 3 runs cannot be added up' "merge refuses a summary of 3 runs" \
    "$MEMFOLD" merge "$TMP/runs.json"
"$MEMFOLD" summary --runs "${R[0]}" >"$TMP/one.json"
status_is 0 -o '"function": "work"' "a summary of 1 run loads and merges" "$MEMFOLD" merge "$TMP/one.json"
# The reader checks the shape of runs and per_run (and ignores their values).
mut() { jq -c "$1" "$TMP/one.json" >"$TMP/mut.json"; }
mut '.runs = 0';                       status_is 1 -e '"runs" must be a positive integer' "runs 0 is refused" "$MEMFOLD" merge "$TMP/mut.json"
mut '.functions[0].per_run += [null]'; status_is 1 -e '"per_run" must be an array of 1 entries' "a per_run longer than runs is refused" "$MEMFOLD" merge "$TMP/mut.json"
mut 'del(.functions[0].per_run[0].rise_mib)'; status_is 1 -e 'per_run\[0\]\.rise_mib" is missing' "a per_run entry without rise_mib is refused" "$MEMFOLD" merge "$TMP/mut.json"
mut 'del(.functions[0].per_run)';      status_is 1 -e '"per_run" is missing' "a function without per_run in a summary of runs is refused" "$MEMFOLD" merge "$TMP/mut.json"
mut 'del(.runs)';                      status_is 1 -e 'no "runs"' "per_run without runs is refused" "$MEMFOLD" merge "$TMP/mut.json"
mut '.functions[0].per_run[0].peak_mib = 1e6 | .functions[0].per_run[0].calls = 9'
status_is 0 "per_run's values are not the fold's: other numbers load" "$MEMFOLD" merge "$TMP/mut.json"
