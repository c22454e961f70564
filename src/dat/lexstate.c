/* dat/lexstate.c -- the .dat scanner's bookkeeping: its input, and the values
 * of its tokens.  Positions and lines are core/source.c's. */
#include <string.h>
#include "dat/lexstate.h"
#include "core/util.h"

static size_t read_input(void *in, char *buf, size_t max)
{
    return mf_input_read(in, buf, max);
}

void dat_lex_init(struct mf_dat_lexstate *ex, mf_input *in)
{
    memset(ex, 0, sizeof *ex);
    src_init(&ex->src, read_input, in);
}

void dat_lex_cr_junk(struct mf_dat_lexstate *ex, mf_dat_location *loc)
{
    loc->first_line = loc->last_line = ex->src.line;
    loc->first_column = ex->src.col;
    loc->last_column = ex->src.col + 1;
}

void dat_lex_int(const char *text, size_t len, mf_dat_tok_num *out)
{
    out->is_int = 1;
    out->uval = src_digits(text, len, &out->overflow);
    out->status = (uint8_t)mf_decimal_parse(text, len, &out->num);
}

void dat_lex_num(const char *text, size_t len, mf_dat_tok_num *out)
{
    out->is_int = 0;
    out->overflow = 0;
    out->uval = 0;
    out->status = (uint8_t)mf_decimal_parse(text, len, &out->num);
}

void dat_lex_word(mf_dat_tok_num *out)
{
    memset(out, 0, sizeof *out);
    out->status = MF_NUM_MALFORMED;
}

const char *dat_lex_line_text(const struct mf_dat_lexstate *ex, uint64_t line, size_t *len)
{
    uint32_t offset;
    return src_line_text(&ex->src, line, 1, len, &offset);
}
