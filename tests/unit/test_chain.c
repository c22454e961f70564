/* Unit tests of the whole filter chain (core/filter.h) as the report
 * scanner reads it: logprefix -> quote -> demux.  Each filter has a bulk
 * path (bytes passed on without a look at each line, read straight into
 * the caller's buffer, origins answered for runs of lines) and a line by
 * line one; which one runs depends on the read sizes.  Random mixtures of
 * plain, interleaved, quoted and logged blocks, longer than the filters'
 * buffers, must give the same bytes and the same origin for every line
 * whatever the read sizes, and an origin answered for a run of lines must
 * be what each of those lines is when asked one by one. */
#include <stdlib.h>
#include "harness.h"
#include "core/logprefix.h"
#include "core/quote.h"
#include "core/demux.h"
#include "core/util.h"

#ifndef SEED
#define SEED 4242
#endif

#define LP "2026-11-24 03:39:50,646 - memory_profile_log - INFO - "
#define HEAD "Line #    Mem usage    Increment  Occurrences   Line Contents\n"
#define RULE "=============================================================\n"

/* ---- random reports ---------------------------------------------------- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
    }
    memcpy(t->s + t->len, s, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void puts_(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static unsigned rnd(unsigned *seed, unsigned n)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) % n;
}

/* Line i of a block of `rows` rows starting at row `first` (-1: past
   its end), as memory_profiler prints it. */
static int block_line(char *buf, size_t cap, int i, int first, int rows, int mem)
{
    if (i == 0)
        return snprintf(buf, cap, "Filename: /srv/app/f%d.py\n", first);
    if (i == 1 || i >= rows + 4)
        return i < rows + 6 ? snprintf(buf, cap, "\n") : -1;
    if (i == 2)
        return snprintf(buf, cap, "%s", HEAD);
    if (i == 3)
        return snprintf(buf, cap, "%s", RULE);
    int n = first + i - 4;
    if (i % 4 == 1)            /* an unmeasured row */
        return snprintf(buf, cap, "%6d                                           pass\n", n);
    return snprintf(buf, cap, "%6d %8d.%d MiB %8d.%d MiB %11d   x = %d\n", n, mem + i, i % 10, i % 3,
                    i % 10, 1, n);
}

/* One piece of a report, of one kind or another. */
static void piece(text *t, unsigned *seed)
{
    char line[8192];
    int kind = (int)rnd(seed, 10);
    int rows = 3 + (int)rnd(seed, 40), first = 1 + (int)rnd(seed, 900), mem = (int)rnd(seed, 500);
    if (kind <= 3) {           /* a plain block */
        for (int i = 0, n; (n = block_line(line, sizeof line, i, first, rows, mem)) >= 0; i++)
            put(t, line, (size_t)n);
    } else if (kind == 4) {    /* two writers, line by line */
        int first2 = first + 1000, rows2 = 3 + (int)rnd(seed, 20);
        for (int i = 0, j = 0, a = 1, b = 1; a || b;) {
            int n;
            if (a && (!b || rnd(seed, 2))) {
                if ((n = block_line(line, sizeof line, i++, first, rows, mem)) < 0)
                    a = 0;
                else
                    put(t, line, (size_t)n);
            } else if ((n = block_line(line, sizeof line, j++, first2, rows2, mem)) < 0) {
                b = 0;
            } else {
                put(t, line, (size_t)n);
            }
        }
    } else if (kind == 5 || kind == 6) {   /* pasted under a quoting prefix */
        const char *q = kind == 5 ? "# " : "> ";
        for (int i = 0, n; (n = block_line(line, sizeof line, i, first, rows, mem)) >= 0; i++) {
            if (i >= rows + 4)
                break;
            puts_(t, line[0] == '\n' ? (kind == 5 ? "#" : ">") : q);
            if (i == 10 && rnd(seed, 2))
                puts_(t, "...\n");
            else
                put(t, line, (size_t)n);
        }
        puts_(t, "\nsome prose after the paste\n");
    } else if (kind == 7) {    /* through Python's logging: LogFile's records */
        for (int i = 0, n; (n = block_line(line, sizeof line, i, first, rows, mem)) >= 0; i++) {
            puts_(t, LP);
            put(t, line, (size_t)n);
            puts_(t, "\n");
        }
    } else if (kind == 8) {    /* text before Filename:, a progress line */
        puts_(t, rnd(seed, 2) ? "working...\r" : "done. ");
        for (int i = 0, n; (n = block_line(line, sizeof line, i, first, rows, mem)) >= 0; i++)
            put(t, line, (size_t)n);
    } else {                   /* other text, a long line, CRLF */
        size_t n = rnd(seed, 3) ? 20 : 5000 + rnd(seed, 3000);
        for (size_t i = 0; i < n; i++)
            line[i] = (char)('a' + (int)(i % 26));
        put(t, line, n);
        puts_(t, rnd(seed, 2) ? "\r\n" : "\n");
        if (rnd(seed, 2))
            puts_(t, "Filename: crlf.py\r\n\r\n" "Line #    Mem usage    Increment\r\n"
                     "============================\r\n" "     1     1.0 MiB     1.0 MiB   a\r\n\r\n\r\n");
    }
}

