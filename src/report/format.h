/* report/format.h -- what memory_profiler prints, as texts and numbers: the
 * one home of the report format's constraints.
 *
 * grammar/report.y and grammar/report.l are the syntax: which lines
 * make a block, which tokens a row holds.  This file is the rest of the
 * format -- the exact header of each generation, the length of the rule
 * under it, and the geometry of the row template -- and validate.c
 * checks a block against it.  The scanner (report.l: its patterns hold
 * the widths as literals, checked against these by static assertions
 * there and by tests/unit/test_format.c), the validator and fmt
 * (emit_fmt.c) take the numbers from here.
 *
 * memory_profiler's row template is
 *   '{0:>6} {1:>12} {2:>12}  {3:>10}   {4:<}'      (0.58 and later)
 *   '{0:>6} {1:>12} {2:>12}   {3:<}'               (0.30 to 0.57)
 * with the cells line number, Mem usage, Increment, Occurrences and the
 * source line; a value cell is '{:N.Pf} MiB' with N = P + 4, so the
 * number is itself padded to P + 4 columns.  The header is the template
 * applied to the column titles, so its length is that of the rule of '='
 * under it. */
#ifndef MF_REPORT_FORMAT_H
#define MF_REPORT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* The row template's cells (right-aligned) and the spaces before them. */
enum {
    ROW_LINENO_WIDTH = 6,    /* {0:>6} */
    ROW_VALUE_GAP = 1,       /* the space before Mem usage and before Increment */
    ROW_VALUE_WIDTH = 12,    /* {1:>12}, {2:>12} */
    ROW_OCC_GAP = 2,         /* 0.58+: the spaces before Occurrences */
    ROW_OCC_WIDTH = 10,      /* {3:>10} */
    ROW_CONTENT_GAP = 3,     /* the spaces before the contents */
    ROW_NUMBER_EXTRA = 4,    /* '{:N.Pf}': N = P + ROW_NUMBER_EXTRA */
    /* A row of a line that was not run has empty cells: its contents
       start this many spaces after the line number. */
    ROW_PAD_NEW = ROW_VALUE_GAP + ROW_VALUE_WIDTH + ROW_VALUE_GAP + ROW_VALUE_WIDTH +
                  ROW_OCC_GAP + ROW_OCC_WIDTH + ROW_CONTENT_GAP,      /* 41 */
    ROW_PAD_OLD = ROW_VALUE_GAP + ROW_VALUE_WIDTH + ROW_VALUE_GAP + ROW_VALUE_WIDTH +
                  ROW_CONTENT_GAP,                                    /* 29 */
};

/* The length of each generation's header, and so of its rule of '='. */
enum {
    RULE_LEN_OLD = 48,       /* 0.30 - 0.57 */
    RULE_LEN_058 = 60,       /* 0.58.0 ("Occurences") */
    RULE_LEN_061 = 61,       /* 0.59 and later */
};

/* The columns the number of a value cell takes: printed to P decimals, it
   is padded to P + 4; a longer one is as wide as it is. */
static inline uint32_t row_number_width(uint32_t text_len, uint32_t prec)
{
    return text_len > prec + ROW_NUMBER_EXTRA ? text_len : prec + ROW_NUMBER_EXTRA;
}

/* The spaces between the line number and the contents of a row that was
   not run. */
static inline uint32_t row_content_pad(int old_layout)
{
    return old_layout ? ROW_PAD_OLD : ROW_PAD_NEW;
}

/* Classify a header line; sets *old_layout when its rows have no
   Occurrences column.  Returns an enum mf_generation. */
int mf_header_classify(const char *text, size_t len, int *old_layout);

/* Whether a line has the columns of a header: Mem usage and Increment
   (so that a table can start at a header with no Filename: line above
   it, and program output that starts with "Line #" stays text). */
int mf_header_has_columns(const char *text, size_t len);

/* The exact header line of a generation, and its length (the length of
   its rule); NULL for MF_GEN_UNKNOWN. */
const char *mf_header_text(int generation, size_t *len);

#endif
