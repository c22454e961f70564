/* cmd_diff.c -- memfold diff OLD NEW: compare two profiles function by
 * function and gate on growth.  Each side may be a report (any variant
 * memfold reads) or a `memfold summary -f json` file written earlier. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "memfold_dat.h"
#include "cli/output.h"

typedef struct side {
    mf_validator *v;          /* a report */
    mf_fold *fold;
    mf_dat_validator *dv;     /* an mprof .dat file */
    mf_dat_fold *df;
    mf_diag_printer *dp;
    uint64_t errors;
} side;

static void side_diag(const mf_diag *d, void *user)
{
    side *s = user;
    if (d->severity == MF_ERROR)
        s->errors++;
    if (s->dp)
        mf_diag_print(d, s->dp);
}

static int side_block(const mf_block *b, void *user)
{
    side *s = user;
    if (mf_validate_block(s->v, b) == 0)
        mf_fold_block(s->fold, b);
    return 0;
}

/* A summary file: 0, EXIT_INPUT (it is one, but wrong) or -1. */
static int load_json(mf_input *in, const char *path, mf_profile *prof)
{
    mf_error err;
    size_t len;
    int status;
    char *text = read_summary_text(in, path, &len, &status);
    if (text) {
        status = json_load_status(mf_profile_load_json(prof, text, len, &err));
        if (status != EXIT_OK) {
            /* the message may quote the file: shown escaped */
            fprintf(stderr, "memfold: %s: ", path);
            mf_text_escaped(stderr, err.message, strlen(err.message));
            putc('\n', stderr);
        }
    }
    mf_free(text);
    return status == EXIT_OK ? 0 : status == EXIT_INPUT ? EXIT_INPUT : -1;
}

static int load_reports(const options *o, mf_input *in, const char *path, mf_profile *prof,
                        mf_diag_printer *dp, uint64_t *errors, mf_input_stats *st)
{
    side s = { NULL, mf_fold_new(), NULL, NULL, dp, 0 };
    s.v = mf_validator_new(side_diag, &s);
    if (o->lenient)
        mf_validator_lenient(s.v);
    mf_parser *p = mf_parser_new(side_block, side_diag, &s);
    int rc = mf_parse_input(p, in, path, st, NULL);
    if (rc != 0)
        fprintf(stderr, "memfold: error reading '%s': %s\n", path, mf_input_strerror(in));
    mf_profile_add_fold(prof, s.fold);
    mf_parser_free(p);
    mf_fold_free(s.fold);
    mf_validator_free(s.v);
    *errors += s.errors;
    return rc;
}

static int dat_record(const mf_dat_record *r, void *user)
{
    side *s = user;
    if (mf_dat_validate_record(s->dv, r) == 0)
        mf_dat_fold_record(s->df, r);
    return 0;
}

/* An mprof .dat file: its FUNC lines give the functions. */
static int load_dat(mf_input *in, const char *path, mf_profile *prof, mf_diag_printer *dp,
                    uint64_t *errors, mf_input_stats *st)
{
    side s = { NULL, NULL, NULL, mf_dat_fold_new(), dp, 0 };
    s.dv = mf_dat_validator_new(side_diag, &s);
    int rc = mf_dat_parse(in, path, dat_record, side_diag, &s, st, NULL);
    if (rc != 0)
        fprintf(stderr, "memfold: error reading '%s': %s\n", path, mf_input_strerror(in));
    mf_profile_add_dat(prof, s.df);
    mf_dat_fold_free(s.df);
    mf_dat_validator_free(s.dv);
    *errors += s.errors;
    return rc;
}

/* One side into prof: 0, 1 if its data is cut short or corrupt so that
   nothing could be read (an input error), -1 if it cannot be read at all. */
static int load_side(const options *o, const char *path, mf_profile *prof,
                     mf_diag_printer *dp, uint64_t *errors)
{
    mf_input *in = mf_input_open(path, NULL);
    mf_input_stats st = { 0 };
    const char *head;
    if (!in) {
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = mf_input_peek(in, &head, 4096);
    int rc = mf_profile_is_summary_json(head, n) ? load_json(in, path, prof)
           : mf_dat_detect(head, n)               ? load_dat(in, path, prof, dp, errors, &st)
                                                  : load_reports(o, in, path, prof, dp, errors, &st);
    /* (a summary JSON is not read line by line: no count of lines) */
    if (!mf_input_error(in) && report_data_error(path, in, st.lines, dp ? mf_diag_print : NULL, dp)) {
        ++*errors;
        rc = rc ? 1 : 0;
    }
    mf_input_close(in);
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
    mf_diag_printer *dp = o->quiet ? NULL : mf_diag_printer_new(stderr, o->diag_format, o->color);
    for (int i = 0; i < 2 && status == EXIT_OK; i++) {
        int rc = load_side(o, o->inputs[i], sides[i], dp, &errors);
        if (rc)
            status = rc < 0 ? EXIT_USAGE : EXIT_INPUT;
    }
    if (dp)
        mf_diag_printer_finish(dp, NULL, NULL);
    if (status == EXIT_OK && out_open(&out, o->output, 0) == 0) {
        int color = o->color_out && !o->output;
        mf_diff_opts gate = o->diff;
        gate.input_errors = errors;   /* no verdict "passed" over inputs with errors */
        size_t failing = mf_diff_emit(out.fp, o->format, sides[0], sides[1], &gate, color);
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
