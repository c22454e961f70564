/* diff.c -- compare two profiles function by function ("memfold diff"),
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
#include "core/textout.h"
#include "core/util.h"

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
static const char *const METRIC[] = { "peak", "mean", "net" };

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

static char *make_key(const mf_profile_func *f, const mf_diff_opts *o)
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
} pairs;

static int key_eq(size_t entry, const void *key, void *ctx)
{
    const pairs *ps = ctx;
    return strcmp(ps->v[entry].key, key) == 0;
}

static pair *find_or_add(pairs *ps, char *key)
{
    uint64_t h = hash_bytes(HASH_SEED, key, strlen(key));
    size_t i = hash_index_find(&ps->index, h, key, key_eq, ps);
    if (i != (size_t)-1) {
        free(key);
        return &ps->v[i];
    }
    if (ps->n == ps->cap) {
        ps->cap = ps->cap ? 2 * ps->cap : 16;
        ps->v = xrealloc(ps->v, ps->cap * sizeof *ps->v);
    }
    pair *p = &ps->v[ps->n];
    memset(p, 0, sizeof *p);
    p->key = key;
    hash_index_add(&ps->index, h, ps->n++);
    return p;
}

static int64_t metric(const mf_profile_func *f, int m)
{
    return m == MF_METRIC_MEAN ? f->mean : m == MF_METRIC_NET ? f->net : f->peak;
}

static void judge(pair *p, const mf_diff_opts *o)
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

/* The function and file of each row as shown: names come from the input,
   and a control character in them is shown escaped, never sent to the
   terminal (text_escape). */
static char **shown_names(const pair *v, size_t n)
{
    char **shown = xmalloc((2 * n + 1) * sizeof *shown);
    for (size_t i = 0; i < n; i++) {
        shown[2 * i] = text_escape_dup(name_of(&v[i]), strlen(name_of(&v[i])));
        shown[2 * i + 1] = text_escape_dup(v[i].file, strlen(v[i].file));
    }
    return shown;
}

static void text_table(FILE *out, const pair *v, size_t n, int color)
{
    char b[8][64];
    char **shown = shown_names(v, n);
    size_t wf = strlen("FUNCTION"), wl = strlen("FILE");
    for (size_t i = 0; i < n; i++) {
        size_t a = strlen(shown[2 * i]), c = strlen(shown[2 * i + 1]);
        wf = a > wf ? a : wf;
        wl = c > wl ? c : wl;
    }
    fprintf(out, "%-*s  %-*s  %12s %12s  %10s %8s  %10s %10s  %9s %9s  %5s %5s  %s\n", (int)wf,
            "FUNCTION", (int)wl, "FILE", "OLD PEAK", "NEW PEAK", "DELTA MiB", "DELTA %", "OLD MEAN",
            "NEW MEAN", "OLD NET", "NEW NET", "OLD", "NEW", "STATUS");
    for (size_t i = 0; i < n; i++) {
        const pair *p = &v[i];
        char c0[24] = "", c1[24] = "";
        if (p->present[0])
            snprintf(c0, sizeof c0, "%llu", (unsigned long long)p->side[0].calls);
        if (p->present[1])
            snprintf(c1, sizeof c1, "%llu", (unsigned long long)p->side[1].calls);
        int red = color && p->status == ST_OVER;
        fprintf(out, "%-*s  %-*s  %12s %12s  %10s %8s  %10s %10s  %9s %9s  %5s %5s  %s%s%s\n",
                (int)wf, shown[2 * i], (int)wl, shown[2 * i + 1],
                num(b[0], p, 0, MF_METRIC_PEAK), num(b[1], p, 1, MF_METRIC_PEAK),
                delta(b[2], p), percent(b[3], p), num(b[4], p, 0, MF_METRIC_MEAN),
                num(b[5], p, 1, MF_METRIC_MEAN), num(b[6], p, 0, MF_METRIC_NET),
                num(b[7], p, 1, MF_METRIC_NET), c0, c1, red ? "\033[1;31m" : "",
                p->status == ST_OVER ? "OVER" : STATUS[p->status], red ? "\033[0m" : "");
    }
    for (size_t i = 0; i < 2 * n; i++)
        free(shown[i]);
    free(shown);
}

static void limits_text(char *buf, size_t cap, const mf_diff_opts *o)
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

static void verdict(FILE *out, const pair *v, size_t n, const mf_diff_opts *o, size_t failing)
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
    if (o->input_errors)
        fprintf(out, "; %llu error%s in the inputs\n", (unsigned long long)o->input_errors,
                o->input_errors == 1 ? "" : "s");
    else
        fprintf(out, "%s\n", failing ? "" : "; passed");
}

