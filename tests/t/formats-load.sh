#!/usr/bin/env bash
# CSV loads unchanged in Python's csv module and sqlite3; JSON parses in
# jq and Python; NDJSON is one object per line; rows match the report.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON:-python3}
set -- "$CORPUS"/*.log
plan $(($# + 11))

for log in "$@"; do
    base=$(basename "$log" .log)
    want=$(( $(count_measured "$log") + $(count_memit "$log") ))   # lines writes %memit results too
    "$MEMFOLD" lines -f csv "$log" >"$TMP/$base.csv" 2>/dev/null
    got=$($PY -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape"))); assert all(len(x)==9 for x in r); print(len(r)-1)' "$TMP/$base.csv")
    ok "$base: python csv reads $want rows of 9 fields" test "$want" -gt 0 -a "$got" = "$want"
done

log=$CORPUS/indentation.log
"$MEMFOLD" lines -f csv --all-rows "$log" >"$TMP/all.csv"
sqlite3 "$TMP/db" ".import --csv $TMP/all.csv rows" 2>/dev/null
n=$(sqlite3 "$TMP/db" "select count(*) from rows")
ok "sqlite3 .import --csv loads every row ($n)" test "${n:-0}" -gt 0 -a "${n:-0}" = "$(csv_rows "$TMP/all.csv")"
# the contents survive exactly: compare with the report's own text
sqlite3 "$TMP/db" "select contents from rows" >"$TMP/sqlite-contents"
$PY - "$log" "$TMP/all.csv" <<'PYEOF' >"$TMP/py-contents" 
import csv, sys
for row in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")):
    print(row["contents"])
PYEOF
same "contents read back by sqlite3 and python are identical" "$TMP/sqlite-contents" "$TMP/py-contents"
# (contents start at column 48)
awk 'match($0, /^ *[0-9]+ /) && length($0) >= 47 { print substr($0, 48) }' "$log" | sed 's/\r$//' >"$TMP/report-contents"
same "... and equal the report's contents column byte for byte" "$TMP/report-contents" "$TMP/py-contents"

for fmt in json ndjson; do
    "$MEMFOLD" lines -f $fmt "$CORPUS/indentation.log" >"$TMP/l.$fmt"
    "$MEMFOLD" summary -f $fmt "$CORPUS/basic_calls.log" >"$TMP/s.$fmt"
done
rows=$(count_measured "$CORPUS/indentation.log")
ok "lines -f json parses in jq, with its $rows rows" \
    test "$(jq 'length' "$TMP/l.json" 2>/dev/null)" = "$rows"
ok "lines -f json parses in python" $PY -c 'import json,sys; assert len(json.load(open(sys.argv[1]))) > 0' "$TMP/l.json"
ok "summary -f json parses in jq" test "$(jq -c '[.memfold, [.functions[].function]]' "$TMP/s.json" 2>/dev/null)" = \
    '[1,["make_list","make_dict"]]'
ok "every ndjson line is one object" $PY -c '
import json, sys
for f in sys.argv[1:]:
    n = 0
    for line in open(f):
        assert isinstance(json.loads(line), dict)
        n += 1
    assert n > 0, f' "$TMP/l.ndjson" "$TMP/s.ndjson"
jq -c '.[]' "$TMP/l.json" >"$TMP/l.json.records" 2>/dev/null
jq -c . "$TMP/l.ndjson" >"$TMP/l.ndjson.records" 2>/dev/null
same "json and ndjson hold the same records" "$TMP/l.json.records" "$TMP/l.ndjson.records"

# invalid UTF-8 in a source line: U+FFFD in JSON, the bytes kept in CSV
sed 's/naïve/na\xffve/' "$CORPUS/indentation.log" >"$TMP/bad-utf8.log"
grep -q $'\xff' "$TMP/bad-utf8.log" || bail_out "the test input holds no invalid byte"
"$MEMFOLD" lines -f json "$TMP/bad-utf8.log" >"$TMP/bad.json"
ok "invalid UTF-8 still gives valid JSON" $PY -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$TMP/bad.json"
ok "... with U+FFFD in place of the byte" grep -q $'na\xef\xbf\xbdve' "$TMP/bad.json"
"$MEMFOLD" lines -f csv "$TMP/bad-utf8.log" >"$TMP/bad.csv"
ok "CSV keeps the byte as it was" grep -q $'na\xffve' "$TMP/bad.csv"
