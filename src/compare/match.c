/* compare/match.c -- which function of one side is which of the other,
 * when a name occurs more than once (methods of different classes, nested
 * defs, the same name in several files under --match name).
 *
 * Candidates are told apart by the source text memory_profiler printed
 * for them (mf_profile_func.body: a hash per row) and by their order in
 * the file.  Lines shift when code is edited above a function, so the
 * line numbers themselves are never compared, only their order.
 *
 *   1. Pairs whose bodies are alike (similarity >= STRONG) are taken
 *      first, the most alike first; between equals, the pair closest in
 *      order.
 *   2. What is left is paired in order (the k-th left of one side with
 *      the k-th of the other) when as many are left on each side;
 *      otherwise by an order-keeping alignment that takes only pairs
 *      whose bodies are not known to differ (similarity >= WEAK, or a
 *      body unknown), so that a method added between two others is
 *      "added", not mistaken for its neighbour.
 *
 * Similarity is 2 * LCS / (rows of a + rows of b) over the row hashes
 * (1: the same text, 0: no row in common).  Where everything else is
 * equal, a pair on the same line is preferred (nothing was edited above).
 */
#include <stdlib.h>
#include <string.h>
#include "compare/match.h"
#include "core/scratch.h"
#include "core/util.h"

#define STRONG 0.5
#define WEAK 0.3
#define LCS_CELLS 4000000u   /* above: a multiset count instead of the LCS */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* Rows in common as a multiset (order ignored): for long bodies. */
static size_t common_rows(scratch *t, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    uint32_t *x = scratch_get(t, na * sizeof *x), *y = scratch_get(t, nb * sizeof *y);
    memcpy(x, a, na * sizeof *x);
    memcpy(y, b, nb * sizeof *y);
    qsort(x, na, sizeof *x, cmp_u32);
    qsort(y, nb, sizeof *y, cmp_u32);
    size_t i = 0, j = 0, n = 0;
    while (i < na && j < nb) {
        if (x[i] == y[j])
            n++, i++, j++;
        else if (x[i] < y[j])
            i++;
        else
            j++;
    }
    scratch_put(t, x);
    scratch_put(t, y);
    return n;
}

/* The longest common subsequence of two row sequences, in one row of
   the table at a time. */
static size_t lcs(scratch *t, const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
    uint32_t *prev = scratch_get(t, (nb + 1) * sizeof *prev), *cur = scratch_get(t, (nb + 1) * sizeof *cur);
    memset(prev, 0, (nb + 1) * sizeof *prev);
    for (size_t i = 0; i < na; i++) {
        cur[0] = 0;
        for (size_t j = 0; j < nb; j++)
            cur[j + 1] = a[i] == b[j] ? prev[j] + 1 : prev[j + 1] > cur[j] ? prev[j + 1] : cur[j];
        uint32_t *t = prev;
        prev = cur;
        cur = t;
    }
    size_t n = prev[nb];
    scratch_put(t, prev);
    scratch_put(t, cur);
    return n;
}

double body_similarity(scratch *t, const match_cand *a, const match_cand *b)
{
    if (!a->nbody || !b->nbody)
        return -1;
    size_t na = a->nbody, nb = b->nbody;
    size_t common = (uint64_t)na * nb <= LCS_CELLS ? lcs(t, a->body, na, b->body, nb)
                                                    : common_rows(t, a->body, na, b->body, nb);
    return 2.0 * (double)common / (double)(na + nb);
}

/* ---- the pairing ------------------------------------------------------------ */

typedef struct scored {
    size_t i, j;
    double sim;
    size_t dist;   /* how far apart in order */
} scored;

