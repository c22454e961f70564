/* parse.c -- the parser driver: one scanner per input, one parser state
 * for the whole run, so block numbering and callbacks continue from one
 * input to the next. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "report/parser.h"
#include "report/build.h"
#include "report/lexstate.h"
#include "report.lex.h"

mf_parser *mf_parser_new(mf_block_fn on_block, mf_diag_fn on_diag, void *user)
{
    mf_parser *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    p->on_block = on_block;
    p->on_diag = on_diag;
    p->user = user;
    p->next_index = 1;
    p->max_rows = MF_BLOCK_MAX_ROWS;
    const char *test_max = getenv("MEMFOLD_TEST_MAX_BLOCK_ROWS");
    if (test_max && strtoul(test_max, NULL, 10) > 0)
        p->max_rows = strtoul(test_max, NULL, 10);
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
    free(p->prefix);
    free(p);
}

/* The parser's yylex: a token from the scanner, and a syntax error that
   was waiting for the end of its line is reported once the line is in. */
int mf_yylex(MF_YYSTYPE *yylval, mf_location *yylloc, yyscan_t scanner, struct mf_parser *p)
{
    int token = mf_scan(yylval, yylloc, scanner);
    if (p->pending.n)
        build_flush_pending(p, 0);
    return token;
}

int mf_parser_set_prefix(mf_parser *p, const char *prefix, char *error, size_t error_cap)
{
    /* compile it once now, so a bad expression is a usage error */
    mf_input *none = mf_input_memory("", 0);
    logprefix *lp = logprefix_new(none, prefix, error, error_cap);
    mf_input_close(none);
    if (!lp)
        return -1;
    logprefix_free(lp);
    free(p->prefix);
    p->prefix = prefix ? xstrndup(prefix, strlen(prefix)) : NULL;
    return 0;
}

int mf_parse_input(mf_parser *p, mf_input *in, const char *name, mf_input_stats *stats)
{
    mf_input_stats local;
    struct mf_lexstate ex;
    yyscan_t scanner;
    char error[256];

    memset(&local, 0, sizeof local);
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    lex_init_state(&ex);
    ex.lp = logprefix_new(in, p->prefix, error, sizeof error);
    if (!ex.lp || mf_yylex_init_extra(&ex, &scanner) != 0) {
        logprefix_free(ex.lp);
        return -1;
    }
    p->source = name;
    p->stats = stats;
    p->lex = &ex;
    mf_yyparse(scanner, p);
    build_flush_pending(p, 1);
    stats->lines = ex.src.line - (ex.src.lb.len == 0);
    stats->bytes = ex.src.bytes;
    mf_yylex_destroy(scanner);
    p->lex = NULL;
    p->stats = NULL;
    logprefix_free(ex.lp);
    src_free(&ex.src);
    return mf_input_error(in) ? -1 : 0;
}

int mf_parse_file(mf_parser *p, FILE *fp, const char *name, mf_input_stats *stats)
{
    mf_input *in = mf_input_stream(fp);
    int rc = mf_parse_input(p, in, name, stats);
    int err = mf_input_error(in);
    mf_input_close(in);
    errno = err;
    return rc;
}

int mf_parse_buffer(mf_parser *p, const char *data, size_t len, const char *name,
                    mf_input_stats *stats)
{
    mf_input *in = mf_input_memory(data, len);
    int rc = mf_parse_input(p, in, name, stats);
    mf_input_close(in);
    return rc;
}
