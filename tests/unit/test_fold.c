/* Unit tests of the fold pass: aggregates computed by hand. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"

#define HEAD "Filename: a.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" \
             "=============================================================\n"
#define HEAD_B "Filename: b.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" \
               "=============================================================\n"
#define PAD41 "                                         "

static int fold_it(const mf_block *b, void *fold)
{
    mf_fold_block(fold, b);
    return 0;
}

static mf_fold *fold_text(const char *text)
{
    mf_fold *f = mf_fold_new();
    mf_parser *p = mf_parser_new(fold_it, NULL, f);
    mf_parse_buffer(p, text, strlen(text), "t.log", NULL, NULL);
    mf_parser_free(p);
    return f;
}

static const char *derived(int64_t v, int prec)
{
    static char buf[64];
    mf_format_derived(buf, v, prec);
    return buf;
}

int main(void)
{
    /* Two calls of f (rows 21.3/22.1/21.3 and 21.4/36.7/21.4) and one of g. */
    static const char two_calls[] =
        HEAD "     2     21.3 MiB     21.3 MiB           1   @profile\n"
             "     3" PAD41 "def f():\n"
             "     4     22.1 MiB      0.8 MiB           1       x = [0]*n\n"
             "     5     21.3 MiB     -0.8 MiB           1       del x\n\n\n"
        "output\n"
        HEAD "     2     21.4 MiB     21.4 MiB           1   @profile\n"
             "     3" PAD41 "def f():\n"
             "     4     36.7 MiB     15.3 MiB           1       x = [0]*n\n"
             "     5     21.4 MiB    -15.3 MiB           1       del x\n\n\n"
        HEAD "     9     21.4 MiB     21.4 MiB           1   @profile\n"
             "    10" PAD41 "def g():\n"
             "    11     21.5 MiB      0.1 MiB        1000       d = {}\n\n\n";
    mf_fold *f = fold_text(two_calls);
    const mf_func_stats *s;

    CASE("fold: one aggregate per (file, function, line), in order of appearance");
    CHECK(mf_fold_count(f) == 2);
    s = mf_fold_get(f, 0);
    CHECK_STR(s->function, "f");
    CHECK_STR(s->file, "a.py");
    CHECK(s->line == 2 && s->calls == 2 && s->rows == 6);
    CHECK_STR(mf_fold_get(f, 1)->function, "g");
    CHECK(s->first_seen == 0 && mf_fold_get(f, 1)->first_seen == 1);

    CASE("fold: rise is the largest (highest Mem usage - first row's) of one block");
    /* f: 22.1 - 21.3 = 0.8 and 36.7 - 21.4 = 15.3; g: 21.5 - 21.4 */
    CHECK(s->has_rise && s->rise == 15300000000LL);
    CHECK(mf_fold_get(f, 1)->has_rise && mf_fold_get(f, 1)->rise == 100000000LL);

    CASE("fold: adding up keeps the larger rise; a part with rows and no rise makes it unknown");
    {
        mf_fold *g = mf_fold_new();
        mf_func_stats a = *s;
        a.rise = 20 * MF_SCALE;
        CHECK(mf_fold_add_stats(g, s, NULL) == MF_OK && mf_fold_get(g, 0)->rise == 15300000000LL);
        CHECK(mf_fold_add_stats(g, &a, NULL) == MF_OK && mf_fold_get(g, 0)->rise == 20 * MF_SCALE);
        a.rise = 1;
        CHECK(mf_fold_add_stats(g, &a, NULL) == MF_OK && mf_fold_get(g, 0)->rise == 20 * MF_SCALE);
        a.has_rise = 0;
        CHECK(mf_fold_add_stats(g, &a, NULL) == MF_OK && !mf_fold_get(g, 0)->has_rise);
        a.has_rise = 1;
        CHECK(mf_fold_add_stats(g, &a, NULL) == MF_OK && !mf_fold_get(g, 0)->has_rise);
        mf_fold_free(g);
    }

    CASE("fold: body: one FNV-1a hash a non-empty source row of the first block, white space cut");
    {
        /* 0xe40c292c is FNV-1a of "", not kept; "def f():" and "x = [0]*n" by hand */
        static const char methods[] =
            HEAD "     2     21.3 MiB     21.3 MiB           1       @profile\n"
                 "     3" PAD41 "    def load(self):  \n"
                 "     4" PAD41 "\n"
                 "     5     22.1 MiB      0.8 MiB           1   \t    x = [0]*n\n\n\n"
            HEAD "     2     21.3 MiB     21.3 MiB           1       @profile\n"
                 "     3" PAD41 "    def load(self):\n"
                 "     4     22.1 MiB      0.8 MiB           1           y = 1\n\n\n"
            HEAD "     9     21.3 MiB     21.3 MiB           1       @profile\n"
                 "    10" PAD41 "    def load(self):\n"
                 "    11     22.1 MiB      0.8 MiB           1           x = [0]*n\n\n\n";
        uint32_t h = 2166136261u;
        for (const char *c = "x = [0]*n"; *c; c++)
            h = (h ^ (unsigned char)*c) * 16777619u;
        mf_fold *m = fold_text(methods);
        CHECK(mf_fold_count(m) == 2);
        const mf_func_stats *a = mf_fold_get(m, 0), *b = mf_fold_get(m, 1);
        CHECK(a->nbody == 3 && b->nbody == 3);
        CHECK(a->body && a->body[2] == h && b->body && b->body[2] == h);
        CHECK(a->body[0] == b->body[0] && a->body[1] == b->body[1]);   /* the first block's */
        mf_fold *g = mf_fold_new();
        mf_func_stats none = *a;
        none.body = NULL;
        none.nbody = 0;
        CHECK(mf_fold_add_stats(g, &none, NULL) == MF_OK && mf_fold_get(g, 0)->nbody == 0);
        CHECK(mf_fold_add_stats(g, a, NULL) == MF_OK && mf_fold_get(g, 0)->nbody == 3 &&
              mf_fold_get(g, 0)->body != a->body && mf_fold_get(g, 0)->body[2] == h);
        mf_func_stats other = *a;
        uint32_t one = 7;
        other.body = &one;
        other.nbody = 1;
        CHECK(mf_fold_add_stats(g, &other, NULL) == MF_OK && mf_fold_get(g, 0)->nbody == 3);
        mf_fold_free(g);
        mf_fold_free(m);
    }

    CASE("fold: calls: first row's Occurrences, nested blocks taken in, one-row blocks halved");
    {
        /* a recursion: 1, 2 and 3 on the first row, Increment about Mem usage: 3 calls */
#define BLK(occ, inc) HEAD "     2     21.3 MiB     " inc " MiB           " occ "   @profile\n" \
                      "     3" PAD41 "def f():\n" \
                      "     4     21.3 MiB      0.0 MiB           " occ "       pass\n\n\n"
        static const char nested[] = BLK("1", "21.3") BLK("2", "20.9") BLK("3", "21.3");
        /* separate calls seen by one profiler: Increment 2 x Mem usage: 1 + 2 */
        static const char separate[] = BLK("1", "21.3") BLK("2", "42.6");
        /* three calls of a one-line function: 2 each */
        static const char oneline[] =
            HEAD "     2     21.3 MiB     21.3 MiB           6   def f(): pass\n\n\n";
        /* no count to take in: 2 - 1 is not 3 */
        static const char apart[] = BLK("3", "21.3") BLK("2", "21.3");
        mf_fold *m = fold_text(nested);
        CHECK(mf_fold_get(m, 0)->ncalls == 3 && mf_fold_get(m, 0)->calls == 3 &&
              !mf_fold_get(m, 0)->ncalls_estimated);
        mf_fold_free(m);
        m = fold_text(separate);
        CHECK(mf_fold_get(m, 0)->ncalls == 3 && mf_fold_get(m, 0)->calls == 2);
        mf_fold_free(m);
        m = fold_text(oneline);
        CHECK(mf_fold_get(m, 0)->ncalls == 3 && mf_fold_get(m, 0)->calls == 1);
        mf_fold_free(m);
        m = fold_text(apart);
        CHECK(mf_fold_get(m, 0)->ncalls == 5);
        mf_fold_free(m);
        /* each input apart: a block is never nested in one of another input */
        m = mf_fold_new();
        mf_parser *p = mf_parser_new(fold_it, NULL, m);
        mf_parse_buffer(p, BLK("1", "21.3"), strlen(BLK("1", "21.3")), "a.log", NULL, NULL);
        mf_parse_buffer(p, BLK("2", "21.3"), strlen(BLK("2", "21.3")), "b.log", NULL, NULL);
        mf_parser_free(p);
        CHECK(mf_fold_get(m, 0)->ncalls == 3);
        mf_fold_free(m);
#undef BLK
    }

    CASE("fold: peak and min are values as printed");
    CHECK(s->peak_dec.mant == 367 && s->peak_dec.prec == 1);
    CHECK(s->min_dec.mant == 213 && s->min_dec.prec == 1);

    CASE("fold: mean is exact over measured rows");
    /* (21.3 + 22.1 + 21.3 + 21.4 + 36.7 + 21.4) / 6 = 144.2 / 6 = 24.0333.. */
    CHECK_STR(derived(mf_stats_mean(s), s->prec), "24.033");

    CASE("fold: entry and exit are means over calls of first and last rows");
    CHECK_STR(derived(mf_stats_entry(s), s->prec), "21.35");
    CHECK_STR(derived(mf_stats_exit(s), s->prec), "21.35");
    CHECK_STR(derived(mf_stats_net(s), s->prec), "0.0");
    {
        /* calls that end higher than they start: entry (21.3 + 21.4) / 2,
           exit (22.1 + 23.0) / 2, net 22.55 - 21.35 */
        static const char grows[] =
            HEAD "     2     21.3 MiB     21.3 MiB           1   @profile\n"
                 "     3" PAD41 "def f():\n"
                 "     4     22.1 MiB      0.8 MiB           1       x = [0]*n\n\n\n"
            HEAD "     2     21.4 MiB     21.4 MiB           1   @profile\n"
                 "     3" PAD41 "def f():\n"
                 "     4     23.0 MiB      1.6 MiB           1       x = [0]*n\n\n\n";
        mf_fold *g = fold_text(grows);
        const mf_func_stats *t = mf_fold_get(g, 0);
        CHECK(mf_fold_count(g) == 1 && t->measured_calls == 2);
        CHECK_STR(derived(mf_stats_entry(t), t->prec), "21.35");
        CHECK_STR(derived(mf_stats_exit(t), t->prec), "22.55");
        CHECK_STR(derived(mf_stats_net(t), t->prec), "1.2");
        mf_fold_free(g);
    }

    CASE("fold: the hot line skips each block's first row (its increment is the baseline)");
    CHECK(s->has_hot && s->hot_line == 4 && s->hot_dec.mant == 153);
    CHECK(mf_fold_get(f, 1)->hot_line == 11);

    CASE("fold: occurrences are summed");
    CHECK(s->occ_known && s->occurrences == 6);
    CHECK(mf_fold_get(f, 1)->occurrences == 1001);
    mf_fold_free(f);

    CASE("fold: the same function at another line is another group");
    static const char moved[] =
        HEAD "     2     21.3 MiB     21.3 MiB           1   def f(): pass\n\n\n"
        HEAD "     7     21.3 MiB     21.3 MiB           1   def f(): pass\n\n\n";
    f = fold_text(moved);
    CHECK(mf_fold_count(f) == 2);
    mf_fold_free(f);

    CASE("fold: another function or another file at the same line is another group");
    static const char same_line[] =
        HEAD   "     2     21.3 MiB     21.3 MiB           1   def f(): pass\n\n\n"
        HEAD   "     2     21.3 MiB     21.3 MiB           1   def g(): pass\n\n\n"
        HEAD_B "     2     21.3 MiB     21.3 MiB           1   def f(): pass\n\n\n"
        HEAD   "     2     21.3 MiB     21.3 MiB           1   def f(): pass\n\n\n";
    f = fold_text(same_line);
    CHECK(mf_fold_count(f) == 3);
    CHECK_STR(mf_fold_get(f, 0)->function, "f");
    CHECK_STR(mf_fold_get(f, 0)->file, "a.py");
    CHECK(mf_fold_get(f, 0)->calls == 2);
    CHECK_STR(mf_fold_get(f, 1)->function, "g");
    CHECK(mf_fold_get(f, 1)->calls == 1);
    CHECK_STR(mf_fold_get(f, 2)->function, "f");
    CHECK_STR(mf_fold_get(f, 2)->file, "b.py");
    CHECK(mf_fold_get(f, 2)->calls == 1);
    mf_fold_free(f);

    CASE("fold: sums stay exact over many blocks");
    {
        size_t one = strlen(HEAD) + 200, n = 5000;
        char *big = malloc(one * n), *o = big;
        for (size_t i = 0; i < n; i++)
            o += sprintf(o, HEAD "     2     %4zu.1 MiB      0.1 MiB           1   def f(): pass\n\n\n",
                         i % 1000);
        f = fold_text(big);
        s = mf_fold_get(f, 0);
        /* each of 0.1 .. 999.1 appears 5 times: mean = 499.5 + 0.1 */
        CHECK(s->calls == 5000);
        CHECK_STR(derived(mf_stats_mean(s), s->prec), "499.6");
        mf_fold_free(f);
        free(big);
    }
    return DONE();
}
