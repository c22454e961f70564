/* report/build.c -- the grammar's actions: build the AST of one block, then
 * hand the finished block to the caller and reuse its memory. */
#include <stdio.h>
#include <string.h>
#include "report/build.h"
#include "report/checks.h"
#include "report/lexstate.h"

static mf_field field_at(const mf_location *at, uint32_t skip, uint32_t len)
{
    mf_field f = { at->first_column - 1 + skip, len };
    return f;
}

static uint32_t width(const mf_location *at)
{
    return at->last_column - at->first_column;
}

static mf_line copy_line(struct mf_parser *p, const mf_tok_line *line, uint64_t at_line)
{
    mf_line l = { arena_strndup(&p->arena, line->text, line->len), line->len, at_line,
                  line->offset, line->crlf, line->flags };
    return l;
}

/* A new block, empty. */
static mf_block *start_block(struct mf_parser *p, const mf_location *at)
{
    mf_block *b = &p->blk;
    arena_reset(&p->arena);
    memset(b, 0, sizeof *b);
    memset(&p->row, 0, sizeof p->row);
    p->in_block = 1;
    p->too_many_rows = 0;
    p->head_missing = 0;
    p->gap = 0;
    p->memit_stmt_line = 0;
    b->source = p->source;
    b->index = p->next_index++;
    b->def_row = -1;
    b->end_line = at->first_line;
    return b;
}

static void set_filename(mf_block *b, mf_line l)
{
    b->filename_line = l;
    b->filename.off = (uint32_t)strlen("Filename: ");
    b->filename.len = l.len - b->filename.off;
}

void build_begin_block(struct mf_parser *p, const mf_tok_line *line, const mf_location *at)
{
    mf_block *b = start_block(p, at);
    set_filename(b, copy_line(p, line, at->first_line));
}

/* A syntax error the parser reports at once: counted, and handed on. */
static void syntax_diag(struct mf_parser *p, const mf_diag *d)
{
    if (p->stats)
        p->stats->syntax_errors++;
    if (p->on_diag) {
        CALLBACK_BEGIN();
        p->on_diag(d, p->user);
        CALLBACK_END();
    }
}

/* ---- orphan Filename: lines ---------------------------------------------
   When several processes write to one pipe, a block's Filename: line can
   be parted from its table by another process's lines.  Such a line is
   kept, in order, and the next table that starts at its header takes the
   oldest one; one that no table takes is reported at the end. */

static void keep_orphan(struct mf_parser *p)
{
    const mf_block *b = &p->blk;
    XGROW(p->orphans, p->cap_orphans, p->norphans, 4);
    mf_line *o = &p->orphans[p->norphans];
    *o = b->filename_line;
    o->text = xstrndup(b->filename_line.text, b->filename_line.len);
    p->norphans++;
}

static int take_orphan(struct mf_parser *p, mf_line *out)
{
    if (p->orphan_next == p->norphans)
        return 0;
    mf_line *o = &p->orphans[p->orphan_next++];
    *out = *o;
    out->text = arena_strndup(&p->arena, o->text, o->len);
    xfree((char *)o->text);
    o->text = NULL;
    if (p->orphan_next == p->norphans)
        p->orphan_next = p->norphans = 0;
    return 1;
}

void build_begin_bare(struct mf_parser *p, const mf_tok_header *h, const mf_tok_line *line,
                      const mf_location *at)
{
    mf_block *b = start_block(p, at);
    mf_line orphan;
    if (take_orphan(p, &orphan)) {
        set_filename(b, orphan);
        b->flags |= MF_BLOCK_ORPHAN_FILENAME;
    } else {
        b->filename_line.text = "";
        b->flags |= MF_BLOCK_NO_FILENAME;
    }
    build_header(p, h, line, at);
}

/* Filename: lines that no table took: each is a table that is missing
   (its header and rows never came). */
void build_finish_input(struct mf_parser *p)
{
    for (size_t i = p->orphan_next; i < p->norphans; i++) {
        mf_line *o = &p->orphans[i];
        mf_diag d = { MF_ERROR, chk_name(CHK_MISSING_HEADER),
                      "a 'Filename:' line with no table: no header follows it, and no later "
                      "table without a 'Filename:' line takes it",
                      p->source, o->input_line, 1 + o->col_offset, 1 + o->col_offset + o->len,
                      o->text, o->len, NULL, 1 + o->col_offset };
        syntax_diag(p, &d);
        xfree((char *)o->text);
        o->text = NULL;
    }
    p->orphan_next = p->norphans = 0;
}

