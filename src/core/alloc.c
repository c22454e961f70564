/* core/alloc.c -- every allocation of the library, and what happens when one
 * fails: the public call that is running returns MF_ERR_NOMEM.
 *
 * The allocator is the client's choice (mf_set_alloc_funcs).  Out of
 * memory, xmalloc does not return NULL to its caller, who is usually deep
 * in a pass: it longjmps back to the recovery point that the outermost
 * public call set up (GUARD in util.h), and that call frees what it can
 * and returns.  The recovery points form a stack per thread; a user's
 * callback starts a new level (a barrier), so the library never jumps
 * over the frames of the client's code. */
#include <stdlib.h>
#include <string.h>
#include "core/util.h"

static mf_malloc_fn alloc_malloc = malloc;
static mf_realloc_fn alloc_realloc = realloc;
static mf_free_fn alloc_free = free;

void mf_set_alloc_funcs(mf_malloc_fn malloc_fn, mf_realloc_fn realloc_fn, mf_free_fn free_fn)
{
    alloc_malloc = malloc_fn ? malloc_fn : malloc;
    alloc_realloc = realloc_fn ? realloc_fn : realloc;
    alloc_free = free_fn ? free_fn : free;
}

void mf_free(void *p)
{
    if (p)
        alloc_free(p);
}

static _Thread_local mf_guard *guard_top;
static _Thread_local mf_hold *hold_top;

void guard_begin(mf_guard *g)
{
    g->prev = guard_top;
    g->owner = !guard_top || guard_top->barrier;
    g->barrier = 0;
    g->holds = hold_top;
    guard_top = g;
}

void guard_end(mf_guard *g)
{
    guard_top = g->prev;
}

void barrier_begin(mf_guard *g)
{
    g->prev = guard_top;
    g->owner = 0;
    g->barrier = 1;
    g->holds = hold_top;
    guard_top = g;
}

void hold_begin(mf_hold *h, void (*release)(void *p), void *p)
{
    h->release = release;
    h->p = p;
    h->next = hold_top;
    hold_top = h;
}

void hold_end(mf_hold *h)
{
    for (mf_hold **at = &hold_top; *at; at = &(*at)->next)
        if (*at == h) {
            *at = h->next;
            return;
        }
}

_Noreturn void oom(void)
{
    mf_guard *g = guard_top;
    while (g && !g->owner && !g->barrier)
        g = g->prev;
    if (!g || g->barrier)
        abort();   /* a public function that allocates without a GUARD: a bug */
    guard_top = g->prev;
    /* what the call held goes with it (newest first) */
    while (hold_top && hold_top != g->holds) {
        mf_hold *h = hold_top;
        hold_top = h->next;
        h->release(h->p);
    }
    longjmp(g->jb, 1);
}

void *try_malloc(size_t n)
{
    return alloc_malloc(n ? n : 1);
}

void *try_zalloc(size_t n)
{
    void *p = try_malloc(n);
    if (p)
        memset(p, 0, n);
    return p;
}

void *try_realloc(void *p, size_t n)
{
    return p ? alloc_realloc(p, n ? n : 1) : alloc_malloc(n ? n : 1);
}

void *xmalloc(size_t n)
{
    void *p = try_malloc(n);
    if (!p)
        oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = try_realloc(p, n);
    if (!q)
        oom();
    return q;
}

void xfree(void *p)
{
    if (p)
        alloc_free(p);
}

void *xgrow_array(void *v, size_t *cap, size_t size, size_t first)
{
    size_t more = *cap ? 2 * *cap : first;
    v = xrealloc(v, more * size);
    *cap = more;
    return v;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    if (n)   /* s may be NULL when n is 0 */
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* ---- a flex scanner's memory ----------------------------------------------- */

/* flex holds a few blocks (its state, the buffer stack, a buffer and its
   bytes); a jump out of the scanner would lose them, so they are noted
   here.  The slot is taken before the allocation, so none is ever lost. */
static void **scanmem_slot(mf_scanmem *m, void *p)
{
    for (size_t i = 0; i < sizeof m->p / sizeof m->p[0]; i++)
        if (m->p[i] == p)
            return &m->p[i];
    return NULL;
}

void *scanmem_alloc(mf_scanmem *m, size_t n)
{
    void **slot = scanmem_slot(m, NULL);
    void *p = xmalloc(n);
    if (slot)
        *slot = p;
    return p;
}

void *scanmem_realloc(mf_scanmem *m, void *p, size_t n)
{
    if (!p)
        return scanmem_alloc(m, n);
    void **slot = scanmem_slot(m, p);
    void *q = xrealloc(p, n);
    if (slot)
        *slot = q;
    return q;
}

void scanmem_free(mf_scanmem *m, void *p)
{
    if (!p)
        return;
    void **slot = scanmem_slot(m, p);
    if (slot)
        *slot = NULL;
    xfree(p);
}

void scanmem_release(mf_scanmem *m)
{
    for (size_t i = 0; i < sizeof m->p / sizeof m->p[0]; i++) {
        xfree(m->p[i]);
        m->p[i] = NULL;
    }
}
