"""README.md's examples against what the commands print now.

    readme_examples.py check            a line "PASS what" or "FAIL what" per
                                        check (a diff -u under a FAIL)
    readme_examples.py update           rewrite every marked block of README.md
                                        from the commands' output (then read
                                        git diff README.md before committing)
    readme_examples.py count            how many checks `check` prints

Run from the repository root, with `memfold` on PATH (readme.sh puts the
binary under test there).  The markers, HTML comments that Markdown does
not show:

    <!-- example -->          the indented code block after it (blank lines
                              between are allowed) starts with "$ COMMAND";
                              the rest of the block is exactly what COMMAND
                              prints, stdout and stderr as a terminal shows
                              them (sh -c 'COMMAND' 2>&1, from the root)
    <!-- example table: COMMAND -->
                              the Markdown table after it is COMMAND's
                              output: its columns are parted by two or more
                              spaces; the first line is the header; the
                              first cell of every other row is `code`
    <!-- synopsis -->         the indented block after it names every option
                              that `memfold CMD --help` lists, on the lines
                              of CMD (and of the groups, UPPER-CASE words,
                              that those lines name: "READING: ...")

The man page's SYNOPSIS is held to the same rule as the README's.
"""
import difflib
import os
import re
import subprocess
import sys

README = "README.md"
MAN = "man/memfold.1"
COMMANDS = ["summary", "lines", "check", "fmt", "diff", "merge", "plot"]
MARK_EXAMPLE = re.compile(r"^<!-- example -->\s*$")
MARK_TABLE = re.compile(r"^<!-- example table: (.+?) -->\s*$")
MARK_SYNOPSIS = re.compile(r"^<!-- synopsis -->\s*$")


def run(command):
    env = dict(os.environ, NO_COLOR="1", LC_ALL="C.UTF-8")
    for k in ("COLUMNS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"):
        env.pop(k, None)
    p = subprocess.run(["sh", "-c", command + " 2>&1"], stdout=subprocess.PIPE,
                       stdin=subprocess.DEVNULL, env=env)
    return p.stdout.decode("utf-8", "replace")


def indented_block(lines, i):
    """The indented code block at or after line i (after blank lines):
    (first, end, text lines without their 4-space indent)."""
    while i < len(lines) and lines[i].strip() == "":
        i += 1
    first = i
    while i < len(lines) and (lines[i].startswith("    ") or lines[i].strip() == ""):
        i += 1
    end = i
    while end > first and lines[end - 1].strip() == "":
        end -= 1
    return first, end, [l[4:] if l.startswith("    ") else "" for l in lines[first:end]]


def table_block(lines, i):
    while i < len(lines) and lines[i].strip() == "":
        i += 1
    first = i
    while i < len(lines) and lines[i].startswith("|"):
        i += 1
    return first, i, lines[first:i]


def as_table(output):
    """COMMAND's aligned output as the README's Markdown table."""
    rows = [re.split(r"  +", l.strip()) for l in output.splitlines() if l.strip()]
    if not rows:
        return []
    esc = lambda c: c.replace("|", "\\|")
    out = ["| " + " | ".join(esc(c) for c in rows[0]) + " |",
           "|" + "---|" * len(rows[0])]
    for r in rows[1:]:
        cells = ["`" + r[0] + "`"] + [esc(c) for c in r[1:]]
        out.append("| " + " | ".join(cells) + " |")
    return out


def examples(lines):
    """Every marked block: (kind, command, first, end, got lines, want lines)."""
    found = []
    for i, line in enumerate(lines):
        if MARK_EXAMPLE.match(line):
            first, end, text = indented_block(lines, i + 1)
            if not text or not text[0].startswith("$ "):
                found.append(("example", None, first, end, text, None))
                continue
            command = text[0][2:]
            want = ["$ " + command] + run(command).rstrip("\n").split("\n")
            found.append(("example", command, first, end, text, want))
        m = MARK_TABLE.match(line)
        if m:
            command = m.group(1)
            first, end, text = table_block(lines, i + 1)
            found.append(("table", command, first, end, text, as_table(run(command))))
    return found


def tokens(text):
    """The options a text names, as comparable names: -Wno-NAME -> -Wno-."""
    out = set()
    for t in re.findall(r"(?:^|[\s,\[|(])(--?[A-Za-z][-A-Za-z]*)", text):
        t = re.sub(r"(?i)name$", "", t)
        out.add(t)
    return out


def help_options(command):
    """Options `memfold COMMAND --help` lists; a short option given with its
    long form on one line ("-f, --format") is satisfied by either."""
    text = run("memfold %s --help" % command)
    needs = []
    for line in text.splitlines():
        if not re.match(r"^\s+-", line):
            continue
        head = re.split(r"\s{2,}", line.strip())[0]
        names = sorted(tokens(" " + head))
        pair = re.match(r"^(-[A-Za-z]), (--[a-z][-a-z]*)", head)
        if pair:
            needs.append({pair.group(1), pair.group(2)})
            names = [n for n in names if n not in pair.groups()]
        needs.extend({n} for n in names)
    return needs


def covered(need, have):
    for n in need:
        for h in have:
            if h == n or (n.endswith("-") and h.startswith(n)):
                return True
    return False


