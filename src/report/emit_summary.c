/* emit_summary.c -- print the fold's aggregates: an aligned table, CSV,
 * JSON or NDJSON.  Numbers are printed from fixed point, so the same
 * input always gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/textout.h"
#include "core/util.h"

/* One function's values as text; empty strings stand for "none". */
typedef struct fields {
    char line[24], calls[24], rows[24];
    char peak[64], min[64], mean[64], entry[64], exit[64], net[64];
    char hot_line[24], hot_inc[64], occ[24];
} fields;

static void format_fields(const mf_func_stats *s, fields *f)
{
    memset(f, 0, sizeof *f);
    snprintf(f->line, sizeof f->line, "%llu", (unsigned long long)s->line);
    snprintf(f->calls, sizeof f->calls, "%llu", (unsigned long long)s->calls);
    snprintf(f->rows, sizeof f->rows, "%llu", (unsigned long long)s->rows);
    if (s->rows) {
        mf_format_decimal(f->peak, s->peak_dec);
        mf_format_decimal(f->min, s->min_dec);
        mf_format_derived(f->mean, mf_stats_mean(s), s->prec);
        mf_format_derived(f->entry, mf_stats_entry(s), s->prec);
        mf_format_derived(f->exit, mf_stats_exit(s), s->prec);
        mf_format_derived(f->net, mf_stats_net(s), s->prec);
    }
    if (s->has_hot) {
        snprintf(f->hot_line, sizeof f->hot_line, "%llu", (unsigned long long)s->hot_line);
        mf_format_decimal(f->hot_inc, s->hot_dec);
    }
    if (s->occ_known)
        snprintf(f->occ, sizeof f->occ, "%llu", (unsigned long long)s->occurrences);
}

/* ---- order ---------------------------------------------------------------- */

static int cmp_name(const mf_func_stats *a, const mf_func_stats *b)
{
    int c = strcmp(a->function ? a->function : "", b->function ? b->function : "");
    if (c == 0)
        c = strcmp(a->file, b->file);
    if (c == 0)
        c = (a->line > b->line) - (a->line < b->line);
    return c;
}

static int cmp_stats(const void *pa, const void *pb, void *key)
{
    int sort_key = *(const int *)key;
    const mf_func_stats *a = *(const mf_func_stats *const *)pa;
    const mf_func_stats *b = *(const mf_func_stats *const *)pb;
    int c = 0;
    switch (sort_key) {
    case MF_SORT_PEAK: c = (a->peak < b->peak) - (a->peak > b->peak); break;
    case MF_SORT_MEAN: c = (mf_stats_mean(a) < mf_stats_mean(b)) - (mf_stats_mean(a) > mf_stats_mean(b)); break;
    case MF_SORT_CALLS: c = (a->calls < b->calls) - (a->calls > b->calls); break;
    case MF_SORT_NAME: c = cmp_name(a, b); break;
    default: break;
    }
    if (c == 0)
        c = (a->first_seen > b->first_seen) - (a->first_seen < b->first_seen);
    return c;
}

static const mf_func_stats **sorted(const mf_fold *f, int sort)
{
    size_t n = mf_fold_count(f);
    const mf_func_stats **v = try_malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < n; i++)
        v[i] = mf_fold_get(f, i);
    qsort_r(v, n, sizeof *v, cmp_stats, &sort);
    return v;
}

/* ---- text ----------------------------------------------------------------- */

enum { COL_FUNCTION, COL_CALLS, COL_ROWS, COL_PEAK, COL_MEAN, COL_MIN, COL_NET, COL_HOT_LINE,
       COL_HOT_INC, COL_OCC, COL_LOCATION, NCOLS };

static const char *const TEXT_HEAD[NCOLS] = {
    "FUNCTION", "CALLS", "ROWS", "PEAK MiB", "MEAN MiB", "MIN MiB", "NET MiB",
    "HOT LINE", "HOT +MiB", "OCCURRENCES", "LOCATION",
};

