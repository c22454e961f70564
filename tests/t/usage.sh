#!/usr/bin/env bash
# Usage and help (issue 16): each command takes only its own options and
# says which commands take one it does not; invalid values list the valid
# ones; did-you-mean; memfold help [COMMAND], -v/-V; every usage error is
# "memfold: ..." lines ending "Try 'memfold COMMAND --help'."; merge
# reads standard input and says what is wrong with a shard; -o FILE's
# ending picks the format; plot -o x.png.  (The messages themselves are
# goldens too: golden/usage/, listed in tests/golden.list.)
. "$(dirname "$0")/lib.sh"
plan 64
LOG=$CORPUS/basic_calls.log
DAT=$CORPUS/mprof_func.dat
BROKEN=tests/check/broken_blocks.log
V=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
[ -n "$V" ] || bail_out "no version in include/memfold.h"

# ---- 1. the option table: which commands take an option -----------------------
status_is 2 -O -e "^memfold: unknown sort key 'calls' for diff \\(first, delta, percent, name, peak, mean, net, rise\\)$" \
    "diff --sort calls: a summary key; diff's own keys are listed" "$MEMFOLD" diff --sort calls "$LOG" "$LOG"
status_is 2 -O -e "^memfold: lines takes no --sort; --sort goes with 'summary', 'diff' and 'merge'$" \
    "lines --sort says which commands take --sort" "$MEMFOLD" lines --sort peak "$LOG"
status_is 2 -O -e "^memfold: check takes no -f; -f goes with 'summary', 'lines', 'diff' and 'merge'$" \
    "check -f csv: check takes no -f" "$MEMFOLD" check -f csv "$LOG"
status_is 2 -O -e "^memfold: summary takes no --all-rows; --all-rows goes with 'lines'$" \
    "summary --all-rows: goes with 'lines'" "$MEMFOLD" summary --all-rows "$LOG"
status_is 2 -O -e "^memfold: plot takes no -f; " "plot takes no -f (it was ignored)" "$MEMFOLD" plot -f json "$LOG"
"$MEMFOLD" summary -f json "$LOG" >"$TMP/s.json" || bail_out "summary -f json failed"
grep -q '"memfold": 1' "$TMP/s.json" || bail_out "no summary JSON"
for opt in --prefix=x --lenient --pure -Wno-no-def -Werror --allow-empty --strip-prefix=/x --function=f; do
    name=${opt%%=*}; case $name in -W*) name=-W ;; esac
    status_is 2 -O -e "^memfold: merge takes no $name; $name goes with " "merge refuses $opt" \
        "$MEMFOLD" merge "$opt" "$TMP/s.json"
done
status_is 2 -O -e "^memfold: unknown output format 'xml' for summary \(text, csv, json, ndjson, sql, openmetrics, benchmark-json\)$" \
    "-f xml lists summary's formats" "$MEMFOLD" summary -f xml "$LOG"
status_is 2 -O -e "^memfold: unknown output format 'sarif' for diff \(text, csv, json, markdown, junit\)$" \
    "... and diff's" "$MEMFOLD" diff -f sarif "$LOG" "$LOG"
status_is 2 -O -e "^memfold: unknown sort key 'net' for summary \(first, peak, mean, calls, name\)$" \
    "--sort net lists the sort keys" "$MEMFOLD" summary --sort net "$LOG"
status_is 2 -O -e "^memfold: --sort needs a value \(first, peak, mean, calls, name\)$" \
    "--sort with no value lists them too" "$MEMFOLD" summary --sort

# Each command's --help lists exactly its options (written here by hand).
# help_opts CMD: the options on the option lines of CMD's help, sorted, each followed by a space
help_opts() {
    "$MEMFOLD" "$1" --help | grep -E '^ +-' | grep -oE -- '(^|[ ,])--?[a-zA-Z][-a-zA-Z]*' |
        tr -d ' ,' | sort -u | tr '\n' ' '
}
want="--color --diagnostics-format --format --help --max-errors --output --quiet --sort --strict --version -f -h -o -q "
ok "merge --help lists only merge's options" test "$(help_opts merge)" = "$want"
ok "check --help lists no -f, and --list-checks" \
    sh -c "! '$MEMFOLD' check --help | grep -qE -- '-f, --format' && '$MEMFOLD' check --help | grep -q -- '--list-checks'"
