/* dat/util.c -- helpers shared by the .dat passes. */
#include "dat/util.h"

int dat_scaled(mf_decimal d, int64_t *out)
{
    if (d.prec > 18 || !mf_decimal_fits(d))
        return -1;
    *out = mf_decimal_scaled(d);
    return 0;
}
