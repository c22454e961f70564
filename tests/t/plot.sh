#!/usr/bin/env bash
# memfold plot: each kind of picture for corpus inputs is well-formed SVG
# holding what it should; where Chromium is installed, it is also loaded
# headless and screenshotted (the PNGs are kept in build/plots/ to look at).
. "$(dirname "$0")/lib.sh"
mkdir -p build/plots
OUT=build/plots

"$MEMFOLD" plot -o $OUT/functions.svg tests/corpus/basic_calls.log tests/corpus/negative.log
ok "functions: written" test -s $OUT/functions.svg
"$MEMFOLD" plot --function alloc_and_free -o $OUT/rows.svg tests/corpus/negative.log
"$MEMFOLD" plot --function tabbed -o $OUT/rows-tabs.svg tests/corpus/indentation.log
"$MEMFOLD" plot -o $OUT/timeline.svg tests/corpus/mprof_func.dat
"$MEMFOLD" plot -o $OUT/children.svg tests/corpus/mprof_multiprocess.dat
for f in functions rows rows-tabs timeline children; do
    if command -v xmllint >/dev/null; then
        ok "$f: well-formed XML (xmllint)" xmllint --noout $OUT/$f.svg
    else
        ok "$f: well-formed XML (python)" python3 -c 'import sys, xml.dom.minidom as m; m.parse(sys.argv[1])' $OUT/$f.svg
    fi
done
# one bar per measured function, in order of peak
ok "functions: a bar for each of the 4 functions" \
    test "$(grep -c 'height="18.0" fill="#1f77b4"' $OUT/functions.svg)" = 4
ok "functions: sorted by peak (alloc_and_free first)" \
    test "$(grep -o '>[a-z_]*  [a-z_]*\.py:[0-9]*<' $OUT/functions.svg | head -1)" = ">alloc_and_free  negative.py:5<"
ok "rows: a step for each measured line, the source text alongside" \
    grep -q '>    buf = bytearray(150 \* 1024 \* 1024)<' $OUT/rows.svg
ok "rows: tabs in the source are shown as spaces" grep -q '>    s = &quot;naïve' $OUT/rows-tabs.svg
ok "timeline: the peak is marked with mprof's value" grep -q '>peak 41.625 MiB<' $OUT/timeline.svg
ok "timeline: a lane per profiled function" \
    test "$(grep -c '>__main__\.\(inner\|outer\)<' $OUT/timeline.svg)" = 2
ok "children: a line per child process" test "$(grep -c '>child [0-9]*<' $OUT/children.svg)" = 2
status_is 2 "--function naming no function is a usage error" \
    "$MEMFOLD" plot --function nosuch tests/corpus/negative.log
status_is 2 "reports and .dat files do not mix" \
    "$MEMFOLD" plot tests/corpus/negative.log tests/corpus/mprof_func.dat

CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -n "$CHROME" ]; then
    for f in functions rows timeline children; do
        rm -f $OUT/$f.png
        timeout 60 "$CHROME" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$TMP/chrome-$f" --hide-scrollbars --window-size=800,700 \
            --screenshot="$PWD/$OUT/$f.png" "file://$PWD/$OUT/$f.svg" >/dev/null 2>&1
        ok "$f: Chromium renders it (screenshot $OUT/$f.png)" test -s $OUT/$f.png
    done
else
    skip "Chromium is not installed: no screenshots (apt-get install chromium)"
fi
