/* core/trend.c -- per-function figures for trend tracking across commits.
 *
 * OpenMetrics text (what GitLab's `artifacts: reports: metrics:` reads):
 * one metric family per figure, memfold_<metric>_mib (memfold_calls for
 * the calls), each with # TYPE gauge, # UNIT and # HELP, then one sample
 * per function, labelled by file, function and line (a .dat function by
 * its "module.function" alone); the exposition ends with "# EOF".  Label
 * values are escaped as the format says (\\, \", \n); bytes that are not
 * UTF-8 become U+FFFD.
 *
 * github-action-benchmark's customSmallerIsBetter: a JSON array of
 * {"name", "unit", "value", "extra"}, one per function and figure.  The
 * name must stay the same from commit to commit for the action to draw a
 * function's line and compare it with the commit before, so it holds no
 * line number (which moves whenever code above the function is edited):
 * "FILE:FUNCTION METRIC" ("module.function METRIC" for a .dat file).
 * Functions of the same name in one file (methods of two classes, nested
 * defs) are told apart by their order in the file: "FILE:FUNCTION#2
 * METRIC" for the second.  The line is in "extra".
 */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/textout.h"
#include "core/trend.h"
#include "core/util.h"

static const char *const METRIC_NAME[TREND_NMETRICS] = { "peak", "rise", "net", "mean", "calls" };

/* ---- OpenMetrics ------------------------------------------------------------ */

/* A label value: \, " and LF escaped; invalid UTF-8 as U+FFFD. */
static void om_label_value(FILE *out, const char *s)
{
    size_t len = strlen(s), i = 0;
    putc('"', out);
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\' || c == '"') {
            putc('\\', out);
            putc(c, out);
            i++;
        } else if (c == '\n') {
            fputs("\\n", out);
            i++;
        } else if (c < 0x80) {
            putc(c, out);
            i++;
        } else {
            int32_t cp;
            size_t n = utf8_next(s + i, len - i, &cp);
            if (cp < 0)
                fputs("\xef\xbf\xbd", out);
            else
                fwrite(s + i, 1, n, out);
            i += n;
        }
    }
    putc('"', out);
}

static void om_family(FILE *out, int m, const char *help)
{
    char name[64];
    if (m == TREND_CALLS) {
        snprintf(name, sizeof name, "memfold_calls");
        fprintf(out, "# TYPE %s gauge\n", name);
    } else {
        snprintf(name, sizeof name, "memfold_%s_mib", METRIC_NAME[m]);
        fprintf(out, "# TYPE %s gauge\n# UNIT %s mib\n", name, name);
    }
    fprintf(out, "# HELP %s %s\n", name, help);
}

static void om_sample(FILE *out, int m, const trend_row *r)
{
    if (m == TREND_CALLS)
        fputs("memfold_calls{", out);
    else
        fprintf(out, "memfold_%s_mib{", METRIC_NAME[m]);
    if (r->file) {
        fputs("file=", out);
        om_label_value(out, r->file);
        putc(',', out);
    }
    fputs("function=", out);
    om_label_value(out, r->function ? r->function : "");
    if (r->line)
        fprintf(out, ",line=\"%llu\"", (unsigned long long)r->line);
    fprintf(out, "} %s\n", r->value[m]);
}

static void write_openmetrics(FILE *out, const trend_kind *k, size_t n, trend_row_fn fn,
                              const void *ctx)
{
    trend_row r;
    for (int m = 0; m < TREND_NMETRICS; m++) {
        if (!k->help[m])
            continue;
        int family = 0;
        for (size_t i = 0; i < n; i++) {
            fn(ctx, i, 1, &r);
            if (!r.value[m][0])
                continue;
            if (!family++)
                om_family(out, m, k->help[m]);
            om_sample(out, m, &r);
        }
    }
    fputs("# EOF\n", out);
}

/* ---- customSmallerIsBetter --------------------------------------------------- */

/* The indexes of the functions sorted by file, function, line: the
   functions that share a name in a file sit together, in file order. */
typedef struct order {
    mf_hold hold;
    trend_row_fn fn;
    const void *ctx;
    size_t n;
    size_t *by_name;         /* indexes, sorted */
    uint32_t *ordinal;       /* per function: 0 when its name is unique, else 1, 2, ... */
} order;

