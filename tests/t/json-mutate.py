#!/usr/bin/env python3
# json-mutate.py -- single-field mutations of real `memfold summary -f json`
# documents, for tests/t/json-input.sh: every mutated document is one that
# memfold never writes, and `merge` and `diff` must refuse it, naming the
# field.
#
#     json-mutate.py OUTDIR SUMMARY.json...
#
# writes OUTDIR/NNNN.json, one mutation each, and OUTDIR/manifest: one line
# per mutation, "NNNN.json<TAB>ERE<TAB>what was done", where ERE is what the
# message must match (the function or input, and the field, as memfold
# names them).  Key order is kept, so "memfold" stays the first key and
# diff still takes each document for a summary.
import copy
import json
import os
import re
import sys

out_dir, sources = sys.argv[1], sys.argv[2:]
manifest = []

BIG = [2**63, 2**64, -(2**63) - 1]


def emit(doc, expect, what, text=None):
    name = "%04d.json" % len(manifest)
    with open(os.path.join(out_dir, name), "w") as f:
        f.write(text if text is not None else json.dumps(doc, indent=1))
    manifest.append((name, expect, what))


def label(path):
    """The field as memfold's messages name it: "calls", "sums.mem"."""
    return '"' + ".".join(path) + '"'


def get(obj, path):
    for k in path:
        obj = obj[k]
    return obj


def put(doc, where, path, value, delete=False):
    d = copy.deepcopy(doc)
    obj = get(d, where)
    for k in path[:-1]:
        obj = obj[k]
    if delete:
        del obj[path[-1]]
    else:
        obj[path[-1]] = value
    return d


def context(where):
    """What the message starts with: the function or input, 1-based."""
    if not where:
        return ""
    kind = {"functions": "function", "inputs": "input"}[where[0]]
    return "%s %d[ :]" % (kind, where[1] + 1)


def mutate_field(doc, where, path, values, src):
    """Each value in place of the field, and the field deleted."""
    ctx, lab = context(where), re.escape(label(path))
    emit(put(doc, where, path, None, delete=True), ctx + ".*" + lab,
         "%s: %s%s deleted" % (src, ctx, label(path)))
    for v in values:
        emit(put(doc, where, path, v), ctx + ".*" + lab,
             "%s: %s%s = %s" % (src, ctx, label(path), json.dumps(v)))


NOT_A_COUNT = [-1, 1.5, "7", True, [], {}] + BIG
NOT_A_NUMBER = ["21.3", True, [], {}, 1e300, -1e300, 2**63]
# for the functions after the first: fewer values of each wrong kind
SHORT_COUNT = [-1, 1.5, "7", 2**64]
SHORT_NUMBER = ["21.3", 1e300]


def decimals(fn):
    return len(str(fn["sums"]["scale"])) - 1


