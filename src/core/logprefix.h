/* core/logprefix.h -- reports that came through Python's logging module.
 *
 * memory_profiler's LogFile sends every write through a logger, so each
 * report line arrives as a log record: a prefix such as
 *   2026-11-24 03:39:50,646 - memory_profile_log - INFO -
 * then the text memory_profiler wrote (which already ends in a newline),
 * then the newline the handler adds.  This filter sits between the input
 * and the report scanner and gives the scanner back what memory_profiler
 * wrote: it learns the prefix from the line that carries "Filename:"
 * when the block's header line (within the next 8 lines) carries a prefix
 * of the same shape (other text before "Filename:" is core/quote.c's),
 * strips lines of the same shape (digits may differ: timestamps), and
 * drops the empty line each record ends with.  Lines of other shapes are
 * passed on as they are (other loggers: text outside the blocks).
 *
 * It also drops a UTF-8 byte-order mark at the start of the input.
 * Because lines are removed and shortened, it tells the scanner, for each
 * line it hands over, which input line that was and how many bytes of
 * prefix were taken off, so diagnostics point into the real file.
 */
#ifndef MF_LOGPREFIX_H
#define MF_LOGPREFIX_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"
#include "core/filter.h"

typedef struct logprefix logprefix;

/* Filter `in`.  prefix: NULL to detect the prefix, "" to never strip, or
 * an extended regular expression matched at the start of each line.
 * Returns NULL (with *error set) if the expression does not compile. */
logprefix *logprefix_new(mf_input *in, const char *prefix, char *error, size_t error_cap);
void logprefix_free(logprefix *lp);

/* Up to max filtered bytes into buf; 0 at the end of input. */
size_t logprefix_read(logprefix *lp, char *buf, size_t max);

/* Where output line `line` (1-based, asked in increasing order) came
 * from: its input line and the bytes stripped from its start. */
void logprefix_origin(logprefix *lp, uint64_t line, uint64_t *input_line, uint32_t *offset);

/* The filter as a line source for the next stage (core/filter.h). */
line_source logprefix_source(logprefix *lp);

/* Whether a logging prefix was found (or given) and stripped. */
int logprefix_active(const logprefix *lp);

/* The filter is in the state a new one starts in, at every line start so
   far (the parallel reader's test: read/parallel.c). */
int logprefix_is_fresh(const logprefix *lp);

#endif
