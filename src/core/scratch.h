/* core/scratch.h -- memory a pass needs only while it runs (sort keys,
 * tables of similarities), kept on a list so that an out-of-memory jump
 * out of the pass loses none of it: the owner of the list drops it
 * whatever happened.  scratch_get may jump (core/alloc.c); what it hands
 * out is on the list before it returns. */
#ifndef MF_SCRATCH_H
#define MF_SCRATCH_H

#include <stddef.h>

typedef struct scratch {
    void **v;
    size_t n, cap;
} scratch;

/* n bytes (at least 1), held by s until scratch_put or scratch_drop. */
void *scratch_get(scratch *s, size_t n);
/* Give p (from scratch_get on s, or NULL) back now. */
void scratch_put(scratch *s, void *p);
/* Free everything s still holds, and its list. */
void scratch_drop(scratch *s);

#endif
