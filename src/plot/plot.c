/* plot/plot.c -- pictures where a picture says more than a table
 * ("memfold plot"), as SVG:
 *
 *   functions: one bar per function for its peak, mean and entry marked,
 *              sorted by peak;
 *   rows:      one function's memory by source line: Mem usage as a step
 *              line, each line's increment as a bar, the source alongside;
 *   timeline:  an mprof .dat file: memory over time for the main process
 *              and each child, every profiled call as a span, peak marked;
 *              a line of more samples than the width can show is thinned
 *              (per pixel column its first, lowest, highest and last).
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

/* A horizontal value axis from x0 to x1 for [lo, hi], with grid lines
   from y0 down to y1 and labels under y1. */
typedef struct axis {
    double lo, hi, x0, x1;
} axis;

static double ax_x(const axis *a, double v)
{
    return a->x0 + (v - a->lo) / (a->hi - a->lo) * (a->x1 - a->x0);
}

static void draw_axis(svg *s, axis *a, double y0, double y1, const char *unit, int ticks)
{
    double first, step = svg_tick_step(a->lo, a->hi, ticks, &first);
    char label[48];
    /* widen to whole ticks so the ends are labelled */
    a->lo = floor(a->lo / step + 1e-9) * step;
    a->hi = ceil(a->hi / step - 1e-9) * step;
    if (a->hi <= a->lo)
        a->hi = a->lo + step;
    for (double v = a->lo; v <= a->hi + step / 2; v += step) {
        double x = ax_x(a, v);
        svg_line(s, x, y0, x, y1, "#dddddd", 1, NULL);
        svg_tick_label(label, sizeof label, v, step);
        svg_text(s, x, y1 + 14, label, strlen(label), 11, "middle", "#444444", 0);
    }
    svg_text(s, (a->x0 + a->x1) / 2, y1 + 30, unit, strlen(unit), 12, "middle", "#222222", 0);
}

