/* report/parser.h -- the state of one parse, shared by the driver (parse.c) and
 * the AST builder the grammar's actions call (build.c). */
#ifndef MF_PARSER_H
#define MF_PARSER_H

#include "memfold.h"
#include "report.tab.h"
#include "core/util.h"
#include "core/source.h"

struct mf_lexstate;

/* What one block may cost: its rows are held until it ends (the block
   callback gets them all at once), at about 230 bytes a row (the mf_row
   and its text).  memory_profiler prints one row per source line of the
   function, so a million rows is a function of a million lines; a block
   with more is an error (block-size) and is left out, and the rows over
   the bound are not kept.  So a block costs at most about 230 MB plus its
   line lengths beyond the usual.  MF_BLOCK_MAX_ROWS is in memfold.h;
   mf_parser_set_block_limit lowers it (the command line does for the
   tests: MEMFOLD_TEST_MAX_BLOCK_ROWS=N). */

struct mf_parser {
    mf_block_fn on_block;
    mf_diag_fn on_diag;
    mf_text_fn on_text;
    mf_memit_fn on_memit;
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
    size_t max_rows;          /* rows a block may hold (MF_BLOCK_MAX_ROWS) */
    int scan;                 /* MF_SCAN_* */
    int too_many_rows;        /* the current block went over max_rows */
    int head_missing;         /* no header came after its Filename: line */
    int gap;                  /* a "..." line came before the next row */
    mf_line *orphans;         /* Filename: lines with no table yet (build.c) */
    size_t norphans, cap_orphans, orphan_next;

    /* the statement of the line before, for a %memit result (build.c) */
    char *memit_stmt;
    size_t memit_stmt_len, memit_stmt_cap;
    uint64_t memit_stmt_line;   /* 0: the line before held none */

    src_pending pending;      /* a syntax error waits here until its line
                                 has been read to the end (one at a time) */
    char *prefix;             /* NULL: detect logging prefixes */
    int prefix_set;
    struct mf_piece *piece;   /* a piece of a parallel read (report/piece.h), or NULL */
};

/* Hand a finished block, or a %memit result, to the caller, unless a
   callback asked to stop; a callback that returns non-zero asks so. */
static inline void parser_hand_block(struct mf_parser *p, const mf_block *b)
{
    if (!p->stop && p->on_block) {
        int stop;
        CALLBACK_BEGIN();
        stop = p->on_block(b, p->user);
        CALLBACK_END();
        if (stop)
            p->stop = 1;
    }
}

static inline void parser_hand_memit(struct mf_parser *p, const mf_memit *m)
{
    if (!p->stop && p->on_memit) {
        int stop;
        CALLBACK_BEGIN();
        stop = p->on_memit(m, p->user);
        CALLBACK_END();
        if (stop)
            p->stop = 1;
    }
}

#endif
