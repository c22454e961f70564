#!/usr/bin/env bash
# The fields of `memfold summary -f json` that are computed from the rows
# (rise_mib, source_hashes, calls and blocks, per_run) against the same
# fields computed from the raw reports by summary-fields.py, without memfold.
. "$(dirname "$0")/lib.sh"
plan 14
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
