/* compare/diff.c -- compare two profiles function by function ("memfold diff"),
 * and gate: a function fails when its metric grew by more than the
 * limits allow.  With a relative and an absolute limit both given, a
 * function fails only when it is over both (memory wobbles between runs:
 * +40% of 1 MiB is noise, +3 MiB of 2 GiB too).
 * Functions are matched through a hash index on their keys, in the order
 * they first appear (old side first).
 */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/index.h"
#include "core/records.h"
#include "core/textout.h"
#include "core/util.h"
size_t mf_diff_emit(FILE *out, int fmt, const mf_profile *old, const mf_profile *now,
                    const mf_diff_opts *opts, uint64_t input_errors, int color);

/* The gate as it was (one metric, one pair of limits): being replaced. */
typedef struct legacy_opts {
    int metric, match_name;
    const char *const *strip_prefix;
    int has_rel, has_abs;
    int64_t max_rel_ppm, max_abs;
    int fail_on_new, fail_on_removed;
    uint64_t input_errors;
} legacy_opts;

/* A function of both sides, its entries combined per side. */
typedef struct pair {
    char *key;                 /* what matches: file + function, or function */
    const char *file, *function;
    mf_profile_func side[2];   /* combined; calls == 0 when absent */
    int present[2];
    int status;                /* enum below */
    int64_t delta;             /* of the gated metric, scaled */
    int64_t pct_x10;           /* percent of the old value, times 10 */
    int pct_inf;               /* old value 0: growth from nothing */
} pair;

enum { ST_OK, ST_OVER, ST_ADDED, ST_REMOVED };
static const char *const STATUS[] = { "ok", "over", "added", "removed" };
static const char *const METRIC[] = { "peak", "mean", "net", "rise" };

static const char *strip(const char *file, const char *const *prefixes)
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

static char *make_key(const mf_profile_func *f, const legacy_opts *o)
{
    const char *fn = f->function ? f->function : "<unknown>";
    const char *file = strip(f->file, o->strip_prefix);
    size_t n = strlen(file) + strlen(fn) + 2;
    char *k = xmalloc(n);
    if (o->match_name)
        snprintf(k, n, "%s", fn);
    else
        snprintf(k, n, "%s%c%s", file, 0x1f, fn);
    return k;
}

/* Two groups of the same side under one key (a function seen at two first
   lines): peak is the larger, mean and net are weighted by rows and calls. */
static void combine(mf_profile_func *into, const mf_profile_func *f)
{
    if (!f->has_values) {
        into->calls += f->calls;
        return;
    }
    if (!into->has_values) {
        uint64_t calls = into->calls;
        *into = *f;
        into->calls += calls;
        return;
    }
    __int128 rows = (__int128)into->rows + f->rows, calls = (__int128)into->calls + f->calls;
    if (rows)
        into->mean = (int64_t)(((__int128)into->mean * into->rows + (__int128)f->mean * f->rows) / rows);
    if (calls)
        into->net = (int64_t)(((__int128)into->net * into->calls + (__int128)f->net * f->calls) / calls);
    if (f->peak > into->peak)
        into->peak = f->peak;
    if (f->prec > into->prec)
        into->prec = f->prec;
    into->rows += f->rows;
    into->calls += f->calls;
}

/* The pairs, in order of first appearance, and a hash index on their keys. */
typedef struct pairs {
    pair *v;
    size_t n, cap;
    hash_index index;
    char *key;            /* the key being added, until it is in v */
} pairs;

/* Everything of ps: also after an out-of-memory jump. */
static void pairs_free(pairs *ps)
{
    for (size_t i = 0; i < ps->n; i++)
        xfree(ps->v[i].key);
    xfree(ps->v);
    xfree(ps->key);
    hash_index_free(&ps->index);
    memset(ps, 0, sizeof *ps);
}

static int key_eq(size_t entry, const void *key, void *ctx)
{
    const pairs *ps = ctx;
    return strcmp(ps->v[entry].key, key) == 0;
}

