/* core/logprefix.c -- strip logging prefixes (see logprefix.h).
 *
 * Until a prefixed "Filename:" line shows up, whole chunks of complete
 * lines pass through untouched (a memchr for 'F' looks for one), read
 * straight into the next stage's buffer, their newlines counted once (the
 * next stage is told the count: line_source.newlines); from then on the
 * filter works line by line.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "core/logprefix.h"
#include "core/util.h"

enum { CHUNK = 256 * 1024, DECIDE = 4096 };

/* Output lines [out, out + count) are input lines [in, in + count), each
   with `offset` bytes of prefix taken off. */
typedef struct run {
    uint64_t out, in, count;
    uint32_t offset;
} run;

struct logprefix {
    mf_input *in;
    int mode;                 /* DETECT: not seen yet; STRIP; OFF */
    regex_t re;
    int have_re;
    char *line;               /* a line to match, ended by a NUL (match_prefix) */
    size_t line_cap;
    char *buf;                /* input read ahead */
    size_t len, pos;
    int eof;
    uint64_t in_line;         /* input lines taken so far */
    uint64_t out_line;        /* output lines given so far */
    int at_line_start;        /* the next output byte starts a line */
    int in_record;            /* inside a prefixed record */
    int held_empty;           /* an empty line kept back: record end? */
    int held_crlf;            /* ... which ended in "\r\n" */
    uint64_t held_in_line;
    run *runs;                /* ring of runs not yet asked for */
    size_t nruns, cap, head;
    size_t line_left;         /* bytes of the current line still to copy */
    int bom;                  /* the input started with a byte-order mark */
    int pending_blank;        /* bytes of an empty line still to hand on */
    uint64_t newlines;        /* '\n' handed on so far, while only passed in bulk */
    int line_mode_used;       /* ... which is no longer so */
};

enum { DETECT, STRIP, OFF };

/* ---- the map from output lines to input lines ---------------------------- */

static run *last_run(logprefix *lp)
{
    return lp->nruns ? &lp->runs[(lp->head + lp->nruns - 1) % lp->cap] : NULL;
}

/* The next `count` output lines are input lines in, in + 1, ..., each
   less `offset` bytes (a byte-order mark adds to line 1's). */
static void map_lines(logprefix *lp, uint64_t in, uint64_t count, uint32_t offset)
{
    if (count == 0)
        return;
    if (in == 1 && lp->bom) {
        lp->bom = 0;               /* line 1 only */
        map_lines(lp, 1, 1, offset + 3);
        map_lines(lp, 2, count - 1, offset);
        return;
    }
    run *r = last_run(lp);
    uint64_t out = lp->out_line + 1;
    lp->out_line += count;
    if (r && r->offset == offset && r->out + r->count == out && r->in + r->count == in) {
        r->count += count;
        return;
    }
    if (lp->nruns == lp->cap) {
        size_t cap = lp->cap ? 2 * lp->cap : 64;
        run *runs = xmalloc(cap * sizeof *runs);
        for (size_t i = 0; i < lp->nruns; i++)
            runs[i] = lp->runs[(lp->head + i) % lp->cap];
        xfree(lp->runs);
        lp->runs = runs;
        lp->cap = cap;
        lp->head = 0;
    }
    lp->runs[(lp->head + lp->nruns++) % lp->cap] = (run){ out, in, count, offset };
}

/* The origin of output line `line`, and how many lines from it on map
   alike (core/filter.h). */
static uint64_t origin_run(logprefix *lp, uint64_t line, uint64_t *input_line, uint32_t *offset)
{
    /* runs wholly before `line` are done with */
    while (lp->nruns > 1 && line >= lp->runs[lp->head].out + lp->runs[lp->head].count) {
        lp->head = (lp->head + 1) % lp->cap;
        lp->nruns--;
    }
    if (lp->nruns) {
        const run *r = &lp->runs[lp->head];
        if (line >= r->out && line < r->out + r->count) {
            *input_line = r->in + (line - r->out);
            *offset = r->offset;
            return r->out + r->count - line;
        }
        if (line >= r->out + r->count) {   /* a last line with no newline */
            *input_line = r->in + (line - r->out);
            *offset = 0;
            return 1;
        }
    }
    *input_line = line;
    *offset = 0;
    return 1;
}

