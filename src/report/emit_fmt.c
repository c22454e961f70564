/* report/emit_fmt.c -- print a block in memory_profiler's own layout, from the
 * AST alone ("memfold fmt").  For a report written straight to a stream
 * the output is byte for byte the input's blocks; what an editor or a
 * logger changed (alignment, stripped padding, CRLF, prefixes, a missing
 * closing blank line) comes out as memory_profiler printed it.
 *
 * The row template is '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}' (0.58+)
 * or '{0:>6} {1:>12} {2:>12}   {3:<}' (older); each value cell is the
 * number padded to precision + 4 columns, then " MiB".  Its numbers and
 * the header texts are report/format.h's, which the validator checks
 * against.
 */
#include <string.h>
#include "memfold.h"
#include "report/format.h"

static void pad_to(FILE *out, size_t have, size_t width)
{
    for (; have < width; have++)
        putc(' ', out);
}

/* A value cell: number (padded to prec + 4), space, unit; right-aligned
   in 12 columns. */
static void value_cell(FILE *out, const mf_row *r, const mf_value *v)
{
    size_t inner = row_number_width(v->text.len, v->num.prec);
    pad_to(out, inner + 1 + v->unit.len, ROW_VALUE_WIDTH);
    pad_to(out, v->text.len, inner);
    fwrite(mf_row_str(r, v->text), 1, v->text.len, out);
    putc(' ', out);
    fwrite(mf_row_str(r, v->unit), 1, v->unit.len, out);
}

static void row(FILE *out, const mf_block *b, const mf_row *r)
{
    pad_to(out, r->lineno_f.len, ROW_LINENO_WIDTH);
    fwrite(mf_row_str(r, r->lineno_f), 1, r->lineno_f.len, out);
    if (r->flags & MF_ROW_MEASURED) {
        pad_to(out, 0, ROW_VALUE_GAP);
        value_cell(out, r, &r->mem);
        pad_to(out, 0, ROW_VALUE_GAP);
        value_cell(out, r, &r->inc);
        if (!b->old_layout) {
            pad_to(out, 0, ROW_OCC_GAP);
            pad_to(out, r->occ_f.len, ROW_OCC_WIDTH);
            fwrite(mf_row_str(r, r->occ_f), 1, r->occ_f.len, out);
        }
        pad_to(out, 0, ROW_CONTENT_GAP);
    } else {
        pad_to(out, 0, row_content_pad(b->old_layout));
    }
    fwrite(mf_row_str(r, r->content), 1, r->content.len, out);
    putc('\n', out);
}

void mf_emit_fmt_block(FILE *out, const mf_block *b)
{
    size_t hlen;
    int gen = b->generation != MF_GEN_UNKNOWN ? b->generation
            : b->old_layout ? MF_GEN_OLD : MF_GEN_061;
    const char *header = mf_header_text(gen, &hlen);

    /* A table that had no Filename: line gets none: its file is unknown. */
    if (!(b->flags & MF_BLOCK_NO_FILENAME)) {
        fputs("Filename: ", out);
        fwrite(b->filename_line.text + b->filename.off, 1, b->filename.len, out);
        fputs("\n\n", out);
    }
    fwrite(header, 1, hlen, out);
    putc('\n', out);
    /* LogFile(reportIncrementFlag=True) dropped the rule and the rows
       without an increment; they cannot be put back, so neither is the rule. */
    if (b->flags & MF_BLOCK_HAS_RULE || (b->nrows > 0 && !mf_block_increment_only(b))) {
        for (size_t i = 0; i < hlen; i++)
            putc('=', out);
        putc('\n', out);
    }
    for (size_t i = 0; i < b->nrows; i++)
        row(out, b, &b->rows[i]);
    /* the closing "\n\n"; one of them is missing when the source file
       had no final newline (then memory_profiler printed just one) */
    fputs(b->end_blanks == 1 ? "\n" : "\n\n", out);
}
