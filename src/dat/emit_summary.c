/* dat/emit_summary.c -- print the .dat fold: aligned tables, CSV, JSON or NDJSON.
 *
 * Copied values (peaks) are printed as the file printed them; sums of
 * durations exactly, with the decimals of the time stamps; derived values
 * (means) like the report summary's: rounded half away from zero to two
 * more decimals than their data, trailing zeros dropped down to the
 * data's decimals.  "mprof_peak_mib" is the peak as `mprof peak` prints
 * it.  A function's rise (its highest MiB of one call minus the call's
 * start) is exact, with the decimals of its MiB values; JSON also holds
 * the exact sum behind its mean ("sums"), so that `memfold merge` adds
 * summaries up to the summary of the .dat files read together.  The same
 * fold always gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "core/records.h"
#include "core/trend.h"
#include "core/util.h"

/* ---- values ------------------------------------------------------------- */

/* Every value a record of the .dat summary may hold: the columns of the
   tables below show them (core/records.h). */
enum { F_RECORD, F_SOURCE, F_RUN, F_PID, F_FUNCTION, F_CALLS, F_SAMPLES, F_DURATION,
       F_MEAN_DURATION, F_PEAK, F_MEAN, F_RISE, F_DEPTH, F_MPROF, F_COMMAND, F_SUMS, NFIELDS };

/* The text of a record's decimals; "" stands for none. */
typedef struct fields {
    char duration[64], mean_duration[64], peak[64], mean[64], rise[64], mprof[64];
    char sums[160];
} fields;

/* The decimals are written in o: which of them there are. */
static void values_done(fields *o, rec_value *v)
{
    v[F_DURATION] = rec_num(o->duration);
    v[F_MEAN_DURATION] = rec_num(o->mean_duration);
    v[F_PEAK] = rec_num(o->peak);
    v[F_MEAN] = rec_num(o->mean);
    v[F_RISE] = rec_num(o->rise);
    v[F_MPROF] = rec_num(o->mprof);
    if (o->sums[0])
        v[F_SUMS] = rec_str(o->sums);
}


/* The exact sum behind the mean, in units of 1/scale MiB (scale: 10 to
   the function's decimals), and what it is divided by: `memfold merge`
   adds them up. */
static void format_sums(const mf_dat_func_stats *s, char *buf)
{
    int prec = s->mem_prec > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : s->mem_prec;
    size_t o = (size_t)sprintf(buf, "{\"scale\": %lld, \"mem\": ", (long long)MF_POW10[prec]);
    o += put_i128(buf + o, sum_get(s->sum_mem) / MF_POW10[MF_SCALE_DIGITS - prec]);
    sprintf(buf + o, ", \"mem_count\": %llu}", (unsigned long long)s->mean_count);
}

static int cap9(int d) { return d > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : d; }
static int dmax(int a, int b) { return a > b ? a : b; }

/* A copied value into buf: as printed, padded to d decimals when d >= 0. */
static void copied(char *buf, size_t cap, mf_decimal x, int d)
{
    mf_format_decimal(buf, x);
    rec_pad(buf, cap, buf, d < 0 ? 0 : d);
}

/* Each fills v (all none, but the record's kind) and o from one item;
   dec: a text table's decimals per field (NULL: exact, the data formats). */
static void func_values(const void *item, fields *o, rec_value *v, const int *dec)
{
    const mf_dat_func_stats *s = item;
    v[F_FUNCTION] = rec_str(s->function);
    v[F_CALLS] = rec_u64(s->calls);
    v[F_SAMPLES] = rec_u64(s->samples);
    if (s->calls && dec) {
        mf_format_scaled(o->duration, s->total_duration, dec[F_DURATION]);
        rec_fixed(o->mean_duration, s->total_duration, s->calls, dec[F_MEAN_DURATION]);
        copied(o->peak, sizeof o->peak, s->peak, dec[F_PEAK]);
        rec_fixed(o->mean, sum_get(s->sum_mem), s->mean_count, dec[F_MEAN]);
    } else if (s->calls) {
        mf_format_scaled(o->duration, s->total_duration, s->time_prec);
        mf_format_derived(o->mean_duration, s->mean_duration, s->time_prec);
        mf_format_decimal(o->peak, s->peak);
        mf_format_derived(o->mean, s->mean, s->mem_prec);
    }
    if (s->calls)
        format_sums(s, o->sums);
    if (s->has_rise)   /* exact: a difference of values with mem_prec decimals */
        mf_format_scaled(o->rise, s->rise, dec ? dec[F_RISE] : s->mem_prec);
    if (s->depth >= 0)
        v[F_DEPTH] = rec_u64((uint64_t)s->depth);
}

