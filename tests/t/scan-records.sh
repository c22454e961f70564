#!/usr/bin/env bash
# The grammar is the definition; the row acceptor is a shortcut (README,
# "Performance").  A row printed as the template prints it is taken by the
# acceptor (MF_SCAN_FAST, the default), by the rules as one ROW token
# (MF_SCAN_RULES), or cell by cell (MF_SCAN_CELLS); every other row is
# read cell by cell.  Here build/tests/scan_modes (tests/fuzz/fuzz_scan.c,
# the fuzzer's differential check, as a command) finds every field of
# every block, every diagnostic, text line and %memit result the same in
# the three, over every report the tests read.  (tests/t/scan-modes.sh
# compares the commands' output in the three.)
# runs no memfold command
. "$(dirname "$0")/lib.sh"

SCAN=build/tests/scan_modes
[ -x "$SCAN" ] || { plan 1; bail_out "$SCAN is not built (make build/tests/scan_modes)"; }

inputs=()
for f in tests/corpus/*.log tests/corpus/*.txt tests/corpus/*.md tests/corpus/pasted/* \
         tests/corpus/notebooks/*.txt tests/check/*.log tests/seed/*.log tests/diff/*.log \
         tests/fuzz/regress/report-* tests/fuzz/regress/scan-*; do
    case $f in *.expect | */MANIFEST | *.sh) continue ;; esac
    [ -f "$f" ] && grep -q 'Line #' "$f" && inputs+=("$f")
done
plan ${#inputs[@]}

# ---- every record the parser hands on -------------------------------------------
for f in "${inputs[@]}"; do
    out=$("$SCAN" "$f")
    case $out in
        "[PASS] $f") pass "records: $f" ;;
        *) echo "$out"; fail "records: $f" ;;
    esac
done
