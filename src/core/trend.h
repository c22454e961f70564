/* core/trend.h -- per-function figures for trend tracking across commits:
 * OpenMetrics text (GitLab's metrics report) and github-action-benchmark's
 * customSmallerIsBetter JSON.  One writer for both pipelines: each hands
 * its functions over through a callback (report/emit_trend.c,
 * dat/emit_trend.c). */
#ifndef MF_TREND_H
#define MF_TREND_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum { TREND_PEAK, TREND_RISE, TREND_NET, TREND_MEAN, TREND_CALLS, TREND_NMETRICS };

/* One function as the writer sees it. */
typedef struct trend_row {
    const char *file;        /* NULL: none (a .dat function has its module in its name) */
    const char *function;    /* NULL: unknown */
    uint64_t line;           /* 0: none */
    char extra[128];         /* the benchmark entry's "extra" (a tooltip) */
    char value[TREND_NMETRICS][64];   /* each metric as printed; "": none */
} trend_row;

/* Fill row with function i: its names and line always, the rest only when
   values is nonzero. */
typedef void (*trend_row_fn)(const void *ctx, size_t i, int values, trend_row *row);

/* What the figures mean in a pipeline: each metric's # HELP text (NULL:
   the pipeline has no such metric). */
typedef struct trend_kind {
    const char *help[TREND_NMETRICS];
} trend_kind;

/* Write n functions in fmt (MF_FMT_OPENMETRICS or MF_FMT_BENCHMARK_JSON):
   0, or -1 on a write error.  Out of memory jumps (the caller guards). */
int trend_write(FILE *out, int fmt, const trend_kind *k, size_t n, trend_row_fn fn,
                const void *ctx);

/* The pipelines' writers (report/emit_trend.c, dat/emit_trend.c), behind
   mf_emit_summary and mf_dat_emit_summary: MF_OK, MF_ERR_IO (a write
   error) or MF_ERR_NOMEM. */
struct mf_fold;
struct mf_dat_fold;
int report_emit_trend(FILE *out, int fmt, const struct mf_fold *f);
int dat_emit_trend(FILE *out, int fmt, struct mf_dat_fold *f);

#endif
