/* report/emit_trend.c -- the fold's functions for trend tracking:
 * OpenMetrics and customSmallerIsBetter JSON (the writer: core/trend.c). */
#include <string.h>
#include "memfold.h"
#include "core/trend.h"
#include "core/util.h"

static const trend_kind REPORT = { {
    "Highest Mem usage of the function's rows (the process's RSS), MiB.",
    "Largest rise of one call above its entry (its peak minus the Mem usage of its first row), MiB.",
    "Net change of a call (exit minus entry Mem usage), averaged over its calls, MiB.",
    "Mean Mem usage over the function's measured rows, MiB.",
    "Report blocks of the function folded in.",
} };

static void row_of(const void *ctx, size_t i, int values, trend_row *r)
{
    const mf_func_stats *s = mf_fold_get(ctx, i);
    r->file = s->file;
    r->function = s->function;
    r->line = s->line;
    if (!values)
        return;
    for (int m = 0; m < TREND_NMETRICS; m++)
        r->value[m][0] = '\0';
    snprintf(r->extra, sizeof r->extra, "line %llu; %llu call%s, %llu row%s",
             (unsigned long long)s->line, (unsigned long long)s->calls, s->calls == 1 ? "" : "s",
             (unsigned long long)s->rows, s->rows == 1 ? "" : "s");
    snprintf(r->value[TREND_CALLS], sizeof r->value[TREND_CALLS], "%llu",
             (unsigned long long)s->calls);
    if (s->rows == 0)
        return;
    mf_format_decimal(r->value[TREND_PEAK], s->peak_dec);
    mf_format_derived(r->value[TREND_MEAN], mf_stats_mean(s), s->prec);
    mf_format_derived(r->value[TREND_NET], mf_stats_net(s), s->prec);
    if (s->has_rise)
        mf_format_scaled(r->value[TREND_RISE], s->rise, s->prec);
}

int report_emit_trend(FILE *out, int fmt, const mf_fold *f)
{
    mf_guard g;
    if (GUARD(&g))
        return MF_ERR_NOMEM;
    int rc = trend_write(out, fmt, &REPORT, mf_fold_count(f), row_of, f);
    guard_end(&g);
    return rc ? MF_ERR_IO : MF_OK;
}
