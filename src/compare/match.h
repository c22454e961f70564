/* compare/match.h -- pairing the functions that share a name (match.c). */
#ifndef MF_COMPARE_MATCH_H
#define MF_COMPARE_MATCH_H

#include <stddef.h>
#include <stdint.h>
#include "core/scratch.h"

/* A function that may be paired: its source rows' hashes (nbody 0:
   unknown).  Candidates are given in their order in the file. */
typedef struct match_cand {
    const uint32_t *body;
    uint32_t nbody;
    uint64_t line;             /* its first row's line: breaks ties only */
} match_cand;

/* Every function takes t for the memory it needs while it runs (see
   core/scratch.h): an out-of-memory jump leaves it there for the caller
   to drop. */

/* How alike two bodies are, 0..1; -1 when either is unknown. */
double body_similarity(scratch *t, const match_cand *a, const match_cand *b);

/* Candidates of one file (or one run) with those of another: out[i] is
   the b paired with a[i], or -1.  One of each is always a pair. */
void match_in_order(scratch *t, const match_cand *a, size_t na, const match_cand *b, size_t nb,
                    ptrdiff_t *out);

/* Candidates from several files (--match name): by their bodies alone, a
   pair only when each is the other's one clear best match.  Returns how
   many are left unpaired on both sides when some are left on both (they
   cannot be told apart), else 0. */
size_t match_by_body(scratch *t, const match_cand *a, size_t na, const match_cand *b, size_t nb,
                     ptrdiff_t *out);

#endif
