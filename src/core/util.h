/* core/util.h -- small helpers shared by the library's files. */
#ifndef MF_UTIL_H
#define MF_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

/* Allocation (alloc.c).  Everything goes through the functions of
   mf_set_alloc_funcs.  xmalloc, xrealloc and xstrndup do not return NULL:
   out of memory, they jump back to the recovery point of the public call
   that is running (GUARD below); try_malloc and try_realloc return NULL
   instead, for the few places that can go on without. */
/* The newlines in s[0..n) (the filters count lines in bulk). */
size_t mf_count_newlines(const char *s, size_t n);
/* The next "Filename: " in [p, end), or NULL. */
const char *mf_find_filename(const char *p, const char *end);

void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrndup(const char *s, size_t n);
void xfree(void *p);
void *try_malloc(size_t n);
void *try_realloc(void *p, size_t n);
/* n bytes of zeros, or NULL (a constructor's object). */
void *try_zalloc(size_t n);
/* Room for element n of the array v of cap elements: when n == cap the
   array doubles (`first` elements at the start).  The capacity changes
   only once the memory is had, so an out-of-memory jump loses nothing. */
#define XGROW(v, cap, n, first) \
    ((n) < (cap) ? (void)0 : (void)((v) = xgrow_array((v), &(cap), sizeof *(v), (first))))
void *xgrow_array(void *v, size_t *cap, size_t size, size_t first);
/* Out of memory: jump back to the recovery point (never returns). */
_Noreturn void oom(void);

/* Recovery points.  A public function that allocates starts with
       mf_guard g;
       if (GUARD(&g)) { ...free what it made...; return MF_ERR_NOMEM; }
   and calls guard_end(&g) before every return.  Only the outermost public
   call (or the outermost one inside a user's callback) is a recovery
   point: a public function the library calls itself passes an
   out-of-memory on to its caller's.  Every call of a user's callback is
   wrapped in CALLBACK_BEGIN/END, so that the callback's own calls of the
   library recover inside it and the jump never crosses the user's frames. */
#include <setjmp.h>
struct mf_hold;
typedef struct mf_guard {
    jmp_buf jb;
    struct mf_guard *prev;
    int owner;     /* a recovery point (not nested in another) */
    int barrier;   /* a user's callback runs above this one */
    struct mf_hold *holds;   /* the holds taken before it began */
} mf_guard;
void guard_begin(mf_guard *g);
void guard_end(mf_guard *g);
void barrier_begin(mf_guard *g);

/* Memory that a pass holds only for the length of one public call (a
   table being written): taken with hold_begin, it is released by
   `release(p)` when an out-of-memory jump leaves the call, and given back
   with hold_end when the pass is done with it (or hands it to the
   caller).  The mf_hold lives in what it holds. */
typedef struct mf_hold {
    void (*release)(void *p);
    void *p;
    struct mf_hold *next;
} mf_hold;
void hold_begin(mf_hold *h, void (*release)(void *p), void *p);
void hold_end(mf_hold *h);
#define GUARD(g) (guard_begin(g), setjmp((g)->jb) != 0)
/* The body of a public function that runs one pass and has nothing to
   free on the way out:  int mf_fold_block(...) { GUARDED(fold_block(f, b)); }
   returns MF_OK, or MF_ERR_NOMEM after an out-of-memory jump. */
#define GUARDED(call)                                                       \
    do {                                                                    \
        mf_guard guarded_;                                                  \
        if (GUARD(&guarded_))                                               \
            return MF_ERR_NOMEM;                                            \
        call;                                                               \
        guard_end(&guarded_);                                               \
        return MF_OK;                                                       \
    } while (0)
#define CALLBACK_BEGIN() { mf_guard cb_guard_; barrier_begin(&cb_guard_);
#define CALLBACK_END() guard_end(&cb_guard_); }

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

/* The memory of a flex scanner (its yyalloc, yyrealloc and yyfree), so
   that all of it can be freed after an out-of-memory jump out of it. */
typedef struct mf_scanmem {
    void *p[16];
} mf_scanmem;
void *scanmem_alloc(mf_scanmem *m, size_t n);
void *scanmem_realloc(mf_scanmem *m, void *p, size_t n);
void scanmem_free(mf_scanmem *m, void *p);
void scanmem_release(mf_scanmem *m);

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


/* v in decimal at buf (room for 41 bytes), NUL-terminated; its length. */
static inline size_t put_i128(char *buf, __int128 v)
{
    char tmp[48], *p = tmp + sizeof tmp;
    unsigned __int128 m = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
    do
        *--p = (char)('0' + (int)(m % 10));
    while ((m /= 10) != 0);
    if (v < 0)
        *--p = '-';
    size_t n = (size_t)(tmp + sizeof tmp - p);
    for (size_t i = 0; i < n; i++)
        buf[i] = p[i];
    buf[n] = '\0';
    return n;
}

/* v / n, rounded half away from zero; 0 when n is 0. */
static inline int64_t div_round(__int128 v, __int128 n)
{
    if (n == 0)
        return 0;
    int neg = v < 0;
    __int128 m = neg ? -v : v;
    __int128 q = m / n, r = m % n;
    if (2 * r >= n)
        q++;
    return (int64_t)(neg ? -q : q);
}

#endif
