/* test_oom.c -- out of memory never ends the program: with an allocator
 * that fails at the Nth allocation (N = 0, 1, 2, ... until the whole job
 * runs through), every public call returns an error or succeeds, nothing
 * crashes, and (under SANITIZE=1) nothing leaks.  The job is the one the
 * command line runs: parse, validate, fold, emit a corpus report (and its
 * lines), read the summary JSON back, diff two profiles; parse, check,
 * fold and emit a .dat file. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "memfold.h"
#include "memfold_dat.h"

/* ---- the failing allocator ----------------------------------------------- */

static long n_allocs, fail_at = -1;
static int fail_rest;   /* fail every allocation from fail_at on, not only that one */
static long n_failed;

static int should_fail(void)
{
    long i = n_allocs++;
    if (fail_at >= 0 && (i == fail_at || (fail_rest && i > fail_at))) {
        n_failed++;
        return 1;
    }
    return 0;
}

static void *t_malloc(size_t n) { return should_fail() ? NULL : malloc(n); }
static void *t_realloc(void *p, size_t n) { return should_fail() ? NULL : realloc(p, n); }

/* ---- the job ---------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, fp);
    fclose(fp);
    return buf;
}

typedef struct job {
    mf_validator *v;
    mf_fold *f;
    mf_lines_writer *w;
    mf_diag_printer *dp;
    int nomem;        /* some call said MF_ERR_NOMEM */
    int bad;          /* some call failed otherwise */
} job;

static void on_diag(const mf_diag *d, void *user)
{
    job *j = user;
    if (j->dp)
        mf_diag_print(d, j->dp);
}

/* After MF_ERR_NOMEM an object may only be freed: the job stops. */
static int on_block(const mf_block *b, void *user)
{
    job *j = user;
    if (mf_validate_block(j->v, b) == (size_t)-1 || mf_fold_block(j->f, b) != MF_OK ||
        mf_lines_block(j->w, b) != MF_OK)
        j->nomem = 1;
    return j->nomem;
}

/* A %memit result: kept by the fold, written as a record. */
static int on_memit(const mf_memit *m, void *user)
{
    job *j = user;
    if (mf_fold_memit(j->f, m) != MF_OK || mf_lines_memit(j->w, m) != MF_OK)
        j->nomem = 1;
    return j->nomem;
}

/* The status of a call that may run out of memory. */
static void status(job *j, int rc, const mf_error *e)
{
    if (rc == MF_ERR_NOMEM && (!e || e->code == MF_ERR_NOMEM))
        j->nomem = 1;
    else if (rc != MF_OK)
        j->bad = 1;
}

/* A report: returns 1 when every call succeeded, 0 when one ran out of
   memory (and sets *bad on any other failure). */
