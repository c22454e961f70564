#!/usr/bin/env bash
# ci-recipe.sh -- the CI recipe works as written: the GitHub Actions
# workflow kept in tests/ci/memory.yml (the one the README shows) is read
# with python3-yaml and its `run:` steps are run in order, each as GitHub
# runs it (bash -eo pipefail, in the checkout, with GITHUB_STEP_SUMMARY,
# GITHUB_WORKSPACE, RUNNER_TEMP and the workflow's env), in an empty
# project that holds only the user's program: a corpus program
# (basic_calls.py) as prog.py.  The steps that need the network are not
# run, and say so: `uses:` actions (checkout, upload-artifact) and the
# apt-get and git clone steps -- in their place memfold is on PATH and
# python3 is the /usr/bin/python3 that has memory_profiler.
#
# Three runs of the workflow:
#   1. workflow_dispatch: profile three runs, record golden/memory.json
#      (the directory does not exist yet: the step makes it);
#   2. pull_request, the same program: the comparison passes, exit 0, a
#      Markdown table in the step summary, no ::error annotation;
#   3. pull_request, make_list allocating three times as much: exit 1,
#      the table marks it over, an ::error annotation at its def line.
# What each check expects comes from the captures (grep) and from the
# program, not from memfold.
. "$(dirname "$0")/lib.sh"
plan 18

PY=/usr/bin/python3
WF=$ROOT/tests/ci/memory.yml
[ -f "$WF" ] || bail_out "no $WF"
"$PY" -c 'import yaml' 2>/dev/null || skip_all "python3-yaml is not installed (make deps)"
"$PY" -c 'import memory_profiler' 2>/dev/null || skip_all "/usr/bin/python3 has no memory_profiler"
command -v cmark-gfm >/dev/null || skip_all "cmark-gfm is not installed (make deps)"

# The steps of the workflow's one job: NN.name, NN.if, NN.uses or NN.sh;
# and the env it sets (workflow, then job).
"$PY" - "$WF" "$TMP/steps" <<'EOF' || bail_out "cannot read the steps of $WF"
import os, sys, yaml
wf = yaml.safe_load(open(sys.argv[1]))
jobs = wf["jobs"]
assert len(jobs) == 1, "one job"
job = next(iter(jobs.values()))
d = sys.argv[2]
os.makedirs(d)
for i, st in enumerate(job["steps"]):
    p = os.path.join(d, "%02d" % i)
    open(p + ".name", "w").write(st.get("name") or st.get("uses") or "step %d" % i)
    open(p + ".if", "w").write(str(st.get("if", "")))
    if "uses" in st:
        open(p + ".uses", "w").write(st["uses"])
    else:
        open(p + ".sh", "w").write(st["run"])
env = dict(wf.get("env") or {})
env.update(job.get("env") or {})
with open(os.path.join(d, "env"), "w") as f:
    for k, v in env.items():
        f.write("%s=%s\n" % (k, v))
EOF
nsteps=$(ls "$TMP"/steps/*.name | wc -l)
[ "$nsteps" -ge 5 ] || bail_out "the workflow has $nsteps steps"

# memfold and python3 as the skipped steps would leave them.
mkdir -p "$TMP/bin" "$TMP/runner"
ln -s "$MEMFOLD" "$TMP/bin/memfold"
ln -s "$PY" "$TMP/bin/python3"

# when COND EVENT: whether a step's `if:` holds for the event (the forms
# the workflow uses; anything else is a precondition failure).
when() {
    local cond=$1 event=$2
    [ -z "$cond" ] && return 0
    if [[ $cond =~ ^github\.event_name\ *(==|!=)\ *\'([a-z_]+)\'$ ]]; then
        if [ "${BASH_REMATCH[1]}" = "==" ]; then [ "$event" = "${BASH_REMATCH[2]}" ]
        else [ "$event" != "${BASH_REMATCH[2]}" ]; fi
        return
    fi
    bail_out "a condition this test cannot evaluate: $cond"
}

# workflow EVENT TAG: run every step for EVENT in $PROJ; step NN's output
# goes to $TMP/TAG.NN.out, .err, its exit status to .status, its step
# summary to .summary.  Steps that need the network are skipped (one
# [SKIP] line each).
workflow() {
    local event=$1 tag=$2 f n name
    for f in "$TMP"/steps/*.name; do
        n=${f%.name}
        name=$(cat "$f")
        when "$(cat "$n.if")" "$event" || { echo "# $tag: '$name' is not run on $event"; continue; }
        if [ -f "$n.uses" ]; then
            skip "$tag: '$name' uses $(cat "$n.uses") (needs the network)"
            continue
        fi
        if grep -qE 'apt-get|git clone' "$n.sh"; then
            skip "$tag: '$name' needs the network (apt-get, git clone): memfold and memory_profiler are here"
            continue
        fi
        local o=$TMP/$tag.${n##*/}
        : >"$o.summary"
        (cd "$PROJ" && env $(cat "$TMP/steps/env") PATH="$TMP/bin:$PATH" GITHUB_ACTIONS=true \
            GITHUB_EVENT_NAME="$event" GITHUB_WORKSPACE="$PROJ" RUNNER_TEMP="$TMP/runner" \
            GITHUB_STEP_SUMMARY="$o.summary" \
            bash --noprofile --norc -eo pipefail "$n.sh" >"$o.out" 2>"$o.err" </dev/null)
        echo $? >"$o.status"
        echo "# $tag: '$name' exited $(cat "$o.status")"
    done
}

