/* dat/fold.h -- what a .dat summary file (compare/dat_json.c) adds to a
 * .dat fold: functions, runs and children already summed up. */
#ifndef MF_DAT_FOLD_H
#define MF_DAT_FOLD_H

#include "memfold_dat.h"

/* The aggregates of one function as a summary file holds them; all values
   scaled (MF_SCALE). */
typedef struct dat_func_part {
    uint64_t calls, samples;
    __int128 sum_duration;       /* of end - start */
    __int128 sum_mem;            /* behind the mean */
    uint64_t mean_count;         /* what the mean divides it by */
    mf_decimal peak;             /* as printed */
    int64_t rise;
    int depth;                   /* -1: none printed */
    uint8_t mem_prec, time_prec;
} dat_func_part;

/* Whether p added to the function called name would still be what a
   summary file holds (counts and sums up to INT64_MAX, sums in the units
   of the scale): 1, else 0 with the field named in *field. */
int dat_fold_part_fits(const mf_dat_fold *f, const char *name, const dat_func_part *p,
                       const char **field);
/* Add p to the function called name (a new one, last, when f has none). */
void dat_fold_add_part(mf_dat_fold *f, const char *name, const dat_func_part *p);
/* A run, listed after f's: its source and command are copied; its
   duration is last_time - first_time. */
void dat_fold_add_run(mf_dat_fold *f, const mf_dat_run_stats *r);
/* A child process, listed after f's; its source is copied. */
void dat_fold_add_child(mf_dat_fold *f, const mf_dat_child_stats *c);
/* n MEM samples of peak peak (when n > 0): 1 when the count still fits
   (INT64_MAX), else 0 and f unchanged. */
int dat_fold_samples_fit(const mf_dat_fold *f, uint64_t n);
void dat_fold_add_samples(mf_dat_fold *f, uint64_t n, mf_decimal peak);

#endif
