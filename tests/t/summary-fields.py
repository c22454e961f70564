#!/usr/bin/env python3
"""The summary's fields computed from raw memory_profiler reports, without
memfold, and compared with what memfold wrote.

    summary-fields.py FIELD SUMMARY.json LOG...

FIELD: rise (rise_mib), hashes (source_hashes), calls (calls, blocks,
calls_estimated), runs (the per_run entries of `summary --runs`, one LOG a
run).  Exit 0 when every function of the LOGs is in SUMMARY.json with the
field as computed here (and nothing else is there); else the differences
are printed and the exit status is 1.
"""
import json
import re
import sys
from decimal import Decimal, ROUND_HALF_UP, getcontext

getcontext().rounding = ROUND_HALF_UP

MEASURED = re.compile(rb'^ *(\d+) +(-?[0-9.]+) MiB +(-?[0-9.]+) MiB(?: +(\d+))?(?:   (.*))?$')
ROW = re.compile(rb'^ *(\d+)(.*)$')
WS = b' \t\n\r\x0b\x0c'


def blocks_of(path):
    """Each table of a report: its file, and its rows as (line, mem, occ,
    contents); mem and occ None when the row has no measurement."""
    out, cur, file_ = [], None, None
    with open(path, 'rb') as f:
        lines = f.read().split(b'\n')
    for raw in lines:
        line = raw.rstrip(b'\r')
        at = line.find(b'Filename: ')   # (after an IPython prompt)
        if at >= 0 and cur is None:
            file_ = line[at + len(b'Filename: '):].decode('utf-8', 'surrogateescape')
            cur = None
            continue
        if line.startswith(b'====='):
            cur = {'file': file_, 'rows': []}
            out.append(cur)
            continue
        if cur is None:
            continue
        if line.strip(WS) == b'':
            cur = None
            continue
        m = MEASURED.match(line)
        if m:
            occ = int(m.group(4)) if m.group(4) is not None else None
            cur['rows'].append((int(m.group(1)), Decimal(m.group(2).decode()), occ,
                                m.group(5) or b'', Decimal(m.group(3).decode())))
            continue
        m = ROW.match(line)
        if m:
            cur['rows'].append((int(m.group(1)), None, None, m.group(2), None))
    return [b for b in out if b['rows']]


def name_of(block):
    for _, _, _, text, _ in block['rows']:
        m = re.match(rb'\s*(?:async\s+)?def\s+([A-Za-z_][A-Za-z_0-9]*)', text)
        if m:
            return m.group(1).decode()
    return None


def fnv1a(data):
    h = 0x811c9dc5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xffffffff
    return h


def fold(paths):
    """Per function (file, name, first line): the fields, in order."""
    funcs = {}
    for path in paths:
        pending = {}   # per function: the blocks not yet seen nested, occ each
        for b in blocks_of(path):
            key = (b['file'], name_of(b), b['rows'][0][0])
            f = funcs.setdefault(key, {'blocks': 0, 'calls': 0, 'estimated': False,
                                       'rise': None, 'hashes': None, 'peak': None,
                                       'mem': Decimal(0), 'rows': 0, 'entry': Decimal(0),
                                       'exit': Decimal(0), 'measured': 0, 'prec': 0})
            f['blocks'] += 1
            if f['hashes'] is None:
                f['hashes'] = ''.join('%08x' % fnv1a(t.strip(WS)) for _, _, _, t, _ in b['rows']
                                      if t.strip(WS))
            measured = [r for r in b['rows'] if r[1] is not None]
            if measured:
                # the entry: the first row's Mem usage, or its Increment
                # when it ran more than once (memory_profiler 0.58+ counts
                # that from 0 at the first call) and can be an entry
                first = measured[0]
                entry = first[1]
                if first[2] is not None and first[2] > 1 and 0 <= first[4] <= first[1]:
                    entry = first[4]
                rise = max(r[1] for r in measured) - entry
                f['rise'] = rise if f['rise'] is None else max(f['rise'], rise)
                f['peak'] = max([r[1] for r in measured] + ([f['peak']] if f['peak'] is not None else []))
                f['mem'] += sum(r[1] for r in measured)
                f['rows'] += len(measured)
                f['entry'] += measured[0][1]
                f['exit'] += measured[-1][1]
                f['measured'] += 1
                for r in measured:
                    s = str(r[1])
                    f['prec'] = max(f['prec'], len(s.split('.')[1]) if '.' in s else 0)
            # calls: the first measured row's Occurrences (a one-row block,
            # a one-line function, counts each call twice); a block whose
            # count is one more than the blocks of the same function just
            # before it (the most recent first) is the call they were nested in,
            # unless its first row's Increment is above its Mem usage + the
            # block's spread + one unit of the last digit (one profiler that
            # saw separate calls: -m, %mprun).
            if not measured or measured[0][2] is None:
                f['calls'] += 1
                f['estimated'] = True
                pending.setdefault(key, []).append(1)
                continue
            c = measured[0][2]
            if len(b['rows']) == 1 and c >= 2:
                c = (c + 1) // 2
            stack = pending.setdefault(key, [])
            need, k = c - 1, len(stack)
            while need > 0 and k > 0 and stack[k - 1] <= need:
                need -= stack[k - 1]
                k -= 1
            first = measured[0]
            inc_digits = len(str(first[4]).split('.')[1]) if '.' in str(first[4]) else 0
            spread = max(r[1] for r in measured) - min(r[1] for r in measured)
            may_nest = first[4] <= first[1] + spread + Decimal(10) ** -inc_digits
            if c > 1 and need == 0 and k < len(stack) and may_nest:
                f['calls'] += 1          # its own call; the nested ones were counted
                del stack[k:]
            else:
                f['calls'] += c
            stack.append(c)
    return funcs


