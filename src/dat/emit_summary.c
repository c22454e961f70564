/* dat_emit.c -- print the .dat fold: aligned tables, CSV, JSON or NDJSON.
 *
 * Copied values (peaks) are printed as the file printed them; sums of
 * durations exactly, with the decimals of the time stamps; derived values
 * (means) like the report summary's: rounded half away from zero to two
 * more decimals than their data, trailing zeros dropped down to the
 * data's decimals.  "mprof_peak_mib" is the peak as `mprof peak` prints
 * it.  The same fold always gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "core/textout.h"
#include "core/util.h"

/* ---- values as text; "" stands for none --------------------------------- */

typedef struct func_fields {
    char calls[24], samples[24], total[64], mean_dur[64], peak[64], mean[64], depth[24];
} func_fields;

static void func_format(const mf_dat_func_stats *s, func_fields *o)
{
    memset(o, 0, sizeof *o);
    snprintf(o->calls, sizeof o->calls, "%llu", (unsigned long long)s->calls);
    snprintf(o->samples, sizeof o->samples, "%llu", (unsigned long long)s->samples);
    if (s->calls) {
        mf_format_scaled(o->total, s->total_duration, s->time_prec);
        mf_format_derived(o->mean_dur, s->mean_duration, s->time_prec);
        mf_format_decimal(o->peak, s->peak);
        mf_format_derived(o->mean, s->mean, s->mem_prec);
    }
    if (s->depth >= 0)
        snprintf(o->depth, sizeof o->depth, "%d", s->depth);
}

typedef struct run_fields {
    char run[24], samples[24], duration[64], peak[64];
} run_fields;

static void run_format(const mf_dat_run_stats *r, run_fields *o)
{
    memset(o, 0, sizeof *o);
    snprintf(o->run, sizeof o->run, "%llu", (unsigned long long)r->run);
    snprintf(o->samples, sizeof o->samples, "%llu", (unsigned long long)r->samples);
    if (r->samples) {
        mf_format_scaled(o->duration, r->last_time - r->first_time, r->time_prec);
        mf_format_decimal(o->peak, r->peak);
    }
}

typedef struct child_fields {
    char pid[24], samples[24], peak[64], mprof[64];
} child_fields;

static void child_format(const mf_dat_child_stats *c, child_fields *o)
{
    memset(o, 0, sizeof *o);
    snprintf(o->pid, sizeof o->pid, "%llu", (unsigned long long)c->pid);
    snprintf(o->samples, sizeof o->samples, "%llu", (unsigned long long)c->samples);
    mf_format_decimal(o->peak, c->peak);
    mf_dat_format_mprof(o->mprof, c->peak);
}

typedef struct total_fields {
    char samples[24], peak[64], mprof[64];
} total_fields;

static void total_format(const mf_dat_fold *f, total_fields *o)
{
    mf_decimal peak;
    memset(o, 0, sizeof *o);
    uint64_t n = mf_dat_fold_peak(f, &peak);
    snprintf(o->samples, sizeof o->samples, "%llu", (unsigned long long)n);
    if (n) {
        mf_format_decimal(o->peak, peak);
        mf_dat_format_mprof(o->mprof, peak);
    }
}

/* ---- text --------------------------------------------------------------- */

/* An aligned table: right-aligned numbers, left-aligned text; the last
   column is not padded.  Names and commands come from the input: a
   control character in a cell is shown escaped, never sent to the
   terminal (text_escape). */
typedef struct table {
    int ncols;
    const char *const *head;
    const int *left;
    char **cells;            /* rows * ncols */
    size_t rows, cap;
    int adding;              /* the cells of row `rows` are being made */
} table;

static void table_add(table *t, const char *const *cells)
{
    if (t->rows == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        t->cells = xrealloc(t->cells, cap * (size_t)t->ncols * sizeof *t->cells);
        t->cap = cap;
    }
    /* the row's cells are NULL until made, for table_release */
    memset(&t->cells[t->rows * (size_t)t->ncols], 0, (size_t)t->ncols * sizeof *t->cells);
    t->adding = 1;
    for (int c = 0; c < t->ncols; c++) {
        const char *s = cells[c] && cells[c][0] ? cells[c] : "-";
        t->cells[t->rows * (size_t)t->ncols + (size_t)c] = text_escape_dup(s, strlen(s));
    }
    t->rows++;
    t->adding = 0;
}