def function_mutations(doc, i, src, full):
    NOT_A_COUNT = globals()["NOT_A_COUNT"] if full else SHORT_COUNT
    NOT_A_NUMBER = globals()["NOT_A_NUMBER"] if full else SHORT_NUMBER
    fn = doc["functions"][i]
    w = ["functions", i]
    prec = decimals(fn)
    step = 10 ** -prec
    for key in ("line", "calls", "rows"):
        extra = {"calls": [0], "rows": [fn["rows"] + 1] + ([0] if fn["rows"] else [])}.get(key, [])
        mutate_field(doc, w, [key], NOT_A_COUNT + [None, float(fn[key])] + extra, src)
    mutate_field(doc, w, ["sums", "measured_calls"],
                 NOT_A_COUNT + [None, fn["sums"]["measured_calls"] + 1] +
                 ([fn["sums"]["measured_calls"] - 1] if fn["sums"]["measured_calls"] else []), src)
    if fn["occurrences"] is not None:
        mutate_field(doc, w, ["occurrences"], NOT_A_COUNT, src)
    if fn["hot_line"] is not None:
        mutate_field(doc, w, ["hot_line"], NOT_A_COUNT + [None], src)
        mutate_field(doc, w, ["hot_increment_mib"],
                     NOT_A_NUMBER + [None, fn["hot_increment_mib"] + step / 10], src)
    else:
        for key, v in (("hot_line", 3), ("hot_increment_mib", 0.5)):
            mutate_field(doc, w, [key], [v], src)
    mutate_field(doc, w, ["file"], [5, [], {}], src)   # null: a file unknown
    mutate_field(doc, w, ["function"], [5, True, []], src)
    if fn["rows"]:
        for key in ("peak_mib", "min_mib"):
            mutate_field(doc, w, [key], NOT_A_NUMBER + [None, fn[key] + step / 10], src)
        for key in ("mean_mib", "entry_mib", "exit_mib", "net_mib"):
            mutate_field(doc, w, [key], NOT_A_NUMBER + [None, fn[key] + 1, fn[key] + step], src)
        emit(put(doc, w, ["min_mib"], fn["peak_mib"] + 1), context(w) + '.*"min_mib"',
             "%s: function %d min above peak" % (src, i + 1))
        emit(put(doc, w, ["peak_mib"], fn["min_mib"] - 1), context(w) + '.*"peak_mib"',
             "%s: function %d peak below min" % (src, i + 1))
    else:
        for key in ("peak_mib", "min_mib", "mean_mib", "entry_mib", "exit_mib", "net_mib"):
            mutate_field(doc, w, [key], [1.0, 0], src)
    sums = fn["sums"]
    mutate_field(doc, w, ["sums", "scale"],
                 [sums["scale"] * 10, 3, 0, -10, 10**10, float(sums["scale"]), "10", None], src)
    per = {"mem": fn["rows"], "entry": sums["measured_calls"], "exit": sums["measured_calls"]}
    for key in ("mem", "entry", "exit"):
        mutate_field(doc, w, ["sums", key],
                     [1.5, "1", None, True, 2**63, -(2**63) - 1] + ([sums[key] + per[key]] if per[key] else [1]),
                     src)
    for where, key in ((w, "extra"), (w + ["sums"], "extra")):
        d = copy.deepcopy(doc)
        get(d, where)[key] = 1
        lab = '"sums.extra"' if len(where) > 2 else '"extra"'
        emit(d, context(w) + ".*unknown key " + re.escape(lab), "%s: %s added to function %d" % (src, lab, i + 1))
    d = copy.deepcopy(doc)
    d["functions"][i]["sums"] = 5
    emit(d, context(w) + '.*"sums"', "%s: function %d sums = 5" % (src, i + 1))
    for v in (5, [], "f", None):
        d = copy.deepcopy(doc)
        d["functions"][i] = v
        emit(d, context(w) + ".*object", "%s: function %d = %s" % (src, i + 1, json.dumps(v)))
    d = copy.deepcopy(doc)
    d["functions"].append(copy.deepcopy(fn))
    emit(d, "function %d[ :].*twice" % len(d["functions"]), "%s: function %d listed twice" % (src, i + 1))


def input_mutations(doc, src):
    w = ["inputs", 0]
    for key in ("blocks", "rows", "skipped_lines"):
        mutate_field(doc, w, [key], NOT_A_COUNT + [None], src)
    mutate_field(doc, w, ["path"], [None, 5, []], src)
    d = copy.deepcopy(doc)
    d["inputs"][0]["extra"] = 1
    emit(d, 'input 1[ :].*unknown key "extra"', "%s: key added to input 1" % src)
    d = copy.deepcopy(doc)
    d["inputs"][0] = 5
    emit(d, "input 1[ :].*object", "%s: input 1 = 5" % src)


def root_mutations(doc, src, text):
    mutate_field(doc, [], ["errors"], NOT_A_COUNT + [None], src)
    for key in ("functions", "inputs"):
        mutate_field(doc, [], [key], [{}, 5, "x", None], src)
    d = copy.deepcopy(doc)
    d["extra"] = []
    emit(d, 'unknown key "extra"', "%s: key added at the top" % src)
    twice = text.replace('"memfold": 1,', '"memfold": 1, "errors": 0,', 1)
    emit(None, '"errors".*twice', "%s: \"errors\" given twice" % src, twice)
    emit(None, "line [0-9]+", "%s: cut in the middle" % src, text[: len(text) // 2])
    emit(None, "line [0-9]+.*after", "%s: text after the end" % src, text + "x\n")


for n, src in enumerate(sources):
    with open(src) as f:
        text = f.read()
    doc = json.loads(text)
    name = os.path.basename(src)
    fns = doc["functions"]
    # every function of the first two documents (the first of each with
    # every wrong value), then one function of each
    picks = range(len(fns)) if n < 2 else [n % len(fns)] if fns else []
    for i in picks:
        function_mutations(doc, i, name, n < 2 and i == 0)
    if n == 0:
        input_mutations(doc, name)
        root_mutations(doc, name, text)

with open(os.path.join(out_dir, "manifest"), "w") as f:
    for row in manifest:
        f.write("\t".join(row) + "\n")