/* The pair of ps->key, which it takes. */
static pair *find_or_add(pairs *ps)
{
    char *key = ps->key;
    uint64_t h = hash_bytes(HASH_SEED, key, strlen(key));
    size_t i = hash_index_find(&ps->index, h, key, key_eq, ps);
    if (i != (size_t)-1) {
        xfree(key);
        ps->key = NULL;
        return &ps->v[i];
    }
    XGROW(ps->v, ps->cap, ps->n, 16);
    hash_index_add(&ps->index, h, ps->n);
    pair *p = &ps->v[ps->n++];
    memset(p, 0, sizeof *p);
    p->key = key;
    ps->key = NULL;
    return p;
}

static int64_t metric(const mf_profile_func *f, int m)
{
    return m == MF_METRIC_MEAN ? f->mean : m == MF_METRIC_NET ? f->net : f->peak;
}

static void judge(pair *p, const legacy_opts *o)
{
    if (!p->present[0]) {
        p->status = ST_ADDED;
        return;
    }
    if (!p->present[1]) {
        p->status = ST_REMOVED;
        return;
    }
    int64_t old = metric(&p->side[0], o->metric), now = metric(&p->side[1], o->metric);
    __int128 base = old < 0 ? -(__int128)old : old;
    p->delta = now - old;
    p->pct_inf = base == 0 && p->delta != 0;
    p->pct_x10 = base ? (int64_t)(((__int128)p->delta * 1000 + (p->delta < 0 ? -base / 2 : base / 2)) / base) : 0;
    int over_rel = p->delta > 0 && (p->pct_inf || (__int128)p->delta * 100000000 > base * o->max_rel_ppm);
    int over_abs = p->delta > o->max_abs;
    int over = o->has_rel && o->has_abs ? over_rel && over_abs
             : o->has_rel ? over_rel : o->has_abs ? over_abs : 0;
    p->status = over ? ST_OVER : ST_OK;
}

/* ---- output ---------------------------------------------------------------- */

static int prec_of(const pair *p)
{
    int a = p->present[0] ? p->side[0].prec : 0, b = p->present[1] ? p->side[1].prec : 0;
    return a > b ? a : b;
}

static const char *num(char *buf, const pair *p, int s, int m)
{
    if (!p->present[s] || !p->side[s].has_values)
        return "";
    mf_format_derived(buf, metric(&p->side[s], m), prec_of(p));
    return buf;
}

static const char *delta(char *buf, const pair *p)
{
    if (p->status == ST_ADDED || p->status == ST_REMOVED)
        return "";
    buf[0] = p->delta > 0 ? '+' : '\0';
    mf_format_derived(buf + (p->delta > 0), p->delta, prec_of(p));
    return buf;
}

static const char *percent(char *buf, const pair *p)
{
    if (p->status == ST_ADDED || p->status == ST_REMOVED)
        return "";
    if (p->pct_inf)
        return "inf";
    int64_t v = p->pct_x10 < 0 ? -p->pct_x10 : p->pct_x10;
    snprintf(buf, 32, "%s%lld.%lld", p->pct_x10 > 0 ? "+" : p->pct_x10 < 0 ? "-" : "",
             (long long)(v / 10), (long long)(v % 10));
    return buf;
}

static const char *name_of(const pair *p)
{
    return p->function ? p->function : "<unknown>";
}

/* ---- the tables: text, CSV, JSON ----------------------------------------- */

enum { F_FUNCTION, F_NAME, F_FILE, F_STATUS, F_OLD_CALLS, F_NEW_CALLS, F_OLD_PEAK, F_NEW_PEAK,
       F_OLD_MEAN, F_NEW_MEAN, F_OLD_NET, F_NEW_NET, F_DELTA, F_PERCENT, NFIELDS };

