/* fuzz_merge.c -- libFuzzer harness over the summary-JSON readers (what
 * `memfold merge` and a JSON side of `memfold diff` read): the input is
 * split into documents at each FUZZ_SPLIT line; each goes through
 * mf_fold_load_json into one fold, and through mf_profile_load_json.  The
 * fold comes back out through mf_emit_summary in every format, and what
 * merge writes as JSON must read back (merge writing a summary it cannot
 * read is a bug): abort() if it does not.  Anything that crashes, leaks,
 * reads out of bounds or hangs is a bug too. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"

#define FUZZ_SPLIT "\n--memfold-fuzz-split--\n"

static FILE *null_file(void)
{
    static FILE *null;
    if (!null && !(null = fopen("/dev/null", "w")))
        abort();
    return null;
}

static void load(mf_fold *fold, mf_json_inputs *inputs, mf_profile *prof, const char *doc,
                 size_t len)
{
    mf_fold_load_json(fold, doc, len, inputs, NULL);
    mf_profile_load_json(prof, doc, len, NULL);
}

/* The merged summary as JSON must load again, and the same way. */
static void read_back(const mf_fold *fold, const mf_json_inputs *inputs)
{
    char *text = NULL;
    mf_error err;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem)
        abort();
    mf_emit_summary(mem, MF_FMT_JSON, fold, MF_SORT_FIRST, inputs->v, inputs->n, inputs->errors);
    fclose(mem);
    mf_fold *again = mf_fold_new();
    if (mf_fold_load_json(again, text, len, NULL, &err) != 0) {
        fprintf(stderr, "merge wrote a summary it cannot read back: %s\n%s\n", err.message, text);
        abort();
    }
    if (mf_fold_count(again) != mf_fold_count(fold)) {
        fprintf(stderr, "merge read back %zu functions of %zu\n", mf_fold_count(again),
                mf_fold_count(fold));
        abort();
    }
    mf_fold_free(again);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data, *end = text + size;
    mf_fold *fold = mf_fold_new();
    mf_json_inputs inputs = { NULL, 0, 0, 0 };
    mf_profile *prof = mf_profile_new();
    mf_profile_is_summary_json(text, size);
    for (const char *doc = text; doc <= end;) {
        const char *cut = memmem(doc, (size_t)(end - doc), FUZZ_SPLIT, sizeof FUZZ_SPLIT - 1);
        size_t len = cut ? (size_t)(cut - doc) : (size_t)(end - doc);
        load(fold, &inputs, prof, doc, len);
        if (!cut)
            break;
        doc = cut + sizeof FUZZ_SPLIT - 1;
    }
    for (int fmt = MF_FMT_TEXT; fmt <= MF_FMT_NDJSON; fmt++)
        mf_emit_summary(null_file(), fmt, fold, fmt, inputs.v, inputs.n, inputs.errors);
    read_back(fold, &inputs);
    mf_json_inputs_free(&inputs);
    mf_fold_free(fold);
    mf_profile_free(prof);
    return 0;
}
