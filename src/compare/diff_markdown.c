/* compare/diff_markdown.c -- a comparison as GitHub-flavoured Markdown,
 * for a pull request's comment and $GITHUB_STEP_SUMMARY: the verdict
 * ("**memfold diff: FAILED**: reasons"), what was compared (the rest of
 * diff_verdict's line), then one table row per function (the failing
 * ones first, their status bold; with several runs a side, each median
 * followed by the runs' min–max) and a second table of the %memit
 * results.  Also the texts the Markdown, JUnit and GitHub writers share
 * (diff.h).
 *
 * Everything that comes from the inputs (names, paths, the reasons of
 * an ambiguous pairing, the verdict, which names functions) is escaped:
 * a control character or a byte of invalid UTF-8 is first shown as the
 * text output shows it ("\x1b"), then Markdown's punctuation gets a
 * backslash (| splits a table cell, ` * _ [ ] ~ \ $ make code, emphasis,
 * links, strike-through and math) and < > & become entities (HTML).
 */
#include <stdarg.h>
#include <string.h>
#include "compare/diff.h"
#include "core/textout.h"

/* ---- texts shared by the writers ------------------------------------------ */

const char *diff_mib(char *buf, size_t cap, int64_t v, int sign)
{
    int neg = v < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char frac[16];
    snprintf(frac, sizeof frac, "%09llu", (unsigned long long)(mag % (uint64_t)MF_SCALE));
    size_t n = strlen(frac);
    while (n > 0 && frac[n - 1] == '0')
        frac[--n] = '\0';
    snprintf(buf, cap, "%s%llu%s%s", neg ? "-" : sign && v > 0 ? "+" : "",
             (unsigned long long)(mag / (uint64_t)MF_SCALE), n ? "." : "", frac);
    return buf;
}

const char *diff_limits_text(char *buf, size_t cap, const mf_limits *l)
{
    sbuf s;
    char a[64];
    sb_init(&s, buf, cap);
    if (l->has_rel) {
        /* percent * 10^6: "10", "2.5" */
        int64_t p = l->max_rel_ppm;
        diff_mib(a, sizeof a, p * 1000, 0);     /* the same digits, scaled by 10^9 */
        sb_add(&s, "+%s%%", a);
    }
    if (l->has_abs)
        sb_add(&s, "%s+%s MiB", l->has_rel ? " and " : "", diff_mib(a, sizeof a, l->max_abs, 0));
    if (l->has_max)
        sb_add(&s, "%sat most %s MiB", l->has_rel || l->has_abs ? ", " : "",
               diff_mib(a, sizeof a, l->max, 0));
    if (!s.n)
        sb_add(&s, "no limits");
    return buf;
}

/* A side's min..max of a metric, with the row's decimals. */
static void range_text(sbuf *s, const diff_row *r, int side, int mt)
{
    char a[64], b[64];
    const side_stat *st = &r->stat[side][mt];
    mf_format_derived(a, st->min, r->prec);
    mf_format_derived(b, st->max, r->prec);
    sb_add(s, "%s\xe2\x80\x93%s", a, b);   /* an en dash */
}


/* A percentage as the helpers give it ("+74.2", "0.0", "n/a") with its
   sign of percent when it is a number. */
static const char *pct_unit(const char *p)
{
    return p[0] == '+' || p[0] == '-' || (p[0] >= '0' && p[0] <= '9') ? "%" : "";
}

