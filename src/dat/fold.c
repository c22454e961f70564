/* dat/fold.c -- the .dat fold pass: per function, per run, per child,
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
 *
 * Nothing grows faster than n log n: runs and inputs are found through
 * hash indexes, the calls outside their own run find their run all at
 * once (sorted by start time, through a tree of the runs' end times),
 * and the samples of a call come from a range index of its run (samples
 * sorted by time, with per-block sums and a sparse table of per-block
 * maxima), so overlapping calls do not walk the same samples again.
 */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "dat/fold.h"
#include "dat/util.h"
#include "core/util.h"

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

/* The range index of a run's samples (sorted by time): per block of
   DAT_BLOCK samples its sum as a prefix over the blocks, and the maxima
   of 2^k consecutive blocks for each k. */
enum { DAT_BLOCK = 64 };

typedef struct range_index {
    size_t nsamples;             /* the samples it was built for; 0: none */
    size_t nblocks, nlevels;
    __int128 *prefix;            /* prefix[b]: sum of blocks [0, b) */
    int64_t *max;                /* max[k * nblocks + b]: of blocks [b, b + 2^k) */
} range_index;

/* What a run keeps besides its public statistics. */
typedef struct run_data {
    size_t source;               /* index into sources[] */
    dat_sample *samples;
    size_t cap;
    int64_t min_time, max_time;
    int unsorted;                /* some sample is earlier than the one before it */
    int loaded;                  /* from a summary file: no samples kept, no call's run */
    uint8_t mem_prec;            /* most decimals of its MEM values */
    range_index range;
} run_data;

struct mf_dat_fold {
    mf_scanmem scratch;       /* compute_functions' temporaries, for an out-of-memory jump */
    char **sources;
    size_t nsources, cap_sources;
    hash_index source_index;

    mf_dat_run_stats *runs;
    run_data *rdata;
    size_t nruns, cap_runs;
    size_t last_run;             /* cache: the run of the last record */
    hash_index run_index;         /* (source, run) -> runs[] */

    mf_dat_child_stats *children;
    size_t *child_source;
    size_t nchildren, cap_children;
    hash_index child_index;

    mf_dat_func_stats *funcs;
    dat_func_part *bases;        /* per function: what summary files gave (cap_funcs) */
    size_t nfuncs, cap_funcs;
    hash_index func_index;
    int funcs_current;           /* funcs[] statistics are up to date */

    dat_call *calls;
    size_t ncalls, cap_calls;

    uint64_t nmem;
    mf_decimal peak;
    int64_t peak_scaled;
};

mf_dat_fold *mf_dat_fold_new(void)
{
    mf_dat_fold *f = try_zalloc(sizeof *f);
    if (!f)
        return NULL;
    f->last_run = (size_t)-1;
    return f;
}

void mf_dat_fold_free(mf_dat_fold *f)
{
    if (!f)
        return;
    scanmem_release(&f->scratch);
    for (size_t i = 0; i < f->nsources; i++)
        xfree(f->sources[i]);
    xfree(f->sources);
    hash_index_free(&f->source_index);
    for (size_t i = 0; i < f->nruns; i++) {
        xfree((char *)f->runs[i].command);
        xfree(f->rdata[i].samples);
        xfree(f->rdata[i].range.prefix);
        xfree(f->rdata[i].range.max);
    }
    hash_index_free(&f->run_index);
    xfree(f->runs);
    xfree(f->rdata);
    xfree(f->children);
    xfree(f->child_source);
    hash_index_free(&f->child_index);
    for (size_t i = 0; i < f->nfuncs; i++)
        xfree((char *)f->funcs[i].function);
    xfree(f->funcs);
    xfree(f->bases);
    hash_index_free(&f->func_index);
    xfree(f->calls);
    xfree(f);
}

/* Room for element n of v, doubling from `first` elements. */
static void *grow_from(void *v, size_t *cap, size_t n, size_t size, size_t first)
{
    if (n < *cap)
        return v;
    size_t more = *cap ? 2 * *cap : first;
    v = xrealloc(v, more * size);
    *cap = more;
    return v;
}

static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
    return grow_from(v, cap, n, size, 16);
}

static uint8_t max_u8(uint8_t a, uint8_t b) { return a > b ? a : b; }

/* ---- inputs and runs -------------------------------------------------- */

