#!/usr/bin/env bash
# Reports as people paste them (core/quote.c): real captures from
# tests/corpus turned, here, into "# " comments with bare "#" blank lines,
# "> " quotes, markdown's 4-space indentation, a tab, a docstring (8 spaces
# inside a method), a reST code-block (3 spaces), rows left out as "...",
# and program output before "Filename:" (print(..., end=""), a "\r"
# progress bar, a timestamp that is no logging prefix).  For each table,
# the function, the measured rows and the peak that `memfold lines -f csv`
# reads from the paste must be the raw capture's, as awk reads it there
# (tables.awk below: nothing of memfold's own).
. "$(dirname "$0")/lib.sh"
plan 17

command -v python3 >/dev/null || skip_all "python3 (to read the CSV) is not installed"

# ---- the raw capture's tables, without memfold ---------------------------------
# one line per table: the name in its first `def` row, its rows with a Mem
# usage, the largest Mem usage as printed
cat >"$TMP/tables.awk" <<'EOF'
function flush() { if (t) print (fn == "" ? "-" : fn), rows, (peak == "" ? "-" : peak) }
/^Line #/ { flush(); t = 1; fn = ""; rows = 0; peak = ""; next }
t && /^ *[0-9]+ +-?[0-9.]+ MiB/ { rows++; if (peak == "" || $2 + 0 > peak + 0) peak = $2 }
t && fn == "" && /^ *[0-9]+ .*def [A-Za-z_][A-Za-z_0-9]*\(/ {
    s = $0; sub(/.*def /, "", s); sub(/\(.*/, "", s); fn = s
}
END { flush() }
EOF
# the same three from memfold's CSV (a row per measured line), per block
cat >"$TMP/csvtables.py" <<'EOF'
import csv, sys
t, order = {}, []
for r in csv.DictReader(sys.stdin):
    k = r['block']
    if k not in t:
        t[k] = [r['function'], 0, None]
        order.append(k)
    e = t[k]
    e[1] += 1
    if r['mem_mib'] and (e[2] is None or float(r['mem_mib']) > float(e[2])):
        e[2] = r['mem_mib']
for k in order:
    print(t[k][0] or '-', t[k][1], t[k][2] or '-')
EOF
raw_tables() { awk -f "$TMP/tables.awk" "$1"; }
# read_tables FILE [OPTION...]
read_tables() {
    local f=$1; shift
    "$MEMFOLD" lines "$@" -f csv "$f" 2>"$TMP/err" | python3 "$TMP/csvtables.py" 2>/dev/null
}

# ---- the pastes ------------------------------------------------------------------
paste_as() {
    case $1 in
        hash) sed 's/^/# /; s/^# \(\r\{0,1\}\)$/#\1/' "$2" ;;
        hash-tight) sed 's/^/#/' "$2" ;;
        quote) sed 's/^/> /; s/^> $/>/' "$2" ;;
        quote2) sed 's/^/>> /; s/^>> $/>>/' "$2" ;;
        indent4) printf 'Run it:\n\n'; sed 's/^/    /; s/^ *$//' "$2"; printf 'That is all.\n' ;;
        tab) printf 'Output:\n'; sed 's/^/\t/' "$2" ;;
        docstring)
            printf 'class TestMemory:\n    def test_build(self):\n        """Profile of build():\n\n'
            sed 's/^/        /; s/^ *$//' "$2"
            printf '        """\n        build()\n' ;;
        rest)
            printf 'Profile\n=======\n\n.. code-block:: text\n\n'
            sed 's/^/   /; s/^ *$//' "$2"
            printf 'More text.\n' ;;
        before) awk '/^Filename: /{ printf "loading data... done. " } { print }' "$2" ;;
        progress)
            awk '/^Filename: /{ printf " 50%%|#####     | 5/10 [00:01<00:01]\r100%%|##########| 10/10 [00:02<00:00]\r" } { print }' "$2" ;;
        timestamp) awk '/^Filename: /{ printf "2026-11-24 03:39:50,646 - app - INFO - step done; " } { print }' "$2" ;;
    esac
}

SOURCES="basic_calls multi_file old_format nested_def recursion decorators async_methods
         wide_values precision negative unmeasured_rows"
raw_ok=1
for f in $SOURCES crlf; do
    [ -s "$CORPUS/$f.log" ] && [ -n "$(raw_tables "$CORPUS/$f.log")" ] || raw_ok=0
done
[ "$raw_ok" = 1 ] || bail_out "a corpus capture is missing or has no table"

# paste_check STYLE SOURCES...: every source pasted STYLE gives the raw tables
paste_check() {
    local style=$1 f bad= n=0; shift
    for f in "$@"; do
        paste_as "$style" "$CORPUS/$f.log" >"$TMP/$style-$f.txt"
        raw_tables "$CORPUS/$f.log" >"$TMP/want"
        read_tables "$TMP/$style-$f.txt" >"$TMP/got"
        n=$((n + $(wc -l <"$TMP/want")))
        if ! cmp -s "$TMP/want" "$TMP/got"; then
            bad="$bad $f"
            diff "$TMP/want" "$TMP/got" | head -6 | sed 's/^/    /'
        fi
    done
    if [ -z "$bad" ]; then pass "$style: each of $n tables read as in the raw capture"
    else echo "  differ:$bad"; fail "$style: each table read as in the raw capture"; fi
}

