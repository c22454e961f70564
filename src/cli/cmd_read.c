/* cli/cmd_read.c -- summary, lines, check and fmt: every input read as one
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

/* ---- the reading options, the same for every command ------------------------ */

mf_reader *cli_reader(const options *o, const mf_reader_handlers *h, void *user)
{
    mf_reader *r = mf_reader_new(h, user);
    if (!r) {
        fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
        return NULL;
    }
    mf_error err;
    /* The readers take every table a person would see: what memory_profiler
       would not print but does not touch the numbers (layout) is a
       warning for them.  `check` is the strict gate: --lenient only
       matters there. */
    int rc = o->lenient || o->command != CMD_CHECK ? mf_reader_lenient(r) : MF_OK;
    for (size_t i = 0; i < o->nw && rc == MF_OK; i++)
        if ((rc = mf_reader_set_check(r, o->w[i].name, o->w[i].level)) == MF_ERR_ARG)
            fprintf(stderr, "memfold: no check called '%s' that can be changed "
                    "(see 'memfold check --list-checks')\n", o->w[i].name);
    if (rc == MF_OK && o->pure)
        rc = mf_reader_pure(r);
    if (rc == MF_OK && o->strict)
        rc = mf_reader_strict(r);
    if (rc == MF_ERR_NOMEM)
        fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
    if (rc == MF_OK && o->prefix && (rc = mf_reader_set_prefix(r, o->prefix, &err)) != MF_OK)
        fprintf(stderr, "memfold: --prefix '%s': %s\n", o->prefix, err.message);
    if (rc != MF_OK) {
        mf_reader_free(r);
        return NULL;
    }
    /* a notebook is JSON read whole, within the limit of summary JSON */
    size_t json_max = getenv("MEMFOLD_MAX_JSON_BYTES") ? summary_max() : MF_JSON_MAX_BYTES;
    if (json_max == 0) {
        mf_reader_free(r);
        return NULL;
    }
    mf_reader_summary_max(r, json_max);
    /* the row acceptor off (=1), or every row read cell by cell (=cells):
       the grammar's own ways, for tests and for a doubt */
    const char *no_fast = getenv("MEMFOLD_NO_FAST");
    if (no_fast && *no_fast && strcmp(no_fast, "0") != 0)
        mf_reader_set_scan(r, strcmp(no_fast, "cells") == 0 ? MF_SCAN_CELLS : MF_SCAN_RULES);
    /* for the tests: a small bound, to test it without a million rows */
    const char *test_max = getenv("MEMFOLD_TEST_MAX_BLOCK_ROWS");
    if (test_max && strtoul(test_max, NULL, 10) > 0)
        mf_reader_set_block_limit(r, strtoul(test_max, NULL, 10));
    /* -j: summary, lines and check read a large file in parallel (the
       output is the same); for the tests, pieces of MEMFOLD_TEST_PIECE_BYTES
       and inputs from MEMFOLD_TEST_MIN_PARALLEL_BYTES on, so that the small
       files of the corpus are split too */
    if (o->command == CMD_SUMMARY || o->command == CMD_LINES || o->command == CMD_CHECK) {
        mf_reader_set_jobs(r, o->jobs);
        const char *piece = getenv("MEMFOLD_TEST_PIECE_BYTES");
        const char *min = getenv("MEMFOLD_TEST_MIN_PARALLEL_BYTES");
        if (piece || min)
            mf_reader_set_split(r, piece ? strtoull(piece, NULL, 10) : 0,
                                min ? strtoull(min, NULL, 10) : 8u << 20);
    }
    return r;
}

mf_diag_printer *cli_printer(const options *o, FILE *dest)
{
    if (o->quiet)
        return NULL;
    mf_diag_printer *dp = mf_diag_printer_new(dest, o->diag_format, o->color && dest == stderr);
    mf_diag_printer_max_errors(dp, o->max_errors);
    return dp;
}

/* ---- the run ------------------------------------------------------------------ */

typedef struct run {
    const options *o;
    FILE *out;
    mf_reader *reader;
    mf_diag_printer *dp;
    mf_fold *fold;            /* reports */
    mf_fold **run_folds;      /* summary --runs: one fold an input */
    size_t run;               /* the input being read */
    mf_lines_writer *lw;
    FILE *fmt_out;
    mf_dat_fold *dat_fold;    /* mprof .dat files */
    mf_dat_lines_writer *dat_lw;
    progress prog;
    uint64_t blocks, dropped;  /* fmt: blocks seen, and left out */
} run;

