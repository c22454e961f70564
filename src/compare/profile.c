/* compare/profile.c -- one side of a `memfold diff`: per-function figures, from
 * the fold of reports or of a `summary -f json` file written earlier. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/util.h"

mf_profile *mf_profile_new(void)
{
    mf_profile *p = try_malloc(sizeof *p);
    if (p)
        memset(p, 0, sizeof *p);
    return p;
}

void mf_profile_free(mf_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        xfree(p->funcs[i].file);
        xfree(p->funcs[i].function);
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
        f->calls = s->calls;
        f->rows = s->rows;
        f->peak = s->peak;
        f->mean = mf_stats_mean(s);
        f->net = mf_stats_net(s);
        f->prec = s->prec;
        f->has_values = s->rows > 0;
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

/* A summary of .dat files (compare/dat_json.c): its functions as the .dat
   fold gives them. */
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
    int rc = mf_fold_load_json(f, text, len, NULL, err);
    if (rc == 0 && (rc = mf_profile_add_fold(p, f)) != 0)
        error_set(err, rc, 0, "out of memory");
    mf_fold_free(f);
    return rc;
}
