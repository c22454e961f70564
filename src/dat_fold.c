/* dat_fold.c -- the .dat fold pass: per function, per run, per child,
 * and the peak of the whole input.
 *
 * The FUNC lines of a run come after most of its samples (the profiled
 * program writes them when it exits), so a function's statistics cannot
 * be summed up as the lines come.  The fold keeps every MEM sample as two
 * scaled integers (time and MiB, 16 bytes) and every call (48 bytes), and
 * matches calls with samples when the results are asked for.
 *
 * All values are fixed point: MF_SCALE units per MiB and per second
 * (time stamps up to 9.2e9 s, the year 2262, fit in 64 bits; the parser
 * rejects larger ones).  Sums are kept in 128 bits, so results are exact
 * and do not depend on the order of the lines.
 *
 * Which samples belong to a call: those of its run whose time lies in
 * [start, end], as `mprof peak --func` counts them.  A call's run is the
 * run whose samples span its start time.  That is its own run (the one
 * of the FUNC line) except when the FUNC line was written before its
 * run's CMDLINE: mprof buffers its own lines, and a program that exits
 * before mprof's first flush (51 samples) writes its FUNC lines first,
 * so in an appended file they sit at the end of the previous run.
 * Runs do not overlap in time, so the time stamps tell.
 */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "dat_util.h"
#include "util.h"

typedef struct dat_sample {
    int64_t time, mem;
} dat_sample;

typedef struct dat_call {
    int64_t start, end;          /* times */
    int64_t start_mem, end_mem;
    uint32_t func, run;          /* indexes into funcs[] and runs[] */
    int32_t depth;               /* -1: not printed */
    uint8_t mem_prec, time_prec; /* most decimals of its MiB and time values */
} dat_call;

/* What a run keeps besides its public statistics. */
typedef struct run_data {
    size_t source;               /* index into sources[] */
    dat_sample *samples;
    size_t cap;
    int64_t min_time, max_time;
    int unsorted;                /* some sample is earlier than the one before */
    uint8_t mem_prec;            /* most decimals of its MEM values */
} run_data;

struct mf_dat_fold {
    char **sources;
    size_t nsources;

    mf_dat_run_stats *runs;
    run_data *rdata;
    size_t nruns, cap_runs;
    size_t last_run;             /* cache: the run of the last record */

    mf_dat_child_stats *children;
    size_t *child_source;
    size_t nchildren, cap_children;
    dat_index child_index;

    mf_dat_func_stats *funcs;
    size_t nfuncs, cap_funcs;
    dat_index func_index;
    int funcs_current;           /* funcs[] statistics are up to date */

    dat_call *calls;
    size_t ncalls, cap_calls;

    uint64_t nmem;
    mf_decimal peak;
    int64_t peak_scaled;
};

mf_dat_fold *mf_dat_fold_new(void)
{
    mf_dat_fold *f = xmalloc(sizeof *f);
    memset(f, 0, sizeof *f);
    f->last_run = (size_t)-1;
    return f;
}

void mf_dat_fold_free(mf_dat_fold *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->nsources; i++)
        free(f->sources[i]);
    free(f->sources);
    for (size_t i = 0; i < f->nruns; i++) {
        free((char *)f->runs[i].command);
        free(f->rdata[i].samples);
    }
    free(f->runs);
    free(f->rdata);
    free(f->children);
    free(f->child_source);
    dat_index_free(&f->child_index);
    for (size_t i = 0; i < f->nfuncs; i++)
        free((char *)f->funcs[i].function);
    free(f->funcs);
    dat_index_free(&f->func_index);
    free(f->calls);
    free(f);
}

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return v;
    *cap = *cap ? 2 * *cap : 16;
    return xrealloc(v, *cap * size);
}

static uint8_t max_u8(uint8_t a, uint8_t b) { return a > b ? a : b; }

/* ---- inputs and runs -------------------------------------------------- */

