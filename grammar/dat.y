/* dat.y -- the grammar of mprof's .dat time series.
 *
 * `mprof run` writes one record per line (mprof.py, memory_profiler.py):
 *
 *   CMDLINE <command line>              mprof, when a run starts
 *   MEM <MiB> <unix time>               mprof, one sample of the program
 *   CHLD <pid> <MiB> <unix time>        mprof --multiprocess, per child
 *   FUNC <module.function> <start MiB> <start time> <end MiB> <end time>
 *        [<stack level>]                the profiled program, one per call
 *                                       of an @profile function, at exit
 *
 * Fields are separated by exactly one space.  MEM and CHLD print
 * '{:.6f}' MiB and '{:.4f}' seconds, FUNC '%.4f' for both, so numbers are
 * [-]digits[.digits]; they are kept exactly as printed (mf_decimal).
 * `mprof run` appends to its output file, so one file may hold several
 * runs, each starting with its CMDLINE.  The profiled process writes its
 * FUNC lines itself when it exits, while mprof buffers its own lines:
 * FUNC lines land among the MEM lines, grouped by function, not in time
 * order, and in a short run even before the CMDLINE.
 *
 * The grammar below is the definition of the format memfold accepts;
 * dat.l says how lines become tokens (one token per field).  What can be
 * checked on a field alone (a malformed number, a pid that is no integer)
 * is reported by the actions; what needs more than one line (time order,
 * intervals) is the validator's job (src/dat/validate.c).  A line the
 * grammar cannot read is reported and skipped, and parsing goes on with
 * the next line.
 */

%require "3.8"
%define api.pure full
%define api.prefix {mf_dat_yy}
%define api.token.prefix {DAT_}
%define api.value.type union
%define api.location.type {mf_dat_location}
%define parse.error custom
%locations
%expect 0

%code requires {
#include <stdint.h>
#include "memfold.h"

#include "core/source.h"

/* Locations, and a finished input line handed over with the token that
   ends it: the scanners' shared types (core/source.h). */
typedef src_location mf_dat_location;
typedef src_line mf_dat_tok_line;

/* A field read where a number may stand. */
typedef struct mf_dat_tok_num {
    mf_decimal num;
    uint8_t status;       /* enum mf_num_status; MALFORMED for a word */
    uint8_t is_int;       /* digits only: uval holds the value */
    uint8_t overflow;     /* is_int, but too large for uval */
    uint64_t uval;
} mf_dat_tok_num;

typedef void *yyscan_t;
struct mf_dat_parser;
}

%code provides {
/* The parser's yylex: the scanner plus the parser's bookkeeping
   (src/dat/parse.c). */
int mf_dat_yylex(MF_DAT_YYSTYPE *yylval, mf_dat_location *yylloc, yyscan_t scanner,
                 struct mf_dat_parser *p);
/* The scanner itself (dat.l). */
int mf_dat_scan(MF_DAT_YYSTYPE *yylval, mf_dat_location *yylloc, yyscan_t scanner);
}

%code {
/* The parser's stack grows (past 200 entries, which these grammars do not
   reach) through the library's allocator; out of memory it jumps back to
   the public call (core/alloc.c), as every allocation does. */
#include "core/util.h"
#define YYMALLOC xmalloc
#define YYFREE xfree
#include "dat/build.h"
/* Stop when the record callback asks to. */
#define DONE(x) do { if (x) YYACCEPT; } while (0)
/* Bison calls this only when its stack is exhausted. */
static void mf_dat_yyerror(const mf_dat_location *at, yyscan_t scanner,
                           struct mf_dat_parser *p, const char *msg)
{
    (void)scanner;
    dat_parser_limit(p, at, msg);
}
}

%param {yyscan_t scanner} {struct mf_dat_parser *p}

/* One token per field.  The aliases are what diagnostics call them. */
%token <mf_dat_tok_line> EOL "end of line"
%token CMDLINE              "'CMDLINE'"
%token MEM                  "'MEM'"
%token CHLD                 "'CHLD'"
%token FUNC                 "'FUNC'"
%token OTHER                "unknown line kind"
%token COMMAND              "command line"
%token <mf_dat_tok_num> INT "integer"
%token <mf_dat_tok_num> NUM "number"
%token <mf_dat_tok_num> WORD "word"
%token JUNK                 "stray text"

%nterm <mf_dat_tok_num> number mib timestamp pid stack_level

%%

/* An mprof data file: lines, one record each. */
file
  : %empty
  | file line
  ;

