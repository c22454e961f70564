/* report/fold.c -- the fold pass: sum blocks into one aggregate per function.
 *
 * A function is a (file, function name, first row's line number) group:
 * memory_profiler prints one block per call, so every block of a group is
 * one call.  All sums are kept in fixed point (MF_SCALE units per MiB),
 * so totals are exact however many blocks come in; memory grows only
 * with the number of distinct functions.
 */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/util.h"
#include "report/fold.h"

/* The blocks of one function, of the input being read, that no later
   block has taken in as nested calls yet: their calls, most recent last,
   as runs of equal counts (a function called in a loop is one run). */
typedef struct pending_run {
    uint64_t calls, count;
} pending_run;

typedef struct pending {
    uint64_t input;           /* the input they are from */
    uint32_t n, cap;
    pending_run *v;
} pending;

/* At most this many runs are kept (the oldest go): a call's nested
   blocks are the most recent ones. */
enum { PENDING_MAX = 64 };

struct mf_fold {
    mf_func_stats *funcs;     /* in order of first appearance */
    size_t n, cap;
    pending *pend;            /* per function, beside funcs */
    size_t pend_cap;
    uint64_t input;           /* inputs seen (1 from the first block) */
    const char *source_ptr;   /* the last block's input name, and a copy */
    char *source;
    size_t *slots;            /* open addressing: index + 1, 0 = empty */
    size_t nslots;
    mf_memit_stats *memits;   /* %memit results, in order */
    size_t nmemits, capmemits;
};

mf_fold *mf_fold_new(void)
{
    mf_fold *f = try_zalloc(sizeof *f);
    if (!f)
        return NULL;
    f->nslots = 64;
    f->slots = try_malloc(f->nslots * sizeof *f->slots);
    if (!f->slots) {
        xfree(f);
        return NULL;
    }
    memset(f->slots, 0, f->nslots * sizeof *f->slots);
    return f;
}

void mf_fold_free(mf_fold *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        xfree((char *)f->funcs[i].file);
        xfree((char *)f->funcs[i].function);
        xfree((uint32_t *)f->funcs[i].body);
    }
    for (size_t i = 0; i < f->pend_cap; i++)
        xfree(f->pend[i].v);
    xfree(f->pend);
    xfree(f->source);
    xfree(f->funcs);
    xfree(f->slots);
    for (size_t i = 0; i < f->nmemits; i++) {
        xfree((char *)f->memits[i].source);
        xfree((char *)f->memits[i].statement);
    }
    xfree(f->memits);
    xfree(f);
}

size_t mf_fold_count(const mf_fold *f) { return f->n; }
const mf_func_stats *mf_fold_get(const mf_fold *f, size_t i) { return &f->funcs[i]; }

/* ---- the table of functions ---------------------------------------------- */

static uint64_t hash_bytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

/* A function is its file, name and first line; a table whose file is
   unknown (no Filename: line) is grouped by its name alone. */
static uint64_t key_hash(const char *file, size_t flen, const char *fn, size_t fnlen,
                         uint64_t line)
{
    if (flen == 0)
        line = 0;
    uint64_t h = hash_bytes(14695981039346656037ULL, file, flen);
    h = hash_bytes(h ^ 0xff, fn ? fn : "", fnlen);
    return (h ^ line) * 1099511628211ULL;
}

static int same_key(const mf_func_stats *s, const char *file, size_t flen, const char *fn,
                    size_t fnlen, uint64_t line)
{
    if ((flen && s->line != line) || strlen(s->file) != flen || memcmp(s->file, file, flen) != 0)
        return 0;
    if (!fn || !s->function)
        return !fn && !s->function;
    return strlen(s->function) == fnlen && memcmp(s->function, fn, fnlen) == 0;
}

static void rehash(mf_fold *f)
{
    size_t nslots = f->nslots * 2;
    size_t *slots = xmalloc(nslots * sizeof *slots);
    memset(slots, 0, nslots * sizeof *slots);
    for (size_t i = 0; i < f->n; i++) {
        const mf_func_stats *s = &f->funcs[i];
        uint64_t h = key_hash(s->file, strlen(s->file), s->function,
                              s->function ? strlen(s->function) : 0, s->line);
        size_t j = h & (nslots - 1);
        while (slots[j])
            j = (j + 1) & (nslots - 1);
        slots[j] = i + 1;
    }
    xfree(f->slots);
    f->slots = slots;
    f->nslots = nslots;
}

