/* util.h -- small helpers shared by the library's files. */
#ifndef MF_UTIL_H
#define MF_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);

/* The public exact sum (mf_sum) and the __int128 it holds. */
static inline __int128 sum_get(mf_sum s)
{
    return (__int128)(((unsigned __int128)(uint64_t)s.hi << 64) | s.lo);
}
static inline mf_sum sum_of(__int128 v)
{
    mf_sum s;
    s.hi = (int64_t)(v >> 64);
    s.lo = (uint64_t)v;
    return s;
}
static inline void sum_add(mf_sum *s, __int128 v) { *s = sum_of(sum_get(*s) + v); }

/* Fill in *e (when e is not NULL) and return code; fmt may be NULL. */
int error_set(mf_error *e, int code, int sys_errno, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* err->code = MF_OK, an empty message. */
void error_clear(mf_error *e);

/* Powers of ten, 10^0 to 10^18. */
extern const int64_t MF_POW10[19];

/* Classify a header line; sets *old_layout when its rows have no
   Occurrences column.  Returns an enum mf_generation. */
int mf_header_classify(const char *text, size_t len, int *old_layout);

/* The exact header line of a generation, and its length. */
const char *mf_header_text(int generation, size_t *len);

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
