/* util.h -- small helpers shared by the library's files. */
#ifndef MF_UTIL_H
#define MF_UTIL_H

#include <stddef.h>
#include <stdint.h>

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);

/* Powers of ten, 10^0 to 10^18. */
extern const int64_t MF_POW10[19];

/* A bump allocator whose memory is reused from block to block. */
typedef struct mf_arena {
    struct mf_arena_chunk *head;
    struct mf_arena_chunk *spare;
} mf_arena;

void *arena_alloc(mf_arena *a, size_t n);
char *arena_strndup(mf_arena *a, const char *s, size_t n);
void arena_reset(mf_arena *a);
void arena_free(mf_arena *a);

#endif