/* Names come from the input: a control character in them is shown
   escaped, never sent to the terminal (text_escape). */
static void text_cells(const mf_func_stats *s, const fields *f, char cells[NCOLS][600])
{
    const char *name = s->function ? s->function : "<unknown>";
    text_escape(cells[COL_FUNCTION], 600, name, strlen(name));
    snprintf(cells[COL_CALLS], 600, "%s", f->calls);
    snprintf(cells[COL_ROWS], 600, "%s", f->rows);
    snprintf(cells[COL_PEAK], 600, "%s", f->peak[0] ? f->peak : "-");
    snprintf(cells[COL_MEAN], 600, "%s", f->mean[0] ? f->mean : "-");
    snprintf(cells[COL_MIN], 600, "%s", f->min[0] ? f->min : "-");
    snprintf(cells[COL_NET], 600, "%s", f->net[0] ? f->net : "-");
    snprintf(cells[COL_HOT_LINE], 600, "%s", f->hot_line[0] ? f->hot_line : "-");
    snprintf(cells[COL_HOT_INC], 600, "%s", f->hot_inc[0] ? f->hot_inc : "-");
    snprintf(cells[COL_OCC], 600, "%s", f->occ[0] ? f->occ : "-");
    size_t n = text_escape(cells[COL_LOCATION], 500, s->file, strlen(s->file));
    snprintf(cells[COL_LOCATION] + n, 600 - n, ":%s", f->line);
}

static void text_line(FILE *out, char cells[NCOLS][600], const size_t *width)
{
    for (int c = 0; c < NCOLS; c++) {
        size_t w = text_width(cells[c]);
        int left = c == COL_FUNCTION || c == COL_LOCATION;
        if (c > 0)
            fputs("  ", out);
        if (!left)
            text_pad(out, width[c] - w);
        fputs(cells[c], out);
        if (left && c != NCOLS - 1)
            text_pad(out, width[c] - w);
    }
    putc('\n', out);
}

static void emit_text(FILE *out, const mf_func_stats **v, size_t n)
{
    size_t width[NCOLS];
    char cells[NCOLS][600];
    fields f;
    for (int c = 0; c < NCOLS; c++)
        width[c] = strlen(TEXT_HEAD[c]);
    for (size_t i = 0; i < n; i++) {
        format_fields(v[i], &f);
        text_cells(v[i], &f, cells);
        for (int c = 0; c < NCOLS; c++)
            if (text_width(cells[c]) > width[c])
                width[c] = text_width(cells[c]);
    }
    for (int c = 0; c < NCOLS; c++)
        snprintf(cells[c], 600, "%s", TEXT_HEAD[c]);
    text_line(out, cells, width);
    for (size_t i = 0; i < n; i++) {
        format_fields(v[i], &f);
        text_cells(v[i], &f, cells);
        text_line(out, cells, width);
    }
}

/* ---- CSV ------------------------------------------------------------------ */

static const char CSV_HEAD[] =
    "file,function,line,calls,rows,peak_mib,min_mib,mean_mib,entry_mib,exit_mib,net_mib,"
    "hot_line,hot_increment_mib,occurrences\n";

static void emit_csv(FILE *out, const mf_func_stats **v, size_t n)
{
    fields f;
    fputs(CSV_HEAD, out);
    for (size_t i = 0; i < n; i++) {
        const mf_func_stats *s = v[i];
        format_fields(s, &f);
        csv_field(out, s->file, strlen(s->file));
        putc(',', out);
        if (s->function)
            csv_field(out, s->function, strlen(s->function));
        fprintf(out, ",%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", f.line, f.calls, f.rows, f.peak,
                f.min, f.mean, f.entry, f.exit, f.net, f.hot_line, f.hot_inc, f.occ);
    }
}

/* ---- JSON ----------------------------------------------------------------- */

static void json_num(FILE *out, const char *key, const char *value)
{
    fprintf(out, ", \"%s\": %s", key, value[0] ? value : "null");
}

