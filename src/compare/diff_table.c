/* compare/diff_table.c -- a comparison as a text table (for people: laid
 * out by the gated metrics, the verdict last), CSV (every metric, one row
 * a function) and JSON (the whole model); the verdict line and the
 * number formats the other writers share.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "compare/diff.h"
#include "core/records.h"
#include "core/textout.h"
#include "core/util.h"

/* ---- numbers ------------------------------------------------------------------ */

const char *diff_row_name(const diff_row *r)
{
    return r->function ? r->function : "<unknown>";
}

const char *diff_value(char *buf, const diff_row *r, int s, int metric)
{
    if (!r->present[s] || !r->stat[s][metric].known)
        return "";
    mf_format_derived(buf, r->stat[s][metric].median, r->prec);
    return buf;
}

const char *diff_delta(char *buf, const diff_row *r, int metric)
{
    const judgement *j = &r->m[metric];
    if (!j->compared)
        return "";
    buf[0] = '+';
    mf_format_derived(buf + (j->delta > 0), j->delta, r->prec);
    return buf;
}

static const char *percent_text(char *buf, int known, int64_t pct_x10, int64_t delta)
{
    (void)delta;
    if (!known)   /* from 0: no percentage */
        return "n/a";
    int64_t v = pct_x10 < 0 ? -pct_x10 : pct_x10;
    snprintf(buf, 64, "%s%lld.%lld", pct_x10 > 0 ? "+" : pct_x10 < 0 ? "-" : "",
             (long long)(v / 10), (long long)(v % 10));
    return buf;
}

const char *diff_percent(char *buf, const diff_row *r, int metric)
{
    const judgement *j = &r->m[metric];
    if (!j->compared)
        return "";
    return percent_text(buf, j->pct_known, j->pct_x10, j->delta);
}

int diff_shown_metric(const diff_model *m, const diff_row *r)
{
    int first = -1;
    for (int k = 0; k < MF_NMETRICS; k++)
        if (m->metrics & (1u << k)) {
            if (r->m[k].fails)
                return k;
            if (first < 0)
                first = k;
        }
    return first < 0 ? MF_METRIC_PEAK : first;
}

/* ---- the verdict ------------------------------------------------------------------- */

void sb_init(sbuf *s, char *buf, size_t cap)
{
    s->b = buf;
    s->cap = cap;
    s->n = 0;
    if (cap)
        buf[0] = '\0';
}

