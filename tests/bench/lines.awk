# lines.awk -- every measured row of memory_profiler reports as one CSV
# record, the awk peer of `memfold lines -f csv` in tests/bench/bench.sh.
# POSIX awk; tested under mawk 1.3.4 and gawk 5.2 (C and UTF-8 locales).
#
#   awk -f lines.awk FILE...
#
# Columns (as memfold's): source,block,file,function,line,mem_mib,
# increment_mib,occurrences,contents.  source is the input's name as given,
# block counts the blocks of all inputs from 1, the numbers are copied as
# printed, and a field with a comma, a double quote or a CR is quoted as in
# RFC 4180.  The function is the block's first `def` / `async def` row's
# name; rows before that row (the @profile row) are held back until it is
# known.

function csv(s) {
    if (index(s, ",") || index(s, "\"") || index(s, "\r")) {
        gsub(/"/, "\"\"", s)
        s = "\"" s "\""
    }
    return s
}

function fname(s,    i) {
    i = index(s, "(")
    if (i) s = substr(s, 1, i - 1)
    i = index(s, ":")
    if (i) s = substr(s, 1, i - 1)
    return s
}

# print the held-back rows, now that the function is known (or never will be)
function release(    i) {
    for (i = 1; i <= npend; i++)
        print head csv(fn) "," pend[i]
    npend = 0
}

BEGIN { print "source,block,file,function,line,mem_mib,increment_mib,occurrences,contents" }

inrows {
    if ($3 == "MiB" && $5 == "MiB") {
        if (fn == "" && ($7 == "def" || ($7 == "async" && $8 == "def"))) {
            fn = fname($7 == "def" ? $8 : $9)
            known = 1
            release()
        }
        match($0, /MiB +[0-9]+   /)
        rec = $1 "," $2 "," $4 "," $6 "," csv(substr($0, RSTART + RLENGTH))
        if (known)
            print head csv(fn) "," rec
        else
            pend[++npend] = rec
        next
    }
    if ($0 == "") {
        inrows = 0
        release()
        next
    }
    if (!known && ($2 == "def" || ($2 == "async" && $3 == "def"))) {
        fn = fname($2 == "def" ? $3 : $4)
        known = 1
        release()
    }
    next
}

/^Filename: / {
    release()
    block++
    head = csv(FILENAME) "," block "," csv(substr($0, 11)) ","
    fn = ""
    known = 0
    inblock = 1
    next
}

inblock && /^=+$/ { inrows = 1; inblock = 0; next }

END { release() }