#define NUM(name, gap, width, field) { name, REC_NUMBER, 0, gap, width, field }
#define INT(name, gap, width, field) { name, REC_INTEGER, 0, gap, width, field }

/* A streamed table: the names come from the input and are shown escaped;
   FUNCTION and FILE are as wide as the widest. */
static const rec_column TEXT_COLS[] = {
    { "FUNCTION", REC_TEXT, 1, 0, 0, F_NAME }, { "FILE", REC_TEXT, 1, 2, 0, F_FILE },
    NUM("OLD PEAK", 2, 12, F_OLD_PEAK), NUM("NEW PEAK", 1, 12, F_NEW_PEAK),
    NUM("DELTA MiB", 2, 10, F_DELTA), NUM("DELTA %", 1, 8, F_PERCENT),
    NUM("OLD MEAN", 2, 10, F_OLD_MEAN), NUM("NEW MEAN", 1, 10, F_NEW_MEAN),
    NUM("OLD NET", 2, 9, F_OLD_NET), NUM("NEW NET", 1, 9, F_NEW_NET),
    INT("OLD", 2, 5, F_OLD_CALLS), INT("NEW", 1, 5, F_NEW_CALLS),
    NUM("STATUS", 2, 0, F_STATUS),
};

static const rec_column DATA_COLS[] = {
    { "file", REC_TEXT, 0, 0, 0, F_FILE }, { "function", REC_TEXT, 0, 0, 0, F_FUNCTION },
    { "status", REC_TEXT, 0, 0, 0, F_STATUS },
    INT("old_calls", 0, 0, F_OLD_CALLS), INT("new_calls", 0, 0, F_NEW_CALLS),
    NUM("old_peak_mib", 0, 0, F_OLD_PEAK), NUM("new_peak_mib", 0, 0, F_NEW_PEAK),
    NUM("old_mean_mib", 0, 0, F_OLD_MEAN), NUM("new_mean_mib", 0, 0, F_NEW_MEAN),
    NUM("old_net_mib", 0, 0, F_OLD_NET), NUM("new_net_mib", 0, 0, F_NEW_NET),
    NUM("delta_mib", 0, 0, F_DELTA), NUM("delta_percent", 0, 0, F_PERCENT),
};

/* A number for CSV or JSON: no "+" sign. */
static const char *plain(const char *v)
{
    return v[0] == '+' ? v + 1 : v;
}

/* The values of a pair's row; b holds their text.  Text shows signs and
   colour; JSON has no infinite percent (null). */
static void pair_values(const pair *p, int fmt, int color, char b[9][64], rec_value *v)
{
    int red = color && p->status == ST_OVER;
    v[F_FUNCTION] = rec_str(p->function);
    v[F_NAME] = rec_str(name_of(p));
    v[F_FILE] = rec_str(p->file);
    snprintf(b[8], 64, "%s%s%s", red ? "\033[1;31m" : "",
             fmt == MF_FMT_TEXT && p->status == ST_OVER ? "OVER" : STATUS[p->status],
             red ? "\033[0m" : "");
    v[F_STATUS] = rec_str(b[8]);
    v[F_OLD_CALLS] = p->present[0] ? rec_u64(p->side[0].calls) : rec_none();
    v[F_NEW_CALLS] = p->present[1] ? rec_u64(p->side[1].calls) : rec_none();
    v[F_OLD_PEAK] = rec_num(num(b[0], p, 0, MF_METRIC_PEAK));
    v[F_NEW_PEAK] = rec_num(num(b[1], p, 1, MF_METRIC_PEAK));
    v[F_OLD_MEAN] = rec_num(num(b[2], p, 0, MF_METRIC_MEAN));
    v[F_NEW_MEAN] = rec_num(num(b[3], p, 1, MF_METRIC_MEAN));
    v[F_OLD_NET] = rec_num(num(b[4], p, 0, MF_METRIC_NET));
    v[F_NEW_NET] = rec_num(num(b[5], p, 1, MF_METRIC_NET));
    const char *d = delta(b[6], p), *pct = percent(b[7], p);
    if (fmt != MF_FMT_TEXT) {
        d = plain(d);
        pct = fmt != MF_FMT_CSV && strcmp(pct, "inf") == 0 ? "" : plain(pct);
    }
    v[F_DELTA] = rec_num(d);
    v[F_PERCENT] = rec_num(pct);
}

