/* compare/diff.c -- "memfold diff": the comparison of two sides, each one
 * or more runs of a program, function by function.
 *
 *   mf_diff_add        copies each run's functions and %memit results
 *   mf_diff_compare    1. per side, the same function of every run is one
 *                         identity (match.c tells same-named ones apart)
 *                      2. the identities of the two sides are paired the
 *                         same way: a row is one function on each side
 *                      3. gate.c takes the medians over the runs and
 *                         judges each row; the reasons of the verdict
 *   mf_diff_write      the writers of diff.h
 */
#include <stdlib.h>
#include <string.h>
#include "compare/diff.h"
#include "compare/gate.h"
#include "compare/match.h"
#include "core/scratch.h"
#include "core/util.h"

/* ---- copies of the runs ----------------------------------------------------- */

static char *dup_or_null(const char *s)
{
    return s ? xstrndup(s, strlen(s)) : NULL;
}

mf_diff *mf_diff_new(const mf_diff_opts *o)
{
    mf_diff *d = try_zalloc(sizeof *d);
    if (d && o)
        d->opts = *o;
    return d;
}

static void side_free(diff_side *s)
{
    for (size_t i = 0; i < s->nfuncs; i++) {
        xfree(s->funcs[i].file);
        xfree(s->funcs[i].function);
        xfree(s->funcs[i].body);
    }
    xfree(s->funcs);
    for (size_t i = 0; i < s->nmemits; i++)
        xfree(s->memits[i].m.statement);
    xfree(s->memits);
    for (size_t i = 0; i < s->nids; i++) {
        xfree(s->ids[i].run);
        xfree(s->ids[i].key);
    }
    xfree(s->ids);
    for (size_t i = 0; i < s->nmids; i++) {
        xfree(s->mids[i].run);
        xfree(s->mids[i].key);
    }
    xfree(s->mids);
    hash_index_free(&s->mindex);
}

void mf_diff_free(mf_diff *d)
{
    if (!d)
        return;
    side_free(&d->side[0]);
    side_free(&d->side[1]);
    gate_free(d);
    scratch_drop(&d->tmp);
    xfree(d);
}

static int add_runs(mf_diff *d, int s, const mf_profile *p)
{
    diff_side *sd = &d->side[s];
    uint32_t base = sd->runs, runs = p->runs ? p->runs : 1;
    for (size_t i = 0; i < p->n; i++) {
        const mf_profile_func *f = &p->funcs[i];
        XGROW(sd->funcs, sd->capfuncs, sd->nfuncs, 32);
        mf_profile_func *c = &sd->funcs[sd->nfuncs];
        *c = *f;
        c->file = c->function = NULL;
        c->body = NULL;
        sd->nfuncs++;
        c->file = xstrndup(f->file ? f->file : "", f->file ? strlen(f->file) : 0);
        c->function = dup_or_null(f->function);
        if (f->nbody) {
            c->body = xmalloc(f->nbody * sizeof *c->body);
            memcpy(c->body, f->body, f->nbody * sizeof *c->body);
        }
        c->run = base + (f->run < runs ? f->run : runs - 1);
    }
    /* a profile's %memit results are of its first run (reports only) */
    for (size_t i = 0; i < p->nmemits; i++) {
        XGROW(sd->memits, sd->capmemits, sd->nmemits, 8);
        side_memit *m = &sd->memits[sd->nmemits];
        m->m = p->memits[i];
        m->m.statement = NULL;
        sd->nmemits++;
        m->m.statement = dup_or_null(p->memits[i].statement);
        m->run = base;
    }
    sd->runs = base + runs;
    return MF_OK;
}

int mf_diff_add(mf_diff *d, int side, const mf_profile *p)
{
    if (side < 0 || side > 1 || d->compared)
        return MF_ERR_ARG;
    GUARDED(add_runs(d, side, p));
}

void mf_diff_input_errors(mf_diff *d, int side, uint64_t errors)
{
    if (side == 0 || side == 1)
        d->side[side].errors += errors;
}

/* ---- keys --------------------------------------------------------------------- */

const char *diff_strip(const char *file, const char *const *prefixes)
{
    for (int i = 0; i < 8 && prefixes[i]; i++) {
        size_t n = strlen(prefixes[i]);
        if (n && strncmp(file, prefixes[i], n) == 0) {
            file += n;
            while (*file == '/' || *file == '\\')
                file++;
            break;
        }
    }
    return file;
}

