#!/usr/bin/env bash
# valgrind.sh -- every command over the corpus under valgrind: no invalid
# access, no uninitialised value, no leak (exit 1 on the first report).
set -u
cd "$(dirname "$0")/.."
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all"
fail=0 runs=0
run() {
    runs=$((runs + 1))
    $VG ./memfold "$@" >/dev/null 2>/tmp/memfold-vg.$$
    local st=$?
    # 0, 1 and 2 are memfold's own statuses; 99 is valgrind's report, and
    # anything else a crash
    if [ $st -gt 2 ]; then
        echo "valgrind: memfold $* (exit $st)"; sed 's/^/  /' /tmp/memfold-vg.$$ | head -40
        fail=1
    fi
}
for f in tests/corpus/*.log tests/corpus/*.gz tests/check/*.log; do
    run summary -f json "$f"
    run lines -f csv --all-rows "$f"
    run check --diagnostics-format=sarif "$f"
    run fmt "$f"
done
for f in tests/corpus/*.dat; do
    run summary "$f"
    run lines -f json "$f"
    run check "$f"
done
run diff --max-increase 10% tests/diff/golden_basic_calls.json tests/diff/regressed.log
run diff --match name tests/diff/home_paths.log tests/diff/build_paths.log
./memfold summary -f json tests/corpus/basic_calls.log >/tmp/memfold-vg-a.$$.json
run merge /tmp/memfold-vg-a.$$.json /tmp/memfold-vg-a.$$.json
rm -f /tmp/memfold-vg.$$ /tmp/memfold-vg-a.$$.json
echo "valgrind: $runs runs, $([ $fail = 0 ] && echo "no errors, no leaks" || echo "ERRORS")"
exit $fail
