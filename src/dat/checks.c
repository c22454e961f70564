/* dat/checks.c -- the names of the .dat checks, their default levels, and
 * what each finds (`memfold check --list-checks` prints them after the
 * report's). */
#include "memfold_dat.h"
#include "dat/checks.h"
#include "core/checkset.h"

static const mf_check_info CHECKS[] = {
    /* The parser's: the line is left out; always errors. */
    [DCHK_SYNTAX] = { "dat-syntax", MF_LEVEL_ERROR, 0, 0,
        "a line whose fields are not the ones mprof writes for its kind "
        "(missing, extra, or not one space apart)" },
    [DCHK_UNKNOWN_LINE] = { "dat-unknown-line", MF_LEVEL_ERROR, 0, 0,
        "a line that is not CMDLINE, MEM, CHLD or FUNC, or a blank line" },
    [DCHK_NUMBER] = { "dat-number", MF_LEVEL_ERROR, 0, 0,
        "a malformed number, a pid or stack level that is not a whole number, "
        "or a number too long to hold exactly" },
    /* The validator's. */
    [DCHK_TIME_ORDER] = { "dat-time-order", MF_LEVEL_ERROR, 1, 0,
        "a MEM sample earlier than the one before it in its run (CHLD: of the same child)" },
    [DCHK_FUNC_INTERVAL] = { "dat-func-interval", MF_LEVEL_ERROR, 1, 0,
        "a FUNC line whose end time is before its start time" },
    [DCHK_NEGATIVE] = { "dat-negative", MF_LEVEL_ERROR, 1, 0,
        "a negative memory value" },
};

/* One entry per id, and few enough for a check set. */
_Static_assert(sizeof CHECKS / sizeof CHECKS[0] == DCHK_COUNT && DCHK_COUNT <= CHECKSET_MAX,
               "DCHK_");

const mf_check_info *mf_dat_checks(size_t *n)
{
    *n = DCHK_COUNT;
    return CHECKS;
}