void build_head_blank(struct mf_parser *p)
{
    p->blk.head_blanks++;
}

void build_header(struct mf_parser *p, const mf_tok_header *h, const mf_tok_line *line,
                  const mf_location *at)
{
    mf_block *b = &p->blk;
    b->flags |= MF_BLOCK_HAS_HEADER;
    b->header = copy_line(p, line, at->first_line);
    b->generation = h->generation;
    b->old_layout = h->old_layout;
}

void build_rule(struct mf_parser *p, uint32_t len, const mf_tok_line *line,
                const mf_location *at)
{
    p->blk.flags |= MF_BLOCK_HAS_RULE;
    p->blk.rule = copy_line(p, line, at->first_line);
    p->blk.rule_len = len;
}

void build_sep(struct mf_parser *p, const mf_location *at)
{
    p->row.flags |= MF_ROW_HAS_CONTENT;
    p->row.sep = field_at(at, 0, width(at));
    p->row.content = field_at(at, width(at), 0);
}

void build_content(struct mf_parser *p, const mf_location *at)
{
    p->row.content = field_at(at, 0, width(at));
}

static mf_value value_of(const mf_tok_mib *t, const mf_location *at)
{
    mf_value v;
    v.text = field_at(at, t->num_off, t->num_len);
    v.unit = field_at(at, t->unit_off, t->unit_len);
    v.num = t->num;
    v.status = t->status;
    return v;
}

void build_values(struct mf_parser *p, const mf_tok_mib *mem, const mf_location *mem_at,
                  const mf_tok_mib *inc, const mf_location *inc_at)
{
    p->row.flags |= MF_ROW_MEASURED;
    p->row.mem = value_of(mem, mem_at);
    p->row.inc = value_of(inc, inc_at);
}

void build_occ(struct mf_parser *p, const mf_tok_uint *occ, const mf_location *at)
{
    p->row.flags |= MF_ROW_HAS_OCC;
    if (occ->overflow)
        p->row.flags |= MF_ROW_OCC_RANGE;
    p->row.occ_f = field_at(at, occ->lead, width(at) - occ->lead);
    p->row.occ = occ->value;
}

static mf_row *push_row(struct mf_parser *p)
{
    mf_block *b = &p->blk;
    if (b->nrows == p->cap_rows) {
        p->cap_rows = p->cap_rows ? 2 * p->cap_rows : 64;
        p->rows = xrealloc(p->rows, p->cap_rows * sizeof *p->rows);
    }
    b->rows = p->rows;
    return &p->rows[b->nrows++];
}

/* The first row over the bound: an error at its line number, and the
   block is left out; this row and the ones after it are not kept. */
static void report_too_many_rows(struct mf_parser *p, const mf_tok_uint *lineno,
                                 const mf_location *at, const mf_tok_line *line)
{
    mf_block *b = &p->blk;
    char message[160];
    snprintf(message, sizeof message,
             "a block may hold at most %zu rows (one per source line of the function); "
             "the rest of this one is not read", p->max_rows);
    const mf_line *fl = &b->filename_line;
    mf_diag note = { MF_NOTE, NULL, "the block that starts here is left out", p->source,
                     fl->input_line, 0, 0, fl->text, fl->len, NULL, 1 + fl->col_offset };
    mf_diag d = { MF_ERROR, chk_name(CHK_BLOCK_SIZE), message, p->source, at->first_line,
                  at->first_column + lineno->lead + line->offset, at->last_column + line->offset,
                  line->text, line->len, &note, 1 + line->offset };
    p->too_many_rows = 1;
    b->flags |= MF_BLOCK_MALFORMED;
    b->syntax_errors++;
    syntax_diag(p, &d);
}

