#!/usr/bin/env bash
# diff-formats.sh -- `memfold diff` for CI: -f markdown, -f junit and
# --annotate github on real captures (tests/diff/ci: three runs of a
# program, three of it with make_list allocating three times as much, a
# program whose file name holds , : % | < > &, a run that crashed), each
# read back by the consumer it is for: cmark-gfm (GitHub's Markdown, the
# table cell by cell), xmllint and python3-junitparser (the JUnit counts),
# and GitHub's escaping rules for workflow commands.  The numbers
# expected are read from the captures with awk (peak: the highest Mem
# usage of a function's blocks in a run; rise: the highest Mem usage of a
# block less its first row's; a side's median, min and max over its
# runs), never from memfold.
. "$(dirname "$0")/lib.sh"
plan 15

D=tests/diff/ci
PY=/usr/bin/python3
command -v cmark-gfm >/dev/null || skip_all "cmark-gfm is not installed (make deps)"
command -v xmllint >/dev/null || skip_all "xmllint is not installed (make deps)"
"$PY" -c 'import junitparser' 2>/dev/null || skip_all "python3-junitparser is not installed (make deps)"
for f in base1 base2 base3 grown1 grown2 grown3 odd_old odd_new crashed; do
    [ -s "$D/$f.log" ] || bail_out "no $D/$f.log"
done
[ "$(count_measured "$D"/base1.log)" -gt 0 ] || bail_out "$D/base1.log holds no measured row"
grep -q '^Traceback' "$D/crashed.log" && ! grep -q '^Filename:' "$D/crashed.log" ||
    bail_out "$D/crashed.log is not a crashed run (a traceback, no report)"

# value LOG FUNC peak|rise: what the capture says of FUNC in one run.
value() {
    awk -v fn="$2" -v what="$3" '
        /^Filename:/ { inb = 0; first = ""; next }
        /^Line #/ { inb = 1; first = ""; cur = ""; next }
        inb && /^ *[0-9]+ / {
            if ($0 ~ ("def " fn "\\(")) cur = fn
            if ($3 == "MiB") { v = $2 + 0; if (first == "") first = v; hi[n] = v > hi[n] ? v : hi[n] }
        }
        inb && /^$/ { if (cur == fn) { r = what == "rise" ? hi[n] - first : hi[n]; best = r > best || !seen ? r : best; seen = 1 }
                      inb = 0; n++ }
        END { if (seen) printf "%.1f\n", best }' "$1"
}

# cell_of FUNC peak|rise LOG...: "median (min–max)" over the runs, as the
# Markdown table should show them; median_of the same: the median alone.
cell_of() {
    local fn=$1 what=$2; shift 2
    for l in "$@"; do value "$l" "$fn" "$what"; done | sort -n |
        awk '{ v[NR] = $1 } END { printf "%.1f (%.1f\xe2\x80\x93%.1f)\n", v[int((NR + 1) / 2)], v[1], v[NR] }'
}
median_of() { cell_of "$@" | cut -d' ' -f1; }

# same_nums A B: A and B hold the same numbers in the same order, however
# many decimals each is printed with ("61.90 (61.90–61.90)" is
# "61.9 (61.9–61.9)"), and at least one.
same_nums() {
    awk -v a="$1" -v b="$2" 'BEGIN {
        na = split(a, x, /[^0-9.+-]+/); nb = split(b, y, /[^0-9.+-]+/); n = 0
        for (i = 1; i <= na; i++) if (x[i] != "") u[++n] = x[i] + 0
        m = 0
        for (i = 1; i <= nb; i++) if (y[i] != "") v[++m] = y[i] + 0
        if (n != m || n == 0) exit 1
        for (i = 1; i <= n; i++) if (u[i] != v[i]) exit 1
    }'
}

# row_is FILE N FUNC FILE:LINE OLD NEW DELTA STATUS: row N of a cells
# file is that (numbers compared as numbers; "" skips a cell).
row_is() {
    local f=$1 n=$2 c i
    shift 2
    local want=("$@")
    IFS=$'\t' read -r -a c < <(sed -n "${n}p" "$f")
    [ "${#c[@]}" = 7 ] || return 1
    for i in 0 1 6; do [ -z "${want[$i]}" ] || [ "${c[$i]}" = "${want[$i]}" ] || return 1; done
    for i in 2 3 4; do [ -z "${want[$i]}" ] || same_nums "${c[$i]}" "${want[$i]}" || return 1; done
}

# junit FILE: "tests failures errors skipped" as junitparser counts the
# testcases, then the suite's own counts; then a line per testcase:
# classname, name, result type (or "pass"), tab-separated.
junit() {
    "$PY" - "$1" <<'EOF'
import sys
from junitparser import JUnitXml, Failure, Error, Skipped
x = JUnitXml.fromfile(sys.argv[1])
lines = []
for suite in x:
    t = f = e = s = 0
    for c in suite:
        t += 1
        kinds = [type(r).__name__.lower() for r in c.result]
        f += "failure" in kinds; e += "error" in kinds; s += "skipped" in kinds
        lines.append("%s\t%s\t%s" % (c.classname, c.name, ",".join(kinds) or "pass"))
    print(t, f, e, s, suite.tests, suite.failures, suite.errors, suite.skipped)
for l in lines: print(l)
EOF
}

