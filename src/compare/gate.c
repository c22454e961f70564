/* compare/gate.c -- the gate of "memfold diff": per function and metric,
 * the median over each side's runs, judged by the limits.
 *
 * A function fails on a metric when
 *   - it grew by more than the growth limits allow (--max-increase: with
 *     a relative and an absolute limit both given, only when over both;
 *     from an old median of 0 only the absolute limit applies), and the
 *     new median is above every old run (so that the wobble between runs
 *     does not fail it: with one old run, any growth is above it); or
 *   - its new median is over the metric's budget (--max-peak, --max-rise).
 * Limits come from the command line, a budget file's defaults under it
 * and its per-function entries over it (budget.c).
 *
 * The verdict fails, with a reason each, on a function that fails; on an
 * added or removed function under --fail-on-new/--fail-on-removed; on
 * inputs with errors, a side with no function, every function added or
 * removed, and a name --match name cannot pair (these four: the
 * comparison cannot be trusted), unless an --allow-* option allows it.
 */
#include <stdlib.h>
#include <string.h>
#include "compare/budget.h"
#include "compare/gate.h"
#include "core/util.h"

const char *const DIFF_METRIC_NAMES[MF_NMETRICS] = { "peak", "mean", "net", "rise" };
const char *const DIFF_STATUS_NAMES[] = { "ok", "over", "added", "removed", "ignored",
                                          "ambiguous" };

void gate_free(mf_diff *d)
{
    xfree(d->model.rows);
    xfree(d->model.memits);
    xfree(d->model.order);
    xfree(d->model.shown);
    xfree(d->model.memit_shown);
    memset(&d->model, 0, sizeof d->model);
}

void gate_begin(mf_diff *d)
{
    diff_model *m = &d->model;
    m->opts = d->opts;
    m->metrics = d->opts.metrics;
    if (!m->metrics)
        m->metrics = mf_budget_metrics(d->opts.budget);
    if (!m->metrics)
        m->metrics = 1u << MF_METRIC_PEAK;
    for (int s = 0; s < 2; s++) {
        m->runs[s] = d->side[s].runs;
        m->functions[s] = d->side[s].nids;
        m->input_errors[s] = d->side[s].errors;
    }
}

/* ---- statistics over the runs ------------------------------------------------ */

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* Half away from zero. */
static int64_t mid_of(int64_t a, int64_t b)
{
    __int128 s = (__int128)a + b;
    return (int64_t)(s >= 0 ? (s + 1) / 2 : (s - 1) / 2);
}

static side_stat stat_of(int64_t *v, uint32_t n)
{
    side_stat st = { 0, 0, 0, 0, 0 };
    if (!n)
        return st;
    qsort(v, n, sizeof *v, cmp_i64);
    st.known = 1;
    st.runs = n;
    st.min = v[0];
    st.max = v[n - 1];
    st.median = n % 2 ? v[n / 2] : mid_of(v[n / 2 - 1], v[n / 2]);
    return st;
}

static int metric_of(const mf_profile_func *f, int m, int64_t *out)
{
    switch (m) {
    case MF_METRIC_PEAK: *out = f->peak; return f->has_values;
    case MF_METRIC_MEAN: *out = f->mean; return f->has_values;
    case MF_METRIC_NET: *out = f->net; return f->has_values && f->has_net;
    default: *out = f->rise; return f->has_rise;
    }
}

static void side_stats(scratch *t, diff_row *r, int s, const ident *id, uint32_t runs)
{
    int64_t *v = scratch_get(t, (runs + 1) * sizeof *v);
    uint32_t n = 0;
    r->present[s] = 1;
    r->line[s] = id->f->line;
    r->def_line[s] = id->f->def_line;
    for (uint32_t k = 0; k < runs; k++)
        if (id->run[k]) {
            /* counts fit: summary files hold them up to INT64_MAX */
            v[n++] = id->run[k]->calls > INT64_MAX ? INT64_MAX : (int64_t)id->run[k]->calls;
            if (id->run[k]->prec > r->prec)
                r->prec = id->run[k]->prec;
        }
    r->runs[s] = n;
    r->calls[s] = (uint64_t)stat_of(v, n).median;   /* half up between two */
    for (int m = 0; m < MF_NMETRICS; m++) {
        n = 0;
        for (uint32_t k = 0; k < runs; k++)
            if (id->run[k] && metric_of(id->run[k], m, &v[n]))
                n++;
        r->stat[s][m] = stat_of(v, n);
    }
    scratch_put(t, v);
}

/* The median of an even count of runs may need one decimal more than
   the values: the row is printed with it then. */
