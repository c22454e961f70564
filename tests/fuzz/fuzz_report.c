/* fuzz_report.c -- libFuzzer harness over the report path of libmemfold:
 * parse (with the logging-prefix filter and gzip detection), validate,
 * fold, and every emitter (summary, lines in each format, fmt,
 * diagnostics as text, JSON and SARIF).  Anything that crashes, leaks,
 * reads out of bounds or hangs is a bug. */
#include <stdint.h>
#include <stdio.h>
#include "memfold.h"

typedef struct sink {
    mf_validator *v;
    mf_fold *fold;
    mf_lines_writer *lines[3];
    mf_diag_printer *dp[3];
    FILE *null;
} sink;

static void on_diag(const mf_diag *d, void *user)
{
    sink *s = user;
    for (int i = 0; i < 3; i++)
        mf_diag_print(d, s->dp[i]);
}

static int on_block(const mf_block *b, void *user)
{
    sink *s = user;
    size_t errors = mf_validate_block(s->v, b);
    if (errors == 0)
        mf_fold_block(s->fold, b);
    for (int i = 0; i < 3; i++)
        mf_lines_block(s->lines[i], b);
    if (!(b->flags & MF_BLOCK_MALFORMED))
        mf_emit_fmt_block(s->null, b);
    return 0;
}

static void on_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    sink *s = user;
    mf_validate_foreign(s->v, source, line, text, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    sink s = { 0 };
    s.null = null;
    s.v = mf_validator_new(on_diag, &s);
    mf_validator_set(s.v, "foreign-text", MF_LEVEL_WARNING);
    s.fold = mf_fold_new();
    for (int i = 0; i < 3; i++) {
        s.lines[i] = mf_lines_begin(null, i == 0 ? MF_FMT_CSV : i == 1 ? MF_FMT_JSON : MF_FMT_TEXT, i);
        s.dp[i] = mf_diag_printer_new(null, i, 0);
    }
    mf_parser *p = mf_parser_new(on_block, on_diag, &s);
    mf_parser_on_text(p, on_text);
    mf_parse_buffer(p, (const char *)data, size, "fuzz.log", NULL, NULL);
    mf_parser_free(p);
    for (int f = 0; f <= MF_FMT_SQL; f++) {   /* every format, sorted by each key, cut */
        mf_summary_opts so = { f, (uint64_t)f };
        mf_emit_summary_opts(null, f, s.fold, &so, NULL, 0, 0);
    }
    for (int i = 0; i < 3; i++) {
        mf_lines_end(s.lines[i]);
        mf_diag_printer_finish(s.dp[i], NULL, NULL);
    }
    mf_fold_free(s.fold);
    mf_validator_free(s.v);
    return 0;
}
