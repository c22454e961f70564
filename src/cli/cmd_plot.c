/* cmd_plot.c -- memfold plot: an SVG picture of reports (per function, or
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
    /* .dat: the series and the calls */
    struct series { uint64_t pid; int64_t *t, *m; size_t n, cap; } *series;
    size_t nseries, cap_series;
    size_t *slots;           /* pid -> series index + 1 (0: empty), open addressing */
    size_t nslots;
    mf_plot_span *spans;
    size_t nspans, cap_spans;
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
        if (b->rows[i].flags & MF_ROW_MEASURED)
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
        p->measured = (row->flags & MF_ROW_MEASURED) != 0;
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

static size_t pid_slot(const plot_run *r, uint64_t pid)
{
    size_t i = (size_t)(pid * 0x9e3779b97f4a7c15ULL) & (r->nslots - 1);
    while (r->slots[i] && r->series[r->slots[i] - 1].pid != pid)
        i = (i + 1) & (r->nslots - 1);
    return i;
}

/* Twice as many slots as series, at least: rebuild when full. */
static int grow_slots(plot_run *r)
{
    size_t n = r->nslots ? 2 * r->nslots : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(r->slots);
    r->slots = slots;
    r->nslots = n;
    for (size_t k = 0; k < r->nseries; k++)
        r->slots[pid_slot(r, r->series[k].pid)] = k + 1;
    return 0;
}

/* The series of pid (0: the main process), new when it has none yet. */
static struct series *series_of(plot_run *r, uint64_t pid)
{
    if (2 * (r->nseries + 1) > r->nslots && grow_slots(r) != 0)
        return NULL;
    size_t i = pid_slot(r, pid);
    if (r->slots[i])
        return &r->series[r->slots[i] - 1];
    if (r->nseries == r->cap_series) {
        size_t cap = r->cap_series ? 2 * r->cap_series : 8;
        struct series *more = realloc(r->series, cap * sizeof *more);
        if (!more)
            return NULL;
        r->series = more;
        r->cap_series = cap;
    }
    struct series *x = &r->series[r->nseries];
    memset(x, 0, sizeof *x);
    x->pid = pid;
    r->slots[i] = ++r->nseries;
    return x;
}

static void add_sample(struct series *s, int64_t t, int64_t m)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? 2 * s->cap : 16;
        int64_t *t2 = realloc(s->t, s->cap * sizeof *t2), *m2 = t2 ? realloc(s->m, s->cap * sizeof *m2) : NULL;
        if (!t2 || !m2) {
            s->t = t2 ? t2 : s->t;
            s->cap = s->n;
            return;
        }
        s->t = t2;
        s->m = m2;
    }
    s->t[s->n] = t;
    s->m[s->n++] = m;
}

static int on_record(const mf_dat_record *rec, void *user)
{
    plot_run *r = user;
    if (rec->kind == MF_DAT_MEM || rec->kind == MF_DAT_CHLD) {
        struct series *s = series_of(r, rec->kind == MF_DAT_MEM ? 0 : rec->pid);
        if (s)
            add_sample(s, mf_decimal_scaled(rec->time), mf_decimal_scaled(rec->mem));
    } else if (rec->kind == MF_DAT_FUNC) {
        if (r->nspans == r->cap_spans) {
            size_t cap = r->cap_spans ? 2 * r->cap_spans : 16;
            mf_plot_span *more = realloc(r->spans, cap * sizeof *more);
            if (!more)
                return 0;
            r->spans = more;
            r->cap_spans = cap;
        }
        mf_plot_span *more = r->spans;
        more[r->nspans].name = strndup(rec->function, rec->function_len);
        more[r->nspans].start = mf_decimal_scaled(rec->time);
        more[r->nspans++].end = mf_decimal_scaled(rec->end_time);
    }
    return 0;
}

static int draw_timeline(plot_run *r, FILE *out, const mf_plot_opts *po)
{
    mf_plot_series *s = calloc(r->nseries ? r->nseries : 1, sizeof *s);
    char (*names)[32] = calloc(r->nseries ? r->nseries : 1, sizeof *names);
    int rc = -1;
    if (s && names) {
        /* the main process first */
        size_t k = 0;
        for (int pass = 0; pass < 2; pass++)
            for (size_t i = 0; i < r->nseries; i++) {
                struct series *x = &r->series[i];
                if ((pass == 0) != (x->pid == 0))
                    continue;
                if (x->pid)
                    snprintf(names[k], sizeof names[k], "child %llu", (unsigned long long)x->pid);
                else
                    snprintf(names[k], sizeof names[k], "main process");
                s[k] = (mf_plot_series){ names[k], x->t, x->m, x->n };
                k++;
            }
        rc = mf_plot_timeline(out, s, k, r->spans, r->nspans, po);
    }
    free(s);
    free(names);
    return rc;
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
            rc = draw_timeline(&r, out.fp, &po);
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
    for (size_t i = 0; i < r.nseries; i++) {
        free(r.series[i].t);
        free(r.series[i].m);
    }
    free(r.series);
    free(r.slots);
    for (size_t i = 0; i < r.nspans; i++)
        free((char *)r.spans[i].name);
    free(r.spans);
    mf_fold_free(r.fold);
    mf_reader_free(r.reader);
    if (r.dp)
        mf_diag_printer_finish(r.dp, NULL, NULL);
    return status;
}
