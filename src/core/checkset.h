/* core/checkset.h -- the checks of one pipeline and the level each runs at.
 *
 * Each pipeline has one table of checks (report/checks.c, dat/checks.c):
 * an enum of ids and, per id, the name, default level, whether the level
 * may be changed and whether it is about layout only.  A check set holds
 * the levels a validator runs with -- set by name (-W), raised by
 * --strict, lowered by --lenient -- and turns a finding into a
 * diagnostic at that level, counting errors and warnings. */
#ifndef MF_CHECKSET_H
#define MF_CHECKSET_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

/* The most checks one table may hold. */
#define CHECKSET_MAX 48

typedef struct checkset {
    const mf_check_info *info;   /* the pipeline's table, indexed by id */
    size_t n;
    int level[CHECKSET_MAX];     /* enum mf_level, by id */
    uint64_t errors, warnings;   /* reported so far */
} checkset;

/* The defaults of the table info[0..n). */
void checkset_init(checkset *s, const mf_check_info *info, size_t n);
/* The id of the check called name in info[0..n), or -1. */
int checkset_find(const mf_check_info *info, size_t n, const char *name);
/* Set the level of the check called name: -1 when there is no such check
   or its level cannot be changed. */
int checkset_set(checkset *s, const char *name, int level);
/* --strict: every warning an error. */
void checkset_strict(checkset *s);
/* --lenient: every layout check that is an error a warning. */
void checkset_lenient(checkset *s);
/* Whether check id reports anything (its level is not off). */
static inline int checkset_on(const checkset *s, int id) { return s->level[id] != MF_LEVEL_OFF; }

/* Report d as check id: its severity and name come from the set (d's are
   overwritten), it is counted and handed to on_diag.  Returns 1 for an
   error, 0 for a warning or when the check is off (then nothing is
   reported). */
int checkset_report(checkset *s, int id, mf_diag *d, mf_diag_fn on_diag, void *user);

#endif
