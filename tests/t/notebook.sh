#!/usr/bin/env bash
# Jupyter notebooks as input: every table in a code cell's outputs or a
# markdown cell of a real executed notebook (tests/corpus/notebooks/) is
# read, diagnostics name the notebook, the cell and the line in the cell,
# and a broken notebook is an error in the input.  What each notebook
# holds is read from its JSON with jq, not with memfold.
. "$(dirname "$0")/lib.sh"
plan 32

NB=$CORPUS/notebooks
command -v jq >/dev/null || skip_all "jq is not installed"

# The text of a notebook as a person sees it, with jq: every markdown
# cell's source and every code output's text (stream text, text/plain),
# one piece after the other, an empty line between them.
nb_text() {
    jq -r '.cells[] | if .cell_type == "markdown" then .source
        elif .cell_type == "code" then (.outputs[] | .text // .data["text/plain"] // empty)
        else empty end
        | (if type == "array" then join("") else . end), ""' "$1"
}

# The tables of a report, one line each: "function measured-rows peak",
# found by their header line, their rows by a line number first.
tables() {
    awk '/^ *Line # +Mem usage +Increment/ { n++; t = 1; fn[n] = "-"; rows[n] = 0; peak[n] = ""; next }
         t && /^=+ *$/ { next }
         t && /^ *[0-9]+( |$)/ {
             if ($3 == "MiB" && $5 == "MiB") {
                 rows[n]++
                 if (peak[n] == "" || $2 + 0 > peak[n] + 0) peak[n] = $2
             }
             if (fn[n] == "-" && match($0, /def [A-Za-z_][A-Za-z_0-9]*\(/))
                 fn[n] = substr($0, RSTART + 4, RLENGTH - 5)
             next
         }
         { t = 0 }
         END { for (i = 1; i <= n; i++) print fn[i], rows[i], peak[i] }'
}

# The blocks memfold read, the same way: from `memfold lines -f csv`
# (columns found by name; the contents, last, may hold commas).
read_tables() {
    "$MEMFOLD" lines -f csv "$@" 2>/dev/null | awk -F, '
        NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $col["block"] ~ /^[0-9]+$/ && $col["mem_mib"] != "" {
            b = $col["block"] + 0
            if (!(b in rows)) { order[++n] = b; fn[b] = $col["function"]; rows[b] = 0; peak[b] = "" }
            rows[b]++
            if (peak[b] == "" || $col["mem_mib"] + 0 > peak[b] + 0) peak[b] = $col["mem_mib"]
        }
        END { for (i = 1; i <= n; i++) print fn[order[i]], rows[order[i]], peak[order[i]] }'
}

# ---- what the notebooks hold (the corpus, not memfold) ------------------------
nb_text "$NB/mprun.ipynb" | tables >"$TMP/mprun.want"
nb_text "$NB/profile_calls.ipynb" | tables >"$TMP/calls.want"
[ "$(wc -l <"$TMP/mprun.want")" -eq 4 ] || bail_out "mprun.ipynb: 4 tables expected, jq finds $(wc -l <"$TMP/mprun.want")"
[ "$(wc -l <"$TMP/calls.want")" -eq 3 ] || bail_out "profile_calls.ipynb: 3 tables expected"
# the plain %mprun (cell 4): its report went to the pager, not into the notebook
jq -e '.cells[3].source | join("") | test("^%mprun -f f")' "$NB/mprun.ipynb" >/dev/null &&
    ! jq -r '.cells[3].outputs[].text | join("")' "$NB/mprun.ipynb" | grep -q 'Line #' ||
    bail_out "cell 4 of mprun.ipynb is not the %mprun whose report is not stored"

# ---- every table is read ------------------------------------------------------
read_tables "$NB/mprun.ipynb" >"$TMP/mprun.got"
same "mprun.ipynb: every table (-T printed, pasted in markdown, display_data, execute_result)" \
    "$TMP/mprun.want" "$TMP/mprun.got"
read_tables "$NB/profile_calls.ipynb" >"$TMP/calls.got"
same "profile_calls.ipynb: every @profile report printed in the cells" "$TMP/calls.want" "$TMP/calls.got"
check_clean "check --strict: a real executed notebook is clean" --strict "$NB/mprun.ipynb"
check_clean "check --strict: the @profile notebook too" --strict "$NB/profile_calls.ipynb"
status_is 0 -o '^g +3 +21 ' "summary: g, 3 calls and 21 rows in profile_calls.ipynb" \
    "$MEMFOLD" summary "$NB/profile_calls.ipynb"
status_is 0 -o "^$NB/mprun.ipynb,1," "lines: the blocks' source is the notebook" \
    "$MEMFOLD" lines -f csv "$NB/mprun.ipynb"

# by content, not by name
cp "$NB/mprun.ipynb" "$TMP/run.log"
read_tables "$TMP/run.log" >"$TMP/renamed.got"
same "a notebook named run.log is read as a notebook" "$TMP/mprun.want" "$TMP/renamed.got"
cp "$CORPUS/basic_calls.log" "$TMP/report.ipynb"
status_is 0 -o '^make_list +2 ' "a report named .ipynb is read as a report" \
    "$MEMFOLD" summary "$TMP/report.ipynb"
# gzip'd, as every input may be
gzip -c "$NB/mprun.ipynb" >"$TMP/mprun.ipynb.gz"
read_tables "$TMP/mprun.ipynb.gz" >"$TMP/gz.got"
same "a gzip'd notebook is read" "$TMP/mprun.want" "$TMP/gz.got"
# a multi-line string as one string, not a list of lines (nbformat allows both)
jq '(.cells[] | .source) |= (if type == "array" then join("") else . end)
    | (.cells[] | select(.outputs) | .outputs[] | .text // empty) |= join("")
    | (.cells[] | select(.outputs) | .outputs[] | .data["text/plain"] // empty) |= join("")' \
    "$NB/mprun.ipynb" >"$TMP/strings.ipynb"
jq -e '.cells[5].outputs[0].text | type == "string"' "$TMP/strings.ipynb" >/dev/null ||
    bail_out "strings.ipynb still has lists"
read_tables "$TMP/strings.ipynb" >"$TMP/strings.got"
same "text kept as one string is read the same" "$TMP/mprun.want" "$TMP/strings.got"

# ---- diagnostics name the notebook, the cell and the line in the cell ----------
# cell 6 (print of the -T file), line 7 of its output: the row of line 11
row=$(jq -r '.cells[5].outputs[0].text[6]' "$NB/mprun.ipynb")
case $row in "    11 "*" MiB "*) ;; *) bail_out "cell 6, line 7 is not the row of line 11: $row" ;; esac
col=$(awk -v s="$row" 'BEGIN { i = index(s, "MiB"); j = index(substr(s, i + 3), "MiB"); print i + 2 + j }')
jq --argjson c "$col" '.cells[5].outputs[0].text[6] |= (.[0:$c - 1] + "KiB" + .[$c + 2:])' \
    "$NB/mprun.ipynb" >"$TMP/dmg.ipynb"
jq -r '.cells[5].outputs[0].text[6]' "$TMP/dmg.ipynb" | grep -q ' KiB ' || bail_out "the row was not damaged"
cd "$TMP" || bail_out "no $TMP"
status_is 1 -e "^dmg\.ipynb:cell 6:7:$col: error: .*\[-Wunit\]" \
    "a damaged row of an output: dmg.ipynb:cell 6:7:$col, the cell and the line in it" \
    "$MEMFOLD" check dmg.ipynb
status_is 1 "... the same in JSON: file \"NAME:cell N\", line in the cell" \
    "$MEMFOLD" check --diagnostics-format=json dmg.ipynb
first_diag_at() {   # FILE LINE COLUMN: the first JSON diagnostic is there
    [ -s "$TMP/stderr" ] && jq -e --arg f "$1" --argjson l "$2" --argjson c "$3" \
        '.[0] | .file == $f and .line == $l and .column == $c' "$TMP/stderr" >/dev/null
}
ok "... file dmg.ipynb:cell 6, line 7, column $col" first_diag_at "dmg.ipynb:cell 6" 7 "$col"
status_is 1 -o '^f +2 +10 ' "summary: the damaged table is left out, the others read (f: 2 calls)" \
    "$MEMFOLD" summary dmg.ipynb
# a markdown cell: the line of its source (cell 8: a list of lines)
mdline=$(jq -r '.cells[7].source | to_entries[] | select(.value | test("^ +19 ")) | .key + 1' "$NB/mprun.ipynb")
[ -n "$mdline" ] || bail_out "no row of line 19 in cell 8"
jq --argjson i "$((mdline - 1))" '.cells[7].source[$i] |= sub("MiB"; "MB")' "$NB/mprun.ipynb" >md.ipynb
status_is 1 -e "^md\.ipynb:cell 8:$mdline:[0-9]+: error: " \
    "a damaged row pasted in markdown: md.ipynb:cell 8:$mdline (its line in the cell's source)" \
    "$MEMFOLD" check md.ipynb
# a code cell with two outputs: lines counted over its outputs as shown
n0=$(jq -r '.cells[8].outputs[0].text | join("") | split("\n") | length - 1' "$NB/mprun.ipynb")
jq -e '.cells[8].outputs[1].output_type == "display_data"' "$NB/mprun.ipynb" >/dev/null ||
    bail_out "cell 9's second output is not display_data"
k=$(jq -r '.cells[8].outputs[1].data["text/plain"] | to_entries[] | select(.value | test("^ +12 ")) | .key' "$NB/mprun.ipynb")
jq --argjson i "$k" '.cells[8].outputs[1].data["text/plain"][$i] |= sub("MiB"; "GiB")' \
    "$NB/mprun.ipynb" >two.ipynb
status_is 1 -e "^two\.ipynb:cell 9:$((n0 + k + 1)):[0-9]+: error: " \
    "the second output of a cell: two.ipynb:cell 9:$((n0 + k + 1)) ($n0 lines of the first + its line $((k + 1)))" \
    "$MEMFOLD" check two.ipynb
# --pure: text outside the tables is named by cell too (cell 7, line 1 of
# its source: the %memit line, read so that its result gets its statement)
cp "$NB/mprun.ipynb" mprun.ipynb
status_is 0 -e '^mprun\.ipynb:cell 7:1:1: warning: .*\[-Wforeign-text\]' \
    "--pure: the %memit line of cell 7, line 1" "$MEMFOLD" check --pure mprun.ipynb
# the %memit result of cell 7: its statement (from the cell's source) and cell
stmt=$(jq -r '.cells[6].source | if type == "array" then join("") else . end' mprun.ipynb | sed -n 's/^%memit //p')
peak=$(jq -r '.cells[6].outputs[].text | if type == "array" then join("") else . end' mprun.ipynb | sed -n 's/^peak memory: \([0-9.]*\) MiB.*/\1/p')
[ -n "$stmt" ] && [ -n "$peak" ] || bail_out "cell 7 of mprun.ipynb holds no %memit"
"$MEMFOLD" summary -f json mprun.ipynb >memit.json 2>/dev/null
[ -s memit.json ] || echo '{}' >memit.json   # (jq -e passes an empty input)
ok "the %memit result of cell 7: peak $peak, statement '$stmt', at mprun.ipynb:cell 7:1" \
    jq -e --arg s "$stmt" --argjson p "$peak" \
    '[.memit[] | [.statement, .peak_mib, .source, .line]] == [[$s, $p, "mprun.ipynb:cell 7", 1]]' memit.json

# ---- a broken notebook is an error in the input --------------------------------
head -c 3000 mprun.ipynb >broken.ipynb
status_is 1 -e '^broken\.ipynb:[0-9]+:[0-9]+: error: a broken notebook: its JSON is not valid' \
    "a notebook cut short: exit 1, the file, the JSON line and column" "$MEMFOLD" summary broken.ipynb
status_is 1 -e '^broken\.ipynb:[0-9]+:[0-9]+: error: .*\[-Wnotebook\]' \
    "... check says the same" "$MEMFOLD" check broken.ipynb
one_notebook_error() { [ "$(grep -c '\[-W' "$TMP/stderr")" -eq 1 ] && grep -q '\[-Wnotebook\]$' "$TMP/stderr"; }
ok "... and nothing else (no 'no report' on top)" one_notebook_error
head -c 1000 "$TMP/mprun.ipynb.gz" >cut.ipynb.gz
status_is 1 -e '^cut\.ipynb\.gz: error: .*\[-Wtruncated\]' \
    "a gzip'd notebook cut short: the notebook error and the truncated data" "$MEMFOLD" summary cut.ipynb.gz
ok "... the notebook's error first" grep -q '^cut\.ipynb\.gz:[0-9]*:[0-9]*: error: a broken notebook' "$TMP/stderr"
echo '{"metadata": {}, "nbformat": 3, "nbformat_minor": 0, "worksheets": []}' >v3.ipynb
status_is 1 -e '^v3\.ipynb: error: a notebook of nbformat 3' "nbformat 3: an error that says so" \
    "$MEMFOLD" summary v3.ipynb
echo '{"cells": {}, "nbformat": 4}' >nocells.ipynb
status_is 1 -e '^nocells\.ipynb: error: not a Jupyter notebook: "cells" is not a list' \
    "\"cells\" that is not a list" "$MEMFOLD" summary nocells.ipynb
jq '.cells[5].outputs[0].text = 5' mprun.ipynb >badout.ipynb
status_is 1 -e '^badout\.ipynb:cell 6: error: output 1 \(stream\): "text" is not a string' \
    "an output of the wrong shape: an error naming its cell" "$MEMFOLD" summary badout.ipynb
ok "... and the other tables are read (f: 2 calls, 10 rows)" \
    grep -qE '^f +2 +10 ' "$TMP/stdout"
status_is 1 -e '^mprun\.ipynb: error: a notebook is read whole, up to 100 bytes' \
    "a notebook larger than the JSON limit: an error" env MEMFOLD_MAX_JSON_BYTES=100 "$MEMFOLD" summary mprun.ipynb

# ---- a notebook with no report is any input with no report ----------------------
cp "$NB/no_report.ipynb" .
nb_text no_report.ipynb >no_report.txt
grep -q 'Line #' no_report.txt && bail_out "no_report.ipynb holds a table"
"$MEMFOLD" summary no_report.txt >/dev/null 2>want.err
want=$?
status_is "$want" -e '^no_report\.ipynb: (warning|error): ' \
    "no report in a notebook: exit $want, as for its text alone" "$MEMFOLD" summary no_report.ipynb
same_check() { grep -o '\[-W[a-z-]*\]' "$TMP/stderr" >got.w; grep -o '\[-W[a-z-]*\]' want.err >want.w; }
same_check
same "... and the same check says so" want.w got.w
"$MEMFOLD" check no_report.txt 2>/dev/null
status_is $? -e '^no_report\.ipynb: ' "check: the same exit status as for its text" \
    "$MEMFOLD" check no_report.ipynb
# its text is read as text: cell 3 printed "total 45"
jq -e '.cells[1].outputs[0].text | join("") == "total 45\n"' no_report.ipynb >/dev/null ||
    bail_out "cell 2 of no_report.ipynb did not print 'total 45'"
"$MEMFOLD" check --pure no_report.ipynb 2>pure.err   # (its exit status: as above)
ok "--pure: its text is named by cell (cell 2, line 1: total 45)" \
    grep -q '^no_report\.ipynb:cell 2:1:1: warning: text outside the report blocks' pure.err
