/* Unit tests of the quoting stage (core/quote.c): what the scanner gets
 * from a report pasted into a comment, a quote, an indented block or a
 * docstring, or written after other text on a line, and where each line
 * it hands on came from. */
#include <stdlib.h>
#include "harness.h"
#ifndef ROUNDS
#define ROUNDS 200
#endif
#ifndef SEED
#define SEED 12345
#endif
#include "core/quote.h"
#include "core/logprefix.h"
#include "core/util.h"

/* ---- an upstream stage over a string -------------------------------------- */

/* Hands on text in reads of at most `step` bytes; the origin of line n is
   input line n + 100, 3 bytes taken off, SRC_MOVED (so that composing is
   seen).  It notes whether it was asked in increasing order. */
typedef struct fake {
    const char *text;
    size_t len, at, step;
    uint64_t last_asked;
    int out_of_order;
    int plain;               /* origins as they are: line n, nothing taken off */
} fake;

static size_t fake_read(void *self, char *buf, size_t max)
{
    fake *f = self;
    size_t n = f->len - f->at;
    if (n > f->step)
        n = f->step;
    if (n > max)
        n = max;
    memcpy(buf, f->text + f->at, n);
    f->at += n;
    return n;
}

static uint64_t fake_origin(void *self, uint64_t line, src_origin *o)
{
    fake *f = self;
    if (line <= f->last_asked)
        f->out_of_order = 1;
    f->last_asked = line;
    o->line = f->plain ? line : line + 100;
    o->offset = f->plain ? 0 : 3;
    o->flags = f->plain ? 0 : SRC_MOVED;
    return 7 - line % 7;     /* every line maps alike: say so for runs of up to 7 */
}

/* ---- running the stage ---------------------------------------------------- */

typedef struct run {
    fake up;
    quote *q;
    line_source src;
    char *out;
    size_t len;
} run;

/* Filter text (len bytes) with upstream reads of `step` bytes and reads
   of at most `max` bytes from the stage; the output in r->out. */
static void filter_n(run *r, const char *text, size_t len, size_t step, size_t max, int plain)
{
    memset(r, 0, sizeof *r);
    r->up = (fake){ text, len, 0, step, 0, 0, plain };
    r->q = quote_new((line_source){ fake_read, fake_origin, &r->up, NULL });
    r->src = quote_source(r->q);
    size_t cap = len + len / 2 + 64, k;
    r->out = malloc(cap + 1);
    for (;;) {
        size_t want = max < cap - r->len ? max : cap - r->len;
        if (want == 0) {
            cap *= 2;
            r->out = realloc(r->out, cap + 1);
            continue;
        }
        if ((k = r->src.read(r->src.self, r->out + r->len, want)) == 0)
            break;
        r->len += k;
    }
    r->out[r->len] = '\0';
}

static void filter(run *r, const char *text, size_t step, size_t max)
{
    filter_n(r, text, strlen(text), step, max, 1);
}

static void done(run *r)
{
    quote_free(r->q);
    free(r->out);
}

static src_origin origin(run *r, uint64_t line)
{
    src_origin o;
    r->src.origin(r->src.self, line, &o);
    return o;
}

/* Output lines in r->out (a last one without a newline counts). */
static uint64_t out_lines(const run *r)
{
    uint64_t n = 0;
    for (size_t i = 0; i < r->len; i++)
        n += r->out[i] == '\n';
    return n + (r->len && r->out[r->len - 1] != '\n');
}

/* Every output line's origin, asked in order: expected line, offset and
   flags of each in three arrays. */
