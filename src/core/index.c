/* core/index.c -- the hash index (index.h). */
#include <stdlib.h>
#include <string.h>
#include "core/index.h"
#include "core/util.h"

uint64_t hash_bytes(uint64_t h, const void *data, size_t len)
{
    const unsigned char *s = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

void hash_index_free(hash_index *x)
{
    xfree(x->slots);
    xfree(x->hashes);
    memset(x, 0, sizeof *x);
}

size_t hash_index_find(const hash_index *x, uint64_t hash, const void *key, hash_index_eq eq,
                       void *ctx)
{
    if (!x->nslots)
        return HASH_INDEX_NONE;
    for (size_t i = (size_t)hash & (x->nslots - 1);; i = (i + 1) & (x->nslots - 1)) {
        if (!x->slots[i])
            return HASH_INDEX_NONE;
        if (x->hashes[i] == hash && eq(x->slots[i] - 1, key, ctx))
            return x->slots[i] - 1;
    }
}

static void put(size_t *slots, uint64_t *hashes, size_t nslots, uint64_t hash, size_t slot)
{
    size_t i = (size_t)hash & (nslots - 1);
    while (slots[i])
        i = (i + 1) & (nslots - 1);
    slots[i] = slot;
    hashes[i] = hash;
}

void hash_index_add(hash_index *x, uint64_t hash, size_t entry)
{
    if (2 * (x->used + 1) > x->nslots) {
        size_t n = x->nslots ? 2 * x->nslots : 16;
        size_t *slots = xmalloc(n * sizeof *slots);
        uint64_t *hashes = try_malloc(n * sizeof *hashes);
        if (!hashes) {
            xfree(slots);
            oom();
        }
        memset(slots, 0, n * sizeof *slots);
        for (size_t i = 0; i < x->nslots; i++)
            if (x->slots[i])
                put(slots, hashes, n, x->hashes[i], x->slots[i]);
        xfree(x->slots);
        xfree(x->hashes);
        x->slots = slots;
        x->hashes = hashes;
        x->nslots = n;
    }
    put(x->slots, x->hashes, x->nslots, hash, entry + 1);
    x->used++;
}
