/* dat/emit_lines.c -- one row per sample of a .dat file: source, run, time,
 * mem_mib, pid, event, through the records writer (core/records.h).  A
 * FUNC line gives two rows (its start and its end); a CMDLINE line gives
 * none.
 *
 * The rows are held and written at the end in time order within each run
 * of each input (ties, and inputs and runs, in file order): mprof writes
 * the MEM samples as it takes them, but a program run under `mprof run
 * --python` (or with @profile) writes its FUNC lines itself, all of them
 * at its exit, before or among the samples.  Numbers are written exactly
 * as the file printed them; a text table pads each column with zeros to
 * the most decimals of its values.  MF_DAT_LINES_RELATIVE: the time is
 * seconds since the run's first MEM sample (its first row when it has
 * none), t = 0 on `mprof plot`'s axis, exact, with the decimals of the
 * two times. */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "core/records.h"
#include "core/util.h"

enum { K_MEM, K_CHLD, K_START, K_END };

typedef struct drow {
    uint64_t run, pid, seq;
    int64_t t;               /* the time, scaled: the order */
    size_t text;             /* in the writer's text: time, mem, then the name */
    uint32_t src;            /* which input (the order of inputs) */
    uint32_t name_len;       /* FUNC: the function's name */
    uint16_t time_len, mem_len;
    uint8_t time_prec, mem_prec;   /* (the values: their text, parsed again) */
    uint8_t kind;
} drow;

struct mf_dat_lines_writer {
    FILE *out;
    int fmt;
    unsigned flags;
    drow *rows;
    size_t n, cap;
    char *text;              /* the numbers as printed, and function names */
    size_t tn, tcap;
    char **sources;          /* each input's name, in order */
    size_t nsources, scap;
    char *ev;                /* a FUNC row's event text */
    size_t evcap;
    int err;                 /* a write error */
};

enum { F_SOURCE, F_RUN, F_TIME, F_MEM, F_PID, F_EVENT, NFIELDS };

/* A streamed table for people: the event holds a function name from the
   input, shown escaped. */
static const rec_column TEXT_COLS[] = {
    { "RUN", REC_INTEGER, 0, 0, 4, F_RUN }, { "TIME", REC_DECIMAL, 0, 1, 16, F_TIME },
    { "MEM MiB", REC_DECIMAL, 0, 1, 12, F_MEM }, { "PID", REC_INTEGER, 0, 1, 8, F_PID },
    { "EVENT", REC_TEXT, 1, 2, 0, F_EVENT },
};

/* CSV, JSON, NDJSON, SQL. */
static const rec_column DATA_COLS[] = {
    { "source", REC_TEXT, 0, 0, 0, F_SOURCE }, { "run", REC_INTEGER, 0, 0, 0, F_RUN },
    { "time", REC_DECIMAL, 0, 0, 0, F_TIME }, { "mem_mib", REC_DECIMAL, 0, 0, 0, F_MEM },
    { "pid", REC_INTEGER, 0, 0, 0, F_PID }, { "event", REC_TEXT, 0, 0, 0, F_EVENT },
};

mf_dat_lines_writer *mf_dat_lines_begin_flags(FILE *out, int fmt, unsigned flags)
{
    mf_dat_lines_writer *lw = try_malloc(sizeof *lw);
    if (!lw)
        return NULL;
    memset(lw, 0, sizeof *lw);
    lw->out = out;
    lw->fmt = fmt;
    lw->flags = flags;
    return lw;
}

mf_dat_lines_writer *mf_dat_lines_begin(FILE *out, int fmt)
{
    return mf_dat_lines_begin_flags(out, fmt, 0);
}

static size_t put_text(mf_dat_lines_writer *lw, const char *s, size_t n)
{
    if (lw->tn + n > lw->tcap) {
        size_t cap = (lw->tn + n) * 2 + 4096;
        lw->text = xrealloc(lw->text, cap);
        lw->tcap = cap;
    }
    size_t at = lw->tn;
    if (n)
        memcpy(lw->text + at, s, n);
    lw->tn += n;
    return at;
}

