/* memfold_dat.h -- mprof's .dat time series: parse, check, fold, emit.
 *
 * `mprof run` writes one record per line: CMDLINE (a run starts), MEM
 * (a sample of the program), CHLD (a sample of a child, --multiprocess)
 * and FUNC (one call of an @profile function).  grammar/dat.l and
 * grammar/dat.y define the format.  The parser hands each good line to a
 * callback as an mf_dat_record, valid only during that call; passes
 * (validator, fold, lines writer) take records one by one.  Nothing here
 * uses global state; every object is owned by its caller.
 */
#ifndef MEMFOLD_DAT_H
#define MEMFOLD_DAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "memfold.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Records                                                             */
/* ------------------------------------------------------------------ */

/* The kinds of line. */
enum mf_dat_kind { MF_DAT_CMDLINE = 1, MF_DAT_MEM, MF_DAT_CHLD, MF_DAT_FUNC };

/* Record flags. */
enum {
    MF_DAT_CRLF       = 1 << 0,  /* the line ended in "\r\n" */
    MF_DAT_NO_NEWLINE = 1 << 1,  /* the input ended here without a newline */
};

/* One line of a .dat file, e.g.  MEM 21.539062 1732590000.1234 */
typedef struct mf_dat_record {
    int kind;                /* enum mf_dat_kind */
    const char *source;      /* input name as given ("-" for stdin) */
    uint64_t line;           /* 1-based line number in the input */
    const char *text;        /* the line, without its line ending */
    size_t len;
    uint32_t flags;          /* MF_DAT_* */
    uint64_t run;            /* 1-based; a CMDLINE starts the next one (see mf_dat_parse) */
    /* The fields, as byte ranges of text; {0, 0} when the kind has none. */
    mf_field kind_f;         /* "CMDLINE", "MEM", "CHLD", "FUNC" */
    mf_field command_f;      /* CMDLINE: the rest of the line */
    mf_field pid_f;          /* CHLD */
    mf_field function_f;     /* FUNC */
    mf_field mem_f, time_f;  /* MEM, CHLD; FUNC: at the start of the call */
    mf_field end_mem_f, end_time_f;  /* FUNC: at its end */
    mf_field depth_f;        /* FUNC: the stack level, when printed */
    /* Values exactly as printed (MiB, seconds since the epoch); each is
       within mf_decimal_scaled()'s range, the parser checks that. */
    mf_decimal mem, time;
    mf_decimal end_mem, end_time;
    uint64_t pid;            /* CHLD */
    int depth;               /* FUNC: the stack level, -1 when absent */
    const char *function;    /* FUNC: "module.function", within text */
    size_t function_len;
} mf_dat_record;

/* Text of a field of a record. */
static inline const char *mf_dat_str(const mf_dat_record *r, mf_field f) { return r->text + f.off; }

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* Called once per good line; return nonzero to stop parsing. */
typedef int (*mf_dat_record_fn)(const mf_dat_record *r, void *user);

/* Parse all of `in`, named name in diagnostics, handing each good line
 * to on_record and each bad one to on_diag (checks "dat-syntax",
 * "dat-unknown-line", "dat-number"; always errors) before going on with
 * the next line.  Runs count from 1: every CMDLINE starts the next run,
 * except the first CMDLINE of the input when no MEM or CHLD line came
 * before it (FUNC lines can precede it: the program writes them itself
 * while mprof still buffers its CMDLINE).  Statistics go to *stats if
 * given: lines, bytes, blocks (records delivered), rows (MEM and CHLD
 * records), skipped_lines (lines not delivered), syntax_errors (the
 * parser's diagnostics).  Returns MF_OK, MF_ERR_IO on a read error (errno
 * and mf_input_error(in) set) or MF_ERR_NOMEM. */
MF_API int mf_dat_parse(mf_input *in, const char *name, mf_dat_record_fn on_record,
                        mf_diag_fn on_diag, void *user, mf_input_stats *stats, mf_error *err);

/* 1 when data (the start of an input, e.g. from mf_input_peek) looks like
 * an mprof .dat file: its first non-blank line starts with "CMDLINE ",
 * "MEM ", "CHLD " or "FUNC "; else 0. */
MF_API int mf_dat_detect(const char *data, size_t len);

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/* The .dat checks, the parser's and the validator's, in a stable order;
 * *n receives their number. */
MF_API const mf_check_info *mf_dat_checks(size_t *n);

typedef struct mf_dat_validator mf_dat_validator;

