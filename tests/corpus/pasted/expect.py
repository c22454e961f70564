#!/usr/bin/python3
"""expect.py -- what a reader must find in each paste of this directory.

    expect.py            write X.expect beside each paste X of MANIFEST
    expect.py OUTDIR     write them into OUTDIR instead
    expect.py --check    check that each paste holds the tables MANIFEST
                         says, and nothing of the rows it says are elided

X.expect has one line per table of X, in the order of X:

    function<TAB>measured rows<TAB>peak Mem usage as printed

computed here from the RAW captures in .. (never from the paste, never by
memfold): MANIFEST names, for each table of a paste, the capture, the
table's number in it and the source lines the paste elided.  memory_profiler's
format is read here on its own terms (0.61's, 0.58's and the old one without
Occurrences): a table is its header line, the rule of `=` under it, and the
rows that follow up to the first empty line or the end of the file; a row is
measured when it has a Mem usage and an Increment in MiB; its function is the
name of the first `def` among its rows; the peak is the largest Mem usage of
the measured rows that the paste kept, written as the capture prints it.
"""
import os
import re
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.dirname(HERE)

HEADER = re.compile(r'Line #\s+Mem usage\s+Increment\s+(?:Occurr?ences\s+)?Line Contents\s*$')
RULE = re.compile(r'=+$')
ROW = re.compile(r' *(\d+)(?: |$)')
NUM = r'-?\d+(?:\.\d+)?'
MEASURED = re.compile(r' *(\d+) +(' + NUM + r') MiB +(' + NUM + r') MiB(?: +\d+)?(?= |$)')
DEF = re.compile(r'(?:^|\s)(?:async\s+)?def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(')


def die(msg):
    sys.stderr.write('expect.py: %s\n' % msg)
    sys.exit(1)


def lines_of(path):
    with open(path, 'rb') as f:
        text = f.read().decode('utf-8')
    lines = text.split('\n')
    if lines and lines[-1] == '':
        lines.pop()          # the final newline; a last line without one is kept
    return lines


class Table:
    def __init__(self, capture, number):
        self.capture, self.number = capture, number
        self.rows = []       # (line number, row text, Mem usage text or None)

    def function(self):
        for lineno, text, mem in self.rows:
            m = MEASURED.match(text)
            rest = text[m.end():] if m else text[6:]
            d = DEF.search(rest)
            if d:
                return d.group(1)
        die('%s: table %d has no def row' % (self.capture, self.number))


_tables = {}


def tables_of(capture):
    """The tables of a raw capture, as memory_profiler printed them."""
    if capture in _tables:
        return _tables[capture]
    lines = lines_of(os.path.join(CORPUS, capture))
    found = []
    i = 0
    while i < len(lines):
        if not HEADER.match(lines[i]):
            i += 1
            continue
        t = Table(capture, len(found) + 1)
        if i + 1 >= len(lines) or not RULE.match(lines[i + 1]):
            die('%s:%d: a header with no rule under it' % (capture, i + 1))
        j = i + 2
        while j < len(lines) and lines[j] != '':
            r = ROW.match(lines[j])
            if not r:
                die('%s:%d: not a row: %r' % (capture, j + 1, lines[j]))
            m = MEASURED.match(lines[j])
            t.rows.append((int(r.group(1)), lines[j], m.group(2) if m else None))
            j += 1
        if not t.rows:
            die('%s:%d: a table with no rows' % (capture, i + 1))
        found.append(t)
        i = j
    _tables[capture] = found
    return found


def manifest():
    """[(paste, kind, [(capture, table number, (first, last) or None)])]"""
    out = []
    with open(os.path.join(HERE, 'MANIFEST'), encoding='utf-8') as f:
        for n, line in enumerate(f, 1):
            words = line.split()
            if not words or words[0].startswith('#'):
                continue
            specs = []
            if len(words) < 3 or words[1] not in ("paste", "raw"):
                die("MANIFEST:%d: want NAME paste|raw TABLE..." % n)
            for w in words[2:]:
                part = w.split(':')
                if len(part) not in (2, 3):
                    die('MANIFEST:%d: bad table %r' % (n, w))
                gap = None
                if len(part) == 3:
                    a, b = part[2].split('-')
                    gap = (int(a), int(b))
                specs.append((part[0], int(part[1]), gap))
            out.append((words[0], words[1], specs))
    return out


def table(capture, number):
    ts = tables_of(capture)
    if not 1 <= number <= len(ts):
        die('%s has %d tables, not %d' % (capture, len(ts), number))
    return ts[number - 1]


def kept(t, gap):
    return [(ln, text, mem) for ln, text, mem in t.rows
            if gap is None or not gap[0] <= ln <= gap[1]]


def expect_line(capture, number, gap):
    t = table(capture, number)
    measured = [mem for ln, text, mem in kept(t, gap) if mem is not None]
    if not measured:
        die('%s: table %d keeps no measured row' % (capture, number))
    peak = max(measured, key=Decimal)
    return '%s\t%d\t%s\n' % (t.function(), len(measured), peak)


def check(paste, specs):
    """The paste holds its tables' kept measured rows in order, none of the
    measured rows it elides between them, and as many header lines as
    MANIFEST has tables."""
    lines = [l.rstrip() for l in lines_of(os.path.join(HERE, paste))]
    bad = []
    headers = sum(1 for l in lines if re.search(r'Line #\s+Mem usage', l))
    if headers != len(specs):
        bad.append('%d header lines, MANIFEST says %d tables' % (headers, len(specs)))
    pos = 0
    for capture, number, gap in specs:
        t = table(capture, number)
        elided = [text.rstrip() for ln, text, mem in t.rows
                  if mem is not None and gap and gap[0] <= ln <= gap[1]]
        if gap and not elided:
            bad.append('%s:%d: the gap %d-%d elides no measured row' % (capture, number, *gap))
        for ln, text, mem in kept(t, gap):
            if mem is None:
                continue
            want = text.rstrip()
            at = next((k for k in range(pos, len(lines)) if lines[k].endswith(want)), None)
            if at is None:
                bad.append('%s:%d: row %d is not in the paste (after line %d)' % (capture, number, ln, pos))
                break
            for k in range(pos, at):
                if any(lines[k].endswith(e) for e in elided):
                    bad.append('%s:%d: an elided row is in the paste at line %d' % (capture, number, k + 1))
            pos = at + 1
    for b in bad:
        sys.stderr.write('expect.py: %s: %s\n' % (paste, b))
    return not bad


def main(argv):
    if argv[1:] == ['--check']:
        ok = all([check(paste, specs) for paste, kind, specs in manifest()])
        sys.exit(0 if ok else 1)
    out = argv[1] if len(argv) > 1 else HERE
    os.makedirs(out, exist_ok=True)
    for paste, kind, specs in manifest():
        text = ''.join(expect_line(*s) for s in specs)
        with open(os.path.join(out, paste + '.expect'), 'w', encoding='utf-8', newline='\n') as f:
            f.write(text)


if __name__ == '__main__':
    main(sys.argv)
