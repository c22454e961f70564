/* core/quote.c -- quoting prefixes and text before "Filename:" (see quote.h).
 *
 * Two modes.  NORMAL: whole chunks of lines pass through untouched; one
 * memmem per chunk for "Filename: " and one for "Line #" find the lines
 * that need a look (those with text before either), and only those are
 * decided one by one.  QUOTE: inside a quoted table, every line is
 * decided: stripped, made blank, dropped (a gap), or the end of the table
 * (then it is decided again in NORMAL mode).
 *
 * What a line becomes is a short list of operations on the bytes read
 * ahead (copy, skip, a newline of our own), so a line of any length goes
 * through in pieces; a decision looks at most at CHUNK bytes of it.
 *
 * Origins: every output line is mapped, when it is decided (or passed in
 * bulk), to its upstream line, the bytes taken off and the flags; runs of
 * lines that map alike are kept as one.  The upstream is asked when the
 * next stage asks, in the same increasing order (the map is monotonic),
 * and a line split in two is asked once.
 */
#include <string.h>
#include "core/quote.h"
#include "core/util.h"

enum { CHUNK = 256 * 1024, MAX_PREFIX = 256, MAX_OPS = 6 };

/* Output lines [out, out + count) are upstream lines [up, up + count),
   with `offset` more bytes taken off and `flags` added. */
typedef struct qrun {
    uint64_t out, up, count;
    uint32_t offset, flags;
} qrun;

enum { OP_COPY, OP_SKIP, OP_COPY_LINE, OP_SKIP_LINE, OP_NEWLINE };
typedef struct qop {
    int kind;
    size_t n;                 /* OP_COPY, OP_SKIP: bytes */
} qop;

enum { NORMAL, QUOTE };

struct quote {
    line_source up;
    char *buf;                /* upstream bytes read ahead */
    size_t len, pos;
    int eof;
    uint64_t up_line;         /* upstream lines begun */
    uint64_t out_line;        /* output lines mapped */
    int at_line_start;        /* pos is at the start of an upstream line */
    int mode;
    char prefix[MAX_PREFIX];  /* the quoting prefix (QUOTE) */
    size_t plen, ptrim;       /* its length, without trailing whitespace */
    int pws;                  /* it is whitespace only */
    int after_gap;            /* the next line handed on follows a gap */
    int prev_filename;        /* the last non-blank line was an unprefixed Filename: */
    char lhead[10];           /* the start of a line passed on in pieces */
    size_t lhead_len;
    int lhead_blank;           /* ... and whether it is blank so far */
    qop ops[MAX_OPS];         /* what the current line becomes */
    size_t nops, op;
    qrun *runs;               /* ring of runs not yet asked for */
    size_t nruns, cap, head;
    int identity;             /* every line so far is the upstream's, as it was */
    uint64_t cached_up;       /* the upstream's answer for this line (0: none) */
    src_origin cached;
    uint64_t cached_count;    /* ... and for how many lines from it on */
};

/* ---- the map from output lines to upstream lines ------------------------- */

static void map_lines(quote *q, uint64_t up, uint64_t count, uint32_t offset, uint32_t flags)
{
    if (count == 0)
        return;
    uint64_t out = q->out_line + 1;
    q->out_line += count;
    if (out != up || offset || flags)
        q->identity = 0;
    if (q->nruns) {
        qrun *r = &q->runs[(q->head + q->nruns - 1) & (q->cap - 1)];
        if (r->offset == offset && r->flags == flags && r->out + r->count == out &&
            r->up + r->count == up) {
            r->count += count;
            return;
        }
    }
    if (q->nruns == q->cap) {
        size_t cap = q->cap ? 2 * q->cap : 64;   /* a power of 2 */
        qrun *runs = xmalloc(cap * sizeof *runs);
        for (size_t i = 0; i < q->nruns; i++)
            runs[i] = q->runs[(q->head + i) & (q->cap - 1)];
        xfree(q->runs);
        q->runs = runs;
        q->cap = cap;
        q->head = 0;
    }
    q->runs[(q->head + q->nruns++) & (q->cap - 1)] = (qrun){ out, up, count, offset, flags };
}

