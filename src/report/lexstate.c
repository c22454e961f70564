/* report/lexstate.c -- the report scanner's bookkeeping: input through the
 * logging-prefix filter, the origin of each line, and the values of its
 * tokens.  Positions and lines are core/source.c's. */
#include <string.h>
#include "report/lexstate.h"
#include "report/format.h"
#include "core/util.h"

static size_t read_filtered(void *ex, char *buf, size_t max)
{
    struct mf_lexstate *st = ex;
    return st->top.read(st->top.self, buf, max);
}

void lex_init_state(struct mf_lexstate *ex)
{
    memset(ex, 0, sizeof *ex);
    src_init(&ex->src, read_filtered, ex);
    ex->out_line = 1;
    ex->need_origin = 1;
}

void lex_start_line(struct mf_lexstate *ex)
{
    /* the chain answers for a run of lines that map alike: it is asked
       again only past its end */
    if (ex->out_line >= ex->origin_end) {
        uint64_t k = ex->top.origin(ex->top.self, ex->out_line, &ex->origin);
        ex->origin_first = ex->out_line;
        ex->origin_end = ex->out_line + k;
    }
    ex->src.line = ex->origin.line + (ex->out_line - ex->origin_first);
    ex->src.offset = ex->origin.offset;
    ex->src.flags = ex->origin.flags;
    ex->need_origin = 0;
}

/* A line was finished: src.line is the next one until lex_start_line()
   says otherwise. */
static void next_line(struct mf_lexstate *ex)
{
    ex->out_line++;
    ex->need_origin = 1;
}

void lex_end_line(struct mf_lexstate *ex, mf_tok_line *out, const char *text, size_t len)
{
    /* the token may start with spaces (a blank line that is not empty);
       a '\r' before the '\n' may have come with the token before */
    size_t eol = (len >= 2 && text[len - 2] == '\r') ? 2 : 1;
    if (eol == 1 && linebuf_byte_from_end(&ex->src.lb, 1) == '\r')
        eol = 2;
    src_end_line(&ex->src, out, eol);
    next_line(ex);
}

int lex_at_eof(struct mf_lexstate *ex, mf_location *loc, mf_tok_line *out)
{
    if (ex->src.lb.len == 0 || ex->src.eof_done)
        return 0;
    if (ex->need_origin)
        lex_start_line(ex);
    src_at_eof(&ex->src, loc, out);
    next_line(ex);
    return 1;
}

void lex_long_begin(struct mf_lexstate *ex, int kind, int next)
{
    ex->long_kind = kind;
    ex->long_next = next;
    src_long_begin(&ex->src);
}

int lex_long_end(struct mf_lexstate *ex, mf_location *loc, MF_YYSTYPE *val, int strip_cr)
{
    const linebuf *lb = &ex->src.lb;
    int bare = ex->long_bare;
    ex->long_bare = 0;
    src_long_end(&ex->src, loc, strip_cr);
    if (ex->long_kind != HEADER)
        return ex->long_kind;
    const char *text = lb->buf[lb->cur] + (loc->first_column - 1);
    size_t len = loc->last_column - loc->first_column;
    /* A line that starts like a header but has not its columns is a
       header only after a Filename: line; anywhere else it is text. */
    if (bare && !mf_header_has_columns(text, len)) {
        ex->next = 0;   /* INITIAL */
        return TEXT;
    }
    lex_header(ex, text, len, &val->HEADER);
    return HEADER;
}

void lex_header(struct mf_lexstate *ex, const char *text, size_t len, mf_tok_header *out)
{
    out->generation = mf_header_classify(text, len, &out->old_layout);
    ex->gen_old = out->old_layout;   /* which row states this block's rows take */
}

void lex_uint(const char *text, size_t len, mf_tok_uint *out)
{
    size_t i = 0;
    while (i < len && text[i] == ' ')
        i++;
    out->lead = (uint32_t)i;
    out->value = src_digits(text + i, len - i, &out->overflow);
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
    return src_line_text(&ex->src, line, !ex->need_origin, len, offset);
}
