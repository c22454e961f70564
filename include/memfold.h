/* memfold.h -- the public interface of libmemfold.
 *
 * memfold reads the line-by-line reports that Python's memory_profiler
 * prints, builds an AST per report block, and runs passes over it:
 * validate (diagnostics), fold (per-function aggregates) and emit
 * (text, CSV, JSON).  The command-line tool is built on this API only.
 *
 * Life cycle: mf_parse_*() calls a callback once per report block; the
 * block and everything it points to is valid only during that call.
 * Every object is owned by its caller, who frees it with its *_free (or
 * *_end, *_finish) function; the only global state is the allocator
 * (mf_set_alloc_funcs).  Pointers an object returns live until the call
 * named with it, else as long as the object.
 */
#ifndef MEMFOLD_H
#define MEMFOLD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of these headers; mf_version() is that of the library
 * linked (the same string for a matching build). */
#define MEMFOLD_VERSION_MAJOR 0
#define MEMFOLD_VERSION_MINOR 1
#define MEMFOLD_VERSION_PATCH 0
#define MEMFOLD_VERSION_STRING "0.1.0"

/* What the library exports: exactly the functions declared with MF_API in
 * memfold.h and memfold_dat.h (everything else in it is hidden). */
#ifndef MF_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define MF_API __attribute__((visibility("default")))
#else
#define MF_API
#endif
#endif

/* The library's version, "MAJOR.MINOR.PATCH"; a static string. */
MF_API const char *mf_version(void);

/* ------------------------------------------------------------------ */
/* Errors                                                              */
/* ------------------------------------------------------------------ */

/* What a function that can fail returns: MF_OK, or one of the negative
 * codes.  A function that returns an object returns NULL instead, and
 * only when out of memory (or, for mf_input_open, when the file cannot
 * be opened). */
enum mf_status {
    MF_OK = 0,
    MF_ERR_IO = -1,           /* reading or writing failed: see sys_errno */
    MF_ERR_NOMEM = -2,        /* out of memory (see mf_set_alloc_funcs) */
    MF_ERR_INPUT = -3,        /* the data is wrong: a summary file's field */
    MF_ERR_ARG = -4,          /* a bad argument: a --prefix that does not compile */
    MF_ERR_NOT_SUMMARY = -5,  /* not memfold's summary JSON of reports */
    MF_ERR_RANGE = -6,        /* a count or sum would pass what a summary holds */
    MF_ERR_KIND = -7,         /* an input of a kind the reader does not take here */
    MF_ERR_REFUSED = -8,      /* the reader's on_input handler refused the input */
};

/* Details of a failure, filled in by the functions that take an
 * mf_error *err (NULL when the caller needs only the code).  On success
 * err->code is MF_OK and message is "". */
typedef struct mf_error {
    int code;                 /* enum mf_status */
    int sys_errno;            /* the errno of MF_ERR_IO (and of a failed open), else 0 */
    uint64_t line;            /* input line the error is about, 0 when none */
    uint32_t column;          /* 1-based byte column, 0 when none */
    char message[1024];       /* for people: what and where */
} mf_error;

/* A name for a status: "out of memory", "input/output error"... */
MF_API const char *mf_status_str(int code);

/* ------------------------------------------------------------------ */
/* Memory                                                              */
/* ------------------------------------------------------------------ */

typedef void *(*mf_malloc_fn)(size_t n);
typedef void *(*mf_realloc_fn)(void *p, size_t n);
typedef void (*mf_free_fn)(void *p);

/* Every allocation of the library goes through these (by default malloc,
 * realloc and free; a NULL argument restores that one).  They are the
 * library's only global setting: set them before anything else is
 * allocated, and not while another thread is in the library.
 *
 * Out of memory -- one of them returned NULL -- the library never exits
 * or aborts: the public call that was running returns MF_ERR_NOMEM (a
 * constructor returns NULL, a function that returns a count returns
 * (size_t)-1; those that would have nothing to say return an int, MF_OK
 * or MF_ERR_NOMEM: mf_fold_block, mf_lines_block...).  What that call
 * had allocated for itself is freed.  An object that the call was
 * changing (a parser, fold, validator, writer or profile) may be left
 * half-changed: only its *_free (or *_end) function may then be called,
 * and it frees everything.  A callback (mf_block_fn...) that calls the
 * library gets its own MF_ERR_NOMEM there; the parse that called it goes
 * on unless the callback asks it to stop.  Objects may be used from
 * several threads, each object by one thread at a time. */
MF_API void mf_set_alloc_funcs(mf_malloc_fn malloc_fn, mf_realloc_fn realloc_fn,
                               mf_free_fn free_fn);
/* Free memory the library returned to the caller (mf_input_slurp). */
MF_API void mf_free(void *p);

/* ------------------------------------------------------------------ */
/* Numbers                                                             */
/* ------------------------------------------------------------------ */

/* A decimal printed by the report, kept exactly: value = mant / 10^prec. */
typedef struct mf_decimal {
    int64_t mant;
    uint8_t prec;   /* digits after the decimal point as printed */
} mf_decimal;

/* Fixed-point scale used for arithmetic: 10^MF_SCALE_DIGITS units per MiB. */
#define MF_SCALE_DIGITS 9
#define MF_SCALE 1000000000LL

/* Status of a parsed number. */
enum mf_num_status {
    MF_NUM_OK = 0,
    MF_NUM_MALFORMED,   /* not a decimal number: "1.2.3", "-", "." */
    MF_NUM_RANGE,       /* too many digits to hold exactly */
};

/* Parse text[0..len) as a decimal ("-152.6", "22", "12309.5547").
 * Returns an mf_num_status. */
MF_API int mf_decimal_parse(const char *text, size_t len, mf_decimal *out);

/* The value of d in units of 10^-MF_SCALE_DIGITS MiB; 0 when out of range. */
MF_API int64_t mf_decimal_scaled(mf_decimal d);
/* 1 when d is within what the fixed point holds (|d| < 9223372036.854775808
 * MiB), so that mf_decimal_scaled(d) is its value. */
MF_API int mf_decimal_fits(mf_decimal d);

/* ------------------------------------------------------------------ */
/* The AST                                                             */
/* ------------------------------------------------------------------ */

/* A field of a row: byte offset and length within the row's text. */
typedef struct mf_field {
    uint32_t off;
    uint32_t len;
} mf_field;

/* A "<number> <unit>" cell: Mem usage or Increment. */
typedef struct mf_value {
    mf_field text;       /* the number as printed, e.g. "-152.6" */
    mf_field unit;       /* the unit as printed, normally "MiB" */
    mf_decimal num;
    uint8_t status;      /* enum mf_num_status */
} mf_value;

/* Row flags. */
enum {
    MF_ROW_MEASURED    = 1 << 0,  /* has Mem usage and Increment */
    MF_ROW_HAS_OCC     = 1 << 1,  /* has an Occurrences cell */
    MF_ROW_HAS_CONTENT = 1 << 2,  /* padding before the contents exists */
    MF_ROW_MALFORMED   = 1 << 3,  /* a syntax error was reported on this row */
    MF_ROW_CRLF        = 1 << 4,  /* the line ended in "\r\n" */
    MF_ROW_NO_NEWLINE  = 1 << 5,  /* the input ended without a newline here */
    MF_ROW_OCC_RANGE   = 1 << 6,  /* the occurrence count overflowed */
    MF_ROW_LINENO_RANGE = 1 << 7, /* the line number overflowed */
};

/* What was done to a line on its way from the input (mf_row.origin,
 * mf_line.origin): how a pasted report was read. */
