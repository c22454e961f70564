# bash completion for memfold -- installed as
# $(PREFIX)/share/bash-completion/completions/memfold
#
# Values complete after `--opt VALUE` and after `--opt=VALUE`, whether or
# not COMP_WORDBREAKS holds '=' (when it does, bash splits `--color=al`
# into the words `--color`, `=`, `al`).  -W and -Werror= complete the
# names of `memfold check --list-checks`; plot --function completes the
# functions of the reports already on the command line.

_memfold_commands="summary lines check fmt diff merge plot help"

# _memfold_reply PREFIX WORDS CUR: COMPREPLY is the WORDS that start with
# CUR, each after PREFIX
_memfold_reply()
{
    local w
    COMPREPLY=()
    while IFS= read -r w; do
        [ -n "$w" ] && COMPREPLY+=("$1$w")
    done < <(compgen -W "$2" -- "$3")
    # words, not file names: no quoting of '=' (--color=, not --color\=)
    compopt +o filenames 2>/dev/null
    [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
    return 0
}

# The memfold to ask: the command as typed when it is a path (./memfold),
# else the one on PATH.
_memfold_prog()
{
    local p=${COMP_WORDS[0]}
    p=${p/#\~/$HOME}
    case $p in
        */*) [ -x "$p" ] && { printf '%s\n' "$p"; return; } ;;
    esac
    printf 'memfold\n'
}

# The options of command $1.
_memfold_options()
{
    local common="-o --output --strict --diagnostics-format= --color= --max-errors
                  -q --quiet -h --help --version"
    local reading="--pure --prefix --lenient --allow-empty -W -Werror -Werror="
    case $1 in
        summary) echo "$common $reading -f --format --sort --top --runs -j --jobs" ;;
        lines) echo "$common $reading -f --format --all-rows --relative -j --jobs" ;;
        check) echo "$common $reading --list-checks -j --jobs" ;;
        fmt) echo "$common $reading -i --in-place" ;;
        diff) echo "$common $reading -f --format --old --new --metric --max-increase
                    --max-peak --max-rise --max-net --max-mean --budget --match
                    --strip-prefix --fail-on-new --fail-on-removed --allow-input-errors
                    --allow-all-changed --annotate --top --sort" ;;
        merge) echo "$common -W -Werror -Werror= -f --format --sort --top" ;;
        plot) echo "$common $reading --function --width --title --top" ;;
    esac
}

# Does option $1 take a value (in the next word or after '=')?
_memfold_takes_value()
{
    case $1 in
        -f|--format|--sort|--top|--metric|--annotate|--old|--new|--budget|--match|\
        --color|--diagnostics-format|-o|--output|--strip-prefix|--prefix|--max-errors|\
        --max-increase|--max-peak|--max-rise|--max-net|--max-mean|--function|--width|\
        --title|-W|-j|--jobs) return 0 ;;
    esac
    return 1
}

# The check names, from the first column of `memfold check --list-checks`
# (a header line or layout marks, if any, are left out).
_memfold_checks()
{
    "$(_memfold_prog)" check --list-checks 2>/dev/null </dev/null |
        awk '$1 ~ /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/ && $1 != "name" && $1 != "check" { print $1 }'
}

# The report files on the command line (not the word being completed, not
# the values of options), and the names of their functions.
_memfold_functions()
{
    local cmd=$1 i w files=() n=${#COMP_WORDS[@]} rest=0
    for ((i = 2; i < n; i++)); do
        [ "$i" -eq "$COMP_CWORD" ] && continue
        w=${COMP_WORDS[i]}
        if [ "$rest" -eq 0 ]; then
            case $w in
                --) rest=1; continue ;;
                =) i=$((i + 1)); continue ;;
                -?*)
                    if [[ $w != *=* ]] && _memfold_takes_value "$w" &&
                       [ "${COMP_WORDS[i+1]-}" != = ]; then
                        i=$((i + 1))
                    fi
                    continue ;;
            esac
        fi
        # a plain word: unquote it as the shell would (simple cases)
        case $w in
            \'*\') w=${w:1:${#w}-2} ;;
            \"*\") w=${w:1:${#w}-2} ;;
            *) w=${w//\\/} ;;
        esac
        w=${w/#\~/$HOME}
        case $w in *.dat) continue ;; esac
        [ -f "$w" ] && files+=("$w")
    done
    [ "${#files[@]}" -gt 0 ] || return 0
    local out st
    out=$("$(_memfold_prog)" summary -q -f ndjson -- "${files[@]}" 2>/dev/null </dev/null)
    st=$?
    # 1: an input had errors, the output holds the rest; 2: nothing to trust
    [ "$st" -le 1 ] || return 0
    printf '%s\n' "$out" |
        sed -n 's/^{"file": "\(\\.\|[^"\\]\)*", "function": "\([^"\\]*\)".*/\2/p' | sort -u
}

# Complete the value of option $2 of command $1; $3 is the text typed so
# far, $4 a prefix to put before each candidate (`--color=` when the word
# was not split at '=').  Returns 1 when $2 takes no value.
_memfold_value()
{
    local cmd=$1 opt=$2 cur=$3 pre=$4 words='' w
    case $opt in
        -f|--format)
            case $cmd in
                summary) words="text csv json ndjson openmetrics benchmark-json sql" ;;
                lines) words="text csv json ndjson sql" ;;
                merge) words="json text csv ndjson openmetrics benchmark-json" ;;
                diff) words="text csv json markdown junit" ;;
                *) return 0 ;;
            esac ;;
        --sort)
            case $cmd in
                diff) words="delta name first peak" ;;
                *) words="first peak mean calls name" ;;
            esac ;;
        --metric) words="peak rise net mean" ;;
        --annotate) words="github" ;;
        --match) words="file name" ;;
        --color) words="auto always never" ;;
        --diagnostics-format) words="text json sarif" ;;
        -W|-Werror) words=$(_memfold_checks)
            [ "$opt" = -W ] && words="$words $(for w in $words; do echo "no-$w"; done)" ;;
        --function)
            [ "$cmd" = plot ] || return 0
            words=$(_memfold_functions "$cmd") ;;
        -o|--output|--old|--new|--budget|--strip-prefix)
            local f
            COMPREPLY=()
            while IFS= read -r f; do COMPREPLY+=("$pre$f"); done < <(compgen -f -- "$cur")
            return 0 ;;
        *)
            _memfold_takes_value "$opt" || return 1
            COMPREPLY=(); return 0 ;;  # a number, a regex, a title: nothing to offer
    esac
    _memfold_reply "$pre" "$words" "$cur"
    return 0
}

