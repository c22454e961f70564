/* report/validate.c -- the validation pass: does a block look exactly as
 * memory_profiler prints it?  Walks the AST only; every diagnostic points
 * at the field it is about.  The checks and their names are in checks.c;
 * the header texts, rule lengths and row template it checks against are
 * in format.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "report/checks.h"
#include "report/format.h"
#include "core/checkset.h"
#include "core/util.h"

struct mf_validator {
    mf_diag_fn on_diag;
    void *user;
    checkset checks;        /* the levels, and the counts of what was reported */
    char *crlf_source;      /* the input whose CRLF was already reported */
    size_t cut_errors;      /* of the last block's errors, those saying it stops early */
    int as_printed;         /* take a row as printed in one test (MF_SCAN_FAST) */
};

mf_validator *mf_validator_new(mf_diag_fn on_diag, void *user)
{
    mf_validator *v = try_malloc(sizeof *v);
    if (!v)
        return NULL;
    size_t n;
    const mf_check_info *c = mf_checks(&n);
    memset(v, 0, sizeof *v);
    v->on_diag = on_diag;
    v->user = user;
    v->as_printed = 1;
    checkset_init(&v->checks, c, n);
    return v;
}

void mf_validator_free(mf_validator *v)
{
    if (v) {
        xfree(v->crlf_source);
        xfree(v);
    }
}

/* The levels are a check set's (core/checkset.c), as the .dat validator's are. */
int mf_validator_set(mf_validator *v, const char *name, int level)
    { return checkset_set(&v->checks, name, level) == 0 ? MF_OK : MF_ERR_ARG; }
void mf_validator_lenient(mf_validator *v) { checkset_lenient(&v->checks); }
void mf_validator_set_scan(mf_validator *v, int mode) { v->as_printed = mode == MF_SCAN_FAST; }
void mf_validator_strict(mf_validator *v) { checkset_strict(&v->checks); }
uint64_t mf_validator_errors(const mf_validator *v) { return v->checks.errors; }
uint64_t mf_validator_warnings(const mf_validator *v) { return v->checks.warnings; }

/* ---- reporting -------------------------------------------------------- */

typedef struct vctx {
    mf_validator *v;
    const mf_block *b;
    size_t errors;
} vctx;

/* A place in the input: a line's text and a byte range on it. */
typedef struct place {
    uint64_t line;
    const char *text;
    size_t len;
    uint32_t col, end;   /* 1-based, end exclusive */
    uint32_t text_col;   /* column of text[0] */
} place;

static place row_place(const mf_row *r, mf_field f)
{
    uint32_t o = r->col_offset;
    place p = { r->input_line, r->text, r->len, o + f.off + 1, o + f.off + f.len + 1, o + 1 };
    return p;
}

/* A row as a line, for messages about the whole line. */
static mf_line row_line(const mf_row *r)
{
    mf_line l = { r->text, r->len, r->input_line, r->col_offset,
                  (r->flags & MF_ROW_CRLF) != 0, r->origin };
    return l;
}

static place line_place(const mf_line *l, uint32_t off, uint32_t len)
{
    uint32_t o = l->col_offset;
    place p = { l->input_line, l->text, l->len, o + off + 1, o + off + len + 1, o + 1 };
    return p;
}

/* Report check chk at a place, with an optional note; returns 1 if it was
   an error (so callers can count what leaves the block out). */
__attribute__((format(printf, 5, 6)))
static int report(vctx *c, enum mf_check_id chk, place at, const mf_diag *note,
                  const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (!checkset_on(&c->v->checks, chk))
        return 0;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mf_diag d = { MF_ERROR, NULL, msg, c->b->source, at.line, at.col, at.end, at.text, at.len,
                  note, at.text_col };
    int error = checkset_report(&c->v->checks, chk, &d, c->v->on_diag, c->v->user);
    c->errors += (size_t)error;
    return error;
}

static mf_diag note_at(const vctx *c, place at, const char *message)
{
    mf_diag d = { MF_NOTE, NULL, message, c->b->source, at.line, at.col, at.end, at.text,
                  at.len, NULL, at.text_col };
    return d;
}

/* ---- the head of a block ------------------------------------------------ */

static int is_control(unsigned char ch)
{
    return ch < 0x20 ? ch != '\t' : ch == 0x7f;
}

