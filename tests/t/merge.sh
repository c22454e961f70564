#!/usr/bin/env bash
# memfold merge: summaries of the parts of a log add up to the summary of
# the whole log, exactly.
. "$(dirname "$0")/lib.sh"
plan 10

# A log of many blocks: the corpus reports one after the other.
cat "$CORPUS"/basic_calls.log "$CORPUS"/precision.log "$CORPUS"/negative.log \
    "$CORPUS"/recursion.log "$CORPUS"/wide_values.log "$CORPUS"/basic_calls.log \
    "$CORPUS"/old_format.log "$CORPUS"/occurrences.log "$CORPUS"/basic_calls.log >"$TMP/whole.log"
# Cut it in four at block boundaries (before a "Filename:" line), as shards
# of a run would be -- but not before the outer blocks of a recursion
# (their first row counts more than 1 call): a shard is a run, and the
# blocks of one call stay together.  cut_blocks NAME [N]: in four NAME0..3
# (round robin), or with N in two: the first N blocks and the rest
cut_blocks() {
    awk -v dir="$TMP" -v base="$1" -v split_at="${2:-0}" '
        function part() { return split_at ? (n < split_at ? 0 : 1) : n % 4 }
        /^Filename: / { if (holding) printf "%s", held > (dir "/" base part() ".log")
                        held = $0 "\n"; holding = 1; next }
        holding {
            held = held $0 "\n"
            if ($0 ~ /^ *[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB/) {
                if (!($6 ~ /^[0-9]+$/ && $6 + 0 > 1)) n++
                printf "%s", held > (dir "/" base part() ".log")
                holding = 0
            }
            next
        }
        { print > (dir "/" base part() ".log") }
        END { if (holding) printf "%s", held > (dir "/" base part() ".log") }' "$TMP/whole.log"
    [ "$1" = part ] || cat "$TMP/$1"*.log | cmp -s - "$TMP/whole.log" || bail_out "the $1 parts are not the log"
}
cut_blocks part
[ "$(ls "$TMP"/part*.log | wc -l)" = 4 ] || bail_out "the log was not cut in four"

"$MEMFOLD" summary -f json "$TMP/whole.log" >"$TMP/whole.json"
for p in "$TMP"/part*.log; do "$MEMFOLD" summary -f json "$p" >"${p%.log}.json"; done
status_is 0 -o '"memfold": 1' "merge exits 0 with a summary" \
    "$MEMFOLD" merge "$TMP"/part0.json "$TMP"/part1.json "$TMP"/part2.json "$TMP"/part3.json
cp "$TMP/stdout" "$TMP/merged.json"
# Parts in this order put functions in another first-appearance order: sort.
by_name() { jq -S '.functions | sort_by(.file, .function, .line)' "$1" >"$2" 2>/dev/null; }
by_name "$TMP/whole.json" "$TMP/whole.sorted"
by_name "$TMP/merged.json" "$TMP/merged.sorted"
same "merged functions equal the whole log's, field by field, exactly" "$TMP/whole.sorted" "$TMP/merged.sorted"
calls=$(grep -c '^Filename: ' "$TMP/whole.log")
ok "... and their blocks add up to the log's blocks ($calls)" \
    test "$(jq '[.[].blocks] | add' "$TMP/merged.sorted" 2>/dev/null)" = "$calls"
ok "the merged inputs list each part" test "$(jq '.inputs | length' "$TMP/merged.json")" = 4
blocks=$(jq '.inputs[0].blocks' "$TMP/whole.json")
ok "... and their blocks add up to the whole log's ($blocks)" test "${blocks:-0}" -gt 0 -a \
    "$(jq '[.inputs[].blocks] | add' "$TMP/merged.json")" = "$blocks"

# Split in order (parts are consecutive), the order of appearance is kept too.
cut_blocks seq 12
"$MEMFOLD" summary -f json "$TMP/seq0.log" >"$TMP/seq0.json"
"$MEMFOLD" summary -f json "$TMP/seq1.log" >"$TMP/seq1.json"
"$MEMFOLD" merge -f csv "$TMP/seq0.json" "$TMP/seq1.json" >"$TMP/merged.csv"
"$MEMFOLD" summary -f csv "$TMP/whole.log" >"$TMP/whole.csv"
same "consecutive parts merge to the whole log's CSV, byte for byte" "$TMP/whole.csv" "$TMP/merged.csv"
"$MEMFOLD" merge "$TMP/seq0.json" "$TMP/seq1.json" | "$MEMFOLD" merge - >"$TMP/again.json"
"$MEMFOLD" merge "$TMP/seq0.json" "$TMP/seq1.json" >"$TMP/once.json"
same "merging a merged summary changes nothing" "$TMP/once.json" "$TMP/again.json"

status_is 2 -e "basic_calls.log' is not a summary JSON \(it looks like a memory_profiler report\): run 'memfold summary -f json .*basic_calls.log' first" \
    "a report is not a summary file: exit 2, and how to make one" "$MEMFOLD" merge "$CORPUS/basic_calls.log"
"$MEMFOLD" summary -f json "$CORPUS/mprof_func.dat" >"$TMP/dat.json"
status_is 2 -e "dat.json: a summary of mprof .dat files cannot be merged with one of reports" \
    "a .dat summary is not merged with summaries of reports (dat-golden.sh merges .dat summaries)" \
    "$MEMFOLD" merge "$TMP/seq0.json" "$TMP/dat.json"
"$MEMFOLD" summary -f json tests/check/broken_blocks.log >"$TMP/broken.json" 2>/dev/null
status_is 1 -o '"errors": 3' "errors recorded in a part make merge exit 1, and are kept" \
    "$MEMFOLD" merge "$TMP/broken.json" "$TMP/seq0.json"