static void fit_prec(diff_row *r)
{
    if (r->prec >= MF_SCALE_DIGITS)
        return;
    int64_t unit = MF_POW10[MF_SCALE_DIGITS - r->prec];
    for (int s = 0; s < 2; s++)
        for (int m = 0; m < MF_NMETRICS; m++)
            if (m != MF_METRIC_MEAN && r->stat[s][m].known && r->stat[s][m].runs > 1 &&
                r->stat[s][m].median % unit) {
                r->prec++;
                return;
            }
}

/* ---- judging ------------------------------------------------------------------ */

/* The growth from old to now, judged by l, into j. */
static void judge_growth(judgement *j, int64_t old, int64_t now, const mf_limits *l)
{
    __int128 base = old < 0 ? -(__int128)old : old;
    j->delta = now - old;
    j->from_zero = base == 0;
    j->pct_known = base != 0 || j->delta == 0;   /* 0 -> 0: 0.0% */
    j->pct_x10 = base ? (int64_t)(((__int128)j->delta * 1000 + (j->delta < 0 ? -base / 2 : base / 2)) / base)
                      : 0;
    j->over_rel = l->has_rel && base && j->delta > 0 &&
                  (__int128)j->delta * 100000000 > base * l->max_rel_ppm;
    j->over_abs = l->has_abs && j->delta > l->max_abs;
}

int diff_over_growth(const judgement *j)
{
    const mf_limits *l = &j->limits;
    if (l->has_rel && l->has_abs)
        return j->from_zero ? j->over_abs : j->over_rel && j->over_abs;
    return l->has_rel ? j->over_rel : l->has_abs ? j->over_abs : 0;
}

static void judge_metric(diff_row *r, int m, const mf_limits *l)
{
    judgement *j = &r->m[m];
    const side_stat *a = &r->stat[0][m], *b = &r->stat[1][m];
    j->limits = *l;
    if (!a->known || !b->known)
        return;
    j->gated = 1;
    judge_growth(j, a->median, b->median, l);
    int grew = diff_over_growth(j);
    j->in_noise = grew && a->runs > 1 && b->median <= a->max;
    j->over_max = l->has_max && b->median > l->max;
    j->fails = (grew && !j->in_noise) || j->over_max;
}

static diff_row *new_row(mf_diff *d)
{
    diff_model *m = &d->model;
    XGROW(m->rows, d->caprows, m->nrows, 32);
    diff_row *r = &m->rows[m->nrows++];
    memset(r, 0, sizeof *r);
    return r;
}

void gate_add_row(mf_diff *d, const ident *old, const ident *now, int ambiguous)
{
    diff_model *m = &d->model;
    diff_row *r = new_row(d);
    const ident *named = now ? now : old;
    r->file = named->file;
    r->function = named->f->function;
    if (old)
        side_stats(&d->tmp, r, 0, old, d->side[0].runs);
    if (now)
        side_stats(&d->tmp, r, 1, now, d->side[1].runs);
    fit_prec(r);
    if (ambiguous) {
        r->status = ST_AMBIGUOUS;
        r->why = "--match name cannot tell which function of this name is which";
        m->ambiguous++;
        return;
    }
    int ignored = 0;
    for (int k = 0; k < MF_NMETRICS; k++) {
        mf_limits l;
        if (!(m->metrics & (1u << k)))
            continue;
        ignored |= budget_limits(d->opts.budget, r->file, r->function, k, &d->opts.limits[k], &l);
        if (old && now)
            judge_metric(r, k, &l);
        else
            r->m[k].limits = l;
        r->fails |= r->m[k].fails;
    }
    /* the metrics not gated: their change all the same */
    for (int k = 0; k < MF_NMETRICS && old && now; k++) {
        judgement *j = &r->m[k];
        if (r->stat[0][k].known && r->stat[1][k].known) {
            j->compared = 1;
            if (!j->gated)
                judge_growth(j, r->stat[0][k].median, r->stat[1][k].median, &j->limits);
        }
    }
    if (ignored) {
        r->status = ST_IGNORED;
        r->fails = 0;
        m->ignored++;
    } else if (!old || !now) {
        r->status = old ? ST_REMOVED : ST_ADDED;
        r->fails = old ? d->opts.fail_on_removed : d->opts.fail_on_new;
        if (old)
            m->removed++;
        else
            m->added++;
    } else {
        r->status = r->fails ? ST_OVER : ST_OK;
        m->over += r->fails;
    }
    m->failing += r->fails != 0;
}

/* ---- %memit results -------------------------------------------------------------- */