# step TAG PATTERN: the output prefix of the step whose name matches.
step() {
    local f
    for f in "$TMP"/steps/*.name; do
        grep -qE "$2" "$f" && { echo "$TMP/$1.$(basename "${f%.name}")"; return; }
    done
    bail_out "no step named like '$2'"
}

# logs_ok TAG: the profile step made run1..3.log, each holding the three
# blocks the program prints (two of make_list, one of make_dict).
logs_ok() {
    local i
    for i in 1 2 3; do
        [ "$(grep -c '^Filename: prog.py$' "$PROJ/run$i.log" 2>/dev/null)" = 3 ] || return 1
        [ "$(grep -cE '^ +9 +def make_list' "$PROJ/run$i.log")" = 2 ] || return 1
    done
}

PROJ=$TMP/project
mkdir -p "$PROJ"
cp "$CORPUS/basic_calls.py" "$PROJ/prog.py"

# ---- 1. workflow_dispatch: record the golden profile ------------------------------
workflow workflow_dispatch record
prof=$(step record '^Profile')
[ "$(cat "$prof.status")" = 0 ] && logs_ok || bail_out "the profile step did not make three runs: $(cat "$prof.err")"
rec=$(step record '^Record')
[ -f "$rec.status" ] || bail_out "the record step did not run on workflow_dispatch"
if [ "$(cat "$rec.status")" = 0 ] && [ -s "$PROJ/golden/memory.json" ] &&
   jq -e '.memfold and ([.. | objects | .function? // empty] | index("make_list") and index("make_dict"))' \
       "$PROJ/golden/memory.json" >/dev/null 2>&1; then
    pass "record: exits 0 in an empty project, golden/memory.json a memfold summary of make_list and make_dict"
else
    echo "  exit status $(cat "$rec.status")"; head -c 600 "$rec.err"; head -c 600 "$PROJ/golden/memory.json" 2>/dev/null
    fail "record: exits 0 in an empty project, golden/memory.json a memfold summary of make_list and make_dict"
fi
[ -f "$(step record '^Compare').status" ] && bail_out "the compare step ran on workflow_dispatch"

# ---- 2. pull_request, the same program: passes ----------------------------------------
rm -f "$PROJ"/run*.log
workflow pull_request same
prof=$(step same '^Profile')
[ "$(cat "$prof.status")" = 0 ] && logs_ok || bail_out "the profile step failed: $(cat "$prof.err")"
cmp=$(step same '^Compare')
[ -f "$cmp.status" ] || bail_out "the compare step did not run on pull_request"
if [ "$(cat "$cmp.status")" = 0 ] && head -n1 "$cmp.summary" | grep -q '^\*\*memfold diff: PASSED\*\*' &&
   ! grep -q '^::error' "$cmp.err"; then
    pass "same: the compare step exits 0, the step summary starts with the PASSED verdict, no ::error"
else
    echo "  exit status $(cat "$cmp.status")"; head -c 800 "$cmp.summary"; head -c 800 "$cmp.err"
    fail "same: the compare step exits 0, the step summary starts with the PASSED verdict, no ::error"
fi
cells "$cmp.summary" >"$TMP/same.cells"
# function, file:line, old, new, delta, %, status; the old and new cells
# a median with the runs' min-max: "15.3 (15.2–15.4)"
range='^[0-9]+([.][0-9]+)? [(][0-9]+([.][0-9]+)?–[0-9]+([.][0-9]+)?[)]$'
if [ "$(wc -l <"$TMP/same.cells")" = 3 ] &&
   awk -F'\t' -v re="$range" 'NR == 1 { ok = $1 == "function" && $2 == "file:line" && $3 ~ /rise/ && $7 == "status"; next }
        { ok = ok && NF == 7 && ($1 == "make_list" || $1 == "make_dict") && $2 ~ /^prog\.py:[0-9]+$/ &&
               $3 ~ re && $4 ~ re && $7 == "ok"; seen[$1] = 1 }
        END { exit !(ok && seen["make_list"] && seen["make_dict"]) }' "$TMP/same.cells"; then
    pass "same: one table row per function, rise medians with their runs' min-max, status ok"
else
    cat "$TMP/same.cells"; fail "same: one table row per function, rise medians with their runs' min-max, status ok"
fi
[ -f "$(step same '^Record').status" ] && bail_out "the record step ran on pull_request"

# ---- 3. pull_request, make_list grown: fails -----------------------------------------------
sed -i 's/data = \[0\] \* n$/data = [0] * (3 * n)/' "$PROJ/prog.py"
grep -q 'data = \[0\] \* (3 \* n)' "$PROJ/prog.py" || bail_out "could not make the regression"
deco=$(grep -n '^@profile' "$PROJ/prog.py" | head -1 | cut -d: -f1)
def=$(grep -n '^def make_list' "$PROJ/prog.py" | cut -d: -f1)
rm -f "$PROJ"/run*.log
workflow pull_request grown
prof=$(step grown '^Profile')
[ "$(cat "$prof.status")" = 0 ] && logs_ok || bail_out "the profile step failed: $(cat "$prof.err")"
# the capture shows the growth: make_list's largest increment, first run
inc=$(awk '/def make_list/ { f = 1 } f && /data = \[0\]/ { v = $4 + 0; if (v > m) m = v } /^$/ { f = 0 } END { print m }' "$PROJ/run1.log")
awk -v v="$inc" 'BEGIN { exit !(v > 40) }' || bail_out "the grown make_list rises by $inc MiB, not more than 40"
cmp=$(step grown '^Compare')
[ -f "$cmp.status" ] || bail_out "the compare step did not run"
status_is 1 -e "^::error file=prog\.py,line=($deco|$def),title=memfold%3A make_list::" \
    "grown: the compare step exits 1 with an ::error annotation at make_list (line $deco or $def)" \
    sh -c "cat '$cmp.err' >&2; exit \$(cat '$cmp.status')"
if head -n1 "$cmp.summary" | grep -q '^\*\*memfold diff: FAILED\*\*.*make\\_list'; then
    pass "grown: the step summary starts with the FAILED verdict naming make_list"
else
    head -c 800 "$cmp.summary"; fail "grown: the step summary starts with the FAILED verdict naming make_list"
fi
cells "$cmp.summary" >"$TMP/grown.cells"
if [ "$(wc -l <"$TMP/grown.cells")" = 3 ] &&
   awk -F'\t' 'NR == 2 { ok = $1 == "make_list" && $5 ~ /^\+[0-9]/ && $7 == "over" }
        NR == 3 { ok = ok && $1 == "make_dict" && $7 == "ok" } END { exit !ok }' "$TMP/grown.cells"; then
    pass "grown: make_list's row comes first and is over, make_dict ok"
else
    cat "$TMP/grown.cells"; fail "grown: make_list's row comes first and is over, make_dict ok"
fi
if [ "$(grep -c '^::' "$cmp.err")" = 1 ]; then
    pass "grown: one annotation: make_dict is not annotated"
else
    cat "$cmp.err"; fail "grown: one annotation: make_dict is not annotated"
fi
# the README shows the workflow as it is kept here, byte for byte
awk '/^```yaml$/ { f = 1; next } f && /^```$/ { exit } f' README.md >"$TMP/readme.yml"
grep -q '^name: memory$' "$TMP/readme.yml" || bail_out "the README has no yaml block of the workflow"
same "the README's workflow is tests/ci/memory.yml" tests/ci/memory.yml "$TMP/readme.yml"
