/* compare/gate.h -- the inside of an mf_diff (diff.c pairs, gate.c judges). */
#ifndef MF_COMPARE_GATE_H
#define MF_COMPARE_GATE_H

#include "compare/diff.h"
#include "core/index.h"
#include "core/scratch.h"

/* One function of one side, the same in each of the side's runs. */
typedef struct ident {
    char *key;                      /* what pairs: file and name, or name */
    const char *file;               /* after --strip-prefix */
    const mf_profile_func *f;       /* as first seen: names, line, body */
    const mf_profile_func **run;    /* [runs]: its entry in each run, or NULL */
    size_t order;                   /* first appearance */
} ident;

typedef struct side_memit {
    mf_profile_memit m;
    uint32_t run;
} side_memit;

/* A %memit result of one side: the k-th of its statement in each run. */
typedef struct memit_ident {
    char *key;
    const char *statement;
    uint64_t nth;
    const mf_profile_memit **run;   /* [runs] */
} memit_ident;

typedef struct diff_side {
    mf_profile_func *funcs;         /* copies of every run's functions */
    size_t nfuncs, capfuncs;
    side_memit *memits;
    size_t nmemits, capmemits;
    uint32_t runs;
    uint64_t errors;
    ident *ids;
    size_t nids, capids;
    memit_ident *mids;
    size_t nmids, capmids;
    hash_index mindex;              /* mids by key */
} diff_side;

struct mf_diff {
    mf_diff_opts opts;
    diff_side side[2];
    int compared;
    diff_model model;
    size_t caprows, capmemits;
    scratch tmp;               /* what mf_diff_compare needs while it runs */
};

/* A path with the first of prefixes that starts it removed. */
const char *diff_strip(const char *file, const char *const *prefixes);

/* gate.c: the rows of the model, judged as they are added; the verdict. */
void gate_begin(mf_diff *d);
void gate_add_row(mf_diff *d, const ident *old, const ident *now, int ambiguous);
void gate_add_memit(mf_diff *d, const memit_ident *old, const memit_ident *now);
void gate_finish(mf_diff *d);
void gate_free(mf_diff *d);

#endif