static void finish_row(struct mf_parser *p, const mf_tok_uint *lineno, const mf_location *at,
                       const mf_tok_line *line, uint32_t extra_flags)
{
    if (p->blk.nrows >= p->max_rows) {
        if (!p->too_many_rows)
            report_too_many_rows(p, lineno, at, line);
        memset(&p->row, 0, sizeof p->row);
        p->blk.end_line = at->first_line;
        return;
    }
    mf_row *r = push_row(p);
    *r = p->row;
    memset(&p->row, 0, sizeof p->row);
    r->text = arena_strndup(&p->arena, line->text, line->len);
    r->len = line->len;
    /* the contents run to the end of the line (the scanner may have
       read a long line in pieces) */
    if ((r->flags & MF_ROW_HAS_CONTENT) && r->content.off <= line->len)
        r->content.len = line->len - r->content.off;
    r->input_line = at->first_line;
    r->col_offset = line->offset;
    r->origin = line->flags;
    if (p->gap)
        r->origin |= MF_ORIGIN_AFTER_GAP;
    p->gap = 0;
    r->lineno_f = field_at(at, lineno->lead, width(at) - lineno->lead);
    r->lineno = lineno->value;
    r->flags |= extra_flags;
    if (lineno->overflow)
        r->flags |= MF_ROW_LINENO_RANGE;
    if (line->crlf)
        r->flags |= MF_ROW_CRLF;
    if (line->no_newline)
        r->flags |= MF_ROW_NO_NEWLINE;
    if (r->flags & MF_ROW_MEASURED)
        p->blk.nmeasured++;
    p->blk.end_line = at->first_line;
}

void build_row(struct mf_parser *p, const mf_tok_uint *lineno, const mf_location *at,
               const mf_tok_line *line)
{
    finish_row(p, lineno, at, line, 0);
}

/* A row read whole (one ROW token): the row the calls above would build
   from its cells as tokens of their own (build_values, build_occ,
   build_sep, finish_row), made in place. */
static mf_value cell_value(const mf_tok_mib *t, uint32_t cell)
{
    mf_value v;
    v.text.off = cell + t->num_off;
    v.text.len = t->num_len;
    v.unit.off = cell + t->unit_off;
    v.unit.len = t->unit_len;
    v.num = t->num;
    v.status = t->status;
    return v;
}

void build_whole_row(struct mf_parser *p, const mf_tok_row *t, const mf_location *at)
{
    mf_location lineno_at = *at;
    lineno_at.last_column = at->first_column + t->lineno_len;
    if (p->blk.nrows >= p->max_rows) {
        finish_row(p, &t->lineno, &lineno_at, &t->line, 0);
        return;
    }
    uint32_t col = at->first_column - 1;
    const mf_tok_line *line = &t->line;
    mf_row *r = push_row(p);
    /* every field set, none left to a memset (rep stos is slow to start) */
    static const mf_value none_value;
    static const mf_field none_field;
    uint32_t flags = MF_ROW_HAS_CONTENT;
    r->mem = r->inc = none_value;
    r->occ_f = none_field;
    r->occ = 0;
    if (t->measured) {
        flags |= MF_ROW_MEASURED;
        r->mem = cell_value(&t->mem, col + t->mem_off);
        r->inc = cell_value(&t->inc, col + t->inc_off);
        p->blk.nmeasured++;
        if (t->has_occ) {
            flags |= MF_ROW_HAS_OCC | (t->occ.overflow ? MF_ROW_OCC_RANGE : 0);
            r->occ_f.off = col + t->occ_off + t->occ.lead;
            r->occ_f.len = t->occ_len - t->occ.lead;
            r->occ = t->occ.value;
        }
    }
    r->sep.off = col + t->sep_off;
    r->sep.len = t->sep_len;
    r->content.off = r->sep.off + r->sep.len;
    r->content.len = r->content.off <= line->len ? line->len - r->content.off : 0;
    r->text = arena_strndup(&p->arena, line->text, line->len);
    r->len = line->len;
    r->input_line = at->first_line;
    r->col_offset = line->offset;
    r->origin = line->flags | (p->gap ? MF_ORIGIN_AFTER_GAP : 0);
    p->gap = 0;
    r->lineno_f.off = col + t->lineno.lead;
    r->lineno_f.len = t->lineno_len - t->lineno.lead;
    r->lineno = t->lineno.value;
    if (t->lineno.overflow)
        flags |= MF_ROW_LINENO_RANGE;
    if (line->crlf)
        flags |= MF_ROW_CRLF;
    r->flags = flags;
    p->blk.end_line = at->first_line;
}

void build_rows(struct mf_parser *p, const mf_tok_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++)
        build_whole_row(p, &rows->row[i], &rows->row[i].at);
}