const char *diff_judged_text(char *buf, size_t cap, const diff_model *m, const diff_row *r,
                             int mt)
{
    sbuf s;
    char vb[2][64], db[64], pb[64], lim[160];
    sb_init(&s, buf, cap);
    switch (r->status) {
    case ST_ADDED:
        sb_add(&s, "added: not in the old profile%s", r->fails ? " (fails under --fail-on-new)" : "");
        return buf;
    case ST_REMOVED:
        sb_add(&s, "removed: not in the new profile%s",
               r->fails ? " (fails under --fail-on-removed)" : "");
        return buf;
    case ST_IGNORED:
        sb_add(&s, "ignored by the budget file");
        return buf;
    case ST_AMBIGUOUS:
        sb_add(&s, "ambiguous: %s", r->why ? r->why : "cannot be paired");
        return buf;
    default:
        break;
    }
    if (mt < 0 || mt >= MF_NMETRICS)
        mt = MF_METRIC_PEAK;
    const judgement *j = &r->m[mt];
    const char *name = DIFF_METRIC_NAMES[mt];
    const char *v0 = diff_value(vb[0], r, 0, mt), *v1 = diff_value(vb[1], r, 1, mt);
    if (!j->compared) {
        int k0 = r->stat[0][mt].known, k1 = r->stat[1][mt].known;
        sb_add(&s, "%s not compared: not known on %s", name,
               !k0 && !k1 ? "either side" : !k0 ? "the old side" : "the new side");
        return buf;
    }
    const char *d = diff_delta(db, r, mt), *p = diff_percent(pb, r, mt);
    if (!j->pct_known)   /* from 0 */
        p = "no percentage of 0";
    sb_add(&s, "%s %s -> %s MiB (%s MiB%s%s%s", name, v0, v1, d[0] ? d : "0", p[0] ? ", " : "", p,
           pct_unit(p));
    if (m->runs[0] > 1 || m->runs[1] > 1) {
        sb_add(&s, "; medians of %u and %u runs, old ", (unsigned)r->stat[0][mt].runs,
               (unsigned)r->stat[1][mt].runs);
        range_text(&s, r, 0, mt);
    }
    sb_add(&s, ")");
    diff_limits_text(lim, sizeof lim, &j->limits);
    if (!j->gated)
        sb_add(&s, ": not gated");
    else if (j->fails && j->over_max && diff_over_growth(j))
        sb_add(&s, ": over the limit and the budget, %s", lim);
    else if (j->fails && j->over_max)
        sb_add(&s, ": over the budget, %s", lim);
    else if (j->fails)
        sb_add(&s, ": over the limit, %s", lim);
    else if (j->in_noise)
        sb_add(&s, ": over the limit, %s, but within the old runs' range (noise)", lim);
    else if (j->from_zero && j->delta > 0 && j->limits.has_rel && !j->limits.has_abs)
        sb_add(&s, ": not judged by %s (growth from 0 has no percentage; only a MiB limit "
               "judges it)", lim);
    else
        sb_add(&s, ": within %s", lim);
    return buf;
}

/* Whether %memit results are gated by their increment (net, rise). */
static int memit_by_increment(const diff_model *m)
{
    return (m->metrics & (1u << MF_METRIC_NET | 1u << MF_METRIC_RISE)) != 0;
}

/* A scaled value with prec decimals as the tables print it, "+" before a
   positive one. */
static const char *signed_value(char *buf, int64_t v, int prec)
{
    buf[0] = '+';
    mf_format_derived(buf + (v > 0), v, prec);
    return buf;
}

static const char *pct_text(char *buf, size_t cap, int64_t x10)
{
    int64_t a = x10 < 0 ? -x10 : x10;
    snprintf(buf, cap, "%s%lld.%lld", x10 > 0 ? "+" : x10 < 0 ? "-" : "", (long long)(a / 10),
             (long long)(a % 10));
    return buf;
}

const char *diff_memit_text(char *buf, size_t cap, const diff_model *m, const diff_memit *e)
{
    sbuf s;
    char a[64], b[64], d[64], p[64];
    sb_init(&s, buf, cap);
    if (!e->present[0] || !e->present[1]) {
        sb_add(&s, "%s%s", e->present[1] ? "added: not in the old profile" : "removed: not in the new profile",
               e->fails ? (e->present[1] ? " (fails under --fail-on-new)" : " (fails under --fail-on-removed)")
                        : "");
        return buf;
    }
    mf_format_derived(a, e->peak[0], e->prec);
    mf_format_derived(b, e->peak[1], e->prec);
    signed_value(d, e->delta_peak, e->prec);
    sb_add(&s, "peak %s -> %s MiB (%s MiB)", a, b, d);
    if (e->has_inc[0] && e->has_inc[1]) {
        mf_format_derived(a, e->inc[0], e->prec);
        mf_format_derived(b, e->inc[1], e->prec);
        signed_value(d, e->delta_inc, e->prec);
        sb_add(&s, ", increment %s -> %s MiB (%s MiB)", a, b, d);
    }
    if (e->gated && e->pct_known)
        sb_add(&s, ", %s %s%%", memit_by_increment(m) ? "increment" : "peak",
               pct_text(p, sizeof p, e->pct_x10));
    sb_add(&s, "%s", !e->gated ? ": not gated" : e->fails ? ": over the limit" : ": within the limits");
    return buf;
}