static void title(svg *s, const char *text, const char *sub)
{
    svg_text(s, 16, 24, text, strlen(text), 16, "start", "#111111", 0);
    if (sub)
        svg_text(s, 16, 42, sub, strlen(sub), 11, "start", "#555555", 0);
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

static void legend_item(svg *s, double x, double y, const char *what, const char *color, int kind)
{
    if (kind == 0)
        svg_rect(s, x, y - 9, 14, 10, color, 0.85);
    else if (kind == 1)
        svg_line(s, x + 7, y - 11, x + 7, y + 2, color, 2.5, NULL);
    else
        svg_circle(s, x + 7, y - 4, 4, color);
    svg_text(s, x + 20, y, what, strlen(what), 11, "start", "#222222", 0);
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

    double w = o->width > 300 ? o->width : 800, row = 26, top = 86;
    double h = top + (double)(n ? n : 1) * row + 60;
    axis a = { 0, 1, 250, w - 90 };
    for (size_t i = 0; i < n; i++)
        a.hi = fmax(a.hi, unscale(v[i]->peak));
    svg s;
    svg_begin(&s, out, w, h, o->title ? o->title : "memory per function");
    title(&s, o->title ? o->title : "Peak memory per function",
          "from memory_profiler reports; bars sorted by peak");
    legend_item(&s, 16, 66, "peak", svg_color(0), 0);
    legend_item(&s, 76, 66, "mean", "#111111", 1);
    legend_item(&s, 136, 66, "entry (mean of first rows)", "#d62728", 2);
    draw_axis(&s, &a, top - 6, top + (double)n * row, "MiB", 6);
    for (size_t i = 0; i < n; i++) {
        const mf_func_stats *st = v[i];
        double y = top + (double)i * row;
        char name[160], val[64];
        char full[400];
        snprintf(full, sizeof full, "%s  %s:%llu", st->function ? st->function : "<unknown>",
                 base_name(st->file), (unsigned long long)st->line);
        size_t len = cut(name, sizeof name, full, strlen(full), 32);
        svg_text(&s, a.x0 - 8, y + row / 2 + 4, name, len, 12, "end", "#111111", 0);
        svg_rect(&s, a.x0, y + 4, ax_x(&a, unscale(st->peak)) - a.x0, row - 8, svg_color(0), 0.85);
        double xm = ax_x(&a, unscale(mf_stats_mean(st)));
        svg_line(&s, xm, y + 2, xm, y + row - 2, "#111111", 2.5, NULL);
        svg_circle(&s, ax_x(&a, unscale(mf_stats_entry(st))), y + row / 2, 4, "#d62728");
        mf_format_decimal(val, st->peak_dec);
        strcat(val, " MiB");
        svg_text(&s, ax_x(&a, unscale(st->peak)) + 6, y + row / 2 + 4, val, strlen(val), 11, "start",
                 "#333333", 0);
    }
    if (n == 0)
        svg_text(&s, w / 2, top + 16, "no measured function", 20, 13, "middle", "#555555", 0);
    svg_end(&s);
    xfree(v);
    return ferror(out) ? -1 : 0;
}

/* ---- one function, line by line -------------------------------------------------- */

int mf_plot_rows(FILE *out, const mf_plot_row *r, size_t n, const mf_plot_opts *o)
{
    double w = o->width > 500 ? o->width : 800, row = 18, top = 92;
    double h = top + (double)(n ? n : 1) * row + 60;
    double text_w = w * 0.42;
    axis mem = { 0, 1, text_w + 10, text_w + (w - text_w) * 0.52 };
    axis inc = { 0, 0, mem.x1 + 60, w - 24 };
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        if (!r[i].measured)
            continue;
        mem.lo = any ? fmin(mem.lo, unscale(r[i].mem)) : unscale(r[i].mem);
        mem.hi = any ? fmax(mem.hi, unscale(r[i].mem)) : unscale(r[i].mem);
        inc.lo = fmin(inc.lo, unscale(r[i].inc));
        inc.hi = fmax(inc.hi, unscale(r[i].inc));
        any = 1;
    }
    if (mem.hi - mem.lo < 1e-9)
        mem.hi = mem.lo + 1;
    mem.lo = fmax(0, mem.lo - (mem.hi - mem.lo) * 0.1);
    if (inc.hi - inc.lo < 1e-9)
        inc.hi = inc.lo + 1;
    svg s;
    svg_begin(&s, out, w, h, o->title ? o->title : "memory by source line");
    title(&s, o->title ? o->title : "Memory by source line",
          "Mem usage after each line (step line) and each line's increment (bars)");
    legend_item(&s, 16, 66, "Mem usage", svg_color(0), 1);
    legend_item(&s, 110, 66, "increment", svg_color(2), 0);
    legend_item(&s, 200, 66, "decrease", svg_color(1), 0);
    legend_item(&s, 290, 66, "first row: the baseline, not a change", "#bbbbbb", 0);
    double bottom = top + (double)n * row;
    draw_axis(&s, &mem, top - 4, bottom, "Mem usage (MiB)", 4);
    draw_axis(&s, &inc, top - 4, bottom, "Increment (MiB)", 4);
    double zero = ax_x(&inc, 0);
    svg_line(&s, zero, top - 4, zero, bottom, "#888888", 1, NULL);
    double prev_x = -1;
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        double y = top + (double)i * row;
        char text[256], num[32];
        if (i % 2)
            svg_rect(&s, 0, y, w, row, "#f4f4f4", 1);
        snprintf(num, sizeof num, "%6llu", (unsigned long long)r[i].lineno);
        svg_text(&s, 12, y + 13, num, strlen(num), 11, "start", "#888888", 1);
        size_t len = cut(text, sizeof text, r[i].content, r[i].content_len,
                         (size_t)((text_w - 70) / 6.7));
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
        double xi = ax_x(&inc, unscale(r[i].inc));
        const char *c = first ? "#bbbbbb" : r[i].inc < 0 ? svg_color(1) : svg_color(2);
        svg_rect(&s, zero, y + 3, xi - zero, row - 6, c, 0.85);
        first = 0;
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

int mf_plot_timeline(FILE *out, const mf_plot_series *ser, size_t ns, const mf_plot_span *sp,
                     size_t nsp, const mf_plot_opts *o)
{
    double w = o->width > 400 ? o->width : 800;
    /* lanes for the functions' calls, above the chart */
    const char *lanes[16];
    size_t nlanes = 0;
    for (size_t i = 0; i < nsp && nlanes < 16; i++) {
        size_t k = 0;
        while (k < nlanes && strcmp(lanes[k], sp[i].name) != 0)
            k++;
        if (k == nlanes)
            lanes[nlanes++] = sp[i].name;
    }
    double lane_h = 18, top = 80 + (double)nlanes * lane_h, plot_h = 320;
    double h = top + plot_h + 70;
    int64_t t0 = 0, t1 = 0, m1 = 0;
    int any = 0;
    size_t peak_i = 0;
    for (size_t k = 0; k < ns; k++)
        for (size_t i = 0; i < ser[k].n; i++) {
            if (!any || ser[k].time[i] < t0)
                t0 = ser[k].time[i];
            if (!any || ser[k].time[i] > t1)
                t1 = ser[k].time[i];
            if (!any || ser[k].mem[i] > m1)
                m1 = ser[k].mem[i];
            if (k == 0 && (i == 0 || ser[0].mem[i] > ser[0].mem[peak_i]))
                peak_i = i;
            any = 1;
        }
    size_t longest = 0;
    for (size_t k = 0; k < nlanes; k++)
        longest = strlen(lanes[k]) > longest ? strlen(lanes[k]) : longest;
    double left = fmax(70, 16 + (double)longest * 6.7);
    axis x = { 0, any ? unscale(t1 - t0) : 1, left, w - 30 };   /* seconds */
    if (x.hi <= 0)
        x.hi = 1;
    svg s;
    svg_begin(&s, out, w, h, o->title ? o->title : "memory over time");
    title(&s, o->title ? o->title : "Memory over time", "from mprof run; spans are profiled calls");
    draw_axis(&s, &x, top, top + plot_h, "time (s)", 8);
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
        while (k < nlanes && strcmp(lanes[k], sp[i].name) != 0)
            k++;
        if (k == nlanes)
            continue;
        double xa = ax_x(&x, unscale(sp[i].start - t0)), xb = ax_x(&x, unscale(sp[i].end - t0));
        if (xb - xa < 2)
            xb = xa + 2;
        const char *c = svg_color(3 + k);
        svg_rect(&s, xa, top, xb - xa, plot_h, c, 0.10);
        svg_rect(&s, xa, 62 + (double)k * lane_h, xb - xa - (xb - xa > 3 ? 1 : 0), lane_h - 6, c, 0.7);
    }
    for (size_t k = 0; k < nlanes; k++)
        svg_text(&s, x.x0 - 6, 72 + (double)k * lane_h, lanes[k], strlen(lanes[k]), 11, "end",
                 "#222222", 1);
    /* the series */
    frame fr = { &x, t0, top + plot_h, plot_h, ymax };
    for (size_t k = 0; k < ns; k++) {
        points p;
        int rc = series_points(&p, &ser[k], &fr, w);
        if (rc == 0)
            svg_polyline(&s, p.x, p.y, p.n, svg_color(k), k == 0 ? 2 : 1.5);
        xfree(p.x);
        xfree(p.y);
        if (rc != 0)
            return MF_ERR_NOMEM;
        legend_item(&s, 16 + (double)k * 150, h - 14, ser[k].name, svg_color(k), 1);
    }
    if (ns && ser[0].n) {
        double px = ax_x(&x, unscale(ser[0].time[peak_i] - t0));
        double py = top + plot_h - unscale(ser[0].mem[peak_i]) / ymax * plot_h;
        char text[64];
        snprintf(text, sizeof text, "peak %.3f MiB", unscale(ser[0].mem[peak_i]));
        svg_circle(&s, px, py, 4.5, "#d62728");
        svg_text(&s, px + (px > w * 0.7 ? -8 : 8), py - 8, text, strlen(text), 12,
                 px > w * 0.7 ? "end" : "start", "#d62728", 0);
    }
    svg_end(&s);
    return ferror(out) ? -1 : 0;
}