static int report_job(const char *text, size_t len, FILE *out, int *bad)
{
    job j = { 0 };
    mf_error e;
    char *json = NULL;
    size_t json_len = 0;
    j.v = mf_validator_new(on_diag, &j);
    j.f = mf_fold_new();
    j.w = mf_lines_begin(out, MF_FMT_CSV, 1);
    j.dp = mf_diag_printer_new(out, MF_DIAG_SARIF, 0);
    mf_parser *p = mf_parser_new(on_block, on_diag, &j);
    mf_fold *back = mf_fold_new();
    mf_profile *old = mf_profile_new(), *now = mf_profile_new();
    mf_json_inputs inputs = { NULL, 0, 0, 0 };
    if (!j.v || !j.f || !j.w || !j.dp || !p || !back || !old || !now) {
        j.nomem = 1;
        goto done;
    }
    mf_parser_on_memit(p, on_memit);
    status(&j, mf_parser_set_prefix(p, NULL, &e), &e);
    mf_input_stats st;
    if (!j.nomem)
        status(&j, mf_parse_buffer(p, text, len, "basic_calls.log", &st, &e), &e);
    if (j.nomem)
        goto done;
    mf_validate_input(j.v, "basic_calls.log", &st);
    FILE *mem = open_memstream(&json, &json_len);   /* the C library's memory */
    mf_input_record rec = { "basic_calls.log", st };
    status(&j, mf_emit_summary(mem, MF_FMT_JSON, j.f, MF_SORT_PEAK, &rec, 1, 0), NULL);
    fclose(mem);
    status(&j, mf_emit_summary(out, MF_FMT_TEXT, j.f, MF_SORT_PEAK, NULL, 0, 0), NULL);
    status(&j, mf_emit_summary(out, MF_FMT_OPENMETRICS, j.f, MF_SORT_FIRST, NULL, 0, 0), NULL);
    status(&j, mf_emit_summary(out, MF_FMT_BENCHMARK_JSON, j.f, MF_SORT_FIRST, NULL, 0, 0), NULL);
    if (!j.nomem) {   /* a summary cut short is no summary */
        status(&j, mf_fold_load_json(back, json, json_len, &inputs, &e), &e);
        if (!j.nomem)
            status(&j, mf_profile_load_json(old, json, json_len, &e), &e);
        if (!j.nomem)
            status(&j, mf_profile_add_fold(now, back), NULL);
        mf_diff_opts o = { 0 };
        o.metrics = (1u << MF_METRIC_PEAK) | (1u << MF_METRIC_RISE);
        o.limits[MF_METRIC_PEAK].has_rel = 1;
        o.limits[MF_METRIC_PEAK].max_rel_ppm = 10000000;
        mf_diff *d = j.nomem ? NULL : mf_diff_new(&o);
        if (!j.nomem && !d)
            j.nomem = 1;
        if (d) {
            status(&j, mf_diff_add(d, 0, old), NULL);
            if (!j.nomem)
                status(&j, mf_diff_add(d, 1, now), NULL);
            if (!j.nomem)
                status(&j, mf_diff_compare(d), NULL);
            for (int fmt = MF_FMT_TEXT; fmt <= MF_FMT_JSON && !j.nomem; fmt++)
                status(&j, mf_diff_write(d, out, fmt, 0), NULL);
            if (!j.nomem)
                status(&j, mf_diff_write(d, out, MF_FMT_MARKDOWN, 0), NULL);
            if (!j.nomem)
                status(&j, mf_diff_write(d, out, MF_FMT_JUNIT, 0), NULL);
            if (!j.nomem)
                status(&j, mf_diff_write(d, out, MF_FMT_GITHUB, 0), NULL);
            mf_diff_free(d);
        }
    }
    mf_plot_opts po = { 0, NULL, 0 };
    if (!j.nomem)
        status(&j, mf_plot_functions(out, j.f, &po), NULL);
done:
    if (j.w && mf_lines_end(j.w) != 0)
        j.bad = 1;
    if (j.dp)
        mf_diag_printer_finish(j.dp, NULL, NULL);
    mf_json_inputs_free(&inputs);
    free(json);
    mf_parser_free(p);
    mf_validator_free(j.v);
    mf_fold_free(j.f);
    mf_fold_free(back);
    mf_profile_free(old);
    mf_profile_free(now);
    *bad |= j.bad;
    return !j.nomem;
}

typedef struct dat_job {
    mf_dat_validator *v;
    mf_dat_fold *f;
    mf_dat_lines_writer *w;
    mf_timeline *t;
    int nomem;
} dat_job;

static int on_record(const mf_dat_record *r, void *user)
{
    dat_job *j = user;
    if (mf_dat_validate_record(j->v, r) == (size_t)-1 || mf_dat_fold_record(j->f, r) != MF_OK ||
        mf_dat_lines_record(j->w, r->source, r) != MF_OK || mf_timeline_add(j->t, r) != MF_OK)
        j->nomem = 1;
    return j->nomem;
}