/* The rows as a table: text, CSV, or the functions of the JSON document. */
static void table(FILE *out, int fmt, const pair *v, size_t n, int color)
{
    rec_column text[REC_COUNT(TEXT_COLS)];
    const rec_column *cols = DATA_COLS;
    size_t ncols = REC_COUNT(DATA_COLS);
    rec_opts opts = { .item_indent = 4, .close_indent = 2 };
    if (fmt == MF_FMT_TEXT) {
        size_t wf = strlen("FUNCTION"), wl = strlen("FILE");
        for (size_t i = 0; i < n; i++) {
            size_t a = text_escaped_len(name_of(&v[i]), strlen(name_of(&v[i])));
            size_t c = text_escaped_len(v[i].file, strlen(v[i].file));
            wf = a > wf ? a : wf;
            wl = c > wl ? c : wl;
        }
        memcpy(text, TEXT_COLS, sizeof text);
        text[0].width = (unsigned short)(wf < 65535 ? wf : 65535);
        text[1].width = (unsigned short)(wl < 65535 ? wl : 65535);
        cols = text;
        ncols = REC_COUNT(TEXT_COLS);
    }
    rec_writer *w = rec_begin(out, fmt, cols, ncols, &opts);
    for (size_t i = 0; i < n; i++) {
        char b[9][64];
        rec_value row[NFIELDS];
        pair_values(&v[i], fmt, color, b, row);
        rec_row(w, row);
    }
    rec_end(w);
}

/* ---- %memit results ------------------------------------------------------- */

/* A %memit result of both sides: the k-th result of a statement on one
   side is compared with the k-th of the same statement on the other
   (results without a statement count as one statement of their own).
   The gated value is the increment for --metric net, else the peak. */
typedef struct mpair {
    char *key;                 /* statement, 0x1f, k */
    const char *statement;     /* NULL: none */
    uint64_t nth;              /* k, 1-based */
    const mf_profile_memit *side[2];
    int status;
    int64_t delta_peak, delta_inc, pct_x10;
    int pct_inf, has_inc;      /* has_inc: both sides have an increment */
    int gated;                 /* both sides have the gated value */
    int prec;
    char *name;                /* as the text table shows it: "stmt (#2)" */
} mpair;

typedef struct mpairs {
    mpair *v;
    size_t n, cap;
    hash_index index;
    char *key;
} mpairs;

static void mpairs_free(mpairs *ps)
{
    for (size_t i = 0; i < ps->n; i++) {
        xfree(ps->v[i].key);
        xfree(ps->v[i].name);
    }
    xfree(ps->v);
    xfree(ps->key);
    hash_index_free(&ps->index);
    memset(ps, 0, sizeof *ps);
}

static int mkey_eq(size_t entry, const void *key, void *ctx)
{
    const mpairs *ps = ctx;
    return strcmp(ps->v[entry].key, key) == 0;
}

