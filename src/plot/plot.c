/* plot/plot.c -- pictures where a picture says more than a table
 * ("memfold plot"), as SVG:
 *
 *   functions: one bar per function for its peak, mean and entry marked,
 *              sorted by peak, the highest --top of them, the value axis
 *              above and below;
 *   rows:      one function's memory by source line: Mem usage as a step
 *              line, each line's increment as a bar labelled with its
 *              value, scaled to the increments (the first row's, the
 *              memory at entry, is noted apart), the source alongside;
 *   timeline:  mprof .dat files: memory over time for the main process
 *              and each child, every profiled call as a span, peak marked;
 *              several files overlaid from t = 0, one colour each, named
 *              in the legend; a line of more samples than the width can
 *              show is thinned (per pixel column its first, lowest,
 *              highest and last).
 *
 * Tick steps are chosen from the pixels an axis has: the smallest nice
 * step whose labels (their width estimated per character) do not touch.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "plot/svg.h"
#include "core/util.h"

static double unscale(int64_t scaled)
{
    return (double)scaled / (double)MF_SCALE;
}

/* The width of a picture: 800 by default, never under 300. */
static double pic_width(const mf_plot_opts *o)
{
    return o->width <= 0 ? 800 : o->width < 300 ? 300 : o->width;
}

/* A horizontal value axis from x0 to x1 for [lo, hi]. */
typedef struct axis {
    double lo, hi, x0, x1;
} axis;

static double ax_x(const axis *a, double v)
{
    return a->x0 + (v - a->lo) / (a->hi - a->lo) * (a->x1 - a->x0);
}

#define TICK_SIZE 11
#define TICK_GAP 10

/* Widen a to whole ticks of a step its labels fit (svg_ticks_fit). */
static double fit_axis(axis *a)
{
    return svg_ticks_fit(&a->lo, &a->hi, a->x1 - a->x0, TICK_SIZE, TICK_GAP);
}

/* The axis a (fitted): grid lines from y0 down to y1, tick labels under
   y1 and, with above, over y0 too; the unit under the labels. */
static void draw_axis(svg *s, const axis *a, double step, double y0, double y1, const char *unit,
                      const char *cls, int above)
{
    char label[48];
    for (double v = a->lo; v <= a->hi + step / 2; v += step) {
        double x = ax_x(a, v);
        svg_line(s, x, y0, x, y1, "#dddddd", 1, NULL);
        svg_tick_label(label, sizeof label, v, step);
        svg_text_class(s, cls, x, y1 + 14, label, strlen(label), TICK_SIZE, "middle", "#444444", 0);
        if (above)
            svg_text_class(s, "tick-top", x, y0 - 5, label, strlen(label), TICK_SIZE, "middle",
                           "#444444", 0);
    }
    svg_text(s, (a->x0 + a->x1) / 2, y1 + 30, unit, strlen(unit), 12, "middle", "#222222", 0);
}

static size_t cut(char *buf, size_t cap, const char *text, size_t len, size_t n);

/* How many characters of font size size fit in px pixels (letters are
   narrower than digits: 0.58 em). */
static size_t fit_chars(double px, double size)
{
    return (size_t)fmax(4, px / (size * 0.58));
}

/* The title and the line under it, cut to the picture's width. */
static void title(svg *s, const char *text, const char *sub)
{
    char buf[600];
    size_t n = cut(buf, sizeof buf, text, strlen(text), fit_chars(s->w - 24, 16));
    svg_text(s, 16, 24, buf, n, 16, "start", "#111111", 0);
    if (sub) {
        n = cut(buf, sizeof buf, sub, strlen(sub), fit_chars(s->w - 24, 11));
        svg_text(s, 16, 42, buf, n, 11, "start", "#555555", 0);
    }
}

/* Text cut to at most n characters (UTF-8 aware) and to what buf holds,
   never inside a character, with an ellipsis when something was cut off.
   All len bytes count, a NUL among them too (the SVG writer replaces it). */