static void check_control(vctx *c, const mf_line *l, const char *what)
{
    for (uint32_t i = 0; i < l->len; i++)
        if (is_control((unsigned char)l->text[i])) {
            report(c, CHK_CONTROL_CHAR, line_place(l, i, 1), NULL,
                   "control character 0x%02x in the %s", (unsigned char)l->text[i], what);
            return;
        }
}

/* How the table was pasted or written: reported once a block each. */
static void check_origin(vctx *c)
{
    const mf_block *b = c->b;
    const mf_line *h = &b->header;
    if (b->flags & MF_BLOCK_NO_FILENAME)
        report(c, CHK_NO_FILENAME, line_place(h, 0, 0), NULL,
               "this table has no 'Filename:' line: its file is unknown");
    if (b->flags & MF_BLOCK_ORPHAN_FILENAME)
        report(c, CHK_ORPHAN_FILENAME, line_place(h, 0, 0), NULL,
               "this table's 'Filename:' line is line %llu, parted from it by other lines "
               "(several writers on one stream?)",
               (unsigned long long)b->filename_line.input_line);
    if ((h->origin | b->filename_line.origin) & MF_ORIGIN_QUOTED)
        report(c, CHK_QUOTED, line_place(h, 0, 0), NULL,
               "this table is quoted: %u byte%s of prefix taken off its lines", h->col_offset,
               h->col_offset == 1 ? "" : "s");
    int moved = 0, gap = 0;
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if ((r->origin & MF_ORIGIN_MOVED) && !moved++)
            report(c, CHK_INTERLEAVED, row_place(r, r->lineno_f), NULL,
                   "this table's lines were written between other lines (several writers on "
                   "one stream); they are read in order");
        if ((r->origin & MF_ORIGIN_AFTER_GAP) && !gap++)
            report(c, CHK_ELIDED, row_place(r, r->lineno_f), NULL,
                   "rows were left out of this table before this one (a '...' line)");
    }
}

static void check_filename(vctx *c)
{
    const mf_block *b = c->b;
    check_origin(c);
    if (b->flags & (MF_BLOCK_NO_FILENAME | MF_BLOCK_ORPHAN_FILENAME))
        return;
    if (b->filename.len == 0)
        report(c, CHK_EMPTY_FILENAME, line_place(&b->filename_line, b->filename.off, 0), NULL,
               "'Filename:' names no file");
    check_control(c, &b->filename_line, "Filename: line");
    if (b->head_blanks != 1 && (b->flags & MF_BLOCK_HAS_HEADER))
        report(c, CHK_HEAD_BLANKS, line_place(&b->header, 0, 0), NULL,
               "expected exactly one blank line between 'Filename:' and the header, found %u",
               b->head_blanks);
}

static void check_header(vctx *c)
{
    const mf_block *b = c->b;
    const mf_line *h = &b->header;
    size_t want_len, i;
    if (b->generation != MF_GEN_UNKNOWN)
        return;
    check_control(c, h, "header");
    const char *want = mf_header_text(b->old_layout ? MF_GEN_OLD : MF_GEN_061, &want_len);
    for (i = 0; i < h->len && i < want_len && h->text[i] == want[i]; i++)
        ;
    report(c, CHK_HEADER, line_place(h, (uint32_t)i, (uint32_t)(h->len > i ? h->len - i : 0)),
           NULL, "header differs from memory_profiler's at column %zu; expected \"%s\"", i + 1,
           want);
}

static void check_rule(vctx *c)
{
    const mf_block *b = c->b;
    const mf_line *r = &b->rule;
    if (!(b->flags & MF_BLOCK_HAS_HEADER))
        return;
    if (!(b->flags & MF_BLOCK_HAS_RULE)) {
        if (!mf_block_increment_only(b)) {
            mf_line after = { "", 0, b->header.input_line + 1, 0, 0, 0 };
            if (b->nrows)
                after = row_line(&b->rows[0]);
            report(c, CHK_MISSING_RULE, line_place(&after, 0, 0), NULL,
                   "expected a rule of '=' under the header, before the first row");
        }
        return;
    }
    if (b->rule_len == b->header.len && r->len == b->rule_len)
        return;
    mf_diag note = note_at(c, line_place(&b->header, 0, b->header.len), "the header is here");
    if (b->rule_len != b->header.len) {
        uint32_t from = b->rule_len < b->header.len ? b->rule_len : b->header.len;
        report(c, CHK_RULE_LENGTH, line_place(r, from, (uint32_t)(r->len - from)), &note,
               "rule of %u '=' under a header of %u characters", b->rule_len, b->header.len);
    } else {
        report(c, CHK_RULE_LENGTH, line_place(r, b->rule_len, r->len - b->rule_len), NULL,
               "unexpected text after the rule");
    }
}