void logprefix_origin(logprefix *lp, uint64_t line, uint64_t *input_line, uint32_t *offset)
{
    origin_run(lp, line, input_line, offset);
}

/* ---- reading ahead -------------------------------------------------------- */

static size_t read_input(void *in, char *buf, size_t max)
{
    return mf_input_read(in, buf, max);
}

static int fill(logprefix *lp)
{
    return filter_fill(lp->buf, CHUNK, &lp->len, &lp->pos, &lp->eof, read_input, lp->in);
}

/* The current line: from pos to its newline (inclusive), or as much of
   it as there is (at least DECIDE bytes unless the input ends). */
static size_t current_line(logprefix *lp, int *complete)
{
    const char *nl;
    while (!(nl = memchr(lp->buf + lp->pos, '\n', lp->len - lp->pos)) &&
           lp->len - lp->pos < DECIDE && fill(lp))
        ;
    *complete = nl != NULL;
    return nl ? (size_t)(nl - (lp->buf + lp->pos)) + 1 : lp->len - lp->pos;
}

/* ---- learning the prefix ----------------------------------------------------- */

/* A logging prefix: the text before "Filename: " on its line, if it looks
   like one (not a table row's contents: no leading space, no quotes; not
   a quoting prefix made of '#' and '>', which core/quote.c takes). */
static size_t prefix_before_filename(const char *s, size_t len)
{
    const char *f = memmem(s, len, "Filename: ", 10);
    if (!f || f == s || f - s > 256 || s[0] == ' ' || s[0] == '\t')
        return 0;
    int quoting = 1;
    for (const char *c = s; c < f; c++) {
        if (*c == '"' || *c == '\'' || *c == '\n' || *c == '\r')
            return 0;
        if (*c != ' ' && *c != '\t' && *c != '#' && *c != '>')
            quoting = 0;
    }
    return quoting ? 0 : (size_t)(f - s);
}

/* The shape of a prefix as a regular expression: digit runs may vary
   (timestamps), everything else is literal. */
static int learn_shape(logprefix *lp, const char *p, size_t n)
{
    char *re = xmalloc(12 * n + 2), *o = re;
    *o++ = '^';
    for (size_t i = 0; i < n; i++) {
        if (p[i] >= '0' && p[i] <= '9') {
            while (i + 1 < n && p[i + 1] >= '0' && p[i + 1] <= '9')
                i++;
            memcpy(o, "[0-9]+", 6);
            o += 6;
        } else if (strchr("\\^$.[]|()*+?{}", p[i])) {
            *o++ = '\\';
            *o++ = p[i];
        } else {
            *o++ = p[i];
        }
    }
    *o = '\0';
    if (lp->have_re)
        regfree(&lp->re);
    lp->have_re = regcomp(&lp->re, re, REG_EXTENDED) == 0;
    xfree(re);
    return lp->have_re;
}

/* Length of the prefix at the start of s, or -1 if it has none. */
static long match_prefix(logprefix *lp, const char *s, size_t len)
{
    regmatch_t m;
    if (!lp->have_re)
        return -1;
    /* regexec gets a copy ended by a NUL: REG_STARTEND would do without,
       but not every regexec honours it (AddressSanitizer's reads on to a
       NUL), and the line in the buffer has none after it */
    if (len + 1 > lp->line_cap) {
        lp->line_cap = 2 * (len + 1) > 256 ? 2 * (len + 1) : 256;
        xfree(lp->line);
        lp->line = NULL;
        lp->line = xmalloc(lp->line_cap);
    }
    memcpy(lp->line, s, len);
    lp->line[len] = '\0';
    m.rm_so = 0;
    m.rm_eo = (regoff_t)len;
    if (regexec(&lp->re, lp->line, 1, &m, REG_STARTEND) != 0 || m.rm_so != 0)
        return -1;
    return (long)m.rm_eo;
}

enum { HEADER_AHEAD = 8 };

