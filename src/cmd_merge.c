/* cmd_merge.c -- memfold merge A.json B.json ...: the summaries of parts
 * of a log (sharded over CI jobs or machines) added up into the summary of
 * the whole.  Counts and sums add exactly; means are recomputed from the
 * sums, not averaged. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "output.h"

/* Compressed data cut short or corrupt: an error in the input, reported
   as the other commands report it. */
static void data_error(const options *o, const char *path, const char *what)
{
    if (o->quiet)
        return;
    mf_diag_printer *dp = mf_diag_printer_new(stderr, o->diag_format, o->color);
    mf_diag d = { MF_ERROR, "truncated", what, path, 0, 0, 0, NULL, 0, NULL, 0 };
    mf_diag_print(&d, dp);
    mf_diag_printer_finish(dp, NULL, NULL);
}

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
            /* the message may quote the file: shown escaped */
            fprintf(stderr, "memfold: %s: ", o->inputs[i]);
            mf_text_escaped(stderr, err, strlen(err));
            putc('\n', stderr);
            status = mf_input_data_error(in) ? EXIT_INPUT : EXIT_USAGE;
        }
        if (text && mf_input_data_error(in)) {
            data_error(o, o->inputs[i], mf_input_data_error(in));
            inputs.errors++;   /* the merged summary counts it, as summary does */
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
