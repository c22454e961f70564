#!/usr/bin/env bash
# memfold plot: each kind of picture for corpus inputs is well-formed SVG
# holding what it should; where Chromium is installed, it is also loaded
# headless and screenshotted.  The pictures are made afresh in a temporary
# directory, and copied to build/plots/ (emptied first) to look at.
. "$(dirname "$0")/lib.sh"
plan 65
OUT=$TMP/plots
mkdir -p "$OUT"

# picture NAME ARGS...: memfold plot ARGS -o NAME.svg exits 0 and writes
# well-formed XML.
picture() {
    local name=$1 st; shift
    "$MEMFOLD" plot -o "$OUT/$name.svg" "$@"
    st=$?
    if command -v xmllint >/dev/null; then
        ok "$name: exit $st, well-formed XML (xmllint)" \
            sh -c "[ $st -eq 0 ] && [ -s '$OUT/$name.svg' ] && xmllint --noout '$OUT/$name.svg'"
    else
        ok "$name: exit $st, well-formed XML (python)" \
            sh -c "[ $st -eq 0 ] && python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' '$OUT/$name.svg'"
    fi
}
picture functions tests/corpus/basic_calls.log tests/corpus/negative.log
picture rows --function alloc_and_free tests/corpus/negative.log
picture rows-tabs --function tabbed tests/corpus/indentation.log
picture timeline tests/corpus/mprof_func.dat
picture children tests/corpus/mprof_multiprocess.dat
rm -rf build/plots && mkdir -p build/plots && cp "$OUT"/*.svg build/plots/ 2>/dev/null
# one bar per measured function, in order of peak
ok "functions: a bar for each of the 4 functions" \
    test "$(grep -c 'height="18.0" fill="#1f77b4"' "$OUT/functions.svg")" = 4
ok "functions: sorted by peak (alloc_and_free first)" \
    test "$(grep -o '>[a-z_]*  [a-z_]*\.py:[0-9]*<' "$OUT/functions.svg" | head -1)" = ">alloc_and_free  negative.py:5<"
ok "rows: a step for each measured line, the source text alongside" \
    grep -q '>    buf = bytearray(150 \* 1024 \* 1024)<' "$OUT/rows.svg"
ok "rows: tabs in the source are shown as spaces" grep -q '>    s = &quot;naïve' "$OUT/rows-tabs.svg"
ok "timeline: the peak is marked with mprof's value" grep -q '>peak 41.625 MiB<' "$OUT/timeline.svg"
ok "timeline: a lane per profiled function" \
    test "$(grep -c '>__main__\.\(inner\|outer\)<' "$OUT/timeline.svg")" = 2
ok "children: a line per child process, numbered, with its pid" \
    test "$(grep -cE '>child [12] \(pid [0-9]+\)<' "$OUT/children.svg")" = 2
status_is 2 -O -e "no measured call of a function named 'nosuch'" "--function naming no function is a usage error" \
    "$MEMFOLD" plot --function nosuch tests/corpus/negative.log
ok "... and the functions the reports have are listed" \
    grep -q "^memfold: the functions of the reports (nearest first): .*alloc_and_free" "$TMP/stderr"
status_is 2 -O -e "^memfold: did you mean 'alloc_and_free'\?$" "--function with a typo: did you mean" \
    "$MEMFOLD" plot --function alloc_and_fre tests/corpus/negative.log
ok "... the nearest name first in the list" \
    grep -q "^memfold: the functions of the reports (nearest first): alloc_and_free, shrink_in_loop$" "$TMP/stderr"
# --function on a .dat: it is for reports; a .dat's calls (FUNC) can be picked
status_is 2 -O -e "^memfold: --function draws a function of memory_profiler reports line by line; a .dat file has no lines" \
    "--function on a .dat naming no call: --function is for reports" \
    "$MEMFOLD" plot --function nosuch tests/corpus/mprof_func.dat
ok "... and the calls the .dat has are listed" \
    grep -qE "^memfold: the calls in the .dat files \(nearest first\): __main__\.(inner|outer), __main__\.(inner|outer)$" "$TMP/stderr"
status_is 0 -o '>__main__\.inner<' "--function inner on a .dat: the timeline with that function's calls" \
    "$MEMFOLD" plot --function inner tests/corpus/mprof_func.dat
ok "... only its calls (no lane of __main__.outer)" \
    sh -c "grep -q '>__main__\.inner<' '$TMP/stdout' && ! grep -q '>__main__\.outer<' '$TMP/stdout'"
status_is 2 -O -e "reports and .dat files do not mix" "reports and .dat files do not mix" \
    "$MEMFOLD" plot tests/corpus/negative.log tests/corpus/mprof_func.dat

# ---- issue 16: pictures that read well -------------------------------------
# Real captures in tests/plot/ (see its README): small_steps.log (increments
# of 1-3 MiB over a 46.5 MiB baseline), many_functions.log (260 @profile
# functions), run_a.dat and run_b.dat (`mprof run -T 0.02`, run_b with -M:
# two children).  Expected values come from the raw files by awk.
P=tests/plot
CHECK="python3 $P/check.py"
picture steps --function small_steps $P/small_steps.log
picture overlay $P/run_a.dat $P/run_b.dat
picture many $P/many_functions.log
cp "$OUT"/*.svg build/plots/ 2>/dev/null

# every kind of picture, at every width from 300 to 10000: tick labels on
# one line never overlap (their text widths estimated by check.py)
ticks_ok() {
    local w
    for w in 300 512 800 1500 4000 10000; do
        "$MEMFOLD" plot -q --width $w -o "$TMP/w.svg" "$@" && $CHECK ticks "$TMP/w.svg" >/dev/null || {
            $CHECK ticks "$TMP/w.svg"; echo "  at width $w"; return 1; }
    done
}
ok "ticks: report bars, labels apart at widths 300..10000" ticks_ok tests/corpus/basic_calls.log tests/corpus/negative.log
ok "ticks: --function alloc_and_free (-160..160 MiB), labels apart at 300..10000" \
    ticks_ok --function alloc_and_free tests/corpus/negative.log
ok "ticks: --function small_steps, labels apart at 300..10000" ticks_ok --function small_steps $P/small_steps.log
ok "ticks: a .dat timeline, labels apart at 300..10000" ticks_ok tests/corpus/mprof_func.dat
ok "ticks: two .dat files overlaid, labels apart at 300..10000" ticks_ok $P/run_a.dat $P/run_b.dat
ok "ticks: 260 functions, labels apart at 300..10000" ticks_ok $P/many_functions.log

# --function: each bar labelled with its increment as the report prints it,
# with its sign; the first row (the memory at entry) is a note, not a bar
bar_labels() {   # LOG BLOCK: the increments of block BLOCK but its first row, signed
    awk -v blk="$2" '/^Filename/ { b++ } b == blk && $3 == "MiB" && $5 == "MiB" {
        if (n++ == 0) next
        v = $4; if (v + 0 > 0) v = "+" v; else if (v + 0 == 0) sub(/^-/, "", v); print v }' "$1"
}
baseline() {   # LOG BLOCK: "baseline X MiB" of the block's first measured row
    awk -v blk="$2" '/^Filename/ { b++ } b == blk && $3 == "MiB" && $5 == "MiB" && !n++ { print "baseline " $4 " MiB" }' "$1"
}
bar_labels $P/small_steps.log 1 >"$TMP/want"
$CHECK list "$OUT/steps.svg" bar-value >"$TMP/got"
ok "steps: a label on each bar, the report's value with its sign ($(tr '\n' ' ' <"$TMP/want"))" \
    sh -c "[ \$(wc -l <'$TMP/want') = 6 ] && cmp -s '$TMP/want' '$TMP/got'"
bar_labels tests/corpus/negative.log 1 >"$TMP/want"
$CHECK list "$OUT/rows.svg" bar-value >"$TMP/got"
ok "rows: the same for alloc_and_free ($(tr '\n' ' ' <"$TMP/want"))" \
    sh -c "[ \$(wc -l <'$TMP/want') = 6 ] && cmp -s '$TMP/want' '$TMP/got'"
B=$(baseline $P/small_steps.log 1)
ok "steps: the baseline marked apart ('$B')" $CHECK texts "$OUT/steps.svg" baseline "$B"
ok "steps: the increment axis is scaled to the increments (its last tick under 10 MiB, not the ${B#baseline })" \
    $CHECK maxtick "$OUT/steps.svg" inc 0 10
ok "steps: the +3.0 MiB bar is long (over 40 px; scaled to the baseline it was 12)" \
    $CHECK widest "$OUT/steps.svg" '#2ca02c' 40

# two .dat files: overlaid from t = 0, one colour each, named in the legend
peak_of() { awk '$1 == "MEM" && $2 + 0 > m { m = $2 + 0 } END { printf "%.3f", m }' "$1"; }
chld() { awk -v k="$2" '$1 == "CHLD" && !seen[$2]++ && ++n == k { print $2 }' "$1"; }
ok "overlay: the legend names both files with their peaks, and each child of run_b" \
    $CHECK texts "$OUT/overlay.svg" legend "run_a.dat (peak $(peak_of $P/run_a.dat) MiB)" \
    "run_b.dat (peak $(peak_of $P/run_b.dat) MiB)" \
    "run_b.dat child 1 (pid $(chld $P/run_b.dat 1))" "run_b.dat child 2 (pid $(chld $P/run_b.dat 2))"
ok "overlay: two colours, the children dashed in run_b's" \
    sh -c "grep -c 'polyline.*stroke=\"#1f77b4\" stroke-width=\"2.0\"/>' '$OUT/overlay.svg' | grep -qx 1 &&
           grep -c 'polyline.*stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray' '$OUT/overlay.svg' | grep -qx 2"
# from t = 0: each line starts at the left end of the time axis
ok "overlay: both runs start at t = 0 (the first points of the two main lines at the same x)" \
    sh -c "grep 'polyline.*stroke-width=\"2.0\"/>' '$OUT/overlay.svg' | grep -o 'points=\"[0-9.]*' >'$TMP/starts' &&
           [ \$(wc -l <'$TMP/starts') = 2 ] && [ \$(sort -u '$TMP/starts' | wc -l) = 1 ]"
ok "overlay: the time axis spans the longer run, not both end to end (last tick under 2 s)" \
    $CHECK maxtick "$OUT/overlay.svg" time 0 2
mkdir -p "$TMP/x" && cp $P/run_a.dat "$TMP/x/"
status_is 0 -o '>plot/run_a\.dat \(peak' "the same file name in two directories: the legend tells them apart" \
    "$MEMFOLD" plot $P/run_a.dat "$TMP/x/run_a.dat"
ok "... x/run_a.dat for the other" grep -q '>x/run_a\.dat (peak' "$TMP/stdout"

# 260 functions: --top 30 by default, saying how many are left out, axis on top
awk '/^Filename/ { if (b) print p; b = 1; m = 0 } $3 == "MiB" && $2 + 0 > m { m = $2 + 0; p = $2 }
     END { print p }' $P/many_functions.log | sort -gr >"$TMP/peaks"
status_is 0 -e '^memfold: plot: the 30 highest peaks drawn, 230 more functions not shown \(--top 0 for all\)$' \
    "many: 260 functions give 30 bars by default, stderr says 230 are left out" \
    "$MEMFOLD" plot -o "$TMP/many.svg" $P/many_functions.log
ok "many: 260 functions in the capture (awk)" test "$(wc -l <"$TMP/peaks")" = 260
ok "many: the picture says it too" $CHECK texts "$TMP/many.svg" left-out "230 more functions not shown (--top 0 for all)"
head -30 "$TMP/peaks" >"$TMP/want"
$CHECK list "$TMP/many.svg" value | sed 's/ MiB$//' | sort -gr >"$TMP/got"
ok "many: the 30 bars are the 30 highest peaks of the report (awk)" cmp -s "$TMP/want" "$TMP/got"
ok "many: the axis on top too (as many labels as below)" \
    sh -c "[ \$($CHECK list '$TMP/many.svg' tick-top | wc -l) -gt 3 ] &&
           [ \$($CHECK list '$TMP/many.svg' tick-top | wc -l) = \$($CHECK list '$TMP/many.svg' tick | wc -l) ]"
ok "many: the picture is 30 rows high, not 260 (under 1000 px)" \
    sh -c "[ \$(sed -n 's/.*<svg [^>]*height=\"\\([0-9]*\\)\".*/\\1/p' '$TMP/many.svg') -lt 1000 ]"
