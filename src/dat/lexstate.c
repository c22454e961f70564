/* dat_lexstate.c -- the .dat scanner's bookkeeping: input, positions,
 * the bytes of the current line, and the values of its tokens. */
#include <stdlib.h>
#include <string.h>
#include "dat/lexstate.h"
#include "core/util.h"

void dat_lex_init(struct mf_dat_lexstate *ex, mf_input *in)
{
    memset(ex, 0, sizeof *ex);
    ex->in = in;
    ex->line = 1;
}

void dat_lex_free(struct mf_dat_lexstate *ex)
{
    linebuf_free(&ex->lb);
}

size_t dat_lex_read(struct mf_dat_lexstate *ex, char *buf, size_t max, size_t held)
{
    size_t n = 0, k, want = linebuf_read_want(max, held);
    do {
        k = mf_input_read(ex->in, buf + n, want - n);
        n += k;
    } while (k > 0 && n < want && n < held);
    ex->bytes += n;
    return n;
}

void dat_lex_token(struct mf_dat_lexstate *ex, mf_dat_location *loc, const char *text,
                   size_t len)
{
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = ex->col + 1;
    /* columns saturate on lines longer than 4 GiB */
    ex->col = len > UINT32_MAX - 1 - ex->col ? UINT32_MAX - 1 : ex->col + (uint32_t)len;
    loc->last_column = ex->col + 1;
    linebuf_append(&ex->lb, text, len);
}

static void finish_line(struct mf_dat_lexstate *ex, mf_dat_tok_line *out, size_t text_len)
{
    out->text = linebuf_finish(&ex->lb, ex->line, text_len, 0);
    out->len = text_len > UINT32_MAX ? UINT32_MAX : (uint32_t)text_len;
    ex->line++;
    ex->col = 0;
}

void dat_lex_end_line(struct mf_dat_lexstate *ex, mf_dat_tok_line *out, size_t eol_len)
{
    out->crlf = eol_len == 2;
    out->no_newline = 0;
    finish_line(ex, out, ex->lb.len - eol_len);
}

int dat_lex_at_eof(struct mf_dat_lexstate *ex, mf_dat_location *loc, mf_dat_tok_line *out)
{
    if (ex->lb.len == 0 || ex->eof_done)
        return 0;
    ex->eof_done = 1;
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = loc->last_column = ex->col + 1;
    out->crlf = 0;
    out->no_newline = 1;
    finish_line(ex, out, ex->lb.len);
    return 1;
}

void dat_lex_long_begin(struct mf_dat_lexstate *ex)
{
    ex->long_col = ex->col + 1;
}

int dat_lex_long_end(struct mf_dat_lexstate *ex, mf_dat_location *loc, int at_eof)
{
    int cr = at_eof && ex->col + 1 > ex->long_col && linebuf_byte_from_end(&ex->lb, 0) == '\r';
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = ex->long_col;
    loc->last_column = ex->col + 1 - (uint32_t)cr;
    return cr;
}

void dat_lex_cr_junk(struct mf_dat_lexstate *ex, mf_dat_location *loc)
{
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = ex->col;
    loc->last_column = ex->col + 1;
}

void dat_lex_int(const char *text, size_t len, mf_dat_tok_num *out)
{
    uint64_t v = 0;
    out->is_int = 1;
    out->overflow = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned)(text[i] - '0');
        if (v > (UINT64_MAX - d) / 10)
            out->overflow = 1;
        else
            v = v * 10 + d;
    }
    out->uval = out->overflow ? 0 : v;
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
    return linebuf_text(&ex->lb, line, ex->line, 0, len, &offset);
}
