/* dat/build.h -- the state of one .dat parse and the grammar's actions
 * (grammar/dat.y): they check fields, build a record per line and hand
 * it on, and hold a line's diagnostics until the line has been read to
 * its end, so that each one can show the whole line. */
#ifndef MF_DAT_BUILD_H
#define MF_DAT_BUILD_H

#include "memfold_dat.h"
#include "dat.tab.h"
#include "core/source.h"

struct mf_dat_lexstate;

/* What a field holds: named in diagnostics. */
enum dat_role {
    DAT_ROLE_COMMAND, DAT_ROLE_NAME, DAT_ROLE_MIB, DAT_ROLE_TIME, DAT_ROLE_PID, DAT_ROLE_LEVEL,
};

/* What a syntax error found. */
enum dat_found { DAT_FOUND_END, DAT_FOUND_JUNK, DAT_FOUND_FIELD, DAT_FOUND_OTHER };

struct mf_dat_parser {
    mf_dat_record_fn on_record;
    mf_diag_fn on_diag;
    void *user;
    const char *source;
    mf_input_stats *stats;
    struct mf_dat_lexstate *lex;

    /* the current line, kept up to date by the parser's yylex */
    int kind;                /* its keyword token (DAT_MEM, ...), or DAT_OTHER */
    mf_dat_location kind_at;
    unsigned nfields;        /* field tokens read after the keyword */
    int bad;                 /* a field of this line was reported */
    mf_dat_record rec;       /* the record being built */

    /* runs */
    uint64_t run;            /* the current run, 1-based */
    int seen_cmdline;        /* a CMDLINE record was delivered */
    int seen_sample;         /* a MEM or CHLD record was delivered */

    src_pending pending;     /* diagnostics waiting for the end of the line */
};

/* A stack level that is not there. */
mf_dat_tok_num dat_absent(void);
/* Check a numeric field for its role; a bad one is reported and comes
   back with status MF_NUM_MALFORMED. */
mf_dat_tok_num dat_field(struct mf_dat_parser *p, const mf_dat_tok_num *t,
                         const mf_dat_location *at, int role);

/* The lines.  Each returns nonzero when the record callback asked to stop. */
int dat_command(struct mf_dat_parser *p, const mf_dat_location *cmd_at,
                const mf_dat_tok_line *line);
int dat_mem(struct mf_dat_parser *p, const mf_dat_tok_num *mib, const mf_dat_location *mib_at,
            const mf_dat_tok_num *time, const mf_dat_location *time_at,
            const mf_dat_tok_line *line);
int dat_chld(struct mf_dat_parser *p, const mf_dat_tok_num *pid, const mf_dat_location *pid_at,
             const mf_dat_tok_num *mib, const mf_dat_location *mib_at,
             const mf_dat_tok_num *time, const mf_dat_location *time_at,
             const mf_dat_tok_line *line);
int dat_func(struct mf_dat_parser *p, const mf_dat_location *name_at,
             const mf_dat_tok_num *mib, const mf_dat_location *mib_at,
             const mf_dat_tok_num *time, const mf_dat_location *time_at,
             const mf_dat_tok_num *end_mib, const mf_dat_location *end_mib_at,
             const mf_dat_tok_num *end_time, const mf_dat_location *end_time_at,
             const mf_dat_tok_num *level, const mf_dat_location *level_at,
             const mf_dat_tok_line *line);
int dat_blank_line(struct mf_dat_parser *p, const mf_dat_tok_line *line,
                   const mf_dat_location *at);
int dat_unknown_line(struct mf_dat_parser *p, const mf_dat_location *kind_at,
                     const mf_dat_tok_line *line);
int dat_bad_line(struct mf_dat_parser *p, const mf_dat_tok_line *line);

/* A syntax error in a line of kind p->kind whose fields are roles[];
   `before` fields were read; the last `optional` ones may be left out. */
void dat_syntax_error(struct mf_dat_parser *p, const mf_dat_location *at, int found,
                      const char *token_name, const int *roles, size_t nroles,
                      size_t optional, size_t before);
/* The parser's own limits (memory exhausted). */
void dat_parser_limit(struct mf_dat_parser *p, const mf_dat_location *at, const char *msg);
/* Report whatever is still pending (at the end of input). */
void dat_flush_pending(struct mf_dat_parser *p);

#endif
