#!/usr/bin/env bash
# mprof .dat files: found by their contents, and their overall peak is the
# one `mprof peak` prints (the .peak files saved beside them, and the
# installed python3-mprof when there is one).
. "$(dirname "$0")/lib.sh"
set -- "$CORPUS"/*.dat
plan $(($# * 4 + 3))

# What `mprof peak` prints, rebuilt from memfold's JSON.
# (from the JSON text: jq drops the trailing zero of 62.340)
as_mprof_peak() {
    sed -n "s/^  \"mprof_peak_mib\": \(.*\)\$/$(basename "$1")\t\1 MiB/p" "$2"
}

for dat in "$@"; do
    base=$(basename "$dat" .dat)
    "$MEMFOLD" summary -f json "$dat" >"$TMP/$base.json"
    as_mprof_peak "$dat" "$TMP/$base.json" >"$TMP/$base.peak"
    head -1 "$CORPUS/$base.peak" >"$TMP/$base.want"
    same "$base: the peak is the one mprof peak printed" "$TMP/$base.want" "$TMP/$base.peak"
    want_children=$(tail -n +2 "$CORPUS/$base.peak" | awk '{ print $2, $3 }' | sort)
    got_children=$(jq -r '.children[] | "\(.pid) \(.peak_mib)"' "$TMP/$base.json" \
        | while read -r pid mib; do printf '%s %.3f\n' "$pid" "$mib"; done | sort)
    # (the children array is there even when there are none)
    ok "$base: each child's peak too ($(echo "$want_children" | grep -c .))" \
        sh -c "[ -s '$TMP/$base.json' ] && jq -e '.children | type == \"array\"' '$TMP/$base.json' >/dev/null && [ \"\$1\" = \"\$2\" ]" \
        - "$want_children" "$got_children"
    check_clean "$base: check passes" --strict "$dat"
done

gzip -c "$CORPUS/mprof_func.dat" >"$TMP/func.dat.gz"
figures() { "$MEMFOLD" summary -f json "$1" | jq -c 'del(.runs[].source, .children[].source)' >"$2"; }
figures "$CORPUS/mprof_func.dat" "$TMP/plain.fig"
figures "$TMP/func.dat.gz" "$TMP/gz.fig"
same "a gzipped .dat is read as one" "$TMP/plain.fig" "$TMP/gz.fig"
status_is 2 -O -e "mprof_func.dat' is an mprof .dat file, the inputs before it reports" \
    "reports and .dat files do not mix in one run" \
    "$MEMFOLD" summary "$CORPUS/basic_calls.log" "$CORPUS/mprof_func.dat"
status_is 2 -O -e "fmt reads reports" "fmt refuses a .dat file" "$MEMFOLD" fmt "$CORPUS/mprof_func.dat"

MPROF=${MPROF:-/usr/bin/python3-mprof}
if [ -x "$MPROF" ]; then
    for dat in "$@"; do
        base=$(basename "$dat" .dat)
        ( cd "$CORPUS" && "$MPROF" peak "$base.dat" ) 2>/dev/null | head -1 >"$TMP/$base.live"
        same "$base: the peak equals what the installed mprof peak prints" "$TMP/$base.live" "$TMP/$base.peak"
    done
else
    skip "python3-mprof is not installed: live peak comparison" $#
fi