# the first row of FUNC's block in LOG: its line number in the program
first_line() {
    awk -v fn="$2" '/^Line #/ { getline; getline; l = $1; getline; if ($0 ~ ("def " fn "\\(")) { print l; exit } }' "$1"
}

OLD=(--old "$D/base1.log" --old "$D/base2.log" --old "$D/base3.log")
NEW=(--new "$D/grown1.log" --new "$D/grown2.log" --new "$D/grown3.log")
LIM=(--max-increase 10% --max-increase 2MiB)
line=$(first_line "$D/base1.log" make_list)
[ -n "$line" ] || bail_out "no make_list block in $D/base1.log"
dline=$((line + 1))   # the def row, below the decorator's (first_line checks it is a def)

# ---- three runs a side, make_list grown: markdown and annotations ------------------
status_is 1 -e "^::error file=app\\.py,line=$dline,title=memfold%3A make_list::" \
    "runs: exit 1, an ::error annotation at make_list's def line ($dline)" \
    "$MEMFOLD" diff "${OLD[@]}" "${NEW[@]}" "${LIM[@]}" -f markdown --annotate github
cp "$TMP/stdout" "$TMP/runs.md"
if [ "$(grep -c '^::' "$TMP/stderr")" = 1 ]; then pass "runs: one annotation (make_dict did not grow)"
else cat "$TMP/stderr"; fail "runs: one annotation (make_dict did not grow)"; fi
if head -n1 "$TMP/runs.md" | grep -q '^\*\*memfold diff: FAILED\*\*: .*make\\_list'; then
    pass "runs: the verdict above the table: FAILED, naming make_list"
else head -3 "$TMP/runs.md"; fail "runs: the verdict above the table: FAILED, naming make_list"; fi
cells "$TMP/runs.md" >"$TMP/runs.cells"
old_c=$(cell_of make_list peak "$D"/base?.log) new_c=$(cell_of make_list peak "$D"/grown?.log)
delta=$(awk -v a="$(median_of make_list peak "$D"/base?.log)" -v b="$(median_of make_list peak "$D"/grown?.log)" \
    'BEGIN { printf "%+.1f\n", b - a }')
want="make_list, app.py:$line, $old_c, $new_c, $delta, over"
if [ "$(wc -l <"$TMP/runs.cells")" = 3 ] && head -1 "$TMP/runs.cells" | grep -q $'^function\tfile:line\told peak (MiB)\tnew peak (MiB)\t' &&
   row_is "$TMP/runs.cells" 2 make_list "app.py:$line" "$old_c" "$new_c" "$delta" "" over &&
   row_is "$TMP/runs.cells" 3 make_dict "" "" "" "" "" ok; then
    pass "runs: cmark-gfm reads a row per function, make_list first: $want"
else
    echo "  want: $want"; cat "$TMP/runs.cells"; fail "runs: cmark-gfm reads a row per function, make_list first: $want"
fi

# ---- the same as JUnit --------------------------------------------------------------------
"$MEMFOLD" diff "${OLD[@]}" "${NEW[@]}" "${LIM[@]}" -f junit >"$TMP/runs.xml" 2>"$TMP/err"
ok "runs: the JUnit XML is well-formed (xmllint)" xmllint --noout "$TMP/runs.xml"
junit "$TMP/runs.xml" >"$TMP/runs.junit" 2>&1
if [ "$(head -1 "$TMP/runs.junit")" = "2 1 0 0 2 1 0 0" ] &&
   grep -qx $'app.py\tmake_list:'"$line"$'\tfailure' "$TMP/runs.junit" &&
   same_nums "$(sed -n 's/.*<failure message="peak \([0-9.]*\) -&gt; \([0-9.]*\) MiB.*/\1 \2/p' "$TMP/runs.xml")" \
       "$(median_of make_list peak "$D"/base?.log) $(median_of make_list peak "$D"/grown?.log)"; then
    pass "runs: junitparser counts 2 tests, 1 failure: make_list:$line, its message the medians"
else cat "$TMP/runs.junit"; fail "runs: junitparser counts 2 tests, 1 failure: make_list:$line, its message the medians"; fi

# ---- a file name with , : % | < > & ------------------------------------------------------------
odd=$(sed -n 's/^Filename: //p' "$D/odd_old.log")
[ "$odd" = 'odd,a:b%|<x>&.py' ] || bail_out "odd_old.log's file is '$odd'"
oline=$(first_line "$D/odd_old.log" load)
dline=$((oline + 1))   # its def line: where the annotation goes
prop=$(printf '%s' "$odd" | sed 's/%/%25/g; s/:/%3A/g; s/,/%2C/g')
status_is 1 -e "^::error file=$(printf '%s' "$prop" | sed 's/[|.]/\\&/g'),line=$dline,title=memfold%3A load::" \
    "odd: the annotation's file= escaped as GitHub reads it: $prop" \
    "$MEMFOLD" diff --old "$D/odd_old.log" --new "$D/odd_new.log" --max-increase 10% -f markdown --annotate github
