/* core/version.c -- the library's version, for a client to compare with the
 * MEMFOLD_VERSION_* macros it was compiled against. */
#include "memfold.h"

const char *mf_version(void)
{
    return MEMFOLD_VERSION_STRING;
}
