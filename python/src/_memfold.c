/* _memfold.c -- the CPython extension under `import memfold`: libmemfold's
 * public API (memfold.h, memfold_dat.h) and nothing else.  It reads inputs
 * through one mf_reader as the command line does (cli/cmd_read.c,
 * cli/cmd_diff.c), and hands back plain Python values: the blocks' rows,
 * the diagnostics, and what the library's own emitters wrote (summary JSON,
 * lines NDJSON, the diff's JSON and text), so that every number is the one
 * the CLI prints.  memfold/__init__.py builds the public classes on it.
 *
 * Lifetimes: every mf_block, mf_diag and mf_memit lives only during its
 * callback, so what is kept is copied into Python objects there.  An
 * input's bytes (a Python bytes object) are held for the whole read.  The
 * GIL is held throughout: the handlers run on the calling thread, also
 * when the reader uses threads of its own (mf_reader_set_jobs).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"

/* What a call reads for: the command it stands for. */
enum { MODE_READ = 0, MODE_SUMMARY, MODE_LINES, MODE_CHECK };

/* ---- text the library writes to a FILE, kept in memory --------------------- */

typedef struct membuf {
    char *data;
    size_t len;
    FILE *fp;
} membuf;

static int membuf_open(membuf *m)
{
    m->data = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->data, &m->len);
    return m->fp ? 0 : -1;
}

/* Close m and return what was written as str (NULL: a Python error). */
static PyObject *membuf_take(membuf *m)
{
    PyObject *s;
    if (m->fp && fclose(m->fp) != 0) {
        m->fp = NULL;
        free(m->data);
        return PyErr_NoMemory();
    }
    m->fp = NULL;
    s = PyUnicode_DecodeUTF8(m->data ? m->data : "", (Py_ssize_t)m->len, "surrogateescape");
    free(m->data);
    m->data = NULL;
    return s;
}

static void membuf_drop(membuf *m)
{
    if (m->fp)
        fclose(m->fp);
    m->fp = NULL;
    free(m->data);
    m->data = NULL;
}

/* ---- small conversions ---------------------------------------------------------- */

static PyObject *str_of(const char *s, size_t len)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_DecodeUTF8(s, (Py_ssize_t)len, "surrogateescape");
}

static PyObject *cstr_of(const char *s)
{
    return str_of(s, s ? strlen(s) : 0);
}

/* A decimal as printed ("-152.6"), or None. */
static PyObject *decimal_of(mf_decimal d, int valid)
{
    char buf[64];
    if (!valid)
        Py_RETURN_NONE;
    size_t n = mf_format_decimal(buf, d);
    return PyUnicode_FromStringAndSize(buf, (Py_ssize_t)n);
}

/* d[key] = v, stealing v; -1 on error (v NULL included). */
static int put(PyObject *d, const char *key, PyObject *v)
{
    if (!v)
        return -1;
    int rc = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rc;
}

/* list.append(v), stealing v. */
static int append(PyObject *list, PyObject *v)
{
    if (!v)
        return -1;
    int rc = PyList_Append(list, v);
    Py_DECREF(v);
    return rc;
}

static const char *const severity_name[] = { "note", "warning", "error" };
static const char *const verdict_name[] = { "kept", "cut_only", "left_out" };
static const char *const generation_name[] = { "unknown", "0.30-0.57", "0.58", "0.59+" };

/* ---- a diagnostic ----------------------------------------------------------------- */

static PyObject *diag_dict(const mf_diag *d)
{
    PyObject *o = PyDict_New();
    if (!o)
        return NULL;
    int sev = d->severity >= MF_NOTE && d->severity <= MF_ERROR ? d->severity : MF_ERROR;
    if (put(o, "level", PyUnicode_FromString(severity_name[sev])) ||
        put(o, "name", cstr_of(d->name)) || put(o, "message", cstr_of(d->message)) ||
        put(o, "file", cstr_of(d->file)) ||
        put(o, "line", d->line ? PyLong_FromUnsignedLongLong(d->line) : Py_NewRef(Py_None)) ||
        put(o, "column", d->column ? PyLong_FromUnsignedLong(d->column) : Py_NewRef(Py_None)) ||
        put(o, "end_column",
            d->column ? PyLong_FromUnsignedLong(d->end_column) : Py_NewRef(Py_None)) ||
        put(o, "source", str_of(d->source, d->source_len)) ||
        put(o, "note", d->note ? diag_dict(d->note) : Py_NewRef(Py_None))) {
        Py_DECREF(o);
        return NULL;
    }
    return o;
}

/* ---- a block ---------------------------------------------------------------------- */

static PyObject *row_tuple(const mf_block *b, const mf_row *r)
{
    int values = mf_row_has_values(r);
    int occ = (r->flags & MF_ROW_HAS_OCC) && !(r->flags & MF_ROW_OCC_RANGE);
    const char *content = mf_row_str(r, r->content);
    return Py_BuildValue("(KKNNNNNii)", (unsigned long long)r->input_line,
                         (unsigned long long)r->lineno, decimal_of(r->mem.num, values),
                         decimal_of(r->inc.num, values),
                         occ ? PyLong_FromUnsignedLongLong(r->occ) : Py_NewRef(Py_None),
                         str_of(content, r->content.len), str_of(r->text, r->len),
                         (r->flags & MF_ROW_MEASURED) != 0, mf_row_complete(b, r));
}

