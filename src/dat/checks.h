/* dat/checks.h -- the .dat pipeline's checks by id: DCHK_x indexes the table
 * in checks.c (name, default level, configurable, layout flag), which
 * mf_dat_checks() returns.  The parser (build.c) and the validator name
 * a check by id, so a misspelt check does not compile. */
#ifndef MF_DAT_CHECKS_H
#define MF_DAT_CHECKS_H
#include <stddef.h>
#include "memfold_dat.h"

enum dat_check_id {
    DCHK_SYNTAX, DCHK_UNKNOWN_LINE, DCHK_NUMBER,
    DCHK_TIME_ORDER, DCHK_FUNC_INTERVAL, DCHK_NEGATIVE, DCHK_COUNT
};

/* The name of check id ("dat-syntax", ...). */
static inline const char *dat_check_name(enum dat_check_id id)
{
    size_t n;
    return mf_dat_checks(&n)[id].name;
}

#endif