enum {
    MF_ORIGIN_QUOTED    = 1 << 0,  /* a quoting prefix (#, >, indentation) was taken off */
    MF_ORIGIN_MOVED     = 1 << 1,  /* taken out of input order (interleaved writers) */
    MF_ORIGIN_AFTER_GAP = 1 << 2,  /* lines were left out before it ("..." in a paste) */
    MF_ORIGIN_SPLIT     = 1 << 3,  /* it followed other text on its input line */
};

/* One printed row of a report table, e.g.
 *      5     22.2 MiB      0.8 MiB           1       x = [0]*n          */
typedef struct mf_row {
    const char *text;     /* the input line, without its line ending */
    uint32_t len;
    uint32_t flags;       /* MF_ROW_* */
    uint64_t input_line;  /* 1-based line number in the input */
    mf_field lineno_f;    /* the "Line #" cell */
    uint64_t lineno;
    mf_value mem;         /* valid when MF_ROW_MEASURED */
    mf_value inc;
    mf_field occ_f;       /* valid when MF_ROW_HAS_OCC */
    uint64_t occ;
    mf_field sep;         /* the spaces before the contents */
    mf_field content;     /* the source line, exactly; empty when absent */
    uint32_t col_offset;  /* bytes of prefix before text in the input */
    uint32_t origin;      /* MF_ORIGIN_* */
} mf_row;

/* Header generations memory_profiler has printed. */
enum mf_generation {
    MF_GEN_UNKNOWN = 0,  /* a header line that matches none of them */
    MF_GEN_OLD,          /* 0.30-0.57: no Occurrences column, 48 '=' */
    MF_GEN_058,          /* 0.58.0: "Occurences" (sic), 60 '=' */
    MF_GEN_061,          /* 0.59+: "Occurrences", 61 '=' */
};

/* Block flags. */
enum {
    MF_BLOCK_HAS_HEADER  = 1 << 0,
    MF_BLOCK_HAS_RULE    = 1 << 1,
    MF_BLOCK_TERMINATED  = 1 << 2,  /* ended by a blank line, as printed */
    MF_BLOCK_MALFORMED   = 1 << 3,  /* the parser reported a syntax error */
    MF_BLOCK_NO_FILENAME = 1 << 4,  /* the table starts at its header: file unknown */
    MF_BLOCK_ORPHAN_FILENAME = 1 << 5, /* its Filename: line came earlier, apart */
};

/* A line of the block's head (Filename:, header, rule) as read. */
typedef struct mf_line {
    const char *text;
    uint32_t len;
    uint64_t input_line;   /* 0 when the line is absent */
    uint32_t col_offset;   /* bytes of prefix before text in the input */
    uint8_t crlf;          /* it ended in "\r\n" */
    uint32_t origin;       /* MF_ORIGIN_* */
} mf_line;

/* One report block: what memory_profiler prints for one call. */
typedef struct mf_block {
    const char *source;     /* input name as given ("-" for stdin) */
    uint64_t index;         /* 1-based over the whole run */
    uint32_t flags;         /* MF_BLOCK_* */
    mf_line filename_line;  /* "Filename: <path>"; empty (input_line 0)
                               under MF_BLOCK_NO_FILENAME */
    mf_field filename;      /* the path, within filename_line.text; empty
                               when the file is unknown */
    uint32_t head_blanks;   /* blank lines between Filename: and header */
    mf_line header;
    int generation;         /* enum mf_generation */
    mf_line rule;
    uint32_t rule_len;      /* number of '=' */
    int old_layout;         /* rows have no Occurrences column */
    mf_row *rows;
    size_t nrows;
    uint32_t end_blanks;    /* blank lines that closed the table (1 or 2) */
    mf_line closing;        /* the first of them: empty, as printed */
    uint64_t end_line;      /* input line where the block ended */
    int cut_by_eof;         /* not terminated because the input ended */
    /* Derived by the parser when the block completes: */
    const char *function;   /* name from the first def row, or NULL */
    size_t function_len;
    long def_row;           /* index of that row, or -1 */
    size_t nmeasured;       /* measured rows */
    size_t syntax_errors;   /* syntax errors reported inside the block */
} mf_block;

/* Text of a field of a row. */
static inline const char *mf_row_str(const mf_row *r, mf_field f) { return r->text + f.off; }

/* What a row or a block is fit for: the passes (validate, fold, emit) and
 * the commands ask these instead of testing flags of their own. */

/* A measured row whose Mem usage and Increment both read as numbers
 * (MF_NUM_OK): the rows fold adds up and whose precisions must agree.
 * Their unit and range are the validator's to judge (a block with an
 * error is not folded). */
static inline int mf_row_has_values(const mf_row *r)
{
    return (r->flags & MF_ROW_MEASURED) && r->mem.status == MF_NUM_OK &&
           r->inc.status == MF_NUM_OK;
}

/* A row of block b that the input ended in the middle of (no newline, the
 * block never closed, and no contents after its cells): not checked -- "truncated" reports the block --
 * and not written. */
static inline int mf_row_cut_short(const mf_block *b, const mf_row *r)
{
    /* A last row that has its contents is whole: `%mprun -T` saves its
       report with the final newline and the closing blank lines stripped. */
    return (r->flags & MF_ROW_NO_NEWLINE) && !(b->flags & MF_BLOCK_TERMINATED) &&
           !((r->flags & MF_ROW_HAS_CONTENT) && r->content.len > 0);
}

/* A row whose cells were all read: neither malformed (a syntax error on
 * it) nor cut short. */
static inline int mf_row_complete(const mf_block *b, const mf_row *r)
{
    return !(r->flags & MF_ROW_MALFORMED) && !mf_row_cut_short(b, r);
}

/* A block LogFile(reportIncrementFlag=True) wrote: the header and only
 * the rows with a positive increment -- no rule, no rows that were not
 * run, gaps in the line numbers, no closing blank line. */
static inline int mf_block_increment_only(const mf_block *b)
{
    return !(b->flags & MF_BLOCK_HAS_RULE) && b->nrows > 0 && b->nmeasured == b->nrows;
}

/* A block the parser read without a syntax error: its AST is whole, so
 * fmt can print it (whatever the validator says of its layout). */
static inline int mf_block_parsed(const mf_block *b)
{
    return !(b->flags & MF_BLOCK_MALFORMED);
}

/* A block to add up: parsed, and mf_validate_block found `errors` == 0
 * errors in it. */
static inline int mf_block_usable(const mf_block *b, size_t errors)
{
    return errors == 0 && mf_block_parsed(b);
}

/* A block whose only fault is that it stops early (the input ended, or
 * no blank line closes it): not closed, no syntax error, and every one of
 * its errors is the one that says so ("truncated" or "unterminated":
 * cut_errors, from mf_validator_cut_errors).  Its complete rows are good
 * -- `lines` writes them -- but it is not added up. */
static inline int mf_block_cut_only(const mf_block *b, size_t errors, size_t cut_errors)
{
    return errors > 0 && errors == cut_errors &&
           !(b->flags & (MF_BLOCK_TERMINATED | MF_BLOCK_MALFORMED));
}

/* ------------------------------------------------------------------ */
/* Diagnostics                                                         */
/* ------------------------------------------------------------------ */

enum mf_severity { MF_NOTE = 0, MF_WARNING, MF_ERROR };