cells "$TMP/stdout" >"$TMP/odd.cells"
if [ "$(wc -l <"$TMP/odd.cells")" = 2 ] && [ "$(sed -n 2p "$TMP/odd.cells" | cut -f2)" = "$odd:$oline" ] &&
   [ "$(sed -n 2p "$TMP/odd.cells" | awk -F'\t' '{ print NF }')" = 7 ]; then
    pass "odd: the table keeps the file name in its cell, as it is"
else cat "$TMP/odd.cells"; fail "odd: the table keeps the file name in its cell, as it is"; fi
"$MEMFOLD" diff --old "$D/odd_old.log" --new "$D/odd_new.log" --max-increase 10% -f junit >"$TMP/odd.xml" 2>"$TMP/err"
junit "$TMP/odd.xml" >"$TMP/odd.junit" 2>&1
if xmllint --noout "$TMP/odd.xml" && grep -qxF "$odd	load:$oline	failure" "$TMP/odd.junit"; then
    pass "odd: junitparser reads the file name back as the classname"
else cat "$TMP/odd.junit"; fail "odd: junitparser reads the file name back as the classname"; fi

# ---- a crashed run: the comparison cannot be trusted ------------------------------------
status_is 3 -e '^::error title=memfold::.*FAILED' "crashed: exit 3, the verdict as an ::error annotation" \
    "$MEMFOLD" diff --old "$D/base1.log" --new "$D/crashed.log" -f junit --annotate github
cp "$TMP/stdout" "$TMP/crashed.xml"
junit "$TMP/crashed.xml" >"$TMP/crashed.junit" 2>&1
if xmllint --noout "$TMP/crashed.xml" && [ "$(head -1 "$TMP/crashed.junit")" = "3 0 1 2 3 0 1 2" ] &&
   grep -qx $'memfold\tinputs\terror' "$TMP/crashed.junit"; then
    pass "crashed: JUnit: an 'inputs' testcase in error, the old functions skipped as removed"
else cat "$TMP/crashed.junit"; fail "crashed: JUnit: an 'inputs' testcase in error, the old functions skipped as removed"; fi
status_is 3 -o '^\*\*memfold diff: FAILED\*\*' "crashed: the Markdown verdict is FAILED" \
    "$MEMFOLD" diff --old "$D/base1.log" --new "$D/crashed.log" -f markdown

# ---- the same program on both sides: passes ---------------------------------------------------
"$MEMFOLD" diff --old "$D/base1.log" --old "$D/base2.log" --new "$D/base3.log" "${LIM[@]}" \
    -f markdown --annotate github >"$TMP/same.md" 2>"$TMP/same.err"
st=$?
if [ "$st" = 0 ] && head -n1 "$TMP/same.md" | grep -q '^\*\*memfold diff: PASSED\*\*$' && ! grep -q '^::' "$TMP/same.err"; then
    pass "same: exit 0, PASSED, no annotation"
else echo "  exit $st"; cat "$TMP/same.md" "$TMP/same.err"; fail "same: exit 0, PASSED, no annotation"; fi
"$MEMFOLD" diff --old "$D/base1.log" --new "$D/base3.log" "${LIM[@]}" -f junit >"$TMP/same.xml" 2>"$TMP/err"
junit "$TMP/same.xml" >"$TMP/same.junit" 2>&1
if [ "$(head -1 "$TMP/same.junit")" = "2 0 0 0 2 0 0 0" ]; then pass "same: junitparser counts 2 tests, none failing"
else cat "$TMP/same.junit"; fail "same: junitparser counts 2 tests, none failing"; fi

# ---- rise, as the CI recipe gates --------------------------------------------------------------
"$MEMFOLD" diff "${OLD[@]}" "${NEW[@]}" "${LIM[@]}" --metric rise -f markdown >"$TMP/rise.md" 2>"$TMP/err"
cells "$TMP/rise.md" >"$TMP/rise.cells"
old_r=$(cell_of make_list rise "$D"/base?.log) new_r=$(cell_of make_list rise "$D"/grown?.log)
if head -1 "$TMP/rise.cells" | grep -q $'\told rise (MiB)\tnew rise (MiB)\t' &&
   row_is "$TMP/rise.cells" 2 make_list "app.py:$line" "$old_r" "$new_r" "" "" over; then
    pass "rise: the table shows make_list's rise, median and min-max per side: $old_r, $new_r"
else echo "  want: $old_r, $new_r"; cat "$TMP/rise.cells"; fail "rise: the table shows make_list's rise, median and min-max per side: $old_r, $new_r"; fi
