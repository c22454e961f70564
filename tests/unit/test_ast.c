/* Unit tests of the AST predicates (memfold.h): what a row or a block is
 * fit for, on blocks the parser builds. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"

#define HEAD "Filename: a.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" \
             "=============================================================\n"
#define DEF  "     1                                         def f():\n"
#define ROW2 "     2     22.2 MiB      0.8 MiB           1       x = 1\n"

typedef struct got {
    mf_validator *v;
    size_t blocks, errors, parsed, usable, cut_only, incr_only;
    size_t rows, values, cut_rows, complete;
} got;

static int on_block(const mf_block *b, void *user)
{
    got *g = user;
    size_t e = mf_validate_block(g->v, b);
    g->blocks++;
    g->errors += e;
    g->parsed += (size_t)mf_block_parsed(b);
    g->usable += (size_t)mf_block_usable(b, e);
    g->cut_only += (size_t)mf_block_cut_only(b, e, mf_validator_cut_errors(g->v));
    g->incr_only += (size_t)mf_block_increment_only(b);
    for (size_t i = 0; i < b->nrows; i++) {
        g->rows++;
        g->values += (size_t)mf_row_has_values(&b->rows[i]);
        g->cut_rows += (size_t)mf_row_cut_short(b, &b->rows[i]);
        g->complete += (size_t)mf_row_complete(b, &b->rows[i]);
    }
    return 0;
}

static got run(const char *text)
{
    got g;
    memset(&g, 0, sizeof g);
    g.v = mf_validator_new(NULL, NULL);
    mf_parser *p = mf_parser_new(on_block, NULL, &g);
    mf_parse_buffer(p, text, strlen(text), "t.log", NULL, NULL);
    mf_parser_free(p);
    mf_validator_free(g.v);
    return g;
}

int main(void)
{
    got g;

    CASE("a good block: usable, every row complete, the measured one with values");
    g = run(HEAD DEF ROW2 "\n\n");
    CHECK(g.blocks == 1 && g.parsed == 1 && g.usable == 1 && g.cut_only == 0 && g.incr_only == 0);
    CHECK(g.rows == 2 && g.values == 1 && g.complete == 2 && g.cut_rows == 0);

    CASE("cut off in the middle of a row: cut only, the last row cut short");
    g = run(HEAD DEF ROW2 "     3     22.2 MiB");
    CHECK(g.blocks == 1 && g.errors == 1 && g.usable == 0 && g.cut_only == 1);
    CHECK(g.rows == 3 && g.cut_rows == 1 && g.complete == 2);

    CASE("the last row with its contents and no newline (%mprun -T): whole, usable");
    g = run(HEAD DEF ROW2 "     3     22.2 MiB      0.0 MiB           1       y");
    CHECK(g.blocks == 1 && g.errors == 0 && g.usable == 1 && g.cut_only == 0);
    CHECK(g.rows == 3 && g.cut_rows == 0 && g.complete == 3);

    CASE("a bad number: not usable, not cut only; the row has no values");
    g = run(HEAD DEF "     2    2.2.2 MiB      0.8 MiB           1       x = 1\n\n\n");
    CHECK(g.blocks == 1 && g.parsed == 1 && g.usable == 0 && g.cut_only == 0 && g.values == 0);
    CHECK(g.complete == 2);

    CASE("a syntax error: neither usable nor cut only");
    g = run(HEAD DEF "     2     22.2 MiB      0.8 MiB           1x\n\n\n");
    CHECK(g.blocks == 1 && g.parsed == 0 && g.errors > 0 && g.usable == 0 && g.cut_only == 0);

    CASE("LogFile(reportIncrementFlag=True): no rule, only measured rows");
    g = run("Filename: a.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n"
            ROW2 "\n\n");
    CHECK(g.blocks == 1 && g.incr_only == 1);

    return DONE();
}