void build_bad_row(struct mf_parser *p, const mf_tok_uint *lineno, const mf_location *at,
                   const mf_tok_line *line)
{
    p->row.flags &= ~(uint32_t)MF_ROW_MEASURED;
    finish_row(p, lineno, at, line, MF_ROW_MALFORMED);
}

void build_gap(struct mf_parser *p, const mf_location *at)
{
    p->blk.end_line = at->first_line;
    p->gap = 1;
}

void build_cut_off(struct mf_parser *p, int by_eof)
{
    p->blk.cut_by_eof = by_eof;
}

void build_block_end(struct mf_parser *p, uint32_t blanks, const mf_tok_line *line,
                     const mf_location *at)
{
    p->blk.flags |= MF_BLOCK_TERMINATED;
    p->blk.end_blanks = blanks;
    p->blk.closing = copy_line(p, line, at->first_line);
    p->blk.end_line = at->first_line;
}

/* The function's name is not printed: it is the first def in the block. */
static void find_function(mf_block *b)
{
    for (size_t i = 0; i < b->nrows; i++) {
        const mf_row *r = &b->rows[i];
        const char *s = mf_row_str(r, r->content), *end = s + r->content.len;
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        if (end - s > 6 && memcmp(s, "async ", 6) == 0) {
            s += 6;
            while (s < end && (*s == ' ' || *s == '\t'))
                s++;
        }
        if (end - s < 4 || memcmp(s, "def", 3) != 0 || (s[3] != ' ' && s[3] != '\t'))
            continue;
        s += 4;
        while (s < end && (*s == ' ' || *s == '\t'))
            s++;
        const char *name = s;
        while (s < end && *s != '(' && *s != ' ' && *s != '\t' && *s != ':')
            s++;
        if (s == name)
            continue;
        b->function = name;
        b->function_len = (size_t)(s - name);
        b->def_row = (long)i;
        return;
    }
}

static void deliver(struct mf_parser *p)
{
    mf_block *b = &p->blk;
    find_function(b);
    if (p->stats) {
        p->stats->blocks++;
        p->stats->rows += b->nmeasured;
    }
    parser_hand_block(p, b);
    p->in_block = 0;
    arena_reset(&p->arena);
}

void build_end_block(struct mf_parser *p)
{
    deliver(p);
}

void build_abandon_block(struct mf_parser *p)
{
    if (p->head_missing && p->blk.syntax_errors == 0) {
        /* a Filename: line and blank lines, then no header: an orphan */
        keep_orphan(p);
        p->in_block = 0;
        p->next_index--;
        arena_reset(&p->arena);
        return;
    }
    p->blk.flags |= MF_BLOCK_MALFORMED;
    deliver(p);
}

/* ---- %memit results ---------------------------------------------------- */

/* What the scanner lets before a result (report.l, MEMITQ and MEMITIN):
   a quoting prefix, then IPython's "In [N]: " prompt; the offset after. */
static size_t memit_lead(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '#' || s[i] == '>'))
        i++;
    if (len - i > 4 && memcmp(s + i, "In [", 4) == 0) {
        size_t j = i + 4;
        while (j < len && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j > i + 4 && len - j >= 3 && memcmp(s + j, "]: ", 3) == 0)
            i = j + 3;
    }
    return i;
}

static int lit(const char *s, size_t len, size_t *i, const char *word)
{
    size_t n = strlen(word);
    if (len - *i < n || memcmp(s + *i, word, n) != 0)
        return 0;
    *i += n;
    return 1;
}

/* "<number> <unit>" at *i, the unit one of units (NULL-terminated). */
static int memit_value(const char *s, size_t len, size_t *i, const char *const *units,
                       mf_value *v)
{
    size_t a = *i;
    while (*i < len && s[*i] && strchr("-+.0123456789", s[*i]))
        ++*i;
    if (*i == a || !lit(s, len, i, " "))
        return 0;
    size_t u = *i;
    while (*i < len && ((s[*i] >= 'A' && s[*i] <= 'Z') || (s[*i] >= 'a' && s[*i] <= 'z')))
        ++*i;
    int known = 0;
    for (int k = 0; units[k]; k++)
        known |= strlen(units[k]) == *i - u && memcmp(s + u, units[k], *i - u) == 0;
    v->text.off = (uint32_t)a;
    v->text.len = (uint32_t)(u - 1 - a);
    v->unit.off = (uint32_t)u;
    v->unit.len = (uint32_t)(*i - u);
    v->status = (uint8_t)mf_decimal_parse(s + a, u - 1 - a, &v->num);
    return known && v->status == MF_NUM_OK;
}

