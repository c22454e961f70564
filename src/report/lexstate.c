/* report/lexstate.c -- the report scanner's bookkeeping: input through the
 * logging-prefix filter, the origin of each line, and the values of its
 * tokens.  Positions and lines are core/source.c's. */
#include <string.h>
#include "report/lexstate.h"
#include "report/format.h"
#include "core/util.h"

static size_t read_filtered(void *ex, char *buf, size_t max)
{
    struct mf_lexstate *st = ex;
    return st->top.read(st->top.self, buf, max);
}

void lex_init_state(struct mf_lexstate *ex)
{
    memset(ex, 0, sizeof *ex);
    src_init(&ex->src, read_filtered, ex);
    ex->out_line = 1;
    ex->need_origin = 1;
}

void lex_start_line(struct mf_lexstate *ex)
{
    /* the chain answers for a run of lines that map alike: it is asked
       again only past its end */
    if (ex->out_line >= ex->origin_end) {
        uint64_t k = ex->top.origin(ex->top.self, ex->out_line, &ex->origin);
        ex->origin_first = ex->out_line;
        ex->origin_end = ex->out_line + k;
    }
    ex->src.line = ex->origin.line + (ex->out_line - ex->origin_first);
    ex->src.offset = ex->origin.offset;
    ex->src.flags = ex->origin.flags;
    ex->need_origin = 0;
}

/* A line was finished: src.line is the next one until lex_start_line()
   says otherwise. */
static void next_line(struct mf_lexstate *ex)
{
    ex->out_line++;
    ex->need_origin = 1;
}

void lex_end_line(struct mf_lexstate *ex, mf_tok_line *out, const char *text, size_t len)
{
    /* the token may start with spaces (a blank line that is not empty);
       a '\r' before the '\n' may have come with the token before */
    size_t eol = (len >= 2 && text[len - 2] == '\r') ? 2 : 1;
    if (eol == 1 && linebuf_byte_from_end(&ex->src.lb, 1) == '\r')
        eol = 2;
    src_end_line(&ex->src, out, eol);
    next_line(ex);
}

int lex_at_eof(struct mf_lexstate *ex, mf_location *loc, mf_tok_line *out)
{
    if (ex->src.lb.len == 0 || ex->src.eof_done)
        return 0;
    if (ex->need_origin)
        lex_start_line(ex);
    src_at_eof(&ex->src, loc, out);
    next_line(ex);
    return 1;
}

void lex_long_begin(struct mf_lexstate *ex, int kind, int next)
{
    ex->long_kind = kind;
    ex->long_next = next;
    src_long_begin(&ex->src);
}

int lex_long_end(struct mf_lexstate *ex, mf_location *loc, MF_YYSTYPE *val, int strip_cr)
{
    const linebuf *lb = &ex->src.lb;
    int bare = ex->long_bare;
    ex->long_bare = 0;
    src_long_end(&ex->src, loc, strip_cr);
    if (ex->long_kind != HEADER)
        return ex->long_kind;
    const char *text = lb->buf[lb->cur] + (loc->first_column - 1);
    size_t len = loc->last_column - loc->first_column;
    /* A line that starts like a header but has not its columns is a
       header only after a Filename: line; anywhere else it is text. */
    if (bare && !mf_header_has_columns(text, len)) {
        ex->next = 0;   /* INITIAL */
        return TEXT;
    }
    lex_header(ex, text, len, &val->HEADER);
    return HEADER;
}

void lex_header(struct mf_lexstate *ex, const char *text, size_t len, mf_tok_header *out)
{
    out->generation = mf_header_classify(text, len, &out->old_layout);
    ex->gen_old = out->old_layout;   /* which row states this block's rows take */
}

void lex_uint(const char *text, size_t len, mf_tok_uint *out)
{
    size_t i = 0;
    while (i < len && text[i] == ' ')
        i++;
    out->lead = (uint32_t)i;
    out->value = src_digits(text + i, len - i, &out->overflow);
}

void lex_mib(const char *text, size_t len, mf_tok_mib *out)
{
    size_t i = 0, j;
    while (text[i] == ' ')
        i++;
    j = i;
    while (text[j] != ' ')
        j++;
    out->num_off = (uint32_t)i;
    out->num_len = (uint32_t)(j - i);
    out->unit_off = (uint32_t)(j + 1);
    out->unit_len = (uint32_t)(len - j - 1);
    out->status = (uint8_t)mf_decimal_parse(text + i, j - i, &out->num);
}

