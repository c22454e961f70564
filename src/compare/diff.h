/* compare/diff.h -- a comparison as its emitters see it (inside the
 * library).  mf_diff_compare (diff.c) fills it: pairing (match.c), the
 * statistics over each side's runs and the judgement (gate.c); the
 * writers print it: text, CSV, JSON (diff_table.c), Markdown
 * (diff_markdown.c), JUnit XML (diff_junit.c), GitHub workflow commands
 * (diff_github.c).  Every string lives as long as the mf_diff.
 */
#ifndef MF_COMPARE_DIFF_H
#define MF_COMPARE_DIFF_H

#include <stdint.h>
#include <stdio.h>
#include "memfold.h"

/* One metric of one function on one side, over the runs that have it. */
typedef struct side_stat {
    int known;                 /* 0: no run has it (no measured row, a .dat net) */
    uint32_t runs;             /* how many runs have it */
    int64_t median, min, max;  /* scaled MF_SCALE; median of an even count:
                                  the mean of the middle two, rounded half
                                  away from zero */
} side_stat;

/* One metric of a function judged. */
typedef struct judgement {
    int compared;              /* known on both sides: delta and pct are set */
    int gated;                 /* a metric the gate looks at, and known on both sides */
    int64_t delta;             /* new median - old median */
    int pct_known;             /* 0: the old median is 0 and it changed (no percentage:
                                  "n/a" for people, empty in CSV, null in JSON); 0 -> 0
                                  is 0.0% */
    int from_zero;             /* the old median is 0: only an absolute limit (MiB)
                                  judges its growth */
    int64_t pct_x10;           /* delta in percent of |old median|, times 10, rounded */
    int over_rel, over_abs;    /* over the growth limits that are given */
    int over_max;              /* the new median is over the budget (--max-peak...) */
    int in_noise;              /* over the growth limits, but the new median is
                                  within the old runs' min..max: not failed */
    int fails;
    mf_limits limits;          /* the limits it was judged by */
} judgement;

enum diff_status { ST_OK, ST_OVER, ST_ADDED, ST_REMOVED, ST_IGNORED, ST_AMBIGUOUS };

/* One function of the comparison: one function on each side, never two. */
typedef struct diff_row {
    const char *file;          /* after --strip-prefix: the new side's when both */
    const char *function;      /* NULL when unknown */
    int present[2];
    uint64_t line[2];          /* each side's first-row line; 0: unknown */
    uint64_t def_line[2];      /* each side's def row line; 0: unknown */
    uint32_t runs[2];          /* how many runs of each side have it */
    uint64_t calls[2];         /* median over the runs that have it */
    side_stat stat[2][MF_NMETRICS];
    judgement m[MF_NMETRICS];
    int status;                /* enum diff_status */
    int fails;                 /* counts against the gate */
    int prec;                  /* decimals to print its numbers with */
    const char *why;           /* ST_AMBIGUOUS: what could not be told apart */
} diff_row;

/* A %memit result on both sides: the k-th result of a statement on one
   side with the k-th of the same statement on the other; gated by its
   peak, or by its increment for the net and rise metrics. */
typedef struct diff_memit {
    const char *statement;     /* NULL: none */
    uint64_t nth;              /* k, from 1 */
    const char *name;          /* as tables show it: "stmt (#2)" */
    int present[2];
    int has_inc[2];
    int64_t peak[2], inc[2];   /* scaled */
    int status;
    int fails;
    int gated;                 /* both sides have the gated value */
    int64_t delta_peak, delta_inc, pct_x10;
    int pct_known;
    int prec;
} diff_memit;

typedef struct diff_model {
    mf_diff_opts opts;
    unsigned metrics;          /* opts.metrics, with 0 made peak */
    diff_row *rows;            /* old side's order of first appearance, then
                                  the new side's functions that were added */
    size_t nrows;
    diff_memit *memits;
    size_t nmemits;
    uint32_t runs[2];          /* runs given per side */
    size_t functions[2];       /* functions per side (distinct) */
    uint64_t input_errors[2];
    size_t over, added, removed, ignored, ambiguous;   /* rows per status */
    size_t memit_over, memit_added, memit_removed;
    size_t failing;            /* rows and %memit results that fail */
    unsigned reasons;          /* enum mf_diff_reason; 0: passed */
    int empty[2];              /* a side with no function and no %memit result */
    size_t grew_from_zero;     /* rows passed though a gated metric grew from 0
                                  under a percentage limit alone */
    size_t unjudged;           /* rows on both sides with no gated metric known on
                                  both (a .dat function's net) */
    /* What the writers show (gate_finish, from opts.sort, failing_only, top):
       every row's index in order; the rows shown, in that order; how many
       --top left out (beyond those failing_only hides); the %memit results
       shown (model order). */
    size_t *order;
    size_t *shown, nshown, left_out;
    size_t *memit_shown, nmemit_shown;
} diff_model;

