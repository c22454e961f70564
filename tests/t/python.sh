#!/usr/bin/env bash
# The Python package (python/): its extension builds against libmemfold.a
# with -Werror; its tests (python/tests: the API against the command on the
# whole corpus, bad input, and the pytest plugin on example suites) pass,
# one check per pytest test; `pip install` into a fresh venv works offline,
# and there `print(memfold.summary(FILE))` prints what `memfold summary -f
# json FILE` prints.  Under SANITIZE=1 the extension is built with ASan and
# UBSan and the tests run with those runtimes preloaded.  Skipped, saying
# why, when Python's headers, setuptools or pytest are not installed
# (make deps installs them: python3-dev python3-setuptools python3-pytest).
. "$(dirname "$0")/lib.sh"

PY=${PYTHON:-}
if [ -z "$PY" ]; then
    # Debian's python3 has Debian's modules (memory_profiler, pytest); a
    # python3 first on PATH (pyenv, a venv) may not
    if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=$(command -v python3); fi
fi
have_python() {
    [ -n "$PY" ] && "$PY" - <<'EOF' 2>/dev/null
import os, sysconfig, setuptools, pytest, memory_profiler
raise SystemExit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))
EOF
}
if ! have_python; then
    plan 1
    skip_all "the Python package needs python3-dev, python3-setuptools, python3-pytest and python3-memory-profiler (make deps installs them)"
fi

san_env=()
if [ "${SANITIZE:-}" = 1 ]; then
    CC_=${CC:-cc}
    san_env=(env "LD_PRELOAD=$($CC_ -print-file-name=libasan.so):$($CC_ -print-file-name=libubsan.so)"
             "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1" "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1")
fi
export PYTHONPATH=$ROOT/python PYTHONDONTWRITEBYTECODE=1
pyt=("${san_env[@]}" "$PY" -m pytest -p no:cacheprovider -q python/tests)
# no stale metadata of an in-tree pip build: its entry point would load the
# plugin twice
rm -rf python/memfold.egg-info

build() {
    (cd python && MEMFOLD_LIB=$ROOT/build/libmemfold.a MEMFOLD_WERROR=1 \
        "$PY" setup.py -q build_ext --inplace --force) >"$TMP/build.log" 2>&1
}
if ! build; then
    plan 1
    fail "the extension builds with -Wall -Wextra -Werror"
    sed 's/^/    /' "$TMP/build.log"
    exit 1
fi
n=$("${pyt[@]}" --collect-only 2>/dev/null | grep -c '::')
[ "$n" -gt 100 ] || { plan 1; fail "pytest collects the package's tests (found $n)"; exit 1; }
plan $((n + 8))
pass "the extension builds with -Wall -Wextra -Werror"

# one check per pytest test, named by its node id, from pytest's JUnit XML
"${pyt[@]}" --junitxml="$TMP/py.xml" >"$TMP/py.out" 2>&1
st=$?
"$PY" - "$TMP/py.xml" >"$TMP/py.checks" <<'EOF'
import sys, xml.etree.ElementTree as ET
try:
    cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
except (OSError, ET.ParseError) as e:
    print(f"[FAIL] python: pytest wrote no report: {e}")
    raise SystemExit
for c in cases:
    name = f"{c.get('classname')}::{c.get('name')}".replace("python.tests.", "")
    kids = {k.tag for k in c}
    if kids & {"failure", "error"}:
        print(f"[FAIL] python: {name}")
    elif "skipped" in kids:
        print(f"[SKIP] python: {name}")
    else:
        print(f"[PASS] python: {name}")
EOF
cat "$TMP/py.checks"
T_RAN=$((T_RAN + $(grep -c '^\[' "$TMP/py.checks")))
T_FAILED=$((T_FAILED + $(grep -c '^\[FAIL\]' "$TMP/py.checks")))
if [ "$st" -eq 0 ]; then
    pass "pytest exits 0"
else
    fail "pytest exits 0 (it exited $st)"
    tail -60 "$TMP/py.out" | sed 's/^/    /'
fi

# print(memfold.summary(FILE)) is the command's JSON, byte for byte
"$MEMFOLD" summary -f json tests/corpus/basic_calls.log >"$TMP/cli.json"
"${san_env[@]}" "$PY" -c 'import memfold; print(memfold.summary("tests/corpus/basic_calls.log"))' \
    >"$TMP/py.json" 2>"$TMP/py.err"
if [ -s "$TMP/cli.json" ] && cmp -s "$TMP/cli.json" "$TMP/py.json"; then
    pass "print(memfold.summary(FILE)) prints what 'memfold summary -f json FILE' prints"
else
    fail "print(memfold.summary(FILE)) prints what 'memfold summary -f json FILE' prints"
    diff -u "$TMP/cli.json" "$TMP/py.json" | head -20; cat "$TMP/py.err"
fi

# pip install into a fresh venv, offline (no index, no build isolation)
if [ "${SANITIZE:-}" = 1 ]; then
    skip "pip install into a fresh venv (not under the sanitizers: done in the plain run)" 4
elif ! "$PY" -m venv "$TMP/venv" >"$TMP/venv.log" 2>&1; then
    skip "pip install into a fresh venv: python3-venv is not installed" 4
else
    V=$TMP/venv/bin
    # setuptools 66 builds a wheel with the wheel package: Debian's
    # python3-wheel-whl has it, offline
    for w in /usr/share/python-wheels/wheel-*.whl; do
        [ -e "$w" ] && "$V/pip" install -q --no-index "$w" >>"$TMP/venv.log" 2>&1
    done
    if (unset PYTHONPATH; MEMFOLD_LIB=$ROOT/build/libmemfold.a \
            "$V/pip" install --no-index --no-build-isolation ./python) >>"$TMP/venv.log" 2>&1; then
        pass "pip install --no-index --no-build-isolation ./python into a fresh venv"
    else
        fail "pip install --no-index --no-build-isolation ./python into a fresh venv"
        tail -30 "$TMP/venv.log" | sed 's/^/    /'
    fi
    rm -rf python/memfold.egg-info python/build
    (cd "$TMP" && unset PYTHONPATH && "$V/python" -c \
        "import memfold, sys; print(memfold.summary(sys.argv[1]))" "$ROOT/tests/corpus/basic_calls.log") \
        >"$TMP/venv.json" 2>>"$TMP/venv.log"
    "$MEMFOLD" summary -f json "$ROOT/tests/corpus/basic_calls.log" >"$TMP/cli-abs.json"
    ok "the installed package prints the command's summary" cmp "$TMP/cli-abs.json" "$TMP/venv.json"
    where=$(cd "$TMP" && unset PYTHONPATH && "$V/python" -c 'import memfold; print(memfold.__file__)')
    ok "... imported from the venv, not from the source tree" \
        sh -c "case '$where' in '$TMP/venv/'*) exit 0;; *) exit 1;; esac"
    eps=$(cd "$TMP" && unset PYTHONPATH && "$V/python" -c \
        'import importlib.metadata as m; print([e.value for e in m.entry_points(group="pytest11") if e.name == "memfold"])')
    ok "... with its pytest11 entry point" test "$eps" = "['memfold']"
fi

# the version is the header's, in the package's metadata too
want=$(sed -n 's/^#define MEMFOLD_VERSION_STRING "\(.*\)"/\1/p' include/memfold.h)
got=$(cd python && "$PY" setup.py --version 2>/dev/null | tail -1)
ok "setup.py's version is include/memfold.h's ($want)" test -n "$want" -a "$got" = "$want"
