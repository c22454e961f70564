/* core/index.h -- a hash index: from a 64-bit hash to entries of the caller's
 * array (open addressing, linear probing).  The index keeps no keys: the
 * caller says whether entry i is the key it looks for.  Used by the .dat
 * fold and validator (sources, runs, children, functions) and by diff
 * (function keys). */
#ifndef MF_INDEX_H
#define MF_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* FNV-1a over bytes, continuing from h (start with HASH_SEED); a key of
   several parts hashes them one after the other. */
#define HASH_SEED 14695981039346656037ULL
uint64_t hash_bytes(uint64_t h, const void *data, size_t len);

typedef struct hash_index {
    size_t *slots;           /* entry + 1; 0 is empty */
    uint64_t *hashes;
    size_t nslots, used;
} hash_index;

#define HASH_INDEX_NONE ((size_t)-1)

typedef int (*hash_index_eq)(size_t entry, const void *key, void *ctx);

void hash_index_free(hash_index *x);
/* The entry with this hash and key, or HASH_INDEX_NONE. */
size_t hash_index_find(const hash_index *x, uint64_t hash, const void *key, hash_index_eq eq,
                       void *ctx);
/* Remember that `entry` has this hash (it must not be there yet). */
void hash_index_add(hash_index *x, uint64_t hash, size_t entry);

#endif