typedef struct mf_diag {
    int severity;            /* enum mf_severity */
    const char *name;        /* stable check name, e.g. "syntax" */
    const char *message;
    const char *file;        /* input name */
    uint64_t line;           /* 1-based; 0 when not about a line */
    uint32_t column;         /* 1-based byte column; 0 for the whole line */
    uint32_t end_column;     /* exclusive; == column for a point */
    const char *source;      /* the input line, or NULL */
    size_t source_len;
    const struct mf_diag *note;  /* an optional second position */
    uint32_t source_col;     /* column of source[0] in the input (0 means 1):
                                a logging prefix may have been cut off */
} mf_diag;

/* Receives every diagnostic; must copy what it keeps. */
typedef void (*mf_diag_fn)(const mf_diag *d, void *user);

/* Printing diagnostics: GCC/Clang-style text with the source line and a
 * caret under the field, a JSON array, or a SARIF 2.1.0 log. */
enum mf_diag_format { MF_DIAG_TEXT = 0, MF_DIAG_JSON, MF_DIAG_SARIF };

typedef struct mf_diag_printer mf_diag_printer;

/* out must stay open until mf_diag_printer_finish; NULL when out of memory. */
MF_API mf_diag_printer *mf_diag_printer_new(FILE *out, int format, int color);
/* Print at most max errors (0: no limit); later ones are only counted. */
MF_API void mf_diag_printer_max_errors(mf_diag_printer *p, uint64_t max);
/* An mf_diag_fn: pass the printer as user. */
MF_API void mf_diag_print(const mf_diag *d, void *printer);
/* Close the output (JSON/SARIF) or print the count line (text); frees p.
 * The counts of errors and warnings go to *errors and *warnings. */
MF_API void mf_diag_printer_finish(mf_diag_printer *p, uint64_t *errors, uint64_t *warnings);

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

/* A byte stream: a file, standard input or memory; gzip data (found by
 * its magic bytes) is decompressed on the way. */
typedef struct mf_input mf_input;

/* Open a path ("-" is standard input); NULL with errno set (and *err:
 * MF_ERR_IO) when it cannot be opened. */
MF_API mf_input *mf_input_open(const char *path, mf_error *err);
/* fp stays the caller's, and must stay open until mf_input_close. */
MF_API mf_input *mf_input_stream(FILE *fp);
/* data is not copied: it must live until mf_input_close. */
MF_API mf_input *mf_input_memory(const char *data, size_t len);
/* Up to max bytes into buf; 0 at the end of input or on an error. */
MF_API size_t mf_input_read(mf_input *in, char *buf, size_t max);
/* Look at the next `want` bytes (at least) without consuming them, before
 * the first read; returns how many there are (fewer at the end of input).
 * *data stays valid until the next call on in. */
MF_API size_t mf_input_peek(mf_input *in, const char **data, size_t want);
/* All the rest of `in`, in memory (for small inputs such as summary
 * files); NULL on a read error.  The caller frees it with mf_free(). */
MF_API char *mf_input_slurp(mf_input *in, size_t *len);
/* The same, refusing more than max bytes: NULL, and mf_input_error() is
 * EFBIG, when there are more (at most max + 1 bytes are read). */
MF_API char *mf_input_slurp_max(mf_input *in, size_t max, size_t *len);
/* 0, or the errno of a failed read; and a message for it (a static
 * string). */
MF_API int mf_input_error(const mf_input *in);
MF_API const char *mf_input_strerror(const mf_input *in);
/* NULL, or what is wrong with the data itself (compressed data cut short
 * or corrupt): what came before it was read and is good.  A static string. */
MF_API const char *mf_input_data_error(const mf_input *in);
/* Bytes read from the file or stream itself so far (compressed bytes for
 * compressed input): for progress against its size. */
MF_API uint64_t mf_input_consumed(const mf_input *in);
MF_API void mf_input_close(mf_input *in);

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

/* One result of IPython's %memit magic (memory_profiler), a line of its
 * own outside the tables:
 *     peak memory: 62.48 MiB, increment: 0.18 MiB        (0.30 and later)
 *     maximum of 3: 76.402344 MiB per loop               (before 0.30)
 * read also after a quoting prefix (`# `, `> `, indentation) and after
 * IPython's `In [N]: ` prompt.  Its statement is taken from the line
 * before it (the previous non-blank line outside the tables) when that
 * one holds `%memit ` (not `%%memit `, whose measured code is the cell
 * below it): the text after it, without %memit's options (-r N, -t N,
 * -i N, -c, -o, -q), its blanks trimmed. */
typedef struct mf_memit {
    const char *source;      /* input name as given */
    uint64_t input_line;     /* 1-based line of the result in the input */
    uint32_t col_offset;     /* bytes of prefix a filter took off text */
    const char *text;        /* the line as read (without its ending) */
    uint32_t len;
    mf_value peak;           /* fields within text; "MiB" (old: "MiB" or "MB") */
    int has_increment;       /* 0 in the old form, which prints none */
    mf_value inc;
    uint64_t loops;          /* the old form's "maximum of N"; 0 in the new one */
    const char *statement;   /* NULL when there is none */
    size_t statement_len;
    uint64_t statement_line; /* its input line, 0 when none */
} mf_memit;

/* Called once per block; return nonzero to stop parsing. */
typedef int (*mf_block_fn)(const mf_block *b, void *user);
/* Called once per %memit result (optional); nonzero stops parsing. */
typedef int (*mf_memit_fn)(const mf_memit *m, void *user);
/* Called for each non-blank line outside the blocks (optional). */
typedef void (*mf_text_fn)(const char *source, uint64_t line, const char *text, size_t len,
                           void *user);

typedef struct mf_input_stats {
    uint64_t lines;          /* input lines read */
    uint64_t bytes;
    uint64_t blocks;         /* blocks delivered */
    uint64_t rows;           /* measured rows in those blocks */
    uint64_t skipped_lines;  /* non-blank lines outside report blocks */
    uint64_t syntax_errors;
    uint64_t memits;         /* %memit results read (also a report found) */
    uint64_t accepted_rows;  /* table rows the row acceptor took (MF_SCAN_FAST) */
    uint64_t whole_rows;     /* table rows the rules read as one token; the
                                other rows were read cell by cell */
} mf_input_stats;

typedef struct mf_parser mf_parser;

/* Create a parser; blocks go to on_block, diagnostics to on_diag (each
 * mf_block and mf_diag, and everything they point to, lives only during
 * the call).  NULL when out of memory. */
MF_API mf_parser *mf_parser_new(mf_block_fn on_block, mf_diag_fn on_diag, void *user);
MF_API void mf_parser_free(mf_parser *p);
/* Also hand each line outside the blocks to on_text. */
MF_API void mf_parser_on_text(mf_parser *p, mf_text_fn on_text);
/* Hand each %memit result to on_memit (without it they are only counted). */
MF_API void mf_parser_on_memit(mf_parser *p, mf_memit_fn on_memit);

/* How logging prefixes are found: NULL detects them from the line that
 * carries "Filename:", "" never strips, anything else is an extended
 * regular expression matched at the start of each line (copied).
 * Returns MF_OK, or MF_ERR_ARG (with the reason in *err) if it does not
 * compile. */
MF_API int mf_parser_set_prefix(mf_parser *p, const char *prefix, mf_error *err);
/* The most rows one block may hold (0: the default, MF_BLOCK_MAX_ROWS):
 * the rest of a longer block is a "block-size" error and is not read, so
 * what one block costs is bounded. */
#define MF_BLOCK_MAX_ROWS 1000000
MF_API void mf_parser_set_block_limit(mf_parser *p, size_t rows);