void sb_add(sbuf *s, const char *fmt, ...)
{
    if (s->n + 1 >= s->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(s->b + s->n, s->cap - s->n, fmt, ap);
    va_end(ap);
    if (k < 0)
        return;
    s->n += (size_t)k;
    if (s->n >= s->cap)
        s->n = s->cap - 1;
}

/* A name from the input, escaped as text tables show it. */
static void put_name(sbuf *b, const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n && b->n + 1 < b->cap;) {
        char esc[17];
        size_t len, e = text_escape_char(s + i, n - i, &len, esc);
        if (e)
            sb_add(b, "%s", esc);
        else
            sb_add(b, "%.*s", (int)len, s + i);
        i += len;
    }
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

static void put_gate(sbuf *b, const diff_model *m)
{
    const char *sep = " by ";
    for (int k = 0; k < MF_NMETRICS; k++) {
        if (!(m->metrics & (1u << k)))
            continue;
        char lim[160];
        const mf_limits *l = &m->opts.limits[k];
        sb_add(b, "%s%s", sep, DIFF_METRIC_NAMES[k]);
        if (l->has_rel || l->has_abs || l->has_max)
            sb_add(b, " (%s)", diff_limits_text(lim, sizeof lim, l));
        sep = ", ";
    }
    if (m->opts.budget)
        sb_add(b, " and the budget file");
}

/* Whether another row has r's function name. */
static int name_repeats(const diff_model *m, const diff_row *r)
{
    for (size_t i = 0; i < m->nrows; i++)
        if (&m->rows[i] != r && strcmp(diff_row_name(&m->rows[i]), diff_row_name(r)) == 0)
            return 1;
    return 0;
}

static void put_over(sbuf *b, const diff_model *m)
{
    char d[64], p[64];
    size_t shown = 0;
    sb_add(b, "%zu function%s over the limit", m->over, plural(m->over));
    const char *sep = ": ";
    for (size_t i = 0; i < m->nrows && shown < 5; i++) {
        const diff_row *r = &m->rows[i];
        if (r->status != ST_OVER)
            continue;
        int k = diff_shown_metric(m, r);
        sb_add(b, "%s", sep);
        put_name(b, diff_row_name(r));
        if (name_repeats(m, r))   /* methods of two classes: which one */
            sb_add(b, ":%llu", (unsigned long long)r->line[r->present[1]]);
        sb_add(b, " (%s ", DIFF_METRIC_NAMES[k]);
        if (r->m[k].over_max && !(r->m[k].over_rel || r->m[k].over_abs)) {
            sb_add(b, "%s MiB, over its budget)", diff_value(d, r, 1, k));
        } else {
            if (r->m[k].pct_known)
                sb_add(b, "%s MiB, %s%%)", diff_delta(d, r, k), diff_percent(p, r, k));
            else
                sb_add(b, "%s MiB from 0)", diff_delta(d, r, k));
        }
        sep = ", ";
        shown++;
    }
    if (m->over > shown)
        sb_add(b, " and %zu more", m->over - shown);
}

const char *diff_verdict(const diff_model *m, char *buf, size_t cap)
{
    sbuf b;
    size_t compared = 0, noise = 0;
    sb_init(&b, buf, cap);
    for (size_t i = 0; i < m->nrows; i++) {
        const diff_row *r = &m->rows[i];
        compared += r->present[0] && r->present[1] && r->status != ST_AMBIGUOUS;
        for (int k = 0; k < MF_NMETRICS; k++)
            noise += r->status == ST_OK && r->m[k].in_noise;
    }
    sb_add(&b, "%zu function%s compared", compared, plural(compared));
    put_gate(&b, m);
    if (m->runs[0] > 1 || m->runs[1] > 1)
        sb_add(&b, ", %u run%s old, %u new", m->runs[0], m->runs[0] == 1 ? "" : "s", m->runs[1]);
    sb_add(&b, "; %zu added, %zu removed", m->added, m->removed);
    if (m->ignored)
        sb_add(&b, ", %zu ignored", m->ignored);
    if (noise)
        sb_add(&b, ", %zu within the old runs' range", noise);
    if (m->grew_from_zero)
        sb_add(&b, ", %zu grew from 0 (no percentage of 0: only a MiB limit applies)",
            m->grew_from_zero);
    if (m->unjudged) {
        int one = -1, k;
        for (k = 0; k < MF_NMETRICS; k++)
            if (m->metrics & (1u << k))
                one = one < 0 ? k : MF_NMETRICS;
        sb_add(&b, ", %zu with no %s known on both sides", m->unjudged,
            one >= 0 && one < MF_NMETRICS ? DIFF_METRIC_NAMES[one] : "gated metric");
    }
    if (m->nmemits)
        sb_add(&b, "; %%memit: %zu over the limit, %zu added, %zu removed", m->memit_over,
            m->memit_added, m->memit_removed);
    if (!m->reasons) {
        sb_add(&b, ": PASSED");
    } else {
        const char *sep = ": FAILED: ";
        unsigned r = m->reasons;
        if (r & MF_DIFF_OVER) {
            sb_add(&b, "%s", sep);
            put_over(&b, m);
            if (m->memit_over)
                sb_add(&b, "%s%zu %%memit result%s over the limit", m->over ? ", " : "",
                    m->memit_over, plural(m->memit_over));
            sep = "; ";
        }
        if (r & MF_DIFF_ADDED) {
            sb_add(&b, "%s%zu added (--fail-on-new)", sep, m->added + m->memit_added);
            sep = "; ";
        }
        if (r & MF_DIFF_REMOVED) {
            sb_add(&b, "%s%zu removed (--fail-on-removed)", sep, m->removed + m->memit_removed);
            sep = "; ";
        }
        if (r & MF_DIFF_AMBIGUOUS) {
            sb_add(&b, "%s%zu function%s --match name cannot pair", sep, m->ambiguous,
                plural(m->ambiguous));
            sep = "; ";
        }
        if (r & MF_DIFF_INPUT_ERRORS) {
            uint64_t e = m->input_errors[0] + m->input_errors[1];
            sb_add(&b, "%s%llu error%s in the inputs (%s)", sep, (unsigned long long)e,
                e == 1 ? "" : "s",
                m->input_errors[0] && m->input_errors[1] ? "OLD and NEW"
                : m->input_errors[0] ? "OLD" : "NEW");
            sep = "; ";
        }
        if (r & MF_DIFF_EMPTY) {
            sb_add(&b, "%s%s no function", sep,
                m->empty[0] && m->empty[1] ? "OLD and NEW have" : m->empty[0] ? "OLD has" : "NEW has");
            sep = "; ";
        }
        if (r & MF_DIFF_ALL_CHANGED)
            sb_add(&b, "%severy function was added or removed (were the paths moved? see "
                "--strip-prefix)", sep);
    }
    if (b.n + 1 >= cap && cap > 4)
        strcpy(buf + cap - 4, "...");   /* cut: say so */
    return buf;
}

/* ---- the text table ------------------------------------------------------------- */

/* One table for people: FUNCTION, FILE, LINE, then each gated metric's
   OLD, NEW, DELTA and % (with several runs a side, each side's min-max
   too) under a heading of its name, CALLS OLD and NEW, STATUS.  Headed
   on two lines: the groups ("--- PEAK MiB ---", "CALLS") over the
   columns.  A value that is not known (a side without the function, a
   .dat function's net, a .dat line) is an empty cell.  Fitted in
   opts.width columns: paths cut from the left ("...memapp/app.py"), then
   the range columns left out, then names cut on the right ("build_al...").
   The metrics not gated are in CSV and JSON. */

enum { TX_NAME, TX_FILE, TX_LINE, TX_CALLS_OLD, TX_CALLS_NEW, TX_STATUS, TX_METRIC0 };
#define TX_PER_METRIC 6   /* old, new, delta, percent, old range, new range */
#define TX_COLS (TX_METRIC0 + TX_PER_METRIC * MF_NMETRICS)
#define TX_GAP 2        /* between columns; 1 between those of one group */
enum { TX_FILE_SOFT = 20, TX_FILE_MIN = 12, TX_NAME_MIN = 16 };

typedef struct tx_col {
    int id;                    /* TX_* */
    const char *head;
    int left;                  /* text: left-aligned */
    int group;                 /* -1: none; a metric; MF_NMETRICS: calls */
    int range;                 /* a range column: left out first */
    int shown;
    size_t w;
} tx_col;

/* The display width of s[0..n) as text tables show it (escaped). */
static size_t esc_width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t len;
        char esc[17];
        size_t e = text_escape_char(s + i, n - i, &len, esc);
        w += e ? e : 1;
        i += len;
    }
    return w;
}