static mf_func_stats *lookup(mf_fold *f, const char *file, size_t flen, const char *fn,
                             size_t fnlen, uint64_t line)
{
    uint64_t h = key_hash(file, flen, fn, fnlen, line);
    size_t j = h & (f->nslots - 1);
    for (; f->slots[j]; j = (j + 1) & (f->nslots - 1)) {
        mf_func_stats *s = &f->funcs[f->slots[j] - 1];
        if (same_key(s, file, flen, fn, fnlen, line))
            return s;
    }
    XGROW(f->funcs, f->cap, f->n, 16);
    if (f->pend_cap < f->cap) {
        f->pend = xrealloc(f->pend, f->cap * sizeof *f->pend);
        memset(f->pend + f->pend_cap, 0, (f->cap - f->pend_cap) * sizeof *f->pend);
        f->pend_cap = f->cap;
    }
    /* its names are allocated with the entry counted, for mf_fold_free */
    char *fcopy = xstrndup(file, flen);
    mf_func_stats *s = &f->funcs[f->n];
    memset(s, 0, sizeof *s);
    s->file = fcopy;
    f->n++;
    s->function = fn ? xstrndup(fn, fnlen) : NULL;
    s->line = line;
    s->first_seen = f->n - 1;
    s->occ_known = 1;
    f->slots[j] = f->n;
    if (2 * f->n > f->nslots)
        rehash(f);
    return &f->funcs[f->n - 1];
}

const mf_func_stats *fold_find(const mf_fold *f, const mf_func_stats *key)
{
    size_t flen = strlen(key->file), fnlen = key->function ? strlen(key->function) : 0;
    uint64_t h = key_hash(key->file, flen, key->function, fnlen, key->line);
    for (size_t j = h & (f->nslots - 1); f->slots[j]; j = (j + 1) & (f->nslots - 1)) {
        const mf_func_stats *s = &f->funcs[f->slots[j] - 1];
        if (same_key(s, key->file, flen, key->function, fnlen, key->line))
            return s;
    }
    return NULL;
}

/* Undo the lookup() that appended the last function (nothing was added
   to it): its slot is the one holding n. */
static void forget_last(mf_fold *f)
{
    for (size_t j = 0; j < f->nslots; j++)
        if (f->slots[j] == f->n) {
            f->slots[j] = 0;
            break;
        }
    f->n--;
    f->pend[f->n].n = 0;
    xfree((char *)f->funcs[f->n].file);
    xfree((char *)f->funcs[f->n].function);
}

/* ---- folding a block ---------------------------------------------------- */

/* One row's source text as memory_profiler printed it, white space cut at
   both ends; 0 when nothing is left. */
static size_t body_text(const mf_row *r, const char **text)
{
    const char *p = mf_row_str(r, r->content);
    size_t n = r->content.len;
    while (n && strchr(" \t\n\v\f\r", *p) && *p) {
        p++;
        n--;
    }
    while (n && strchr(" \t\n\v\f\r", p[n - 1]) && p[n - 1])
        n--;
    *text = p;
    return n;
}

