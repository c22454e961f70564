#!/usr/bin/env bash
# One long token costs time linear in its length: a 64 MiB Filename: path,
# header, program-output line, run of spaces, number, CMDLINE, FUNC name
# is read right (same result, same diagnostic columns as a short one)
# under a CPU-time cap that linear work meets many times over and the
# quadratic scan of old (flex rescanning a token at every refill: 256 MB
# took 14 minutes) cannot.  No timing is measured: the cap only kills.
. "$(dirname "$0")/lib.sh"
plan 13

N=$((64 << 20))
CAP=20   # CPU seconds; each run here needs about 1
HEADER="Line #    Mem usage    Increment  Occurrences   Line Contents"
RULE="============================================================="
ROW='     1     21.5 MiB     21.5 MiB           1   def f():'

# long CHAR: N bytes of CHAR
long() { head -c "$N" /dev/zero | tr '\0' "$1"; }
# capped CMD...: the command under the CPU cap
capped() { sh -c 'ulimit -t "$0" && exec "$@"' "$CAP" "$@"; }
# report FILENAME_PATH HEADER_LINE ROW_LINE: one block into $TMP/in.log
report() {
    { printf 'Filename: '; "$1"; printf '\n\n'; "$2"; printf '\n%s\n' "$RULE"; "$3"
      printf '\n\n\n'; } >"$TMP/in.log"
}
path() { printf 'x.py'; }
head_ok() { printf '%s' "$HEADER"; }
row_ok() { printf '%s' "$ROW"; }
json() { capped "$MEMFOLD" check --diagnostics-format=json "$@"; }
# csv_has FILE ERE K: a line of FILE matches ERE and its field K is N bytes
# (grep and cut: mawk takes minutes over a 64 MiB record)
csv_has() {
    local k
    k=$(grep -E -m1 -- "$2" "$1" | cut -d, -f"$3" | tr -d '\n' | wc -c)
    [ "$k" -eq "$N" ] || { echo "  field $3 of the line matching '$2' has $k bytes"; return 1; }
}
# clean DESCRIPTION FILE: check_clean, under the cap
clean() { status_is 0 -e '^\[\]$' "$1" json "$2"; }

long_path() { long a; }
report long_path head_ok row_ok
clean "a 64 MiB Filename: path is read whole, and the block is clean" "$TMP/in.log"
capped "$MEMFOLD" summary -f csv "$TMP/in.log" >"$TMP/sum.csv"
ok "... and summary names the function f at that path, all $N bytes of it" \
    csv_has "$TMP/sum.csv" '^[^,]*,f,' 1

long_header() { printf '%s ' "$HEADER"; long x; }
report path long_header row_ok
status_is 1 -e "\"name\": \"header\".*\"column\": 62, \"end_column\": $((N + 63))" \
    "a 64 MiB header line: the header error spans it, as on a short one" json "$TMP/in.log"

# the same as text: the diagnostic quotes the whole line, and its caret
# line spans it (once written a byte at a time to unbuffered stderr: 64 Mi
# system calls, far over the cap)
capped "$MEMFOLD" check "$TMP/in.log" 2>"$TMP/diag.txt"
text_diag() {
    grep -q "^$TMP/in.log:3:62: error: " "$TMP/diag.txt" &&
    [ "$(grep -m1 -E '^ {61}\^~' "$TMP/diag.txt" | wc -c)" -gt "$N" ] &&
    [ "$(wc -c <"$TMP/diag.txt")" -gt $((2 * N)) ]
}
ok "... and as text: the line quoted whole and the caret under all of it, within the cap" text_diag

{ long z; printf '\n'; cat "$CORPUS/basic_calls.log"; } >"$TMP/in.log"
clean "a 64 MiB line of program output before a block is skipped" "$TMP/in.log"

long_lead() { long ' '; printf '%s' "$ROW"; }
report path head_ok long_lead
status_is 1 -e "\"name\": \"column-align\".*\"column\": $((N + 6)), \"end_column\": $((N + 7))" \
    "64 MiB of spaces before a line number: column-align at the number" json "$TMP/in.log"

long_number() { printf '     1     2'; long 1; printf ' MiB     21.5 MiB           1   def f():'; }
report path head_ok long_number
status_is 1 -e "\"name\": \"number\".*\"column\": 12, \"end_column\": $((N + 13))" \
    "a Mem usage of 64 Mi digits is a number error over all of them" json "$TMP/in.log"

{ printf 'CMDLINE '; long c; printf '\nMEM 1.0 1.0\n'; } >"$TMP/in.dat"
clean "a 64 MiB CMDLINE is read whole, and the .dat is clean" "$TMP/in.dat"

{ printf 'CMDLINE x\nMEM 1.0 1.0\nFUNC '; long f; printf ' 1.0 1.0 2.0 2.0 1\nMEM 2.0 3.0\n'; } \
    >"$TMP/in.dat"
clean "a 64 MiB FUNC name is read whole, and the .dat is clean" "$TMP/in.dat"
capped "$MEMFOLD" summary -f csv "$TMP/in.dat" >"$TMP/sum.csv"
ok "... and summary names that function, all $N bytes of it" \
    csv_has "$TMP/sum.csv" '^function,' 5

{ printf 'CMDLINE x\nMEM 1.0 1.0\nMEM 1'; long 1; printf '.0 2.0\n'; } >"$TMP/in.dat"
status_is 1 -e "\"name\": \"dat-number\".*\"column\": 5, \"end_column\": $((N + 8))" \
    "a .dat number of 64 Mi digits is a dat-number error over all of them" json "$TMP/in.dat"

# A line taken in pieces ends where its '\r\n' is, even when a refill of
# the scanner's buffer (every 128 KiB, 64 KiB for .dat) falls between
# the two bytes: the '\r' is never part of the path or the command.
crlf_split() {
    local d n p
    for d in -2 -1 0 1 2; do
        n=$((131072 - 10 + d)); p=$(head -c "$n" /dev/zero | tr '\0' p)
        printf 'Filename: %s\r\n\r\n%s\r\n%s\r\n%s\r\n\r\n\r\n' "$p" "$HEADER" "$RULE" "$ROW" \
            >"$TMP/crlf.log"
        "$MEMFOLD" check --diagnostics-format=json "$TMP/crlf.log" 2>&1 |
            grep -q "\"name\": \"crlf\".*\"column\": $((n + 11))," || return 1
        [ "$("$MEMFOLD" summary -f csv "$TMP/crlf.log" 2>/dev/null | sed -n 2p | cut -d, -f1)" = "$p" ] ||
            return 1
    done
}
ok "a '\\r\\n' split by a refill ends a Filename: line (crlf at its place, path without '\\r')" \
    crlf_split
crlf_split_dat() {
    local d n p
    for d in -2 -1 0 1 2; do
        n=$((65536 - 8 + d)); p=$(head -c "$n" /dev/zero | tr '\0' c)
        printf 'CMDLINE %s\r\nMEM 1.0 1.0\r\n' "$p" >"$TMP/crlf.dat"
        [ "$("$MEMFOLD" check --diagnostics-format=json "$TMP/crlf.dat" 2>&1)" = "[]" ] || return 1
        [ "$("$MEMFOLD" summary -f csv "$TMP/crlf.dat" 2>/dev/null | grep '^run,' | cut -d, -f14)" = "$p" ] ||
            return 1
    done
}
ok "... and a .dat CMDLINE (clean, the command without '\\r')" crlf_split_dat