/* s escaped, at most w columns: cut on the left ("...", then from a '/'
   when that keeps half of it) or on the right ("..." last); padded to w
   when pad.  Returns the columns written. */
static size_t put_fitted(FILE *out, const char *s, size_t w, int cut_left, int pad)
{
    size_t n = strlen(s), full = esc_width(s, n), shown = full;
    const char *from = s;
    size_t len = n;
    if (full > w && w > 3) {
        size_t room = w - 3, i = 0, rest = full;
        char esc[17];
        if (cut_left) {
            while (i < n && rest > room) {
                size_t cl, e = text_escape_char(s + i, n - i, &cl, esc);
                rest -= e ? e : 1;
                i += cl;
            }
            const char *slash = memchr(s + i, '/', n - i);
            if (slash && slash + 1 < s + n && esc_width(slash, (size_t)(s + n - slash)) * 2 >= room) {
                rest = esc_width(slash, (size_t)(s + n - slash));
                i = (size_t)(slash - s);
            }
            from = s + i;
            len = n - i;
            fputs("...", out);
            shown = 3 + rest;
        } else {
            size_t used = 0;
            while (i < n) {
                size_t cl, e = text_escape_char(s + i, n - i, &cl, esc);
                if (used + (e ? e : 1) > room)
                    break;
                used += e ? e : 1;
                i += cl;
            }
            len = i;
            shown = used + 3;
        }
    }
    text_escaped(out, from, len);
    if (full > w && w > 3 && !cut_left)
        fputs("...", out);
    if (pad && shown < w)
        text_pad(out, w - shown);
    return shown;
}

/* The cells of a row but the name and file (numbers, no escaping). */
typedef struct tx_row {
    char c[TX_COLS][64];
} tx_row;

static const char *status_plain(const diff_model *m, const diff_row *r)
{
    int noise = 0;
    for (int k = 0; k < MF_NMETRICS; k++)
        noise |= (m->metrics & (1u << k)) && r->m[k].in_noise;
    if (r->status == ST_OVER)
        return "OVER";
    if (r->status == ST_OK && noise)
        return "ok (noise)";
    if (r->fails)
        return r->status == ST_ADDED ? "ADDED" : "REMOVED";
    return DIFF_STATUS_NAMES[r->status];
}

static void range_cell(char *buf, const diff_row *r, int s, int k)
{
    const side_stat *st = &r->stat[s][k];
    buf[0] = '\0';
    if (!r->present[s] || !st->known)
        return;
    size_t n = mf_format_derived(buf, st->min, r->prec);
    buf[n++] = '-';
    mf_format_derived(buf + n, st->max, r->prec);
}

static void line_cell(char *buf, const diff_row *r)
{
    if (r->present[0] && r->present[1] && r->line[0] != r->line[1] && r->line[0] && r->line[1])
        snprintf(buf, 64, "%llu->%llu", (unsigned long long)r->line[0],
                 (unsigned long long)r->line[1]);
    else if (r->line[r->present[1]])
        snprintf(buf, 64, "%llu", (unsigned long long)r->line[r->present[1]]);
    else
        buf[0] = '\0';
}

static void row_cells(const diff_model *m, const diff_row *r, tx_row *t)
{
    char tmp[64];
    line_cell(t->c[TX_LINE], r);
    for (int s = 0; s < 2; s++) {
        char *c = t->c[TX_CALLS_OLD + s];
        if (r->present[s])
            snprintf(c, 64, "%llu", (unsigned long long)r->calls[s]);
        else
            c[0] = '\0';
    }
    snprintf(t->c[TX_STATUS], 64, "%s", status_plain(m, r));
    for (int k = 0; k < MF_NMETRICS; k++) {
        char (*x)[64] = &t->c[TX_METRIC0 + k * TX_PER_METRIC];
        snprintf(x[0], 64, "%s", diff_value(tmp, r, 0, k));
        snprintf(x[1], 64, "%s", diff_value(tmp, r, 1, k));
        snprintf(x[2], 64, "%s", diff_delta(tmp, r, k));
        snprintf(x[3], 64, "%s", diff_percent(tmp, r, k));
        range_cell(x[4], r, 0, k);
        range_cell(x[5], r, 1, k);
    }
}
static const char *const GROUP_HEADS[MF_NMETRICS + 1] = { "PEAK MiB", "MEAN MiB", "NET MiB",
                                                           "RISE MiB", "CALLS" };

