/* emit_lines.c -- one record per row ("memfold lines"), streamed block by
 * block.  Numbers are written exactly as the report printed them and the
 * contents exactly as the source line, indentation and tabs kept. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/textout.h"
#include "core/util.h"

/* A record is put together in memory and written with one fwrite. */
typedef struct outbuf {
    char *p;
    size_t n, cap;
} outbuf;

struct mf_lines_writer {
    FILE *out;
    int fmt;
    int all_rows;
    uint64_t records;
    outbuf prefix;        /* CSV: "source,block,file,function," of the block */
    outbuf row;
};

static void put(outbuf *b, const char *s, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = (b->n + n) * 2 + 256;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
}

static void put_u64(outbuf *b, uint64_t v)
{
    char tmp[24], *e = tmp + sizeof tmp, *p = e;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    put(b, p, (size_t)(e - p));
}

/* A CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF. */
static void put_csv(outbuf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] != ',' && s[i] != '"' && s[i] != '\r' && s[i] != '\n')
        i++;
    if (i == n) {
        put(b, s, n);
        return;
    }
    put(b, "\"", 1);
    for (const char *q, *e = s + n; s < e; s = q + 1) {
        q = memchr(s, '"', (size_t)(e - s));
        if (!q) {
            put(b, s, (size_t)(e - s));
            break;
        }
        put(b, s, (size_t)(q - s) + 1);
        put(b, "\"", 1);
    }
    put(b, "\"", 1);
}

static const char CSV_HEAD[] =
    "source,block,file,function,line,mem_mib,increment_mib,occurrences,contents\n";

mf_lines_writer *mf_lines_begin(FILE *out, int fmt, int all_rows)
{
    mf_lines_writer *w = try_malloc(sizeof *w);
    if (!w)
        return NULL;
    w->out = out;
    w->fmt = fmt;
    w->all_rows = all_rows;
    w->records = 0;
    memset(&w->prefix, 0, sizeof w->prefix);
    memset(&w->row, 0, sizeof w->row);
    if (fmt == MF_FMT_CSV)
        fputs(CSV_HEAD, out);
    else if (fmt == MF_FMT_TEXT)
        fprintf(out, "%6s %6s %12s %12s %11s  %-20s  %s\n", "BLOCK", "LINE", "MEM MiB",
                "INC MiB", "OCCURRENCES", "FUNCTION", "CONTENTS");
    return w;
}

/* The numeric cells of a row as printed; empty when absent. */
typedef struct cells {
    char line[24], occ[24];
    const char *mem, *inc;
    int mem_len, inc_len;
    mf_decimal mem_num, inc_num;
} cells;

static void row_cells(const mf_row *r, cells *c)
{
    memset(c, 0, sizeof *c);
    c->mem = c->inc = "";
    snprintf(c->line, sizeof c->line, "%llu", (unsigned long long)r->lineno);
    if (r->flags & MF_ROW_MEASURED) {
        c->mem = mf_row_str(r, r->mem.text);
        c->mem_len = (int)r->mem.text.len;
        c->inc = mf_row_str(r, r->inc.text);
        c->inc_len = (int)r->inc.text.len;
        c->mem_num = r->mem.num;
        c->inc_num = r->inc.num;
    }
    if (r->flags & MF_ROW_HAS_OCC)
        snprintf(c->occ, sizeof c->occ, "%llu", (unsigned long long)r->occ);
}

static void json_number_or_null(FILE *out, const char *key, const char *s, int len,
                                mf_decimal d)
{
    fprintf(out, ", \"%s\": ", key);
    if (len > 0)
        json_write_number(out, s, (size_t)len, d);
    else
        fputs("null", out);
}

static void record_json(mf_lines_writer *w, const mf_block *b, const mf_row *r, const cells *c)
{
    FILE *out = w->out;
    if (w->fmt == MF_FMT_JSON)
        fputs(w->records ? ",\n" : "[\n", out);
    fputs("{\"source\": ", out);
    json_write_string(out, b->source, strlen(b->source));
    fprintf(out, ", \"block\": %llu, \"file\": ", (unsigned long long)b->index);
    json_write_string(out, b->filename_line.text + b->filename.off, b->filename.len);
    fputs(", \"function\": ", out);
    if (b->function)
        json_write_string(out, b->function, b->function_len);
    else
        fputs("null", out);
    fprintf(out, ", \"line\": %s", c->line);
    json_number_or_null(out, "mem_mib", c->mem, c->mem_len, c->mem_num);
    json_number_or_null(out, "increment_mib", c->inc, c->inc_len, c->inc_num);
    json_number_or_null(out, "occurrences", c->occ, (int)strlen(c->occ), (mf_decimal){ 0, 0 });
    fputs(", \"contents\": ", out);
    json_write_string(out, mf_row_str(r, r->content), r->content.len);
    putc('}', out);
    if (w->fmt == MF_FMT_NDJSON)
        putc('\n', out);
}

