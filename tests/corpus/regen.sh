#!/usr/bin/env bash
# Recapture every captured output of the memfold test corpus from the
# programs in this directory, with Debian's memory_profiler 0.61.
#
#   regen.sh                 rewrite the outputs in place (this directory)
#   regen.sh OUTDIR          write the fresh outputs into OUTDIR instead
#   regen.sh OUTDIR NAME...  only the named cases (names as in --list)
#   regen.sh --list          print "<name> <output file>", one line per output
#                            (an mprof case has two: NAME -> NAME.dat and
#                            NAME_peak -> NAME.peak; running either reruns both;
#                            likewise basic_calls and gzip, killed_midrow
#                            and killed_midblock, and the ipython_mprun* cases)
#
# Exit status 77 when memory_profiler or mprof is missing (test "skip").
#
# The programs always run from this directory, so the "Filename:" lines are
# the paths Python prints for them here: absolute for `python3 prog.py` and
# for imported helper modules, relative ("prog.py") under
# `python3 -m memory_profiler prog.py`.  Only the memory numbers (and the
# time stamps / sample counts of LogFile and mprof outputs) vary from run to
# run; the blocks and rows of every .log are the same every run (killed.log,
# a real SIGKILLed run, could in principle end at another row; see README).
#
# Some outputs are DERIVED from a fresh capture, because memory_profiler
# cannot print them on Linux: crlf, mixed_endings, windows_path, bom,
# killed_midrow, killed_midblock and gzip (see README.md).
#
# Environment: PYTHON (default /usr/bin/python3, which has memory_profiler),
#              MPROF (default /usr/bin/python3-mprof).
set -euo pipefail

# A relative OUTDIR is relative to the caller's directory, not this one.
CALLER_DIR=$(pwd)
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$(pwd)
PYTHON=${PYTHON:-/usr/bin/python3}
MPROF=${MPROF:-/usr/bin/python3-mprof}
# UTF-8 everywhere (non-ASCII source lines), no __pycache__ in the corpus.
export PYTHONUTF8=1 PYTHONIOENCODING=utf-8 PYTHONDONTWRITEBYTECODE=1
unset PYTHONPATH PYTHONSTARTUP PYTHONWARNINGS || true

# name  output-file  producer
CASES=(
  "basic_calls            basic_calls.log             basic_calls"
  "multi_file             multi_file.log              multi_file"
  "module_mode            module_mode.log             module_mode"
  "module_mode_precision1 module_mode_precision1.log  module_mode_precision1"
  "module_mode_runmod     module_mode_runmod.log      module_mode_runmod"
  "stream_file            stream_file.log             stream_file"
  "append_o               append_o.log                append_o"
  "precision              precision.log               precision"
  "negative               negative.log                negative"
  "wide_values            wide_values.log             wide_values"
  "occurrences            occurrences.log             occurrences"
  "unmeasured_rows        unmeasured_rows.log         unmeasured_rows"
  "indentation            indentation.log             indentation"
  "async_methods          async_methods.log           async_methods"
  "decorators             decorators.log              decorators"
  "nested_def             nested_def.log              nested_def"
  "no_decorator_line      no_decorator_line.log       no_decorator_line"
  "recursion              recursion.log               recursion"
  "counts_decorated       counts_decorated.log        counts_decorated"
  "counts_module          counts_module.log           counts_module"
  "runs_1                 runs_1.log                  runs_1"
  "runs_2                 runs_2.log                  runs_2"
  "runs_3                 runs_3.log                  runs_3"
  "last_line_no_newline   last_line_no_newline.log    last_line_no_newline"
  "logfile_prefix         logfile_prefix.log          logfile_prefix"
  "logfile_increment_only logfile_increment_only.log  logfile_increment_only"
  "mprof_plain            mprof_plain.dat             mprof_plain"
  "mprof_plain_peak       mprof_plain.peak            mprof_plain"
  "mprof_children         mprof_children.dat          mprof_children"
  "mprof_children_peak    mprof_children.peak         mprof_children"
  "mprof_multiprocess     mprof_multiprocess.dat      mprof_multiprocess"
  "mprof_multiprocess_peak mprof_multiprocess.peak    mprof_multiprocess"
  "mprof_func             mprof_func.dat              mprof_func"
  "mprof_func_peak        mprof_func.peak             mprof_func"
  "old_format             old_format.log              old_format"
  "v058_format            v058_format.log             v058_format"
  "path_spaces_unicode    path_spaces_unicode.log     path_spaces_unicode"
  "logfile_basic_format   logfile_basic_format.log    logfile_basic_format"
  "logfile_custom_format  logfile_custom_format.log   logfile_custom_format"
  "crlf                   crlf.log                    crlf"
  "mixed_endings          mixed_endings.log           mixed_endings"
  "windows_path           windows_path.log            windows_path"
  "bom                    bom.log                     bom"
  "killed                 killed.log                  killed"
  "killed_midrow          killed_midrow.log           killed_cuts"
  "killed_midblock        killed_midblock.log         killed_cuts"
  "gzip                   basic_calls.log.gz          basic_calls"
  "ipython_mprun          ipython_mprun.log           ipython_mprun"
  "ipython_mprun_T        ipython_mprun_T.txt         ipython_mprun"
  "ipython_mprun_T2       ipython_mprun_T2.txt        ipython_mprun"
  "ipython_mprun_script   ipython_mprun_script.log    ipython_mprun"
  "ipython_mprun_script_T ipython_mprun_script_T.txt  ipython_mprun"
  "ipython_mprun_long     ipython_mprun_long.log      ipython_mprun"
  "ipython_memit          ipython_memit.log           ipython_memit"
  "ipython_memit_tty      ipython_memit_tty.log       ipython_memit_tty"
  "ipython_memit_pasted   ipython_memit_pasted.py     ipython_memit_tty"
  "pool_workers1          pool_workers1.log           pool_workers"
  "pool_workers2          pool_workers2.log           pool_workers"
  "pool_workers3          pool_workers3.log           pool_workers"
)

