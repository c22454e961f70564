/* fuzz_diff.c -- libFuzzer harness over `memfold diff` as the CLI runs it
 * (cmd_diff.c, profile.c, diff.c, the summary-JSON reader): the input is
 * split in two at the first FUZZ_SPLIT line, OLD before it and NEW after
 * it (no split: the input against itself), each side a report, an mprof
 * .dat file or a summary JSON, gzip-compressed or not; both go through
 * diff in each output format, with the gate's options varied.  Anything
 * that crashes, leaks, reads out of bounds or hangs is a bug, and so is
 * output that is unsafe on a terminal or JSON that does not parse. */
#include <stdint.h>
#include "fuzz_cli.h"
#include "memfold.h"

#define FUZZ_SPLIT "\n--memfold-fuzz-split--\n"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    const char *text = (const char *)data;
    const char *cut = memmem(text, size, FUZZ_SPLIT, sizeof FUZZ_SPLIT - 1);
    size_t old_len = cut ? (size_t)(cut - text) : size;
    const char *now = cut ? cut + sizeof FUZZ_SPLIT - 1 : text;
    char *inputs[2] = { (char *)fuzz_file(0, text, old_len),
                        (char *)fuzz_file(1, now, size - (size_t)(now - text)) };
    static const char *const strip[] = { "/home/", "/work/", "C:\\" };
    static const int formats[] = { MF_FMT_TEXT, MF_FMT_CSV, MF_FMT_JSON, MF_FMT_NDJSON,
                                   MF_FMT_MARKDOWN, MF_FMT_JUNIT };
    for (int k = 0; k < 6; k++) {
        int fmt = formats[k];
        /* the positional form, and each side given twice (two runs) */
        char *twice[2][2] = { { inputs[0], inputs[0] }, { inputs[1], inputs[1] } };
        options o = fuzz_options(CMD_DIFF, k % 2 ? NULL : inputs, k % 2 ? 0 : 2);
        if (k % 2) {
            o.diff_old = twice[0];
            o.ndiff_old = 2;
            o.diff_new = twice[1];
            o.ndiff_new = 1 + (k == 3);
        }
        o.quiet = fmt != MF_FMT_TEXT;
        o.format = fmt;
        /* coloured text is not checked: its escapes are memfold's own */
        o.color_out = fmt == MF_FMT_TEXT && size % 2;
        o.output = fuzz_output();
        o.annotate = k == 4;
        o.diff.metrics = (1u << (k % MF_NMETRICS)) | (k >= 4 ? 1u << MF_METRIC_RISE : 0);
        o.diff.match_name = k & 1;
        o.diff.strip_prefix[0] = strip[k % 3];
        for (int m = 0; m < MF_NMETRICS; m++) {
            o.diff.limits[m].has_rel = fmt != MF_FMT_CSV;
            o.diff.limits[m].max_rel_ppm = 10 * 1000000;
            o.diff.limits[m].has_abs = k >= 2;
            o.diff.limits[m].max_abs = 2 * MF_SCALE;
            o.diff.limits[m].has_max = k == 5;
            o.diff.limits[m].max = 50 * MF_SCALE;
        }
        o.diff.fail_on_new = fmt == MF_FMT_JSON;
        o.diff.fail_on_removed = fmt == MF_FMT_NDJSON;
        o.diff.allow_empty = k == 5;
        cmd_diff(&o);
        if (fmt == MF_FMT_TEXT && !o.color_out)
            fuzz_check_output(FUZZ_OUT_TEXT);
        else if (fmt == MF_FMT_JSON || fmt == MF_FMT_NDJSON)
            /* (diff writes one JSON document for ndjson too) */
            fuzz_check_output(FUZZ_OUT_JSON);
        else if (fmt == MF_FMT_JUNIT)
            fuzz_check_output(FUZZ_OUT_SVG);   /* XML: the same characters are allowed */
    }
    return 0;
}
