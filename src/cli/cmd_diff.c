/* cli/cmd_diff.c -- memfold diff OLD NEW: compare two profiles function by
 * function and gate on growth.  Each side may be a report (any variant
 * memfold reads) or a `memfold summary -f json` file written earlier. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "memfold_dat.h"
#include "cli/output.h"
#include "compare/diff.h"

/* One side being read: a profile from reports, an mprof .dat file or a
   summary JSON. */
typedef struct side {
    mf_profile *prof;
    mf_fold *fold;            /* a report */
    mf_dat_fold *df;          /* an mprof .dat file */
    mf_reader *reader;
    size_t max;               /* the limit on a summary file's text */
    int json_status;          /* a summary file: 0, EXIT_INPUT or -1 */
} side;

/* A summary file's limit is looked up only when there is one to read. */
static int side_input(int kind, const char *path, void *user)
{
    side *s = user;
    (void)path;
    if (kind != MF_KIND_SUMMARY)
        return 0;
    if ((s->max = summary_max()) == 0)
        return 1;
    mf_reader_summary_max(s->reader, s->max);
    return 0;
}

static int side_block(const mf_block *b, int verdict, void *user)
{
    side *s = user;
    if (verdict == MF_KEPT)
        mf_fold_block(s->fold, b);
    return 0;
}

static int side_memit(const mf_memit *m, void *user)
{
    side *s = user;
    mf_fold_memit(s->fold, m);
    return 0;
}

static int side_record(const mf_dat_record *r, void *user)
{
    side *s = user;
    mf_dat_fold_record(s->df, r);
    return 0;
}

/* A summary file: json_status 0, EXIT_INPUT (it is one, but wrong) or -1. */
static void side_summary(const char *text, size_t len, const char *path, void *user)
{
    side *s = user;
    mf_error err;
    int status = json_load_status(mf_profile_load_json(s->prof, text, len, &err));
    if (status != EXIT_OK) {
        /* the message may quote the file: shown escaped */
        fprintf(stderr, "memfold: %s: ", path);
        mf_text_escaped(stderr, err.message, strlen(err.message));
        putc('\n', stderr);
    }
    s->json_status = status == EXIT_OK ? 0 : status == EXIT_INPUT ? EXIT_INPUT : -1;
}

/* One side into prof, read as every command reads its inputs: 0, 1 if it
   has errors that leave nothing to compare (a summary file that is wrong,
   or cut short), -1 if it cannot be read at all. */
static int load_side(const options *o, const char *path, mf_profile *prof,
                     mf_diag_printer *dp, uint64_t *errors)
{
    side s = { prof, mf_fold_new(), mf_dat_fold_new(), NULL, MF_JSON_MAX_BYTES, 0 };
    mf_reader_handlers h = { .on_input = side_input, .on_block = side_block,
                             .on_dat_record = side_record, .on_summary = side_summary,
                             .on_memit = side_memit,
                             .on_diag = dp ? mf_diag_print : NULL, .diag_user = dp };
    mf_reader *reader = s.reader = cli_reader(o, &h, &s);
    mf_input *in = NULL;
    int kind = 0, rc = -1;
    if (!reader)
        goto done;
    mf_reader_accept(reader, MF_KIND_REPORT | MF_KIND_DAT | MF_KIND_SUMMARY, 0);
    in = mf_input_open(path, NULL);
    if (!in) {
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
        goto done;
    }
    mf_error err;
    rc = mf_reader_read(reader, in, path, NULL, &kind, &err);
    if (rc == MF_ERR_IO && kind == MF_KIND_SUMMARY)
        summary_read_error(in, path, s.max);
    else if (rc != MF_OK)
        fprintf(stderr, "memfold: %s\n", err.message);
    if (kind == MF_KIND_REPORT)
        mf_profile_add_fold(prof, s.fold);
    else if (kind == MF_KIND_DAT)
        mf_profile_add_dat(prof, s.df);
    rc = rc != MF_OK ? -1 : s.json_status;
    /* data cut short or corrupt: an error in the input, not a usage error */
    if (rc && mf_input_data_error(in) && !mf_input_error(in))
        rc = 1;
    *errors += mf_reader_errors(reader);
done:
    mf_input_close(in);
    mf_reader_free(reader);
    mf_fold_free(s.fold);
    mf_dat_fold_free(s.df);
    return rc;
}

int cmd_diff(const options *o)
{
    out_file out;
    uint64_t errors = 0;
    int status = EXIT_OK;
    if (o->ninputs != 2) {
        fprintf(stderr, "memfold: diff takes two inputs, OLD and NEW\nTry 'memfold diff --help'.\n");
        return EXIT_USAGE;
    }
    mf_profile *sides[2] = { mf_profile_new(), mf_profile_new() };
    mf_diag_printer *dp = cli_printer(o, stderr);
    for (int i = 0; i < 2 && status == EXIT_OK; i++) {
        int rc = load_side(o, o->inputs[i], sides[i], dp, &errors);
        if (rc)
            status = rc < 0 ? EXIT_USAGE : EXIT_INPUT;
    }
    if (dp)
        mf_diag_printer_finish(dp, NULL, NULL);
    if (status == EXIT_OK && o->strict && errors)
        status = EXIT_INPUT;   /* --strict: nothing written over errors */
    else if (status == EXIT_OK && out_open(&out, o->output, 0) == 0) {
        int color = o->color_out && !o->output;
        size_t failing = mf_diff_emit(out.fp, o->format, sides[0], sides[1], &o->diff, errors, color);
        if (out_commit(&out) != 0)
            status = EXIT_USAGE;
        else if (failing || errors)
            status = EXIT_INPUT;
    } else if (status == EXIT_OK) {
        status = EXIT_USAGE;
    }
    mf_profile_free(sides[0]);
    mf_profile_free(sides[1]);
    return status;
}
