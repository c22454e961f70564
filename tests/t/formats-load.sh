#!/usr/bin/env bash
# CSV loads unchanged in Python's csv module and sqlite3; JSON parses in
# jq and Python; NDJSON is one object per line; rows match the report.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON:-python3}

for log in "$CORPUS"/*.log; do
    base=$(basename "$log" .log)
    want=$(count_measured "$log")
    "$MEMFOLD" lines -f csv "$log" >"$TMP/$base.csv" 2>/dev/null
    got=$($PY -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape"))); assert all(len(x)==9 for x in r); print(len(r)-1)' "$TMP/$base.csv")
    ok "$base: python csv reads $want rows of 9 fields" test "$got" = "$want"
done

log=$CORPUS/indentation.log
"$MEMFOLD" lines -f csv --all-rows "$log" >"$TMP/all.csv"
sqlite3 "$TMP/db" ".import --csv $TMP/all.csv rows" 2>/dev/null
n=$(sqlite3 "$TMP/db" "select count(*) from rows")
ok "sqlite3 .import --csv loads every row" test "$n" = "$(($(wc -l <"$TMP/all.csv") - 1))"
# the contents survive exactly: compare with the report's own text
sqlite3 "$TMP/db" "select contents from rows" >"$TMP/sqlite-contents"
$PY - "$log" "$TMP/all.csv" <<'PYEOF' >"$TMP/py-contents" 
import csv, sys
for row in csv.DictReader(open(sys.argv[2], newline="", encoding="utf-8")):
    print(row["contents"])
PYEOF
ok "contents read back by sqlite3 and python are identical" cmp -s "$TMP/sqlite-contents" "$TMP/py-contents"
cut -c48- "$log" | grep -v '^$' >/dev/null  # (contents start at column 48)
awk 'match($0, /^ *[0-9]+ /) && length($0) >= 47 { print substr($0, 48) }' "$log" | sed 's/\r$//' >"$TMP/report-contents"
ok "... and equal the report's contents column byte for byte" cmp -s "$TMP/report-contents" "$TMP/py-contents"

for fmt in json ndjson; do
    "$MEMFOLD" lines -f $fmt "$CORPUS/indentation.log" >"$TMP/l.$fmt"
    "$MEMFOLD" summary -f $fmt "$CORPUS/basic_calls.log" >"$TMP/s.$fmt"
done
ok "lines -f json parses in jq" jq -e 'length > 0' "$TMP/l.json" >/dev/null
ok "lines -f json parses in python" $PY -c 'import json,sys; json.load(open(sys.argv[1]))' "$TMP/l.json"
ok "summary -f json parses in jq" jq -e '.memfold == 1' "$TMP/s.json" >/dev/null
ok "every ndjson line is one object" $PY -c '
import json, sys
for f in sys.argv[1:]:
    for line in open(f):
        assert isinstance(json.loads(line), dict)' "$TMP/l.ndjson" "$TMP/s.ndjson"
ok "json and ndjson hold the same records" test "$(jq -c '.[]' "$TMP/l.json")" = "$(jq -c . "$TMP/l.ndjson")"

# invalid UTF-8 in a source line: U+FFFD in JSON, the bytes kept in CSV
sed 's/naïve/na\xffve/' "$CORPUS/indentation.log" >"$TMP/bad-utf8.log"
grep -q $'\xff' "$TMP/bad-utf8.log" || fail "test input holds an invalid byte"
"$MEMFOLD" lines -f json "$TMP/bad-utf8.log" >"$TMP/bad.json"
ok "invalid UTF-8 still gives valid JSON" $PY -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$TMP/bad.json"
ok "... with U+FFFD in place of the byte" grep -q $'na\xef\xbf\xbdve' "$TMP/bad.json"
"$MEMFOLD" lines -f csv "$TMP/bad-utf8.log" >"$TMP/bad.csv"
ok "CSV keeps the byte as it was" grep -q $'na\xffve' "$TMP/bad.csv"