/* One output line from the current upstream line; a gap before it is
   said on it. */
static void map_one(quote *q, uint32_t offset, uint32_t flags)
{
    if (q->after_gap) {
        flags |= SRC_AFTER_GAP;
        q->after_gap = 0;
    }
    map_lines(q, q->up_line, 1, offset, flags);
}

static uint64_t q_origin(void *self, uint64_t line, src_origin *o)
{
    quote *q = self;
    if (q->identity) {             /* nothing done to any line yet */
        uint64_t k = q->up.origin(q->up.self, line, o);
        /* only the lines mapped so far are known to be the upstream's */
        if (line > q->out_line)
            return 1;
        return k < q->out_line - line + 1 ? k : q->out_line - line + 1;
    }
    uint64_t up = line, run_left = 1;
    uint32_t offset = 0, flags = 0;
    while (q->nruns > 1 && line >= q->runs[q->head].out + q->runs[q->head].count) {
        q->head = (q->head + 1) & (q->cap - 1);
        q->nruns--;
    }
    if (q->nruns) {
        const qrun *r = &q->runs[q->head];
        if (line >= r->out) {
            up = r->up + (line - r->out);
            if (line < r->out + r->count) {
                offset = r->offset;
                flags = r->flags;
                run_left = r->out + r->count - line;
            }
        }
    }
    if (q->cached_up != up) {      /* a split line's second part is asked once */
        q->cached_count = q->up.origin(q->up.self, up, &q->cached);
        q->cached_up = up;
    }
    uint64_t off = (uint64_t)q->cached.offset + offset;
    o->line = q->cached.line;
    o->offset = off > UINT32_MAX ? UINT32_MAX : (uint32_t)off;
    o->flags = q->cached.flags | flags;
    return run_left < q->cached_count ? run_left : q->cached_count;
}

/* ---- reading ahead -------------------------------------------------------- */

static int fill(quote *q)
{
    return filter_fill(q->buf, CHUNK, &q->len, &q->pos, &q->eof, q->up.read, q->up.self);
}

/* The line at pos: its length up to and with its newline, or as much of
   it as the buffer holds (*complete 0). */
static size_t current_line(quote *q, int *complete)
{
    size_t scanned = 0;
    for (;;) {
        const char *s = q->buf + q->pos;
        const char *nl = memchr(s + scanned, '\n', q->len - q->pos - scanned);
        if (nl) {
            *complete = 1;
            return (size_t)(nl - s) + 1;
        }
        scanned = q->len - q->pos;
        if (!fill(q))
            break;
    }
    *complete = 0;
    return q->len - q->pos;
}

/* ---- what a line is ------------------------------------------------------- */

static int quote_chars(const char *s, size_t n)
{
    if (n == 0 || n >= MAX_PREFIX)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '#' && s[i] != '>')
            return 0;
    return 1;
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

static size_t leading_spaces(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && s[i] == ' ')
        i++;
    return i;
}

static int starts_with(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    return n >= k && memcmp(s, word, k) == 0;
}

/* A row: ^ *[0-9]+( |$) */
static int is_row(const char *s, size_t n)
{
    size_t i = leading_spaces(s, n), j = i;
    while (j < n && s[j] >= '0' && s[j] <= '9')
        j++;
    return j > i && (j == n || s[j] == ' ');
}

/* A line a table may hold, after its quoting prefix: a row, a header,
   a rule, a Filename: line (blank lines are seen before). */
static int table_line(const char *s, size_t n)
{
    if (is_row(s, n) || starts_with(s, n, "Filename: "))
        return 1;
    size_t i = leading_spaces(s, n);
    return starts_with(s + i, n - i, "Line #") || starts_with(s + i, n - i, "=");
}

