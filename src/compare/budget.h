/* compare/budget.h -- the limits of one function from a budget file and
 * the command line (budget.c). */
#ifndef MF_COMPARE_BUDGET_H
#define MF_COMPARE_BUDGET_H

#include "memfold.h"

/* Into *out: the budget file's defaults for metric m, then what the
   command line set (cli: its has_* say what), then each of the file's
   entries whose glob matches "file:function", in order.  Returns 1 when
   an entry ignores the function.  b may be NULL. */
int budget_limits(const mf_budget *b, const char *file, const char *function, int m,
                  const mf_limits *cli, mf_limits *out);

#endif
