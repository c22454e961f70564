#!/usr/bin/env bash
# The shell completions (src/cli/completion.bash, .zsh, .fish): commands,
# option values after `--opt VALUE` and `--opt=VALUE`, check names after
# -W, and plot --function names taken from the reports on the line.  Each
# script runs in its shell, asking the memfold under test (put first on
# PATH); bash through COMP_WORDS/COMP_CWORD and _memfold, fish through
# `complete -C`, zsh through a zpty harness that captures what compadd adds.
# The expected values are written here by hand or read from the sources
# (check names from src/*/checks.c, function names from the def rows of the
# reports), not asked of memfold.  COMPLETION_DIR=DIR tests the scripts of
# DIR (an empty one: every check fails).  What is tested are the scripts,
# not memfold (a do-nothing memfold fails only the -W and --function
# cases), so `make check-the-checks` leaves this script out:
# runs no memfold command
. "$(dirname "$0")/lib.sh"
plan 41

SRC=${COMPLETION_DIR:-$ROOT/src/cli}
mkdir -p "$TMP/bin" && ln -s "$MEMFOLD" "$TMP/bin/memfold"
export PATH="$TMP/bin:$PATH"

R1=$CORPUS/multi_file.log R2=$CORPUS/basic_calls.log
funcs=$(grep -hE '^ +[0-9]+ .*def [A-Za-z_][A-Za-z0-9_]*\(' "$R1" "$R2" |
        sed -E 's/.*def ([A-Za-z_0-9]+)\(.*/\1/' | sort -u)
funcs1=$(grep -hE '^ +[0-9]+ .*def [A-Za-z_][A-Za-z0-9_]*\(' "$R1" | sed -E 's/.*def ([A-Za-z_0-9]+)\(.*/\1/' | sort -u)
[ "$(echo "$funcs" | grep -c .)" -ge 3 ] && [ -n "$funcs1" ] || bail_out "the def rows of $R1 and $R2 give no names"
checks=$(grep -hoE '^    \[[A-Z_]+\] = \{ "[a-z-]+"' src/report/checks.c src/dat/checks.c |
         sed -E 's/.*"(.*)"/\1/' | sort)
[ "$(echo "$checks" | grep -c .)" -ge 30 ] || bail_out "no check names read from src/*/checks.c"
echo "$checks" | grep -qx crlf || bail_out "no check crlf in src/report/checks.c"

# has LIST WORD...: every WORD is a line of LIST; lacks LIST WORD...: none is
has() { local l=$1 w; shift; [ -n "$l" ] || return 1; for w; do grep -qxF -- "$w" <<<"$l" || return 1; done; }
lacks() { local l=$1 w; shift; for w; do ! grep -qxF -- "$w" <<<"$l" || return 1; done; }
is() { [ -n "$2" ] && [ "$(sort <<<"$1")" = "$(printf '%s\n' "${@:2}" | sort)" ]; }

