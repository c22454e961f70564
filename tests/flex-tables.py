#!/usr/bin/env python3
"""flex-tables.py FILE.lex.c... -- prove that a flex 2.6.4 -CF scanner never
reads outside its transition table, whatever its input.

A -CF scanner's state is a pointer s into yy_transition (T), the start
states are the entries of yy_start_state_list, and the generated code
reads T only so (each line is checked to be in the file, and every other
line that touches the state or the tables is an error: see SKELETON):

  the match loop     for each byte c (0..255, YY_CHAR is unsigned 8-bit):
                     reads s[c]; if s[c].yy_verify == c, s += s[c].yy_nxt
                     and the loop goes on with the next byte;
  the action         reads s[-1];
  yy_try_NUL_trans   reads s[256]; the same step if its yy_verify is 256;
  yy_get_previous_state
                     walks again, from a start state, bytes the match loop
                     (or yy_try_NUL_trans, for a NUL: index 256) stepped
                     over: the same steps, so the same states and reads.

The proof walks every state the steps can reach from the start states,
taking every step a byte could take (every entry whose yy_verify is its
byte), and checks that for each state s the reads s[-1] and s[0..256] lie
in T.  That covers every input: a byte sequence can only take steps the
walk took.  Exit 0: proven for every file; 1: a read outside T (the first
one is named: state, byte, index); 2: a file is not what this models
(not flex 2.6.4, not -CF, an unknown line touching the tables).
"""
import re
import sys

# Lines of flex 2.6.4's -CF skeleton that touch the state or the tables,
# whitespace-collapsed.  Any other line naming yy_current_state,
# yy_trans_info (the variable), yy_transition or yy_start_state_list is an
# error: the model above would not cover it.
SKELETON = {
    "typedef const struct yy_trans_info *yy_state_type;",
    "struct yy_trans_info",
    "flex_int16_t yy_verify;",
    "flex_int16_t yy_nxt;",
    "yy_verify == yy_c;",
    "yy_state_type yy_current_state;",
    "yy_current_state = yy_start_state_list[yyg->yy_start];",
    "const struct yy_trans_info *yy_trans_info;",
    "(yy_trans_info = &yy_current_state[yy_c])->",
    "yy_current_state += yy_trans_info->yy_nxt;",
    "yy_act = yy_current_state[-1].yy_nxt;",
    "yy_current_state = yy_get_previous_state( yyscanner );",
    "yy_next_state = yy_try_NUL_trans( yy_current_state , yyscanner);",
    "yy_current_state = yy_next_state;",
    "yy_current_state += yy_current_state[(*yy_cp ? YY_SC_TO_UI(*yy_cp) : 256)].yy_nxt;",
    "return yy_current_state;",
    "static yy_state_type yy_try_NUL_trans (yy_state_type yy_current_state , yyscan_t yyscanner)",
    "yy_trans_info = &yy_current_state[(unsigned int) yy_c];",
    "yy_is_jam = (yy_trans_info->yy_verify != yy_c);",
    "return yy_is_jam ? 0 : yy_current_state;",
}
# What the model needs the file to say, each group in this order of lines
# (blank lines apart): the version, the bytes' range, the match loop and
# the NUL transition.
REQUIRED = [
    ["#define YY_FLEX_MAJOR_VERSION 2"],
    ["#define YY_FLEX_MINOR_VERSION 6"],
    ["#define YY_FLEX_SUBMINOR_VERSION 4"],
    ["typedef flex_uint8_t YY_CHAR;"],
    ["#define YY_SC_TO_UI(c) ((YY_CHAR) (c))"],
    ["YY_CHAR yy_c;",
     "for ( yy_c = YY_SC_TO_UI(*yy_cp);",
     "(yy_trans_info = &yy_current_state[yy_c])->",
     "yy_verify == yy_c;",
     "yy_c = YY_SC_TO_UI(*++yy_cp) )",
     "yy_current_state += yy_trans_info->yy_nxt;"],
    ["int yy_c = 256;",
     "const struct yy_trans_info *yy_trans_info;",
     "yy_trans_info = &yy_current_state[(unsigned int) yy_c];"],
]
TOUCH = re.compile(r"\b(yy_current_state|yy_trans_info|yy_transition|yy_start_state_list|yy_verify|yy_nxt)\b")
DECL_T = re.compile(r"^static const struct yy_trans_info yy_transition\[(\d+)\] =$")
DECL_S = re.compile(r"^static const struct yy_trans_info \*yy_start_state_list\[(\d+)\] =$")
ENTRY = re.compile(r"\{\s*(-?\d+)\s*,\s*(-?\d+)\s*\}")
START = re.compile(r"^&yy_transition\[(\d+)\],$")