/* ---- rows --------------------------------------------------------------- */

/* Where a right-aligned cell of the given width starts after pos. */
static uint32_t aligned(uint32_t pos, uint32_t gap, uint32_t width, uint32_t len)
{
    return pos + gap + (len < width ? width - len : 0);
}

/* Check a Mem usage / Increment cell; returns its end, or 0 if reported.
   The cell is '{:N.Pf} MiB' (N = P + 4: the number is itself padded to
   P + 4 columns) right-aligned in 12 columns after one space (format.h). */
static uint32_t check_value_cell(vctx *c, const mf_row *r, const mf_value *v, uint32_t pos,
                                 const char *name)
{
    uint32_t inner = row_number_width(v->text.len, v->num.prec);
    uint32_t len = inner + 1 + v->unit.len;
    uint32_t want = aligned(pos, ROW_VALUE_GAP, ROW_VALUE_WIDTH, len) + inner - v->text.len;
    if (v->text.off != want) {
        mf_field f = { v->text.off, v->unit.off + v->unit.len - v->text.off };
        report(c, CHK_COLUMN_ALIGN, row_place(r, f), NULL,
               "%s is not where '{:>%d}' puts it (expected it at column %u)", name,
               ROW_VALUE_WIDTH, want + 1);
        return 0;
    }
    return v->unit.off + v->unit.len;
}

static int check_value_text(vctx *c, const mf_row *r, const mf_value *v, const char *name)
{
    if (v->status == MF_NUM_MALFORMED)
        return report(c, CHK_NUMBER, row_place(r, v->text), NULL, "malformed number in %s",
                      name);
    if (v->status == MF_NUM_RANGE)
        return report(c, CHK_NUMBER, row_place(r, v->text), NULL,
                      "%s has too many digits to hold exactly", name);
    if (!mf_decimal_fits(v->num))
        return report(c, CHK_NUMBER, row_place(r, v->text), NULL,
                      "%s is too large to hold exactly (at most 9223372036 MiB)", name);
    if (v->unit.len != 3 || memcmp(mf_row_str(r, v->unit), "MiB", 3) != 0)
        return report(c, CHK_UNIT, row_place(r, v->unit), NULL,
                      "unit of %s is \"%.*s\"; memory_profiler prints MiB", name,
                      (int)v->unit.len, mf_row_str(r, v->unit));
    return 0;
}

/* An old-layout row whose contents start like "      1   ": that is an
   Occurrences cell ('  {:>10}') the pre-0.58 template does not have.  Its
   first ROW_CONTENT_GAP spaces were taken as the separator, so the digits
   end ROW_OCC_GAP + ROW_OCC_WIDTH - ROW_CONTENT_GAP bytes into the
   contents, and the template's three spaces follow them.
   Returns the digits as a field, or an empty one. */
static mf_field occurrences_in_contents(const mf_row *r)
{
    const char *s = mf_row_str(r, r->content);
    uint32_t i = 0, n = r->content.len;
    mf_field none = { 0, 0 };
    while (i < n && s[i] == ' ')
        i++;
    uint32_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > d && i == ROW_OCC_GAP + ROW_OCC_WIDTH - ROW_CONTENT_GAP &&
        n >= i + ROW_CONTENT_GAP && memcmp(s + i, "   ", ROW_CONTENT_GAP) == 0) {
        mf_field f = { r->content.off + d, i - d };
        return f;
    }
    return none;
}

/* An old-layout row with an Occurrences cell in its contents: reported,
   returns 1. */
static int check_old_occurrences(vctx *c, const mf_row *r)
{
    mf_field occ = occurrences_in_contents(r);
    if (occ.len)
        report(c, CHK_OCC_COLUMN, row_place(r, occ), NULL,
               "an Occurrences cell in a block with the pre-0.58 header");
    return occ.len != 0;
}

static void report_zero_occurrences(vctx *c, const mf_row *r)
{
    report(c, CHK_OCC_ZERO, row_place(r, r->occ_f), NULL, "a measured line with 0 occurrences");
}