# ---------------------------------------------------------------- producers
# Each writes its output(s) into $OUT (an absolute directory).

# IPython with memory_profiler's extension: %memit results.  Piped into
# ipython3, a session echoes nothing, so each result follows its prompt
# ("In [2]: peak memory: ..."); typed on a terminal (ipython_tty.py, a
# pseudo-terminal), the statement is echoed on the line above.  The
# pasted file (derived) is that transcript as "# " comments under the
# session's code, the comment of a bare blank line "#".
IPYTHON=${IPYTHON:-/usr/bin/ipython3}
run_ipython_memit() {
  "$IPYTHON" --no-banner --colors=NoColor --TerminalInteractiveShell.term_title=False \
    --HistoryManager.enabled=False < ipython_memit.ipy > "$OUT/ipython_memit.log"
}
run_ipython_memit_tty() {
  IPYTHON=$IPYTHON "$PYTHON" ipython_tty.py ipython_memit.ipy > "$OUT/ipython_memit_tty.log"
  {
    echo '"""What %memit said about the statements of ipython_memit.ipy (pasted from IPython)."""'
    echo
    sed 's/^/# /; s/^# $/#/' "$OUT/ipython_memit_tty.log"
    echo
  } > "$OUT/ipython_memit_pasted.py"
}

# Plain `python3 prog.py`: the report is the program's stdout.
stdout_case() { "$PYTHON" "$1.py" > "$OUT/$1.log"; }

# basic_calls.log.gz (case "gzip", derived) is this very capture
# compressed; -n leaves out the name and time stamp, so the same .log
# always gives the same bytes.
run_basic_calls() {
  stdout_case basic_calls
  gzip -n -c "$OUT/basic_calls.log" > "$OUT/basic_calls.log.gz"
}
run_multi_file()        { stdout_case multi_file; }
run_precision()         { stdout_case precision; }
run_negative()          { stdout_case negative; }
run_wide_values()       { stdout_case wide_values; }
run_occurrences()       { stdout_case occurrences; }
run_unmeasured_rows()   { stdout_case unmeasured_rows; }
run_indentation()       { stdout_case indentation; }
run_async_methods()     { stdout_case async_methods; }
run_decorators()        { stdout_case decorators; }
run_nested_def()        { stdout_case nested_def; }
run_no_decorator_line() { stdout_case no_decorator_line; }
run_recursion()         { stdout_case recursion; }
run_counts_decorated()  { stdout_case counts_decorated; }
run_counts_module() {
  "$PYTHON" -m memory_profiler counts_module.py > "$OUT/counts_module.log"
}
# One program run three times (`extra` only in run 2), for summary --runs.
run_runs_1() { "$PYTHON" runs.py 1 > "$OUT/runs_1.log"; }
run_runs_2() { "$PYTHON" runs.py 2 > "$OUT/runs_2.log"; }
run_runs_3() { "$PYTHON" runs.py 3 > "$OUT/runs_3.log"; }
# The profiled function lives in "dir with spaces/módulo ünïcode.py".
run_path_spaces_unicode() { stdout_case path_spaces_unicode; }

