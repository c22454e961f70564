#!/usr/bin/env bash
# run.sh SECONDS -- run each libFuzzer harness for SECONDS over a corpus
# seeded from the test inputs.  Prints executions and coverage; exits 1 if
# a harness found a crash, a leak or a hang (the input is saved under
# build/fuzz/artifacts/: make it a regression test in tests/fuzz/regress/).
set -u
cd "$(dirname "$0")/../.."
secs=${1:-60}
status=0
mkdir -p build/fuzz/artifacts
for h in report dat; do
    corpus=build/fuzz/corpus-$h
    mkdir -p "$corpus"
    if [ -z "$(ls -A "$corpus")" ]; then
        if [ $h = report ]; then
            seeds="tests/corpus/*.log tests/corpus/*.gz tests/check/*.log tests/seed/*.log tests/diff/*.log"
        else
            seeds="tests/corpus/*.dat"
        fi
        for f in $seeds tests/fuzz/regress/$h-*; do
            [ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr / _)"
        done
    fi
    log=build/fuzz/$h.log
    build/fuzz/fuzz_$h "$corpus" -dict=tests/fuzz/$h.dict -max_total_time="$secs" \
        -max_len=262144 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix=build/fuzz/artifacts/$h- >"$log" 2>&1
    rc=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
    echo "fuzz_$h: ${secs}s, ${execs:-?} executions, ${cov:-?} edges covered, exit $rc"
    if [ $rc -ne 0 ]; then
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
        status=1
    fi
done
exit $status
