/* plot/svg.c -- the SVG writer behind `memfold plot`. */
#include <math.h>
#include <string.h>
#include "plot/svg.h"
#include "core/textout.h"

void svg_begin(svg *s, FILE *out, double w, double h, const char *title)
{
    s->out = out;
    s->w = w;
    s->h = h;
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                 "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n",
            w, h, w, h);
    fputs("<title>", out);
    xml_text(out, title, strlen(title));
    fputs("</title>\n", out);
    fprintf(out, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"white\"/>\n", w, h);
}

void svg_end(svg *s)
{
    fputs("</svg>\n", s->out);
}

void svg_rect(svg *s, double x, double y, double w, double h, const char *fill, double opacity)
{
    if (w < 0) {
        x += w;
        w = -w;
    }
    fprintf(s->out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"", x, y,
            w, h, fill);
    if (opacity < 1)
        fprintf(s->out, " fill-opacity=\"%.2f\"", opacity);
    fputs("/>\n", s->out);
}

void svg_line(svg *s, double x1, double y1, double x2, double y2, const char *stroke,
              double width, const char *dash)
{
    fprintf(s->out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                    "stroke-width=\"%.1f\"", x1, y1, x2, y2, stroke, width);
    if (dash)
        fprintf(s->out, " stroke-dasharray=\"%s\"", dash);
    fputs("/>\n", s->out);
}

void svg_polyline(svg *s, const double *x, const double *y, size_t n, const char *stroke,
                  double width, const char *dash)
{
    fputs("<polyline fill=\"none\" stroke-linejoin=\"round\" points=\"", s->out);
    for (size_t i = 0; i < n; i++)
        fprintf(s->out, "%s%.1f,%.1f", i ? " " : "", x[i], y[i]);
    fprintf(s->out, "\" stroke=\"%s\" stroke-width=\"%.1f\"", stroke, width);
    if (dash)
        fprintf(s->out, " stroke-dasharray=\"%s\"", dash);
    fputs("/>\n", s->out);
}

void svg_circle(svg *s, double x, double y, double r, const char *fill)
{
    fprintf(s->out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", x, y, r, fill);
}

void svg_text(svg *s, double x, double y, const char *text, size_t len, double size,
              const char *anchor, const char *fill, int mono)
{
    svg_text_class(s, NULL, x, y, text, len, size, anchor, fill, mono);
}

void svg_text_class(svg *s, const char *cls, double x, double y, const char *text, size_t len,
                    double size, const char *anchor, const char *fill, int mono)
{
    fprintf(s->out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" text-anchor=\"%s\" fill=\"%s\"%s",
            x, y, size, anchor, fill,
            mono ? " font-family=\"DejaVu Sans Mono, Menlo, Consolas, monospace\"" : "");
    if (cls)
        fprintf(s->out, " class=\"%s\"", cls);
    fputs(" xml:space=\"preserve\">", s->out);
    xml_text(s->out, text, len);
    fputs("</text>\n", s->out);
}

double svg_tick_step(double lo, double hi, int want, double *first)
{
    double span = hi - lo;
    if (!(span > 0))
        span = fabs(hi) > 0 ? fabs(hi) : 1;
    double raw = span / (want > 0 ? want : 5);
    double mag = pow(10, floor(log10(raw)));
    double f = raw / mag;
    double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
    *first = ceil(lo / step - 1e-9) * step;
    return step;
}

double svg_text_width(size_t chars, double size)
{
    /* DejaVu Sans: digits are 0.64 em, most letters less */
    return (double)chars * size * 0.64;
}

/* The nice steps 1, 2, 5 times a power of ten, from the k-th: step k+1
   is the next larger. */
static double nice_step(int k)
{
    static const double m[3] = { 1, 2, 5 };
    int e = k >= 0 ? k / 3 : -((-k + 2) / 3);
    return m[k - 3 * e] * pow(10, e);
}

double svg_ticks_fit(double *lo, double *hi, double px, double size, double gap)
{
    double span = *hi - *lo;
    if (!(span > 0))
        span = fabs(*hi) > 0 ? fabs(*hi) : 1;
    /* from a step giving a tick every 4 pixels upwards */
    int k = (int)floor(log10(span * 4 / (px > 1 ? px : 1)) * 3) - 3;
    for (;; k++) {
        double step = nice_step(k);
        double a = floor(*lo / step + 1e-9) * step, b = ceil(*hi / step - 1e-9) * step;
        if (b <= a)
            b = a + step;
        char la[48], lb[48];
        svg_tick_label(la, sizeof la, a, step);
        svg_tick_label(lb, sizeof lb, b, step);
        size_t wide = strlen(la) > strlen(lb) ? strlen(la) : strlen(lb);
        /* the labels between are no wider than the widest end's plus a sign */
        double need = fmax(svg_text_width(wide + 1, size) + gap, 48);
        if (step / (b - a) * px >= need || b - a <= step * 1.5) {
            *lo = a;
            *hi = b;
            return step;
        }
        if (b - a <= step * 2.5) {
            /* two steps across 0 that do not fit: the ends alone */
            *lo = a;
            *hi = b;
            return b - a;
        }
    }
}

void svg_tick_label(char *buf, size_t cap, double v, double step)
{
    int decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) < step / 1e6)
        v = 0;
    snprintf(buf, cap, "%.*f", decimals, v);
}

const char *svg_color(size_t i)
{
    static const char *const palette[] = {
        "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e",
        "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22",
    };
    return palette[i % (sizeof palette / sizeof palette[0])];
}