class Unmodelled(Exception):
    pass


def squash(line):
    return " ".join(line.split())


def parse(text):
    lines = [squash(l) for l in text.split("\n")]
    if not any(DECL_T.match(l) for l in lines):
        raise Unmodelled("no yy_transition table: not -CF output")
    joined = "\n".join(l for l in lines if l)   # blank lines do not count
    for seq in REQUIRED:
        if "\n".join(seq) not in joined:
            raise Unmodelled("no line(s) %r: not flex 2.6.4 -CF output" % seq[0])
    table = starts = None
    i = 0
    while i < len(lines):
        line = lines[i]
        m = DECL_T.match(line)
        if m:
            if table is not None:
                raise Unmodelled("two yy_transition tables")
            size = int(m.group(1))
            body = []
            i += 1
            while i < len(lines) and not lines[i].endswith("};"):
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise Unmodelled("yy_transition has no end")
            body.append(lines[i][:-2])
            # comments (flexpad.awk's) are not entries
            entries = [(int(a), int(b)) for a, b in
                       ENTRY.findall(re.sub(r"/\*.*?\*/", "", " ".join(body)))]
            if len(entries) > size:
                raise Unmodelled("yy_transition[%d] has %d entries" % (size, len(entries)))
            # C zero-fills what is not initialised (flex declares its table
            # 257 entries longer than it writes it out)
            table = entries + [(0, 0)] * (size - len(entries))
            i += 1
            continue
        m = DECL_S.match(line)
        if m:
            if starts is not None:
                raise Unmodelled("two yy_start_state_list tables")
            size = int(m.group(1))
            starts = []
            i += 1
            if lines[i] != "{":
                raise Unmodelled("yy_start_state_list: no '{'")
            i += 1
            while lines[i] != "} ;":
                if not lines[i]:
                    i += 1
                    continue
                s = START.match(lines[i])
                if not s:
                    raise Unmodelled("yy_start_state_list: %r" % lines[i])
                starts.append(int(s.group(1)))
                i += 1
            if len(starts) != size:
                raise Unmodelled("yy_start_state_list[%d] has %d entries" % (size, len(starts)))
            i += 1
            continue
        if TOUCH.search(line) and line not in SKELETON:
            raise Unmodelled("line %d touches the tables in a way not modelled: %s" % (i + 1, line))
        i += 1
    if table is None or starts is None:
        raise Unmodelled("no yy_transition / yy_start_state_list: not -CF output")
    return table, starts


def prove(table, starts):
    """(None, states, highest index read) or (message, ...)."""
    n = len(table)
    seen = set(starts)
    todo = list(starts)
    high = 0
    while todo:
        s = todo.pop()
        if s - 1 < 0 or s - 1 >= n:
            return "state %d: the action read yy_transition[%d] is outside its %d entries" % (s, s - 1, n), seen, high
        for c in range(257):
            i = s + c
            if i >= n:
                return ("state %d, byte %d: yy_transition[%d] is read, past its end (%d entries)"
                        % (s, c, i, n)), seen, high
            high = max(high, i)
            verify, nxt = table[i]
            if verify == c:
                t = s + nxt
                if t not in seen:
                    seen.add(t)
                    todo.append(t)
    return None, seen, high


def main(argv):
    if len(argv) < 2:
        print("usage: flex-tables.py FILE.lex.c...", file=sys.stderr)
        return 2
    status = 0
    for path in argv[1:]:
        try:
            with open(path, encoding="latin-1") as f:
                table, starts = parse(f.read())
        except (OSError, Unmodelled) as e:
            print("%s: %s" % (path, e))
            return 2
        err, seen, high = prove(table, starts)
        if err:
            print("%s: %s" % (path, err))
            status = 1
        else:
            print("%s: %d states from %d start entries; every read is in yy_transition[0..%d] of %d"
                  % (path, len(seen), len(starts), high, len(table)))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