static PyObject *block_dict(const mf_block *b, int verdict)
{
    PyObject *o = PyDict_New(), *rows = PyList_New(0);
    if (!o || !rows)
        goto fail;
    for (size_t i = 0; i < b->nrows; i++)
        if (append(rows, row_tuple(b, &b->rows[i])))
            goto fail;
    int gen = b->generation >= MF_GEN_UNKNOWN && b->generation <= MF_GEN_061 ? b->generation : 0;
    int has_file = b->filename.len > 0;
    uint64_t first = b->filename_line.input_line ? b->filename_line.input_line
                     : b->header.input_line       ? b->header.input_line
                     : b->nrows                   ? b->rows[0].input_line
                                                  : b->end_line;
    if (put(o, "source", cstr_of(b->source)) ||
        put(o, "index", PyLong_FromUnsignedLongLong(b->index)) ||
        put(o, "file", has_file ? str_of(b->filename_line.text + b->filename.off, b->filename.len)
                                : Py_NewRef(Py_None)) ||
        put(o, "function", str_of(b->function, b->function_len)) ||
        put(o, "line", b->nrows ? PyLong_FromUnsignedLongLong(b->rows[0].lineno)
                                : Py_NewRef(Py_None)) ||
        put(o, "def_line", b->def_row >= 0
                               ? PyLong_FromUnsignedLongLong(b->rows[b->def_row].lineno)
                               : Py_NewRef(Py_None)) ||
        put(o, "input_line", PyLong_FromUnsignedLongLong(first)) ||
        put(o, "end_line", PyLong_FromUnsignedLongLong(b->end_line)) ||
        put(o, "generation", PyUnicode_FromString(generation_name[gen])) ||
        put(o, "verdict", PyUnicode_FromString(verdict_name[verdict])) ||
        put(o, "terminated", PyBool_FromLong((b->flags & MF_BLOCK_TERMINATED) != 0)) ||
        put(o, "cut_by_eof", PyBool_FromLong(b->cut_by_eof != 0)) ||
        put(o, "rows", Py_NewRef(rows))) {
        goto fail;
    }
    Py_DECREF(rows);
    return o;
fail:
    Py_XDECREF(o);
    Py_XDECREF(rows);
    return NULL;
}

static PyObject *memit_dict(const mf_memit *m)
{
    PyObject *o = PyDict_New();
    if (!o)
        return NULL;
    if (put(o, "source", cstr_of(m->source)) ||
        put(o, "input_line", PyLong_FromUnsignedLongLong(m->input_line)) ||
        put(o, "peak", decimal_of(m->peak.num, m->peak.status == MF_NUM_OK)) ||
        put(o, "increment",
            decimal_of(m->inc.num, m->has_increment && m->inc.status == MF_NUM_OK)) ||
        put(o, "loops", m->loops ? PyLong_FromUnsignedLongLong(m->loops) : Py_NewRef(Py_None)) ||
        put(o, "statement", str_of(m->statement, m->statement_len)) ||
        put(o, "text", str_of(m->text, m->len))) {
        Py_DECREF(o);
        return NULL;
    }
    return o;
}

/* ---- the options of a read, from a dict the Python layer builds ---------------- */

typedef struct read_opts {
    int mode;
    int strict, lenient, pure;
    PyObject *checks;          /* list of (name, level) or NULL */
    const char *prefix;        /* NULL: detect */
    int scan;
    unsigned jobs;
    int sort;
    unsigned long long top;
    int all_rows;
    int format;                /* of summary and lines output */
    int runs;                  /* summary: one fold per input as well */
    int traceback_error;       /* diff: a traceback is an error */
} read_opts;

static int opt_int(PyObject *d, const char *key, long dflt, long *out)
{
    PyObject *v = PyDict_GetItemString(d, key);   /* borrowed */
    if (!v || v == Py_None) {
        *out = dflt;
        return 0;
    }
    *out = PyLong_AsLong(v);
    return *out == -1 && PyErr_Occurred() ? -1 : 0;
}

static int read_opts_of(PyObject *d, read_opts *o)
{
    long v;
    memset(o, 0, sizeof *o);
    if (!PyDict_Check(d)) {
        PyErr_SetString(PyExc_TypeError, "options must be a dict");
        return -1;
    }
#define INT_OPT(key, field, dflt) \
    if (opt_int(d, key, dflt, &v)) return -1; \
    o->field = v;
    INT_OPT("mode", mode, MODE_READ)
    INT_OPT("strict", strict, 0)
    INT_OPT("lenient", lenient, 0)
    INT_OPT("pure", pure, 0)
    INT_OPT("scan", scan, MF_SCAN_FAST)
    INT_OPT("jobs", jobs, 1)
    INT_OPT("sort", sort, MF_SORT_FIRST)
    INT_OPT("top", top, 0)
    INT_OPT("all_rows", all_rows, 0)
    INT_OPT("format", format, MF_FMT_JSON)
    INT_OPT("runs", runs, 0)
    INT_OPT("traceback_error", traceback_error, 0)
#undef INT_OPT
    PyObject *checks = PyDict_GetItemString(d, "checks");
    o->checks = checks && checks != Py_None ? checks : NULL;
    PyObject *prefix = PyDict_GetItemString(d, "prefix");
    if (prefix && prefix != Py_None && !(o->prefix = PyUnicode_AsUTF8(prefix)))
        return -1;
    return 0;
}