static void put_i128(FILE *out, __int128 v)
{
    char buf[48], *p = buf + sizeof buf;
    unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    *--p = '\0';
    do
        *--p = (char)('0' + (int)(m % 10));
    while ((m /= 10) != 0);
    if (v < 0)
        *--p = '-';
    fputs(p, out);
}

/* The exact sums behind mean, entry and exit, as integers in units of
   1/scale MiB: `memfold merge` adds them up without rounding. */
static void json_sums(FILE *out, const mf_func_stats *s)
{
    __int128 unit = 1;
    for (int i = s->prec; i < MF_SCALE_DIGITS; i++)
        unit *= 10;
    fputs(", \"sums\": {\"scale\": 1", out);
    for (int i = 0; i < s->prec; i++)
        putc('0', out);
    fputs(", \"mem\": ", out);
    put_i128(out, sum_get(s->sum_mem) / unit);
    fputs(", \"entry\": ", out);
    put_i128(out, sum_get(s->sum_entry) / unit);
    fputs(", \"exit\": ", out);
    put_i128(out, sum_get(s->sum_exit) / unit);
    fprintf(out, ", \"measured_calls\": %llu}", (unsigned long long)s->measured_calls);
}

static void json_function(FILE *out, const mf_func_stats *s)
{
    fields f;
    format_fields(s, &f);
    fputs("{\"file\": ", out);
    json_write_string(out, s->file, strlen(s->file));
    fputs(", \"function\": ", out);
    if (s->function)
        json_write_string(out, s->function, strlen(s->function));
    else
        fputs("null", out);
    json_num(out, "line", f.line);
    json_num(out, "calls", f.calls);
    json_num(out, "rows", f.rows);
    json_num(out, "peak_mib", f.peak);
    json_num(out, "min_mib", f.min);
    json_num(out, "mean_mib", f.mean);
    json_num(out, "entry_mib", f.entry);
    json_num(out, "exit_mib", f.exit);
    json_num(out, "net_mib", f.net);
    json_num(out, "hot_line", f.hot_line);
    json_num(out, "hot_increment_mib", f.hot_inc);
    json_num(out, "occurrences", f.occ);
    json_sums(out, s);
    putc('}', out);
}

static void emit_json(FILE *out, const mf_func_stats **v, size_t n,
                      const mf_input_record *inputs, size_t ninputs, uint64_t errors)
{
    fputs("{\n  \"memfold\": 1,\n  \"functions\": [", out);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        json_function(out, v[i]);
    }
    fputs(n ? "\n  ],\n  \"inputs\": [" : "],\n  \"inputs\": [", out);
    for (size_t i = 0; i < ninputs; i++) {
        const mf_input_stats *st = &inputs[i].stats;
        fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", out);
        json_write_string(out, inputs[i].path, strlen(inputs[i].path));
        fprintf(out, ", \"blocks\": %llu, \"rows\": %llu, \"skipped_lines\": %llu}",
                (unsigned long long)st->blocks, (unsigned long long)st->rows,
                (unsigned long long)st->skipped_lines);
    }
    fprintf(out, "%s],\n  \"errors\": %llu\n}\n", ninputs ? "\n  " : "",
            (unsigned long long)errors);
}

int mf_emit_summary(FILE *out, int fmt, const mf_fold *f, int sort,
                    const mf_input_record *inputs, size_t ninputs, uint64_t errors)
{
    size_t n = mf_fold_count(f);
    const mf_func_stats **v = sorted(f, sort);
    if (!v)
        return MF_ERR_NOMEM;
    switch (fmt) {
    case MF_FMT_CSV:
        emit_csv(out, v, n);
        break;
    case MF_FMT_JSON:
        emit_json(out, v, n, inputs, ninputs, errors);
        break;
    case MF_FMT_NDJSON:
        for (size_t i = 0; i < n; i++) {
            json_function(out, v[i]);
            putc('\n', out);
        }
        break;
    default:
        emit_text(out, v, n);
        break;
    }
    xfree(v);
    return ferror(out) ? -1 : 0;
}
