#!/usr/bin/env bash
# memfold as a Unix tool: --help names every option, and the man page and
# README name every one of them and every check; the version; the progress
# line.  (make install, the library and the completion: install.sh.)
. "$(dirname "$0")/lib.sh"
plan 7
V=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)

missing= none=
for c in summary lines check fmt diff merge plot; do
    opts=$("$MEMFOLD" $c --help | grep -oE -- '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' | tr -d ' ,' | sort -u)
    [ "$(echo "$opts" | grep -c -- '^--')" -ge 3 ] || none="$none $c"
    for opt in $opts; do
        man_opt=$(printf '%s' "${opt%NAME}" | sed 's/-/\\\\-/g')
        grep -q -- "$man_opt" man/memfold.1 || missing="$missing $c:$opt"
    done
    grep -qF "\\fBmemfold $c\\fR" man/memfold.1 || missing="$missing $c"
    grep -q "memfold $c" README.md || missing="$missing README:$c"
done
ok "every command and option of --help is in the man page and README (missing:$missing; no --help:$none)" \
    test -z "$missing$none"
missing=
names=$("$MEMFOLD" check --list-checks | awk 'NR > 1 { print $1 }')
for name in $names; do
    grep -q "^\.B $(printf '%s' "$name" | sed 's/-/\\\\-/g')" man/memfold.1 || \
        grep -q "\.BR.*$(printf '%s' "$name" | sed 's/-/\\\\-/g')" man/memfold.1 || missing="$missing $name"
done
ok "every check is in the man page ($(echo "$names" | grep -c .) checks; missing:$missing)" \
    test -z "$missing" -a "$(echo "$names" | grep -c .)" -ge 20
ok "--version says the header's version" test "$("$MEMFOLD" --version)" = "memfold $V"

cc -O2 -o "$TMP/genlog" tests/bench/genlog.c && "$TMP/genlog" 40 >"$TMP/big.log"
if command -v script >/dev/null; then
    # (the line is updated every 0.1 s; MEMFOLD_TEST_PROGRESS_EVERY=0: every 256
    # blocks, so that a fast run shows it too)
    MEMFOLD_TEST_PROGRESS_EVERY=0 script -qec "'$MEMFOLD' summary '$TMP/big.log' >/dev/null" /dev/null >"$TMP/tty" 2>&1
    ok "a progress line on a terminal" grep -q "memfold: [0-9.]* of 40.0 MB ([0-9]*%), [0-9]* MB/s, [0-9]* blocks" "$TMP/tty"
    ok "... cleared at the end" sh -c "tail -c 8 '$TMP/tty' | od -c | grep -q '\\\\r 033   \\['"
    script -qec "'$MEMFOLD' summary -q '$TMP/big.log' >'$TMP/q.out'" /dev/null >"$TMP/tty-q" 2>&1
    ok "... not with -q" test "$(grep -c 'MB/s' "$TMP/tty-q")" = 0 -a -s "$TMP/q.out"
else
    skip "no script(1) to fake a terminal" 3
fi
"$MEMFOLD" summary "$TMP/big.log" >"$TMP/notty.out" 2>"$TMP/notty"
ok "no progress line when stderr is not a terminal" test ! -s "$TMP/notty" -a -s "$TMP/notty.out"