ok "summary --help lists no diff or plot option" \
    sh -c "! '$MEMFOLD' summary --help | grep -qE -- '--(metric|old|width|function|all-rows|in-place)'"
# ... and every option a command's help lists, the command takes (none is
# "takes no"), and every other command's option it refuses
bad=
for c in summary lines check fmt diff merge plot; do
    for opt in $(help_opts "$c"); do
        case $opt in -h|--help|--version|--list-checks|-W|-Werror) continue ;; esac
        "$MEMFOLD" "$c" "$opt" </dev/null 2>&1 >/dev/null | grep -q "takes no $opt;" && bad="$bad $c:$opt"
    done
    for opt in --sort --all-rows --runs -i --metric --old --width --function --list-checks --prefix; do
        case " $(help_opts "$c")" in *" $opt "*) continue ;; esac
        "$MEMFOLD" "$c" "$opt" x </dev/null 2>&1 >/dev/null | grep -q "^memfold: $c takes no $opt;" || bad="$bad $c:!$opt"
    done
done
ok "each command takes what its help lists and refuses the rest (wrong:$bad)" test -z "$bad"

# ---- 2. did you mean; help; version -------------------------------------------
status_is 2 -O -e "^memfold: unknown command 'summry'; did you mean 'summary'\?$" \
    "memfold summry: did you mean 'summary'?" "$MEMFOLD" summry
status_is 2 -O -e "^memfold: unknown command 'dif'; did you mean 'diff'\?$" "memfold dif: 'diff'" "$MEMFOLD" dif
status_is 2 -O -e "^memfold: unrecognized option '--formt'; did you mean '--format'\?$" \
    "summary --formt: did you mean '--format'?" "$MEMFOLD" summary --formt csv "$LOG"
status_is 2 -O -e "^memfold: no check called 'no-dfe' that can be changed \(see 'memfold check --list-checks'\); did you mean 'no-def'\?$" \
    "-Wno-no-dfe: did you mean 'no-def'?" "$MEMFOLD" check -Wno-no-dfe "$LOG"
status_is 2 -O -e "^memfold: unknown command 'frobnicate'$" "a word far from every command gets no guess" \
    "$MEMFOLD" frobnicate
"$MEMFOLD" --help >"$TMP/top.help"
status_is 0 -o '^usage: memfold COMMAND' "memfold help exits 0 with the usage" "$MEMFOLD" help
same "... the same as memfold --help" "$TMP/top.help" "$TMP/stdout"
"$MEMFOLD" diff --help >"$TMP/diff.help"
status_is 0 -o '^usage: memfold diff ' "memfold help diff exits 0" "$MEMFOLD" help diff
same "... the same as memfold diff --help" "$TMP/diff.help" "$TMP/stdout"
status_is 2 -O -e "^memfold: unknown command 'summry'; did you mean 'summary'\?$" \
    "memfold help summry: the same guess" "$MEMFOLD" help summry
for v in -v -V --version; do
    status_is 0 -o "^memfold $V\$" "memfold $v prints the version" "$MEMFOLD" $v
done
status_is 0 -o "^memfold $V\$" "memfold merge --version too" "$MEMFOLD" merge --version

# ---- 3. one prefix, one line per problem, the help to try ---------------------
# memfold summary --formt csv: two lines, "memfold: ..." then the Try line
"$MEMFOLD" summary --formt csv "$LOG" 2>"$TMP/err" >/dev/null
ok "summary --formt: exactly the message and Try 'memfold summary --help'." \
    test "$(wc -l <"$TMP/err")-$(sed -n 2p "$TMP/err")" = "2-Try 'memfold summary --help'."
