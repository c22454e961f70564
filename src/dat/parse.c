/* dat/parse.c -- the .dat parser driver: one scanner and one parser
 * state per input; and the check whether an input is a .dat file. */
#include <errno.h>
#include <string.h>
#include "core/util.h"
#include "dat/build.h"
#include "dat/lexstate.h"
#include "dat.lex.h"

/* The parser's yylex: a token from the scanner, and what the syntax
   errors need to know about the line it is on. */
int mf_dat_yylex(MF_DAT_YYSTYPE *yylval, mf_dat_location *yylloc, yyscan_t scanner,
                 struct mf_dat_parser *p)
{
    int token = mf_dat_scan(yylval, yylloc, scanner);
    switch (token) {
    case DAT_CMDLINE:
    case DAT_MEM:
    case DAT_CHLD:
    case DAT_FUNC:
    case DAT_OTHER:
        p->kind = token;
        p->kind_at = *yylloc;
        p->nfields = 0;
        break;
    case DAT_COMMAND:
    case DAT_INT:
    case DAT_NUM:
    case DAT_WORD:
        p->nfields++;
        break;
    default:
        break;
    }
    return token;
}

/* The parse itself; the scanner's state is the caller's *ex, which an
   out-of-memory jump out of here leaves intact to be freed. */
__attribute__((noinline))
static void dat_parse(struct mf_dat_lexstate *ex, const char *name, mf_dat_record_fn on_record,
                      mf_diag_fn on_diag, void *user, mf_input_stats *stats)
{
    struct mf_dat_parser p;
    yyscan_t scanner = NULL;

    memset(&p, 0, sizeof p);
    p.on_record = on_record;
    p.on_diag = on_diag;
    p.user = user;
    p.source = name;
    p.stats = stats;
    p.run = 1;
    p.lex = ex;
    if (mf_dat_yylex_init_extra(ex, &scanner) != 0)
        oom();
    mf_dat_yyparse(scanner, &p);
    dat_flush_pending(&p);
    stats->lines = ex->src.line - 1;
    stats->bytes = ex->src.bytes;
    mf_dat_yylex_destroy(scanner);
}

int mf_dat_parse(mf_input *in, const char *name, mf_dat_record_fn on_record,
                 mf_diag_fn on_diag, void *user, mf_input_stats *stats, mf_error *err)
{
    struct mf_dat_lexstate ex;
    mf_input_stats local;
    /* volatile: kept across the setjmp of GUARD */
    mf_input_stats *volatile st = stats ? stats : &local;

    memset(st, 0, sizeof *st);
    dat_lex_init(&ex, in);
    mf_guard g;
    if (GUARD(&g)) {
        scanmem_release(&ex.mem);   /* all of flex's memory */
        src_free(&ex.src);
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory");
    }
    dat_parse(&ex, name, on_record, on_diag, user, st);
    guard_end(&g);
    src_free(&ex.src);
    int e = mf_input_error(in);
    if (e) {
        errno = e;
        if (e == ENOMEM)   /* the input's own buffers */
            return error_set(err, MF_ERR_NOMEM, e, "out of memory");
        return error_set(err, MF_ERR_IO, e, "error reading '%s': %s", name, mf_input_strerror(in));
    }
    error_clear(err);
    return MF_OK;
}

int mf_dat_detect(const char *data, size_t len)
{
    static const char *const KINDS[] = { "CMDLINE ", "MEM ", "CHLD ", "FUNC " };
    size_t i = 0;
    /* skip blank lines: spaces, tabs and line endings only */
    for (size_t start = 0; i < len; start = i) {
        while (i < len && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r'))
            i++;
        if (i < len && data[i] == '\n') {
            i++;
            continue;
        }
        i = start;
        break;
    }
    for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
        size_t n = strlen(KINDS[k]);
        if (len - i >= n && memcmp(data + i, KINDS[k], n) == 0)
            return 1;
    }
    return 0;
}
