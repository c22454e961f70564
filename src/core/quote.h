/* core/quote.h -- reports as a person sees them in a paste.
 *
 * A filter stage (core/filter.h) after logprefix.  It hands on the lines
 * of a report the way memory_profiler wrote them, where a person pasted
 * them somewhere:
 *
 *   - a table quoted by a prefix made of ' ', '\t', '#' and '>' ("# "
 *     comments, "> " quotes, indentation in markdown, reST and
 *     docstrings) has that prefix taken off its lines (SRC_QUOTED).  The
 *     prefix is learnt from the text before "Filename: ", or before a
 *     header ("Line #" ... "Mem usage" ... "Increment");
 *   - inside such a table a bare prefix line ("#", ">", "") is a blank
 *     line, and a "..." (or "…", "[...]") line is a gap: it is dropped
 *     and the line after it is flagged SRC_AFTER_GAP;
 *   - a line that is no table line ends the quoted table;
 *   - other text before "Filename: " (print(..., end=""), a "\r"
 *     progress line) is split off as a line of its own; the "Filename:"
 *     part is flagged SRC_SPLIT.
 *
 * Where no quoting is seen, bytes pass through in bulk.
 */
#ifndef MF_QUOTE_H
#define MF_QUOTE_H

#include "core/filter.h"

typedef struct quote quote;

/* A filter reading from up (which must outlive it). */
quote *quote_new(line_source up);
line_source quote_source(quote *q);
void quote_free(quote *q);

/* Every line so far went on as it came: at each earlier line start that
   begins "Filename: " the filter was as a new one (read/parallel.c). */
int quote_is_fresh(const quote *q);

#endif