# ---- bash ------------------------------------------------------------------
# bc WORD...: the COMPREPLY for COMP_WORDS=(WORD...), the last one completed
bc() {
    bash -c '. "$1/completion.bash" 2>/dev/null; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
             _memfold 2>/dev/null; [ ${#COMPREPLY[@]} -gt 0 ] && printf "%s\n" "${COMPREPLY[@]}"' \
        bc "$SRC" "$@"
}
ok "bash: the script is valid bash and registers _memfold for memfold" \
    bash -c 'bash -n "$1" && . "$1" && complete -p memfold | grep -q -- "-F _memfold memfold$"' - "$SRC/completion.bash"
ok "bash: memfold su -> summary" test "$(bc memfold su)" = summary
ok "bash: memfold help <TAB> -> the commands" \
    has "$(bc memfold help '')" summary lines check fmt diff merge plot
out=$(bc memfold summary -f '')
ok "bash: summary -f <TAB> has openmetrics, sql and not markdown" \
    test -n "$(has "$out" text csv json ndjson openmetrics benchmark-json sql && lacks "$out" markdown && echo y)"
out=$(bc memfold diff --format '')
ok "bash: diff --format <TAB> has markdown, junit and not openmetrics" \
    test -n "$(has "$out" text markdown junit && lacks "$out" openmetrics && echo y)"
# COMP_WORDBREAKS holds '=': `--color=` is the words --color, = and the value
ok "bash: --color= split at '=' (words --color = '') -> auto always never" \
    is "$(bc memfold summary --color = '')" auto always never
ok "bash: --color= with the cursor on the '=' (words --color =) -> auto always never" \
    is "$(bc memfold lines --color =)" auto always never
ok "bash: --color=a split -> auto always" is "$(bc memfold check --color = a)" auto always
ok "bash: --color= in one word (no '=' in COMP_WORDBREAKS) -> --color=auto ..." \
    is "$(bc memfold summary --color=)" --color=auto --color=always --color=never
ok "bash: --diagnostics-format=s split -> sarif" \
    test "$(bc memfold summary --diagnostics-format = s)" = sarif
ok "bash: --diagnostics-format=s in one word -> --diagnostics-format=sarif" \
    test "$(bc memfold diff --diagnostics-format=s)" = --diagnostics-format=sarif
ok "bash: --sort: diff delta name first peak, summary first peak mean calls name" \
    test -n "$(is "$(bc memfold diff --sort '')" delta name first peak &&
               is "$(bc memfold summary --sort '')" first peak mean calls name && echo y)"
out=$(bc memfold check -W)
# shellcheck disable=SC2046
ok "bash: -W<TAB> -> -WNAME, -Wno-NAME, -Werror=NAME of every check ($(echo "$checks" | wc -l))" \
    has "$out" -Werror $(for n in $checks; do echo "-W$n" "-Wno-$n" "-Werror=$n"; done)
ok "bash: -Werror=cr split -> crlf; -W cr -> crlf" \
    test "$(bc memfold check -Werror = cr)/$(bc memfold check -W cr)" = crlf/crlf
# shellcheck disable=SC2086
ok "bash: plot REPORT REPORT --function <TAB> -> their functions" \
    is "$(bc memfold plot "$R1" "$R2" --function '')" $funcs
# shellcheck disable=SC2086
ok "bash: ... after --function= with -o REPORT2 REPORT1 (an -o value is not read) -> REPORT1's" \
    is "$(bc memfold plot -o "$R2" "$R1" --function = '')" $funcs1
ok "bash: ... nothing with no report on the line (a --title value is not one), names with one" \
    test -n "$(test -z "$(bc memfold plot --title "$R1" --function '')" &&
               has "$(bc memfold plot "$R1" --function '')" main_work && echo y)"
ok "bash: summary --<TAB> has --top --sort --format --runs, lines --<TAB> --all-rows and no --runs" \
    test -n "$(has "$(bc memfold summary --)" --top --sort --format --runs &&
               has "$(bc memfold lines --)" --all-rows && lacks "$(bc memfold lines --)" --runs && echo y)"
ok "bash: file arguments complete files" \
    has "$(bc memfold summary tests/corpus/multi_file.l)" tests/corpus/multi_file.log

