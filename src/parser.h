/* parser.h -- the state of one parse, shared by the driver (parse.c) and
 * the AST builder the grammar's actions call (build.c). */
#ifndef MF_PARSER_H
#define MF_PARSER_H

#include "memfold.h"
#include "report.tab.h"
#include "util.h"

struct mf_lexstate;

/* A syntax error waits here until its line has been read to the end, so
   that the diagnostic can show the whole line. */
typedef struct mf_pending {
    int active;
    const char *name;         /* the check's name */
    mf_location loc;
    char message[256];
    int has_note;
    uint64_t note_line;
    char note_message[128];
    char note_source[512];    /* the block's Filename: line, cut short */
    size_t note_source_len;
    uint32_t note_offset;
} mf_pending;

struct mf_parser {
    mf_block_fn on_block;
    mf_diag_fn on_diag;
    mf_text_fn on_text;
    void *user;
    int stop;                 /* the block callback asked to stop */

    /* the input being read */
    const char *source;
    mf_input_stats *stats;
    struct mf_lexstate *lex;
    uint64_t next_index;      /* index of the next block, 1-based */

    /* the block being built; its memory is reused for the next one */
    int in_block;
    mf_block blk;
    mf_arena arena;
    mf_row *rows;
    size_t cap_rows;
    mf_row row;               /* the row being built */

    mf_pending pending;
    char *prefix;             /* NULL: detect logging prefixes */
    int prefix_set;
};

#endif
