class Stats:
    def summarize(self, values):
        """Add up the values.

        Profiled with `python3 -m memory_profiler module_mode.py`:

        Filename: module_mode.py

        Line #    Mem usage    Increment  Occurrences   Line Contents
        =============================================================
            14   37.109 MiB   96.066 MiB           3   @profile
            15                                         def summarize(values):
            16   37.109 MiB    0.000 MiB           3       total = 0
            17   37.109 MiB    0.000 MiB        6003       for v in values:
            18   37.109 MiB    0.000 MiB        6000           total += v
            19   37.109 MiB    0.000 MiB           3       return total
        """
        return sum(values)

    def build(self, k):
        """Make k lists (%mprun -f build -f make_list build(3)).

        Filename: /work/wt/corpus/tests/corpus/ipython_mprun_mod.py

        Line #    Mem usage    Increment  Occurrences   Line Contents
        =============================================================
            13     59.3 MiB     59.3 MiB           1   def build(k):
            14     59.3 MiB      0.0 MiB           1       parts = []
            15     66.9 MiB      0.0 MiB           4       for i in range(k):
            16     66.9 MiB    196.9 MiB           3           parts.append(make_list(500000 * (i + 1)))
            17     66.9 MiB      0.0 MiB           1       return len(parts)
        """
        return [list(range(i)) for i in range(k)]