static size_t cut(char *buf, size_t cap, const char *text, size_t len, size_t n)
{
    size_t chars = 0, i = 0, o = 0;
    while (i < len) {
        size_t k = 1;   /* the character: a byte and the continuation bytes after it */
        while (i + k < len && ((unsigned char)text[i + k] & 0xc0) == 0x80)
            k++;
        if (++chars > n || o + k + 4 > cap)   /* keep room for the ellipsis and the NUL */
            break;
        memcpy(buf + o, text + i, k);
        o += k;
        i += k;
    }
    if (i < len) {
        memcpy(buf + o, "\xe2\x80\xa6", 3);   /* ... */
        o += 3;
    }
    buf[o] = '\0';
    return o;
}

/* The characters of UTF-8 text. */
static size_t chars_of(const char *text)
{
    size_t n = 0;
    for (const char *p = text; *p; p++)
        n += ((unsigned char)*p & 0xc0) != 0x80;
    return n;
}

/* Legend items, laid out left to right from x = 16 and on to a new row
   where the width ends: kind 0 a box, 1 a vertical line, 2 a dot, 3 a
   horizontal line (dash: its dashes, or NULL), 4 only the text. */
typedef struct legend {
    svg *s;             /* NULL: only measure */
    double x, y, w;
    int rows;
} legend;

#define LEGEND_ROW 16

static void legend_item(legend *l, const char *what, const char *color, int kind, const char *dash)
{
    char text[200];
    double pre = kind == 3 ? 26 : kind == 4 ? 0 : 20;
    size_t len = cut(text, sizeof text, what, strlen(what), fit_chars(l->w - 40 - pre, 11));
    double iw = pre + svg_text_width(chars_of(text), 11) * 0.9 + 14;
    if (l->x > 16 && l->x + iw > l->w - 8) {
        l->x = 16;
        l->y += LEGEND_ROW;
        l->rows++;
    }
    double x = l->x, y = l->y;
    l->x += iw;
    if (!l->s)
        return;
    svg *s = l->s;
    if (kind == 0)
        svg_rect(s, x, y - 9, 14, 10, color, 0.85);
    else if (kind == 1)
        svg_line(s, x + 7, y - 11, x + 7, y + 2, color, 2.5, NULL);
    else if (kind == 2)
        svg_circle(s, x + 7, y - 4, 4, color);
    else if (kind == 3)
        svg_line(s, x, y - 4, x + 20, y - 4, color, 2, dash);
    svg_text_class(s, "legend", x + pre, y, text, len, 11, "start", kind == 4 ? color : "#222222", 0);
}

/* ---- per function ------------------------------------------------------------ */

/* The file name of a path, POSIX or Windows. */
static const char *base_name(const char *path)
{
    const char *b = path;
    for (const char *p = path; *p; p++)
        if (*p == '/' || *p == '\\')
            b = p + 1;
    return b;
}

static int by_peak(const void *a, const void *b)
{
    const mf_func_stats *x = *(const mf_func_stats *const *)a, *y = *(const mf_func_stats *const *)b;
    if (x->peak != y->peak)
        return x->peak < y->peak ? 1 : -1;
    return (x->first_seen > y->first_seen) - (x->first_seen < y->first_seen);
}

