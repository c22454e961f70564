#!/usr/bin/env bash
# run.sh SECONDS [HARNESS...] -- run each libFuzzer harness (default: all
# of them) for SECONDS over a corpus seeded from the test inputs.  Prints
# executions and coverage; exits 1 if a harness found a crash, a leak or a
# hang (the input is saved under build/fuzz/artifacts/: make it a
# regression test in tests/fuzz/regress/).  Needs ./memfold (the merge and
# diff seeds are summaries it writes).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
shift
[ $# -gt 0 ] || set -- report scan dat plot diff merge
SPLIT=$'\n--memfold-fuzz-split--\n'
REPORTS="tests/corpus/*.log tests/corpus/*.gz tests/check/*.log tests/seed/*.log tests/diff/*.log"
DATS="tests/corpus/*.dat tests/diff/*.dat"
status=0
mkdir -p build/fuzz/artifacts build/fuzz/summaries

# seed DIR FILE...: copy the files into the corpus DIR.
seed() {
    local dir=$1 f; shift
    for f in "$@"; do
        [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr / _)"
    done
}

# pair DIR NAME OLD NEW: one input of OLD and NEW joined at the split line.
pair() {
    [ -f "$3" ] && [ -f "$4" ] && { cat "$3"; printf %s "$SPLIT"; cat "$4"; } >"$1/pair-$2"
}

# The summary JSON of each corpus report, as merge and diff read them.
summaries() {
    local f
    for f in tests/corpus/*.log tests/diff/*.log; do
        ./memfold summary -f json "$f" >"build/fuzz/summaries/$(basename "$f").json" 2>/dev/null
    done
    ls build/fuzz/summaries/*.json tests/diff/*.json
}

seed_corpus() {
    local h=$1 dir=$2 s
    case $h in
        report) seed "$dir" $REPORTS tests/fuzz/regress/report-* ;;
        scan) seed "$dir" $REPORTS tests/fuzz/regress/report-* tests/fuzz/regress/scan-* ;;
        dat) seed "$dir" $DATS tests/fuzz/regress/dat-* ;;
        plot) seed "$dir" $REPORTS $DATS tests/fuzz/regress/* ;;
        diff)
            for s in tests/diff/*.log; do pair "$dir" "$(basename "$s")" tests/corpus/basic_calls.log "$s"; done
            pair "$dir" dat tests/corpus/mprof_func.dat tests/diff/mprof_func_grown.dat
            pair "$dir" json-log tests/diff/golden_basic_calls.json tests/diff/regressed.log
            pair "$dir" log-json tests/corpus/basic_calls.log build/fuzz/summaries/regressed.log.json
            pair "$dir" json-json build/fuzz/summaries/basic_calls.log.json build/fuzz/summaries/negative.log.json
            pair "$dir" gz tests/corpus/basic_calls.log tests/corpus/basic_calls.log.gz
            seed "$dir" tests/corpus/basic_calls.log tests/corpus/mprof_func.dat tests/fuzz/regress/diff-* ;;
        merge)
            seed "$dir" $(summaries) tests/fuzz/regress/merge-*
            pair "$dir" two build/fuzz/summaries/basic_calls.log.json build/fuzz/summaries/negative.log.json ;;
    esac
}

# The dictionary of a harness: the tokens of the formats it reads.
dict() {
    case $1 in
        report|dat) echo "tests/fuzz/$1.dict" ;;
        scan) echo tests/fuzz/report.dict ;;
        plot) cat tests/fuzz/report.dict tests/fuzz/dat.dict >build/fuzz/plot.dict
              echo build/fuzz/plot.dict ;;
        diff) cat tests/fuzz/report.dict tests/fuzz/dat.dict tests/fuzz/json.dict >build/fuzz/diff.dict
              echo build/fuzz/diff.dict ;;
        merge) echo tests/fuzz/json.dict ;;
    esac
}

for h in "$@"; do
    corpus=build/fuzz/corpus-$h
    mkdir -p "$corpus"
    [ -n "$(ls -A "$corpus")" ] || seed_corpus "$h" "$corpus"
    log=build/fuzz/$h.log
    # -close_fd_mask=2: the commands' messages do not reach the log (crash
    # reports still do)
    build/fuzz/fuzz_$h "$corpus" -dict="$(dict "$h")" -max_total_time="$secs" \
        -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=2 \
        -artifact_prefix=build/fuzz/artifacts/$h- >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    seeds=$(grep -oE 'INITED cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | grep -oE '[0-9]+$')
    echo "fuzz_$h: ${secs}s, ${execs:-?} executions, ${cov:-?} edges covered (${seeds:-?} inputs at the start), exit $rc"
    if [ $rc -ne 0 ]; then
        grep -E 'ERROR|SUMMARY|Test unit written|cannot read back|read back' "$log" | head -5
        status=1
    fi
done
exit $status
