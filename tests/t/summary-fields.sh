#!/usr/bin/env bash
# The fields of `memfold summary -f json` that are computed from the rows
# (rise_mib, source_hashes, calls and blocks, per_run) against the same
# fields computed from the raw reports by summary-fields.py, without memfold.
. "$(dirname "$0")/lib.sh"
plan 6
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
sed -E 's/"rise_mib": 15.3,/"rise_mib": 15.5,/' "$TMP/basic_calls.json" >"$TMP/bad.json"
status_is 1 -e 'rise_mib' "a rise_mib above peak - min is refused" "$MEMFOLD" merge "$TMP/bad.json"