_memfold()
{
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd=${COMP_WORDS[1]-}
    [ "$COMP_CWORD" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}
    COMPREPLY=()
    if [ "$COMP_CWORD" -eq 1 ]; then
        _memfold_reply '' "$_memfold_commands --help --version" "$cur"
        return
    fi
    case $cmd in
        help)
            [ "$COMP_CWORD" -eq 2 ] && _memfold_reply '' "$_memfold_commands" "$cur"
            return ;;
        summary|lines|check|fmt|diff|merge|plot) ;;
        *) return ;;
    esac

    # `--opt=VALUE` split at '=': the words are --opt = VALUE (or --opt =)
    if [ "$cur" = = ] && [[ $prev == -* ]]; then
        _memfold_value "$cmd" "$prev" "" "" && return
        return
    fi
    if [ "$prev" = = ] && [ "$COMP_CWORD" -ge 3 ] && [[ ${COMP_WORDS[COMP_CWORD-2]} == -* ]]; then
        _memfold_value "$cmd" "${COMP_WORDS[COMP_CWORD-2]}" "$cur" "" && return
        return
    fi
    # `--opt=VALUE` in one word (COMP_WORDBREAKS without '=')
    if [[ $cur == -?*=* ]]; then
        _memfold_value "$cmd" "${cur%%=*}" "${cur#*=}" "${cur%%=*}=" && return
        return
    fi
    # `--opt VALUE`
    if [[ $prev == -* ]] && _memfold_takes_value "$prev"; then
        _memfold_value "$cmd" "$prev" "$cur" ""
        return
    fi
    # -WNAME, -Wno-NAME in one word
    if [[ $cur == -W* ]]; then
        local n words="-Werror -Werror="
        for n in $(_memfold_checks); do words="$words -W$n -Wno-$n -Werror=$n"; done
        _memfold_reply '' "$words" "$cur"
        return
    fi
    if [[ $cur == -* ]]; then
        _memfold_reply '' "$(_memfold_options "$cmd")" "$cur"
        return
    fi
    local f
    while IFS= read -r f; do COMPREPLY+=("$f"); done < <(compgen -f -- "$cur")
}
complete -o filenames -F _memfold memfold
