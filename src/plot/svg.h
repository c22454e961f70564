/* plot/svg.h -- a small SVG writer for memfold's pictures: text that diffs,
 * opens in any browser, and needs no library. */
#ifndef MF_SVG_H
#define MF_SVG_H

#include <stdint.h>
#include <stdio.h>

typedef struct svg {
    FILE *out;
    double w, h;
} svg;

void svg_begin(svg *s, FILE *out, double w, double h, const char *title);
void svg_end(svg *s);
void svg_rect(svg *s, double x, double y, double w, double h, const char *fill, double opacity);
void svg_line(svg *s, double x1, double y1, double x2, double y2, const char *stroke,
              double width, const char *dash);
/* A polyline through n points (x[i], y[i]); dash: its stroke-dasharray,
   or NULL for a solid line. */
void svg_polyline(svg *s, const double *x, const double *y, size_t n, const char *stroke,
                  double width, const char *dash);
void svg_circle(svg *s, double x, double y, double r, const char *fill);
/* Text, escaped; anchor is "start", "middle" or "end". */
void svg_text(svg *s, double x, double y, const char *text, size_t len, double size,
              const char *anchor, const char *fill, int mono);

/* The same with a class attribute (tests find tick labels by it); cls may
   be NULL. */
void svg_text_class(svg *s, const char *cls, double x, double y, const char *text, size_t len,
                    double size, const char *anchor, const char *fill, int mono);
/* An estimate of the width of chars characters at font size size (a fixed
   width per character, a digit's: wide enough for numbers). */
double svg_text_width(size_t chars, double size);

/* Axis ticks: a "nice" step (1, 2 or 5 times a power of ten) giving about
   `want` ticks between lo and hi; *first gets the first tick >= lo. */
double svg_tick_step(double lo, double hi, int want, double *first);
/* Ticks for [*lo, *hi] drawn px pixels wide, labels of font size size:
   the smallest nice step (1, 2 or 5 times a power of ten) whose labels
   are at least their width plus gap (and 48 pixels) apart; *lo and *hi widened to whole
   steps.  Returns the step. */
double svg_ticks_fit(double *lo, double *hi, double px, double size, double gap);
/* A tick label: the value with as many decimals as the step needs. */
void svg_tick_label(char *buf, size_t cap, double v, double step);

/* Colours, by index, that tell series apart (and read in grey print). */
const char *svg_color(size_t i);

#endif