static inline int little_endian(void)
{
    const uint16_t one = 1;
    unsigned char b;
    memcpy(&b, &one, 1);
    return b == 1;
}

/* ---- a row read whole ----------------------------------------------------- */

/* The text of a ROW match ends in the NUL flex puts after it, which no
   loop below takes: they need no bounds. */

static inline int is_digit(char c) { return (unsigned char)(c - '0') < 10; }
static inline int is_letter(char c) { return (unsigned char)((c | 0x20) - 'a') < 26; }
static inline int is_num_char(char c) { return is_digit(c) || c == '.' || c == '-' || c == '+'; }

/* A value cell starting at t ("  21.5 MiB": 1 to ROW_VALUE_WIDTH spaces, a
   number, a space, a unit) into *out as lex_mib reads it; its end, or NULL
   if there is none there.  The number is read as it is passed when it has
   the usual form ([-]digits[.digits], at most 18 digits), else by
   mf_decimal_parse. */
static const char *read_cell(const char *t, mf_tok_mib *out)
{
    const char *p = t;
    while (*p == ' ')
        p++;
    if (p == t || p - t > ROW_VALUE_WIDTH)
        return NULL;
    const char *num = p;
    int neg = *p == '-', frac = -1, digits = 0, usual = 1;
    uint64_t m = 0;
    p += neg;
    for (;; p++) {
        if (is_digit(*p)) {
            m = m * 10 + (uint64_t)(*p - '0');
            digits++;
            frac += frac >= 0;
        } else if (*p == '.' && frac < 0 && digits) {
            frac = 0;
        } else {
            break;
        }
    }
    if (is_num_char(*p) || digits == 0 || frac == 0 || digits > 18)
        usual = 0;
    while (is_num_char(*p))
        p++;
    if (p[0] != ' ' || !is_letter(p[1]))
        return NULL;
    out->num_off = (uint32_t)(num - t);
    out->num_len = (uint32_t)(p - num);
    if (usual) {
        out->num.mant = neg ? -(int64_t)m : (int64_t)m;
        out->num.prec = (uint8_t)(frac < 0 ? 0 : frac);
        out->status = MF_NUM_OK;
    } else {
        out->status = (uint8_t)mf_decimal_parse(num, out->num_len, &out->num);
    }
    const char *unit = ++p;
    while (is_letter(*p))
        p++;
    out->unit_off = (uint32_t)(unit - t);
    out->unit_len = (uint32_t)(p - unit);
    return p;
}

/* An unsigned number with the spaces before it, [t, end). */
static void read_uint(const char *t, const char *end, mf_tok_uint *out)
{
    const char *p = t;
    while (*p == ' ')
        p++;
    out->lead = (uint32_t)(p - t);
    if (end - p <= 19) {   /* fits in 64 bits */
        uint64_t v = 0;
        for (; p < end; p++)
            v = v * 10 + (uint64_t)(*p - '0');
        out->value = v;
        out->overflow = 0;
    } else {
        out->value = src_digits(p, (size_t)(end - p), &out->overflow);
    }
}

/* The padding before the contents, from `at`, of `spaces` spaces: the
   contents start after at most ROW_CONTENT_GAP of them (the cell rules'
   CONTENT_GAP, and " "{4,} taking three).  Returns where they start. */
static size_t set_sep(mf_tok_row *row, size_t at, size_t spaces)
{
    row->sep_off = (uint32_t)at;
    row->sep_len = (uint32_t)(spaces < ROW_CONTENT_GAP ? spaces : ROW_CONTENT_GAP);
    return at + row->sep_len;
}

/* How the cell rules read what follows the two values, from e to the
   match's end: Occurrences (0.58 and later) and the padding. */
static size_t row_tail(const struct mf_lexstate *ex, const char *t, const char *e,
                       mf_tok_row *row)
{
    const char *j = e;
    while (*j == ' ')
        j++;
    if (j == e)
        return 0;   /* the contents touch the value: a syntax error */
    if (ex->gen_old || *j == '\0')
        /* no Occurrences cell (in the old layout, digits there are
           contents); the match stopped at what is no space and no digit */
        return set_sep(row, (size_t)(e - t), (size_t)(j - e));
    const char *q = j;
    while (is_digit(*q))
        q++;
    if (*q != ' ')
        return 0;   /* the contents touch the count */
    const char *end = q;
    while (*end == ' ')
        end++;
    row->has_occ = 1;
    row->occ_off = (uint32_t)(e - t);
    row->occ_len = (uint32_t)(q - e);
    read_uint(e, q, &row->occ);
    return set_sep(row, (size_t)(q - t), (size_t)(end - q));
}

