/* dat_lines.c -- one row per sample of a .dat file, streamed record by
 * record: source, run, time, mem_mib, pid, event.  Numbers are written
 * exactly as the file printed them.  A FUNC line gives two rows (its
 * start and its end); a CMDLINE line gives none. */
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "dat/util.h"
#include "core/textout.h"
#include "core/util.h"

struct mf_dat_lines_writer {
    FILE *out;
    int fmt;
    uint64_t records;
};

static const char CSV_HEAD[] = "source,run,time,mem_mib,pid,event\n";

mf_dat_lines_writer *mf_dat_lines_begin(FILE *out, int fmt)
{
    mf_dat_lines_writer *w = try_malloc(sizeof *w);
    if (!w)
        return NULL;
    w->out = out;
    w->fmt = fmt;
    w->records = 0;
    if (fmt == MF_FMT_CSV)
        fputs(CSV_HEAD, out);
    else if (fmt == MF_FMT_TEXT)
        fprintf(out, "%4s %16s %12s %8s  %s\n", "RUN", "TIME", "MEM MiB", "PID", "EVENT");
    return w;
}

/* One row: the event is "MEM", "CHLD", or "FUNC <name> start|end". */
typedef struct row {
    uint64_t run;
    mf_field time_f, mem_f;
    mf_decimal time, mem;
    const char *pid;          /* "" for the main process */
    const char *event;
    const char *name;         /* FUNC: the function */
    size_t name_len;
    const char *suffix;       /* FUNC: " start" or " end" */
} row;

static void row_csv(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r,
                    const row *x)
{
    FILE *out = w->out;
    csv_field(out, source, strlen(source));
    fprintf(out, ",%llu,%.*s,%.*s,%s,", (unsigned long long)x->run, (int)x->time_f.len,
            mf_dat_str(r, x->time_f), (int)x->mem_f.len, mf_dat_str(r, x->mem_f), x->pid);
    if (x->name) {
        /* "FUNC <name> start" as one field, quoted as a whole if need be */
        size_t n = strlen(x->event) + 1 + x->name_len + strlen(x->suffix);
        char *ev = xmalloc(n + 1);
        snprintf(ev, n + 1, "%s %.*s%s", x->event, (int)x->name_len, x->name, x->suffix);
        csv_field(out, ev, n);
        xfree(ev);
    } else {
        fputs(x->event, out);
    }
    putc('\n', out);
}

static void row_json(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r,
                     const row *x)
{
    FILE *out = w->out;
    if (w->fmt == MF_FMT_JSON)
        fputs(w->records ? ",\n" : "[\n", out);
    fputs("{\"source\": ", out);
    json_write_string(out, source, strlen(source));
    fprintf(out, ", \"run\": %llu, \"time\": ", (unsigned long long)x->run);
    json_write_number(out, mf_dat_str(r, x->time_f), x->time_f.len, x->time);
    fputs(", \"mem_mib\": ", out);
    json_write_number(out, mf_dat_str(r, x->mem_f), x->mem_f.len, x->mem);
    fprintf(out, ", \"pid\": %s, \"event\": ", x->pid[0] ? x->pid : "null");
    if (x->name) {
        size_t n = strlen(x->event) + 1 + x->name_len + strlen(x->suffix);
        char *ev = xmalloc(n + 1);
        snprintf(ev, n + 1, "%s %.*s%s", x->event, (int)x->name_len, x->name, x->suffix);
        json_write_string(out, ev, n);
        xfree(ev);
    } else {
        json_write_string(out, x->event, strlen(x->event));
    }
    putc('}', out);
    if (w->fmt == MF_FMT_NDJSON)
        putc('\n', out);
}

/* The function name comes from the input: a control character in it is
   shown escaped, never sent to the terminal. */
static void row_text(mf_dat_lines_writer *w, const mf_dat_record *r, const row *x)
{
    fprintf(w->out, "%4llu %16.*s %12.*s %8s  %s", (unsigned long long)x->run,
            (int)x->time_f.len, mf_dat_str(r, x->time_f), (int)x->mem_f.len,
            mf_dat_str(r, x->mem_f), x->pid, x->event);
    if (x->name) {
        putc(' ', w->out);
        text_escaped(w->out, x->name, x->name_len);
        fputs(x->suffix, w->out);
    }
    putc('\n', w->out);
}

static void write_row(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r,
                      const row *x)
{
    switch (w->fmt) {
    case MF_FMT_CSV: row_csv(w, source, r, x); break;
    case MF_FMT_JSON:
    case MF_FMT_NDJSON: row_json(w, source, r, x); break;
    default: row_text(w, r, x); break;
    }
    w->records++;
}

static void lines_record(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r);

int mf_dat_lines_record(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r)
{
    mf_guard g;
    if (GUARD(&g))
        return MF_ERR_NOMEM;
    lines_record(w, source, r);
    guard_end(&g);
    return MF_OK;
}

static void lines_record(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r)
{
    char pid[24] = "";
    row x;
    memset(&x, 0, sizeof x);
    if (!source)
        source = r->source ? r->source : "-";
    x.run = r->run;
    x.pid = pid;
    x.time_f = r->time_f;
    x.time = r->time;
    x.mem_f = r->mem_f;
    x.mem = r->mem;
    switch (r->kind) {
    case MF_DAT_MEM:
        x.event = "MEM";
        write_row(w, source, r, &x);
        break;
    case MF_DAT_CHLD:
        snprintf(pid, sizeof pid, "%llu", (unsigned long long)r->pid);
        x.event = "CHLD";
        write_row(w, source, r, &x);
        break;
    case MF_DAT_FUNC:
        x.event = "FUNC";
        x.name = r->function;
        x.name_len = r->function_len;
        x.suffix = " start";
        write_row(w, source, r, &x);
        x.time_f = r->end_time_f;
        x.time = r->end_time;
        x.mem_f = r->end_mem_f;
        x.mem = r->end_mem;
        x.suffix = " end";
        write_row(w, source, r, &x);
        break;
    default:
        break;
    }
}

int mf_dat_lines_end(mf_dat_lines_writer *w)
{
    if (w->fmt == MF_FMT_JSON)
        fputs(w->records ? "\n]\n" : "[]\n", w->out);
    int err = ferror(w->out) ? -1 : 0;
    xfree(w);
    return err;
}