/* "...", "…" or "[...]" with spaces around: rows left out of a paste. */
static int is_gap(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return (n == 3 && memcmp(s, "...", 3) == 0) || (n == 3 && memcmp(s, "\xe2\x80\xa6", 3) == 0) ||
           (n == 5 && memcmp(s, "[...]", 5) == 0) || (n == 5 && memcmp(s, "[\xe2\x80\xa6]", 5) == 0);
}

/* A header's columns after "Line #" at h: "Mem usage", then "Increment". */
static int header_columns(const char *h, size_t n)
{
    const char *m = memmem(h, n, "Mem usage", 9);
    return m && memmem(m + 9, (size_t)(h + n - (m + 9)), "Increment", 9) != NULL;
}

/* Text before "Filename: " that is program output, not code, a comment
   or a row of a table: no quote just before it, quotes balanced, no '#'
   or '>' first, no line number. */
static int may_split(const char *s, size_t b)
{
    char c = s[b - 1];
    if (c == '"' || c == '\'' || c == '`')
        return 0;
    size_t dq = 0, bq = 0, i = 0;
    for (size_t k = 0; k < b; k++) {
        dq += s[k] == '"';
        bq += s[k] == '`';
    }
    if (dq % 2 || bq % 2)
        return 0;
    while (i < b && (s[i] == ' ' || s[i] == '\t'))
        i++;
    if (i < b && (s[i] == '#' || s[i] == '>'))
        return 0;                  /* a comment or a quote that names the word */
    return !is_row(s + i, b - i);
}

/* ---- deciding a line ------------------------------------------------------ */

static void push(quote *q, int kind, size_t n)
{
    q->ops[q->nops++] = (qop){ kind, n };
}

static void start_quote(quote *q, const char *p, size_t n)
{
    memcpy(q->prefix, p, n);
    q->plen = n;
    q->ptrim = n;
    while (q->ptrim && (p[q->ptrim - 1] == ' ' || p[q->ptrim - 1] == '\t'))
        q->ptrim--;
    q->pws = q->ptrim == 0;
    q->mode = QUOTE;
    q->prev_filename = 0;
}

enum { Q_END, Q_BLANK, Q_GAP, Q_TABLE };

/* A line inside a quoted table: what it is, and the bytes to take off. */
static int quoted_kind(const quote *q, const char *s, size_t text, int whole, size_t *strip)
{
    if (whole && (blank(s, text) || (text == q->ptrim && memcmp(s, q->prefix, text) == 0)))
        return Q_BLANK;
    size_t k;
    if (text >= q->plen && memcmp(s, q->prefix, q->plen) == 0) {
        k = q->plen;
    } else if (q->ptrim && text >= q->ptrim && memcmp(s, q->prefix, q->ptrim) == 0) {
        k = q->ptrim;              /* "#" where the prefix is "# " */
    } else if (q->pws && text && (s[0] == ' ' || s[0] == '\t')) {
        k = 0;                     /* indented less than the prefix */
        while (k < text && (s[k] == ' ' || s[k] == '\t'))
            k++;
    } else {
        return Q_END;
    }
    if (whole && blank(s + k, text - k))
        return Q_BLANK;
    if (whole && is_gap(s + k, text - k))
        return Q_GAP;
    *strip = k;
    return table_line(s + k, text - k) ? Q_TABLE : Q_END;
}

enum { HEADER_AHEAD = 8 };

/* Whether one of the HEADER_AHEAD lines after the current one (len bytes
   at pos), as far as the buffer can hold them, is a header: `lead` (the
   quoting prefix without its trailing whitespace), whitespace, "Line #";
   or, with no lead (lead_len 0 and `anywhere`), "Line #" and "Mem usage"
   after any text (a header another logger wrote, say: the table is then
   seen, and its errors said, rather than missed).  Reads ahead, so the
   buffer may move. */
