#!/usr/bin/env bash
# The text tables of summary and lines read well, and -f sql loads typed:
# one precision per column, ENTRY/EXIT/RISE columns, --sort and --top for
# reports and .dat files, .dat lines in time order and --relative, and
# `-f sql | sqlite3`.  Inputs are real captures: basic_calls.log and
# negative.log (4 functions, 1 and 3 decimals), precision.log (0 to 6
# decimals), mprof_python.dat (`mprof run --python`: the program writes its
# FUNC lines itself, after the first 51 samples).  Expectations come from
# the raw captures (python3, awk), never from memfold.
. "$(dirname "$0")/lib.sh"
plan 34
PY=/usr/bin/python3
B=$CORPUS/basic_calls.log N=$CORPUS/negative.log P=$CORPUS/precision.log
DAT=$CORPUS/mprof_python.dat
for f in "$B" "$N" "$P" "$DAT"; do [ -s "$f" ] || bail_out "no $f"; done
[ "$(grep -c '^FUNC ' "$DAT")" -ge 2 ] || bail_out "mprof_python.dat has no FUNC lines"
command -v sqlite3 >/dev/null || bail_out "no sqlite3 (Debian package sqlite3)"

# The decimals of each numeric column of a text table's first table (the
# rows before the first blank line); fields first..NF-last (the others are
# text).  Prints "ok" when every column has one precision, else the column.
col_decimals() {   # file first last_text_fields
    awk -v first="$2" -v tail="$3" '
        NR == 1 { next }
        /^$/ || /^\.\.\. / { exit }
        { for (i = first; i <= NF - tail; i++) {
              d = index($i, ".") ? length($i) - index($i, ".") : 0
              if ($i == "-") continue
              if ((i in dec) && dec[i] != d) bad = bad " " i
              dec[i] = d
              rows++ } }
        END { print (rows > 0 && bad == "") ? "ok" : "bad:" bad " rows:" rows }' "$1"
}

# ---- one precision per column --------------------------------------------------
"$MEMFOLD" summary "$B" "$N" >"$TMP/bn.txt"
ok "report summary (1 and 3 decimals): each numeric column has one precision" \
    test "$(col_decimals "$TMP/bn.txt" 2 1)" = ok
"$MEMFOLD" summary "$P" >"$TMP/p.txt"
ok "precision.log (0 to 6 decimals): each numeric column has one precision" \
    test "$(col_decimals "$TMP/p.txt" 2 1)" = ok
ok "... and a copied value is padded, not rounded (p0's peak 24 is 24.000000)" \
    grep -qE '^p0 +1 +4 +24\.000000 ' "$TMP/p.txt"
"$MEMFOLD" summary "$DAT" >"$TMP/dat.txt"
ok ".dat summary: each numeric column of the functions has one precision" \
    test "$(col_decimals "$TMP/dat.txt" 2 0)" = ok
ok "... the MEAN MiB column has 6 decimals at most (not 8)" \
    awk 'NR > 1 && NF { n++; if (length($7) - index($7, ".") > 6) exit 1 } /^$/ { exit } END { if (!n) exit 1 }' "$TMP/dat.txt"
"$MEMFOLD" lines "$DAT" >"$TMP/dl.txt"
ok ".dat lines: TIME and MEM MiB have one precision each (MEM 6, FUNC 4 decimals in the file)" \
    test "$(col_decimals "$TMP/dl.txt" 2 1 | sed 's/ rows.*//')" = ok

# ---- ENTRY, EXIT, RISE ---------------------------------------------------------------
ok "the text summary heads ENTRY MiB, EXIT MiB and RISE MiB" \
    grep -qE '^FUNCTION .*ENTRY MiB +EXIT MiB +NET MiB +RISE MiB' "$TMP/bn.txt"