run_module_mode() {
  "$PYTHON" -m memory_profiler module_mode.py > "$OUT/module_mode.log"
}
run_module_mode_precision1() {
  "$PYTHON" -m memory_profiler --precision 1 module_mode.py \
    > "$OUT/module_mode_precision1.log"
}
# A module name instead of a .py path: memory_profiler runs it with runpy,
# and the Filename: line is the module's absolute path.
run_module_mode_runmod() {
  "$PYTHON" -m memory_profiler module_mode > "$OUT/module_mode_runmod.log"
}

# profile(stream=f): the program writes the report file itself.
run_stream_file() {
  "$PYTHON" stream_file.py "$OUT/stream_file.log" > /dev/null
}

# -o appends: two runs into one file.
run_append_o() {
  rm -f "$OUT/append_o.log"
  "$PYTHON" -m memory_profiler -o "$OUT/append_o.log" append_o.py > /dev/null
  "$PYTHON" -m memory_profiler -o "$OUT/append_o.log" append_o.py > /dev/null
}

# The helper module must have NO final newline: (re)write it with printf.
write_last_line_module() {
  local tmp
  tmp=$(mktemp)
  printf '%s\n%s\n\n\n%s\n%s\n%s\n%s' \
    '"""Written by regen.sh with printf: this file has no final newline."""' \
    'from memory_profiler import profile' \
    '@profile' \
    'def tail(n):' \
    '    items = list(range(n))' \
    '    return len(items)' > "$tmp"
  if cmp -s "$tmp" last_line_no_newline_mod.py; then
    rm -f "$tmp"
  else
    cat "$tmp" > last_line_no_newline_mod.py
    rm -f "$tmp"
  fi
}
run_last_line_no_newline() {
  write_last_line_module
  stdout_case last_line_no_newline
}

# LogFile: the logging module writes the file (filemode='w').
run_logfile_prefix() {
  "$PYTHON" logfile_prefix.py "$OUT/logfile_prefix.log"
}
# LogFile with reportIncrementFlag=True, logged through a StreamHandler on
# stderr.
run_logfile_increment_only() {
  "$PYTHON" logfile_increment_only.py 2> "$OUT/logfile_increment_only.log"
}

# LogFile with logging's default format (basicConfig(filename=...)): the
# logging module writes the file.
run_logfile_basic_format() {
  "$PYTHON" logfile_basic_format.py "$OUT/logfile_basic_format.log"
}
# LogFile with a custom format and datefmt, StreamHandler on stderr.
run_logfile_custom_format() {
  "$PYTHON" logfile_custom_format.py 2> "$OUT/logfile_custom_format.log"
}

# ------------------------------------------------ derived from fresh captures
# What memory_profiler prints on Windows, or what other tools make of a
# report, cannot be captured here: these cases take a fresh capture into a
# temporary file ($CAP) and transform it mechanically.
CAP=
trap 'rm -f "${CAP:-}"' EXIT
fresh_capture() {
  CAP=$(mktemp)
  "$PYTHON" "$@" > "$CAP"
}
# Windows' text-mode stdout turns every "\n" into "\r\n".
run_crlf() {
  fresh_capture basic_calls.py
  sed 's/$/\r/' "$CAP" > "$OUT/crlf.log"
  rm -f "$CAP"
}
# LF in the first half of the lines, CRLF in the second half.
run_mixed_endings() {
  local n
  fresh_capture basic_calls.py
  n=$(wc -l < "$CAP")
  sed "$((n / 2 + 1)),\$ s/\$/\r/" "$CAP" > "$OUT/mixed_endings.log"
  rm -f "$CAP"
}
# The Filename: lines as Python prints them on Windows (absolute, with
# backslashes), and CRLF line endings.
run_windows_path() {
  fresh_capture multi_file.py
  sed -e 's|^Filename: .*/|Filename: C:\\Users\\Dev\\proj\\|' -e 's/$/\r/' \
    "$CAP" > "$OUT/windows_path.log"
  rm -f "$CAP"
}
# A UTF-8 byte-order mark in front, as Windows PowerShell 5's
# `Out-File -Encoding utf8` writes it.
run_bom() {
  fresh_capture basic_calls.py
  { printf '\357\273\277'; cat "$CAP"; } > "$OUT/bom.log"
  rm -f "$CAP"
}

