/* report/format.c -- the three header lines memory_profiler has printed (the
 * rest of the format is in format.h).
 *
 * The header is the row template applied to the column titles, so its
 * length is also the length of the rule of '=' printed under it.     */
#include <string.h>
#include "memfold.h"
#include "report/format.h"

static const char HEADER_OLD[] =  /* 0.30 - 0.57: 48 characters */
    "Line #    Mem usage    Increment   Line Contents";
static const char HEADER_058[] =  /* 0.58.0, with its own spelling: 60 */
    "Line #    Mem usage    Increment  Occurences   Line Contents";
static const char HEADER_061[] =  /* 0.59 and later: 61 */
    "Line #    Mem usage    Increment  Occurrences   Line Contents";

_Static_assert(sizeof HEADER_OLD - 1 == RULE_LEN_OLD, "the old header is its rule's length");
_Static_assert(sizeof HEADER_058 - 1 == RULE_LEN_058, "0.58's header is its rule's length");
_Static_assert(sizeof HEADER_061 - 1 == RULE_LEN_061, "0.59's header is its rule's length");

const char *mf_header_text(int generation, size_t *len)
{
    const char *h;
    switch (generation) {
    case MF_GEN_OLD: h = HEADER_OLD; break;
    case MF_GEN_058: h = HEADER_058; break;
    case MF_GEN_061: h = HEADER_061; break;
    default: *len = 0; return NULL;
    }
    *len = strlen(h);
    return h;
}

static int same(const char *text, size_t len, const char *h)
{
    return len == strlen(h) && memcmp(text, h, len) == 0;
}

int mf_header_classify(const char *text, size_t len, int *old_layout)
{
    *old_layout = 0;
    if (same(text, len, HEADER_061))
        return MF_GEN_061;
    if (same(text, len, HEADER_058))
        return MF_GEN_058;
    if (same(text, len, HEADER_OLD)) {
        *old_layout = 1;
        return MF_GEN_OLD;
    }
    /* Not a header memory_profiler printed: guess the layout of its
       rows from whether an Occurrences column is named at all. */
    *old_layout = memmem(text, len, "Occ", 3) == NULL;
    return MF_GEN_UNKNOWN;
}

int mf_header_has_columns(const char *text, size_t len)
{
    return memmem(text, len, "Mem usage", 9) != NULL && memmem(text, len, "Increment", 9) != NULL;
}
