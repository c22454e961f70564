/* read/reader.c -- one reader for every command: what an input is (a report,
 * an mprof .dat file, a summary JSON; a Jupyter notebook is a report whose
 * text is taken from its cells, read/notebook.h), then parse -> check -> hand on,
 * with the verdict of the checks.  The policy every command shares lives
 * here: which blocks are left out and which are only cut off, one kind of
 * input per run, the checks of an input as a whole, a cut compressed input
 * reported as an error in the input.
 *
 * The check settings are kept as the list of calls that made them and
 * replayed on fresh validators for every input after the first: what a
 * check remembers (the last sample of a .dat run, whether CRLF was
 * reported) belongs to one input, even when two inputs have one name. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/util.h"
#include "report/checks.h"
#include "read/notebook.h"
#include "read/parallel.h"

/* A call that changed the check levels. */
enum { SET_LEVEL, SET_LENIENT, SET_STRICT, SET_PURE };

typedef struct setting {
    int op;
    char *name;              /* SET_LEVEL */
    int level;
} setting;

struct mf_reader {
    mf_reader_handlers h;
    void *user;
    unsigned accept;
    int one_kind;
    int kind;                /* of the run: the first input's */
    int syntax_only;
    size_t summary_max;
    mf_parser *parser;
    mf_validator *v;
    mf_dat_validator *dv;
    int fresh;               /* v and dv have seen no input yet */
    setting *set;
    size_t nset, capset;
    uint64_t errors, warnings;
    const nb_doc *nb;        /* the notebook being read: its diagnostics name the cell */
    char *nb_file[2];        /* "NAME:cell N" of a diagnostic and of its note */
    size_t nb_cap;           /* the room of each */
    int scan;                /* MF_SCAN_*, for the parser and the validators */
    par_opts par;            /* parallel reading (read/parallel.h) */
    par_result last;         /* what the last report input's read did */
};

/* ---- what the passes report and hand on ------------------------------------ */

/* A diagnostic about a line of a notebook's text names the notebook, the
   cell and the line in the cell: *to, a copy of *d, is changed so. */
static void nb_remap(const mf_reader *r, const mf_diag *d, int which, mf_diag *to)
{
    uint32_t cell;
    uint64_t line;
    if (!d->line || !d->file || !nb_where(r->nb, d->line, &cell, &line))
        return;
    snprintf(r->nb_file[which], r->nb_cap, "%s:cell %u", d->file, cell);
    to->file = r->nb_file[which];
    to->line = line;
}

static void on_diag(const mf_diag *d, void *user)
{
    mf_reader *r = user;
    mf_diag mapped, note;
    if (r->nb) {
        mapped = *d;
        nb_remap(r, d, 0, &mapped);
        if (d->note) {
            note = *d->note;
            nb_remap(r, d->note, 1, &note);
            mapped.note = &note;
        }
        d = &mapped;
    }
    if (d->severity == MF_ERROR)
        r->errors++;
    else if (d->severity == MF_WARNING)
        r->warnings++;
    if (r->h.on_diag)
        r->h.on_diag(d, r->h.diag_user ? r->h.diag_user : r->user);
}

/* The rule every command shares: a block with an error is left out, but
   one whose only error is that it was cut off (not ended by a blank line,
   no syntax error) has complete rows. */
static int verdict(mf_reader *r, const mf_block *b)
{
    if (r->syntax_only)
        return mf_block_parsed(b) ? MF_KEPT : MF_LEFT_OUT;
    size_t errors = mf_validate_block(r->v, b);
    if (errors == 0)
        return MF_KEPT;
    if (mf_block_cut_only(b, errors, mf_validator_cut_errors(r->v)))
        return MF_CUT_ONLY;
    return MF_LEFT_OUT;
}

static int on_block(const mf_block *b, void *user)
{
    mf_reader *r = user;
    int v = verdict(r, b);
    return r->h.on_block ? r->h.on_block(b, v, r->user) : 0;
}

static void on_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    mf_reader *r = user;
    mf_validate_foreign(r->v, source, line, text, len);
    if (r->h.on_text)
        r->h.on_text(source, line, text, len, r->user);
}