status_is 0 -E "--top 0: all 260 bars, nothing said" "$MEMFOLD" plot --top 0 -o "$TMP/all.svg" $P/many_functions.log
ok "... 260 bars" $CHECK count "$TMP/all.svg" value 260
status_is 0 "--top 5" "$MEMFOLD" plot --top 5 -o "$TMP/five.svg" $P/many_functions.log
ok "... 5 bars, 255 left out" sh -c "$CHECK count '$TMP/five.svg' value 5 &&
    $CHECK texts '$TMP/five.svg' left-out '255 more functions not shown (--top 0 for all)'"
status_is 2 -O -e "^memfold: --top goes with the bars of reports' functions" "--top with a .dat is a usage error" \
    "$MEMFOLD" plot --top 3 tests/corpus/mprof_func.dat
status_is 2 -O -e "--top takes a number" "--top x is a usage error" "$MEMFOLD" plot --top x tests/corpus/negative.log

# every kind of picture rendered to PNG at 800 px by rsvg-convert (librsvg2-bin),
# copied to build/plots/ to look at
if command -v rsvg-convert >/dev/null; then
    for f in functions steps timeline overlay many; do
        rsvg-convert "$OUT/$f.svg" -o "$OUT/$f.png" 2>"$TMP/rsvg.err"
        ok "$f: rendered to an 800 px wide PNG that is not blank (build/plots/$f.png)" \
            $CHECK png "$OUT/$f.png" 800
        cp "$OUT/$f.png" build/plots/ 2>/dev/null
    done
