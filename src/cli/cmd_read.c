/* cmd_read.c -- summary, lines, check and fmt: every input read as one
 * stream of blocks (or of .dat records) through the library's passes. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "memfold.h"
#include "memfold_dat.h"
#include "cli/output.h"
#include "cli/progress.h"

/* ---- the run ------------------------------------------------------------------ */

enum { KIND_UNKNOWN, KIND_REPORT, KIND_DAT };

typedef struct run {
    const options *o;
    int kind;                 /* of the inputs: all reports or all .dat */
    FILE *out;
    mf_validator *v;          /* reports */
    mf_diag_printer *dp;
    mf_fold *fold;
    mf_lines_writer *lw;
    FILE *fmt_out;
    mf_dat_validator *dv;     /* mprof .dat files */
    mf_dat_fold *dat_fold;
    mf_dat_lines_writer *dat_lw;
    progress prog;
    uint64_t errors;
    uint64_t blocks, dropped;  /* fmt: blocks seen, and left out */
} run;

static void on_diag(const mf_diag *d, void *user)
{
    run *r = user;
    if (d->severity == MF_ERROR)
        r->errors++;
    progress_clear(&r->prog);
    if (r->dp)
        mf_diag_print(d, r->dp);
}

static void on_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    run *r = user;
    mf_validate_foreign(r->v, source, line, text, len);
}

/* A block with errors is left out; `lines` still writes the rows of a
   block whose only fault is that it was cut off (they are complete). */
static int on_block(const mf_block *b, void *user)
{
    run *r = user;
    progress_tick(&r->prog);
    if (r->fmt_out) {   /* fmt puts layout right and does not judge data */
        r->blocks++;
        if (!(b->flags & MF_BLOCK_MALFORMED))
            mf_emit_fmt_block(r->fmt_out, b);
        else
            r->dropped++;
        return 0;
    }
    size_t errors = mf_validate_block(r->v, b);
    int cut_only = errors == 1 && !(b->flags & (MF_BLOCK_TERMINATED | MF_BLOCK_MALFORMED));
    if (r->fold && errors == 0)
        mf_fold_block(r->fold, b);
    if (r->lw && (errors == 0 || cut_only))
        mf_lines_block(r->lw, b);
    /* nobody reads what we write any more (a closed pipe): stop reading */
    return r->out && ferror(r->out);
}

static int configure_checks(run *r)
{
    const options *o = r->o;
    if (o->lenient)
        mf_validator_lenient(r->v);
    for (size_t i = 0; i < o->nw; i++)
        if (mf_validator_set(r->v, o->w[i].name, o->w[i].level) != 0 &&
            mf_dat_validator_set(r->dv, o->w[i].name, o->w[i].level) != 0) {
            fprintf(stderr, "memfold: no check called '%s' that can be changed "
                    "(see 'memfold check --list-checks')\n", o->w[i].name);
            return -1;
        }
    if (o->pure)
        mf_validator_set(r->v, "foreign-text", o->strict ? MF_LEVEL_ERROR : MF_LEVEL_WARNING);
    if (o->strict) {
        mf_validator_strict(r->v);
        mf_dat_validator_strict(r->dv);
    }
    return 0;
}

/* ---- mprof .dat inputs ------------------------------------------------------ */

static int on_dat_record(const mf_dat_record *rec, void *user)
{
    run *r = user;
    progress_tick(&r->prog);
    size_t errors = mf_dat_validate_record(r->dv, rec);
    if (r->dat_fold && errors == 0)
        mf_dat_fold_record(r->dat_fold, rec);
    if (r->dat_lw && errors == 0)
        mf_dat_lines_record(r->dat_lw, rec->source, rec);
    return 0;
}

