#!/usr/bin/env bash
# Nothing lost: -o never destroys an input (fmt -i rewrites one only when
# asked, and never drops a block it could not read); -o through a link,
# /proc/self/fd/N or a device writes where the path leads, keeping links
# and modes; a failed write is always said; no temporary file survives an
# end by out of memory or by a signal; a terminal on stdin is told what
# memfold waits for.
. "$(dirname "$0")/lib.sh"
plan 61
umask 022
LOG=$CORPUS/basic_calls.log

# no_temp DIR: no FILE.memfold-XXXXXX is left in DIR (ls, as a user looks).
no_temp() { ! ls -a "$1" | grep -q 'memfold-'; }

# reports NFUNCS: a report of NFUNCS functions, one block each.
reports() {
    awk -v n="$1" 'BEGIN {
        for (b = 0; b < n; b++) {
            print "Filename: /src/mod" b ".py\n"
            print "Line #    Mem usage    Increment  Occurrences   Line Contents"
            print "============================================================="
            printf "%6d %12s %12s  %10d   %s\n", 1, "20.0 MiB", "20.0 MiB", 1, "@profile"
            printf "%6d %41s   %s\n", 2, "", "def work" b "():"
            printf "%6d %12s %12s  %10d   %s\n\n\n", 3, "21.5 MiB", "1.5 MiB", 1, "data = [0] * " b
        }
    }'
}

# ---- -o naming an input -------------------------------------------------

mkdir "$TMP/in"
cp "$LOG" "$TMP/in/run.log"
cp "$LOG" "$TMP/in/old.log"
"$MEMFOLD" summary -f json "$LOG" >"$TMP/in/run.json"
cp "$TMP/in/run.json" "$TMP/in/keep.json"
ln -s run.log "$TMP/in/link.log"
ln "$TMP/in/run.log" "$TMP/in/hard.log"
intact() { cmp -s "$TMP/in/run.log" "$LOG" && cmp -s "$TMP/in/run.json" "$TMP/in/keep.json"; }
for cmd in check summary lines fmt plot; do
    status_is 2 -e "-o '$TMP/in/run.log' is the input '$TMP/in/run.log'" \
        "$cmd FILE -o FILE is refused (exit 2)" "$MEMFOLD" $cmd "$TMP/in/run.log" -o "$TMP/in/run.log"
    ok "... and FILE is as it was" intact
done
status_is 2 -e "is the input" "-o a symbolic link to an input is refused" \
    "$MEMFOLD" summary "$TMP/in/run.log" -o "$TMP/in/link.log"
status_is 2 -e "is the input" "-o a hard link of an input is refused" \
    "$MEMFOLD" lines "$TMP/in/hard.log" -o "$TMP/in/run.log"
status_is 2 -e "fmt -i" "fmt ./FILE -o FILE is refused, and fmt -i is suggested" \
    sh -c "cd '$TMP/in' && '$MEMFOLD' fmt ./run.log -o run.log"
status_is 2 -e "is the input '$TMP/in/run.log'" "diff OLD NEW -o NEW is refused" \
    "$MEMFOLD" diff "$TMP/in/old.log" "$TMP/in/run.log" -o "$TMP/in/run.log"
status_is 2 -e "is the input" "merge A.json -o A.json is refused" \
    "$MEMFOLD" merge "$TMP/in/run.json" -o "$TMP/in/run.json"
# on a memfold that reads what it appends this would grow without end:
# bounded by ulimit -f and timeout
status_is 2 -e "standard output is the input \(standard input\)" \
    "fmt <FILE >>FILE is refused" \
    sh -c "ulimit -f 2000; timeout 20 '$MEMFOLD' fmt <'$TMP/in/run.log' >>'$TMP/in/run.log'"
all_intact() { intact && [ -L "$TMP/in/link.log" ] && no_temp "$TMP/in"; }
ok "... and every input is as it was, links still links, no temporary file" all_intact

# ---- fmt -i ----------------------------------------------------------------

mkdir "$TMP/fi"
"$MEMFOLD" fmt "$LOG" >"$TMP/fi/want.log"
sed 's/ *$//' "$LOG" >"$TMP/fi/stripped.log"
chmod 640 "$TMP/fi/stripped.log"
status_is 0 "fmt -i FILE exits 0" "$MEMFOLD" fmt -i "$TMP/fi/stripped.log"
same "... and FILE now holds what fmt prints" "$TMP/fi/want.log" "$TMP/fi/stripped.log"
ok "... with its mode 640 kept, and no temporary file left" \
    sh -c "[ \$(stat -c %a '$TMP/fi/stripped.log') = 640 ] && ! ls -a '$TMP/fi' | grep -q memfold-"