static void table_line(FILE *out, const table *t, const char *const *cells, const size_t *width)
{
    for (int c = 0; c < t->ncols; c++) {
        size_t w = text_width(cells[c]);
        if (c > 0)
            fputs("  ", out);
        if (!t->left[c])
            text_pad(out, width[c] - w);
        fputs(cells[c], out);
        if (t->left[c] && c != t->ncols - 1)
            text_pad(out, width[c] - w);
    }
    putc('\n', out);
}

static void table_print(FILE *out, table *t)
{
    size_t width[16];
    for (int c = 0; c < t->ncols; c++)
        width[c] = text_width(t->head[c]);
    for (size_t r = 0; r < t->rows; r++)
        for (int c = 0; c < t->ncols; c++) {
            size_t w = text_width(t->cells[r * (size_t)t->ncols + (size_t)c]);
            if (w > width[c])
                width[c] = w;
        }
    table_line(out, t, t->head, width);
    for (size_t r = 0; r < t->rows; r++)
        table_line(out, t, (const char *const *)&t->cells[r * (size_t)t->ncols], width);
}

/* Free the cells of t, also of a row being added when memory ran out. */
static void table_release(table *t)
{
    size_t rows = t->rows + (size_t)t->adding;
    for (size_t i = 0; t->cells && i < rows * (size_t)t->ncols; i++)
        xfree(t->cells[i]);
    xfree(t->cells);
    memset(t, 0, sizeof *t);
}

/* t: where each table is built (mf_dat_emit_summary frees it on a jump). */
static void emit_text(FILE *out, mf_dat_fold *f, table *t)
{
    const mf_dat_func_stats *fs;
    const mf_dat_run_stats *rs;
    const mf_dat_child_stats *cs;
    size_t nf = mf_dat_fold_functions(f, &fs);
    size_t nr = mf_dat_fold_runs(f, &rs);
    size_t nc = mf_dat_fold_children(f, &cs);
    int sections = 0;

    if (nf) {
        static const char *const head[] = { "FUNCTION", "CALLS", "SAMPLES", "TOTAL s",
                                            "MEAN s", "PEAK MiB", "MEAN MiB", "DEPTH" };
        static const int left[] = { 1, 0, 0, 0, 0, 0, 0, 0 };
        *t = (table){ 8, head, left, NULL, 0, 0, 0 };
        func_fields v;
        for (size_t i = 0; i < nf; i++) {
            func_format(&fs[i], &v);
            const char *cells[] = { fs[i].function, v.calls, v.samples, v.total, v.mean_dur,
                                    v.peak, v.mean, v.depth };
            table_add(t, cells);
        }
        table_print(out, t);
        table_release(t);
        sections++;
    }
    if (nr) {
        static const char *const head[] = { "RUN", "SAMPLES", "DURATION s", "PEAK MiB",
                                            "SOURCE", "COMMAND" };
        static const int left[] = { 0, 0, 0, 0, 1, 1 };
        *t = (table){ 6, head, left, NULL, 0, 0, 0 };
        run_fields v;
        if (sections++)
            putc('\n', out);
        for (size_t i = 0; i < nr; i++) {
            run_format(&rs[i], &v);
            const char *cells[] = { v.run, v.samples, v.duration, v.peak, rs[i].source,
                                    rs[i].command };
            table_add(t, cells);
        }
        table_print(out, t);
        table_release(t);
    }
    if (nc) {
        static const char *const head[] = { "CHILD", "SAMPLES", "PEAK MiB", "MPROF PEAK",
                                            "SOURCE" };
        static const int left[] = { 0, 0, 0, 0, 1 };
        *t = (table){ 5, head, left, NULL, 0, 0, 0 };
        child_fields v;
        if (sections++)
            putc('\n', out);
        for (size_t i = 0; i < nc; i++) {
            child_format(&cs[i], &v);
            const char *cells[] = { v.pid, v.samples, v.peak, v.mprof, cs[i].source };
            table_add(t, cells);
        }
        table_print(out, t);
        table_release(t);
    }
    total_fields tv;
    total_format(f, &tv);
    if (sections)
        putc('\n', out);
    if (tv.peak[0])
        fprintf(out, "peak %s MiB over %s MEM samples (mprof peak: %s MiB)\n", tv.peak,
                tv.samples, tv.mprof);
    else
        fputs("peak - (no MEM samples)\n", out);
}

