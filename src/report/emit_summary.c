/* report/emit_summary.c -- print the fold's aggregates: an aligned table, CSV,
 * JSON or NDJSON.  Numbers are printed from fixed point, so the same
 * input always gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/records.h"
#include "core/trend.h"
#include "core/util.h"
#include "report/fold.h"

/* Every value a function's record may hold: the columns of the tables
   below show them (core/records.h). */
enum { F_FILE, F_FUNCTION, F_NAME, F_LOCATION, F_LINE, F_CALLS, F_CALLS_EST, F_BLOCKS, F_ROWS, F_PEAK, F_MIN, F_MEAN,
       F_ENTRY, F_EXIT, F_NET, F_RISE, F_HOT_LINE, F_HOT_INC, F_OCC, F_HASHES, F_SUMS, F_PER_RUN, NFIELDS };

/* One function's values as text; empty strings stand for "none". */
typedef struct fields {
    char line[24], calls[24], blocks[24], rows[24];
    char peak[64], min[64], mean[64], entry[64], exit[64], net[64], rise[64];
    char hot_line[24], hot_inc[64], occ[24];
    char sums[256];
    char *location;           /* file:line, freed by the caller */
    char *hashes;             /* source_hashes, freed by the caller; NULL: none */
} fields;


/* The exact sums behind mean, entry and exit, as integers in units of
   1/scale MiB: `memfold merge` adds them up without rounding. */
static void format_sums(const mf_func_stats *s, char *buf)
{
    __int128 unit = 1;
    for (int i = s->prec; i < MF_SCALE_DIGITS; i++)
        unit *= 10;
    size_t o = (size_t)sprintf(buf, "{\"scale\": 1");
    for (int i = 0; i < s->prec; i++)
        buf[o++] = '0';
    o += (size_t)sprintf(buf + o, ", \"mem\": ");
    o += put_i128(buf + o, sum_get(s->sum_mem) / unit);
    o += (size_t)sprintf(buf + o, ", \"entry\": ");
    o += put_i128(buf + o, sum_get(s->sum_entry) / unit);
    o += (size_t)sprintf(buf + o, ", \"exit\": ");
    o += put_i128(buf + o, sum_get(s->sum_exit) / unit);
    sprintf(buf + o, ", \"measured_calls\": %llu}", (unsigned long long)s->measured_calls);
}

/* A text table's decimals per field (the most of any row shown, see
   core/records.h), over the n functions of v. */
static void text_decimals(const mf_func_stats *const *v, size_t n, int *dec)
{
    for (int i = 0; i < NFIELDS; i++)
        dec[i] = 0;
    for (size_t i = 0; i < n; i++) {
        const mf_func_stats *s = v[i];
        int d = rec_derived_decimals(s->prec);
        if (s->rows) {
            dec[F_PEAK] = s->peak_dec.prec > dec[F_PEAK] ? s->peak_dec.prec : dec[F_PEAK];
            dec[F_MIN] = s->min_dec.prec > dec[F_MIN] ? s->min_dec.prec : dec[F_MIN];
            for (int k = F_MEAN; k <= F_NET; k++)
                if (d > dec[k])
                    dec[k] = d;
        }
        if (s->has_rise && s->prec > dec[F_RISE])
            dec[F_RISE] = s->prec > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : s->prec;
        if (s->has_hot && s->hot_dec.prec > dec[F_HOT_INC])
            dec[F_HOT_INC] = s->hot_dec.prec;
    }
}

/* *hold: the hashes, as soon as they are allocated (an out-of-memory jump
   after it leaves them to the caller to free).  dec: a text table's
   decimals per field (text_decimals); NULL: the exact values of the data
   formats. */