static void on_diag(const mf_diag *d, void *user)
{
    run *r = user;
    progress_clear(&r->prog);
    if (r->dp)
        mf_diag_print(d, r->dp);
}

/* A block left out is in no output; `lines` still writes the rows of a
   block whose only fault is that it was cut off (they are complete). */
static int on_block(const mf_block *b, int verdict, void *user)
{
    run *r = user;
    progress_tick(&r->prog);
    if (r->fmt_out) {   /* fmt puts layout right and does not judge data */
        r->blocks++;
        if (verdict == MF_KEPT)
            mf_emit_fmt_block(r->fmt_out, b);
        else
            r->dropped++;
        return 0;
    }
    if (r->fold && verdict == MF_KEPT)
        mf_fold_block(r->fold, b);
    if (r->run_folds && verdict == MF_KEPT)
        mf_fold_block(r->run_folds[r->run], b);
    if (r->lw && verdict != MF_LEFT_OUT)
        mf_lines_block(r->lw, b);
    /* nobody reads what we write any more (a closed pipe): stop reading */
    return r->out && ferror(r->out);
}

static int on_memit(const mf_memit *m, void *user)
{
    run *r = user;
    if (r->fold)
        mf_fold_memit(r->fold, m);
    if (r->lw)
        mf_lines_memit(r->lw, m);
    return r->out && ferror(r->out);
}

static int on_dat_record(const mf_dat_record *rec, void *user)
{
    run *r = user;
    progress_tick(&r->prog);
    if (r->dat_fold)
        mf_dat_fold_record(r->dat_fold, rec);
    if (r->dat_lw)
        mf_dat_lines_record(r->dat_lw, rec->source, rec);
    return 0;
}