/* ---- CSV ---------------------------------------------------------------- */

static const char CSV_HEAD[] =
    "record,source,run,pid,function,calls,samples,duration_s,mean_duration_s,peak_mib,"
    "mean_mib,depth,mprof_peak_mib,command\n";

static void csv_str(FILE *out, const char *s)
{
    if (s)
        csv_field(out, s, strlen(s));
}

static void emit_csv(FILE *out, mf_dat_fold *f)
{
    const mf_dat_func_stats *fs;
    const mf_dat_run_stats *rs;
    const mf_dat_child_stats *cs;
    size_t nf = mf_dat_fold_functions(f, &fs);
    size_t nr = mf_dat_fold_runs(f, &rs);
    size_t nc = mf_dat_fold_children(f, &cs);
    fputs(CSV_HEAD, out);
    for (size_t i = 0; i < nf; i++) {
        func_fields v;
        func_format(&fs[i], &v);
        fputs("function,,,,", out);
        csv_str(out, fs[i].function);
        fprintf(out, ",%s,%s,%s,%s,%s,%s,%s,,\n", v.calls, v.samples, v.total, v.mean_dur,
                v.peak, v.mean, v.depth);
    }
    for (size_t i = 0; i < nr; i++) {
        run_fields v;
        run_format(&rs[i], &v);
        fputs("run,", out);
        csv_str(out, rs[i].source);
        fprintf(out, ",%s,,,,%s,%s,,%s,,,,", v.run, v.samples, v.duration, v.peak);
        csv_str(out, rs[i].command);
        putc('\n', out);
    }
    for (size_t i = 0; i < nc; i++) {
        child_fields v;
        child_format(&cs[i], &v);
        fputs("child,", out);
        csv_str(out, cs[i].source);
        fprintf(out, ",,%s,,,%s,,,%s,,,%s,\n", v.pid, v.samples, v.peak, v.mprof);
    }
    total_fields tv;
    total_format(f, &tv);
    fprintf(out, "total,,,,,,%s,,,%s,,,%s,\n", tv.samples, tv.peak, tv.mprof);
}

/* ---- JSON --------------------------------------------------------------- */

static void json_num(FILE *out, const char *key, const char *value)
{
    fprintf(out, ", \"%s\": %s", key, value[0] ? value : "null");
}

static void json_str_or_null(FILE *out, const char *s)
{
    if (s)
        json_write_string(out, s, strlen(s));
    else
        fputs("null", out);
}

static void json_function(FILE *out, const mf_dat_func_stats *s, int ndjson)
{
    func_fields v;
    func_format(s, &v);
    fputs(ndjson ? "{\"record\": \"function\", \"function\": " : "{\"function\": ", out);
    json_str_or_null(out, s->function);
    json_num(out, "calls", v.calls);
    json_num(out, "samples", v.samples);
    json_num(out, "total_duration_s", v.total);
    json_num(out, "mean_duration_s", v.mean_dur);
    json_num(out, "peak_mib", v.peak);
    json_num(out, "mean_mib", v.mean);
    json_num(out, "depth", v.depth);
    putc('}', out);
}

static void json_run(FILE *out, const mf_dat_run_stats *r, int ndjson)
{
    run_fields v;
    run_format(r, &v);
    fputs(ndjson ? "{\"record\": \"run\", \"source\": " : "{\"source\": ", out);
    json_str_or_null(out, r->source);
    json_num(out, "run", v.run);
    fputs(", \"command\": ", out);
    json_str_or_null(out, r->command);
    json_num(out, "samples", v.samples);
    json_num(out, "duration_s", v.duration);
    json_num(out, "peak_mib", v.peak);
    putc('}', out);
}

