/* core/records.h -- one writer for tables of records: a column description
 * (name, kind, alignment) and rows of values, written as a text table,
 * CSV, JSON or NDJSON.  Every table memfold prints goes through it:
 * summary, lines, the .dat summary and lines, diff.
 *
 *   text    an aligned table (opts.aligned: rows are held, each column
 *           as wide as its widest cell, a missing value shown as "-"), or
 *           a streamed one (rows written as they come, columns at least
 *           col.width bytes wide, a missing value blank; an empty one is
 *           shown like a missing one).  Numbers are
 *           right-aligned, text left-aligned; the last column is not
 *           padded.  Text from the input is shown escaped (text_escape):
 *           no control character reaches the terminal.
 *   CSV     a heading line of the names, then one line a row (RFC 4180);
 *           a missing value is empty.  Rows go out 64 KiB or so at a time.
 *   JSON    an array of objects, one a row ({"name": value, ...}); a
 *           missing value is null.  The array is opened at the first row
 *           (or at the end, "[]"): the caller writes what comes around it.
 *   NDJSON  one object a line, opts.record first as {"record": ...}.
 *   SQL     CREATE TABLE IF NOT EXISTS opts.table with typed columns
 *           (by kind, below), then one INSERT a row; a missing value is NULL.
 *           The caller writes BEGIN; and COMMIT; around its tables.
 */
#ifndef MF_RECORDS_H
#define MF_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "memfold.h"

/* What a column holds. */
enum rec_kind {
    REC_TEXT,      /* a string: escaped for text, quoted for CSV, a JSON string */
    REC_NUMBER,    /* a number as text, written as it is (also text that
                      is no JSON string, like a coloured status) */
    REC_DECIMAL,   /* a number as the input printed it, and its value:
                      JSON through json_write_number */
    REC_INTEGER,   /* an unsigned integer */
    REC_JSON,      /* JSON text, written as it is (JSON and NDJSON only) */
    REC_NUMBER_INT,  /* REC_NUMBER that is an integer (SQL: INTEGER) */
    REC_BOOL,      /* REC_NUMBER that is "true" or "false" (SQL: INTEGER 1 or 0) */
};
/* In SQL, REC_TEXT and REC_JSON are TEXT, REC_INTEGER and REC_NUMBER_INT
   INTEGER, REC_DECIMAL and REC_NUMBER REAL: the number's text as printed,
   which SQLite reads as the nearest double. */

typedef struct rec_column {
    const char *name;        /* CSV heading, JSON key, text table heading */
    unsigned char kind;      /* enum rec_kind */
    unsigned char left;      /* text: left-aligned */
    unsigned char gap;       /* text: spaces before it (not the first) */
    unsigned short width;    /* text, streamed: at least this many bytes */
    unsigned short field;    /* which of the row's values it shows */
} rec_column;

/* A value; s == NULL: none. */
typedef struct rec_value {
    const char *s;
    size_t len;
    mf_decimal d;            /* REC_DECIMAL */
    uint64_t u;              /* REC_INTEGER */
} rec_value;

static inline rec_value rec_strn(const char *s, size_t len)
{
    rec_value v = { s, len, { 0, 0 }, 0 };
    return v;
}
/* A string; NULL: none. */
static inline rec_value rec_str(const char *s)
{
    return rec_strn(s, s ? strlen(s) : 0);
}
/* A number as text; "" (or NULL): none. */
static inline rec_value rec_num(const char *s)
{
    return rec_strn(s && s[0] ? s : NULL, s ? strlen(s) : 0);
}
/* A number as printed (len 0: none), and its value. */
static inline rec_value rec_dec(const char *s, size_t len, mf_decimal d)
{
    rec_value v = { len ? s : NULL, len, d, 0 };
    return v;
}
static inline rec_value rec_u64(uint64_t u)
{
    rec_value v = { "", 0, { 0, 0 }, u };
    return v;
}
static inline rec_value rec_none(void)
{
    return rec_strn(NULL, 0);
}

typedef struct rec_opts {
    int aligned;             /* text: an aligned table (else streamed) */
    const char *record;      /* NDJSON: the record's kind, first */
    int item_indent;         /* JSON: spaces before each object */
    int close_indent;        /* JSON: and before the closing ']' */
    int json_newline;        /* JSON: a newline after the ']' (the whole output) */
    const char *table;       /* SQL: the table's name (a plain identifier) */
} rec_opts;

/* A column description: the array and how many columns it has. */
#define REC_COUNT(a) (sizeof(a) / sizeof(a)[0])
#define REC_COLS(a) (a), REC_COUNT(a)

typedef struct rec_writer rec_writer;

/* A table of ncols columns, in format fmt (enum mf_format); the heading
   line (text, CSV) is written now.  opts may be NULL. */
rec_writer *rec_begin(FILE *out, int fmt, const rec_column *cols, size_t ncols,
                      const rec_opts *opts);
/* A row: values[col.field] for each column. */
void rec_row(rec_writer *w, const rec_value *values);
/* A table described twice: for people (text) and for programs (CSV,
   JSON, NDJSON); rec_begin_table picks the one fmt wants. */
typedef struct rec_table {
    const rec_column *text;
    size_t ntext;
    const rec_column *data;
    size_t ndata;
} rec_table;

rec_writer *rec_begin_table(FILE *out, int fmt, const rec_table *t, const rec_opts *opts);
/* Finish the table (an aligned one is printed now, a JSON array closed)
   and free w; -1 if out has an error. */
int rec_end(rec_writer *w);
/* Free w without finishing the table.  (A writer is released by itself
   when an out-of-memory jump leaves the public call that began it, unless
   rec_keep was called: then it belongs to an object the caller frees,
   such as a lines writer.) */
void rec_release(void *w);
void rec_keep(rec_writer *w);

/* ---- numbers for text tables ------------------------------------------------
   A text table shows every number of a column with the same decimals:
   a value copied from the input is padded with zeros (never rounded), a
   derived one is rounded to them from its exact sum. */

/* The decimals of a number's text (digits after its '.'). */
int rec_decimals(const char *s);
/* s with zeros appended up to d decimals, into buf (cap bytes); "" stays "".
   buf may be s (padded in place). */
void rec_pad(char *buf, size_t cap, const char *s, int d);
/* num / den, num in MF_SCALE units, rounded half away from zero to d
   decimals (d <= MF_SCALE_DIGITS), written with exactly d into buf (64
   bytes); "" when den is 0. */
void rec_fixed(char *buf, __int128 num, uint64_t den, int d);
/* The decimals a text table gives a value derived (a mean) from data
   printed with prec decimals: one more, up to 6 (a millionth of a MiB is
   about a byte); data with 6 or more keep theirs (at most MF_SCALE_DIGITS). */
static inline int rec_derived_decimals(int prec)
{
    int d = prec >= 6 ? prec : prec + 1;
    return d > MF_SCALE_DIGITS ? MF_SCALE_DIGITS : d;
}

/* SQL: a string literal ('...', quotes doubled; CAST(X'..' AS TEXT) when
   it holds a NUL, CR or another control but tab and newline). */
void rec_sql_string(FILE *out, const char *s, size_t len);

#endif
