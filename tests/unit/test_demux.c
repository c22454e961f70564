/* Unit tests of the demux filter (core/demux.h): hand-made interleavings
 * of whole lines, as several writers on one pipe make them, sorted back
 * into one table after another; input that is not interleaved passes
 * through as it is. */
#include <stdlib.h>
#include "harness.h"
#include "core/demux.h"
#include "core/util.h"

/* ---- a stage before demux: text from memory, origins that say so ---- */

typedef struct fake {
    const char *text;
    size_t len, pos;
    uint64_t asked;          /* the last line asked for */
    int out_of_order;        /* a line was asked for twice or after a later one */
} fake;

static size_t fake_read(void *self, char *buf, size_t max)
{
    fake *f = self;
    size_t n = f->len - f->pos < max ? f->len - f->pos : max;
    if (n > 1000)            /* the stage before hands on what it likes */
        n -= 999;
    memcpy(buf, f->text + f->pos, n);
    f->pos += n;
    return n;
}

/* line k came from input line k + 1000, with k % 5 bytes taken off */
static uint64_t fake_origin(void *self, uint64_t line, src_origin *out)
{
    fake *f = self;
    if (line <= f->asked)
        f->out_of_order = 1;
    f->asked = line;
    out->line = line + 1000;
    out->offset = (uint32_t)(line % 5);
    out->flags = 0;
    return 1;                /* the next line's offset differs */
}

/* What demux hands on, and each line's origin, asked as a scanner asks:
   once the line's first byte is in. */
static char *got;
static size_t got_len;
static src_origin origins[64];
static size_t norigins;
static int asked_twice;

static void run(const char *text, size_t len, size_t step, fake *f)
{
    memset(f, 0, sizeof *f);
    f->text = text;
    f->len = len;
    demux *d = demux_new((line_source){ fake_read, fake_origin, f, NULL });
    line_source s = demux_source(d);
    char *buf = xmalloc(step);
    size_t n, cap = len + 64;
    got = xmalloc(cap);
    got_len = 0;
    norigins = 0;
    asked_twice = 0;
    uint64_t line = 1;
    int bol = 1;
    while ((n = s.read(s.self, buf, step)) > 0) {
        for (size_t i = 0; i < n; i++) {
            if (bol) {
                src_origin o;
                s.origin(s.self, line, &o);
                if (norigins < 64)
                    origins[norigins++] = o;
            }
            bol = buf[i] == '\n';
            line += bol;
            if (got_len + 1 >= cap)
                got = xrealloc(got, cap *= 2);
            got[got_len++] = buf[i];
        }
    }
    got[got_len] = '\0';
    xfree(buf);
    demux_free(d);
}

/* The origins' input lines (less 1000), flags as 'M' after moved ones:
   "1 2 3M" */
static const char *lines_of(void)
{
    static char s[512];
    size_t k = 0;
    s[0] = '\0';
    for (size_t i = 0; i < norigins && k + 16 < sizeof s; i++)
        k += (size_t)snprintf(s + k, sizeof s - k, "%s%llu%s", i ? " " : "",
                              (unsigned long long)(origins[i].line - 1000),
                              origins[i].flags & SRC_MOVED ? "M" : "");
    return s;
}

static const size_t steps[] = { 1, 7, 4096, 1 << 20 };

#define F1 "Filename: a.py\n"
#define F2 "Filename: b.py\n"
#define HD "Line #    Mem usage    Increment  Occurrences   Line Contents\n"
#define RU "=============================================================\n"
#define R(n, v) "     " #n "     " v " MiB     " v " MiB           1   x = " #n "\n"

