#!/usr/bin/env bash
# Input errors are input errors in every command: a gzip input that is cut
# short or corrupt makes each command that reads it -- summary, lines,
# check, fmt, plot, diff on either side, merge -- say so in a `truncated`
# diagnostic naming the file, and exit 1 (what came before the damage is
# still used).  diff prints its table, but its verdict fails naming the
# error in the inputs, and it exits 3: the comparison cannot be trusted.  Reports, mprof .dat files and summary
# JSON, each cut short (after a whole first gzip member: the text read is
# clean, only the compression says something is missing) and corrupt (a
# wrong CRC, and a byte flipped in the middle).
. "$(dirname "$0")/lib.sh"
plan 41
command -v gzip >/dev/null || skip_all "no gzip"

# damage NAME FILE: $TMP/NAME-cut.gz (FILE, then a second gzip member
# cut after its header) and $TMP/NAME-bad.gz (FILE with the CRC of
# its gzip trailer wrong).
damage() {
    local name=$1 file=$2 size
    gzip -nc "$file" >"$TMP/$name.gz"
    { cat "$TMP/$name.gz"; printf 'more\n' | gzip -nc | head -c 10; } >"$TMP/$name-cut.gz"
    cp "$TMP/$name.gz" "$TMP/$name-bad.gz"
    size=$(wc -c <"$TMP/$name.gz")
    printf '\377\377' | dd of="$TMP/$name-bad.gz" bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
    cmp -s "$TMP/$name.gz" "$TMP/$name-bad.gz" && bail_out "$name-bad.gz is not damaged"
    gzip -t "$TMP/$name-cut.gz" 2>/dev/null && bail_out "$name-cut.gz is not cut"
    gzip -t "$TMP/$name-bad.gz" 2>/dev/null && bail_out "$name-bad.gz is not corrupt"
    return 0
}

REPORT=tests/corpus/basic_calls.log
DAT=tests/corpus/mprof_func.dat
"$MEMFOLD" summary -f json "$REPORT" >"$TMP/summary.json" || bail_out "no summary JSON"
damage report "$REPORT"
damage dat "$DAT"
damage json "$TMP/summary.json"
# a JSON cut in its middle: the document itself is incomplete
size=$(wc -c <"$TMP/json.gz")
head -c $((size / 2)) "$TMP/json.gz" >"$TMP/json-half.gz"
# a report with a byte flipped in the middle of its compressed data
gzip -nc tests/corpus/*.log >"$TMP/mid.gz"
size=$(wc -c <"$TMP/mid.gz")
printf '\125' | dd of="$TMP/mid.gz" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
gzip -t "$TMP/mid.gz" 2>/dev/null && bail_out "mid.gz is not corrupt"

# input_error DESC FILE [-o ERE] COMMAND...: exit 1, and a truncated
# diagnostic naming FILE on stderr.
input_error() {
    local what=$1 file=$2 out=() want=1; shift 2
    [ "$1" = -o ] && { out=(-o "$2"); shift 2; }
    [ "$1" = diff ] && want=3
    status_is $want "${out[@]}" -e "^$file: error: the compressed data is (cut short|corrupt).*\[-Wtruncated\]" \
        "$what" "$MEMFOLD" "$@"
}
VERDICT='FAILED: 1 error in the inputs \((OLD|NEW)\)$'

for how in cut bad; do
    f=$TMP/report-$how.gz
    for cmd in summary lines check fmt plot; do
        input_error "report, $how: $cmd" "$f" "$cmd" "$f"
    done
    input_error "report, $how: plot --function" "$f" -o '<svg' plot --function make_list "$f"
    input_error "report, $how: diff NEW" "$f" -o "$VERDICT" diff "$REPORT" "$f"
    input_error "report, $how: diff OLD" "$f" -o "$VERDICT" diff "$f" "$REPORT"

    f=$TMP/dat-$how.gz
    for cmd in summary lines check plot; do
        input_error ".dat, $how: $cmd" "$f" "$cmd" "$f"
    done
    input_error ".dat, $how: diff NEW" "$f" -o "$VERDICT" diff "$DAT" "$f"
    input_error ".dat, $how: diff OLD" "$f" -o "$VERDICT" diff "$f" "$DAT"

    f=$TMP/json-$how.gz
    input_error "summary JSON, $how: merge counts it in errors" "$f" -o '"errors": 1' merge "$f"
    input_error "summary JSON, $how: diff NEW" "$f" -o "$VERDICT" diff "$TMP/summary.json" "$f"
    input_error "summary JSON, $how: diff OLD" "$f" -o "$VERDICT" diff "$f" "$TMP/summary.json"
done
f=$TMP/json-half.gz
input_error "summary JSON cut in the middle: merge" "$f" merge "$f"
input_error "summary JSON cut in the middle: diff" "$f" diff "$TMP/summary.json" "$f"
f=$TMP/mid.gz
input_error "a byte flipped in the middle: summary" "$f" summary "$f"
input_error "a byte flipped in the middle: plot" "$f" plot "$f"
input_error "a byte flipped in the middle: diff" "$f" -o ' in the inputs \(NEW\)$' diff "$REPORT" "$f"
# what came before the damage is used: the functions of the whole first member
status_is 3 -o '^2 functions compared by peak; 0 added, 0 removed: FAILED: 1 error in the inputs \(NEW\)$' \
    "diff of a cut report against its whole self: every function is there" \
    "$MEMFOLD" diff "$TMP/report.gz" "$TMP/report-cut.gz"
status_is 0 -o ': PASSED$' "... and the whole compressed report passes" \
    "$MEMFOLD" diff "$REPORT" "$TMP/report.gz"
