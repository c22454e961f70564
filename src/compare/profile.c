/* compare/profile.c -- one side of a `memfold diff`: per-function figures, from
 * the fold of reports or of a `summary -f json` file written earlier. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/util.h"

mf_profile *mf_profile_new(void)
{
    mf_profile *p = try_zalloc(sizeof *p);
    if (p)
        p->runs = 1;
    return p;
}

void mf_profile_free(mf_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        xfree(p->funcs[i].file);
        xfree(p->funcs[i].function);
        xfree(p->funcs[i].body);
    }
    xfree(p->funcs);
    for (size_t i = 0; i < p->nmemits; i++)
        xfree(p->memits[i].statement);
    xfree(p->memits);
    xfree(p);
}

static mf_profile_func *push(mf_profile *p)
{
    XGROW(p->funcs, p->cap, p->n, 16);
    mf_profile_func *f = &p->funcs[p->n++];
    memset(f, 0, sizeof *f);
    f->has_net = 1;
    f->run = p->runs ? p->runs - 1 : 0;
    return f;
}

int mf_profile_add_fold(mf_profile *p, const mf_fold *fold)
{
    mf_guard g;
    if (GUARD(&g))
        return MF_ERR_NOMEM;
    for (size_t i = 0; i < mf_fold_count(fold); i++) {
        const mf_func_stats *s = mf_fold_get(fold, i);
        mf_profile_func *f = push(p);
        f->file = xstrndup(s->file, strlen(s->file));
        f->function = s->function ? xstrndup(s->function, strlen(s->function)) : NULL;
        f->line = s->line;
        f->def_line = s->def_line;
        f->calls = s->ncalls ? s->ncalls : s->calls;   /* the calls the reports tell */
        f->rows = s->rows;
        f->peak = s->peak;
        f->mean = mf_stats_mean(s);
        f->net = mf_stats_net(s);
        f->prec = s->prec;
        f->has_values = s->rows > 0;
        f->has_rise = s->has_rise;
        f->rise = s->rise;
        if (s->nbody) {
            f->body = xmalloc(s->nbody * sizeof *f->body);
            memcpy(f->body, s->body, s->nbody * sizeof *f->body);
            f->nbody = s->nbody;
        }
    }
    for (size_t i = 0; i < mf_fold_memit_count(fold); i++) {
        const mf_memit_stats *s = mf_fold_memit_get(fold, i);
        XGROW(p->memits, p->capmemits, p->nmemits, 8);
        mf_profile_memit *m = &p->memits[p->nmemits++];
        memset(m, 0, sizeof *m);
        m->statement = s->statement ? xstrndup(s->statement, strlen(s->statement)) : NULL;
        m->has_increment = s->has_increment;
        m->peak = mf_decimal_scaled(s->peak);
        m->increment = s->has_increment ? mf_decimal_scaled(s->increment) : 0;
        m->prec = s->peak.prec > s->increment.prec ? s->peak.prec : s->increment.prec;
    }
    guard_end(&g);
    return MF_OK;
}

/* mprof's FUNC names are "module.function": the module stands where a
   report has its file.  A .dat file has no "net" of a function: 0. */
int mf_profile_add_dat(mf_profile *p, mf_dat_fold *f)
{
    const mf_dat_func_stats *v;
    mf_guard g;
    if (GUARD(&g))
        return MF_ERR_NOMEM;
    size_t n = mf_dat_fold_functions(f, &v);
    if (n == (size_t)-1)
        oom();
    for (size_t i = 0; i < n; i++) {
        const char *name = v[i].function, *dot = strrchr(name, '.');
        mf_profile_func *pf = push(p);
        pf->file = dot ? xstrndup(name, (size_t)(dot - name)) : xstrndup("", 0);
        pf->function = xstrndup(dot ? dot + 1 : name, strlen(dot ? dot + 1 : name));
        pf->calls = v[i].calls;
        pf->rows = v[i].samples;
        pf->has_values = 1;
        pf->peak = v[i].peak_scaled;
        pf->mean = v[i].mean;
        pf->net = 0;
        pf->has_net = 0;
        pf->has_rise = v[i].has_rise;
        pf->rise = v[i].rise;
        pf->line = 0;
        pf->prec = v[i].mem_prec;
    }
    guard_end(&g);
    return MF_OK;
}

/* ---- memfold's own JSON ------------------------------------------------------- */

static size_t skip_space(const char *data, size_t len, size_t i)
{
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    return i;
}

/* The start memfold writes, `{"memfold": 1,`: a log whose first line is
   some other JSON object (a structured log's "start" event) is a report. */
int mf_profile_is_summary_json(const char *data, size_t len)
{
    static const char key[] = "\"memfold\"";
    size_t i = skip_space(data, len, 0);
    if (i >= len || data[i] != '{')
        return 0;
    i = skip_space(data, len, i + 1);
    if (len - i < sizeof key - 1 || memcmp(data + i, key, sizeof key - 1) != 0)
        return 0;
    i = skip_space(data, len, i + sizeof key - 1);
    if (i >= len || data[i] != ':')
        return 0;
    i = skip_space(data, len, i + 1);
    return i < len && data[i] >= '0' && data[i] <= '9';
}

