#!/usr/bin/env bash
# check-the-checks.sh -- a test of the tests (`make check-the-checks`).
#
# 1. The runner: tests/run.sh must fail a test program that dies by a
#    signal after printing [PASS], a shell test that dies midway (an unbound
#    variable under set -u) or runs fewer checks than its plan, one that runs
#    past its time limit, and one that exits 0 having checked nothing.
# 2. The command tests (tests/run.sh --commands: the golden and the shell
#    tests) are run against two memfolds that are wrong on purpose: one that
#    exits 0 and prints nothing, one that kills itself with SIGSEGV.  At most
#    LIMIT percent (default 5) of the checks that pass with the real memfold
#    may still pass with either; those that do are listed.
# Exits 0 when both hold.
set -u
cd "$(dirname "$0")/.."
limit=${LIMIT:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
say() { echo "check-the-checks: $*"; }

# ---- 1. the runner ----------------------------------------------------------
mkdir -p "$tmp/st/tests/t"
cp tests/t/lib.sh "$tmp/st/tests/t/"
printf '#!/bin/sh\necho "[PASS] segv: a check"\nkill -SEGV $$\n' >"$tmp/st/segv"
printf '#!/bin/sh\necho "[PASS] bad-exit: a check"\nexit 3\n' >"$tmp/st/bad-exit"
printf '#!/bin/sh\necho "[PASS] slow: a check"\nsleep 30\n' >"$tmp/st/slow"
printf '#!/bin/sh\necho "nothing checked"\n' >"$tmp/st/no-check"
printf '. "$(dirname "$0")/lib.sh"\nplan 3\nok "one" true\necho "$undefined"\nok "two" true\nok "three" true\n' \
    >"$tmp/st/tests/t/unbound.sh"
printf '. "$(dirname "$0")/lib.sh"\nplan 3\nok "one" true\nok "two" true\n' >"$tmp/st/tests/t/short.sh"
printf '. "$(dirname "$0")/lib.sh"\nok "one" true\n' >"$tmp/st/tests/t/no-plan.sh"
printf '. "$(dirname "$0")/lib.sh"\nplan 1\nok "one" true\n' >"$tmp/st/tests/t/good.sh"
chmod +x "$tmp"/st/*
for t in segv bad-exit slow no-check tests/t/unbound.sh tests/t/short.sh tests/t/no-plan.sh; do
    TEST_TIMEOUT=3 tests/run.sh "$tmp/st/$t" >"$tmp/out" 2>&1
    st=$?
    if [ "$st" -ne 0 ] && grep -q '^\[FAIL\] ' "$tmp/out" &&
       tail -1 "$tmp/out" | grep -qE '^[0-9]+ passed, [1-9][0-9]* failed'; then
        say "[ok] the runner fails $t: $(grep -m1 '^\[FAIL\]' "$tmp/out" | sed "s|$tmp/st/||")"
    else
        say "[WRONG] the runner does not fail $t (exit $st):"; sed 's/^/    /' "$tmp/out"
        status=1
    fi
done
tests/run.sh "$tmp/st/tests/t/good.sh" >"$tmp/out" 2>&1
if [ $? -eq 0 ] && grep -qx '1 passed, 0 failed, 0 skipped' "$tmp/out"; then
    say "[ok] the runner passes a good test"
else
    say "[WRONG] the runner fails a good test:"; sed 's/^/    /' "$tmp/out"; status=1
fi

# ---- 2. the command tests against wrong memfolds -----------------------------
printf '#!/bin/sh\nexit 0\n' >"$tmp/memfold-does-nothing"
printf '#!/bin/sh\nkill -SEGV $$\n' >"$tmp/memfold-crashes"
chmod +x "$tmp"/memfold-*
tests/run.sh --commands >"$tmp/real.log" 2>&1
real_st=$?
total=$(grep -c '^\[PASS\]' "$tmp/real.log")
say "the real memfold: $(tail -1 "$tmp/real.log") (exit $real_st)"
if [ "$real_st" -ne 0 ] || [ "$total" -eq 0 ]; then
    grep '^\[FAIL\]' "$tmp/real.log" | sed 's/^/    /'
    say "[WRONG] the command tests must pass with the real memfold first"
    exit 1
fi
for fake in does-nothing crashes; do
    MEMFOLD=$tmp/memfold-$fake TEST_TIMEOUT=300 tests/run.sh --commands >"$tmp/$fake.log" 2>&1
    st=$?
    passed=$(grep -c '^\[PASS\]' "$tmp/$fake.log")
    pct=$(awk -v p="$passed" -v t="$total" 'BEGIN { printf "%.1f", 100 * p / t }')
    if [ "$st" -ne 0 ] && [ $((passed * 100)) -le $((limit * total)) ]; then
        say "[ok] a memfold that $fake: $passed of $total command checks pass ($pct% <= $limit%)"
    else
        say "[WRONG] a memfold that $fake: $passed of $total command checks pass ($pct% > $limit%; runner exit $st)"
        status=1
    fi
    grep '^\[PASS\]' "$tmp/$fake.log" | sed 's/^/    still passes: /'
done
exit $status
