# summary.awk -- per-function aggregates of memory_profiler reports, the awk
# peer of `memfold summary` in tests/bench/bench.sh.  POSIX awk; tested under
# mawk 1.3.4 and gawk 5.2 (C and UTF-8 locales).
#
#   awk -f summary.awk FILE...
#
# A block starts at its "Filename: " line; its rows are the lines after the
# rule of '=' up to the first empty line.  A row is measured when its third
# and fifth fields are "MiB" (line, mem, MiB, increment, MiB, occurrences,
# contents).  The function is the name in the block's first `def` /
# `async def` row.  Each block is one call.
#
# Prints, per (file, function) in order of first appearance: file, function,
# calls, measured rows, peak and mean of Mem usage (MiB), tab-separated.  The
# peak is printed as it appears in the report.

function fname(s,    i) {
    i = index(s, "(")
    if (i) s = substr(s, 1, i - 1)
    i = index(s, ":")
    if (i) s = substr(s, 1, i - 1)
    return s
}

function end_block(    k) {
    if (!inblock)
        return
    k = file SUBSEP fn
    if (!(k in calls)) {
        order[++nkeys] = k
        kfile[k] = file
        kfn[k] = fn
    }
    calls[k]++
    if (n) {
        rows[k] += n
        total[k] += sum
        if (!(k in peak) || max > peak[k]) {
            peak[k] = max
            peakstr[k] = maxstr
        }
    }
    inblock = 0
}

BEGIN { OFS = "\t" }

inrows {
    if ($3 == "MiB" && $5 == "MiB") {
        v = $2 + 0
        if (!n || v > max) {
            max = v
            maxstr = $2
        }
        n++
        sum += v
        if (fn == "" && ($7 == "def" || ($7 == "async" && $8 == "def")))
            fn = fname($7 == "def" ? $8 : $9)
        next
    }
    if ($0 == "") {
        inrows = 0
        next
    }
    if (fn == "" && ($2 == "def" || ($2 == "async" && $3 == "def")))
        fn = fname($2 == "def" ? $3 : $4)
    next
}

/^Filename: / {
    end_block()
    inblock = 1
    file = substr($0, 11)
    fn = ""
    n = 0
    sum = 0
    next
}

inblock && /^=+$/ { inrows = 1; next }

END {
    end_block()
    print "file", "function", "calls", "rows", "peak_mib", "mean_mib"
    for (i = 1; i <= nkeys; i++) {
        k = order[i]
        if (rows[k])
            print kfile[k], kfn[k], calls[k], rows[k], peakstr[k], sprintf("%.4f", total[k] / rows[k])
        else
            print kfile[k], kfn[k], calls[k], 0, "", ""
    }
}
