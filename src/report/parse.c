/* report/parse.c -- the parser driver: one scanner per input, one parser state
 * for the whole run, so block numbering and callbacks continue from one
 * input to the next. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "report/parser.h"
#include "report/build.h"
#include "report/lexstate.h"
#include "core/quote.h"
#include "report.lex.h"

mf_parser *mf_parser_new(mf_block_fn on_block, mf_diag_fn on_diag, void *user)
{
    mf_parser *p = try_zalloc(sizeof *p);
    if (!p)
        return NULL;
    p->on_block = on_block;
    p->on_diag = on_diag;
    p->user = user;
    p->next_index = 1;
    p->max_rows = MF_BLOCK_MAX_ROWS;
    return p;
}

void mf_parser_set_block_limit(mf_parser *p, size_t rows)
{
    p->max_rows = rows ? rows : MF_BLOCK_MAX_ROWS;
}

void mf_parser_set_scan(mf_parser *p, int mode)
{
    p->scan = mode;
}

void mf_parser_on_text(mf_parser *p, mf_text_fn on_text)
{
    p->on_text = on_text;
}

void mf_parser_on_memit(mf_parser *p, mf_memit_fn on_memit)
{
    p->on_memit = on_memit;
}

static void abandon_input(mf_parser *p);

void mf_parser_free(mf_parser *p)
{
    if (!p)
        return;
    abandon_input(p);
    arena_free(&p->arena);
    xfree(p->rows);
    xfree(p->orphans);
    xfree(p->prefix);
    xfree(p->memit_stmt);
    xfree(p);
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

int mf_parser_set_prefix(mf_parser *p, const char *prefix, mf_error *err)
{
    /* compile it once now, so a bad expression is a usage error */
    char error[256];
    mf_input *volatile none = NULL;
    mf_guard g;
    if (GUARD(&g)) {
        mf_input_close(none);
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    }
    none = mf_input_memory("", 0);
    if (!none)
        oom();
    logprefix *lp = logprefix_new(none, prefix, error, sizeof error);
    mf_input_close(none);
    none = NULL;
    if (!lp) {
        guard_end(&g);
        return error_set(err, MF_ERR_ARG, 0, "%s", error);
    }
    logprefix_free(lp);
    char *copy = prefix ? xstrndup(prefix, strlen(prefix)) : NULL;
    guard_end(&g);
    xfree(p->prefix);
    p->prefix = copy;
    error_clear(err);
    return MF_OK;
}

/* The status of a parse that read in: MF_ERR_IO on a read error. */
static int read_status(mf_input *in, const char *name, mf_error *err)
{
    int e = mf_input_error(in);
    if (!e) {
        error_clear(err);
        return MF_OK;
    }
    errno = e;
    if (e == ENOMEM)   /* the input's own buffers */
        return error_set(err, MF_ERR_NOMEM, e, "out of memory");
    return error_set(err, MF_ERR_IO, e, "error reading '%s': %s", name, mf_input_strerror(in));
}

/* The scanner's state lives in the parser (p->lex) while an input is
   read, so that an out-of-memory jump out of the scanner or the grammar
   can free it. */
static void abandon_input(mf_parser *p)
{
    struct mf_lexstate *ex = p->lex;
    if (!ex)
        return;
    for (size_t i = p->orphan_next; i < p->norphans; i++)
        xfree((char *)p->orphans[i].text);
    p->orphan_next = p->norphans = 0;
    scanmem_release(&ex->mem);   /* all of flex's memory */
    demux_free(ex->dm);
    quote_free(ex->quote);
    logprefix_free(ex->lp);
    src_free(&ex->src);
    xfree(ex);
    p->lex = NULL;
    p->stats = NULL;
}

int mf_parse_input(mf_parser *p, mf_input *in, const char *name, mf_input_stats *stats,
                   mf_error *err)
{
    mf_input_stats local;
    yyscan_t scanner = NULL;
    char error[256];
    mf_guard g;

    if (GUARD(&g)) {
        abandon_input(p);
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    }
    memset(&local, 0, sizeof local);
    mf_input_stats *st = stats ? stats : &local;
    memset(st, 0, sizeof *st);
    abandon_input(p);   /* a state left by an earlier jump */
    struct mf_lexstate *ex = xmalloc(sizeof *ex);
    lex_init_state(ex);
    ex->no_accept = p->scan != MF_SCAN_FAST;
    ex->cells_only = p->scan == MF_SCAN_CELLS;
    p->lex = ex;
    ex->lp = logprefix_new(in, p->prefix, error, sizeof error);
    if (ex->lp) {
        /* the chain (core/filter.h): logprefix -> quote -> demux -> the scanner */
        ex->quote = quote_new(logprefix_source(ex->lp));
        ex->dm = demux_new(quote_source(ex->quote));
        ex->top = demux_source(ex->dm);
    }
    if (!ex->lp || mf_yylex_init_extra(ex, &scanner) != 0) {
        abandon_input(p);
        guard_end(&g);
        return error_set(err, MF_ERR_ARG, 0, "--prefix: %s", error);
    }
    p->source = name;
    p->stats = st;
    p->memit_stmt_line = 0;
    mf_yyparse(scanner, p);
    build_flush_pending(p, 1);
    build_finish_input(p);
    st->lines = ex->src.line - (ex->src.lb.len == 0);
    st->bytes = ex->src.bytes;
    st->accepted_rows = ex->accepted;
    st->whole_rows = ex->whole;
    mf_yylex_destroy(scanner);
    abandon_input(p);
    guard_end(&g);
    return read_status(in, name, err);
}

int mf_parse_file(mf_parser *p, FILE *fp, const char *name, mf_input_stats *stats, mf_error *err)
{
    mf_input *in = mf_input_stream(fp);
    if (!in)
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    int rc = mf_parse_input(p, in, name, stats, err);
    int e = mf_input_error(in);
    mf_input_close(in);
    errno = e;
    return rc;
}

int mf_parse_buffer(mf_parser *p, const char *data, size_t len, const char *name,
                    mf_input_stats *stats, mf_error *err)
{
    mf_input *in = mf_input_memory(data, len);
    if (!in)
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    int rc = mf_parse_input(p, in, name, stats, err);
    mf_input_close(in);
    return rc;
}