int mf_plot_functions(FILE *out, const mf_fold *f, const mf_plot_opts *o)
{
    size_t n = 0, total = mf_fold_count(f);
    const mf_func_stats **v = try_malloc((total ? total : 1) * sizeof *v);
    if (!v)
        return MF_ERR_NOMEM;
    for (size_t i = 0; i < total; i++)
        if (mf_fold_get(f, i)->rows)
            v[n++] = mf_fold_get(f, i);
    qsort(v, n, sizeof *v, by_peak);
    size_t all = n;
    if (o->top && n > o->top)
        n = o->top;
    size_t left_out = all - n;

    double w = pic_width(o), row = 26, top = 104;
    double h = top + (double)(n ? n : 1) * row + 60 + (left_out ? 18 : 0);
    /* the names' column: a fourth of the picture, at most 250 pixels */
    double name_w = fmin(250, fmax(110, w * 0.3));
    size_t name_chars = (size_t)((name_w - 20) / svg_text_width(1, 12) * 1.15);
    /* room right of the longest bar for its value */
    size_t val_chars = 0;
    char val[64];
    for (size_t i = 0; i < n; i++) {
        size_t k = mf_format_decimal(val, v[i]->peak_dec) + 4;
        val_chars = k > val_chars ? k : val_chars;
    }
    axis a = { 0, 1, name_w, w - fmax(30, svg_text_width(val_chars, 11) + 12) };
    for (size_t i = 0; i < n; i++)
        a.hi = fmax(a.hi, unscale(v[i]->peak));
    double step = fit_axis(&a);
    char sub[160];
    if (left_out)
        snprintf(sub, sizeof sub, "from memory_profiler reports; the %zu highest peaks of %zu functions",
                 n, all);
    else
        snprintf(sub, sizeof sub, "from memory_profiler reports; bars sorted by peak");
    svg s;
    svg_begin(&s, out, w, h, o->title ? o->title : "memory per function");
    title(&s, o->title ? o->title : "Peak memory per function", sub);
    legend lg = { &s, 16, 66, w, 0 };
    legend_item(&lg, "peak", svg_color(0), 0, NULL);
    legend_item(&lg, "mean", "#111111", 1, NULL);
    legend_item(&lg, "entry (mean of first rows)", "#d62728", 2, NULL);
    if (lg.rows) {   /* a narrow picture: the legend took another row */
        top += LEGEND_ROW * lg.rows;
        h += LEGEND_ROW * lg.rows;
    }
    double bottom = top + (double)n * row;
    draw_axis(&s, &a, step, top - 6, bottom, "MiB", "tick", n > 0);
    for (size_t i = 0; i < n; i++) {
        const mf_func_stats *st = v[i];
        double y = top + (double)i * row;
        char name[160];
        char full[400];
        snprintf(full, sizeof full, "%s  %s:%llu", st->function ? st->function : "<unknown>",
                 base_name(st->file), (unsigned long long)st->line);
        size_t len = cut(name, sizeof name, full, strlen(full), name_chars);
        svg_text(&s, a.x0 - 8, y + row / 2 + 4, name, len, 12, "end", "#111111", 0);
        svg_rect(&s, a.x0, y + 4, ax_x(&a, unscale(st->peak)) - a.x0, row - 8, svg_color(0), 0.85);
        double xm = ax_x(&a, unscale(mf_stats_mean(st)));
        svg_line(&s, xm, y + 2, xm, y + row - 2, "#111111", 2.5, NULL);
        svg_circle(&s, ax_x(&a, unscale(mf_stats_entry(st))), y + row / 2, 4, "#d62728");
        mf_format_decimal(val, st->peak_dec);
        strcat(val, " MiB");
        svg_text_class(&s, "value", ax_x(&a, unscale(st->peak)) + 6, y + row / 2 + 4, val,
                       strlen(val), 11, "start", "#333333", 0);
    }
    if (n == 0)
        svg_text(&s, w / 2, top + 16, "no measured function", 20, 13, "middle", "#555555", 0);
    if (left_out) {
        char note[120];
        snprintf(note, sizeof note, "%zu more function%s not shown (--top 0 for all)", left_out,
                 left_out == 1 ? "" : "s");
        svg_text_class(&s, "left-out", 16, bottom + 50, note, strlen(note), 12, "start", "#555555", 0);
    }
    svg_end(&s);
    xfree(v);
    return ferror(out) ? -1 : 0;
}

/* ---- one function, line by line -------------------------------------------------- */

/* A row's increment as its bar's label: the value as printed, with its
   sign (+ for a rise). */
