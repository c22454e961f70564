# lib.sh -- helpers for the shell tests (git style: one small script per
# topic, one [PASS]/[FAIL]/[SKIP] line per check).  Source it from a test,
# then declare the plan:
#
#     . "$(dirname "$0")/lib.sh"
#     plan 12
#
# The plan is how many checks the script runs (TAP's "1..N", git's
# test_done).  When the script ends -- at its last line, at an `exit`, or
# killed midway by `set -u` or an error -- the number of checks that ran is
# compared with the plan: a script that ends early or runs a different
# number prints a [FAIL] line saying so.  The script's exit status is 0 only
# when every check ran and passed, so tests/run.sh can tell a script that
# died from one that finished.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MEMFOLD=${MEMFOLD:-$ROOT/memfold}
CORPUS=$ROOT/tests/corpus
T=$(basename "$0" .sh)
TMP=$(mktemp -d)
cd "$ROOT" || exit 2

T_PLAN= T_RAN=0 T_FAILED=0

# plan N: this script runs N checks (pass, fail and skip all count).
plan() { T_PLAN=$1; }

pass() { T_RAN=$((T_RAN + 1)); echo "[PASS] $T: $1"; }
fail() { T_RAN=$((T_RAN + 1)); T_FAILED=$((T_FAILED + 1)); echo "[FAIL] $T: $1"; }
# skip REASON [N]: N checks (default 1) cannot run here.
skip() {
    local i n=${2:-1}
    for ((i = 0; i < n; i++)); do T_RAN=$((T_RAN + 1)); echo "[SKIP] $T: $1"; done
}
# bail_out REASON: the test cannot go on (a precondition of its own is
# false, not a check of memfold): a [FAIL] line, and the script ends.
bail_out() { fail "bail out: $1"; exit 1; }
# skip_all REASON: nothing of this script can run here; the plan is kept.
skip_all() { skip "$1" "$((T_PLAN - T_RAN))"; exit 0; }

t_finish() {
    local st=$?
    rm -rf "$TMP"
    if [ -z "$T_PLAN" ]; then
        echo "[FAIL] $T: the script declares no plan"
        exit 1
    fi
    if [ "$T_RAN" -ne "$T_PLAN" ]; then
        echo "[FAIL] $T: ran $T_RAN of its $T_PLAN planned checks (exit status $st)"
        exit 1
    fi
    if [ "$st" -ne 0 ]; then
        echo "[FAIL] $T: ended with exit status $st after all its checks"
        exit 1
    fi
    [ "$T_FAILED" -eq 0 ] || exit 1
    exit 0
}
trap t_finish EXIT

# ok DESCRIPTION COMMAND...: the command must succeed.
ok() {
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# status_is N [-o ERE] [-e ERE] [-O] [-E] DESCRIPTION COMMAND...: the
# command must exit with N; with -o (-e) its stdout (stderr) must hold a
# line matching ERE, with -O (-E) it must be empty.  Both are kept in
# $TMP/stdout and $TMP/stderr for the checks that follow.
status_is() {
    local want=$1 out_re= err_re= out_empty=0 err_empty=0; shift
    while :; do
        case $1 in
            -o) out_re=$2; shift 2 ;;
            -e) err_re=$2; shift 2 ;;
            -O) out_empty=1; shift ;;
            -E) err_empty=1; shift ;;
            *) break ;;
        esac
    done
    local what=$1; shift
    "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    local got=$? why=
    [ "$got" -eq "$want" ] || why="exit status $got, expected $want"
    if [ -z "$why" ] && [ -n "$out_re" ] && ! grep -qE -- "$out_re" "$TMP/stdout"; then
        why="stdout holds no line matching '$out_re'"
    fi
    if [ -z "$why" ] && [ -n "$err_re" ] && ! grep -qE -- "$err_re" "$TMP/stderr"; then
        why="stderr holds no line matching '$err_re'"
    fi
    [ -z "$why" ] && [ "$out_empty" = 1 ] && [ -s "$TMP/stdout" ] && why="stdout is not empty"
    [ -z "$why" ] && [ "$err_empty" = 1 ] && [ -s "$TMP/stderr" ] && why="stderr is not empty"
    if [ -z "$why" ]; then pass "$what"; else
        echo "  $why; stdout, stderr:"
        head -c 2000 "$TMP/stdout" | sed 's/^/    | /'
        head -c 2000 "$TMP/stderr" | sed 's/^/    ! /'
        fail "$what"
    fi
}