/* A validator reports to on_diag; the levels are mf_dat_checks()' defaults. */
MF_API mf_dat_validator *mf_dat_validator_new(mf_diag_fn on_diag, void *user);
/* Free v and what it keeps. */
MF_API void mf_dat_validator_free(mf_dat_validator *v);
/* Set the level of the check called name: MF_OK, or MF_ERR_ARG if there
 * is no such check or its level cannot be changed. */
MF_API int mf_dat_validator_set(mf_dat_validator *v, const char *name, int level);
/* Make every warning an error (--strict). */
MF_API void mf_dat_validator_strict(mf_dat_validator *v);
/* Check one record against the ones before it ("dat-time-order",
 * "dat-func-interval", "dat-negative"); returns the number of errors
 * reported for it; (size_t)-1 when out of memory. */
MF_API size_t mf_dat_validate_record(mf_dat_validator *v, const mf_dat_record *r);
/* Errors reported so far. */
MF_API uint64_t mf_dat_validator_errors(const mf_dat_validator *v);
/* Warnings reported so far. */
MF_API uint64_t mf_dat_validator_warnings(const mf_dat_validator *v);

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

/* One function (FUNC lines with the same "module.function"). */
typedef struct mf_dat_func_stats {
    const char *function;    /* "module.function" */
    uint64_t calls;          /* FUNC lines */
    uint64_t samples;        /* MEM samples inside its calls, summed over calls */
    int64_t total_duration;  /* sum of end - start time, MF_SCALE units per second */
    int64_t mean_duration;   /* total_duration / calls, rounded half away from zero */
    mf_decimal peak;         /* largest start, end or inside sample, as printed */
    int64_t peak_scaled;
    int64_t mean;            /* mean MiB (scaled) of the samples inside its calls; a
                                call without one counts its start and end instead */
    int depth;               /* largest stack level; -1 when none was printed */
    uint8_t mem_prec;        /* most decimals of the values in peak and mean */
    uint8_t time_prec;       /* most decimals of its start and end times */
    /* What the function itself added: per call, its highest MiB (start,
       end or a sample inside) minus its start; the largest of its calls,
       scaled.  has_rise 0 when it has no call. */
    int has_rise;
    int64_t rise;
    /* The exact sum behind mean (scaled) and what it is divided by: the
       samples inside its calls, plus 2 (start and end) for each call with
       none.  `memfold merge` adds them up. */
    mf_sum sum_mem;
    uint64_t mean_count;
} mf_dat_func_stats;

/* One run: the lines from a CMDLINE to the next. */
typedef struct mf_dat_run_stats {
    const char *source;      /* input name */
    uint64_t run;            /* as in the records */
    const char *command;     /* from CMDLINE; NULL when there was none */
    uint64_t samples;        /* MEM lines */
    int64_t first_time, last_time;  /* of the first and last MEM line, scaled */
    uint8_t time_prec;
    mf_decimal peak;         /* largest MEM value, as printed (when samples > 0) */
    int64_t peak_scaled;
} mf_dat_run_stats;

/* One child process (CHLD lines with the same pid in one input). */
typedef struct mf_dat_child_stats {
    const char *source;
    uint64_t pid;
    uint64_t samples;
    mf_decimal peak;         /* as printed */
    int64_t peak_scaled;
} mf_dat_child_stats;

typedef struct mf_dat_fold mf_dat_fold;

/* An empty fold.  It keeps every MEM sample (16 bytes each: time and
 * MiB, scaled) and every FUNC call (48 bytes), because FUNC lines come
 * after the samples they cover.  NULL when out of memory. */
MF_API mf_dat_fold *mf_dat_fold_new(void);
/* Free f and everything it returned. */
MF_API void mf_dat_fold_free(mf_dat_fold *f);
/* Add one record (of any input; runs are told apart by source and run):
 * MF_OK or MF_ERR_NOMEM.  The record's strings are copied. */
MF_API int mf_dat_fold_record(mf_dat_fold *f, const mf_dat_record *r);
/* The functions, in order of first appearance, computed now: a call is
 * matched with the MEM samples of its run whose time lies in [start, end]
 * (its run is the one whose samples span its start time, else its own;
 * see the source for why).  *v stays valid until the next call of
 * mf_dat_fold_record or mf_dat_fold_free.  (size_t)-1, and *v NULL, when
 * out of memory. */