# from the raw reports: per block, entry = first measured row, exit = last,
# rise = highest - entry; per function (file:first line) the means over
# blocks and the largest rise; compared with the text table's cells to
# half a unit of their last decimal
cat >"$TMP/entry.py" <<'EOF'
import re, sys
table, logs = sys.argv[1], sys.argv[2:]
funcs = {}
for log in logs:
    fname, rows = None, []
    def close():
        if rows:
            key = "%s:%s" % (fname, rows[0][0])
            mem = [m for _, m in rows]
            funcs.setdefault(key, []).append((mem[0], mem[-1], max(mem) - mem[0]))
    for line in open(log):
        if line.startswith("Filename: "):
            close(); rows = []; fname = line[10:].strip(); continue
        m = re.match(r"^\s*(\d+)\s+(-?[\d.]+) MiB\s+(-?[\d.]+) MiB", line)
        if m:
            rows.append((int(m.group(1)), float(m.group(2))))
        elif not line.strip():
            close(); rows = []
    close()
lines = open(table).read().split("\n\n")[0].splitlines()
head = re.split(r"\s{2,}", lines[0].strip())
col = {h: i for i, h in enumerate(head)}
seen = 0
for l in lines[1:]:
    cells = re.split(r"\s{2,}", l.strip())
    b = funcs[cells[col["LOCATION"]]]
    want = {"ENTRY MiB": sum(x[0] for x in b) / len(b), "EXIT MiB": sum(x[1] for x in b) / len(b),
            "RISE MiB": max(x[2] for x in b)}
    for h, w in want.items():
        cell = cells[col[h]]
        d = len(cell.split(".")[1]) if "." in cell else 0
        if abs(float(cell) - w) > 0.5 * 10 ** -d + 1e-9:
            sys.exit("%s %s: %s, want %s" % (cells[0], h, cell, w))
        seen += 1
if seen != 12:
    sys.exit("compared %d cells, want 12" % seen)
EOF
ok "ENTRY, EXIT and RISE of 4 functions equal the raw reports' first/last rows and rises" \
    $PY "$TMP/entry.py" "$TMP/bn.txt" "$B" "$N"

# ---- --sort for .dat files --------------------------------------------------------------
# the same capture with work's FUNC line (the outer call) first: first appearance is work, grow
{ grep -v '^FUNC ' "$DAT" | sed -n '1,50p'; grep '^FUNC __main__.work ' "$DAT"; grep '^FUNC __main__.grow ' "$DAT"
  grep -v '^FUNC ' "$DAT" | sed '1,50d'; } >"$TMP/w.dat"
[ "$(grep -c . "$TMP/w.dat")" = "$(grep -c . "$DAT")" ] || bail_out "w.dat lost lines"
fn_col() { awk -v c="$2" 'NR > 1 && NF { print $c } /^$/ { exit }' "$1"; }
"$MEMFOLD" summary "$TMP/w.dat" >"$TMP/first.txt"
ok ".dat --sort first (default): work before grow (as they appear)" \
    test "$(fn_col "$TMP/first.txt" 1 | tr '\n' ' ')" = "__main__.work __main__.grow "
