#!/usr/bin/env bash
# golden.sh -- run memfold on every test input and diff the result with
# the file in golden/ that a person has read (cproc style: one
# [PASS]/[FAIL] line per case).  `golden.sh --update` rewrites the golden
# files instead; review them with `git diff golden/` before committing.
#
# A case is: a golden name, then memfold's arguments.  Its stdout is
# compared with golden/NAME; its stderr and exit status (when there are
# any) with golden/NAME.stderr.
set -u
cd "$(dirname "$0")/.."
MEMFOLD=${MEMFOLD:-./memfold}
update=0
[ "${1:-}" = "--update" ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_case() {
    local name=$1; shift
    local out=$tmp/out err=$tmp/err status
    "$MEMFOLD" "$@" >"$out" 2>"$err"
    status=$?
    if [ -s "$err" ] || [ "$status" -ne 0 ]; then
        echo "exit status: $status" >>"$err"
    else
        rm -f "$err"
    fi
    if [ "$update" = 1 ]; then
        mkdir -p "golden/$(dirname "$name")"
        if [ -s "$out" ]; then cp "$out" "golden/$name"; else rm -f "golden/$name"; fi
        if [ -f "$err" ]; then cp "$err" "golden/$name.stderr"; else rm -f "golden/$name.stderr"; fi
        return
    fi
    local ok=1
    if [ -s "$out" ] || [ -f "golden/$name" ]; then
        diff -u "golden/$name" "$out" >"$tmp/diff" 2>&1 || ok=0
    fi
    if [ -f "$err" ] || [ -f "golden/$name.stderr" ]; then
        diff -u "golden/$name.stderr" "$err" >>"$tmp/diff" 2>&1 || ok=0
    fi
    if [ "$ok" = 1 ]; then
        echo "[PASS] golden $name"
    else
        cat "$tmp/diff"
        echo "[FAIL] golden $name"
    fi
}

# Every real report: the summary (text, JSON), the rows as CSV, the check.
for log in tests/corpus/*.log; do
    base=$(basename "$log" .log)
    run_case "corpus/$base.summary.txt" summary "$log"
    run_case "corpus/$base.summary.json" summary -f json "$log"
    run_case "corpus/$base.lines.csv" lines -f csv "$log"
    run_case "corpus/$base.check" check "$log"
done

# Every mprof .dat file: the summary (text, JSON), the time series as CSV,
# the check.
for dat in tests/corpus/*.dat; do
    base=$(basename "$dat" .dat)
    run_case "corpus/$base.dat.summary.txt" summary "$dat"
    run_case "corpus/$base.dat.summary.json" summary -f json "$dat"
    run_case "corpus/$base.dat.lines.csv" lines -f csv "$dat"
    run_case "corpus/$base.dat.check" check "$dat"
done

# One input per check: what memfold check says about it.
for log in tests/check/*.log; do
    base=$(basename "$log" .log)
    run_case "check/$base" check "$log"
done

# Further cases, one per line: NAME ARGS... (see the file).
while read -r name args; do
    case "$name" in ''|'#'*) continue ;; esac
    # shellcheck disable=SC2086
    run_case "$name" $args
done <tests/golden.list

if [ "$update" = 1 ]; then
    echo "golden files rewritten; review them with: git diff golden/"
fi