/* The pair of the next result of m's statement on side s. */
static mpair *memit_pair(mpairs *ps, const mf_profile_memit *m, int s)
{
    const char *st = m->statement ? m->statement : "";
    size_t n = strlen(st) + 24;
    for (uint64_t k = 1;; k++) {
        ps->key = xmalloc(n);
        snprintf(ps->key, n, "%s%c%c%llu", st, 0x1f, m->statement ? 's' : 'n', (unsigned long long)k);
        uint64_t h = hash_bytes(HASH_SEED, ps->key, strlen(ps->key));
        size_t i = hash_index_find(&ps->index, h, ps->key, mkey_eq, ps);
        if (i != (size_t)-1) {
            xfree(ps->key);
            ps->key = NULL;
            if (ps->v[i].side[s])
                continue;
            return &ps->v[i];
        }
        XGROW(ps->v, ps->cap, ps->n, 8);
        hash_index_add(&ps->index, h, ps->n);
        mpair *p = &ps->v[ps->n++];
        memset(p, 0, sizeof *p);
        p->key = ps->key;
        ps->key = NULL;
        p->statement = m->statement;
        p->nth = k;
        size_t len = strlen(m->statement ? m->statement : "<no statement>") + 32;
        p->name = xmalloc(len);
        if (m->statement && k == 1)
            snprintf(p->name, len, "%s", m->statement);
        else
            snprintf(p->name, len, "%s (#%llu)", m->statement ? m->statement : "<no statement>",
                     (unsigned long long)k);
        return p;
    }
}

static void judge_memit(mpair *p, const legacy_opts *o)
{
    const mf_profile_memit *a = p->side[0], *b = p->side[1];
    if (!a || !b) {
        p->status = a ? ST_REMOVED : ST_ADDED;
        p->prec = a ? a->prec : b->prec;
        return;
    }
    p->prec = a->prec > b->prec ? a->prec : b->prec;
    p->has_inc = a->has_increment && b->has_increment;
    p->delta_peak = b->peak - a->peak;
    p->delta_inc = p->has_inc ? b->increment - a->increment : 0;
    if (o->metric == MF_METRIC_NET && !p->has_inc) {
        p->status = ST_OK;   /* no increment to gate */
        return;
    }
    int64_t old = o->metric == MF_METRIC_NET ? a->increment : a->peak;
    int64_t delta = o->metric == MF_METRIC_NET ? p->delta_inc : p->delta_peak;
    __int128 base = old < 0 ? -(__int128)old : old;
    p->gated = 1;
    p->pct_inf = base == 0 && delta != 0;
    p->pct_x10 = base ? (int64_t)(((__int128)delta * 1000 + (delta < 0 ? -base / 2 : base / 2)) / base) : 0;
    int over_rel = delta > 0 && (p->pct_inf || (__int128)delta * 100000000 > base * o->max_rel_ppm);
    int over_abs = delta > o->max_abs;
    int over = o->has_rel && o->has_abs ? over_rel && over_abs
             : o->has_rel ? over_rel : o->has_abs ? over_abs : 0;
    p->status = over ? ST_OVER : ST_OK;
}

enum { G_STATEMENT, G_NAME, G_NTH, G_STATUS, G_OLD_PEAK, G_NEW_PEAK, G_DELTA_PEAK, G_OLD_INC,
       G_NEW_INC, G_DELTA_INC, G_PERCENT, NMFIELDS };

static const rec_column MEMIT_TEXT_COLS[] = {
    { "%MEMIT STATEMENT", REC_TEXT, 1, 0, 0, G_NAME },
    NUM("OLD PEAK", 2, 10, G_OLD_PEAK), NUM("NEW PEAK", 1, 10, G_NEW_PEAK),
    NUM("DELTA MiB", 2, 10, G_DELTA_PEAK), NUM("DELTA %", 1, 8, G_PERCENT),
    NUM("OLD INC", 2, 9, G_OLD_INC), NUM("NEW INC", 1, 9, G_NEW_INC),
    NUM("DELTA INC", 1, 9, G_DELTA_INC), NUM("STATUS", 2, 0, G_STATUS),
};

static const rec_column MEMIT_DATA_COLS[] = {
    { "statement", REC_TEXT, 0, 0, 0, G_STATEMENT }, INT("occurrence", 0, 0, G_NTH),
    { "status", REC_TEXT, 0, 0, 0, G_STATUS },
    NUM("old_peak_mib", 0, 0, G_OLD_PEAK), NUM("new_peak_mib", 0, 0, G_NEW_PEAK),
    NUM("delta_peak_mib", 0, 0, G_DELTA_PEAK),
    NUM("old_increment_mib", 0, 0, G_OLD_INC), NUM("new_increment_mib", 0, 0, G_NEW_INC),
    NUM("delta_increment_mib", 0, 0, G_DELTA_INC), NUM("delta_percent", 0, 0, G_PERCENT),
};