static void check_padding(vctx *c, const mf_row *r, uint32_t pos, uint32_t want)
{
    if (!(r->flags & MF_ROW_HAS_CONTENT)) {
        mf_field at = { pos, 0 };
        report(c, CHK_STRIPPED_PADDING, row_place(r, at), NULL,
               "row ends after its last cell: trailing spaces were stripped");
    } else if (r->sep.len != want) {
        if (r->content.len == 0)
            report(c, CHK_STRIPPED_PADDING, row_place(r, r->sep), NULL,
                   "row ends in %u of its %u spaces of padding: trailing spaces were stripped",
                   r->sep.len, want);
        else
            report(c, CHK_COLUMN_ALIGN, row_place(r, r->content), NULL,
                   "contents should start at column %u, %u spaces after the last cell",
                   pos + want + 1, want);
    }
}

/* A value cell printed exactly as the template prints it, ending at end:
   a number that holds, right-aligned so its unit " MiB" ends the cell,
   and no wider than the cell leaves it. */
static int value_as_printed(const mf_row *r, const mf_value *v, uint32_t end)
{
    uint32_t unit_at = end - 3;
    return v->status == MF_NUM_OK && v->unit.off == unit_at && v->unit.len == 3 &&
           v->text.off + v->text.len + 1 == unit_at &&
           row_number_width(v->text.len, v->num.prec) + 4 <= ROW_VALUE_WIDTH &&
           memcmp(r->text + unit_at, "MiB", 3) == 0;
}

/* Whether a measured row is every cell where the template puts it, each
   value one that holds in MiB, and the contents three spaces after: then
   check_measured_row's value, column and padding checks all pass (each
   is worked out here once, from the same widths), and only what depends
   on the digits is left to check.  Most rows of a real report are such a
   row.  A shortcut, off but in MF_SCAN_FAST: fuzz_scan and the suite run
   with MEMFOLD_NO_FAST compare it with the checks one by one. */
static int row_as_printed(const mf_block *b, const mf_row *r)
{
    enum {
        MEM_END = ROW_LINENO_WIDTH + ROW_VALUE_GAP + ROW_VALUE_WIDTH,
        INC_END = MEM_END + ROW_VALUE_GAP + ROW_VALUE_WIDTH,
        OCC_END = INC_END + ROW_OCC_GAP + ROW_OCC_WIDTH,
    };
    uint32_t want = MF_ROW_MEASURED | MF_ROW_HAS_CONTENT | (b->old_layout ? 0 : MF_ROW_HAS_OCC);
    if ((r->flags & (want | MF_ROW_HAS_OCC | MF_ROW_OCC_RANGE)) != want ||
        r->sep.len != ROW_CONTENT_GAP || !value_as_printed(r, &r->mem, MEM_END) ||
        !value_as_printed(r, &r->inc, INC_END))
        return 0;
    if (b->old_layout)
        return r->sep.off == INC_END;
    return r->occ_f.off + r->occ_f.len == OCC_END &&
           r->occ_f.off >= INC_END + ROW_OCC_GAP && r->sep.off == OCC_END;
}

static void check_measured_row(vctx *c, const mf_row *r, uint32_t pos)
{
    const mf_block *b = c->b;
    if (check_value_text(c, r, &r->mem, "Mem usage") | check_value_text(c, r, &r->inc, "Increment"))
        return;
    if (!(pos = check_value_cell(c, r, &r->mem, pos, "Mem usage")) ||
        !(pos = check_value_cell(c, r, &r->inc, pos, "Increment")))
        return;
    if (!b->old_layout && !(r->flags & MF_ROW_HAS_OCC)) {
        mf_field at = { pos, 0 };
        report(c, CHK_OCC_COLUMN, row_place(r, at), NULL,
               "missing Occurrences cell in a block with the 0.58+ header");
        return;
    }
    if (b->old_layout && check_old_occurrences(c, r))
        return;
    if (r->flags & MF_ROW_HAS_OCC) {
        uint32_t want = aligned(pos, ROW_OCC_GAP, ROW_OCC_WIDTH, r->occ_f.len);
        if (r->flags & MF_ROW_OCC_RANGE) {
            report(c, CHK_NUMBER, row_place(r, r->occ_f), NULL, "occurrence count too large");
            return;
        }
        if (r->occ_f.off != want) {
            report(c, CHK_COLUMN_ALIGN, row_place(r, r->occ_f), NULL,
                   "Occurrences is not right-aligned in its %d columns (expected it at column %u)",
                   ROW_OCC_WIDTH, want + 1);
            return;
        }
        if (r->occ == 0)
            report_zero_occurrences(c, r);
        pos = r->occ_f.off + r->occ_f.len;
    }
    check_padding(c, r, pos, ROW_CONTENT_GAP);
}