/* The table's columns: how many. */
static size_t tx_columns(const diff_model *m, tx_col *c)
{
    static const char *const mh[TX_PER_METRIC] = { "OLD", "NEW", "DELTA", "%", "OLD RANGE",
                                                   "NEW RANGE" };
    int ranges = m->runs[0] > 1 || m->runs[1] > 1;
    size_t n = 0;
    c[n++] = (tx_col){ TX_NAME, "FUNCTION", 1, -1, 0, 1, 0 };
    c[n++] = (tx_col){ TX_FILE, "FILE", 1, -1, 0, 1, 0 };
    c[n++] = (tx_col){ TX_LINE, "LINE", 0, -1, 0, 1, 0 };
    for (int k = 0; k < MF_NMETRICS; k++) {
        if (!(m->metrics & (1u << k)))
            continue;
        for (int q = 0; q < TX_PER_METRIC; q++)
            if (q < 4 || ranges)
                c[n++] = (tx_col){ TX_METRIC0 + k * TX_PER_METRIC + q, mh[q], 0, k, q >= 4, 1, 0 };
    }
    c[n++] = (tx_col){ TX_CALLS_OLD, "OLD", 0, MF_NMETRICS, 0, 1, 0 };
    c[n++] = (tx_col){ TX_CALLS_NEW, "NEW", 0, MF_NMETRICS, 0, 1, 0 };
    c[n++] = (tx_col){ TX_STATUS, "STATUS", 1, -1, 0, 1, 0 };
    return n;
}

/* The spaces between a column of group a and the next, of group b. */
static size_t tx_gap(int a, int b)
{
    return a >= 0 && a == b ? 1 : TX_GAP;
}

/* Widths from the cells (natural[] per column id: the widest cell), the
   headings, and each group's heading (its first column widened). */
static size_t tx_layout(tx_col *c, size_t n, const size_t *natural)
{
    for (size_t i = 0; i < n; i++) {
        size_t h = strlen(c[i].head);
        c[i].w = natural[c[i].id] > h ? natural[c[i].id] : h;
    }
    for (size_t i = 0; i < n;) {
        if (c[i].group < 0 || !c[i].shown) {
            i++;
            continue;
        }
        size_t j = i, span = 0, first = i;
        for (; j < n && c[j].group == c[i].group; j++)
            if (c[j].shown)
                span += c[j].w + (span ? 1 : 0);
        size_t want = strlen(GROUP_HEADS[c[i].group]);
        if (span < want)
            c[first].w += want - span;
        i = j;
    }
    size_t total = 0;
    int prev = -2;
    for (size_t i = 0; i < n; i++)
        if (c[i].shown) {
            total += c[i].w + (prev == -2 ? 0 : tx_gap(prev, c[i].group));
            prev = c[i].group;
        }
    return total;
}

/* Take up to `over` columns off column id, down to min. */
static size_t tx_shrink(tx_col *c, size_t n, int id, size_t min, size_t over)
{
    for (size_t i = 0; i < n; i++)
        if (c[i].id == id && c[i].shown && c[i].w > min) {
            size_t cut = c[i].w - min < over ? c[i].w - min : over;
            c[i].w -= cut;
            return over - cut;
        }
    return over;
}

static void tx_fit(tx_col *c, size_t n, const size_t *natural, size_t width)
{
    size_t total = tx_layout(c, n, natural);
    if (!width || total <= width)
        return;
    size_t over = tx_shrink(c, n, TX_FILE, TX_FILE_SOFT, total - width);
    if (over) {
        int any = 0;
        for (size_t i = 0; i < n; i++)
            if (c[i].range) {
                c[i].shown = 0;
                any = 1;
            }
        if (any) {
            total = tx_layout(c, n, natural);
            over = total > width ? tx_shrink(c, n, TX_FILE, TX_FILE_SOFT, total - width) : 0;
        }
    }
    over = tx_shrink(c, n, TX_NAME, TX_NAME_MIN, over);
    tx_shrink(c, n, TX_FILE, TX_FILE_MIN, over);
}

static void tx_heading(FILE *out, const tx_col *c, size_t n)
{
    size_t col = 0, at = 0;   /* columns written; where the next column starts */
    for (size_t i = 0; i < n;) {
        if (!c[i].shown) {
            i++;
            continue;
        }
        if (c[i].group < 0) {
            at += c[i].w + TX_GAP;
            i++;
            continue;
        }
        size_t j = i, span = 0;
        for (; j < n && c[j].group == c[i].group; j++)
            if (c[j].shown)
                span += c[j].w + (span ? 1 : 0);
        const char *h = GROUP_HEADS[c[i].group];
        size_t hl = strlen(h), dashes = span >= hl + 4 ? span - hl - 2 : 0;
        if (!dashes)   /* centred */
            at += (span - hl) / 2, span -= (span - hl) / 2;
        text_pad(out, at - col);
        for (size_t d = 0; d < dashes / 2; d++)
            putc('-', out);
        fprintf(out, "%s%s%s", dashes ? " " : "", h, dashes ? " " : "");
        for (size_t d = 0; d < dashes - dashes / 2; d++)
            putc('-', out);
        col = at + (dashes ? span : hl);
        at += span + TX_GAP;
        i = j;
    }
    putc('\n', out);
    int prev = -2;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].shown)
            continue;
        if (prev != -2)
            text_pad(out, tx_gap(prev, c[i].group));
        prev = c[i].group;
        size_t hl = strlen(c[i].head);
        int last = c[i].id == TX_STATUS;
        if (!c[i].left)
            text_pad(out, c[i].w - hl);
        fputs(c[i].head, out);
        if (c[i].left && !last)
            text_pad(out, c[i].w - hl);
    }
    putc('\n', out);
}

