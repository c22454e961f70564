/* dat/util.h -- helpers shared by the .dat passes: fixed point with a
 * range check.  (Their hash index is core/index.h.) */
#ifndef MF_DAT_UTIL_H
#define MF_DAT_UTIL_H

#include <stdint.h>
#include "memfold.h"
#include "core/index.h"

/* d in MF_SCALE units into *out; -1 when it does not fit in 64 bits. */
int dat_scaled(mf_decimal d, int64_t *out);

#endif