# In a real interactive bash (readline, COMP_WORDBREAKS with '='), driven
# through a pseudo-terminal by zsh/zpty: the line after one TAB.
cat >"$TMP/bash.zsh" <<'EOF'
zmodload zsh/zpty || exit 1
zpty b bash --norc --noprofile -i
zpty -w b "PS1='P> '; . ${(q)1}; bind -x '\"\\C-t\": echo \"LINE[\$READLINE_LINE]\"'; echo __rea''dy__"
zpty -r -m b junk '*__ready__*'
zpty -r -m b junk '*P> *'
zpty -w -n b "$2"$'\t'
sleep 0.5
zpty -w -n b $'\C-t'
zpty -r -m b out '*LINE\[*\]*'
print -r -- "${${out##*LINE\[}%%\]*}"
zpty -d b
EOF
# (a run with no line back is tried again, up to 3 times)
rb() {
    local try out
    for try in 1 2 3; do
        out=$(timeout 20 zsh -f "$TMP/bash.zsh" "$SRC/completion.bash" "$1" 2>/dev/null | tr -d '\r')
        [ -n "$out" ] && break
    done
    printf '%s\n' "$out"
}
if command -v zsh >/dev/null; then
    ok "bash (interactive): --diagnostics-format=s<TAB> -> --diagnostics-format=sarif" \
        test "$(rb 'memfold summary --diagnostics-format=s')" = 'memfold summary --diagnostics-format=sarif '
    ok "bash (interactive): --col<TAB> -> --color= (no space, no backslash); -Werror=cr -> -Werror=crlf" \
        test "$(rb 'memfold lines --col')/$(rb 'memfold check -Werror=cr')" = 'memfold lines --color=/memfold check -Werror=crlf '
else
    skip "bash (interactive): zsh (for zsh/zpty) is not installed" 2
fi

# ---- fish ------------------------------------------------------------------
# fc LINE: the candidates of `complete -C LINE` (without descriptions)
fc() { fish -N -c 'source $argv[1]; complete -C $argv[2]' "$SRC/completion.fish" "$1" 2>/dev/null | cut -f1; }
if command -v fish >/dev/null; then
    ok "fish: the script is valid fish and defines completions of memfold" \
        sh -c 'fish -N -n "$1" && fish -N -c "source \$argv[1]; complete -c memfold" "$1" | grep -q -- "-l format"' - "$SRC/completion.fish"
    ok "fish: memfold su -> summary" test "$(fc 'memfold su')" = summary
    out=$(fc 'memfold summary -f ')
    ok "fish: summary -f <TAB> has openmetrics, sql and not markdown" \
        test -n "$(has "$out" text csv json ndjson openmetrics benchmark-json sql && lacks "$out" markdown && echo y)"
    ok "fish: --color= -> --color=auto ..." \
        is "$(fc 'memfold summary --color=')" --color=auto --color=always --color=never
    ok "fish: --diagnostics-format=s -> --diagnostics-format=sarif" \
        test "$(fc 'memfold lines --diagnostics-format=s')" = --diagnostics-format=sarif
    ok "fish: diff --sort <TAB> -> delta name first peak" is "$(fc 'memfold diff --sort ')" delta name first peak
    # shellcheck disable=SC2046
    ok "fish: -W<TAB> -> -WNAME, -Wno-NAME, -Werror=NAME of every check" \
        has "$(fc 'memfold check -W')" -Werror $(for n in $checks; do echo "-W$n" "-Wno-$n" "-Werror=$n"; done)
    ok "fish: -Werror=cr -> -Werror=crlf" test "$(fc 'memfold check -Werror=cr')" = -Werror=crlf
    # shellcheck disable=SC2086
    ok "fish: plot REPORT REPORT --function <TAB> -> their functions" \
        is "$(fc "memfold plot $R1 $R2 --function ")" $funcs
    ok "fish: memfold help <TAB> -> the commands" \
        has "$(fc 'memfold help ')" summary lines check fmt diff merge plot
else
    skip "fish is not installed (apt-get install fish)" 10
fi

