#!/usr/bin/env bash
# The filter chain (src/core/filter.h: logging prefixes, quoting prefixes,
# interleaved writers) across its buffers.  Each filter passes bytes on in
# bulk, straight into the next one's buffer, and answers origins for runs
# of lines; where a read ends is where a bulk run stops, so a prefix, a
# quoted table or a logged record is cut by a read somewhere in a log of a
# few MB.  A generated log (tests/bench/genlog.c, 3 MB) is read plain,
# with every line quoted by "# " and with every line written through
# Python's logging as LogFile does:
#   - the quoted and the logged one sum up (summary -f json) as the plain
#     one does: no table lost or misread at a buffer's end;
#   - each one gives the same `lines -f csv` and the same diagnostics
#     (lines, columns, text) from the file as through a pipe fed 1000
#     bytes at a time (other reads, other places to cut).
. "$(dirname "$0")/lib.sh"
plan 8

cc -O2 -o "$TMP/genlog" "$ROOT/tests/bench/genlog.c" || bail_out "genlog does not build"
# cut short, in a block: a diagnostic to compare at the end of each
"$TMP/genlog" 3 | head -c 2999000 >"$TMP/plain.log" || bail_out "genlog failed"
awk '{ print "# " $0 }' "$TMP/plain.log" >"$TMP/hash.log"
awk '{ printf "2026-11-24 03:39:50,646 - memory_profile_log - INFO - %s\n\n", $0 }' \
    "$TMP/plain.log" >"$TMP/logged.log"
[ "$(wc -c <"$TMP/plain.log")" -gt 2000000 ] || bail_out "the generated log is too short"

# summary -f json but the line naming the input
summary() { "$MEMFOLD" summary -f json "$1" 2>/dev/null | grep -v '"path": '; }
summary "$TMP/plain.log" >"$TMP/plain.json"
grep -q '"calls": ' "$TMP/plain.json" || bail_out "no function summed up in the plain log"
for v in hash logged; do
    summary "$TMP/$v.log" >"$TMP/$v.json"
    if cmp -s "$TMP/plain.json" "$TMP/$v.json"; then
        pass "$v: sums up as the plain log does"
    else
        diff "$TMP/plain.json" "$TMP/$v.json" | head -10
        fail "$v: sums up as the plain log does"
    fi
done

for v in plain hash logged; do
    f=$TMP/$v.log
    "$MEMFOLD" lines -f csv "$f" 2>/dev/null | sed "s|^$f,|-,|" >"$TMP/$v.file.csv"
    dd if="$f" bs=1000 status=none | "$MEMFOLD" lines -f csv - >"$TMP/$v.pipe.csv" 2>/dev/null
    if [ "$(grep -c '^-,' "$TMP/$v.file.csv")" -gt 20000 ] && cmp -s "$TMP/$v.file.csv" "$TMP/$v.pipe.csv"; then
        pass "$v: lines -f csv, the same from the file and through a pipe"
    else
        fail "$v: lines -f csv, the same from the file and through a pipe"
    fi
    "$MEMFOLD" check "$f" 2>&1 | sed "s|^$f:|-:|" >"$TMP/$v.file.diag"
    dd if="$f" bs=1000 status=none | "$MEMFOLD" check - >"$TMP/$v.pipe.diag" 2>&1
    if grep -q '^-:[0-9]*:[0-9]*: ' "$TMP/$v.file.diag" && cmp -s "$TMP/$v.file.diag" "$TMP/$v.pipe.diag"; then
        pass "$v: check, the same diagnostics from the file and through a pipe"
    else
        diff "$TMP/$v.file.diag" "$TMP/$v.pipe.diag" | head -10
        fail "$v: check, the same diagnostics from the file and through a pipe"
    fi
done
