/* dat/emit_trend.c -- the .dat fold's functions for trend tracking:
 * OpenMetrics and customSmallerIsBetter JSON (the writer: core/trend.c).
 * A .dat function is named "module.function" and has no line; it has no
 * net either (mprof records no exit per function but the call's end). */
#include <string.h>
#include "memfold_dat.h"
#include "core/trend.h"
#include "core/util.h"

static const trend_kind DAT = { {
    "Highest MiB of the function's calls (at a call's start, its end or a MEM sample in between).",
    "Largest rise of one call above its start (its highest MiB minus its start), MiB.",
    NULL,
    "Mean MiB of the MEM samples inside the function's calls (start and end for a call with none).",
    "FUNC lines of the function (calls).",
} };

static void row_of(const void *ctx, size_t i, int values, trend_row *r)
{
    const mf_dat_func_stats *s = (const mf_dat_func_stats *)ctx + i;
    r->file = NULL;
    r->function = s->function;
    r->line = 0;
    if (!values)
        return;
    for (int m = 0; m < TREND_NMETRICS; m++)
        r->value[m][0] = '\0';
    snprintf(r->extra, sizeof r->extra, "%llu call%s, %llu sample%s",
             (unsigned long long)s->calls, s->calls == 1 ? "" : "s",
             (unsigned long long)s->samples, s->samples == 1 ? "" : "s");
    snprintf(r->value[TREND_CALLS], sizeof r->value[TREND_CALLS], "%llu",
             (unsigned long long)s->calls);
    if (s->calls == 0)
        return;
    mf_format_decimal(r->value[TREND_PEAK], s->peak);
    mf_format_derived(r->value[TREND_MEAN], s->mean, s->mem_prec);
    if (s->has_rise)
        mf_format_scaled(r->value[TREND_RISE], s->rise, s->mem_prec);
}

int dat_emit_trend(FILE *out, int fmt, mf_dat_fold *f)
{
    const mf_dat_func_stats *v;
    size_t n = mf_dat_fold_functions(f, &v);
    if (n == (size_t)-1)
        return MF_ERR_NOMEM;
    mf_guard g;
    if (GUARD(&g))
        return MF_ERR_NOMEM;
    int rc = trend_write(out, fmt, &DAT, n, row_of, v);
    guard_end(&g);
    return rc ? MF_ERR_IO : MF_OK;
}
