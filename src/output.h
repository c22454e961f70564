/* output.h -- where a command's output goes: stdout, or a file that
 * appears whole or not at all. */
#ifndef MF_OUTPUT_H
#define MF_OUTPUT_H

#include <stdio.h>

typedef struct out_file {
    FILE *fp;            /* write here */
    const char *path;    /* as given; NULL for stdout */
    char *tmp;           /* temporary file renamed onto path at the end */
    int held;            /* output held back until commit (--strict) */
} out_file;

/* Open path ("-" or NULL: stdout).  A regular file is written beside
 * itself and renamed into place; a device or FIFO is written directly.
 * With hold, nothing reaches stdout before out_commit.  Returns 0, or -1
 * with a message printed. */
int out_open(out_file *o, const char *path, int hold);
/* Finish: flush, check for write errors, rename into place.  -1 (with a
 * message) if anything failed; then no partial file is left behind. */
int out_commit(out_file *o);
/* Give up: remove the temporary file, print nothing held back. */
void out_abort(out_file *o);

#endif