static int origins_are(run *r, size_t n, const uint64_t *line, const uint32_t *off,
                       const uint32_t *flags)
{
    int ok = out_lines(r) == n;
    if (!ok)
        printf("  %llu output lines, expected %zu\n", (unsigned long long)out_lines(r), n);
    for (size_t i = 0; ok && i < n; i++) {
        src_origin o = origin(r, i + 1);
        if (o.line != line[i] || o.offset != off[i] || o.flags != flags[i]) {
            printf("  line %zu: input line %llu offset %u flags %u, expected %llu %u %u\n", i + 1,
                   (unsigned long long)o.line, o.offset, o.flags, (unsigned long long)line[i],
                   off[i], flags[i]);
            ok = 0;
        }
    }
    return ok && !r->up.out_of_order;
}

/* ---- the texts ------------------------------------------------------------ */

#define HEAD "Line #    Mem usage    Increment  Occurrences   Line Contents\n"
#define RULE "=============================================================\n"
#define ROW1 "     8     21.3 MiB     21.3 MiB           1   @profile\n"
#define ROW2 "     9                                         def make_list(n):\n"
#define ROW3 "    10     28.9 MiB      7.6 MiB           1       data = [0] * n\n"
#define ROW4 "    11     28.9 MiB      0.0 MiB           1       return data\n"

/* A raw report: what every paste below must give back. */
static const char raw[] =
    "Filename: a.py\n"
    "\n"
    HEAD RULE ROW1 ROW2 ROW3 ROW4
    "\n"
    "\n";

/* raw with `p` before each line, and `blank` for its empty lines */
static char *paste(const char *text, const char *p, const char *blank)
{
    size_t n = strlen(text), k = 0;
    char *s = malloc(n * 10 + 1);
    while (*text) {
        const char *nl = strchr(text, '\n');
        size_t len = nl ? (size_t)(nl - text) : strlen(text);
        const char *use = len ? p : blank;
        memcpy(s + k, use, strlen(use));
        k += strlen(use);
        memcpy(s + k, text, len);
        k += len;
        text += len;
        if (*text == '\n') {
            s[k++] = '\n';
            text++;
        }
    }
    s[k] = '\0';
    return s;
}

