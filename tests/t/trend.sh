#!/usr/bin/env bash
# summary -f openmetrics and -f benchmark-json: the figures of each
# function for trend tracking, checked by what reads them --
# prometheus_client's OpenMetrics parser (what GitLab's metrics report
# is), and the schema of github-action-benchmark's customSmallerIsBetter
# -- and against the captures themselves (trend-ref.py reads them without
# memfold).
. "$(dirname "$0")/lib.sh"
plan 24

PY=/usr/bin/python3
REF="$PY $ROOT/tests/t/trend-ref.py"
CAP=$ROOT/tests/trend
$PY -c 'import prometheus_client.openmetrics.parser' 2>/dev/null ||
    skip_all "python3-prometheus-client is not installed (make deps)"
for f in "$CORPUS/basic_calls.log" "$CORPUS/multi_file.log" "$CAP/same_name.log" \
         "$CAP/same_name_shifted.log" "$CORPUS/mprof_func.dat"; do
    [ -s "$f" ] || bail_out "$f is missing"
done
# (precondition: the captures hold what the checks below are about)
[ "$(grep -c '@profile' "$CAP/same_name.log")" = 3 ] || bail_out "same_name.log: 3 blocks expected"
grep -q '^ *10 .*@profile' "$CAP/same_name_shifted.log" || bail_out "same_name_shifted.log is not shifted"

# ---- OpenMetrics --------------------------------------------------------------
reports=("$CORPUS/basic_calls.log" "$CORPUS/multi_file.log" "$CORPUS/precision.log" "$CAP/same_name.log")
$REF report "${reports[@]}" >"$TMP/ref.json" || bail_out "trend-ref.py cannot read the reports"
status_is 0 -o '^# EOF$' "summary -f openmetrics of four reports: exit 0, ends with # EOF" \
    "$MEMFOLD" summary -f openmetrics "${reports[@]}"
cp "$TMP/stdout" "$TMP/om.txt"
ok "... the OpenMetrics parser reads it; peak, net, mean and calls of every function are the captures'" \
    $REF same-om "$TMP/ref.json" "$TMP/om.txt"
