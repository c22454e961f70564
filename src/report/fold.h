/* report/fold.h -- what the fold offers the rest of the library. */
#ifndef MF_REPORT_FOLD_H
#define MF_REPORT_FOLD_H

#include "memfold.h"

/* mf_fold_add_stats, naming the field that would overflow (as the summary
   JSON names it: "calls", "sums.mem"...) in *field (when given): 0 or -1,
   and f unchanged. */
int fold_add_stats_field(mf_fold *f, const mf_func_stats *in, const char **field);

/* The function of f with s's (file, function, line), or NULL. */
const mf_func_stats *fold_find(const mf_fold *f, const mf_func_stats *s);

#endif