# check_clean DESCRIPTION ARGS...: `memfold check ARGS` finds nothing, and
# says so: exit 0 and the JSON diagnostics are the empty array.  (A silent
# exit 0 alone is also what a memfold that does nothing gives.)
check_clean() {
    local what=$1; shift
    status_is 0 -e '^\[\]$' "$what" "$MEMFOLD" check --diagnostics-format=json "$@"
}

# same DESCRIPTION A B: files A and B are byte for byte the same, and hold
# something (two empty outputs agree, and prove nothing).
same() {
    local what=$1 a=$2 b=$3
    if [ ! -s "$a" ] || [ ! -s "$b" ]; then
        echo "  empty or missing: $([ -s "$a" ] || echo "$a") $([ -s "$b" ] || echo "$b")"
        fail "$what"
    elif cmp -s "$a" "$b"; then pass "$what"
    else diff -u "$a" "$b" | head -20; fail "$what"; fi
}

# Measured rows of a report, counted without memfold: a line number, then
# two numbers in MiB (anywhere on the line: a logging prefix may precede).
count_measured() {
    grep -cE '(^|[^0-9])[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB' "$@" | awk -F: '{ s += $NF } END { print s + 0 }'
}

# %memit results of a report, counted without memfold: a line that is one
# (after a quoting prefix and IPython's "In [N]: " prompt), in the form of
# memory_profiler 0.30 and later or in the older one.
count_memit() {
    grep -cE '^[ #>]*(In \[[0-9]+\]: )?(peak memory: -?[0-9.]+ MiB, increment: -?[0-9.]+ MiB|maximum of [0-9]+: -?[0-9.]+ Mi?B per loop) *$' "$@" |
        awk -F: '{ s += $NF } END { print s + 0 }'
}

# csv_rows FILE: the records of a CSV file after its header (0 when the
# file is missing, empty or has no header).
csv_rows() { local n=0; [ -f "$1" ] && n=$(wc -l <"$1"); echo $((n > 0 ? n - 1 : 0)); }

# clean_reports NAME: the corpus reports exactly as memory_profiler printed
# them, into the array NAME (the killed and re-encoded ones are
# real-world.sh's; the Pool captures, several writers on one pipe, are
# interleaved.sh's: check calls their tables interleaved).
clean_reports() {
    local -n into=$1
    local log
    into=()
    for log in "$CORPUS"/*.log; do
        case "$(basename "$log" .log)" in killed*|crlf|mixed_endings|windows_path|pool_workers*) ;; *) into+=("$log") ;; esac
    done
}

# cells FILE: the first table of a Markdown file as cmark-gfm renders it,
# a line per row, cells separated by tabs (header first).
cells() {
    cmark-gfm -e table "$1" | "${PY:-/usr/bin/python3}" -c '
import sys, html.parser
class P(html.parser.HTMLParser):
    def __init__(s):
        super().__init__(); s.rows = []; s.cell = None; s.tables = 0
    def handle_starttag(s, t, a):
        if t == "table": s.tables += 1
        if s.tables != 1: return
        if t == "tr": s.rows.append([])
        if t in ("td", "th"): s.cell = ""
    def handle_endtag(s, t):
        if t in ("td", "th") and s.cell is not None and s.tables == 1:
            s.rows[-1].append(s.cell); s.cell = None
    def handle_data(s, d):
        if s.cell is not None: s.cell += d
p = P(); p.feed(sys.stdin.read())
for r in p.rows: print("\t".join(r))'
}
