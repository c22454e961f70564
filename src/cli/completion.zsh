#compdef memfold
# zsh completion for memfold -- installed as
# $(PREFIX)/share/zsh/site-functions/_memfold
#
# The same knowledge as the bash completion: commands, each command's
# options and their values (`--opt VALUE` and `--opt=VALUE`), check names
# for -W/-Werror= from `memfold check --list-checks`, and for plot
# --function the functions of the reports on the command line.

# The memfold to ask: the command as typed when it is a path, else PATH's.
(( $+functions[_memfold_prog] )) ||
_memfold_prog() {
  local p=${~_memfold_cmd}
  if [[ $p == */* && -x $p ]]; then print -r -- $p; else print -r -- memfold; fi
}

# name:level description, from --list-checks (a header line left out)
(( $+functions[_memfold_check_list] )) ||
_memfold_check_list() {
  setopt localoptions extendedglob
  local line name rest
  $(_memfold_prog) check --list-checks 2>/dev/null </dev/null | while IFS= read -r line; do
    name=${line%% *}
    [[ $name == [a-z][a-z0-9]#(-[a-z0-9]##)# && $name != (name|check) ]] || continue
    rest=${${line#$name}##[[:space:]]#}
    print -r -- "${name}:${rest%% *}: ${${rest#* }##[[:space:]]#}"
  done
}

# the argument of -W (same word or next): NAME, no-NAME, error, error=NAME
(( $+functions[_memfold_wargs] )) ||
_memfold_wargs() {
  local -a checks off err
  checks=(${(f)"$(_memfold_check_list)"})
  off=(no-${^checks})
  err=(error=${^checks})
  _describe -t checks 'check' checks -- off -- err
  compadd -- error
}

(( $+functions[_memfold_checks] )) ||
_memfold_checks() {
  local -a checks
  checks=(${(f)"$(_memfold_check_list)"})
  _describe -t checks 'check' checks
}

# The functions of the report files on the line (.dat files and the
# values of options left out); nothing when memfold cannot read them.
(( $+functions[_memfold_functions] )) ||
_memfold_functions() {
  local -a files names
  local i w out skip=0 rest=0
  for (( i = 2; i <= $#words; i++ )); do
    (( i == CURRENT )) && continue
    w=${words[i]}
    if (( skip )); then skip=0; continue; fi
    if (( ! rest )); then
      case $w in
        (--) rest=1; continue ;;
        (--*=*) continue ;;
        (-f|--format|--sort|--top|--metric|--annotate|--old|--new|--budget|--match|--color|--diagnostics-format|-o|--output|--strip-prefix|--prefix|--max-errors|--max-increase|--max-peak|--max-rise|--max-net|--max-mean|--function|--width|--title|-W|-j|--jobs)
          skip=1; continue ;;
        (-?*) continue ;;
      esac
    fi
    w=${(Q)w}
    [[ $w == \~* ]] && w=$HOME${w#\~}
    [[ $w == *.dat ]] && continue
    [[ -f $w ]] && files+=($w)
  done
  (( $#files )) || return 1
  out=$($(_memfold_prog) summary -q -f ndjson -- $files 2>/dev/null </dev/null)
  # 1: an input had errors, the output holds the rest; 2: nothing to trust
  (( $? <= 1 )) || return 1
  names=(${(u)${(f)"$(print -r -- $out | sed -n 's/^{"file": "\(\\.\|[^"\\]\)*", "function": "\([^"\\]*\)".*/\2/p')"}})
  (( $#names )) || return 1
  _wanted functions expl 'function' compadd -a names
}

_memfold() {
  local curcontext=$curcontext state line ret=1
  typeset -A opt_args
  local _memfold_cmd=${words[1]}
  local -a cmds
  cmds=(
    'summary:per-function aggregates (peak, mean, calls, ...)'
    'lines:one record per measured row, numbers exactly as printed'
    'check:is the input exactly what memory_profiler prints?'
    'fmt:print the report blocks as memory_profiler prints them'
    'diff:compare two profiles function by function; fail on growth'
    'merge:add up `summary -f json` files of parts of a log, exactly'
    'plot:draw an SVG picture of reports or of an mprof .dat file'
    'help:the help of a command'
  )

  _arguments -C \
    '(- :)'{-h,--help}'[print the usage]' \
    '(- :)--version[print the version]' \
    '1:command:->cmd' \
    '*::arg:->args' && ret=0

  case $state in
    (cmd) _describe -t commands 'memfold command' cmds && ret=0 ;;
    (args)
      local cmd=${words[1]}
      curcontext=${curcontext%:*:*}:memfold-$cmd:
      local -a common reading
      common=(
        '(-o --output)'{-o+,--output=}'[write to FILE instead of stdout]:file:_files'
        '--strict[make every warning an error; write nothing if any]'
        '--diagnostics-format=[how diagnostics are printed]:format:(text json sarif)'
        '--color=[colour diagnostics]:when:(auto always never)'
        '--max-errors=[print at most N errors (0: all)]:number'
        '(-q --quiet)'{-q,--quiet}'[print no diagnostics]'
        '(- *)'{-h,--help}'[the help of the command]'
        '(- *)--version[print the version]'
        '*-W+[check NAME a warning (no-NAME: off; error=NAME, error: an error)]:check:_memfold_wargs'
      )
      reading=(
        '--pure[warn about text outside the report blocks]'
        '--prefix=[strip this logging prefix from each line]:extended regex'
        '--lenient[accept pasted, hand-made or reformatted reports]'
        '--allow-empty[an input with no report in it is a warning]'
      )
      case $cmd in
        (summary)
          _arguments -s -S $common $reading \
            '(-f --format)'{-f+,--format=}'[output format]:format:(text csv json ndjson openmetrics benchmark-json sql)' \
            '--sort=[order of the functions]:key:(first peak mean calls name)' \
            '--top=[only the first N functions]:number' \
            '--runs[each FILE is one run of the same program (JSON)]' \
            '(-j --jobs)'{-j+,--jobs=}'[read a large file with N threads]:number' \
            '*:report:_files' && ret=0 ;;
        (lines)
          _arguments -s -S $common $reading \
            '(-f --format)'{-f+,--format=}'[output format]:format:(text csv json ndjson sql)' \
            '--all-rows[also rows of lines that were not run]' \
            '--relative[times from the start of the run]' \
            '(-j --jobs)'{-j+,--jobs=}'[read a large file with N threads]:number' \
            '*:report:_files' && ret=0 ;;
        (check)
          _arguments -s -S $common $reading \
            '--list-checks[list the checks, their levels and what they find]' \
            '(-j --jobs)'{-j+,--jobs=}'[read a large file with N threads]:number' \
            '*:report:_files' && ret=0 ;;
        (fmt)
          _arguments -s -S $common $reading \
            '(-i --in-place)'{-i,--in-place}'[rewrite each FILE with its own blocks]' \
            '*:report:_files' && ret=0 ;;
        (diff)
          _arguments -s -S $common $reading \
            '(-f --format)'{-f+,--format=}'[output format]:format:(text csv json markdown junit)' \
            '*--old=[a run of the old side]:file:_files' \
            '*--new=[a run of the new side]:file:_files' \
            '*--metric=[the metric gated]:metric:(peak rise net mean)' \
            '--max-increase=[fail a function grown by more than N% or N MiB]:limit (N% or NMiB)' \
            '--max-peak=[fail a function whose new peak is over N MiB]:limit (NMiB)' \
            '--max-rise=[fail a function whose new rise is over N MiB]:limit (NMiB)' \
            '--max-net=[fail a function whose new net is over N MiB]:limit (NMiB)' \
            '--max-mean=[fail a function whose new mean is over N MiB]:limit (NMiB)' \
            '--budget=[limits per function from a JSON budget file]:file:_files' \
            '--match=[how functions are matched]:match:(file name)' \
            '*--strip-prefix=[remove PATH from the start of file paths]:path:_files' \
            '--fail-on-new[fail when NEW has a function OLD does not]' \
            '--fail-on-removed[fail when OLD has a function NEW does not]' \
            '--allow-input-errors[inputs with errors do not fail the gate]' \
            '--allow-all-changed[every function added or removed does not fail it]' \
            '--annotate=[also write workflow commands to stderr]:service:(github)' \
            '--top=[only the first N rows]:number' \
            '--sort=[order of the rows]:key:(delta name first peak)' \
            '*:run:_files' && ret=0 ;;
        (merge)
          _arguments -s -S $common \
            '(-f --format)'{-f+,--format=}'[output format]:format:(json text csv ndjson openmetrics benchmark-json)' \
            '--sort=[order of the functions]:key:(first peak mean calls name)' \
            '--top=[only the first N functions]:number' \
            '*:summary:_files' && ret=0 ;;
        (plot)
          _arguments -s -S $common $reading \
            '--function=[a function of the reports: its memory by source line]:function:_memfold_functions' \
            '--width=[width of the picture]:pixels' \
            '--title=[title of the picture]:text' \
            '--top=[only the N highest functions]:number' \
            '*:report or .dat file:_files' && ret=0 ;;
        (help)
          _describe -t commands 'memfold command' cmds && ret=0 ;;
      esac ;;
  esac
  return ret
}

_memfold "$@"