# shellcheck disable=SC2086
{
    paste_check hash $SOURCES crlf
    paste_check hash-tight $SOURCES
    paste_check quote $SOURCES
    paste_check quote2 basic_calls multi_file
    paste_check indent4 $SOURCES
    paste_check tab $SOURCES
    paste_check docstring $SOURCES
    paste_check rest $SOURCES
    paste_check before $SOURCES
    paste_check progress $SOURCES
    paste_check timestamp $SOURCES
}

# the pastes hold what they should (so that the checks above test something)
[ "$(grep -c '^#$' "$TMP/hash-basic_calls.txt")" -ge 6 ] && [ "$(grep -vc '^#' "$TMP/hash-basic_calls.txt")" = 0 ] ||
    bail_out "the '# ' paste has not bare '#' blank lines only, or an unquoted line"
[ "$(grep -c $'\r''Filename: ' "$TMP/progress-basic_calls.txt")" = 3 ] ||
    bail_out "the progress paste has not a '\\r' before each Filename:"

# ---- rows left out: "..." in a '# ' paste ------------------------------------------
# the second measured row of each table replaced by "...": the raw tables
# without it.  The stage drops the "..." line and flags the row after it
# (SRC_AFTER_GAP); the validator then lets the line numbers jump there
# (and says elided-rows instead).
gap_ok=1
for f in nested_def recursion precision; do
    awk '/^Line #/ { n = 0 } /^ *[0-9]+ +-?[0-9.]+ MiB/ { if (++n == 2) { print "..."; next } } { print }' \
        "$CORPUS/$f.log" | sed 's/^/# /; s/^# $/#/' >"$TMP/gap-$f.txt"
    awk '/^Line #/ { n = 0 } /^ *[0-9]+ +-?[0-9.]+ MiB/ { if (++n == 2) next } { print }' \
        "$CORPUS/$f.log" >"$TMP/gap-raw.log"
    raw_tables "$TMP/gap-raw.log" >"$TMP/want"
    read_tables "$TMP/gap-$f.txt" >"$TMP/got"
    cmp -s "$TMP/want" "$TMP/got" || { gap_ok=0; diff "$TMP/want" "$TMP/got" | head -6; }
done
[ "$(grep -c '^# \.\.\.$' "$TMP/gap-recursion.txt")" = 6 ] || bail_out "the gap pastes lack their '# ...' lines"
ok "'# ...' gaps: each table read with the rows that are left" test "$gap_ok" = 1

# ---- diagnostics point into the paste -------------------------------------------
# Increment one column to the left in the first row: the error is on that
# line of the paste, at the value, two columns right of where it is raw
sed '0,/21.3 MiB     21.3 MiB/s//21.3 MiB    21.3 MiB/' "$TMP/hash-basic_calls.txt" >"$TMP/col.txt"
line=$(grep -n 'MiB    21.3 MiB' "$TMP/col.txt" | head -n1 | cut -d: -f1)
col=$(awk -v n="$line" 'NR == n { print index($0, "MiB    21.3") + 7 }' "$TMP/col.txt")
status_is 1 -e "^$TMP/col.txt:$line:$col: error: Increment " \
    "a diagnostic in a '# ' paste names its line and column in the paste" \
    "$MEMFOLD" check "$TMP/col.txt"

# ---- what needs the grammar's side of issue 14 ------------------------------------
# A table without its Filename: line, and one that a docstring's quotes end
# without a closing blank line, are read once the report grammar reads
# such raw tables; until then these checks are skipped.
sed '/^Filename: /d' "$CORPUS/basic_calls.log" >"$TMP/nofile.log"
if [ "$(read_tables "$TMP/nofile.log")" = "$(raw_tables "$CORPUS/basic_calls.log")" ]; then
    sed 's/^/# /; s/^# $/#/' "$TMP/nofile.log" >"$TMP/nofile.txt"
    ok "a '# ' paste without Filename: lines: each table read" \
        test "$(read_tables "$TMP/nofile.txt")" = "$(raw_tables "$CORPUS/basic_calls.log")"
else
    skip "a paste without Filename: lines (needs tables without Filename:, the grammar's part)"
fi
# the blank lines after each table taken out, text right after it
awk '/^Filename: / && NR > 1 { print "done" } NF || !t { print } /^Line #/ { t = 1 } /^Filename: / { t = 0 }' \
    "$CORPUS/basic_calls.log" >"$TMP/noblank.log"
if [ "$(read_tables "$TMP/noblank.log")" = "$(raw_tables "$CORPUS/basic_calls.log")" ]; then
    { printf '    def f(self):\n        """\n'; sed 's/^/        /; s/^ *$//' "$TMP/noblank.log"
      printf '        """\n'; } >"$TMP/noblank.txt"
    ok "a docstring paste whose tables end without a blank line: each table read" \
        test "$(read_tables "$TMP/noblank.txt")" = "$(raw_tables "$CORPUS/basic_calls.log")"
else
    skip "a paste whose tables end without a blank line (needs the grammar's part)"
fi

# ---- what must not change --------------------------------------------------------
# the seed's raw sample, with its header indented under a raw Filename:, is
# not quoting: the same rows with and without the stage's part in it
status_is 0 -o '^source,' "the seed sample is read as before (not taken for an indented paste)" \
    "$MEMFOLD" lines --lenient -f csv tests/seed/sample.log
ok "the seed sample: its 3 tables, 14 measured rows" \
    test "$(python3 "$TMP/csvtables.py" <"$TMP/stdout" | awk '{ n++; r += $2 } END { print n, r }')" = "3 14"
