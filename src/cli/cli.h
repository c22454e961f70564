/* cli.h -- what the command line asked for, shared by the commands. */
#ifndef MF_CLI_H
#define MF_CLI_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

enum { CMD_SUMMARY, CMD_LINES, CMD_CHECK, CMD_FMT, CMD_DIFF, CMD_MERGE, CMD_PLOT };
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2 };

typedef struct wsetting {
    const char *name;
    int level;
} wsetting;

typedef struct options {
    int command;
    int format;
    const char *output;
    int in_place;             /* fmt -i: each FILE rewritten in place */
    int sort;
    int all_rows;
    int strict, pure, quiet, lenient;
    const char *prefix;       /* --prefix, or NULL to detect */
    int color;                /* colour diagnostics (stderr) */
    int color_out;            /* colour the diff table (stdout) */
    int diag_format;
    uint64_t max_errors;
    wsetting *w;
    size_t nw;
    mf_diff_opts diff;        /* memfold diff's gate */
    const char *plot_function;   /* memfold plot --function */
    int plot_width;
    const char *plot_title;
    char **inputs;
    size_t ninputs;
} options;

/* memfold summary | lines | check | fmt [FILE...] (cmd_read.c). */
int cmd_read(const options *o);
/* memfold diff OLD NEW (cmd_diff.c). */
int cmd_diff(const options *o);
/* memfold merge A.json B.json ... (cmd_merge.c). */
int cmd_merge(const options *o);
/* The text of a summary file, whole, within the limit on its size
 * (MEMFOLD_MAX_JSON_BYTES, else MF_JSON_MAX_BYTES); NULL with a message
 * printed and *status set when it cannot be had (cmd_merge.c). */
/* If in's compressed data was cut short or corrupt (mf_input_data_error):
 * report it through on_diag (NULL: count it only) as every command does, a
 * "truncated" error naming the file -- an error in the input, not an I/O
 * failure; what was read before it counts.  lines: lines of text read
 * before it (0: not counted, as for a summary JSON read whole).  Returns
 * 1 if there was such an error (cmd_read.c). */
int report_data_error(const char *path, mf_input *in, uint64_t lines, mf_diag_fn on_diag,
                      void *user);
char *read_summary_text(mf_input *in, const char *path, size_t *len, int *status);
/* The exit status for an mf_json_status (cmd_merge.c). */
int json_load_status(int rc);
/* memfold plot [FILE...] (cmd_plot.c). */
int cmd_plot(const options *o);

#endif