static void tx_line(FILE *out, const tx_col *c, size_t n, const diff_row *r, const tx_row *t,
                    int color)
{
    int prev = -2;
    for (size_t i = 0; i < n; i++) {
        if (!c[i].shown)
            continue;
        if (prev != -2)
            text_pad(out, tx_gap(prev, c[i].group));
        prev = c[i].group;
        if (c[i].id == TX_NAME || c[i].id == TX_FILE) {
            put_fitted(out, c[i].id == TX_NAME ? diff_row_name(r) : r->file, c[i].w,
                       c[i].id == TX_FILE, 1);
            continue;
        }
        const char *v = t->c[c[i].id];
        size_t vl = strlen(v);
        if (c[i].id == TX_STATUS) {
            int red = color && r->fails;
            fprintf(out, "%s%s%s", red ? "\033[1;31m" : "", v, red ? "\033[0m" : "");
            continue;
        }
        text_pad(out, c[i].w > vl ? c[i].w - vl : 0);
        fputs(v, out);
    }
    putc('\n', out);
}

/* Whether column id holds MiB values (OLD, NEW, DELTA of a metric): one
   precision a column, the most decimals of its cells (trailing zeros
   added: exact). */
static int tx_mib(int id)
{
    return id >= TX_METRIC0 && (id - TX_METRIC0) % TX_PER_METRIC < 3;
}

/* The cells of a row with the MiB columns at their column's decimals. */
static void tx_cells(const diff_model *m, const diff_row *r, tx_row *t, const int *dec)
{
    row_cells(m, r, t);
    for (int id = TX_METRIC0; id < TX_COLS; id++)
        if (tx_mib(id))
            rec_pad(t->c[id], sizeof t->c[id], t->c[id], dec[id]);
}

static void write_text(FILE *out, const diff_model *m, int color)
{
    tx_col c[TX_COLS];
    size_t n = tx_columns(m, c), natural[TX_COLS];
    int dec[TX_COLS];
    tx_row t;
    memset(natural, 0, sizeof natural);
    memset(dec, 0, sizeof dec);
    for (size_t i = 0; i < diff_nshown(m); i++) {
        row_cells(m, diff_shown_row(m, i), &t);
        for (int id = TX_METRIC0; id < TX_COLS; id++)
            if (tx_mib(id) && rec_decimals(t.c[id]) > dec[id])
                dec[id] = rec_decimals(t.c[id]);
    }
    for (size_t i = 0; i < diff_nshown(m); i++) {
        const diff_row *r = diff_shown_row(m, i);
        tx_cells(m, r, &t, dec);
        for (int id = 0; id < TX_COLS; id++) {
            size_t w = id == TX_NAME ? esc_width(diff_row_name(r), strlen(diff_row_name(r)))
                     : id == TX_FILE ? esc_width(r->file, strlen(r->file)) : strlen(t.c[id]);
            if (w > natural[id])
                natural[id] = w;
        }
    }
    tx_fit(c, n, natural, m->opts.width);
    tx_heading(out, c, n);
    for (size_t i = 0; i < diff_nshown(m); i++) {
        const diff_row *r = diff_shown_row(m, i);
        tx_cells(m, r, &t, dec);
        tx_line(out, c, n, r, &t, color);
    }
}

/* ---- %memit results ------------------------------------------------------------------ */

static const char *memit_value(char *buf, const diff_memit *e, int s, int inc)
{
    if (!e->present[s] || (inc && !e->has_inc[s]))
        return "";
    mf_format_derived(buf, inc ? e->inc[s] : e->peak[s], e->prec);
    return buf;
}

static const char *memit_delta(char *buf, const diff_memit *e, int inc, int sign)
{
    if (!e->present[0] || !e->present[1] || (inc && !(e->has_inc[0] && e->has_inc[1])))
        return "";
    int64_t d = inc ? e->delta_inc : e->delta_peak;
    buf[0] = '+';
    mf_format_derived(buf + (sign && d > 0), d, e->prec);
    return buf;
}

static const char *memit_name(const diff_memit *e, char *buf, size_t cap)
{
    if (e->statement && e->nth == 1)
        return e->statement;
    snprintf(buf, cap, "%s (#%llu)", e->statement ? e->statement : "<no statement>",
             (unsigned long long)e->nth);
    return buf;
}

enum { G_NAME, G_STATEMENT, G_NTH, G_STATUS, G_OLD_PEAK, G_NEW_PEAK, G_DELTA_PEAK, G_OLD_INC,
       G_NEW_INC, G_DELTA_INC, G_PERCENT, G_FIELDS };

