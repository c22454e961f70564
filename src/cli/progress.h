/* cli/progress.h -- a one-line progress indicator on a terminal's stderr:
 * bytes read (of the total when known), MB/s, blocks so far; cleared at
 * the end.  Never shown when stderr is not a terminal, or with -q. */
#ifndef MF_PROGRESS_H
#define MF_PROGRESS_H

#include <stdint.h>
#include <time.h>
#include "memfold.h"

typedef struct progress {
    int enabled;
    int shown;                 /* a line is on the terminal now */
    struct timespec start, last;
    uint64_t total;            /* bytes of all inputs, 0 when unknown */
    uint64_t done;             /* bytes of the inputs finished */
    const mf_input *in;        /* the input being read */
    uint64_t blocks;
    unsigned ticks;
    double interval;           /* seconds between two updates of the line */
} progress;

void progress_start(progress *p, int enabled, char *const *paths, size_t n);
void progress_input(progress *p, const mf_input *in);
/* A block (or record) went by; now and then, redraw the line. */
void progress_tick(progress *p);
/* Take the line away (before a diagnostic, and at the end). */
void progress_clear(progress *p);

#endif