static void json_child(FILE *out, const mf_dat_child_stats *c, int ndjson)
{
    child_fields v;
    child_format(c, &v);
    fputs(ndjson ? "{\"record\": \"child\", \"source\": " : "{\"source\": ", out);
    json_str_or_null(out, c->source);
    json_num(out, "pid", v.pid);
    json_num(out, "samples", v.samples);
    json_num(out, "peak_mib", v.peak);
    json_num(out, "mprof_peak_mib", v.mprof);
    putc('}', out);
}

static void emit_json(FILE *out, mf_dat_fold *f)
{
    const mf_dat_func_stats *fs;
    const mf_dat_run_stats *rs;
    const mf_dat_child_stats *cs;
    size_t nf = mf_dat_fold_functions(f, &fs);
    size_t nr = mf_dat_fold_runs(f, &rs);
    size_t nc = mf_dat_fold_children(f, &cs);
    fputs("{\n  \"memfold\": 1,\n  \"kind\": \"mprof\",\n  \"functions\": [", out);
    for (size_t i = 0; i < nf; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        json_function(out, &fs[i], 0);
    }
    fputs(nf ? "\n  ],\n  \"runs\": [" : "],\n  \"runs\": [", out);
    for (size_t i = 0; i < nr; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        json_run(out, &rs[i], 0);
    }
    fputs(nr ? "\n  ],\n  \"children\": [" : "],\n  \"children\": [", out);
    for (size_t i = 0; i < nc; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        json_child(out, &cs[i], 0);
    }
    total_fields tv;
    total_format(f, &tv);
    fprintf(out, "%s],\n  \"samples\": %s,\n  \"peak_mib\": %s,\n  \"mprof_peak_mib\": %s\n}\n",
            nc ? "\n  " : "", tv.samples, tv.peak[0] ? tv.peak : "null",
            tv.mprof[0] ? tv.mprof : "null");
}

static void emit_ndjson(FILE *out, mf_dat_fold *f)
{
    const mf_dat_func_stats *fs;
    const mf_dat_run_stats *rs;
    const mf_dat_child_stats *cs;
    size_t nf = mf_dat_fold_functions(f, &fs);
    size_t nr = mf_dat_fold_runs(f, &rs);
    size_t nc = mf_dat_fold_children(f, &cs);
    for (size_t i = 0; i < nf; i++) {
        json_function(out, &fs[i], 1);
        putc('\n', out);
    }
    for (size_t i = 0; i < nr; i++) {
        json_run(out, &rs[i], 1);
        putc('\n', out);
    }
    for (size_t i = 0; i < nc; i++) {
        json_child(out, &cs[i], 1);
        putc('\n', out);
    }
    total_fields tv;
    total_format(f, &tv);
    fprintf(out, "{\"record\": \"total\", \"samples\": %s, \"peak_mib\": %s, "
            "\"mprof_peak_mib\": %s}\n", tv.samples, tv.peak[0] ? tv.peak : "null",
            tv.mprof[0] ? tv.mprof : "null");
}

int mf_dat_emit_summary(FILE *out, int fmt, mf_dat_fold *f)
{
    table t;
    memset(&t, 0, sizeof t);
    const mf_dat_func_stats *fs;
    mf_guard g;
    if (GUARD(&g)) {
        table_release(&t);
        return MF_ERR_NOMEM;
    }
    if (mf_dat_fold_functions(f, &fs) == (size_t)-1)   /* computed once, here */
        oom();
    switch (fmt) {
    case MF_FMT_CSV: emit_csv(out, f); break;
    case MF_FMT_JSON: emit_json(out, f); break;
    case MF_FMT_NDJSON: emit_ndjson(out, f); break;
    default: emit_text(out, f, &t); break;
    }
    guard_end(&g);
    return ferror(out) ? -1 : 0;
}
