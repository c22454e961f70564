/* dat_lexstate.h -- what the .dat scanner keeps between tokens.
 *
 * The scanner (grammar/dat.l) is reentrant; this is its "extra" state:
 * the input, the current position, and the bytes of the current line, so
 * that the token ending a line can hand the whole line to the parser.
 * Two line buffers alternate, so a finished line stays valid while the
 * parser looks one token ahead.
 */
#ifndef MF_DAT_LEXSTATE_H
#define MF_DAT_LEXSTATE_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"
#include "dat.tab.h"
#include "core/linebuf.h"
#include "core/util.h"

struct mf_dat_lexstate {
    mf_input *in;
    uint64_t bytes;          /* bytes handed to the scanner */

    /* position of the next token */
    uint64_t line;           /* 1-based */
    uint32_t col;            /* bytes already taken from this line */

    linebuf lb;              /* the current line, and the one before it */
    mf_scanmem mem;          /* flex's memory (yyalloc), for an out-of-memory jump */

    int eof_done;            /* the made-up end of the last line was sent */
    uint32_t long_col;       /* where the command taken in pieces starts */
    int cr_junk;             /* the input ended in a '\r' after a command */
};

void dat_lex_init(struct mf_dat_lexstate *ex, mf_input *in);
void dat_lex_free(struct mf_dat_lexstate *ex);

/* YY_INPUT: up to max bytes into buf; 0 at the end of input or on error.
   held: the bytes of an unfinished token flex keeps before buf (see
   linebuf_read_want). */
size_t dat_lex_read(struct mf_dat_lexstate *ex, char *buf, size_t max, size_t held);

/* Record a token of len bytes: its location, and its bytes in the line. */
void dat_lex_token(struct mf_dat_lexstate *ex, mf_dat_location *loc, const char *text,
                   size_t len);

/* The token just recorded, eol_len bytes long, ended the line. */
void dat_lex_end_line(struct mf_dat_lexstate *ex, mf_dat_tok_line *out, size_t eol_len);

/* At the end of input: if a line is unfinished, end it (returns 1). */
int dat_lex_at_eof(struct mf_dat_lexstate *ex, mf_dat_location *loc, mf_dat_tok_line *out);

/* The command of a CMDLINE, taken in pieces: it starts at the next byte
   recorded, and ends where the line does (give its location).  At the end
   of input (at_eof), a last '\r' is not part of it: returns 1 then. */
void dat_lex_long_begin(struct mf_dat_lexstate *ex);
int dat_lex_long_end(struct mf_dat_lexstate *ex, mf_dat_location *loc, int at_eof);
/* The location of that '\r', as stray text. */
void dat_lex_cr_junk(struct mf_dat_lexstate *ex, mf_dat_location *loc);

/* Token values: digits only, [-]digits[.digits], or a word (malformed
   where a number stands). */
void dat_lex_int(const char *text, size_t len, mf_dat_tok_num *out);
void dat_lex_num(const char *text, size_t len, mf_dat_tok_num *out);
void dat_lex_word(mf_dat_tok_num *out);

/* The text of input line `line` if it is still held (finished or current). */
const char *dat_lex_line_text(const struct mf_dat_lexstate *ex, uint64_t line, size_t *len);

#endif