/* The bytes of a function's key, its NUL included. */
static size_t key_size(const char *file, const char *function)
{
    return strlen(file) + strlen(function ? function : "<unknown>") + 3;
}

/* A function's key written at k (key_size bytes). */
static char *make_key(char *k, size_t n, const char *file, const char *function, int by_name)
{
    const char *fn = function ? function : "<unknown>";
    if (by_name)
        snprintf(k, n, "%c%s", function ? 'f' : 'u', fn);
    else
        snprintf(k, n, "%s%c%c%s", file, 0x1f, function ? 'f' : 'u', fn);
    return k;
}

/* ---- 1. identities of one side -------------------------------------------------- */

/* A function of a run, sorted by key, then run, then place in the file. */
typedef struct entry {
    char *key;
    const mf_profile_func *f;
    const char *file;          /* stripped */
    size_t index;              /* in the side's copies: the order of appearance */
} entry;

static int by_key_run_place(const void *x, const void *y)
{
    const entry *a = x, *b = y;
    int c = strcmp(a->key, b->key);
    if (c)
        return c;
    if (a->f->run != b->f->run)
        return a->f->run < b->f->run ? -1 : 1;
    if ((c = strcmp(a->file, b->file)))
        return c;
    if (a->f->line != b->f->line)
        return a->f->line < b->f->line ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static ident *new_ident(diff_side *s, const entry *e)
{
    XGROW(s->ids, s->capids, s->nids, 32);
    ident *id = &s->ids[s->nids];
    memset(id, 0, sizeof *id);
    id->run = xmalloc(s->runs * sizeof *id->run);
    memset(id->run, 0, s->runs * sizeof *id->run);
    s->nids++;
    id->key = xstrndup(e->key, strlen(e->key));
    id->file = e->file;
    id->f = e->f;
    id->order = e->index;
    id->run[e->f->run] = e->f;
    return id;
}

static match_cand cand_of(const mf_profile_func *f)
{
    match_cand c = { f->body, f->nbody, f->line };
    return c;
}

/* The functions of one key: run 0's (or the first run's that has the key)
   are identities; each later run's are paired with them. */
static void key_group(scratch *t, diff_side *s, const entry *e, size_t n)
{
    size_t first_id = s->nids;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && e[j].f->run == e[i].f->run)
            j++;
        size_t nid = s->nids - first_id, nc = j - i;
        if (nid == 0) {
            for (size_t k = i; k < j; k++)
                new_ident(s, &e[k]);
        } else {
            match_cand *a = scratch_get(t, nid * sizeof *a), *b = scratch_get(t, nc * sizeof *b);
            ptrdiff_t *out = scratch_get(t, nid * sizeof *out);
            int *used = scratch_get(t, nc * sizeof *used);
            for (size_t k = 0; k < nid; k++)
                a[k] = cand_of(s->ids[first_id + k].f);
            for (size_t k = 0; k < nc; k++) {
                b[k] = cand_of(e[i + k].f);
                used[k] = 0;
            }
            match_in_order(t, a, nid, b, nc, out);
            for (size_t k = 0; k < nid; k++)
                if (out[k] >= 0) {
                    s->ids[first_id + k].run[e[i + out[k]].f->run] = e[i + out[k]].f;
                    used[out[k]] = 1;
                }
            for (size_t k = 0; k < nc; k++)
                if (!used[k])
                    new_ident(s, &e[i + k]);
            scratch_put(t, a);
            scratch_put(t, b);
            scratch_put(t, out);
            scratch_put(t, used);
        }
        i = j;
    }
}

static int by_order(const void *x, const void *y)
{
    const ident *a = x, *b = y;
    return a->order < b->order ? -1 : a->order > b->order;
}

static void side_identities(scratch *t, diff_side *s, const mf_diff_opts *o)
{
    entry *e = scratch_get(t, (s->nfuncs + 1) * sizeof *e);
    size_t n = 0, bytes = 0;
    for (size_t i = 0; i < s->nfuncs; i++)
        bytes += key_size(diff_strip(s->funcs[i].file, o->strip_prefix), s->funcs[i].function);
    char *keys = scratch_get(t, bytes), *k = keys;   /* every key in one block */
    for (size_t i = 0; i < s->nfuncs; i++) {
        const char *file = diff_strip(s->funcs[i].file, o->strip_prefix);
        size_t size = key_size(file, s->funcs[i].function);
        e[n++] = (entry){ make_key(k, size, file, s->funcs[i].function, o->match_name),
                          &s->funcs[i], file, i };
        k += size;
    }
    qsort(e, n, sizeof *e, by_key_run_place);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(e[j].key, e[i].key) == 0)
            j++;
        key_group(t, s, e + i, j - i);
        i = j;
    }
    scratch_put(t, keys);
    scratch_put(t, e);
    if (s->nids > 1)
        qsort(s->ids, s->nids, sizeof *s->ids, by_order);
}

