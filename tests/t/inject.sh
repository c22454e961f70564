#!/usr/bin/env bash
# Input that injects.  A report, an mprof .dat file or a summary JSON can
# hold any bytes: ESC and OSC sequences in a def row, a FUNC name or a
# function name of a summary, C1 controls, invalid UTF-8.  Text tables and
# text diagnostics show them escaped (\x1b), on a terminal and off it, so
# they cannot clear or retitle the terminal; CSV keeps the bytes exactly,
# JSON keeps them exactly too (as \u00XX escapes) and stays valid UTF-8 and
# valid JSON; the SVG stays well-formed XML (what XML 1.0 forbids becomes
# U+FFFD).  The terminal is a real one: a pseudo-terminal from python3.
. "$(dirname "$0")/lib.sh"
plan 65

command -v python3 >/dev/null || skip_all "python3 is not installed"
command -v xmllint >/dev/null || skip_all "xmllint is not installed (apt-get install libxml2-utils)"
command -v jq >/dev/null || skip_all "jq is not installed"

# ---- helpers ------------------------------------------------------------------

# pty.py OUT CMD...: run CMD with stdout and stderr on a pseudo-terminal
# (output post-processing off: the bytes as written), what reached the
# terminal into OUT; exits with CMD's status.
cat >"$TMP/pty.py" <<'EOF'
import os, subprocess, sys, termios
out, cmd = sys.argv[1], sys.argv[2:]
master, slave = os.openpty()
attrs = termios.tcgetattr(slave)
attrs[1] &= ~termios.OPOST
termios.tcsetattr(slave, termios.TCSANOW, attrs)
p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave)
os.close(slave)
data = b""
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:      # EIO: the last writer closed the terminal
        break
    if not chunk:
        break
    data += chunk
open(out, "wb").write(data)
sys.exit(p.wait())
EOF

# harmless.py FILE: FILE is valid UTF-8 and holds no character a terminal
# obeys: no C0 control but tab and newline, no DEL, no C1 control.
cat >"$TMP/harmless.py" <<'EOF'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    sys.exit("not valid UTF-8: %s" % e)
bad = [c for c in text if (ord(c) < 0x20 and c not in "\t\n") or 0x7f <= ord(c) <= 0x9f]
if bad:
    sys.exit("raw control characters: %r" % sorted(set(bad)))
if not text:
    sys.exit("empty")
EOF

# strict_json.py FILE [ndjson]: FILE is valid UTF-8 (strictly: no
# surrogates, no overlong forms) and valid JSON (no leading zeros), one
# document or one per line.
cat >"$TMP/strict_json.py" <<'EOF'
import json, sys
def no_constant(name):
    raise ValueError("not JSON: " + name)
text = open(sys.argv[1], "rb").read().decode("utf-8")
docs = text.split("\n")[:-1] if sys.argv[2:] == ["ndjson"] else [text]
if not text.strip():
    sys.exit("empty")
if sys.argv[2:] == ["ndjson"] and not text.endswith("\n"):
    sys.exit("NDJSON without a final newline")
for d in docs:
    json.loads(d, parse_constant=no_constant)
EOF

# json_has.py FILE EXPR BYTES: the value EXPR (Python, over the document
# `d`) is the string whose UTF-8 bytes are BYTES (a Python bytes literal).
cat >"$TMP/json_has.py" <<'EOF'
import ast, json, sys
d = json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))
got = eval(sys.argv[2]).encode("utf-8")
want = ast.literal_eval(sys.argv[3])
if got != want:
    sys.exit("got %r, want %r" % (got, want))
EOF

# on_tty DESC SHOWN CMD...: CMD on a terminal shows the fixed string SHOWN,
# and nothing that the terminal would obey.
on_tty() {
    local what=$1 shown=$2 why=; shift 2
    NO_COLOR=1 python3 "$TMP/pty.py" "$TMP/tty" "$@" >/dev/null 2>&1
    if ! why=$(python3 "$TMP/harmless.py" "$TMP/tty" 2>&1); then :
    elif ! grep -qF -- "$shown" "$TMP/tty"; then why="the terminal shows no '$shown'"
    else why=; fi
    if [ -z "$why" ]; then pass "$what"; else
        echo "  $why; the terminal got:"
        head -c 1500 "$TMP/tty" | od -c | head -20 | sed 's/^/    | /'
        fail "$what"
    fi
}

