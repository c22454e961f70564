#!/usr/bin/env python3
"""The seed article's regex approach, adapted so it reads real reports.

The article ("How can I aggregate memory usage data from Python's
memory-profiler?") loops over log_text.splitlines(), spots blocks with
re.match(r"Filename: ...") and pulls the Mem usage out of each row with
re.match(r"\\s*\\d+\\s+([\\d\\.]+)", line), appending float(...) to a
defaultdict(list).  This is the same idea, with only what real
memory_profiler 0.61 output needs:

* the file is read line by line (not one big string + splitlines(), which
  would also split source lines at form feeds and other separators);
* the function name is taken from the first `def` / `async def` row of each
  block (memory_profiler does not print it; the article's sample had it in
  an unmeasured row, as real reports do);
* the value regex requires " MiB" after the number, so an unmeasured row
  whose source line starts with a digit or a dot is not taken for a value;
* functions are keyed by (file, name), and a block is one call.

It is the baseline peer of `memfold summary` in tests/bench/bench.sh.
Usage: seed_regex.py FILE
Prints, per function in order of first appearance: file, function, calls,
measured rows, peak and mean of Mem usage (MiB), tab-separated.
"""
import re
import sys
from collections import defaultdict


def parse_memory_profile(path):
    memory_data = defaultdict(list)
    calls = defaultdict(int)
    current_file = None
    current_function = None
    values = []

    def end_block():
        if current_file is not None:
            key = (current_file, current_function or "")
            calls[key] += 1
            memory_data[key].extend(values)

    with open(path, encoding="utf-8", errors="surrogateescape", newline="\n") as fh:
        for line in fh:
            match_filename = re.match(r"Filename: (.+)", line)
            if match_filename:
                end_block()
                current_file = match_filename.group(1)
                current_function = None
                values = []
                continue

            match_mem = re.match(r"\s*\d+\s+([\d\.]+) MiB", line)
            if match_mem:
                values.append(float(match_mem.group(1)))

            if current_function is None:
                match_def = re.match(
                    r"\s*\d+\s+(?:[\d\.]+ MiB\s+-?[\d\.]+ MiB\s+\d+\s+)?"
                    r"(?:async\s+)?def\s+(\w+)", line)
                if match_def:
                    current_function = match_def.group(1)
    end_block()
    return calls, memory_data


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: seed_regex.py FILE")
    calls, memory_data = parse_memory_profile(sys.argv[1])
    print("file\tfunction\tcalls\trows\tpeak_mib\tmean_mib")
    for (filename, function), usage in memory_data.items():
        peak = max(usage) if usage else float("nan")
        mean = sum(usage) / len(usage) if usage else float("nan")
        print(f"{filename}\t{function}\t{calls[(filename, function)]}\t{len(usage)}"
              f"\t{peak}\t{mean:.4f}")


if __name__ == "__main__":
    main()