/* %memit results: the k-th result of a statement in a run; the same key
   in every run of the side is one identity. */
static int mid_key_eq(size_t entry, const void *key, void *ctx)
{
    const diff_side *s = ctx;
    return strcmp(s->mids[entry].key, key) == 0;
}

/* The identity of key on side s, or (size_t)-1. */
static size_t find_mid(diff_side *s, const char *key)
{
    return hash_index_find(&s->mindex, hash_bytes(HASH_SEED, key, strlen(key)), key, mid_key_eq, s);
}

static void side_memit_identities(scratch *t, diff_side *s)
{
    for (size_t i = 0; i < s->nmemits; i++) {
        const side_memit *m = &s->memits[i];
        const char *st = m->m.statement ? m->m.statement : "";
        size_t len = strlen(st) + 32;
        char *key = scratch_get(t, len);
        for (uint64_t k = 1;; k++) {
            snprintf(key, len, "%c%s%c%llu", m->m.statement ? 's' : 'n', st, 0x1f,
                     (unsigned long long)k);
            size_t at = find_mid(s, key);
            if (at != HASH_INDEX_NONE && s->mids[at].run[m->run])
                continue;   /* this run's k-th is taken: the next one */
            if (at == HASH_INDEX_NONE) {
                XGROW(s->mids, s->capmids, s->nmids, 8);
                memit_ident *mi = &s->mids[s->nmids];
                memset(mi, 0, sizeof *mi);
                mi->run = xmalloc(s->runs * sizeof *mi->run);
                memset(mi->run, 0, s->runs * sizeof *mi->run);
                at = s->nmids++;
                mi->key = xstrndup(key, strlen(key));
                mi->statement = m->m.statement;
                mi->nth = k;
                hash_index_add(&s->mindex, hash_bytes(HASH_SEED, key, strlen(key)), at);
            }
            s->mids[at].run[m->run] = &m->m;
            break;
        }
        scratch_put(t, key);
    }
}

/* ---- 2. the two sides paired ------------------------------------------------------ */

typedef struct side_ref {
    const ident *id;
    int side;
    size_t index;
} side_ref;

static int by_key_place(const void *x, const void *y)
{
    const side_ref *a = x, *b = y;
    int c = strcmp(a->id->key, b->id->key);
    if (c)
        return c;
    if (a->side != b->side)
        return a->side - b->side;
    if ((c = strcmp(a->id->file, b->id->file)))
        return c;
    if (a->id->f->line != b->id->f->line)
        return a->id->f->line < b->id->f->line ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static int one_file(const side_ref *r, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(r[i].id->file, r[0].id->file) != 0)
            return 0;
    return 1;
}

/* The identities of one key on both sides: partner[s][index] is the
   index of the other side's identity, -1 none, -2 ambiguous. */
static void pair_group(mf_diff *d, const side_ref *r, size_t n, ptrdiff_t *partner[2])
{
    size_t na = 0;
    while (na < n && r[na].side == 0)
        na++;
    size_t nb = n - na;
    if (!na || !nb)
        return;
    scratch *t = &d->tmp;
    match_cand *a = scratch_get(t, na * sizeof *a), *b = scratch_get(t, nb * sizeof *b);
    ptrdiff_t *out = scratch_get(t, na * sizeof *out);
    for (size_t i = 0; i < na; i++)
        a[i] = cand_of(r[i].id->f);
    for (size_t j = 0; j < nb; j++)
        b[j] = cand_of(r[na + j].id->f);
    size_t ambiguous = 0;
    if (!d->opts.match_name || (one_file(r, na) && one_file(r + na, nb)))
        match_in_order(t, a, na, b, nb, out);
    else
        ambiguous = match_by_body(t, a, na, b, nb, out);
    for (size_t i = 0; i < na; i++)
        if (out[i] >= 0) {
            partner[0][r[i].index] = (ptrdiff_t)r[na + out[i]].index;
            partner[1][r[na + out[i]].index] = (ptrdiff_t)r[i].index;
        }
    if (ambiguous) {
        for (size_t i = 0; i < na; i++)
            if (partner[0][r[i].index] == -1)
                partner[0][r[i].index] = -2;
        for (size_t j = 0; j < nb; j++)
            if (partner[1][r[na + j].index] == -1)
                partner[1][r[na + j].index] = -2;
    }
    scratch_put(t, a);
    scratch_put(t, b);
    scratch_put(t, out);
}