/* ---- reading it as the scanner does ------------------------------------- */

typedef struct chain {
    mf_input *in;
    logprefix *lp;
    quote *q;
    demux *dm;
    line_source top;
} chain;

static void chain_open(chain *c, const text *t)
{
    char error[128];
    c->in = mf_input_memory(t->s, t->len);
    c->lp = logprefix_new(c->in, NULL, error, sizeof error);
    c->q = quote_new(logprefix_source(c->lp));
    c->dm = demux_new(quote_source(c->q));
    c->top = demux_source(c->dm);
}

static void chain_close(chain *c)
{
    demux_free(c->dm);
    quote_free(c->q);
    logprefix_free(c->lp);
    mf_input_close(c->in);
}

typedef struct result {
    text out;
    src_origin *o;           /* every line's origin */
    size_t n, cap;
    int bad_count;           /* an answer said it held for no line */
} result;

/* Read the chain in reads of `max` bytes (and, with vary, of sizes from
   1 to max); ask for a line's origin at its first byte, as the scanner
   does: per_line asks for every line, else once for each run answered. */
static void read_all(const text *t, size_t max, int vary, int per_line, result *r)
{
    chain c;
    chain_open(&c, t);
    memset(r, 0, sizeof *r);
    char *buf = malloc(max);
    uint64_t line = 1, first = 0, end = 0;
    src_origin run = { 0, 0, 0 };
    int bol = 1;
    unsigned seed = 99;
    size_t k;
    while ((k = c.top.read(c.top.self, buf, vary ? 1 + rnd(&seed, (unsigned)max) : max)) > 0) {
        put(&r->out, buf, k);
        for (size_t i = 0; i < k; i++) {
            if (bol) {
                src_origin o;
                if (per_line || line >= end) {
                    uint64_t n = c.top.origin(c.top.self, line, &o);
                    if (n == 0)
                        r->bad_count = 1;
                    run = o;
                    first = line;
                    end = line + n;
                }
                o = run;
                o.line += line - first;
                if (r->n == r->cap) {
                    r->cap = r->cap ? 2 * r->cap : 1024;
                    r->o = realloc(r->o, r->cap * sizeof *r->o);
                }
                r->o[r->n++] = o;
            }
            bol = buf[i] == '\n';
            line += bol;
        }
    }
    free(buf);
    chain_close(&c);
}

static void result_free(result *r)
{
    free(r->out.s);
    free(r->o);
}

static int same_result(const result *a, const result *b)
{
    if (a->out.len != b->out.len || memcmp(a->out.s, b->out.s, a->out.len) != 0)
        return 0;
    if (a->n != b->n || a->bad_count || b->bad_count)
        return 0;
    for (size_t i = 0; i < a->n; i++)
        if (a->o[i].line != b->o[i].line || a->o[i].offset != b->o[i].offset ||
            a->o[i].flags != b->o[i].flags)
            return 0;
    return 1;
}

int main(void)
{
    CASE("chain: random mixtures over several buffers: the same bytes and origins whatever the read sizes");
    {
        unsigned seed = SEED;
        int all = 1;
        size_t lines = 0, moved = 0, quoted = 0, logged = 0;
        for (int round = 0; round < 4 && all; round++) {
            text t = { 0 };
            while (t.len < 700 * 1024)
                piece(&t, &seed);
            if (round % 2)
                t.len--;           /* no final newline */
            result ref;
            read_all(&t, 1, 0, 1, &ref);   /* line by line everywhere, every origin asked */
            lines += ref.n;
            for (size_t i = 0; i < ref.n; i++) {
                moved += (ref.o[i].flags & SRC_MOVED) != 0;
                quoted += (ref.o[i].flags & SRC_QUOTED) != 0;
                logged += ref.o[i].offset == strlen(LP);
            }
            static const struct { size_t max; int vary, per_line; } ways[] = {
                { 1 << 17, 0, 0 }, { 1 << 17, 0, 1 }, { 5000, 0, 0 }, { 300000, 0, 0 },
                { 1 << 17, 1, 0 }, { 7, 0, 0 },
            };
            for (size_t w = 0; w < sizeof ways / sizeof ways[0] && all; w++) {
                result r;
                read_all(&t, ways[w].max, ways[w].vary, ways[w].per_line, &r);
                if (!same_result(&ref, &r)) {
                    all = 0;
                    printf("  round %d, reads of %zu%s: %zu bytes, %zu lines (want %zu, %zu)\n", round,
                           ways[w].max, ways[w].vary ? " (varied)" : "", r.out.len, r.n, ref.out.len,
                           ref.n);
                }
                result_free(&r);
            }
            result_free(&ref);
            free(t.s);
        }
        CHECK(all);
        /* what was mixed in was seen as such */
        if (getenv("CHAIN_DEBUG"))
            printf("  %zu lines, %zu moved, %zu quoted, %zu logged\n", lines, moved, quoted, logged);
        CHECK(lines > 20000 && moved > 100 && quoted > 1000 && logged > 1000);
    }
    return DONE();
}
