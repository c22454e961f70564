/* cli/cmd_plot.c -- memfold plot: an SVG picture of reports (per function, or
 * one function by source line) or of an mprof .dat time series. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "memfold_dat.h"
#include "cli/output.h"

typedef struct plot_run {
    const options *o;
    mf_fold *fold;
    /* --function: the rows of its call with the highest peak */
    mf_plot_row *rows;
    size_t nrows;
    int64_t best_peak;
    uint64_t calls;
    char *file;
    mf_timeline *timeline;   /* .dat: the series and the calls */
    int nomem;
    mf_reader *reader;
    mf_diag_printer *dp;
} plot_run;

static void free_rows(plot_run *r)
{
    for (size_t i = 0; i < r->nrows; i++)
        free((char *)r->rows[i].content);
    free(r->rows);
    r->rows = NULL;
    r->nrows = 0;
}

/* The n bytes at s, NUL-terminated, all of them (a NUL inside is kept:
   strndup would stop there while the length said more); NULL when out of
   memory. */
static char *copy_bytes(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Keep the rows of the named function's call with the highest peak. */
static void keep_rows(plot_run *r, const mf_block *b)
{
    int64_t peak = INT64_MIN;
    for (size_t i = 0; i < b->nrows; i++)
        if (mf_row_has_values(&b->rows[i]))
            peak = peak > mf_decimal_scaled(b->rows[i].mem.num) ? peak
                                                               : mf_decimal_scaled(b->rows[i].mem.num);
    r->calls++;
    if (r->rows && peak <= r->best_peak)
        return;
    free_rows(r);
    free(r->file);
    r->file = copy_bytes(b->filename_line.text + b->filename.off, b->filename.len);
    r->best_peak = peak;
    r->rows = calloc(b->nrows ? b->nrows : 1, sizeof *r->rows);
    for (size_t i = 0; r->rows && i < b->nrows; i++) {
        const mf_row *row = &b->rows[i];
        mf_plot_row *p = &r->rows[r->nrows++];
        p->lineno = row->lineno;
        p->measured = mf_row_has_values(row);
        p->mem = p->measured ? mf_decimal_scaled(row->mem.num) : 0;
        p->inc = p->measured ? mf_decimal_scaled(row->inc.num) : 0;
        p->content = copy_bytes(mf_row_str(row, row->content), row->content.len);
        p->content_len = p->content ? row->content.len : 0;
    }
}

static int on_block(const mf_block *b, int verdict, void *user)
{
    plot_run *r = user;
    if (verdict != MF_KEPT)
        return 0;
    mf_fold_block(r->fold, b);
    const char *want = r->o->plot_function;
    if (want && b->function && strlen(want) == b->function_len &&
        memcmp(want, b->function, b->function_len) == 0)
        keep_rows(r, b);
    return 0;
}

/* ---- .dat ---------------------------------------------------------------------- */

static int on_record(const mf_dat_record *rec, void *user)
{
    plot_run *r = user;
    if (mf_timeline_add(r->timeline, rec) != MF_OK)
        r->nomem = 1;
    return 0;
}

/* ---- the command --------------------------------------------------------------- */

static int read_inputs(plot_run *r, int *is_dat)
{
    int rc = 0;
    for (size_t i = 0; i < r->o->ninputs && rc == 0; i++) {
        const char *path = r->o->inputs[i];
        mf_input *in = mf_input_open(path, NULL);
        int kind;
        mf_error err;
        if (!in) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
            rc = -1;
            break;
        }
        rc = mf_reader_read(r->reader, in, path, NULL, &kind, &err);
        if (rc == MF_ERR_KIND)
            fprintf(stderr, "memfold: '%s': reports and .dat files do not mix in one plot\n", path);
        else if (rc != MF_OK)
            fprintf(stderr, "memfold: %s\n", err.message);
        *is_dat = mf_reader_kind(r->reader) == MF_KIND_DAT;
        mf_input_close(in);
    }
    return rc;
}

int cmd_plot(const options *o)
{
    /* -o FILE.png: the SVG drawn into a temporary file, then converted */
    char *svg;
    int png = out_png_begin(o->output, &svg);
    if (png) {
        options so = *o;
        so.output = svg;
        return png < 0 ? EXIT_USAGE : out_png_end(svg, o->output, cmd_plot(&so));
    }
    plot_run r;
    out_file out;
    int is_dat = 0, status = EXIT_OK;
    char title[512];
    memset(&r, 0, sizeof r);
    r.o = o;
    r.dp = cli_printer(o, stderr);
    mf_reader_handlers h = { .on_block = on_block, .on_dat_record = on_record,
                             .on_diag = r.dp ? mf_diag_print : NULL, .diag_user = r.dp };
    r.reader = cli_reader(o, &h, &r);
    r.fold = mf_fold_new();
    r.timeline = mf_timeline_new();
    if (r.reader)
        mf_reader_accept(r.reader, MF_KIND_REPORT | MF_KIND_DAT, 1);
    if (!r.reader || read_inputs(&r, &is_dat) != 0) {
        status = EXIT_USAGE;
    } else if (o->strict && mf_reader_errors(r.reader)) {
        status = EXIT_INPUT;   /* --strict: nothing written over errors */
    } else if (o->plot_function && (is_dat || !r.rows)) {
        fprintf(stderr, "memfold: no measured call of a function named '%s'\n", o->plot_function);
        status = EXIT_USAGE;
    } else if (out_open(&out, o->output, 0) != 0) {
        status = EXIT_USAGE;
    } else {
        mf_plot_opts po = { o->plot_width, o->plot_title };
        int rc;
        if (is_dat) {
            rc = r.nomem ? -1 : mf_plot_timeline_of(out.fp, r.timeline, &po);
        } else if (o->plot_function) {
            if (!po.title) {
                snprintf(title, sizeof title, "%s (%s): the call with the highest peak, of %llu",
                         o->plot_function, r.file, (unsigned long long)r.calls);
                po.title = title;
            }
            rc = mf_plot_rows(out.fp, r.rows, r.nrows, &po);
        } else {
            rc = mf_plot_functions(out.fp, r.fold, &po);
        }
        if (rc != 0) {
            out_abort(&out);
            status = EXIT_USAGE;
        } else if (out_commit(&out) != 0) {
            status = EXIT_USAGE;
        } else if (mf_reader_errors(r.reader)) {
            status = EXIT_INPUT;
        }
    }
    free_rows(&r);
    free(r.file);
    mf_timeline_free(r.timeline);
    mf_fold_free(r.fold);
    mf_reader_free(r.reader);
    if (r.dp)
        mf_diag_printer_finish(r.dp, NULL, NULL);
    return status;
}