/* How table rows are read.  The grammar (grammar/report.l and report.y)
 * is the definition: in it a row printed as the template prints it is
 * one token, and any other row a line number and its cells one by one.
 * MF_SCAN_FAST, the default, also runs the row acceptor, a shortcut that
 * takes a row it has checked byte by byte without the scanner's automaton;
 * MF_SCAN_RULES runs the rules only; MF_SCAN_CELLS reads every row cell
 * by cell.  All three give the same blocks and diagnostics (the test suite
 * and a fuzzer compare them); memfold's MEMFOLD_NO_FAST=1 (or =cells)
 * picks the others.  (mf_validator_set_scan: the validator's shortcut.) */
enum { MF_SCAN_FAST = 0, MF_SCAN_RULES = 1, MF_SCAN_CELLS = 2 };
MF_API void mf_parser_set_scan(mf_parser *p, int mode);

/* Parse all of `in`, named name in diagnostics, as one input (name must
 * live as long as the blocks' and diagnostics' use of it: the callbacks
 * get it as mf_block.source).  Returns MF_OK, MF_ERR_IO on a read error
 * (see mf_input_error; errno set) or MF_ERR_NOMEM. */
MF_API int mf_parse_input(mf_parser *p, mf_input *in, const char *name, mf_input_stats *stats,
                          mf_error *err);

/* Parse the whole stream fp, named name in diagnostics, as one input.
 * Block indexes continue across calls.  Returns as mf_parse_input.
 * Statistics of this input go to *stats if given. */
MF_API int mf_parse_file(mf_parser *p, FILE *fp, const char *name, mf_input_stats *stats,
                         mf_error *err);

/* Parse a memory buffer as one input. */
MF_API int mf_parse_buffer(mf_parser *p, const char *data, size_t len, const char *name,
                           mf_input_stats *stats, mf_error *err);

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/* Every check has a stable name; its level can be changed by name. */
enum mf_level { MF_LEVEL_OFF = 0, MF_LEVEL_WARNING, MF_LEVEL_ERROR };

typedef struct mf_check_info {
    const char *name;       /* e.g. "column-align" */
    int level;              /* default enum mf_level */
    int configurable;       /* 0 for syntax errors, which are always errors */
    int layout;             /* about layout only: --lenient makes it a warning */
    const char *summary;    /* one line: what it finds */
} mf_check_info;

/* All checks, in a stable order (a static table); *n receives their number. */
MF_API const mf_check_info *mf_checks(size_t *n);

typedef struct mf_validator mf_validator;

/* A validator reports to on_diag; the defaults are mf_checks()' levels.
 * NULL when out of memory. */
MF_API mf_validator *mf_validator_new(mf_diag_fn on_diag, void *user);
MF_API void mf_validator_free(mf_validator *v);
/* Set the level of the check called name: MF_OK, or MF_ERR_ARG if there
 * is no such check or its level cannot be changed. */
MF_API int mf_validator_set(mf_validator *v, const char *name, int level);
/* Make every warning an error (--strict). */
MF_API void mf_validator_strict(mf_validator *v);
/* Make the layout checks and a missing closing blank line warnings, for
 * hand-made or reformatted reports (--lenient). */
MF_API void mf_validator_lenient(mf_validator *v);
/* How rows are checked: MF_SCAN_FAST, the default, takes a measured row
 * printed exactly as the template prints it in one test, which gives the
 * diagnostics the checks one by one give; MF_SCAN_RULES and MF_SCAN_CELLS
 * run every check on every row (the test suite and a fuzzer compare the
 * two).  mf_reader_set_scan sets this with the parser's mode. */
MF_API void mf_validator_set_scan(mf_validator *v, int mode);
/* Check one block against what memory_profiler prints.  Returns the
 * number of errors reported (warnings are not counted); a block with
 * errors should be left out of aggregates. */
MF_API size_t mf_validate_block(mf_validator *v, const mf_block *b);
/* Of the errors the last mf_validate_block() reported, how many say that
 * the block stops early ("truncated", "unterminated"): see
 * mf_block_cut_only(). */
MF_API size_t mf_validator_cut_errors(const mf_validator *v);
/* After a whole input: checks of the input as a whole (no block at all). */
MF_API void mf_validate_input(mf_validator *v, const char *source, const mf_input_stats *stats);
/* Text outside any block (with --pure it is reported). */
MF_API void mf_validate_foreign(mf_validator *v, const char *source, uint64_t line,
                         const char *text, size_t len);
/* Errors and warnings reported so far. */
MF_API uint64_t mf_validator_errors(const mf_validator *v);
MF_API uint64_t mf_validator_warnings(const mf_validator *v);

/* ------------------------------------------------------------------ */
/* Reading                                                             */
/* ------------------------------------------------------------------ */

/* One reader for every command: it finds out what an input is (a report,
 * an mprof .dat file or a summary JSON), parses it, checks it with one
 * set of check levels, and hands the result to a consumer with the
 * verdict the checks give.  The command line reads every input of every
 * command through it, so that -W, --strict, --lenient, --pure and
 * --prefix mean the same everywhere. */

/* The kinds of input (bits, for mf_reader_accept). */
enum mf_input_kind {
    MF_KIND_REPORT = 1,     /* memory_profiler's report blocks (the default) */
    MF_KIND_DAT = 2,        /* an mprof .dat file (mf_dat_detect) */
    MF_KIND_SUMMARY = 4,    /* a `memfold summary -f json` document */
};

/* What the checks make of a block. */
enum mf_verdict {
    MF_KEPT = 0,            /* no error: aggregates take it */
    MF_CUT_ONLY,            /* its only error is that it stops early (no
                               closing blank line, no syntax error:
                               mf_block_cut_only): its complete rows are good
                               (memfold lines still writes them) */
    MF_LEFT_OUT,            /* errors: left out */
};

struct mf_dat_record;       /* memfold_dat.h */

/* The consumer; every handler is optional (NULL).  Whatever a handler is
 * given is valid only during that call, as with the parser. */
typedef struct mf_reader_handlers {
    /* An input's kind is known and accepted, nothing of it is read yet
       (start writers here; the reader's settings may still change, e.g.
       mf_reader_summary_max); nonzero refuses it. */
    int (*on_input)(int kind, const char *name, void *user);
    /* Every report block, with its verdict (enum mf_verdict); with
       mf_reader_syntax_only, MF_LEFT_OUT only for blocks with a syntax
       error.  Nonzero stops reading this input. */
    int (*on_block)(const mf_block *b, int verdict, void *user);
    /* Every good .dat record: no error from the parser or the checks.
       Nonzero stops reading this input. */
    int (*on_dat_record)(const struct mf_dat_record *r, void *user);
    /* A summary JSON's whole text (not NUL-terminated), read within the
       limit; the consumer loads it (mf_fold_load_json, mf_profile_load_json). */
    void (*on_summary)(const char *text, size_t len, const char *name, void *user);
    /* Each non-blank line outside the report blocks (after --pure's check). */
    mf_text_fn on_text;
    /* Every diagnostic: the parsers', the checks', a cut compressed input's;
       it is given diag_user, or user when that is NULL (so that
       mf_diag_print can be on_diag, its printer diag_user). */
    mf_diag_fn on_diag;
    void *diag_user;
    /* Every %memit result of a report input.  Nonzero stops reading it. */
    mf_memit_fn on_memit;
} mf_reader_handlers;

typedef struct mf_reader mf_reader;

/* A reader with the default check levels, reading reports and .dat
 * files (see mf_reader_accept).  h is copied; user goes to every handler.
 * NULL when out of memory.  mf_reader_free frees it and all it holds. */
MF_API mf_reader *mf_reader_new(const mf_reader_handlers *h, void *user);
MF_API void mf_reader_free(mf_reader *r);