def mib(v):
    return None if v is None else Decimal(str(v))


def main():
    field, summary, logs = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(summary, 'rb') as fh:
        doc = json.loads(fh.read(), parse_float=Decimal)
    got = {(f['file'] or None, f['function'], f['line']): f for f in doc['functions']}
    bad = []
    if field == 'runs':
        runs = [fold([p]) for p in logs]
        want = fold(logs)
        if doc.get('runs') != len(logs):
            bad.append('"runs" is %r, not %d' % (doc.get('runs'), len(logs)))
    else:
        want = fold(logs)
    if not want:
        bad.append('no function in the logs')
    if set(got) != set(want):
        bad.append('functions differ: %s' % sorted(set(got) ^ set(want), key=str))
    for key, w in want.items():
        g = got.get(key)
        if g is None:
            continue
        if field == 'rise':
            if mib(g.get('rise_mib', 'absent')) != w['rise']:
                bad.append('%s: rise_mib %r, computed %s' % (key, g.get('rise_mib', 'absent'), w['rise']))
        elif field == 'hashes':
            if g.get('source_hashes') != w['hashes']:
                bad.append('%s: source_hashes %r, computed %r' % (key, g.get('source_hashes'), w['hashes']))
        elif field == 'calls':
            for k, v in (('calls', w['calls']), ('blocks', w['blocks']),
                         ('calls_estimated', w['estimated'])):
                if g.get(k) != v:
                    bad.append('%s: %s %r, computed %r' % (key, k, g.get(k), v))
        elif field == 'runs':
            pr = g.get('per_run')
            if not isinstance(pr, list) or len(pr) != len(logs):
                bad.append('%s: per_run %r' % (key, pr))
                continue
            for i, r in enumerate(runs):
                one = r.get(key)
                if one is None:
                    if pr[i] is not None:
                        bad.append('%s: run %d: %r, but it is not in that run' % (key, i, pr[i]))
                    continue
                if not isinstance(pr[i], dict) or sorted(pr[i]) != sorted(
                        ['calls', 'peak_mib', 'rise_mib', 'net_mib', 'mean_mib']):
                    bad.append('%s: run %d: %r' % (key, i, pr[i]))
                    continue
                q = Decimal(10) ** -(one['prec'] + 2)
                n = one['rows']
                want_mean = (one['mem'] / n).quantize(q) if n else None
                want_net = ((one['exit'] - one['entry']) / one['measured']).quantize(q) if n else None
                checks = (('calls', pr[i]['calls'], one['calls']),
                          ('peak_mib', mib(pr[i]['peak_mib']), one['peak']),
                          ('rise_mib', mib(pr[i]['rise_mib']), one['rise']),
                          ('mean_mib', None if pr[i]['mean_mib'] is None else mib(pr[i]['mean_mib']).quantize(q), want_mean),
                          ('net_mib', None if pr[i]['net_mib'] is None else mib(pr[i]['net_mib']).quantize(q), want_net))
                for k, a, b in checks:
                    if a != b:
                        bad.append('%s: run %d: %s %r, computed %r' % (key, i, k, a, b))
        else:
            sys.exit('unknown field ' + field)
    for line in bad[:20]:
        print('  ' + line)
    sys.exit(1 if bad else 0)


main()
