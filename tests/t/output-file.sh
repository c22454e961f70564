#!/usr/bin/env bash
# -o FILE: the whole output or nothing; devices and FIFOs written directly.
. "$(dirname "$0")/lib.sh"

"$MEMFOLD" summary -f json -o "$TMP/a.json" "$CORPUS/basic_calls.log"
"$MEMFOLD" summary -f json "$CORPUS/basic_calls.log" >"$TMP/b.json"
ok "-o writes what stdout gets" cmp -s "$TMP/a.json" "$TMP/b.json"
ok "no temporary file is left beside it" test "$(ls "$TMP" | grep -c memfold-)" -eq 0

echo "old contents" >"$TMP/keep.txt"
"$MEMFOLD" summary -o "$TMP/keep.txt" "$CORPUS/basic_calls.log" "$TMP/missing.log" 2>/dev/null
ok "a failed run leaves an existing output file as it was" grep -qx "old contents" "$TMP/keep.txt"

status_is 2 "-o into a missing directory exits 2" \
    "$MEMFOLD" lines -o "$TMP/no/such/dir/out.csv" "$CORPUS/basic_calls.log"
ok "... and says why" grep -q "No such file or directory" "$TMP/stderr"

if [ -c /dev/full ]; then
    status_is 2 "-o /dev/full is a write error: exit 2" \
        "$MEMFOLD" lines -f csv -o /dev/full "$CORPUS/basic_calls.log"
    ok "... with a message" grep -q "No space left on device" "$TMP/stderr"
    ok "... and /dev/full is still a device" test -c /dev/full
    status_is 2 "stdout on /dev/full is a write error too" \
        sh -c "'$MEMFOLD' summary '$CORPUS/basic_calls.log' >/dev/full"
else
    skip "no /dev/full on this machine"
fi

mkfifo "$TMP/fifo"
cat "$TMP/fifo" >"$TMP/from-fifo" &
"$MEMFOLD" summary -o "$TMP/fifo" "$CORPUS/basic_calls.log"
wait
ok "-o into a FIFO writes through it" cmp -s "$TMP/from-fifo" <("$MEMFOLD" summary "$CORPUS/basic_calls.log")
ok "... and the FIFO is still a FIFO" test -p "$TMP/fifo"

"$MEMFOLD" summary --strict -o "$TMP/strict.txt" tests/check/no_def.log 2>/dev/null
ok "--strict writes no file when anything is wrong" test ! -e "$TMP/strict.txt"
out=$("$MEMFOLD" summary --strict tests/check/no_def.log 2>/dev/null)
ok "--strict writes nothing to stdout when anything is wrong" test -z "$out"