cp tests/check/broken_blocks.log "$TMP/fi/broken.log"
status_is 1 -e "'$TMP/fi/broken.log' left as it was: 1 block could not be read" \
    "fmt -i of a file with blocks it cannot parse exits 1, and says the file was left" \
    "$MEMFOLD" fmt -i "$TMP/fi/broken.log"
ok "... and the file is byte for byte what it was" cmp -s "$TMP/fi/broken.log" tests/check/broken_blocks.log

sed 's/ *$//' "$LOG" >"$TMP/fi/target.log"
ln -s target.log "$TMP/fi/link.log"
cp "$TMP/fi/broken.log" "$TMP/fi/second.log"
status_is 1 "--in-place LINK BROKEN: the worst status (1)" \
    "$MEMFOLD" fmt --in-place "$TMP/fi/link.log" "$TMP/fi/second.log"
same "... the link's target is rewritten" "$TMP/fi/want.log" "$TMP/fi/target.log"
ok "... the link is still a link, the broken file untouched" \
    sh -c "[ -L '$TMP/fi/link.log' ] && cmp -s '$TMP/fi/second.log' tests/check/broken_blocks.log"

gzip -c "$LOG" >"$TMP/fi/run.log.gz"
cp "$TMP/fi/run.log.gz" "$TMP/fi/keep.gz"
status_is 2 -e "compressed" "fmt -i of a gzip file is refused (it would be uncompressed)" \
    "$MEMFOLD" fmt -i "$TMP/fi/run.log.gz"
ok "... and the file is as it was" cmp -s "$TMP/fi/run.log.gz" "$TMP/fi/keep.gz"
status_is 2 -e "^memfold: summary takes no -i; -i goes with 'fmt'$" "-i with another command is a usage error" \
    "$MEMFOLD" summary -i "$TMP/fi/want.log"

# ---- where -o leads: links, /proc/self/fd/N, modes ---------------------

mkdir "$TMP/to"
"$MEMFOLD" summary "$LOG" >"$TMP/to/want.txt"
# /dev/stdout is such a link; a link of our own stands for it, so that a
# memfold that renames over the link replaces nothing of the machine's
ln -s /proc/self/fd/1 "$TMP/to/stdout"
status_is 0 -o '^FUNCTION ' "-o LINK-TO-/proc/self/fd/1: exit 0, the summary on stdout" \
    "$MEMFOLD" summary "$LOG" -o "$TMP/to/stdout"
"$MEMFOLD" summary "$LOG" -o "$TMP/to/stdout" >"$TMP/to/got.txt" 2>&1
same "... the summary goes where stdout goes" "$TMP/to/want.txt" "$TMP/to/got.txt"
ok "... the link is still the link, and nothing was written beside it" \
    sh -c "[ \"\$(readlink '$TMP/to/stdout')\" = /proc/self/fd/1 ] && ! ls -a '$TMP/to' | grep -q memfold-"
echo "first line" >"$TMP/to/append.txt"
"$MEMFOLD" summary "$LOG" -o /dev/fd/1 >>"$TMP/to/append.txt" 2>"$TMP/to/err"
{ echo "first line"; cat "$TMP/to/want.txt"; } >"$TMP/to/want-append.txt"
same "-o /dev/fd/1 >>FILE appends, as the shell opened it" "$TMP/to/want-append.txt" "$TMP/to/append.txt"

status_is 1 -O -e "error: no def row" "--strict -o /dev/fd/1: held back like stdout, nothing written on an error" \
    "$MEMFOLD" lines --strict -o /dev/fd/1 tests/check/no_def.log
status_is 0 -o "^ *BLOCK +LINE" "--strict -o /dev/fd/1 without an error: all of it written" \
    "$MEMFOLD" lines --strict -o /dev/fd/1 "$LOG"

echo secret >"$TMP/to/private.txt"
chmod 600 "$TMP/to/private.txt"
status_is 0 "-o a 0600 file: exit 0" "$MEMFOLD" summary "$LOG" -o "$TMP/to/private.txt"
ok "... it stays 0600, and holds the summary" \
    sh -c "[ \$(stat -c %a '$TMP/to/private.txt') = 600 ] && cmp -s '$TMP/to/private.txt' '$TMP/to/want.txt'"
