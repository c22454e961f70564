#!/usr/bin/env bash
# memfold plot: each kind of picture for corpus inputs is well-formed SVG
# holding what it should; where Chromium is installed, it is also loaded
# headless and screenshotted.  The pictures are made afresh in a temporary
# directory, and copied to build/plots/ (emptied first) to look at.
. "$(dirname "$0")/lib.sh"
plan 21
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
ok "children: a line per child process" test "$(grep -c '>child [0-9]*<' "$OUT/children.svg")" = 2
status_is 2 -O -e "no measured call of a function named 'nosuch'" "--function naming no function is a usage error" \
    "$MEMFOLD" plot --function nosuch tests/corpus/negative.log
status_is 2 -O -e "reports and .dat files do not mix" "reports and .dat files do not mix" \
    "$MEMFOLD" plot tests/corpus/negative.log tests/corpus/mprof_func.dat

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