static uint32_t fnv1a32(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* The function's source rows, hashed, from its first block: kept once per
   function, not per block. */
static void keep_body(mf_func_stats *s, const mf_block *b)
{
    if (!s->def_line && b->def_row >= 0 && (size_t)b->def_row < b->nrows)
        s->def_line = b->rows[b->def_row].lineno;
    const char *t;
    uint32_t n = 0;
    for (size_t i = 0; i < b->nrows && n < UINT32_MAX; i++)
        n += body_text(&b->rows[i], &t) > 0;
    if (n == 0)
        return;
    uint32_t *h = xmalloc(n * sizeof *h), k = 0;
    for (size_t i = 0; i < b->nrows && k < n; i++) {
        size_t len = body_text(&b->rows[i], &t);
        if (len)
            h[k++] = fnv1a32(t, len);
    }
    s->body = h;
    s->nbody = n;
}

/* mem: the row's Mem usage, scaled (the caller's, computed once a row). */
static void fold_row(mf_func_stats *s, const mf_row *r, int64_t mem)
{
    if (s->rows == 0 || mem > s->peak) {
        s->peak = mem;
        s->peak_dec = r->mem.num;
    }
    if (s->rows == 0 || mem < s->min) {
        s->min = mem;
        s->min_dec = r->mem.num;
    }
    s->rows++;
    sum_add(&s->sum_mem, mem);
    if (r->mem.num.prec > s->prec)
        s->prec = r->mem.num.prec;
    if (r->flags & MF_ROW_HAS_OCC)
        s->occurrences += r->occ;
}

/* A new input (another name, or another string with it): no block of it
   is nested in a block of the one before. */
static void note_input(mf_fold *f, const mf_block *b)
{
    const char *src = b->source ? b->source : "";
    if (f->input && src == f->source_ptr && strcmp(src, f->source) == 0)
        return;
    char *copy = xstrndup(src, strlen(src));
    xfree(f->source);
    f->source = copy;
    f->source_ptr = src;
    f->input++;
}

/* The calls of one block: its first measured row's Occurrences (a block of
   one row, a one-line function, counts each call twice: its line is both
   the call's first and its last); 0 when the block does not say. */
static uint64_t block_calls(const mf_block *b, const mf_row *first)
{
    if (!first || b->old_layout || !(first->flags & MF_ROW_HAS_OCC) || first->occ == 0)
        return 0;
    if (b->nrows == 1 && first->occ >= 2)
        return (first->occ + 1) / 2;
    return first->occ;
}

/* Under @profile every call prints its own block when it returns, and an
   outer call of a recursion counts the inner calls' rows too (its
   profiler is behind theirs): its first row says 1 + the calls of the
   blocks nested in it, which are the most recent blocks of the function
   not yet taken in.  A block whose count is exactly 1 + the counts of the
   most recent such blocks (taken from the newest, while they fit) is that
   call: it adds 1.  Otherwise (python -m memory_profiler, %mprun: one
   block for every call) it adds its count.  may_nest: the first row's
   Increment allows it (see fold_block).  Returns what it adds. */
static uint64_t nest_calls(mf_fold *f, size_t fi, uint64_t c, int may_nest)
{
    pending *p = &f->pend[fi];
    if (p->input != f->input) {
        p->input = f->input;
        p->n = 0;
    }
    uint64_t need = c - 1, last = 0;   /* last: taken from run k - 1 */
    uint32_t k = p->n;                  /* runs from k on are taken whole */
    while (need > 0 && k > 0) {
        const pending_run *r = &p->v[k - 1];
        uint64_t m = need / r->calls;   /* its blocks that fit */
        if (m >= r->count) {
            need -= r->count * r->calls;
            k--;
            continue;
        }
        last = m;
        need -= m * r->calls;
        break;
    }
    uint64_t adds = c;
    if (c > 1 && need == 0 && may_nest) {
        p->n = k;
        if (last)
            p->v[k - 1].count -= last;
        adds = 1;
    }
    if (p->n && p->v[p->n - 1].calls == c) {
        p->v[p->n - 1].count++;
        return adds;
    }
    if (p->n == PENDING_MAX) {
        memmove(p->v, p->v + 1, (PENDING_MAX - 1) * sizeof *p->v);
        p->n--;
    }
    if (p->n == p->cap) {
        uint32_t cap = p->cap ? 2 * p->cap : 4;
        p->v = xrealloc(p->v, cap * sizeof *p->v);
        p->cap = cap;
    }
    p->v[p->n++] = (pending_run){ c, 1 };
    return adds;
}


/* A block's entry, what its rise is measured from.  The first row's Mem
   usage is the highest of its executions: the entry of one call when it
   ran once.  Run more often (-m, %mprun, a recursion's outer block),
   memory_profiler 0.58+ counts the first row's Increment from 0 at the
   profiler's first call: that call's entry (real captures:
   tests/corpus/gate/counts_*.log).  An Increment that cannot be an entry
   (above the Mem usage, or below 0) leaves the Mem usage. */
static int64_t block_entry(const mf_row *first)
{
    int64_t mem = mf_decimal_scaled(first->mem.num);
    if ((first->flags & MF_ROW_HAS_OCC) && first->occ > 1 && first->inc.status == MF_NUM_OK) {
        int64_t inc = mf_decimal_scaled(first->inc.num);
        if (inc >= 0 && inc <= mem)
            return inc;
    }
    return mem;
}

static void fold_block(mf_fold *f, const mf_block *b)
{
    const mf_row *first = NULL, *last = NULL;
    int64_t high = 0, low = 0;   /* the block's highest and lowest Mem usage */
    uint64_t rows_before;
    uint64_t line = b->nrows ? b->rows[0].lineno : 0;
    mf_func_stats *s = lookup(f, b->filename_line.text + b->filename.off, b->filename.len,
                              b->function, b->function_len, line);
    if (s->calls == 0 && !s->body)
        keep_body(s, b);
    s->calls++;
    rows_before = s->rows;
    if (b->old_layout)
        s->occ_known = 0;
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if (!mf_row_has_values(r))
            continue;
        int64_t mem = mf_decimal_scaled(r->mem.num);
        fold_row(s, r, mem);
        if (!first || mem > high)
            high = mem;
        if (!first || mem < low)
            low = mem;
        if (!first) {
            first = r;   /* its Increment is the baseline, not a change */
        } else {
            int64_t inc = mf_decimal_scaled(r->inc.num);
            if (!s->has_hot || inc > s->hot_inc) {
                s->has_hot = 1;
                s->hot_inc = inc;
                s->hot_dec = r->inc.num;
                s->hot_line = r->lineno;
            }
        }
        last = r;
    }
    uint64_t c = block_calls(b, first);
    if (c == 0)
        s->ncalls_estimated = 1;
    note_input(f, b);
    /* An outer call of a recursion has a profiler of its own, fresh: its
       first row's Increment counts its entry from 0 once, and the nested
       entries from the line that called them (about 0).  One profiler that
       saw separate calls (-m, %mprun) counts each call's entry whole when
       other code ran in between: an Increment above Mem usage + the
       block's spread (and one unit of the last digit) is not nested. */
    int may_nest = 0;
    if (first && first->inc.num.prec <= MF_SCALE_DIGITS) {
        int64_t unit = MF_POW10[MF_SCALE_DIGITS - first->inc.num.prec];
        __int128 limit = (__int128)mf_decimal_scaled(first->mem.num) + (high - low) + unit;
        may_nest = (__int128)mf_decimal_scaled(first->inc.num) <= limit;
    }
    s->ncalls += nest_calls(f, (size_t)(s - f->funcs), c ? c : 1, may_nest);
    if (first) {
        /* rise: what this block added over its entry; the fold keeps the
           largest.  A fold whose earlier parts had rows but no rise (a
           summary file written before rise was kept) stays unknown. */
        int64_t rise = high - block_entry(first);
        int unknown = rows_before > 0 && !s->has_rise;
        if (!unknown && (!s->has_rise || rise > s->rise)) {
            s->has_rise = 1;
            s->rise = rise;
        }
        s->measured_calls++;
        sum_add(&s->sum_entry, mf_decimal_scaled(first->mem.num));
        sum_add(&s->sum_exit, mf_decimal_scaled(last->mem.num));
    }
}

