/* cli/cmd_merge.c -- memfold merge A.json B.json ... (none, or '-': standard
 * input): the summaries of parts
 * of a log (sharded over CI jobs or machines) added up into the summary of
 * the whole.  Counts and sums add exactly; means are recomputed from the
 * sums, not averaged.  The summaries of mprof .dat files ("kind":
 * "mprof") merge the same way, into the summary of the .dat files read
 * together; one kind per merge. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/output.h"
#include "memfold_dat.h"

size_t summary_max(void)
{
    const char *v = getenv("MEMFOLD_MAX_JSON_BYTES");
    char *end;
    if (!v || !*v)
        return MF_JSON_MAX_BYTES;
    errno = 0;
    unsigned long long n = strtoull(v, &end, 10);
    if (*end || errno || n == 0 || n >= SIZE_MAX || v[0] == '-') {
        fprintf(stderr, "memfold: MEMFOLD_MAX_JSON_BYTES must be a number of bytes, not '%s'\n", v);
        return 0;
    }
    return (size_t)n;
}

void summary_read_error(mf_input *in, const char *path, size_t max)
{
    if (mf_input_error(in) == EFBIG)
        fprintf(stderr, "memfold: %s: a summary file may hold at most %zu bytes of JSON (%zu MiB; "
                "MEMFOLD_MAX_JSON_BYTES changes it): this one holds more\n", path, max, max >> 20);
    else
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, mf_input_strerror(in));
}

int json_load_status(int rc)
{
    return rc == MF_JSON_OK ? EXIT_OK : rc == MF_JSON_INVALID ? EXIT_INPUT : EXIT_USAGE;
}

typedef struct merge_run {
    mf_fold *fold;
    mf_dat_fold *dat;         /* summaries of .dat files: NULL until the first */
    const char *first[2];     /* the first summary of reports, of .dat files */
    mf_json_inputs inputs;
    mf_input *in;             /* the input being read */
    int status;
    mf_diag_printer *dp;
    int quiet;                /* -q: no word about a summary's errors */
} merge_run;

/* A file given to merge that is not a summary but what one is made of (a
   report, a .dat file, a notebook): say so, and what to run; 0 if it
   looks like none of them. */
static int not_summary_hint(const char *text, size_t len, const char *path)
{
    const char *what = NULL, *give = NULL;
    int in = strcmp(path, "-") == 0;
    size_t blank = 0;
    while (blank < len && strchr(" \t\r\n", text[blank]))
        blank++;
    if (blank == len) {
        fprintf(stderr, "memfold: %s%s%s is empty: no summary JSON to merge\n", in ? "" : "'",
                in ? "standard input" : path, in ? "" : "'");
        return 1;
    }
    if (mf_dat_detect(text, len)) {
        what = "an mprof .dat file";
        give = "the .dat file";
    } else if (memmem(text, len, "\"nbformat\"", 10) && memmem(text, len, "\"cells\"", 7)) {
        what = "a Jupyter notebook";
        give = "the notebook";
    } else if (memmem(text, len, "Filename: ", 10) || memmem(text, len, "Mem usage", 9) ||
               memmem(text, len, "peak memory: ", 13)) {
        what = "a memory_profiler report";
        give = "the report";
    }
    if (!what)
        return 0;
    fprintf(stderr, "memfold: %s%s%s is not a summary JSON (it looks like %s): run 'memfold "
            "summary -f json%s%s' first, or give %s to 'memfold summary'\n", in ? "" : "'",
            in ? "standard input" : path, in ? "" : "'", what, in ? "" : " ", in ? "" : path, give);
    return 1;
}

/* A summary that records errors of its own inputs (a table left out or cut
   short when it was made): which, before merge exits 1. */
static void say_errors(const merge_run *m, const char *path, size_t from, uint64_t errors)
{
    size_t n = m->inputs.n - from;
    fprintf(stderr, "memfold: %s: the summary records %llu error%s in reading %s", path,
            (unsigned long long)errors, errors == 1 ? "" : "s", n == 1 ? "its input " : n ? "its inputs " : "its inputs");
    for (size_t i = 0; i < n && i < 3; i++)
        fprintf(stderr, "%s'%s'", i ? ", " : "", m->inputs.v[from + i].path);
    if (n > 3)
        fprintf(stderr, " and %zu more", n - 3);
    fprintf(stderr, " (a table left out or cut short; 'memfold check' on the input says where): "
            "the merged summary counts %s\n", errors == 1 ? "it" : "them");
}

