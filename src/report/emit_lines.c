/* report/emit_lines.c -- one record per row ("memfold lines"), streamed block by
 * block through the records writer (core/records.h).  Numbers are written
 * exactly as the report printed them and the contents exactly as the
 * source line, indentation and tabs kept. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/records.h"
#include "core/util.h"

struct mf_lines_writer {
    rec_writer *w;
    int all_rows;
    FILE *out;
    int sql;                 /* -f sql: COMMIT; at the end */
};

/* Every value a row's record holds. */
enum { F_SOURCE, F_BLOCK, F_FILE, F_FUNCTION, F_NAME, F_LINE, F_MEM, F_INC, F_OCC, F_CONTENTS,
       NFIELDS };

/* A streamed table for people: the function name and the contents come
   from the input and are shown escaped. */
static const rec_column TEXT_COLS[] = {
    { "BLOCK", REC_INTEGER, 0, 0, 6, F_BLOCK }, { "LINE", REC_INTEGER, 0, 1, 6, F_LINE },
    { "MEM MiB", REC_DECIMAL, 0, 1, 12, F_MEM }, { "INC MiB", REC_DECIMAL, 0, 1, 12, F_INC },
    { "OCCURRENCES", REC_INTEGER, 0, 1, 11, F_OCC }, { "FUNCTION", REC_TEXT, 1, 2, 20, F_NAME },
    { "CONTENTS", REC_TEXT, 1, 2, 0, F_CONTENTS },
};

/* CSV, JSON, NDJSON. */
static const rec_column DATA_COLS[] = {
    { "source", REC_TEXT, 0, 0, 0, F_SOURCE }, { "block", REC_INTEGER, 0, 0, 0, F_BLOCK },
    { "file", REC_TEXT, 0, 0, 0, F_FILE }, { "function", REC_TEXT, 0, 0, 0, F_FUNCTION },
    { "line", REC_INTEGER, 0, 0, 0, F_LINE }, { "mem_mib", REC_DECIMAL, 0, 0, 0, F_MEM },
    { "increment_mib", REC_DECIMAL, 0, 0, 0, F_INC },
    { "occurrences", REC_INTEGER, 0, 0, 0, F_OCC }, { "contents", REC_TEXT, 0, 0, 0, F_CONTENTS },
};

mf_lines_writer *mf_lines_begin(FILE *out, int fmt, int all_rows)
{
    static const rec_opts opts = { .json_newline = 1, .table = "lines" };
    static const rec_table table = { REC_COLS(TEXT_COLS), REC_COLS(DATA_COLS) };
    mf_lines_writer *lw = try_malloc(sizeof *lw);
    mf_guard g;
    if (!lw)
        return NULL;
    if (GUARD(&g)) {   /* the records writer is released by itself */
        xfree(lw);
        return NULL;
    }
    lw->all_rows = all_rows;
    lw->out = out;
    lw->sql = fmt == MF_FMT_SQL;
    if (lw->sql)
        fputs("BEGIN;\n", out);
    lw->w = rec_begin_table(out, fmt, &table, &opts);
    rec_keep(lw->w);   /* it is lw's now */
    guard_end(&g);
    return lw;
}

static void lines_block(mf_lines_writer *lw, const mf_block *b)
{
    rec_value v[NFIELDS];
    v[F_SOURCE] = rec_str(b->source);
    v[F_BLOCK] = rec_u64(b->index);
    v[F_FILE] = b->filename.len ? rec_strn(b->filename_line.text + b->filename.off,
                                           b->filename.len)
                                : rec_none();   /* no Filename: line: unknown */
    v[F_FUNCTION] = b->function ? rec_strn(b->function, b->function_len) : rec_none();
    v[F_NAME] = b->function ? v[F_FUNCTION] : rec_str("<unknown>");
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if (!mf_row_complete(b, r))   /* malformed, or cut short */
            continue;
        if (!(r->flags & MF_ROW_MEASURED) && !lw->all_rows)
            continue;
        v[F_LINE] = rec_u64(r->lineno);
        v[F_MEM] = v[F_INC] = rec_none();
        if (r->flags & MF_ROW_MEASURED) {
            v[F_MEM] = rec_dec(mf_row_str(r, r->mem.text), r->mem.text.len, r->mem.num);
            v[F_INC] = rec_dec(mf_row_str(r, r->inc.text), r->inc.text.len, r->inc.num);
        }
        v[F_OCC] = (r->flags & MF_ROW_HAS_OCC) ? rec_u64(r->occ) : rec_none();
        v[F_CONTENTS] = rec_strn(mf_row_str(r, r->content), r->content.len);
        rec_row(lw->w, v);
    }
}

int mf_lines_block(mf_lines_writer *lw, const mf_block *b)
{
    GUARDED(lines_block(lw, b));
}

/* A %memit result: a record of its own, named "%memit" (no Python
   function is), with no block and no file; its line is the input's. */
static void lines_memit(mf_lines_writer *lw, const mf_memit *m)
{
    rec_value v[NFIELDS];
    v[F_SOURCE] = rec_str(m->source);
    v[F_BLOCK] = v[F_FILE] = v[F_OCC] = rec_none();
    v[F_FUNCTION] = v[F_NAME] = rec_str("%memit");
    v[F_LINE] = rec_u64(m->input_line);
    v[F_MEM] = rec_dec(m->text + m->peak.text.off, m->peak.text.len, m->peak.num);
    v[F_INC] = m->has_increment ? rec_dec(m->text + m->inc.text.off, m->inc.text.len, m->inc.num)
                                : rec_none();
    v[F_CONTENTS] = m->statement ? rec_strn(m->statement, m->statement_len) : rec_none();
    rec_row(lw->w, v);
}

int mf_lines_memit(mf_lines_writer *lw, const mf_memit *m)
{
    GUARDED(lines_memit(lw, m));
}

int mf_lines_end(mf_lines_writer *lw)
{
    int err = rec_end(lw->w);
    if (lw->sql)
        fputs("COMMIT;\n", lw->out);
    err = err || ferror(lw->out) ? -1 : 0;
    xfree(lw);
    return err;
}