static size_t inc_label(char *buf, const mf_plot_row *r)
{
    int prec = r->prec >= 0 && r->prec <= MF_SCALE_DIGITS ? r->prec : 1;
    buf[0] = '+';
    size_t n = mf_format_scaled(buf + 1, r->inc, prec);
    if (buf[1] == '-' || r->inc == 0 || strspn(buf + 1, "0.") == n) {
        memmove(buf, buf + 1, n + 1);   /* negative or zero: no plus */
        return n;
    }
    return n + 1;
}

#define BAR_LABEL_SIZE 10

int mf_plot_rows(FILE *out, const mf_plot_row *r, size_t n, const mf_plot_opts *o)
{
    double w = pic_width(o), row = 18, top = 92;
    double h = top + (double)(n ? n : 1) * row + 60;
    double text_w = w * (w >= 700 ? 0.42 : 0.3);
    axis mem = { 0, 1, text_w + 10, text_w + (w - text_w) * (w >= 700 ? 0.4 : 0.35) };
    double c0 = mem.x1 + 24, c1 = w - 8;   /* the increments' column */
    axis inc = { 0, 0, c0, c1 };
    int any = 0;
    size_t base = n;   /* the first measured row: the memory at entry */
    double pos_w = 0, neg_w = 0;   /* the widest label right and left of 0 */
    char label[64];
    for (size_t i = 0; i < n; i++) {
        if (!r[i].measured)
            continue;
        mem.lo = any ? fmin(mem.lo, unscale(r[i].mem)) : unscale(r[i].mem);
        mem.hi = any ? fmax(mem.hi, unscale(r[i].mem)) : unscale(r[i].mem);
        any = 1;
        if (base == n) {
            base = i;
            continue;
        }
        inc.lo = fmin(inc.lo, unscale(r[i].inc));
        inc.hi = fmax(inc.hi, unscale(r[i].inc));
        double lw = svg_text_width(inc_label(label, &r[i]), BAR_LABEL_SIZE) + 6;
        if (r[i].inc < 0)
            neg_w = fmax(neg_w, lw);
        else
            pos_w = fmax(pos_w, lw);
    }
    if (mem.hi - mem.lo < 1e-9)
        mem.hi = mem.lo + 1;
    mem.lo = fmax(0, mem.lo - (mem.hi - mem.lo) * 0.1);
    if (inc.hi - inc.lo < 1e-9)
        inc.hi = inc.lo + 1;
    /* room for the labels beside the bars, up to a fourth of the column each */
    inc.x0 = c0 + fmin(neg_w, (c1 - c0) / 4);
    inc.x1 = c1 - fmin(pos_w, (c1 - c0) / 4);
    double mem_step = fit_axis(&mem), inc_step = fit_axis(&inc);
    char note[120], num[32];
    if (base < n) {
        mf_format_scaled(num, r[base].inc, r[base].prec >= 0 ? r[base].prec : 1);
        snprintf(note, sizeof note, "line %llu: baseline %s MiB at entry, not a change (no bar)",
                 (unsigned long long)r[base].lineno, num);
    }
    svg s;
    svg_begin(&s, out, w, h, o->title ? o->title : "memory by source line");
    title(&s, o->title ? o->title : "Memory by source line",
          "Mem usage after each line (step line) and each line's increment (bars)");
    legend lg = { &s, 16, 66, w, 0 };
    legend_item(&lg, "Mem usage", svg_color(0), 1, NULL);
    legend_item(&lg, "increment", svg_color(2), 0, NULL);
    legend_item(&lg, "decrease", svg_color(1), 0, NULL);
    if (base < n)
        legend_item(&lg, note, "#888888", 4, NULL);
    /* a narrow picture's legend takes more rows: the rows go down */
    top += LEGEND_ROW * lg.rows;
    h += LEGEND_ROW * lg.rows;
    double bottom = top + (double)n * row;
    draw_axis(&s, &mem, mem_step, top - 4, bottom, "Mem usage (MiB)", "tick mem", 0);
    draw_axis(&s, &inc, inc_step, top - 4, bottom, "Increment (MiB)", "tick inc", 0);
    double zero = ax_x(&inc, 0);
    svg_line(&s, zero, top - 4, zero, bottom, "#888888", 1, NULL);
    double prev_x = -1;
    for (size_t i = 0; i < n; i++) {
        double y = top + (double)i * row;
        char text[256];
        if (i % 2)
            svg_rect(&s, 0, y, w, row, "#f4f4f4", 1);
        snprintf(num, sizeof num, "%6llu", (unsigned long long)r[i].lineno);
        svg_text(&s, 12, y + 13, num, strlen(num), 11, "start", "#888888", 1);
        size_t len = cut(text, sizeof text, r[i].content, r[i].content_len,
                         (size_t)fmax(4, (text_w - 70) / 6.7));
        svg_text(&s, 62, y + 13, text, len, 11, "start", r[i].measured ? "#111111" : "#888888", 1);
        if (!r[i].measured) {
            /* not run: memory holds where it was */
            if (prev_x >= 0)
                svg_line(&s, prev_x, y, prev_x, y + row, svg_color(0), 1, "3,3");
            continue;
        }
        /* a step: across to this line's value, then down through the line */
        double x = ax_x(&mem, unscale(r[i].mem));
        if (prev_x >= 0)
            svg_line(&s, prev_x, y, x, y, svg_color(0), 2, NULL);
        svg_line(&s, x, y, x, y + row, svg_color(0), 2, NULL);
        prev_x = x;
        if (i == base) {
            /* the memory at entry: a note in the column, off the scale */
            char b[64];
            mf_format_scaled(num, r[i].inc, r[i].prec >= 0 ? r[i].prec : 1);
            snprintf(b, sizeof b, "baseline %s MiB", num);
            int right = zero < (c0 + c1) / 2;
            size_t fit = (size_t)fmax(8, ((right ? c1 - zero : zero - c0) - 6) / svg_text_width(1, 10));
            size_t bl = cut(text, sizeof text, b, strlen(b), fit);
            svg_text_class(&s, "baseline", right ? zero + 4 : zero - 4, y + 13, text, bl, 10,
                           right ? "start" : "end", "#777777", 0);
            continue;
        }
        double xi = ax_x(&inc, unscale(r[i].inc));
        const char *c = r[i].inc < 0 ? svg_color(1) : svg_color(2);
        svg_rect(&s, zero, y + 3, xi - zero, row - 6, c, 0.85);
        size_t ll = inc_label(label, &r[i]);
        int left = r[i].inc < 0;
        svg_text_class(&s, "bar-value", left ? xi - 3 : xi + 3, y + 13, label, ll, BAR_LABEL_SIZE,
                       left ? "end" : "start", "#333333", 0);
    }
    svg_end(&s);
    return ferror(out) ? -1 : 0;
}

