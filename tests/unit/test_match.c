/* Unit tests of the pairing of same-named functions (compare/match.c):
 * by their source text, then by their order in the file. */
#include "harness.h"
#include "compare/match.h"

/* A body of n rows: row k's hash is base + k. */
static match_cand body(uint32_t *rows, uint32_t base, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++)
        rows[k] = base + k;
    match_cand c = { rows, n, 0 };
    return c;
}

int main(void)
{
    uint32_t r[8][16];
    ptrdiff_t out[8];
    scratch t = { NULL, 0, 0 };

    CASE("one function each side: a pair, whatever its body became");
    {
        match_cand a[] = { body(r[0], 100, 5) }, b[] = { body(r[1], 900, 5) };
        match_in_order(&t, a, 1, b, 1, out);
        CHECK(out[0] == 0);
    }

    CASE("two methods of the same name: each with the one whose body it has");
    {
        match_cand a[] = { body(r[0], 100, 5), body(r[1], 200, 5) };
        match_cand b[] = { body(r[2], 100, 5), body(r[3], 200, 5) };
        r[2][2] = 7777;   /* one row of the first edited */
        match_in_order(&t, a, 2, b, 2, out);
        CHECK(out[0] == 0 && out[1] == 1);
    }

    CASE("the classes swapped in the file: the bodies still pair them");
    {
        match_cand a[] = { body(r[0], 100, 6), body(r[1], 200, 6) };
        match_cand b[] = { body(r[2], 200, 6), body(r[3], 100, 6) };
        match_in_order(&t, a, 2, b, 2, out);
        CHECK(out[0] == 1 && out[1] == 0);
    }

    CASE("the same body twice (copied methods): paired in order");
    {
        match_cand a[] = { body(r[0], 100, 4), body(r[1], 100, 4) };
        match_cand b[] = { body(r[2], 100, 4), body(r[3], 100, 4) };
        match_in_order(&t, a, 2, b, 2, out);
        CHECK(out[0] == 0 && out[1] == 1);
    }

    CASE("a method added between two: the new one is left unpaired");
    {
        match_cand a[] = { body(r[0], 100, 5), body(r[1], 300, 5) };
        match_cand b[] = { body(r[2], 100, 5), body(r[3], 200, 5), body(r[4], 300, 5) };
        match_in_order(&t, a, 2, b, 3, out);
        CHECK(out[0] == 0 && out[1] == 2);
    }

    CASE("bodies unknown (an old summary file): paired in order");
    {
        match_cand a[] = { { NULL, 0, 7 }, { NULL, 0, 14 } }, b[] = { { NULL, 0, 13 }, { NULL, 0, 20 } };
        match_in_order(&t, a, 2, b, 2, out);
        CHECK(out[0] == 0 && out[1] == 1);
    }

    CASE("a body rewritten past recognition, as many each side: paired in order");
    {
        match_cand a[] = { body(r[0], 100, 5), body(r[1], 200, 5) };
        match_cand b[] = { body(r[2], 500, 5), body(r[3], 200, 5) };
        match_in_order(&t, a, 2, b, 2, out);
        CHECK(out[0] == 0 && out[1] == 1);
    }

    CASE("similarity: 1 for the same text, 0 for none in common, -1 unknown");
    {
        match_cand a = body(r[0], 100, 4), b = body(r[1], 100, 4), c = body(r[2], 900, 4);
        match_cand none = { NULL, 0, 0 };
        CHECK(body_similarity(&t, &a, &b) == 1.0);
        CHECK(body_similarity(&t, &a, &c) == 0.0);
        CHECK(body_similarity(&t, &a, &none) == -1.0);
    }

    CASE("--match name: distinct bodies pair across files");
    {
        match_cand a[] = { body(r[0], 100, 5), body(r[1], 200, 5) };
        match_cand b[] = { body(r[2], 200, 5), body(r[3], 100, 5) };
        CHECK(match_by_body(&t, a, 2, b, 2, out) == 0);
        CHECK(out[0] == 1 && out[1] == 0);
    }

    CASE("--match name: the same body in two files cannot be told apart");
    {
        match_cand a[] = { body(r[0], 100, 5), body(r[1], 100, 5) };
        match_cand b[] = { body(r[2], 100, 5), body(r[3], 100, 5) };
        CHECK(match_by_body(&t, a, 2, b, 2, out) == 4);
        CHECK(out[0] == -1 && out[1] == -1);
    }
    CASE("bodies unknown, one of two gone: the one on the same line stays paired");
    {
        match_cand a[] = { { NULL, 0, 7 }, { NULL, 0, 14 } }, b[] = { { NULL, 0, 7 } };
        match_in_order(&t, a, 2, b, 1, out);
        CHECK(out[0] == 0 && out[1] == -1);
    }
    CASE("the pairing gave back every scratch block it took");
    CHECK(t.n == 0);
    scratch_drop(&t);
    return DONE();
}
