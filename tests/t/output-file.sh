#!/usr/bin/env bash
# -o FILE: the whole output or nothing; devices and FIFOs written directly.
. "$(dirname "$0")/lib.sh"
plan 13

"$MEMFOLD" summary -f json -o "$TMP/a.json" "$CORPUS/basic_calls.log" >"$TMP/a.stdout"
"$MEMFOLD" summary -f json "$CORPUS/basic_calls.log" >"$TMP/b.json"
same "-o writes what stdout gets" "$TMP/a.json" "$TMP/b.json"
ok "... nothing goes to stdout, and no temporary file is left beside it" \
    sh -c "[ -s '$TMP/a.json' ] && [ ! -s '$TMP/a.stdout' ] && [ \$(ls '$TMP' | grep -c memfold-) -eq 0 ]"

echo "old contents" >"$TMP/keep.txt"
status_is 2 -e "cannot read '$TMP/missing.log'" "a run that fails on its second input exits 2" \
    "$MEMFOLD" summary -o "$TMP/keep.txt" "$CORPUS/basic_calls.log" "$TMP/missing.log"
ok "... and leaves an existing output file as it was" \
    sh -c "grep -q missing.log '$TMP/stderr' && grep -qx 'old contents' '$TMP/keep.txt'"

status_is 2 -e "No such file or directory" "-o into a missing directory exits 2, and says why" \
    "$MEMFOLD" lines -o "$TMP/no/such/dir/out.csv" "$CORPUS/basic_calls.log"

if [ -c /dev/full ]; then
    status_is 2 -e "No space left on device" "-o /dev/full is a write error: exit 2, with a message" \
        "$MEMFOLD" lines -f csv -o /dev/full "$CORPUS/basic_calls.log"
    ok "... and /dev/full is still a device" \
        sh -c "grep -q 'No space left' '$TMP/stderr' && [ -c /dev/full ]"
    status_is 2 -e "No space left on device" "stdout on /dev/full is a write error too" \
        sh -c "'$MEMFOLD' summary '$CORPUS/basic_calls.log' >/dev/full"
else
    skip "no /dev/full on this machine" 3
fi

mkfifo "$TMP/fifo"
# the reader gives up after a while: a memfold that never opens the FIFO
# must not hang the test
timeout 30 cat "$TMP/fifo" >"$TMP/from-fifo" &
reader=$!
"$MEMFOLD" summary -o "$TMP/fifo" "$CORPUS/basic_calls.log"
st=$?
wait "$reader"
"$MEMFOLD" summary "$CORPUS/basic_calls.log" >"$TMP/direct"
[ "$st" -eq 0 ] || echo "  memfold exited $st"
same "-o into a FIFO writes through it (exit $st)" "$TMP/from-fifo" "$TMP/direct"
ok "... and the FIFO is still a FIFO" sh -c "[ -s '$TMP/from-fifo' ] && [ -p '$TMP/fifo' ]"

status_is 1 -O -e "error: no def row" "summary --strict: a warning is an error, and nothing goes to stdout" \
    "$MEMFOLD" summary --strict tests/check/no_def.log
status_is 1 -e "error: no def row" "summary --strict -o: exit 1 ..." \
    "$MEMFOLD" summary --strict -o "$TMP/strict.txt" tests/check/no_def.log
ok "... and no file is written" sh -c "grep -q 'no def row' '$TMP/stderr' && [ ! -e '$TMP/strict.txt' ]"
