#!/usr/bin/env bash
# run.sh -- every test: the unit tests of each pass (C programs), the golden
# tests and the shell tests (tests/t/*.sh).  Each one is a program whose
# exit status is checked: it fails when it dies by a signal, runs past its
# time limit, exits non-zero without a [FAIL] line saying why, or prints no
# check at all.  (A shell test also checks its own plan: see tests/t/lib.sh.)
# Ends with "N passed, N failed, N skipped"; exits 1 on any failure.
#
#   tests/run.sh [--commands] [TEST...]
#
# --commands runs only the tests of the memfold command (golden and shell
# tests; not the unit tests, nor a script holding the line "# runs no
# memfold command"), for `make check-the-checks`; TEST names a test to run alone
# (build/tests/test_parse, tests/golden.sh, tests/t/diff.sh, or just diff).
# TEST_TIMEOUT (seconds, default 900) bounds each one.
set -u
cd "$(dirname "$0")/.."
timeout_s=${TEST_TIMEOUT:-900}
commands=0
[ "${1:-}" = "--commands" ] && { commands=1; shift; }
log=$(mktemp) out=$(mktemp)
trap 'rm -f "$log" "$out"' EXIT

# run NAME COMMAND...: run one test program; its output goes to the
# terminal and the log, followed by a [FAIL] line when it ended badly.
run() {
    local name=$1 st why=; shift
    timeout -k 10 "$timeout_s" "$@" >"$out" 2>&1 </dev/null
    st=$?
    cat "$out"
    if [ "$st" -eq 124 ] || [ "$st" -eq 137 ]; then
        why="ran past its time limit of $timeout_s s (status $st)"
    elif [ "$st" -gt 128 ]; then
        why="killed by signal $((st - 128)) ($(kill -l $((st - 128)) 2>/dev/null || echo '?'))"
    elif [ "$st" -ne 0 ] && ! grep -q '^\[FAIL\]' "$out"; then
        why="exit status $st, and no failed check says why"
    elif ! grep -qE '^\[(PASS|FAIL|SKIP)\]' "$out"; then
        why="ran no check (exit status $st)"
    fi
    if [ -n "$why" ]; then
        echo "[FAIL] $name: $why" | tee -a "$out"
    fi
    cat "$out" >>"$log"
}

tests=("$@")
if [ ${#tests[@]} -eq 0 ]; then
    if [ "$commands" = 0 ]; then tests+=(build/tests/test_*); fi
    tests+=(tests/golden.sh)
    for t in tests/t/*.sh; do
        [ "$(basename "$t")" = lib.sh ] && continue
        [ "$commands" = 1 ] && grep -qx '# runs no memfold command' "$t" && continue
        tests+=("$t")
    done
fi
for t in "${tests[@]}"; do
    [ -e "$t" ] || [ ! -e "tests/t/$t.sh" ] || t=tests/t/$t.sh
    case $t in
        *.sh) run "$t" bash "$t" ;;
        *) run "$t" "$t" ;;
    esac
done

passed=$(grep -c '^\[PASS\]' "$log")
failed=$(grep -c '^\[FAIL\]' "$log")
skipped=$(grep -c '^\[SKIP\]' "$log")
if [ "$failed" -gt 0 ]; then
    echo "failed:"; grep '^\[FAIL\]' "$log" | sed 's/^/  /'
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
