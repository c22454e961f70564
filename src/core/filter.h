/* core/filter.h -- a stage between an input and a scanner.
 *
 * A report is read through a chain of filters, each of which hands on
 * lines of text and can say, for every line it handed on, where it came
 * from in the input: the input line, the bytes taken off its start, and
 * what was done to it.  The chain for a report (src/report/parse.c):
 *
 *   mf_input -> logprefix (BOM, logging prefixes) -> quote (quoting
 *   prefixes, text before Filename:) -> demux (interleaved writers)
 *   -> the scanner
 *
 * Every filter asks its upstream for the origin of a line as soon as it
 * has read that line, in increasing order, and keeps the answer composed
 * (line and offset in the real input) with the line: so a filter that
 * reorders lines (demux) can answer for any line it still holds, and the
 * ones before it are asked in order.
 */
#ifndef MF_FILTER_H
#define MF_FILTER_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* What a filter did to a line (src_origin.flags). */
enum {
    SRC_QUOTED    = 1 << 0,  /* a quoting prefix (#, >, indentation) was taken off */
    SRC_MOVED     = 1 << 1,  /* taken out of input order (interleaved writers) */
    SRC_AFTER_GAP = 1 << 2,  /* lines were left out before it ("..." of a paste) */
    SRC_SPLIT     = 1 << 3,  /* the second part of an input line split in two */
};

/* Where a line handed on came from. */
typedef struct src_origin {
    uint64_t line;           /* 1-based input line */
    uint32_t offset;         /* bytes taken off its start (all filters) */
    uint32_t flags;          /* SRC_* */
} src_origin;

/* A source of lines: read up to max bytes (0 at the end of input), and
   the origin of output line `line` (1-based; asked in increasing order,
   each line at most once after it was handed on).  origin returns how
   many lines, from `line` on, map alike (at least 1): line + i came from
   input line out->line + i, with the same offset and flags, for every
   i below the count.  The caller need not ask for those lines (it may:
   they are later lines), so the common case, where whole runs of lines
   pass untouched, costs one question per run, not one per line. */
typedef struct line_source {
    size_t (*read)(void *self, char *buf, size_t max);
    uint64_t (*origin)(void *self, uint64_t line, src_origin *out);
    void *self;
    /* Optional (NULL): how many '\n' the reads have handed on so far, or
       UINT64_MAX when the source does not know; the next stage need not
       count the newlines of a read it passes on whole. */
    uint64_t (*newlines)(void *self);
} line_source;

/* The read-ahead buffer each filter keeps of its upstream: bytes
   [pos, len) of buf[0..cap) are read and not yet taken.  Move them to the
   front and read more after them: 1 if bytes came, 0 at the end of the
   input (then *eof is set) or when the buffer is full. */
static inline int filter_fill(char *buf, size_t cap, size_t *len, size_t *pos, int *eof,
                              size_t (*read)(void *self, char *buf, size_t max), void *self)
{
    if (*eof)
        return 0;
    if (*pos > 0) {
        memmove(buf, buf + *pos, *len - *pos);
        *len -= *pos;
        *pos = 0;
    }
    if (*len == cap)
        return 0;
    size_t n = read(self, buf + *len, cap - *len);
    if (n == 0)
        *eof = 1;
    *len += n;
    return n > 0;
}

#endif
