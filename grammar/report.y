/* report.y -- the grammar of memory_profiler's line-by-line reports.
 *
 * A report stream is any text in which report blocks appear: a program's
 * stdout with its own output between the blocks, a file written with
 * profile(stream=f), or `python -m memory_profiler -o FILE`, which appends
 * run after run to the same file.  The grammar below is the definition
 * of the format memfold accepts; report.l says how lines become tokens.
 *
 * The grammar is deliberately lenient about what can be checked field by
 * field (spelling of the header, column alignment, units, precisions,
 * line numbering): those are the validator's job (src/validate.c), so a
 * slightly damaged report still parses and gets a precise diagnostic.
 * What it cannot place is a syntax error; the block is then reported and
 * left out, and parsing goes on at the next line the scanner can place.
 */

%require "3.8"
%define api.pure full
%define api.prefix {mf_yy}
%define api.value.type union
%define api.location.type {mf_location}
%define parse.error custom
%locations
%expect 0

%code requires {
#include <stdint.h>
#include "memfold.h"

#include "core/source.h"

/* Locations, and a finished input line handed over with the token that
   ends it: the scanners' shared types (core/source.h). */
typedef src_location mf_location;
typedef src_line mf_tok_line;

/* The column header: which generation printed it, and whether its rows
   have an Occurrences cell (known even for a misspelled header). */
typedef struct mf_tok_header {
    int generation;       /* enum mf_generation */
    int old_layout;
} mf_tok_header;

/* An unsigned decimal cell: line number or occurrence count. */
typedef struct mf_tok_uint {
    uint64_t value;
    uint32_t lead;        /* spaces before the digits */
    uint8_t overflow;
} mf_tok_uint;

/* A "<number> <unit>" cell; offsets are relative to the token. */
typedef struct mf_tok_mib {
    uint32_t num_off, num_len;
    uint32_t unit_off, unit_len;
    mf_decimal num;
    uint8_t status;       /* enum mf_num_status */
} mf_tok_mib;

/* A whole table row, as one token: its line (through its line ending)
   and its cells, each cell's offset and length inside the line.  The
   scanner decodes it only when the row is one the cell-by-cell path
   below (LINENO cells EOL) would read the same way (report.l); every
   other row takes that path. */
typedef struct mf_tok_row {
    mf_tok_line line;
    mf_tok_uint lineno;
    uint32_t lineno_len;
    uint8_t measured;     /* Mem usage and Increment are there */
    uint8_t has_occ;      /* and Occurrences */
    uint32_t mem_off, mem_len, inc_off, inc_len, occ_off, occ_len;
    mf_tok_mib mem, inc;
    mf_tok_uint occ;
    uint32_t sep_off, sep_len;   /* the padding before the contents */
    mf_location at;       /* the row's line (in a ROWS token) */
} mf_tok_row;

/* Rows one after the other, as the row acceptor hands them over (report.l):
   the scanner's (struct mf_lexstate's run), valid until the next token. */
typedef struct mf_tok_rows {
    const mf_tok_row *row;
    size_t n;
} mf_tok_rows;

typedef void *yyscan_t;
struct mf_parser;
}

%code provides {
/* The parser's yylex: the scanner plus the parser's bookkeeping (parse.c). */
int mf_yylex(MF_YYSTYPE *yylval, mf_location *yylloc, yyscan_t scanner,
             struct mf_parser *p);
/* The scanner itself (report.l). */
int mf_scan(MF_YYSTYPE *yylval, mf_location *yylloc, yyscan_t scanner);
}

%code {
/* The parser's stack grows (past 200 entries, which these grammars do not
   reach) through the library's allocator; out of memory it jumps back to
   the public call (core/alloc.c), as every allocation does. */
#include "core/util.h"
#define YYMALLOC xmalloc
#define YYFREE xfree
#include "report/build.h"
/* Bison calls this only when its stack is exhausted. */
static void mf_yyerror(const mf_location *at, yyscan_t scanner, struct mf_parser *p,
                       const char *msg)
{
    (void)scanner;
    build_syntax_error(p, at, msg, MF_GOT_OTHER, NULL, 0);
}
}

%param {yyscan_t scanner} {struct mf_parser *p}

/* One token per row of a table, or, for a row that is not printed as the
   template prints it, one token per field.  The aliases are what
   diagnostics call them. */
%token <mf_tok_line> EOL    "end of line"
%token <mf_tok_line> BLANK  "blank line"
%token <mf_tok_line> TABLE_END "blank line after the table"
%token <mf_tok_line> BLOCK_END "second blank line after the table"
%token <mf_tok_line> GAP    "'...' line"
%token FILENAME             "'Filename:' line"
%token <mf_tok_header> HEADER "header line"
%token <uint32_t> RULE      "rule of '='"
%token <const mf_tok_row *> ROW "table row"
%token <mf_tok_rows> ROWS   "table rows"
%token <mf_tok_uint> LINENO "line number"
%token <mf_tok_mib> MIB     "value in MiB"
%token <mf_tok_uint> OCC    "occurrence count"
%token SEP                  "column padding"
%token CONTENT              "line contents"
%token TEXT                 "other text"
%token MEMIT                "%memit result"
%token JUNK                 "stray text"

%%

