/* core/source.h -- what both scanners (grammar/report.l, grammar/dat.l) keep of
 * their input: the read loop behind YY_INPUT, the position of the next
 * token, the bytes of the current line (core/linebuf.h), the locations
 * and finished lines handed to the parser, the digits of an integer
 * token, and the diagnostics that wait until their line has been read to
 * its end, so that each one can show the whole line.
 *
 * Locations: lines are 1-based, columns are 1-based byte offsets and
 * last_column is exclusive.  Columns saturate on lines longer than 4 GiB.
 */
#ifndef MF_SOURCE_H
#define MF_SOURCE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "memfold.h"
#include "core/linebuf.h"

/* The location type of both grammars (mf_location, mf_dat_location). */
typedef struct src_location {
    uint64_t first_line;
    uint32_t first_column;
    uint64_t last_line;
    uint32_t last_column;
} src_location;

/* A finished input line, handed over with the token that ends it. */
typedef struct src_line {
    const char *text;     /* without the line ending */
    uint32_t len;
    uint8_t crlf;         /* ended in "\r\n" */
    uint8_t no_newline;   /* the input ended here without a newline */
    uint32_t offset;      /* bytes of prefix taken off its start */
    uint32_t flags;       /* what the filters did to it (SRC_*, core/filter.h) */
} src_line;

/* Reads up to max bytes into buf; 0 at the end of input or on an error. */
typedef size_t (*src_read_fn)(void *from, char *buf, size_t max);

typedef struct src_state {
    src_read_fn read;        /* the input */
    void *from;
    uint64_t bytes;          /* bytes handed to the scanner */
    uint64_t line;           /* the input line of the next token, 1-based */
    uint32_t offset;         /* bytes of prefix taken off it (a filter's) */
    uint32_t flags;          /* what the filters did to it (SRC_*) */
    uint32_t col;            /* bytes already taken from it */
    linebuf lb;              /* the current line, and the one before it */
    uint32_t long_col;       /* where the token taken in pieces starts */
    int eof_done;            /* the made-up end of the last line was sent */
} src_state;

void src_init(src_state *s, src_read_fn read, void *from);
void src_free(src_state *s);

/* YY_INPUT: up to max bytes into buf; 0 at the end of input or on an
   error.  held: the bytes of an unfinished token flex keeps before buf
   (see linebuf_read_want). */
size_t src_read(src_state *s, char *buf, size_t max, size_t held);

/* Record a token of len bytes: its location, and its bytes in the line.
   Called for every token: inline. */
static inline void src_token(src_state *s, src_location *loc, const char *text, size_t len)
{
    loc->first_line = loc->last_line = s->line;
    loc->first_column = s->col + 1;
    s->col = len > UINT32_MAX - 1 - s->col ? UINT32_MAX - 1 : s->col + (uint32_t)len;
    loc->last_column = s->col + 1;
    linebuf_append(&s->lb, text, len);
}

/* The token just recorded ended the line; eol_len bytes of it (1 or 2)
   are the line ending. */
void src_end_line(src_state *s, src_line *out, size_t eol_len);
/* The next token is on the next input line (a line handed on whole,
   without its bytes in lb, is finished so). */
void src_next_line(src_state *s);
/* At the end of input: if a line is unfinished, end it (returns 1), its
   location (an empty one after its last byte) in *loc. */
int src_at_eof(src_state *s, src_location *loc, src_line *out);

/* A token that runs to the end of the line, taken in pieces: it starts at
   the next byte recorded; src_long_end gives its location, up to what has
   been recorded.  strip_cr: a last '\r' is not part of it (then returns 1). */
void src_long_begin(src_state *s);
int src_long_end(src_state *s, src_location *loc, int strip_cr);

/* The text of input line `line` if it is still held: the last finished
   one, or the current one if its line number is known (current_known).
   *offset: the bytes of prefix taken off it. */
const char *src_line_text(const src_state *s, uint64_t line, int current_known, size_t *len,
                          uint32_t *offset);

/* The value of len decimal digits (len may be 0); *overflow set (and 0
   returned) when it does not fit in 64 bits. */
uint64_t src_digits(const char *text, size_t len, uint8_t *overflow);

/* ---- diagnostics that wait for the end of their line ----------------- */

typedef struct src_diag {
    const char *name;         /* the check's name */
    src_location loc;
    char message[256];
    int has_note;             /* a second position: the note */
    uint64_t note_line;
    char note_message[128];
    char note_source[512];    /* its line, cut short */
    size_t note_source_len;
    uint32_t note_offset;
} src_diag;

enum { SRC_MAX_PENDING = 8 };

typedef struct src_pending {
    src_diag v[SRC_MAX_PENDING];
    size_t n;
} src_pending;

/* A new diagnostic (cleared, with its name and location) that waits for
   the end of its line; NULL when a line already holds SRC_MAX_PENDING
   (the caller still counts it). */
src_diag *src_pend(src_pending *q, const char *name, const src_location *at);
/* Its message, printf-style. */
void src_diag_vmessage(src_diag *e, const char *fmt, va_list ap);
/* Hand every pending diagnostic to on_diag (as errors of input `file`),
   each with the text of its line if s still holds it; then none waits. */
void src_flush(src_pending *q, const src_state *s, int current_known, const char *file,
               mf_diag_fn on_diag, void *user);

#endif