/* ---- an mprof time series ----------------------------------------------------- */

/* Where a sample is drawn: time along x (seconds from t0), MiB up from
   the bottom of the chart. */
typedef struct frame {
    const axis *x;
    int64_t t0;
    double bottom, plot_h, ymax;
} frame;

static double frame_x(const frame *f, int64_t time)
{
    return ax_x(f->x, unscale(time - f->t0));
}

static double frame_y(const frame *f, int64_t mem)
{
    return f->bottom - unscale(mem) / f->ymax * f->plot_h;
}

/* The points of a series' line. */
typedef struct points {
    double *x, *y;
    size_t n, cap;
} points;

static int add_point(points *p, double x, double y)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? 2 * p->cap : 64;
        double *nx = try_realloc(p->x, cap * sizeof *nx);
        if (nx)
            p->x = nx;
        double *ny = nx ? try_realloc(p->y, cap * sizeof *ny) : NULL;
        if (!ny)
            return -1;
        p->y = ny;
        p->cap = cap;
    }
    p->x[p->n] = x;
    p->y[p->n++] = y;
    return 0;
}

/* Samples [i, e) of a series all lie in one pixel column: keep the first,
   the lowest, the highest and the last, in their order. */
static int add_column(points *p, const mf_plot_series *ser, const frame *f, size_t i, size_t e)
{
    size_t lo = i, hi = i;
    for (size_t k = i + 1; k < e; k++) {
        if (ser->mem[k] < ser->mem[lo])
            lo = k;
        if (ser->mem[k] > ser->mem[hi])
            hi = k;
    }
    size_t keep[4] = { i, lo < hi ? lo : hi, lo < hi ? hi : lo, e - 1 };
    for (size_t k = 0; k < 4; k++)
        if ((k == 0 || keep[k] != keep[k - 1])
            && add_point(p, frame_x(f, ser->time[keep[k]]), frame_y(f, ser->mem[keep[k]])) != 0)
            return -1;
    return 0;
}

