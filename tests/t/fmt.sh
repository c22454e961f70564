#!/usr/bin/env bash
# memfold fmt: the round trip over the whole corpus (every report that was
# written straight to a stream comes back byte for byte, text between
# blocks dropped), and repairs of what editors and loggers do to reports.
. "$(dirname "$0")/lib.sh"
PY=${PYTHON:-python3}
# the reports written straight to a stream: what the round trip covers
streams=()
for log in "$CORPUS"/*.log; do
    case "$(basename "$log" .log)" in logfile_*|killed*|crlf|mixed_endings|windows_path|bom|ipython_memit*|pool_workers*) ;; *) streams+=("$log") ;; esac
done
plan $((${#streams[@]} + 8))

# The blocks of a report, cut out without memfold: from "Filename: "
# to the first empty line after its header, and one more empty line.
blocks() {
    $PY - "$1" <<'PYEOF'
import sys
lines = open(sys.argv[1], 'rb').read().split(b'\n')
out, i = [], 0
while i < len(lines):
    # (text before "Filename: " on its line is program output: IPython's
    # "In [4]: " prompt, say)
    j = lines[i].find(b'Filename: ')
    if j < 0:
        i += 1
        continue
    k = i + 2
    while k < len(lines) and lines[k] != b'':
        k += 1
    end = k + 1 if k + 1 < len(lines) and lines[k + 1] == b'' else k
    out.append(lines[i][j:])
    out.extend(lines[i + 1:end + 1])
    i = end + 1
sys.stdout.buffer.write(b''.join(l + b'\n' for l in out))
PYEOF
}

for log in "${streams[@]}"; do
    base=$(basename "$log" .log)
    "$MEMFOLD" fmt "$log" >"$TMP/fmt" 2>"$TMP/err"
    blocks "$log" >"$TMP/blocks"
    if [ -s "$TMP/blocks" ] && cmp -s "$TMP/fmt" "$TMP/blocks"; then
        pass "$base: fmt gives back the report's blocks byte for byte"
    else
        diff -u "$TMP/blocks" "$TMP/fmt" | head -20
        fail "$base: fmt gives back the report's blocks byte for byte"
    fi
done

log=$CORPUS/basic_calls.log
"$MEMFOLD" fmt "$log" >"$TMP/want"
sed 's/[ ]*$//' "$log" >"$TMP/stripped.log"
"$MEMFOLD" fmt "$TMP/stripped.log" >"$TMP/got"
same "fmt puts back trailing spaces an editor stripped" "$TMP/want" "$TMP/got"
sed 's/$/\r/' "$log" >"$TMP/crlf.log"
"$MEMFOLD" fmt "$TMP/crlf.log" >"$TMP/got"
same "fmt turns CRLF into LF" "$TMP/want" "$TMP/got"
sed 's/^    10     28.9 MiB      7.6 MiB /    10    28.9 MiB       7.6 MiB /' "$log" >"$TMP/shifted.log"
"$MEMFOLD" fmt "$TMP/shifted.log" >"$TMP/got"
grep -q '^    10    28.9 MiB' "$TMP/shifted.log" || bail_out "the test input is not misaligned"
same "fmt realigns a misaligned row" "$TMP/want" "$TMP/got"
"$MEMFOLD" check "$TMP/shifted.log" 2>/dev/null
ok "... which check had rejected" test $? -eq 1
"$MEMFOLD" fmt "$CORPUS/logfile_prefix.log" >"$TMP/unlogged.log"
check_clean "fmt of a LogFile log is a clean report (check --strict --pure)" --strict --pure "$TMP/unlogged.log"
"$MEMFOLD" fmt "$TMP/unlogged.log" >"$TMP/again.log"
same "... and fmt of that changes nothing" "$TMP/unlogged.log" "$TMP/again.log"
"$MEMFOLD" fmt tests/check/broken_blocks.log >"$TMP/out" 2>"$TMP/err"
ok "fmt leaves out the blocks it cannot parse (exit 1)" test $? -eq 1
ok "... and prints the others (4 blocks)" test "$(grep -c '^Filename: ' "$TMP/out")" = 4
