/* Unit tests of the reader (src/read/): the kind of an input, the verdict
 * on each block, check settings, one kind per run, summary JSON handed on
 * whole, and check state that starts afresh with each input. */
#include <errno.h>
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"
#include "memfold_dat.h"

#define HEAD "Filename: a.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" \
             "=============================================================\n"
#define ROWS "     1     21.3 MiB     21.3 MiB           1   @profile\n" \
             "     2                                         def f():\n" \
             "     3     28.9 MiB      7.6 MiB           1       x = 1\n"
/* the Mem usage cell of row 3 one column to the left */
#define MISALIGNED "     1     21.3 MiB     21.3 MiB           1   @profile\n" \
                   "     2                                         def f():\n" \
                   "     3    28.9 MiB       7.6 MiB           1       x = 1\n"
#define GOOD HEAD ROWS "\n\n"

typedef struct seen {
    int verdict[8];
    size_t blocks, records, summaries, texts, inputs;
    int input_kind;
    size_t summary_len;
    char first_diag[32];
    int refuse;
} seen;

static int on_input(int kind, const char *name, void *user)
{
    seen *s = user;
    (void)name;
    s->inputs++;
    s->input_kind = kind;
    return s->refuse;
}

static int on_block(const mf_block *b, int verdict, void *user)
{
    seen *s = user;
    (void)b;
    if (s->blocks < 8)
        s->verdict[s->blocks] = verdict;
    s->blocks++;
    return 0;
}

static int on_record(const struct mf_dat_record *r, void *user)
{
    seen *s = user;
    (void)r;
    s->records++;
    return 0;
}

static void on_summary(const char *text, size_t len, const char *name, void *user)
{
    seen *s = user;
    (void)text;
    (void)name;
    s->summaries++;
    s->summary_len = len;
}

static void on_diag(const mf_diag *d, void *user)
{
    seen *s = user;
    if (!s->first_diag[0] && d->name)
        snprintf(s->first_diag, sizeof s->first_diag, "%s", d->name);
}

static void on_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    seen *s = user;
    (void)source, (void)line, (void)text, (void)len;
    s->texts++;
}

static mf_reader *reader(seen *s)
{
    static const mf_reader_handlers h = { on_input, on_block, on_record, on_summary, on_text,
                                          on_diag, NULL, NULL };
    memset(s, 0, sizeof *s);
    return mf_reader_new(&h, s);
}

/* Read text as one input named name: mf_reader_read's status. */
static int feed(mf_reader *r, const char *text, const char *name, int *kind)
{
    mf_input *in = mf_input_memory(text, strlen(text));
    int rc = mf_reader_read(r, in, name, NULL, kind, NULL);
    mf_input_close(in);
    return rc;
}

