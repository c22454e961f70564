/* fuzz_dat.c -- libFuzzer harness over the mprof .dat path: parse,
 * validate, fold, summary in every format, lines. */
#include <stdint.h>
#include <stdio.h>
#include "memfold.h"
#include "memfold_dat.h"

typedef struct sink {
    mf_dat_validator *v;
    mf_dat_fold *fold;
    mf_dat_lines_writer *lines;
    mf_diag_printer *dp;
} sink;

static void on_diag(const mf_diag *d, void *user)
{
    mf_diag_print(d, ((sink *)user)->dp);
}

static int on_record(const mf_dat_record *r, void *user)
{
    sink *s = user;
    if (mf_dat_validate_record(s->v, r) == 0)
        mf_dat_fold_record(s->fold, r);
    mf_dat_lines_record(s->lines, "fuzz.dat", r);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *null;
    if (!null)
        null = fopen("/dev/null", "w");
    sink s = { mf_dat_validator_new(on_diag, &s), mf_dat_fold_new(),
               mf_dat_lines_begin(null, MF_FMT_CSV), mf_diag_printer_new(null, MF_DIAG_TEXT, 0) };
    mf_input *in = mf_input_memory((const char *)data, size);
    mf_dat_detect((const char *)data, size);
    mf_dat_parse(in, "fuzz.dat", on_record, on_diag, &s, NULL, NULL);
    mf_input_close(in);
    for (int f = 0; f <= MF_FMT_SQL; f++) {   /* every format, sorted by each key, cut */
        mf_summary_opts so = { f, (uint64_t)f };
        mf_dat_emit_summary_opts(null, f, s.fold, &so);
    }
    mf_dat_lines_end(s.lines);
    mf_diag_printer_finish(s.dp, NULL, NULL);
    mf_dat_fold_free(s.fold);
    mf_dat_validator_free(s.v);
    return 0;
}