/* The kinds accepted (enum mf_input_kind bits).  An input is a .dat file
 * when mf_dat_detect says so, a summary JSON when that is accepted and
 * mf_profile_is_summary_json says so, else a report; when summary JSON is
 * the only kind accepted, every input is read as one.  one_kind: every
 * input must be of the first one's kind. */
MF_API void mf_reader_accept(mf_reader *r, unsigned kinds, int one_kind);
/* The run's kind: the first input's (0 before any). */
MF_API int mf_reader_kind(const mf_reader *r);

/* Check settings, applied in the order they are called (the command line
 * calls them as: lenient, each -W, pure, strict).  The level of the check
 * called name, report or .dat (enum mf_level): MF_OK, MF_ERR_ARG if there
 * is no such check that can be changed, or MF_ERR_NOMEM. */
MF_API int mf_reader_set_check(mf_reader *r, const char *name, int level);
/* Layout checks warn only (--lenient); every warning an error (--strict);
 * text outside the blocks is a warning (--pure, "foreign-text").  MF_OK,
 * or MF_ERR_NOMEM (the setting was not made). */
MF_API int mf_reader_lenient(mf_reader *r);
MF_API int mf_reader_strict(mf_reader *r);
MF_API int mf_reader_pure(mf_reader *r);
/* Blocks are not checked, only parsed (memfold fmt: layout is put right,
 * not judged); the checks of inputs as a whole and of foreign text stay. */
MF_API void mf_reader_syntax_only(mf_reader *r);
/* Logging prefixes, as mf_parser_set_prefix: MF_ERR_ARG if prefix does
 * not compile, and err says why. */
MF_API int mf_reader_set_prefix(mf_reader *r, const char *prefix, mf_error *err);
/* The most rows one block may hold, as mf_parser_set_block_limit. */
MF_API void mf_reader_set_block_limit(mf_reader *r, size_t rows);
/* How table rows are read, as mf_parser_set_scan. */
MF_API void mf_reader_set_scan(mf_reader *r, int mode);
/* The most bytes of JSON text a summary input may hold (default
 * MF_JSON_MAX_BYTES). */
MF_API void mf_reader_summary_max(mf_reader *r, size_t max);
/* Parallel reading.  With jobs > 1 (0: the number of online CPUs; the
 * default is 1), mf_reader_read reads a report that is a large regular
 * file, plain (not compressed) and not a notebook, with up to `jobs`
 * threads of its own: the file is cut at "Filename:" lines into pieces
 * that are parsed at once, each piece is verified to start where the
 * parser's state is what a new parser starts with (else it is parsed on
 * from the piece before), and what was found is handed to the handlers
 * on the calling thread, in order: every handler call, diagnostic, line
 * number, block index, statistic and return is the one a serial read
 * gives.  The threads are started and joined inside each mf_reader_read
 * call; no handler runs on them.  Inputs read serially whatever jobs is:
 * smaller than min_bytes (default 8 MiB), standard input that is a pipe,
 * compressed, notebooks, .dat files, summary JSON, a --prefix expression
 * given (mf_reader_set_prefix with a non-empty one), a file that starts
 * with a byte-order mark.  Allocation functions given to
 * mf_set_alloc_funcs must then be thread-safe.  Call these between reads,
 * not from a handler. */
MF_API void mf_reader_set_jobs(mf_reader *r, unsigned jobs);
/* Where the pieces are cut: a "Filename:" line about every piece_bytes
 * bytes (0: the default, 2 MiB); inputs smaller than min_bytes are read
 * serially (0: none).  For tuning and tests. */
MF_API void mf_reader_set_split(mf_reader *r, uint64_t piece_bytes, uint64_t min_bytes);
/* How the last report input was read: the pieces replayed (0: serially),
 * and, if not NULL, how many were proposed and the threads that ran. */
MF_API uint64_t mf_reader_pieces(const mf_reader *r, uint64_t *proposed, unsigned *threads);

/* Read all of `in` (the caller's; opened, not read from yet), named name
 * in diagnostics: find its kind (into *kind if given), parse it, check
 * every block or record and then the input as a whole (a report without
 * any block), and report compressed data cut short or corrupt as a
 * "truncated" error naming the input (what came before it is used).
 * Statistics of the input go to *stats if given.  Block indexes go on
 * across calls (one reader is one run); what the checks remember of
 * earlier lines starts afresh with each input.  Nothing of in or name
 * is kept after the call.  Returns MF_OK (diagnostics may have been
 * reported); MF_ERR_KIND (of a kind this reader does not accept, or not
 * of the run's kind) or MF_ERR_REFUSED (on_input refused it), nothing of
 * it read; MF_ERR_IO, a read error (err->sys_errno; EFBIG: a summary JSON
 * longer than the limit); MF_ERR_NOMEM.  err (may be NULL) says why. */
MF_API int mf_reader_read(mf_reader *r, mf_input *in, const char *name, mf_input_stats *stats,
                          int *kind, mf_error *err);

/* Errors and warnings reported so far (over all inputs). */
MF_API uint64_t mf_reader_errors(const mf_reader *r);
MF_API uint64_t mf_reader_warnings(const mf_reader *r);

/* ------------------------------------------------------------------ */
/* Folding                                                             */
/* ------------------------------------------------------------------ */

/* An exact sum that may pass 64 bits: the two's complement 128-bit
 * integer hi * 2^64 + lo (in C99, which has no 128-bit type). */
typedef struct mf_sum {
    int64_t hi;
    uint64_t lo;
} mf_sum;

/* Aggregates of one function: one (file, function, first line) group.
 * file and function are owned by the fold that holds it. */
typedef struct mf_func_stats {
    const char *file;        /* path from Filename: */
    const char *function;    /* NULL when no def row was seen */
    uint64_t line;           /* line number of the block's first row */
    uint64_t calls;          /* blocks folded in */
    /* The calls the reports tell (README, "calls"): per block the first
     * measured row's Occurrences (halved for a one-row block), summed over
     * the blocks not nested in a later block of the same function.
     * ncalls_estimated: some block did not tell (no Occurrences column, no
     * measured row, or a summary file that only had "calls") and was
     * counted as one call a block. */
    uint64_t ncalls;
    int ncalls_estimated;
    uint64_t rows;           /* measured rows */
    uint64_t first_seen;     /* order of first appearance */
    int64_t peak, min;       /* scaled (MF_SCALE) */
    mf_decimal peak_dec, min_dec;      /* as printed */
    mf_sum sum_mem;          /* scaled sum of Mem usage over rows */
    mf_sum sum_entry, sum_exit;        /* scaled sums over calls */
    uint64_t measured_calls; /* calls with at least one measured row */
    int has_hot;
    uint64_t hot_line;
    int64_t hot_inc;
    mf_decimal hot_dec;
    int occ_known;           /* 0: some block had no Occurrences column */
    uint64_t occurrences;
    uint8_t prec;            /* largest precision seen */
    /* What the function itself added: the largest (peak - entry) of one
     * block, scaled; has_rise 0 when no block had a measured row. */
    int has_rise;
    int64_t rise;
    /* The source text memory_profiler printed for the function (the
     * Line Contents of the first block folded in, every row, white space
     * at both ends cut, empty rows skipped), one 32-bit hash per row in
     * order: how `memfold diff` tells same-named functions apart.  nbody
     * 0 when unknown (a summary file written before it was kept). */
    const uint32_t *body;
    uint32_t nbody;
    uint64_t def_line;       /* the def row's line in the first block that had
                                one (the first row is often a decorator's);
                                0 when unknown (not kept in summary files) */
} mf_func_stats;