static int header_ahead(quote *q, size_t len, const char *lead, size_t lead_len, int anywhere)
{
    size_t at = len, scanned = len;    /* offsets from pos */
    for (int i = 0; i < HEADER_AHEAD; i++) {
        const char *nl;
        while (!(nl = memchr(q->buf + q->pos + scanned, '\n', q->len - q->pos - scanned))) {
            scanned = q->len - q->pos;
            if (!fill(q))
                break;
        }
        const char *ls = q->buf + q->pos + at;
        size_t n = nl ? (size_t)(nl - ls) : q->len - q->pos - at;
        const char *h;
        if (anywhere && (h = memmem(ls, n, "Line #", 6)) &&
            memmem(h, (size_t)(ls + n - h), "Mem usage", 9))
            return 1;
        if (n >= lead_len && memcmp(ls, lead, lead_len) == 0) {
            size_t k = lead_len;
            while (k < n && (ls[k] == ' ' || ls[k] == '\t'))
                k++;
            if (n - k >= 6 && memcmp(ls + k, "Line #", 6) == 0)
                return 1;
        }
        if (!nl)
            return 0;
        at = scanned = (size_t)(nl - (q->buf + q->pos)) + 1;
    }
    return 0;
}

/* Decide the line at pos (len bytes of it in the buffer), in NORMAL mode.
   A Filename: line is taken for a quoted one, or split, only when its
   header follows (a "# Filename: x.py" comment atop a source file, or
   prose that names the word, is left alone). */
static void decide_normal(quote *q, size_t len, size_t text, int whole, int crlf)
{
    const char *s = q->buf + q->pos;
    const char *f = memmem(s, text, "Filename: ", 10);
    if (f && f > s) {
        size_t b = (size_t)(f - s), t = b;
        char lead[MAX_PREFIX];
        int quoted = quote_chars(s, b);
        if (quoted) {
            while (t && (s[t - 1] == ' ' || s[t - 1] == '\t'))
                t--;
            memcpy(lead, s, t);
        }
        int split = !quoted && may_split(s, b);
        if ((quoted || split) && !header_ahead(q, len, lead, quoted ? t : 0, split))
            quoted = split = 0;
        s = q->buf + q->pos;       /* reading ahead may have moved it */
        if (quoted) {
            start_quote(q, s, b);
            push(q, OP_SKIP, b);
            push(q, OP_COPY_LINE, 0);
            map_one(q, (uint32_t)b, SRC_QUOTED);
            return;
        }
        if (split) {
            size_t a = b;
            if (s[a - 1] == '\r')  /* a progress line's return */
                a--;
            if (a == 0) {          /* only a return before it: no line of its own */
                push(q, OP_SKIP, b);
                push(q, OP_COPY_LINE, 0);
                map_one(q, (uint32_t)b, 0);
                q->prev_filename = 1;
                return;
            }
            push(q, OP_COPY, a);
            push(q, OP_NEWLINE, crlf ? 2 : 1);
            push(q, OP_SKIP, b - a);
            push(q, OP_COPY_LINE, 0);
            map_one(q, 0, 0);
            map_one(q, (uint32_t)b, SRC_SPLIT);
            q->prev_filename = 1;
            return;
        }
    } else if (!f) {
        const char *h = memmem(s, text, "Line #", 6);
        size_t b = h ? (size_t)(h - s) : 0;
        if (b && quote_chars(s, b) && header_columns(h, text - b) &&
            !(blank(s, b) && q->prev_filename)) {
            start_quote(q, s, b);
            push(q, OP_SKIP, b);
            push(q, OP_COPY_LINE, 0);
            map_one(q, (uint32_t)b, SRC_QUOTED);
            return;
        }
    }
    push(q, OP_COPY_LINE, 0);
    map_one(q, 0, 0);
    if (!(whole && blank(s, text)))
        q->prev_filename = f == s;
}

/* Decide what becomes of the line at pos: operations, and its output
   lines mapped. */