/* Whether the block whose "Filename:" line is the current one (len bytes
   from pos) has its header line in the same shape: one of the next
   HEADER_AHEAD lines, as far as the buffer can hold them, is the learnt
   prefix followed by "Line #".  (A logger writes every line of a block
   with the prefix; text that only happens to stand before "Filename:",
   as print(..., end="") leaves it, does not come back on the header.) */
static int header_follows(logprefix *lp, size_t len)
{
    size_t at = len, scanned = len;    /* offsets from pos */
    for (int i = 0; i < HEADER_AHEAD; i++) {
        const char *nl;
        while (!(nl = memchr(lp->buf + lp->pos + scanned, '\n', lp->len - lp->pos - scanned))) {
            scanned = lp->len - lp->pos;
            if (!fill(lp))
                break;
        }
        const char *ls = lp->buf + lp->pos + at;
        size_t n = nl ? (size_t)(nl - ls) : lp->len - lp->pos - at;
        if (n == 0 && !nl)
            return 0;
        long m = match_prefix(lp, ls, n);
        if (m >= 0) {
            size_t k = (size_t)m;
            while (k < n && ls[k] == ' ')
                k++;
            if (n - k >= 6 && memcmp(ls + k, "Line #", 6) == 0)
                return 1;
        }
        if (!nl)
            return 0;
        at = scanned = (size_t)(nl - (lp->buf + lp->pos)) + 1;
    }
    return 0;
}

/* ---- passing lines on --------------------------------------------------------- */



/* The first line in [s, end) whose "Filename:" has a prefix (where line
   mode starts), or NULL.  at_start: s starts a line. */
static const char *find_prefixed(const char *s, const char *end, int at_start)
{
    for (const char *f = s; (f = mf_find_filename(f, end)); f += 10) {
        if (f > s && f[-1] == '\n')
            continue;              /* at the start of its line: no prefix */
        const char *line = f;
        while (line > s && line[-1] != '\n')
            line--;
        if (line == s && !at_start)
            continue;
        if (prefix_before_filename(line, (size_t)(end - line)))
            return line;
    }
    return NULL;
}

/* n bytes at s, whole lines but perhaps the last, were passed on as they
   are. */
static void passed(logprefix *lp, const char *s, size_t n)
{
    size_t k = mf_count_newlines(s, n);
    map_lines(lp, lp->in_line + 1, k, 0);
    lp->in_line += k;
    lp->newlines += k;
    if (n)
        lp->at_line_start = s[n - 1] == '\n';
}

/* Before any prefix: pass whole lines on in bulk, up to the first line
   whose "Filename:" has a prefix (all of them if there is none). */
static size_t pass_through(logprefix *lp, char *buf, size_t max)
{
    /* at least one whole line, unless it is longer than the buffer */
    while (!memchr(lp->buf + lp->pos, '\n', lp->len - lp->pos) && fill(lp))
        ;
    const char *s = lp->buf + lp->pos;
    size_t n = lp->len - lp->pos < max ? lp->len - lp->pos : max;
    /* look through the lines that this call may hand on, the last one
       whole even if only its start fits */
    const char *end = s + n, *more;
    if (n && end[-1] != '\n' && (more = memchr(end, '\n', (size_t)(lp->buf + lp->len - end))))
        end = more + 1;
    const char *line = lp->mode == DETECT ? find_prefixed(s, end, lp->at_line_start) : NULL;
    if (line && (size_t)(line - s) < n)
        n = (size_t)(line - s);    /* line mode from here */
    /* whole lines, so a "Filename:" is never split between two calls */
    const char *nl = n ? memrchr(s, '\n', n) : NULL;
    if (nl && !(lp->eof && n == lp->len - lp->pos))
        n = (size_t)(nl - s) + 1;
    passed(lp, s, n);
    memcpy(buf, s, n);
    lp->pos += n;
    return n;
}

/* pass_through() without the copy: the input is read straight into the
   caller's buffer, after the start of a line kept from the read before;
   what cannot go on yet (the last line, unfinished; the lines from one
   that starts line mode) is kept in ours.  Returns 0 (having changed
   nothing that matters) when pass_through() must do it. */