static void func_decimals(const void *item, int *dec)
{
    const mf_dat_func_stats *s = item;
    if (s->calls) {
        dec[F_DURATION] = dmax(dec[F_DURATION], cap9(s->time_prec));
        dec[F_MEAN_DURATION] = dmax(dec[F_MEAN_DURATION], rec_derived_decimals(s->time_prec));
        dec[F_PEAK] = dmax(dec[F_PEAK], s->peak.prec);
        dec[F_MEAN] = dmax(dec[F_MEAN], rec_derived_decimals(s->mem_prec));
    }
    if (s->has_rise)
        dec[F_RISE] = dmax(dec[F_RISE], cap9(s->mem_prec));
}

static void run_values(const void *item, fields *o, rec_value *v, const int *dec)
{
    const mf_dat_run_stats *r = item;
    v[F_SOURCE] = rec_str(r->source);
    v[F_COMMAND] = rec_str(r->command);
    v[F_RUN] = rec_u64(r->run);
    v[F_SAMPLES] = rec_u64(r->samples);
    if (r->samples) {
        mf_format_scaled(o->duration, r->last_time - r->first_time,
                         dec ? dec[F_DURATION] : r->time_prec);
        copied(o->peak, sizeof o->peak, r->peak, dec ? dec[F_PEAK] : -1);
    }
}

static void run_decimals(const void *item, int *dec)
{
    const mf_dat_run_stats *r = item;
    if (r->samples) {
        dec[F_DURATION] = dmax(dec[F_DURATION], cap9(r->time_prec));
        dec[F_PEAK] = dmax(dec[F_PEAK], r->peak.prec);
    }
}

static void child_values(const void *item, fields *o, rec_value *v, const int *dec)
{
    const mf_dat_child_stats *c = item;
    v[F_SOURCE] = rec_str(c->source);
    v[F_PID] = rec_u64(c->pid);
    v[F_SAMPLES] = rec_u64(c->samples);
    copied(o->peak, sizeof o->peak, c->peak, dec ? dec[F_PEAK] : -1);
    mf_dat_format_mprof(o->mprof, c->peak);
}

static void child_decimals(const void *item, int *dec)
{
    const mf_dat_child_stats *c = item;
    dec[F_PEAK] = dmax(dec[F_PEAK], c->peak.prec);
}

/* The whole fold: its MEM samples and their peak. */
static void total_values(const void *item, fields *o, rec_value *v, const int *dec)
{
    (void)dec;
    mf_decimal peak;
    uint64_t n = mf_dat_fold_peak(item, &peak);
    v[F_SAMPLES] = rec_u64(n);
    if (n) {
        mf_format_decimal(o->peak, peak);
        mf_dat_format_mprof(o->mprof, peak);
    }
}

typedef void (*values_fn)(const void *item, fields *o, rec_value *v, const int *dec);
typedef void (*decimals_fn)(const void *item, int *dec);

static void values(values_fn fn, const char *record, const void *item, fields *o, rec_value *v,
                   const int *dec)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < NFIELDS; i++)
        v[i] = rec_none();
    v[F_RECORD] = rec_str(record);
    fn(item, o, v, dec);
    values_done(o, v);
}

/* ---- the tables --------------------------------------------------------- */

#define TEXT(name, field) { name, REC_TEXT, 1, 2, 0, field }
#define NUM(name, field) { name, REC_NUMBER, 0, 2, 0, field }
#define INT(name, field) { name, REC_INTEGER, 0, 2, 0, field }

/* CSV: one table of every kind of record. */
static const rec_column CSV_COLS[] = {
    TEXT("record", F_RECORD), TEXT("source", F_SOURCE), INT("run", F_RUN), INT("pid", F_PID),
    TEXT("function", F_FUNCTION), INT("calls", F_CALLS), INT("samples", F_SAMPLES),
    NUM("duration_s", F_DURATION), NUM("mean_duration_s", F_MEAN_DURATION),
    NUM("peak_mib", F_PEAK), NUM("mean_mib", F_MEAN), INT("depth", F_DEPTH),
    NUM("mprof_peak_mib", F_MPROF), TEXT("command", F_COMMAND),
    NUM("rise_mib", F_RISE),   /* last: a later column, the others keep their places */
};

