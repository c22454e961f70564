/* dat_util.h -- helpers shared by the .dat passes: fixed point with a
 * range check, and a small hash index. */
#ifndef MF_DAT_UTIL_H
#define MF_DAT_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

/* d in MF_SCALE units into *out; -1 when it does not fit in 64 bits. */
int dat_scaled(mf_decimal d, int64_t *out);

/* FNV-1a over bytes, continuing from h (start with DAT_HASH_SEED). */
#define DAT_HASH_SEED 14695981039346656037ULL
uint64_t dat_hash(uint64_t h, const void *data, size_t len);

/* An open-addressing index from a hash to entries of the caller's array;
   the caller says whether entry i is the key it looks for. */
typedef struct dat_index {
    size_t *slots;           /* entry + 1; 0 is empty */
    uint64_t *hashes;
    size_t nslots, used;
} dat_index;

typedef int (*dat_index_eq)(size_t entry, const void *key, void *ctx);

void dat_index_free(dat_index *x);
/* The entry with this hash and key, or (size_t)-1. */
size_t dat_index_find(const dat_index *x, uint64_t hash, const void *key, dat_index_eq eq,
                      void *ctx);
/* Remember that `entry` has this hash (it must not be there yet). */
void dat_index_add(dat_index *x, uint64_t hash, size_t entry);

#endif
