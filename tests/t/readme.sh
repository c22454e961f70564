#!/usr/bin/env bash
# README.md says what the commands print: every example block marked
# `<!-- example -->` (its first line "$ COMMAND", then exactly COMMAND's
# output), the checks table marked `<!-- example table: memfold check
# --list-checks -->`, and the synopses of README.md and the man page
# (every option of each command's --help) -- see readme_examples.py for the
# markers.  After a change of output on purpose:
#     bash tests/t/readme.sh --update     (then read git diff README.md)
# Also: the man page renders through man(1) without a warning.
. "$(dirname "$0")/lib.sh"
PY=${PY:-/usr/bin/python3}
# `memfold` in the README's commands is the binary under test
mkdir -p "$TMP/bin" && ln -s "$MEMFOLD" "$TMP/bin/memfold"
export PATH="$TMP/bin:$PATH"
if [ "${1:-}" = --update ]; then
    plan 1
    ok "README.md's example blocks rewritten from the commands' output" "$PY" tests/t/readme_examples.py update
    exit
fi
n=$("$PY" tests/t/readme_examples.py count) || bail_out "cannot read README.md"
plan $((n + 1))

"$PY" tests/t/readme_examples.py check >"$TMP/checks" 2>&1
while IFS= read -r line; do
    case $line in
        "PASS "*) pass "${line#PASS }" ;;
        "FAIL "*) fail "${line#FAIL }" ;;
        *) printf '%s\n' "$line" ;;
    esac
done <"$TMP/checks"

# man(1) as a reader runs it (groff through man's preprocessors), with
# groff's warnings on: nothing on stderr.
if command -v man >/dev/null; then
    MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings=all -l man/memfold.1 >"$TMP/man.txt" 2>"$TMP/man.err"
    ok "man -l man/memfold.1 renders without a warning (--warnings=all)" \
        sh -c "[ -s '$TMP/man.txt' ] && [ ! -s '$TMP/man.err' ] || { head -5 '$TMP/man.err'; exit 1; }"
else
    skip "no man(1)"
fi