static void decide(quote *q)
{
    int complete;
    size_t len = current_line(q, &complete);
    const char *s = q->buf + q->pos;
    size_t text = len - (size_t)complete;
    if (complete && text && s[text - 1] == '\r')
        text--;
    int whole = complete || q->eof;
    q->up_line++;
    q->at_line_start = 1;          /* once its operations are done */
    q->lhead_len = 0;
    q->lhead_blank = 1;
    if (q->mode == QUOTE) {
        size_t strip = 0;
        switch (quoted_kind(q, s, text, whole, &strip)) {
        case Q_BLANK:
            if (!complete) {       /* the last line, with nothing in it */
                push(q, OP_SKIP_LINE, 0);
                return;
            }
            push(q, OP_SKIP, text);
            push(q, OP_COPY_LINE, 0);
            map_one(q, text > UINT32_MAX ? UINT32_MAX : (uint32_t)text, SRC_QUOTED);
            return;
        case Q_GAP:
            push(q, OP_SKIP_LINE, 0);
            q->after_gap = 1;
            return;
        case Q_TABLE:
            push(q, OP_SKIP, strip);
            push(q, OP_COPY_LINE, 0);
            map_one(q, (uint32_t)strip, SRC_QUOTED);
            return;
        default:
            q->mode = NORMAL;      /* the table ends here */
            break;
        }
    }
    decide_normal(q, len, text, whole, complete && len >= 2 && s[len - 2] == '\r');
}

/* Carry out the current line's operations into out (up to max bytes). */
static size_t run_ops(quote *q, char *out, size_t max)
{
    size_t o = 0;
    while (q->op < q->nops) {
        qop *p = &q->ops[q->op];
        if (p->kind == OP_NEWLINE) {   /* n: 1 for "\n", 2 for "\r\n" */
            if (o == max)
                break;
            out[o++] = p->n == 2 ? '\r' : '\n';
            if (--p->n == 0)
                q->op++;
            continue;
        }
        if ((p->kind == OP_COPY || p->kind == OP_COPY_LINE) && o == max)
            break;
        if ((p->kind == OP_COPY || p->kind == OP_SKIP) && p->n == 0) {
            q->op++;
            continue;
        }
        if (q->pos == q->len && !fill(q)) {
            q->op++;               /* the input ends: nothing more to take */
            continue;
        }
        const char *s = q->buf + q->pos;
        size_t avail = q->len - q->pos, k;
        switch (p->kind) {
        case OP_SKIP:
            k = p->n < avail ? p->n : avail;
            q->pos += k;
            if ((p->n -= k) == 0)
                q->op++;
            break;
        case OP_COPY:
            k = p->n < avail ? p->n : avail;
            if (k > max - o)
                k = max - o;
            memcpy(out + o, s, k);
            o += k;
            q->pos += k;
            if ((p->n -= k) == 0)
                q->op++;
            break;
        case OP_SKIP_LINE: {
            const char *nl = memchr(s, '\n', avail);
            q->pos += nl ? (size_t)(nl - s) + 1 : avail;
            if (nl)
                q->op++;
            break;
        }
        default: {                 /* OP_COPY_LINE */
            k = avail < max - o ? avail : max - o;
            const char *nl = memchr(s, '\n', k);
            if (nl)
                k = (size_t)(nl - s) + 1;
            memcpy(out + o, s, k);
            o += k;
            q->pos += k;
            if (nl)
                q->op++;
            break;
        }
        }
    }
    if (q->op == q->nops)
        q->nops = q->op = 0;
    return o;
}

/* ---- passing lines on in bulk -------------------------------------------- */


/* The start of the line that holds p (not before s). */
static const char *line_start(const char *s, const char *p)
{
    if (!s || p <= s)
        return s;
    const char *nl = memrchr(s, '\n', (size_t)(p - s));
    return nl ? nl + 1 : s;
}


/* The next "Line #" in [p, end), by its '#'. */
static const char *find_header(const char *p, const char *end)
{
    const char *h = p + 5;
    while (h < end && (h = memchr(h, '#', (size_t)(end - h)))) {
        if (memcmp(h - 5, "Line ", 5) == 0)
            return h - 5;
        h++;
    }
    return NULL;
}

