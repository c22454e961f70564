/* read/notebook.c -- the text of a Jupyter notebook, and where each line of
 * it came from (see notebook.h).
 *
 * Memory: jansson builds the tree of the whole document (whose text the
 * reader has read within its JSON limit); the text taken from it is
 * built here, and the tree is freed before the text is read. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "read/notebook.h"
#include "core/util.h"
#include "report/checks.h"

int nb_detect(const char *head, size_t n)
{
    static const char *const keys[] = { "cells", "metadata", "nbformat", "nbformat_minor" };
    size_t i = 0;
    if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
        i = 3;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    if (i >= n || head[i++] != '{')
        return 0;
    while (i < n && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n'))
        i++;
    if (i >= n || head[i++] != '"')
        return 0;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t kl = strlen(keys[k]);
        if (n - i > kl && memcmp(head + i, keys[k], kl) == 0 && head[i + kl] == '"')
            return 1;
    }
    return 0;
}

/* ---- building the text --------------------------------------------------------- */

typedef struct loader {
    nb_doc *d;
    const char *name;
    mf_diag_fn on_diag;
    void *user;
    uint32_t cell;           /* the cell being read */
    uint64_t cell_line;      /* the next line of its outputs */
    int open;                /* a piece has been started and not ended */
} loader;

