/* cmd_merge.c -- memfold merge A.json B.json ...: the summaries of parts
 * of a log (sharded over CI jobs or machines) added up into the summary of
 * the whole.  Counts and sums add exactly; means are recomputed from the
 * sums, not averaged. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/output.h"

/* A summary file's compressed data cut short or corrupt: reported (unless
   -q) as the other commands report it.  1 if it was. */
static int data_error(const options *o, const char *path, mf_input *in)
{
    mf_diag_printer *dp = o->quiet ? NULL : mf_diag_printer_new(stderr, o->diag_format, o->color);
    int found = report_data_error(path, in, 0, dp ? mf_diag_print : NULL, dp);
    if (dp)
        mf_diag_printer_finish(dp, NULL, NULL);
    return found;
}

/* The limit on a summary file's text: MEMFOLD_MAX_JSON_BYTES, else the
   library's default.  0 if the variable is not a number of bytes. */
static size_t max_json_bytes(void)
{
    const char *v = getenv("MEMFOLD_MAX_JSON_BYTES");
    char *end;
    if (!v || !*v)
        return MF_JSON_MAX_BYTES;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || errno || n == 0 || n >= SIZE_MAX || v[0] == '-')
        return 0;
    return (size_t)n;
}

/* A summary file's text, at most the bound; NULL (with a message and
   *status) if it cannot be had. */
char *read_summary_text(mf_input *in, const char *path, size_t *len, int *status)
{
    size_t max = max_json_bytes();
    char *text = max ? mf_input_slurp_max(in, max, len) : NULL;
    *status = EXIT_USAGE;
    if (!max)
        fprintf(stderr, "memfold: MEMFOLD_MAX_JSON_BYTES must be a number of bytes, not '%s'\n",
                getenv("MEMFOLD_MAX_JSON_BYTES"));
    else if (!text && mf_input_error(in) == EFBIG)
        fprintf(stderr, "memfold: %s: a summary file may hold at most %zu bytes of JSON (%zu MiB; "
                "MEMFOLD_MAX_JSON_BYTES changes it): this one holds more\n", path, max, max >> 20);
    else if (!text)
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, mf_input_strerror(in));
    else {
        /* cut short or corrupt compressed data: the caller reports it as an
           error in the input, as every command does */
        *status = EXIT_OK;
        return text;
    }
    mf_free(text);
    return NULL;
}

int json_load_status(int rc)
{
    return rc == MF_JSON_OK ? EXIT_OK : rc == MF_JSON_INVALID ? EXIT_INPUT : EXIT_USAGE;
}

int cmd_merge(const options *o)
{
    mf_fold *fold = mf_fold_new();
    mf_json_inputs inputs = { NULL, 0, 0 };
    int status = EXIT_OK;
    mf_error err;
    out_file out;
    for (size_t i = 0; i < o->ninputs && status == EXIT_OK; i++) {
        size_t len;
        mf_input *in = mf_input_open(o->inputs[i], NULL);
        char *text = in ? read_summary_text(in, o->inputs[i], &len, &status) : NULL;
        if (!in) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", o->inputs[i], strerror(errno));
            status = EXIT_USAGE;
        } else if (text) {
            status = json_load_status(mf_fold_load_json(fold, text, len, &inputs, &err));
            if (status != EXIT_OK) {
                /* the message may quote the file: shown escaped */
                fprintf(stderr, "memfold: %s: ", o->inputs[i]);
                mf_text_escaped(stderr, err.message, strlen(err.message));
                putc('\n', stderr);
                if (mf_input_data_error(in))
                    status = EXIT_INPUT;
            }
        }
        if (text && mf_input_data_error(in) && data_error(o, o->inputs[i], in))
            inputs.errors++;   /* the merged summary counts it, as summary does */
        mf_free(text);
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
    mf_json_inputs_free(&inputs);
    mf_fold_free(fold);
    return status;
}