ok "... one # TYPE, # UNIT and # HELP per family, before its series" \
    awk '/^# TYPE/ { t[$3]++ } /^# UNIT/ { u[$3]++ } /^# HELP/ { h[$3]++ }
         /^memfold_/ { n = $0; sub(/\{.*/, "", n); if (!(n in t) || !(n in h)) bad = 1 }
         END { for (k in t) if (t[k] != 1 || h[k] != 1 || (k != "memfold_calls" && u[k] != 1)) bad = 1
               exit bad || length(t) < 4 }' "$TMP/om.txt"
ok "... its last line is # EOF, and only the last" \
    sh -c '[ "$(tail -n 1 "$1")" = "# EOF" ] && [ "$(grep -c "^# EOF" "$1")" = 1 ]' - "$TMP/om.txt"
# GitLab's metrics report reads each line as words split as a shell splits
# them, after cutting it at its first '#'; the first word is the metric's
# key, the second its value.
ok "... as GitLab reads it: one key per series (the quotes taken off), all different, the value after it" \
    $PY -c '
import shlex, sys
lines = [l for l in open(sys.argv[1], encoding="utf-8").read().split("\n") if l.startswith("memfold_")]
keys = {}
for l in lines:
    words = shlex.split(l.split("#")[0])
    keys[words[0]] = words[1]
    assert len(words) == 2 and float(words[1]) == float(l.rsplit(" ", 1)[1]), l
sys.exit(not (len(lines) > 40 and len(keys) == len(lines)))' "$TMP/om.txt"
ok "... the two load methods of same_name.py are two series (lines 7 and 14)" \
    sh -c 'grep -c "^memfold_peak_mib{file=\"[^\"]*same_name.py\",function=\"load\",line=\"\(7\|14\)\"} " "$1" | grep -qx 2' \
    - "$TMP/om.txt"

# Label values: a path with a backslash, a quote and a non-UTF-8 byte.
sed 's|^Filename: .*|Filename: C:\\proj\\"odd"\\app\xff.py|' "$CORPUS/basic_calls.log" >"$TMP/odd.log"
grep -q '^Filename: C:\\proj' "$TMP/odd.log" || bail_out "the odd path was not written"
"$MEMFOLD" summary -f openmetrics "$TMP/odd.log" >"$TMP/odd.om" 2>/dev/null
ok "a path with \\, \" and a byte that is not UTF-8: escaped as the format says, read back as the path" \
    $PY -c '
import json, sys, subprocess
fams = json.loads(subprocess.run([sys.argv[1], sys.argv[2], "openmetrics", sys.argv[3]],
                                 capture_output=True, check=True).stdout)
files = {s["labels"]["file"] for s in fams["memfold_peak_mib"]["samples"]}
sys.exit(files != {"C:\\proj\\\"odd\"\\app\ufffd.py"})' "$PY" "$ROOT/tests/t/trend-ref.py" "$TMP/odd.om"
ok "... written with \\\\ and \\\" in the text" grep -qF 'file="C:\\proj\\\"odd\"\\app' "$TMP/odd.om"

# An mprof .dat file: no file, no line, no net; rise from the samples.
$REF dat "$CORPUS/mprof_func.dat" >"$TMP/dref.json" || bail_out "trend-ref.py cannot read mprof_func.dat"
"$MEMFOLD" summary -f openmetrics "$CORPUS/mprof_func.dat" >"$TMP/dat.om"
ok ".dat: the parser reads it; peak, rise, mean and calls of each FUNC name are the samples'" \
    $REF same-om "$TMP/dref.json" "$TMP/dat.om" dat
ok "... with no net family (a .dat function has no exit)" sh -c '! grep -q memfold_net "$1" && grep -q memfold_rise "$1"' - "$TMP/dat.om"

# ---- customSmallerIsBetter ------------------------------------------------------
status_is 0 -o '"unit": "MiB"' "summary -f benchmark-json of four reports: exit 0" \
    "$MEMFOLD" summary -f benchmark-json "${reports[@]}"
cp "$TMP/stdout" "$TMP/bench.json"
ok "... the schema holds (name, unit, value, extra; names unique); every figure is the captures'" \
    $REF same-bench "$TMP/ref.json" "$TMP/bench.json"
# the capture's own path and its two blocks' peaks, read with awk
P=$(sed -n 's/^Filename: //p' "$CAP/same_name.log" | head -n 1)
read -r small big < <(awk '/^Filename: /{b++} / MiB /{v = $2 + 0; if (v > m[b]) m[b] = v} END { printf "%.1f %.1f\n", m[1], m[2] }' "$CAP/same_name.log")
[ -n "$P" ] && [ -n "$big" ] || bail_out "same_name.log has no path or peaks"
ok "... the two load methods are load#1 (Small, $small MiB) and load#2 (Big, $big MiB)" \
    sh -c "[ -s \"\$1\" ] && jq -e '[.[] | select(.name | test(\"same_name.py:load#[12] peak\$\"))] | map(.name + \"=\" + (.value | tostring)) | sort
              == [\"$P:load#1 peak=$small\", \"$P:load#2 peak=$big\"]' \"\$1\" >/dev/null" - "$TMP/bench.json"
"$MEMFOLD" summary -f benchmark-json "$CAP/same_name.log" >"$TMP/before.json"
"$MEMFOLD" summary -f benchmark-json "$CAP/same_name_shifted.log" >"$TMP/after.json"
# (two real runs: peaks wobble by 0.2 MiB with the process's entry; what
# the functions add, their rise, does not)
jq -r '.[] | "\(.name) \(if (.name | endswith(" rise")) then .value else "" end)"' "$TMP/before.json" >"$TMP/before.names" 2>/dev/null
jq -r '.[] | "\(.name) \(if (.name | endswith(" rise")) then .value else "" end)"' "$TMP/after.json" >"$TMP/after.names" 2>/dev/null
same "three lines inserted above the functions: the same names (and rises), so the trend goes on" \
    "$TMP/before.names" "$TMP/after.names"
ok "... while the line moved, as extra says (7 -> 10)" \
    sh -c "[ -s \"\$1\" ] && [ -s \"\$2\" ] && jq -e '.[0].extra | startswith(\"line 7;\")' \"\$1\" >/dev/null && jq -e '.[0].extra | startswith(\"line 10;\")' \"\$2\" >/dev/null" \
    - "$TMP/before.json" "$TMP/after.json"
"$MEMFOLD" summary -f benchmark-json "$CORPUS/mprof_func.dat" >"$TMP/dat.bench"
ok ".dat: schema, names 'module.function METRIC', every figure the samples'" \
    $REF same-bench "$TMP/dref.json" "$TMP/dat.bench" dat
ok "... e.g. __main__.inner rise is 20.0039 MiB (its third call: 21.6211 -> 41.625)" \
    sh -c "[ -s \"\$1\" ] && jq -e 'map(select(.name == \"__main__.inner rise\"))[0].value == 20.0039' \"\$1\" >/dev/null" - "$TMP/dat.bench"

# ---- the command line ----------------------------------------------------------
"$MEMFOLD" summary -f json "$CORPUS/basic_calls.log" >"$TMP/a.json"
"$MEMFOLD" summary -f json "$CORPUS/multi_file.log" >"$TMP/b.json"
"$MEMFOLD" summary -f openmetrics "$CORPUS/basic_calls.log" "$CORPUS/multi_file.log" >"$TMP/whole.om"
"$MEMFOLD" merge -f openmetrics "$TMP/a.json" "$TMP/b.json" >"$TMP/merged.om"
same "merge -f openmetrics of two summaries is summary -f openmetrics of both logs" "$TMP/whole.om" "$TMP/merged.om"
"$MEMFOLD" summary -f json "$CORPUS/mprof_func.dat" >"$TMP/d.json"
"$MEMFOLD" merge -f benchmark-json "$TMP/d.json" >"$TMP/d.bench"
same "merge -f benchmark-json of a .dat summary is summary -f benchmark-json of the .dat file" \
    "$TMP/dat.bench" "$TMP/d.bench"
: >"$TMP/empty.log"
status_is 1 -o '^# EOF$' "an input with no report: exit 1, and the exposition is still whole (# EOF)" \
    "$MEMFOLD" summary -f openmetrics "$TMP/empty.log"
status_is 1 -o '^\[\]$' "... and the benchmark list is empty: []" "$MEMFOLD" summary -f benchmark-json "$TMP/empty.log"
status_is 2 -O -e "unknown output format 'openmetrics'" "lines has no openmetrics" \
    "$MEMFOLD" lines -f openmetrics "$CORPUS/basic_calls.log"
status_is 2 -O -e "unknown output format 'benchmark-json'" "diff has no benchmark-json" \
    "$MEMFOLD" diff -f benchmark-json "$CORPUS/basic_calls.log" "$CORPUS/basic_calls.log"
status_is 0 -o 'openmetrics' "summary --help names the formats" "$MEMFOLD" summary --help