int main(void)
{
    fake f;

    CASE("demux: one table after another passes through unchanged, origins as asked of the stage before");
    {
        static const char plain[] =
            "program output\n" F1 "\n" HD RU R(5, "21.0") R(6, "21.5") "\n\n" "42 more output\n"
            F2 "\n" HD RU R(9, "22.0") "\n\n" "bye";
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            run(plain, strlen(plain), steps[i], &f);
            CHECK_STR(got, plain);
            CHECK(!f.out_of_order);
            CHECK(norigins == 18);
            int same = 1;
            for (size_t k = 0; k < norigins; k++)
                same &= origins[k].line == k + 1 + 1000 && origins[k].offset == (k + 1) % 5 &&
                        origins[k].flags == 0;
            CHECK(same);
            xfree(got);
        }
    }

    CASE("demux: two writers' tables, headers, rules and rows alternating, come out one after the other");
    {
        static const char mixed[] =
            F1 "\n" F2 "\n" HD HD RU RU R(5, "21.0") R(9, "31.0") R(6, "21.5") R(10, "31.5")
            "\n\n" "\n\n";
        static const char sorted[] =
            F1 "\n" HD RU R(5, "21.0") R(6, "21.5") "\n\n"
            F2 "\n" HD RU R(9, "31.0") R(10, "31.5") "\n\n";
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            run(mixed, strlen(mixed), steps[i], &f);
            CHECK_STR(got, sorted);
            /* the header right after F2's blank is F2's; the first row
               goes to the oldest table waiting for one */
            CHECK_STR(lines_of(), "1 2 6 7 9 11 15 16 3M 4M 5M 8M 10M 12M 13M 14M");
            CHECK(!f.out_of_order);
            xfree(got);
        }
    }

    CASE("demux: an orphan Filename:, another writer's whole block, then the first one's header");
    {
        static const char orphan[] =
            F1 "\n" F2 "\n" HD RU R(7, "31.0") R(8, "31.5") "\n\n" HD RU R(7, "21.0") R(8, "21.5")
            "\n\n";
        /* the header after F2 is F2's (it came right after it): F1's
           table is the later one */
        static const char sorted[] =
            F1 "\n" HD RU R(7, "21.0") R(8, "21.5") "\n\n"
            F2 "\n" HD RU R(7, "31.0") R(8, "31.5") "\n\n";
        run(orphan, strlen(orphan), 4096, &f);
        CHECK_STR(got, sorted);
        CHECK_STR(lines_of(), "1 2 11 12 13 14 15 16 3M 4M 5M 6M 7M 8M 9M 10M");
        xfree(got);
    }

    CASE("demux: rows go to the table whose last row is one less; a blank to the table that looks done");
    {
        /* b starts while a is in rows; a finishes first */
        static const char mixed[] =
            F1 "\n" HD RU R(5, "21.0") R(6, "21.5") F2 "\n" R(7, "22.0") HD RU R(5, "31.0") "\n\n"
            R(6, "31.5") R(7, "32.0") "\n\n";
        static const char sorted[] =
            F1 "\n" HD RU R(5, "21.0") R(6, "21.5") R(7, "22.0") "\n\n"
            F2 "\n" HD RU R(5, "31.0") R(6, "31.5") R(7, "32.0") "\n\n";
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            run(mixed, strlen(mixed), steps[i], &f);
            CHECK_STR(got, sorted);
            CHECK_STR(lines_of(), "1 2 3 4 5 6 9 13 14 7M 8M 10M 11M 12M 15 16 17 18");
            xfree(got);
        }
    }

    CASE("demux: other text while two tables are open comes after them");
    {
        static const char mixed[] =
            F1 "\n" F2 "\n" HD HD "worker says hi\n" RU R(5, "21.0") RU R(9, "31.0") "\n\n" "\n\n"
            "done\n";
        static const char sorted[] =
            F1 "\n" HD RU R(5, "21.0") "\n\n" F2 "\n" HD RU R(9, "31.0") "\n\n"
            "worker says hi\n" "done\n";
        run(mixed, strlen(mixed), 4096, &f);
        CHECK_STR(got, sorted);
        CHECK_STR(lines_of(), "1 2 6 8 9 14 15 3M 4M 5M 10M 11M 12M 13M 7M 16");
        xfree(got);
    }

    CASE("demux: CRLF line endings");
    {
        static const char mixed[] =
            "Filename: a.py\r\n\r\nFilename: b.py\r\n\r\nLine #\r\nLine #\r\n===\r\n"
            "  5  1.0 MiB\r\n===\r\n  9  2.0 MiB\r\n  6  1.5 MiB\r\n\r\n\r\n  10  2.5 MiB\r\n"
            "\r\n\r\n";
        static const char sorted[] =
            "Filename: a.py\r\n\r\nLine #\r\n===\r\n  5  1.0 MiB\r\n  6  1.5 MiB\r\n\r\n\r\n"
            "Filename: b.py\r\n\r\nLine #\r\n===\r\n  9  2.0 MiB\r\n  10  2.5 MiB\r\n\r\n\r\n";
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            run(mixed, strlen(mixed), steps[i], &f);
            CHECK_STR(got, sorted);
            xfree(got);
        }
    }

    CASE("demux: no newline at the end: kept last, or given one when a held table follows");
    {
        /* the last line is b's, handed on last: no byte added */
        static const char last_b[] =
            F1 "\n" F2 "\n" HD HD RU RU R(5, "21.0") "\n\n" "     5     31.0 MiB";
        run(last_b, strlen(last_b), 7, &f);
        CHECK_STR(got, F1 "\n" HD RU R(5, "21.0") "\n\n" F2 "\n" HD RU "     5     31.0 MiB");
        CHECK(got_len == strlen(last_b));
        xfree(got);
        /* the last line is a's, handed on before b's table */
        static const char last_a[] =
            F1 "\n" F2 "\n" HD HD RU RU R(5, "21.0") R(9, "31.0") "     6     21.5 MiB";
        run(last_a, strlen(last_a), 7, &f);
        CHECK_STR(got, F1 "\n" HD RU R(5, "21.0") "     6     21.5 MiB\n" F2 "\n" HD RU R(9, "31.0"));
        CHECK(got_len == strlen(last_a) + 1);
        xfree(got);
        /* the last line is b's, held while a's table is open: handed on
           last, still without a newline, and nothing added before it
           (an ending of a held line is not that of the last line out) */
        static const char held_last[] =
            F1 "\n" F2 "\n" HD HD RU RU R(5, "21.0") "     9     31.0 MiB";
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            run(held_last, strlen(held_last), steps[i], &f);
            CHECK_STR(got, F1 "\n" HD RU R(5, "21.0") F2 "\n" HD RU "     9     31.0 MiB");
            CHECK(got_len == strlen(held_last));
            CHECK_STR(lines_of(), "1 2 6 7 9 3M 4M 5M 8M 10");
            xfree(got);
        }
        /* ... and with other text held after b's table: the one newline
           added is at the end of b's last line, so every line keeps its
           origin (tests/fuzz/regress/scan-demux-eof-held-row.log) */
        static const char held_other[] =
            F1 "\n" F2 "\n" HD HD RU RU R(5, "21.0") R(9, "31.0") "other\n" "    10     31.5 MiB";
        for (size_t i = 0; i < sizeof steps / sizeof *steps; i++) {
            run(held_other, strlen(held_other), steps[i], &f);
            CHECK_STR(got, F1 "\n" HD RU R(5, "21.0") F2 "\n" HD RU R(9, "31.0")
                           "    10     31.5 MiB\n" "other\n");
            CHECK(got_len == strlen(held_other) + 1);
            CHECK_STR(lines_of(), "1 2 6 7 9 3M 4M 5M 8M 10 12 11M");
            xfree(got);
        }
    }

    CASE("demux: lines longer than 256 KiB, held and handed on");
    {
        size_t big = 300 * 1024;
        char *row1 = xmalloc(big + 64), *row2 = xmalloc(big + 64);
        int n1 = snprintf(row1, 64, "     5     21.0 MiB     21.0 MiB           1   s = '");
        int n2 = snprintf(row2, 64, "     5     31.0 MiB     31.0 MiB           1   t = '");
        memset(row1 + n1, 'a', big);
        memset(row2 + n2, 'b', big);
        strcpy(row1 + n1 + big, "'\n");
        strcpy(row2 + n2 + big, "'\n");
        size_t cap = 4 * big + 4096;
        char *mixed = xmalloc(cap), *sorted = xmalloc(cap);
        snprintf(mixed, cap, "%s\n%s\n%s%s%s%s%s%s\n\n\n\n", F1, F2, HD, HD, RU, RU, row1, row2);
        snprintf(sorted, cap, "%s\n%s%s%s\n\n%s\n%s%s%s\n\n", F1, HD, RU, row1, F2, HD, RU, row2);
        for (size_t i = 1; i < sizeof steps / sizeof *steps; i++) {
            run(mixed, strlen(mixed), steps[i], &f);
            CHECK(got_len == strlen(sorted) && strcmp(got, sorted) == 0);
            CHECK_STR(lines_of(), "1 2 6 7 9 13 14 3M 4M 5M 8M 10M 11M 12M");
            xfree(got);
        }
        xfree(row1);
        xfree(row2);
        xfree(mixed);
        xfree(sorted);
    }

    CASE("demux: beyond the bound it gives up and hands on in input order, no byte lost");
    {
        /* a never ends (no blank), b's rows are held behind it */
        size_t rows = DEMUX_MAX_LINES + 500, cap = 64 * rows + 1024, k = 0;
        char *text = xmalloc(cap);
        k += (size_t)snprintf(text + k, cap - k, "%s\n%s%s%s", F1, HD, RU, R(5, "21.0"));
        k += (size_t)snprintf(text + k, cap - k, "%s\n%s%s", F2, HD, RU);
        for (size_t i = 0; i < rows; i++)
            k += (size_t)snprintf(text + k, cap - k, "%8zu     1.0 MiB\n", i + 1);
        k += (size_t)snprintf(text + k, cap - k, "%s", R(6, "21.5"));
        run(text, k, 4096, &f);
        CHECK(got_len == k && memcmp(got, text, k) == 0);
        CHECK(!f.out_of_order);
        xfree(got);
        xfree(text);
    }
    return DONE();
}