# harmless_file DESC SHOWN FILE: the same for a file.
harmless_file() {
    local what=$1 shown=$2 file=$3 why=
    if ! why=$(python3 "$TMP/harmless.py" "$file" 2>&1); then :
    elif ! grep -qF -- "$shown" "$file"; then why="no '$shown' in it"
    else why=; fi
    if [ -z "$why" ]; then pass "$what"; else echo "  $why"; fail "$what"; fi
}

# ---- inputs -------------------------------------------------------------------

# A report whose def row and source line hold ESC sequences (OSC 0 retitles
# the terminal, CSI 2J clears it), a raw CSI byte (0x9b), the C1 CSI
# (U+009B), DEL and a C0 control; its path has a byte of bad UTF-8.  Two
# sizes of it, for a diff that fails its gate.
python3 - "$TMP" <<'EOF'
import sys
tmp = sys.argv[1]
def report(path, name, mem):
    return (b"Filename: " + path + b"\n\n"
            b"Line #    Mem usage    Increment  Occurrences   Line Contents\n"
            b"=============================================================\n"
            b"     8     21.3 MiB     21.3 MiB           1   @profile\n"
            b"     9                                         def " + name + b"(n):\n"
            b"    10     %4.1f MiB      7.6 MiB           1       s = '\x1b[2J\x9b\xc2\x9b\x7f\x01' * n\n"
            b"\n\n") % mem
name = b"evil\x1b]0;pwned\x07"
open(tmp + "/inj.log", "wb").write(report(b"/tmp/x\xff.py", name, 28.9))
open(tmp + "/inj_big.log", "wb").write(report(b"/tmp/x\xff.py", name, 48.9))
# a row with an error: its source line is shown under the diagnostic
open(tmp + "/injbad.log", "wb").write(report(b"/tmp/x.py", b"f", 28.9).replace(b"7.6 MiB", b"7.6 MB "))
open(tmp + "/inj.dat", "wb").write(
    b"CMDLINE python3 \x1b]0;pwned\x07x.py\nMEM 1.0 100.0\nMEM 2.0 101.0\n"
    b"FUNC __main__.f\x1b[2J 1.0 100.0 2.0 101.0\n")
open(tmp + "/injbad.dat", "wb").write(
    b"CMDLINE x\nMEM 1.0 100.0\nFUNC __main__.f\x1b[2J 1.0 102.0 2.0 101.0\n"
    b"MEM 1.\x1b[2J 100.0\nX\x1b]0;pwned\x07 1\n")
EOF
"$MEMFOLD" summary -f json "$TMP/inj.log" >"$TMP/a.json"
"$MEMFOLD" summary -f json "$TMP/inj_big.log" >"$TMP/b.json"
# Summaries whose function name only JSON can hold: an OSC sequence, a C1
# control and a newline that would start a forged row of the table.
for s in a b; do
    python3 - "$TMP/$s.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for f in d["functions"]:
    f["function"] = "j\x1b]2;owned\x07\u009b\nFAKE ROW"
json.dump(d, open(sys.argv[1], "w"))
EOF
done
grep -q 'u001b' "$TMP/a.json" || bail_out "the summary JSON holds no \\u001b"
# a summary with a wrong field: its message quotes the function's name
python3 - "$TMP/a.json" "$TMP/broken.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
d["functions"][0]["calls"] = -1
json.dump(d, open(sys.argv[2], "w"))
EOF

# ---- 1. text on a terminal ------------------------------------------------------