static const char *mnum(char *buf, const mpair *p, int s, int inc)
{
    const mf_profile_memit *m = p->side[s];
    if (!m || (inc && !m->has_increment))
        return "";
    mf_format_derived(buf, inc ? m->increment : m->peak, p->prec);
    return buf;
}

static const char *mdelta(char *buf, const mpair *p, int inc, int fmt)
{
    if (!p->side[0] || !p->side[1] || (inc && !p->has_inc))
        return "";
    int64_t d = inc ? p->delta_inc : p->delta_peak;
    int sign = d > 0 && fmt == MF_FMT_TEXT;
    buf[0] = '+';
    mf_format_derived(buf + sign, d, p->prec);
    return buf;
}

static const char *mpercent(char *buf, const mpair *p, int fmt)
{
    if (!p->gated)
        return "";
    if (p->pct_inf)
        return fmt == MF_FMT_TEXT ? "inf" : "";
    int64_t v = p->pct_x10 < 0 ? -p->pct_x10 : p->pct_x10;
    snprintf(buf, 32, "%s%lld.%lld",
             p->pct_x10 > 0 ? (fmt == MF_FMT_TEXT ? "+" : "") : p->pct_x10 < 0 ? "-" : "",
             (long long)(v / 10), (long long)(v % 10));
    return buf;
}

static void memit_table(FILE *out, int fmt, const mpair *v, size_t n, int color)
{
    rec_column text[REC_COUNT(MEMIT_TEXT_COLS)];
    rec_opts opts = { .item_indent = 4, .close_indent = 2 };
    rec_writer *w;
    if (fmt == MF_FMT_TEXT) {
        size_t wn = strlen(MEMIT_TEXT_COLS[0].name);
        for (size_t i = 0; i < n; i++) {
            size_t a = text_escaped_len(v[i].name, strlen(v[i].name));
            wn = a > wn ? a : wn;
        }
        memcpy(text, MEMIT_TEXT_COLS, sizeof text);
        text[0].width = (unsigned short)(wn < 65535 ? wn : 65535);
        w = rec_begin(out, fmt, REC_COLS(text), &opts);
    } else {
        w = rec_begin(out, fmt, REC_COLS(MEMIT_DATA_COLS), &opts);
    }
    for (size_t i = 0; i < n; i++) {
        const mpair *p = &v[i];
        char b[8][64];
        rec_value row[NMFIELDS];
        int red = color && p->status == ST_OVER;
        row[G_STATEMENT] = rec_str(p->statement);
        row[G_NAME] = rec_str(p->name);
        row[G_NTH] = rec_u64(p->nth);
        snprintf(b[7], 64, "%s%s%s", red ? "\033[1;31m" : "",
                 fmt == MF_FMT_TEXT && p->status == ST_OVER ? "OVER" : STATUS[p->status],
                 red ? "\033[0m" : "");
        row[G_STATUS] = rec_str(b[7]);
        row[G_OLD_PEAK] = rec_num(mnum(b[0], p, 0, 0));
        row[G_NEW_PEAK] = rec_num(mnum(b[1], p, 1, 0));
        row[G_DELTA_PEAK] = rec_num(mdelta(b[2], p, 0, fmt));
        row[G_OLD_INC] = rec_num(mnum(b[3], p, 0, 1));
        row[G_NEW_INC] = rec_num(mnum(b[4], p, 1, 1));
        row[G_DELTA_INC] = rec_num(mdelta(b[5], p, 1, fmt));
        row[G_PERCENT] = rec_num(mpercent(b[6], p, fmt));
        rec_row(w, row);
    }
    rec_end(w);
}