static const rec_column MEMIT_TEXT[] = {
    { "%MEMIT STATEMENT", REC_TEXT, 1, 0, 0, G_NAME },
    { "OLD PEAK", REC_NUMBER, 0, 2, 0, G_OLD_PEAK }, { "NEW PEAK", REC_NUMBER, 0, 1, 0, G_NEW_PEAK },
    { "PEAK +MiB", REC_NUMBER, 0, 1, 0, G_DELTA_PEAK },
    { "OLD INC", REC_NUMBER, 0, 2, 0, G_OLD_INC }, { "NEW INC", REC_NUMBER, 0, 1, 0, G_NEW_INC },
    { "INC +MiB", REC_NUMBER, 0, 1, 0, G_DELTA_INC }, { "GATED +%", REC_NUMBER, 0, 1, 0, G_PERCENT },
    { "STATUS", REC_NUMBER, 1, 2, 0, G_STATUS },
};

static const rec_column MEMIT_DATA[] = {
    { "statement", REC_TEXT, 0, 0, 0, G_STATEMENT }, { "occurrence", REC_INTEGER, 0, 0, 0, G_NTH },
    { "status", REC_TEXT, 0, 0, 0, G_STATUS },
    { "old_peak_mib", REC_NUMBER, 0, 0, 0, G_OLD_PEAK }, { "new_peak_mib", REC_NUMBER, 0, 0, 0, G_NEW_PEAK },
    { "delta_peak_mib", REC_NUMBER, 0, 0, 0, G_DELTA_PEAK },
    { "old_increment_mib", REC_NUMBER, 0, 0, 0, G_OLD_INC },
    { "new_increment_mib", REC_NUMBER, 0, 0, 0, G_NEW_INC },
    { "delta_increment_mib", REC_NUMBER, 0, 0, 0, G_DELTA_INC },
    { "delta_percent", REC_NUMBER, 0, 0, 0, G_PERCENT },
};

static void write_memits(FILE *out, int fmt, const diff_model *m, int color)
{
    rec_opts opts = { .aligned = fmt == MF_FMT_TEXT, .item_indent = 4, .close_indent = 2 };
    rec_writer *w = fmt == MF_FMT_TEXT ? rec_begin(out, fmt, REC_COLS(MEMIT_TEXT), &opts)
                                       : rec_begin(out, fmt, REC_COLS(MEMIT_DATA), &opts);
    for (size_t i = 0; i < diff_nmemit_shown(m); i++) {
        const diff_memit *e = diff_shown_memit(m, i);
        char b[8][64], name[512];
        rec_value v[G_FIELDS];
        int text = fmt == MF_FMT_TEXT, red = color && e->fails;
        v[G_NAME] = rec_str(memit_name(e, name, sizeof name));
        v[G_STATEMENT] = rec_str(e->statement);
        v[G_NTH] = rec_u64(e->nth);
        snprintf(b[7], 64, "%s%s%s", red ? "\033[1;31m" : "",
                 text && e->status == ST_OVER ? "OVER" : DIFF_STATUS_NAMES[e->status],
                 red ? "\033[0m" : "");
        v[G_STATUS] = rec_str(b[7]);
        v[G_OLD_PEAK] = rec_num(memit_value(b[0], e, 0, 0));
        v[G_NEW_PEAK] = rec_num(memit_value(b[1], e, 1, 0));
        v[G_DELTA_PEAK] = rec_num(memit_delta(b[2], e, 0, text));
        v[G_OLD_INC] = rec_num(memit_value(b[3], e, 0, 1));
        v[G_NEW_INC] = rec_num(memit_value(b[4], e, 1, 1));
        v[G_DELTA_INC] = rec_num(memit_delta(b[5], e, 1, text));
        const char *pct = e->gated ? percent_text(b[6], e->pct_known, e->pct_x10, 1) : "";
        if (!text && (strcmp(pct, "n/a") == 0))
            pct = "";
        if (!text && pct[0] == '+')
            pct++;
        v[G_PERCENT] = rec_num(pct);
        rec_row(w, v);
    }
    rec_end(w);
}

/* ---- CSV ------------------------------------------------------------------------------ */

enum { C_FILE, C_FUNCTION, C_OLD_LINE, C_NEW_LINE, C_STATUS, C_OLD_RUNS, C_NEW_RUNS,
       C_OLD_CALLS, C_NEW_CALLS, C_METRIC, C_DELTA, C_PERCENT, C_METRIC0 };
#define C_PER_METRIC 6   /* old, new medians; old min, max; new min, max */
#define C_FIELDS (C_METRIC0 + C_PER_METRIC * MF_NMETRICS)

static const char *plain(const char *v)
{
    return v[0] == '+' ? v + 1 : v;
}

