/* cli/cmd_diff.c -- memfold diff OLD NEW (or --old A --old B --new C ...):
 * compare two sides function by function and gate on growth.  Each file
 * of a side is one run: a report (any variant memfold reads), an mprof
 * .dat file, or a `memfold summary -f json` file written earlier (which
 * may hold several runs).  Exit status: 0 passed, 1 the gate failed, 2
 * usage or I/O error, 3 the comparison cannot be trusted (an input with
 * errors or no report). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli/cli.h"
#include "memfold_dat.h"
#include "cli/output.h"

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
    /* a crashed run is no run to compare: a traceback is an error here,
       unless a -W option says otherwise */
    options od = *o;
    wsetting *w = malloc((o->nw + 1) * sizeof *w);
    if (w) {
        w[0] = (wsetting){ "traceback", MF_LEVEL_ERROR };
        if (o->nw)
            memcpy(w + 1, o->w, o->nw * sizeof *w);
        od.w = w;
        od.nw = o->nw + 1;
    }
    mf_reader *reader = s.reader = cli_reader(&od, &h, &s);
    free(w);
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

/* Each side's files: --old/--new, or the two positional ones. */
static int side_files(const options *o, char *const *files[2], size_t n[2])
{
    if (o->ndiff_old || o->ndiff_new) {
        if (o->ninputs) {
            fprintf(stderr, "memfold: diff takes OLD NEW, or --old and --new, not both\n"
                            "Try 'memfold diff --help'.\n");
            return -1;
        }
        if (!o->ndiff_old || !o->ndiff_new) {
            fprintf(stderr, "memfold: diff needs at least one --old and one --new\n"
                            "Try 'memfold diff --help'.\n");
            return -1;
        }
        files[0] = o->diff_old;
        n[0] = o->ndiff_old;
        files[1] = o->diff_new;
        n[1] = o->ndiff_new;
        return 0;
    }
    if (o->ninputs != 2) {
        fprintf(stderr, "memfold: diff takes two inputs, OLD and NEW (or --old and --new)\n"
                        "Try 'memfold diff --help'.\n");
        return -1;
    }
    files[0] = o->inputs;
    n[0] = 1;
    files[1] = o->inputs + 1;
    n[1] = 1;
    return 0;
}

/* The budget file of --budget: NULL when there is none; 1 in *bad when it
   is wrong (the message printed). */
static mf_budget *read_budget(const char *path, int *bad)
{
    *bad = 0;
    if (!path)
        return NULL;
    size_t len = 0;
    mf_input *in = mf_input_open(path, NULL);
    char *text = in ? mf_input_slurp_max(in, MF_JSON_MAX_BYTES, &len) : NULL;
    if (!text) {
        fprintf(stderr, "memfold: cannot read budget file '%s': %s\n", path,
                strerror(in ? mf_input_error(in) : errno));
        mf_input_close(in);
        *bad = EXIT_USAGE;
        return NULL;
    }
    mf_input_close(in);
    mf_error err;
    mf_budget *b = mf_budget_load(text, len, &err);
    mf_free(text);
    if (!b) {
        fprintf(stderr, "memfold: %s: %s\n", path, err.message);
        *bad = EXIT_USAGE;
    }
    return b;
}

/* The columns the text table may take: COLUMNS when it is set (a number
   from 40), else a terminal's width when stdout is one (and no -o), else
   100. */
static unsigned table_width(const options *o)
{
    const char *env = getenv("COLUMNS");
    if (env && *env) {
        char *end;
        long v = strtol(env, &end, 10);
        if (!*end && v >= 40 && v <= 100000)
            return (unsigned)v;
    }
    struct winsize ws;
    if (!o->output && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col >= 40)
        return ws.ws_col;
    return 100;
}

/* The exit status of a comparison: 3 when it cannot be trusted, 1 when
   the gate failed, 0 when it passed. */
static int gate_status(unsigned reasons)
{
    return reasons & MF_DIFF_UNTRUSTED ? EXIT_UNTRUSTED : reasons ? EXIT_INPUT : EXIT_OK;
}

/* Read every file of both sides into d: EXIT_OK, or EXIT_USAGE when one
   cannot be read at all. */
static int load_sides(const options *o, mf_diff *d, char *const *files[2], const size_t n[2],
                      mf_diag_printer *dp, uint64_t errors[2])
{
    for (int s = 0; s < 2; s++)
        for (size_t i = 0; i < n[s]; i++) {
            mf_profile *prof = mf_profile_new();
            uint64_t e = 0;
            int rc = load_side(o, files[s][i], prof, dp, &e);
            if (rc < 0) {
                mf_profile_free(prof);
                return EXIT_USAGE;
            }
            /* a summary file that is wrong, or data cut short: an error */
            errors[s] += e + (rc > 0 && e == 0);
            mf_diff_add(d, s, prof);
            mf_profile_free(prof);
        }
    return EXIT_OK;
}

int cmd_diff(const options *o)
{
    char *const *files[2];
    size_t n[2];
    uint64_t errors[2] = { 0, 0 };
    int bad = 0;
    if (side_files(o, files, n) != 0)
        return EXIT_USAGE;
    mf_budget *budget = read_budget(o->budget, &bad);
    if (bad)
        return bad;
    mf_diff_opts opts = o->diff;
    opts.budget = budget;
    opts.failing_only = o->quiet;   /* -q: the failing rows and the verdict */
    opts.width = table_width(o);
    mf_diff *d = mf_diff_new(&opts);
    mf_diag_printer *dp = cli_printer(o, stderr);
    int status = load_sides(o, d, files, n, dp, errors);
    if (dp)
        mf_diag_printer_finish(dp, NULL, NULL);
    out_file out;
    if (status == EXIT_OK && o->strict && (errors[0] || errors[1])) {
        status = EXIT_UNTRUSTED;   /* --strict: nothing written over errors */
    } else if (status == EXIT_OK) {
        mf_diff_input_errors(d, 0, errors[0]);
        mf_diff_input_errors(d, 1, errors[1]);
        mf_diff_compare(d);
        if (out_open(&out, o->output, 0) != 0) {
            status = EXIT_USAGE;
        } else {
            int color = o->color_out && !o->output;
            mf_diff_write(d, out.fp, o->format, color);
            if (out_commit(&out) != 0)
                status = EXIT_USAGE;
            else
                status = gate_status(mf_diff_reasons(d));
            if (o->annotate && status != EXIT_USAGE) {
                mf_diff_write(d, stderr, MF_FMT_GITHUB, 0);
                fflush(stderr);
            }
        }
    }
    mf_diff_free(d);
    mf_budget_free(budget);
    return status;
}