static size_t pass_direct(logprefix *lp, char *buf, size_t max)
{
    size_t kept = lp->len - lp->pos;
    if (lp->eof || !lp->at_line_start || max < 2 * kept + 4096 ||
        memchr(lp->buf + lp->pos, '\n', kept))
        return 0;
    memcpy(buf, lp->buf + lp->pos, kept);
    size_t room = max - kept < CHUNK - kept ? max - kept : CHUNK - kept;
    size_t n = mf_input_read(lp->in, buf + kept, room);
    if (n == 0) {
        lp->eof = 1;
        return 0;
    }
    size_t total = kept + n;
    const char *nl = memrchr(buf, '\n', total);
    size_t give = nl ? (size_t)(nl - buf) + 1 : 0;
    const char *line = give && lp->mode == DETECT ? find_prefixed(buf, buf + give, 1) : NULL;
    if (line)
        give = (size_t)(line - buf);
    memcpy(lp->buf, buf + give, total - give);
    lp->pos = 0;
    lp->len = total - give;
    if (give)
        passed(lp, buf, give);
    return give;
}

/* Decide what becomes of the line at pos: returns the bytes of it to
   pass on (from pos + *skip), or -1 if it is held back or dropped. */
static long decide_line(logprefix *lp, size_t *skip)
{
    int complete;
    size_t len = current_line(lp, &complete);
    const char *s = lp->buf + lp->pos;
    size_t text = len - (complete ? 1 : 0);
    if (text && s[text - 1] == '\r')
        text--;
    long cut = -1;

    if (lp->mode == DETECT) {
        size_t p = prefix_before_filename(s, text);
        if (p && learn_shape(lp, s, p)) {
            if (complete && header_follows(lp, len)) {
                lp->mode = STRIP;
            } else {               /* not a logger's: core/quote.c splits the line */
                regfree(&lp->re);
                lp->have_re = 0;
            }
            s = lp->buf + lp->pos; /* reading ahead may have moved it */
        }
    }
    if (lp->mode == STRIP && text > 0)
        cut = match_prefix(lp, s, text);
    *skip = 0;
    if (cut < 0 && text == 0 && lp->in_record) {
        /* an empty line in a record: the record's end, unless another
           empty line follows it */
        int had = lp->held_empty, had_crlf = lp->held_crlf;
        uint64_t had_line = lp->held_in_line;
        lp->held_empty = 1;
        lp->held_crlf = len == 2;
        lp->held_in_line = ++lp->in_line;
        lp->pos += len;
        if (!had)
            return -1;
        map_lines(lp, had_line, 1, 0);
        *skip = SIZE_MAX;          /* pass on the empty line kept back */
        return had_crlf ? 2 : 1;
    }
    lp->held_empty = 0;            /* a record's end: dropped */
    lp->in_record = cut >= 0;
    lp->in_line++;
    *skip = cut > 0 ? (size_t)cut : 0;
    map_lines(lp, lp->in_line, 1, (uint32_t)*skip);
    return (long)(len - *skip);
}

/* Line mode: whole lines while they fit; a long line goes in pieces. */
static size_t line_mode(logprefix *lp, char *buf, size_t max)
{
    size_t out = 0;
    lp->line_mode_used = 1;
    if (lp->pending_blank && max >= (size_t)lp->pending_blank) {
        memcpy(buf, &"\r\n"[2 - lp->pending_blank], (size_t)lp->pending_blank);
        out = (size_t)lp->pending_blank;
        lp->pending_blank = 0;
    }
    while (out < max && !lp->pending_blank) {
        if (lp->line_left == 0) {
            if (lp->pos == lp->len && !fill(lp))
                break;
            size_t skip;
            long n = decide_line(lp, &skip);
            if (n < 0)
                continue;
            if (skip == SIZE_MAX) {
                if (max - out < (size_t)n) {
                    /* no room for it now: keep it back one more call */
                    lp->pending_blank = (int)n;
                    break;
                }
                memcpy(buf + out, &"\r\n"[2 - n], (size_t)n);
                out += (size_t)n;
                continue;
            }
            lp->pos += skip;
            lp->line_left = (size_t)n;
        }
        if (lp->pos == lp->len && !fill(lp)) {
            lp->line_left = 0;
            break;
        }
        size_t n = lp->len - lp->pos;
        if (n > lp->line_left)
            n = lp->line_left;
        if (n > max - out)
            n = max - out;
        memcpy(buf + out, lp->buf + lp->pos, n);
        out += n;
        lp->pos += n;
        lp->line_left -= n;
    }
    return out;
}