/* A report stream: blocks, with anything else between them.
   [fmt] prints the blocks only, with LF line endings and without logging
   prefixes: text between blocks, CRLF and prefixes are not reproduced. */
report
  : %empty
  | report item
  ;

item
  : block
  | TEXT EOL                      { build_foreign_line(p, &$2, &@1); }
  | MEMIT EOL                     { build_memit(p, &$2, &@1); }
  | BLANK
  ;

/* One block per call of a profiled function.  A block the parser cannot
   read to its end is reported and delivered as malformed.  A table may
   also start at its header with no Filename: line (a paste that left it
   out); it takes the file of an orphan Filename: line if there is one.
   A Filename: line with no header under it (another process's lines came
   between them: interleaved writers) is such an orphan: the error
   alternative keeps it for the next table without one (build.c). */
block
  : block_start head table block_end  { build_end_block(p); }
  | bare_start rule table block_end   { build_end_block(p); }
  | block_start error                 { build_abandon_block(p); yyerrok; }
  ;

bare_start
  : HEADER EOL                    { build_begin_bare(p, &$1, &$2, &@1); }
  ;

block_start
  : FILENAME EOL                  { build_begin_block(p, &$2, &@1); }
  ;

/* A blank line (memory_profiler prints exactly one), the column header,
   and the rule of '=' under it.  Logs filtered by memory_profiler's
   LogFile(reportIncrementFlag=True) have no rule.
   [fmt] prints exactly one blank line, and the header of the block's
   generation as memory_profiler spells it: extra blank lines and a
   misspelled header are not reproduced. */
head
  : head_blanks HEADER EOL rule   { build_header(p, &$2, &$3, &@2); }
  ;

head_blanks
  : %empty
  | head_blanks BLANK             { build_head_blank(p); }
  ;

/* [fmt] prints a rule as long as the header: a rule of another length is
   not reproduced; a missing rule is put back unless the block is an
   increment-only one, whose dropped rows cannot be put back either. */
rule
  : %empty
  | RULE EOL                      { build_rule(p, $1, &$2, &@1); }
  ;

/* One row per line of the function's source: a ROW token when the row is
   as the template prints it (its cells and contents read in one go), else
   a line number and the cells one by one.  Both give the same row.  ROWS
   is a run of such ROW tokens, which the row acceptor hands over in one
   go (report.l): the same rows again.  A pasted table may have a "..."
   line where rows were left out: the table goes on after it. */
table
  : %empty
  | table row
  | table ROWS                    { build_rows(p, &$2); }
  | table GAP                     { build_gap(p, &@2); }
  ;

row
  : ROW                           { build_whole_row(p, $1, &@1); }
  | LINENO cells EOL              { build_row(p, &$1, &@1, &$3); }
  | LINENO error EOL              { build_bad_row(p, &$1, &@1, &$3); yyerrok; }
  ;

/* The cells after the line number.  A row of a line that was executed
   has Mem usage, Increment, Occurrences (not before 0.58) and contents;
   a row of a line that was not has padding and contents only.
   [fmt] prints each cell where the template puts it: other padding
   (misaligned cells, stripped trailing spaces) is not reproduced.  The
   numbers and the contents are reproduced exactly. */
cells
  : %empty                        /* padding stripped by an editor */
  | SEP                           { build_sep(p, &@1); }
  | SEP CONTENT                   { build_sep(p, &@1); build_content(p, &@2); }
  | MIB MIB occurrences contents  { build_values(p, &$1, &@1, &$2, &@2); }
  ;

occurrences
  : %empty
  | OCC                           { build_occ(p, &$1, &@1); }
  ;

contents
  : %empty
  | SEP                           { build_sep(p, &@1); }
  | SEP CONTENT                   { build_sep(p, &@1); build_content(p, &@2); }
  ;

/* memory_profiler ends a block with two newlines; the first ends the
   table.  One is missing when the source file had no final newline.  A
   block that runs into anything else (next Filename:, other text, end
   of input) was cut off.
   [fmt] closes a cut-off block with two blank lines, and prints the
   blank lines empty (spaces on them are not reproduced). */
block_end
  : %empty                        { build_cut_off(p, yychar == MF_YYEOF); }
  | TABLE_END                     { build_block_end(p, 1, &$1, &@1); }
  | TABLE_END BLOCK_END           { build_block_end(p, 2, &$1, &@1); }
  ;

%%

/* Syntax errors: "unexpected X, expected Y or Z", at the token's place. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
                                 struct mf_parser *p)
{
    (void)scanner;
    enum { NEXPECTED = 4 };
    yysymbol_kind_t expected[NEXPECTED];
    int n = yypcontext_expected_tokens(ctx, expected, NEXPECTED);
    const char *names[NEXPECTED];
    if (n < 0)
        n = 0;
    for (int i = 0; i < n; i++)
        names[i] = yysymbol_name(expected[i]);
    yysymbol_kind_t got = yypcontext_token(ctx);
    int what = got == YYSYMBOL_JUNK ? MF_GOT_JUNK : got == YYSYMBOL_EOL ? MF_GOT_EOL : MF_GOT_OTHER;
    build_syntax_error(p, yypcontext_location(ctx),
                       got == YYSYMBOL_YYEOF ? "end of input" : yysymbol_name(got), what,
                       names, (size_t)n);
    return 0;
}