/* An error the Python layer raises as a memfold.Error: kept in the result. */
typedef struct failure {
    int code;
    int sys_errno;
    char message[1024];
    const char *name;
} failure;

static void fail_with(failure *f, int code, int sys_errno, const char *name, const char *msg)
{
    if (f->code)
        return;   /* the first one is what is said */
    f->code = code;
    f->sys_errno = sys_errno;
    f->name = name;
    size_t n = strlen(msg);
    if (n >= sizeof f->message)
        n = sizeof f->message - 1;   /* cut: a message is for people */
    memcpy(f->message, msg, n);
    f->message[n] = '\0';
}

/* The reader as the command line makes it (cli_reader): the readers are
   lenient, `check` is strict unless asked; then -W, --pure, --strict,
   --prefix; the scan mode; -j for summary, lines and check. */
static mf_reader *make_reader(const read_opts *o, const mf_reader_handlers *h, void *user,
                              failure *f)
{
    mf_reader *r = mf_reader_new(h, user);
    if (!r) {
        PyErr_NoMemory();
        return NULL;
    }
    mf_error err;
    int rc = o->lenient || o->mode != MODE_CHECK ? mf_reader_lenient(r) : MF_OK;
    if (rc == MF_OK && o->traceback_error)
        rc = mf_reader_set_check(r, "traceback", MF_LEVEL_ERROR);
    Py_ssize_t n = o->checks ? PyList_Size(o->checks) : 0;
    for (Py_ssize_t i = 0; i < n && rc == MF_OK; i++) {
        PyObject *item = PyList_GetItem(o->checks, i);
        const char *name;
        int level;
        if (!PyArg_ParseTuple(item, "si", &name, &level)) {
            mf_reader_free(r);
            return NULL;
        }
        if ((rc = mf_reader_set_check(r, name, level)) == MF_ERR_ARG) {
            char msg[512];
            snprintf(msg, sizeof msg,
                     "no check called '%s' that can be changed (see memfold.checks())", name);
            fail_with(f, MF_ERR_ARG, 0, NULL, msg);
        }
    }
    if (rc == MF_OK && o->pure)
        rc = mf_reader_pure(r);
    if (rc == MF_OK && o->strict)
        rc = mf_reader_strict(r);
    if (rc == MF_OK && o->prefix && (rc = mf_reader_set_prefix(r, o->prefix, &err)) != MF_OK)
        fail_with(f, MF_ERR_ARG, 0, NULL, err.message);
    if (rc == MF_ERR_NOMEM)
        PyErr_NoMemory();
    if (rc != MF_OK) {
        mf_reader_free(r);
        return NULL;
    }
    mf_reader_set_scan(r, o->scan);
    if (o->mode == MODE_SUMMARY || o->mode == MODE_LINES || o->mode == MODE_CHECK)
        mf_reader_set_jobs(r, o->jobs);
    return r;
}

/* ---- one read of several inputs ---------------------------------------------------- */

typedef struct reading {
    const read_opts *o;
    mf_reader *reader;
    int py_error;             /* a Python exception is set: stop */
    PyObject *blocks, *memits, *diags;
    mf_diag_printer *dp;      /* the diagnostics as `memfold check` prints them */
    membuf diag_text, out;
    int out_open;
    mf_fold *fold;
    mf_fold **run_folds;
    size_t run, nruns;
    mf_dat_fold *dat_fold;
    mf_lines_writer *lw;
    mf_dat_lines_writer *dat_lw;
    int kind;
} reading;

static void on_diag(const mf_diag *d, void *user)
{
    reading *g = user;
    if (g->dp)
        mf_diag_print(d, g->dp);
    if (!g->py_error && append(g->diags, diag_dict(d)))
        g->py_error = 1;
}