static void on_summary(const char *text, size_t len, const char *path, void *user)
{
    merge_run *m = user;
    mf_error err;
    int dat = mf_dat_is_summary_json(text, len);
    if (m->first[!dat]) {
        fprintf(stderr, "memfold: %s: a summary of %s cannot be merged with one of %s (%s): "
                "merge each kind on its own\n", path, dat ? "mprof .dat files" : "reports",
                dat ? "reports" : "mprof .dat files", m->first[!dat]);
        m->status = EXIT_USAGE;
        return;
    }
    if (!m->first[dat])
        m->first[dat] = path;
    if (dat && !m->dat && !(m->dat = mf_dat_fold_new())) {
        fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
        m->status = EXIT_USAGE;
        return;
    }
    size_t from = m->inputs.n;
    uint64_t errors = m->inputs.errors;
    int rc = dat ? mf_dat_fold_load_json(m->dat, text, len, &err)
                 : mf_fold_load_json(m->fold, text, len, &m->inputs, &err);
    m->status = json_load_status(rc);
    if (rc == MF_JSON_NOT_SUMMARY && not_summary_hint(text, len, path))
        return;
    if (!dat && m->status == EXIT_OK && m->inputs.errors > errors && !m->quiet)
        say_errors(m, path, from, m->inputs.errors - errors);
    if (!dat && m->status == EXIT_OK && m->inputs.runs > 1) {
        /* its functions are of several runs of one program: not parts */
        fprintf(stderr, "memfold: %s: a summary of %llu runs cannot be added up; merge the "
                "summaries of the parts of one run, or give every run's log to "
                "`memfold summary --runs`\n", path, (unsigned long long)m->inputs.runs);
        m->status = EXIT_USAGE;
        return;
    }
    if (m->status != EXIT_OK) {
        /* the message may quote the file: shown escaped */
        fprintf(stderr, "memfold: %s: ", path);
        mf_text_escaped(stderr, err.message, strlen(err.message));
        putc('\n', stderr);
        /* the document may be wrong because its compressed data was cut */
        if (mf_input_data_error(m->in))
            m->status = EXIT_INPUT;
    }
}

int cmd_merge(const options *o)
{
    merge_run m = { mf_fold_new(), NULL, { NULL, NULL }, { NULL, 0, 0, 0 }, NULL, EXIT_OK,
                    cli_printer(o, stderr), o->quiet };
    mf_reader_handlers h = { .on_summary = on_summary,
                             .on_diag = m.dp ? mf_diag_print : NULL, .diag_user = m.dp };
    mf_reader *reader = cli_reader(o, &h, &m);
    out_file out;
    if (!reader)
        m.status = EXIT_USAGE;
    else
        mf_reader_accept(reader, MF_KIND_SUMMARY, 0);
    for (size_t i = 0; i < o->ninputs && m.status == EXIT_OK; i++) {
        size_t max = 0;
        m.in = mf_input_open(o->inputs[i], NULL);
        if (!m.in) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", o->inputs[i], strerror(errno));
            m.status = EXIT_USAGE;
        } else if ((max = summary_max()) == 0) {
            m.status = EXIT_USAGE;
        } else {
            mf_reader_summary_max(reader, max);
            if (mf_reader_read(reader, m.in, o->inputs[i], NULL, NULL, NULL) != MF_OK) {
                summary_read_error(m.in, o->inputs[i], max);
                m.status = EXIT_USAGE;
            }
        }
        if (m.in)
            mf_input_close(m.in);
    }
    /* cut or corrupt compressed data: the merged summary counts it, as
       summary does */
    mf_json_inputs inputs = m.inputs;
    mf_fold *fold = m.fold;
    mf_dat_fold *dat = m.dat;
    int status = m.status;
    if (reader)
        inputs.errors += mf_reader_errors(reader);
    mf_reader_free(reader);
    if (m.dp)
        mf_diag_printer_finish(m.dp, NULL, NULL);
    if (status == EXIT_OK && o->strict && inputs.errors) {
        status = EXIT_INPUT;   /* --strict: nothing written over errors */
    } else if (status == EXIT_OK && out_open(&out, o->output, 0) == 0) {
        mf_summary_opts so = { o->sort, 0 };   /* (--sort orders .dat functions too) */
        if ((dat ? mf_dat_emit_summary_opts(out.fp, o->format, dat, &so)
                 : mf_emit_summary(out.fp, o->format, fold, o->sort, inputs.v, inputs.n,
                                   inputs.errors)) != 0) {
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
    mf_dat_fold_free(dat);
    return status;
}