static void memit_side(scratch *t, diff_memit *e, int s, const memit_ident *id, uint32_t runs)
{
    int64_t *v = scratch_get(t, (runs + 1) * sizeof *v);
    uint32_t n = 0, ni = 0;
    e->present[s] = 1;
    for (uint32_t k = 0; k < runs; k++)
        if (id->run[k]) {
            v[n++] = id->run[k]->peak;
            if (id->run[k]->prec > e->prec)
                e->prec = id->run[k]->prec;
        }
    e->peak[s] = stat_of(v, n).median;
    for (uint32_t k = 0; k < runs; k++)
        if (id->run[k] && id->run[k]->has_increment)
            v[ni++] = id->run[k]->increment;
    e->has_inc[s] = ni > 0;
    e->inc[s] = stat_of(v, ni).median;
    scratch_put(t, v);
}

void gate_add_memit(mf_diff *d, const memit_ident *old, const memit_ident *now)
{
    diff_model *m = &d->model;
    XGROW(m->memits, d->capmemits, m->nmemits, 8);
    diff_memit *e = &m->memits[m->nmemits++];
    memset(e, 0, sizeof *e);
    const memit_ident *named = old ? old : now;
    e->statement = named->statement;
    e->nth = named->nth;
    if (old)
        memit_side(&d->tmp, e, 0, old, d->side[0].runs);
    if (now)
        memit_side(&d->tmp, e, 1, now, d->side[1].runs);
    if (!old || !now) {
        e->status = old ? ST_REMOVED : ST_ADDED;
        e->fails = old ? d->opts.fail_on_removed : d->opts.fail_on_new;
        m->memit_removed += !!old;
        m->memit_added += !old;
        m->failing += e->fails != 0;
        return;
    }
    e->delta_peak = e->peak[1] - e->peak[0];
    e->delta_inc = e->has_inc[0] && e->has_inc[1] ? e->inc[1] - e->inc[0] : 0;
    /* the increment for the metrics of what was added, else the peak */
    int by_inc = (m->metrics & ((1u << MF_METRIC_NET) | (1u << MF_METRIC_RISE))) != 0;
    int mk = by_inc ? (m->metrics & (1u << MF_METRIC_RISE) ? MF_METRIC_RISE : MF_METRIC_NET)
                    : (m->metrics & (1u << MF_METRIC_PEAK) ? MF_METRIC_PEAK : MF_METRIC_MEAN);
    if (by_inc && !(e->has_inc[0] && e->has_inc[1])) {
        e->status = ST_OK;
        return;
    }
    judgement j;
    memset(&j, 0, sizeof j);
    const mf_limits *l = &d->opts.limits[mk];
    j.limits = *l;
    int64_t a = by_inc ? e->inc[0] : e->peak[0], b = by_inc ? e->inc[1] : e->peak[1];
    judge_growth(&j, a, b, l);
    e->gated = 1;
    e->pct_known = j.pct_known;
    e->pct_x10 = j.pct_x10;
    e->fails = diff_over_growth(&j) || (l->has_max && b > l->max);
    e->status = e->fails ? ST_OVER : ST_OK;
    m->memit_over += e->fails;
    m->failing += e->fails;
}

/* ---- what the writers show -------------------------------------------------------- */

int diff_row_failing(const diff_row *r)
{
    return r->fails || r->status == ST_AMBIGUOUS;
}

/* A row's sort key: has (0: none, after every row with one), then key
   (larger first), then the model's order. */
typedef struct sort_item {
    int has;
    int64_t key;
    const diff_row *r;
    size_t idx;
} sort_item;