/* Text (aligned tables) and JSON: a table per kind. */
static const rec_column FUNC_TEXT[] = {
    TEXT("FUNCTION", F_FUNCTION), INT("CALLS", F_CALLS), INT("SAMPLES", F_SAMPLES),
    NUM("TOTAL s", F_DURATION), NUM("MEAN s", F_MEAN_DURATION), NUM("PEAK MiB", F_PEAK),
    NUM("MEAN MiB", F_MEAN), NUM("RISE MiB", F_RISE), INT("DEPTH", F_DEPTH),
};
static const rec_column FUNC_JSON[] = {
    TEXT("function", F_FUNCTION), INT("calls", F_CALLS), INT("samples", F_SAMPLES),
    NUM("total_duration_s", F_DURATION), NUM("mean_duration_s", F_MEAN_DURATION),
    NUM("peak_mib", F_PEAK), NUM("mean_mib", F_MEAN), NUM("rise_mib", F_RISE),
    INT("depth", F_DEPTH), { "sums", REC_JSON, 0, 0, 0, F_SUMS },
};
static const rec_column RUN_TEXT[] = {
    INT("RUN", F_RUN), INT("SAMPLES", F_SAMPLES), NUM("DURATION s", F_DURATION),
    NUM("PEAK MiB", F_PEAK), TEXT("SOURCE", F_SOURCE), TEXT("COMMAND", F_COMMAND),
};
static const rec_column RUN_JSON[] = {
    TEXT("source", F_SOURCE), INT("run", F_RUN), TEXT("command", F_COMMAND),
    INT("samples", F_SAMPLES), NUM("duration_s", F_DURATION), NUM("peak_mib", F_PEAK),
};
static const rec_column CHILD_TEXT[] = {
    INT("CHILD", F_PID), INT("SAMPLES", F_SAMPLES), NUM("PEAK MiB", F_PEAK),
    NUM("MPROF PEAK", F_MPROF), TEXT("SOURCE", F_SOURCE),
};
static const rec_column CHILD_JSON[] = {
    TEXT("source", F_SOURCE), INT("pid", F_PID), INT("samples", F_SAMPLES),
    NUM("peak_mib", F_PEAK), NUM("mprof_peak_mib", F_MPROF),
};
static const rec_column TOTAL_JSON[] = {
    INT("samples", F_SAMPLES), NUM("peak_mib", F_PEAK), NUM("mprof_peak_mib", F_MPROF),
};

typedef struct section {
    const char *record, *key;      /* NDJSON's record kind, JSON's key */
    const char *table_name;        /* SQL */
    rec_table table;               /* an aligned table; JSON and NDJSON */
    values_fn values;
    decimals_fn decimals;
    const void *const *items;
    size_t n, shown;
} section;

/* ---- order ----------------------------------------------------------------- */

static int cmp_func(const void *pa, const void *pb, void *key)
{
    int sort_key = *(const int *)key;
    const mf_dat_func_stats *a = *(const mf_dat_func_stats *const *)pa;
    const mf_dat_func_stats *b = *(const mf_dat_func_stats *const *)pb;
    int c = 0;
    switch (sort_key) {
    case MF_SORT_PEAK: c = (a->peak_scaled < b->peak_scaled) - (a->peak_scaled > b->peak_scaled); break;
    case MF_SORT_MEAN: c = (a->mean < b->mean) - (a->mean > b->mean); break;
    case MF_SORT_CALLS: c = (a->calls < b->calls) - (a->calls > b->calls); break;
    case MF_SORT_NAME: c = strcmp(a->function ? a->function : "", b->function ? b->function : ""); break;
    default: break;
    }
    return c ? c : (a > b) - (a < b);   /* else in order of first appearance */
}

/* The work of mf_dat_emit_summary (its records writers release
   themselves on an out-of-memory jump; *held, the tables of pointers, is
   freed by the caller). */