/* The first input decides what the run reads; the writers start then. */
static int start_kind(run *r, int kind, const char *path)
{
    const options *o = r->o;
    if (r->kind != KIND_UNKNOWN) {
        if (kind == r->kind)
            return 0;
        fprintf(stderr, "memfold: '%s' is %s, the inputs before it %s: one kind per run\n", path,
                kind == KIND_DAT ? "an mprof .dat file" : "a report",
                kind == KIND_DAT ? "reports" : "mprof .dat files");
        return -1;
    }
    r->kind = kind;
    if (kind == KIND_DAT) {
        if (o->command == CMD_FMT) {
            fprintf(stderr, "memfold: fmt reads reports; '%s' is an mprof .dat file\n", path);
            return -1;
        }
        if (o->command == CMD_SUMMARY)
            r->dat_fold = mf_dat_fold_new();
        else if (o->command == CMD_LINES)
            r->dat_lw = mf_dat_lines_begin(r->out, o->format);
    } else if (o->command == CMD_SUMMARY) {
        r->fold = mf_fold_new();
    } else if (o->command == CMD_LINES) {
        r->lw = mf_lines_begin(r->out, o->format, o->all_rows);
    } else if (o->command == CMD_FMT) {
        r->fmt_out = r->out;
    }
    return 0;
}

/* Every input must be readable before anything is written. */
static int check_inputs(const options *o)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        const char *path = o->inputs[i];
        struct stat st;
        if (strcmp(path, "-") == 0)
            continue;
        if (stat(path, &st) != 0 || (!S_ISDIR(st.st_mode) && access(path, R_OK) != 0)) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(EISDIR));
            return -1;
        }
    }
    return 0;
}

int report_data_error(const char *path, mf_input *in, uint64_t lines, mf_diag_fn on_diag,
                      void *user)
{
    const char *what = mf_input_data_error(in);
    char msg[160];
    if (!what)
        return 0;
    if (lines)
        snprintf(msg, sizeof msg, "%s after %llu lines of text", what, (unsigned long long)lines);
    else
        snprintf(msg, sizeof msg, "%s", what);
    mf_diag d = { MF_ERROR, "truncated", msg, path, 0, 0, 0, NULL, 0, NULL, 0 };
    if (on_diag)
        on_diag(&d, user);
    return 1;
}

