#!/usr/bin/env bash
# The grammar is the definition; the row acceptor is a shortcut (README,
# "Performance").  A row printed as the template prints it is taken by the
# acceptor (the default), by the rules as one ROW token
# (MEMFOLD_NO_FAST=1), or cell by cell (MEMFOLD_NO_FAST=cells); every
# other row is read cell by cell.  Here summary -f json, lines -f csv and
# check -f json print the same bytes, on stdout and stderr, with the same
# status, in the three, and each mode really is what it says
# (MEMFOLD_TEST_SCAN_TRACE counts the rows each way took), so that the
# comparisons compare something.  (tests/t/scan-records.sh compares what
# the parser hands on, field by field.)
. "$(dirname "$0")/lib.sh"

# (and the reports that once broke memfold: the text each mode shows under
# a diagnostic is compared here, the records in tests/t/scan-records.sh)
cli=(tests/corpus/*.log tests/corpus/pasted/*.md tests/corpus/notebooks/*.ipynb tests/check/*.log
     tests/fuzz/regress/report-* tests/fuzz/regress/scan-*)
plan $((3 * ${#cli[@]} + 4))

# ---- the commands' bytes ----------------------------------------------------------
# run MODE ARGS...: stdout, stderr and status of memfold in one mode, into one file
# (memfold's line of how it read the rows, MEMFOLD_TEST_SCAN_TRACE, goes
# apart into $TMP/trace.MODE: it says a real memfold read the input)
run() {
    local mode=$1; shift
    { MEMFOLD_TEST_SCAN_TRACE=1 MEMFOLD_NO_FAST=$mode "$MEMFOLD" "$@" 2>"$TMP/err"; echo "status $?"
      sed -E 's/memfold: scan: .*: [0-9]+ rows accepted, [0-9]+ read whole//' "$TMP/err"
    } >"$TMP/out.$mode" 2>&1
    grep -oE 'memfold: scan: .*: [0-9]+ rows accepted, [0-9]+ read whole' "$TMP/err" >"$TMP/trace.$mode"
}
for f in "${cli[@]}"; do
    for cmd in "summary -f json" "lines -f csv" "check --diagnostics-format=json"; do
        run 0 $cmd "$f"; run 1 $cmd "$f"; run cells $cmd "$f"
        if [ -s "$TMP/trace.0" ] && [ -s "$TMP/trace.1" ] && [ -s "$TMP/trace.cells" ] &&
           cmp -s "$TMP/out.0" "$TMP/out.1" &&
           cmp -s "$TMP/out.0" "$TMP/out.cells"; then
            pass "$cmd: $f"
        else
            diff -u "$TMP/out.0" "$TMP/out.1" | head -20
            diff -u "$TMP/out.0" "$TMP/out.cells" | head -20
            fail "$cmd: $f"
        fi
    done
done

# ---- each mode is what it says ---------------------------------------------------
# trace MODE FILE: "ACCEPTED WHOLE" rows of FILE read in MODE
trace() {
    MEMFOLD_TEST_SCAN_TRACE=1 MEMFOLD_NO_FAST=$1 "$MEMFOLD" summary "$2" 2>&1 >/dev/null |
        sed -n 's/^memfold: scan: .*: \([0-9]*\) rows accepted, \([0-9]*\) read whole$/\1 \2/p'
}
f=tests/corpus/basic_calls.log
rows=$(grep -cE '^ *[0-9]+ ' "$f")
read -r a w <<<"$(trace 0 "$f")"
[ "${a:-0}" -gt 0 ] && [ "$((a + w))" -eq "$rows" ] &&
    pass "fast: the acceptor takes rows ($a of $rows; the rules $w)" ||
    fail "fast: the acceptor takes rows (got '$a $w' of $rows)"
read -r a w <<<"$(trace 1 "$f")"
[ "$a" = 0 ] && [ "$w" -eq "$rows" ] && pass "MEMFOLD_NO_FAST=1: no row accepted, the rules read all $rows whole" ||
    fail "MEMFOLD_NO_FAST=1: no row accepted, the rules read all $rows whole (got '$a $w')"
read -r a w <<<"$(trace cells "$f")"
[ "$a" = 0 ] && [ "$w" = 0 ] && pass "MEMFOLD_NO_FAST=cells: every row read cell by cell" ||
    fail "MEMFOLD_NO_FAST=cells: every row read cell by cell (got '$a $w')"
# the old layout (0.30-0.57) has its own places: the acceptor takes its rows too
read -r a w <<<"$(trace 0 tests/corpus/old_format.log)"
[ "${a:-0}" -gt 0 ] && pass "fast: the acceptor takes rows of the old layout ($a)" ||
    fail "fast: the acceptor takes rows of the old layout (got '$a $w')"
