# lib.sh -- helpers for the shell tests (git style: one small script per
# topic, one [PASS]/[FAIL] line per check).  Source it from a test.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MEMFOLD=${MEMFOLD:-$ROOT/memfold}
CORPUS=$ROOT/tests/corpus
T=$(basename "$0" .sh)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$ROOT" || exit 2

pass() { echo "[PASS] $T: $1"; }
fail() { echo "[FAIL] $T: $1"; }
skip() { echo "[SKIP] $T: $1"; }

# ok DESCRIPTION COMMAND...: the command must succeed.
ok() {
    local what=$1; shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}

# status_is N DESCRIPTION COMMAND...: the command must exit with N.
status_is() {
    local want=$1 what=$2; shift 2
    "$@" >"$TMP/stdout" 2>"$TMP/stderr"
    local got=$?
    if [ "$got" -eq "$want" ]; then pass "$what"; else
        echo "  exit status $got, expected $want; stderr:"; sed 's/^/    /' "$TMP/stderr"
        fail "$what"
    fi
}

# Measured rows of a report, counted without memfold: a line number, then
# two numbers in MiB (anywhere on the line: a logging prefix may precede).
count_measured() {
    grep -cE '(^|[^0-9])[0-9]+ +-?[0-9.]+ MiB +-?[0-9.]+ MiB' "$@" | awk -F: '{ s += $NF } END { print s + 0 }'
}