/* The line as a result, into *m: 1, or 0 when it is none. */
static int parse_memit(const char *s, size_t len, mf_memit *m)
{
    static const char *const NEW_UNITS[] = { "MiB", NULL };
    static const char *const OLD_UNITS[] = { "MiB", "MB", NULL };
    size_t i = memit_lead(s, len);
    if (lit(s, len, &i, "peak memory: ")) {
        if (!memit_value(s, len, &i, NEW_UNITS, &m->peak) || !lit(s, len, &i, ", increment: ") ||
            !memit_value(s, len, &i, NEW_UNITS, &m->inc))
            return 0;
        m->has_increment = 1;
    } else if (lit(s, len, &i, "maximum of ")) {
        size_t a = i;
        uint8_t overflow = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == a || (m->loops = src_digits(s + a, i - a, &overflow), overflow) ||
            !lit(s, len, &i, ": ") || !memit_value(s, len, &i, OLD_UNITS, &m->peak) ||
            !lit(s, len, &i, " per loop"))
            return 0;
    } else {
        return 0;
    }
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'))
        i++;
    return i == len;
}

/* %memit's options, as IPython's parse_options('r:t:i:coq') takes them:
   the offset of the statement after them. */
static size_t skip_memit_options(const char *s, size_t len, size_t i)
{
    for (;;) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i + 1 >= len || s[i] != '-' || s[i + 1] == ' ' || s[i + 1] == '\t')
            return i;
        if (i + 2 <= len && s[i + 1] == '-' && (i + 2 == len || s[i + 2] == ' ' || s[i + 2] == '\t'))
            return i + 2;   /* "--" ends the options */
        size_t j = i + 1;
        int needs_arg = 0;
        for (; j < len && s[j] != ' ' && s[j] != '\t'; j++) {
            if (strchr("coq", s[j]))
                continue;
            if (strchr("rti", s[j])) {
                needs_arg = j + 1 == len || s[j + 1] == ' ' || s[j + 1] == '\t';
                while (j < len && s[j] != ' ' && s[j] != '\t')
                    j++;
                break;
            }
            return i;   /* not an option: the statement starts here */
        }
        i = j;
        if (needs_arg) {
            while (i < len && (s[i] == ' ' || s[i] == '\t'))
                i++;
            while (i < len && s[i] != ' ' && s[i] != '\t')
                i++;
        }
    }
}

/* A line outside the tables: the statement of a result that may follow. */
static void note_statement(struct mf_parser *p, const char *s, size_t len, uint64_t line)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '#' || s[i] == '>'))
        i++;
    if (i == len)
        return;   /* a blank line (a bare quoting prefix is one): the line
                     before stays the one before */
    p->memit_stmt_line = 0;
    const char *hit = memmem(s, len, "%memit ", 7);
    if (!hit || (hit > s && hit[-1] == '%'))
        return;
    size_t a = skip_memit_options(s, len, (size_t)(hit - s) + 7), b = len;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
        b--;
    if (b == a)
        return;
    if (b - a + 1 > p->memit_stmt_cap) {
        p->memit_stmt = xrealloc(p->memit_stmt, b - a + 1);
        p->memit_stmt_cap = b - a + 1;
    }
    memcpy(p->memit_stmt, s + a, b - a);
    p->memit_stmt[b - a] = '\0';
    p->memit_stmt_len = b - a;
    p->memit_stmt_line = line;
}

void build_memit(struct mf_parser *p, const mf_tok_line *line, const mf_location *at)
{
    mf_memit m;
    memset(&m, 0, sizeof m);
    if (!parse_memit(line->text, line->len, &m)) {
        build_foreign_line(p, line, at);
        return;
    }
    m.source = p->source;
    m.input_line = at->first_line;
    m.col_offset = line->offset;
    m.text = line->text;
    m.len = line->len;
    if (p->memit_stmt_line) {
        m.statement = p->memit_stmt;
        m.statement_len = p->memit_stmt_len;
        m.statement_line = p->memit_stmt_line;
    }
    p->memit_stmt_line = 0;
    if (p->stats)
        p->stats->memits++;
    parser_hand_memit(p, &m);
}

