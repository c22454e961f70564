/* Unit tests of the validation pass: each check through the library API,
 * its name, its level, and what -W settings do to it. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"

#define HEAD "Filename: a.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" \
             "=============================================================\n"
#define DEF  "     1                                         def f():\n"

typedef struct seen {
    mf_validator *v;
    char names[16][32];
    int severity[16];
    unsigned column[16];
    size_t n, errors_returned;
} seen;

static void on_diag(const mf_diag *d, void *user)
{
    seen *s = user;
    if (s->n < 16 && d->name) {
        snprintf(s->names[s->n], 32, "%s", d->name);
        s->severity[s->n] = d->severity;
        s->column[s->n++] = d->column;
    }
}

static int on_block(const mf_block *b, void *user)
{
    seen *s = user;
    s->errors_returned += mf_validate_block(s->v, b);
    return 0;
}

static seen *validate(const char *text, const char *set, int level)
{
    static seen s;
    memset(&s, 0, sizeof s);
    s.v = mf_validator_new(on_diag, &s);
    if (set)
        mf_validator_set(s.v, set, level);
    mf_parser *p = mf_parser_new(on_block, on_diag, &s);
    mf_parse_buffer(p, text, strlen(text), "t.log", NULL, NULL);
    mf_parser_free(p);
    mf_validator_free(s.v);
    return &s;
}

static int has(const seen *s, const char *name, int severity)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0 && s->severity[i] == severity)
            return 1;
    return 0;
}

/* How many times check name was reported, at any level. */
static size_t count(const seen *s, const char *name)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++)
        k += strcmp(s->names[i], name) == 0;
    return k;
}

/* Was check name reported at this 1-based column? */
static int has_at(const seen *s, const char *name, unsigned column)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0 && s->column[i] == column)
            return 1;
    return 0;
}

int main(void)
{
    seen *s;

    CASE("validate: what memory_profiler prints passes without a diagnostic");
    s = validate(HEAD DEF "     2     21.3 MiB     21.3 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(s->n == 0 && s->errors_returned == 0);

    CASE("validate: a misaligned cell is a column-align error that leaves the block out");
    s = validate(HEAD DEF "     2    21.3 MiB      21.3 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(has(s, "column-align", MF_ERROR) && s->errors_returned == 1);
    /* one cell out of place and the rest after it where they belong: Mem
       usage one column left (at 11, not 12) in row 2; Increment one column
       right (at 27, not 26) in row 3 */
    s = validate(HEAD DEF "     2    21.3 MiB     21.3 MiB           1       x = 1\n"
                          "     3     21.3 MiB       0.0 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(count(s, "column-align") == 2 && s->errors_returned == 2);
    CHECK(has_at(s, "column-align", 11) && has_at(s, "column-align", 27));

    CASE("validate: -Wno-NAME turns a check off, and the block is used");
    s = validate(HEAD DEF "     2    21.3 MiB      21.3 MiB           1       return 1\n\n\n",
                 "column-align", MF_LEVEL_OFF);
    CHECK(s->n == 0 && s->errors_returned == 0);

    CASE("validate: -WNAME makes an error a warning: reported, the block used");
    s = validate(HEAD DEF "     2    21.3 MiB      21.3 MiB           1       return 1\n\n\n",
                 "column-align", MF_LEVEL_WARNING);
    CHECK(has(s, "column-align", MF_WARNING) && s->errors_returned == 0);

    CASE("validate: a unit other than MiB");
    s = validate(HEAD DEF "     2     21.3 KiB     21.3 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(has(s, "unit", MF_ERROR));

    CASE("validate: two precisions in one block");
    s = validate(HEAD DEF "     2     21.3 MiB     21.3 MiB           1       x = 1\n"
                          "     3    21.35 MiB     0.05 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(has(s, "precision", MF_ERROR));
    /* a second precision in Mem usage only, then in Increment only: each
       block is reported once */
    s = validate(HEAD DEF "     2     21.3 MiB     21.3 MiB           1       x = 1\n"
                          "     3    21.35 MiB      0.1 MiB           1       return 1\n\n\n"
                 HEAD DEF "     2     21.3 MiB     21.3 MiB           1       x = 1\n"
                          "     3     21.4 MiB     0.05 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(count(s, "precision") == 2 && s->errors_returned == 2);
    CHECK(s->n == 2);

    CASE("validate: a gap in the line numbers");
    s = validate(HEAD DEF "     3     21.3 MiB     21.3 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(has(s, "line-numbers", MF_ERROR));

    CASE("validate: a block with no def row only warns");
    s = validate(HEAD "     2     21.3 MiB     21.3 MiB           1       return 1\n\n\n", NULL, 0);
    CHECK(has(s, "no-def", MF_WARNING) && s->errors_returned == 0);

    CASE("validate: --strict makes that warning an error");
    {
        static seen t;
        memset(&t, 0, sizeof t);
        t.v = mf_validator_new(on_diag, &t);
        mf_validator_strict(t.v);
        mf_parser *p = mf_parser_new(on_block, on_diag, &t);
        static const char text[] = HEAD "     2     21.3 MiB     21.3 MiB           1       return 1\n\n\n";
        mf_parse_buffer(p, text, sizeof text - 1, "t.log", NULL, NULL);
        mf_parser_free(p);
        CHECK(has(&t, "no-def", MF_ERROR) && t.errors_returned == 1);
        mf_validator_free(t.v);
    }

    CASE("validate: --lenient makes layout checks warnings, not data checks");
    {
        static seen t;
        memset(&t, 0, sizeof t);
        t.v = mf_validator_new(on_diag, &t);
        mf_validator_lenient(t.v);
        mf_parser *p = mf_parser_new(on_block, on_diag, &t);
        /* one row with a misplaced Mem usage (layout), one in KiB (data) */
        static const char text[] = HEAD DEF "     2    21.3 MiB      21.3 MiB           1       x = 1\n"
                                   "     3     21.3 MiB     21.3 KiB           1       return 1\n\n\n";
        mf_parse_buffer(p, text, sizeof text - 1, "t.log", NULL, NULL);
        mf_parser_free(p);
        CHECK(has(&t, "column-align", MF_WARNING));
        CHECK(!has(&t, "column-align", MF_ERROR));
        CHECK(has(&t, "unit", MF_ERROR));
        mf_validator_free(t.v);
    }

    CASE("validate: without --lenient the same layout problem is an error");
    {
        s = validate(HEAD DEF "     2    21.3 MiB      21.3 MiB           1       x = 1\n\n\n", NULL, 0);
        CHECK(has(s, "column-align", MF_ERROR));
        CHECK(!has(s, "column-align", MF_WARNING));
    }

    CASE("validate: syntax checks cannot be changed; unknown names are refused");
    {
        mf_validator *v = mf_validator_new(NULL, NULL);
        CHECK(mf_validator_set(v, "malformed-row", MF_LEVEL_OFF) == MF_ERR_ARG);
        CHECK(mf_validator_set(v, "no-such-check", MF_LEVEL_OFF) == MF_ERR_ARG);
        CHECK(mf_validator_set(v, "crlf", MF_LEVEL_OFF) == 0);
        mf_validator_free(v);
    }

    CASE("validate: every check has a name, a level and a summary");
    {
        size_t n;
        const mf_check_info *c = mf_checks(&n);
        int ok = n > 20;
        for (size_t i = 0; i < n; i++)
            ok = ok && c[i].name && c[i].name[0] && c[i].summary && c[i].summary[0] &&
                 c[i].level >= MF_LEVEL_OFF && c[i].level <= MF_LEVEL_ERROR;
        CHECK(ok);
    }
    return DONE();
}