MF_API size_t mf_dat_fold_functions(mf_dat_fold *f, const mf_dat_func_stats **v);
/* The runs, in input order; *v stays valid until the next
 * mf_dat_fold_record or mf_dat_fold_free (the same for the children). */
MF_API size_t mf_dat_fold_runs(const mf_dat_fold *f, const mf_dat_run_stats **v);
/* The child processes, in order of first appearance. */
MF_API size_t mf_dat_fold_children(const mf_dat_fold *f, const mf_dat_child_stats **v);
/* The number of MEM lines folded; *peak gets the largest (the first of
 * equal ones, as printed) when there is one. */
MF_API uint64_t mf_dat_fold_peak(const mf_dat_fold *f, mf_decimal *peak);

/* 1 when text is memfold's summary JSON of .dat files: a summary JSON
 * (mf_profile_is_summary_json) whose top-level object has "kind": "mprof". */
MF_API int mf_dat_is_summary_json(const char *text, size_t len);

/* Add a `memfold summary -f json run.dat` document (functions, runs,
 * children and the samples of the whole) to f, as if its .dat files had
 * been folded in: counts, durations and sums add, peaks are the largest,
 * means are recomputed from the sums ("sums"), runs and children are
 * listed after f's.  Every field is checked (type, range, decimals, the
 * values derived from the sums); f is left unchanged unless the whole
 * document is good.  Returns an mf_json_status (MF_JSON_NOT_SUMMARY for
 * a summary of reports), with a message in *err naming the field.  f is
 * meant for merging and comparing: records folded into it later are not
 * matched with the runs it read. */
MF_API int mf_dat_fold_load_json(mf_dat_fold *f, const char *text, size_t len, mf_error *err);

/* Format d as `mprof peak` does, Python's '{:.3f}' of float(d) (the
 * double nearest d, rounded half to even), with integer arithmetic only;
 * buf holds at least 64 bytes. */
MF_API size_t mf_dat_format_mprof(char *buf, mf_decimal d);

/* ------------------------------------------------------------------ */
/* Emitting                                                            */
/* ------------------------------------------------------------------ */

/* Write the fold in format fmt (enum mf_format): functions, runs,
 * children and the overall peak; text tables, CSV with a "record"
 * column, JSON {"memfold": 1, "kind": "mprof", ...} or NDJSON.
 * Returns 0, -1 (MF_ERR_IO) on a write error, or MF_ERR_NOMEM. */
MF_API int mf_dat_emit_summary(FILE *out, int fmt, mf_dat_fold *f);
/* The same with o (NULL: first, all): the functions sorted by o->sort
 * (peak, mean, calls: largest first; name; ties and "first" in order of
 * first appearance) and cut to o->top; runs and children stay in input
 * order.  -f sql writes the tables mprof_functions, mprof_runs and
 * mprof_children. */
MF_API int mf_dat_emit_summary_opts(FILE *out, int fmt, mf_dat_fold *f, const mf_summary_opts *o);

/* Streaming emitter of one row per sample: source, run, time, mem_mib,
 * pid, event ("MEM", "CHLD", "FUNC <name> start", "FUNC <name> end"). */
typedef struct mf_dat_lines_writer mf_dat_lines_writer;
/* Start writing rows in format fmt (enum mf_format) to out.  The rows are
 * held and written by mf_dat_lines_end, in time order within each run of
 * each input (ties in file order): mprof writes a program's FUNC lines
 * where it can, not where they happened. */
MF_API mf_dat_lines_writer *mf_dat_lines_begin(FILE *out, int fmt);
/* Flags of mf_dat_lines_begin_flags. */
enum {
    /* time in seconds since the run's first MEM sample (its first row when
       it has none), as `mprof plot` draws it: exact, with the decimals of
       the two times; a row before that sample is negative */
    MF_DAT_LINES_RELATIVE = 1 << 0,
};
MF_API mf_dat_lines_writer *mf_dat_lines_begin_flags(FILE *out, int fmt, unsigned flags);
/* Write the rows of one record (none for CMDLINE, two for FUNC): MF_OK or
 * MF_ERR_NOMEM. */
MF_API int mf_dat_lines_record(mf_dat_lines_writer *w, const char *source, const mf_dat_record *r);
/* Write the rows, finish the output and free w: MF_OK, MF_ERR_IO (-1) on
 * a write error, or MF_ERR_NOMEM. */
MF_API int mf_dat_lines_end(mf_dat_lines_writer *w);

#ifdef __cplusplus
}
#endif
#endif
