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
#include "report/piece.h"
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

static int piece_stops(struct mf_parser *p, int token, const mf_location *at);

/* The parser's yylex: a token from the scanner, and a syntax error that
   was waiting for the end of its line is reported once the line is in.
   A piece of a parallel read ends before the token where it stops. */
int mf_yylex(MF_YYSTYPE *yylval, mf_location *yylloc, yyscan_t scanner, struct mf_parser *p)
{
    int token = mf_scan(yylval, yylloc, scanner);
    if (p->pending.n)
        build_flush_pending(p, 0);
    if (p->piece && piece_stops(p, token, yylloc))
        return MF_YYEOF;
    return token;
}

/* ---- a piece of a parallel read (report/piece.h) ------------------------------ */

/* The piece's bytes go to the scanner through here: the line of each
   boundary is counted on the way. */
static size_t piece_read(void *self, char *buf, size_t max)
{
    mf_piece *pc = self;
    if (atomic_load_explicit(pc->cancel, memory_order_relaxed))
        return 0;
    size_t n = pc->below.read(pc->below.self, buf, max), done = 0;
    while (pc->known < pc->nbounds && pc->bounds[pc->known] - pc->start < pc->pos + n) {
        size_t upto = (size_t)(pc->bounds[pc->known] - pc->start - pc->pos);
        pc->nl += mf_count_newlines(buf + done, upto - done);
        done = upto;
        pc->bline[pc->known++] = pc->nl + 1;
    }
    if (pc->known < pc->nbounds)
        pc->nl += mf_count_newlines(buf + done, n - done);
    pc->pos += n;
    return n;
}

static uint64_t piece_origin(void *self, uint64_t line, src_origin *out)
{
    mf_piece *pc = self;
    return pc->below.origin(pc->below.self, line, out);
}

/* Whether the piece ends before this token (the rule: report/piece.h). */
static int piece_stops(struct mf_parser *p, int token, const mf_location *at)
{
    mf_piece *pc = p->piece;
    struct mf_lexstate *ex = p->lex;
    if (atomic_load_explicit(pc->cancel, memory_order_relaxed))
        return 1;
    if (token != FILENAME)
        return 0;
    while (pc->at < pc->known && pc->bline[pc->at] < at->first_line)
        pc->at++;
    if (pc->at == pc->known || pc->bline[pc->at] != at->first_line || at->first_column != 1 ||
        ex->src.offset != 0 || ex->src.flags != 0)
        return 0;
    if (p->in_block || p->norphans != p->orphan_next || p->pending.n || p->memit_stmt_line ||
        !logprefix_is_fresh(ex->lp) || !quote_is_fresh(ex->quote) || !demux_is_fresh(ex->dm))
        return 0;
    pc->stopped = (long)pc->at;
    return 1;
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

static int parse_input(mf_parser *p, mf_input *in, const char *name, mf_piece *piece,
                       mf_input_stats *stats, mf_error *err)
{
    mf_input_stats local;
    yyscan_t scanner = NULL;
    char error[256];
    mf_guard g;

    if (GUARD(&g)) {
        p->piece = NULL;
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
        if (piece) {
            piece->below = ex->top;
            piece->pos = piece->nl = 0;
            piece->known = piece->at = 0;
            piece->stopped = -1;
            ex->top = (line_source){ piece_read, piece_origin, piece, NULL };
        }
    }
    if (!ex->lp || mf_yylex_init_extra(ex, &scanner) != 0) {
        abandon_input(p);
        guard_end(&g);
        return error_set(err, MF_ERR_ARG, 0, "--prefix: %s", error);
    }
    p->source = name;
    p->stats = st;
    p->memit_stmt_line = 0;
    p->piece = piece;
    mf_yyparse(scanner, p);
    p->piece = NULL;
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

int mf_parse_input(mf_parser *p, mf_input *in, const char *name, mf_input_stats *stats,
                   mf_error *err)
{
    return parse_input(p, in, name, NULL, stats, err);
}

int mf_parse_piece(mf_parser *p, mf_input *in, const char *name, mf_piece *piece,
                   mf_input_stats *stats, mf_error *err)
{
    return parse_input(p, in, name, piece, stats, err);
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
