/* lexstate.c -- the report scanner's bookkeeping: input, positions,
 * the bytes of the current line, and the values of its tokens. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "report/lexstate.h"
#include "report/format.h"
#include "core/util.h"

void lex_init_state(struct mf_lexstate *ex)
{
    memset(ex, 0, sizeof *ex);
    ex->line = ex->out_line = 1;
    ex->need_origin = 1;
}

void lex_free_state(struct mf_lexstate *ex)
{
    linebuf_free(&ex->lb);
}

size_t lex_read(struct mf_lexstate *ex, char *buf, size_t max, size_t held)
{
    size_t n = 0, k, want = linebuf_read_want(max, held);
    do {
        k = logprefix_read(ex->lp, buf + n, want - n);
        n += k;
    } while (k > 0 && n < want && n < held);
    ex->bytes += n;
    return n;
}

void lex_start_line(struct mf_lexstate *ex)
{
    logprefix_origin(ex->lp, ex->out_line, &ex->line, &ex->offset);
    ex->need_origin = 0;
}

static void finish_line(struct mf_lexstate *ex, mf_tok_line *out, size_t text_len)
{
    out->text = linebuf_finish(&ex->lb, ex->line, text_len, ex->offset);
    out->len = (uint32_t)text_len;
    out->offset = ex->offset;
    ex->out_line++;
    ex->line++;               /* until lex_start_line() says otherwise */
    ex->offset = 0;
    ex->need_origin = 1;
    ex->col = 0;
}

void lex_end_line(struct mf_lexstate *ex, mf_tok_line *out, const char *text, size_t len)
{
    /* the token may start with spaces (a blank line that is not empty);
       a '\r' before the '\n' may have come with the token before */
    size_t eol = (len >= 2 && text[len - 2] == '\r') ? 2 : 1;
    if (eol == 1 && linebuf_byte_from_end(&ex->lb, 1) == '\r')
        eol = 2;
    out->crlf = eol == 2;
    out->no_newline = 0;
    finish_line(ex, out, ex->lb.len - eol);
}

int lex_at_eof(struct mf_lexstate *ex, mf_location *loc, mf_tok_line *out)
{
    if (ex->lb.len == 0 || ex->eof_done)
        return 0;
    ex->eof_done = 1;
    if (ex->need_origin)
        lex_start_line(ex);
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = loc->last_column = ex->col + 1;
    out->crlf = 0;
    out->no_newline = 1;
    finish_line(ex, out, ex->lb.len);
    return 1;
}

void lex_long_begin(struct mf_lexstate *ex, int kind, int next)
{
    ex->long_kind = kind;
    ex->long_next = next;
    ex->long_col = ex->col + 1;
}

int lex_long_end(struct mf_lexstate *ex, mf_location *loc, MF_YYSTYPE *val, int strip_cr)
{
    uint32_t end = ex->col + 1;
    if (strip_cr && end > ex->long_col && linebuf_byte_from_end(&ex->lb, 0) == '\r')
        end--;
    loc->first_line = loc->last_line = ex->line;
    loc->first_column = ex->long_col;
    loc->last_column = end;
    if (ex->long_kind == HEADER)
        lex_header(ex, ex->lb.buf[ex->lb.cur] + (ex->long_col - 1), end - ex->long_col,
                   &val->HEADER);
    return ex->long_kind;
}

void lex_header(struct mf_lexstate *ex, const char *text, size_t len, mf_tok_header *out)
{
    out->generation = mf_header_classify(text, len, &out->old_layout);
    ex->gen_old = out->old_layout;   /* which row states this block's rows take */
}

void lex_uint(const char *text, size_t len, mf_tok_uint *out)
{
    uint64_t v = 0;
    size_t i = 0;
    out->overflow = 0;
    while (i < len && text[i] == ' ')
        i++;
    out->lead = (uint32_t)i;
    for (; i < len; i++) {
        unsigned d = (unsigned)(text[i] - '0');
        /* v * 10 + d > UINT64_MAX, without a division per digit */
        if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && d > UINT64_MAX % 10))
            out->overflow = 1;
        else
            v = v * 10 + d;
    }
    out->value = out->overflow ? 0 : v;
}

void lex_mib(const char *text, size_t len, mf_tok_mib *out)
{
    size_t i = 0, j;
    while (text[i] == ' ')
        i++;
    j = i;
    while (text[j] != ' ')
        j++;
    out->num_off = (uint32_t)i;
    out->num_len = (uint32_t)(j - i);
    out->unit_off = (uint32_t)(j + 1);
    out->unit_len = (uint32_t)(len - j - 1);
    out->status = (uint8_t)mf_decimal_parse(text + i, j - i, &out->num);
}

const char *lex_line_text(const struct mf_lexstate *ex, uint64_t line, size_t *len,
                          uint32_t *offset)
{
    return linebuf_text(&ex->lb, line, ex->need_origin ? 0 : ex->line, ex->offset, len, offset);
}