static int dat_job_run(const char *text, size_t len, FILE *out, int *bad)
{
    dat_job j = { 0 };
    mf_error e;
    j.v = mf_dat_validator_new(NULL, NULL);
    j.f = mf_dat_fold_new();
    j.w = mf_dat_lines_begin(out, MF_FMT_JSON);
    j.t = mf_timeline_new();
    mf_input *in = mf_input_memory(text, len);
    mf_profile *prof = mf_profile_new();
    if (!j.v || !j.f || !j.w || !j.t || !in || !prof) {
        j.nomem = 1;
        goto done;
    }
    int rc = mf_dat_parse(in, "mprof_func.dat", on_record, NULL, &j, NULL, &e);
    if (rc == MF_ERR_NOMEM && e.code == rc)
        j.nomem = 1;
    else if (rc != MF_OK)
        *bad = 1;
    if (!j.nomem && mf_dat_emit_summary(out, MF_FMT_TEXT, j.f) == MF_ERR_NOMEM)
        j.nomem = 1;
    if (!j.nomem && mf_profile_add_dat(prof, j.f) == MF_ERR_NOMEM)
        j.nomem = 1;
    /* its summary JSON, read back (merge, diff); the trend formats */
    char *json = NULL;
    size_t json_len = 0;
    mf_dat_fold *back = NULL;
    if (!j.nomem) {
        FILE *mem = open_memstream(&json, &json_len);   /* the C library's memory */
        rc = mf_dat_emit_summary(mem, MF_FMT_JSON, j.f);
        fclose(mem);
        if (rc == MF_ERR_NOMEM)
            j.nomem = 1;
    }
    if (!j.nomem && !(back = mf_dat_fold_new()))
        j.nomem = 1;
    if (!j.nomem) {
        rc = mf_dat_fold_load_json(back, json, json_len, &e);
        if (rc == MF_ERR_NOMEM)
            j.nomem = 1;
        else if (rc != MF_OK)
            *bad = 1;
    }
    if (!j.nomem && mf_profile_load_json(prof, json, json_len, &e) == MF_ERR_NOMEM)
        j.nomem = 1;
    if (!j.nomem && mf_dat_emit_summary(out, MF_FMT_OPENMETRICS, back) == MF_ERR_NOMEM)
        j.nomem = 1;
    if (!j.nomem && mf_dat_emit_summary(out, MF_FMT_BENCHMARK_JSON, j.f) == MF_ERR_NOMEM)
        j.nomem = 1;
    free(json);
    mf_dat_fold_free(back);
    mf_plot_opts po = { 0, NULL, 0 };
    if (!j.nomem && mf_plot_timeline_of(out, j.t, &po) == MF_ERR_NOMEM)
        j.nomem = 1;
done:
    if (j.w) {   /* the rows are written at the end (in time order) */
        rc = mf_dat_lines_end(j.w);
        if (rc == MF_ERR_NOMEM)
            j.nomem = 1;
        else if (rc != 0)
            *bad = 1;
    }
    mf_input_close(in);
    mf_profile_free(prof);
    mf_dat_validator_free(j.v);
    mf_dat_fold_free(j.f);
    mf_timeline_free(j.t);
    return !j.nomem;
}

/* The reader: detect, parse, check, hand on -- into a fold and a summary. */
static int reader_block(const mf_block *b, int verdict, void *user)
{
    job *j = user;
    if (verdict == MF_KEPT && mf_fold_block(j->f, b) != MF_OK)
        j->nomem = 1;
    return j->nomem;
}

static int reader_job(const char *text, size_t len, FILE *out, int *bad)
{
    job j = { 0 };
    mf_error e;
    mf_reader_handlers h = { .on_block = reader_block };
    mf_reader *r = mf_reader_new(&h, &j);
    j.f = mf_fold_new();
    mf_input *in = mf_input_memory(text, len);
    if (!r || !j.f || !in) {
        j.nomem = 1;
        goto done;
    }
    int rc = mf_reader_set_check(r, "no-def", MF_LEVEL_ERROR);
    if (rc == MF_OK)
        rc = mf_reader_strict(r);
    if (rc == MF_OK)
        rc = mf_reader_read(r, in, "basic_calls.log", NULL, NULL, &e);
    if (rc == MF_ERR_NOMEM)
        j.nomem = 1;
    else if (rc != MF_OK)
        *bad = 1;
    if (!j.nomem)
        status(&j, mf_emit_summary(out, MF_FMT_CSV, j.f, MF_SORT_FIRST, NULL, 0, 0), NULL);
done:
    mf_input_close(in);
    mf_reader_free(r);
    mf_fold_free(j.f);
    return !j.nomem;
}

/* Run job with the Nth allocation failing, N = 0, 1, ... until it runs
   through; how many N there were in *runs. */
static int each_failure(int (*run)(const char *, size_t, FILE *, int *), const char *text,
                        size_t len, FILE *out, int rest, long *runs, long *failed_runs)
{
    int bad = 0;
    fail_rest = rest;
    for (fail_at = 0; fail_at < 100000; fail_at++) {
        n_allocs = n_failed = 0;
        int ok = run(text, len, out, &bad);
        if (n_failed == 0 && ok)
            break;   /* N past the job's allocations: it ran through */
        if (n_failed == 0) {   /* said out of memory, and none failed */
            (*failed_runs)++;
            printf("#   N = %ld: out of memory, but no allocation failed\n", fail_at);
        }
        /* a job may run through a failed allocation it can do without (the
           look for a byte-order mark on mf_parser_set_prefix's test input) */
    }
    *runs = fail_at;
    fail_at = -1;
    return !bad && fail_at < 100000;
}