int main(void)
{
    seen s;
    int kind;
    mf_reader *r;

    CASE("a good block is kept; text outside it is handed on");
    r = reader(&s);
    CHECK(feed(r, "hello\n" GOOD, "a.log", &kind) == MF_OK);
    CHECK(kind == MF_KIND_REPORT && s.input_kind == MF_KIND_REPORT && mf_reader_kind(r) == MF_KIND_REPORT);
    CHECK(s.blocks == 1 && s.verdict[0] == MF_KEPT);
    CHECK(s.texts == 1);
    CHECK(mf_reader_errors(r) == 0 && mf_reader_warnings(r) == 0);
    mf_reader_free(r);

    CASE("a block cut off after a complete row: cut off only");
    r = reader(&s);
    CHECK(feed(r, HEAD ROWS, "a.log", NULL) == MF_OK);
    CHECK(s.blocks == 1 && s.verdict[0] == MF_CUT_ONLY);
    CHECK_STR(s.first_diag, "unterminated");
    CHECK(mf_reader_errors(r) == 1);
    mf_reader_free(r);

    CASE("a misaligned cell: left out; -Wno-column-align keeps it");
    r = reader(&s);
    feed(r, HEAD MISALIGNED "\n\n", "a.log", NULL);
    CHECK(s.blocks == 1 && s.verdict[0] == MF_LEFT_OUT);
    CHECK_STR(s.first_diag, "column-align");
    mf_reader_free(r);
    r = reader(&s);
    CHECK(mf_reader_set_check(r, "column-align", MF_LEVEL_OFF) == 0);
    feed(r, HEAD MISALIGNED "\n\n", "a.log", NULL);
    CHECK(s.blocks == 1 && s.verdict[0] == MF_KEPT && mf_reader_errors(r) == 0);
    mf_reader_free(r);

    CASE("--lenient: the misaligned cell warns, the block is kept");
    r = reader(&s);
    mf_reader_lenient(r);
    feed(r, HEAD MISALIGNED "\n\n", "a.log", NULL);
    CHECK(s.verdict[0] == MF_KEPT && mf_reader_errors(r) == 0 && mf_reader_warnings(r) == 1);
    mf_reader_free(r);

    CASE("syntax only (fmt): the misaligned block is kept, unjudged");
    r = reader(&s);
    mf_reader_syntax_only(r);
    feed(r, HEAD MISALIGNED "\n\n", "a.log", NULL);
    CHECK(s.verdict[0] == MF_KEPT && mf_reader_errors(r) == 0);
    mf_reader_free(r);

    CASE("set_check: either pipeline's checks; MF_ERR_ARG for no such check or a fixed one");
    r = reader(&s);
    CHECK(mf_reader_set_check(r, "dat-negative", MF_LEVEL_WARNING) == 0);
    CHECK(mf_reader_set_check(r, "no-such-check", MF_LEVEL_OFF) == MF_ERR_ARG);
    CHECK(mf_reader_set_check(r, "syntax", MF_LEVEL_OFF) == MF_ERR_ARG);
    feed(r, "MEM -1.5 100.0\n", "a.dat", &kind);
    CHECK(kind == MF_KIND_DAT && s.records == 1 && mf_reader_warnings(r) == 1);
    mf_reader_free(r);

    CASE("--strict: a warning is an error; --pure reports foreign text");
    r = reader(&s);
    mf_reader_pure(r);
    mf_reader_strict(r);
    feed(r, "hello\n" GOOD, "a.log", NULL);
    CHECK_STR(s.first_diag, "foreign-text");
    CHECK(mf_reader_errors(r) == 1 && mf_reader_warnings(r) == 0);
    mf_reader_free(r);

    CASE("an input without a block: the no-blocks error");
    r = reader(&s);
    feed(r, "nothing here\n", "a.log", NULL);
    CHECK_STR(s.first_diag, "no-blocks");
    CHECK(mf_reader_errors(r) == 1);
    mf_reader_free(r);

    CASE("a bad record is not handed on");
    r = reader(&s);
    feed(r, "MEM 1.0 100.0\nMEM -1.0 101.0\nMEM 2.0 102.0\n", "a.dat", NULL);
    CHECK(s.records == 2 && mf_reader_errors(r) == 1);
    CHECK_STR(s.first_diag, "dat-negative");
    mf_reader_free(r);

    CASE("one kind per run: a .dat after a report is refused, nothing read");
    r = reader(&s);
    mf_reader_accept(r, MF_KIND_REPORT | MF_KIND_DAT, 1);
    CHECK(feed(r, GOOD, "a.log", NULL) == MF_OK);
    CHECK(feed(r, "MEM 1.0 100.0\n", "b.dat", &kind) == MF_ERR_KIND);
    CHECK(kind == MF_KIND_DAT && s.records == 0 && s.inputs == 1);
    CHECK(feed(r, GOOD, "c.log", NULL) == MF_OK && s.blocks == 2);
    mf_reader_free(r);

    CASE("kinds not accepted are refused; on_input can refuse too");
    r = reader(&s);
    mf_reader_accept(r, MF_KIND_REPORT, 0);
    CHECK(feed(r, "MEM 1.0 100.0\n", "b.dat", NULL) == MF_ERR_KIND);
    s.refuse = 1;
    CHECK(feed(r, GOOD, "a.log", NULL) == MF_ERR_REFUSED && s.blocks == 0);
    mf_reader_free(r);

    CASE("summary JSON: detected when accepted, handed on whole; bounded");
    {
        const char *json = "{\"memfold\": 1, \"functions\": []}";
        r = reader(&s);
        mf_reader_accept(r, MF_KIND_REPORT | MF_KIND_SUMMARY, 0);
        CHECK(feed(r, json, "s.json", &kind) == MF_OK);
        CHECK(kind == MF_KIND_SUMMARY && s.summaries == 1 && s.summary_len == strlen(json));
        mf_reader_summary_max(r, 10);
        mf_input *in = mf_input_memory(json, strlen(json));
        mf_error err;
        CHECK(mf_reader_read(r, in, "s.json", NULL, NULL, &err) == MF_ERR_IO);
        CHECK(mf_input_error(in) == EFBIG && err.sys_errno == EFBIG && s.summaries == 1);
        mf_input_close(in);
        mf_reader_free(r);
        /* not accepted: read as a report (and it holds none) */
        r = reader(&s);
        CHECK(feed(r, json, "s.json", &kind) == MF_OK && kind == MF_KIND_REPORT);
        CHECK(s.summaries == 0);
        mf_reader_free(r);
        /* the only kind accepted: anything is one */
        r = reader(&s);
        mf_reader_accept(r, MF_KIND_SUMMARY, 0);
        CHECK(feed(r, "MEM 1.0 100.0\n", "x", &kind) == MF_OK && kind == MF_KIND_SUMMARY);
        mf_reader_free(r);
    }

    CASE("check state starts afresh with each input, settings stay");
    r = reader(&s);
    CHECK(mf_reader_set_check(r, "dat-negative", MF_LEVEL_OFF) == 0);
    feed(r, "MEM 1.0 200.0\n", "a.dat", NULL);
    feed(r, "MEM -1.0 100.0\n", "a.dat", NULL);   /* same name, earlier time */
    CHECK(mf_reader_errors(r) == 0 && s.records == 2);
    mf_reader_free(r);

    CASE("a prefix that does not compile: MF_ERR_ARG and why");
    r = reader(&s);
    {
        mf_error err;
        CHECK(mf_reader_set_prefix(r, "(", &err) == MF_ERR_ARG && err.code == MF_ERR_ARG &&
              err.message[0]);
    }
    mf_reader_free(r);

    CASE("diag_user goes to on_diag in place of user");
    {
        const mf_reader_handlers h = { .on_diag = on_diag, .diag_user = &s };
        int other;
        memset(&s, 0, sizeof s);
        r = mf_reader_new(&h, &other);
        feed(r, "nothing\n", "a.log", NULL);
        CHECK_STR(s.first_diag, "no-blocks");
        mf_reader_free(r);
    }
    return DONE();
}