static void write_csv(FILE *out, const diff_model *m)
{
    static char names[MF_NMETRICS][C_PER_METRIC][32];
    rec_column cols[C_FIELDS];
    static const char *const head[] = { "file", "function", "old_line", "new_line", "status",
                                        "old_runs", "new_runs", "old_calls", "new_calls",
                                        "metric", "delta_mib", "delta_percent" };
    size_t nc = 0;
    for (int c = 0; c < C_METRIC0; c++)
        cols[nc++] = (rec_column){ head[c],
                                   c < 2 || c == C_STATUS || c == C_METRIC ? REC_TEXT
                                   : c >= C_OLD_RUNS && c <= C_NEW_CALLS ? REC_INTEGER : REC_NUMBER,
                                   0, 0, 0, (unsigned short)c };
    for (int k = 0; k < MF_NMETRICS; k++) {
        static const char *const f[C_PER_METRIC] = { "old_%s_mib", "new_%s_mib", "old_%s_min_mib",
                                                     "old_%s_max_mib", "new_%s_min_mib",
                                                     "new_%s_max_mib" };
        for (int c = 0; c < C_PER_METRIC; c++) {
            snprintf(names[k][c], sizeof names[k][c], f[c], DIFF_METRIC_NAMES[k]);
            cols[nc++] = (rec_column){ names[k][c], REC_NUMBER, 0, 0, 0,
                                       (unsigned short)(C_METRIC0 + k * C_PER_METRIC + c) };
        }
    }
    rec_writer *w = rec_begin(out, MF_FMT_CSV, cols, nc, NULL);
    for (size_t i = 0; i < diff_nshown(m); i++) {
        const diff_row *r = diff_shown_row(m, i);
        char b[MF_NMETRICS][C_PER_METRIC][64], x[6][64];
        rec_value v[C_FIELDS];
        int k0 = diff_shown_metric(m, r);
        v[C_FILE] = rec_str(r->file);
        v[C_FUNCTION] = rec_str(r->function);
        for (int s = 0; s < 2; s++) {
            snprintf(x[s], 64, "%llu", (unsigned long long)r->line[s]);
            v[C_OLD_LINE + s] = r->present[s] && r->line[s] ? rec_num(x[s]) : rec_none();
            v[C_OLD_RUNS + s] = rec_u64(r->runs[s]);
            v[C_OLD_CALLS + s] = r->present[s] ? rec_u64(r->calls[s]) : rec_none();
        }
        v[C_STATUS] = rec_str(DIFF_STATUS_NAMES[r->status]);
        v[C_METRIC] = rec_str(DIFF_METRIC_NAMES[k0]);
        v[C_DELTA] = rec_num(plain(diff_delta(x[2], r, k0)));
        const char *pct = diff_percent(x[3], r, k0);
        v[C_PERCENT] = rec_num(strcmp(pct, "n/a") == 0 ? "" : plain(pct));
        for (int k = 0; k < MF_NMETRICS; k++) {
            rec_value *y = &v[C_METRIC0 + k * C_PER_METRIC];
            const side_stat *a = &r->stat[0][k], *c = &r->stat[1][k];
            y[0] = rec_num(diff_value(b[k][0], r, 0, k));
            y[1] = rec_num(diff_value(b[k][1], r, 1, k));
            if (r->present[0] && a->known) {
                mf_format_derived(b[k][2], a->min, r->prec);
                mf_format_derived(b[k][3], a->max, r->prec);
            } else {
                b[k][2][0] = b[k][3][0] = '\0';
            }
            if (r->present[1] && c->known) {
                mf_format_derived(b[k][4], c->min, r->prec);
                mf_format_derived(b[k][5], c->max, r->prec);
            } else {
                b[k][4][0] = b[k][5][0] = '\0';
            }
            for (int q = 2; q < 6; q++)
                y[q] = rec_num(b[k][q]);
        }
        rec_row(w, v);
    }
    rec_end(w);
}

/* ---- JSON -------------------------------------------------------------------------------- */

static void json_num(FILE *out, int64_t v, int prec)
{
    char b[64];
    mf_format_derived(b, v, prec);
    fputs(b, out);
}

static void json_limits(FILE *out, const mf_limits *l)
{
    char b[64];
    fputs("{\"max_increase_percent\": ", out);
    if (l->has_rel) {
        mf_decimal d = { l->max_rel_ppm, 6 };
        size_t n = mf_format_decimal(b, d);
        while (n > 1 && b[n - 1] == '0')
            b[--n] = '\0';
        if (b[n - 1] == '.')
            b[--n] = '\0';
        fputs(b, out);
    } else {
        fputs("null", out);
    }
    fputs(", \"max_increase_mib\": ", out);
    if (l->has_abs)
        json_num(out, l->max_abs, 0);
    else
        fputs("null", out);
    fputs(", \"max_mib\": ", out);
    if (l->has_max)
        json_num(out, l->max, 0);
    else
        fputs("null", out);
    fputc('}', out);
}

static void json_stat(FILE *out, const diff_row *r, int s, int k)
{
    const side_stat *st = &r->stat[s][k];
    if (!r->present[s] || !st->known) {
        fputs("null", out);
        return;
    }
    fputs("{\"median\": ", out);
    json_num(out, st->median, r->prec);
    fputs(", \"min\": ", out);
    json_num(out, st->min, r->prec);
    fputs(", \"max\": ", out);
    json_num(out, st->max, r->prec);
    fprintf(out, ", \"runs\": %u}", st->runs);
}

static void json_metric(FILE *out, const diff_model *m, const diff_row *r, int k)
{
    const judgement *j = &r->m[k];
    char b[64];
    fprintf(out, "\"%s\": {\"old\": ", DIFF_METRIC_NAMES[k]);
    json_stat(out, r, 0, k);
    fputs(", \"new\": ", out);
    json_stat(out, r, 1, k);
    fputs(", \"delta_mib\": ", out);
    if (j->compared)
        json_num(out, j->delta, r->prec);
    else
        fputs("null", out);
    fputs(", \"delta_percent\": ", out);
    if (j->compared && j->pct_known)
        fputs(plain(percent_text(b, 1, j->pct_x10, j->delta)), out);
    else
        fputs("null", out);
    int gated = (m->metrics & (1u << k)) != 0;
    fprintf(out, ", \"gated\": %s", gated ? "true" : "false");
    if (gated) {
        fputs(", \"limits\": ", out);
        json_limits(out, &j->limits);
        fprintf(out, ", \"fails\": %s, \"in_noise\": %s", j->fails ? "true" : "false",
                j->in_noise ? "true" : "false");
    }
    fputc('}', out);
}