/* A "notebook" error: about the file (cell 0) or one cell. */
static void report_at(loader *l, uint32_t cell, uint64_t line, uint32_t col, const char *src,
                      size_t srclen, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
#define report(l, cell, line, col, ...) report_at(l, cell, line, col, NULL, 0, __VA_ARGS__)
static void report_at(loader *l, uint32_t cell, uint64_t line, uint32_t col, const char *src,
                      size_t srclen, const char *fmt, ...)
{
    char msg[512], file[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    const char *where = l->name;
    if (cell) {
        snprintf(file, sizeof file, "%s:cell %u", l->name, cell);
        where = file;
    }
    mf_diag d = { MF_ERROR, chk_name(CHK_NOTEBOOK), msg, where, line, col, col, src, srclen,
                  NULL, 0 };
    if (l->on_diag) {
        CALLBACK_BEGIN();
        l->on_diag(&d, l->user);
        CALLBACK_END();
    }
}

static void put(nb_doc *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        size_t cap = d->cap ? d->cap : 4096;
        while (cap < d->len + n + 1)
            cap *= 2;
        d->text = xrealloc(d->text, cap);
        d->cap = cap;
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    for (size_t i = 0; i < n; i++)
        d->lines += s[i] == '\n';
}

/* Close the piece being written: a newline if it has none, then the empty
   line that keeps it apart from the next. */
static void end_piece(loader *l)
{
    nb_doc *d = l->d;
    if (!l->open)
        return;
    l->open = 0;
    nb_piece *p = &d->pieces[d->npieces - 1];
    if (d->len && d->text[d->len - 1] != '\n')
        put(d, "\n", 1);
    l->cell_line += d->lines - (p->first - 1);
    put(d, "\n", 1);
}

/* Start a piece of cell l->cell, unless one is open (continue). */
static void begin_piece(loader *l, int cont)
{
    nb_doc *d = l->d;
    if (l->open && cont)
        return;
    end_piece(l);
    XGROW(d->pieces, d->cappieces, d->npieces, 16);
    nb_piece *p = &d->pieces[d->npieces++];
    p->first = d->lines + 1;
    p->cell_line = l->cell_line;
    p->cell = l->cell;
    l->open = 1;
}

/* A multi-line string as nbformat keeps it: a string, or a list of
   strings to be joined.  1 if v is one (an empty one included). */
static int is_text(const json_t *v)
{
    if (json_is_string(v))
        return 1;
    if (!json_is_array(v))
        return 0;
    for (size_t i = 0; i < json_array_size(v); i++)
        if (!json_is_string(json_array_get(v, i)))
            return 0;
    return 1;
}

static size_t text_len(const json_t *v)
{
    if (json_is_string(v))
        return json_string_length(v);
    size_t n = 0;
    for (size_t i = 0; i < json_array_size(v); i++)
        n += json_string_length(json_array_get(v, i));
    return n;
}

/* Append the text v (is_text) to the piece being written. */
static void put_text(loader *l, const json_t *v)
{
    if (json_is_string(v)) {
        put(l->d, json_string_value(v), json_string_length(v));
        return;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        const json_t *s = json_array_get(v, i);
        put(l->d, json_string_value(s), json_string_length(s));
    }
}

/* One piece of text: a markdown cell's source, an output's text (cont:
   a stream that goes on the piece before it). */
static void add_text(loader *l, const json_t *v, int cont)
{
    if (text_len(v) == 0)
        return;
    begin_piece(l, cont);
    put_text(l, v);
}

static void read_outputs(loader *l, const json_t *outputs)
{
    const char *stream = NULL;   /* the stream the open piece is of */
    for (size_t i = 0; i < json_array_size(outputs); i++) {
        const json_t *o = json_array_get(outputs, i);
        const char *type = json_string_value(json_object_get(o, "output_type"));
        if (!json_is_object(o) || !type) {
            report(l, l->cell, 0, 0, "output %zu is not an object with an \"output_type\": left out",
                   i + 1);
            stream = NULL;
            continue;
        }
        if (strcmp(type, "stream") == 0) {
            const json_t *text = json_object_get(o, "text");
            const char *name = json_string_value(json_object_get(o, "name"));
            if (!is_text(text)) {
                report(l, l->cell, 0, 0, "output %zu (stream): \"text\" is not a string or a "
                       "list of strings: left out", i + 1);
                stream = NULL;
                continue;
            }
            /* an empty output changes nothing of what is shown */
            if (text_len(text) == 0)
                continue;
            int cont = stream && name && strcmp(stream, name) == 0 && l->open;
            add_text(l, text, cont);
            stream = name ? name : "";
        } else if (strcmp(type, "execute_result") == 0 || strcmp(type, "display_data") == 0) {
            stream = NULL;
            const json_t *data = json_object_get(o, "data");
            const json_t *plain = json_is_object(data) ? json_object_get(data, "text/plain") : NULL;
            if (!plain)
                continue;   /* an image, HTML only: no text */
            if (!is_text(plain)) {
                report(l, l->cell, 0, 0, "output %zu (%s): \"text/plain\" is not a string or a "
                       "list of strings: left out", i + 1, type);
                continue;
            }
            add_text(l, plain, 0);
        } else {
            stream = NULL;   /* an error's traceback, or a type of the future */
        }
    }
}

/* A %memit line of a code cell's source, as a piece of its own before the
   cell's outputs, so that the result the outputs print gets its
   statement (the parser takes it from the %memit line before a result);
   it is mapped to its line in the source. */
static void add_memit_sources(loader *l, const json_t *src, const json_t *outputs)
{
    if (!is_text(src) || json_array_size(outputs) == 0)
        return;
    size_t n = text_len(src), o = 0;
    char *all = xmalloc(n + 1);
    if (json_is_string(src)) {
        memcpy(all, json_string_value(src), n);
    } else {
        for (size_t i = 0; i < json_array_size(src); i++) {
            const json_t *s = json_array_get(src, i);
            memcpy(all + o, json_string_value(s), json_string_length(s));
            o += json_string_length(s);
        }
    }
    all[n] = '\0';
    uint64_t line = 1, outputs_line = l->cell_line;
    for (const char *p = all; p < all + n; line++) {
        const char *end = memchr(p, '\n', (size_t)(all + n - p));
        size_t len = end ? (size_t)(end - p) : (size_t)(all + n - p);
        const char *t = p;
        while (t < p + len && (*t == ' ' || *t == '\t'))
            t++;
        if ((size_t)(p + len - t) > 7 && memcmp(t, "%memit ", 7) == 0) {
            l->cell_line = line;
            begin_piece(l, 0);
            put(l->d, p, len);
            end_piece(l);
        }
        p += len + (end != NULL);
    }
    l->cell_line = outputs_line;
    xfree(all);
}

static void read_cells(loader *l, const json_t *cells)
{
    for (size_t i = 0; i < json_array_size(cells); i++) {
        const json_t *c = json_array_get(cells, i);
        end_piece(l);
        l->cell = (uint32_t)(i + 1);
        l->cell_line = 1;
        const char *type = json_string_value(json_object_get(c, "cell_type"));
        if (!json_is_object(c) || !type) {
            report(l, l->cell, 0, 0, "not an object with a \"cell_type\": left out");
            continue;
        }
        if (strcmp(type, "markdown") == 0) {
            const json_t *src = json_object_get(c, "source");
            if (!is_text(src))
                report(l, l->cell, 0, 0, "\"source\" is not a string or a list of strings: "
                       "left out");
            else
                add_text(l, src, 0);
        } else if (strcmp(type, "code") == 0) {
            const json_t *outputs = json_object_get(c, "outputs");
            if (outputs && !json_is_array(outputs))
                report(l, l->cell, 0, 0, "\"outputs\" is not a list: left out");
            else {
                add_memit_sources(l, json_object_get(c, "source"), outputs);
                read_outputs(l, outputs);
            }
        }
        /* a raw cell is neither shown as output nor rendered: not read */
    }
    end_piece(l);
}

/* The whole document: 0, or -1 (reported) when it is no notebook. */
static int read_doc(loader *l, const json_t *root)
{
    const json_t *cells = json_object_get(root, "cells");
    const json_t *format = json_object_get(root, "nbformat");
    if (!json_is_object(root)) {
        report(l, 0, 0, 0, "not a Jupyter notebook: the JSON text is not an object");
        return -1;
    }
    if (!format && !cells) {
        report(l, 0, 0, 0, "not a Jupyter notebook: no \"cells\" and no \"nbformat\"");
        return -1;
    }
    if (!json_is_integer(format)) {
        report(l, 0, 0, 0, "not a Jupyter notebook: \"nbformat\" is %s, not a number",
               format ? "not an integer" : "missing");
        return -1;
    }
    if (json_integer_value(format) < 4) {
        report(l, 0, 0, 0, "a notebook of nbformat %lld: memfold reads nbformat 4 "
               "(`jupyter nbconvert --to notebook` converts it)",
               (long long)json_integer_value(format));
        return -1;
    }
    if (!json_is_array(cells)) {
        report(l, 0, 0, 0, "not a Jupyter notebook: \"cells\" is %s, not a list",
               cells ? "not a list" : "missing");
        return -1;
    }
    read_cells(l, cells);
    return 0;
}

/* jansson refused the text: an error at its line and byte column, with
   the line shown. */
static void broken_json(loader *l, const char *json, size_t len, const json_error_t *je)
{
    size_t pos = je->position > 0 ? (size_t)je->position : 0, start = 0, end;
    uint64_t line = 1;
    if (pos > len)
        pos = len;
    for (size_t i = 0; i < pos; i++)
        if (json[i] == '\n') {
            line++;
            start = i + 1;
        }
    for (end = start; end < len && json[end] != '\n' && end - start < 4096; end++)
        ;
    /* jansson's position is past the byte it stopped at */
    uint32_t col = (uint32_t)(pos > start ? pos - start : 1);
    report_at(l, 0, line, col, json + start, end - start,
              "a broken notebook: its JSON is not valid: %s", je->text);
}

void nb_free(nb_doc *d)
{
    if (!d)
        return;
    xfree(d->text);
    xfree(d->pieces);
    xfree(d);
}

int nb_load(const char *json, size_t len, const char *name, mf_diag_fn on_diag, void *user,
            nb_doc **out)
{
    json_t *volatile root = NULL;
    nb_doc *volatile d = NULL;
    mf_guard g;
    *out = NULL;
    if (GUARD(&g)) {
        json_decref(root);
        nb_free(d);
        return MF_ERR_NOMEM;
    }
    loader l = { NULL, name, on_diag, user, 0, 1, 0 };
    json_error_t je;
    root = json_loadb(json, len, JSON_ALLOW_NUL, &je);
    if (!root) {
        if (strstr(je.text, "ut of memory"))
            oom();
        broken_json(&l, json, len, &je);
        guard_end(&g);
        return MF_OK;
    }
    d = xmalloc(sizeof *d);
    memset(d, 0, sizeof *d);
    l.d = d;
    if (read_doc(&l, root) != 0) {
        json_decref(root);
        nb_free(d);
        guard_end(&g);
        return MF_OK;
    }
    json_decref(root);
    if (!d->text)
        d->text = xstrndup("", 0);
    guard_end(&g);
    *out = d;
    return MF_OK;
}

int nb_where(const nb_doc *d, uint64_t line, uint32_t *cell, uint64_t *cell_line)
{
    if (!d || d->npieces == 0)
        return 0;
    size_t lo = 0, hi = d->npieces;   /* the last piece that starts at or before line */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->pieces[mid].first <= line)
            lo = mid;
        else
            hi = mid;
    }
    const nb_piece *p = &d->pieces[lo];
    *cell = p->cell;
    *cell_line = line >= p->first ? p->cell_line + (line - p->first) : p->cell_line;
    return 1;
}
