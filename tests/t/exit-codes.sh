#!/usr/bin/env bash
# Exit status: 0 all good, 1 the input had errors, 2 usage or I/O error.
. "$(dirname "$0")/lib.sh"

status_is 0 "a real report is good" "$MEMFOLD" check "$CORPUS/basic_calls.log"
status_is 0 "warnings alone exit 0" "$MEMFOLD" check tests/check/no_def.log
status_is 1 "an error in the input exits 1" "$MEMFOLD" check tests/check/unit.log
status_is 1 "summary exits 1 on a broken block" "$MEMFOLD" summary tests/check/broken_blocks.log
status_is 1 "--strict makes a warning exit 1" "$MEMFOLD" check --strict tests/check/no_def.log
status_is 2 "a missing file exits 2" "$MEMFOLD" summary "$TMP/nothing.log"
status_is 2 "a directory exits 2" "$MEMFOLD" summary "$TMP"
status_is 2 "an unknown command exits 2" "$MEMFOLD" frobnicate
status_is 2 "an unknown option exits 2" "$MEMFOLD" summary --frobnicate
status_is 2 "an unknown format exits 2" "$MEMFOLD" summary -f xml "$CORPUS/basic_calls.log"
status_is 2 "an unknown check name exits 2" "$MEMFOLD" check -Wno-frobnicate "$CORPUS/basic_calls.log"
status_is 2 "no command exits 2" "$MEMFOLD"
status_is 0 "--help exits 0" "$MEMFOLD" summary --help
grep -q -- "--format" "$TMP/stdout" && pass "--help lists the options" || fail "--help lists the options"
status_is 0 "--version exits 0" "$MEMFOLD" --version
grep -qE '^memfold [0-9]+\.[0-9]+\.[0-9]+$' "$TMP/stdout" && pass "--version prints a version" \
    || fail "--version prints a version"

# A missing input is found before anything is written.
"$MEMFOLD" summary -o "$TMP/out.txt" "$CORPUS/basic_calls.log" "$TMP/missing.log" 2>"$TMP/err"
[ $? -eq 2 ] && [ ! -e "$TMP/out.txt" ] && grep -q "missing.log" "$TMP/err" \
    && pass "a missing second input writes nothing and names the file" \
    || fail "a missing second input writes nothing and names the file"