static int parse_one(run *r, mf_parser *p, const char *path, mf_input_record *rec)
{
    mf_input *in = mf_input_open(path, NULL);
    const char *head;
    rec->path = path;
    if (!in) {
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = mf_input_peek(in, &head, 4096);
    int kind = mf_dat_detect(head, n) ? KIND_DAT : KIND_REPORT;
    progress_input(&r->prog, in);
    if (start_kind(r, kind, path) != 0) {
        mf_input_close(in);
        return -1;
    }
    int rc = kind == KIND_DAT
           ? mf_dat_parse(in, path, on_dat_record, on_diag, r, &rec->stats, NULL)
           : mf_parse_input(p, in, path, &rec->stats, NULL);
    if (rc != 0)
        fprintf(stderr, "memfold: error reading '%s': %s\n", path, mf_input_strerror(in));
    else
        report_data_error(path, in, rec->stats.lines, on_diag, r);
    if (rc == 0 && kind == KIND_REPORT)
        mf_validate_input(r->v, path, &rec->stats);
    progress_input(&r->prog, NULL);
    mf_input_close(in);
    return rc;
}

static int parse_all(run *r, mf_input_record *recs)
{
    const options *o = r->o;
    mf_parser *p = mf_parser_new(on_block, on_diag, r);
    mf_error error;
    int rc = 0;
    mf_parser_on_text(p, on_text);
    if (o->prefix && mf_parser_set_prefix(p, o->prefix, &error) != 0) {
        fprintf(stderr, "memfold: --prefix '%s': %s\n", o->prefix, error.message);
        mf_parser_free(p);
        return -1;
    }
    for (size_t i = 0; i < o->ninputs && rc == 0; i++)
        rc = parse_one(r, p, o->inputs[i], &recs[i]);
    mf_parser_free(p);
    return rc;
}

/* Close the writers and print the summary: the end of a run. */
static void finish_outputs(run *r, const mf_input_record *recs, int *status)
{
    const options *o = r->o;
    if (r->lw && mf_lines_end(r->lw) != 0)
        *status = EXIT_USAGE;
    if (r->dat_lw && mf_dat_lines_end(r->dat_lw) != 0)
        *status = EXIT_USAGE;
    if (r->fold && *status == EXIT_OK &&
        mf_emit_summary(r->out, o->format, r->fold, o->sort, recs, o->ninputs, r->errors) != 0)
        *status = EXIT_USAGE;
    if (r->dat_fold && *status == EXIT_OK && mf_dat_emit_summary(r->out, o->format, r->dat_fold) != 0)
        *status = EXIT_USAGE;
    mf_fold_free(r->fold);
    mf_dat_fold_free(r->dat_fold);
}

/* fmt -i: a file is rewritten only when every block of it was read;
   else it keeps its bytes (and a file with no block is left alone). */
static int keep_in_place(const run *r, int *status)
{
    const char *path = r->o->inputs[0];
    if (!r->o->in_place)
        return 0;
    if (r->dropped || *status != EXIT_OK) {
        if (*status == EXIT_OK)
            *status = EXIT_INPUT;
        if (r->dropped)
            fprintf(stderr, "memfold: '%s' left as it was: %llu block%s could not be read\n", path,
                    (unsigned long long)r->dropped, r->dropped == 1 ? "" : "s");
        else
            fprintf(stderr, "memfold: '%s' left as it was: it could not be read whole\n", path);
        return 1;
    }
    return r->blocks == 0;
}

int cmd_read(const options *o)
{
    run r;
    out_file out, diag_out;
    int status = EXIT_OK;
    memset(&r, 0, sizeof r);
    r.o = o;
    if (check_inputs(o) != 0)
        return EXIT_USAGE;
    FILE *dest = stderr;
    if (o->command == CMD_CHECK && o->output) {
        if (out_open(&diag_out, o->output, 0) != 0)
            return EXIT_USAGE;
        dest = diag_out.fp;
    } else if (o->command != CMD_CHECK && out_open(&out, o->output, o->strict) != 0) {
        return EXIT_USAGE;
    }
    if (!o->quiet) {
        r.dp = mf_diag_printer_new(dest, o->diag_format, o->color && dest == stderr);
        mf_diag_printer_max_errors(r.dp, o->max_errors);
    }
    r.v = mf_validator_new(on_diag, &r);
    r.dv = mf_dat_validator_new(on_diag, &r);
    if (configure_checks(&r) != 0) {
        status = EXIT_USAGE;
        goto done;
    }
    mf_input_record *recs = calloc(o->ninputs ? o->ninputs : 1, sizeof *recs);
    r.out = o->command == CMD_CHECK ? NULL : out.fp;
    progress_start(&r.prog, !o->quiet && isatty(STDERR_FILENO), o->inputs, o->ninputs);
    if (parse_all(&r, recs) != 0)
        status = EXIT_USAGE;
    progress_clear(&r.prog);
    if (r.kind == KIND_UNKNOWN)   /* no input was read: a report run, empty */
        start_kind(&r, KIND_REPORT, "-");
    finish_outputs(&r, recs, &status);
    free(recs);
    if (status == EXIT_OK && r.errors)
        status = EXIT_INPUT;
done:
    if (r.dp)
        mf_diag_printer_finish(r.dp, NULL, NULL);
    mf_validator_free(r.v);
    mf_dat_validator_free(r.dv);
    if (o->command == CMD_CHECK) {
        if (o->output && out_commit(&diag_out) != 0)
            status = EXIT_USAGE;
    } else if (status == EXIT_USAGE || (o->strict && status != EXIT_OK) ||
               keep_in_place(&r, &status)) {
        out_abort(&out);
    } else if (out_commit(&out) != 0) {
        status = EXIT_USAGE;
    }
    return status;
}