/* The first line in [s, end) that needs deciding: text before
   "Filename: ", or a quoting prefix before "Line #"; NULL if none. */
static const char *find_hit(const quote *q, const char *s, const char *end)
{
    const char *hit = NULL, *f;
    for (f = s; (f = mf_find_filename(f, end)); f += 10) {
        if (f > s && f[-1] == '\n')
            continue;              /* at the start of its line: as memory_profiler prints it */
        const char *ls = line_start(s, f);
        if (ls == f || (ls == s && !q->at_line_start))
            continue;
        hit = ls;
        end = ls;
        break;
    }
    for (f = s; (f = find_header(f, end)); f += 6) {
        if (f > s && f[-1] == '\n')
            continue;
        const char *ls = line_start(s, f);
        if (ls == f || (ls == s && !q->at_line_start) || !quote_chars(ls, (size_t)(f - ls)))
            continue;
        return ls;
    }
    return hit;
}

static int blank_cr(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
            return 0;
    return 1;
}

/* The start of the line going on (head) gets p[0..n). */
static void note_head(quote *q, const char *p, size_t n)
{
    size_t k = sizeof q->lhead - q->lhead_len;
    if (k > n)
        k = n;
    memcpy(q->lhead + q->lhead_len, p, k);
    q->lhead_len += k;
    if (q->lhead_blank && !blank_cr(p, n))
        q->lhead_blank = 0;
}

/* The bytes [s, s + n) were passed on: of the lines they finish, the last
   non-blank one says whether it is a raw Filename: line (a line passed on
   in pieces is judged by its start, kept in head, and whether it was
   blank so far). */
static void note_lines(quote *q, const char *s, size_t n)
{
    const char *end = s + n, *last = memrchr(s, '\n', n);
    if (!last) {
        note_head(q, s, n);
        return;
    }
    const char *first = memchr(s, '\n', n);
    int found = 0;
    for (const char *e = last; e > first && !found;) {
        const char *ls = line_start(first + 1, e);
        if (!blank_cr(ls, (size_t)(e - ls))) {
            q->prev_filename = starts_with(ls, (size_t)(e - ls), "Filename: ");
            found = 1;
        }
        e = ls - 1;                /* the newline before it */
    }
    if (!found) {                  /* the line going on at s ends at first */
        note_head(q, s, (size_t)(first - s));
        if (!q->lhead_blank)
            q->prev_filename = starts_with(q->lhead, q->lhead_len, "Filename: ");
    }
    q->lhead_len = 0;
    q->lhead_blank = 1;
    note_head(q, last + 1, (size_t)(end - (last + 1)));
}

/* The n bytes at s were passed on as they are: their lines are mapped.
   nl: the newlines in them if known, else UINT64_MAX. */
static void passed_nl(quote *q, const char *s, size_t n, uint64_t nl)
{
    int ends_line = s[n - 1] == '\n';
    if (nl == UINT64_MAX)
        nl = mf_count_newlines(s, n);
    uint64_t begun = nl + (q->at_line_start ? 1 : 0) - (ends_line ? 1 : 0);
    map_lines(q, q->up_line + 1, begun, 0, 0);
    q->up_line += begun;
    note_lines(q, s, n);
    q->at_line_start = ends_line;
}

static void passed(quote *q, const char *s, size_t n)
{
    passed_nl(q, s, n, UINT64_MAX);
}

/* The upstream's count of newlines handed on, or UINT64_MAX. */
static uint64_t up_newlines(const quote *q)
{
    return q->up.newlines ? q->up.newlines(q->up.self) : UINT64_MAX;
}

/* NORMAL mode: whole lines in bulk up to the first that needs deciding
   (*need set when that is the line at pos). */
