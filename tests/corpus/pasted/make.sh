#!/usr/bin/env bash
# make.sh -- make the pastes of this directory from real captures of the
# corpus (../*.log, ../ipython_mprun_T*.txt), by doing to them what people
# do when they paste a report into a README, an issue, a comment, a
# docstring, a reST page or an e-mail.  Nothing here is typed by hand but
# the prose around the tables; every table line comes from a capture,
# changed only mechanically (a prefix put in front, trailing blanks
# stripped, rows replaced by a `...` line, lines joined).
#
#   make.sh            rewrite the pastes in place
#   make.sh OUTDIR     write them into OUTDIR (pasted.sh checks that this
#                      gives the committed files byte for byte)
#
# MANIFEST says which tables of which capture each paste holds (and which
# rows it elides); expect.py makes X.expect from it and the raw captures.
# Needs only bash, awk, sed and printf: the captures are not remade here
# (that is ../regen.sh and ../ipython_mprun.sh).
set -euo pipefail
export LC_ALL=C
CALLER_DIR=$(pwd)
cd "$(dirname "${BASH_SOURCE[0]}")"
HERE=$(pwd)
C=$HERE/..
OUT=${1:-$HERE}
case $OUT in /*) ;; *) OUT=$CALLER_DIR/$OUT ;; esac
mkdir -p "$OUT"

# block [-n] CAPTURE N [FIRST-LAST]: table N of the capture (counted by its
# header line), from its `Filename:` line (with -n: from its header line)
# through its last row, without the blank lines that close it.  The rows
# of source lines FIRST..LAST are replaced by one `...` line.
block() {
    local nofile=0
    [ "$1" = -n ] && { nofile=1; shift; }
    awk -v want="$2" -v range="${3:-}" -v nofile=$nofile '
        BEGIN {
            lo = hi = -1
            if (range != "") { split(range, r, "-"); lo = r[1] + 0; hi = r[2] + 0 }
        }
        { sub(/\r$/, "") }
        /^ *Line # +Mem usage +Increment/ {
            n++
            if (n == want) {
                if (!nofile && fname != "") {
                    print fname
                    for (i = 0; i < blanks; i++) print ""
                }
                print; inside = 1; next
            }
        }
        inside == 1 { print; inside = 2; next }          # the rule
        inside == 2 {
            if ($0 !~ /^ *[0-9]+( |$)/) exit
            ln = $1 + 0
            if (ln >= lo && ln <= hi) { if (!dots) print "..."; dots = 1; next }
            print; next
        }
        /Filename: / { fname = $0; blanks = 0; next }
        /^$/ { blanks++; next }
        { fname = ""; blanks = 0 }
    ' "$C/$1"
}

# prefix P: P in front of every line; an empty line gets P with its
# trailing blanks stripped (what an editor's "comment out" or a mail
# client's quoting does).
prefix() {
    local p=$1 bare
    bare=$(printf '%s' "$1" | sed 's/[[:blank:]]*$//')
    awk -v p="$p" -v bare="$bare" '{ if ($0 == "") print bare; else print p $0 }'
}
# indent P: P in front of every line that is not empty (markdown indented
# code, reST, docstrings: empty lines stay empty).
indent() { awk -v p="$1" '{ if ($0 == "") print; else print p $0 }'; }
# strip: trailing blanks off every line (an editor's "trim on save").
strip() { sed 's/[[:blank:]]*$//'; }
# drop_last_newline: the file ends without its final newline.
drop_last_newline() { awk 'NR > 1 { printf "\n" } { printf "%s", $0 }'; }

# ---------------------------------------------------------------- markdown
# A README section: a fence of ``` right after the last row, no closing
# blank lines; the whole stdout of multi_file.py (three tables and the
# program's line between them).
mk_md_fence() {
    {
        printf '# Memory use of the helper\n\nRun with `python3 multi_file.py`:\n\n```\n'
        sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$C/multi_file.log"
        printf '```\n\nThe helper allocates 10 MiB each call.\n'
    }
}
# An issue comment: ```text fences, each report as printed but without
# its closing blank lines.
mk_md_fence_text() {
    local n
    printf 'Precision 0 to 6 (`@profile(precision=N)`):\n\n'
    for n in 1 2 3 4 5 6; do
        printf '```text\n'
        block precision.log $n
        printf '```\n\n'
    done
    printf 'Precision 6 is wider than the column.\n'
}
# An IPython terminal session (the capture fed on stdin), copied from the
# terminal: the title escapes are not visible there, so they are left out;
# the prompts stay, so `In [4]: Filename: ...` begins a table.
mk_md_fence_ipython() {
    printf 'What `%%mprun` shows in IPython 8.5:\n\n```\n'
    sed -e 's/\x1b\[[0-9;]*t//g' -e 's/\x1b\]0;[^\x07]*\x07//g' "$C/ipython_mprun.log" |
        sed -e '1{/^$/d}' -e '${/^$/d}'
    printf '```\n'
}
# A long IPython report in a ```text fence, its boring middle rows
# replaced by `...` (unquoted), the fence right after the last row.
mk_md_fence_elided() {
    printf 'The long one (`%%mprun -f long_steps long_steps(100000)`), shortened:\n\n```text\n'
    block ipython_mprun_long.log 1 25-45
    printf '```\n'
}
# Markdown indented code: 4 spaces, empty lines left empty, the whole
# stdout of `python3 -m memory_profiler module_mode.py` (program output
# first, then two tables).
mk_md_indented() {
    printf 'Output of `python3 -m memory_profiler module_mode.py`:\n\n'
    sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$C/module_mode.log" | indent '    '
    printf '\nBoth functions run three times.\n'
}

# ---------------------------------------------------------- Python comments
# `# ` in front of every line, a bare `#` for the blank ones, under the
# function they profile.
mk_comment_hash() {
    printf 'def make_list(n):\n    data = [0] * n\n    total = sum(data)\n    return total\n\n'
    printf '# Profile of make_list(1000000):\n#\n'
    block basic_calls.log 1 | prefix '# '
    printf '\n\ndef make_dict(n):\n    d = {i: str(i) for i in range(n)}\n    keys = list(d)\n    return len(keys)\n'
    printf '# memory_profiler says:\n'
    block basic_calls.log 3 | prefix '# '
    printf '#\n# (the comprehension line runs 1003 times)\n'
}
# The same, then the editor strips trailing blanks on save: `# ` on an
# empty line becomes `#`, and a row of a blank source line ends at its
# line number.
mk_comment_hash_stripped() {
    {
        printf 'def allocate(n):\n    # comment row: no measurement\n    a = [1] * n\n'
        printf '    b = bytearray(8 * 1024 * 1024)\n\n    del a\n    return len(b)\n\n'
        printf '# Before 0.58 (no Occurrences column):\n#\n'
        { block old_format.log 1; printf '\n\n'; block old_format.log 2; } | prefix '# '
        printf '\n\ndef loop(n):\n    total = 0\n    for i in range(n):\n        total += i\n    return total\n'
    } | strip
}

# ---------------------------------------------------------------- docstring
# Docstrings of two methods: 8 spaces in front of every non-empty line, the
# closing `"""` right after the last row.
mk_docstring() {
    printf 'class Stats:\n    def summarize(self, values):\n'
    printf '        """Add up the values.\n\n        Profiled with `python3 -m memory_profiler module_mode.py`:\n\n'
    block module_mode.log 2 | indent '        '
    printf '        """\n        return sum(values)\n\n'
    printf '    def build(self, k):\n        """Make k lists (%%mprun -f build -f make_list build(3)).\n\n'
    block ipython_mprun_script.log 2 | indent '        '
    printf '        """\n        return [list(range(i)) for i in range(k)]\n'
}

# --------------------------------------------------------------------- reST
mk_rest_code_block() {
    printf 'Memory profile\n==============\n\nmemory_profiler 0.58 prints:\n\n.. code-block:: text\n\n'
    { block v058_format.log 1; printf '\n\n'; block v058_format.log 2; } | indent '   '
    printf '\nNote the spelling of *Occurences*.\n'
}

# ------------------------------------------------------------------- e-mail
# A reply quoting a message that quoted another: `> ` and `> > `, blank
# quoted lines as `>` and `> >`.
mk_email_quote() {
    printf 'From: Carol <carol@example.org>\nSubject: Re: Re: memory of the helper\n\n'
    printf 'Thanks, both look fine to me.\n\nOn Tue, 1 Dec 2026, Ann wrote:\n'
    {
        printf 'Here is the dict part:\n\n'
        block basic_calls.log 3
        printf '\nOn Mon, 30 Nov 2026, Bob wrote:\n'
        { printf 'My helper:\n\n'; block multi_file.log 1; printf '\nBob\n'; } | prefix '> '
        printf '\nAnn\n'
    } | prefix '> '
}

# -------------------------------------------------------- trailing blanks
# Every line's trailing blanks stripped (rows of blank source lines end at
# their line number); the file keeps its closing blank lines.
mk_stripped_trailing() { strip < "$C/unmeasured_rows.log"; }

# ---------------------------------------------------- elided rows, quoted
# Markdown quotes (`> `) of two tables, some rows replaced by `...`.
mk_quoted_elided() {
    printf 'The old release printed (rows left out):\n\n'
    block old_format.log 1 6-8 | prefix '> '
    printf '\nand in module mode:\n\n'
    block module_mode.log 1 8-9 | prefix '> '
    printf '\nSee the full logs in the CI run.\n'
}

# ------------------------------------------------------- no Filename: line
# Only the header, rule and rows are pasted.
mk_no_filename() {
    printf 'make_list(1000000):\n\n'
    block -n basic_calls.log 1
    printf '\nmake_dict(1000):\n\n'
    block -n basic_calls.log 3
    printf '\nNo file names, sorry.\n'
}

# --------------------------------------------------------- pasted twice
# The same report twice, prose between, no fences; the second copy is the
# last thing in the file (no closing blank line).
mk_twice() {
    printf 'Before the change:\n\n'
    block basic_calls.log 2
    printf '\nI pasted the wrong one, this is the same again:\n\n'
    block basic_calls.log 2
}

# ---------------------------------------- text before Filename: on its line
# The program printed its line with print(..., end=""): every non-empty
# line before a `Filename:` line is joined to it.
mk_text_before_filename() {
    awk 'NR > 1 { if ($0 ~ /^Filename: / && held != "") printf "%s", held; else print held }
         { held = $0 } END { print held }' "$C/basic_calls.log"
}
# A progress line drawn with `\r` and never ended: the first `Filename:`
# comes right after its last `\r`.
mk_progress_cr() {
    printf 'copying  33%%\rcopying  67%%\rcopying 100%%\r'
    cat "$C/multi_file.log"
}

# ------------------------------------------------------------ tab indent
mk_tab_indented() {
    printf 'Widest values (precision 6), then %%mprun -T:\n\n'
    { block precision.log 6; printf '\n'; block ipython_mprun_T2.txt 1; printf '\n\n'
      block ipython_mprun_T2.txt 2; } | indent $'\t'
    printf '\nend\n'
}

# ------------------------------------------------------ %mprun -T, as is
mk_mprun_T()  { cat "$C/ipython_mprun_T.txt"; }
mk_mprun_T2() { cat "$C/ipython_mprun_T2.txt"; }

# --------------------------------------------------------------------- main
while read -r name _; do
    case $name in ''|'#'*) continue ;; esac
    fn=mk_${name%.*}
    declare -F "$fn" >/dev/null || { echo "make.sh: no maker for $name" >&2; exit 1; }
    "$fn" > "$OUT/$name.tmp"
    mv "$OUT/$name.tmp" "$OUT/$name"
done < MANIFEST