bad=
while read -r want args; do
    # shellcheck disable=SC2086
    "$MEMFOLD" $args </dev/null >/dev/null 2>"$TMP/err"
    st=$?
    last=$(tail -n 1 "$TMP/err")
    [ "$want" = - ] && want= || want="$want "
    [ "$st" = 2 ] && [ "$(wc -l <"$TMP/err")" = 2 ] && [ "$last" = "Try 'memfold $want--help'." ] &&
        head -n 1 "$TMP/err" | grep -q '^memfold: ' || bad="$bad [$args: $st $(head -c 200 "$TMP/err" | tr '\n' '|')]"
done <<EOF
summary  summary --formt csv
summary  summary -f
summary  summary --s
summary  summary --help=yes
summary  summary -x
lines  lines --all-rows -xq
diff  diff --max-increase 10 a b
diff  diff --max-peak 5 a b
diff  diff --metric size a b
plot  plot --width 9
check  check --max-errors x
check  check --color=sometimes
check  check --diagnostics-format=xml
fmt  fmt -i -o x y
fmt  fmt -i
summary  summary --runs -f csv x
check  check -Wno-no-dfe x
plot  plot --prefix ( x
-  summry
-  --frobnicate
-  help summry
-  help a b
EOF
ok "each usage error: 'memfold: ' one line, then Try naming the command (wrong:$bad)" test -z "$bad"
status_is 1 -e "^memfold: stopping output after 1 error \(--max-errors\); the rest are counted$" \
    "--max-errors 1: 'after 1 error'" "$MEMFOLD" check --max-errors 1 "$BROKEN"
status_is 1 -e "^memfold: stopping output after 2 errors \(--max-errors\)" "--max-errors 2: 'after 2 errors'" \
    "$MEMFOLD" check --max-errors 2 "$BROKEN"

# ---- 4. merge: standard input; a shard's errors; a report given to it ---------
"$MEMFOLD" merge "$TMP/s.json" >"$TMP/m.file"
status_is 0 -o '"function": "make_list"' "merge with no FILE reads standard input" sh -c "'$MEMFOLD' merge <'$TMP/s.json'"
same "... and writes what merge FILE writes" "$TMP/m.file" "$TMP/stdout"
status_is 0 -o '"memfold": 1' "merge - too" sh -c "'$MEMFOLD' merge - <'$TMP/s.json'"
status_is 2 -O -e "^memfold: standard input is empty: no summary JSON to merge$" \
    "merge of an empty standard input says so" sh -c ": | '$MEMFOLD' merge"
"$MEMFOLD" summary -f json "$BROKEN" >"$TMP/broken.json" 2>/dev/null
grep -q '"errors": 3' "$TMP/broken.json" || bail_out "the summary of $BROKEN records no 3 errors"
status_is 1 -o '"errors": 3' \
    -e "^memfold: .*broken\.json: the summary records 3 errors in reading its input 'tests/check/broken_blocks\.log'" \
    "a shard with errors: exit 1, and stderr says which file and input, and how many" \
    "$MEMFOLD" merge "$TMP/s.json" "$TMP/broken.json"
status_is 1 -E "... and -q says nothing" "$MEMFOLD" merge -q "$TMP/broken.json"
status_is 2 -O -e "^memfold: '$LOG' is not a summary JSON \(it looks like a memory_profiler report\): run 'memfold summary -f json $LOG' first, or give the report to 'memfold summary'$" \
    "a report given to merge: what to run instead" "$MEMFOLD" merge "$LOG"
{ echo "cleaning up before the run"; cat "$LOG"; } >"$TMP/run.log"
status_is 2 -O -e "run\.log' is not a summary JSON \(it looks like a memory_profiler report\)" \
    "... a log with text before the report too" "$MEMFOLD" merge "$TMP/run.log"
status_is 2 -O -e "^memfold: standard input is not a summary JSON \(it looks like an mprof \.dat file\)" \
    "... a .dat file on standard input" sh -c "'$MEMFOLD' merge <'$DAT'"

# ---- 5. -o FILE: the ending picks the format ----------------------------------
mkdir "$TMP/o" || bail_out "mkdir"
"$MEMFOLD" summary "$LOG" -o "$TMP/o/s.json" 2>"$TMP/err"
ok "summary -o x.json writes JSON" sh -c "jq -e '.memfold == 1 and (.functions | length) > 0' '$TMP/o/s.json' >/dev/null"
"$MEMFOLD" summary "$LOG" -o "$TMP/o/s.CSV"
ok "summary -o x.CSV writes CSV" test "$(head -c 14 "$TMP/o/s.CSV")" = "file,function,"
"$MEMFOLD" lines "$LOG" -o "$TMP/o/l.jsonl"
ok "lines -o x.jsonl writes NDJSON (each line an object)" \
    sh -c "[ \$(wc -l <'$TMP/o/l.jsonl') -gt 3 ] && jq -e -s 'all(.[]; .function)' '$TMP/o/l.jsonl' >/dev/null"
"$MEMFOLD" diff "$LOG" "$LOG" -o "$TMP/o/d.md"
ok "diff -o x.md writes Markdown (a table)" grep -qE '^\|.*\|$' "$TMP/o/d.md"
"$MEMFOLD" diff "$LOG" "$LOG" -o "$TMP/o/d.xml"
ok "diff -o x.xml writes JUnit XML" sh -c "xmllint --xpath 'name(/*)' '$TMP/o/d.xml' | grep -qx testsuites"
"$MEMFOLD" check "$BROKEN" -o "$TMP/o/c.sarif"
ok "check -o x.sarif writes SARIF" sh -c "jq -e '.version == \"2.1.0\" and (.runs[0].results | length) == 3' '$TMP/o/c.sarif' >/dev/null"
"$MEMFOLD" merge "$TMP/s.json" -o "$TMP/o/m.csv"
ok "merge -o x.csv writes CSV (not its default JSON)" test "$(head -c 14 "$TMP/o/m.csv")" = "file,function,"
status_is 0 -e "^memfold: writing csv to '$TMP/o/w\.json' \(-f csv\)$" "-f csv -o x.json: a warning" \
    "$MEMFOLD" summary -f csv "$LOG" -o "$TMP/o/w.json"
ok "... and -f wins" test "$(head -c 14 "$TMP/o/w.json")" = "file,function,"
status_is 0 -E "-f openmetrics -o metrics.txt (GitLab's name) has no warning" \
    "$MEMFOLD" summary -f openmetrics "$LOG" -o "$TMP/o/metrics.txt"
"$MEMFOLD" summary "$LOG" >"$TMP/o/plain.txt"
"$MEMFOLD" summary "$LOG" -o "$TMP/o/s.out"
same "an ending memfold does not know: the text table, as before" "$TMP/o/plain.txt" "$TMP/o/s.out"
# plot -o x.png: converted when rsvg-convert is there, refused when not
mkdir "$TMP/nopath" "$TMP/png"
status_is 2 -O -e "^memfold: plot draws SVG, and '$TMP/png/p\.png' asks for PNG: rsvg-convert .* is not on PATH; .*-o $TMP/png/p\.svg" \
    "plot -o x.png with no rsvg-convert on PATH: a usage error saying how to convert" \
    env PATH="$TMP/nopath" "$MEMFOLD" plot "$DAT" -o "$TMP/png/p.png"
ok "... and writes nothing" test -z "$(ls -A "$TMP/png")"
if command -v rsvg-convert >/dev/null; then
    status_is 0 -O -E "plot -o x.png with rsvg-convert: exit 0, nothing said" "$MEMFOLD" plot "$DAT" -o "$TMP/png/p.png"
    ok "... a PNG 800 pixels wide, and no temporary file left" sh -c \
        "[ \"\$(od -An -tx1 -N8 '$TMP/png/p.png' | tr -d ' ')\" = 89504e470d0a1a0a ] &&
         [ \"\$(od -An -tu1 -j16 -N4 '$TMP/png/p.png' | tr -s ' ')\" = ' 0 0 3 32' ] &&
         [ \"\$(ls -A '$TMP/png')\" = p.png ]"
else
    skip "rsvg-convert is not installed (librsvg2-bin)" 2
fi

# ---- 6. diff --help names .dat inputs -----------------------------------------
ok "diff --help says OLD and NEW may be .dat files" sh -c \
    "'$MEMFOLD' diff --help | tr '\n' ' ' | grep -q 'OLD, NEW and each FILE is one run: a report, an mprof \.dat file'"