int mf_fold_block(mf_fold *f, const mf_block *b)
{
    GUARDED(fold_block(f, b));
}

/* ---- %memit results -------------------------------------------------------------- */

/* Kept as given; the strings are allocated with the entry counted, for
   mf_fold_free (an out-of-memory jump may leave the statement NULL). */
static void add_memit(mf_fold *f, const mf_memit_stats *in, size_t stmt_len)
{
    XGROW(f->memits, f->capmemits, f->nmemits, 8);
    mf_memit_stats *m = &f->memits[f->nmemits];
    *m = *in;
    m->source = NULL;
    m->statement = NULL;
    f->nmemits++;
    m->source = xstrndup(in->source ? in->source : "", in->source ? strlen(in->source) : 0);
    if (in->statement)
        m->statement = xstrndup(in->statement, stmt_len);
}

int mf_fold_memit(mf_fold *f, const mf_memit *m)
{
    mf_memit_stats s = { m->source, m->input_line, m->peak.num, m->has_increment,
                         m->has_increment ? m->inc.num : (mf_decimal){ 0, 0 }, m->statement };
    GUARDED(add_memit(f, &s, m->statement_len));
}

int mf_fold_add_memit(mf_fold *f, const mf_memit_stats *s)
{
    GUARDED(add_memit(f, s, s->statement ? strlen(s->statement) : 0));
}

size_t mf_fold_memit_count(const mf_fold *f) { return f->nmemits; }
const mf_memit_stats *mf_fold_memit_get(const mf_fold *f, size_t i) { return &f->memits[i]; }

/* ---- adding up aggregates ----------------------------------------------------- */

/* Whether a sum, written in units of 10^-prec MiB as a summary file
   writes it, still fits an int64 (which the summary reader takes). */
static int sum_fits(__int128 scaled, int prec)
{
    __int128 v = scaled / MF_POW10[MF_SCALE_DIGITS - prec];
    return v <= INT64_MAX && v >= INT64_MIN;
}