static void check_row_layout(vctx *c, const mf_row *r)
{
    uint32_t n = r->lineno_f.len;
    if (r->flags & MF_ROW_LINENO_RANGE) {
        report(c, CHK_NUMBER, row_place(r, r->lineno_f), NULL, "line number too large");
        return;
    }
    if (n > 1 && mf_row_str(r, r->lineno_f)[0] == '0') {
        report(c, CHK_NUMBER, row_place(r, r->lineno_f), NULL,
               "line number with a leading zero");
        return;
    }
    if (r->lineno_f.off != (n < ROW_LINENO_WIDTH ? ROW_LINENO_WIDTH - n : 0)) {
        report(c, CHK_COLUMN_ALIGN, row_place(r, r->lineno_f), NULL,
               "line number is not right-aligned in its %d columns", ROW_LINENO_WIDTH);
        return;
    }
    uint32_t pos = r->lineno_f.off + n;
    if (pos == ROW_LINENO_WIDTH && c->v->as_printed && row_as_printed(c->b, r)) {
        if (c->b->old_layout)
            check_old_occurrences(c, r);
        else if (r->occ == 0)
            report_zero_occurrences(c, r);
    } else if (r->flags & MF_ROW_MEASURED)
        check_measured_row(c, r, pos);
    else
        check_padding(c, r, pos, row_content_pad(c->b->old_layout));
}

/* The first value's precision is the block's; each other must match. */
static void check_precision(vctx *c)
{
    const mf_block *b = c->b;
    const mf_row *first = NULL;
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if (!mf_row_has_values(r))
            continue;
        if (!first) {
            first = r;
        }
        const mf_value *bad = r->mem.num.prec != first->mem.num.prec ? &r->mem
                            : r->inc.num.prec != first->mem.num.prec ? &r->inc : NULL;
        if (bad) {
            mf_diag note = note_at(c, row_place(first, first->mem.text),
                                   "the block's first value is here");
            report(c, CHK_PRECISION, row_place(r, bad->text), &note,
                   "value printed with %u decimals in a block printed with %u",
                   bad->num.prec, first->mem.num.prec);
            return;
        }
    }
}

static void check_rows(vctx *c)
{
    const mf_block *b = c->b;
    int gaps_allowed = mf_block_increment_only(b);
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if (!mf_row_complete(b, r))
            continue;   /* malformed: reported; cut short: "truncated" says so */
        check_row_layout(c, r);
        if (i > 0 && !gaps_allowed && !(b->rows[i - 1].flags & MF_ROW_MALFORMED) &&
            !(r->origin & MF_ORIGIN_AFTER_GAP) && r->lineno != b->rows[i - 1].lineno + 1)
            report(c, CHK_LINE_NUMBERS, row_place(r, r->lineno_f), NULL,
                   "line %llu follows line %llu; memory_profiler prints every line of a function",
                   (unsigned long long)r->lineno, (unsigned long long)b->rows[i - 1].lineno);
    }
    check_precision(c);
}

static void check_crlf(vctx *c)
{
    const mf_block *b = c->b;
    mf_validator *v = c->v;
    if (v->crlf_source && strcmp(v->crlf_source, b->source) == 0)
        return;
    const mf_line *heads[] = { &b->filename_line, &b->header, &b->rule };
    for (size_t i = 0; i < 3; i++)
        if (heads[i]->crlf) {
            report(c, CHK_CRLF, line_place(heads[i], heads[i]->len, 0), NULL,
                   "CRLF line endings (reported once per input)");
            xfree(v->crlf_source);
            v->crlf_source = NULL;
            v->crlf_source = xstrndup(b->source, strlen(b->source));
            return;
        }
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        if (r->flags & MF_ROW_CRLF) {
            mf_field end = { r->len, 0 };
            report(c, CHK_CRLF, row_place(r, end), NULL,
                   "CRLF line endings (reported once per input)");
            xfree(v->crlf_source);
            v->crlf_source = NULL;
            v->crlf_source = xstrndup(b->source, strlen(b->source));
            return;
        }
    }
}

