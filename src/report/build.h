/* report/build.h -- the grammar's actions: they build the AST of one block and
 * hand it to the caller when it is complete.  Locations are the tokens'. */
#ifndef MF_BUILD_H
#define MF_BUILD_H

#include "report/parser.h"

void build_begin_block(struct mf_parser *p, const mf_tok_line *line, const mf_location *at);
/* A table that starts at its header, with no Filename: line. */
void build_begin_bare(struct mf_parser *p, const mf_tok_header *h, const mf_tok_line *line,
                      const mf_location *at);
/* At the end of an input: report the Filename: lines no table took. */
void build_finish_input(struct mf_parser *p);
void build_head_blank(struct mf_parser *p);
void build_header(struct mf_parser *p, const mf_tok_header *h, const mf_tok_line *line,
                  const mf_location *at);
void build_rule(struct mf_parser *p, uint32_t len, const mf_tok_line *line,
                const mf_location *at);

void build_sep(struct mf_parser *p, const mf_location *at);
void build_content(struct mf_parser *p, const mf_location *at);
void build_values(struct mf_parser *p, const mf_tok_mib *mem, const mf_location *mem_at,
                  const mf_tok_mib *inc, const mf_location *inc_at);
void build_occ(struct mf_parser *p, const mf_tok_uint *occ, const mf_location *at);
void build_row(struct mf_parser *p, const mf_tok_uint *lineno, const mf_location *at,
               const mf_tok_line *line);
/* A row read whole, as one token. */
void build_whole_row(struct mf_parser *p, const mf_tok_row *row, const mf_location *at);
/* Rows read whole, one after the other (the row acceptor's). */
void build_rows(struct mf_parser *p, const mf_tok_rows *rows);
void build_bad_row(struct mf_parser *p, const mf_tok_uint *lineno, const mf_location *at,
                   const mf_tok_line *line);

void build_cut_off(struct mf_parser *p, int by_eof);
/* A "..." line in a table: the next row comes after a gap. */
void build_gap(struct mf_parser *p, const mf_location *at);
void build_block_end(struct mf_parser *p, uint32_t blanks, const mf_tok_line *line,
                     const mf_location *at);
void build_end_block(struct mf_parser *p);
void build_abandon_block(struct mf_parser *p);
void build_foreign_line(struct mf_parser *p, const mf_tok_line *line, const mf_location *at);
/* A line that starts as a %memit result does; one that is not one after
   all is a foreign line. */
void build_memit(struct mf_parser *p, const mf_tok_line *line, const mf_location *at);

/* What a syntax error found: stray text, the end of a line, or else. */
enum { MF_GOT_OTHER, MF_GOT_JUNK, MF_GOT_EOL };

/* A syntax error: got is what was found (its name; what is one of the
   MF_GOT_ kinds), expected what could have been. */
void build_syntax_error(struct mf_parser *p, const mf_location *at, const char *got, int what,
                        const char *const *expected, size_t nexpected);
/* Report the pending syntax error once its line is complete (or now). */
void build_flush_pending(struct mf_parser *p, int now);

#endif