static int source_eq(size_t entry, const void *key, void *ctx)
{
    const mf_dat_fold *f = ctx;
    return strcmp(f->sources[entry], key) == 0;
}

static size_t source_of(mf_dat_fold *f, const char *name)
{
    if (!name)
        name = "";
    uint64_t h = hash_bytes(HASH_SEED, name, strlen(name));
    size_t i = hash_index_find(&f->source_index, h, name, source_eq, f);
    if (i != (size_t)-1)
        return i;
    f->sources = grow(f->sources, &f->cap_sources, f->nsources, sizeof *f->sources);
    f->sources[f->nsources] = xstrndup(name, strlen(name));
    f->nsources++;
    hash_index_add(&f->source_index, h, f->nsources - 1);
    return f->nsources - 1;
}

/* A run or a child process: a number within an input. */
typedef struct source_key {
    size_t source;
    uint64_t id;             /* the run, or the pid */
} source_key;

static uint64_t source_key_hash(const source_key *k)
{
    return hash_bytes(hash_bytes(HASH_SEED, &k->source, sizeof k->source), &k->id, sizeof k->id);
}

static int run_eq(size_t entry, const void *key, void *ctx)
{
    const mf_dat_fold *f = ctx;
    const source_key *k = key;
    return f->runs[entry].run == k->id && f->rdata[entry].source == k->source;
}

static size_t new_run(mf_dat_fold *f, const source_key *k)
{
    size_t cap = f->cap_runs;
    f->runs = grow(f->runs, &cap, f->nruns, sizeof *f->runs);
    cap = f->cap_runs;
    f->rdata = grow(f->rdata, &cap, f->nruns, sizeof *f->rdata);
    f->cap_runs = cap;
    size_t i = f->nruns++;
    memset(&f->runs[i], 0, sizeof f->runs[i]);
    memset(&f->rdata[i], 0, sizeof f->rdata[i]);
    f->runs[i].source = f->sources[k->source];
    f->runs[i].run = k->id;
    f->rdata[i].source = k->source;
    return i;
}

static size_t run_of(mf_dat_fold *f, const mf_dat_record *r)
{
    size_t i = f->last_run;
    if (i != HASH_INDEX_NONE && f->runs[i].run == r->run
        && strcmp(f->runs[i].source, r->source ? r->source : "") == 0)
        return i;
    source_key k = { source_of(f, r->source), r->run };
    uint64_t h = source_key_hash(&k);
    i = hash_index_find(&f->run_index, h, &k, run_eq, f);
    if (i == (size_t)-1) {
        i = new_run(f, &k);
        hash_index_add(&f->run_index, h, i);
    }
    return f->last_run = i;
}