status_is 0 "-o a new file under umask 027" sh -c "umask 027; '$MEMFOLD' summary '$LOG' -o '$TMP/to/new.txt'"
ok "... it is 0640" sh -c "[ \$(stat -c %a '$TMP/to/new.txt') = 640 ]"

mkdir "$TMP/to/sub"
echo old >"$TMP/to/real.txt"
ln -s ../real.txt "$TMP/to/sub/link.txt"
ln -s fresh.txt "$TMP/to/dangling.txt"
status_is 0 "-o a relative symbolic link in another directory: exit 0" \
    "$MEMFOLD" summary "$LOG" -o "$TMP/to/sub/link.txt"
same "... the file it names gets the summary" "$TMP/to/want.txt" "$TMP/to/real.txt"
ok "... the link stays a link, no temporary file in either directory" \
    sh -c "[ -L '$TMP/to/sub/link.txt' ] && ! ls -a '$TMP/to' '$TMP/to/sub' | grep -q memfold-"
"$MEMFOLD" summary "$LOG" -o "$TMP/to/dangling.txt"
same "-o a link to a file not there yet creates that file" "$TMP/to/want.txt" "$TMP/to/fresh.txt"
ok "... and keeps the link" test -L "$TMP/to/dangling.txt"

# ---- a failed write always says why -------------------------------------

reports 3000 >"$TMP/big.log"
"$MEMFOLD" summary -f json "$TMP/big.log" >"$TMP/big.json"
for i in 1 2 3 4 5 6 7 8; do cat tests/check/broken_blocks.log; done >"$TMP/errors.log"
full="error writing '/dev/full': No space left on device"
if [ -c /dev/full ]; then
    # outputs far past one buffer (the messages of small ones are in output-file.sh)
    status_is 2 -e "$full" "lines -f csv BIG -o /dev/full says why" \
        "$MEMFOLD" lines -f csv "$TMP/big.log" -o /dev/full
    status_is 2 -e "$full" "lines -f json BIG -o /dev/full says why" \
        "$MEMFOLD" lines -f json "$TMP/big.log" -o /dev/full
    status_is 2 -e "$full" "summary -f json BIG -o /dev/full says why" \
        "$MEMFOLD" summary -f json "$TMP/big.log" -o /dev/full
    status_is 2 -e "$full" "fmt BIG -o /dev/full says why" "$MEMFOLD" fmt "$TMP/big.log" -o /dev/full
    status_is 2 -e "$full" "plot BIG -o /dev/full says why" "$MEMFOLD" plot "$TMP/big.log" -o /dev/full
    status_is 2 -e "$full" "diff BIG BIG -o /dev/full says why" \
        "$MEMFOLD" diff "$TMP/big.log" "$TMP/big.log" -o /dev/full
    status_is 2 -e "$full" "merge BIG.json -o /dev/full says why" \
        "$MEMFOLD" merge "$TMP/big.json" "$TMP/big.json" -o /dev/full
    status_is 2 -e "$full" "check --max-errors 0 MANY-ERRORS -o /dev/full says why" \
        "$MEMFOLD" check --max-errors 0 "$TMP/errors.log" -o /dev/full
    status_is 2 -e "error writing 'stdout': No space left on device" "lines BIG >/dev/full says why" \
        sh -c "'$MEMFOLD' lines '$TMP/big.log' >/dev/full"
else
    skip "no /dev/full on this machine" 9
fi

# ---- no temporary file survives ------------------------------------------

mkdir "$TMP/oom"
reports 20000 >"$TMP/many.log"
# memfold must run under the limit at all (not a sanitizer build) ...
if (ulimit -v 10000; "$MEMFOLD" summary "$LOG" -o "$TMP/oom/small.txt") 2>/dev/null; then
    rm -f "$TMP/oom/small.txt"
    status_is 2 -e "out of memory" "out of memory (ulimit -v) with -o: exit 2, says so" \
        sh -c "ulimit -v 10000; exec '$MEMFOLD' summary '$TMP/many.log' -o '$TMP/oom/out.txt'"
    ok "... and leaves neither the output nor a temporary file" \
        sh -c "grep -q 'out of memory' '$TMP/stderr' && [ -z \"\$(ls -a '$TMP/oom' | grep -v '^\.\.\?$')\" ]"
