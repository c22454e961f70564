#!/usr/bin/env bash
# Recapture every report in tests/corpus/gate/ (the captures `memfold diff`'s
# gate is tested on) from the programs beside this script.
#
#   make.sh            rewrite the captures in place (this directory)
#   make.sh OUTDIR     write them into OUTDIR instead
#
# Each program is run as a user runs it: copied into a user's checkout
# (APP_DIR, default /home/dev/memapp; the "moved checkout" case uses
# CI_DIR, default /builds/ci/memapp) under the name the user's file has
# (app.py, pipeline.py, bench.py, worker.py, ...), run from there with
# /usr/bin/python3 and memory_profiler's @profile, stdout and stderr both
# into the log (2>&1), so the Filename: lines hold those paths.  Exit
# statuses go to statuses.txt ("<capture> <status>").  Takes about 30 s.
#
# Environment: PYTHON (default /usr/bin/python3, which has memory_profiler),
#              MPROF (default /usr/bin/python3-mprof), APP_DIR, CI_DIR.
# Exit status 77 when memory_profiler or mprof is missing (test "skip").
set -euo pipefail

CALLER_DIR=$(pwd)
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$(pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
MPROF=${MPROF:-/usr/bin/python3-mprof}
APP_DIR=${APP_DIR:-/home/dev/memapp}
CI_DIR=${CI_DIR:-/builds/ci/memapp}
export PYTHONUTF8=1 PYTHONIOENCODING=utf-8 PYTHONDONTWRITEBYTECODE=1
unset PYTHONPATH PYTHONSTARTUP PYTHONWARNINGS || true

OUT=${1:-$HERE}
case $OUT in /*) ;; *) OUT=$CALLER_DIR/$OUT ;; esac
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

"$PYTHON" -c 'import memory_profiler' 2>/dev/null || { echo "make.sh: no memory_profiler in $PYTHON" >&2; exit 77; }
[[ -x $MPROF ]] || { echo "make.sh: no mprof at $MPROF" >&2; exit 77; }

mkdir -p "$APP_DIR" "$CI_DIR"
STATUS=$OUT/statuses.txt
: > "$STATUS"

# capture LOG PROGRAM [AS [DIR [RUNNER...]]]
#   copy PROGRAM.py to DIR/AS (default app.py in APP_DIR), run it from DIR
#   with RUNNER (default: $PYTHON AS), everything it prints into OUT/LOG.
capture() {
  local log=$1 prog=$2 as=${3:-app.py} dir=${4:-$APP_DIR}
  shift 4 2>/dev/null || shift $#
  cp "$HERE/$prog.py" "$dir/$as"
  local rc=0
  if (($#)); then
    (cd "$dir" && "$@" "$as") > "$OUT/$log" 2>&1 || rc=$?
  else
    (cd "$dir" && "$PYTHON" "$as") > "$OUT/$log" 2>&1 || rc=$?
  fi
  rm -f "$dir/$as"
  printf '%s %d\n' "$log" "$rc" >> "$STATUS"
}

# (a) two classes with a same-named method; Small.load grows by 45 MiB.
capture classes_old.log   classes_old
capture classes_new.log   classes_new
# (b) six lines inserted above both classes; unchanged / Small.load grown.
capture shifted_same.log  shifted_same
capture shifted_grown.log shifted_grown
# (c) first() keeps 40 MiB alive after it returns; second() is unchanged.
capture neighbour_old.log neighbour_old pipeline.py
capture neighbour_new.log neighbour_new pipeline.py
# (d) noise: 10 + 10 runs of one program, 10 runs with build() +8 MiB.
for set in old same grown; do
  prog=runs_old; [[ $set == grown ]] && prog=runs_grown
  for i in 01 02 03 04 05 06 07 08 09 10; do
    capture "runs_${set}_$i.log" "$prog" bench.py
  done
done
# (e) no report at all; an empty file; a MemoryError inside a @profile'd
#     function (the first one; and the second, after one block printed).
capture empty.log         empty
: > "$OUT/empty0.log"
capture crashed.log       crashed
capture crashed_after.log crashed_after
# (f) the (a)-old program from another checkout.
capture moved.log         classes_old app.py "$CI_DIR"
# (g) mprof run (bare @profile); mprof names its output mprofile_<time>.dat.
for v in old new; do
  cp "$HERE/mprof_$v.py" "$APP_DIR/worker.py"
  rm -f "$APP_DIR"/mprofile_*.dat
  rc=0
  (cd "$APP_DIR" && "$MPROF" run worker.py) > /dev/null 2>&1 || rc=$?
  mv "$APP_DIR"/mprofile_*.dat "$OUT/mprof_$v.dat"
  rm -f "$APP_DIR/worker.py"
  printf '%s %d\n' "mprof_$v.dat" "$rc" >> "$STATUS"
done
# (h) what the counts of a report tell.
capture counts_module.log    counts_module    counts_module.py "$APP_DIR" "$PYTHON" -m memory_profiler
capture counts_recursion.log counts_recursion counts_recursion.py
capture counts_nested.log    counts_nested    counts_nested.py
capture counts_generator.log counts_generator counts_generator.py