static int on_memit(const mf_memit *m, void *user)
{
    mf_reader *r = user;
    mf_memit mapped;
    char file[1024];
    uint32_t cell;
    uint64_t line;
    /* in a notebook, a result is at a line of a cell, like a diagnostic */
    if (r->nb && nb_where(r->nb, m->input_line, &cell, &line) &&
        (size_t)snprintf(file, sizeof file, "%s:cell %u", m->source, cell) < sizeof file) {
        mapped = *m;
        mapped.source = file;
        mapped.input_line = line;
        mapped.statement_line = 0;   /* (a line of the cell's source) */
        m = &mapped;
    }
    return r->h.on_memit ? r->h.on_memit(m, r->user) : 0;
}

static int on_record(const mf_dat_record *rec, void *user)
{
    mf_reader *r = user;
    if (mf_dat_validate_record(r->dv, rec) != 0 || !r->h.on_dat_record)
        return 0;
    return r->h.on_dat_record(rec, r->user);
}

/* ---- the reader and its settings ------------------------------------------- */

mf_reader *mf_reader_new(const mf_reader_handlers *h, void *user)
{
    mf_reader *r = try_zalloc(sizeof *r);
    if (!r)
        return NULL;
    if (h)
        r->h = *h;
    r->user = user;
    r->accept = MF_KIND_REPORT | MF_KIND_DAT;
    r->summary_max = MF_JSON_MAX_BYTES;
    r->fresh = 1;
    r->par.jobs = 1;
    r->par.piece_bytes = PAR_PIECE_BYTES;
    r->par.min_bytes = PAR_MIN_BYTES;
    r->parser = mf_parser_new(on_block, on_diag, r);
    r->v = mf_validator_new(on_diag, r);
    r->dv = mf_dat_validator_new(on_diag, r);
    if (!r->parser || !r->v || !r->dv) {
        mf_reader_free(r);
        return NULL;
    }
    mf_parser_on_text(r->parser, on_text);
    mf_parser_on_memit(r->parser, on_memit);
    return r;
}

void mf_reader_free(mf_reader *r)
{
    if (!r)
        return;
    mf_parser_free(r->parser);
    mf_validator_free(r->v);
    mf_dat_validator_free(r->dv);
    for (size_t i = 0; i < r->nset; i++)
        xfree(r->set[i].name);
    xfree(r->set);
    xfree(r);
}

void mf_reader_accept(mf_reader *r, unsigned kinds, int one_kind)
{
    r->accept = kinds;
    r->one_kind = one_kind;
}

int mf_reader_kind(const mf_reader *r) { return r->kind; }
void mf_reader_syntax_only(mf_reader *r) { r->syntax_only = 1; }
void mf_reader_summary_max(mf_reader *r, size_t max) { r->summary_max = max; }
uint64_t mf_reader_errors(const mf_reader *r) { return r->errors; }
uint64_t mf_reader_warnings(const mf_reader *r) { return r->warnings; }

/* Make one setting on the validators: 0, or -1 (SET_LEVEL: no such check
   that can be changed). */
static int apply(mf_reader *r, const setting *s)
{
    switch (s->op) {
    case SET_LEVEL:
        if (mf_validator_set(r->v, s->name, s->level) == 0)
            return 0;
        return mf_dat_validator_set(r->dv, s->name, s->level) == 0 ? 0 : -1;
    case SET_LENIENT:
        mf_validator_lenient(r->v);
        return 0;
    case SET_STRICT:
        mf_validator_strict(r->v);
        mf_dat_validator_strict(r->dv);
        return 0;
    default:   /* SET_PURE */
        mf_validator_set(r->v, chk_name(CHK_FOREIGN_TEXT), MF_LEVEL_WARNING);
        return 0;
    }
}

/* Make a setting now and keep it for the inputs to come: MF_OK,
   MF_ERR_ARG (no such check that can be changed) or MF_ERR_NOMEM. */
static int setting_add(mf_reader *r, int op, const char *name, int level)
{
    setting s = { op, NULL, level };
    if (name) {
        size_t n = strlen(name);
        if (!(s.name = try_malloc(n + 1)))
            return MF_ERR_NOMEM;
        memcpy(s.name, name, n + 1);
    }
    if (apply(r, &s) != 0) {
        xfree(s.name);
        return MF_ERR_ARG;
    }
    if (r->nset == r->capset) {
        size_t cap = r->capset ? 2 * r->capset : 8;
        setting *more = try_realloc(r->set, cap * sizeof *more);
        if (!more) {
            xfree(s.name);
            return MF_ERR_NOMEM;
        }
        r->set = more;
        r->capset = cap;
    }
    r->set[r->nset++] = s;
    return MF_OK;
}