else
    skip "memfold does not run under ulimit -v 10000 (a sanitizer build?)" 2
fi

mkdir "$TMP/fsz"
status_is 153 "SIGXFSZ (ulimit -f) while writing -o FILE ends memfold by that signal" \
    sh -c "ulimit -f 8; exec '$MEMFOLD' lines -f csv '$TMP/big.log' -o '$TMP/fsz/out.csv'"
ok "... and leaves neither the output nor a temporary file" \
    sh -c "[ -z \"\$(ls -a '$TMP/fsz' | grep -v '^\.\.\?$')\" ]"

if env --default-signal=QUIT true 2>/dev/null; then
    mkfifo "$TMP/never"
    # keep a writer that never writes: memfold waits for input forever
    exec 7<>"$TMP/never"
    for sig in QUIT USR1 ALRM; do
        mkdir "$TMP/sig$sig"
        # a background job of a script ignores SIGQUIT: give it the default
        ( ulimit -c 0; exec env --default-signal=QUIT,INT "$MEMFOLD" summary "$TMP/never" \
            -o "$TMP/sig$sig/out.txt" ) 2>/dev/null &
        pid=$!
        for i in $(seq 100); do
            ls "$TMP/sig$sig" | grep -q memfold- && break
            sleep 0.1
        done
        seen=$(ls "$TMP/sig$sig" | grep -c memfold-)
        kill -"$sig" "$pid"
        wait "$pid" 2>/dev/null
        st=$?
        left=$(ls -a "$TMP/sig$sig" | grep -v '^\.\.\?$')
        if [ "$seen" = 1 ] && [ "$st" -eq $((128 + $(kill -l "$sig"))) ] && [ -z "$left" ]; then
            pass "SIG$sig while reading a FIFO with -o: memfold dies of it, its temporary file gone"
        else
            echo "  temporary file seen: $seen, status $st, left: $left"
            fail "SIG$sig while reading a FIFO with -o: memfold dies of it, its temporary file gone"
        fi
    done
    exec 7>&-
else
    skip "env has no --default-signal here" 3
fi

# ---- a terminal on stdin --------------------------------------------------

# tty_run ARGS...: memfold ARGS with a pseudo-terminal as stdin, fed a
# report then Ctrl-D; stdout and stderr kept in $TMP/tty.out, $TMP/tty.err
tty_run() {
    python3 - "$MEMFOLD" "$LOG" "$TMP/tty" "$@" <<'EOF'
import os, subprocess, sys, termios
memfold, log, base, args = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
master, slave = os.openpty()
attrs = termios.tcgetattr(slave)
attrs[3] &= ~termios.ECHO
termios.tcsetattr(slave, termios.TCSANOW, attrs)
with open(base + ".out", "wb") as out, open(base + ".err", "wb") as err:
    p = subprocess.Popen([memfold] + args, stdin=slave, stdout=out, stderr=err)
    os.close(slave)
    with open(log, "rb") as f:
        for line in f:
            os.write(master, line)
    os.write(master, b"\x04")
    try:
        sys.exit(p.wait(timeout=30))
    except subprocess.TimeoutExpired:   # still waiting after Ctrl-D
        p.kill()
        sys.exit(124)
EOF
}
if command -v python3 >/dev/null && python3 -c 'import pty, termios' 2>/dev/null; then
    tty_run summary
    st=$?
    if [ "$st" -eq 0 ] && grep -q 'reading a report from the terminal.*Ctrl-D' "$TMP/tty.err" &&
       cmp -s "$TMP/tty.out" "$TMP/to/want.txt"; then
        pass "summary with a terminal on stdin says what it waits for, then reads it"
    else
        echo "  exit $st; stderr: $(head -c 300 "$TMP/tty.err")"
        fail "summary with a terminal on stdin says what it waits for, then reads it"
    fi
    tty_run summary "$LOG"
    st=$?
    if [ "$st" -eq 0 ] && [ ! -s "$TMP/tty.err" ] && cmp -s "$TMP/tty.out" "$TMP/to/want.txt"; then
        pass "... but not when a FILE is given"
    else
        echo "  exit $st; stderr: $(head -c 300 "$TMP/tty.err")"
        fail "... but not when a FILE is given"
    fi
else
    skip "no python3 with pty/termios to make a terminal" 2
fi
