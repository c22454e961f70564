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
#include "core/records.h"
#include "core/util.h"

/* ---- values ------------------------------------------------------------- */

/* Every value a record of the .dat summary may hold: the columns of the
   tables below show them (core/records.h). */
enum { F_RECORD, F_SOURCE, F_RUN, F_PID, F_FUNCTION, F_CALLS, F_SAMPLES, F_DURATION,
       F_MEAN_DURATION, F_PEAK, F_MEAN, F_DEPTH, F_MPROF, F_COMMAND, NFIELDS };

/* The text of a record's numbers; "" stands for none. */
typedef struct fields {
    char run[24], pid[24], calls[24], samples[24], depth[24];
    char duration[64], mean_duration[64], peak[64], mean[64], mprof[64];
} fields;

static void values_init(fields *o, rec_value *v, const char *record)
{
    memset(o, 0, sizeof *o);
    for (int i = 0; i < NFIELDS; i++)
        v[i] = rec_none();
    v[F_RECORD] = rec_str(record);
}

/* The numbers are written in o: which of them there are. */
static void values_done(fields *o, rec_value *v)
{
    v[F_RUN] = rec_num(o->run);
    v[F_PID] = rec_num(o->pid);
    v[F_CALLS] = rec_num(o->calls);
    v[F_SAMPLES] = rec_num(o->samples);
    v[F_DEPTH] = rec_num(o->depth);
    v[F_DURATION] = rec_num(o->duration);
    v[F_MEAN_DURATION] = rec_num(o->mean_duration);
    v[F_PEAK] = rec_num(o->peak);
    v[F_MEAN] = rec_num(o->mean);
    v[F_MPROF] = rec_num(o->mprof);
}

static void u64_text(char *buf, uint64_t v)
{
    snprintf(buf, 24, "%llu", (unsigned long long)v);
}

static void func_values(const mf_dat_fold *f, size_t i, fields *o, rec_value *v)
{
    const mf_dat_func_stats *fs, *s;
    mf_dat_fold_functions((mf_dat_fold *)f, &fs);
    s = &fs[i];
    values_init(o, v, "function");
    v[F_FUNCTION] = rec_str(s->function);
    u64_text(o->calls, s->calls);
    u64_text(o->samples, s->samples);
    if (s->calls) {
        mf_format_scaled(o->duration, s->total_duration, s->time_prec);
        mf_format_derived(o->mean_duration, s->mean_duration, s->time_prec);
        mf_format_decimal(o->peak, s->peak);
        mf_format_derived(o->mean, s->mean, s->mem_prec);
    }
    if (s->depth >= 0)
        snprintf(o->depth, sizeof o->depth, "%d", s->depth);
    values_done(o, v);
}

static void run_values(const mf_dat_fold *f, size_t i, fields *o, rec_value *v)
{
    const mf_dat_run_stats *rs, *r;
    mf_dat_fold_runs((mf_dat_fold *)f, &rs);
    r = &rs[i];
    values_init(o, v, "run");
    v[F_SOURCE] = rec_str(r->source);
    v[F_COMMAND] = rec_str(r->command);
    u64_text(o->run, r->run);
    u64_text(o->samples, r->samples);
    if (r->samples) {
        mf_format_scaled(o->duration, r->last_time - r->first_time, r->time_prec);
        mf_format_decimal(o->peak, r->peak);
    }
    values_done(o, v);
}

static void child_values(const mf_dat_fold *f, size_t i, fields *o, rec_value *v)
{
    const mf_dat_child_stats *cs, *c;
    mf_dat_fold_children((mf_dat_fold *)f, &cs);
    c = &cs[i];
    values_init(o, v, "child");
    v[F_SOURCE] = rec_str(c->source);
    u64_text(o->pid, c->pid);
    u64_text(o->samples, c->samples);
    mf_format_decimal(o->peak, c->peak);
    mf_dat_format_mprof(o->mprof, c->peak);
    values_done(o, v);
}

static void total_values(const mf_dat_fold *f, fields *o, rec_value *v)
{
    mf_decimal peak;
    values_init(o, v, "total");
    uint64_t n = mf_dat_fold_peak(f, &peak);
    u64_text(o->samples, n);
    if (n) {
        mf_format_decimal(o->peak, peak);
        mf_dat_format_mprof(o->mprof, peak);
    }
    values_done(o, v);
}

/* ---- the tables --------------------------------------------------------- */

#define TEXT(name, field) { name, REC_TEXT, 1, 2, 0, field }
#define NUM(name, field) { name, REC_NUMBER, 0, 2, 0, field }

/* CSV: one table of every kind of record. */
static const rec_column CSV_COLS[] = {
    TEXT("record", F_RECORD), TEXT("source", F_SOURCE), NUM("run", F_RUN), NUM("pid", F_PID),
    TEXT("function", F_FUNCTION), NUM("calls", F_CALLS), NUM("samples", F_SAMPLES),
    NUM("duration_s", F_DURATION), NUM("mean_duration_s", F_MEAN_DURATION),
    NUM("peak_mib", F_PEAK), NUM("mean_mib", F_MEAN), NUM("depth", F_DEPTH),
    NUM("mprof_peak_mib", F_MPROF), TEXT("command", F_COMMAND),
};