def synopsis_lines(text_lines):
    """{command: text of its lines, of the lines of every command ("memfold
    COMMAND --help", "memfold --version") and of the groups they name}."""
    groups, per, cur = {}, {}, None
    for line in text_lines:
        m = re.match(r"^\s*memfold\s+(-|\w+)", line)
        g = re.match(r"^\s*([A-Z][A-Z-]+):", line)
        if m:
            # "memfold COMMAND -h" and "memfold -V" name options of every command
            word = m.group(1)
            cur = ("cmd", "COMMAND" if word == "-" or word.upper() == "COMMAND" else word)
        elif g:
            cur = ("group", g.group(1))
        if cur is None:
            continue
        d = per if cur[0] == "cmd" else groups
        d[cur[1]] = d.get(cur[1], "") + " " + line
    for c in per:
        if c != "COMMAND":
            per[c] += " " + per.get("COMMAND", "")
    for c in per:
        seen = set()
        while True:
            words = {w.upper() for w in re.findall(r"\b([A-Za-z][A-Za-z-]{2,})\b", per[c])}
            named = words & set(groups) - seen
            if not named:
                break
            for g in named:
                per[c] += " " + groups[g]
            seen |= named
    return per


def man_synopsis():
    text = open(MAN, encoding="utf-8").read()
    m = re.search(r"^\.SH SYNOPSIS\n(.*?)^\.SH ", text, re.S | re.M)
    if not m:
        return []
    s = re.sub(r"\\f[BIRP]", "", m.group(1)).replace("\\-", "-").replace("\\e", "\\")
    return [l for l in s.splitlines() if not l.startswith(".")]


def check():
    lines = open(README, encoding="utf-8").read().split("\n")
    found = examples(lines)
    n_ex = sum(1 for f in found if f[0] == "example")
    passed = set()
    for n, (kind, command, first, end, got, want) in enumerate(found):
        where = "README.md:%d" % (first + 1)
        if command is None:
            print("FAIL %s: an example block must start with '$ COMMAND'" % where)
            continue
        what = "%s: %s `%s` is what it prints" % (where, "the table of" if kind == "table" else "",
                                                  command)
        what = what.replace(":  ", ": ")
        if len(want) < (2 if kind == "example" else 3) or not any(w.strip() for w in want[1:]):
            print("FAIL %s (it printed nothing)" % what)
        elif got == want:
            passed.add(n)
            print("PASS " + what)
        else:
            for d in difflib.unified_diff(got, want, "README.md", command, lineterm=""):
                print("  " + d)
            print("FAIL " + what)
    # What the README must show at least, whatever else is marked (each
    # also needs its examples to hold: a memfold that prints nothing fails).
    memfold_ok = [n for n in passed if found[n][1].startswith("memfold ")]
    ok = n_ex >= 6 and len(memfold_ok) >= 5
    print(("PASS" if ok else "FAIL") + " README.md marks %d example blocks (at least 6), "
          "%d of memfold's output holding (at least 5)" % (n_ex, len(memfold_ok)))
    ex = [n for n, f in enumerate(found) if f[0] == "example"][:2]
    lead_ok = (len(ex) == 2 and found[ex[0]][1] == "cat tests/corpus/basic_calls.log"
               and found[ex[1]][1] == "memfold summary tests/corpus/basic_calls.log"
               and found[ex[0]][2] < 40 and set(ex) <= passed)
    print(("PASS" if lead_ok else "FAIL") +
          " README.md leads with a real report and its memfold summary (the first two examples)")
    table = [n for n, f in enumerate(found) if f[0] == "table" and f[1] == "memfold check --list-checks"]
    ok = bool(table) and table[0] in passed
    rows = found[table[0]][4] if table else []
    ok = ok and any(r.startswith("| `no-blocks` |") for r in rows) and len(rows) >= 30 \
        and rows[0].startswith("| NAME |")
    print(("PASS" if ok else "FAIL") +
          " README.md's checks table is --list-checks' output, with a header and no-blocks")
    # Synopses: every option of each command's --help.
    lines_syn = []
    for i, line in enumerate(lines):
        if MARK_SYNOPSIS.match(line):
            lines_syn = indented_block(lines, i + 1)[2]
    for name, syn in (("README.md", lines_syn), ("man/memfold.1", man_synopsis())):
        per = synopsis_lines(syn)
        missing = []
        for c in COMMANDS:
            have = tokens(per.get(c, ""))
            needs = help_options(c)
            if not needs:
                missing.append(c + ":(no --help)")
            missing += ["%s:%s" % (c, "/".join(sorted(n))) for n in needs if not covered(n, have)]
        print(("PASS" if per and not missing else "FAIL") +
              " %s's synopsis lists every option of each command's --help (missing: %s)"
              % (name, " ".join(missing) if per else "no synopsis found"))


def update():
    lines = open(README, encoding="utf-8").read().split("\n")
    for kind, command, first, end, got, want in reversed(examples(lines)):
        if command is None:
            continue
        if kind == "example":
            new = ["    " + w if w else "" for w in want]
        else:
            new = want
        lines[first:end] = new
    with open(README, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    if mode == "update":
        update()
    elif mode == "count":
        n = sum(1 for l in open(README, encoding="utf-8")
                if MARK_EXAMPLE.match(l) or MARK_TABLE.match(l))
        print(n + 5)
    else:
        check()
