/* cli/output.h -- where a command's output goes: stdout, or a file that
 * appears whole or not at all. */
#ifndef MF_OUTPUT_H
#define MF_OUTPUT_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

typedef struct out_file {
    FILE *fp;            /* write here */
    const char *path;    /* as given; NULL for stdout */
    char *target;        /* path with its symbolic links followed */
    char *tmp;           /* temporary file renamed onto target at the end */
    int fd;              /* where the bytes go: stdout, a device, tmp */
    int own_fd;          /* fd is ours to close */
    int hold_fd;         /* held output (--strict), or -1 */
    int err;             /* errno of the first failed write, or 0 */
    int discard;         /* giving up: drop what is still buffered */
} out_file;

/* Open path ("-" or NULL: stdout).  A regular file (or the file a
 * symbolic link names) is written beside itself and renamed into place,
 * keeping its mode; a device, FIFO or /proc/self/fd/N is written
 * directly.  With hold, nothing reaches a stream or device before
 * out_commit.  Returns 0, or -1 with a message printed. */
int out_open(out_file *o, const char *path, int hold);
/* Finish: flush, check for write errors, rename into place.  -1 (with a
 * message) if anything failed; then no partial file is left behind. */
int out_commit(out_file *o);
/* Give up: remove the temporary file, print nothing held back.  A write
 * error met on the way is reported here. */
void out_abort(out_file *o);

/* -o path (NULL: stdout) names the same file as one of the inputs ('-':
 * stdin): print why and return -1, else 0.  fmt_hint: suggest fmt -i. */
int out_refuse_inputs(const char *path, char *const *inputs, size_t n, int fmt_hint);

/* plot -o FILE.png: plot draws SVG, which rsvg-convert turns into PNG.
 * 0 when path does not end in .png; 1 when it does and rsvg-convert is on
 * PATH: *svg is then a new temporary file beside path to draw into, for
 * out_png_end; -1 (with a usage error printed) when rsvg-convert is not
 * there or the file cannot be made. */
int out_png_begin(const char *path, char **svg);
/* The end of such a plot that exited with status: when a picture was
 * drawn (0 or 1), svg converted into a temporary PNG beside path, renamed
 * onto it (no partial PNG is ever left).  svg is removed and freed.
 * Returns status, or 2 (said why) when the conversion failed. */
int out_png_end(char *svg, const char *path, int status);

#endif