# without NO_COLOR a diff on a terminal is coloured: proof that memfold
# sees the pseudo-terminal as one (every other run sets NO_COLOR, so any
# ESC the terminal gets came from the input)
python3 "$TMP/pty.py" "$TMP/tty" "$MEMFOLD" diff --max-increase 1% "$TMP/inj.log" "$TMP/inj_big.log" >/dev/null 2>&1
ok "the pseudo-terminal is a terminal to memfold (diff colours OVER)" grep -qF $'\e[1;31mOVER' "$TMP/tty"

on_tty "summary: a def row's OSC sequence is shown escaped on a terminal" \
    'evil\x1b]0;pwned\x07  ' "$MEMFOLD" summary "$TMP/inj.log"
on_tty "summary: ... and a path's bad UTF-8 byte" '/tmp/x\xff.py:8' "$MEMFOLD" summary "$TMP/inj.log"
on_tty "lines: the source line's ESC, raw CSI, C1 CSI, DEL and C0 bytes are shown escaped" \
    "s = '\\x1b[2J\\x9b\\xc2\\x9b\\x7f\\x01' * n" "$MEMFOLD" lines "$TMP/inj.log"
on_tty "lines: ... and the function name, padded as shown" 'evil\x1b]0;pwned\x07  ' \
    "$MEMFOLD" lines "$TMP/inj.log"
on_tty "diff: the function name from the def row, in the table" 'evil\x1b]0;pwned\x07  /tmp/x\xff.py' \
    "$MEMFOLD" diff "$TMP/inj.log" "$TMP/inj.log"
on_tty "diff: ... and in the verdict of a function over the limit" \
    'over the limit: evil\x1b]0;pwned\x07 (peak' \
    "$MEMFOLD" diff --max-increase 1% "$TMP/inj.log" "$TMP/inj_big.log"
on_tty "diff of two summaries: a JSON function name's OSC, C1 and newline (no forged row)" \
    'j\x1b]2;owned\x07\xc2\x9b\nFAKE ROW' "$MEMFOLD" diff --max-increase 1% "$TMP/a.json" "$TMP/b.json"
on_tty "merge -f text: the same name, escaped" 'j\x1b]2;owned\x07\xc2\x9b\nFAKE ROW' \
    "$MEMFOLD" merge -f text "$TMP/a.json" "$TMP/b.json"
on_tty "merge: an error message quoting a JSON function name's ESC" "'j\\x1b]2;owned\\x07" \
    "$MEMFOLD" merge "$TMP/broken.json"
on_tty "merge's JSON on a terminal: the C1 control as \\u009b, ESC as \\u001b" \
    'j\u001b]2;owned\u0007\u009b\nFAKE ROW' "$MEMFOLD" merge "$TMP/a.json"
on_tty "summary of a .dat file: the FUNC name" '__main__.f\x1b[2J ' "$MEMFOLD" summary "$TMP/inj.dat"
on_tty "summary of a .dat file: the CMDLINE command" 'python3 \x1b]0;pwned\x07x.py' \
    "$MEMFOLD" summary "$TMP/inj.dat"
on_tty "lines of a .dat file: the FUNC name of its start and end rows" 'FUNC __main__.f\x1b[2J end' \
    "$MEMFOLD" lines "$TMP/inj.dat"
on_tty "check of a .dat file: a FUNC name quoted in the message" \
    'error: call of __main__.f\x1b[2J ends before it starts' "$MEMFOLD" check "$TMP/injbad.dat"
on_tty "check of a .dat file: a malformed number quoted in the message" \
    "found '1.\\x1b[2J'" "$MEMFOLD" check "$TMP/injbad.dat"
on_tty "check of a .dat file: an unknown line kind, and the source line under it" \
    'X\x1b]0;pwned\x07 1' "$MEMFOLD" check "$TMP/injbad.dat"
on_tty "check of a report: the source line under a diagnostic (C1 CSI included)" \
    "s = '\\x1b[2J\\x9b\\xc2\\x9b\\x7f\\x01' * n" "$MEMFOLD" check "$TMP/injbad.log"