extern const char *const DIFF_METRIC_NAMES[MF_NMETRICS];  /* "peak", "mean", "net", "rise" */
extern const char *const DIFF_STATUS_NAMES[];             /* "ok", "over", "added", ... */

/* The rows the writers show, in order (a model made by hand, without
   gate_finish's selection, shows every row in its own order). */
static inline size_t diff_nshown(const diff_model *m)
{
    return m->shown ? m->nshown : m->nrows;
}
static inline const diff_row *diff_shown_row(const diff_model *m, size_t i)
{
    return &m->rows[m->shown ? m->shown[i] : i];
}
static inline const diff_row *diff_order_row(const diff_model *m, size_t i)
{
    return &m->rows[m->order ? m->order[i] : i];
}
static inline size_t diff_nmemit_shown(const diff_model *m)
{
    return m->memit_shown ? m->nmemit_shown : m->nmemits;
}
static inline const diff_memit *diff_shown_memit(const diff_model *m, size_t i)
{
    return &m->memits[m->memit_shown ? m->memit_shown[i] : i];
}

/* The model of a compared mf_diff. */
const diff_model *diff_model_of(const mf_diff *d);

/* The verdict line without its newline, e.g. "PASSED" or
   "FAILED: 1 function over the limit (rise +10% and +5 MiB): load
   (+45.8 MiB, +74.2%); 1 removed; 2 errors in the inputs".  Returns the
   text in buf (cap bytes, cut with "..." when longer). */
const char *diff_verdict(const diff_model *m, char *buf, size_t cap);

/* Formatting helpers shared by the writers; buf holds at least 64 bytes.
   A metric value of side s ("" when not known), a delta with its sign
   ("+1.5"; "" when not compared), a percentage ("+74.2", "-3.0"; "" when
   there is none). */
const char *diff_value(char *buf, const diff_row *r, int s, int metric);
const char *diff_delta(char *buf, const diff_row *r, int metric);
const char *diff_percent(char *buf, const diff_row *r, int metric);
/* The metric a row is shown by: the first gated metric that fails, else
   the first gated one. */
int diff_shown_metric(const diff_model *m, const diff_row *r);
const char *diff_row_name(const diff_row *r);   /* function, or "<unknown>" */
/* Whether a row (or a %memit result) is one that fails the gate, as -q
   shows them: over the limit, added or removed under --fail-on-*,
   ambiguous. */
int diff_row_failing(const diff_row *r);
/* Whether a metric's growth is over the growth limits (--max-increase)
   that are given: over both when both are, over the absolute one alone
   when the old median is 0 (gate.c). */
int diff_over_growth(const judgement *j);

/* Text built into a buffer of cap bytes, cut (never overrun) when it
   does not fit (diff_table.c). */
typedef struct sbuf {
    char *b;
    size_t cap, n;
} sbuf;
void sb_init(sbuf *s, char *buf, size_t cap);
void sb_add(sbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The writers (diff_*.c). */
void diff_write_table(FILE *out, int fmt, const diff_model *m, int color);  /* text, CSV, JSON */
void diff_write_markdown(FILE *out, const diff_model *m);
void diff_write_junit(FILE *out, const diff_model *m);
void diff_write_github(FILE *out, const diff_model *m);

/* Shared by the Markdown, JUnit and GitHub writers (diff_markdown.c).
   Each writes into buf (cap bytes, always NUL-terminated, cut when
   longer) and returns it.
   diff_limits_text: "+10% and +2 MiB", "at most 500 MiB", both joined by
   ", "; "no limits" when l sets none.
   diff_mib: a scaled value exactly, trailing zeros of its 9 decimals cut
   ("2", "1.5"); with sign, "+" before a positive one.
   diff_judged_text: what one metric of a row did, on one line, e.g. "rise
   61.7 -> 107.5 MiB (+45.8 MiB, +74.2%): over the limit +10% and +2 MiB"
   (with several runs: "medians of 3 and 3 runs, old 61.6–61.8"); for an
   added, removed, ignored or ambiguous row, what it is.
   diff_memit_text: the same for a %memit result. */
const char *diff_limits_text(char *buf, size_t cap, const mf_limits *l);
const char *diff_mib(char *buf, size_t cap, int64_t v, int sign);
const char *diff_judged_text(char *buf, size_t cap, const diff_model *m, const diff_row *r,
                             int metric);
const char *diff_memit_text(char *buf, size_t cap, const diff_model *m, const diff_memit *e);

#endif