void build_foreign_line(struct mf_parser *p, const mf_tok_line *line, const mf_location *at)
{
    note_statement(p, line->text, line->len, at->first_line);
    if (p->stats)
        p->stats->skipped_lines++;
    if (p->on_text) {
        CALLBACK_BEGIN();
        p->on_text(p->source, at->first_line, line->text, line->len, p->user);
        CALLBACK_END();
    }
}

/* ---- syntax errors ---------------------------------------------------- */

/* Name a syntax error by where it is: in the head of a block, in a row,
   or on a control character the scanner could not place. */
static enum mf_check_id syntax_error_check(struct mf_parser *p, const mf_location *at)
{
    size_t len;
    uint32_t offset;
    const char *line = lex_line_text(p->lex, at->first_line, &len, &offset);
    if (line && at->first_column >= 1 && at->first_column <= len) {
        unsigned char ch = (unsigned char)line[at->first_column - 1];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
            return CHK_CONTROL_CHAR;
    }
    if (!p->in_block)
        return CHK_SYNTAX;
    return (p->blk.flags & MF_BLOCK_HAS_HEADER) ? CHK_MALFORMED_ROW : CHK_MISSING_HEADER;
}

/* A stray character, as the message names it. */
static const char *describe_char(struct mf_parser *p, const mf_location *at, char *buf,
                                 size_t cap)
{
    size_t len;
    uint32_t offset;
    const char *line = lex_line_text(p->lex, at->first_line, &len, &offset);
    if (!line || at->first_column < 1 || at->first_column > len)
        return "stray text";
    unsigned char ch = (unsigned char)line[at->first_column - 1];
    if (ch < 0x20 || ch >= 0x7f)
        snprintf(buf, cap, "byte 0x%02x", ch);
    else
        snprintf(buf, cap, "'%c'", ch);
    return buf;
}

void build_syntax_error(struct mf_parser *p, const mf_location *at, const char *got, int what,
                        const char *const *expected, size_t nexpected)
{
    char found[64];
    /* A row the input ends in the middle of is cut off, not malformed:
       the validator reports it ("truncated") and its complete rows stay. */
    if (p->in_block && p->lex->src.eof_done && what == MF_GOT_EOL)
        return;
    build_flush_pending(p, 1);
    /* A Filename: line whose header does not follow is kept for a table
       without one (build_abandon_block), not reported now. */
    if (syntax_error_check(p, at) == CHK_MISSING_HEADER && p->blk.syntax_errors == 0) {
        p->head_missing = 1;
        return;
    }
    if (what == MF_GOT_JUNK)
        got = describe_char(p, at, found, sizeof found);
    src_diag *e = src_pend(&p->pending, chk_name(syntax_error_check(p, at)), at);
    size_t o = (size_t)snprintf(e->message, sizeof e->message, "expected ");
    for (size_t i = 0; i < nexpected && o < sizeof e->message; i++)
        o += (size_t)snprintf(e->message + o, sizeof e->message - o, "%s%s",
                              i == 0 ? "" : i + 1 == nexpected ? " or " : ", ", expected[i]);
    if (o < sizeof e->message)
        snprintf(e->message + o, sizeof e->message - o, "%s%s", nexpected ? ", found " : "found ",
                 got);
    if (p->stats)
        p->stats->syntax_errors++;
    if (p->in_block) {
        p->blk.syntax_errors++;
        p->blk.flags |= MF_BLOCK_MALFORMED;
        e->has_note = 1;
        e->note_line = p->blk.filename_line.input_line;
        snprintf(e->note_message, sizeof e->note_message,
                 "the block that starts here is left out");
        const mf_line *fl = &p->blk.filename_line;
        e->note_source_len = fl->len < sizeof e->note_source ? fl->len : sizeof e->note_source;
        e->note_offset = fl->col_offset;
        if (e->note_source_len)   /* (fl->text may be NULL when empty) */
            memcpy(e->note_source, fl->text, e->note_source_len);
    }
}

void build_flush_pending(struct mf_parser *p, int now)
{
    src_pending *q = &p->pending;
    if (!q->n || (!now && p->lex->src.line <= q->v[0].loc.first_line))
        return;
    src_flush(q, &p->lex->src, !p->lex->need_origin, p->source, p->on_diag, p->user);
}