typedef struct mf_fold mf_fold;

MF_API mf_fold *mf_fold_new(void);
MF_API void mf_fold_free(mf_fold *f);
/* Add one block's rows to the aggregates of its function: MF_OK or
 * MF_ERR_NOMEM. */
MF_API int mf_fold_block(mf_fold *f, const mf_block *b);
/* Add the aggregates of one function (from another fold or a summary
 * file) to those of the same (file, function, line): exact; s's strings
 * are copied.  MF_ERR_RANGE, and f unchanged, when a count or a sum would
 * no longer fit what a summary file holds (counts and sums up to
 * INT64_MAX); err->message then names it as the summary JSON does
 * ("calls", "sums.mem", ...). */
MF_API int mf_fold_add_stats(mf_fold *f, const mf_func_stats *s, mf_error *err);
/* Functions in order of first appearance. */
MF_API size_t mf_fold_count(const mf_fold *f);
/* The i-th function.  The pointer is valid until the next call that adds
 * to f (mf_fold_block, mf_fold_add_stats, mf_fold_load_json) or
 * mf_fold_free: the table may move as it grows.  Its strings live as
 * long as f. */
MF_API const mf_func_stats *mf_fold_get(const mf_fold *f, size_t i);

/* A %memit result as a fold keeps it; its strings are the fold's. */
typedef struct mf_memit_stats {
    const char *source;      /* the input it was read from */
    uint64_t line;           /* its line there */
    mf_decimal peak;         /* MiB, as printed */
    int has_increment;       /* 0: the old form, no increment */
    mf_decimal increment;
    const char *statement;   /* NULL when none */
} mf_memit_stats;

/* Keep a %memit result (from the parser, or from another fold or a
 * summary file), in the order given; strings are copied.  MF_OK or
 * MF_ERR_NOMEM. */
MF_API int mf_fold_memit(mf_fold *f, const mf_memit *m);
MF_API int mf_fold_add_memit(mf_fold *f, const mf_memit_stats *s);
/* The results kept, in order; the pointer lives until the next change
 * of f. */
MF_API size_t mf_fold_memit_count(const mf_fold *f);
MF_API const mf_memit_stats *mf_fold_memit_get(const mf_fold *f, size_t i);

/* Derived values, all scaled by MF_SCALE and rounded half away from zero. */
MF_API int64_t mf_stats_mean(const mf_func_stats *s);
MF_API int64_t mf_stats_entry(const mf_func_stats *s);
MF_API int64_t mf_stats_exit(const mf_func_stats *s);
MF_API int64_t mf_stats_net(const mf_func_stats *s);   /* exit - entry */

/* ------------------------------------------------------------------ */
/* Emitting                                                            */
/* ------------------------------------------------------------------ */

enum mf_format { MF_FMT_TEXT = 0, MF_FMT_CSV, MF_FMT_JSON, MF_FMT_NDJSON,
                 MF_FMT_SQL /* summary, lines: CREATE TABLE + INSERTs in one transaction */ };
/* Summary formats for trend tracking across commits (mf_emit_summary,
 * mf_dat_emit_summary; see core/trend.c): OpenMetrics text, one series
 * per function and metric (GitLab's metrics report), and
 * github-action-benchmark's customSmallerIsBetter JSON list. */
enum { MF_FMT_OPENMETRICS = 32, MF_FMT_BENCHMARK_JSON };
enum mf_sort { MF_SORT_FIRST = 0, MF_SORT_PEAK, MF_SORT_MEAN, MF_SORT_CALLS, MF_SORT_NAME };

/* Per-input record of a run, for the summary's "inputs". */
typedef struct mf_input_record {
    const char *path;
    mf_input_stats stats;
} mf_input_record;

/* The inputs a summary file lists, gathered over several files.  Start
 * it as { NULL, 0, 0, 0 }; mf_json_inputs_free frees what was added. */
typedef struct mf_json_inputs {
    mf_input_record *v;      /* the paths are allocated by the library */
    size_t n;
    uint64_t errors;         /* the files' "errors", summed */
    uint64_t runs;           /* the "runs" of the last document read (a
                                `summary --runs` one); 0 when it has none */
} mf_json_inputs;

/* Free the records and paths of in and empty it (in itself is the
 * caller's). */
MF_API void mf_json_inputs_free(mf_json_inputs *in);

/* What reading a summary document gives (the functions below): these
 * mf_status codes, or MF_ERR_NOMEM. */
enum mf_json_status {
    MF_JSON_OK = MF_OK,
    MF_JSON_NOT_SUMMARY = MF_ERR_NOT_SUMMARY,  /* not memfold's summary of reports (version 1) */
    MF_JSON_INVALID = MF_ERR_INPUT,   /* it is one, but a field is wrong or missing,
                                         or adding it up overflows */
};

/* The largest summary document memfold reads by default (bytes of JSON
 * text, after decompression): about 150,000 functions. */
#define MF_JSON_MAX_BYTES (64u << 20)

/* Add the functions of a `memfold summary -f json` document to f, exactly
 * (its "sums" hold the sums behind the means), and its inputs to
 * *inputs when given.  Every field is checked (type, sign, range, and the
 * sums against the counts and the values printed from them); f and
 * *inputs are left unchanged unless the whole document is good.  Returns
 * an mf_json_status, with a message in *err naming the function and field. */
MF_API int mf_fold_load_json(mf_fold *f, const char *text, size_t len, mf_json_inputs *inputs,
                             mf_error *err);

/* Write the per-function summary in format fmt: MF_OK, MF_ERR_IO (a write
 * error) or MF_ERR_NOMEM. */
MF_API int mf_emit_summary(FILE *out, int fmt, const mf_fold *f, int sort,
                    const mf_input_record *inputs, size_t ninputs, uint64_t errors);
/* How a summary is written: its order (enum mf_sort) and how many
 * functions it shows (top; 0: all).  A text table cut by top ends with a
 * line "... N more functions (--top K)"; the other formats hold the top
 * rows only. */
typedef struct mf_summary_opts {
    int sort;
    uint64_t top;
} mf_summary_opts;
/* mf_emit_summary with o (NULL: first, all). */
MF_API int mf_emit_summary_opts(FILE *out, int fmt, const mf_fold *f, const mf_summary_opts *o,
                                const mf_input_record *inputs, size_t ninputs, uint64_t errors);
/* `memfold summary --runs`: the JSON summary of total (every run folded
 * together, as mf_emit_summary writes it) with "runs": nruns after
 * "memfold", and per function "per_run": nruns entries, entry i null when
 * the function is not in runs[i], else {"calls", "peak_mib", "rise_mib",
 * "net_mib", "mean_mib"} as runs[i] alone gives them (null when unknown).
 * A function is looked up in a run by (file, function, line).  MF_OK,
 * MF_ERR_IO or MF_ERR_NOMEM. */
MF_API int mf_emit_summary_runs(FILE *out, const mf_fold *total, const mf_fold *const *runs,
                                size_t nruns, int sort, const mf_input_record *inputs,
                                size_t ninputs, uint64_t errors);

/* Streaming emitter of one record per row ("memfold lines"). */
typedef struct mf_lines_writer mf_lines_writer;
/* out must stay open until mf_lines_end; NULL when out of memory. */
MF_API mf_lines_writer *mf_lines_begin(FILE *out, int fmt, int all_rows);
MF_API int mf_lines_block(mf_lines_writer *w, const mf_block *b);  /* MF_OK or MF_ERR_NOMEM */
/* A %memit result as a record of its own: function "%memit" (no Python
 * function has that name), no block and no file, line its input line,
 * mem_mib the peak, increment_mib the increment, contents the statement. */
