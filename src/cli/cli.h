/* cli/cli.h -- what the command line asked for, shared by the commands. */
#ifndef MF_CLI_H
#define MF_CLI_H

#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

enum { CMD_SUMMARY, CMD_LINES, CMD_CHECK, CMD_FMT, CMD_DIFF, CMD_MERGE, CMD_PLOT, CMD_NCOMMANDS };
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_UNTRUSTED = 3 };

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
    int format_given;         /* -f was given */
    int runs;                 /* summary --runs: each FILE one run */
    int all_rows;
    int relative;             /* lines --relative: .dat times from the run's start */
    int strict, pure, quiet, lenient;
    const char *prefix;       /* --prefix, or NULL to detect */
    int color;                /* colour diagnostics (stderr) */
    int color_out;            /* colour the diff table (stdout) */
    int diag_format;
    uint64_t max_errors;
    wsetting *w;
    size_t nw;
    mf_diff_opts diff;        /* memfold diff's gate */
    char **diff_old, **diff_new;  /* diff --old, --new (each side's runs) */
    size_t ndiff_old, ndiff_new;
    const char *budget;       /* diff --budget FILE */
    int annotate;             /* diff --annotate github */
    const char *plot_function;   /* memfold plot --function */
    int plot_width;
    const char *plot_title;
    long top;                 /* --top N (plot: bars of functions); -1 when not given */
    unsigned jobs;            /* -j N (summary, lines, check); 0: the online CPUs */
    char **inputs;
    size_t ninputs;
} options;

/* memfold summary | lines | check | fmt [FILE...] (cmd_read.c). */
int cmd_read(const options *o);
/* memfold diff OLD NEW (cmd_diff.c). */
int cmd_diff(const options *o);
/* memfold merge A.json B.json ... (cmd_merge.c). */
int cmd_merge(const options *o);
/* The limit on a summary file's text: MEMFOLD_MAX_JSON_BYTES, else the
 * library's MF_JSON_MAX_BYTES; 0 (with a message printed) if the variable
 * is not a number of bytes (cmd_merge.c). */
size_t summary_max(void);
/* Say why summary file path could not be read (mf_reader_read returned
 * MF_ERR_IO; max: the limit it was read with) (cmd_merge.c). */
void summary_read_error(mf_input *in, const char *path, size_t max);
/* The exit status for an mf_json_status (cmd_merge.c). */
int json_load_status(int rc);
/* The reader of a command: o's reading options (--lenient, each -W,
 * --pure, --strict, --prefix) set on it, the same for every command.
 * NULL, with a message printed, when one of them is wrong: a usage
 * error (cmd_read.c). */
mf_reader *cli_reader(const options *o, const mf_reader_handlers *h, void *user);
/* The diagnostics printer of a command writing to dest: o's
 * --diagnostics-format, --color, --max-errors; NULL with -q (cmd_read.c). */
mf_diag_printer *cli_printer(const options *o, FILE *dest);
/* memfold plot [FILE...] (cmd_plot.c). */
int cmd_plot(const options *o);

/* The commands' names, by CMD_ (cli/usage.c). */
extern const char *const cli_commands[CMD_NCOMMANDS];
/* A usage error: "memfold: MESSAGE" and "Try 'memfold COMMAND --help'."
 * on stderr (command -1: "Try 'memfold --help'."); returns EXIT_USAGE.
 * Every message of memfold starts "memfold: ", whichever command runs:
 * the command is named in the message when it matters, and in the Try
 * line (cli/usage.c). */
int cli_usage(int command, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The edits (insert, delete, change, swap two neighbours) from a to b,
 * each cut to its first 64 bytes: how near a mistyped word is to a name,
 * for "did you mean" (cli/usage.c). */
size_t cli_edit_distance(const char *a, const char *b);

#endif
