#!/usr/bin/env bash
# Bad input: whatever a failing job leaves behind.  Each case has its exit
# status and message; none may crash, hang, or take memory that grows with
# the input (peak RSS is measured where /usr/bin/time is installed).
. "$(dirname "$0")/lib.sh"
plan 36
H='Line #    Mem usage    Increment  Occurrences   Line Contents'
R='============================================================='
ROW='     1     21.3 MiB     21.3 MiB           1   def f(): pass'

# Peak RSS is measured with /usr/bin/time, except under AddressSanitizer
# (a SANITIZE=1 build), whose shadow memory makes it meaningless.
SANITIZED=$(ldd "$MEMFOLD" 2>/dev/null | grep -c libasan)
# bounded STATUS ERE KIB DESCRIPTION COMMAND...: the command exits with
# STATUS, prints a line matching ERE (stdout or stderr), and its peak RSS
# stays under KIB (a skip where it cannot be measured).
bounded() {
    local want=$1 re=$2 bound=$3 what=$4 st kib; shift 4
    if [ ! -x /usr/bin/time ] || [ "$SANITIZED" != 0 ]; then
        skip "$what: peak RSS not measured (no /usr/bin/time, or AddressSanitizer)"
        return
    fi
    /usr/bin/time -f %M -o "$TMP/rss" "$@" >"$TMP/out" 2>&1
    st=$?
    kib=$(tail -1 "$TMP/rss")
    ok "$what (exit $st, ${kib} KiB < $bound KiB)" \
        sh -c "[ $st -eq $want ] && [ ${kib:-0} -gt 0 ] && [ ${kib:-0} -le $bound ] && grep -qE '$re' '$TMP/out'"
}

printf '' >"$TMP/empty.log"
status_is 1 -e "error: no report block in 0 lines" "empty file: an input error (exit 1): no report in it" \
    "$MEMFOLD" check "$TMP/empty.log"
status_is 0 -e "warning: no report block in 0 lines" "... which --allow-empty makes a warning" \
    "$MEMFOLD" check --allow-empty "$TMP/empty.log"
printf '\n\n\n\n' >"$TMP/blank.log"
status_is 1 -e "error: no report block in 4 lines" "only blank lines: exit 1, no report in them" \
    "$MEMFOLD" check "$TMP/blank.log"
status_is 1 -e "error: no report block in 4 lines" "... and --allow-empty --strict an error again" \
    "$MEMFOLD" check --allow-empty --strict "$TMP/blank.log"

head -c 200000 "$MEMFOLD" >"$TMP/binary.log"
status_is 1 -e "error: no report block" "a binary file: exit 1, no crash, and it holds no report" \
    "$MEMFOLD" summary "$TMP/binary.log"
status_is 1 -o '^\[\]$' "... lines gives an empty, valid JSON array" "$MEMFOLD" lines -f json "$TMP/binary.log"

printf 'Filename: a.py\n\n%s\n%s\n     1     21.3 MiB     2\0.3 MiB           1   def f(): pass\n\n\n' "$H" "$R" >"$TMP/nul.log"
status_is 1 "a NUL byte inside a row: exit 1" "$MEMFOLD" check "$TMP/nul.log"
ok "... named as a control character at its column" grep -q "nul.log:5:26: error: expected value in MiB, found byte 0x00 \[-Wcontrol-char\]" "$TMP/stderr"

head -c 50000000 /dev/zero | tr '\0' 'x' >"$TMP/long.log"
status_is 1 -e "no report block in 1 line" "a single 50 MB line without a newline: exit 1, no report block" \
    "$MEMFOLD" check "$TMP/long.log"
bounded 1 "no report block in 1 line" 16384 "... in bounded memory" "$MEMFOLD" check "$TMP/long.log"

python3 - "$TMP/million.log" "$H" "$R" "$ROW" <<'PYEOF'
import sys
block = ("Filename: a.py\n\n%s\n%s\n%s\n\n\n" % tuple(sys.argv[2:5])).encode()
with open(sys.argv[1], "wb") as f:
    for _ in range(100):
        f.write(block * 10000)
PYEOF
"$MEMFOLD" summary -f json "$TMP/million.log" >"$TMP/million.json"
ok "a million tiny blocks: one function, a million calls" \
    test "$(jq '.functions[0].calls' "$TMP/million.json")" = 1000000
bounded 0 '"calls": 1000000' 16384 "... in bounded memory" "$MEMFOLD" summary -f json "$TMP/million.log"
rm -f "$TMP/million.log"

printf 'Filename: a.py\n\n%s\n%s\n1234567890123456789012345678901234567890     21.3 MiB     21.3 MiB           1   def f(): pass\n\n\n' "$H" "$R" >"$TMP/lineno.log"
status_is 1 "a line number of 40 digits: exit 1" "$MEMFOLD" check "$TMP/lineno.log"
ok "... line number too large" grep -q "lineno.log:5:1: error: line number too large \[-Wnumber\]" "$TMP/stderr"

big=$(printf '9%.0s' $(seq 400))
printf 'Filename: a.py\n\n%s\n%s\n     1 %s.0 MiB     21.3 MiB           1   def f(): pass\n\n\n' "$H" "$R" "$big" >"$TMP/value.log"
status_is 1 "a value of 400 digits: exit 1" "$MEMFOLD" check "$TMP/value.log"
ok "... too many digits to hold exactly" grep -q "value.log:5:8: error: Mem usage has too many digits to hold exactly \[-Wnumber\]" "$TMP/stderr"

