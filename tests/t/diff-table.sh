#!/usr/bin/env bash
# diff-table.sh -- `memfold diff`'s text table for people (issue 16): it
# fits 100 columns (COLUMNS unset, stdout not a terminal) with long paths
# cut from the left, every column has a heading, the gated metric's
# columns come first, a percentage of a zero base is n/a and only a MiB
# limit judges it (in every writer), a .dat function's net is an empty
# cell, -q prints only the failing rows and the verdict, --top N and
# --sort delta.  Real captures: tests/corpus/gate (paths /home/dev/memapp,
# long-path copies made here by sed), tests/diff/net_zero_*.log (a
# function whose net goes 0 -> 0.082 MiB) and tests/diff/sizes_*.log (four
# functions that each allocate and free N MiB: sizes_gen.sh).  Expected
# numbers are read from the captures with awk, never from memfold.
. "$(dirname "$0")/lib.sh"
plan 38
unset COLUMNS
G=tests/corpus/gate D=tests/diff
for f in $G/classes_old.log $G/classes_new.log $G/neighbour_old.log $G/neighbour_new.log \
         $G/mprof_old.dat $G/mprof_new.dat $D/net_zero_old.log $D/net_zero_new.log \
         $D/sizes_old.log $D/sizes_new.log; do
    [ -s "$f" ] || bail_out "no $f"
done
[ "$(count_measured $D/sizes_old.log)" -gt 0 ] || bail_out "$D/sizes_old.log holds no measured row"

