#!/usr/bin/python3
"""trend-ref.py -- what trend.sh and dat-golden.sh compare memfold with,
computed from the raw captures without memfold, and the consumers' own
checks of memfold's output.

  trend-ref.py report LOG...        per function (file, function, first line):
                                    calls, rows, peak, mean, net, rise, as JSON
  trend-ref.py dat DAT...           per FUNC name: calls, samples, peak, mean,
                                    rise, total duration, as JSON
  trend-ref.py openmetrics FILE     parse with prometheus_client's OpenMetrics
                                    parser; print the families as JSON
  trend-ref.py benchmark FILE       check github-action-benchmark's
                                    customSmallerIsBetter schema; print it back
  trend-ref.py same-om REF OM [dat] the OpenMetrics series hold REF's figures
  trend-ref.py same-bench REF BENCH [dat]   the benchmark entries too

Exit status 1 with a message on stderr when a check fails.
"""
import json
import math
import re
import sys

ROW = re.compile(r"^ *(\d+)(?: +(-?\d+(?:\.\d+)?) MiB +(-?\d+(?:\.\d+)?) MiB)?")


def report(paths):
    """memory_profiler's blocks, read the plain way: a block starts at
    "Filename:", its rows are the lines that start with a line number
    after the "=====" rule; the function is the first `def` row's name."""
    funcs, order = {}, []
    for path in paths:
        block = None
        for line in open(path, encoding="utf-8", errors="replace").read().split("\n"):
            line = line.rstrip("\r")
            if line.startswith("Filename: "):
                block = {"file": line[len("Filename: "):], "rows": [], "function": None,
                         "line": None, "in": False}
                continue
            if block is None:
                continue
            if line.startswith("===="):
                block["in"] = True
                continue
            if not block["in"]:
                continue
            m = ROW.match(line)
            if not m:
                if block["rows"] or block["line"] is not None:
                    add(funcs, order, block)
                block = None
                continue
            if block["line"] is None:
                block["line"] = int(m.group(1))
            if block["function"] is None:
                d = re.search(r"\bdef +([A-Za-z_][A-Za-z_0-9]*)", line)
                if d:
                    block["function"] = d.group(1)
            if m.group(2) is not None:
                block["rows"].append(float(m.group(2)))
                block["prec"] = max(block.get("prec", 0), len(m.group(2).partition(".")[2]))
        if block is not None and block["line"] is not None:
            add(funcs, order, block)
    return [funcs[k] for k in order]


def add(funcs, order, b):
    key = (b["file"], b["function"], b["line"])
    if key not in funcs:
        funcs[key] = {"file": b["file"], "function": b["function"], "line": b["line"],
                      "calls": 0, "rows": 0, "sum": 0.0, "peak": None, "nets": [], "rise": None,
                      "prec": 0}
        order.append(key)
    f = funcs[key]
    f["calls"] += 1
    f["prec"] = max(f["prec"], b.get("prec", 0))
    rows = b["rows"]
    if rows:
        f["rows"] += len(rows)
        f["sum"] += sum(rows)
        f["peak"] = max(rows) if f["peak"] is None else max(f["peak"], max(rows))
        f["nets"].append(rows[-1] - rows[0])
        r = max(rows) - rows[0]
        f["rise"] = r if f["rise"] is None else max(f["rise"], r)
    f["mean"] = f["sum"] / f["rows"] if f["rows"] else None
    f["net"] = sum(f["nets"]) / len(f["nets"]) if f["nets"] else None


def dat(paths):
    """mprof's FUNC lines, each matched with the MEM samples of its file
    whose time lies within the call (start and end included)."""
    funcs, order = {}, []
    for path in paths:
        mem, calls, prec = [], [], 0
        for line in open(path, encoding="utf-8", errors="replace"):
            p = line.split()
            if not p:
                continue
            if p[0] == "MEM":
                mem.append((float(p[2]), float(p[1])))
                prec = max(prec, len(p[1].partition(".")[2]))
            elif p[0] == "FUNC":
                calls.append((p[1], float(p[2]), float(p[3]), float(p[4]), float(p[5]),
                              len(p[2].split(".")[-1]) if "." in p[2] else 0))
        for name, m0, t0, m1, t1, _ in calls:
            inside = [m for t, m in mem if t0 <= t <= t1]
            if name not in funcs:
                funcs[name] = {"function": name, "calls": 0, "samples": 0, "sum": 0.0, "n": 0,
                               "peak": None, "rise": None, "duration": 0.0}
                order.append(name)
            f = funcs[name]
            f["calls"] += 1
            # (mprof prints a FUNC line's MiB with 4 decimals)
            f["prec"] = max(f.get("prec", 0), prec if inside else 0, 4)
            f["samples"] += len(inside)
            f["duration"] += t1 - t0
            vals = inside if inside else [m0, m1]
            f["sum"] += sum(vals)
            f["n"] += len(vals)
            hi = max([m0, m1] + inside)
            f["peak"] = hi if f["peak"] is None else max(f["peak"], hi)
            f["rise"] = hi - m0 if f["rise"] is None else max(f["rise"], hi - m0)
            f["mean"] = f["sum"] / f["n"]
    return [funcs[k] for k in order]


def fail(msg):
    print("trend-ref: " + msg, file=sys.stderr)
    sys.exit(1)


