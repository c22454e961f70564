#!/usr/bin/env bash
# Reports as people paste them (tests/corpus/pasted/, issue 14): in
# markdown fences and indented code, `#` comments, docstrings, reST, e-mail
# quotes, with trailing blanks stripped, rows elided, the Filename: line
# left out, text or a `\r` progress line before Filename:, %mprun -T files.
# For each paste X (tests/corpus/pasted/MANIFEST):
#   - `lines -f csv X`: per block its function, measured rows and peak Mem
#     usage as printed are X.expect, which expect.py computed from the raw
#     captures (never from memfold);
#   - `summary -f csv X` exits 0, prints no error, and counts each
#     function's tables of X.expect as its calls;
#   - `check --strict X` exits 1 naming a diagnostic (a paste is not what
#     memory_profiler prints), except for the `raw` ones of MANIFEST (what a
#     program run printed: a %mprun -T file as is, program output before
#     Filename: on its line), which it passes with no diagnostic;
# and every raw capture the pastes were made from passes `check --strict`
# with no diagnostic.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON:-/usr/bin/python3}
P=$CORPUS/pasted

pastes=() captures=()
declare -A kind
while read -r name k tables; do
    case $name in ''|'#'*) continue ;; esac
    pastes+=("$name")
    kind[$name]=$k
    for t in $tables; do captures+=("${t%%:*}"); done
done <"$P/MANIFEST"
mapfile -t captures < <(printf '%s\n' "${captures[@]}" | sort -u)
plan $((3 * ${#pastes[@]} + ${#captures[@]}))

# The pastes and their expectations are what make.sh and expect.py make,
# and every paste holds the rows MANIFEST says (preconditions, not checks
# of memfold).
[ ${#pastes[@]} -ge 15 ] || bail_out "MANIFEST names only ${#pastes[@]} pastes"
"$P/make.sh" "$TMP/made" || bail_out "make.sh failed"
"$PY" "$P/expect.py" "$TMP/made" || bail_out "expect.py failed"
"$PY" "$P/expect.py" --check || bail_out "a paste does not hold the tables MANIFEST says"
for x in "${pastes[@]}"; do
    cmp -s "$TMP/made/$x" "$P/$x" || bail_out "make.sh does not remake $x byte for byte"
    cmp -s "$TMP/made/$x.expect" "$P/$x.expect" || bail_out "expect.py does not remake $x.expect"
    [ -s "$P/$x.expect" ] || bail_out "$x.expect is empty"
done

# per_block CSV: "function<TAB>rows<TAB>peak as printed" per block of a
# `lines -f csv` output, in block order.
per_block() {
    "$PY" - "$1" <<'EOF'
import csv, sys
from decimal import Decimal
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
if not rows or rows[0][:6] != ['source', 'block', 'file', 'function', 'line', 'mem_mib']:
    sys.exit('no lines CSV heading')
blocks = {}
for r in rows[1:]:
    b = blocks.setdefault(int(r[1]), [r[3], []])
    b[1].append(r[5])
for n in sorted(blocks):
    fn, mems = blocks[n]
    print('%s\t%d\t%s' % (fn, len(mems), max(mems, key=Decimal)))
EOF
}
# calls CSV: "function<TAB>calls" of a `summary -f csv` output, by name.
calls() {
    "$PY" - "$1" <<'EOF'
import csv, sys
from collections import Counter
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
c = Counter()
for r in rows:
    c[r['function']] += int(r['blocks'])
for fn in sorted(c):
    print('%s\t%d' % (fn, c[fn]))
EOF
}

for x in "${pastes[@]}"; do
    f=$P/$x
    # lines: every table, with its function, rows and peak.
    "$MEMFOLD" lines -f csv "$f" >"$TMP/lines.csv" 2>"$TMP/lines.err"
    if per_block "$TMP/lines.csv" >"$TMP/got" 2>>"$TMP/lines.err" && cmp -s "$P/$x.expect" "$TMP/got"; then
        pass "$x: lines finds every table, its function, rows and peak"
    else
        diff -u "$P/$x.expect" "$TMP/got" | sed 's/^/    /'
        head -5 "$TMP/lines.err" | sed 's/^/    ! /'
        fail "$x: lines finds every table, its function, rows and peak"
    fi

    # summary: exit 0, no error, each function's tables counted as blocks.
    cut -f1 "$P/$x.expect" | sort | uniq -c | awk '{ printf "%s\t%d\n", $2, $1 }' >"$TMP/want-calls"
    "$MEMFOLD" summary -f csv "$f" >"$TMP/summary.csv" 2>"$TMP/summary.err"
    st=$?
    calls "$TMP/summary.csv" >"$TMP/got-calls" 2>/dev/null
    if [ "$st" -eq 0 ] && ! grep -qE '(^|: )error: ' "$TMP/summary.err" && cmp -s "$TMP/want-calls" "$TMP/got-calls"; then
        pass "$x: summary exits 0, no error, every table counted as a block"
    else
        echo "  exit status $st"
        diff -u "$TMP/want-calls" "$TMP/got-calls" | sed 's/^/    /'
        grep -E '(^|: )error: ' "$TMP/summary.err" | head -5 | sed 's/^/    ! /'
        fail "$x: summary exits 0, no error, every table counted as a block"
    fi

    # check --strict: a paste deviates from what memory_profiler prints;
    # a `raw` one is what a program run printed.
    if [ "${kind[$x]}" = raw ]; then
        check_clean "$x: as a program printed it: check --strict passes it" --strict "$f"
    else
        status_is 1 -e '\[-W[A-Za-z0-9-]+\]' "$x: check --strict fails it, naming a diagnostic" \
            "$MEMFOLD" check --strict "$f"
    fi
done

for c in "${captures[@]}"; do
    check_clean "raw capture $c: check --strict passes it" --strict "$CORPUS/$c"
done