static void order_release(void *p)
{
    order *o = p;
    xfree(o->by_name);
    xfree(o->ordinal);
    xfree(o);
}

static int str_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int by_name(const void *pa, const void *pb, void *user)
{
    const order *o = user;
    trend_row a, b;
    o->fn(o->ctx, *(const size_t *)pa, 0, &a);
    o->fn(o->ctx, *(const size_t *)pb, 0, &b);
    int c = str_cmp(a.file, b.file);
    if (c == 0)
        c = str_cmp(a.function, b.function);
    if (c == 0)
        c = (a.line > b.line) - (a.line < b.line);
    if (c == 0)
        c = (*(const size_t *)pa > *(const size_t *)pb) - (*(const size_t *)pa < *(const size_t *)pb);
    return c;
}

static order *make_order(trend_row_fn fn, const void *ctx, size_t n)
{
    order *o = xmalloc(sizeof *o);
    memset(o, 0, sizeof *o);
    hold_begin(&o->hold, order_release, o);
    o->fn = fn;
    o->ctx = ctx;
    o->n = n;
    o->by_name = xmalloc((n ? n : 1) * sizeof *o->by_name);
    o->ordinal = xmalloc((n ? n : 1) * sizeof *o->ordinal);
    for (size_t i = 0; i < n; i++) {
        o->by_name[i] = i;
        o->ordinal[i] = 0;
    }
    qsort_r(o->by_name, n, sizeof *o->by_name, by_name, o);
    for (size_t i = 0; i < n;) {
        trend_row a, b;
        size_t j = i + 1;
        fn(ctx, o->by_name[i], 0, &a);
        for (; j < n; j++) {
            fn(ctx, o->by_name[j], 0, &b);
            if (str_cmp(a.file, b.file) != 0 || str_cmp(a.function, b.function) != 0)
                break;
        }
        if (j - i > 1)
            for (size_t k = i; k < j; k++)
                o->ordinal[o->by_name[k]] = (uint32_t)(k - i + 1);
        i = j;
    }
    return o;
}

static void write_name(FILE *out, const trend_row *r, uint32_t ordinal, int m)
{
    const char *fn = r->function ? r->function : "<unknown>";
    size_t len = (r->file ? strlen(r->file) + 1 : 0) + strlen(fn) + 32;
    char *name = xmalloc(len);
    int n = snprintf(name, len, "%s%s%s", r->file ? r->file : "", r->file ? ":" : "", fn);
    if (ordinal)
        n += snprintf(name + n, len - (size_t)n, "#%u", ordinal);
    snprintf(name + n, len - (size_t)n, " %s", METRIC_NAME[m]);
    json_write_string(out, name, strlen(name));
    xfree(name);
}

static void write_benchmark(FILE *out, const trend_kind *k, size_t n, trend_row_fn fn,
                            const void *ctx)
{
    order *o = make_order(fn, ctx, n);
    trend_row r;
    int entries = 0;
    fputc('[', out);
    for (size_t i = 0; i < n; i++) {
        fn(ctx, i, 1, &r);
        for (int m = 0; m < TREND_NMETRICS; m++) {
            if (!k->help[m] || !r.value[m][0])
                continue;
            fputs(entries++ ? ",\n  {\"name\": " : "\n  {\"name\": ", out);
            write_name(out, &r, o->ordinal[i], m);
            fprintf(out, ", \"unit\": \"%s\", \"value\": %s, \"extra\": ",
                    m == TREND_CALLS ? "calls" : "MiB", r.value[m]);
            json_write_string(out, r.extra, strlen(r.extra));
            fputc('}', out);
        }
    }
    fputs(entries ? "\n]\n" : "]\n", out);
    hold_end(&o->hold);
    order_release(o);
}

int trend_write(FILE *out, int fmt, const trend_kind *k, size_t n, trend_row_fn fn,
                const void *ctx)
{
    if (fmt == MF_FMT_OPENMETRICS)
        write_openmetrics(out, k, n, fn, ctx);
    else
        write_benchmark(out, k, n, fn, ctx);
    return ferror(out) ? -1 : 0;
}
