# fish completion for memfold -- installed as
# $(PREFIX)/share/fish/vendor_completions.d/memfold.fish
#
# The same knowledge as the bash completion: commands, each command's
# options and their values (fish takes `--opt VALUE` and `--opt=VALUE`
# alike), check names for -W/-Werror= from `memfold check --list-checks`,
# and for plot --function the functions of the reports on the line.

# The memfold to ask: the command as typed when it is a path, else PATH's.
function __memfold_prog
    set -l p (commandline -opc)[1]
    if string match -q -- '*/*' $p; and test -x "$p"
        echo $p
    else
        echo memfold
    end
end

# check names with their level and description, from --list-checks
function __memfold_checks
    set -l prog (__memfold_prog)
    $prog check --list-checks 2>/dev/null </dev/null |
        string replace -rf '^([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\s+(\S+)\s+(.*)$' '$1\t$2: $3' |
        string match -rv '^(name|check)\t'
end

# the argument of -W: NAME, no-NAME, error=NAME (fish reads -Werror=NAME
# as -W with the argument error=NAME)
function __memfold_wargs
    set -l c (__memfold_checks)
    printf 'error\tmake every warning an error\n'
    printf '%s\n' $c
    printf 'no-%s\n' $c
    printf 'error=%s\n' $c
end

# The functions of the report files on the command line (.dat files and
# the values of options left out); nothing when memfold cannot read them.
function __memfold_functions
    set -l toks (commandline -opc)
    set -e toks[1..2]
    set -l files
    set -l skip 0
    set -l rest 0
    for w in $toks
        if test $skip = 1
            set skip 0
            continue
        end
        if test $rest = 0
            switch $w
                case --
                    set rest 1
                    continue
                case '--*=*'
                    continue
                case -f --format --sort --top --metric --annotate --old --new --budget --match \
                    --color --diagnostics-format -o --output --strip-prefix --prefix --max-errors \
                    --max-increase --max-peak --max-rise --max-net --max-mean --function --width \
                    --title -W -j --jobs
                    set skip 1
                    continue
                case '-?*'
                    continue
            end
        end
        string match -q -- '*.dat' $w; and continue
        test -f "$w"; and set -a files $w
    end
    test (count $files) -gt 0; or return 0
    set -l prog (__memfold_prog)
    set -l out ($prog summary -q -f ndjson -- $files 2>/dev/null </dev/null)
    # 1: an input had errors, the output holds the rest; 2: nothing to trust
    test $status -le 1; or return 0
    printf '%s\n' $out |
        string replace -rf '^\{"file": "(?:\\\\.|[^"\\\\])*", "function": "([^"\\\\]*)".*' '$1' |
        sort -u
end

set -l cmds summary lines check fmt diff merge plot help
set -l reading summary lines check fmt diff plot

complete -c memfold -f
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -s h -l help -d 'print the usage'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -l version -d 'print the version'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a summary -d 'per-function aggregates (peak, mean, calls, ...)'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a lines -d 'one record per measured row'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a check -d 'is the input exactly what memory_profiler prints?'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a fmt -d 'print the report blocks as memory_profiler prints them'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a diff -d 'compare two profiles; fail on growth'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a merge -d 'add up summary -f json files'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a plot -d 'draw an SVG picture'
complete -c memfold -n "not __fish_seen_subcommand_from $cmds" -a help -d 'the help of a command'
complete -c memfold -n '__fish_seen_subcommand_from help' -a 'summary lines check fmt diff merge plot help'

# options of every command but help
set -l any "__fish_seen_subcommand_from summary lines check fmt diff merge plot"
complete -c memfold -n $any -F
complete -c memfold -n $any -s o -l output -r -F -d 'write to FILE instead of stdout'
complete -c memfold -n $any -l strict -d 'make every warning an error'
complete -c memfold -n $any -l diagnostics-format -x -a 'text json sarif' -d 'how diagnostics are printed'
complete -c memfold -n $any -l color -x -a 'auto always never' -d 'colour diagnostics'
complete -c memfold -n $any -l max-errors -x -d 'print at most N errors'
complete -c memfold -n $any -s q -l quiet -d 'print no diagnostics'
complete -c memfold -n $any -s h -l help -d 'the help of the command'
complete -c memfold -n $any -l version -d 'print the version'
complete -c memfold -n $any -s W -x -a '(__memfold_wargs)' -d 'check NAME a warning, no-NAME off'