MF_API int mf_lines_memit(mf_lines_writer *w, const mf_memit *m);  /* MF_OK or MF_ERR_NOMEM */
MF_API int mf_lines_end(mf_lines_writer *w);  /* frees w; MF_OK, or MF_ERR_IO on a write error */

/* Print a block as memory_profiler prints it, from the AST ("memfold fmt"):
 * byte for byte what was read, for a block memory_profiler wrote to a
 * stream; aligned, unprefixed, LF-ended and closed otherwise. */
MF_API void mf_emit_fmt_block(FILE *out, const mf_block *b);

/* Write s[0..len) as text for people, as every text table and text
 * diagnostic is written: a character a terminal would obey or cannot show
 * (C0 controls but tab, DEL, C1 controls, bytes of invalid UTF-8) is shown
 * escaped -- "\n", "\r", else "\xHH" per byte (ESC is "\x1b") -- so
 * input cannot clear or retitle the terminal.  CSV and JSON keep the
 * bytes (JSON as \u00XX escapes). */
MF_API void mf_text_escaped(FILE *out, const char *s, size_t len);

/* Format a decimal or a scaled value into buf (at least 64 bytes). */
MF_API size_t mf_format_decimal(char *buf, mf_decimal d);
MF_API size_t mf_format_scaled(char *buf, int64_t v, int prec);
/* A derived value (mean, entry, exit, net) of data printed with prec
 * decimals: rounded half away from zero to prec + 2 decimals, then
 * trailing zeros dropped down to prec decimals. */
MF_API size_t mf_format_derived(char *buf, int64_t v, int prec);

/* ------------------------------------------------------------------ */
/* Pictures ("memfold plot"), as SVG                                   */
/* ------------------------------------------------------------------ */

typedef struct mf_plot_opts {
    int width;              /* pixels; 0 for 800, at least 300 */
    const char *title;      /* NULL for the default */
    size_t top;             /* mf_plot_functions: the bars of the top
                               highest peaks only, how many more were left
                               out said in the picture; 0 for all */
} mf_plot_opts;

/* One bar per function for its peak, with mean and entry marked, the
 * value axis above and below the bars.  The plot functions return MF_OK,
 * MF_ERR_IO (-1) on a write error, or MF_ERR_NOMEM. */
MF_API int mf_plot_functions(FILE *out, const mf_fold *f, const mf_plot_opts *o);

/* A row of one block, for mf_plot_rows (values scaled by MF_SCALE). */
typedef struct mf_plot_row {
    uint64_t lineno;
    int measured;
    int64_t mem, inc;
    const char *content;
    size_t content_len;
    int prec;               /* decimals of the increment as printed (its label) */
} mf_plot_row;

/* One function's memory by source line: Mem usage as a step line, each
 * line's increment as a bar labelled with its value, the source text
 * alongside.  The first measured row's increment is the memory at entry
 * (memory_profiler's baseline, not a change): it is noted, not drawn as a
 * bar, and the increment axis is scaled to the other rows. */
MF_API int mf_plot_rows(FILE *out, const mf_plot_row *rows, size_t n, const mf_plot_opts *o);

/* A time series (times and MiB scaled by MF_SCALE). */
typedef struct mf_plot_series {
    const char *name;
    const int64_t *time, *mem;
    size_t n;
    size_t run;             /* the run (.dat file) it is of: 0, 1, ... */
} mf_plot_series;

/* A profiled call, from start to end time (scaled). */
typedef struct mf_plot_span {
    const char *name;
    int64_t start, end;
    size_t run;             /* as mf_plot_series.run */
} mf_plot_span;

/* Memory over time (the first series of a run is its main process, its
 * peak is marked), each call a shaded span under its function's lane.
 * Several runs are overlaid from t = 0, each run's times relative to its
 * own start (its earliest time), one colour per run, its children's lines
 * dashed in it, the series' names in the legend. */
MF_API int mf_plot_timeline(FILE *out, const mf_plot_series *s, size_t ns,
                            const mf_plot_span *spans, size_t nspans, const mf_plot_opts *o);

/* The same picture gathered from the records of .dat files (`memfold
 * plot run.dat`): each MEM sample goes to the main process's series, each
 * CHLD sample to its child's, each FUNC record is a span.  The timeline
 * copies what it keeps; mf_timeline_free frees it all.  mf_timeline_new
 * returns NULL, mf_timeline_add MF_ERR_NOMEM, when out of memory. */
typedef struct mf_timeline mf_timeline;
MF_API mf_timeline *mf_timeline_new(void);
MF_API int mf_timeline_add(mf_timeline *t, const struct mf_dat_record *r);
/* The records added from now on are of a new run named name (a .dat
 * file; copied), overlaid on the others: call it before each file's
 * records.  The series of a timeline of several runs are named "NAME" and
 * "NAME child K (pid P)", of one run "main process" and "child K (pid P)".
 * MF_ERR_NOMEM when out of memory. */
MF_API int mf_timeline_next_run(mf_timeline *t, const char *name);
/* Draw it as mf_plot_timeline does, the main process first. */
MF_API int mf_plot_timeline_of(FILE *out, const mf_timeline *t, const mf_plot_opts *o);
MF_API void mf_timeline_free(mf_timeline *t);

/* ------------------------------------------------------------------ */
/* Comparing two profiles ("memfold diff")                              */
/* ------------------------------------------------------------------ */

/* One function of a profile; values scaled by MF_SCALE. */
typedef struct mf_profile_func {
    char *file, *function;     /* function NULL when unknown */
    uint64_t line;             /* its first row's line; 0 when unknown (.dat) */
    uint64_t calls, rows;
    int has_values;            /* 0: no measured rows */
    int64_t peak, mean, net;
    int has_net;               /* 0: no net known (an mprof .dat function) */
    int has_rise;              /* 0: no rise known */
    int64_t rise;              /* largest peak - entry of one call */
    int prec;                  /* decimals to print them with */
    uint32_t *body;            /* hashes of its source rows (mf_func_stats.body),
                                  owned by the profile; NULL when unknown */
    uint32_t nbody;
    uint32_t run;              /* which run of the profile it is from, from 0 */
    uint64_t def_line;         /* its def row's line; 0 when unknown */
} mf_profile_func;

/* A %memit result of a profile; values scaled by MF_SCALE. */
typedef struct mf_profile_memit {
    char *statement;           /* NULL when none */
    int has_increment;
    int64_t peak, increment;
    int prec;
} mf_profile_memit;

typedef struct mf_profile {
    mf_profile_func *funcs;
    size_t n, cap;
    uint32_t runs;             /* runs it holds (each a program's run: funcs
                                  carry their run's index); 1 when new */
    mf_profile_memit *memits;  /* in order (mf_profile_add_fold copies them) */
    size_t nmemits, capmemits;
} mf_profile;

MF_API mf_profile *mf_profile_new(void);
MF_API void mf_profile_free(mf_profile *p);
/* Add the functions of a fold (reports read with mf_parse_*); the names
 * are copied.  MF_OK or MF_ERR_NOMEM. */
MF_API int mf_profile_add_fold(mf_profile *p, const mf_fold *f);
/* Add the functions of an mprof .dat fold (see memfold_dat.h): the module
 * of "module.function" as the file, line 0; no net (has_net 0), the rise
 * of mf_dat_func_stats. */
struct mf_dat_fold;
MF_API int mf_profile_add_dat(mf_profile *p, struct mf_dat_fold *f);
/* Whether data starts as memfold's summary JSON does: `{`, then the key
 * "memfold" and a number (white space allowed between them). */
