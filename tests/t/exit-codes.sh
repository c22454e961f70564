#!/usr/bin/env bash
# Exit status: 0 all good, 1 the input had errors, 2 usage or I/O error --
# each with the output or the message that goes with it.
. "$(dirname "$0")/lib.sh"
plan 16

check_clean "a real report is good" "$CORPUS/basic_calls.log"
status_is 0 -e '^0 errors, 1 warning$' "warnings alone exit 0" "$MEMFOLD" check tests/check/no_def.log
status_is 1 -e '^1 error, 0 warnings$' "an error in the input exits 1" "$MEMFOLD" check tests/check/unit.log
status_is 1 -o '^make_list ' -e '^3 errors, 0 warnings$' "summary exits 1 on a broken block, and sums the others" \
    "$MEMFOLD" summary tests/check/broken_blocks.log
status_is 1 -e '^1 error, 0 warnings$' "--strict makes a warning exit 1" "$MEMFOLD" check --strict tests/check/no_def.log
status_is 2 -O -e "cannot read '$TMP/nothing.log': No such file" "a missing file exits 2" \
    "$MEMFOLD" summary "$TMP/nothing.log"
status_is 2 -O -e "Is a directory" "a directory exits 2" "$MEMFOLD" summary "$TMP"
status_is 2 -O -e "unknown command 'frobnicate'" "an unknown command exits 2" "$MEMFOLD" frobnicate
status_is 2 -O -e "unrecognized option '--frobnicate'" "an unknown option exits 2" "$MEMFOLD" summary --frobnicate
status_is 2 -O -e "unknown output format 'xml'" "an unknown format exits 2" \
    "$MEMFOLD" summary -f xml "$CORPUS/basic_calls.log"
status_is 2 -O -e "no check called 'frobnicate'" "an unknown check name exits 2" \
    "$MEMFOLD" check -Wno-frobnicate "$CORPUS/basic_calls.log"
status_is 2 -e '^usage: memfold COMMAND' "no command exits 2, with the usage" "$MEMFOLD"
status_is 0 -o "[-]-format" "--help exits 0 and lists the options" "$MEMFOLD" summary --help
status_is 0 -o '^memfold [0-9]+\.[0-9]+\.[0-9]+$' "--version exits 0 and prints a version" "$MEMFOLD" --version

# A missing input is found before anything is written.
status_is 2 -O -e "missing.log" "a missing second input exits 2 and names the file" \
    "$MEMFOLD" summary -o "$TMP/out.txt" "$CORPUS/basic_calls.log" "$TMP/missing.log"
ok "... and writes nothing" sh -c "grep -q 'missing.log' '$TMP/stderr' && [ ! -e '$TMP/out.txt' ]"
