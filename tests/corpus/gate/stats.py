#!/usr/bin/python3
"""Independent reading of memory_profiler reports (not memfold): per block,
the function (name and def line), its peak (the highest Mem usage of its
rows) and its rise (peak minus the Mem usage of the block's first row).

  stats.py LOG...            one line per block: file log name@def peak rise
  stats.py --set LOG...      per function over the logs (runs): n, min, max,
                             median, spread (max-min) of peak and of rise
"""
import re
import statistics
import sys

ROW = re.compile(r"^\s*(\d+)\s+(-?[\d.]+) MiB\s+(-?[\d.]+) MiB\s+(\d+)   (.*)$")
BARE = re.compile(r"^\s*(\d+)\s{20,}(.*)$")
DEF = re.compile(r"^\s*(?:async\s+)?def\s+(\w+)")


def blocks(path):
    out, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("Filename: "):
            cur = {"file": line[10:], "rows": [], "name": None, "def": None}
            out.append(cur)
            continue
        if cur is None:
            continue
        m = ROW.match(line)
        if m:
            cur["rows"].append((int(m.group(1)), float(m.group(2))))
            text = m.group(5)
            lineno = int(m.group(1))
        else:
            b = BARE.match(line)
            if not b:
                continue
            text, lineno = b.group(2), int(b.group(1))
        d = DEF.match(text)
        if d and cur["name"] is None:
            cur["name"], cur["def"] = d.group(1), lineno
    res = []
    for b in out:
        if not b["rows"]:
            continue
        peak = max(m for _, m in b["rows"])
        rise = peak - b["rows"][0][1]
        res.append((b["file"], "%s@%d" % (b["name"], b["def"]), peak, rise))
    return res


def main(argv):
    if argv and argv[0] == "--set":
        per = {}
        for path in argv[1:]:
            for f, fn, peak, rise in blocks(path):
                per.setdefault((f, fn), []).append((peak, rise))
        for (f, fn), vals in per.items():
            for k, what in ((0, "peak"), (1, "rise")):
                xs = [v[k] for v in vals]
                print("%s %s %s n=%d min=%.1f max=%.1f median=%.2f spread=%.1f"
                      % (f, fn, what, len(xs), min(xs), max(xs),
                         statistics.median(xs), max(xs) - min(xs)))
        return
    for path in argv:
        for f, fn, peak, rise in blocks(path):
            print("%s %s %s peak=%.1f rise=%.1f" % (path, f, fn, peak, rise))


main(sys.argv[1:])
