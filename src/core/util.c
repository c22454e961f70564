/* core/util.c -- the block arena (allocation itself is in alloc.c), and
 * counting lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/util.h"
#ifdef __SSE2__
#include <emmintrin.h>
#endif

struct mf_arena_chunk {
    struct mf_arena_chunk *next;
    size_t size, used;
    _Alignas(16) char data[];
};

enum { CHUNK_SIZE = 64 * 1024 };

static struct mf_arena_chunk *chunk_new(size_t need)
{
    size_t size = need > CHUNK_SIZE ? need : CHUNK_SIZE;
    struct mf_arena_chunk *c = xmalloc(sizeof *c + size);
    c->next = NULL;
    c->size = size;
    c->used = 0;
    return c;
}

void *arena_alloc(mf_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    struct mf_arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        if (a->spare && a->spare->size >= n) {
            c = a->spare;
            a->spare = c->next;
            c->used = 0;
        } else {
            c = chunk_new(n);
        }
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    return p;
}

char *arena_strndup(mf_arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (n)   /* s may be NULL when n is 0 */
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Keep the chunks for the next block; big one-off chunks are freed. */
void arena_reset(mf_arena *a)
{
    struct mf_arena_chunk *c = a->head, *next;
    for (; c; c = next) {
        next = c->next;
        if (c->size > CHUNK_SIZE) {
            xfree(c);
        } else {
            c->next = a->spare;
            a->spare = c;
        }
    }
    a->head = NULL;
}

static void free_chunks(struct mf_arena_chunk *c)
{
    while (c) {
        struct mf_arena_chunk *next = c->next;
        xfree(c);
        c = next;
    }
}

void arena_free(mf_arena *a)
{
    free_chunks(a->head);
    free_chunks(a->spare);
    a->head = a->spare = NULL;
}

/* Newlines in s[0..n).  With SSE2, sixteen bytes at a time: each
   comparison's 0xff bytes are subtracted (one added) into byte counters,
   which are summed before they can overflow; otherwise eight at a time
   (the classic zero-byte test). */
size_t mf_count_newlines(const char *s, size_t n)
{
    size_t k = 0, i = 0;
#ifdef __SSE2__
    const __m128i nl16 = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    while (i + 16 <= n) {
        __m128i acc = zero;
        size_t stop = n - i > 16 * 255 ? i + 16 * 255 : n;
        for (; i + 16 <= stop; i += 16)
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)), nl16));
        __m128i sum = _mm_sad_epu8(acc, zero);
        k += (size_t)_mm_cvtsi128_si64(sum) + (size_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(sum, sum));
    }
#else
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    const uint64_t nl = ones * '\n', lows = ~highs;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t x = w ^ nl;
        uint64_t nonzero = ((x & lows) + lows) | x;
        k += (size_t)((((~nonzero & highs) >> 7) * ones) >> 56);
    }
#endif
    for (; i < n; i++)
        k += s[i] == '\n';
    return k;
}

/* Found by its 'F' (memchr is the fastest search there is, and an 'F' is
   rare in a report). */
const char *mf_find_filename(const char *p, const char *end)
{
    while (p < end && (p = memchr(p, 'F', (size_t)(end - p)))) {
        if ((size_t)(end - p) >= 10 && memcmp(p, "Filename: ", 10) == 0)
            return p;
        p++;
    }
    return NULL;
}