# A real run killed with SIGKILL while it prints a block (killed_run.py).
run_killed() { "$PYTHON" killed_run.py "$OUT/killed.log"; }
# Deterministic cuts of one fresh, complete 3-block capture of killed.py,
# both in its third block at the row of source line 60: killed_midblock
# ends right after that row (no closing blank lines), killed_midrow has
# only its first 26 characters (no newline; the cut is inside the
# Increment number).
# A Pool of 4 workers printing 40 reports to one pipe, unbuffered (-u):
# whole lines of the workers' blocks interleave.  Three runs, because
# where they interleave differs from run to run.
run_pool_workers() {
  local i
  for i in 1 2 3; do
    "$PYTHON" -u pool_workers.py | cat > "$OUT/pool_workers$i.log"
  done
}

run_killed_cuts() {
  local k
  fresh_capture killed.py 3
  k=$(awk '$1 == "60" && ++seen == 3 { print NR; exit }' "$CAP")
  if [[ -z $k ]]; then
    echo "regen.sh: killed.py 3 printed no third row for line 60" >&2
    return 1
  fi
  head -n "$k" "$CAP" > "$OUT/killed_midblock.log"
  { head -n "$((k - 1))" "$CAP"; sed -n "${k}p" "$CAP" | head -c 26; } \
    > "$OUT/killed_midrow.log"
  rm -f "$CAP"
}

# mprof run appends to its -o file, so remove it first; then save what
# `mprof peak` prints (run inside $OUT so it prints the bare file name).
mprof_case() {
  local name=$1
  shift
  rm -f "$OUT/$name.dat" "$OUT/$name.peak"
  "$MPROF" run -T 0.01 "$@" -o "$OUT/$name.dat" "$name.py" > /dev/null
  (cd "$OUT" && "$MPROF" peak "$name.dat" > "$name.peak")
}
run_mprof_plain()        { mprof_case mprof_plain; }
run_mprof_children()     { mprof_case mprof_children --include-children; }
run_mprof_multiprocess() { mprof_case mprof_multiprocess --multiprocess; }
run_mprof_func()         { mprof_case mprof_func; }

# %mprun and %mprun -T in IPython (/usr/bin/ipython3): ipython_mprun.sh
# runs the three sessions and writes all six outputs.
run_ipython_mprun() { bash ./ipython_mprun.sh "$OUT"; }

# Synthesized: real measurements printed with old templates.
run_old_format()  { "$PYTHON" render_old.py pre058 > "$OUT/old_format.log"; }
run_v058_format() { "$PYTHON" render_old.py v058 > "$OUT/v058_format.log"; }

# --------------------------------------------------------------------- main
if [[ ${1:-} == --list ]]; then
  for c in "${CASES[@]}"; do
    read -r name file _ <<< "$c"
    printf '%s %s\n' "$name" "$file"
  done
  exit 0
fi
if [[ ${1:-} == -h || ${1:-} == --help ]]; then
  awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

# Exit 77 ("skip") when the tools are missing, so a test can skip cleanly.
if ! "$PYTHON" -c 'import memory_profiler' 2> /dev/null; then
  echo "regen.sh: $PYTHON cannot import memory_profiler" >&2
  exit 77
fi
if [[ ! -x $MPROF ]]; then
  echo "regen.sh: $MPROF not found" >&2
  exit 77
fi
mp_version=$("$PYTHON" -c 'import memory_profiler; print(memory_profiler.__version__)')
if [[ $mp_version != 0.61.0 ]]; then
  echo "regen.sh: warning: memory_profiler $mp_version, the corpus was made with 0.61.0" >&2
fi

if [[ $# -ge 1 ]]; then
  case $1 in
    /*) OUT=$1 ;;
    *) OUT=$CALLER_DIR/$1 ;;
  esac
  mkdir -p "$OUT"
  OUT=$(cd "$OUT" && pwd)
  shift
else
  OUT=$HERE
fi

# Which producers to run (each once, in table order).
declare -A wanted=()
if [[ $# -gt 0 ]]; then
  for want in "$@"; do
    found=
    for c in "${CASES[@]}"; do
      read -r name _ producer <<< "$c"
      if [[ $name == "$want" ]]; then
        wanted[$producer]=1
        found=1
      fi
    done
    if [[ -z $found ]]; then
      echo "regen.sh: unknown case '$want' (see regen.sh --list)" >&2
      exit 2
    fi
  done
fi

declare -A done_=()
for c in "${CASES[@]}"; do
  read -r name _ producer <<< "$c"
  [[ -n ${done_[$producer]:-} ]] && continue
  if [[ ${#wanted[@]} -gt 0 && -z ${wanted[$producer]:-} ]]; then
    continue
  fi
  done_[$producer]=1
  start=$SECONDS
  "run_$producer"
  echo "regen.sh: $producer ($((SECONDS - start)) s)" >&2
done