static int on_block(const mf_block *b, int verdict, void *user)
{
    reading *g = user;
    if (g->o->mode == MODE_READ && append(g->blocks, block_dict(b, verdict)))
        g->py_error = 1;
    if (g->fold && verdict == MF_KEPT && mf_fold_block(g->fold, b) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    if (g->run_folds && verdict == MF_KEPT && mf_fold_block(g->run_folds[g->run], b) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    if (g->lw && verdict != MF_LEFT_OUT && mf_lines_block(g->lw, b) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    return g->py_error;
}

static int on_memit(const mf_memit *m, void *user)
{
    reading *g = user;
    if (append(g->memits, memit_dict(m)))
        g->py_error = 1;
    if (g->fold && mf_fold_memit(g->fold, m) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    if (g->lw && mf_lines_memit(g->lw, m) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    return g->py_error;
}

static int on_dat_record(const mf_dat_record *rec, void *user)
{
    reading *g = user;
    if (g->dat_fold && mf_dat_fold_record(g->dat_fold, rec) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    if (g->dat_lw && mf_dat_lines_record(g->dat_lw, rec->source, rec) != MF_OK)
        g->py_error = PyErr_NoMemory() == NULL;
    return g->py_error;
}

/* The first input decides what the run reads; the writers start then
   (cli/cmd_read.c, start_kind).  `read` writes the records of a .dat
   file as lines do, and keeps the blocks of a report itself. */
static int start_kind(int kind, const char *path, void *user)
{
    reading *g = user;
    const read_opts *o = g->o;
    (void)path;
    if (g->kind)
        return 0;
    g->kind = kind;
    if (o->mode == MODE_CHECK)
        return 0;
    if (membuf_open(&g->out) != 0) {
        g->py_error = PyErr_NoMemory() == NULL;
        return 1;
    }
    g->out_open = 1;
    if (kind == MF_KIND_DAT) {
        if (o->mode == MODE_SUMMARY)
            g->dat_fold = mf_dat_fold_new();
        else
            g->dat_lw = mf_dat_lines_begin(g->out.fp, o->mode == MODE_LINES ? o->format
                                                                            : MF_FMT_NDJSON);
        if (!g->dat_fold && !g->dat_lw)
            g->py_error = PyErr_NoMemory() == NULL;
    } else if (o->mode == MODE_SUMMARY) {
        if (!(g->fold = mf_fold_new()))
            g->py_error = PyErr_NoMemory() == NULL;
    } else if (o->mode == MODE_LINES) {
        if (!(g->lw = mf_lines_begin(g->out.fp, o->format, o->all_rows)))
            g->py_error = PyErr_NoMemory() == NULL;
    }
    return g->py_error;
}

/* One input: (name, path or None, data or None). */
typedef struct input_spec {
    const char *name;
    const char *path;
    const char *data;
    Py_ssize_t len;
} input_spec;

static int input_spec_of(PyObject *item, input_spec *s)
{
    PyObject *path, *data;
    if (!PyArg_ParseTuple(item, "sOO", &s->name, &path, &data))
        return -1;
    s->path = NULL;
    s->data = NULL;
    s->len = 0;
    if (path != Py_None && !(s->path = PyBytes_AsString(path)))
        return -1;
    if (data != Py_None && PyBytes_AsStringAndSize(data, (char **)&s->data, &s->len) != 0)
        return -1;
    return 0;
}

static mf_input *open_spec(const input_spec *s, failure *f)
{
    mf_input *in = s->path ? mf_input_open(s->path, NULL) : mf_input_memory(s->data, (size_t)s->len);
    if (!in && s->path) {
        char msg[1024];
        int e = errno;
        snprintf(msg, sizeof msg, "cannot read '%s': %s", s->path, strerror(e));
        fail_with(f, MF_ERR_IO, e, s->name, msg);
    } else if (!in) {
        PyErr_NoMemory();
    }
    return in;
}

static PyObject *stats_dict(const char *name, const mf_input_stats *st)
{
    return Py_BuildValue("{s:s,s:K,s:K,s:K,s:K,s:K,s:K,s:K}", "path", name, "lines",
                         (unsigned long long)st->lines, "bytes", (unsigned long long)st->bytes,
                         "blocks", (unsigned long long)st->blocks, "rows",
                         (unsigned long long)st->rows, "skipped_lines",
                         (unsigned long long)st->skipped_lines, "syntax_errors",
                         (unsigned long long)st->syntax_errors, "memits",
                         (unsigned long long)st->memits);
}

/* Read every input; the summary or lines are written at the end, as
   finish_outputs does.  Returns 0, or -1 with a Python error set. */
static int read_inputs(reading *g, PyObject *inputs, PyObject *stats, failure *f)
{
    Py_ssize_t n = PyList_Size(inputs);
    mf_input_record *recs = PyMem_Calloc(n ? (size_t)n : 1, sizeof *recs);
    input_spec *specs = PyMem_Calloc(n ? (size_t)n : 1, sizeof *specs);
    int rc = 0;
    if (!recs || !specs) {
        PyMem_Free(recs);
        PyMem_Free(specs);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n && rc == 0; i++)
        rc = input_spec_of(PyList_GetItem(inputs, i), &specs[i]);
    if (rc == 0 && g->o->runs) {
        g->nruns = (size_t)n;
        g->run_folds = PyMem_Calloc(n ? (size_t)n : 1, sizeof *g->run_folds);
        for (Py_ssize_t i = 0; g->run_folds && i < n; i++)
            if (!(g->run_folds[i] = mf_fold_new()))
                break;
        if (!g->run_folds || (n && !g->run_folds[n - 1])) {
            PyErr_NoMemory();
            rc = -1;
        }
    }
    for (Py_ssize_t i = 0; i < n && rc == 0 && !f->code; i++) {
        mf_error err;
        int kind = 0;
        mf_input *in = open_spec(&specs[i], f);
        if (!in) {
            rc = PyErr_Occurred() ? -1 : 0;
            break;
        }
        g->run = (size_t)i;
        recs[i].path = specs[i].name;
        int st = mf_reader_read(g->reader, in, specs[i].name, &recs[i].stats, &kind, &err);
        mf_input_close(in);
        if (g->py_error) {
            rc = -1;
        } else if (st == MF_ERR_NOMEM) {
            PyErr_NoMemory();
            rc = -1;
        } else if (st != MF_OK) {
            fail_with(f, st, err.sys_errno, specs[i].name, err.message);
        } else if (append(stats, stats_dict(specs[i].name, &recs[i].stats))) {
            rc = -1;
        }
    }
    if (rc == 0 && !f->code && !g->kind)   /* no input: a report run, empty */
        start_kind(MF_KIND_REPORT, "-", g);
    if (rc == 0 && !f->code && !g->py_error) {
        mf_summary_opts so = { g->o->sort, g->o->top };
        uint64_t errors = mf_reader_errors(g->reader);
        int w = MF_OK;
        if (g->fold && g->run_folds)
            w = mf_emit_summary_runs(g->out.fp, g->fold, (const mf_fold *const *)g->run_folds,
                                     g->nruns, g->o->sort, recs, (size_t)n, errors);
        else if (g->fold)
            w = mf_emit_summary_opts(g->out.fp, g->o->format, g->fold, &so, recs, (size_t)n,
                                     errors);
        else if (g->dat_fold)
            w = mf_dat_emit_summary_opts(g->out.fp, g->o->format, g->dat_fold, &so);
        if (w != MF_OK) {
            PyErr_NoMemory();
            rc = -1;
        }
    }
    if (g->lw && mf_lines_end(g->lw) != MF_OK && rc == 0) {
        PyErr_NoMemory();
        rc = -1;
    }
    g->lw = NULL;
    if (g->dat_lw && mf_dat_lines_end(g->dat_lw) != MF_OK && rc == 0) {
        PyErr_NoMemory();
        rc = -1;
    }
    g->dat_lw = NULL;
    if (g->py_error && rc == 0)
        rc = -1;
    PyMem_Free(recs);
    PyMem_Free(specs);
    return rc;
}

static void reading_free(reading *g)
{
    if (g->lw)
        mf_lines_end(g->lw);
    if (g->dat_lw)
        mf_dat_lines_end(g->dat_lw);
    if (g->dp)
        mf_diag_printer_finish(g->dp, NULL, NULL);
    g->dp = NULL;
    mf_reader_free(g->reader);
    mf_fold_free(g->fold);
    for (size_t i = 0; g->run_folds && i < g->nruns; i++)
        mf_fold_free(g->run_folds[i]);
    PyMem_Free(g->run_folds);
    mf_dat_fold_free(g->dat_fold);
    membuf_drop(&g->out);
    membuf_drop(&g->diag_text);
    Py_XDECREF(g->blocks);
    Py_XDECREF(g->memits);
    Py_XDECREF(g->diags);
}

static PyObject *failure_tuple(const failure *f)
{
    if (!f->code)
        Py_RETURN_NONE;
    return Py_BuildValue("(iisz)", f->code, f->sys_errno, f->message, f->name);
}

static const char *const kind_name[] = { "none", "report", "dat", "", "summary" };

/* _memfold.read(inputs, options) -> dict */
static PyObject *py_read(PyObject *self, PyObject *args)
{
    PyObject *inputs, *opts, *stats = NULL, *result = NULL;
    read_opts o;
    reading g;
    failure f = { 0, 0, "", NULL };
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &inputs, &PyDict_Type, &opts))
        return NULL;
    if (read_opts_of(opts, &o) != 0)
        return NULL;
    memset(&g, 0, sizeof g);
    g.o = &o;
    g.blocks = PyList_New(0);
    g.memits = PyList_New(0);
    g.diags = PyList_New(0);
    stats = PyList_New(0);
    if (!g.blocks || !g.memits || !g.diags || !stats)
        goto done;
    if (membuf_open(&g.diag_text) != 0 || !(g.dp = mf_diag_printer_new(g.diag_text.fp,
                                                                      MF_DIAG_TEXT, 0))) {
        PyErr_NoMemory();
        goto done;
    }
    mf_reader_handlers h = { .on_input = start_kind, .on_block = on_block,
                             .on_dat_record = on_dat_record, .on_diag = on_diag,
                             .on_memit = on_memit };
    if (!(g.reader = make_reader(&o, &h, &g, &f)) && PyErr_Occurred())
        goto done;
    if (g.reader)   /* (NULL with a failure: an argument was refused) */
        mf_reader_accept(g.reader, o.runs ? MF_KIND_REPORT : MF_KIND_REPORT | MF_KIND_DAT, 1);
    if (g.reader && read_inputs(&g, inputs, stats, &f) != 0)
        goto done;
    uint64_t errors = g.reader ? mf_reader_errors(g.reader) : 0;
    uint64_t warnings = g.reader ? mf_reader_warnings(g.reader) : 0;
    mf_diag_printer_finish(g.dp, NULL, NULL);
    g.dp = NULL;
    PyObject *text = membuf_take(&g.diag_text);
    PyObject *out = g.out_open ? membuf_take(&g.out) : Py_NewRef(Py_None);
    g.out_open = 0;
    int kind = g.kind >= 0 && g.kind <= MF_KIND_SUMMARY ? g.kind : 0;
    result = Py_BuildValue("{s:s,s:O,s:O,s:O,s:N,s:N,s:K,s:K,s:O,s:N}", "kind", kind_name[kind],
                           "blocks", g.blocks, "memits", g.memits, "diagnostics", g.diags,
                           "diagnostics_text", text, "output", out, "errors",
                           (unsigned long long)errors, "warnings",
                           (unsigned long long)warnings, "inputs", stats, "failure",
                           failure_tuple(&f));
done:
    Py_XDECREF(stats);
    reading_free(&g);
    return result;
}

/* ---- diff --------------------------------------------------------------------------- */

/* One side's input, read as cli/cmd_diff.c's load_side reads it. */
typedef struct side {
    mf_profile *prof;
    mf_fold *fold;
    mf_dat_fold *df;
    int json_bad;             /* a summary file that is wrong */
    char json_message[1400];
    const read_opts *o;
    reading *g;               /* for the diagnostics */
} side;

static int side_block(const mf_block *b, int verdict, void *user)
{
    side *s = user;
    if (verdict == MF_KEPT && mf_fold_block(s->fold, b) != MF_OK)
        return s->g->py_error = PyErr_NoMemory() == NULL;
    return 0;
}

static int side_memit(const mf_memit *m, void *user)
{
    side *s = user;
    if (mf_fold_memit(s->fold, m) != MF_OK)
        return s->g->py_error = PyErr_NoMemory() == NULL;
    return 0;
}

static int side_record(const mf_dat_record *r, void *user)
{
    side *s = user;
    if (mf_dat_fold_record(s->df, r) != MF_OK)
        return s->g->py_error = PyErr_NoMemory() == NULL;
    return 0;
}

static void side_summary(const char *text, size_t len, const char *path, void *user)
{
    side *s = user;
    mf_error err;
    int st = mf_profile_load_json(s->prof, text, len, &err);
    if (st == MF_ERR_NOMEM)
        s->g->py_error = PyErr_NoMemory() == NULL;
    else if (st != MF_OK) {
        s->json_bad = 1;
        snprintf(s->json_message, sizeof s->json_message, "%s: %s", path, err.message);
    }
}

/* Read one run into prof: 0, 1 when it leaves nothing to compare (a
   summary file that is wrong, data cut short), -1 on a failure (f) or a
   Python error. */
static int load_side(reading *g, const read_opts *o, const input_spec *spec, mf_profile *prof,
                     uint64_t *errors, PyObject *notes, failure *f)
{
    side s = { prof, mf_fold_new(), mf_dat_fold_new(), 0, "", o, g };
    mf_reader_handlers h = { .on_block = side_block, .on_dat_record = side_record,
                             .on_summary = side_summary, .on_memit = side_memit,
                             .on_diag = on_diag, .diag_user = g };
    mf_input *in = NULL;
    int rc = -1, kind = 0;
    mf_reader *reader = NULL;
    if (!s.fold || !s.df) {
        PyErr_NoMemory();
        goto done;
    }
    if (!(reader = make_reader(o, &h, &s, f)))
        goto done;
    mf_reader_accept(reader, MF_KIND_REPORT | MF_KIND_DAT | MF_KIND_SUMMARY, 0);
    if (!(in = open_spec(spec, f)))
        goto done;
    mf_error err;
    int st = mf_reader_read(reader, in, spec->name, NULL, &kind, &err);
    if (g->py_error)
        goto done;
    if (st == MF_ERR_NOMEM) {
        PyErr_NoMemory();
        goto done;
    }
    if (st != MF_OK && !(mf_input_data_error(in) && !mf_input_error(in))) {
        fail_with(f, st, err.sys_errno, spec->name, err.message);
        goto done;
    }
    int add = MF_OK;
    if (kind == MF_KIND_REPORT)
        add = mf_profile_add_fold(prof, s.fold);
    else if (kind == MF_KIND_DAT)
        add = mf_profile_add_dat(prof, s.df);
    if (add != MF_OK) {
        PyErr_NoMemory();
        goto done;
    }
    if (s.json_bad && append(notes, PyUnicode_FromString(s.json_message)))
        goto done;
    rc = st != MF_OK || s.json_bad;
    *errors += mf_reader_errors(reader);
done:
    mf_input_close(in);
    mf_reader_free(reader);
    mf_fold_free(s.fold);
    mf_dat_fold_free(s.df);
    return rc;
}

/* The diff's options from the dict the Python layer builds. */
static int diff_opts_of(PyObject *d, mf_diff_opts *o, failure *f)
{
    long v;
    memset(o, 0, sizeof *o);
#define INT_OPT(key, field) \
    if (opt_int(d, key, 0, &v)) return -1; \
    o->field = v;
    INT_OPT("metrics", metrics)
    INT_OPT("match_name", match_name)
    INT_OPT("fail_on_new", fail_on_new)
    INT_OPT("fail_on_removed", fail_on_removed)
    INT_OPT("allow_empty", allow_empty)
    INT_OPT("allow_input_errors", allow_input_errors)
    INT_OPT("allow_all_changed", allow_all_changed)
    INT_OPT("sort", sort)
    INT_OPT("top", top)
    INT_OPT("failing_only", failing_only)
#undef INT_OPT
    if (opt_int(d, "width", 100, &v))
        return -1;
    o->width = (unsigned)v;
    PyObject *strip = PyDict_GetItemString(d, "strip_prefix");
    Py_ssize_t ns = strip && strip != Py_None ? PyList_Size(strip) : 0;
    for (Py_ssize_t i = 0; i < ns && i < 8; i++)
        if (!(o->strip_prefix[i] = PyUnicode_AsUTF8(PyList_GetItem(strip, i))))
            return -1;
    PyObject *inc = PyDict_GetItemString(d, "max_increase");
    Py_ssize_t ni = inc && inc != Py_None ? PyList_Size(inc) : 0;
    for (Py_ssize_t i = 0; i < ni; i++) {
        const char *s = PyUnicode_AsUTF8(PyList_GetItem(inc, i));
        if (!s)
            return -1;
        for (int m = 0; m < MF_NMETRICS; m++)
            if (mf_limit_parse(s, 0, &o->limits[m]) != MF_OK) {
                char msg[256];
                snprintf(msg, sizeof msg, "max_increase takes 'N%%' or 'N MiB', not '%s'", s);
                fail_with(f, MF_ERR_ARG, 0, NULL, msg);
                return 0;
            }
    }
    static const char *const max_key[MF_NMETRICS] = { "max_peak", "max_mean", "max_net",
                                                      "max_rise" };
    for (int m = 0; m < MF_NMETRICS; m++) {
        PyObject *s = PyDict_GetItemString(d, max_key[m]);
        const char *t;
        if (!s || s == Py_None)
            continue;
        if (!(t = PyUnicode_AsUTF8(s)))
            return -1;
        if (mf_limit_parse(t, 1, &o->limits[m]) != MF_OK) {
            char msg[256];
            snprintf(msg, sizeof msg, "%s takes 'N MiB', not '%s'", max_key[m], t);
            fail_with(f, MF_ERR_ARG, 0, NULL, msg);
            return 0;
        }
    }
    return 0;
}

static mf_budget *load_budget(PyObject *d, failure *f)
{
    PyObject *text = PyDict_GetItemString(d, "budget");
    PyObject *name = PyDict_GetItemString(d, "budget_name");
    char *data;
    Py_ssize_t len;
    mf_error err;
    if (!text || text == Py_None)
        return NULL;
    if (PyBytes_AsStringAndSize(text, &data, &len) != 0)
        return NULL;
    mf_budget *b = mf_budget_load(data, (size_t)len, &err);
    if (!b && err.code == MF_ERR_NOMEM) {
        PyErr_NoMemory();
    } else if (!b) {
        char msg[1200];
        snprintf(msg, sizeof msg, "%s: %s", name && PyUnicode_Check(name) ?
                 PyUnicode_AsUTF8(name) : "budget", err.message);
        fail_with(f, MF_ERR_ARG, 0, NULL, msg);
    }
    return b;
}

static PyObject *diff_write(const mf_diff *d, int fmt)
{
    membuf m;
    if (membuf_open(&m) != 0)
        return PyErr_NoMemory();
    if (mf_diff_write(d, m.fp, fmt, 0) != MF_OK) {
        membuf_drop(&m);
        return PyErr_NoMemory();
    }
    return membuf_take(&m);
}

/* Read each side's runs into d: 0, or -1 (Python error or failure f). */
static int diff_sides(reading *g, const read_opts *o, mf_diff *d, PyObject *sides[2],
                      uint64_t errors[2], PyObject *notes, failure *f)
{
    for (int s = 0; s < 2; s++)
        for (Py_ssize_t i = 0; i < PyList_Size(sides[s]); i++) {
            input_spec spec;
            uint64_t e = 0;
            if (input_spec_of(PyList_GetItem(sides[s], i), &spec) != 0)
                return -1;
            mf_profile *prof = mf_profile_new();
            if (!prof) {
                PyErr_NoMemory();
                return -1;
            }
            int rc = load_side(g, o, &spec, prof, &e, notes, f);
            if (rc < 0 || mf_diff_add(d, s, prof) != MF_OK) {
                mf_profile_free(prof);
                if (rc >= 0)
                    PyErr_NoMemory();
                return -1;
            }
            mf_profile_free(prof);
            errors[s] += e + (rc > 0 && e == 0);
        }
    return 0;
}

/* _memfold.diff(old_inputs, new_inputs, read_options, diff_options) -> dict */
static PyObject *py_diff(PyObject *self, PyObject *args)
{
    PyObject *sides[2], *ropts, *dopts, *result = NULL, *notes = NULL;
    read_opts o;
    mf_diff_opts dop;
    failure f = { 0, 0, "", NULL };
    reading g;
    mf_budget *budget = NULL;
    mf_diff *d = NULL;
    uint64_t errors[2] = { 0, 0 };
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!O!O!", &PyList_Type, &sides[0], &PyList_Type, &sides[1],
                          &PyDict_Type, &ropts, &PyDict_Type, &dopts))
        return NULL;
    if (read_opts_of(ropts, &o) != 0 || diff_opts_of(dopts, &dop, &f) != 0)
        return NULL;
    o.traceback_error = 1;   /* a crashed run is no run to compare */
    memset(&g, 0, sizeof g);
    g.o = &o;
    g.diags = PyList_New(0);
    notes = PyList_New(0);
    if (!g.diags || !notes)
        goto done;
    if (membuf_open(&g.diag_text) != 0 || !(g.dp = mf_diag_printer_new(g.diag_text.fp,
                                                                      MF_DIAG_TEXT, 0))) {
        PyErr_NoMemory();
        goto done;
    }
    if (!f.code && !(budget = load_budget(dopts, &f)) && PyErr_Occurred())
        goto done;
    dop.budget = budget;
    if (!f.code && !(d = mf_diff_new(&dop))) {
        PyErr_NoMemory();
        goto done;
    }
    if (!f.code && diff_sides(&g, &o, d, sides, errors, notes, &f) != 0 && PyErr_Occurred())
        goto done;
    PyObject *json = NULL, *text = NULL, *markdown = NULL;
    unsigned reasons = 0;
    size_t failing = 0;
    int untrusted_strict = o.strict && (errors[0] || errors[1]);
    if (!f.code && !untrusted_strict) {
        mf_diff_input_errors(d, 0, errors[0]);
        mf_diff_input_errors(d, 1, errors[1]);
        if (mf_diff_compare(d) != MF_OK) {
            PyErr_NoMemory();
            goto done;
        }
        reasons = mf_diff_reasons(d);
        failing = mf_diff_failing(d);
        if (!(json = diff_write(d, MF_FMT_JSON)) || !(text = diff_write(d, MF_FMT_TEXT)) ||
            !(markdown = diff_write(d, MF_FMT_MARKDOWN))) {
            Py_XDECREF(json);
            Py_XDECREF(text);
            goto done;
        }
    }
    mf_diag_printer_finish(g.dp, NULL, NULL);
    g.dp = NULL;
    result = Py_BuildValue("{s:N,s:N,s:N,s:I,s:n,s:O,s:N,s:(KK),s:O,s:i,s:N}", "json",
                           json ? json : Py_NewRef(Py_None), "text",
                           text ? text : Py_NewRef(Py_None), "markdown",
                           markdown ? markdown : Py_NewRef(Py_None), "reasons", reasons,
                           "failing", (Py_ssize_t)failing, "diagnostics", g.diags,
                           "diagnostics_text", membuf_take(&g.diag_text), "input_errors",
                           (unsigned long long)errors[0], (unsigned long long)errors[1], "notes",
                           notes, "strict_refused", untrusted_strict, "failure",
                           failure_tuple(&f));
done:
    mf_diff_free(d);
    mf_budget_free(budget);
    Py_XDECREF(notes);
    reading_free(&g);
    return result;
}

/* ---- the checks, the version ----------------------------------------------------- */

static PyObject *py_checks(PyObject *self, PyObject *noargs)
{
    static const char *const level[] = { "off", "warning", "error" };
    PyObject *list = PyList_New(0);
    (void)self;
    (void)noargs;
    if (!list)
        return NULL;
    const mf_check_info *lists[2];
    size_t n[2];
    lists[0] = mf_checks(&n[0]);
    lists[1] = mf_dat_checks(&n[1]);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < n[l]; i++) {
            const mf_check_info *c = &lists[l][i];
            int lv = c->level >= 0 && c->level <= 2 ? c->level : 2;
            if (append(list, Py_BuildValue("{s:s,s:s,s:O,s:O,s:s,s:s}", "name", c->name,
                                           "level", level[lv], "configurable",
                                           c->configurable ? Py_True : Py_False, "layout",
                                           c->layout ? Py_True : Py_False, "summary",
                                           c->summary, "kind", l ? "dat" : "report"))) {
                Py_DECREF(list);
                return NULL;
            }
        }
    return list;
}

static PyObject *py_version(PyObject *self, PyObject *noargs)
{
    (void)self;
    (void)noargs;
    return PyUnicode_FromString(mf_version());
}

static PyMethodDef methods[] = {
    { "read", py_read, METH_VARARGS, "read(inputs, options) -> dict (internal)" },
    { "diff", py_diff, METH_VARARGS, "diff(old, new, read_options, diff_options) -> dict (internal)" },
    { "checks", py_checks, METH_NOARGS, "checks() -> list of dict (internal)" },
    { "version", py_version, METH_NOARGS, "the version of libmemfold linked" },
    { NULL, NULL, 0, NULL },
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "memfold._memfold",
    "libmemfold's public API for the memfold package (internal: use memfold).", -1, methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__memfold(void)
{
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    if (PyModule_AddIntConstant(m, "SCAN_FAST", MF_SCAN_FAST) ||
        PyModule_AddIntConstant(m, "SCAN_RULES", MF_SCAN_RULES) ||
        PyModule_AddIntConstant(m, "SCAN_CELLS", MF_SCAN_CELLS) ||
        PyModule_AddIntConstant(m, "FMT_TEXT", MF_FMT_TEXT) ||
        PyModule_AddIntConstant(m, "FMT_CSV", MF_FMT_CSV) ||
        PyModule_AddIntConstant(m, "FMT_JSON", MF_FMT_JSON) ||
        PyModule_AddIntConstant(m, "FMT_NDJSON", MF_FMT_NDJSON) ||
        PyModule_AddIntConstant(m, "ERR_IO", MF_ERR_IO) ||
        PyModule_AddIntConstant(m, "ERR_INPUT", MF_ERR_INPUT) ||
        PyModule_AddIntConstant(m, "ERR_ARG", MF_ERR_ARG) ||
        PyModule_AddIntConstant(m, "ERR_KIND", MF_ERR_KIND) ||
        PyModule_AddIntConstant(m, "DIFF_UNTRUSTED", MF_DIFF_UNTRUSTED)) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