/* The checks of one job: it runs through as it is; with the Nth
   allocation failing, for every N it makes, it says out of memory; and
   with every allocation from the Nth on failing, too. */
static void fail_each(int (*run)(const char *, size_t, FILE *, int *), const char *text,
                      size_t len, FILE *out)
{
    int bad = 0;
    n_allocs = 0;
    CHECK(run(text, len, out, &bad) && !bad);
    long total = n_allocs, runs = 0, wrong = 0;
    CHECK(each_failure(run, text, len, out, 0, &runs, &wrong));
    CHECK(runs == total && wrong == 0);
    printf("# %ld allocations, each one failed in turn\n", total);
    CHECK(each_failure(run, text, len, out, 1, &runs, &wrong));
    CHECK(wrong == 0);
}

int main(void)
{
    size_t len, dlen;
    char *text = read_file("tests/corpus/basic_calls.log", &len);
    char *dat = read_file("tests/corpus/mprof_func.dat", &dlen);
    FILE *out = fopen("/dev/null", "w");
    if (!text || !dat || !out) {
        printf("[FAIL] the corpus files (run from the top of the tree)\n");
        return 1;
    }
    mf_set_alloc_funcs(t_malloc, t_realloc, free);

    CASE("a report: parse, check, fold, emit, read back, diff, plot -- the Nth allocation fails");
    {
        int bad = 0;
        n_allocs = 0;
        CHECK(report_job(text, len, out, &bad) && !bad);
        long total = n_allocs, runs = 0, wrong = 0;
        CHECK(total > 20);
        CHECK(each_failure(report_job, text, len, out, 0, &runs, &wrong));
        CHECK(runs == total && wrong == 0);
        printf("# %ld allocations, each one failed in turn\n", total);
    }

    CASE("a report: every allocation from the Nth on fails");
    {
        long runs = 0, wrong = 0;
        CHECK(each_failure(report_job, text, len, out, 1, &runs, &wrong));
        CHECK(runs > 20 && wrong == 0);
    }

    CASE("a report with %memit results: parse, fold, emit, read back, diff -- the Nth allocation fails");
    {
        size_t mlen;
        char *memit = read_file("tests/corpus/ipython_memit_tty.log", &mlen);
        CHECK(memit != NULL && mlen > 0);
        if (memit) {
            char *both = malloc(len + mlen);
            memcpy(both, text, len);
            memcpy(both + len, memit, mlen);
            fail_each(report_job, both, len + mlen, out);
            free(both);
            free(memit);
        }
    }

    CASE("a .dat file: parse, check, fold, lines, summary, profile, timeline -- the Nth allocation fails");
    fail_each(dat_job_run, dat, dlen, out);

    CASE("the reader: check settings, read, fold, summary -- the Nth allocation fails");
    fail_each(reader_job, text, len, out);

    CASE("the reader on a Jupyter notebook: its text, cells and diagnostics -- the Nth allocation fails");
    {
        size_t nlen;
        char *nb = read_file("tests/corpus/notebooks/mprun.ipynb", &nlen);
        CHECK(nb && nlen > 1000);
        if (nb)
            fail_each(reader_job, nb, nlen, out);
        free(nb);
    }

    CASE("a gzip input whose buffers cannot be had: an error, not a crash");
    {
        static const unsigned char gz[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0,
                                            0, 0, 0, 0 };
        long runs = 0;
        for (fail_at = 0; fail_at < 10; fail_at++, runs++) {
            n_allocs = n_failed = 0;
            mf_input *in = mf_input_memory((const char *)gz, sizeof gz);
            char buf[16];
            if (in) {
                mf_input_read(in, buf, sizeof buf);
                CHECK(n_failed == 0 || mf_input_error(in) != 0 || mf_input_data_error(in));
                mf_input_close(in);
            }
        }
        fail_at = -1;
        CHECK(runs == 10);
    }

    CASE("mf_set_alloc_funcs(NULL, NULL, NULL) restores malloc; mf_status_str names the codes");
    mf_set_alloc_funcs(NULL, NULL, NULL);
    n_allocs = 0;
    mf_fold *f = mf_fold_new();
    CHECK(f && n_allocs == 0);
    mf_fold_free(f);
    CHECK_STR(mf_status_str(MF_ERR_NOMEM), "out of memory");
    CHECK_STR(mf_status_str(MF_OK), "success");

    fclose(out);
    free(text);
    free(dat);
    return DONE();
}