/* ---- Markdown -------------------------------------------------------------- */

static void md_byte(FILE *out, char c)
{
    switch (c) {
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '&': fputs("&amp;", out); break;
    case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '~': case '$':
        fputc('\\', out);
        fputc(c, out);
        break;
    default:
        fputc(c, out);
    }
}

/* s[0..len) as Markdown text (inline, or a table cell). */
static void md_text(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        size_t n;
        char esc[17];
        size_t e = text_escape_char(s + i, len - i, &n, esc);
        if (e) {
            for (size_t k = 0; k < e; k++)
                md_byte(out, esc[k]);
        } else if (n == 1) {
            md_byte(out, s[i]);
        } else {
            fwrite(s + i, 1, n, out);
        }
        i += n;
    }
}

static void md_str(FILE *out, const char *s)
{
    if (s)
        md_text(out, s, strlen(s));
}

static int popcount(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

/* A metric's value of side s, and its min–max when the side has several
   runs. */
static void md_value(FILE *out, const diff_model *m, const diff_row *r, int s, int mt)
{
    char vb[64], buf[160];
    const char *v = diff_value(vb, r, s, mt);
    md_str(out, v);
    const side_stat *st = &r->stat[s][mt];
    if (v[0] && st->known && m->runs[s] > 1) {
        sbuf b;
        sb_init(&b, buf, sizeof buf);
        range_text(&b, r, s, mt);
        fputs(" (", out);
        md_str(out, buf);
        fputc(')', out);
    }
}

static void md_status(FILE *out, const diff_row *r, int mt)
{
    const char *st = DIFF_STATUS_NAMES[r->status];
    if (r->fails) {
        fputs("**", out);
        md_str(out, st);
        fputs("**", out);
    } else if (r->status == ST_OK && r->m[mt].in_noise) {
        fputs("ok (noise)", out);
    } else {
        md_str(out, st);
    }
    if (r->status == ST_AMBIGUOUS && r->why) {
        fputs(": ", out);
        md_str(out, r->why);
    }
}

static void md_row(FILE *out, const diff_model *m, const diff_row *r, int several)
{
    int mt = diff_shown_metric(m, r);
    int s = r->present[1] ? 1 : 0;
    char b[64];
    fputs("| ", out);
    md_str(out, diff_row_name(r));
    fputs(" | ", out);
    md_str(out, r->file);
    if (r->line[s]) {
        snprintf(b, sizeof b, ":%llu", (unsigned long long)r->line[s]);
        md_str(out, b);
    }
    fputs(" | ", out);
    if (several) {
        md_str(out, DIFF_METRIC_NAMES[mt]);
        fputs(" | ", out);
    }
    md_value(out, m, r, 0, mt);
    fputs(" | ", out);
    md_value(out, m, r, 1, mt);
    fputs(" | ", out);
    md_str(out, diff_delta(b, r, mt));
    fputs(" | ", out);
    md_str(out, diff_percent(b, r, mt));
    fputs(" | ", out);
    md_status(out, r, mt);
    fputs(" |\n", out);
}

static void md_memit_row(FILE *out, const diff_memit *e)
{
    char b[64];
    fputs("| ", out);
    md_str(out, e->name ? e->name : e->statement ? e->statement : "<no statement>");
    for (int s = 0; s < 2; s++) {
        fputs(" | ", out);
        if (e->present[s])
            md_str(out, (mf_format_derived(b, e->peak[s], e->prec), b));
    }
    fputs(" | ", out);
    if (e->present[0] && e->present[1])
        md_str(out, signed_value(b, e->delta_peak, e->prec));
    for (int s = 0; s < 2; s++) {
        fputs(" | ", out);
        if (e->present[s] && e->has_inc[s])
            md_str(out, (mf_format_derived(b, e->inc[s], e->prec), b));
    }
    fputs(" | ", out);
    if (e->present[0] && e->present[1] && e->has_inc[0] && e->has_inc[1])
        md_str(out, signed_value(b, e->delta_inc, e->prec));
    fputs(" | ", out);
    if (e->gated && e->pct_known)
        md_str(out, pct_text(b, sizeof b, e->pct_x10));
    fputs(" | ", out);
    const char *st = DIFF_STATUS_NAMES[e->status];
    if (e->fails)
        fputs("**", out);
    md_str(out, st);
    if (e->fails)
        fputs("**", out);
    fputs(" |\n", out);
}

void diff_write_markdown(FILE *out, const diff_model *m)
{
    char verdict[4096];
    diff_verdict(m, verdict, sizeof verdict);
    /* "3 functions compared by rise (...); 0 added, 0 removed: FAILED:
       reasons" -> **memfold diff: FAILED**: reasons, then what was
       compared on a line of its own */
    size_t len = strlen(verdict), ctx = 0, word = 0, wlen = 0;
    const char *f = strstr(verdict, ": FAILED");
    if (f) {
        ctx = (size_t)(f - verdict);
        word = ctx + 2;
        wlen = 6;
    } else if (len >= 8 && strcmp(verdict + len - 8, ": PASSED") == 0) {
        ctx = len - 8;
        word = len - 6;
        wlen = 6;
    } else {                       /* no context: "PASSED", "FAILED: ..." */
        wlen = strcspn(verdict, ":");
    }
    fputs("**memfold diff: ", out);
    md_text(out, verdict + word, wlen);
    fputs("**", out);
    md_str(out, verdict + word + wlen);
    fputs("\n\n", out);
    if (ctx) {
        md_text(out, verdict, ctx);
        fputs("\n\n", out);
    }

    int several = popcount(m->metrics) > 1;
    if (!m->nrows) {
        fputs("No functions on either side.\n", out);
    } else if (diff_nshown(m)) {
        int one = 0;
        while (one < MF_NMETRICS - 1 && !(m->metrics & (1u << one)))
            one++;
        const char *metric = DIFF_METRIC_NAMES[one];
        fputs(several ? "| function | file:line | metric | old (MiB) | new (MiB)"
                      : "| function | file:line | old ", out);
        if (!several)
            fprintf(out, "%s (MiB) | new %s (MiB)", metric, metric);
        fputs(" | delta MiB | delta % | status |\n", out);
        fputs(several ? "|---|---|---|---:|---:|---:|---:|---|\n" : "|---|---|---:|---:|---:|---:|---|\n",
              out);
        /* the failing rows first, then the others, each in the order of
           --sort (the rows -q and --top leave) */
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < diff_nshown(m); i++)
                if ((diff_shown_row(m, i)->fails != 0) == (pass == 0))
                    md_row(out, m, diff_shown_row(m, i), several);
    }
    if (m->left_out)
        fprintf(out, "\n_... and %zu more function%s (--top %zu)_\n", m->left_out,
                m->left_out == 1 ? "" : "s", m->opts.top);
    if (diff_nmemit_shown(m)) {
        fputs("\n| %memit statement | old peak (MiB) | new peak (MiB) | delta peak MiB"
              " | old increment (MiB) | new increment (MiB) | delta increment MiB | delta % | status |\n"
              "|---|---:|---:|---:|---:|---:|---:|---:|---|\n", out);
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < diff_nmemit_shown(m); i++)
                if ((diff_shown_memit(m, i)->fails != 0) == (pass == 0))
                    md_memit_row(out, diff_shown_memit(m, i));
    }
}