int mf_reader_set_check(mf_reader *r, const char *name, int level)
{
    return setting_add(r, SET_LEVEL, name, level);
}

int mf_reader_lenient(mf_reader *r) { return setting_add(r, SET_LENIENT, NULL, 0); }
int mf_reader_strict(mf_reader *r) { return setting_add(r, SET_STRICT, NULL, 0); }
int mf_reader_pure(mf_reader *r) { return setting_add(r, SET_PURE, NULL, 0); }

int mf_reader_set_prefix(mf_reader *r, const char *prefix, mf_error *err)
{
    return mf_parser_set_prefix(r->parser, prefix, err);
}

void mf_reader_set_scan(mf_reader *r, int mode)
{
    r->scan = mode;
    mf_parser_set_scan(r->parser, mode);
    mf_validator_set_scan(r->v, mode);
}

void mf_reader_set_block_limit(mf_reader *r, size_t rows)
{
    mf_parser_set_block_limit(r->parser, rows);
}

void mf_reader_set_jobs(mf_reader *r, unsigned jobs)
{
    if (jobs == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = n > 0 ? (unsigned)n : 1;
    }
    r->par.jobs = jobs;
}

void mf_reader_set_split(mf_reader *r, uint64_t piece_bytes, uint64_t min_bytes)
{
    r->par.piece_bytes = piece_bytes ? piece_bytes : PAR_PIECE_BYTES;
    r->par.min_bytes = min_bytes;
}

uint64_t mf_reader_pieces(const mf_reader *r, uint64_t *proposed, unsigned *threads)
{
    if (proposed)
        *proposed = r->last.proposed;
    if (threads)
        *threads = r->last.threads;
    return r->last.replayed;
}

/* Fresh validators with the same settings, for the next input. */
static int renew_checks(mf_reader *r)
{
    mf_validator *v = mf_validator_new(on_diag, r);
    mf_dat_validator *dv = mf_dat_validator_new(on_diag, r);
    if (!v || !dv) {
        mf_validator_free(v);
        mf_dat_validator_free(dv);
        return -1;
    }
    mf_validator_free(r->v);
    mf_dat_validator_free(r->dv);
    r->v = v;
    r->dv = dv;
    mf_validator_set_scan(v, r->scan);
    for (size_t i = 0; i < r->nset; i++)
        apply(r, &r->set[i]);
    return 0;
}

/* ---- reading ----------------------------------------------------------------- */

/* A report: in parallel when it is a large plain file and jobs > 1
   (read/parallel.h), else as it comes. */
static int read_report(mf_reader *r, mf_input *in, const char *name, mf_input_stats *stats,
                       mf_error *err)
{
    int rc = par_read(r->parser, in, name, &r->par, stats, &r->last, err);
    return rc != PAR_SERIAL ? rc : mf_parse_input(r->parser, in, name, stats, err);
}

static int detect(const mf_reader *r, mf_input *in)
{
    const char *head;
    size_t n = mf_input_peek(in, &head, 4096);
    if (r->accept == MF_KIND_SUMMARY)
        return MF_KIND_SUMMARY;
    if ((r->accept & MF_KIND_SUMMARY) && mf_profile_is_summary_json(head, n))
        return MF_KIND_SUMMARY;
    return mf_dat_detect(head, n) ? MF_KIND_DAT : MF_KIND_REPORT;
}

/* Compressed data cut short or corrupt: an error in the input, a
   "truncated" diagnostic naming it (not an I/O failure: what was read
   before it counts).  lines: lines read before it (0: not counted). */
static void data_error(mf_reader *r, mf_input *in, const char *name, uint64_t lines)
{
    const char *what = mf_input_data_error(in);
    char msg[160];
    if (!what)
        return;
    if (lines)
        snprintf(msg, sizeof msg, "%s after %llu lines of text", what, (unsigned long long)lines);
    else
        snprintf(msg, sizeof msg, "%s", what);
    mf_diag d = { MF_ERROR, chk_name(CHK_TRUNCATED), msg, name, 0, 0, 0, NULL, 0, NULL, 0 };
    on_diag(&d, r);
}