static size_t source_of(mf_dat_fold *f, const char *name)
{
    if (!name)
        name = "";
    for (size_t i = f->nsources; i-- > 0;)
        if (strcmp(f->sources[i], name) == 0)
            return i;
    f->sources = xrealloc(f->sources, (f->nsources + 1) * sizeof *f->sources);
    f->sources[f->nsources] = xstrndup(name, strlen(name));
    return f->nsources++;
}

static size_t run_of(mf_dat_fold *f, const mf_dat_record *r)
{
    size_t i = f->last_run;
    if (i != (size_t)-1 && f->runs[i].run == r->run
        && strcmp(f->runs[i].source, r->source ? r->source : "") == 0)
        return i;
    size_t src = source_of(f, r->source);
    for (i = f->nruns; i-- > 0;)
        if (f->rdata[i].source == src && f->runs[i].run == r->run)
            return f->last_run = i;
    size_t cap = f->cap_runs;
    f->runs = grow(f->runs, &cap, f->nruns, sizeof *f->runs);
    cap = f->cap_runs;
    f->rdata = grow(f->rdata, &cap, f->nruns, sizeof *f->rdata);
    f->cap_runs = cap;
    i = f->nruns++;
    memset(&f->runs[i], 0, sizeof f->runs[i]);
    memset(&f->rdata[i], 0, sizeof f->rdata[i]);
    f->runs[i].source = f->sources[src];
    f->runs[i].run = r->run;
    f->rdata[i].source = src;
    return f->last_run = i;
}

static void add_sample(mf_dat_fold *f, size_t ri, const mf_dat_record *r)
{
    mf_dat_run_stats *run = &f->runs[ri];
    run_data *d = &f->rdata[ri];
    dat_sample s = { mf_decimal_scaled(r->time), mf_decimal_scaled(r->mem) };
    d->samples = grow(d->samples, &d->cap, run->samples, sizeof *d->samples);
    if (run->samples == 0) {
        run->first_time = d->min_time = d->max_time = s.time;
        run->peak = r->mem;
        run->peak_scaled = s.mem;
    } else {
        if (s.time < run->last_time)
            d->unsorted = 1;
        if (s.time < d->min_time)
            d->min_time = s.time;
        if (s.time > d->max_time)
            d->max_time = s.time;
        if (s.mem > run->peak_scaled) {
            run->peak = r->mem;
            run->peak_scaled = s.mem;
        }
    }
    run->last_time = s.time;
    run->time_prec = max_u8(run->time_prec, r->time.prec);
    d->mem_prec = max_u8(d->mem_prec, r->mem.prec);
    d->samples[run->samples++] = s;

    if (f->nmem == 0 || s.mem > f->peak_scaled) {
        f->peak = r->mem;
        f->peak_scaled = s.mem;
    }
    f->nmem++;
}

/* ---- children --------------------------------------------------------- */

typedef struct child_key {
    size_t source;
    uint64_t pid;
} child_key;

static int child_eq(size_t entry, const void *key, void *ctx)
{
    const mf_dat_fold *f = ctx;
    const child_key *k = key;
    return f->children[entry].pid == k->pid && f->child_source[entry] == k->source;
}

static void add_child(mf_dat_fold *f, const mf_dat_record *r)
{
    child_key k = { source_of(f, r->source), r->pid };
    uint64_t h = dat_hash(dat_hash(DAT_HASH_SEED, &k.source, sizeof k.source), &k.pid,
                          sizeof k.pid);
    size_t i = dat_index_find(&f->child_index, h, &k, child_eq, f);
    int64_t mem = mf_decimal_scaled(r->mem);
    if (i == (size_t)-1) {
        size_t cap = f->cap_children;
        f->children = grow(f->children, &cap, f->nchildren, sizeof *f->children);
        cap = f->cap_children;
        f->child_source = grow(f->child_source, &cap, f->nchildren, sizeof *f->child_source);
        f->cap_children = cap;
        i = f->nchildren++;
        mf_dat_child_stats *c = &f->children[i];
        memset(c, 0, sizeof *c);
        c->source = f->sources[k.source];
        c->pid = r->pid;
        c->peak = r->mem;
        c->peak_scaled = mem;
        f->child_source[i] = k.source;
        dat_index_add(&f->child_index, h, i);
    }
    mf_dat_child_stats *c = &f->children[i];
    if (mem > c->peak_scaled) {
        c->peak = r->mem;
        c->peak_scaled = mem;
    }
    c->samples++;
}