MF_API int mf_profile_is_summary_json(const char *data, size_t len);
/* Add the functions of a `memfold summary -f json` document, checked as
 * mf_fold_load_json does (a summary of .dat files, "kind": "mprof", as
 * mf_dat_fold_load_json does); returns an mf_json_status. */
MF_API int mf_profile_load_json(mf_profile *p, const char *text, size_t len, mf_error *err);

/* What a function is judged by.  peak: its highest Mem usage (the
 * process's RSS, so it moves with whatever ran before); rise: the largest
 * peak - entry of one call (what the function itself added); net: exit -
 * entry, averaged over calls; mean: of Mem usage over its rows. */
enum mf_metric { MF_METRIC_PEAK = 0, MF_METRIC_MEAN, MF_METRIC_NET, MF_METRIC_RISE, MF_NMETRICS };

/* Limits on one metric, or the defaults of every metric. */
typedef struct mf_limits {
    int has_rel, has_abs;      /* growth limits given */
    int64_t max_rel_ppm;       /* percent * 10^6 */
    int64_t max_abs;           /* scaled MiB */
    int has_max;               /* an absolute budget on the NEW value */
    int64_t max;               /* scaled MiB: --max-peak, --max-rise, ... */
} mf_limits;

/* A limit as memfold diff's options write it, into l.  "10%", "2.5%": a
 * growth in percent (has_rel, max_rel_ppm); "5MiB", "0.5 MiB": a growth
 * in MiB (has_abs, max_abs); with budget nonzero only "N MiB", a budget on
 * the new value (has_max, max: --max-peak and the like).  A number of at
 * most 6 decimals, not negative.  MF_OK, or MF_ERR_ARG (l unchanged) when
 * arg is not one. */
MF_API int mf_limit_parse(const char *arg, int budget, mf_limits *l);

/* A budget file (`--budget FILE`): default limits, and per-function
 * overrides and ignores by glob on "file:function".  See budget.c. */
typedef struct mf_budget mf_budget;
/* Read a budget file's text; NULL with err set when it is wrong (err's
 * line and column point into text) or out of memory. */
MF_API mf_budget *mf_budget_load(const char *text, size_t len, mf_error *err);
MF_API void mf_budget_free(mf_budget *b);
/* The limits of metric m for the function "file:function" (file after
 * --strip-prefix): the defaults, then every entry whose glob matches, in
 * the file's order, each overriding what it sets.  Returns 1 when the
 * function is ignored, else 0.  A NULL b leaves *l as it is. */
MF_API int mf_budget_lookup(const mf_budget *b, const char *file, const char *function,
                            int m, mf_limits *l);
/* The metrics the budget file gates (a bit set of 1u << enum mf_metric),
 * 0 when it names none. */
MF_API unsigned mf_budget_metrics(const mf_budget *b);

typedef struct mf_diff_opts {
    unsigned metrics;          /* gated: bit set of 1u << enum mf_metric; 0: peak */
    int match_name;            /* match by function name alone */
    const char *strip_prefix[8];  /* the first that matches is removed from the
                                     start of a path (either side) */
    mf_limits limits[MF_NMETRICS];  /* per metric, from the command line */
    const mf_budget *budget;   /* NULL: none */
    int fail_on_new, fail_on_removed;
    int allow_empty;           /* a side with no function does not fail */
    int allow_input_errors;    /* inputs with errors do not fail the gate */
    int allow_all_changed;     /* every function added or removed does not fail */
    /* What the writers show; the verdict is over every row all the same.
       Text, CSV, JSON and Markdown show the rows in this order, cut by
       failing_only and top; JUnit keeps every function (a test each), in
       this order; GitHub annotations are the failing ones already. */
    int sort;                  /* enum mf_diff_sort */
    size_t top;                /* the first top rows (after failing_only); 0: all */
    int failing_only;          /* only what fails the gate (over the limit, added or
                                  removed under fail_on_*, ambiguous) */
    unsigned width;            /* text: fit the function table in this many columns
                                  (paths cut from the left); 0: no limit */
} mf_diff_opts;

/* The order of a comparison's rows (mf_diff_opts.sort).  FIRST: the old
 * side's order of first appearance, then the added functions.  DELTA:
 * the largest absolute change of a gated metric first; PERCENT: the same
 * in percent (a change from 0 has none: after the others); NAME: by
 * function name, then file, then line; PEAK, MEAN, NET, RISE: by that
 * metric's new median (a removed function's old one), largest first.
 * Rows with no such value come last, in the FIRST order; ties keep it. */
enum mf_diff_sort { MF_DIFF_SORT_FIRST = 0, MF_DIFF_SORT_DELTA, MF_DIFF_SORT_PERCENT,
                    MF_DIFF_SORT_NAME, MF_DIFF_SORT_PEAK, MF_DIFF_SORT_MEAN, MF_DIFF_SORT_NET,
                    MF_DIFF_SORT_RISE };

/* Why a comparison failed: bits of mf_diff_reasons. */
enum mf_diff_reason {
    MF_DIFF_OVER = 1u << 0,          /* a function over its limits */
    MF_DIFF_ADDED = 1u << 1,         /* under fail_on_new */
    MF_DIFF_REMOVED = 1u << 2,       /* under fail_on_removed */
    MF_DIFF_INPUT_ERRORS = 1u << 3,  /* an input had errors */
    MF_DIFF_EMPTY = 1u << 4,         /* a side with no function */
    MF_DIFF_ALL_CHANGED = 1u << 5,   /* every function added or removed */
    MF_DIFF_AMBIGUOUS = 1u << 6,     /* --match name could not pair a name */
};
/* The reasons that mean "the comparison cannot be trusted" (exit 3). */
#define MF_DIFF_UNTRUSTED (MF_DIFF_INPUT_ERRORS | MF_DIFF_EMPTY | MF_DIFF_ALL_CHANGED | \
                           MF_DIFF_AMBIGUOUS)

/* Output formats of a comparison beside enum mf_format's. */
enum { MF_FMT_MARKDOWN = 16, MF_FMT_JUNIT, MF_FMT_GITHUB };

/* A comparison of two sides, each one or more runs.  o is copied (the
 * strings and the budget it points to must outlive d). */
typedef struct mf_diff mf_diff;
MF_API mf_diff *mf_diff_new(const mf_diff_opts *o);
/* Add every run of p to side 0 (old) or 1 (new); p is copied.  MF_OK,
 * MF_ERR_NOMEM. */
MF_API int mf_diff_add(mf_diff *d, int side, const mf_profile *p);
/* The errors found reading a side's inputs: they fail the gate. */
MF_API void mf_diff_input_errors(mf_diff *d, int side, uint64_t errors);
/* Pair the functions and judge them: MF_OK, MF_ERR_NOMEM.  Call once,
 * after every mf_diff_add. */
MF_API int mf_diff_compare(mf_diff *d);
/* After mf_diff_compare: 0 when the gate passed, else enum mf_diff_reason
 * bits; and how many functions (and %memit results) fail it. */
MF_API unsigned mf_diff_reasons(const mf_diff *d);
MF_API size_t mf_diff_failing(const mf_diff *d);
/* Write it in fmt (enum mf_format, MF_FMT_MARKDOWN, MF_FMT_JUNIT, or
 * MF_FMT_GITHUB: workflow commands at each failing function).  MF_OK,
 * MF_ERR_NOMEM. */
MF_API int mf_diff_write(const mf_diff *d, FILE *out, int fmt, int color);
MF_API void mf_diff_free(mf_diff *d);

#ifdef __cplusplus
}
#endif
#endif