int main(void)
{
    run r;
    static const size_t steps[] = { 1, 3, 64, 4096, 1 << 20 };

    CASE("quote: a raw report passes through unchanged, in bulk, with its own origins");
    {
        static const char text[] = "hello\nFilename: a.py\n\n" HEAD RULE ROW1 "\n\nbye";
        for (size_t i = 0; i < 5; i++) {
            for (size_t j = 0; j < 5; j++) {
                filter(&r, text, steps[i], steps[j]);
                CHECK_STR(r.out, text);
                uint64_t line[10];
                uint32_t zero[10] = { 0 };
                for (int k = 0; k < 10; k++)
                    line[k] = (uint64_t)k + 1;
                CHECK(origins_are(&r, 9, line, zero, zero));
                done(&r);
            }
        }
    }

    CASE("quote: '# ' comments with bare '#' blank lines give the raw report back");
    {
        char *p = paste(raw, "# ", "#");
        for (size_t i = 0; i < 5; i++) {
            filter(&r, p, steps[i], steps[4 - i]);
            CHECK_STR(r.out, raw);
            static const uint64_t line[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 };
            static const uint32_t off[] = { 2, 1, 2, 2, 2, 2, 2, 2, 1, 1 };
            static const uint32_t fl[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
            CHECK(origins_are(&r, 10, line, off, fl));
            done(&r);
        }
        free(p);
    }

    CASE("quote: '> ', '#', '>> ', four spaces, a tab, eight spaces, three spaces");
    {
        static const char *const prefixes[][2] = {
            { "> ", ">" }, { "#", "#" }, { ">> ", ">>" }, { "    ", "" }, { "\t", "\t" },
            { "        ", "        " }, { "   ", "" }, { "> # ", "> #" },
        };
        for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
            char *p = paste(raw, prefixes[i][0], prefixes[i][1]);
            filter(&r, p, 4096, 4096);
            CHECK_STR(r.out, raw);
            CHECK(origin(&r, 1).offset == strlen(prefixes[i][0]) && origin(&r, 1).flags == SRC_QUOTED);
            done(&r);
            free(p);
        }
    }

    CASE("quote: a table quoted from its header on, without a Filename: line");
    {
        static const char text[] = "text\n# " HEAD "# " RULE "# " ROW1 "#\n#\ndef f():\n";
        filter(&r, text, 4096, 4096);
        CHECK_STR(r.out, "text\n" HEAD RULE ROW1 "\n\ndef f():\n");
        static const uint64_t line[] = { 1, 2, 3, 4, 5, 6, 7 };
        static const uint32_t off[] = { 0, 2, 2, 2, 1, 1, 0 };
        static const uint32_t fl[] = { 0, 1, 1, 1, 1, 1, 0 };
        CHECK(origins_are(&r, 7, line, off, fl));
        done(&r);
        /* a "Line #" that is no header (no columns) starts nothing */
        static const char prose[] = "# Line # is the first column\n# 12 rows\n";
        filter(&r, prose, 4096, 4096);
        CHECK_STR(r.out, prose);
        done(&r);
    }

    CASE("quote: the end of a quoted table: a docstring's quotes, code, other prefixes");
    {
        static const char text[] =
            "    def f(self):\n"
            "        \"\"\"Profile:\n"
            "\n"
            "        Filename: a.py\n"
            "\n"
            "        " HEAD
            "        " RULE
            "        " ROW1
            "        \"\"\"\n"
            "        return 1\n";
        filter(&r, text, 7, 4096);
        CHECK_STR(r.out,
                  "    def f(self):\n"
                  "        \"\"\"Profile:\n"
                  "\n"
                  "Filename: a.py\n"
                  "\n"
                  HEAD RULE ROW1
                  "        \"\"\"\n"
                  "        return 1\n");
        CHECK(origin(&r, 1).flags == 0 && origin(&r, 4).flags == SRC_QUOTED &&
              origin(&r, 4).offset == 8 && origin(&r, 9).flags == 0 && origin(&r, 9).offset == 0);
        done(&r);
        /* a '# ' table followed by a '> ' one: the prefix is learnt again */
        static const char two[] = "# Filename: a.py\n# " HEAD "# " ROW1 "> Filename: b.py\n> " HEAD "> " ROW2 "x\n";
        filter(&r, two, 4096, 4096);
        CHECK_STR(r.out, "Filename: a.py\n" HEAD ROW1 "Filename: b.py\n" HEAD ROW2 "x\n");
        done(&r);
    }

    CASE("quote: rows indented further keep it, rows indented less lose what they have");
    {
        static const char text[] = "    " HEAD "    " RULE "      " ROW1
                                   "  10     28.9 MiB      7.6 MiB           1       data = [0] * n\n"
                                   "x = 1\n" "    " ROW4;
        filter(&r, text, 4096, 4096);
        /* a line without indentation ends the table */
        CHECK_STR(r.out, HEAD RULE "  " ROW1 "10     28.9 MiB      7.6 MiB           1       data = [0] * n\n"
                  "x = 1\n" "    " ROW4);
        CHECK(origin(&r, 1).offset == 4 && origin(&r, 3).offset == 4 && origin(&r, 4).offset == 2 &&
              origin(&r, 5).flags == 0);
        done(&r);
    }

    CASE("quote: '...' lines are gaps: dropped, and the next line says so");
    {
        static const char text[] = "# Filename: a.py\n#\n# " HEAD "# " RULE "# " ROW1 "# ...\n"
                                   "#   [...]  \n# " ROW3 "# \xe2\x80\xa6\n#\n#\n";
        filter(&r, text, 5, 4096);
        CHECK_STR(r.out, "Filename: a.py\n\n" HEAD RULE ROW1 ROW3 "\n\n");
        static const uint64_t line[] = { 1, 2, 3, 4, 5, 8, 10, 11 };
        static const uint32_t off[] = { 2, 1, 2, 2, 2, 2, 1, 1 };
        static const uint32_t fl[] = { 1, 1, 1, 1, 1, 1 | SRC_AFTER_GAP, 1 | SRC_AFTER_GAP, 1 };
        CHECK(origins_are(&r, 8, line, off, fl));
        done(&r);
    }

    CASE("quote: text before Filename: is a line of its own");
    {
        static const char text[] = "loading...Filename: a.py\n\n" HEAD;
        for (size_t i = 0; i < 5; i++) {
            filter(&r, text, steps[i], steps[4 - i]);
            CHECK_STR(r.out, "loading...\nFilename: a.py\n\n" HEAD);
            static const uint64_t line[] = { 1, 1, 2, 3 };
            static const uint32_t off[] = { 0, 10, 0, 0 };
            static const uint32_t fl[] = { 0, SRC_SPLIT, 0, 0 };
            CHECK(origins_are(&r, 4, line, off, fl));
            done(&r);
        }
        /* a progress line: its last '\r' goes */
        static const char bar[] = " 50%|#    | 1/2\r100%|##| 2/2\rFilename: a.py\r\n\r\nLine #\r\n";
        filter(&r, bar, 4096, 4096);
        CHECK_STR(r.out, " 50%|#    | 1/2\r100%|##| 2/2\r\nFilename: a.py\r\n\r\nLine #\r\n");
        CHECK(origin(&r, 2).line == 1 && origin(&r, 2).offset == 29 && origin(&r, 2).flags == SRC_SPLIT);
        done(&r);
        /* only a '\r' before it */
        filter(&r, "\rFilename: a.py\nLine #\n", 4096, 4096);
        CHECK_STR(r.out, "Filename: a.py\nLine #\n");
        CHECK(origin(&r, 1).offset == 1);
        done(&r);
    }

    CASE("quote: \"Filename: \" in code or in a row is not split off");
    {
        static const char *const keep[] = {
            "    print(\"Filename: \" + f)\n",
            "print(f'Filename: {f}')\n",
            "see `Filename: ` above\n",
            "     7     21.4 MiB      0.0 MiB           1       print(\"Filename: x\")\n",
            "     8     21.4 MiB      0.0 MiB           1       # Filename: x\n",
            "    25                                         log(Filename: x)\n",
        };
        for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
            filter(&r, keep[i], 4096, 4096);
            CHECK_STR(r.out, keep[i]);
            done(&r);
        }
    }

    CASE("quote: a Filename: with no header after it is left alone");
    {
        static const char *const keep[] = {
            "# Filename: utils.py\n# Author: me\n\nimport os\n",
            "The report starts with Filename: and a path.\n\nIt has rows.\n",
            "> Filename: x.py\n> (the rest was cut)\n",
            "# see Filename: above\n#\n# Line #    Mem usage    Increment\n",
        };
        for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
            filter(&r, keep[i], 4096, 4096);
            CHECK_STR(r.out, i == 3 ? "# see Filename: above\n#\nLine #    Mem usage    Increment\n" : keep[i]);
            done(&r);
        }
    }

    CASE("quote: an indented header under a raw Filename: line is not quoting");
    {
        static const char seed[] = "Filename: example.py\n  Line #    Mem usage    Increment  Line Contents\n"
                                   "================================================\n"
                                   "     3    5.207 MiB    0.000 MiB  @profile\n";
        for (size_t i = 0; i < 5; i++) {
            filter(&r, seed, steps[i], 4096);
            CHECK_STR(r.out, seed);
            CHECK(origin(&r, 2).flags == 0);
            done(&r);
        }
        /* with blank lines between, still not; with text between, it is */
        filter(&r, "Filename: a.py\n\n   \n  " HEAD, 4096, 4096);
        CHECK_STR(r.out, "Filename: a.py\n\n   \n  " HEAD);
        done(&r);
        filter(&r, "text\n  " HEAD "  " ROW1, 4096, 4096);
        CHECK_STR(r.out, "text\n" HEAD ROW1);
        done(&r);
    }

    CASE("quote: origins compose with the stage before");
    {
        fake *f;
        char *p = paste(raw, "# ", "#");
        filter_n(&r, p, strlen(p), 4096, 4096, 0);
        f = &r.up;
        CHECK_STR(r.out, raw);
        src_origin o = origin(&r, 1);
        CHECK(o.line == 101 && o.offset == 5 && o.flags == (SRC_QUOTED | SRC_MOVED));
        o = origin(&r, 2);
        CHECK(o.line == 102 && o.offset == 4 && o.flags == (SRC_QUOTED | SRC_MOVED));
        CHECK(!f->out_of_order);
        done(&r);
        free(p);
        static const char ab[] = "ab\rFilename: a.py\nLine #\n";
        filter_n(&r, ab, strlen(ab), 4096, 4096, 0);
        o = origin(&r, 1);
        CHECK(o.line == 101 && o.offset == 3 && o.flags == SRC_MOVED);
        o = origin(&r, 2);
        CHECK(o.line == 101 && o.offset == 6 && o.flags == (SRC_SPLIT | SRC_MOVED));
        o = origin(&r, 3);
        CHECK(o.line == 102 && o.offset == 3);
        CHECK(!r.up.out_of_order);
        done(&r);
    }

    CASE("quote: lines longer than 256 KiB, quoted, split and passed in bulk");
    {
        size_t big = 300 * 1024;
        char *text = malloc(3 * big + 1024), *want = malloc(3 * big + 1024);
        if (!text || !want)
            abort();
        /* a quoted row whose contents are 300 KiB */
        size_t k = (size_t)sprintf(text, "# Filename: a.py\n#\n# " HEAD "# " ROW1);
        k += (size_t)sprintf(text + k, "#     9     21.3 MiB      0.0 MiB           1   x = '");
        memset(text + k, 'y', big);
        k += big;
        k += (size_t)sprintf(text + k, "'\n# " ROW3 "#\n");
        size_t w = (size_t)sprintf(want, "Filename: a.py\n\n" HEAD ROW1);
        w += (size_t)sprintf(want + w, "    9     21.3 MiB      0.0 MiB           1   x = '");
        memset(want + w, 'y', big);
        w += big;
        w += (size_t)sprintf(want + w, "'\n" ROW3 "\n");
        /* then 200 KiB of progress before a Filename: (within what a
           decision sees of a line) */
        memset(text + k, '=', 200 * 1024);
        memset(want + w, '=', 200 * 1024);
        k += 200 * 1024;
        w += 200 * 1024;
        k += (size_t)sprintf(text + k, "\rFilename: b.py\n" HEAD);
        w += (size_t)sprintf(want + w, "\nFilename: b.py\n" HEAD);
        /* then a raw line of 300 KiB with "Filename: " far in: too far to see */
        memset(text + k, 'z', big);
        memset(want + w, 'z', big);
        k += big;
        w += big;
        k += (size_t)sprintf(text + k, "Filename: c.py\nend");
        w += (size_t)sprintf(want + w, "Filename: c.py\nend");
        for (size_t i = 1; i < 5; i++) {
            filter_n(&r, text, k, steps[i], steps[5 - i], 1);
            CHECK(r.len == w && memcmp(r.out, want, w) == 0);
            static const uint64_t line[] = { 1, 2, 3, 4, 5, 6, 7, 8, 8, 9, 10, 11 };
            static const uint32_t off[] = { 2, 1, 2, 2, 2, 2, 1, 0, (uint32_t)(200 * 1024 + 1), 0, 0, 0 };
            static const uint32_t fl[] = { 1, 1, 1, 1, 1, 1, 1, 0, SRC_SPLIT, 0, 0, 0 };
            CHECK(origins_are(&r, 12, line, off, fl));
            done(&r);
        }
        free(text);
        free(want);
    }

    CASE("quote: the last line without a newline");
    {
        filter(&r, "# Filename: a.py\n# " HEAD "# " ROW1 "# " "    12     28.9 MiB      0.0 MiB           1       return 1",
               4096, 4096);
        CHECK_STR(r.out, "Filename: a.py\n" HEAD ROW1 "    12     28.9 MiB      0.0 MiB           1       return 1");
        CHECK(origin(&r, 4).line == 4 && origin(&r, 4).offset == 2 && origin(&r, 4).flags == SRC_QUOTED);
        done(&r);
        /* a bare prefix at the end: nothing */
        filter(&r, "# Filename: a.py\n# " HEAD "# " ROW1 "#", 1, 4096);
        CHECK_STR(r.out, "Filename: a.py\n" HEAD ROW1);
        CHECK(out_lines(&r) == 3);
        done(&r);
        /* a split line at the end */
        filter(&r, "abcFilename: a.py\nLine #", 3, 4096);
        CHECK_STR(r.out, "abc\nFilename: a.py\nLine #");
        CHECK(origin(&r, 2).line == 1 && origin(&r, 2).offset == 3);
        done(&r);
        filter(&r, "raw", 4096, 4096);
        CHECK_STR(r.out, "raw");
        CHECK(origin(&r, 1).line == 1);
        done(&r);
    }

    CASE("quote: CRLF lines keep their endings");
    {
        filter(&r, "# Filename: a.py\r\n#\r\n# " "Line #\r\n>\r\n", 4096, 4096);
        CHECK_STR(r.out, "Filename: a.py\r\n\r\nLine #\r\n>\r\n");
        done(&r);
    }
    CASE("quote: after logprefix: a logger's prefix is still its, other text before Filename: ours");
    {
#define LP "2026-11-24 03:39:50,646 - memory_profile_log - INFO - "
#define LQ "2026-11-24 03:39:51,007 - memory_profile_log - INFO - "
        static const struct { const char *in, *out; } cases[] = {
            /* LogFile: every line a record, the header too */
            { LP "Filename: a.py\n\n\n" LQ HEAD "\n" LP RULE "\n" LQ ROW1 "\n",
              "Filename: a.py\n\n" HEAD RULE ROW1 },
            /* the same text before Filename: only: no logger's, a line of its own */
            { LP "Filename: a.py\n\n" HEAD RULE ROW1 "\n",
              LP "\nFilename: a.py\n\n" HEAD RULE ROW1 "\n" },
            /* the header more than 8 lines on: not seen, not learnt */
            { LP "Filename: a.py\n\n1\n2\n3\n4\n5\n6\n7\n8\n" LQ HEAD,
              LP "Filename: a.py\n\n1\n2\n3\n4\n5\n6\n7\n8\n" LQ HEAD },
            /* another logger wrote the header: not learnt, but split, so
               that the table is seen (and its errors said) */
            { "[02:44:06] mp | Filename: a.py\n\n[02:44:06] app | " HEAD,
              "[02:44:06] mp | \nFilename: a.py\n\n[02:44:06] app | " HEAD },
            /* a quoting prefix is not a logger's, even where the header has it */
            { "# Filename: a.py\n#\n# " HEAD "# " ROW1 "#\n#\n", "Filename: a.py\n\n" HEAD ROW1 "\n\n" },
            { "#Filename: a.py\n#\n#" HEAD "#" ROW1 "#\n", "Filename: a.py\n\n" HEAD ROW1 "\n" },
        };
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            char error[128], got[4096];
            size_t n = 0, k;
            mf_input *in = mf_input_memory(cases[i].in, strlen(cases[i].in));
            logprefix *lp = logprefix_new(in, NULL, error, sizeof error);
            quote *q = quote_new(logprefix_source(lp));
            line_source src = quote_source(q);
            while ((k = src.read(src.self, got + n, 100)) > 0)
                n += k;
            got[n] = '\0';
            CHECK_STR(got, cases[i].out);
            src_origin o;
            src.origin(src.self, 1, &o);
            if (i == 0)
                CHECK(logprefix_active(lp) && o.line == 1 && o.offset == strlen(LP) && o.flags == 0);
            if (i == 1) {
                CHECK(!logprefix_active(lp) && o.line == 1 && o.offset == 0);
                src.origin(src.self, 2, &o);
                CHECK(o.line == 1 && o.offset == strlen(LP) && o.flags == SRC_SPLIT);
            }
            if (i == 4)
                CHECK(!logprefix_active(lp) && o.offset == 2 && o.flags == SRC_QUOTED);
            quote_free(q);
            logprefix_free(lp);
            mf_input_close(in);
        }
    }
    CASE("quote: random pastes: the same lines and origins whatever the read sizes");
    {
        static const char *const starts[] = { "", "# ", "#", "> ", "    ", "\t", "  ", "text ", "\r", "x\r" };
        static const char *const bodies[] = {
            "Filename: a.py", HEAD, RULE, ROW1, ROW2, "...", "", "def f():", "\"\"\"", "Filename: \"",
            "    12", "Line # only",
        };
        unsigned seed = SEED;
        for (int round = 0; round < ROUNDS; round++) {
            char text[8192];
            size_t k = 0;
            for (int i = 0; i < 40; i++) {
                seed = seed * 1103515245u + 12345u;
                const char *a = starts[(seed >> 16) % (sizeof starts / sizeof starts[0])];
                seed = seed * 1103515245u + 12345u;
                const char *b = bodies[(seed >> 16) % (sizeof bodies / sizeof bodies[0])];
                size_t bl = strlen(b);
                if (bl && b[bl - 1] == '\n')
                    bl--;
                k += (size_t)snprintf(text + k, sizeof text - k, "%s%.*s%s", a, (int)bl, b,
                                      (seed >> 8) % 7 ? "\n" : "\r\n");
            }
            if (round % 3 == 0)
                k--;               /* no final newline */
            run ref;
            filter_n(&ref, text, k, 1 << 20, 1 << 20, 0);
            uint64_t n = out_lines(&ref);
            src_origin want[200];
            for (uint64_t i = 0; i < n && i < 200; i++)
                want[i] = origin(&ref, i + 1);
            int same = !ref.up.out_of_order;
            for (size_t i = 0; i < 3 && same; i++) {
                run other;
                filter_n(&other, text, k, (size_t[]){ 1, 7, 300 }[i], (size_t[]){ 5, 1, 64 }[i], 0);
                same = other.len == ref.len && memcmp(other.out, ref.out, ref.len) == 0;
                for (uint64_t j = 0; same && j < n && j < 200; j++) {
                    src_origin o = origin(&other, j + 1);
                    same = o.line == want[j].line && o.offset == want[j].offset && o.flags == want[j].flags;
                }
                same = same && !other.up.out_of_order;
                done(&other);
            }
            CHECK(same);
            if (!same && getenv("QDEBUG")) {
                fwrite(text, 1, k, stderr);
                fprintf(stderr, "\n=====\n");
                fwrite(ref.out, 1, ref.len, stderr);
                fprintf(stderr, "\n=====\n");
                for (size_t i = 0; i < 3; i++) {
                    run other;
                    filter_n(&other, text, k, (size_t[]){ 1, 7, 300 }[i], (size_t[]){ 5, 1, 64 }[i], 0);
                    fprintf(stderr, "--- %zu: %zu bytes (ref %zu)\n", i, other.len, ref.len);
                    fwrite(other.out, 1, other.len, stderr);
                    done(&other);
                }
            }
            done(&ref);
            if (!same)
                break;
        }
    }
    return DONE();
}