static void pair_sides(mf_diff *d)
{
    diff_side *s = d->side;
    size_t n = s[0].nids + s[1].nids;
    side_ref *r = scratch_get(&d->tmp, (n + 1) * sizeof *r);
    ptrdiff_t *partner[2];
    size_t k = 0;
    for (int sd = 0; sd < 2; sd++) {
        partner[sd] = scratch_get(&d->tmp, (s[sd].nids + 1) * sizeof *partner[sd]);
        for (size_t i = 0; i < s[sd].nids; i++) {
            partner[sd][i] = -1;
            r[k++] = (side_ref){ &s[sd].ids[i], sd, i };
        }
    }
    qsort(r, n, sizeof *r, by_key_place);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && strcmp(r[j].id->key, r[i].id->key) == 0)
            j++;
        pair_group(d, r + i, j - i, partner);
        i = j;
    }
    scratch_put(&d->tmp, r);
    /* rows: the old side's order, then what only the new side has */
    for (size_t i = 0; i < s[0].nids; i++) {
        ptrdiff_t p = partner[0][i];
        gate_add_row(d, &s[0].ids[i], p >= 0 ? &s[1].ids[p] : NULL, p == -2);
    }
    for (size_t j = 0; j < s[1].nids; j++)
        if (partner[1][j] < 0)
            gate_add_row(d, NULL, &s[1].ids[j], partner[1][j] == -2);
    scratch_put(&d->tmp, partner[0]);
    scratch_put(&d->tmp, partner[1]);
}

static void pair_memits(mf_diff *d)
{
    diff_side *s = d->side;
    int *paired = scratch_get(&d->tmp, (s[1].nmids + 1) * sizeof *paired);
    memset(paired, 0, (s[1].nmids + 1) * sizeof *paired);
    for (size_t i = 0; i < s[0].nmids; i++) {
        size_t j = find_mid(&s[1], s[0].mids[i].key);   /* keys are unique on a side */
        if (j != HASH_INDEX_NONE)
            paired[j] = 1;
        gate_add_memit(d, &s[0].mids[i], j != HASH_INDEX_NONE ? &s[1].mids[j] : NULL);
    }
    for (size_t j = 0; j < s[1].nmids; j++)
        if (!paired[j])
            gate_add_memit(d, NULL, &s[1].mids[j]);
    scratch_put(&d->tmp, paired);
}

static void compare(mf_diff *d)
{
    for (int s = 0; s < 2; s++) {
        side_identities(&d->tmp, &d->side[s], &d->opts);
        side_memit_identities(&d->tmp, &d->side[s]);
    }
    gate_begin(d);
    pair_sides(d);
    pair_memits(d);
    gate_finish(d);
    scratch_drop(&d->tmp);
}

int mf_diff_compare(mf_diff *d)
{
    if (d->compared)
        return MF_ERR_ARG;
    d->compared = 1;
    GUARDED(compare(d));
}

unsigned mf_diff_reasons(const mf_diff *d)
{
    return d->model.reasons;
}

size_t mf_diff_failing(const mf_diff *d)
{
    return d->model.failing;
}

const diff_model *diff_model_of(const mf_diff *d)
{
    return &d->model;
}

static void write_it(const mf_diff *d, FILE *out, int fmt, int color)
{
    const diff_model *m = &d->model;
    switch (fmt) {
    case MF_FMT_MARKDOWN: diff_write_markdown(out, m); break;
    case MF_FMT_JUNIT: diff_write_junit(out, m); break;
    case MF_FMT_GITHUB: diff_write_github(out, m); break;
    default: diff_write_table(out, fmt, m, color); break;
    }
}

int mf_diff_write(const mf_diff *d, FILE *out, int fmt, int color)
{
    if (!d->compared)
        return MF_ERR_ARG;
    GUARDED(write_it(d, out, fmt, color));
}