static int read_summary(mf_reader *r, mf_input *in, const char *name, mf_error *err)
{
    size_t len;
    char *text = mf_input_slurp_max(in, r->summary_max, &len);
    if (!text)
        return mf_input_error(in) == ENOMEM
             ? error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory")
             : error_set(err, MF_ERR_IO, mf_input_error(in), "error reading '%s': %s", name,
                         mf_input_strerror(in));
    if (r->h.on_summary)
        r->h.on_summary(text, len, name, r->user);
    mf_free(text);
    return MF_OK;
}

/* A notebook (read/notebook.h): its JSON read whole, within the JSON limit,
   then its text read as a report, each diagnostic about a line of it
   naming the cell.  *read: 0 when the notebook could not be read (a
   "notebook" error said why). */
static int read_notebook(mf_reader *r, mf_input *in, const char *name, mf_input_stats *stats,
                         int *read, mf_error *err)
{
    size_t len;
    nb_doc *doc;
    *read = 0;
    char *json = mf_input_slurp_max(in, r->summary_max, &len);
    if (!json && mf_input_error(in) == EFBIG) {
        char msg[160];
        snprintf(msg, sizeof msg, "a notebook is read whole, up to %zu bytes of JSON "
                 "(MEMFOLD_MAX_JSON_BYTES for memfold): this one holds more", r->summary_max);
        mf_diag d = { MF_ERROR, chk_name(CHK_NOTEBOOK), msg, name, 0, 0, 0, NULL, 0, NULL, 0 };
        on_diag(&d, r);
        return MF_OK;
    }
    if (!json)
        return mf_input_error(in) == ENOMEM
             ? error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory")
             : error_set(err, MF_ERR_IO, mf_input_error(in), "error reading '%s': %s", name,
                         mf_input_strerror(in));
    int rc = nb_load(json, len, name, on_diag, r, &doc);
    mf_free(json);
    if (rc != MF_OK || !doc)
        return rc == MF_OK ? MF_OK : error_set(err, rc, ENOMEM, "out of memory");
    mf_input *text = mf_input_memory(doc->text, doc->len);
    r->nb_cap = strlen(name) + 32;
    r->nb_file[0] = try_malloc(r->nb_cap);
    r->nb_file[1] = try_malloc(r->nb_cap);
    if (!text || !r->nb_file[0] || !r->nb_file[1]) {
        rc = error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory");
    } else {
        r->nb = doc;
        rc = mf_parse_input(r->parser, text, name, stats, err);
        r->nb = NULL;
        *read = 1;
    }
    for (int i = 0; i < 2; i++) {
        xfree(r->nb_file[i]);
        r->nb_file[i] = NULL;
    }
    mf_input_close(text);
    nb_free(doc);
    return rc;
}

int mf_reader_read(mf_reader *r, mf_input *in, const char *name, mf_input_stats *stats,
                   int *kind_out, mf_error *err)
{
    mf_input_stats local;
    int kind = detect(r, in);
    if (kind_out)
        *kind_out = kind;
    error_clear(err);
    if (!(r->accept & (unsigned)kind) || (r->one_kind && r->kind && kind != r->kind))
        return error_set(err, MF_ERR_KIND, 0, "an input of a kind this run does not read");
    if (r->h.on_input && r->h.on_input(kind, name, r->user) != 0)
        return error_set(err, MF_ERR_REFUSED, 0, "refused by on_input");
    if (!r->kind)
        r->kind = kind;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!r->fresh && renew_checks(r) != 0)
        return error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory");
    r->fresh = 0;
    const char *head;
    memset(&r->last, 0, sizeof r->last);
    size_t n = kind == MF_KIND_REPORT ? mf_input_peek(in, &head, 4096) : 0;
    int notebook = n && nb_detect(head, n), text_read = 1;
    int rc = kind == MF_KIND_SUMMARY ? read_summary(r, in, name, err)
           : kind == MF_KIND_DAT     ? mf_dat_parse(in, name, on_record, on_diag, r, stats, err)
           : notebook                ? read_notebook(r, in, name, stats, &text_read, err)
                                     : read_report(r, in, name, stats, err);
    if (rc != MF_OK)
        return rc;
    data_error(r, in, name, notebook ? 0 : stats->lines);
    if (kind == MF_KIND_REPORT && text_read)
        mf_validate_input(r->v, name, stats);
    return MF_OK;
}