size_t logprefix_read(logprefix *lp, char *buf, size_t max)
{
    int pass = lp->mode == OFF || (lp->mode == DETECT && lp->line_left == 0);
    size_t n;
    if (pass && (n = pass_direct(lp, buf, max)) > 0)
        return n;
    if (lp->pos == lp->len && lp->line_left == 0 && !lp->pending_blank && !fill(lp))
        return 0;
    if (pass) {
        n = pass_through(lp, buf, max);
        if (n > 0 || lp->mode == OFF)
            return n;
    }
    return line_mode(lp, buf, max);
}

logprefix *logprefix_new(mf_input *in, const char *prefix, char *error, size_t error_cap)
{
    /* out of memory, nothing made so far is lost (see core/alloc.c) */
    char *buf = xmalloc(CHUNK);
    logprefix *lp = try_malloc(sizeof *lp);
    if (!lp) {
        xfree(buf);
        oom();
    }
    memset(lp, 0, sizeof *lp);
    lp->in = in;
    lp->buf = buf;
    lp->at_line_start = 1;
    lp->mode = DETECT;
    if (prefix && !*prefix) {
        lp->mode = OFF;
    } else if (prefix) {
        size_t n = strlen(prefix);
        char *re = try_malloc(n + 2);
        if (!re) {
            logprefix_free(lp);
            oom();
        }
        snprintf(re, n + 2, "%s%s", prefix[0] == '^' ? "" : "^", prefix);
        int rc = regcomp(&lp->re, re, REG_EXTENDED);
        xfree(re);
        if (rc != 0) {
            regerror(rc, &lp->re, error, error_cap);
            xfree(lp->buf);
            xfree(lp);
            return NULL;
        }
        lp->have_re = 1;
        lp->mode = STRIP;
    }
    /* a UTF-8 byte-order mark at the start is not part of any line */
    const char *head;
    if (mf_input_peek(in, &head, 3) >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0) {
        char bom[3];
        mf_input_read(in, bom, 3);
        lp->bom = 1;
    }
    return lp;
}

static size_t source_read(void *self, char *buf, size_t max)
{
    return logprefix_read(self, buf, max);
}

static uint64_t source_origin(void *self, uint64_t line, src_origin *out)
{
    out->flags = 0;
    return origin_run(self, line, &out->line, &out->offset);
}

static uint64_t source_newlines(void *self)
{
    const logprefix *lp = self;
    return lp->line_mode_used ? UINT64_MAX : lp->newlines;
}

line_source logprefix_source(logprefix *lp)
{
    return (line_source){ source_read, source_origin, lp, source_newlines };
}

int logprefix_active(const logprefix *lp)
{
    return lp->mode == STRIP;
}

void logprefix_free(logprefix *lp)
{
    if (!lp)
        return;
    if (lp->have_re)
        regfree(&lp->re);
    xfree(lp->runs);
    xfree(lp->line);
    xfree(lp->buf);
    xfree(lp);
}

/* For the parallel reader (read/parallel.c): whether this filter has done
   nothing a fresh one would not do at a later line start.  Before a
   prefix is learnt (DETECT), or with stripping turned off (OFF), every
   line is handed on as it came and nothing is remembered (a prefix is
   learnt only together with a switch to STRIP, which is for good), so a
   filter that is still DETECT or OFF now was so at every line start
   before, in the state a new one starts in.  STRIP (a prefix learnt or
   given) is never fresh: the prefix is what it remembers. */
int logprefix_is_fresh(const logprefix *lp)
{
    return (lp->mode == DETECT || lp->mode == OFF) && !lp->in_record && !lp->held_empty &&
           !lp->pending_blank;
}