/* The first input decides what the run reads; the writers start then. */
static int start_kind(int kind, const char *path, void *user)
{
    run *r = user;
    const options *o = r->o;
    (void)path;
    if (mf_reader_kind(r->reader))   /* (0 until the first input is taken) */
        return 0;
    if (kind == MF_KIND_DAT) {
        if (o->command == CMD_SUMMARY)
            r->dat_fold = mf_dat_fold_new();
        else if (o->command == CMD_LINES)
            r->dat_lw = mf_dat_lines_begin_flags(r->out, o->format,
                                                 o->relative ? MF_DAT_LINES_RELATIVE : 0);
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

static int read_one(run *r, const char *path, mf_input_record *rec)
{
    mf_input *in = mf_input_open(path, NULL);
    int kind;
    mf_error err;
    rec->path = path;
    if (!in) {
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    progress_input(&r->prog, in);
    int rc = mf_reader_read(r->reader, in, path, &rec->stats, &kind, &err);
    /* for the tests: how the input was read (that it was split at all) */
    const char *trace = getenv("MEMFOLD_TEST_JOBS_TRACE");
    if (trace && *trace == '1') {
        uint64_t proposed;
        unsigned threads;
        uint64_t replayed = mf_reader_pieces(r->reader, &proposed, &threads);
        fprintf(stderr, "memfold: jobs: '%s': %llu of %llu pieces replayed, %u threads\n", path,
                (unsigned long long)replayed, (unsigned long long)proposed, threads);
    }
    if (rc == MF_ERR_KIND && mf_reader_kind(r->reader))
        fprintf(stderr, "memfold: '%s' is %s, the inputs before it %s: one kind per run\n", path,
                kind == MF_KIND_DAT ? "an mprof .dat file" : "a report",
                kind == MF_KIND_DAT ? "reports" : "mprof .dat files");
    else if (rc == MF_ERR_KIND)
        fprintf(stderr, "memfold: %s reads reports; '%s' is an mprof .dat file\n",
                r->o->runs ? "summary --runs" : "fmt", path);
    else if (rc != MF_OK)
        fprintf(stderr, "memfold: %s\n", err.message);
    progress_input(&r->prog, NULL);
    mf_input_close(in);
    /* for the tests: how the table rows were read (mf_parser_set_scan) */
    if (rc == MF_OK && kind == MF_KIND_REPORT && getenv("MEMFOLD_TEST_SCAN_TRACE"))
        fprintf(stderr, "memfold: scan: %s: %llu rows accepted, %llu read whole\n", path,
                (unsigned long long)rec->stats.accepted_rows,
                (unsigned long long)rec->stats.whole_rows);
    return rc == MF_OK ? 0 : -1;
}

static int read_all(run *r, mf_input_record *recs)
{
    int rc = 0;
    for (size_t i = 0; i < r->o->ninputs && rc == 0; i++) {
        r->run = i;
        rc = read_one(r, r->o->inputs[i], &recs[i]);
    }
    return rc;
}

/* Close the writers and print the summary: the end of a run. */
static void finish_outputs(run *r, const mf_input_record *recs, int *status)
{
    const options *o = r->o;
    mf_summary_opts sopts = { o->sort, o->top > 0 ? (uint64_t)o->top : 0 };
    if (r->lw && mf_lines_end(r->lw) != 0)
        *status = EXIT_USAGE;
    int rc = r->dat_lw ? mf_dat_lines_end(r->dat_lw) : MF_OK;
    if (rc == MF_ERR_NOMEM)
        fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
    if (rc != MF_OK)
        *status = EXIT_USAGE;
    if (r->fold && *status == EXIT_OK && r->run_folds) {
        if (mf_emit_summary_runs(r->out, r->fold, (const mf_fold *const *)r->run_folds, o->ninputs,
                                 o->sort, recs, o->ninputs, mf_reader_errors(r->reader)) != 0)
            *status = EXIT_USAGE;
    } else if (r->fold && *status == EXIT_OK &&
               mf_emit_summary_opts(r->out, o->format, r->fold, &sopts, recs, o->ninputs,
                                    mf_reader_errors(r->reader)) != 0) {
        *status = EXIT_USAGE;
    }
    for (size_t i = 0; r->run_folds && i < o->ninputs; i++)
        mf_fold_free(r->run_folds[i]);
    free(r->run_folds);
    if (r->dat_fold && *status == EXIT_OK && mf_dat_emit_summary_opts(r->out, o->format, r->dat_fold, &sopts) != 0)
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
    r.dp = cli_printer(o, dest);
    mf_reader_handlers h = { .on_input = start_kind, .on_block = on_block,
                             .on_dat_record = on_dat_record, .on_diag = on_diag,
                             .on_memit = on_memit };
    r.reader = cli_reader(o, &h, &r);
    if (!r.reader) {
        status = EXIT_USAGE;
        goto done;
    }
    mf_reader_accept(r.reader, o->command == CMD_FMT || o->runs ? MF_KIND_REPORT
                                                                : MF_KIND_REPORT | MF_KIND_DAT, 1);
    if (o->runs) {   /* each input is one run: a fold of its own, beside the whole's */
        r.run_folds = calloc(o->ninputs, sizeof *r.run_folds);
        for (size_t i = 0; r.run_folds && i < o->ninputs; i++)
            if (!(r.run_folds[i] = mf_fold_new()))
                break;
        if (!r.run_folds || !r.run_folds[o->ninputs - 1]) {
            fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
            for (size_t i = 0; r.run_folds && i < o->ninputs; i++)
                mf_fold_free(r.run_folds[i]);
            free(r.run_folds);
            mf_reader_free(r.reader);
            r.reader = NULL;
            status = EXIT_USAGE;
            goto done;
        }
    }
    if (o->command == CMD_FMT)
        mf_reader_syntax_only(r.reader);
    mf_input_record *recs = calloc(o->ninputs ? o->ninputs : 1, sizeof *recs);
    r.out = o->command == CMD_CHECK ? NULL : out.fp;
    progress_start(&r.prog, !o->quiet && isatty(STDERR_FILENO), o->inputs, o->ninputs);
    if (read_all(&r, recs) != 0)
        status = EXIT_USAGE;
    progress_clear(&r.prog);
    if (!mf_reader_kind(r.reader))   /* no input was read: a report run, empty */
        start_kind(MF_KIND_REPORT, "-", &r);
    finish_outputs(&r, recs, &status);
    free(recs);
    if (status == EXIT_OK && mf_reader_errors(r.reader))
        status = EXIT_INPUT;
done:
    if (r.dp)
        mf_diag_printer_finish(r.dp, NULL, NULL);
    mf_reader_free(r.reader);
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