/* A number for CSV or JSON: no "+" sign. */
static const char *plain(const char *v)
{
    return v[0] == '+' ? v + 1 : v;
}

static void csv_rows(FILE *out, const pair *v, size_t n)
{
    char b[9][64];
    fputs("file,function,status,old_calls,new_calls,old_peak_mib,new_peak_mib,old_mean_mib,"
          "new_mean_mib,old_net_mib,new_net_mib,delta_mib,delta_percent\n", out);
    for (size_t i = 0; i < n; i++) {
        const pair *p = &v[i];
        csv_field(out, p->file, strlen(p->file));
        putc(',', out);
        if (p->function)
            csv_field(out, p->function, strlen(p->function));
        snprintf(b[8], 64, "%llu", (unsigned long long)p->side[0].calls);
        fprintf(out, ",%s,%s,", STATUS[p->status], p->present[0] ? b[8] : "");
        snprintf(b[8], 64, "%llu", (unsigned long long)p->side[1].calls);
        fprintf(out, "%s,%s,%s,%s,%s,%s,%s,%s,%s\n", p->present[1] ? b[8] : "",
                num(b[0], p, 0, MF_METRIC_PEAK), num(b[1], p, 1, MF_METRIC_PEAK),
                num(b[2], p, 0, MF_METRIC_MEAN), num(b[3], p, 1, MF_METRIC_MEAN),
                num(b[4], p, 0, MF_METRIC_NET), num(b[5], p, 1, MF_METRIC_NET),
                plain(delta(b[6], p)), plain(percent(b[7], p)));
    }
}

static void json_value(FILE *out, const char *key, const char *v)
{
    fprintf(out, ", \"%s\": %s", key, v[0] && strcmp(v, "inf") ? plain(v) : "null");
}

static void json_doc(FILE *out, const pair *v, size_t n, const mf_diff_opts *o, size_t failing)
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
    fputs(",\n  \"functions\": [", out);
    for (size_t i = 0; i < n; i++) {
        const pair *p = &v[i];
        fputs(i ? ",\n    {\"file\": " : "\n    {\"file\": ", out);
        json_write_string(out, p->file, strlen(p->file));
        fputs(", \"function\": ", out);
        if (p->function)
            json_write_string(out, p->function, strlen(p->function));
        else
            fputs("null", out);
        fprintf(out, ", \"status\": \"%s\"", STATUS[p->status]);
        for (int s = 0; s < 2; s++) {
            if (p->present[s])
                fprintf(out, ", \"%s_calls\": %llu", s ? "new" : "old",
                        (unsigned long long)p->side[s].calls);
            else
                fprintf(out, ", \"%s_calls\": null", s ? "new" : "old");
        }
        json_value(out, "old_peak_mib", num(b[0], p, 0, MF_METRIC_PEAK));
        json_value(out, "new_peak_mib", num(b[1], p, 1, MF_METRIC_PEAK));
        json_value(out, "old_mean_mib", num(b[2], p, 0, MF_METRIC_MEAN));
        json_value(out, "new_mean_mib", num(b[3], p, 1, MF_METRIC_MEAN));
        json_value(out, "old_net_mib", num(b[4], p, 0, MF_METRIC_NET));
        json_value(out, "new_net_mib", num(b[5], p, 1, MF_METRIC_NET));
        json_value(out, "delta_mib", delta(b[6], p));
        json_value(out, "delta_percent", percent(b[7], p));
        putc('}', out);
    }
    fprintf(out, "%s],\n  \"failed\": %zu\n}\n", n ? "\n  " : "", failing);
}

size_t mf_diff_emit(FILE *out, int fmt, const mf_profile *old, const mf_profile *now,
                    const mf_diff_opts *o, int color)
{
    pairs ps = { 0 };
    size_t failing = 0;
    const mf_profile *sides[2] = { old, now };
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < sides[s]->n; i++) {
            const mf_profile_func *f = &sides[s]->funcs[i];
            pair *p = find_or_add(&ps, make_key(f, o));
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
    hash_index_free(&ps.index);
    pair *v = ps.v;
    size_t n = ps.n;
    for (size_t i = 0; i < n; i++) {
        judge(&v[i], o);
        failing += v[i].status == ST_OVER || (v[i].status == ST_ADDED && o->fail_on_new) ||
                   (v[i].status == ST_REMOVED && o->fail_on_removed);
    }
    if (fmt == MF_FMT_CSV) {
        csv_rows(out, v, n);
    } else if (fmt == MF_FMT_JSON || fmt == MF_FMT_NDJSON) {
        json_doc(out, v, n, o, failing);
    } else {
        text_table(out, v, n, color);
        verdict(out, v, n, o, failing);
    }
    for (size_t i = 0; i < n; i++)
        free(v[i].key);
    free(v);
    return failing;
}
