/* report/lexstate.h -- what the report scanner keeps between tokens.
 *
 * The scanner (grammar/report.l) is reentrant; this is its "extra" state:
 * where the input comes from, the current position, and the bytes of the
 * current line, so that the token ending a line can hand the whole line
 * to the parser.  Two line buffers alternate, so a finished line stays
 * valid while the parser looks one token ahead.
 */
#ifndef MF_LEXSTATE_H
#define MF_LEXSTATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "report.tab.h"
#include "core/source.h"
#include "core/logprefix.h"
#include "core/demux.h"
#include "core/util.h"

/* The most rows the row acceptor hands over as one ROWS token. */
enum { LEX_RUN_MAX = 64 };

struct mf_lexstate {
    /* input, through the filters (core/filter.h): lp is the first, top
       the last, which the scanner reads */
    logprefix *lp;
    struct quote *quote;     /* core/quote.h, after lp */
    demux *dm;               /* interleaved writers (core/demux.h) */
    line_source top;

    /* the position of the next token, the bytes of the current line (and
       of the one before it): src.line is the input line that was, and
       src.offset the bytes of prefix the filter took off it */
    src_state src;
    uint64_t out_line;       /* lines the scanner has seen, 1-based */
    int need_origin;         /* src.line and src.offset are not known yet */
    src_origin origin;       /* the chain's answer for line origin_first, */
    uint64_t origin_first;   /* which holds alike for the lines before */
    uint64_t origin_end;     /* origin_end (core/filter.h) */
    mf_scanmem mem;          /* flex's memory (yyalloc), for an out-of-memory jump */

    int next;                /* start condition after the rest of a line */
    int long_kind;           /* the token being taken in pieces */
    int long_next;           /* and the start condition after it */
    int long_bare;           /* a header with no Filename: line before it */
    int gen_old;             /* the current block has the pre-0.58 layout */
    int cells_only;          /* read every row cell by cell (no ROW tokens) */
    int no_accept;           /* no row acceptor (report.l's mf_scan) */
    mf_tok_row row;          /* the value of the last ROW token */
    mf_tok_row run[LEX_RUN_MAX];   /* and of the last ROWS token */
    uint64_t accepted, whole;   /* ROW tokens from the acceptor, from the rules */
};

/* Its input is ex->top (and ex->lp), set after this; src_free(&ex->src) frees it. */
void lex_init_state(struct mf_lexstate *ex);

void lex_start_line(struct mf_lexstate *ex);

/* Record a token of len bytes: its location, and its bytes in the line.
   Called for every token: inline. */
static inline void lex_token(struct mf_lexstate *ex, mf_location *loc, const char *text,
                             size_t len)
{
    if (ex->need_origin)
        lex_start_line(ex);
    src_token(&ex->src, loc, text, len);
}

/* The token just recorded ended the line (text is the line ending). */
void lex_end_line(struct mf_lexstate *ex, mf_tok_line *out, const char *text, size_t len);

/* At end of input: if a line is unfinished, end it (true) */
int lex_at_eof(struct mf_lexstate *ex, mf_location *loc, mf_tok_line *out);

/* A token that runs to the end of the line, taken in pieces: it starts
   at the next byte recorded; then, at the line ending, give its kind and
   location and its value (strip_cr: its last byte, if a '\r', is the
   line ending's). */
void lex_long_begin(struct mf_lexstate *ex, int kind, int next);
int lex_long_end(struct mf_lexstate *ex, mf_location *loc, MF_YYSTYPE *val, int strip_cr);

/* Token values. */
void lex_header(struct mf_lexstate *ex, const char *text, size_t len, mf_tok_header *out);
void lex_uint(const char *text, size_t len, mf_tok_uint *out);
void lex_mib(const char *text, size_t len, mf_tok_mib *out);

/* A match of the scanner's ROW rule, text[0..len): decode it into *row
   and return the length of what comes before the contents, when reading
   the row whole gives exactly what reading it cell by cell would (the
   contents start there and run to the line's end); else 0.  Either way
   row->lineno_len is the length of the line number (with the spaces
   before it). */
size_t lex_row(const struct mf_lexstate *ex, const char *text, size_t len, mf_tok_row *row);
/* The row acceptor: if the line at text (avail bytes of it are in the
   buffer) is a table row the scanner's ROW rule would read whole, and its
   '\n' is among those bytes, decode it into *row as the rule would and
   return its length through the '\n'; else 0. */
size_t lex_accept_row(const struct mf_lexstate *ex, const char *text, size_t avail,
                      mf_tok_row *row);
/* The row's whole line, text[0..len), through its '\n', is the token:
   its location, and the line handed on in row->line.  The line is not
   kept in src.lb: the grammar's action copies it before the next token
   is scanned (its state after ROW reduces without a lookahead). */
void lex_whole_row(struct mf_lexstate *ex, mf_location *loc, const char *text, size_t len,
                   mf_tok_row *row);

/* The text of input line `line` if it is still held (finished or current),
   and the bytes of prefix stripped from it. */
const char *lex_line_text(const struct mf_lexstate *ex, uint64_t line, size_t *len,
                          uint32_t *offset);

#endif
