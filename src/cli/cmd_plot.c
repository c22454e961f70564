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
    char **span_names;       /* .dat: the names of its calls (FUNC), each once */
    size_t nspan_names;
    uint64_t spans_kept;     /* .dat --function: the calls of the function */
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
        p->prec = p->measured ? row->inc.num.prec : 1;
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

/* --function NAME picks a .dat's call (mprof run --python records them as
   FUNC module.name): by its whole name or the part after the last dot. */
static int span_matches(const char *want, const char *name, size_t len)
{
    size_t n = strlen(want);
    if (n == len && memcmp(want, name, len) == 0)
        return 1;
    return n < len && name[len - n - 1] == '.' && memcmp(want, name + len - n, n) == 0;
}

static void note_span_name(plot_run *r, const char *name, size_t len)
{
    for (size_t i = 0; i < r->nspan_names; i++)
        if (strlen(r->span_names[i]) == len && memcmp(r->span_names[i], name, len) == 0)
            return;
    char **v = realloc(r->span_names, (r->nspan_names + 1) * sizeof *v);
    char *copy = v ? copy_bytes(name, strnlen(name, len)) : NULL;
    if (v)
        r->span_names = v;
    if (!copy) {
        r->nomem = 1;
        return;
    }
    r->span_names[r->nspan_names++] = copy;
}

static int on_record(const mf_dat_record *rec, void *user)
{
    plot_run *r = user;
    if (rec->kind == MF_DAT_FUNC && r->o->plot_function) {
        note_span_name(r, rec->function, rec->function_len);
        if (!span_matches(r->o->plot_function, rec->function, rec->function_len))
            return 0;   /* --function: only its calls */
        r->spans_kept++;
    }
    if (mf_timeline_add(r->timeline, rec) != MF_OK)
        r->nomem = 1;
    return 0;
}

/* ---- names: of the inputs in a legend, of functions in a message ------------- */

/* The last k components of a path ("-": standard input). */
static const char *path_tail(const char *path, size_t k)
{
    if (strcmp(path, "-") == 0)
        return "standard input";
    const char *p = path + strlen(path);
    while (p > path && k > 0) {
        p--;
        if (*p == '/' && p + 1 < path + strlen(path) && --k == 0)
            return p + 1;
    }
    return path;
}

/* The name of each input in a legend: its file name, or as many of its
   last path components as tell it from the others (the same path twice:
   "#2" after it). NULL when out of memory. */
static char **run_names(const options *o)
{
    size_t n = o->ninputs;
    char **names = calloc(n ? n : 1, sizeof *names);
    size_t *k = calloc(n ? n : 1, sizeof *k);
    if (!names || !k) {
        free(names);
        free(k);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        k[i] = 1;
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                const char *a = path_tail(o->inputs[i], k[i]), *b = path_tail(o->inputs[j], k[j]);
                if (strcmp(a, b) != 0 || strcmp(o->inputs[i], o->inputs[j]) == 0)
                    continue;
                /* the same tail of different paths: one more component each */
                if (a != o->inputs[i]) {
                    k[i]++;
                    changed = 1;
                }
                if (b != o->inputs[j]) {
                    k[j]++;
                    changed = 1;
                }
            }
    }
    for (size_t i = 0; i < n; i++) {
        const char *tail = path_tail(o->inputs[i], k[i]);
        size_t again = 0;
        for (size_t j = 0; j < i; j++)
            again += strcmp(o->inputs[j], o->inputs[i]) == 0;
        names[i] = malloc(strlen(tail) + 24);
        if (!names[i]) {
            for (size_t j = 0; j < i; j++)
                free(names[j]);
            free(names);
            free(k);
            return NULL;
        }
        if (again)
            snprintf(names[i], strlen(tail) + 24, "%s #%zu", tail, again + 1);
        else
            strcpy(names[i], tail);
    }
    free(k);
    return names;
}

typedef struct near {
    const char *name;
    size_t d;
} near;

static int by_distance(const void *a, const void *b)
{
    const near *x = a, *y = b;
    if (x->d != y->d)
        return x->d < y->d ? -1 : 1;
    return strcmp(x->name, y->name);
}

