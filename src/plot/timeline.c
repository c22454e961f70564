/* plot/timeline.c -- the picture of an mprof .dat file, gathered record by
 * record: one series of samples per process (the main one, each child by
 * its pid: a hash index finds it) and one span per profiled call; then
 * drawn by mf_plot_timeline, the main process first. */
#include <stdio.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/index.h"
#include "core/util.h"

typedef struct series {
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
    xfree(t);
}

static int pid_eq(size_t entry, const void *key, void *ctx)
{
    const mf_timeline *t = ctx;
    return t->series[entry].pid == *(const uint64_t *)key;
}

/* The series of pid, new when it has none yet. */
static series *series_of(mf_timeline *t, uint64_t pid)
{
    uint64_t h = hash_bytes(HASH_SEED, &pid, sizeof pid);
    size_t i = hash_index_find(&t->by_pid, h, &pid, pid_eq, t);
    if (i != HASH_INDEX_NONE)
        return &t->series[i];
    XGROW(t->series, t->cap_series, t->nseries, 8);
    hash_index_add(&t->by_pid, h, t->nseries);
    series *s = &t->series[t->nseries++];
    memset(s, 0, sizeof *s);
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

/* The work of mf_plot_timeline_of; *sp and *namesp are freed by it. */
__attribute__((noinline))
static int draw(FILE *out, const mf_timeline *t, const mf_plot_opts *o, mf_plot_series **sp,
                char (**namesp)[32])
{
    size_t n = t->nseries ? t->nseries : 1;
    mf_plot_series *s = *sp = xmalloc(n * sizeof *s);
    char (*names)[32] = *namesp = xmalloc(n * sizeof *names);
    size_t k = 0;
    for (int pass = 0; pass < 2; pass++)   /* the main process first */
        for (size_t i = 0; i < t->nseries; i++) {
            const series *x = &t->series[i];
            if ((pass == 0) != (x->pid == 0))
                continue;
            if (x->pid)
                snprintf(names[k], sizeof names[k], "child %llu", (unsigned long long)x->pid);
            else
                snprintf(names[k], sizeof names[k], "main process");
            s[k] = (mf_plot_series){ names[k], x->t, x->m, x->n };
            k++;
        }
    return mf_plot_timeline(out, s, k, t->spans, t->nspans, o);
}

int mf_plot_timeline_of(FILE *out, const mf_timeline *t, const mf_plot_opts *o)
{
    mf_plot_series *s = NULL;
    char (*names)[32] = NULL;
    mf_guard g;
    if (GUARD(&g)) {
        xfree(s);
        xfree(names);
        return MF_ERR_NOMEM;
    }
    int rc = draw(out, t, o, &s, &names);
    guard_end(&g);
    xfree(s);
    xfree(names);
    return rc;
}