static void format_fields(const mf_func_stats *s, fields *f, rec_value *v, char **hold,
                          const int *dec)
{
    memset(f, 0, sizeof *f);
    snprintf(f->line, sizeof f->line, "%llu", (unsigned long long)s->line);
    snprintf(f->calls, sizeof f->calls, "%llu", (unsigned long long)s->ncalls);
    snprintf(f->blocks, sizeof f->blocks, "%llu", (unsigned long long)s->calls);
    snprintf(f->rows, sizeof f->rows, "%llu", (unsigned long long)s->rows);
    if (s->rows) {
        mf_format_decimal(f->peak, s->peak_dec);
        mf_format_decimal(f->min, s->min_dec);
    }
    if (s->rows && dec) {
        rec_pad(f->peak, sizeof f->peak, f->peak, dec[F_PEAK]);
        rec_pad(f->min, sizeof f->min, f->min, dec[F_MIN]);
        rec_fixed(f->mean, sum_get(s->sum_mem), s->rows, dec[F_MEAN]);
        rec_fixed(f->entry, sum_get(s->sum_entry), s->measured_calls, dec[F_ENTRY]);
        rec_fixed(f->exit, sum_get(s->sum_exit), s->measured_calls, dec[F_EXIT]);
        rec_fixed(f->net, sum_get(s->sum_exit) - sum_get(s->sum_entry), s->measured_calls,
                  dec[F_NET]);
    } else if (s->rows) {
        mf_format_derived(f->mean, mf_stats_mean(s), s->prec);
        mf_format_derived(f->entry, mf_stats_entry(s), s->prec);
        mf_format_derived(f->exit, mf_stats_exit(s), s->prec);
        mf_format_derived(f->net, mf_stats_net(s), s->prec);
    }
    if (s->has_rise)   /* exact: a difference of printed values */
        mf_format_scaled(f->rise, s->rise, dec ? dec[F_RISE] : s->prec);
    if (s->has_hot) {
        snprintf(f->hot_line, sizeof f->hot_line, "%llu", (unsigned long long)s->hot_line);
        mf_format_decimal(f->hot_inc, s->hot_dec);
        if (dec)
            rec_pad(f->hot_inc, sizeof f->hot_inc, f->hot_inc, dec[F_HOT_INC]);
    }
    if (s->occ_known)
        snprintf(f->occ, sizeof f->occ, "%llu", (unsigned long long)s->occurrences);
    format_sums(s, f->sums);
    if (s->nbody) {   /* 8 lowercase hex digits a row */
        f->hashes = *hold = xmalloc((size_t)s->nbody * 8 + 1);
        for (uint32_t i = 0; i < s->nbody; i++)
            snprintf(f->hashes + (size_t)i * 8, 9, "%08x", (unsigned)s->body[i]);
    }
    /* a table with no Filename: line: its file is unknown */
    const char *file = s->file[0] ? s->file : "<unknown>";
    size_t n = strlen(file) + strlen(f->line) + 2;
    f->location = xmalloc(n);
    snprintf(f->location, n, "%s:%s", file, f->line);

    v[F_FILE] = s->file[0] ? rec_str(s->file) : rec_none();
    v[F_FUNCTION] = rec_str(s->function);
    v[F_NAME] = rec_str(s->function ? s->function : "<unknown>");
    v[F_LOCATION] = rec_str(f->location);
    v[F_LINE] = rec_num(f->line);
    v[F_CALLS] = rec_num(f->calls);
    v[F_CALLS_EST] = rec_num(s->ncalls_estimated ? "true" : "false");
    v[F_BLOCKS] = rec_num(f->blocks);
    v[F_ROWS] = rec_num(f->rows);
    v[F_PEAK] = rec_num(f->peak);
    v[F_MIN] = rec_num(f->min);
    v[F_MEAN] = rec_num(f->mean);
    v[F_ENTRY] = rec_num(f->entry);
    v[F_EXIT] = rec_num(f->exit);
    v[F_NET] = rec_num(f->net);
    v[F_RISE] = rec_num(f->rise);
    v[F_HOT_LINE] = rec_num(f->hot_line);
    v[F_HOT_INC] = rec_num(f->hot_inc);
    v[F_OCC] = rec_num(f->occ);
    v[F_HASHES] = rec_str(f->hashes);
    v[F_SUMS] = rec_str(f->sums);
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
    case MF_SORT_CALLS: c = (a->ncalls < b->ncalls) - (a->ncalls > b->ncalls); break;
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
    const mf_func_stats **v = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = mf_fold_get(f, i);
    qsort_r(v, n, sizeof *v, cmp_stats, &sort);
    return v;
}