cp "$TMP/injbad.log" "$TMP/run"$'\e]0;t\a'".log"
on_tty "check: a file name with an OSC sequence, in the diagnostic's position" \
    'run\x1b]0;t\x07.log:7:' "$MEMFOLD" check "$TMP/run"$'\e]0;t\a'".log"

# the caret stays under its field when escapes widen the line before it
"$MEMFOLD" check "$TMP/injbad.dat" 2>"$TMP/carets"
ok "check: the caret is under its field after an escape (end time 101.0)" awk '
    /^FUNC / && !src { src = $0; getline caret; exit }
    END { want = index(src, " 101.0") + 1; got = index(caret, "^")
          if (!src || want < 2 || got != want) { print "  caret at " got ", field at " want; exit 1 } }' \
    "$TMP/carets"

# ---- 1b. the same text not on a terminal; CSV and JSON exact ---------------------

"$MEMFOLD" summary "$TMP/inj.log" >"$TMP/summary.txt"
harmless_file "summary into a file or pipe: escaped as well (a pager or CI log is a terminal too)" \
    'evil\x1b]0;pwned\x07' "$TMP/summary.txt"
"$MEMFOLD" check "$TMP/injbad.dat" -o "$TMP/check.txt"
harmless_file "check -o FILE: diagnostics escaped as well" 'call of __main__.f\x1b[2J' "$TMP/check.txt"

