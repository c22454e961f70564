/* core/linebuf.h -- the bytes of the current input line, kept by a scanner
 * token by token so that the token ending the line can hand the whole line
 * to the parser.  Two buffers alternate: a finished line stays valid while
 * the parser looks one token ahead.  Both scanners (report.l, dat.l) use it.
 */
#ifndef MF_LINEBUF_H
#define MF_LINEBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct linebuf {
    char *buf[2];
    size_t cap[2];
    int cur;                 /* buf[cur]: the line being read */
    size_t len;              /* its bytes so far */
    size_t limit;            /* keep at most this much of it (0: all) */
    uint64_t finished_line;  /* the line in buf[!cur], 0 if none */
    size_t finished_len;     /* its length without the line ending */
    uint32_t finished_offset;
} linebuf;

void linebuf_grow(linebuf *lb, size_t need);

/* How much a scanner's YY_INPUT should read.  When flex refills its buffer
   in the middle of a token, it moves the `held` bytes of the token to the
   front and scans them again from the token's start.  Refills of a fixed
   size would make a long token cost its length squared; reading at least
   as much as is held (flex doubles its buffer when it is full) makes each
   rescan pay for itself, so any token costs time linear in its length.
   Otherwise read at most LINEBUF_READ_CHUNK, so that input that trickles
   in (a pipe, a live log) is scanned as it comes. */
enum { LINEBUF_READ_CHUNK = 128 * 1024 };
static inline size_t linebuf_read_want(size_t max, size_t held)
{
    size_t want = held > LINEBUF_READ_CHUNK ? held : LINEBUF_READ_CHUNK;
    return want < max ? want : max;
}
void linebuf_free(linebuf *lb);

/* Keep len more bytes of the current line (up to the limit). */
static inline void linebuf_append(linebuf *lb, const char *text, size_t len)
{
    if (lb->limit && lb->len + len > lb->limit)
        len = lb->len < lb->limit ? lb->limit - lb->len : 0;
    if (lb->len + len > lb->cap[lb->cur])
        linebuf_grow(lb, lb->len + len);
    if (len)
        memcpy(lb->buf[lb->cur] + lb->len, text, len);
    lb->len += len;
}

/* The last byte but `back` of the current line, or -1. */
static inline int linebuf_byte_from_end(const linebuf *lb, size_t back)
{
    return lb->len > back ? (unsigned char)lb->buf[lb->cur][lb->len - 1 - back] : -1;
}

/* The current line, input line `line` (with `offset` bytes of prefix taken
   off it), is finished; its text is its first text_len bytes.  Returns
   the text; the next line starts empty. */
const char *linebuf_finish(linebuf *lb, uint64_t line, size_t text_len, uint32_t offset);

/* The text of input line `line` if it is still held: the last finished
   one, or the current one when it is `current` (then partial). */
const char *linebuf_text(const linebuf *lb, uint64_t line, uint64_t current,
                         uint32_t current_offset, size_t *len, uint32_t *offset);

#endif