static void limits_text(char *buf, size_t cap, const legacy_opts *o)
{
    char a[64] = "", r[64] = "";
    if (o->has_rel)
        snprintf(r, sizeof r, "+%lld.%04lld%%", (long long)(o->max_rel_ppm / 1000000),
                 (long long)(o->max_rel_ppm % 1000000 / 100));
    if (o->has_abs) {
        a[0] = '+';
        mf_format_derived(a + 1, o->max_abs, 0);
        strcat(a, " MiB");
    }
    /* "+10.0000%" -> "+10%" */
    char *dot = strchr(r, '.');
    if (dot) {
        char *e = dot + strlen(dot) - 1;     /* the '%' */
        char *z = e - 1;
        while (z > dot && *z == '0')
            z--;
        memmove(z == dot ? dot : z + 1, e, 2);
    }
    snprintf(buf, cap, "%s%s%s", r, o->has_rel && o->has_abs ? " and " : "", a);
}

static void verdict(FILE *out, const pair *v, size_t n, const legacy_opts *o, size_t failing,
                    const mpairs *ms)
{
    char lim[160], b[2][64];
    size_t over = 0, added = 0, removed = 0;
    for (size_t i = 0; i < n; i++) {
        over += v[i].status == ST_OVER;
        added += v[i].status == ST_ADDED;
        removed += v[i].status == ST_REMOVED;
    }
    limits_text(lim, sizeof lim, o);
    fprintf(out, "%zu function%s over the limit", over, over == 1 ? "" : "s");
    if (o->has_rel || o->has_abs)
        fprintf(out, " (%s %s)", METRIC[o->metric], lim);
    const char *sep = ": ";
    for (size_t i = 0; i < n; i++) {
        if (v[i].status != ST_OVER)
            continue;
        fputs(sep, out);
        text_escaped(out, name_of(&v[i]), strlen(name_of(&v[i])));
        fprintf(out, " (%s MiB, %s%%)", delta(b[0], &v[i]), percent(b[1], &v[i]));
        sep = ", ";
    }
    fprintf(out, "; %zu added, %zu removed", added, removed);
    if (ms->n) {
        size_t mo = 0, ma = 0, mr = 0;
        for (size_t i = 0; i < ms->n; i++) {
            mo += ms->v[i].status == ST_OVER;
            ma += ms->v[i].status == ST_ADDED;
            mr += ms->v[i].status == ST_REMOVED;
        }
        fprintf(out, "; %%memit: %zu over the limit, %zu added, %zu removed", mo, ma, mr);
    }
    if (o->input_errors)
        fprintf(out, "; %llu error%s in the inputs\n", (unsigned long long)o->input_errors,
                o->input_errors == 1 ? "" : "s");
    else
        fprintf(out, "%s\n", failing ? "" : "; passed");
}

static void json_doc(FILE *out, const pair *v, size_t n, const legacy_opts *o, size_t failing,
                     const mpairs *ms)
{
    char b[8][64];
    fprintf(out, "{\n  \"memfold\": 1,\n  \"metric\": \"%s\",\n  \"max_increase_percent\": ",
            METRIC[o->metric]);
    if (o->has_rel) {
        /* percent * 10^6 as a decimal with 6 places, trailing zeros cut */
        mf_decimal d = { o->max_rel_ppm, 6 };
        size_t len = mf_format_decimal(b[0], d);
        while (len > 1 && b[0][len - 1] == '0')
            b[0][--len] = '\0';
        if (b[0][len - 1] == '.')
            b[0][--len] = '\0';
        fputs(b[0], out);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"max_increase_mib\": ", out);
    if (o->has_abs) {
        mf_format_derived(b[0], o->max_abs, 0);
        fputs(b[0], out);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"functions\": ", out);
    table(out, MF_FMT_JSON, v, n, 0);
    if (ms->n) {
        fputs(",\n  \"memit\": ", out);
        memit_table(out, MF_FMT_JSON, ms->v, ms->n, 0);
    }
    fprintf(out, ",\n  \"failed\": %zu\n}\n", failing);
}

