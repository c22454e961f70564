/* core/source.c -- a scanner's input, positions, lines and waiting
 * diagnostics (source.h). */
#include <stdio.h>
#include <string.h>
#include "core/source.h"
#include "core/util.h"

void src_init(src_state *s, src_read_fn read, void *from)
{
    memset(s, 0, sizeof *s);
    s->read = read;
    s->from = from;
    s->line = 1;
}

void src_free(src_state *s)
{
    linebuf_free(&s->lb);
}

size_t src_read(src_state *s, char *buf, size_t max, size_t held)
{
    size_t n = 0, k, want = linebuf_read_want(max, held);
    do {
        k = s->read(s->from, buf + n, want - n);
        n += k;
    } while (k > 0 && n < want && n < held);
    s->bytes += n;
    return n;
}

void src_next_line(src_state *s)
{
    s->line++;
    s->offset = 0;
    s->flags = 0;
    s->col = 0;
}

static void finish_line(src_state *s, src_line *out, size_t text_len)
{
    out->text = linebuf_finish(&s->lb, s->line, text_len, s->offset);
    out->len = text_len > UINT32_MAX ? UINT32_MAX : (uint32_t)text_len;
    out->offset = s->offset;
    out->flags = s->flags;
    src_next_line(s);
}

void src_end_line(src_state *s, src_line *out, size_t eol_len)
{
    out->crlf = eol_len == 2;
    out->no_newline = 0;
    finish_line(s, out, s->lb.len - eol_len);
}

int src_at_eof(src_state *s, src_location *loc, src_line *out)
{
    if (s->lb.len == 0 || s->eof_done)
        return 0;
    s->eof_done = 1;
    loc->first_line = loc->last_line = s->line;
    loc->first_column = loc->last_column = s->col + 1;
    out->crlf = 0;
    out->no_newline = 1;
    finish_line(s, out, s->lb.len);
    return 1;
}

void src_long_begin(src_state *s)
{
    s->long_col = s->col + 1;
}

int src_long_end(src_state *s, src_location *loc, int strip_cr)
{
    int cr = strip_cr && s->col + 1 > s->long_col && linebuf_byte_from_end(&s->lb, 0) == '\r';
    loc->first_line = loc->last_line = s->line;
    loc->first_column = s->long_col;
    loc->last_column = s->col + 1 - (uint32_t)cr;
    return cr;
}

const char *src_line_text(const src_state *s, uint64_t line, int current_known, size_t *len,
                          uint32_t *offset)
{
    return linebuf_text(&s->lb, line, current_known ? s->line : 0, s->offset, len, offset);
}

uint64_t src_digits(const char *text, size_t len, uint8_t *overflow)
{
    uint64_t v = 0;
    *overflow = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned)(text[i] - '0');
        /* v * 10 + d > UINT64_MAX, without a division per digit */
        if (v > UINT64_MAX / 10 || (v == UINT64_MAX / 10 && d > UINT64_MAX % 10))
            *overflow = 1;
        else
            v = v * 10 + d;
    }
    return *overflow ? 0 : v;
}

/* ---- waiting diagnostics ------------------------------------------------ */

src_diag *src_pend(src_pending *q, const char *name, const src_location *at)
{
    if (q->n == SRC_MAX_PENDING)
        return NULL;
    src_diag *e = &q->v[q->n++];
    memset(e, 0, sizeof *e);
    e->name = name;
    e->loc = *at;
    return e;
}

void src_diag_vmessage(src_diag *e, const char *fmt, va_list ap)
{
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

void src_flush(src_pending *q, const src_state *s, int current_known, const char *file,
               mf_diag_fn on_diag, void *user)
{
    for (size_t i = 0; i < q->n; i++) {
        const src_diag *e = &q->v[i];
        size_t len = 0;
        uint32_t offset = 0;
        const char *text = src_line_text(s, e->loc.first_line, current_known, &len, &offset);
        mf_diag note = { MF_NOTE, NULL, e->note_message, file, e->note_line, 0, 0,
                         e->note_source, e->note_source_len, NULL, 1 + e->note_offset };
        mf_diag d = { MF_ERROR, e->name, e->message, file, e->loc.first_line,
                      e->loc.first_column + offset, e->loc.last_column + offset, text,
                      text ? len : 0, e->has_note ? &note : NULL, 1 + offset };
        if (on_diag) {
            CALLBACK_BEGIN();
            on_diag(&d, user);
            CALLBACK_END();
        }
    }
    q->n = 0;
}
