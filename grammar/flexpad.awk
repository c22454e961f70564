# flexpad.awk -- pad the transition table of a flex -CF scanner with zeros.
#
#   awk -f grammar/flexpad.awk build/x.lex.c >build/x.lex.c.new   (the Makefile does)
#
# flex 2.6.4's -CF scanner reads past the end of yy_transition: a NUL in the
# input leads every state to the end-of-buffer state, the table's last
# entry, and the scanner then looks up the next byte c (and the NUL path,
# 256) from there: yy_transition[N - 1 + c], up to N + 255 for a table of
# N entries.  256 entries {0, 0} after the table make those reads land in
# the array (verify 0 matches no byte c >= 1, so the match stops as flex
# meant it to).  tests/flex-tables.py proves it from the padded tables
# (tests/t/flex-tables.sh, in make check).
#
# The file is copied unchanged but for the table's size and its end; one
# with no yy_transition table (other -C options) is copied as it is.  A
# table whose declaration or end is not where flex 2.6.4 puts them is an
# error (exit 1), not a silent copy.  PAD (awk -v PAD=N) is for the tests.
BEGIN {
    if (PAD == "")
        PAD = 256
    state = 0       # 0: before the table, 1: in it, 2: after it
}
state == 0 && /^static const struct yy_trans_info yy_transition\[[0-9]+\] =$/ {
    n = $0
    sub(/^.*yy_transition\[/, "", n)
    sub(/\].*$/, "", n)
    print "static const struct yy_trans_info yy_transition[" (n + PAD) "] ="
    state = 1
    next
}
/yy_transition\[[0-9]+\] =/ {
    print "flexpad: unexpected yy_transition declaration: " $0 >"/dev/stderr"
    failed = 1
    exit 1
}
state == 1 && /};[ \t]*$/ {
    # the last line of the table: entries, then "    };"
    line = $0
    sub(/[ \t]*};[ \t]*$/, "", line)
    print line
    printf "/* flexpad.awk: %d entries {0, 0} */\n", PAD
    for (i = 0; i < PAD; i++)
        printf " {   0,   0 },%s", (i % 5 == 4 || i == PAD - 1) ? "\n" : ""
    print "    };"
    state = 2
    next
}
{ print }
END {
    if (failed)
        exit 1
    if (state == 1) {
        print "flexpad: yy_transition has no end (\"};\")" >"/dev/stderr"
        exit 1
    }
}