/* The line of a series.  One of more than two samples per pixel of the
   picture's width is thinned to what the width can show: of each run of
   consecutive samples in one pixel column, its first, lowest, highest and
   last, so every column's peak, and the series' own peak with it, is a
   point of the line at its exact place. */
static int series_points(points *p, const mf_plot_series *ser, const frame *f, double w)
{
    memset(p, 0, sizeof *p);
    if ((double)ser->n <= 2 * w) {
        for (size_t i = 0; i < ser->n; i++)
            if (add_point(p, frame_x(f, ser->time[i]), frame_y(f, ser->mem[i])) != 0)
                return -1;
        return 0;
    }
    size_t i = 0;
    while (i < ser->n) {
        double col = floor(frame_x(f, ser->time[i]));
        size_t e = i + 1;
        while (e < ser->n && floor(frame_x(f, ser->time[e])) == col)
            e++;
        if (add_column(p, ser, f, i, e) != 0)
            return -1;
        i = e;
    }
    return 0;
}

/* The dashes of a run's k-th child (of several runs: the colour is the run's). */
static const char *child_dash(size_t k)
{
    static const char *const dash[] = { "6,3", "2,2", "8,3,2,3", "4,4", "1,3" };
    return dash[k % (sizeof dash / sizeof dash[0])];
}

/* At most this many series are named in the legend; the rest are counted. */
#define LEGEND_MAX 24