line
  : command
  | sample
  | child
  | call
  | EOL                           { DONE(dat_blank_line(p, &$1, &@1)); }
  | OTHER EOL                     { DONE(dat_unknown_line(p, &@1, &$2)); }
  | error EOL                     { yyerrok; DONE(dat_bad_line(p, &$2)); }
  ;

/* CMDLINE <command line>: mprof starts a run.  The command is the rest
   of the line, spaces and all. */
command
  : CMDLINE COMMAND EOL           { DONE(dat_command(p, &@2, &$3)); }
  ;

/* MEM <MiB> <unix time>: a sample of the profiled process (with
   --include-children, the sum over it and its children). */
sample
  : MEM mib timestamp EOL         { DONE(dat_mem(p, &$2, &@2, &$3, &@3, &$4)); }
  ;

/* CHLD <pid> <MiB> <unix time>: a sample of one child process, written
   after the MEM line of the same round (--multiprocess). */
child
  : CHLD pid mib timestamp EOL    { DONE(dat_chld(p, &$2, &@2, &$3, &@3, &$4, &@4, &$5)); }
  ;

/* FUNC <module.function> <start MiB> <start time> <end MiB> <end time>
   [<stack level>]: one call of an @profile function.  The stack level
   (0 for a call from outside any profiled function) is missing in files
   of memory_profiler before 0.48. */
call
  : FUNC WORD mib timestamp mib timestamp stack_level EOL
                                  { DONE(dat_func(p, &@2, &$3, &@3, &$4, &@4, &$5, &@5,
                                                  &$6, &@6, &$7, &@7, &$8)); }
  ;

stack_level
  : %empty                        { $$ = dat_absent(); }
  | number                        { $$ = dat_field(p, &$1, &@1, DAT_ROLE_LEVEL); }
  ;

/* The numeric fields, named by what they hold; each is checked alone. */
mib       : number                { $$ = dat_field(p, &$1, &@1, DAT_ROLE_MIB); } ;
timestamp : number                { $$ = dat_field(p, &$1, &@1, DAT_ROLE_TIME); } ;
pid       : number                { $$ = dat_field(p, &$1, &@1, DAT_ROLE_PID); } ;

/* Where a number stands, a word is a malformed number ("2x.5", "1.",
   "nan"): it is reported as such, not as a syntax error. */
number
  : INT
  | NUM
  | WORD
  ;

%%

/* The fields of each line kind, in order: the syntax error names the
   one that was expected where the line went wrong.  (The rules above
   say the same; bison only knows the tokens.) */
static const int ROLES_CMDLINE[] = { DAT_ROLE_COMMAND };
static const int ROLES_MEM[] = { DAT_ROLE_MIB, DAT_ROLE_TIME };
static const int ROLES_CHLD[] = { DAT_ROLE_PID, DAT_ROLE_MIB, DAT_ROLE_TIME };
static const int ROLES_FUNC[] = { DAT_ROLE_NAME, DAT_ROLE_MIB, DAT_ROLE_TIME, DAT_ROLE_MIB,
                                  DAT_ROLE_TIME, DAT_ROLE_LEVEL };

/* Syntax errors: "MEM line: expected time stamp, found end of line", at
   the token's place. */
static int yyreport_syntax_error(const yypcontext_t *ctx, yyscan_t scanner,
                                 struct mf_dat_parser *p)
{
    (void)scanner;
    const int *roles = NULL;
    size_t nroles = 0, optional = 0;
    switch (p->kind) {
    case DAT_CMDLINE: roles = ROLES_CMDLINE; nroles = 1; break;
    case DAT_MEM: roles = ROLES_MEM; nroles = 2; break;
    case DAT_CHLD: roles = ROLES_CHLD; nroles = 3; break;
    case DAT_FUNC: roles = ROLES_FUNC; nroles = 6; optional = 1; break;
    default: break;
    }
    yysymbol_kind_t got = yypcontext_token(ctx);
    int found = got == YYSYMBOL_EOL || got == YYSYMBOL_YYEOF ? DAT_FOUND_END
              : got == YYSYMBOL_JUNK ? DAT_FOUND_JUNK
              : got == YYSYMBOL_INT || got == YYSYMBOL_NUM || got == YYSYMBOL_WORD
                || got == YYSYMBOL_COMMAND ? DAT_FOUND_FIELD : DAT_FOUND_OTHER;
    /* the fields read before the one that went wrong */
    size_t before = p->nfields - (found == DAT_FOUND_FIELD ? 1u : 0u);
    dat_syntax_error(p, yypcontext_location(ctx), found, yysymbol_name(got), roles, nroles,
                     optional, before);
    return 0;
}