/* ---- the block as a whole ------------------------------------------------ */

static void check_completeness(vctx *c)
{
    const mf_block *b = c->b;
    if (!(b->flags & MF_BLOCK_TERMINATED)) {
        const mf_row *last = b->nrows ? &b->rows[b->nrows - 1] : NULL;
        mf_line l = last ? row_line(last) : b->header;
        if (!last && !(b->flags & MF_BLOCK_HAS_HEADER))
            l = b->filename_line;
        if (!last || mf_row_cut_short(b, last))
            c->v->cut_errors += (size_t)report(c, CHK_TRUNCATED, line_place(&l, 0, l.len), NULL,
                   "block %llu is cut off by the end of input in the middle of %s",
                   (unsigned long long)b->index, last ? "this row" : "its head");
        else if (!mf_block_increment_only(b) &&   /* those end where the next log line starts */
                 !(b->cut_by_eof && (last->flags & MF_ROW_NO_NEWLINE)))
            /* (and a last row with no newline is how `%mprun -T` saves a report) */
            c->v->cut_errors += (size_t)report(c, CHK_UNTERMINATED, line_place(&l, 0, l.len), NULL,
                   b->cut_by_eof ? "block %llu stops at this row: the input ends before the "
                                   "blank line that closes a block"
                                 : "block %llu stops at this row: no blank line closes it",
                   (unsigned long long)b->index);
    } else if (b->closing.len) {
        report(c, CHK_BLANK_SPACES, line_place(&b->closing, 0, b->closing.len), NULL,
               "the blank line that closes the table holds %u spaces", b->closing.len);
    }
    const mf_line *first = (b->flags & MF_BLOCK_NO_FILENAME) ? &b->header : &b->filename_line;
    if (b->nmeasured == 0)
        report(c, CHK_EMPTY_BLOCK, line_place(first, 0, first->len), NULL,
               "block has no measured rows");
    else if (b->def_row < 0 && !mf_block_increment_only(b))
        report(c, CHK_NO_DEF, row_place(&b->rows[0], b->rows[0].content), NULL,
               "no def row in this block: its function has no name");
}

size_t mf_validate_block(mf_validator *v, const mf_block *b)
{
    vctx c = { v, b, 0 };
    v->cut_errors = 0;
    if (!mf_block_parsed(b))
        return b->syntax_errors ? b->syntax_errors : 1;  /* already reported */
    mf_guard g;
    if (GUARD(&g))
        return (size_t)-1;
    check_filename(&c);
    check_header(&c);
    check_rule(&c);
    check_rows(&c);
    check_crlf(&c);
    check_completeness(&c);
    guard_end(&g);
    return c.errors;
}

size_t mf_validator_cut_errors(const mf_validator *v)
{
    return v->cut_errors;
}

void mf_validate_input(mf_validator *v, const char *source, const mf_input_stats *stats)
{
    mf_block dummy;
    memset(&dummy, 0, sizeof dummy);
    dummy.source = source;
    vctx c = { v, &dummy, 0 };
    place at = { 0, NULL, 0, 0, 0, 0 };
    if (stats->blocks == 0 && stats->memits == 0)   /* a %memit result is a report */
        report(&c, CHK_NO_BLOCKS, at, NULL, "no report block in %llu line%s of input",
               (unsigned long long)stats->lines, stats->lines == 1 ? "" : "s");
}

void mf_validate_foreign(mf_validator *v, const char *source, uint64_t line,
                         const char *text, size_t len)
{
    place at = { line, text, len, 1, (uint32_t)len + 1, 1 };
    mf_block dummy;
    memset(&dummy, 0, sizeof dummy);
    dummy.source = source;
    vctx c = { v, &dummy, 0 };
    report(&c, CHK_FOREIGN_TEXT, at, NULL, "text outside the report blocks");
    static const char tb[] = "Traceback (most recent call last):";
    if (len >= sizeof tb - 1 && memcmp(text, tb, sizeof tb - 1) == 0) {
        place t = { line, text, len, 1, (uint32_t)(sizeof tb - 1), 1 };
        report(&c, CHK_TRACEBACK, t, NULL,
               "a Python traceback: the program raised an exception, and a profiled call it "
               "ended printed no block");
    }
}
