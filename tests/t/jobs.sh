#!/usr/bin/env bash
# -j N: summary, lines and check read a large file in parallel pieces, and
# print exactly what a serial read prints.  With the test knobs (a piece
# at every "Filename:" line, no size below which the read is serial) every
# input of the suite is split as finely as it can be, and each command's
# stdout, stderr and exit status at -j2 and -j7 must be those of -j1; so
# must a 50 MB generated log's, read with the default pieces.  The split
# must really happen (MEMFOLD_TEST_JOBS_TRACE says how many pieces were
# replayed), and bad -j values are usage errors.
. "$(dirname "$0")/lib.sh"

# every input the suite reads: the corpus whole, and the text files of
# the other test folders
mapfile -t INPUTS < <({ find tests/corpus -type f
    find tests -path tests/corpus -prune -o -type f \( -name '*.log' -o -name '*.txt' \
        -o -name '*.md' -o -name '*.py' -o -name '*.ipynb' -o -name '*.dat' -o -name '*.gz' \) -print
} | LC_ALL=C sort -u)
# what each input is read with: summary (text, JSON), lines -f csv, check
# (text, JSON diagnostics)
CMDS=("summary" "summary -f json" "lines -f csv" "check" "check --diagnostics-format=json")
plan $((${#INPUTS[@]} * ${#CMDS[@]} + 5 + 4 + 3 + 6))

export MEMFOLD_TEST_PIECE_BYTES=1 MEMFOLD_TEST_MIN_PARALLEL_BYTES=0

# run TAG J CMD FILE: stdout, stderr and status of one run into $TMP/TAG.*,
# and memfold's line of how it read the input (MEMFOLD_TEST_JOBS_TRACE) into
# $TMP/TAG.trace, apart from stderr: it says a real memfold ran
run() {
    local tag=$1 j=$2 cmd=$3 f=$4
    # shellcheck disable=SC2086
    MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" $cmd -j "$j" "$f" >"$TMP/$tag.out" 2>"$TMP/$tag.all" </dev/null
    echo $? >"$TMP/$tag.st"
    # (the line may follow a diagnostic not yet ended by its newline)
    local re='memfold: jobs: .*: [0-9]+ of [0-9]+ pieces replayed, [0-9]+ threads'
    grep -oE "$re" "$TMP/$tag.all" >"$TMP/$tag.trace"
    sed -E "s/$re//" "$TMP/$tag.all" >"$TMP/$tag.err"
}
# agree: -j2 and -j7 gave what -j1 gave, and each run said how it read
agree() {
    local j
    for j in 1 2 7; do
        [ -s "$TMP/j$j.trace" ] || { echo "  -j$j: no line of how the input was read"; return 1; }
    done
    for j in 2 7; do
        cmp -s "$TMP/j1.out" "$TMP/j$j.out" && cmp -s "$TMP/j1.err" "$TMP/j$j.err" &&
            cmp -s "$TMP/j1.st" "$TMP/j$j.st" || {
            echo "  -j$j differs from -j1 (status $(cat "$TMP/j1.st") / $(cat "$TMP/j$j.st")):"
            diff "$TMP/j1.out" "$TMP/j$j.out" | head -5 | sed 's/^/    | /'
            diff "$TMP/j1.err" "$TMP/j$j.err" | head -5 | sed 's/^/    ! /'
            return 1
        }
    done
}

split=0
for f in "${INPUTS[@]}"; do
    for cmd in "${CMDS[@]}"; do
        for j in 1 2 7; do run "j$j" "$j" "$cmd" "$f"; done
        if agree; then pass "$cmd -j1/-j2/-j7: ${f#tests/}"; else fail "$cmd -j1/-j2/-j7: ${f#tests/}"; fi
    done
    # (counted once a file: how many of them were read in more than one piece)
    if MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" check -q -j2 "$f" 2>&1 >/dev/null </dev/null |
        grep -qE "jobs: .*: ([2-9]|[1-9][0-9]+) of [0-9]+ pieces replayed"; then
        split=$((split + 1))
    fi
done
echo "  $split of ${#INPUTS[@]} inputs were read in more than one piece"

# the knobs do split: a file of blocks is read in one piece per block, and
# -j1 reads serially
status_is 0 -e "jobs: .*basic_calls.log': 4 of 4 pieces replayed, 2 threads" \
    "a file of 4 blocks is read in 4 pieces at -j2" \
    env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" summary -j2 "$CORPUS/basic_calls.log"
status_is 0 -e "jobs: .*: 0 of 0 pieces replayed, 0 threads" "-j1 reads serially" \
    env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" summary -j1 "$CORPUS/basic_calls.log"
status_is 0 -e "jobs: .*: 0 of 0 pieces replayed" "a compressed input is read serially" \
    env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" summary -j2 "$CORPUS/basic_calls.log.gz"
status_is 0 -e "jobs: '-': 0 of 0 pieces replayed" "a pipe is read serially" \
    sh -c 'cat "$1" | MEMFOLD_TEST_JOBS_TRACE=1 "$2" summary -j2' sh "$CORPUS/basic_calls.log" "$MEMFOLD"
if [ "$split" -gt $((${#INPUTS[@]} / 4)) ]; then pass "most inputs were split ($split)"; else
    fail "only $split of ${#INPUTS[@]} inputs were read in more than one piece"; fi

# where the state at a boundary is not a new parser's, the piece before
# reads on over it (and the output above was still the serial one)
trace_is() {
    local st=$1 want=$2 what=$3 f=$4
    status_is "$st" -e "jobs: .*: $want pieces replayed" "$what" \
        env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" check -q -j2 "$f"
}
trace_is 1 "1 of 40" "interleaved writers (demux): no boundary after the first is taken" \
    "$CORPUS/pool_workers1.log"
trace_is 0 "1 of 3" "text split off before Filename: (quote): no boundary is taken" \
    "$CORPUS/pasted/progress_cr.log"
trace_is 1 "1 of 2" "an orphan Filename: line waiting: its boundary is not taken" \
    tests/check/missing_header.log
status_is 1 -e "jobs: .*: 3 of 7 pieces replayed" "blocks cut off by the next Filename: (a block open): 3 of 7 taken" \
    env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" check -q -j2 tests/check/broken_blocks.log

# a 50 MB log, with the default pieces and threshold
unset MEMFOLD_TEST_PIECE_BYTES MEMFOLD_TEST_MIN_PARALLEL_BYTES
cc -O2 -o "$TMP/genlog" tests/bench/genlog.c && "$TMP/genlog" 50 >"$TMP/big.log" ||
    bail_out "cannot build or run tests/bench/genlog.c"
big_ok=1
for cmd in "summary -f json" "lines -f csv" "check"; do
    for j in 1 2 7; do run "j$j" "$j" "$cmd" "$TMP/big.log"; done
    agree || big_ok=0
done
if [ "$big_ok" = 1 ]; then pass "a 50 MB log: summary, lines -f csv, check the same at -j1, -j2, -j7"
else fail "a 50 MB log: summary, lines -f csv, check the same at -j1, -j2, -j7"; fi
status_is 0 -e "jobs: .*big.log': (4[5-9]) of (4[5-9]) pieces replayed, 2 threads" \
    "the 50 MB log is read in its pieces of 1 MiB, each verified" \
    env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" check -j2 "$TMP/big.log"
# a small file is read serially by default
status_is 0 -e "jobs: .*: 0 of 0 pieces replayed" "a file under 8 MiB is read serially" \
    env MEMFOLD_TEST_JOBS_TRACE=1 "$MEMFOLD" summary -j2 "$CORPUS/basic_calls.log"

# bad values
for v in 0 -1 x 1025; do
    status_is 2 -e "^memfold: -j takes a number of threads from 1 to 1024, not '$v'$" \
        "-j $v is a usage error" "$MEMFOLD" summary -j "$v" "$CORPUS/basic_calls.log"
done
status_is 2 -e "^memfold: --jobs takes a number of threads from 1 to 1024, not ''$" \
    "--jobs= (empty) is a usage error" "$MEMFOLD" check --jobs= "$CORPUS/basic_calls.log"
status_is 2 -e "fmt takes no -j" "fmt takes no -j" "$MEMFOLD" fmt -j2 "$CORPUS/basic_calls.log"