static void add_sample(mf_dat_fold *f, size_t ri, const mf_dat_record *r)
{
    mf_dat_run_stats *run = &f->runs[ri];
    run_data *d = &f->rdata[ri];
    dat_sample s = { mf_decimal_scaled(r->time), mf_decimal_scaled(r->mem) };
    /* from 2: a file of many short runs has many sample arrays */
    d->samples = grow_from(d->samples, &d->cap, run->samples, sizeof *d->samples, 2);
    if (run->samples == 0) {
        run->first_time = d->min_time = d->max_time = s.time;
        run->peak = r->mem;
        run->peak_scaled = s.mem;
    } else {
        if (s.time < d->samples[run->samples - 1].time)
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

static int child_eq(size_t entry, const void *key, void *ctx)
{
    const mf_dat_fold *f = ctx;
    const source_key *k = key;
    return f->children[entry].pid == k->id && f->child_source[entry] == k->source;
}

static void add_child(mf_dat_fold *f, const mf_dat_record *r)
{
    source_key k = { source_of(f, r->source), r->pid };
    uint64_t h = source_key_hash(&k);
    size_t i = hash_index_find(&f->child_index, h, &k, child_eq, f);
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
        hash_index_add(&f->child_index, h, i);
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
    uint64_t h = hash_bytes(HASH_SEED, name, len);
    size_t i = hash_index_find(&f->func_index, h, &k, func_eq, f);
    if (i != (size_t)-1)
        return i;
    size_t cap = f->cap_funcs;
    f->funcs = grow(f->funcs, &cap, f->nfuncs, sizeof *f->funcs);
    cap = f->cap_funcs;
    f->bases = grow(f->bases, &cap, f->nfuncs, sizeof *f->bases);
    f->cap_funcs = cap;
    char *copy = xstrndup(name, len);
    i = f->nfuncs++;
    memset(&f->funcs[i], 0, sizeof f->funcs[i]);
    memset(&f->bases[i], 0, sizeof f->bases[i]);
    f->bases[i].depth = -1;
    f->funcs[i].function = copy;
    hash_index_add(&f->func_index, h, i);
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

static void fold_record(mf_dat_fold *f, const mf_dat_record *r)
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

int mf_dat_fold_record(mf_dat_fold *f, const mf_dat_record *r)
{
    GUARDED(fold_record(f, r));
}

/* ---- results ---------------------------------------------------------- */

static int spans(const mf_dat_fold *f, size_t run, int64_t t)
{
    const run_data *d = &f->rdata[run];
    return f->runs[run].samples && !d->loaded && d->min_time <= t && t <= d->max_time;
}

/* ---- the run of each call ----------------------------------------------

   A call's run is its own when that run's samples span its start time,
   else the first run (in order of appearance) that spans it, else its
   own.  The calls that need looking for are taken in order of start time
   while the runs enter, in order of their first time, a tree over the
   run indexes that keeps the largest last time below each node; the
   leftmost entered run whose last time is at or after the start is the
   one. */

typedef struct owner_search {
    const mf_dat_fold *f;
    int64_t *tree;               /* 2 * leaves; leaf i: max_time of run i once entered */
    size_t leaves;
} owner_search;

static void tree_enter(owner_search *o, size_t run)
{
    size_t i = o->leaves + run;
    o->tree[i] = o->f->rdata[run].max_time;
    for (i /= 2; i >= 1; i /= 2)
        o->tree[i] = o->tree[2 * i] > o->tree[2 * i + 1] ? o->tree[2 * i] : o->tree[2 * i + 1];
}

/* The leftmost entered run whose max_time >= t, or (size_t)-1. */
static size_t leftmost_reaching(const owner_search *o, int64_t t)
{
    if (o->tree[1] < t)
        return (size_t)-1;
    size_t i = 1;
    while (i < o->leaves)
        i = o->tree[2 * i] >= t ? 2 * i : 2 * i + 1;
    return i - o->leaves;
}

/* An index to sort by a time. */
typedef struct by_time_key {
    int64_t time;
    size_t i;
} by_time_key;

static int by_key(const void *a, const void *b)
{
    int64_t x = ((const by_time_key *)a)->time, y = ((const by_time_key *)b)->time;
    return (x > y) - (x < y);
}

/* Runs with samples, in order of their first time; their count in *n. */
static by_time_key *runs_by_min_time(mf_dat_fold *f, size_t *n)
{
    by_time_key *v = scanmem_alloc(&f->scratch, (f->nruns ? f->nruns : 1) * sizeof *v);
    *n = 0;
    for (size_t i = 0; i < f->nruns; i++)
        if (f->runs[i].samples && !f->rdata[i].loaded)
            v[(*n)++] = (by_time_key){ f->rdata[i].min_time, i };
    qsort(v, *n, sizeof *v, by_key);
    return v;
}

/* Owners of the calls in lost[] (their own run does not span their start
   time, the key). */
static void find_owners(mf_dat_fold *f, by_time_key *lost, size_t nlost, uint32_t *owner)
{
    owner_search o = { f, NULL, 1 };
    while (o.leaves < f->nruns)
        o.leaves *= 2;
    o.tree = scanmem_alloc(&f->scratch, 2 * o.leaves * sizeof *o.tree);
    for (size_t i = 0; i < 2 * o.leaves; i++)
        o.tree[i] = INT64_MIN;
    size_t nsorted, next = 0;
    by_time_key *sorted = runs_by_min_time(f, &nsorted);
    qsort(lost, nlost, sizeof *lost, by_key);
    for (size_t j = 0; j < nlost; j++) {
        int64_t t = lost[j].time;
        while (next < nsorted && sorted[next].time <= t)
            tree_enter(&o, sorted[next++].i);
        size_t run = leftmost_reaching(&o, t);
        if (run != (size_t)-1)
            owner[lost[j].i] = (uint32_t)run;
    }
    scanmem_free(&f->scratch, sorted);
    scanmem_free(&f->scratch, o.tree);
}

/* The run of every call. */
static uint32_t *call_owners(mf_dat_fold *f)
{
    uint32_t *owner = scanmem_alloc(&f->scratch, (f->ncalls ? f->ncalls : 1) * sizeof *owner);
    by_time_key *lost = scanmem_alloc(&f->scratch, (f->ncalls ? f->ncalls : 1) * sizeof *lost);
    size_t nlost = 0;
    for (size_t c = 0; c < f->ncalls; c++) {
        owner[c] = f->calls[c].run;
        if (!spans(f, owner[c], f->calls[c].start))
            lost[nlost++] = (by_time_key){ f->calls[c].start, c };
    }
    if (nlost)
        find_owners(f, lost, nlost, owner);
    scanmem_free(&f->scratch, lost);
    return owner;
}

/* ---- the samples of a time range ------------------------------------- */

static int by_time(const void *a, const void *b)
{
    int64_t x = ((const dat_sample *)a)->time, y = ((const dat_sample *)b)->time;
    return (x > y) - (x < y);
}

/* The first sample at or after time t (after, when `after`). */
static size_t lower_bound(const dat_sample *s, size_t n, int64_t t, int after)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s[mid].time < t || (after && s[mid].time == t))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Per block: its sum (as a prefix over the blocks) and its largest value. */
static void index_blocks(range_index *x, const dat_sample *s)
{
    x->prefix[0] = 0;
    for (size_t b = 0; b < x->nblocks; b++) {
        __int128 sum = 0;
        int64_t max = INT64_MIN;
        for (size_t k = b * DAT_BLOCK; k < (b + 1) * DAT_BLOCK; k++) {
            sum += s[k].mem;
            max = s[k].mem > max ? s[k].mem : max;
        }
        x->prefix[b + 1] = x->prefix[b] + sum;
        x->max[b] = max;
    }
}

/* Level k of the sparse table from level k - 1: the larger of two halves. */
static void index_levels(range_index *x)
{
    for (size_t k = 1; k < x->nlevels; k++) {
        const int64_t *below = x->max + (k - 1) * x->nblocks;
        int64_t *level = x->max + k * x->nblocks;
        size_t half = (size_t)1 << (k - 1);
        for (size_t b = 0; b + 2 * half <= x->nblocks; b++)
            level[b] = below[b] > below[b + half] ? below[b] : below[b + half];
    }
}

/* Sort the run's n samples by time (when they are not) and index them. */
static void build_range_index(run_data *d, size_t n)
{
    range_index *x = &d->range;
    if (d->unsorted) {
        qsort(d->samples, n, sizeof *d->samples, by_time);
        d->unsorted = 0;
    }
    x->nsamples = n;
    x->nblocks = n / DAT_BLOCK;
    x->nlevels = 1;
    while (((size_t)1 << x->nlevels) <= x->nblocks)
        x->nlevels++;
    xfree(x->prefix);
    xfree(x->max);
    x->prefix = NULL;
    x->max = NULL;
    x->prefix = xmalloc((x->nblocks + 1) * sizeof *x->prefix);
    x->max = xmalloc((x->nblocks ? x->nblocks * x->nlevels : 1) * sizeof *x->max);
    index_blocks(x, d->samples);
    index_levels(x);
}

/* The samples in [lo, hi) of a sorted run: their sum and largest value. */
typedef struct range_sum {
    __int128 sum;
    int64_t max;
} range_sum;

static void add_samples(range_sum *r, const dat_sample *s, size_t lo, size_t hi)
{
    for (size_t k = lo; k < hi; k++) {
        r->sum += s[k].mem;
        r->max = s[k].mem > r->max ? s[k].mem : r->max;
    }
}

/* Blocks [b, e) of the index (b < e). */
static void add_blocks(range_sum *r, const range_index *x, size_t b, size_t e)
{
    size_t k = 0;
    while (((size_t)2 << k) <= e - b)
        k++;
    int64_t l = x->max[k * x->nblocks + b], h = x->max[k * x->nblocks + e - ((size_t)1 << k)];
    r->sum += x->prefix[e] - x->prefix[b];
    r->max = l > r->max ? l : r->max;
    r->max = h > r->max ? h : r->max;
}

static range_sum sum_range(const run_data *d, size_t lo, size_t hi)
{
    range_sum r = { 0, INT64_MIN };
    size_t b = (lo + DAT_BLOCK - 1) / DAT_BLOCK, e = hi / DAT_BLOCK;
    if (b >= e) {
        add_samples(&r, d->samples, lo, hi);
        return r;
    }
    add_samples(&r, d->samples, lo, b * DAT_BLOCK);
    add_blocks(&r, &d->range, b, e);
    add_samples(&r, d->samples, e * DAT_BLOCK, hi);
    return r;
}

/* The samples of run ri in [start, end]: how many, in *lo and *hi. */
static void samples_between(mf_dat_fold *f, size_t ri, int64_t start, int64_t end, size_t *lo,
                            size_t *hi)
{
    run_data *d = &f->rdata[ri];
    size_t n = f->runs[ri].samples;
    if (d->unsorted || d->range.nsamples != n)
        build_range_index(d, n);
    *lo = lower_bound(d->samples, n, start, 0);
    *hi = lower_bound(d->samples, n, end, 1);
}

typedef struct func_acc {
    __int128 sum_mem;
    uint64_t nmem;
    __int128 sum_duration;
    int64_t peak;
    uint8_t peak_prec;   /* decimals of the value the peak came from */
    int has_peak;
    int has_rise;
    int64_t rise;
} func_acc;



static void add_value(func_acc *a, int64_t mem, uint8_t prec)
{
    if (!a->has_peak || mem > a->peak) {
        a->peak = mem;
        a->peak_prec = prec;
        a->has_peak = 1;
    }
}

static void add_rise(func_acc *a, int64_t rise)
{
    if (!a->has_rise || rise > a->rise) {
        a->rise = rise;
        a->has_rise = 1;
    }
}

/* Each function starts from what summary files gave it (nothing, when
   it has only calls). */
static void start_function(mf_dat_func_stats *s, func_acc *a, const dat_func_part *b)
{
    s->calls = b->calls;
    s->samples = b->samples;
    s->depth = b->depth;
    s->mem_prec = b->mem_prec;
    s->time_prec = b->time_prec;
    a->sum_mem = b->sum_mem;
    a->nmem = b->mean_count;
    a->sum_duration = b->sum_duration;
    if (b->calls) {
        add_value(a, mf_decimal_scaled(b->peak), b->peak.prec);
        add_rise(a, b->rise);
    }
}

static void compute_functions(mf_dat_fold *f)
{
    func_acc *acc = scanmem_alloc(&f->scratch, (f->nfuncs ? f->nfuncs : 1) * sizeof *acc);
    memset(acc, 0, (f->nfuncs ? f->nfuncs : 1) * sizeof *acc);
    for (size_t i = 0; i < f->nfuncs; i++)
        start_function(&f->funcs[i], &acc[i], &f->bases[i]);
    uint32_t *owner = call_owners(f);
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
        int64_t high = call->start_mem > call->end_mem ? call->start_mem : call->end_mem;

        /* the samples inside the call */
        size_t ri = owner[c], lo, hi;
        const run_data *d = &f->rdata[ri];
        samples_between(f, ri, call->start, call->end, &lo, &hi);
        uint64_t inside = hi > lo ? hi - lo : 0;
        if (inside) {
            range_sum r = sum_range(d, lo, hi);
            a->sum_mem += r.sum;
            add_value(a, r.max, d->mem_prec);
            high = r.max > high ? r.max : high;
        }
        /* (both within the parser's range: the difference fits) */
        add_rise(a, high - call->start_mem);
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
        s->sum_mem = sum_of(a->sum_mem);
        s->mean_count = a->nmem;
        s->has_rise = a->has_rise;
        s->rise = a->rise;
        s->peak_scaled = a->peak;
        /* the peak as printed: its value with the decimals it had */
        uint8_t prec = a->peak_prec > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : a->peak_prec;
        s->peak.prec = prec;
        s->peak.mant = a->peak / MF_POW10[MF_SCALE_DIGITS - prec];
    }
    scanmem_free(&f->scratch, owner);
    scanmem_free(&f->scratch, acc);
    f->funcs_current = 1;
}

size_t mf_dat_fold_functions(mf_dat_fold *f, const mf_dat_func_stats **v)
{
    if (!f->funcs_current) {
        mf_guard g;
        if (GUARD(&g)) {
            scanmem_release(&f->scratch);
            *v = NULL;
            return (size_t)-1;
        }
        compute_functions(f);
        guard_end(&g);
    }
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

/* ---- what summary files give (compare/dat_json.c) ------------------------ */

static size_t func_find(const mf_dat_fold *f, const char *name)
{
    name_key k = { name, strlen(name) };
    uint64_t h = hash_bytes(HASH_SEED, name, k.len);
    return hash_index_find(&f->func_index, h, &k, func_eq, (void *)f);
}

static int fits_i64(__int128 v) { return v >= 0 && v <= INT64_MAX; }

int dat_fold_part_fits(const mf_dat_fold *f, const char *name, const dat_func_part *p,
                       const char **field)
{
    size_t i = func_find(f, name);
    dat_func_part none = { 0 };
    const dat_func_part *b = i == (size_t)-1 ? &none : &f->bases[i];
    uint8_t prec = b->mem_prec > p->mem_prec ? b->mem_prec : p->mem_prec;
    prec = prec > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : prec;
    __int128 unit = MF_POW10[MF_SCALE_DIGITS - prec];
    *field = !fits_i64((__int128)b->calls + p->calls) ? "calls"
           : !fits_i64((__int128)b->samples + p->samples) ? "samples"
           : !fits_i64(b->sum_duration + p->sum_duration) ? "total_duration_s"
           : !fits_i64((__int128)b->mean_count + p->mean_count) ? "sums.mem_count"
           : (b->sum_mem + p->sum_mem) / unit > INT64_MAX ||
             (b->sum_mem + p->sum_mem) / unit < -INT64_MAX ? "sums.mem" : NULL;
    return *field == NULL;
}

void dat_fold_add_part(mf_dat_fold *f, const char *name, const dat_func_part *p)
{
    size_t i = func_of(f, name, strlen(name));
    dat_func_part *b = &f->bases[i];
    /* the first of equal peaks, as the calls are taken in order */
    if (b->calls == 0 || mf_decimal_scaled(p->peak) > mf_decimal_scaled(b->peak))
        b->peak = p->peak;
    if (b->calls == 0 || p->rise > b->rise)
        b->rise = p->rise;
    b->calls += p->calls;
    b->samples += p->samples;
    b->sum_duration += p->sum_duration;
    b->sum_mem += p->sum_mem;
    b->mean_count += p->mean_count;
    b->depth = p->depth > b->depth ? p->depth : b->depth;
    b->mem_prec = max_u8(b->mem_prec, p->mem_prec);
    b->time_prec = max_u8(b->time_prec, p->time_prec);
    f->funcs_current = 0;
}

void dat_fold_add_run(mf_dat_fold *f, const mf_dat_run_stats *r)
{
    source_key k = { source_of(f, r->source), r->run };
    size_t i = new_run(f, &k);   /* not indexed: no record reaches it */
    mf_dat_run_stats *run = &f->runs[i];
    run->command = r->command ? xstrndup(r->command, strlen(r->command)) : NULL;
    run->samples = r->samples;
    run->first_time = r->first_time;
    run->last_time = r->last_time;
    run->time_prec = r->time_prec;
    run->peak = r->peak;
    run->peak_scaled = r->peak_scaled;
    f->rdata[i].loaded = 1;
    f->last_run = (size_t)-1;
    f->funcs_current = 0;
}

void dat_fold_add_child(mf_dat_fold *f, const mf_dat_child_stats *c)
{
    size_t source = source_of(f, c->source);
    size_t cap = f->cap_children;
    f->children = grow(f->children, &cap, f->nchildren, sizeof *f->children);
    cap = f->cap_children;
    f->child_source = grow(f->child_source, &cap, f->nchildren, sizeof *f->child_source);
    f->cap_children = cap;
    size_t i = f->nchildren++;
    f->children[i] = *c;
    f->children[i].source = f->sources[source];
    f->child_source[i] = source;
}

int dat_fold_samples_fit(const mf_dat_fold *f, uint64_t n)
{
    return fits_i64((__int128)f->nmem + n);
}

void dat_fold_add_samples(mf_dat_fold *f, uint64_t n, mf_decimal peak)
{
    if (n == 0)
        return;
    if (f->nmem == 0 || mf_decimal_scaled(peak) > f->peak_scaled) {
        f->peak = peak;
        f->peak_scaled = mf_decimal_scaled(peak);
    }
    f->nmem += n;
}