/* "did you mean" and up to 10 of names, nearest to want first. */
static void suggest(const char *want, const char *const *names, size_t n, const char *what)
{
    near *v = malloc((n ? n : 1) * sizeof *v);
    size_t m = 0;
    if (!v)
        return;
    for (size_t i = 0; i < n; i++) {
        size_t j = 0;
        while (j < m && strcmp(v[j].name, names[i]) != 0)
            j++;
        if (j < m)
            continue;
        /* a dotted name (module.function) is as near as its last part */
        const char *dot = strrchr(names[i], '.');
        size_t d = cli_edit_distance(want, names[i]);
        if (dot && cli_edit_distance(want, dot + 1) < d)
            d = cli_edit_distance(want, dot + 1);
        v[m++] = (near){ names[i], d };
    }
    qsort(v, m, sizeof *v, by_distance);
    if (m == 0) {
        fprintf(stderr, "memfold: %s none\n", what);
    } else {
        size_t len = strlen(want);
        if (v[0].d <= (len < 6 ? 2 : len / 3))
            fprintf(stderr, "memfold: did you mean '%s'?\n", v[0].name);
        fprintf(stderr, "memfold: %s", what);
        for (size_t i = 0; i < m && i < 10; i++)
            fprintf(stderr, "%s %s", i ? "," : "", v[i].name);
        if (m > 10)
            fprintf(stderr, " (and %zu more)", m - 10);
        fputc('\n', stderr);
    }
    free(v);
}

/* --function NAME named nothing the inputs have: say what they have. */
static void no_function(const plot_run *r, int is_dat)
{
    const char *want = r->o->plot_function;
    if (is_dat) {
        fprintf(stderr, "memfold: --function draws a function of memory_profiler reports line by "
                        "line; a .dat file has no lines, only the calls `mprof run --python` "
                        "records (FUNC), and none of them is of '%s'\n", want);
        suggest(want, (const char *const *)r->span_names, r->nspan_names,
                "the calls in the .dat files (nearest first):");
        return;
    }
    fprintf(stderr, "memfold: no measured call of a function named '%s'\n", want);
    size_t total = mf_fold_count(r->fold), n = 0;
    const char **names = malloc((total ? total : 1) * sizeof *names);
    if (!names)
        return;
    for (size_t i = 0; i < total; i++) {
        const mf_func_stats *st = mf_fold_get(r->fold, i);
        if (st->rows && st->function)
            names[n++] = st->function;
    }
    suggest(want, names, n, "the functions of the reports (nearest first):");
    free(names);
}

/* How many functions the reports measured (a bar each). */
static size_t measured_functions(const mf_fold *f)
{
    size_t n = 0;
    for (size_t i = 0; i < mf_fold_count(f); i++)
        n += mf_fold_get(f, i)->rows != 0;
    return n;
}

/* ---- the command --------------------------------------------------------------- */

static int read_inputs(plot_run *r, int *is_dat)
{
    int rc = 0;
    char **names = run_names(r->o);
    if (!names) {
        fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
        return -1;
    }
    for (size_t i = 0; i < r->o->ninputs && rc == 0; i++) {
        const char *path = r->o->inputs[i];
        if (mf_timeline_next_run(r->timeline, names[i]) != MF_OK) {   /* a .dat: one run each */
            fprintf(stderr, "memfold: %s\n", strerror(ENOMEM));
            rc = -1;
            break;
        }
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
    for (size_t i = 0; i < r->o->ninputs; i++)
        free(names[i]);
    free(names);
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
    } else if (o->plot_function && (is_dat ? !r.spans_kept && !r.nomem : !r.rows)) {
        no_function(&r, is_dat);
        status = EXIT_USAGE;
    } else if (o->top >= 0 && (is_dat || o->plot_function)) {
        fprintf(stderr, "memfold: --top goes with the bars of reports' functions, not with %s\n",
                is_dat ? "a .dat file's timeline" : "--function");
        status = EXIT_USAGE;
    } else if (out_open(&out, o->output, 0) != 0) {
        status = EXIT_USAGE;
    } else {
        mf_plot_opts po = { o->plot_width, o->plot_title, o->top >= 0 ? (size_t)o->top : 30 };
        int rc;
        if (is_dat) {
            if (o->plot_function && !po.title) {
                snprintf(title, sizeof title, "Memory over time: the calls of %s", o->plot_function);
                po.title = title;
            }
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
            size_t n = measured_functions(r.fold);
            if (rc == 0 && po.top && n > po.top && !o->quiet)
                fprintf(stderr, "memfold: plot: the %zu highest peaks drawn, %zu more functions "
                                "not shown (--top 0 for all)\n", (size_t)po.top, n - po.top);
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
    for (size_t i = 0; i < r.nspan_names; i++)
        free(r.span_names[i]);
    free(r.span_names);
    mf_timeline_free(r.timeline);
    mf_fold_free(r.fold);
    mf_reader_free(r.reader);
    if (r.dp)
        mf_diag_printer_finish(r.dp, NULL, NULL);
    return status;
}