/* ---- the tables ----------------------------------------------------------- */

#define TEXT(name, field) { name, REC_TEXT, 1, 2, 0, field }
#define NUM(name, field) { name, REC_NUMBER, 0, 2, 0, field }
#define INUM(name, field) { name, REC_NUMBER_INT, 0, 2, 0, field }

/* An aligned table for people; names come from the input and are shown
   escaped. */
static const rec_column TEXT_COLS[] = {
    TEXT("FUNCTION", F_NAME), NUM("CALLS", F_CALLS), NUM("ROWS", F_ROWS),
    NUM("PEAK MiB", F_PEAK), NUM("MEAN MiB", F_MEAN), NUM("MIN MiB", F_MIN),
    NUM("ENTRY MiB", F_ENTRY), NUM("EXIT MiB", F_EXIT), NUM("NET MiB", F_NET), NUM("RISE MiB", F_RISE), NUM("HOT LINE", F_HOT_LINE), NUM("HOT +MiB", F_HOT_INC),
    NUM("OCCURRENCES", F_OCC), NUM("BLOCKS", F_BLOCKS), TEXT("LOCATION", F_LOCATION),
};

/* CSV, and JSON with more: the hashes and the exact sums (and per_run
   for `summary --runs`). */
#define DATA_COLUMNS \
    TEXT("file", F_FILE), TEXT("function", F_FUNCTION), INUM("line", F_LINE), \
    INUM("calls", F_CALLS), { "calls_estimated", REC_BOOL, 0, 2, 0, F_CALLS_EST }, \
    INUM("blocks", F_BLOCKS), \
    INUM("rows", F_ROWS), NUM("peak_mib", F_PEAK), NUM("min_mib", F_MIN), \
    NUM("mean_mib", F_MEAN), NUM("entry_mib", F_ENTRY), NUM("exit_mib", F_EXIT), \
    NUM("net_mib", F_NET), NUM("rise_mib", F_RISE), INUM("hot_line", F_HOT_LINE), \
    NUM("hot_increment_mib", F_HOT_INC), INUM("occurrences", F_OCC), \
    TEXT("source_hashes", F_HASHES), { "sums", REC_JSON, 0, 0, 0, F_SUMS }
static const rec_column DATA_COLS[] = { DATA_COLUMNS };
static const rec_column RUNS_COLS[] = { DATA_COLUMNS, { "per_run", REC_JSON, 0, 0, 0, F_PER_RUN } };
/* CSV and SQL leave out the last two: the hashes and the sums. */
enum { CSV_LEFT_OUT = 2 };

enum { I_PATH, I_BLOCKS, I_ROWS, I_SKIPPED, NINPUT };
static const rec_column INPUT_COLS[] = {
    TEXT("path", I_PATH), { "blocks", REC_INTEGER, 0, 0, 0, I_BLOCKS },
    { "rows", REC_INTEGER, 0, 0, 0, I_ROWS }, { "skipped_lines", REC_INTEGER, 0, 0, 0, I_SKIPPED },
};

/* ---- runs ------------------------------------------------------------------- */

/* The function s in each run alone, as JSON: null when it is not in the
   run, else its calls, peak, rise, net and mean (null when unknown).  The
   text is allocated into *hold (the caller frees it). */
