/* core/linebuf.c -- the current line's bytes (see linebuf.h). */
#include <stdlib.h>
#include "core/linebuf.h"
#include "core/util.h"

void linebuf_grow(linebuf *lb, size_t need)
{
    int c = lb->cur;
    size_t cap = lb->cap[c] ? lb->cap[c] : 256;
    while (cap < need)
        cap *= 2;
    lb->buf[c] = xrealloc(lb->buf[c], cap);
    lb->cap[c] = cap;
}

void linebuf_free(linebuf *lb)
{
    xfree(lb->buf[0]);
    xfree(lb->buf[1]);
    lb->buf[0] = lb->buf[1] = NULL;
}

const char *linebuf_finish(linebuf *lb, uint64_t line, size_t text_len, uint32_t offset)
{
    const char *text = lb->buf[lb->cur] ? lb->buf[lb->cur] : "";
    lb->finished_line = line;
    lb->finished_len = text_len;
    lb->finished_offset = offset;
    lb->cur ^= 1;
    lb->len = 0;
    lb->limit = 0;
    return text;
}

const char *linebuf_text(const linebuf *lb, uint64_t line, uint64_t current,
                         uint32_t current_offset, size_t *len, uint32_t *offset)
{
    if (line == current) {
        *len = lb->len;
        *offset = current_offset;
        return lb->buf[lb->cur] ? lb->buf[lb->cur] : "";
    }
    if (line == lb->finished_line && lb->buf[!lb->cur]) {
        *len = lb->finished_len;
        *offset = lb->finished_offset;
        return lb->buf[!lb->cur];
    }
    *len = 0;
    *offset = 0;
    return NULL;
}
