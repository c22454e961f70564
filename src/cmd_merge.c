/* cmd_merge.c -- memfold merge A.json B.json ...: the summaries of parts
 * of a log (sharded over CI jobs or machines) added up into the summary of
 * the whole.  Counts and sums add exactly; means are recomputed from the
 * sums, not averaged. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "output.h"

int cmd_merge(const options *o)
{
    mf_fold *fold = mf_fold_new();
    mf_json_inputs inputs = { NULL, 0, 0 };
    int status = EXIT_OK;
    char err[256];
    out_file out;
    for (size_t i = 0; i < o->ninputs && status == EXIT_OK; i++) {
        size_t len;
        mf_input *in = mf_input_open(o->inputs[i]);
        char *text = in ? mf_input_slurp(in, &len) : NULL;
        if (!text) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", o->inputs[i],
                    in ? mf_input_strerror(in) : strerror(errno));
            status = EXIT_USAGE;
        } else if (mf_fold_load_json(fold, text, len, &inputs, err, sizeof err) != 0) {
            fprintf(stderr, "memfold: %s: %s\n", o->inputs[i], err);
            status = EXIT_USAGE;
        }
        free(text);
        mf_input_close(in);
    }
    if (status == EXIT_OK && out_open(&out, o->output, 0) == 0) {
        if (mf_emit_summary(out.fp, o->format, fold, o->sort, inputs.v, inputs.n, inputs.errors) != 0) {
            out_abort(&out);   /* says why when a write failed */
            status = EXIT_USAGE;
        } else if (out_commit(&out) != 0) {
            status = EXIT_USAGE;
        } else if (inputs.errors) {
            status = EXIT_INPUT;
        }
    } else if (status == EXIT_OK) {
        status = EXIT_USAGE;
    }
    for (size_t i = 0; i < inputs.n; i++)
        free((char *)inputs.v[i].path);
    free(inputs.v);
    mf_fold_free(fold);
    return status;
}
