"""Render REAL memory_profiler measurements with OLD report templates.

Only memory_profiler 0.61 is installed, so reports in the layouts of older
releases cannot be captured.  This script measures the functions of
old_format_target.py with memory_profiler's own LineProfiler (real numbers)
and prints them with show_results() as it was in older releases; everything
else mirrors 0.61's show_results exactly.

Usage: python3 render_old.py pre058|v058 [PRECISION]   (report on stdout)

  pre058  releases before 0.58: no Occurrences column;
          template '{0:>6} {1:>12} {2:>12}   {3:<}', rule of 48 '='.
  v058    0.58.0: the 0.61 template, but the header word is the misspelled
          'Occurences' (10 chars, fits its column), so the rule is 60 '='
          (0.61's 'Occurrences' is 11 chars: 61 '=').
"""
import linecache
import sys

from memory_profiler import LineProfiler

import old_format_target

TEMPLATES = {
    "pre058": ('{0:>6} {1:>12} {2:>12}   {3:<}',
               ('Line #', 'Mem usage', 'Increment', 'Line Contents')),
    "v058": ('{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}',
             ('Line #', 'Mem usage', 'Increment', 'Occurences',
              'Line Contents')),
}


def show_results_old(prof, kind, stream, precision=1):
    template, header_words = TEMPLATES[kind]
    with_occurrences = len(header_words) == 5
    for (filename, lines) in prof.code_map.items():
        header = template.format(*header_words)
        stream.write(u'Filename: ' + filename + '\n\n')
        stream.write(header + u'\n')
        stream.write(u'=' * len(header) + '\n')

        all_lines = linecache.getlines(filename)

        float_format = u'{0}.{1}f'.format(precision + 4, precision)
        template_mem = u'{0:' + float_format + '} MiB'
        for (lineno, mem) in lines:
            if mem:
                inc = template_mem.format(mem[0])
                total_mem = template_mem.format(mem[1])
                occurrences = mem[2]
            else:
                total_mem = u''
                inc = u''
                occurrences = u''
            if with_occurrences:
                tmp = template.format(lineno, total_mem, inc, occurrences,
                                      all_lines[lineno - 1])
            else:
                tmp = template.format(lineno, total_mem, inc,
                                      all_lines[lineno - 1])
            stream.write(tmp)
        stream.write(u'\n\n')


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in TEMPLATES:
        sys.exit("usage: render_old.py pre058|v058 [PRECISION]")
    kind = sys.argv[1]
    precision = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    prof = LineProfiler(backend='psutil')
    allocate = prof(old_format_target.allocate)
    loop = prof(old_format_target.loop)
    allocate(1000000)
    loop(50)
    allocate(10)
    show_results_old(prof, kind, sys.stdout, precision=precision)


if __name__ == '__main__':
    main()