/* ---- functions and calls ---------------------------------------------- */

typedef struct name_key {
    const char *s;
    size_t len;
} name_key;

static int func_eq(size_t entry, const void *key, void *ctx)
{
    const mf_dat_fold *f = ctx;
    const name_key *k = key;
    const char *name = f->funcs[entry].function;
    return strncmp(name, k->s, k->len) == 0 && name[k->len] == '\0';
}

static size_t func_of(mf_dat_fold *f, const char *name, size_t len)
{
    name_key k = { name, len };
    uint64_t h = dat_hash(DAT_HASH_SEED, name, len);
    size_t i = dat_index_find(&f->func_index, h, &k, func_eq, f);
    if (i != (size_t)-1)
        return i;
    f->funcs = grow(f->funcs, &f->cap_funcs, f->nfuncs, sizeof *f->funcs);
    i = f->nfuncs++;
    memset(&f->funcs[i], 0, sizeof f->funcs[i]);
    f->funcs[i].function = xstrndup(name, len);
    dat_index_add(&f->func_index, h, i);
    return i;
}

static void add_call(mf_dat_fold *f, size_t ri, const mf_dat_record *r)
{
    f->calls = grow(f->calls, &f->cap_calls, f->ncalls, sizeof *f->calls);
    dat_call *c = &f->calls[f->ncalls++];
    c->start = mf_decimal_scaled(r->time);
    c->end = mf_decimal_scaled(r->end_time);
    c->start_mem = mf_decimal_scaled(r->mem);
    c->end_mem = mf_decimal_scaled(r->end_mem);
    c->func = (uint32_t)func_of(f, r->function, r->function_len);
    c->run = (uint32_t)ri;
    c->depth = r->depth;
    c->mem_prec = max_u8(r->mem.prec, r->end_mem.prec);
    c->time_prec = max_u8(r->time.prec, r->end_time.prec);
}

void mf_dat_fold_record(mf_dat_fold *f, const mf_dat_record *r)
{
    size_t ri = run_of(f, r);
    f->funcs_current = 0;
    switch (r->kind) {
    case MF_DAT_CMDLINE:
        if (!f->runs[ri].command)
            f->runs[ri].command = xstrndup(mf_dat_str(r, r->command_f), r->command_f.len);
        break;
    case MF_DAT_MEM:
        add_sample(f, ri, r);
        break;
    case MF_DAT_CHLD:
        add_child(f, r);
        break;
    case MF_DAT_FUNC:
        add_call(f, ri, r);
        break;
    default:
        break;
    }
}

/* ---- results ---------------------------------------------------------- */

/* The run whose samples span time t: run `own` if it does, else the
   first that does, else `own`. */
static size_t owner_run(const mf_dat_fold *f, size_t own, int64_t t)
{
    const run_data *d = &f->rdata[own];
    if (f->runs[own].samples && d->min_time <= t && t <= d->max_time)
        return own;
    for (size_t i = 0; i < f->nruns; i++) {
        d = &f->rdata[i];
        if (f->runs[i].samples && d->min_time <= t && t <= d->max_time)
            return i;
    }
    return own;
}

/* The first sample at or after time t in a sorted run. */
static size_t lower_bound(const dat_sample *s, size_t n, int64_t t)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].time < t)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

typedef struct func_acc {
    __int128 sum_mem;
    uint64_t nmem;
    __int128 sum_duration;
    int64_t peak;
    uint8_t peak_prec;   /* decimals of the value the peak came from */
    int has_peak;
} func_acc;


