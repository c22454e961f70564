/* dat_parse.c -- the .dat parser driver: one scanner and one parser
 * state per input; and the check whether an input is a .dat file. */
#include <errno.h>
#include <string.h>
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

int mf_dat_parse(mf_input *in, const char *name, mf_dat_record_fn on_record,
                 mf_diag_fn on_diag, void *user, mf_input_stats *stats)
{
    struct mf_dat_parser p;
    struct mf_dat_lexstate ex;
    mf_input_stats local;
    yyscan_t scanner;

    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    memset(&p, 0, sizeof p);
    p.on_record = on_record;
    p.on_diag = on_diag;
    p.user = user;
    p.source = name;
    p.stats = stats;
    p.run = 1;
    dat_lex_init(&ex, in);
    p.lex = &ex;
    if (mf_dat_yylex_init_extra(&ex, &scanner) != 0) {
        src_free(&ex.src);
        return -1;
    }
    mf_dat_yyparse(scanner, &p);
    dat_flush_pending(&p);
    stats->lines = ex.src.line - 1;
    stats->bytes = ex.src.bytes;
    mf_dat_yylex_destroy(scanner);
    src_free(&ex.src);
    int err = mf_input_error(in);
    if (err) {
        errno = err;
        return -1;
    }
    return 0;
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
