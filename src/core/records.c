/* core/records.c -- the records writer (records.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/records.h"
#include "core/textout.h"
#include "core/util.h"

/* CSV rows are put together in memory and go out in large writes. */
typedef struct outbuf {
    char *p;
    size_t n, cap;
} outbuf;

enum { CSV_FLUSH_AT = 64 * 1024 };
enum { REC_SEEN_COLS = 16, REC_SEEN_MAX = 120 };

struct rec_writer {
    FILE *out;
    int fmt;
    const rec_column *cols;
    size_t ncols;
    rec_opts opts;
    uint64_t rows;
    outbuf csv;
    char *insert;            /* SQL: "INSERT INTO t (a, b) VALUES (" */
    char **cells;            /* aligned text: rows * ncols, held to the end */
    size_t cap;
    mf_hold hold;            /* until rec_end or rec_keep: freed on a jump */
    /* CSV: per column, the last text that needed no quotes (rows of one
       block repeat their source, file and function: a memcmp instead of
       a scan) */
    struct { size_t n; char s[REC_SEEN_MAX]; } seen[REC_SEEN_COLS];
};

/* Room for n more bytes in b. */
static void reserve(outbuf *b, size_t n)
{
    if (b->n + n > b->cap) {
        size_t cap = (b->n + n) * 2 + 256;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
}

/* The bytes of a CSV row are written through a pointer into room that
   csv_row reserved for the whole row at once (one test per row, not per
   byte or per cell). */
static char *put_bytes(char *o, const char *s, size_t n)
{
    if (n)   /* an empty field: s may be NULL */
        memcpy(o, s, n);
    return o + n;
}

static char *put_u64(char *o, uint64_t v)
{
    char tmp[24], *e = tmp + sizeof tmp, *p = e;
    do
        *--p = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    return put_bytes(o, p, (size_t)(e - p));
}

/* The first byte of s[0..n) that makes a CSV field need quotes (',', '"',
   CR or LF), or n: eight bytes at a time (a byte of x is zero where s has
   the byte b: haszero(x) finds one). */
#define CSV_ONES 0x0101010101010101ULL
#define CSV_HAS_ZERO(x) (((x) - CSV_ONES) & ~(x) & (CSV_ONES * 0x80))
static size_t csv_special(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        if (CSV_HAS_ZERO(w ^ (CSV_ONES * ',')) | CSV_HAS_ZERO(w ^ (CSV_ONES * '"')) |
            CSV_HAS_ZERO(w ^ (CSV_ONES * '\r')) | CSV_HAS_ZERO(w ^ (CSV_ONES * '\n')))
            break;
    }
    for (; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n')
            return i;
    return n;
}

/* A CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF;
   bytes are kept as they are, a quote doubled.  At most 2 * n + 2 bytes. */
static char *put_csv(char *o, const char *s, size_t n)
{
    if (csv_special(s, n) == n)
        return put_bytes(o, s, n);
    *o++ = '"';
    const char *end = s + n, *q;
    while ((q = memchr(s, '"', (size_t)(end - s))) != NULL) {
        o = put_bytes(o, s, (size_t)(q + 1 - s));
        *o++ = '"';
        s = q + 1;
    }
    o = put_bytes(o, s, (size_t)(end - s));
    *o++ = '"';
    return o;
}

static void flush_csv(rec_writer *w)
{
    if (w->csv.n) {
        fwrite(w->csv.p, 1, w->csv.n, w->out);
        w->csv.n = 0;
    }
}

/* ---- text ----------------------------------------------------------------- */

/* A cell of an aligned table, or a right-aligned one of a streamed table,
   as shown: a new string. */
static char *cell_text(const rec_column *c, const rec_value *v, const char *none)
{
    char buf[24];
    if (!v->s || (v->len == 0 && c->kind != REC_INTEGER))
        return xstrndup(none, strlen(none));
    switch (c->kind) {
    case REC_TEXT:
        return text_escape_dup(v->s, v->len);
    case REC_INTEGER:
        snprintf(buf, sizeof buf, "%llu", (unsigned long long)v->u);
        return xstrndup(buf, strlen(buf));
    default:
        return xstrndup(v->s, v->len);
    }
}

/* One line of a table: the cells (cells[i] shown in column i, with
   `shown` of width[i] taken; NULL: write value i of row as it comes). */
static void text_line(rec_writer *w, const char *const *cells, const rec_value *row,
                      const size_t *width)
{
    FILE *out = w->out;
    for (size_t i = 0; i < w->ncols; i++) {
        const rec_column *c = &w->cols[i];
        int last = i + 1 == w->ncols;
        size_t shown;
        if (i > 0)
            text_pad(out, c->gap);
        if (cells) {
            shown = w->opts.aligned ? text_width(cells[i]) : strlen(cells[i]);
            if (!c->left)
                text_pad(out, width[i] > shown ? width[i] - shown : 0);
            fputs(cells[i], out);
        } else {
            /* streamed: text to the left is written as it is escaped */
            const rec_value *v = &row[c->field];
            char buf[24], *dup = NULL;
            const char *s = v->s ? v->s : "";
            shown = v->s ? v->len : 0;
            if (v->s && c->kind == REC_INTEGER) {
                shown = (size_t)snprintf(buf, sizeof buf, "%llu", (unsigned long long)v->u);
                s = buf;
            } else if (v->s && c->kind == REC_TEXT && !c->left) {
                s = dup = text_escape_dup(v->s, v->len);
                shown = strlen(s);
            }
            if (!c->left)
                text_pad(out, width[i] > shown ? width[i] - shown : 0);
            if (v->s && c->kind == REC_TEXT && c->left)
                shown = text_escaped(out, v->s, v->len);
            else
                fwrite(s, 1, shown, out);
            xfree(dup);
        }
        if (c->left && !last)
            text_pad(out, width[i] > shown ? width[i] - shown : 0);
    }
    putc('\n', out);
}

static void text_heading(rec_writer *w, size_t *width)
{
    const char *head[64];
    for (size_t i = 0; i < w->ncols && i < 64; i++)
        head[i] = w->cols[i].name;
    text_line(w, head, NULL, width);
}

static void aligned_print(rec_writer *w)
{
    size_t width[64];
    for (size_t i = 0; i < w->ncols; i++) {
        width[i] = text_width(w->cols[i].name);
        for (size_t r = 0; r < w->rows; r++) {
            size_t n = text_width(w->cells[r * w->ncols + i]);
            if (n > width[i])
                width[i] = n;
        }
    }
    text_heading(w, width);
    for (size_t r = 0; r < w->rows; r++)
        text_line(w, (const char *const *)&w->cells[r * w->ncols], NULL, width);
}

static void streamed_widths(const rec_writer *w, size_t *width)
{
    for (size_t i = 0; i < w->ncols; i++)
        width[i] = w->cols[i].width;
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_value(FILE *out, const rec_column *c, const rec_value *v)
{
    if (!v->s) {
        fputs("null", out);
        return;
    }
    switch (c->kind) {
    case REC_TEXT: json_write_string(out, v->s, v->len); break;
    case REC_DECIMAL: json_write_number(out, v->s, v->len, v->d); break;
    case REC_INTEGER: fprintf(out, "%llu", (unsigned long long)v->u); break;
    default: fwrite(v->s, 1, v->len, out); break;
    }
}

static void json_object(rec_writer *w, const rec_value *row)
{
    FILE *out = w->out;
    putc('{', out);
    if (w->fmt == MF_FMT_NDJSON && w->opts.record)
        fprintf(out, "\"record\": \"%s\"%s", w->opts.record, w->ncols ? ", " : "");
    for (size_t i = 0; i < w->ncols; i++) {
        const rec_column *c = &w->cols[i];
        fprintf(out, "%s\"%s\": ", i ? ", " : "", c->name);
        json_value(out, c, &row[c->field]);
    }
    putc('}', out);
}

/* ---- SQL ------------------------------------------------------------------- */

void rec_sql_string(FILE *out, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && ((unsigned char)s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n') &&
           s[i] != 0x7f)
        i++;
    if (i < len) {   /* a NUL, CR or another control: the bytes in hex */
        fputs("CAST(X'", out);
        for (size_t k = 0; k < len; k++)
            fprintf(out, "%02X", (unsigned char)s[k]);
        fputs("' AS TEXT)", out);
        return;
    }
    putc('\'', out);
    for (size_t k = 0; k < len; k++) {
        if (s[k] == '\'')
            putc('\'', out);
        putc(s[k], out);
    }
    putc('\'', out);
}

static const char *sql_type(int kind)
{
    switch (kind) {
    case REC_INTEGER: case REC_NUMBER_INT: case REC_BOOL: return "INTEGER";
    case REC_DECIMAL: case REC_NUMBER: return "REAL";
    default: return "TEXT";
    }
}

static void sql_begin(rec_writer *w)
{
    const char *table = w->opts.table ? w->opts.table : "records";
    size_t n = strlen(table) + 40;
    fprintf(w->out, "CREATE TABLE IF NOT EXISTS %s (", table);
    for (size_t i = 0; i < w->ncols; i++) {
        fprintf(w->out, "%s%s %s", i ? ", " : "", w->cols[i].name, sql_type(w->cols[i].kind));
        n += strlen(w->cols[i].name) + 2;
    }
    fputs(");\n", w->out);
    w->insert = xmalloc(n);
    size_t o = (size_t)snprintf(w->insert, n, "INSERT INTO %s (", table);
    for (size_t i = 0; i < w->ncols; i++)
        o += (size_t)snprintf(w->insert + o, n - o, "%s%s", i ? ", " : "", w->cols[i].name);
    snprintf(w->insert + o, n - o, ") VALUES (");
}

static void sql_row(rec_writer *w, const rec_value *row)
{
    FILE *out = w->out;
    fputs(w->insert, out);
    for (size_t i = 0; i < w->ncols; i++) {
        const rec_column *c = &w->cols[i];
        const rec_value *v = &row[c->field];
        if (i)
            fputs(", ", out);
        if (!v->s || (v->len == 0 && c->kind != REC_INTEGER))
            fputs("NULL", out);
        else if (c->kind == REC_TEXT || c->kind == REC_JSON)
            rec_sql_string(out, v->s, v->len);
        else if (c->kind == REC_INTEGER)
            fprintf(out, "%llu", (unsigned long long)v->u);
        else if (c->kind == REC_BOOL)
            putc(v->len == 4 && memcmp(v->s, "true", 4) == 0 ? '1' : '0', out);
        else
            fwrite(v->s, 1, v->len, out);
    }
    fputs(");\n", out);
}

/* ---- numbers for text tables ----------------------------------------------- */

int rec_decimals(const char *s)
{
    const char *dot = strchr(s, '.');
    return dot ? (int)strlen(dot + 1) : 0;
}

void rec_pad(char *buf, size_t cap, const char *s, int d)
{
    size_t n = strlen(s);
    int have = rec_decimals(s);
    if (n + 1 > cap)
        n = cap - 1;
    memmove(buf, s, n);
    if (n && have < d) {
        if (have == 0 && n + 1 < cap)
            buf[n++] = '.';
        for (; have < d && n + 1 < cap; have++)
            buf[n++] = '0';
    }
    buf[n] = '\0';
}

void rec_fixed(char *buf, __int128 num, uint64_t den, int d)
{
    if (den == 0) {
        buf[0] = '\0';
        return;
    }
    if (d > MF_SCALE_DIGITS)
        d = MF_SCALE_DIGITS;
    int neg = num < 0;
    unsigned __int128 m = neg ? -(unsigned __int128)num : (unsigned __int128)num;
    unsigned __int128 div = (unsigned __int128)den * (uint64_t)MF_POW10[MF_SCALE_DIGITS - d];
    unsigned __int128 q = m / div, r = m % div;
    if (2 * r >= div)
        q++;
    char digits[48], *p = digits + sizeof digits;
    *--p = '\0';
    int k = 0;
    do {
        if (k == d && d > 0)
            *--p = '.';
        *--p = (char)('0' + (int)(q % 10));
        q /= 10;
        k++;
    } while (q != 0 || k <= d);
    if (neg && strspn(p, "0.") != strlen(p))   /* no "-0.00" */
        *--p = '-';
    memmove(buf, p, strlen(p) + 1);
}

/* ---- the writer ------------------------------------------------------------ */

rec_writer *rec_begin(FILE *out, int fmt, const rec_column *cols, size_t ncols,
                      const rec_opts *opts)
{
    rec_writer *w = xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    hold_begin(&w->hold, rec_release, w);
    w->out = out;
    w->fmt = fmt;
    w->cols = cols;
    w->ncols = ncols < 64 ? ncols : 64;
    if (opts)
        w->opts = *opts;
    if (fmt == MF_FMT_CSV) {
        for (size_t i = 0; i < w->ncols; i++) {
            if (i)
                putc(',', out);
            fputs(cols[i].name, out);
        }
        putc('\n', out);
    } else if (fmt == MF_FMT_SQL) {
        sql_begin(w);
    } else if (fmt == MF_FMT_TEXT && !w->opts.aligned) {
        size_t width[64];
        streamed_widths(w, width);
        text_heading(w, width);
    }
    return w;
}

rec_writer *rec_begin_table(FILE *out, int fmt, const rec_table *t, const rec_opts *opts)
{
    return fmt == MF_FMT_TEXT ? rec_begin(out, fmt, t->text, t->ntext, opts)
                              : rec_begin(out, fmt, t->data, t->ndata, opts);
}

/* A text cell of column i; what needed no quotes is remembered, so that
   the same text in the next row is not scanned again. */
static char *csv_text(rec_writer *w, size_t i, char *o, const rec_value *v)
{
    if (i < REC_SEEN_COLS && v->len == w->seen[i].n && v->len &&
        memcmp(v->s, w->seen[i].s, v->len) == 0)
        return put_bytes(o, v->s, v->len);
    char *end = put_csv(o, v->s, v->len);
    if (i < REC_SEEN_COLS && v->len <= REC_SEEN_MAX && (size_t)(end - o) == v->len) {
        memcpy(w->seen[i].s, v->s, v->len);   /* (it was written as it is) */
        w->seen[i].n = v->len;
    }
    return end;
}

static void csv_row(rec_writer *w, const rec_value *row)
{
    outbuf *b = &w->csv;
    size_t need = 1;
    for (size_t i = 0; i < w->ncols; i++) {
        const rec_value *v = &row[w->cols[i].field];
        need += 1 + (!v->s ? 0 : w->cols[i].kind == REC_TEXT ? 2 * v->len + 2
                           : w->cols[i].kind == REC_INTEGER ? 20 : v->len);
    }
    reserve(b, need);
    char *o = b->p + b->n;
    for (size_t i = 0; i < w->ncols; i++) {
        const rec_column *c = &w->cols[i];
        const rec_value *v = &row[c->field];
        if (i)
            *o++ = ',';
        if (!v->s)
            continue;
        if (c->kind == REC_TEXT)
            o = csv_text(w, i, o, v);
        else if (c->kind == REC_INTEGER)
            o = put_u64(o, v->u);
        else
            o = put_bytes(o, v->s, v->len);
    }
    *o++ = '\n';
    b->n = (size_t)(o - b->p);
    if (b->n >= CSV_FLUSH_AT)
        flush_csv(w);
}

void rec_row(rec_writer *w, const rec_value *row)
{
    switch (w->fmt) {
    case MF_FMT_CSV:
        csv_row(w, row);
        break;
    case MF_FMT_JSON:
        fputs(w->rows ? ",\n" : "[\n", w->out);
        text_pad(w->out, (size_t)w->opts.item_indent);
        json_object(w, row);
        break;
    case MF_FMT_NDJSON:
        json_object(w, row);
        putc('\n', w->out);
        break;
    case MF_FMT_SQL:
        sql_row(w, row);
        break;
    default:
        if (w->opts.aligned) {
            if (w->rows == w->cap) {
                size_t cap = w->cap ? 2 * w->cap : 16;
                w->cells = xrealloc(w->cells, cap * w->ncols * sizeof *w->cells);
                /* NULL until made, for rec_release */
                memset(w->cells + w->cap * w->ncols, 0,
                       (cap - w->cap) * w->ncols * sizeof *w->cells);
                w->cap = cap;
            }
            for (size_t i = 0; i < w->ncols; i++)
                w->cells[w->rows * w->ncols + i] =
                    cell_text(&w->cols[i], &row[w->cols[i].field], "-");
        } else {
            size_t width[64];
            streamed_widths(w, width);
            text_line(w, NULL, row, width);
        }
        break;
    }
    w->rows++;
}

int rec_end(rec_writer *w)
{
    if (w->fmt == MF_FMT_CSV) {
        flush_csv(w);
    } else if (w->fmt == MF_FMT_JSON) {
        if (w->rows) {
            putc('\n', w->out);
            text_pad(w->out, (size_t)w->opts.close_indent);
            putc(']', w->out);
        } else {
            fputs("[]", w->out);
        }
        if (w->opts.json_newline)
            putc('\n', w->out);
    } else if (w->fmt == MF_FMT_TEXT && w->opts.aligned) {
        aligned_print(w);
    }
    int err = ferror(w->out) ? -1 : 0;
    hold_end(&w->hold);
    rec_release(w);
    return err;
}

void rec_release(void *p)
{
    rec_writer *w = p;
    if (!w)
        return;
    for (size_t i = 0; w->cells && i < w->cap * w->ncols; i++)
        xfree(w->cells[i]);
    xfree(w->cells);
    xfree(w->csv.p);
    xfree(w->insert);
    xfree(w);
}

void rec_keep(rec_writer *w)
{
    hold_end(&w->hold);
}
