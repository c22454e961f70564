#!/usr/bin/env python3
"""Checks of memfold's pictures for tests/t/plot.sh, on the files alone
(standard library only; nothing here asks memfold).

  check.py png FILE WIDTH        a PNG (magic, IHDR) WIDTH pixels wide whose
                                 pixels are not all one colour (at least 1%
                                 differ from the most common one)
  check.py ticks SVG             tick labels on one row (class "tick..." at
                                 one y) are at least their text width apart
  check.py texts SVG CLASS TEXT...  each TEXT is the whole text of an element
                                 of class CLASS
  check.py count SVG CLASS N     N elements of class CLASS
  check.py list SVG CLASS        print the texts of class CLASS, one a line
  check.py maxtick SVG CLASS LO HI  the largest tick label of class CLASS
                                 is over LO and under HI
  check.py widest SVG FILL MIN   the widest rect of FILL is over MIN wide

Text widths are estimated as 0.6 em a character (DejaVu Sans: digits are
0.636 em, the minus 0.838, the point 0.318; labels are mostly digits).
"""
import struct
import sys
import zlib
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def fail(msg):
    print("  " + msg)
    sys.exit(1)


def png(path, width):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s: no PNG signature" % path)
    pos, idat, ihdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    if not ihdr:
        fail("%s: no IHDR" % path)
    w, h, depth, ctype, _, _, interlace = ihdr
    if w != int(width):
        fail("%s: %d pixels wide, not %s" % (path, w, width))
    if depth != 8 or ctype not in (2, 6) or interlace:
        fail("%s: depth %d colour type %d interlace %d: not read here" % (path, depth, ctype, interlace))
    bpp = 4 if ctype == 6 else 3
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    counts = {}
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        for x in range(0, stride, bpp):
            px = bytes(line[x:x + bpp])
            counts[px] = counts.get(px, 0) + 1
        prev = line
    common = max(counts.values())
    other = w * h - common
    if other < w * h // 100:
        fail("%s: %d of %d pixels differ from the most common colour: blank" % (path, other, w * h))
    print("  %s: PNG %dx%d, %d colours, %.1f%% of the pixels not background"
          % (path, w, h, len(counts), 100.0 * other / (w * h)))


def texts_of(path):
    for el in ET.parse(path).getroot().iter(NS + "text"):
        yield el, "".join(el.itertext())


def ticks(path):
    rows = {}
    for el, text in texts_of(path):
        if not el.get("class", "").startswith("tick"):
            continue
        rows.setdefault(float(el.get("y")), []).append((float(el.get("x")), text, float(el.get("font-size"))))
    if not rows:
        fail("%s: no tick labels" % path)
    for y, labels in rows.items():
        labels.sort()
        for (x1, t1, s1), (x2, t2, s2) in zip(labels, labels[1:]):
            need = (len(t1) * s1 + len(t2) * s2) * 0.6 / 2   # middle-anchored: half of each
            if x2 - x1 < need:
                fail("%s: tick labels '%s' at x=%.1f and '%s' at x=%.1f (y=%.1f) are %.1f apart, "
                     "their text needs %.1f" % (path, t1, x1, t2, x2, y, x2 - x1, need))
    print("  %s: %d rows of tick labels, %d labels, none overlapping"
          % (path, len(rows), sum(len(v) for v in rows.values())))


def of_class(path, cls):
    return [t for el, t in texts_of(path) if cls in el.get("class", "").split()]


def main():
    what, path = sys.argv[1], sys.argv[2]
    if what == "png":
        png(path, sys.argv[3])
    elif what == "ticks":
        ticks(path)
    elif what == "texts":
        have = of_class(path, sys.argv[3])
        for want in sys.argv[4:]:
            if want not in have:
                fail("%s: no text '%s' of class %s (there are: %s)" % (path, want, sys.argv[3], have[:12]))
    elif what == "count":
        n = len(of_class(path, sys.argv[3]))
        if n != int(sys.argv[4]):
            fail("%s: %d texts of class %s, not %s" % (path, n, sys.argv[3], sys.argv[4]))
    elif what == "list":
        for t in of_class(path, sys.argv[3]):
            print(t)
    elif what == "maxtick":
        v = [float(t) for t in of_class(path, sys.argv[3])]
        if not v:
            fail("%s: no tick labels of class %s" % (path, sys.argv[3]))
        if not float(sys.argv[4]) < max(v) < float(sys.argv[5]):
            fail("%s: the last tick of class %s is %g, not between %s and %s"
                 % (path, sys.argv[3], max(v), sys.argv[4], sys.argv[5]))
        print("  %s: the last tick of class %s is %g" % (path, sys.argv[3], max(v)))
    elif what == "widest":
        ws = [float(r.get("width")) for r in ET.parse(path).getroot().iter(NS + "rect")
              if r.get("fill") == sys.argv[3]]
        if not ws or max(ws) <= float(sys.argv[4]):
            fail("%s: the widest rect of %s is %s wide, not over %s"
                 % (path, sys.argv[3], max(ws) if ws else "none", sys.argv[4]))
        print("  %s: the widest rect of %s is %g wide" % (path, sys.argv[3], max(ws)))


main()