int mf_plot_timeline(FILE *out, const mf_plot_series *ser, size_t ns, const mf_plot_span *sp,
                     size_t nsp, const mf_plot_opts *o)
{
    double w = pic_width(o);
    size_t runs = 1;
    for (size_t k = 0; k < ns; k++)
        runs = ser[k].run + 1 > runs ? ser[k].run + 1 : runs;
    for (size_t i = 0; i < nsp; i++)
        runs = sp[i].run + 1 > runs ? sp[i].run + 1 : runs;
    /* per run: its start (its earliest time) and the series of its main
       process (its first), whose peak is marked */
    int64_t *t0 = try_malloc(runs * sizeof *t0);
    size_t *main_of = try_malloc(runs * sizeof *main_of);
    unsigned char *seen = try_malloc(runs);
    if (!t0 || !main_of || !seen) {
        xfree(t0);
        xfree(main_of);
        xfree(seen);
        return MF_ERR_NOMEM;
    }
    memset(seen, 0, runs);
    for (size_t k = 0; k < ns; k++) {
        size_t r = ser[k].run;
        if (!(seen[r] & 2)) {
            main_of[r] = k;
            seen[r] |= 2;
        }
        for (size_t i = 0; i < ser[k].n; i++)
            if (!(seen[r] & 1) || ser[k].time[i] < t0[r]) {
                t0[r] = ser[k].time[i];
                seen[r] |= 1;
            }
    }
    for (size_t i = 0; i < nsp; i++)
        if (!(seen[sp[i].run] & 1) || sp[i].start < t0[sp[i].run]) {
            t0[sp[i].run] = sp[i].start;
            seen[sp[i].run] |= 1;
        }
    /* lanes for the functions' calls (of a run), above the chart */
    struct lane {
        const char *name;
        size_t run;
    } lanes[16];
    size_t nlanes = 0;
    for (size_t i = 0; i < nsp && nlanes < 16; i++) {
        size_t k = 0;
        while (k < nlanes && (lanes[k].run != sp[i].run || strcmp(lanes[k].name, sp[i].name) != 0))
            k++;
        if (k == nlanes)
            lanes[nlanes++] = (struct lane){ sp[i].name, sp[i].run };
    }
    /* a lane's label: of several runs, the run's name before it */
    char lane_text[16][160];
    size_t lane_len[16], longest = 0;
    double left_max = fmax(70, w * 0.4);
    size_t lane_chars = (size_t)((left_max - 16) / 6.7);
    for (size_t k = 0; k < nlanes; k++) {
        char full[400];
        const char *run = runs > 1 && (seen[lanes[k].run] & 2) ? ser[main_of[lanes[k].run]].name : NULL;
        snprintf(full, sizeof full, "%s%s%s", run ? run : "", run ? ": " : "", lanes[k].name);
        lane_len[k] = cut(lane_text[k], sizeof lane_text[k], full, strlen(full), lane_chars);
        size_t c = chars_of(lane_text[k]);
        longest = c > longest ? c : longest;
    }
    double left = fmax(70, 16 + (double)longest * 6.7);
    /* the legend: measured first, to know its height */
    char peak_text[LEGEND_MAX][240];
    size_t named = ns < LEGEND_MAX ? ns : LEGEND_MAX;
    for (size_t k = 0; k < named; k++) {
        int64_t pk = 0;
        for (size_t i = 0; i < ser[k].n; i++)
            pk = i == 0 || ser[k].mem[i] > pk ? ser[k].mem[i] : pk;
        if (runs > 1 && main_of[ser[k].run] == k && ser[k].n)
            snprintf(peak_text[k], sizeof peak_text[k], "%s (peak %.3f MiB)", ser[k].name, unscale(pk));
        else
            snprintf(peak_text[k], sizeof peak_text[k], "%s", ser[k].name);
    }
    char more[64] = "";
    if (ns > named)
        snprintf(more, sizeof more, "and %zu more processes", ns - named);
    legend lm = { NULL, 16, 0, w, 0 };
    for (size_t k = 0; k < named; k++)
        legend_item(&lm, peak_text[k], "#000000", 3, NULL);
    if (more[0])
        legend_item(&lm, more, "#000000", 4, NULL);

    double lane_h = 18, top = 80 + (double)nlanes * lane_h, plot_h = 320;
    double h = top + plot_h + 70 + LEGEND_ROW * lm.rows;
    int64_t span_t = 0, m1 = 0;
    int any = 0;
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < ser[k].n; i++) {
            int64_t t = ser[k].time[i] - t0[ser[k].run];
            if (!any || t > span_t)
                span_t = t;
            if (!any || ser[k].mem[i] > m1)
                m1 = ser[k].mem[i];
            any = 1;
        }
    for (size_t i = 0; i < nsp; i++)
        span_t = sp[i].end - t0[sp[i].run] > span_t ? sp[i].end - t0[sp[i].run] : span_t;
    axis x = { 0, any ? unscale(span_t) : 1, left, w - 30 };   /* seconds */
    if (x.hi <= 0)
        x.hi = 1;
    double xstep = fit_axis(&x);
    svg s;
    svg_begin(&s, out, w, h, o->title ? o->title : "memory over time");
    title(&s, o->title ? o->title : "Memory over time",
          runs > 1 ? "from mprof run; runs overlaid from their starts; spans are profiled calls"
                   : "from mprof run; spans are profiled calls");
    draw_axis(&s, &x, xstep, top, top + plot_h, "time (s)", "tick time", 0);
    /* the vertical axis: MiB, drawn by hand (the helper draws x axes) */
    double first, step = svg_tick_step(0, any ? unscale(m1) : 1, 6, &first);
    double ymax = ceil((any ? unscale(m1) : 1) / step - 1e-9) * step;
    if (ymax <= 0)
        ymax = step;
    char label[48];
    for (double v = 0; v <= ymax + step / 2; v += step) {
        double y = top + plot_h - v / ymax * plot_h;
        svg_line(&s, x.x0, y, x.x1, y, "#dddddd", 1, NULL);
        svg_tick_label(label, sizeof label, v, step);
        svg_text(&s, x.x0 - 6, y + 4, label, strlen(label), 11, "end", "#444444", 0);
    }
    svg_text(&s, 16, top + plot_h / 2, "MiB", 3, 12, "start", "#222222", 0);
    /* calls */
    for (size_t i = 0; i < nsp; i++) {
        size_t k = 0;
        while (k < nlanes && (lanes[k].run != sp[i].run || strcmp(lanes[k].name, sp[i].name) != 0))
            k++;
        if (k == nlanes)
            continue;
        int64_t base = t0[sp[i].run];
        double xa = ax_x(&x, unscale(sp[i].start - base)), xb = ax_x(&x, unscale(sp[i].end - base));
        if (xb - xa < 2)
            xb = xa + 2;
        const char *c = runs > 1 ? svg_color(sp[i].run) : svg_color(3 + k);
        svg_rect(&s, xa, top, xb - xa, plot_h, c, 0.10);
        svg_rect(&s, xa, 62 + (double)k * lane_h, xb - xa - (xb - xa > 3 ? 1 : 0), lane_h - 6, c, 0.7);
    }
    for (size_t k = 0; k < nlanes; k++)
        svg_text(&s, x.x0 - 6, 72 + (double)k * lane_h, lane_text[k], lane_len[k], 11, "end",
                 "#222222", 1);
    /* the series */
    legend lg = { &s, 16, h - 14 - LEGEND_ROW * lm.rows, w, 0 };
    size_t child = 0;
    for (size_t k = 0; k < ns; k++) {
        frame fr = { &x, t0[ser[k].run], top + plot_h, plot_h, ymax };
        int is_main = main_of[ser[k].run] == k;
        child = is_main ? 0 : child + 1;
        const char *color = runs > 1 ? svg_color(ser[k].run) : svg_color(k);
        const char *dash = runs > 1 && !is_main ? child_dash(child - 1) : NULL;
        double width = k == 0 || (runs > 1 && is_main) ? 2 : 1.5;
        points p;
        int rc = series_points(&p, &ser[k], &fr, w);
        if (rc == 0)
            svg_polyline(&s, p.x, p.y, p.n, color, width, dash);
        xfree(p.x);
        xfree(p.y);
        if (rc != 0) {
            xfree(t0);
            xfree(main_of);
            xfree(seen);
            return MF_ERR_NOMEM;
        }
        if (k < named)
            legend_item(&lg, peak_text[k], color, 3, dash);
    }
    if (more[0])
        legend_item(&lg, more, "#000000", 4, NULL);
    /* each run's peak: its main process's highest sample */
    for (size_t r = 0; r < runs; r++) {
        if (!(seen[r] & 2) || !ser[main_of[r]].n)
            continue;
        const mf_plot_series *m = &ser[main_of[r]];
        size_t peak_i = 0;
        for (size_t i = 1; i < m->n; i++)
            if (m->mem[i] > m->mem[peak_i])
                peak_i = i;
        double px = ax_x(&x, unscale(m->time[peak_i] - t0[r]));
        double py = top + plot_h - unscale(m->mem[peak_i]) / ymax * plot_h;
        svg_circle(&s, px, py, 4.5, runs > 1 ? svg_color(r) : "#d62728");
        if (runs > 1)
            continue;   /* the values are in the legend */
        char text[64];
        snprintf(text, sizeof text, "peak %.3f MiB", unscale(m->mem[peak_i]));
        svg_text(&s, px + (px > w * 0.7 ? -8 : 8), py - 8, text, strlen(text), 12,
                 px > w * 0.7 ? "end" : "start", "#d62728", 0);
    }
    svg_end(&s);
    xfree(t0);
    xfree(main_of);
    xfree(seen);
    return ferror(out) ? -1 : 0;
}
