usage: memfold plot [OPTIONS] [FILE...]
Draw an SVG picture.  Reports: one bar per function (peak, with mean and
entry marked), sorted by peak.  An mprof .dat file: memory over time for
the main process and each child, profiled calls as spans, the peak marked.

      --function NAME     reports: NAME's memory by source line (its call
                          with the highest peak)
      --width PIXELS      width of the picture (default 800)
      --title TEXT        title of the picture
      --top N             reports: bars of the N highest peaks only (default 30;
                          0 for all)
  -o, --output FILE       write to FILE (whole or not at all) instead of stdout
                          (FILE.png: the SVG converted with rsvg-convert)
      --strict            make every warning an error; write nothing if any
      --pure              warn about text outside the report blocks
      --prefix REGEX      strip this logging prefix from each line (an extended
                          regular expression; '' strips none; by default the
                          prefix of the line carrying Filename: is learnt)
      --lenient           for check: accept pasted, hand-made or reformatted
                          reports (layout checks warn only; the other commands
                          always read them so)
      --allow-empty       an input with no report in it is a warning, not an error
  -W NAME, -Wno-NAME      turn check NAME into a warning, or off
  -Werror=NAME, -Werror   make check NAME (or every warning) an error
      --diagnostics-format=text|json|sarif
                          how diagnostics are printed (default text)
      --color=auto|always|never
                          colour diagnostics (auto: stderr is a terminal
                          and NO_COLOR is not set)
      --max-errors N      print at most N errors (default 50; 0: all)
  -q, --quiet             print no diagnostics, only the exit status says
  -h, --help              this help
      --version           print the version

exit status: 0 read without errors; 1 the input had errors (the picture holds
the rest); 2 usage or I/O error