static size_t bulk(quote *q, char *out, size_t max, int *need)
{
    *need = 0;
    while (!memchr(q->buf + q->pos, '\n', q->len - q->pos) && fill(q))
        ;
    const char *s = q->buf + q->pos;
    size_t avail = q->len - q->pos;
    size_t n = avail < max ? avail : max;
    /* the lines this call may hand on, the last one as far as it is here */
    const char *end = s + n, *more;
    if (n && end[-1] != '\n') {
        more = memchr(end, '\n', (size_t)(q->buf + q->len - end));
        end = more ? more + 1 : q->buf + q->len;
    }
    const char *hit = find_hit(q, s, end);
    if (hit == s) {
        *need = 1;
        return 0;
    }
    if (hit) {
        n = (size_t)(hit - s);
    } else {
        /* whole lines, unless the input ends or a line fills the buffer */
        const char *nl = n ? memrchr(s, '\n', n) : NULL;
        if (nl && !(q->eof && n == avail))
            n = (size_t)(nl - s) + 1;
    }
    if (n == 0)
        return 0;
    memcpy(out, s, n);
    q->pos += n;
    passed(q, out, n);
    return n;
}

/* NORMAL mode with nothing read ahead: the upstream reads straight into
   the caller's buffer, and what cannot go on yet (a last line without its
   newline, the lines from one that needs deciding) waits in ours. */
static size_t bulk_direct(quote *q, char *out, size_t max)
{
    uint64_t before = up_newlines(q);
    size_t n = q->up.read(q->up.self, out, max < CHUNK ? max : CHUNK);
    uint64_t after = up_newlines(q);
    if (n == 0) {
        q->eof = 1;
        return 0;
    }
    const char *nl = memrchr(out, '\n', n);
    const char *hit = nl ? find_hit(q, out, nl + 1) : NULL;
    size_t keep = hit ? (size_t)(hit - out) : nl ? (size_t)(nl - out) + 1 : 0;
    memcpy(q->buf, out + keep, n - keep);
    q->pos = 0;
    q->len = n - keep;
    if (keep)   /* all of it: the upstream counted its newlines */
        passed_nl(q, out, keep,
                  keep == n && before != UINT64_MAX && after != UINT64_MAX ? after - before : UINT64_MAX);
    return keep;
}

static size_t q_read(void *self, char *buf, size_t max)
{
    quote *q = self;
    size_t out = 0;
    while (out < max) {
        if (q->nops) {
            out += run_ops(q, buf + out, max - out);
            if (q->nops)
                break;             /* buf is full */
            continue;
        }
        if (q->mode == NORMAL && q->pos == q->len && !q->eof && out == 0) {
            size_t n = bulk_direct(q, buf, max);
            if (n)
                return n;
        }
        if (q->pos == q->len && !fill(q))
            break;
        if (q->mode == NORMAL) {
            int need;
            size_t n = bulk(q, buf + out, max - out, &need);
            out += n;
            if (!need)
                break;
        }
        decide(q);
    }
    return out;
}

/* ---- the stage ------------------------------------------------------------ */

quote *quote_new(line_source up)
{
    char *buf = xmalloc(CHUNK);
    quote *q = try_zalloc(sizeof *q);
    if (!q) {
        xfree(buf);
        oom();
    }
    q->up = up;
    q->buf = buf;
    q->at_line_start = 1;
    q->mode = NORMAL;
    q->identity = 1;
    q->lhead_blank = 1;
    return q;
}

line_source quote_source(quote *q)
{
    return (line_source){ q_read, q_origin, q, NULL };
}

void quote_free(quote *q)
{
    if (!q)
        return;
    xfree(q->runs);
    xfree(q->buf);
    xfree(q);
}

/* For the parallel reader (read/parallel.c): whether every line so far
   was handed on as it came, unquoted, unsplit, with no gap before it
   (`identity` is cleared for good by the first line mapped otherwise, and
   a quoted table or a split starts with such a line), so that at every
   earlier line start that begins "Filename: " the filter was in the state
   a new one starts in.  (prev_filename is the only other thing it keeps
   from line to line, and a "Filename: " line sets it before it is read.) */
int quote_is_fresh(const quote *q)
{
    return q->identity && q->mode == NORMAL && !q->after_gap;
}
