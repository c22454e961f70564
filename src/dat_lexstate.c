/* dat_lexstate.c -- the .dat scanner's bookkeeping: input, positions,
 * the bytes of the current line, and the values of its tokens. */
#include <stdlib.h>
#include <string.h>
#include "dat_lexstate.h"
#include "util.h"

void dat_lex_init(struct mf_dat_lexstate *ex, mf_input *in)
{
    memset(ex, 0, sizeof *ex);
    ex->in = in;
    ex->line = 1;
}

void dat_lex_free(struct mf_dat_lexstate *ex)
{
    free(ex->buf[0]);
    free(ex->buf[1]);
    ex->buf[0] = ex->buf[1] = NULL;
}

size_t dat_lex_read(struct mf_dat_lexstate *ex, char *buf, size_t max)
{
    size_t n = mf_input_read(ex->in, buf, max);
    ex->bytes += n;
    return n;
}

static void line_append(struct mf_dat_lexstate *ex, const char *text, size_t len)
{
    int c = ex->cur;
    if (ex->len + len > ex->cap[c]) {
        size_t cap = ex->cap[c] ? ex->cap[c] : 256;
        while (cap < ex->len + len)
            cap *= 2;
        ex->buf[c] = xrealloc(ex->buf[c], cap);
        ex->cap[c] = cap;
    }
    memcpy(ex->buf[c] + ex->len, text, len);
    ex->len += len;
}

void dat_lex_token(struct mf_dat_lexstate *ex, mf_dat_location *loc, const char *text,
                   size_t len)
{
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = ex->col + 1;
    /* columns saturate on lines longer than 4 GiB */
    ex->col = len > UINT32_MAX - 1 - ex->col ? UINT32_MAX - 1 : ex->col + (uint32_t)len;
    loc->last_column = ex->col + 1;
    line_append(ex, text, len);
}

static void finish_line(struct mf_dat_lexstate *ex, mf_dat_tok_line *out, size_t text_len)
{
    out->text = ex->buf[ex->cur] ? ex->buf[ex->cur] : "";
    out->len = text_len > UINT32_MAX ? UINT32_MAX : (uint32_t)text_len;
    ex->finished_line = ex->line;
    ex->finished_len = text_len;
    ex->cur ^= 1;
    ex->len = 0;
    ex->line++;
    ex->col = 0;
}

void dat_lex_end_line(struct mf_dat_lexstate *ex, mf_dat_tok_line *out, size_t eol_len)
{
    out->crlf = eol_len == 2;
    out->no_newline = 0;
    finish_line(ex, out, ex->len - eol_len);
}

int dat_lex_at_eof(struct mf_dat_lexstate *ex, mf_dat_location *loc, mf_dat_tok_line *out)
{
    if (ex->len == 0 || ex->eof_done)
        return 0;
    ex->eof_done = 1;
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = loc->last_column = ex->col + 1;
    out->crlf = 0;
    out->no_newline = 1;
    finish_line(ex, out, ex->len);
    return 1;
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
    if (line == ex->line) {
        *len = ex->len;
        return ex->buf[ex->cur] ? ex->buf[ex->cur] : "";
    }
    if (line == ex->finished_line && ex->buf[!ex->cur]) {
        *len = ex->finished_len;
        return ex->buf[!ex->cur];
    }
    *len = 0;
    return NULL;
}
