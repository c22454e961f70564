#!/usr/bin/env bash
# golden.sh -- run memfold on every test input and diff the result with
# the file in golden/ that a person has read (cproc style: one
# [PASS]/[FAIL] line per case).  `golden.sh --update` rewrites the golden
# files instead; review them with `git diff golden/` before committing.
#
# A case is: a golden name, then memfold's arguments.  Its stdout is
# compared with golden/NAME; its stderr and exit status (when there are
# any) with golden/NAME.stderr.  Every case must expect something: a case
# with neither file would pass on a memfold that does nothing, so it fails
# (a clean `check` is run with --diagnostics-format=json, which prints []).
# A file in golden/ that no case produces fails too: it is out of date.
set -u
cd "$(dirname "$0")/.."
MEMFOLD=${MEMFOLD:-./memfold}
unset COLUMNS   # diff fits its text table in $COLUMNS: the goldens are at the default 100
update=0
[ "${1:-}" = "--update" ] && update=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0 cases=0
: >"$tmp/names"

run_case() {
    local name=$1; shift
    local out=$tmp/out err=$tmp/err status
    cases=$((cases + 1))
    printf '%s\n%s\n' "golden/$name" "golden/$name.stderr" >>"$tmp/names"
    "$MEMFOLD" "$@" >"$out" 2>"$err" </dev/null
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
        [ -f "golden/$name" ] || [ -f "golden/$name.stderr" ] ||
            echo "warning: golden $name expects no output at all: it cannot fail"
        return
    fi
    local ok=1
    if [ ! -f "golden/$name" ] && [ ! -f "golden/$name.stderr" ]; then
        echo "  neither golden/$name nor golden/$name.stderr exists: the case expects nothing"
        ok=0
    fi
    if [ -s "$out" ] || [ -f "golden/$name" ]; then
        diff -u "golden/$name" "$out" >"$tmp/diff" 2>&1 || ok=0
    fi
    if [ -f "$err" ] || [ -f "golden/$name.stderr" ]; then
        diff -u "golden/$name.stderr" "$err" >>"$tmp/diff" 2>&1 || ok=0
    fi
    if [ "$ok" = 1 ]; then
        echo "[PASS] golden $name"
    else
        cat "$tmp/diff" 2>/dev/null
        echo "[FAIL] golden $name"
        failed=$((failed + 1))
    fi
}

# Every real report: the summary (text, JSON), the rows as CSV, the check.
for log in tests/corpus/*.log; do
    base=$(basename "$log" .log)
    run_case "corpus/$base.summary.txt" summary "$log"
    run_case "corpus/$base.summary.json" summary -f json "$log"
    run_case "corpus/$base.lines.csv" lines -f csv "$log"
    run_case "corpus/$base.check.json" check --diagnostics-format=json "$log"
done

# Every mprof .dat file: the summary (text, JSON), the time series as CSV,
# the check.
for dat in tests/corpus/*.dat; do
    base=$(basename "$dat" .dat)
    run_case "corpus/$base.dat.summary.txt" summary "$dat"
    run_case "corpus/$base.dat.summary.json" summary -f json "$dat"
    run_case "corpus/$base.dat.lines.csv" lines -f csv "$dat"
    run_case "corpus/$base.dat.check.json" check --diagnostics-format=json "$dat"
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
    exit 0
fi
# Every golden file belongs to a case.
find golden -type f | sort >"$tmp/files"
sort -u "$tmp/names" | comm -23 "$tmp/files" - >"$tmp/stale"
while read -r f; do
    echo "[FAIL] golden: $f belongs to no case (out of date: remove it)"
    failed=$((failed + 1))
done <"$tmp/stale"
echo "# golden: $cases cases, $failed failed"
[ "$failed" -eq 0 ]