/* The work of mf_diff_emit, with what it allocates in *ps (outside the
   frame that an out-of-memory jump leaves; the records writers release
   themselves). */
__attribute__((noinline))
static size_t diff_emit(pairs *ps, mpairs *ms, FILE *out, int fmt, const mf_profile *old,
                        const mf_profile *now, const legacy_opts *o, int color)
{
    size_t failing = 0;
    const mf_profile *sides[2] = { old, now };
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < sides[s]->n; i++) {
            const mf_profile_func *f = &sides[s]->funcs[i];
            ps->key = make_key(f, o);
            pair *p = find_or_add(ps);
            if (!p->file) {
                p->file = strip(f->file, o->strip_prefix);
                p->function = f->function;
            }
            if (p->present[s])
                combine(&p->side[s], f);
            else
                p->side[s] = *f;
            p->present[s] = 1;
        }
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < sides[s]->nmemits; i++)
            memit_pair(ms, &sides[s]->memits[i], s)->side[s] = &sides[s]->memits[i];
    pair *v = ps->v;
    size_t n = ps->n;
    for (size_t i = 0; i < n; i++) {
        judge(&v[i], o);
        failing += v[i].status == ST_OVER || (v[i].status == ST_ADDED && o->fail_on_new) ||
                   (v[i].status == ST_REMOVED && o->fail_on_removed);
    }
    size_t mfailing = 0;
    for (size_t i = 0; i < ms->n; i++) {
        judge_memit(&ms->v[i], o);
        mfailing += ms->v[i].status == ST_OVER ||
                    (ms->v[i].status == ST_ADDED && o->fail_on_new) ||
                    (ms->v[i].status == ST_REMOVED && o->fail_on_removed);
    }
    /* %memit results: a table after the functions (text; without them
       when there are none), a "memit" array (JSON); CSV is the table of
       functions only.  They count in the gate all the same. */
    if (fmt == MF_FMT_CSV) {
        table(out, fmt, v, n, 0);
    } else if (fmt == MF_FMT_JSON || fmt == MF_FMT_NDJSON) {
        json_doc(out, v, n, o, failing + mfailing, ms);
    } else {
        if (n || !ms->n)
            table(out, MF_FMT_TEXT, v, n, color);
        if (ms->n) {
            if (n)
                fputc('\n', out);
            memit_table(out, MF_FMT_TEXT, ms->v, ms->n, color);
        }
        verdict(out, v, n, o, failing + mfailing, ms);
    }
    return failing + mfailing;
}

size_t mf_diff_emit(FILE *out, int fmt, const mf_profile *old, const mf_profile *now,
                    const mf_diff_opts *opts, uint64_t input_errors, int color)
{
    int mt = 0;
    while (mt < MF_NMETRICS && !(opts->metrics & (1u << mt)))
        mt++;
    if (mt == MF_NMETRICS)
        mt = 0;
    legacy_opts lo = { mt, opts->match_name, opts->strip_prefix, opts->limits[mt].has_rel,
                       opts->limits[mt].has_abs, opts->limits[mt].max_rel_ppm,
                       opts->limits[mt].max_abs, opts->fail_on_new, opts->fail_on_removed,
                       input_errors };
    const legacy_opts *o = &lo;
    pairs ps;
    mpairs ms;
    memset(&ps, 0, sizeof ps);
    memset(&ms, 0, sizeof ms);
    mf_guard g;
    if (GUARD(&g)) {
        pairs_free(&ps);
        mpairs_free(&ms);
        return (size_t)-1;
    }
    size_t failing = diff_emit(&ps, &ms, out, fmt, old, now, o, color);
    guard_end(&g);
    pairs_free(&ps);
    mpairs_free(&ms);
    return failing;
}
