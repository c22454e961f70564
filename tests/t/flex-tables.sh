#!/usr/bin/env bash
# The scanners' -CF tables are read only inside themselves, whatever the
# input: tests/flex-tables.py walks every state of a flex 2.6.4 -CF scanner
# and every byte (and the NUL path) from each, and proves every index read
# lies in yy_transition.  flex's own table is read past its end (a NUL, then
# 0xff: yy_transition[N]); grammar/flexpad.awk, run by the Makefile on
# flex's output, pads it.  So: the built scanners pass; each grammar's
# unpadded -CF scanner fails, and so does one padded by a single entry
# (the NUL path reads N + 1); the checker refuses what it does not model.
# runs no memfold command
. "$(dirname "$0")/lib.sh"
plan 12
CHECK="python3 tests/flex-tables.py"
command -v flex >/dev/null || skip_all "no flex"
command -v python3 >/dev/null || skip_all "no python3"

# 1-2: the scanners memfold is built from
for g in report dat; do
    if grep -q '^static const struct yy_trans_info yy_transition\[' "build/$g.lex.c" 2>/dev/null; then
        status_is 0 -o "every read is in yy_transition" \
            "build/$g.lex.c (as make built it): every read of its -CF tables is in them" \
            $CHECK "build/$g.lex.c"
    else
        skip "build/$g.lex.c is not a -CF scanner (FLEXFLAGS is not -CF)"
    fi
done

# 3-8: flex's own -CF output, unpadded, padded by one entry and as the
# Makefile pads it
for g in report dat; do
    flex -CF -o "$TMP/$g.raw.c" "grammar/$g.l" || bail_out "flex -CF grammar/$g.l failed"
    status_is 1 -o 'byte 255: yy_transition\[[0-9]+\] is read, past its end' \
        "$g.l, flex -CF unpadded: the NUL-then-0xff read past the table's end is found" \
        $CHECK "$TMP/$g.raw.c"
    awk -v PAD=1 -f grammar/flexpad.awk "$TMP/$g.raw.c" >"$TMP/$g.pad1.c"
    status_is 1 -o 'byte 256: yy_transition\[[0-9]+\] is read, past its end' \
        "$g.l, padded by 1 entry: the NUL path's read (index 256) past it is found" \
        $CHECK "$TMP/$g.pad1.c"
    awk -f grammar/flexpad.awk "$TMP/$g.raw.c" >"$TMP/$g.pad.c"
    status_is 0 -o "every read is in yy_transition" \
        "$g.l, padded by flexpad.awk: every read is in the table" \
        $CHECK "$TMP/$g.pad.c"
done

# 9: a start state pointing near the end of the table is found too
n=$(sed -n 's/^static const struct yy_trans_info yy_transition\[\([0-9]*\)\] =$/\1/p' "$TMP/report.pad.c")
sed "0,/^    &yy_transition\[[0-9]*\],\$/s//    \&yy_transition[$((n - 100))],/" \
    "$TMP/report.pad.c" >"$TMP/report.start.c"
status_is 1 -o "^.*: state $((n - 100)), byte 100: yy_transition\[$n\] is read" \
    "a start state 100 entries before the end: its read past the end is found" \
    $CHECK "$TMP/report.start.c"

# 10: a line touching the state that the model does not know
sed 's/^\(\t*\)yy_act = yy_current_state\[-1\]\.yy_nxt;$/&\n\1yy_current_state += 2;/' \
    "$TMP/report.pad.c" >"$TMP/report.odd.c"
status_is 2 -o 'touches the tables in a way not modelled: yy_current_state \+= 2;' \
    "a scanner that moves its state in an unknown way is refused (exit 2)" \
    $CHECK "$TMP/report.odd.c"

# 11-12: other tables: not for the checker, copied as they are by flexpad.awk
flex -Cf -o "$TMP/report.cf.c" grammar/report.l || bail_out "flex -Cf grammar/report.l failed"
status_is 2 -o 'not -CF output' "a -Cf scanner is refused (exit 2): nothing to prove" \
    $CHECK "$TMP/report.cf.c"
awk -f grammar/flexpad.awk "$TMP/report.cf.c" >"$TMP/report.cf.pad.c"
same "flexpad.awk copies a -Cf scanner unchanged" "$TMP/report.cf.c" "$TMP/report.cf.pad.c"
