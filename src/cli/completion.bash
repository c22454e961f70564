# bash completion for memfold -- installed as
# $(PREFIX)/share/bash-completion/completions/memfold
_memfold()
{
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cmd=${COMP_WORDS[1]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        COMPREPLY=($(compgen -W "summary lines check fmt diff merge plot --help --version" -- "$cur"))
        return
    fi
    case $prev in
        -f|--format)
            local formats="text csv json ndjson"
            case $cmd in
                diff) formats="text csv json markdown junit" ;;
                summary|merge) formats="$formats openmetrics benchmark-json" ;;
            esac
            COMPREPLY=($(compgen -W "$formats" -- "$cur")); return ;;
        --sort)
            COMPREPLY=($(compgen -W "first peak mean calls name" -- "$cur")); return ;;
        --metric)
            COMPREPLY=($(compgen -W "peak rise net mean" -- "$cur")); return ;;
        --annotate)
            COMPREPLY=($(compgen -W "github" -- "$cur")); return ;;
        --old|--new|--budget)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --match)
            COMPREPLY=($(compgen -W "file name" -- "$cur")); return ;;
        --color)
            COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --diagnostics-format)
            COMPREPLY=($(compgen -W "text json sarif" -- "$cur")); return ;;
        -o|--output|--strip-prefix)
            COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --prefix|--max-errors|--max-increase|--max-peak|--max-rise|--max-net|--max-mean|--function|--width|--title)
            return ;;
    esac
    if [[ $cur == -W* ]]; then
        local names
        names=$(memfold check --list-checks 2>/dev/null | awk '{ print $1 }')
        COMPREPLY=($(compgen -W "$(for n in $names; do echo "-W$n -Wno-$n -Werror=$n"; done) -Werror" -- "$cur"))
        return
    fi
    if [[ $cur == -* ]]; then
        local common="-o --output --strict --lenient --pure --prefix --diagnostics-format --color
                      --max-errors -q --quiet -h --help --version"
        local extra=
        case $cmd in
            summary) extra="-f --format --sort --runs" ;;
            lines) extra="-f --format --all-rows" ;;
            check) extra="--list-checks" ;;
            fmt) extra="-i --in-place" ;;
            diff) extra="-f --format --old --new --max-increase --metric --max-peak --max-rise
                         --max-net --max-mean --budget --match --strip-prefix --fail-on-new
                         --fail-on-removed --allow-empty --allow-input-errors --allow-all-changed
                         --annotate" ;;
            merge) extra="-f --format --sort" ;;
            plot) extra="--function --width --title" ;;
        esac
        COMPREPLY=($(compgen -W "$common $extra" -- "$cur"))
        return
    fi
    COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _memfold memfold