static void add_row(mf_dat_lines_writer *lw, const mf_dat_record *r, int kind, mf_field time_f,
                    mf_decimal time, mf_field mem_f, mf_decimal mem)
{
    if (lw->n == lw->cap) {
        size_t cap = lw->cap ? 2 * lw->cap : 256;
        lw->rows = xrealloc(lw->rows, cap * sizeof *lw->rows);
        lw->cap = cap;
    }
    drow *d = &lw->rows[lw->n];
    memset(d, 0, sizeof *d);
    d->run = r->run;
    d->pid = r->pid;
    d->seq = lw->n;
    d->t = mf_decimal_scaled(time);
    d->src = (uint32_t)(lw->nsources - 1);
    d->kind = (uint8_t)kind;
    d->time_prec = time.prec;
    d->mem_prec = mem.prec;
    d->time_len = (uint16_t)(time_f.len > 64 ? 64 : time_f.len);
    d->mem_len = (uint16_t)(mem_f.len > 64 ? 64 : mem_f.len);
    d->text = put_text(lw, mf_dat_str(r, time_f), d->time_len);
    put_text(lw, mf_dat_str(r, mem_f), d->mem_len);
    if (kind == K_START || kind == K_END) {
        d->name_len = (uint32_t)r->function_len;
        put_text(lw, r->function, r->function_len);
    }
    lw->n++;
}

static void lines_record(mf_dat_lines_writer *lw, const char *source, const mf_dat_record *r)
{
    if (!source)
        source = r->source ? r->source : "-";
    if (lw->nsources == 0 || strcmp(lw->sources[lw->nsources - 1], source) != 0) {
        if (lw->nsources == lw->scap) {
            size_t cap = lw->scap ? 2 * lw->scap : 8;
            lw->sources = xrealloc(lw->sources, cap * sizeof *lw->sources);
            lw->scap = cap;
        }
        lw->sources[lw->nsources] = xstrndup(source, strlen(source));
        lw->nsources++;
    }
    switch (r->kind) {
    case MF_DAT_MEM:
        add_row(lw, r, K_MEM, r->time_f, r->time, r->mem_f, r->mem);
        break;
    case MF_DAT_CHLD:
        add_row(lw, r, K_CHLD, r->time_f, r->time, r->mem_f, r->mem);
        break;
    case MF_DAT_FUNC:
        add_row(lw, r, K_START, r->time_f, r->time, r->mem_f, r->mem);
        add_row(lw, r, K_END, r->end_time_f, r->end_time, r->end_mem_f, r->end_mem);
        break;
    default:
        break;
    }
}

int mf_dat_lines_record(mf_dat_lines_writer *lw, const char *source, const mf_dat_record *r)
{
    GUARDED(lines_record(lw, source, r));
}

static int cmp_row(const void *pa, const void *pb)
{
    const drow *a = pa, *b = pb;
    if (a->src != b->src)
        return a->src < b->src ? -1 : 1;
    if (a->run != b->run)
        return a->run < b->run ? -1 : 1;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return (a->seq > b->seq) - (a->seq < b->seq);
}

/* The time of row d as written: as printed, or since t0 (relative). */
static void time_text(const mf_dat_lines_writer *lw, const drow *d, const drow *t0, char *buf,
                      mf_decimal *val)
{
    if (!(lw->flags & MF_DAT_LINES_RELATIVE)) {
        memcpy(buf, lw->text + d->text, d->time_len);
        buf[d->time_len] = '\0';
        mf_decimal_parse(buf, d->time_len, val);
        return;
    }
    int prec = d->time_prec > t0->time_prec ? d->time_prec : t0->time_prec;
    if (prec > MF_SCALE_DIGITS)
        prec = MF_SCALE_DIGITS;
    int64_t diff = d->t - t0->t;
    mf_format_scaled(buf, diff, prec);
    val->mant = diff / MF_POW10[MF_SCALE_DIGITS - prec];
    val->prec = (uint8_t)prec;
}

/* The first MEM sample of the run that starts at rows[i] (its first row
   when it has none), and where the run ends. */
static size_t run_start(const mf_dat_lines_writer *lw, size_t i, size_t *end)
{
    size_t j = i, mem = (size_t)-1;
    for (; j < lw->n && lw->rows[j].src == lw->rows[i].src && lw->rows[j].run == lw->rows[i].run;
         j++)
        if (mem == (size_t)-1 && lw->rows[j].kind == K_MEM)
            mem = j;
    *end = j;
    return mem == (size_t)-1 ? i : mem;
}

