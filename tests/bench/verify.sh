#!/usr/bin/env bash
# verify.sh -- do the benchmark's inputs and peers agree with memfold?
#
#   bash tests/bench/verify.sh [SIZE_MB [SEED]]     (from the repo root, after make)
#
# 1. genlog's output passes `memfold check --strict` (no errors, no warnings);
# 2. genlog SIZE is a prefix of genlog 2*SIZE (what bench.sh relies on for
#    its python slice);
# 3. `memfold summary` agrees with seed_regex.py and summary.awk (mawk and
#    gawk, whichever are installed) per function: calls, rows, peak exactly,
#    mean to within 0.001 MiB;
# 4. lines.awk's CSV is byte for byte `memfold lines -f csv`'s.
# Exits 1 if anything disagrees.
set -u
cd "$(dirname "$0")/../.." || exit 2
SIZE=${1:-5}
SEED=()
[ $# -ge 2 ] && SEED=("$2")
BENCH=tests/bench
MEMFOLD=${MEMFOLD:-./memfold}
PYTHON=${PYTHON:-python3}
[ -x "$MEMFOLD" ] || { echo "verify: $MEMFOLD not found: run make first" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
say() { printf '%-58s %s\n' "$1" "$2"; [ "$2" = ok ] || fail=1; }

cc -O2 -Wall -Wextra -Werror -o "$TMP/genlog" $BENCH/genlog.c || exit 2
LOG="$TMP/gen.log"
"$TMP/genlog" "$SIZE" "${SEED[@]}" >"$LOG"
echo "input: genlog $SIZE${SEED[*]:+ ${SEED[*]}}: $(wc -c <"$LOG") bytes, $(grep -c '^Filename: ' "$LOG") blocks"

if "$MEMFOLD" check --strict "$LOG" >"$TMP/check.out" 2>&1 && [ ! -s "$TMP/check.out" ]; then
    say "memfold check --strict: no errors, no warnings" ok
else
    say "memfold check --strict: no errors, no warnings" FAIL
    head -20 "$TMP/check.out"
fi

DOUBLE=$(awk -v s="$SIZE" 'BEGIN { print s * 2 }')
"$TMP/genlog" "$DOUBLE" "${SEED[@]}" >"$TMP/gen2.log"
if cmp -s -n "$(wc -c <"$LOG")" "$LOG" "$TMP/gen2.log"; then
    say "genlog $SIZE is a prefix of genlog $DOUBLE" ok
else
    say "genlog $SIZE is a prefix of genlog $DOUBLE" FAIL
fi

"$MEMFOLD" summary -f csv "$LOG" >"$TMP/mf.csv"
peers=("python:$PYTHON $BENCH/seed_regex.py")
for a in mawk gawk; do
    command -v $a >/dev/null && peers+=("$a:env LC_ALL=C $a -f $BENCH/summary.awk")
done
for p in "${peers[@]}"; do
    name=${p%%:*}
    ${p#*:} "$LOG" >"$TMP/$name.tsv"
    if msg=$("$PYTHON" - "$TMP/mf.csv" "$TMP/$name.tsv" <<'EOF'
import csv, sys
mf = {}
with open(sys.argv[1], newline="", encoding="utf-8", errors="surrogateescape") as fh:
    for r in csv.DictReader(fh):
        mf[(r["file"], r["function"])] = r
peer = {}
with open(sys.argv[2], encoding="utf-8", errors="surrogateescape") as fh:
    next(fh)
    for line in fh:
        f = line.rstrip("\n").split("\t")
        peer[(f[0], f[1])] = f
bad = []
if set(mf) != set(peer):
    bad.append(f"functions differ: {len(mf)} in memfold, {len(peer)} in the peer")
for k, r in mf.items():
    f = peer.get(k)
    if f is None:
        continue
    if int(r["calls"]) != int(f[2]) or int(r["rows"]) != int(f[3]) \
            or float(r["peak_mib"]) != float(f[4]) \
            or abs(float(r["mean_mib"]) - float(f[5])) > 0.001:
        bad.append(f"{k}: memfold {r['calls']} {r['rows']} {r['peak_mib']} {r['mean_mib']}"
                   f" / peer {f[2]} {f[3]} {f[4]} {f[5]}")
print(f"{len(mf)} functions, {sum(int(r['calls']) for r in mf.values())} calls")
for b in bad[:10]:
    print(b)
sys.exit(1 if bad else 0)
EOF
    ); then
        say "summary agrees with $name ($msg)" ok
    else
        say "summary agrees with $name" FAIL
        echo "$msg"
    fi
done

"$MEMFOLD" lines -f csv "$LOG" >"$TMP/lines.mf.csv"
for a in mawk gawk; do
    command -v $a >/dev/null || continue
    LC_ALL=C $a -f $BENCH/lines.awk "$LOG" >"$TMP/lines.$a.csv"
    if cmp -s "$TMP/lines.mf.csv" "$TMP/lines.$a.csv"; then
        say "lines.awk ($a) = memfold lines -f csv ($(($(wc -l <"$TMP/lines.mf.csv") - 1)) rows)" ok
    else
        say "lines.awk ($a) = memfold lines -f csv" FAIL
        echo "  rows: memfold $(wc -l <"$TMP/lines.mf.csv"), $a $(wc -l <"$TMP/lines.$a.csv")"
        diff "$TMP/lines.mf.csv" "$TMP/lines.$a.csv" | head -5
    fi
done
[ $fail = 0 ] && echo "all agree" || echo "DISAGREEMENT"
exit $fail
