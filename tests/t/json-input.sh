#!/usr/bin/env bash
# Summary JSON read back by merge and diff: every field is checked, and a
# document memfold would not write is refused (exit 1) with a message
# naming the file, the function and the field; sums that overflow when
# added up are refused, not wrapped; a log whose first line is JSON is
# still a log; and a document may cost only so much (exit 2 beyond).
. "$(dirname "$0")/lib.sh"
plan 33
command -v python3 >/dev/null || skip_all "python3 is not installed"
command -v jq >/dev/null || skip_all "jq is not installed"

# ---- real summaries, and single-field mutations of them --------------------------------
S=$TMP/src M=$TMP/mut
mkdir -p "$S" "$M"
for log in basic_calls old_format precision negative no_decorator_line wide_values recursion \
           multi_file async_methods; do
    "$MEMFOLD" summary -f json "$CORPUS/$log.log" -o "$S/$log.json" || bail_out "no summary of $log.log"
done
# A function with no measured row (rows 0, every value null) is written
# only when the empty-block check is off.
printf 'Filename: z.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n%s\n%s\n%s\n\n' \
    "=============================================================" \
    "     1                                         @profile" \
    "     2                                         def f(): pass" >"$TMP/norows.log"
"$MEMFOLD" summary -f json -Wno-empty-block "$TMP/norows.log" -o "$S/norows.json"
[ "$(jq '.functions[0].rows' "$S/norows.json")" = 0 ] || bail_out "no summary with a function of 0 rows"
srcs=("$S"/basic_calls.json "$S"/norows.json "$S"/old_format.json "$S"/precision.json
      "$S"/negative.json "$S"/no_decorator_line.json "$S"/wide_values.json "$S"/recursion.json
      "$S"/multi_file.json "$S"/async_methods.json)

# each_accepted CMD...: CMD FILE exits 0 for every summary; the bad ones listed.
each_accepted() {
    local f bad=0
    for f in "${srcs[@]}"; do
        "$@" "$f" >/dev/null 2>"$TMP/err" || { bad=$((bad + 1)); echo "  refused $f: $(head -c 300 "$TMP/err")"; }
    done
    [ "$bad" = 0 ]
}
ok "merge takes every real summary (exit 0)" each_accepted "$MEMFOLD" merge
diff_self() { "$MEMFOLD" diff "$1" "$1"; }
ok "... and diff too, against itself" each_accepted diff_self
for f in "${srcs[@]}"; do
    python3 -c 'import json,sys; print(json.dumps(json.load(open(sys.argv[1])), indent=3))' "$f" >"${f%.json}.py.json"
