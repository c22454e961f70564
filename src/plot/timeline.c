/* plot/timeline.c -- the picture of mprof .dat files, gathered record by
 * record: per run (a file) one series of samples per process (the main
 * one, each child by its pid: a hash index finds it by run and pid) and
 * one span per profiled call; then drawn by mf_plot_timeline, run by run,
 * each run's main process first. */
#include <stdio.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/index.h"
#include "core/util.h"

typedef struct series {
    size_t run;
    uint64_t pid;            /* 0: the main process */
    int64_t *t, *m;
    size_t n, cap;
} series;

struct mf_timeline {
    series *series;
    size_t nseries, cap_series;
    hash_index by_pid;
    mf_plot_span *spans;
    size_t nspans, cap_spans;
    char **runs;             /* the runs' names */
    size_t nruns, cap_runs;
    size_t run;              /* the run records go to */
};

mf_timeline *mf_timeline_new(void)
{
    return try_zalloc(sizeof(mf_timeline));
}

void mf_timeline_free(mf_timeline *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nseries; i++) {
        xfree(t->series[i].t);
        xfree(t->series[i].m);
    }
    xfree(t->series);
    hash_index_free(&t->by_pid);
    for (size_t i = 0; i < t->nspans; i++)
        xfree((char *)t->spans[i].name);
    xfree(t->spans);
    for (size_t i = 0; i < t->nruns; i++)
        xfree(t->runs[i]);
    xfree(t->runs);
    xfree(t);
}

typedef struct run_pid {
    uint64_t run, pid;
} run_pid;

static int pid_eq(size_t entry, const void *key, void *ctx)
{
    const mf_timeline *t = ctx;
    const run_pid *k = key;
    return t->series[entry].pid == k->pid && t->series[entry].run == k->run;
}

/* The series of pid in the current run, new when it has none yet. */
static series *series_of(mf_timeline *t, uint64_t pid)
{
    run_pid key = { t->run, pid };
    uint64_t h = hash_bytes(HASH_SEED, &key, sizeof key);
    size_t i = hash_index_find(&t->by_pid, h, &key, pid_eq, t);
    if (i != HASH_INDEX_NONE)
        return &t->series[i];
    XGROW(t->series, t->cap_series, t->nseries, 8);
    hash_index_add(&t->by_pid, h, t->nseries);
    series *s = &t->series[t->nseries++];
    memset(s, 0, sizeof *s);
    s->run = t->run;
    s->pid = pid;
    return s;
}

static void add_sample(series *s, int64_t time, int64_t mem)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 16;
        s->t = xrealloc(s->t, cap * sizeof *s->t);
        s->m = xrealloc(s->m, cap * sizeof *s->m);
        s->cap = cap;
    }
    s->t[s->n] = time;
    s->m[s->n++] = mem;
}

static void add_span(mf_timeline *t, const mf_dat_record *r)
{
    XGROW(t->spans, t->cap_spans, t->nspans, 16);
    mf_plot_span *s = &t->spans[t->nspans];
    /* the name up to a NUL in it, as the picture shows text */
    s->name = xstrndup(r->function, strnlen(r->function, r->function_len));
    s->start = mf_decimal_scaled(r->time);
    s->end = mf_decimal_scaled(r->end_time);
    s->run = t->run;
    t->nspans++;
}

static void add_record(mf_timeline *t, const mf_dat_record *r)
{
    if (r->kind == MF_DAT_MEM || r->kind == MF_DAT_CHLD)
        add_sample(series_of(t, r->kind == MF_DAT_MEM ? 0 : r->pid),
                   mf_decimal_scaled(r->time), mf_decimal_scaled(r->mem));
    else if (r->kind == MF_DAT_FUNC)
        add_span(t, r);
}

int mf_timeline_add(mf_timeline *t, const mf_dat_record *r)
{
    GUARDED(add_record(t, r));
}

static void next_run(mf_timeline *t, const char *name)
{
    if (t->nruns == 0 && (t->nseries || t->nspans)) {
        /* records added before the first run was named: a run of their own */
        XGROW(t->runs, t->cap_runs, t->nruns, 4);
        t->runs[t->nruns++] = xstrndup("run 1", 5);
    }
    XGROW(t->runs, t->cap_runs, t->nruns, 4);
    t->runs[t->nruns] = xstrndup(name, strlen(name));
    t->run = t->nruns++;
}

int mf_timeline_next_run(mf_timeline *t, const char *name)
{
    GUARDED(next_run(t, name));
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; names && i < n; i++)
        xfree(names[i]);
    xfree(names);
}

/* The name of a series: the run's (of several) and the child's number in
   it, from 1, in the order of the first samples. */
static char *series_name(const mf_timeline *t, const series *x, size_t child)
{
    const char *run = t->nruns > 1 && x->run < t->nruns ? t->runs[x->run] : NULL;
    size_t cap = (run ? strlen(run) : 0) + 80;
    char *name = xmalloc(cap);
    if (!x->pid)
        snprintf(name, cap, "%s", run ? run : "main process");
    else
        snprintf(name, cap, "%s%schild %zu (pid %llu)", run ? run : "", run ? " " : "", child,
                 (unsigned long long)x->pid);
    return name;
}

/* The work of mf_plot_timeline_of; *sp, *namesp and *atp are freed by it
   (out of memory jumps out of here with them held). */
__attribute__((noinline))
static int draw(FILE *out, const mf_timeline *t, const mf_plot_opts *o, mf_plot_series **sp,
                char ***namesp, size_t **atp)
{
    size_t n = t->nseries ? t->nseries : 1;
    mf_plot_series *s = *sp = xmalloc(n * sizeof *s);
    char **names = *namesp = xmalloc(n * sizeof *names);
    memset(names, 0, n * sizeof *names);
    size_t runs = t->nruns ? t->nruns : 1;
    /* run by run, each run's main process first, then its children in the
       order of their first samples: a place for each by counting */
    size_t *at = *atp = xmalloc(2 * runs * sizeof *at), *child = at + runs;
    memset(at, 0, 2 * runs * sizeof *at);
    for (size_t i = 0; i < t->nseries; i++)
        at[t->series[i].run]++;
    for (size_t r = 0, sum = 0; r < runs; r++) {
        size_t c = at[r];
        at[r] = sum;
        sum += c;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < t->nseries; i++) {
            const series *x = &t->series[i];
            if ((pass == 0) != (x->pid == 0))
                continue;
            size_t k = at[x->run]++;
            names[k] = series_name(t, x, x->pid ? ++child[x->run] : 0);
            s[k] = (mf_plot_series){ names[k], x->t, x->m, x->n, x->run };
        }
    xfree(at);
    *atp = NULL;
    size_t k = t->nseries;
    return mf_plot_timeline(out, s, k, t->spans, t->nspans, o);
}

int mf_plot_timeline_of(FILE *out, const mf_timeline *t, const mf_plot_opts *o)
{
    mf_plot_series *s = NULL;
    char **names = NULL;
    size_t *at = NULL;
    mf_guard g;
    if (GUARD(&g)) {
        free_names(names, t->nseries);
        xfree(s);
        xfree(at);
        return MF_ERR_NOMEM;
    }
    int rc = draw(out, t, o, &s, &names, &at);
    guard_end(&g);
    free_names(names, t->nseries);
    xfree(s);
    return rc;
}