# blocks LOG: "FUNCTION first peak last" per block (Mem usage of its first
# measured row, the highest, the last), from the capture alone.
blocks() {
    awk '/^Filename:/ { inb = 0 } /^=+$/ { inb = 1; fn = ""; n = 0; next }
         inb && /^ *[0-9]+ / {
             if (match($0, /def [A-Za-z_0-9]+\(/)) fn = substr($0, RSTART + 4, RLENGTH - 5)
             if ($3 == "MiB") { v = $2 + 0; if (!n) first = v; if (!n || v > hi) hi = v; last = v; n++ }
         }
         inb && /^$/ { if (n) print fn, first, hi, last; inb = 0 }
         END { if (inb && n) print fn, first, hi, last }' "$1"
}
# metric LOG FUNC peak|rise|net: one function's value in one capture.
metric() {
    blocks "$1" | awk -v f="$2" -v m="$3" '$1 == f { print (m == "peak" ? $3 : m == "rise" ? $3 - $2 : $4 - $2) + 0 }'
}
# rows FILE: the table's rows (after the two heading lines, before the
# verdict; no "... and N more" line).
rows() { sed '1,2d;$d' "$1" | grep -v '^\.\.\. and '; }
# longest FILE: the widest line but the verdict (the last).
longest() { sed '$d' "$1" | awk '{ if (length > m) m = length } END { print m + 0 }'; }

# ---- 1. 100 columns, paths cut from the left --------------------------------------
L=/home/dev/projects/acme-data-platform/services/memory-heavy-ingest/src/memapp
for f in classes_old classes_new neighbour_old neighbour_new; do
    sed "s#/home/dev/memapp#$L#" $G/$f.log >"$TMP/$f.log"
done
grep -q "^Filename: $L/app.py" "$TMP/classes_old.log" || bail_out "the long-path copy has no long path"
runs=()
for i in 01 02 03; do
    sed "s#/home/dev/memapp#$L#" $G/runs_old_$i.log >"$TMP/ro$i.log"
    sed "s#/home/dev/memapp#$L#" $G/runs_grown_$i.log >"$TMP/rg$i.log"
    runs+=(--old "$TMP/ro$i.log" --new "$TMP/rg$i.log")
done
"$MEMFOLD" diff --max-increase 10% "$TMP/classes_old.log" "$TMP/classes_new.log" >"$TMP/long.txt"
"$MEMFOLD" diff --metric peak --metric rise --max-increase 10% "${runs[@]}" >"$TMP/long2.txt"
"$MEMFOLD" diff --max-increase 10% "${runs[@]}" >"$TMP/long3.txt"
for t in long long2 long3; do
    w=$(longest "$TMP/$t.txt")
    ok "$t: every line of the table is at most 100 columns ($w) with ${#L}-byte directories" \
        test "$(rows "$TMP/$t.txt" | wc -l)" -ge 2 -a "$w" -le 100
done
cell=$(rows "$TMP/long.txt" | awk 'NR == 1 { print $2 }')
ok "... the path is cut from the left, its end kept: $cell" \
    sh -c 'case $1 in ...*) t=${1#...}; [ ${#t} -ge 6 ] && case $2 in *"$t") exit 0 ;; esac ;; esac; exit 1' \
    _ "$cell" "$L/app.py"
COLUMNS=200 "$MEMFOLD" diff --max-increase 10% "$TMP/classes_old.log" "$TMP/classes_new.log" >"$TMP/wide.txt"
ok "... and COLUMNS=200 shows the whole path" \
    test "$(rows "$TMP/wide.txt" | awk 'NR == 1 { print $2 }')" = "$L/app.py"

# on a terminal (script(1) gives one): its width, narrow or wide
if command -v script >/dev/null; then
    for cols in 70 200; do
        env -u COLUMNS script -qc "stty cols $cols; '$MEMFOLD' diff --color=never --max-increase 10% '$TMP/classes_old.log' '$TMP/classes_new.log'" /dev/null |
            tr -d '\r' >"$TMP/tty$cols.txt"
    done
    ok "a terminal 70 columns wide: the table fits in 70 ($(longest "$TMP/tty70.txt"))" \
        test "$(rows "$TMP/tty70.txt" | wc -l)" = 2 -a "$(longest "$TMP/tty70.txt")" -le 70
    ok "... 200 wide: the whole path" test "$(rows "$TMP/tty200.txt" | awk 'NR == 1 { print $2 }')" = "$L/app.py"
else
    skip "script(1) is not installed: no terminal to try" 2
fi

# ---- 2. every column headed ----------------------------------------------------------
"$MEMFOLD" diff --max-increase 10% $G/classes_old.log $G/classes_new.log >"$TMP/classes.txt"
ok "two heading lines: the groups (PEAK MiB, CALLS), then one word or sign a column" \
    sh -c "sed -n 1p '$TMP/classes.txt' | grep -qE '^ +-+ PEAK MiB -+ +CALLS\$' &&
           sed -n 2p '$TMP/classes.txt' | grep -qE '^FUNCTION +FILE +LINE +OLD +NEW +DELTA +% +OLD +NEW +STATUS\$'"
ok "... as many headings as a full row has cells (10)" \
    test "$(grep -m1 '^FUNCTION ' "$TMP/classes.txt" | awk '{ print NF }')" = 10 -a \
         "$(rows "$TMP/classes.txt" | awk '{ print NF }' | sort -u)" = 10
ok "... each heading over its cells: the OVER row's peaks end under OLD and NEW" \
    awk '/^FUNCTION / { o = index($0, " OLD ") + 3; n = index($0, " NEW ") + 3; h = 1; next }
         h && / OVER$/ { a = substr($0, 1, o); b = substr($0, 1, n); f = 1
                         exit !(o > 3 && n > 3 && a ~ /[0-9]$/ && b ~ /[0-9]$/ && substr($0, o + 1, 1) == " ") }
         END { if (!f) exit 1 }' "$TMP/classes.txt"

"$MEMFOLD" diff --metric mean $G/runs_old_01.log $G/runs_grown_02.log >"$TMP/mean.txt"
ok "one precision a MiB column (means of 1 and 3 decimals: OLD, NEW, DELTA each one)" \
    test "$(rows "$TMP/mean.txt" | awk '{ for (i = 4; i <= 6; i++) { d = $i; sub(/^[^.]*\.?/, "", d); print i ":" length(d) } }' | sort -u | tr '\n' ' ')" = "4:3 5:3 6:3 "

# ---- 3. laid out by the gated metric -----------------------------------------------
"$MEMFOLD" diff --metric net --max-increase 10% $G/neighbour_old.log $G/neighbour_new.log >"$TMP/net.txt"
fo=$(metric $G/neighbour_old.log first net) fn=$(metric $G/neighbour_new.log first net)
[ -n "$fo" ] && [ -n "$fn" ] || bail_out "awk read no net of first()"
ok "--metric net: the NET group first, no peak at all" \
    sh -c "sed -n 1p '$TMP/net.txt' | grep -qE '^ +-+ NET MiB -+ +CALLS\$' && ! grep -q PEAK '$TMP/net.txt'"
ok "... first()'s net old and new right after LINE are the capture's ($fo -> $fn)" \
    awk -v a="$fo" -v b="$fn" '$1 == "first" { seen = 1; exit !($4 + 0 == a + 0 && $5 + 0 == b + 0) } END { if (!seen) exit 1 }' "$TMP/net.txt"

# ---- 4. a zero base ---------------------------------------------------------------------
ro=$(metric $D/net_zero_old.log remember net) rn=$(metric $D/net_zero_new.log remember net)
lo=$(metric $D/net_zero_old.log load net) ln=$(metric $D/net_zero_new.log load net)
[ "$ro" = 0 ] && [ -n "$rn" ] && [ -n "$lo" ] && [ -n "$ln" ] || bail_out "net_zero: remember's net is not 0 -> something ($ro -> $rn)"
lpct=$(awk -v a="$lo" -v b="$ln" 'BEGIN { printf "%.1f", (b - a) * 100 / a }')
Z=(--metric net $D/net_zero_old.log $D/net_zero_new.log)
status_is 0 -o "^remember .* $rn +\+$rn +n/a +1 +1 +ok\$" \
    "0 -> $rn MiB: the percentage is n/a, and a 50% limit alone passes it" \
    "$MEMFOLD" diff --max-increase 50% "${Z[@]}"
ok "... the verdict says a growth from 0 is judged by a MiB limit only" \
    grep -qE '1 grew from 0 \(no percentage of 0: only a MiB limit applies\): PASSED$' "$TMP/stdout"
status_is 1 -o '^remember .* OVER$' "... +50% and +0.05 MiB: over the MiB limit ($rn > 0.05), so it fails" \
    "$MEMFOLD" diff --max-increase 50% --max-increase 0.05MiB "${Z[@]}"
ok "... the verdict says from 0, not n/a%" grep -qE "remember \(net \+$rn MiB from 0\)\$" "$TMP/stdout"
status_is 0 -o ': PASSED$' "... +50% and +0.1 MiB: under it ($rn < 0.1), passes" \
    "$MEMFOLD" diff --max-increase 50% --max-increase 0.1MiB "${Z[@]}"
status_is 1 -o "^load .* \+$lpct +1 +1 +OVER\$" "... +10%: load (+$lpct%) fails, remember does not" \
    "$MEMFOLD" diff --max-increase 10% "${Z[@]}"
"$MEMFOLD" diff -f csv --max-increase 50% "${Z[@]}" >"$TMP/z.csv"
"$MEMFOLD" diff -f json --max-increase 50% "${Z[@]}" >"$TMP/z.json"
"$MEMFOLD" diff -f markdown --max-increase 50% "${Z[@]}" >"$TMP/z.md"
"$MEMFOLD" diff -f junit --max-increase 50% --max-increase 0.05MiB "${Z[@]}" >"$TMP/z.xml"
"$MEMFOLD" diff --annotate github --max-increase 50% --max-increase 0.05MiB "${Z[@]}" >/dev/null 2>"$TMP/z.gh"
ok "... CSV: remember's delta_percent is empty, its delta_mib $rn; load's $lpct" \
    test "$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
                     { printf "%s=%s/%s ", $2, $c["delta_mib"], $c["delta_percent"] }' "$TMP/z.csv")" = "remember=$rn/ load=$(awk -v a="$lo" -v b="$ln" 'BEGIN { printf "%.3f", b - a }')/$lpct "
ok "... JSON: null, and the delta" \
    test "$(jq -r '.functions[] | select(.function == "remember") | .net | "\(.delta_percent) \(.delta_mib)"' "$TMP/z.json")" = "null $rn"
ok "... Markdown: n/a" grep -qE "^\| remember \| .* \| \+$rn \| n/a \| ok \|\$" "$TMP/z.md"
ok "... JUnit and GitHub: no percentage of 0, never inf or n/a%" \
    sh -c "grep -q 'no percentage of 0' '$TMP/z.xml' && grep -q 'no percentage of 0' '$TMP/z.gh' &&
           ! grep -qiE 'inf|n/a%' '$TMP/z.xml' '$TMP/z.gh' '$TMP/z.md' '$TMP/z.csv' '$TMP/z.json'"
zero=$(for f in parse_headers read_rows build_index write_report; do
           [ "$(metric $D/sizes_old.log $f net):$(metric $D/sizes_new.log $f net)" = 0:0 ] && echo $f
       done | sort | tr '\n' ' ')
[ -n "$zero" ] || bail_out "no function of the sizes captures has a net of 0 on both sides"
"$MEMFOLD" diff -f csv --metric net $D/sizes_old.log $D/sizes_new.log >"$TMP/zz.csv"
"$MEMFOLD" diff -f json --metric net $D/sizes_old.log $D/sizes_new.log >"$TMP/zz.json"
ok "... and 0 -> 0 is 0.0%, not n/a ($zero): CSV 0.0, JSON 0" \
    test "$(awk -F, 'NR > 1 && $11 + 0 == 0 && $12 == "0.0" { print $2 }' "$TMP/zz.csv" | sort | tr '\n' ' ')" = "$zero" -a \
         "$(jq -r '[.functions[] | select(.net.delta_percent == 0) | .function] | sort | join(" ")' "$TMP/zz.json") " = "$zero"

# ---- 5. .dat: no net ----------------------------------------------------------------------
"$MEMFOLD" diff --metric net $G/mprof_old.dat $G/mprof_new.dat >"$TMP/dat.txt"
ok ".dat --metric net: the net cells are empty (FUNCTION FILE CALLS CALLS STATUS, nothing else)" \
    test "$(rows "$TMP/dat.txt" | awk '{ print NF ":" $3 $4 $5 }' | sort -u)" = "5:11ok"
ok "... and the verdict says no net was known" grep -qE ', 2 with no net known on both sides: PASSED$' "$TMP/dat.txt"
"$MEMFOLD" diff -f csv --metric net $G/mprof_old.dat $G/mprof_new.dat >"$TMP/dat.csv"
"$MEMFOLD" diff -f json --metric net $G/mprof_old.dat $G/mprof_new.dat >"$TMP/dat.json"
ok "... CSV: old_net_mib and new_net_mib empty; JSON: null" \
    sh -c "[ \"\$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[\$i] = i; next } { print \$c[\"old_net_mib\"] \$c[\"new_net_mib\"] \":\" }' '$TMP/dat.csv' | sort -u)\" = ':' ] &&
           [ \"\$(jq -c '[.functions[].net | [.old, .new, .delta_mib]] | unique' '$TMP/dat.json')\" = '[[null,null,null]]' ]"

# ---- 6. -q: the failing rows and the verdict --------------------------------------------
S=($D/sizes_old.log $D/sizes_new.log)
"$MEMFOLD" diff --metric rise --max-increase 10% "${S[@]}" >"$TMP/full.txt"
"$MEMFOLD" diff -q --metric rise --max-increase 10% "${S[@]}" >"$TMP/q.txt"
want=$(for f in parse_headers read_rows build_index write_report; do
           o=$(metric $D/sizes_old.log $f rise) n=$(metric $D/sizes_new.log $f rise)
           awk -v f=$f -v o="$o" -v n="$n" 'BEGIN { if (n - o > o * 0.10) print f }'
       done | tr '\n' ' ')
[ -n "$want" ] || bail_out "awk finds no function over +10% in the sizes captures"
rows "$TMP/q.txt" >"$TMP/q.rows"
rows "$TMP/full.txt" | awk '$NF ~ /^(OVER|ADDED|REMOVED|ambiguous)$/' >"$TMP/full.failing"
ok "-q: the rows are the full table's failing ones ($want)" \
    test "$(awk '{ printf "%s ", $1 }' "$TMP/q.rows")" = "$want"
same "... line for line (awk on the full table's STATUS)" "$TMP/full.failing" "$TMP/q.rows"
ok "... then the same verdict line" sh -c "[ -s '$TMP/q.txt' ] && [ \"\$(tail -n 1 '$TMP/q.txt')\" = \"\$(tail -n 1 '$TMP/full.txt')\" ]"
status_is 0 -o 'PASSED$' "-q with nothing failing: exit 0 ..." \
    "$MEMFOLD" diff -q --metric rise --max-increase 500% "${S[@]}"
ok "... and the verdict line alone" \
    sh -c "[ \$(wc -l <'$TMP/stdout') = 1 ] && grep -qE '^4 functions compared by rise \(\+500%\).*: PASSED\$' '$TMP/stdout'"

# ---- 7. --top and --sort delta ------------------------------------------------------------
"$MEMFOLD" diff --metric rise --sort delta "${S[@]}" >"$TMP/sorted.txt"
want=$(for f in parse_headers read_rows build_index write_report; do
           o=$(metric $D/sizes_old.log $f rise) n=$(metric $D/sizes_new.log $f rise)
           awk -v f=$f -v o="$o" -v n="$n" 'BEGIN { d = n - o; print (d < 0 ? -d : d), f }'
       done | sort -s -k1,1nr | awk '{ printf "%s ", $2 }')
ok "--sort delta: largest |delta| first ($want)" \
    test "$(rows "$TMP/sorted.txt" | awk '{ printf "%s ", $1 }')" = "$want"
rows "$TMP/sorted.txt" | awk '{ d = $6; sub(/^[+-]/, "", d); print d }' >"$TMP/deltas"
ok "... the DELTA column is in order (sort -c)" \
    sh -c "[ \$(wc -l <'$TMP/deltas') = 4 ] && sort -c -nr '$TMP/deltas'"
"$MEMFOLD" diff --metric rise --sort delta --top 2 --max-increase 10% "${S[@]}" >"$TMP/top.txt"
ok "--top 2: the first two of --sort delta, and how many more" \
    test "$(rows "$TMP/top.txt" | awk '{ printf "%s ", $1 }')" = "$(echo "$want" | cut -d' ' -f1-2) " -a \
         "$(grep -c '^\.\.\. and 2 more functions (--top 2)$' "$TMP/top.txt")" = 1
ok "... the verdict is still over all four" \
    grep -qE '^4 functions compared by rise .*: FAILED: 2 functions over the limit' "$TMP/top.txt"
"$MEMFOLD" diff -f json --metric rise --sort delta --top 2 "${S[@]}" >"$TMP/top.json"
ok "... JSON: two functions, left_out 2, in the same order" \
    test "$(jq -r '"\([.functions[].function] | join(" ")) \(.left_out)"' "$TMP/top.json")" = "$(echo "$want" | cut -d' ' -f1-2) 2"
status_is 2 -e "unknown sort key 'size' for diff \\(first, delta, percent, name, peak, mean, net, rise\\)" \
    "--sort size: a usage error listing the keys" "$MEMFOLD" diff --sort size "${S[@]}"
