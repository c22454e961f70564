/* core/scratch.c -- memory held for the length of a pass (scratch.h). */
#include <string.h>
#include "core/scratch.h"
#include "core/util.h"

void *scratch_get(scratch *s, size_t n)
{
    XGROW(s->v, s->cap, s->n, 16);   /* room first: a jump then loses nothing */
    void *p = xmalloc(n ? n : 1);
    s->v[s->n++] = p;
    return p;
}

void scratch_put(scratch *s, void *p)
{
    if (!p)
        return;
    for (size_t i = s->n; i-- > 0;)
        if (s->v[i] == p) {
            s->v[i] = s->v[--s->n];
            break;
        }
    xfree(p);
}

void scratch_drop(scratch *s)
{
    for (size_t i = 0; i < s->n; i++)
        xfree(s->v[i]);
    xfree(s->v);
    memset(s, 0, sizeof *s);
}