static int by_key(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    if (x->has != y->has)
        return x->has ? -1 : 1;
    if (x->has && x->key != y->key)
        return x->key > y->key ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int str_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int by_name(const void *a, const void *b)
{
    const sort_item *x = a, *y = b;
    int c = str_cmp(x->r->function, y->r->function);
    if (!c)
        c = str_cmp(x->r->file, y->r->file);
    if (!c) {
        uint64_t lx = x->r->line[x->r->present[1]], ly = y->r->line[y->r->present[1]];
        c = lx < ly ? -1 : lx > ly;
    }
    return c ? c : x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int64_t abs64(int64_t v)
{
    return v < 0 ? (v == INT64_MIN ? INT64_MAX : -v) : v;
}

/* The key of a row under sort: the largest of the gated metrics' (DELTA,
   PERCENT), or a metric's new median (the old one of a removed row). */
static void sort_key(const diff_model *m, const diff_row *r, int sort, sort_item *it)
{
    it->has = 0;
    it->key = 0;
    if (sort == MF_DIFF_SORT_DELTA || sort == MF_DIFF_SORT_PERCENT) {
        for (int k = 0; k < MF_NMETRICS; k++) {
            const judgement *j = &r->m[k];
            if (!(m->metrics & (1u << k)) || !j->compared)
                continue;
            if (sort == MF_DIFF_SORT_PERCENT && !j->pct_known)
                continue;
            int64_t v = abs64(sort == MF_DIFF_SORT_DELTA ? j->delta : j->pct_x10);
            if (!it->has || v > it->key)
                it->key = v;
            it->has = 1;
        }
        return;
    }
    int k = sort - MF_DIFF_SORT_PEAK, s = r->present[1] ? 1 : 0;
    if (k >= 0 && k < MF_NMETRICS && r->present[s] && r->stat[s][k].known) {
        it->has = 1;
        it->key = r->stat[s][k].median;
    }
}

static void shown_rows(scratch *t, diff_model *m)
{
    const mf_diff_opts *o = &m->opts;
    size_t n = m->nrows;
    m->order = xmalloc((n + 1) * sizeof *m->order);
    m->shown = xmalloc((n + 1) * sizeof *m->shown);
    m->memit_shown = xmalloc((m->nmemits + 1) * sizeof *m->memit_shown);
    sort_item *it = scratch_get(t, (n + 1) * sizeof *it);   /* freed on a jump too */
    int sort = o->sort > MF_DIFF_SORT_FIRST && o->sort <= MF_DIFF_SORT_RISE ? o->sort
                                                                          : MF_DIFF_SORT_FIRST;
    for (size_t i = 0; i < n; i++) {
        it[i].r = &m->rows[i];
        it[i].idx = i;
        sort_key(m, &m->rows[i], sort, &it[i]);
    }
    if (sort == MF_DIFF_SORT_NAME)
        qsort(it, n, sizeof *it, by_name);
    else if (sort != MF_DIFF_SORT_FIRST)
        qsort(it, n, sizeof *it, by_key);
    m->nshown = m->left_out = 0;
    for (size_t i = 0; i < n; i++) {
        m->order[i] = it[i].idx;
        if (o->failing_only && !diff_row_failing(it[i].r))
            continue;
        if (o->top && m->nshown >= o->top)
            m->left_out++;
        else
            m->shown[m->nshown++] = it[i].idx;
    }
    scratch_put(t, it);
    m->nmemit_shown = 0;
    for (size_t i = 0; i < m->nmemits; i++)
        if (!o->failing_only || m->memits[i].fails)
            m->memit_shown[m->nmemit_shown++] = i;
}

/* What the verdict adds about rows that passed unjudged. */
static void count_unjudged(diff_model *m)
{
    for (size_t i = 0; i < m->nrows; i++) {
        const diff_row *r = &m->rows[i];
        int any = 0, zero = 0;
        if (!r->present[0] || !r->present[1] || r->status == ST_AMBIGUOUS ||
            r->status == ST_IGNORED)
            continue;
        for (int k = 0; k < MF_NMETRICS; k++) {
            const judgement *j = &r->m[k];
            if (!(m->metrics & (1u << k)) || !j->gated)
                continue;
            any = 1;
            zero |= !j->fails && j->from_zero && j->delta > 0 && j->limits.has_rel &&
                    !j->limits.has_abs;
        }
        m->unjudged += !any;
        m->grew_from_zero += zero;
    }
}

/* ---- the verdict ------------------------------------------------------------------ */

void gate_finish(mf_diff *d)
{
    diff_model *m = &d->model;
    const mf_diff_opts *o = &d->opts;
    unsigned r = 0;
    size_t paired = 0;
    for (size_t i = 0; i < m->nrows; i++)
        paired += m->rows[i].present[0] && m->rows[i].present[1];
    for (size_t i = 0; i < m->nmemits; i++)
        paired += m->memits[i].present[0] && m->memits[i].present[1];
    if (m->over || m->memit_over)
        r |= MF_DIFF_OVER;
    if (o->fail_on_new && (m->added || m->memit_added))
        r |= MF_DIFF_ADDED;
    if (o->fail_on_removed && (m->removed || m->memit_removed))
        r |= MF_DIFF_REMOVED;
    if ((m->input_errors[0] || m->input_errors[1]) && !o->allow_input_errors)
        r |= MF_DIFF_INPUT_ERRORS;
    int empty[2];
    for (int s = 0; s < 2; s++)
        empty[s] = d->side[s].nids == 0 && d->side[s].nmids == 0;
    if ((empty[0] || empty[1]) && !o->allow_empty)
        r |= MF_DIFF_EMPTY;
    if (!empty[0] && !empty[1] && paired == 0 && !m->ambiguous && !o->allow_all_changed)
        r |= MF_DIFF_ALL_CHANGED;
    if (m->ambiguous)
        r |= MF_DIFF_AMBIGUOUS;
    m->empty[0] = empty[0];
    m->empty[1] = empty[1];
    m->reasons = r;
    count_unjudged(m);
    shown_rows(&d->tmp, m);
}
