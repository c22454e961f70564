#!/usr/bin/env bash
# mprof .dat files: found by their contents, and their overall peak is the
# one `mprof peak` prints (the .peak files saved beside them, and the
# installed python3-mprof when there is one).
. "$(dirname "$0")/lib.sh"

# What `mprof peak` prints, rebuilt from memfold's JSON.
as_mprof_peak() {
    jq -r --arg f "$(basename "$1")" '"\($f)\t\(.mprof_peak_mib) MiB"' "$2"
}

for dat in "$CORPUS"/*.dat; do
    base=$(basename "$dat" .dat)
    "$MEMFOLD" summary -f json "$dat" >"$TMP/$base.json"
    as_mprof_peak "$dat" "$TMP/$base.json" >"$TMP/$base.peak"
    head -1 "$CORPUS/$base.peak" >"$TMP/$base.want"
    ok "$base: the peak is the one mprof peak printed" cmp -s "$TMP/$base.want" "$TMP/$base.peak"
    want_children=$(tail -n +2 "$CORPUS/$base.peak" | awk '{ print $2, $3 }' | sort)
    got_children=$(jq -r '.children[] | "\(.pid) \(.peak_mib)"' "$TMP/$base.json" \
        | while read -r pid mib; do printf '%s %.3f\n' "$pid" "$mib"; done | sort)
    ok "$base: each child's peak too" test "$want_children" = "$got_children"
    status_is 0 "$base: check passes" "$MEMFOLD" check --strict "$dat"
done

gzip -c "$CORPUS/mprof_func.dat" >"$TMP/func.dat.gz"
same_figures() { "$MEMFOLD" summary -f json "$1" | jq -c 'del(.runs[].source, .children[].source)'; }
ok "a gzipped .dat is read as one" test "$(same_figures "$CORPUS/mprof_func.dat")" = \
    "$(same_figures "$TMP/func.dat.gz")"
status_is 2 "reports and .dat files do not mix in one run" \
    "$MEMFOLD" summary "$CORPUS/basic_calls.log" "$CORPUS/mprof_func.dat"
status_is 2 "fmt refuses a .dat file" "$MEMFOLD" fmt "$CORPUS/mprof_func.dat"

MPROF=${MPROF:-/usr/bin/python3-mprof}
if [ -x "$MPROF" ]; then
    for dat in "$CORPUS"/*.dat; do
        base=$(basename "$dat" .dat)
        ( cd "$CORPUS" && "$MPROF" peak "$base.dat" ) 2>/dev/null | head -1 >"$TMP/$base.live"
        ok "$base: the peak equals what the installed mprof peak prints" \
            cmp -s "$TMP/$base.live" "$TMP/$base.peak"
    done
else
    skip "python3-mprof is not installed: live peak comparison"
fi
