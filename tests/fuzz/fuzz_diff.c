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
    for (int fmt = MF_FMT_TEXT; fmt <= MF_FMT_NDJSON; fmt++) {
        options o = fuzz_options(CMD_DIFF, inputs, 2);
        o.quiet = fmt != MF_FMT_TEXT;
        o.format = fmt;
        /* coloured text is not checked: its escapes are memfold's own */
        o.color_out = fmt == MF_FMT_TEXT && size % 2;
        o.output = fuzz_output();
        o.diff.metric = fmt % 3;
        o.diff.match_name = fmt & 1;
        o.diff.strip_prefix[0] = strip[fmt % 3];
        o.diff.has_rel = fmt != MF_FMT_CSV;
        o.diff.max_rel_ppm = 10 * 1000000;
        o.diff.has_abs = fmt >= MF_FMT_JSON;
        o.diff.max_abs = 2 * MF_SCALE;
        o.diff.fail_on_new = fmt == MF_FMT_JSON;
        o.diff.fail_on_removed = fmt == MF_FMT_NDJSON;
        cmd_diff(&o);
        if (fmt != MF_FMT_CSV && !o.color_out)
            /* (diff writes one JSON document for ndjson too) */
            fuzz_check_output(fmt == MF_FMT_TEXT ? FUZZ_OUT_TEXT : FUZZ_OUT_JSON);
    }
    return 0;
}