"$MEMFOLD" summary -f csv "$TMP/inj.log" >"$TMP/s.csv"
ok "summary -f csv: the name's bytes exactly (CSV is for machines)" python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", errors="surrogateescape", newline="")))
sys.exit(rows[1][1] != "evil\x1b]0;pwned\x07" or rows[1][0] != "/tmp/x\udcff.py")' "$TMP/s.csv"
"$MEMFOLD" lines -f csv "$TMP/inj.log" >"$TMP/l.csv"
ok "lines -f csv: the contents' bytes exactly" python3 -c '
import sys
sys.exit(b"s = '"'"'\x1b[2J\x9b\xc2\x9b\x7f\x01'"'"' * n\n" not in open(sys.argv[1], "rb").read())' "$TMP/l.csv"
"$MEMFOLD" lines -f json "$TMP/inj.log" >"$TMP/l.json"
ok "lines -f json: valid, control characters as \\u00XX escapes" \
    sh -c "python3 '$TMP/strict_json.py' '$TMP/l.json' && grep -qF 'evil\\u001b]0;pwned\\u0007' '$TMP/l.json'"
ok "... and the contents read back exactly (the bad byte 0x9b as U+FFFD)" python3 "$TMP/json_has.py" \
    "$TMP/l.json" 'd[1]["contents"]' "b\"    s = '\\x1b[2J\\xef\\xbf\\xbd\\xc2\\x9b\\x7f\\x01' * n\""
ok "summary -f json: the name reads back exactly" python3 "$TMP/json_has.py" "$TMP/a.json" \
    'd["functions"][0]["function"]' 'b"j\x1b]2;owned\x07\xc2\x9b\nFAKE ROW"'
"$MEMFOLD" check --diagnostics-format=json "$TMP/injbad.dat" 2>"$TMP/d.json"
ok "check --diagnostics-format=json: the message quotes the bytes exactly" python3 "$TMP/json_has.py" \
    "$TMP/d.json" 'd[0]["message"][:27]' 'b"call of __main__.f\x1b[2J ends"'

# ---- 2. SVG: well-formed XML whatever the input holds ------------------------------

# Each class of what XML 1.0 cannot hold, in a source line, a def row's
# name (the functions picture), a .dat FUNC name and CMDLINE; every input
# passes check --strict.
python3 - "$TMP" <<'EOF'
import sys
tmp = sys.argv[1]
classes = {
    "U+FFFE": b"\xef\xbf\xbe", "U+FFFF": b"\xef\xbf\xbf",
    "surrogates": b"\xed\xa0\x80\xed\xbf\xbf",
    "overlong": b"\xc0\x80\xc1\xbf\xe0\x80\x80\xf0\x80\x80\x80",
    "F5-FF-leads": b"\xf5\x80\x80\x80\xf8\x88\x80\x80\x80\xfc\xfe\xff",
    "bad-continuation": b"\xc3\x28\xe2\x28\xa1\x80\xe2\x82",
    "C0-C1-DEL": b"\x01\x1b\x0b\x0c\x1f\x7f\xc2\x85",
}
names = open(tmp + "/classes", "w")
for k, bad in classes.items():
    names.write(k + "\n")
    path = b"" if k == "C0-C1-DEL" else bad   # a control in Filename: is an error
    rep = b""
    for fn, row in ((b"f", b"s = '" + bad + b"' * n"), (b"g" + bad, b"return n")):
        rep += (b"Filename: /tmp/x" + path + b".py\n\n"
                b"Line #    Mem usage    Increment  Occurrences   Line Contents\n"
                b"=============================================================\n"
                b"     8     21.3 MiB     21.3 MiB           1   @profile\n"
                b"     9                                         def " + fn + b"(n):\n"
                b"    10     28.9 MiB      7.6 MiB           1       " + row + b"\n\n\n")
    open("%s/%s.log" % (tmp, k), "wb").write(rep)
    open("%s/%s.dat" % (tmp, k), "wb").write(
        b"CMDLINE python3 " + bad + b"\nMEM 1.0 100.0\nMEM 2.0 101.0\n"
        b"FUNC __main__.h" + bad + b" 1.0 100.0 2.0 101.0\n")
    open("%s/%s.title" % (tmp, k), "wb").write(b"T" + bad + b"<&>\"'")
EOF

# svg_ok SVG: well-formed, and U+FFFD stands where the bad bytes were
svg_ok() { xmllint --noout "$1" && grep -q $'\xef\xbf\xbd' "$1"; }

while read -r k; do
    "$MEMFOLD" check --strict "$TMP/$k.log" "$TMP/$k.log" 2>"$TMP/strict.err"
    st=$?
    "$MEMFOLD" check --strict "$TMP/$k.dat" 2>>"$TMP/strict.err"
    st=$((st + $?))
    "$MEMFOLD" plot "$TMP/$k.log" -o "$TMP/$k.functions.svg"
    ok "plot, $k in a def row's name: well-formed XML with U+FFFD (check --strict passes the input: $st)" \
        sh -c "[ $st -eq 0 ] && ! [ -s '$TMP/strict.err' ] && $(declare -f svg_ok); svg_ok '$TMP/$k.functions.svg'"
    "$MEMFOLD" plot --function f "$TMP/$k.log" -o "$TMP/$k.rows.svg"
    ok "plot --function, $k in a source line and the path: well-formed XML with U+FFFD" \
        sh -c "$(declare -f svg_ok); svg_ok '$TMP/$k.rows.svg'"
    "$MEMFOLD" plot "$TMP/$k.dat" -o "$TMP/$k.timeline.svg"
    ok "plot of a .dat file, $k in a FUNC name: well-formed XML with U+FFFD" \
        sh -c "$(declare -f svg_ok); svg_ok '$TMP/$k.timeline.svg'"
done <"$TMP/classes"

# titles: every class at once, with markup, in each picture
title=$(while read -r k; do cat "$TMP/$k.title"; done <"$TMP/classes")
for pic in "functions:$TMP/U+FFFE.log" "rows:--function f $TMP/U+FFFE.log" "timeline:$TMP/U+FFFE.dat"; do
    # shellcheck disable=SC2086
    "$MEMFOLD" plot --title "$title" ${pic#*:} -o "$TMP/title.svg"
    ok "plot --title with every class and <&>\" (${pic%%:*}): well-formed, markup escaped" \
        sh -c "$(declare -f svg_ok); svg_ok '$TMP/title.svg' && grep -q '<title>T.*&lt;&amp;&gt;&quot;' '$TMP/title.svg'"
done

# ---- 3. JSON stays valid whatever the bytes --------------------------------------

# json_ok DESC MODE FUNCTION: FUNCTION STEM writes JSON (NDJSON when MODE
# is ndjson) for the inputs STEM.log / STEM.dat of every class; each must be
# strictly valid UTF-8 and JSON, and jq must read it.
json_ok() {
    local what=$1 mode=$2 fn=$3 k why=
    while read -r k; do
        "$fn" "$TMP/$k" >"$TMP/out.json" 2>/dev/null
        if ! python3 "$TMP/strict_json.py" "$TMP/out.json" $mode 2>"$TMP/why" ||
           ! jq -e . "$TMP/out.json" >/dev/null 2>>"$TMP/why"; then
            why="$k: $(tail -1 "$TMP/why")"
            break
        fi
    done <"$TMP/classes"
    if [ -z "$why" ]; then pass "$what"; else echo "  $why"; fail "$what"; fi
}
j_summary() { "$MEMFOLD" summary -f json "$1.log"; }
j_summary_nd() { "$MEMFOLD" summary -f ndjson "$1.log"; }
j_lines() { "$MEMFOLD" lines -f json --all-rows "$1.log"; }
j_lines_nd() { "$MEMFOLD" lines -f ndjson "$1.log"; }
j_diff() { "$MEMFOLD" diff -f json "$1.log" "$1.log"; }
j_merge() { "$MEMFOLD" summary -f json "$1.log" >"$1.json" && "$MEMFOLD" merge "$1.json" "$1.json"; }
j_dat_summary() { "$MEMFOLD" summary -f json "$1.dat"; }
j_dat_lines() { "$MEMFOLD" lines -f json "$1.dat"; }
# diagnostics that quote the input: text outside the blocks (--pure),
# a def row missing, a .dat line of an unknown kind
j_check() {
    { cat "$1.title"; echo; cat "$1.log"; } >"$1.pure.log"
    printf 'X' | cat - "$1.title" >"$1.bad.dat"
    "$MEMFOLD" check --diagnostics-format="$2" --pure "$1.pure.log" 2>&1 >/dev/null
}
j_check_json() { j_check "$1" json; }
j_check_sarif() { j_check "$1" sarif; }
j_check_dat() { printf 'X' | cat - "$1.title" >"$1.bad.dat"; "$MEMFOLD" check --diagnostics-format=json "$1.bad.dat" 2>&1 >/dev/null; }

json_ok "summary -f json: valid UTF-8 and JSON for every class" "" j_summary
json_ok "summary -f ndjson: the same" ndjson j_summary_nd
json_ok "lines -f json: the same" "" j_lines
json_ok "lines -f ndjson: the same" ndjson j_lines_nd
json_ok "diff -f json: the same" "" j_diff
json_ok "merge: the same" "" j_merge
json_ok ".dat summary -f json: the same" "" j_dat_summary
json_ok ".dat lines -f json: the same" "" j_dat_lines
json_ok "check --diagnostics-format=json, messages quoting the bytes: the same" "" j_check_json
json_ok "check --diagnostics-format=sarif: the same" "" j_check_sarif
json_ok "check --diagnostics-format=json of a .dat file: the same" "" j_check_dat

# numbers: JSON has no leading zeros; a report may print them
printf 'Filename: /tmp/x.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n=============================================================\n     8     00.5 MiB    -00.3 MiB           1   @profile\n     9                                         def f(n):\n\n\n' >"$TMP/zeros.log"
"$MEMFOLD" lines -f json "$TMP/zeros.log" >"$TMP/zeros.json"
ok "lines -f json: a number printed with leading zeros (00.5) is valid JSON (0.5)" \
    sh -c "python3 '$TMP/strict_json.py' '$TMP/zeros.json' && grep -q '\"mem_mib\": 0.5, \"increment_mib\": -0.3' '$TMP/zeros.json'"
"$MEMFOLD" lines -f csv "$TMP/zeros.log" >"$TMP/zeros.csv"
ok "... while CSV keeps it as printed" grep -q ',8,00.5,-00.3,1,' "$TMP/zeros.csv"