/* ---- the row as the template prints it -------------------------------------

   When no value is wider than its cell, every cell of a row is where the
   template puts it: the line number in [0, L), Mem usage in [L, M),
   Increment in [M, I), Occurrences in [I, O) (0.58 and later), then the
   three spaces before the contents.  Such a row is read at those places,
   each place checked; any other row is read by the general path below. */
enum {
    CELL_L = ROW_LINENO_WIDTH,
    CELL_M = CELL_L + ROW_VALUE_GAP + ROW_VALUE_WIDTH,
    CELL_I = CELL_M + ROW_VALUE_GAP + ROW_VALUE_WIDTH,
    CELL_O = CELL_I + ROW_OCC_GAP + ROW_OCC_WIDTH,
    UNIT_LEN = 3,            /* "MiB" */
};

/* Eight bytes, the first the lowest (one load on a little-endian machine). */
static inline uint64_t load_le64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return little_endian() ? w : __builtin_bswap64(w);
}

#define BYTES(b) (0x0101010101010101ULL * (b))
#define HIGH_BITS BYTES(0x80)

/* 0x80 in each byte of w that is ch, 0 in the others (exact: no carry
   crosses a byte). */
static inline uint64_t bytes_equal(uint64_t w, unsigned char ch)
{
    uint64_t x = w ^ BYTES(ch);
    return ~(((x & ~HIGH_BITS) + ~HIGH_BITS) | x) & HIGH_BITS;
}

/* 0x80 in each byte of w that is a digit. */
static inline uint64_t bytes_digits(uint64_t w)
{
    uint64_t low = w & ~HIGH_BITS;
    return (low + BYTES(0x80 - '0')) & ~(low + BYTES(0x80 - '9' - 1)) & ~w & HIGH_BITS;
}

/* The eight digit bytes of v (values 0-9, the first the most significant)
   as a number. */
static inline uint64_t digits_value(uint64_t v)
{
    v = (v * 10 + (v >> 8)) & 0x00FF00FF00FF00FFULL;
    v = (v * 100 + (v >> 16)) & 0x0000FFFF0000FFFFULL;
    return (v * 10000 + (v >> 32)) & 0xFFFFFFFFULL;
}

/* The number of the value cell at c: its eight bytes c[1..8], right-aligned
   before the unit's space, read as one word.  They must be spaces, then
   [-]digits[.digits] with digits on each side of the point, to the last
   byte.  Each byte is classified at once; the digits, the point taken out,
   are added up by three multiplications. */
_Static_assert(ROW_VALUE_WIDTH - UNIT_LEN - 1 == 8, "a placed number is one word");

static int placed_number(const char *c, mf_tok_mib *out)
{
    uint64_t w = load_le64(c + 1);
    uint64_t space = bytes_equal(w, ' '), point = bytes_equal(w, '.'),
             minus = bytes_equal(w, '-'), digit = bytes_digits(w);
    uint64_t rest = ~space & HIGH_BITS, first = rest & -rest;
    if (!(digit >> 63) ||                       /* the last byte is a digit */
        space != ((first - 1) & HIGH_BITS) ||   /* spaces, then none */
        (minus & ~first))                       /* a sign only first */
        return 0;
    uint64_t num = rest & ~minus;
    if ((digit | point) != num || (point & (point - 1)) || (point & num & -num))
        return 0;   /* not digits, two points, or a point first */
    uint64_t v = w & BYTES(0x0F) & ((digit >> 7) * 0xFF);
    unsigned prec = 0;
    if (point) {
        unsigned at = (unsigned)__builtin_ctzll(point) >> 3;
        uint64_t before = ((uint64_t)1 << (8 * at)) - 1;
        v = (v & ~before) | (v & before) << 8;   /* closes the point's gap */
        prec = 7 - at;
    }
    uint64_t m = digits_value(v);
    unsigned lead = (unsigned)__builtin_ctzll(first) >> 3;
    out->num_off = 1 + lead;
    out->num_len = ROW_VALUE_WIDTH - UNIT_LEN - 1 - lead;
    out->unit_off = ROW_VALUE_WIDTH - UNIT_LEN + 1;
    out->unit_len = UNIT_LEN;
    out->num.mant = minus ? -(int64_t)m : (int64_t)m;
    out->num.prec = (uint8_t)prec;
    out->status = MF_NUM_OK;
    return 1;
}