for key in name:1 calls:2 peak:6 mean:7; do
    k=${key%%:*} c=${key#*:}
    "$MEMFOLD" summary --sort "$k" "$TMP/w.dat" >"$TMP/s.txt"
    fn_col "$TMP/s.txt" "$c" >"$TMP/col"
    if [ "$k" = name ]; then opt=; else opt=-gr; fi
    ok ".dat --sort $k orders the functions (column $c, sort -c $opt)" \
        sh -c "[ \$(wc -l <'$TMP/col') = 2 ] && sort -c $opt '$TMP/col'"
done
ok "... --sort calls puts grow ($(grep -c '^FUNC __main__.grow ' "$DAT") FUNC lines) first" \
    test "$("$MEMFOLD" summary --sort calls "$TMP/w.dat" | awk 'NR == 2 { print $1, $2 }')" = "__main__.grow $(grep -c '^FUNC __main__.grow ' "$DAT")"

"$MEMFOLD" summary -f json "$TMP/w.dat" >"$TMP/w.json"
ok "merge --sort calls of a .dat summary: grow first too" \
    test "$("$MEMFOLD" merge -f text --sort calls "$TMP/w.json" 2>/dev/null | awk 'NR == 2 { print $1 }')" = __main__.grow

# ---- --top -----------------------------------------------------------------------------------
# the two highest peaks of the four functions, from the raw rows
awk '/^Filename: / { f++ } /^ +[0-9]+ +[0-9.]+ MiB/ { if ($2 > pk[f]) pk[f] = $2 }
     /^ +[0-9]+ +[0-9.]+ MiB/ && !(f in first) { first[f] = $1 }
     END { for (i in pk) print pk[i] }' "$B" "$N" | sort -gr | head -2 >"$TMP/top2.want"
"$MEMFOLD" summary --sort peak --top 2 "$B" "$N" >"$TMP/top.txt"
ok "--top 2: two rows, the two highest peaks of the raw rows" \
    sh -c "awk 'NR > 1 && !/^[.]/ { print \$4 + 0 }' '$TMP/top.txt' >'$TMP/top2.got' && [ -s '$TMP/top2.got' ] && [ \"\$(awk '{ print \$1 + 0 }' '$TMP/top2.want')\" = \"\$(cat '$TMP/top2.got')\" ]"
ok "... and a last line says how many were left out" \
    test "$(tail -1 "$TMP/top.txt")" = "... 2 more functions (--top 2)"
ok "--top 2 -f json holds 2 functions" \
    sh -c "'$MEMFOLD' summary --top 2 -f json '$B' '$N' >'$TMP/t.json' && [ -s '$TMP/t.json' ] && jq -e '.functions | length == 2' '$TMP/t.json' >/dev/null"
ok "--top 3 -f csv holds 3 rows and no 'more' line" \
    sh -c "'$MEMFOLD' summary --top 3 -f csv '$B' '$N' >'$TMP/t.csv' && [ \$(wc -l <'$TMP/t.csv') = 4 ] && ! grep -q more '$TMP/t.csv'"
status_is 2 -e "--top takes a number of functions" "--top -1 is a usage error" "$MEMFOLD" summary --top -1 "$B"
status_is 2 -e "--top cuts the tables of summary, not --runs" "--top with --runs is a usage error (not ignored)" \
    "$MEMFOLD" summary --runs --top 1 "$B" "$N"
"$MEMFOLD" summary --top 1 "$TMP/w.dat" >"$TMP/dtop.txt"
ok "--top 1 on a .dat: one function and '... 1 more function (--top 1)'" \
    sh -c "grep -qx '... 1 more function (--top 1)' '$TMP/dtop.txt' && [ \"\$(awk '/^[.][.][.] / { print n + 0; exit } NR > 1 && NF { n++ }' '$TMP/dtop.txt')\" = 1 ]"

# ---- lines of a .dat: time order, --relative ---------------------------------------------
"$MEMFOLD" lines -f csv "$DAT" >"$TMP/dl.csv"
want_rows=$(awk '/^MEM / { n++ } /^FUNC / { n += 2 } END { print n }' "$DAT")
ok "lines: every MEM sample and each FUNC's start and end ($want_rows rows)" \
    test "$(csv_rows "$TMP/dl.csv")" = "$want_rows"
ok "... in time order (the FUNC lines come after 51 samples in the file)" \
    sh -c "sed 1d '$TMP/dl.csv' | cut -d, -f3 >'$TMP/times' && [ -s '$TMP/times' ] && sort -c -g '$TMP/times'"
"$MEMFOLD" lines --relative -f csv "$DAT" >"$TMP/rel.csv"
# from the raw file: every time minus the first MEM sample's, 4 decimals
awk '/^MEM / && t0 == "" { t0 = $3 } { if ($1 == "MEM") t[++n] = $3; if ($1 == "FUNC") { t[++n] = $4; t[++n] = $6 } }
     END { for (i = 1; i <= n; i++) printf "%.4f\n", t[i] - t0 }' "$DAT" | sort -g >"$TMP/rel.want"
sed 1d "$TMP/rel.csv" | cut -d, -f3 >"$TMP/rel.got"
ok "--relative starts at 0.0000 (the first MEM sample, as mprof plot's t = 0)" \
    test "$(head -1 "$TMP/rel.got")" = 0.0000
same "... every time is the raw time minus the first sample's" "$TMP/rel.want" "$TMP/rel.got"
status_is 2 -e "'--relative' goes with 'lines'|--relative goes with 'lines'" "summary --relative is a usage error" \
    "$MEMFOLD" summary --relative "$DAT"

# ---- -f sql -------------------------------------------------------------------------------
"$MEMFOLD" summary -f sql "$B" "$N" >"$TMP/s.sql"
"$MEMFOLD" summary -f csv "$B" "$N" >"$TMP/s.csv"
rm -f "$TMP/db"
ok "summary -f sql loads into sqlite3 without an error" \
    sh -c "[ -s '$TMP/s.sql' ] && sqlite3 -bail '$TMP/db' <'$TMP/s.sql' 2>&1 | grep -c . | grep -qx 0"
ok "... peak_mib is real, calls integer, file text" \
    test "$(sqlite3 "$TMP/db" "SELECT DISTINCT typeof(peak_mib) || typeof(calls) || typeof(file) FROM functions")" = realintegertext
ok "... ORDER BY peak_mib sorts numerically (331.2 after 36.7)" \
    sh -c "sqlite3 '$TMP/db' 'SELECT peak_mib FROM functions ORDER BY peak_mib' >'$TMP/o' && [ \$(wc -l <'$TMP/o') = 4 ] && sort -c -g '$TMP/o' && tail -1 '$TMP/o' | grep -qx 331.2"
# the sums of the CSV's columns, by awk, against sqlite's
csv_sum() { awk -F, -v c="$1" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { s += $k } END { printf "%.6f\n", s }' "$TMP/s.csv"; }
db_sum() { sqlite3 "$TMP/db" "SELECT printf('%.6f', sum($1)) FROM functions"; }
bad=
for c in peak_mib mean_mib entry_mib rise_mib rows calls; do
    [ "$(csv_sum $c)" = "$(db_sum $c)" ] || bad="$bad $c"
done
ok "... the sums of 6 columns equal the CSV's (awk)${bad:+ (not:$bad)}" test -z "$bad" -a "$(db_sum rows)" != ""
# quoting: a file name with a quote and a double quote, contents with a
# quote and an ESC byte
sed -e "s|^Filename: .*|Filename: /home/dev/it's \"q\", too.py|" -e 's|data = \[|data = [ # it'"'"'s\x1b[2J|' "$B" >"$TMP/q.log"
grep -q "it's" "$TMP/q.log" || bail_out "q.log has no quote"
"$MEMFOLD" lines -f sql "$TMP/q.log" | sqlite3 -bail "$TMP/q.db" 2>"$TMP/q.err"
"$MEMFOLD" lines -f csv "$TMP/q.log" >"$TMP/q.csv"
cat >"$TMP/q.py" <<'EOF'
import csv, sqlite3, sys
rows = list(csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8", errors="surrogateescape")))
db = sqlite3.connect(sys.argv[1])
db.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
got = db.execute("SELECT file, contents, mem_mib, typeof(mem_mib), line FROM lines ORDER BY rowid").fetchall()
assert len(rows) == len(got) > 0, (len(rows), len(got))
assert any("'" in r["file"] and "\x1b" in r["contents"] for r in rows)
for r, g in zip(rows, got):
    assert (r["file"], r["contents"]) == (g[0], g[1]), (r, g)
    assert g[3] == "real" and float(r["mem_mib"]) == g[2] and int(r["line"]) == g[4], (r, g)
EOF
ok "lines -f sql: file names and contents with quotes and control bytes load as the CSV has them" \
    sh -c "[ ! -s '$TMP/q.err' ] && $PY '$TMP/q.py' '$TMP/q.db' '$TMP/q.csv'"
"$MEMFOLD" summary -f sql "$DAT" | sqlite3 -bail "$TMP/d.db"
ok ".dat summary -f sql: mprof_functions and mprof_runs, typed" \
    test "$(sqlite3 "$TMP/d.db" "SELECT (SELECT group_concat(DISTINCT typeof(peak_mib) || typeof(calls)) FROM mprof_functions) || ' ' || (SELECT sum(samples) FROM mprof_runs)")" = "realinteger $(grep -c '^MEM ' "$DAT")"
"$MEMFOLD" lines -f sql "$DAT" | sqlite3 -bail "$TMP/l.db"
ok ".dat lines -f sql: every row, time real, in time order" \
    test "$(sqlite3 "$TMP/l.db" "SELECT count(*) || typeof(max(time)) FROM mprof_lines")" = "${want_rows}real"
t_finish
