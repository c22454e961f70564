#!/usr/bin/env bash
# Interleaved writers: real captures of a multiprocessing.Pool of 4
# workers printing @profile reports of 40 calls to one pipe
# (tests/corpus/pool_workers*.log, `python3 -u pool_workers.py | cat`).
# Whole lines of the workers' blocks are mixed; every call is counted and
# every measured row is read.  The expectations come from the raw files
# (grep and awk), not from memfold.
. "$(dirname "$0")/lib.sh"
plan 15

# measured rows of a raw capture: "<line> <mem> MiB <inc> MiB <occurrences> ..."
raw_rows() { grep -Ec '^ *[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB +[0-9]+ ' "$1"; }
# "line total-occurrences" per source line, from the raw capture
raw_occ() {
    awk '/^ *[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB +[0-9]+ / { n[$1] += $6 }
         END { for (l in n) print l, n[l] }' "$1" | sort -n
}

for f in "$CORPUS"/pool_workers1.log "$CORPUS"/pool_workers2.log "$CORPUS"/pool_workers3.log; do
    b=$(basename "$f")
    # what is compared is there: 40 blocks whose lines are mixed (a
    # "Filename:" or header line right after another, or a row whose
    # number does not follow the row before it)
    mixed=$(awk '/^Filename: / || /^Line #/ { if (prev ~ /^Filename: / || prev ~ /^Line #/) m++ }
                 /^ *[0-9]+ / { if (last != "" && $1 != last + 1 && $1 != 5) m++; last = $1 }
                 /^$/ { last = "" } { prev = $0 } END { print m + 0 }' "$f")
    [ "$(grep -c '^Filename: ' "$f")" = 40 ] && [ "$mixed" -gt 0 ] ||
        bail_out "$b: not 40 Filename: lines whose writers' lines are interleaved"
    status_is 0 -o '"functions"' -e 'warning: .*\[-Winterleaved\]' \
        "$b: summary reads it ($mixed places interleaved), with a warning" "$MEMFOLD" summary -f json "$f"
    cp "$TMP/stdout" "$TMP/s.json"
    ok "$b: work is counted 40 times, in one function" \
        test "$(jq -r '[.functions[] | select(.function == "work") | .calls] | add' "$TMP/s.json")" = 40 \
        -a "$(jq '.functions | length' "$TMP/s.json")" = 1
    want=$(raw_rows "$f")
    ok "$b: every measured row is read ($want in the file)" \
        test "$(jq -r '.inputs[0].rows' "$TMP/s.json")" = "$want" -a "$want" -gt 200
    "$MEMFOLD" lines -f csv "$f" 2>/dev/null |
        awk -F, 'NR > 1 && $8 != "" { n[$5] += $8 } END { for (l in n) print l, n[l] }' | sort -n >"$TMP/got"
    raw_occ "$f" >"$TMP/want"
    [ "$(awk '$2 == 40' "$TMP/want" | wc -l)" = 6 ] && [ "$(wc -l <"$TMP/want")" = 6 ] ||
        bail_out "$b: the file's 6 measured lines do not run 40 times each"
    ok "$b: the occurrences of each line add up as in the file (40 for each of 6)" \
        cmp -s "$TMP/got" "$TMP/want"
done

# the readers say what they did; check, the strict gate, calls it an error
# (one memory_profiler never writes so)
f=$CORPUS/pool_workers1.log
status_is 0 -e 'warning: .*\[-Winterleaved\]' "summary warns that the tables were interleaved" \
    "$MEMFOLD" summary "$f"
status_is 1 -e 'error: .*\[-Winterleaved\]' "check says it is an error" "$MEMFOLD" check "$f"
status_is 0 -e 'warning: .*\[-Winterleaved\]' "... a warning with --lenient" "$MEMFOLD" check --lenient "$f"