# ---- zsh -------------------------------------------------------------------
# An interactive zsh in a pseudo-terminal (zsh/zpty) with compinit and the
# script as _memfold; compadd is wrapped to write what it adds to a file, a
# TAB is typed after LINE, and comppostfuncs marks the end of completion.
cat >"$TMP/rc.zsh" <<'EOF'
PS1='ZC> '
fpath=($ZC_FDIR $fpath)
autoload -Uz compinit; compinit -u -D   # -D: no dump file (compdump would mv one over the -d path)
compadd() {
  local -a __h
  if (( ${@[(I)-[OAD]]} )); then builtin compadd "$@"; return; fi
  builtin compadd -A __h "$@"
  (( $#__h )) && print -rl -- $__h >>$ZC_OUT
  builtin compadd "$@"
}
_zc_done() { print __done__ >>$ZC_OUT }
_zc_main() { comppostfuncs=(_zc_done); _main_complete }
zle -C zc-complete complete-word _zc_main
bindkey '^I' zc-complete
EOF
cat >"$TMP/cap.zsh" <<'EOF'
zmodload zsh/zpty || exit 1
export ZC_FDIR=$1 ZC_OUT=$2
zpty z zsh -f -i
zpty -w z ". $3; print __rea''dy__"
zpty -r -m z junk '*__ready__*'
zpty -r -m z junk '*ZC> *'
zpty -w -n z "$4"$'\t'
for i in {1..150}; do grep -q __done__ $ZC_OUT 2>/dev/null && break; sleep 0.1; done
zpty -d z
EOF
mkdir -p "$TMP/zfunc" && cp "$SRC/completion.zsh" "$TMP/zfunc/_memfold" 2>/dev/null
# zc LINE: what compadd added when completing LINE (lines; "__done__" last)
# (a run whose TAB was lost -- no end mark, rarely, on a loaded machine --
# is tried again, up to 3 times)
zc() {
    local try
    for try in 1 2 3; do
        rm -f "$TMP/zc.out"
        timeout 40 zsh -f "$TMP/cap.zsh" "$TMP/zfunc" "$TMP/zc.out" "$TMP/rc.zsh" "$1" >/dev/null 2>&1
        grep -q __done__ "$TMP/zc.out" 2>/dev/null && break
    done
    grep -q __done__ "$TMP/zc.out" 2>/dev/null || echo __no_end__
    grep -v __done__ "$TMP/zc.out" 2>/dev/null
}
if ! command -v zsh >/dev/null; then
    skip "zsh is not installed (apt-get install zsh)" 10
else
    ok "zsh: the script is valid zsh (zsh -n) and starts with #compdef memfold" \
        sh -c 'zsh -n "$1" && head -1 "$1" | grep -qx "#compdef memfold"' - "$SRC/completion.zsh"
    if [ "$(zc 'memfold su')" = __no_end__ ] || [ "$(zc 'memfold su')" = __no_end__ ]; then
        skip "zsh: the zpty harness does not run here (zsh/zpty missing?)" 9
    else
        ok "zsh: memfold su -> summary" test "$(zc 'memfold su')" = summary
        out=$(zc 'memfold summary -f ')
        ok "zsh: summary -f <TAB> has openmetrics, sql and not markdown" \
            test -n "$(has "$out" text csv json ndjson openmetrics benchmark-json sql && lacks "$out" markdown && echo y)"
        ok "zsh: --color= -> auto always never" is "$(zc 'memfold summary --color=')" auto always never
        ok "zsh: --diagnostics-format=s -> sarif" test "$(zc 'memfold lines --diagnostics-format=s')" = sarif
        ok "zsh: diff --sort <TAB> -> delta name first peak" is "$(zc 'memfold diff --sort ')" delta name first peak
        # shellcheck disable=SC2086
        ok "zsh: -W<TAB> (after -W) -> every check name" has "$(zc 'memfold check -W')" $checks
        ok "zsh: -Wno-cr -> no-crlf, -Werror=cr -> error=crlf (after -W)" \
            test "$(zc 'memfold check -Wno-cr')/$(zc 'memfold check -Werror=cr')" = no-crlf/error=crlf
        # shellcheck disable=SC2086
        ok "zsh: plot REPORT REPORT --function <TAB> -> their functions" \
            is "$(zc "memfold plot $R1 $R2 --function ")" $funcs
        ok "zsh: memfold help <TAB> -> the commands" \
            has "$(zc 'memfold help ')" summary lines check fmt diff merge plot
    fi
fi
