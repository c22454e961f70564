#!/usr/bin/env bash
# .dat goldens: the summary JSON of an mprof .dat file holds each
# function's rise and the exact sums behind its mean; `memfold diff` takes
# it as a side and `memfold merge` adds such summaries up to the summary
# of the .dat files read together, byte for byte.  The figures are
# checked against the samples themselves (trend-ref.py, without memfold).
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
REF="$PY $ROOT/tests/t/trend-ref.py"
GROWN=$ROOT/tests/diff/mprof_func_grown.dat
dats=("$CORPUS"/mprof_*.dat)
plan $((26 + ${#dats[@]}))   # (a merge check per .dat file)
[ "${#dats[@]}" -ge 4 ] && [ -s "$GROWN" ] || bail_out "the corpus .dat files are missing"
# (precondition: FUNC lines in two of them, children in others)
grep -q '^FUNC' "$CORPUS/mprof_func.dat" && grep -q '^FUNC' "$GROWN" &&
    grep -q '^CHLD' "$CORPUS/mprof_multiprocess.dat" || bail_out "the .dat files are not what this test reads"

# ---- what the summary holds -------------------------------------------------------
"$MEMFOLD" summary -f json "$CORPUS/mprof_func.dat" >"$TMP/func.json"
"$MEMFOLD" summary -f json "$GROWN" >"$TMP/grown.json"
$REF dat "$CORPUS/mprof_func.dat" >"$TMP/func.ref" && $REF dat "$GROWN" >"$TMP/grown.ref" ||
    bail_out "trend-ref.py cannot read the .dat files"
# rise, calls, samples and the sums' mean of each function, memfold's and the samples'
figures_agree() {
    $PY - "$1" "$2" <<'EOF'
import json, sys
got = {f["function"]: f for f in json.load(open(sys.argv[1]))["functions"]}
ref = json.load(open(sys.argv[2]))
ok = len(got) == len(ref) > 0
for r in ref:
    g = got.get(r["function"], {})
    s = g.get("sums", {})
    ok = ok and g.get("calls") == r["calls"] and g.get("samples") == r["samples"] \
        and abs(g.get("rise_mib", -1) - r["rise"]) < 1e-9 \
        and abs(g.get("peak_mib", -1) - r["peak"]) < 1e-9 \
        and s.get("mem_count") == r["n"] and abs(s.get("mem", 0) / s.get("scale", 1) - r["sum"]) < 1e-6
    if not ok:
        print("  %s: memfold %s, the samples %s" % (r["function"], g, r))
        break
sys.exit(not ok)
EOF
}
ok "mprof_func.dat: each function's rise (highest MiB of a call minus its start), calls, samples and sums are the samples'" \
    figures_agree "$TMP/func.json" "$TMP/func.ref"
ok "mprof_func_grown.dat too (its calls start at their highest: rise 0 where the peak grew)" \
    figures_agree "$TMP/grown.json" "$TMP/grown.ref"
ok "... __main__.inner: rise 20.003900 in the one, 0.000000 in the other (by hand: 41.625 - 21.6211)" \
    sh -c 'grep -q "\"__main__.inner\".*\"rise_mib\": 20.003900," "$1" && grep -q "\"__main__.inner\".*\"rise_mib\": 0.000000," "$2"' \
    - "$TMP/func.json" "$TMP/grown.json"
"$MEMFOLD" summary -f csv "$CORPUS/mprof_func.dat" >"$TMP/func.csv"
ok "the CSV has a rise_mib column, 20.003900 for __main__.inner" \
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "rise_mib") c = i }
             $5 == "__main__.inner" && c && $c == "20.003900" { found = 1 } END { exit !found }' "$TMP/func.csv"

# ---- merge: the parts add up to the whole ------------------------------------------
parts=()
for dat in "${dats[@]}" "$GROWN"; do
    base=$(basename "$dat" .dat)
    "$MEMFOLD" summary -f json "$dat" >"$TMP/$base.json" || bail_out "summary of $dat failed"
    parts+=("$TMP/$base.json")
done
for dat in "${dats[@]}"; do
    base=$(basename "$dat" .dat)
    "$MEMFOLD" merge "$TMP/$base.json" >"$TMP/$base.again.json"
    same "$base: merge of its summary alone is the summary, byte for byte" "$TMP/$base.json" "$TMP/$base.again.json"
done
"$MEMFOLD" summary -f json "${dats[@]}" "$GROWN" >"$TMP/whole.json"
status_is 0 "merge of the summaries: exit 0" "$MEMFOLD" merge "${parts[@]}"
same "... is the summary of the .dat files read together, byte for byte" "$TMP/whole.json" "$TMP/stdout"
ok "... which adds up: __main__.inner 6 calls, 74 samples, peak 61.0000 (as mprof_func_grown printed it)" \
    sh -c 'grep -q "\"__main__.inner\", \"calls\": 6, \"samples\": 74, .*\"peak_mib\": 61.0000," "$1"' - "$TMP/stdout"
for fmt in text csv ndjson; do
    "$MEMFOLD" summary -f $fmt "${dats[@]}" "$GROWN" >"$TMP/whole.$fmt"
    "$MEMFOLD" merge -f $fmt "${parts[@]}" >"$TMP/merged.$fmt"
    same "... and as $fmt" "$TMP/whole.$fmt" "$TMP/merged.$fmt"
done
"$MEMFOLD" merge "${parts[@]}" | "$MEMFOLD" merge - >"$TMP/twice.json"
same "merging the merged summary again changes nothing" "$TMP/whole.json" "$TMP/twice.json"
# Two runs in one file (mprof run appending): its functions are the parts'.
cat "$CORPUS/mprof_func.dat" "$GROWN" >"$TMP/two_runs.dat"
"$MEMFOLD" summary -f json "$TMP/two_runs.dat" | jq -c '.functions, .samples, .peak_mib' >"$TMP/two.fig" 2>/dev/null
"$MEMFOLD" merge "$TMP/func.json" "$TMP/grown.json" | jq -c '.functions, .samples, .peak_mib' >"$TMP/parts.fig" 2>/dev/null
same "one file of two runs: its functions, samples and peak are the merge of the runs' summaries" \
    "$TMP/two.fig" "$TMP/parts.fig"
# A summary as jq reformats it (41.625000 becomes 41.625) still reads.
jq . "$TMP/func.json" >"$TMP/func.jq.json"
status_is 0 -o '"rise_mib": 20.003900' "a summary reformatted by jq merges too" "$MEMFOLD" merge "$TMP/func.jq.json"

# ---- kinds do not mix ---------------------------------------------------------------
"$MEMFOLD" summary -f json "$CORPUS/basic_calls.log" >"$TMP/report.json"
status_is 2 -O -e "func.json: a summary of mprof .dat files cannot be merged with one of reports \(.*report.json\)" \
    "a .dat summary after a report summary: exit 2, naming both" "$MEMFOLD" merge "$TMP/report.json" "$TMP/func.json"
status_is 2 -O -e "report.json: a summary of reports cannot be merged with one of mprof .dat files" \
    "... and the other way round" "$MEMFOLD" merge "$TMP/func.json" "$TMP/report.json"

# ---- wrong documents are refused, saying where --------------------------------------
mutate() { jq -c "$1" "$TMP/func.json" >"$TMP/bad.json"; }
mutate 'del(.functions[0].sums)'
status_is 1 -O -e "function 1 '__main__.inner': \"sums\" is missing.*write it again" \
    "a summary without sums (written before they were kept): exit 1, and what to do" "$MEMFOLD" merge "$TMP/bad.json"
mutate '.functions[1].mean_mib = 31'
status_is 1 -O -e "function 2 '__main__.outer': \"mean_mib\" is 31, but \"sums.mem\" / \"sums.mem_count\" .* gives 30.99936662" \
    "a mean that is not its sums': exit 1" "$MEMFOLD" merge "$TMP/bad.json"
mutate '.functions[0].calls = "3"'
status_is 1 -O -e "\"calls\" must be a non-negative integer, not \"3\"" "a count as a string: exit 1" "$MEMFOLD" merge "$TMP/bad.json"
mutate '.functions[0].owner = 1'
status_is 1 -O -e "unknown key \"owner\"" "an unknown key: exit 1" "$MEMFOLD" merge "$TMP/bad.json"
mutate '.functions += [.functions[0]]'
status_is 1 -O -e "the function '__main__.inner' is listed twice" "a function listed twice: exit 1" "$MEMFOLD" merge "$TMP/bad.json"
mutate '.samples = 80'
status_is 1 -O -e "\"samples\" \(80\) must be the samples of the runs \(81\)" "a total that is not its runs': exit 1" \
    "$MEMFOLD" merge "$TMP/bad.json"
# (jq would round a count this large: sed)
sed 's/"calls": 3, "samples": 37, "total_duration_s": 0.4114, "mean_duration_s": 0.137133,/"calls": 9223372036854775807, "samples": 37, "total_duration_s": 0.0000, "mean_duration_s": 0,/' \
    "$TMP/func.json" >"$TMP/big.json"
grep -q 9223372036854775807 "$TMP/big.json" || bail_out "the large count was not written"
status_is 1 -O -e "function 1 '__main__.inner': \"calls\" overflows when added to the same function" \
    "calls of INT64_MAX, merged twice: exit 1, naming the field" "$MEMFOLD" merge "$TMP/big.json" "$TMP/big.json"

# ---- diff takes it as a side ----------------------------------------------------------
status_is 0 -o 'inner' "diff golden.json run.dat: the .dat summary is read, the same run passes" \
    "$MEMFOLD" diff "$TMP/func.json" "$CORPUS/mprof_func.dat"
status_is 1 -o 'inner' "diff --max-increase 10% golden.json grown.dat: the grown peak fails (exit 1)" \
    "$MEMFOLD" diff --max-increase 10% "$TMP/func.json" "$GROWN"
status_is 1 -o 'inner' "... and so does diff of two .dat summaries" \
    "$MEMFOLD" diff --max-increase 10% "$TMP/func.json" "$TMP/grown.json"
mutate '.functions[1].mean_mib = 31'
status_is_not0() { "$@" >"$TMP/stdout" 2>"$TMP/stderr"; local st=$?; [ "$st" -ne 0 ] && grep -q "mean_mib" "$TMP/stderr"; }
ok "a wrong .dat summary is no golden: diff fails, naming the field" \
    status_is_not0 "$MEMFOLD" diff "$TMP/bad.json" "$CORPUS/mprof_func.dat"