/* The fields every row of a block shares, once per block. */
static void csv_prefix(mf_lines_writer *w, const mf_block *b)
{
    outbuf *p = &w->prefix;
    p->n = 0;
    put_csv(p, b->source, strlen(b->source));
    put(p, ",", 1);
    put_u64(p, b->index);
    put(p, ",", 1);
    put_csv(p, b->filename_line.text + b->filename.off, b->filename.len);
    put(p, ",", 1);
    if (b->function)
        put_csv(p, b->function, b->function_len);
    put(p, ",", 1);
}

static void record_csv(mf_lines_writer *w, const mf_row *r)
{
    outbuf *o = &w->row;
    put(o, w->prefix.p, w->prefix.n);
    put_u64(o, r->lineno);
    put(o, ",", 1);
    if (r->flags & MF_ROW_MEASURED) {
        put(o, mf_row_str(r, r->mem.text), r->mem.text.len);
        put(o, ",", 1);
        put(o, mf_row_str(r, r->inc.text), r->inc.text.len);
        put(o, ",", 1);
    } else {
        put(o, ",,", 2);
    }
    if (r->flags & MF_ROW_HAS_OCC)
        put_u64(o, r->occ);
    put(o, ",", 1);
    put_csv(o, mf_row_str(r, r->content), r->content.len);
    put(o, "\n", 1);
}

/* Rows gather in memory and go out 64 KiB or so at a time. */
static void flush_rows(mf_lines_writer *w, size_t at_least)
{
    if (w->row.n >= at_least && w->row.n > 0) {
        fwrite(w->row.p, 1, w->row.n, w->out);
        w->row.n = 0;
    }
}

/* The function name and the contents come from the input: a control
   character in them is shown escaped, never sent to the terminal. */
static void record_text(mf_lines_writer *w, const mf_block *b, const mf_row *r, const cells *c)
{
    fprintf(w->out, "%6llu %6s %12.*s %12.*s %11s  ", (unsigned long long)b->index,
            c->line, c->mem_len, c->mem, c->inc_len, c->inc, c->occ);
    const char *name = b->function ? b->function : "<unknown>";
    size_t len = b->function ? b->function_len : 9;
    size_t shown = text_escaped(w->out, name, len);
    text_pad(w->out, shown < 20 ? 20 - shown : 0);
    fputs("  ", w->out);
    text_escaped(w->out, mf_row_str(r, r->content), r->content.len);
    putc('\n', w->out);
}

static void lines_block(mf_lines_writer *w, const mf_block *b);

int mf_lines_block(mf_lines_writer *w, const mf_block *b)
{
    mf_guard g;
    if (GUARD(&g))
        return MF_ERR_NOMEM;
    lines_block(w, b);
    guard_end(&g);
    return MF_OK;
}

static void lines_block(mf_lines_writer *w, const mf_block *b)
{
    cells c;
    if (w->fmt == MF_FMT_CSV)
        csv_prefix(w, b);
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if (!mf_row_complete(b, r))   /* malformed, or cut short */
            continue;
        if (!(r->flags & MF_ROW_MEASURED) && !w->all_rows)
            continue;
        if (w->fmt == MF_FMT_CSV) {
            record_csv(w, r);
            w->records++;
            continue;
        }
        row_cells(r, &c);
        switch (w->fmt) {
        case MF_FMT_JSON:
        case MF_FMT_NDJSON: record_json(w, b, r, &c); break;
        default: record_text(w, b, r, &c); break;
        }
        w->records++;
    }
    flush_rows(w, 64 * 1024);
}

int mf_lines_end(mf_lines_writer *w)
{
    flush_rows(w, 0);
    if (w->fmt == MF_FMT_JSON)
        fputs(w->records ? "\n]\n" : "[]\n", w->out);
    int err = ferror(w->out) ? -1 : 0;
    xfree(w->prefix.p);
    xfree(w->row.p);
    xfree(w);
    return err;
}