# options of the commands that read reports
set -l rd "__fish_seen_subcommand_from $reading"
complete -c memfold -n $rd -l pure -d 'warn about text outside the report blocks'
complete -c memfold -n $rd -l prefix -x -d 'strip this logging prefix (a regex)'
complete -c memfold -n $rd -l lenient -d 'accept pasted or reformatted reports'
complete -c memfold -n $rd -l allow-empty -d 'an input with no report is a warning'

# per command
complete -c memfold -n '__fish_seen_subcommand_from summary' -s f -l format -x -a 'text csv json ndjson openmetrics benchmark-json sql' -d 'output format'
complete -c memfold -n '__fish_seen_subcommand_from summary' -l sort -x -a 'first peak mean calls name' -d 'order of the functions'
complete -c memfold -n '__fish_seen_subcommand_from summary' -l top -x -d 'only the first N functions'
complete -c memfold -n '__fish_seen_subcommand_from summary' -l runs -d 'each FILE is one run (JSON)'

complete -c memfold -n '__fish_seen_subcommand_from lines' -s f -l format -x -a 'text csv json ndjson sql' -d 'output format'
complete -c memfold -n '__fish_seen_subcommand_from lines' -l all-rows -d 'also rows of lines that were not run'
complete -c memfold -n '__fish_seen_subcommand_from lines' -l relative -d 'times from the start of the run'

complete -c memfold -n '__fish_seen_subcommand_from check' -l list-checks -d 'list the checks'

complete -c memfold -n '__fish_seen_subcommand_from summary lines check' -s j -l jobs -x -d 'read a large file with N threads'

complete -c memfold -n '__fish_seen_subcommand_from fmt' -s i -l in-place -d 'rewrite each FILE'

set -l df '__fish_seen_subcommand_from diff'
complete -c memfold -n $df -s f -l format -x -a 'text csv json markdown junit' -d 'output format'
complete -c memfold -n $df -l old -r -F -d 'a run of the old side'
complete -c memfold -n $df -l new -r -F -d 'a run of the new side'
complete -c memfold -n $df -l metric -x -a 'peak rise net mean' -d 'the metric gated'
complete -c memfold -n $df -l max-increase -x -d 'N% or NMiB'
complete -c memfold -n $df -l max-peak -x -d 'NMiB'
complete -c memfold -n $df -l max-rise -x -d 'NMiB'
complete -c memfold -n $df -l max-net -x -d 'NMiB'
complete -c memfold -n $df -l max-mean -x -d 'NMiB'
complete -c memfold -n $df -l budget -r -F -d 'limits from a JSON budget file'
complete -c memfold -n $df -l match -x -a 'file name' -d 'how functions are matched'
complete -c memfold -n $df -l strip-prefix -r -F -d 'remove PATH from file paths'
complete -c memfold -n $df -l fail-on-new -d 'fail on a function OLD does not have'
complete -c memfold -n $df -l fail-on-removed -d 'fail on a function NEW does not have'
complete -c memfold -n $df -l allow-input-errors -d 'inputs with errors do not fail the gate'
complete -c memfold -n $df -l allow-all-changed -d 'every function added or removed does not fail'
complete -c memfold -n $df -l annotate -x -a github -d 'GitHub workflow commands'
complete -c memfold -n $df -l top -x -d 'only the first N rows'
complete -c memfold -n $df -l sort -x -a 'delta name first peak' -d 'order of the rows'

complete -c memfold -n '__fish_seen_subcommand_from merge' -s f -l format -x -a 'json text csv ndjson openmetrics benchmark-json' -d 'output format'
complete -c memfold -n '__fish_seen_subcommand_from merge' -l sort -x -a 'first peak mean calls name' -d 'order of the functions'
complete -c memfold -n '__fish_seen_subcommand_from merge' -l top -x -d 'only the first N functions'

complete -c memfold -n '__fish_seen_subcommand_from plot' -l function -x -a '(__memfold_functions)' -d 'a function of the reports'
complete -c memfold -n '__fish_seen_subcommand_from plot' -l width -x -d 'width in pixels'
complete -c memfold -n '__fish_seen_subcommand_from plot' -l title -x -d 'title of the picture'
complete -c memfold -n '__fish_seen_subcommand_from plot' -l top -x -d 'only the N highest functions'
