/* dat/emit_lines.c -- one row per sample of a .dat file, streamed record by
 * record through the records writer (core/records.h): source, run, time,
 * mem_mib, pid, event.  Numbers are written exactly as the file printed
 * them.  A FUNC line gives two rows (its start and its end); a CMDLINE
 * line gives none. */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "core/records.h"
#include "core/util.h"

struct mf_dat_lines_writer {
    rec_writer *w;
    char *ev;                /* a FUNC row's event text */
    size_t evcap;
};

enum { F_SOURCE, F_RUN, F_TIME, F_MEM, F_PID, F_EVENT, NFIELDS };

/* A streamed table for people: the event holds a function name from the
   input, shown escaped. */
static const rec_column TEXT_COLS[] = {
    { "RUN", REC_INTEGER, 0, 0, 4, F_RUN }, { "TIME", REC_DECIMAL, 0, 1, 16, F_TIME },
    { "MEM MiB", REC_DECIMAL, 0, 1, 12, F_MEM }, { "PID", REC_INTEGER, 0, 1, 8, F_PID },
    { "EVENT", REC_TEXT, 1, 2, 0, F_EVENT },
};

/* CSV, JSON, NDJSON. */
static const rec_column DATA_COLS[] = {
    { "source", REC_TEXT, 0, 0, 0, F_SOURCE }, { "run", REC_INTEGER, 0, 0, 0, F_RUN },
    { "time", REC_DECIMAL, 0, 0, 0, F_TIME }, { "mem_mib", REC_DECIMAL, 0, 0, 0, F_MEM },
    { "pid", REC_INTEGER, 0, 0, 0, F_PID }, { "event", REC_TEXT, 0, 0, 0, F_EVENT },
};

mf_dat_lines_writer *mf_dat_lines_begin(FILE *out, int fmt)
{
    static const rec_opts opts = { .json_newline = 1 };
    static const rec_table table = { REC_COLS(TEXT_COLS), REC_COLS(DATA_COLS) };
    mf_dat_lines_writer *lw = try_malloc(sizeof *lw);
    mf_guard g;
    if (!lw)
        return NULL;
    memset(lw, 0, sizeof *lw);
    if (GUARD(&g)) {   /* the records writer is released by itself */
        xfree(lw);
        return NULL;
    }
    lw->w = rec_begin_table(out, fmt, &table, &opts);
    rec_keep(lw->w);   /* it is lw's now */
    guard_end(&g);
    return lw;
}

/* The time and memory of a row. */
static void at(rec_value *v, const mf_dat_record *r, mf_field time_f, mf_decimal time,
               mf_field mem_f, mf_decimal mem)
{
    v[F_TIME] = rec_dec(mf_dat_str(r, time_f), time_f.len, time);
    v[F_MEM] = rec_dec(mf_dat_str(r, mem_f), mem_f.len, mem);
}

static void lines_record(mf_dat_lines_writer *lw, const char *source, const mf_dat_record *r)
{
    rec_value v[NFIELDS];
    if (!source)
        source = r->source ? r->source : "-";
    v[F_SOURCE] = rec_str(source);
    v[F_RUN] = rec_u64(r->run);
    v[F_PID] = rec_none();
    at(v, r, r->time_f, r->time, r->mem_f, r->mem);
    switch (r->kind) {
    case MF_DAT_MEM:
        v[F_EVENT] = rec_str("MEM");
        rec_row(lw->w, v);
        break;
    case MF_DAT_CHLD:
        v[F_PID] = rec_u64(r->pid);
        v[F_EVENT] = rec_str("CHLD");
        rec_row(lw->w, v);
        break;
    case MF_DAT_FUNC: {
        /* "FUNC <name> start", then "FUNC <name> end" at its end (the
           name's bytes as they are, a NUL among them too) */
        size_t n = 5 + r->function_len;
        if (n + 6 > lw->evcap) {   /* the writer's, so that a jump loses nothing */
            lw->ev = xrealloc(lw->ev, n + 6);
            lw->evcap = n + 6;
        }
        char *ev = lw->ev;
        memcpy(ev, "FUNC ", 5);
        memcpy(ev + 5, r->function, r->function_len);
        memcpy(ev + n, " start", 6);
        v[F_EVENT] = rec_strn(ev, n + 6);
        rec_row(lw->w, v);
        memcpy(ev + n, " end", 4);
        v[F_EVENT] = rec_strn(ev, n + 4);
        at(v, r, r->end_time_f, r->end_time, r->end_mem_f, r->end_mem);
        rec_row(lw->w, v);
        break;
    }
    default:
        break;
    }
}

int mf_dat_lines_record(mf_dat_lines_writer *lw, const char *source, const mf_dat_record *r)
{
    GUARDED(lines_record(lw, source, r));
}

int mf_dat_lines_end(mf_dat_lines_writer *lw)
{
    int err = rec_end(lw->w);
    xfree(lw->ev);
    xfree(lw);
    return err;
}