static int count_add(uint64_t *to, uint64_t more)
{
    if (*to > (uint64_t)INT64_MAX || more > (uint64_t)INT64_MAX - *to)
        return -1;
    *to += more;
    return 0;
}

/* t += in, for everything that adds up; the name of what overflows. */
static const char *add_sums(mf_func_stats *t, const mf_func_stats *in)
{
    if (count_add(&t->ncalls, in->ncalls))
        return "calls";
    if (count_add(&t->calls, in->calls))
        return "blocks";
    t->ncalls_estimated |= in->ncalls_estimated;
    if (count_add(&t->rows, in->rows))
        return "rows";
    if (count_add(&t->measured_calls, in->measured_calls))
        return "sums.measured_calls";
    if (count_add(&t->occurrences, in->occurrences))
        return "occurrences";
    if (in->prec > t->prec)
        t->prec = in->prec;
    sum_add(&t->sum_mem, sum_get(in->sum_mem));
    sum_add(&t->sum_entry, sum_get(in->sum_entry));
    sum_add(&t->sum_exit, sum_get(in->sum_exit));
    if (!sum_fits(sum_get(t->sum_mem), t->prec))
        return "sums.mem";
    if (!sum_fits(sum_get(t->sum_entry), t->prec))
        return "sums.entry";
    if (!sum_fits(sum_get(t->sum_exit), t->prec))
        return "sums.exit";
    return NULL;
}

int mf_fold_add_stats(mf_fold *f, const mf_func_stats *in, mf_error *err)
{
    const char *field = NULL;
    mf_guard g;
    if (GUARD(&g))
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    int rc = fold_add_stats_field(f, in, &field);
    guard_end(&g);
    if (rc != 0)
        return error_set(err, MF_ERR_RANGE, 0, "\"%s\" overflows (a count or sum is at most %lld)",
                         field, (long long)INT64_MAX);
    error_clear(err);
    return MF_OK;
}

int fold_add_stats_field(mf_fold *f, const mf_func_stats *in, const char **field)
{
    size_t n = f->n;
    mf_func_stats *s = lookup(f, in->file, strlen(in->file), in->function,
                              in->function ? strlen(in->function) : 0, in->line);
    mf_func_stats t = *s;
    const char *over = add_sums(&t, in);
    if (over) {
        if (field)
            *field = over;
        if (f->n > n)
            forget_last(f);
        return -1;
    }
    if (in->rows && (s->rows == 0 || in->peak > s->peak)) {
        t.peak = in->peak;
        t.peak_dec = in->peak_dec;
    }
    if (in->rows && (s->rows == 0 || in->min < s->min)) {
        t.min = in->min;
        t.min_dec = in->min_dec;
    }
    if (in->has_hot && (!s->has_hot || in->hot_inc > s->hot_inc)) {
        t.has_hot = 1;
        t.hot_inc = in->hot_inc;
        t.hot_dec = in->hot_dec;
        t.hot_line = in->hot_line;
    }
    t.occ_known = s->occ_known && in->occ_known;
    /* the larger rise; unknown when a part with rows does not know it */
    if ((s->rows && !s->has_rise) || (in->rows && !in->has_rise)) {
        t.has_rise = 0;
        t.rise = 0;
    } else if (in->has_rise && (!s->has_rise || in->rise > s->rise)) {
        t.has_rise = 1;
        t.rise = in->rise;
    }
    if (!s->body && in->nbody) {   /* the first that has one */
        uint32_t *h = xmalloc(in->nbody * sizeof *h);
        memcpy(h, in->body, in->nbody * sizeof *h);
        t.body = h;
        t.nbody = in->nbody;
    }
    *s = t;
    return 0;
}

/* ---- derived values ------------------------------------------------------- */

/* (div_round: core/util.h) */

int64_t mf_stats_mean(const mf_func_stats *s) { return div_round(sum_get(s->sum_mem), s->rows); }
int64_t mf_stats_entry(const mf_func_stats *s)
{
    return div_round(sum_get(s->sum_entry), s->measured_calls);
}
int64_t mf_stats_exit(const mf_func_stats *s) { return div_round(sum_get(s->sum_exit), s->measured_calls); }
int64_t mf_stats_net(const mf_func_stats *s)
{
    return div_round(sum_get(s->sum_exit) - sum_get(s->sum_entry), s->measured_calls);
}