static void format_per_run(const mf_func_stats *s, const mf_fold *const *runs, size_t nruns,
                           char **hold)
{
    size_t cap = 64 + nruns * 160, o = 0;
    char *buf = *hold = xmalloc(cap);
    buf[o++] = '[';
    for (size_t i = 0; i < nruns; i++) {
        const mf_func_stats *r = fold_find(runs[i], s);
        if (o + 160 > cap) {
            cap *= 2;
            buf = *hold = xrealloc(buf, cap);
        }
        if (i)
            o += (size_t)sprintf(buf + o, ", ");
        if (!r) {
            o += (size_t)sprintf(buf + o, "null");
            continue;
        }
        char peak[64] = "null", rise[64] = "null", net[64] = "null", mean[64] = "null";
        if (r->rows) {
            mf_format_decimal(peak, r->peak_dec);
            mf_format_derived(net, mf_stats_net(r), r->prec);
            mf_format_derived(mean, mf_stats_mean(r), r->prec);
        }
        if (r->has_rise)
            mf_format_scaled(rise, r->rise, r->prec);
        o += (size_t)snprintf(buf + o, cap - o, "{\"calls\": %llu, \"peak_mib\": %s, \"rise_mib\": %s, "
                              "\"net_mib\": %s, \"mean_mib\": %s}", (unsigned long long)r->ncalls,
                              peak, rise, net, mean);
    }
    buf[o++] = ']';
    buf[o] = '\0';
}

/* ---- %memit results -------------------------------------------------------- */

enum { M_PEAK, M_INC, M_STATEMENT, M_SOURCE, M_LINE, M_LOCATION, NMEMIT };

/* For people: after the functions, the statement last (it is long). */
static const rec_column MEMIT_TEXT_COLS[] = {
    NUM("PEAK MiB", M_PEAK), NUM("INC MiB", M_INC), TEXT("LOCATION", M_LOCATION),
    TEXT("%MEMIT STATEMENT", M_STATEMENT),
};

/* JSON's "memit" array, and NDJSON's "memit" records; numbers as printed. */
static const rec_column MEMIT_DATA_COLS[] = {
    { "peak_mib", REC_DECIMAL, 0, 0, 0, M_PEAK }, { "increment_mib", REC_DECIMAL, 0, 0, 0, M_INC },
    TEXT("statement", M_STATEMENT), TEXT("source", M_SOURCE),
    { "line", REC_INTEGER, 0, 0, 0, M_LINE },
};

static int cmp_memit(const void *pa, const void *pb, void *key)
{
    int sort_key = *(const int *)key;
    const mf_memit_stats *a = *(const mf_memit_stats *const *)pa;
    const mf_memit_stats *b = *(const mf_memit_stats *const *)pb;
    int c = 0;
    if (sort_key == MF_SORT_PEAK) {
        int64_t x = mf_decimal_scaled(a->peak), y = mf_decimal_scaled(b->peak);
        c = (x < y) - (x > y);
    } else if (sort_key == MF_SORT_NAME) {
        c = strcmp(a->statement ? a->statement : "", b->statement ? b->statement : "");
    }
    return c ? c : (a > b) - (a < b);   /* else in the order read */
}

/* The results, sorted as the functions are (peak, or name: the statement;
   else in the order read); *vp and *location are freed by the caller. */
