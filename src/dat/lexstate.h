/* dat/lexstate.h -- what the .dat scanner keeps between tokens.
 *
 * The scanner (grammar/dat.l) is reentrant; this is its "extra" state:
 * the input, and the position, the current line and the token taken in
 * pieces that both scanners keep alike (core/source.h: src_token,
 * src_end_line, src_at_eof, src_long_begin and src_long_end are called on
 * ex->src directly).
 */
#ifndef MF_DAT_LEXSTATE_H
#define MF_DAT_LEXSTATE_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"
#include "dat.tab.h"
#include "core/source.h"
#include "core/util.h"

struct mf_dat_lexstate {
    src_state src;           /* position, the current line and the one before */
    mf_scanmem mem;          /* flex's memory (yyalloc), for an out-of-memory jump */
    int cr_junk;             /* the input ended in a '\r' after a command */
};

/* Reads in; src_free(&ex->src) frees it. */
void dat_lex_init(struct mf_dat_lexstate *ex, mf_input *in);

/* The location of a '\r' that ends the input after a command, as stray
   text. */
void dat_lex_cr_junk(struct mf_dat_lexstate *ex, mf_dat_location *loc);

/* Token values: digits only, [-]digits[.digits], or a word (malformed
   where a number stands). */
void dat_lex_int(const char *text, size_t len, mf_dat_tok_num *out);
void dat_lex_num(const char *text, size_t len, mf_dat_tok_num *out);
void dat_lex_word(mf_dat_tok_num *out);

/* The text of input line `line` if it is still held (finished or current). */
const char *dat_lex_line_text(const struct mf_dat_lexstate *ex, uint64_t line, size_t *len);

#endif