/* Text (aligned tables) and JSON: a table per kind. */
static const rec_column FUNC_TEXT[] = {
    TEXT("FUNCTION", F_FUNCTION), NUM("CALLS", F_CALLS), NUM("SAMPLES", F_SAMPLES),
    NUM("TOTAL s", F_DURATION), NUM("MEAN s", F_MEAN_DURATION), NUM("PEAK MiB", F_PEAK),
    NUM("MEAN MiB", F_MEAN), NUM("DEPTH", F_DEPTH),
};
static const rec_column FUNC_JSON[] = {
    TEXT("function", F_FUNCTION), NUM("calls", F_CALLS), NUM("samples", F_SAMPLES),
    NUM("total_duration_s", F_DURATION), NUM("mean_duration_s", F_MEAN_DURATION),
    NUM("peak_mib", F_PEAK), NUM("mean_mib", F_MEAN), NUM("depth", F_DEPTH),
};
static const rec_column RUN_TEXT[] = {
    NUM("RUN", F_RUN), NUM("SAMPLES", F_SAMPLES), NUM("DURATION s", F_DURATION),
    NUM("PEAK MiB", F_PEAK), TEXT("SOURCE", F_SOURCE), TEXT("COMMAND", F_COMMAND),
};
static const rec_column RUN_JSON[] = {
    TEXT("source", F_SOURCE), NUM("run", F_RUN), TEXT("command", F_COMMAND),
    NUM("samples", F_SAMPLES), NUM("duration_s", F_DURATION), NUM("peak_mib", F_PEAK),
};
static const rec_column CHILD_TEXT[] = {
    NUM("CHILD", F_PID), NUM("SAMPLES", F_SAMPLES), NUM("PEAK MiB", F_PEAK),
    NUM("MPROF PEAK", F_MPROF), TEXT("SOURCE", F_SOURCE),
};
static const rec_column CHILD_JSON[] = {
    TEXT("source", F_SOURCE), NUM("pid", F_PID), NUM("samples", F_SAMPLES),
    NUM("peak_mib", F_PEAK), NUM("mprof_peak_mib", F_MPROF),
};
static const rec_column TOTAL_JSON[] = {
    NUM("samples", F_SAMPLES), NUM("peak_mib", F_PEAK), NUM("mprof_peak_mib", F_MPROF),
};

#define COLS(a) (a), sizeof(a) / sizeof(a)[0]

typedef struct section {
    const char *record, *key;      /* NDJSON's record kind, JSON's key */
    const rec_column *text, *json;
    size_t ntext, njson;
    void (*values)(const mf_dat_fold *f, size_t i, fields *o, rec_value *v);
} section;

static size_t section_count(mf_dat_fold *f, int k)
{
    const mf_dat_func_stats *fs;
    const mf_dat_run_stats *rs;
    const mf_dat_child_stats *cs;
    return k == 0 ? mf_dat_fold_functions(f, &fs) : k == 1 ? mf_dat_fold_runs(f, &rs)
                                                            : mf_dat_fold_children(f, &cs);
}

int mf_dat_emit_summary(FILE *out, int fmt, mf_dat_fold *f)
{
    static const section SECTIONS[] = {
        { "function", "functions", FUNC_TEXT, FUNC_JSON, 8, 8, func_values },
        { "run", "runs", RUN_TEXT, RUN_JSON, 6, 6, run_values },
        { "child", "children", CHILD_TEXT, CHILD_JSON, 5, 5, child_values },
    };
    fields o;
    rec_value v[NFIELDS];
    rec_writer *csv = fmt == MF_FMT_CSV ? rec_begin(out, fmt, COLS(CSV_COLS), NULL) : NULL;
    int sections = 0, err = 0;

    if (fmt == MF_FMT_JSON)
        fputs("{\n  \"memfold\": 1,\n  \"kind\": \"mprof\"", out);
    for (int k = 0; k < 3; k++) {
        const section *sec = &SECTIONS[k];
        size_t n = section_count(f, k);
        if (fmt == MF_FMT_TEXT) {
            if (n == 0)
                continue;
            if (sections++)
                putc('\n', out);   /* a blank line between tables */
        }
        if (fmt == MF_FMT_JSON)
            fprintf(out, ",\n  \"%s\": ", sec->key);
        rec_opts opts = { 1, sec->record, 4, 2 };
        rec_writer *w = csv ? csv
                      : fmt == MF_FMT_TEXT ? rec_begin(out, fmt, sec->text, sec->ntext, &opts)
                                           : rec_begin(out, fmt, sec->json, sec->njson, &opts);
        for (size_t i = 0; i < n; i++) {
            sec->values(f, i, &o, v);
            rec_row(w, v);
        }
        if (!csv)
            err |= rec_end(w);
    }
    total_values(f, &o, v);
    if (fmt == MF_FMT_TEXT) {
        if (sections)
            putc('\n', out);
        if (o.peak[0])
            fprintf(out, "peak %s MiB over %s MEM samples (mprof peak: %s MiB)\n", o.peak,
                    o.samples, o.mprof);
        else
            fputs("peak - (no MEM samples)\n", out);
    } else if (fmt == MF_FMT_JSON) {
        fprintf(out, ",\n  \"samples\": %s,\n  \"peak_mib\": %s,\n  \"mprof_peak_mib\": %s\n}\n",
                o.samples, o.peak[0] ? o.peak : "null", o.mprof[0] ? o.mprof : "null");
    } else {
        rec_opts opts = { 0, "total", 0, 0 };
        rec_writer *w = csv ? csv : rec_begin(out, fmt, COLS(TOTAL_JSON), &opts);
        rec_row(w, v);
        err |= rec_end(w);
    }
    return err || ferror(out) ? -1 : 0;
}