static void json_row(FILE *out, const diff_model *m, const diff_row *r)
{
    fputs("    {\"file\": ", out);
    json_write_string(out, r->file, strlen(r->file));
    fputs(", \"function\": ", out);
    if (r->function)
        json_write_string(out, r->function, strlen(r->function));
    else
        fputs("null", out);
    fputs(", \"line\": {", out);
    for (int s = 0; s < 2; s++) {
        fprintf(out, "%s\"%s\": ", s ? ", " : "", s ? "new" : "old");
        if (r->present[s] && r->line[s])
            fprintf(out, "%llu", (unsigned long long)r->line[s]);
        else
            fputs("null", out);
    }
    fprintf(out, "}, \"status\": \"%s\", \"fails\": %s", DIFF_STATUS_NAMES[r->status],
            r->fails ? "true" : "false");
    fprintf(out, ", \"runs\": {\"old\": %u, \"new\": %u}, \"calls\": {", r->runs[0], r->runs[1]);
    for (int s = 0; s < 2; s++) {
        fprintf(out, "%s\"%s\": ", s ? ", " : "", s ? "new" : "old");
        if (r->present[s])
            fprintf(out, "%llu", (unsigned long long)r->calls[s]);
        else
            fputs("null", out);
    }
    fputc('}', out);
    static const int order[MF_NMETRICS] = { MF_METRIC_PEAK, MF_METRIC_RISE, MF_METRIC_NET,
                                            MF_METRIC_MEAN };
    for (int i = 0; i < MF_NMETRICS; i++) {
        fputs(", ", out);
        json_metric(out, m, r, order[i]);
    }
    fputc('}', out);
}

static const char *const REASON_NAMES[] = { "over", "added", "removed", "input_errors", "empty",
                                            "all_changed", "ambiguous" };

static void write_json(FILE *out, const diff_model *m)
{
    char verdict[4096];
    fputs("{\n  \"memfold\": 1,\n  \"kind\": \"diff\",\n  \"verdict\": ", out);
    fputs(m->reasons ? "\"FAILED\"" : "\"PASSED\"", out);
    fputs(",\n  \"reasons\": [", out);
    const char *sep = "";
    for (int i = 0; i < 7; i++)
        if (m->reasons & (1u << i)) {
            fprintf(out, "%s\"%s\"", sep, REASON_NAMES[i]);
            sep = ", ";
        }
    fputs("],\n  \"summary\": ", out);
    diff_verdict(m, verdict, sizeof verdict);
    json_write_string(out, verdict, strlen(verdict));
    fputs(",\n  \"metrics\": [", out);
    sep = "";
    for (int k = 0; k < MF_NMETRICS; k++)
        if (m->metrics & (1u << k)) {
            fprintf(out, "%s\"%s\"", sep, DIFF_METRIC_NAMES[k]);
            sep = ", ";
        }
    fprintf(out, "],\n  \"runs\": {\"old\": %u, \"new\": %u},\n", m->runs[0], m->runs[1]);
    fprintf(out, "  \"input_errors\": {\"old\": %llu, \"new\": %llu},\n",
            (unsigned long long)m->input_errors[0], (unsigned long long)m->input_errors[1]);
    fputs("  \"functions\": [", out);
    for (size_t i = 0; i < diff_nshown(m); i++) {
        fputs(i ? ",\n" : "\n", out);
        json_row(out, m, diff_shown_row(m, i));
    }
    fputs(diff_nshown(m) ? "\n  ]" : "]", out);
    /* the rows -q and --top left out of "functions" */
    fprintf(out, ",\n  \"left_out\": %zu", m->nrows - diff_nshown(m));
    if (m->nmemits) {
        fputs(",\n  \"memit\": ", out);
        write_memits(out, MF_FMT_JSON, m, 0);
    }
    fprintf(out, ",\n  \"failed\": %zu\n}\n", m->failing);
}

void diff_write_table(FILE *out, int fmt, const diff_model *m, int color)
{
    if (fmt == MF_FMT_CSV) {
        write_csv(out, m);
        return;
    }
    if (fmt == MF_FMT_JSON || fmt == MF_FMT_NDJSON) {
        write_json(out, m);
        return;
    }
    /* -q: the failing rows alone, and nothing but the verdict when none fails */
    int quiet = m->opts.failing_only;
    if (diff_nshown(m) || (!quiet && !m->nmemits))
        write_text(out, m, color);
    if (m->left_out)
        fprintf(out, "... and %zu more function%s (--top %zu)\n", m->left_out, plural(m->left_out),
                m->opts.top);
    if (diff_nmemit_shown(m)) {
        if (diff_nshown(m) || m->left_out)
            fputc('\n', out);
        write_memits(out, MF_FMT_TEXT, m, color);
    }
    char verdict[4096];
    fprintf(out, "%s\n", diff_verdict(m, verdict, sizeof verdict));
}