else
    skip "rsvg-convert is not installed: no PNGs (apt-get install librsvg2-bin)" 5
fi

# A NUL in a source line (valid input): the whole line is drawn -- its text
# after the NUL too, and nothing from past it (the line was copied up to
# the NUL but drawn to its full length: a read past a heap buffer, whose
# bytes ended up in the SVG).
NUL=tests/fuzz/regress/report-nul-source-line.log
check_clean "a NUL in a source line is valid input" "$NUL"
status_is 0 -o '> *x = &quot;a[^<]{1,12}AFTERNUL&quot; \+ &quot;b&quot;<' \
    "plot --function: the source line with a NUL is drawn whole, and only it" \
    "$MEMFOLD" plot --function f "$NUL"
picture rows-nul --function f "$NUL"

CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROME" ]; then
    for f in functions rows timeline children; do
        timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$TMP/chrome-$f" --hide-scrollbars --window-size=800,700 \
            --screenshot="$OUT/$f.png" "file://$OUT/$f.svg" >/dev/null 2>&1
        ok "$f: Chromium renders it (screenshot build/plots/$f.png)" test -s "$OUT/$f.png"
        cp "$OUT/$f.png" build/plots/ 2>/dev/null
    done
else
    skip "Chromium is not installed: no screenshots (apt-get install chromium)" 4
fi