done
srcs_py=("$S"/*.py.json)
srcs=("${srcs_py[@]}")
ok "... and the same documents laid out by Python's json (indent 3, float 0.0 kept)" each_accepted "$MEMFOLD" merge
ok "... and by diff" each_accepted diff_self
srcs=("$S"/basic_calls.json)

python3 tests/t/json-mutate.py "$M" "$S"/basic_calls.json "$S"/norows.json "$S"/precision.json \
    "$S"/negative.json "$S"/no_decorator_line.json "$S"/wide_values.json || bail_out "the mutator failed"
n=$(wc -l <"$M/manifest")
ok "the mutator made over 800 mutations ($n)" test "$n" -gt 800

# refuses_all EVERY CMD...: CMD MUTATED exits 1 (diff: 3, the comparison
# cannot be trusted) for every EVERYth mutation, with a message naming the
# file and matching the manifest's ERE.
refuses_all() {
    local every=$1 name ere what st bad=0 i=0 want=1; shift
    [ "$1" = diff_old ] || [ "$1" = diff_new ] && want=3
    while IFS=$'\t' read -r name ere what; do
        [ $((i++ % every)) = 0 ] || continue
        "$@" "$M/$name" >/dev/null 2>"$TMP/err"
        st=$?
        if [ "$st" != "$want" ] || ! grep -qE -- "^memfold: $M/$name: .*$ere" "$TMP/err"; then
            bad=$((bad + 1))
            [ "$bad" -le 15 ] && echo "  $what: exit $st: $(head -c 250 "$TMP/err")"
        fi
    done <"$M/manifest"
    [ "$bad" = 0 ] || echo "  $bad of $n mutations not refused as they should be"
    [ "$bad" = 0 ]
}
ok "merge refuses every mutation: exit 1, naming the file, function and field" refuses_all 1 "$MEMFOLD" merge
diff_old() { "$MEMFOLD" diff "$1" "$S/basic_calls.json"; }
ok "diff refuses every mutation too (as OLD)" refuses_all 1 diff_old
diff_new() { "$MEMFOLD" diff "$S/basic_calls.json" "$1"; }
ok "... and every 5th as NEW" refuses_all 5 diff_new

# ---- what merge writes, merge reads ----------------------------------------------------
all=("$S"/basic_calls.json "$S"/norows.json "$S"/old_format.json "$S"/precision.json "$S"/negative.json
     "$S"/no_decorator_line.json "$S"/wide_values.json "$S"/recursion.json "$S"/multi_file.json)
"$MEMFOLD" merge "${all[@]}" -o "$TMP/m1.json"
"$MEMFOLD" merge "$TMP/m1.json" -o "$TMP/m2.json"
same "merge of a merge is the merge" "$TMP/m1.json" "$TMP/m2.json"
status_is 0 -o '"memfold": 1' "a merge merged with itself is read back" "$MEMFOLD" merge "$TMP/m1.json" "$TMP/m1.json"
ok "... and its calls are twice the merge's" test "$(jq '[.functions[].calls] | add' "$TMP/stdout")" = \
    "$(jq '[.functions[].calls] | add * 2' "$TMP/m1.json")"
status_is 0 "diff reads a merge" "$MEMFOLD" diff "$TMP/m1.json" "$TMP/m2.json"
jq -S . "$TMP/m1.json" >"$TMP/sorted.json"
status_is 0 -o '"memfold": 1' "merge reads a summary whose keys jq -S sorted" "$MEMFOLD" merge "$TMP/sorted.json"

# ---- the issue's reproducers ---------------------------------------------------------------
B=$S/basic_calls.json
jq '.errors = 1' "$B" >"$TMP/e1.json"
jq '.errors = -1' "$B" >"$TMP/e-1.json"
status_is 1 -O -e '^memfold: .*/e-1\.json: "errors" must be a non-negative integer, not -1$' \
    "an \"errors\" of 1 and one of -1 do not cancel out" "$MEMFOLD" merge "$TMP/e1.json" "$TMP/e-1.json"
jq '.functions[0].calls = -1' "$B" >"$TMP/neg.json"
status_is 1 -O -e "^memfold: .*/neg\.json: function 1 'make_list' \(.*basic_calls\.py\): \"calls\" must be a non-negative integer, not -1$" \
    "a negative count is refused, naming file, function and field" "$MEMFOLD" merge "$TMP/neg.json"
jq '.functions[1].rows = "4"' "$B" >"$TMP/str.json"
status_is 3 -e "function 2 'make_dict' .*\"rows\" must be a non-negative integer, not \"4\"" \
    "a count as a string is not read as 0" "$MEMFOLD" diff "$TMP/str.json" "$B"
jq 'del(.functions[0].sums.measured_calls)' "$B" >"$TMP/del.json"
status_is 3 -e '"sums.measured_calls" is missing' "a missing key is not read as 0" "$MEMFOLD" diff "$B" "$TMP/del.json"
# Counts and sums near the top of int64: each file is good, their sum is not.
big() {   # big CALLS MEM: one function of one row at scale 10^9
    printf '{"memfold": 1, "functions": [{"file": "x.py", "function": "f", "line": 1, "calls": %s, "rows": 1, "peak_mib": %s, "min_mib": %s, "mean_mib": %s, "entry_mib": %s, "exit_mib": %s, "net_mib": 0.0, "hot_line": null, "hot_increment_mib": null, "occurrences": 1, "sums": {"scale": 1000000000, "mem": %s, "entry": %s, "exit": %s, "measured_calls": 1}}], "inputs": [], "errors": 0}\n' \
        "$1" "$3" "$3" "$3" "$3" "$3" "$2" "$2" "$2"
}
big 5000000000000000000 9000000000000000000 9000000000 >"$TMP/calls.json"
status_is 0 "a summary with counts and sums near 2^63 is good" "$MEMFOLD" merge "$TMP/calls.json"
status_is 1 -O -e '"calls" overflows when added' "merge refuses a sum of calls past 2^63-1 instead of wrapping" \
    "$MEMFOLD" merge "$TMP/calls.json" "$TMP/calls.json"
big 1 9000000000000000000 9000000000 >"$TMP/mem.json"
status_is 1 -O -e '"sums.mem" overflows when added' "... and a sum of MiB past what a summary holds (no mean of -0.1)" \
    "$MEMFOLD" merge "$TMP/mem.json" "$TMP/mem.json"
sed 's/"errors": 0/"errors": 5000000000000000000/' "$B" >"$TMP/errs.json"
status_is 1 -O -e '"errors" overflows' "... and a sum of errors" "$MEMFOLD" merge "$TMP/errs.json" "$TMP/errs.json"
gzip -c "$B" | head -c 300 >"$TMP/cut.json.gz"
status_is 1 -e 'cut short' "a cut .json.gz is an input error" "$MEMFOLD" merge "$TMP/cut.json.gz"

# ---- a log whose first line is JSON is a log ------------------------------------------------
{ echo '{"event": "start", "logger": "memfold"}'; cat "$CORPUS/basic_calls.log"; } >"$TMP/jsonfirst.log"
status_is 0 -o '^make_list .* 2 +2 ' "diff reads a log that starts with a JSON line as a report" \
    "$MEMFOLD" diff "$TMP/jsonfirst.log" "$CORPUS/basic_calls.log"
{ echo '{"memfold": "starting"}'; cat "$CORPUS/basic_calls.log"; } >"$TMP/jsonfirst2.log"
status_is 0 -o '^make_dict .* 1 +1 ' "... even when its first key is \"memfold\" (not followed by a number)" \
    "$MEMFOLD" diff "$CORPUS/basic_calls.log" "$TMP/jsonfirst2.log"
status_is 2 -e "jsonfirst\.log' is not a summary JSON \(it looks like a memory_profiler report\): run 'memfold summary -f json " \
    "merge says such a log is not a summary, and how to make one" "$MEMFOLD" merge "$TMP/jsonfirst.log"

# ---- what a document may cost ---------------------------------------------------------------
# 1 GiB of JSON in 1 MiB: the same gzip member of 1 MiB of spaces, 1024 times.
python3 - "$TMP/bomb.json.gz" <<'EOF'
import gzip, sys
with open(sys.argv[1], "wb") as f:
    f.write(gzip.compress(b'{"memfold": 1, "functions": ['))
    f.write(gzip.compress(b" " * (1 << 20), 9) * 1024)
EOF
# Within 400 MB of address space -- except under AddressSanitizer, which
# reserves terabytes of it for its shadow memory: only the refusal is
# checked there.
if grep -q __asan_init "$MEMFOLD" 2>/dev/null; then bomb() { "$MEMFOLD" "$@"; }
else bomb() { (ulimit -v 400000; "$MEMFOLD" "$@"); }; fi
status_is 2 -O -e 'bomb\.json\.gz: a summary file may hold at most 67108864 bytes of JSON \(64 MiB' \
    "merge refuses a 1 GiB document from a 1 MiB gzip, within 400 MB of memory" bomb merge "$TMP/bomb.json.gz"
status_is 2 -O -e 'at most 67108864 bytes' "... and diff" bomb diff "$TMP/bomb.json.gz" "$B"
size=$(wc -c <"$B")
status_is 0 "MEMFOLD_MAX_JSON_BYTES at the file's size reads it" env MEMFOLD_MAX_JSON_BYTES="$size" "$MEMFOLD" merge "$B"
status_is 2 -e "at most $((size - 1)) bytes" "... and a byte less refuses it" \
    env MEMFOLD_MAX_JSON_BYTES=$((size - 1)) "$MEMFOLD" diff "$B" "$B"
jq '.functions[0].occurrences = [range(100)]' "$B" >"$TMP/many.json"
status_is 1 -e 'function 1: holds [0-9]+ values or more: it is not a function' \
    "a function object holding many values is refused before it is parsed" "$MEMFOLD" merge "$TMP/many.json"

# ---- the largest value memfold holds ---------------------------------------------
# 9223372036.8 MiB is held exactly (in 10^-9 MiB units it is just under
# 2^63): summary writes it, merge and diff read it back; one more MiB is a
# report error, not a wrong number.
python3 - "$TMP/max.log" <<'PY'
import sys
def row(n, mem, inc, text):
    return "{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}\n".format(n, mem + " MiB", inc + " MiB", 1, text)
s = "Filename: /tmp/max.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" + "=" * 61 + "\n"
s += row(1, "9223372036.8", "9223372036.8", "@profile")
s += "     2                                         def biggest():\n"
s += row(3, "9223372036.7", "-0.1", "x = 1") + "\n\n"
open(sys.argv[1], "w").write(s)
PY
"$MEMFOLD" summary -f json "$TMP/max.log" >"$TMP/max.json"
ok "the largest value is summed exactly" \
    test "$(jq -c '.functions[0] | [.peak_mib, .min_mib, .sums.mem]' "$TMP/max.json")" = '[9223372036.8,9223372036.7,184467440735]'
status_is 0 -o '"mem": 368934881470' "merge reads it back and adds it up exactly" \
    "$MEMFOLD" merge "$TMP/max.json" "$TMP/max.json"
sed 's/9223372036\.8 MiB/9223372037.8 MiB/' "$TMP/max.log" >"$TMP/over.log"
status_is 1 -e 'over\.log:5:8: error: Mem usage is too large to hold exactly' \
    "one MiB more is an error at its place, not a wrong sum" "$MEMFOLD" summary "$TMP/over.log"