/* A right-aligned count in the width <= 8 bytes at p: spaces, then digits
   to the end, read as one word as placed_number reads a value. */
static inline __attribute__((always_inline)) int placed_digits(const char *p, unsigned width,
                                                              mf_tok_uint *out)
{
    const uint64_t cell = width >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * width)) - 1,
                   high = HIGH_BITS & cell;
    uint64_t w = load_le64(p) & cell;
    uint64_t space = bytes_equal(w, ' ') & high, digit = bytes_digits(w) & high;
    uint64_t rest = ~space & high, first = rest & -rest;
    if (!rest || space != ((first - 1) & high) || digit != rest)
        return 0;
    uint64_t v = w & BYTES(0x0F) & ((digit >> 7) * 0xFF);
    out->value = digits_value(v << (8 * (8 - width)));
    out->lead = (uint32_t)__builtin_ctzll(first) >> 3;
    out->overflow = 0;
    return 1;
}

/* The line number cell [0, CELL_L). */
_Static_assert(CELL_L <= 8, "the line number cell is one word");

static int placed_lineno(const char *t, mf_tok_uint *out)
{
    return placed_digits(t, CELL_L, out);
}

/* The value cell [from, to): a space, spaces, [-]digits[.digits], a space
   and a unit of UNIT_LEN letters. */
static int placed_value(const char *t, size_t from, size_t to, mf_tok_mib *out)
{
    const char *u = t + to - UNIT_LEN - 1;
    if (t[from] != ' ' || u[0] != ' ' || !is_letter(u[1]) || !is_letter(u[2]) ||
        !is_letter(u[3]))
        return 0;
    return placed_number(t + from, out);
}

/* The count cell [from, to): spaces, then digits to its end. */
static int placed_count(const char *t, size_t from, size_t to, mf_tok_uint *out)
{
    /* below 10^8 (every count but a huge one): spaces, then the last
       word (placed_digits) */
    _Static_assert(CELL_O - CELL_I == 12, "the Occurrences cell is four spaces and a word");
    if (to - from == 12 && memcmp(t + from, "    ", 4) == 0 && placed_digits(t + from + 4, 8, out)) {
        out->lead += 4;
        return 1;
    }
    const char *p = t + from, *end = t + to;
    while (p < end && *p == ' ')
        p++;
    if (p == t + from || p == end)
        return 0;
    out->lead = (uint32_t)(p - (t + from));
    uint64_t v = 0;
    for (; p < end; p++) {
        if (!is_digit(*p))
            return 0;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    out->value = v;
    out->overflow = 0;
    return 1;
}

static size_t placed_row(const struct mf_lexstate *ex, const char *t, size_t n, mf_tok_row *row)
{
    size_t cells = ex->gen_old ? CELL_I : CELL_O;
    if (n != cells + ROW_CONTENT_GAP || !is_digit(t[CELL_L - 1]) ||
        !placed_value(t, CELL_L, CELL_M, &row->mem) ||
        !placed_value(t, CELL_M, CELL_I, &row->inc) ||
        memcmp(t + cells, "   ", ROW_CONTENT_GAP) != 0)
        return 0;
    if (!ex->gen_old && !placed_count(t, CELL_I, CELL_O, &row->occ))
        return 0;
    row->lineno_len = CELL_L;
    row->measured = 1;
    row->has_occ = !ex->gen_old;
    row->mem_off = CELL_L;
    row->mem_len = CELL_M - CELL_L;
    row->inc_off = CELL_M;
    row->inc_len = CELL_I - CELL_M;
    row->occ_off = CELL_I;
    row->occ_len = CELL_O - CELL_I;
    row->sep_off = (uint32_t)cells;
    row->sep_len = ROW_CONTENT_GAP;
    return n;
}

/* The first '\n' in t[from, n), or n: eight bytes at a time (the contents
   of a row are short; a call of memchr costs more than the search). */
static size_t find_newline(const char *t, size_t from, size_t n)
{
    const uint64_t ones = 0x0101010101010101ULL, nl = ones * '\n';
    size_t i = from;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, t + i, 8);
        uint64_t x = w ^ nl, hit = (x - ones) & ~x & (ones * 0x80);
        if (hit) {
            if (little_endian())
                return i + ((size_t)__builtin_ctzll(hit) >> 3);
            break;
        }
    }
    for (; i < n; i++)
        if (t[i] == '\n')
            return i;
    return n;
}