def openmetrics(path):
    from prometheus_client.openmetrics.parser import text_string_to_metric_families
    text = open(path, encoding="utf-8").read()
    if not text.endswith("# EOF\n"):
        fail(path + ": does not end with '# EOF'")
    fams = {}
    try:
        for fam in text_string_to_metric_families(text):
            fams[fam.name] = {"type": fam.type, "unit": fam.unit, "help": fam.documentation,
                              "samples": [{"name": s.name, "labels": s.labels, "value": s.value}
                                          for s in fam.samples]}
    except Exception as e:   # the parser's verdict
        fail(path + ": the OpenMetrics parser refuses it: " + repr(e))
    return fams


def benchmark(path):
    """customSmallerIsBetter: a JSON array of {name, unit, value[, range][, extra]}."""
    data = json.load(open(path, encoding="utf-8"))
    if not isinstance(data, list):
        fail(path + ": not a JSON array")
    names = set()
    for i, e in enumerate(data):
        if not isinstance(e, dict):
            fail("entry %d is not an object" % i)
        if not {"name", "unit", "value"} <= set(e) or not set(e) <= {"name", "unit", "value", "range", "extra"}:
            fail("entry %d has the keys %s" % (i, sorted(e)))
        if not isinstance(e["name"], str) or not e["name"] or not isinstance(e["unit"], str):
            fail("entry %d: name and unit must be strings" % i)
        if isinstance(e["value"], bool) or not isinstance(e["value"], (int, float)) or not math.isfinite(e["value"]):
            fail("entry %d: value must be a number" % i)
        for k in ("range", "extra"):
            if k in e and not isinstance(e[k], str):
                fail("entry %d: %s must be a string" % (i, k))
        if e["name"] in names:
            fail("the name %r is given twice" % e["name"])
        names.add(e["name"])
    return data


def close(a, b, f=None, m=None):
    """Copied values (peak, rise, calls) as printed; derived ones (mean,
    net) rounded to two decimals more than the data's."""
    if a is None or b is None:
        return False
    tol = 1e-6 * max(1.0, abs(b))
    if m in ("mean", "net"):
        tol += 0.5 * 10 ** -(f["prec"] + 2)
    return abs(a - b) <= tol


METRICS = {"peak": "memfold_peak_mib", "rise": "memfold_rise_mib", "net": "memfold_net_mib",
           "mean": "memfold_mean_mib", "calls": "memfold_calls"}


def same_om(ref, fams, is_dat):
    metrics = ["peak", "rise", "mean", "calls"] if is_dat else ["peak", "net", "mean", "calls"]
    if not is_dat and "memfold_rise_mib" in fams:
        metrics.append("rise")
    for m in metrics:
        fam = fams.get(METRICS[m])
        if not fam:
            fail("no family " + METRICS[m])
        if fam["type"] != "gauge" or fam["unit"] != ("" if m == "calls" else "mib") or not fam["help"]:
            fail("%s: type %r, unit %r, help %r" % (METRICS[m], fam["type"], fam["unit"], fam["help"]))
        want = [f for f in ref if f.get(m) is not None]
        if len(fam["samples"]) != len(want):
            fail("%s has %d series, the capture %d functions" % (METRICS[m], len(fam["samples"]), len(want)))
        for f in want:
            labels = {"function": f["function"]} if is_dat else \
                {"file": f["file"], "function": f["function"] or "", "line": str(f["line"])}
            got = [s for s in fam["samples"] if s["labels"] == labels]
            if len(got) != 1 or not close(got[0]["value"], f[m], f, m):
                fail("%s%s: %s, the capture gives %s" % (METRICS[m], labels,
                                                          [s["value"] for s in got], f[m]))
    print("%d functions, %d families" % (len(ref), len(fams)))


def bench_names(ref, is_dat):
    """The names trend.sh expects: FILE:FUNCTION (#k among same-named
    functions of a file, by line), a .dat function by its name alone."""
    names = []
    for f in ref:
        if is_dat:
            names.append(f["function"])
            continue
        same = sorted(g["line"] for g in ref if g["file"] == f["file"] and g["function"] == f["function"])
        base = "%s:%s" % (f["file"], f["function"] or "<unknown>")
        names.append(base if len(same) == 1 else "%s#%d" % (base, same.index(f["line"]) + 1))
    return names


def same_bench(ref, data, is_dat):
    metrics = ["peak", "rise", "mean", "calls"] if is_dat else ["peak", "rise", "net", "mean", "calls"]
    by_name = {e["name"]: e for e in data}
    n = 0
    for f, base in zip(ref, bench_names(ref, is_dat)):
        for m in metrics:
            name = base + " " + m
            if m == "rise" and not is_dat and name not in by_name:
                continue   # (reports: when the fold keeps a rise)
            if f.get(m) is None:
                continue
            e = by_name.get(name)
            if not e:
                fail("no entry %r (there are %s)" % (name, sorted(by_name)[:6]))
            if not close(e["value"], f[m], f, m) or e["unit"] != ("calls" if m == "calls" else "MiB"):
                fail("%r: %s %s, the capture gives %s" % (name, e["value"], e["unit"], f[m]))
            n += 1
    if n != len(data):
        fail("%d entries, %d expected" % (len(data), n))
    print("%d entries" % n)


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "report":
        json.dump(report(args), sys.stdout, indent=1)
    elif cmd == "dat":
        json.dump(dat(args), sys.stdout, indent=1)
    elif cmd == "openmetrics":
        json.dump(openmetrics(args[0]), sys.stdout, indent=1)
    elif cmd == "benchmark":
        json.dump(benchmark(args[0]), sys.stdout, indent=1)
    elif cmd == "same-om":
        same_om(json.load(open(args[0])), openmetrics(args[1]), len(args) > 2)
    elif cmd == "same-bench":
        same_bench(json.load(open(args[0])), benchmark(args[1]), len(args) > 2)
    else:
        fail("unknown command " + cmd)


main()
