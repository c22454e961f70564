/* cmd_merge.c -- memfold merge A.json B.json ...: the summaries of parts
 * of a log (sharded over CI jobs or machines) added up into the summary of
 * the whole.  Counts and sums add exactly; means are recomputed from the
 * sums, not averaged. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "output.h"

/* The whole of an input (summary files are small). */
static char *slurp(const char *path, size_t *len)
{
    mf_input *in = mf_input_open(path);
    size_t cap = 1 << 16, n = 0, k;
    char *buf = in ? malloc(cap) : NULL;
    while (buf && (k = mf_input_read(in, buf + n, cap - n)) > 0)
        if ((n += k) == cap) {
            char *more = realloc(buf, cap *= 2);
            if (!more) {
                free(buf);
                buf = NULL;
                errno = ENOMEM;
            }
            buf = more;
        }
    if (in && mf_input_error(in)) {
        errno = mf_input_error(in);
        free(buf);
        buf = NULL;
    }
    mf_input_close(in);
    *len = n;
    return buf;
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
        char *text = slurp(o->inputs[i], &len);
        if (!text) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", o->inputs[i], strerror(errno));
            status = EXIT_USAGE;
        } else if (mf_fold_load_json(fold, text, len, &inputs, err, sizeof err) != 0) {
            fprintf(stderr, "memfold: %s: %s\n", o->inputs[i], err);
            status = EXIT_USAGE;
        }
        free(text);
    }
    if (status == EXIT_OK && out_open(&out, o->output, 0) == 0) {
        if (mf_emit_summary(out.fp, o->format, fold, o->sort, inputs.v, inputs.n, inputs.errors) != 0 ||
            out_commit(&out) != 0)
            status = EXIT_USAGE;
        else if (inputs.errors)
            status = EXIT_INPUT;
    } else if (status == EXIT_OK) {
        status = EXIT_USAGE;
    }
    for (size_t i = 0; i < inputs.n; i++)
        free((char *)inputs.v[i].path);
    free(inputs.v);
    mf_fold_free(fold);
    return status;
}