static int emit_memits(FILE *out, int fmt, const mf_fold *f, int sort, int after,
                       const mf_memit_stats ***vp, char **location)
{
    size_t n = mf_fold_memit_count(f);
    const mf_memit_stats **v = *vp = xmalloc((n ? n : 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = mf_fold_memit_get(f, i);
    qsort_r(v, n, sizeof *v, cmp_memit, &sort);
    rec_opts opts = { .aligned = 1, .item_indent = 4, .close_indent = 2,
                      .record = fmt == MF_FMT_NDJSON ? "memit" : NULL, .table = "memit" };
    if (fmt == MF_FMT_JSON)
        fputs(",\n  \"memit\": ", out);
    else if (fmt == MF_FMT_TEXT && after)
        fputc('\n', out);
    rec_writer *w = fmt == MF_FMT_TEXT ? rec_begin(out, fmt, REC_COLS(MEMIT_TEXT_COLS), &opts)
                                       : rec_begin(out, fmt, REC_COLS(MEMIT_DATA_COLS), &opts);
    int dpeak = 0, dinc = 0;   /* text: one precision a column */
    for (size_t i = 0; fmt == MF_FMT_TEXT && i < n; i++) {
        dpeak = v[i]->peak.prec > dpeak ? v[i]->peak.prec : dpeak;
        if (v[i]->has_increment && v[i]->increment.prec > dinc)
            dinc = v[i]->increment.prec;
    }
    for (size_t i = 0; i < n; i++) {
        char peak[64], inc[64], line[24];
        mf_format_decimal(peak, v[i]->peak);
        mf_format_decimal(inc, v[i]->increment);
        if (fmt == MF_FMT_TEXT) {
            rec_pad(peak, sizeof peak, peak, dpeak);
            rec_pad(inc, sizeof inc, inc, dinc);
        }
        snprintf(line, sizeof line, "%llu", (unsigned long long)v[i]->line);
        size_t len = strlen(v[i]->source) + strlen(line) + 2;
        *location = xmalloc(len);
        snprintf(*location, len, "%s:%s", v[i]->source, line);
        rec_value row[NMEMIT];
        row[M_PEAK] = rec_dec(peak, strlen(peak), v[i]->peak);
        row[M_INC] = v[i]->has_increment ? rec_dec(inc, strlen(inc), v[i]->increment) : rec_none();
        row[M_STATEMENT] = rec_str(v[i]->statement);
        row[M_SOURCE] = rec_str(v[i]->source);
        row[M_LINE] = rec_u64(v[i]->line);
        row[M_LOCATION] = rec_str(*location);
        rec_row(w, row);
        xfree(*location);
        *location = NULL;
    }
    return rec_end(w);
}

/* The work of mf_emit_summary; what it allocates is in *v and *location,
   outside the frame an out-of-memory jump leaves (the records writers
   release themselves). */
__attribute__((noinline))
static int emit_summary(FILE *out, int fmt, const mf_fold *f, const mf_fold *const *runs,
                        size_t nruns, const mf_summary_opts *so, const mf_input_record *inputs,
                        size_t ninputs, uint64_t errors, const mf_func_stats ***vp,
                        const mf_memit_stats ***mp, char **location, char **hashes, char **per_run)
{
    int sort = so->sort;
    size_t all = mf_fold_count(f);
    size_t n = so->top && so->top < all ? (size_t)so->top : all;
    const mf_func_stats **v = *vp = sorted(f, sort);
    rec_opts opts = { .aligned = 1, .item_indent = 4, .close_indent = 2, .table = "functions" };
    const rec_column *cols = fmt == MF_FMT_TEXT ? TEXT_COLS : runs ? RUNS_COLS : DATA_COLS;
    size_t ncols = fmt == MF_FMT_TEXT ? REC_COUNT(TEXT_COLS)
                 : fmt == MF_FMT_CSV || fmt == MF_FMT_SQL ? REC_COUNT(DATA_COLS) - CSV_LEFT_OUT
                 : runs ? REC_COUNT(RUNS_COLS) : REC_COUNT(DATA_COLS);
    int dec[NFIELDS];
    if (fmt == MF_FMT_TEXT)
        text_decimals(v, n, dec);
    int err = 0;
    /* %memit results: a table after the functions (text), an array (JSON),
       records (NDJSON); CSV is the one table of functions.  A text summary
       of results only has no table of functions. */
    size_t nm = mf_fold_memit_count(f);
    int functions = fmt != MF_FMT_TEXT || n > 0 || nm == 0;
    if (fmt == MF_FMT_SQL)
        fputs("BEGIN;\n", out);
    if (fmt == MF_FMT_JSON && runs)
        fprintf(out, "{\n  \"memfold\": 1,\n  \"runs\": %zu,\n  \"functions\": ", nruns);
    else if (fmt == MF_FMT_JSON)
        fputs("{\n  \"memfold\": 1,\n  \"functions\": ", out);
    rec_writer *w = functions ? rec_begin(out, fmt, cols, ncols, &opts) : NULL;
    for (size_t i = 0; i < n; i++) {
        fields fs;
        rec_value row[NFIELDS];
        *hashes = NULL;
        *per_run = NULL;
        format_fields(v[i], &fs, row, hashes, fmt == MF_FMT_TEXT ? dec : NULL);
        *location = fs.location;
        row[F_PER_RUN] = rec_none();
        if (runs) {
            format_per_run(v[i], runs, nruns, per_run);
            row[F_PER_RUN] = rec_str(*per_run);
        }
        rec_row(w, row);
        *location = NULL;
        *hashes = NULL;
        xfree(fs.location);
        xfree(fs.hashes);
        xfree(*per_run);
        *per_run = NULL;
    }
    if (w)
        err |= rec_end(w);
    if (fmt == MF_FMT_TEXT && n < all)
        fprintf(out, "... %zu more function%s (--top %zu)\n", all - n, all - n == 1 ? "" : "s", n);
    if (nm && fmt != MF_FMT_CSV)
        err |= emit_memits(out, fmt, f, sort, functions, mp, location);
    if (fmt == MF_FMT_JSON) {
        fputs(",\n  \"inputs\": ", out);
        w = rec_begin(out, fmt, INPUT_COLS, REC_COUNT(INPUT_COLS), &opts);
        for (size_t i = 0; i < ninputs; i++) {
            const mf_input_stats *st = &inputs[i].stats;
            rec_value row[NINPUT] = { rec_str(inputs[i].path), rec_u64(st->blocks),
                                      rec_u64(st->rows), rec_u64(st->skipped_lines) };
            rec_row(w, row);
        }
        err |= rec_end(w);
        fprintf(out, ",\n  \"errors\": %llu\n}\n", (unsigned long long)errors);
    }
    if (fmt == MF_FMT_SQL)
        fputs("COMMIT;\n", out);
    return err || ferror(out) ? -1 : 0;
}

static int emit_guarded(FILE *out, int fmt, const mf_fold *f, const mf_fold *const *runs,
                        size_t nruns, const mf_summary_opts *so, const mf_input_record *inputs,
                        size_t ninputs, uint64_t errors)
{
    if (fmt == MF_FMT_OPENMETRICS || fmt == MF_FMT_BENCHMARK_JSON)   /* report/emit_trend.c */
        return report_emit_trend(out, fmt, f);
    const mf_func_stats **v = NULL;
    const mf_memit_stats **m = NULL;
    char *location = NULL, *hashes = NULL, *per_run = NULL;
    mf_guard g;
    if (GUARD(&g)) {
        xfree(v);
        xfree(m);
        xfree(location);
        xfree(hashes);
        xfree(per_run);
        return MF_ERR_NOMEM;
    }
    int rc = emit_summary(out, fmt, f, runs, nruns, so, inputs, ninputs, errors, &v, &m,
                          &location, &hashes, &per_run);
    guard_end(&g);
    xfree(v);
    xfree(m);
    return rc;
}

int mf_emit_summary(FILE *out, int fmt, const mf_fold *f, int sort,
                    const mf_input_record *inputs, size_t ninputs, uint64_t errors)
{
    mf_summary_opts so = { sort, 0 };
    return emit_guarded(out, fmt, f, NULL, 0, &so, inputs, ninputs, errors);
}

int mf_emit_summary_opts(FILE *out, int fmt, const mf_fold *f, const mf_summary_opts *o,
                         const mf_input_record *inputs, size_t ninputs, uint64_t errors)
{
    mf_summary_opts so = { 0, 0 };
    return emit_guarded(out, fmt, f, NULL, 0, o ? o : &so, inputs, ninputs, errors);
}

int mf_emit_summary_runs(FILE *out, const mf_fold *total, const mf_fold *const *runs, size_t nruns,
                         int sort, const mf_input_record *inputs, size_t ninputs, uint64_t errors)
{
    static const mf_fold *const none[1] = { NULL };
    mf_summary_opts so = { sort, 0 };
    return emit_guarded(out, MF_FMT_JSON, total, nruns ? runs : none, nruns, &so, inputs,
                        ninputs, errors);
}