/* v / n, rounded half away from zero. */
static int64_t div_round(__int128 v, __int128 n)
{
    if (n == 0)
        return 0;
    int neg = v < 0;
    __int128 m = neg ? -v : v;
    __int128 q = m / n, r = m % n;
    if (2 * r >= n)
        q++;
    return (int64_t)(neg ? -q : q);
}

static void add_value(func_acc *a, int64_t mem, uint8_t prec)
{
    if (!a->has_peak || mem > a->peak) {
        a->peak = mem;
        a->peak_prec = prec;
        a->has_peak = 1;
    }
}

static void compute_functions(mf_dat_fold *f)
{
    func_acc *acc = xmalloc((f->nfuncs ? f->nfuncs : 1) * sizeof *acc);
    memset(acc, 0, (f->nfuncs ? f->nfuncs : 1) * sizeof *acc);
    for (size_t i = 0; i < f->nfuncs; i++) {
        mf_dat_func_stats *s = &f->funcs[i];
        s->calls = s->samples = 0;
        s->depth = -1;
        s->mem_prec = s->time_prec = 0;
    }
    for (size_t c = 0; c < f->ncalls; c++) {
        const dat_call *call = &f->calls[c];
        mf_dat_func_stats *s = &f->funcs[call->func];
        func_acc *a = &acc[call->func];
        s->calls++;
        if (call->depth > s->depth)
            s->depth = call->depth;
        s->time_prec = max_u8(s->time_prec, call->time_prec);
        a->sum_duration += (__int128)call->end - call->start;
        add_value(a, call->start_mem, call->mem_prec);
        add_value(a, call->end_mem, call->mem_prec);

        /* the samples inside the call */
        size_t ri = owner_run(f, call->run, call->start);
        const mf_dat_run_stats *run = &f->runs[ri];
        const run_data *d = &f->rdata[ri];
        size_t k = d->unsorted ? 0 : lower_bound(d->samples, run->samples, call->start);
        uint64_t inside = 0;
        for (; k < run->samples; k++) {
            const dat_sample *smp = &d->samples[k];
            if (smp->time > call->end) {
                if (!d->unsorted)
                    break;
                continue;
            }
            if (smp->time < call->start)
                continue;
            inside++;
            a->sum_mem += smp->mem;
            add_value(a, smp->mem, d->mem_prec);
        }
        s->samples += inside;
        if (inside) {
            a->nmem += inside;
            s->mem_prec = max_u8(s->mem_prec, d->mem_prec);
        } else {
            /* no sample inside: its start and end stand in */
            a->sum_mem += (__int128)call->start_mem + call->end_mem;
            a->nmem += 2;
        }
        s->mem_prec = max_u8(s->mem_prec, call->mem_prec);
    }
    for (size_t i = 0; i < f->nfuncs; i++) {
        mf_dat_func_stats *s = &f->funcs[i];
        func_acc *a = &acc[i];
        s->total_duration = (int64_t)a->sum_duration;
        s->mean_duration = div_round(a->sum_duration, s->calls);
        s->mean = div_round(a->sum_mem, a->nmem);
        s->peak_scaled = a->peak;
        /* the peak as printed: its value with the decimals it had */
        uint8_t prec = a->peak_prec > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : a->peak_prec;
        s->peak.prec = prec;
        s->peak.mant = a->peak / MF_POW10[MF_SCALE_DIGITS - prec];
    }
    free(acc);
    f->funcs_current = 1;
}

size_t mf_dat_fold_functions(mf_dat_fold *f, const mf_dat_func_stats **v)
{
    if (!f->funcs_current)
        compute_functions(f);
    *v = f->funcs;
    return f->nfuncs;
}

size_t mf_dat_fold_runs(const mf_dat_fold *f, const mf_dat_run_stats **v)
{
    *v = f->runs;
    return f->nruns;
}

size_t mf_dat_fold_children(const mf_dat_fold *f, const mf_dat_child_stats **v)
{
    *v = f->children;
    return f->nchildren;
}

uint64_t mf_dat_fold_peak(const mf_dat_fold *f, mf_decimal *peak)
{
    if (f->nmem && peak)
        *peak = f->peak;
    return f->nmem;
}