/* The spaces a row that was not run has after its line number. */
static const char PAD_SPACES[] = "                                         ";
_Static_assert(sizeof PAD_SPACES - 1 == ROW_PAD_NEW && ROW_PAD_OLD <= ROW_PAD_NEW,
               "PAD_SPACES holds a row's padding");

size_t lex_accept_row(const struct mf_lexstate *ex, const char *t, size_t avail, mf_tok_row *row)
{
    size_t pad = ex->gen_old ? ROW_PAD_OLD : ROW_PAD_NEW;
    size_t head = CELL_L + pad;   /* = the measured row's cells and gap */
    if (ex->cells_only || avail <= head || !placed_lineno(t, &row->lineno))
        return 0;
    /* a measured row has its Mem usage's unit there */
    if (t[CELL_M - 1] == ' ' && memcmp(t + CELL_L, PAD_SPACES, pad) == 0) {
        row->lineno_len = CELL_L;
        row->measured = 0;
        row->has_occ = 0;
        row->sep_off = CELL_L;
        row->sep_len = (uint32_t)pad;
    } else if (!placed_row(ex, t, head, row)) {
        return 0;
    }
    size_t nl = find_newline(t, head, avail);
    return nl < avail ? nl + 1 : 0;
}

size_t lex_row(const struct mf_lexstate *ex, const char *t, size_t n, mf_tok_row *row)
{
    size_t placed = ex->cells_only ? 0 : placed_row(ex, t, n, row);
    if (placed) {
        read_uint(t, t + CELL_L, &row->lineno);
        return placed;
    }
    const char *l = t;
    while (*l == ' ')
        l++;
    while (is_digit(*l))
        l++;
    row->lineno_len = (uint32_t)(l - t);
    if (ex->cells_only)
        return 0;
    read_uint(t, l, &row->lineno);
    row->has_occ = 0;
    const char *k = l;
    while (*k == ' ')
        k++;
    if (*k == '\0') {
        /* a row that was not run: padding, then the contents (the match
           took at most ROW_PAD_NEW spaces; the old layout pads fewer) */
        size_t pad = (size_t)(k - l);
        if (pad == 1)
            return 0;   /* the cell rules take one space as stray text (".") */
        if (ex->gen_old && pad > ROW_PAD_OLD)
            pad = ROW_PAD_OLD;
        row->measured = 0;
        row->sep_off = row->lineno_len;
        row->sep_len = (uint32_t)pad;
        return row->lineno_len + pad;
    }
    const char *e1 = read_cell(l, &row->mem), *e2 = e1 ? read_cell(e1, &row->inc) : NULL;
    if (!e2)
        return 0;
    row->measured = 1;
    row->mem_off = row->lineno_len;
    row->mem_len = (uint32_t)(e1 - l);
    row->inc_off = (uint32_t)(e1 - t);
    row->inc_len = (uint32_t)(e2 - e1);
    return row_tail(ex, t, e2, row);
}

void lex_whole_row(struct mf_lexstate *ex, mf_location *loc, const char *text, size_t len,
                   mf_tok_row *row)
{
    src_state *s = &ex->src;
    size_t eol = len >= 2 && text[len - 2] == '\r' ? 2 : 1;
    if (ex->need_origin)
        lex_start_line(ex);
    loc->first_line = loc->last_line = s->line;
    loc->first_column = 1;
    loc->last_column = (uint32_t)(len - eol) + 1;
    row->line.text = text;
    row->line.len = (uint32_t)(len - eol);
    row->line.crlf = eol == 2;
    row->line.no_newline = 0;
    row->line.offset = s->offset;
    row->line.flags = s->flags;
    src_next_line(s);
    next_line(ex);
}

const char *lex_line_text(const struct mf_lexstate *ex, uint64_t line, size_t *len,
                          uint32_t *offset)
{
    return src_line_text(&ex->src, line, !ex->need_origin, len, offset);
}
