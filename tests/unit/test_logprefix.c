/* Unit tests of the logging-prefix filter: what the report scanner gets
 * from a log written through memory_profiler's LogFile, and where each of
 * its lines came from. */
#include <stdlib.h>
#include "harness.h"
#include "core/logprefix.h"

static char out[8192];

/* Filter text through reads of at most `step` bytes; returns the filter
   (for origin questions) and leaves the output in `out`. */
static logprefix *filter(const char *text, const char *prefix, size_t step, mf_input **in)
{
    char error[128];
    size_t n = 0, k;
    *in = mf_input_memory(text, strlen(text));
    logprefix *lp = logprefix_new(*in, prefix, error, sizeof error);
    while (lp && (k = logprefix_read(lp, out + n, step)) > 0)
        n += k;
    out[n] = '\0';
    return lp;
}

static void done(logprefix *lp, mf_input *in)
{
    logprefix_free(lp);
    mf_input_close(in);
}

#define P "2026-11-24 03:39:50,646 - memory_profile_log - INFO - "
#define Q "2026-11-24 03:39:51,007 - memory_profile_log - INFO - "

int main(void)
{
    mf_input *in;
    logprefix *lp;
    uint64_t line;
    uint32_t off;

    /* What LogFile writes for one block: each write is a record; the
       handler adds a newline to each message, which already ends in one. */
    static const char logged[] =
        "2026-11-24 03:39:50,001 - app - INFO - starting\n"
        P "Filename: a.py\n\n\n"
        Q "Line #    Mem usage    Increment  Occurrences   Line Contents\n\n"
        P "=====\n\n"
        Q "     2     21.4 MiB     21.4 MiB           1   @profile\n\n"
        P "\n\n\n"
        "2026-11-24 03:39:52,001 - app - INFO - done\n";
    static const char wrote[] =
        "2026-11-24 03:39:50,001 - app - INFO - starting\n"
        "Filename: a.py\n\n"
        "Line #    Mem usage    Increment  Occurrences   Line Contents\n"
        "=====\n"
        "     2     21.4 MiB     21.4 MiB           1   @profile\n"
        "\n\n"
        "2026-11-24 03:39:52,001 - app - INFO - done\n";

    for (size_t step = 1; step <= 4096; step *= 8) {
        CASE(step == 1 ? "logprefix: the prefix is learnt and stripped, read a byte at a time"
                       : "logprefix: the prefix is learnt and stripped, larger reads");
        lp = filter(logged, NULL, step, &in);
        CHECK_STR(out, wrote);
        CHECK(logprefix_active(lp));
        done(lp, in);
    }

    CASE("logprefix: each line handed on knows its input line and prefix length");
    lp = filter(logged, NULL, 4096, &in);
    logprefix_origin(lp, 1, &line, &off);
    CHECK(line == 1 && off == 0);
    logprefix_origin(lp, 2, &line, &off);     /* Filename: */
    CHECK(line == 2 && off == strlen(P));
    logprefix_origin(lp, 3, &line, &off);     /* its blank line */
    CHECK(line == 3 && off == 0);
    logprefix_origin(lp, 4, &line, &off);     /* header: input line 5 */
    CHECK(line == 5 && off == strlen(Q));
    logprefix_origin(lp, 6, &line, &off);     /* the row: input line 9 */
    CHECK(line == 9 && off == strlen(Q));
    logprefix_origin(lp, 9, &line, &off);     /* the other logger again */
    CHECK(line == 14 && off == 0);
    done(lp, in);

    CASE("logprefix: other loggers' lines are left as they are");
    /* inside a block: another logger, and the same logger at another
       level (another shape), between two records */
#define OTHER1 "2026-11-24 03:39:50,700 - app - WARNING - slow\n"
#define OTHER2 "2026-11-24 03:39:50,800 - memory_profile_log - WARNING - odd\n"
    lp = filter(P "Filename: a.py\n\n\n" OTHER1 OTHER2 Q "Line #\n\n", NULL, 4096, &in);
    CHECK_STR(out, "Filename: a.py\n\n" OTHER1 OTHER2 "Line #\n");
    CHECK(logprefix_active(lp));
    logprefix_origin(lp, 3, &line, &off);     /* OTHER1: input line 4, nothing taken off */
    CHECK(line == 4 && off == 0);
    logprefix_origin(lp, 4, &line, &off);     /* OTHER2: input line 5 */
    CHECK(line == 5 && off == 0);
    logprefix_origin(lp, 5, &line, &off);     /* Line #: input line 6 */
    CHECK(line == 6 && off == strlen(Q));
    done(lp, in);

    CASE("logprefix: a report without prefix passes through unchanged");
    static const char plain[] = "hello\nFilename: a.py\n\nLine # ...\n\n\nbye";
    lp = filter(plain, NULL, 7, &in);
    CHECK_STR(out, plain);
    CHECK(!logprefix_active(lp));
    logprefix_origin(lp, 6, &line, &off);
    CHECK(line == 6 && off == 0);
    done(lp, in);

    CASE("logprefix: \"Filename: \" inside a row's contents is no prefix");
    static const char row[] = "     7     21.4 MiB      0.0 MiB           1       print(\"Filename: x\")\n";
    lp = filter(row, NULL, 4096, &in);
    CHECK_STR(out, row);
    CHECK(!logprefix_active(lp));
    done(lp, in);
    /* a row starts with spaces, even where its contents have no quote */
    static const char comment[] = "     8     21.4 MiB      0.0 MiB           1       # Filename: x\n";
    lp = filter(comment, NULL, 4096, &in);
    CHECK_STR(out, comment);
    CHECK(!logprefix_active(lp));
    done(lp, in);
    /* a quote before it, even where a long line number leaves no space first */
    static const char wide[] = "100007     21.4 MiB      0.0 MiB           1       print(\"Filename: x\")\n";
    lp = filter(wide, NULL, 4096, &in);
    CHECK_STR(out, wide);
    CHECK(!logprefix_active(lp));
    done(lp, in);

    CASE("logprefix: logging's default format has no digits in its prefix");
    lp = filter("INFO:memory_profile_log:Filename: a.py\n\n\nINFO:memory_profile_log:Line #\n\n",
                NULL, 4096, &in);
    CHECK_STR(out, "Filename: a.py\n\nLine #\n");
    done(lp, in);

    CASE("logprefix: --prefix gives the expression by hand; '' turns stripping off");
    lp = filter("[x] Filename: a.py\n\n\n[y] Line #\n\n", "\\[[a-z]\\] ", 4096, &in);
    CHECK_STR(out, "Filename: a.py\n\nLine #\n");
    done(lp, in);
    lp = filter(P "Filename: a.py\n", "", 4096, &in);
    CHECK_STR(out, P "Filename: a.py\n");
    done(lp, in);

    CASE("logprefix: a bad expression is refused with a message");
    {
        char error[128] = "";
        mf_input *none = mf_input_memory("", 0);
        CHECK(logprefix_new(none, "(", error, sizeof error) == NULL && error[0]);
        mf_input_close(none);
    }

    CASE("logprefix: a byte-order mark is dropped and line 1 shifted by 3");
    lp = filter("\xef\xbb\xbf" "Filename: a.py\nx\n", NULL, 4096, &in);
    CHECK_STR(out, "Filename: a.py\nx\n");
    logprefix_origin(lp, 1, &line, &off);
    CHECK(line == 1 && off == 3);
    logprefix_origin(lp, 2, &line, &off);
    CHECK(line == 2 && off == 0);
    done(lp, in);

    CASE("logprefix: CRLF records are stripped the same way");
    lp = filter(P "Filename: a.py\r\n\r\n\r\n" Q "Line #\r\n\r\n", NULL, 4096, &in);
    CHECK_STR(out, "Filename: a.py\r\n\r\nLine #\r\n");
    done(lp, in);
    return DONE();
}