__attribute__((noinline))
static int emit_summary(FILE *out, int fmt, mf_dat_fold *f, const mf_summary_opts *so,
                        const void ***held)
{
    const mf_dat_func_stats *fs;
    const mf_dat_run_stats *rs;
    const mf_dat_child_stats *cs;
    size_t nf = mf_dat_fold_functions(f, &fs);
    if (nf == (size_t)-1)
        oom();
    size_t nr = mf_dat_fold_runs(f, &rs);
    size_t nc = mf_dat_fold_children(f, &cs);
    /* every item by a pointer: the functions sorted, the others in order */
    const void **items = *held = xmalloc((nf + nr + nc + 1) * sizeof *items);
    for (size_t i = 0; i < nf; i++)
        items[i] = &fs[i];
    for (size_t i = 0; i < nr; i++)
        items[nf + i] = &rs[i];
    for (size_t i = 0; i < nc; i++)
        items[nf + nr + i] = &cs[i];
    int sort = so->sort;
    qsort_r(items, nf, sizeof *items, cmp_func, &sort);
    size_t shown = so->top && so->top < nf ? (size_t)so->top : nf;
    const section SECTIONS[] = {
        { "function", "functions", "mprof_functions", { REC_COLS(FUNC_TEXT), REC_COLS(FUNC_JSON) },
          func_values, func_decimals, items, nf, shown },
        { "run", "runs", "mprof_runs", { REC_COLS(RUN_TEXT), REC_COLS(RUN_JSON) }, run_values,
          run_decimals, items + nf, nr, nr },
        { "child", "children", "mprof_children", { REC_COLS(CHILD_TEXT), REC_COLS(CHILD_JSON) },
          child_values, child_decimals, items + nf + nr, nc, nc },
    };
    fields o;
    rec_value v[NFIELDS];
    rec_writer *csv = fmt == MF_FMT_CSV ? rec_begin(out, fmt, REC_COLS(CSV_COLS), NULL) : NULL;
    int sections = 0, err = 0;

    if (fmt == MF_FMT_JSON)
        fputs("{\n  \"memfold\": 1,\n  \"kind\": \"mprof\"", out);
    if (fmt == MF_FMT_SQL)
        fputs("BEGIN;\n", out);
    for (int k = 0; k < 3; k++) {
        const section *sec = &SECTIONS[k];
        int dec[NFIELDS] = { 0 };
        if (fmt == MF_FMT_TEXT) {
            if (sec->n == 0)
                continue;
            if (sections++)
                putc('\n', out);   /* a blank line between tables */
            for (size_t i = 0; i < sec->shown; i++)
                sec->decimals(sec->items[i], dec);
        }
        if (fmt == MF_FMT_JSON)
            fprintf(out, ",\n  \"%s\": ", sec->key);
        rec_opts opts = { .aligned = 1, .record = sec->record, .item_indent = 4,
                          .close_indent = 2, .table = sec->table_name };
        rec_table t = sec->table;
        if (fmt == MF_FMT_SQL && k == 0)
            t.ndata--;   /* no "sums" (as CSV) */
        rec_writer *w = csv ? csv : rec_begin_table(out, fmt, &t, &opts);
        for (size_t i = 0; i < sec->shown; i++) {
            values(sec->values, sec->record, sec->items[i], &o, v,
                   fmt == MF_FMT_TEXT ? dec : NULL);
            rec_row(w, v);
        }
        if (!csv)
            err |= rec_end(w);
        if (fmt == MF_FMT_TEXT && sec->shown < sec->n)
            fprintf(out, "... %zu more function%s (--top %zu)\n", sec->n - sec->shown,
                    sec->n - sec->shown == 1 ? "" : "s", sec->shown);
    }
    values(total_values, "total", f, &o, v, NULL);
    if (fmt == MF_FMT_TEXT) {
        if (sections)
            putc('\n', out);
        if (o.peak[0])
            fprintf(out, "peak %s MiB over %llu MEM samples (mprof peak: %s MiB)\n", o.peak,
                    (unsigned long long)v[F_SAMPLES].u, o.mprof);
        else
            fputs("peak - (no MEM samples)\n", out);
    } else if (fmt == MF_FMT_JSON) {
        fprintf(out, ",\n  \"samples\": %llu,\n  \"peak_mib\": %s,\n  \"mprof_peak_mib\": %s\n}\n",
                (unsigned long long)v[F_SAMPLES].u, o.peak[0] ? o.peak : "null",
                o.mprof[0] ? o.mprof : "null");
    } else if (fmt == MF_FMT_SQL) {
        fputs("COMMIT;\n", out);   /* the total is the runs': sum(samples), max(peak_mib) */
    } else {
        rec_opts opts = { .record = "total" };
        rec_writer *w = csv ? csv : rec_begin(out, fmt, REC_COLS(TOTAL_JSON), &opts);
        rec_row(w, v);
        err |= rec_end(w);
    }
    return err || ferror(out) ? -1 : 0;
}

int mf_dat_emit_summary(FILE *out, int fmt, mf_dat_fold *f)
{
    return mf_dat_emit_summary_opts(out, fmt, f, NULL);
}

int mf_dat_emit_summary_opts(FILE *out, int fmt, mf_dat_fold *f, const mf_summary_opts *so)
{
    static const mf_summary_opts none = { 0, 0 };
    if (fmt == MF_FMT_OPENMETRICS || fmt == MF_FMT_BENCHMARK_JSON)
        return dat_emit_trend(out, fmt, f);
    const void **held = NULL;
    mf_guard g;
    if (GUARD(&g)) {
        xfree(held);
        return MF_ERR_NOMEM;
    }
    int rc = emit_summary(out, fmt, f, so ? so : &none, &held);
    guard_end(&g);
    xfree(held);
    return rc;
}
