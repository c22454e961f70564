# block.awk -- one memory_profiler block of n rows (awk -v n=N -f block.awk),
# as memory_profiler 0.61 prints it: a def row, then n - 1 rows of one line.
# The huge-block test and the shapes bench (a block of a million rows and
# more: the bound is 1,000,000, README "Limits") both use it.
BEGIN {
    print "Filename: big.py"; print ""
    print "Line #    Mem usage    Increment  Occurrences   Line Contents"
    print "============================================================="
    printf "%6d %12s %12s  %10d   %s\n", 1, "21.5 MiB", "21.5 MiB", 1, "def f():"
    for (i = 2; i <= n; i++)
        printf "%6d %12s %12s  %10d   %s\n", i, "21.5 MiB", "0.0 MiB", 1, "    x = 1"
    print ""; print ""
}