__attribute__((noinline))
static void write_rows(mf_dat_lines_writer *lw)
{
    char **event = &lw->ev;
    size_t *evcap = &lw->evcap;
    static const rec_opts opts = { .json_newline = 1, .table = "mprof_lines" };
    static const rec_table table = { REC_COLS(TEXT_COLS), REC_COLS(DATA_COLS) };
    int text = lw->fmt == MF_FMT_TEXT;
    if (lw->n)   /* (rows is NULL when there are none) */
        qsort(lw->rows, lw->n, sizeof *lw->rows, cmp_row);
    /* a text table: one precision a column */
    int dtime = 0, dmem = 0;
    for (size_t i = 0, end, t0; text && i < lw->n; i = end) {
        t0 = run_start(lw, i, &end);
        for (size_t k = i; k < end; k++) {
            const drow *d = &lw->rows[k];
            int tp = d->time_prec;
            if ((lw->flags & MF_DAT_LINES_RELATIVE) && lw->rows[t0].time_prec > tp)
                tp = lw->rows[t0].time_prec;
            dtime = tp > dtime ? tp : dtime;
            dmem = d->mem_prec > dmem ? d->mem_prec : dmem;
        }
    }
    if (lw->fmt == MF_FMT_SQL)
        fputs("BEGIN;\n", lw->out);
    rec_writer *w = rec_begin_table(lw->out, lw->fmt, &table, &opts);
    for (size_t i = 0, end, t0; i < lw->n; i = end) {
        t0 = run_start(lw, i, &end);
        for (size_t k = i; k < end; k++) {
            const drow *d = &lw->rows[k];
            rec_value v[NFIELDS];
            char tbuf[80], mbuf[80];
            mf_decimal tval;
            time_text(lw, d, &lw->rows[t0], tbuf, &tval);
            memcpy(mbuf, lw->text + d->text + d->time_len, d->mem_len);
            mbuf[d->mem_len] = '\0';
            mf_decimal mval;
            mf_decimal_parse(mbuf, d->mem_len, &mval);
            if (text) {
                rec_pad(tbuf, sizeof tbuf, tbuf, dtime);
                rec_pad(mbuf, sizeof mbuf, mbuf, dmem);
            }
            v[F_SOURCE] = rec_str(lw->sources[d->src]);
            v[F_RUN] = rec_u64(d->run);
            v[F_PID] = d->kind == K_CHLD ? rec_u64(d->pid) : rec_none();
            v[F_TIME] = rec_dec(tbuf, strlen(tbuf), tval);
            v[F_MEM] = rec_dec(mbuf, strlen(mbuf), mval);
            if (d->kind == K_MEM) {
                v[F_EVENT] = rec_str("MEM");
            } else if (d->kind == K_CHLD) {
                v[F_EVENT] = rec_str("CHLD");
            } else {
                /* "FUNC <name> start" or "... end" (the name's bytes as
                   they are, a NUL among them too) */
                size_t n = 5 + d->name_len;
                if (n + 6 > *evcap) {
                    *event = xrealloc(*event, n + 6);
                    *evcap = n + 6;
                }
                memcpy(*event, "FUNC ", 5);
                memcpy(*event + 5, lw->text + d->text + d->time_len + d->mem_len, d->name_len);
                if (d->kind == K_START)
                    memcpy(*event + n, " start", 6);
                else
                    memcpy(*event + n, " end", 4);
                v[F_EVENT] = rec_strn(*event, n + (d->kind == K_START ? 6 : 4));
            }
            rec_row(w, v);
        }
    }
    int err = rec_end(w);
    if (lw->fmt == MF_FMT_SQL)
        fputs("COMMIT;\n", lw->out);
    lw->err = err || ferror(lw->out);
}

int mf_dat_lines_end(mf_dat_lines_writer *lw)
{
    mf_guard g;
    lw->err = MF_ERR_NOMEM;
    if (!GUARD(&g)) {   /* (the records writer is released by itself) */
        write_rows(lw);
        guard_end(&g);
    }
    int rc = lw->err ? lw->err == MF_ERR_NOMEM ? MF_ERR_NOMEM : -1 : MF_OK;
    xfree(lw->ev);
    for (size_t i = 0; i < lw->nsources; i++)
        xfree(lw->sources[i]);
    xfree(lw->sources);
    xfree(lw->rows);
    xfree(lw->text);
    xfree(lw);
    return rc;
}
