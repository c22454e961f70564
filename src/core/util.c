/* core/util.c -- the block arena (allocation itself is in alloc.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/util.h"

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
