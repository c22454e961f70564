/* parse.c -- the parser driver: one scanner per input, one parser state
 * for the whole run, so block numbering and callbacks continue from one
 * input to the next. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "parser.h"
#include "build.h"
#include "lexstate.h"
#include "report.lex.h"

mf_parser *mf_parser_new(mf_block_fn on_block, mf_diag_fn on_diag, void *user)
{
    mf_parser *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->on_block = on_block;
    p->on_diag = on_diag;
    p->user = user;
    p->next_index = 1;
    return p;
}

void mf_parser_on_text(mf_parser *p, mf_text_fn on_text)
{
    p->on_text = on_text;
}

void mf_parser_free(mf_parser *p)
{
    if (!p)
        return;
    arena_free(&p->arena);
    free(p->rows);
    free(p);
}

/* The parser's yylex: a token from the scanner, and a syntax error that
   was waiting for the end of its line is reported once the line is in. */
int mf_yylex(MF_YYSTYPE *yylval, mf_location *yylloc, yyscan_t scanner, struct mf_parser *p)
{
    int token = mf_scan(yylval, yylloc, scanner);
    if (p->pending.active)
        build_flush_pending(p, 0);
    return token;
}

static int run(mf_parser *p, struct mf_lexstate *ex, const char *name, mf_input_stats *stats)
{
    mf_input_stats local;
    yyscan_t scanner;

    memset(&local, 0, sizeof local);
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (mf_yylex_init_extra(ex, &scanner) != 0) {
        lex_free_state(ex);
        return -1;
    }
    p->source = name;
    p->stats = stats;
    p->lex = ex;
    mf_yyparse(scanner, p);
    build_flush_pending(p, 1);
    stats->lines = ex->line - 1;
    stats->bytes = ex->bytes;
    mf_yylex_destroy(scanner);
    p->lex = NULL;
    p->stats = NULL;
    int err = ex->read_errno;
    lex_free_state(ex);
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
}

int mf_parse_file(mf_parser *p, FILE *fp, const char *name, mf_input_stats *stats)
{
    struct mf_lexstate ex;
    lex_init_state(&ex);
    ex.fp = fp;
    return run(p, &ex, name, stats);
}

int mf_parse_buffer(mf_parser *p, const char *data, size_t len, const char *name,
                    mf_input_stats *stats)
{
    struct mf_lexstate ex;
    lex_init_state(&ex);
    ex.mem = data;
    ex.mem_len = len;
    return run(p, &ex, name, stats);
}