/* ---- several runs in one summary file (`summary --runs`) ---------------------- */

static int64_t scaled_mib(json_t *v)
{
    return (int64_t)llround(json_number_value(v) * (double)MF_SCALE);
}

/* One run's figures of function t, from its "per_run" entry e. */
static int run_entry(mf_profile *p, const mf_profile_func *t, json_t *e, uint32_t run)
{
    json_t *calls = json_object_get(e, "calls"), *peak = json_object_get(e, "peak_mib");
    json_t *rise = json_object_get(e, "rise_mib"), *net = json_object_get(e, "net_mib");
    json_t *mean = json_object_get(e, "mean_mib");
    if (!json_is_integer(calls) || json_integer_value(calls) < 0 ||
        !(json_is_number(peak) || json_is_null(peak)) || !(json_is_number(rise) || json_is_null(rise)) ||
        !(json_is_number(net) || json_is_null(net)) || !(json_is_number(mean) || json_is_null(mean)))
        return -1;
    mf_profile_func *f = push(p);
    f->file = xstrndup(t->file, strlen(t->file));
    f->function = t->function ? xstrndup(t->function, strlen(t->function)) : NULL;
    f->line = t->line;
    f->calls = (uint64_t)json_integer_value(calls);
    f->prec = t->prec;
    f->has_values = json_is_number(peak);
    f->peak = f->has_values ? scaled_mib(peak) : 0;
    f->mean = json_is_number(mean) ? scaled_mib(mean) : f->peak;
    f->has_net = json_is_number(net);
    f->net = f->has_net ? scaled_mib(net) : 0;
    f->has_rise = json_is_number(rise);
    f->rise = f->has_rise ? scaled_mib(rise) : 0;
    if (t->nbody) {
        f->body = xmalloc(t->nbody * sizeof *f->body);
        memcpy(f->body, t->body, t->nbody * sizeof *f->body);
        f->nbody = t->nbody;
    }
    f->run = run;
    return 0;
}

/* The functions p got from a summary of N runs (p->funcs[first..]) made
   into one entry per run and function: 0, or -1 when "per_run" is not as
   `summary --runs` writes it. */
static int split_runs(mf_profile *p, size_t first, json_t *doc)
{
    json_t *runs = json_object_get(doc, "runs"), *fs = json_object_get(doc, "functions");
    if (!runs)
        return 0;
    if (!json_is_integer(runs) || json_integer_value(runs) < 1 || json_integer_value(runs) > 100000 ||
        !json_is_array(fs) || json_array_size(fs) != p->n - first)
        return -1;
    uint32_t n = (uint32_t)json_integer_value(runs), base = first ? p->runs : 0;
    size_t nf = p->n - first;
    mf_profile_func *agg = xmalloc((nf + 1) * sizeof *agg);
    if (nf)
        memcpy(agg, p->funcs + first, nf * sizeof *agg);
    p->n = first;
    int rc = 0;
    for (size_t i = 0; i < nf && rc == 0; i++) {
        json_t *pr = json_object_get(json_array_get(fs, i), "per_run");
        if (!json_is_array(pr) || json_array_size(pr) != n) {
            rc = -1;
            break;
        }
        for (uint32_t r = 0; r < n && rc == 0; r++) {
            json_t *e = json_array_get(pr, r);
            if (!json_is_null(e) && (!json_is_object(e) || run_entry(p, &agg[i], e, base + r) != 0))
                rc = -1;
        }
    }
    for (size_t i = 0; i < nf; i++) {
        xfree(agg[i].file);
        xfree(agg[i].function);
        xfree(agg[i].body);
    }
    xfree(agg);
    p->runs = base + n;
    return rc;
}

/* A summary of .dat files (compare/dat_json.c): its functions as the .dat
   fold gives them. */
__attribute__((noinline))
static int load_dat_json(mf_profile *p, const char *text, size_t len, mf_error *err)
{
    mf_dat_fold *f = mf_dat_fold_new();
    if (!f)
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    int rc = mf_dat_fold_load_json(f, text, len, err);
    if (rc == 0 && (rc = mf_profile_add_dat(p, f)) != 0)
        error_set(err, rc, 0, "out of memory");
    mf_dat_fold_free(f);
    return rc;
}

int mf_profile_load_json(mf_profile *p, const char *text, size_t len, mf_error *err)
{
    if (mf_dat_is_summary_json(text, len))
        return load_dat_json(p, text, len, err);
    mf_fold *f = mf_fold_new();
    if (!f)
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    size_t first = p->n;
    int rc = mf_fold_load_json(f, text, len, NULL, err);
    if (rc == 0 && (rc = mf_profile_add_fold(p, f)) != 0)
        error_set(err, rc, 0, "out of memory");
    mf_fold_free(f);
    if (rc != 0)
        return rc;
    /* a summary of several runs: each run's figures of each function */
    json_t *doc = json_loadb(text, len, 0, NULL);
    mf_guard g;
    if (GUARD(&g)) {
        json_decref(doc);
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    }
    if (doc && split_runs(p, first, doc) != 0)
        rc = error_set(err, MF_ERR_INPUT, 0,
                       "\"per_run\" of a function is not as `memfold summary --runs` writes it");
    guard_end(&g);
    json_decref(doc);
    return rc;
}
