#!/usr/bin/env bash
# Capture %mprun (memory_profiler's IPython magic) for real with Debian's
# IPython (/usr/bin/ipython3) and memory_profiler 0.61.
#
#   ipython_mprun.sh           rewrite the outputs in place (this directory)
#   ipython_mprun.sh OUTDIR    write the fresh outputs into OUTDIR instead
#
# Outputs (see README.md):
#   ipython_mprun.log          `ipython3 --no-banner --colors=NoColor < ipython_mprun.ipy`
#                              (the session fed on stdin: prompts, terminal title)
#   ipython_mprun_T.txt        written by `%mprun -T ipython_mprun_T.txt ...` in it
#   ipython_mprun_T2.txt       written by `%mprun -T ipython_mprun_T2.txt ...` in it
#   ipython_mprun_script.log   `ipython3 --no-banner --colors=NoColor ipython_mprun_script.ipy`
#                              (the driver run as a script: no prompts)
#   ipython_mprun_script_T.txt written by `%mprun -T ...` in the script
#   ipython_mprun_long.log     `ipython3 --no-banner --colors=NoColor < ipython_mprun_long.ipy`
#                              (a report taller than the screen: IPython pipes it
#                              through its pager, `less -R`, which copies it to
#                              the file)
#
# IPython runs in this directory (the module ipython_mprun_mod.py is
# imported from here, so Filename: is its absolute path here, and the -T
# files are written here: with OUTDIR they are then moved there and the
# committed ones put back).  TERM is xterm-256color, as in a terminal
# emulator (IPython writes the terminal title escapes even to a file; a
# dumb TERM would change how %mprun's pager prints).  IPYTHONDIR is a fresh
# empty directory: no user configuration, no history.  PAGER, LINES and
# COLUMNS are unset: %mprun's page() prints a report of up to 24 lines
# (the size of a screen that is not a terminal) itself and pipes a taller
# one through `less -R`.
# Exit status 77 when ipython3 or memory_profiler is missing.
set -euo pipefail
CALLER_DIR=$(pwd)
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$(pwd)
IPYTHON=${IPYTHON:-/usr/bin/ipython3}
[ -x "$IPYTHON" ] || { echo "ipython_mprun.sh: no $IPYTHON" >&2; exit 77; }
/usr/bin/python3 -c 'import memory_profiler' 2>/dev/null ||
  { echo "ipython_mprun.sh: no memory_profiler for /usr/bin/python3" >&2; exit 77; }

OUT=${1:-$HERE}
case $OUT in /*) ;; *) OUT=$CALLER_DIR/$OUT ;; esac
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

export TERM=xterm-256color PYTHONUTF8=1 PYTHONIOENCODING=utf-8 PYTHONDONTWRITEBYTECODE=1
unset PYTHONPATH PYTHONSTARTUP PYTHONWARNINGS PAGER LINES COLUMNS || true
TXT=(ipython_mprun_T.txt ipython_mprun_T2.txt ipython_mprun_script_T.txt)
work=$(mktemp -d)
restore() {
  if [ "$OUT" != "$HERE" ]; then
    local f
    for f in "${TXT[@]}"; do
      [ -f "$HERE/$f" ] && mv "$HERE/$f" "$OUT/$f"
      [ -f "$work/saved-$f" ] && mv "$work/saved-$f" "$HERE/$f"
    done
  fi
  rm -rf "$work"
}
trap restore EXIT
if [ "$OUT" != "$HERE" ]; then
  for f in "${TXT[@]}"; do [ -f "$f" ] && mv "$f" "$work/saved-$f"; done
fi
for f in "${TXT[@]}"; do rm -f "$f"; done

run() {  # run LOG ARGS...: one IPython session; stderr must stay empty
  local log=$1; shift
  mkdir -p "$work/ipythondir.$log"
  IPYTHONDIR=$work/ipythondir.$log "$IPYTHON" --no-banner --colors=NoColor "$@" \
    > "$OUT/$log" 2> "$work/stderr"
  if [ -s "$work/stderr" ]; then
    echo "ipython_mprun.sh: $log: IPython wrote to stderr:" >&2
    cat "$work/stderr" >&2
    exit 1
  fi
}
run ipython_mprun.log < ipython_mprun.ipy
run ipython_mprun_script.log ipython_mprun_script.ipy < /dev/null
command -v less >/dev/null || { echo "ipython_mprun.sh: no less: IPython's pager" >&2; exit 77; }
run ipython_mprun_long.log < ipython_mprun_long.ipy
for f in "${TXT[@]}"; do
  [ -f "$f" ] || { echo "ipython_mprun.sh: %mprun -T wrote no $f" >&2; exit 1; }
done