static int by_score(const void *x, const void *y)
{
    const scored *a = x, *b = y;
    if (a->sim != b->sim)
        return a->sim > b->sim ? -1 : 1;
    if (a->dist != b->dist)
        return a->dist < b->dist ? -1 : 1;
    if (a->i != b->i)
        return a->i < b->i ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* Step 1: alike bodies, the most alike first. */
static void pair_alike(scratch *t, const double *sim, size_t na, size_t nb, ptrdiff_t *out,
                       int *taken)
{
    scored *v = scratch_get(t, (na * nb + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (sim[i * nb + j] >= STRONG)
                v[n++] = (scored){ i, j, sim[i * nb + j], i > j ? i - j : j - i };
    qsort(v, n, sizeof *v, by_score);
    for (size_t k = 0; k < n; k++)
        if (out[v[k].i] < 0 && !taken[v[k].j]) {
            out[v[k].i] = (ptrdiff_t)v[k].j;
            taken[v[k].j] = 1;
        }
    scratch_put(t, v);
}

/* What a pair is worth to the alignment: its similarity (0.5 when
   unknown), a little more on the same line. */
static double weight(double sim, const match_cand *a, const match_cand *b)
{
    return (sim < 0 ? 0.5 : sim) + (a->line == b->line ? 0.001 : 0);
}

/* Step 2, unequal numbers left: the order-keeping alignment with the most
   weight (a known similarity, or 0.5 for an unknown one); pairs known to
   differ are never taken. */
static void pair_aligned(scratch *t, const match_cand *a, const match_cand *b, const double *sim,
                         size_t na, size_t nb, ptrdiff_t *out, const int *taken)
{
    size_t *ra = scratch_get(t, (na + 1) * sizeof *ra), *rb = scratch_get(t, (nb + 1) * sizeof *rb);
    size_t la = 0, lb = 0;
    for (size_t i = 0; i < na; i++)
        if (out[i] < 0)
            ra[la++] = i;
    for (size_t j = 0; j < nb; j++)
        if (!taken[j])
            rb[lb++] = j;
    double *dp = scratch_get(t, (la + 1) * (lb + 1) * sizeof *dp);
#define DP(i, j) dp[(i) * (lb + 1) + (j)]
    for (size_t i = 0; i <= la; i++)
        for (size_t j = 0; j <= lb; j++) {
            if (i == 0 || j == 0) {
                DP(i, j) = 0;
                continue;
            }
            double s = sim[ra[i - 1] * nb + rb[j - 1]];
            double best = DP(i - 1, j) > DP(i, j - 1) ? DP(i - 1, j) : DP(i, j - 1);
            if (s < 0 || s >= WEAK) {
                double w = DP(i - 1, j - 1) + weight(s, &a[ra[i - 1]], &b[rb[j - 1]]);
                if (w >= best)
                    best = w;
            }
            DP(i, j) = best;
        }
    for (size_t i = la, j = lb; i > 0 && j > 0;) {
        double s = sim[ra[i - 1] * nb + rb[j - 1]];
        if ((s < 0 || s >= WEAK) &&
            DP(i, j) == DP(i - 1, j - 1) + weight(s, &a[ra[i - 1]], &b[rb[j - 1]])) {
            out[ra[i - 1]] = (ptrdiff_t)rb[j - 1];
            i--, j--;
        } else if (DP(i, j) == DP(i - 1, j)) {
            i--;
        } else {
            j--;
        }
    }
#undef DP
    scratch_put(t, dp);
    scratch_put(t, ra);
    scratch_put(t, rb);
}

static double *similarities(scratch *t, const match_cand *a, size_t na, const match_cand *b,
                            size_t nb)
{
    double *sim = scratch_get(t, (na * nb + 1) * sizeof *sim);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            sim[i * nb + j] = body_similarity(t, &a[i], &b[j]);
    return sim;
}

void match_in_order(scratch *t, const match_cand *a, size_t na, const match_cand *b, size_t nb,
                    ptrdiff_t *out)
{
    for (size_t i = 0; i < na; i++)
        out[i] = -1;
    if (na == 0 || nb == 0)
        return;
    if (na == 1 && nb == 1) {   /* one each: the same function, whatever it became */
        out[0] = 0;
        return;
    }
    double *sim = similarities(t, a, na, b, nb);
    int *taken = scratch_get(t, nb * sizeof *taken);
    memset(taken, 0, nb * sizeof *taken);
    pair_alike(t, sim, na, nb, out, taken);
    size_t left_a = 0, left_b = 0;
    for (size_t i = 0; i < na; i++)
        left_a += out[i] < 0;
    for (size_t j = 0; j < nb; j++)
        left_b += !taken[j];
    if (left_a == left_b) {
        for (size_t i = 0, j = 0; i < na; i++) {
            if (out[i] >= 0)
                continue;
            while (taken[j])
                j++;
            out[i] = (ptrdiff_t)j++;
        }
    } else if (left_a && left_b) {
        pair_aligned(t, a, b, sim, na, nb, out, taken);
    }
    scratch_put(t, taken);
    scratch_put(t, sim);
}

size_t match_by_body(scratch *t, const match_cand *a, size_t na, const match_cand *b, size_t nb,
                     ptrdiff_t *out)
{
    for (size_t i = 0; i < na; i++)
        out[i] = -1;
    if (na == 0 || nb == 0)
        return 0;
    if (na == 1 && nb == 1) {
        out[0] = 0;
        return 0;
    }
    double *sim = similarities(t, a, na, b, nb);
    /* a pair is taken when each is the other's one best match */
    for (size_t i = 0; i < na; i++) {
        size_t best = 0;
        int tie = 0;
        for (size_t j = 1; j < nb; j++) {
            if (sim[i * nb + j] > sim[i * nb + best])
                best = j, tie = 0;
            else if (sim[i * nb + j] == sim[i * nb + best])
                tie = 1;
        }
        if (tie || sim[i * nb + best] < STRONG)
            continue;
        int unique = 1;
        for (size_t k = 0; k < na && unique; k++)
            if (k != i && sim[k * nb + best] >= sim[i * nb + best])
                unique = 0;
        if (unique)
            out[i] = (ptrdiff_t)best;
    }
    scratch_put(t, sim);
    size_t left_a = 0, left_b = nb;
    for (size_t i = 0; i < na; i++) {
        left_a += out[i] < 0;
        left_b -= out[i] >= 0;
    }
    /* left on both sides: which is which cannot be told */
    return left_a && left_b ? left_a + left_b : 0;
}