{ printf 'Filename: a.py\n\n%s\n' "$H"; head -c 1048576 /dev/zero | tr '\0' '='; printf '\n%s\n\n\n' "$ROW"; } >"$TMP/rule.log"
status_is 1 "a rule a megabyte long: exit 1" "$MEMFOLD" check "$TMP/rule.log"
ok "... rule of 1048576 '='" grep -q "error: rule of 1048576 '=' under a header of 61 characters \[-Wrule-length\]" "$TMP/stderr"
bounded 1 "rule of 1048576" 16384 "... in bounded memory" "$MEMFOLD" check "$TMP/rule.log"

LC_ALL=C sed 's/\(.\)/\1\xff/g' "$CORPUS/basic_calls.log" >"$TMP/utf8.log"
status_is 1 -e "error: no report block in 37 lines" \
    "invalid UTF-8 everywhere: no crash, and nothing is a report any more" "$MEMFOLD" check "$TMP/utf8.log"
LC_ALL=C sed '/^ *[0-9]/s/$/\xfe\xff/' "$CORPUS/basic_calls.log" >"$TMP/utf8c.log"
check_clean "invalid UTF-8 in every source line: still a good report" "$TMP/utf8c.log"
"$MEMFOLD" lines -f json "$TMP/utf8c.log" >"$TMP/utf8c.json"
ok "... and its JSON is valid, with every row ($(count_measured "$TMP/utf8c.log"))" python3 -c '
import json, sys
assert len(json.load(open(sys.argv[1]))) == int(sys.argv[2])' "$TMP/utf8c.json" "$(count_measured "$TMP/utf8c.log")"

status_is 2 "a directory: exit 2" "$MEMFOLD" check "$TMP"
ok "... Is a directory" grep -q "cannot read '$TMP': Is a directory" "$TMP/stderr"
status_is 2 "a missing file: exit 2" "$MEMFOLD" check "$TMP/missing.log"
ok "... No such file or directory" grep -q "cannot read '$TMP/missing.log': No such file or directory" "$TMP/stderr"

cp "$CORPUS/basic_calls.log" "$TMP/secret.log"
chmod 000 "$TMP/secret.log"
if [ "$(id -u)" != 0 ]; then
    status_is 2 -e "cannot read '$TMP/secret.log': Permission denied" "an unreadable file: exit 2, Permission denied" \
        "$MEMFOLD" check "$TMP/secret.log"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
    mkdir -m 755 "$TMP/pub" && cp -p "$TMP/secret.log" "$TMP/pub/" && chmod 711 "$TMP"
    status_is 2 -e "cannot read '$TMP/pub/secret.log': Permission denied" \
        "an unreadable file (run as nobody, since root reads anything): exit 2, Permission denied" \
        setpriv --reuid=65534 --regid=65534 --clear-groups "$MEMFOLD" check "$TMP/pub/secret.log"
    chmod 700 "$TMP"
else
    skip "unreadable file: running as root and cannot drop to an unprivileged user"
fi

status_is 2 "standard input closed: exit 2" sh -c "'$MEMFOLD' summary <&-"
ok "... Bad file descriptor" grep -q "error reading '-': Bad file descriptor" "$TMP/stderr"
status_is 2 "standard output closed: exit 2" sh -c "'$MEMFOLD' summary '$CORPUS/basic_calls.log' >&-"
ok "... Bad file descriptor" grep -q "error writing 'stdout': Bad file descriptor" "$TMP/stderr"

cc -O2 -o "$TMP/genlog" tests/bench/genlog.c && "$TMP/genlog" 30 >"$TMP/big.log"
start=$(date +%s)
timeout 20 sh -c "'$MEMFOLD' lines '$TMP/big.log' 2>'$TMP/pipe.err' | head -1 >'$TMP/first'"
st=$? secs=$(($(date +%s) - start))
ok "lines big.log | head -1: ends, quickly ($secs s, status $st), after the header line" \
    sh -c "[ $st -eq 0 ] && grep -q '^ *BLOCK  *LINE  *MEM MiB' '$TMP/first'"
ok "... and quietly (nothing on stderr)" \
    sh -c "[ $st -eq 0 ] && [ ! -s '$TMP/pipe.err' ] && grep -q '^ *BLOCK  *LINE' '$TMP/first'"

# a background job of a script starts with SIGINT ignored, and memfold
# keeps a signal ignored at its start (as nohup needs): give it the default.
# The last input is a FIFO whose writer holds it open, so that the run is
# still going when the signal comes, however fast it reads the rest.
mkfifo "$TMP/more.fifo"
sleep 30 >"$TMP/more.fifo" &
holder=$!
env --default-signal=INT "$MEMFOLD" lines -f csv -o "$TMP/out.csv" "$TMP/big.log" "$TMP/more.fifo" &
pid=$!
sleep 0.3
kill -INT $pid
wait $pid
st=$?
kill $holder 2>/dev/null
wait $holder 2>/dev/null
ok "SIGINT while writing -o: the run is interrupted (status $st)" test $st -eq 130
ok "... no partial output file" test $st -eq 130 -a ! -e "$TMP/out.csv"
ok "... no temporary file left" test $st -eq 130 -a "$(ls "$TMP" | grep -c 'memfold-')" = 0
