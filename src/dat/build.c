/* dat/build.c -- the .dat grammar's actions: check each field, build one
 * record per line and hand it to the caller; report bad lines once they
 * have been read to their end. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "dat/build.h"
#include "dat/checks.h"
#include "dat/lexstate.h"
#include "dat/util.h"

static const char *const ROLE_NAME[] = {
    [DAT_ROLE_COMMAND] = "command line",
    [DAT_ROLE_NAME] = "function name",
    [DAT_ROLE_MIB] = "memory in MiB",
    [DAT_ROLE_TIME] = "time stamp",
    [DAT_ROLE_PID] = "process id",
    [DAT_ROLE_LEVEL] = "stack level",
};

static const char *kind_name(int kind)
{
    switch (kind) {
    case DAT_CMDLINE: return "CMDLINE";
    case DAT_MEM: return "MEM";
    case DAT_CHLD: return "CHLD";
    case DAT_FUNC: return "FUNC";
    default: return NULL;
    }
}

/* ---- diagnostics ------------------------------------------------------ */

static void pend(struct mf_dat_parser *p, enum dat_check_id chk, uint64_t line, uint32_t col,
                 uint32_t end, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void pend(struct mf_dat_parser *p, enum dat_check_id chk, uint64_t line, uint32_t col,
                 uint32_t end, const char *fmt, ...)
{
    if (p->stats)
        p->stats->syntax_errors++;
    src_location at = { line, col, line, end };
    src_diag *e = src_pend(&p->pending, dat_check_name(chk), &at);
    if (!e)
        return;  /* more than a line can hold: counted, not shown */
    va_list ap;
    va_start(ap, fmt);
    src_diag_vmessage(e, fmt, ap);
    va_end(ap);
}

void dat_flush_pending(struct mf_dat_parser *p)
{
    src_flush(&p->pending, &p->lex->src, 1, p->source, p->on_diag, p->user);
}

/* The bytes of a token of the current (or just finished) line. */
static const char *token_text(struct mf_dat_parser *p, const mf_dat_location *at, size_t *len)
{
    size_t n;
    const char *line = dat_lex_line_text(p->lex, at->first_line, &n);
    size_t from = at->first_column - 1, to = at->last_column - 1;
    if (!line || to > n || from > to) {
        *len = 0;
        return "";
    }
    *len = to - from;
    return line + from;
}

/* A short quotable excerpt of a token: at most 40 bytes. */
static int excerpt(size_t len)
{
    return len > 40 ? 40 : (int)len;
}

/* A stray character, as a message names it. */
static void describe_char(struct mf_dat_parser *p, const mf_dat_location *at, char *buf,
                          size_t cap)
{
    size_t len;
    const char *s = token_text(p, at, &len);
    unsigned char c = len ? (unsigned char)s[0] : 0;
    if (!len)
        snprintf(buf, cap, "stray text");
    else if (c == ' ')
        snprintf(buf, cap, "an extra space");
    else if (c == '\t')
        snprintf(buf, cap, "a tab");
    else if (c == '\r')
        snprintf(buf, cap, "a carriage return");
    else if (c < 0x20 || c >= 0x7f)
        snprintf(buf, cap, "byte 0x%02x", c);
    else
        snprintf(buf, cap, "'%c'", c);
}

void dat_syntax_error(struct mf_dat_parser *p, const mf_dat_location *at, int found,
                      const char *token_name, const int *roles, size_t nroles,
                      size_t optional, size_t before)
{
    char expected[96], got[96];
    const char *kind = kind_name(p->kind);
    if (!kind)
        snprintf(expected, sizeof expected, "CMDLINE, MEM, CHLD or FUNC");
    else if (before < nroles && before + optional >= nroles)
        snprintf(expected, sizeof expected, "%s or end of line", ROLE_NAME[roles[before]]);
    else if (before < nroles)
        snprintf(expected, sizeof expected, "%s", ROLE_NAME[roles[before]]);
    else
        snprintf(expected, sizeof expected, "end of line");

    uint32_t col = at->first_column, end = at->last_column;
    size_t len;
    const char *s;
    switch (found) {
    case DAT_FOUND_END:
        snprintf(got, sizeof got, "end of line");
        end = col;
        break;
    case DAT_FOUND_JUNK:
        describe_char(p, at, got, sizeof got);
        end = col + 1;
        break;
    case DAT_FOUND_FIELD:
        s = token_text(p, at, &len);
        snprintf(got, sizeof got, "extra field '%.*s%s'", excerpt(len), s, len > 40 ? "..." : "");
        break;
    default:
        snprintf(got, sizeof got, "%s", token_name);
        break;
    }
    if (kind)
        pend(p, DCHK_SYNTAX, at->first_line, col, end, "%s line: expected %s, found %s", kind,
             expected, got);
    else
        pend(p, DCHK_SYNTAX, at->first_line, col, end, "expected %s, found %s", expected, got);
}

void dat_parser_limit(struct mf_dat_parser *p, const mf_dat_location *at, const char *msg)
{
    pend(p, DCHK_SYNTAX, at->first_line, at->first_column, at->last_column, "%s", msg);
}

/* ---- fields ----------------------------------------------------------- */

mf_dat_tok_num dat_absent(void)
{
    mf_dat_tok_num t;
    memset(&t, 0, sizeof t);
    t.status = MF_NUM_MALFORMED;
    return t;
}

mf_dat_tok_num dat_field(struct mf_dat_parser *p, const mf_dat_tok_num *t,
                         const mf_dat_location *at, int role)
{
    mf_dat_tok_num v = *t;
    size_t len;
    const char *s = token_text(p, at, &len);
    int n = excerpt(len);
    const char *more = len > 40 ? "..." : "";
    const char *what = ROLE_NAME[role];
    int64_t scaled;
    const char *problem = NULL;

    if (t->status == MF_NUM_MALFORMED)
        problem = role == DAT_ROLE_PID || role == DAT_ROLE_LEVEL ? "expected a whole number"
                                                                 : "malformed number";
    else if (t->status == MF_NUM_RANGE)
        problem = "too many digits to hold exactly";
    else if (role == DAT_ROLE_PID || role == DAT_ROLE_LEVEL) {
        if (!t->is_int)
            problem = "expected a whole number";
        else if (t->overflow || (role == DAT_ROLE_LEVEL && t->uval > INT_MAX))
            problem = "too large";
    } else if (dat_scaled(t->num, &scaled) != 0)
        problem = "too large to hold exactly";
    if (!problem)
        return v;
    pend(p, DCHK_NUMBER, at->first_line, at->first_column, at->last_column,
         "%s: %s, found '%.*s%s'", what, problem, n, s, more);
    p->bad = 1;
    v.status = MF_NUM_MALFORMED;
    return v;
}

/* ---- records ---------------------------------------------------------- */

static mf_field field_of(const mf_dat_location *at)
{
    mf_field f = { at->first_column - 1, at->last_column - at->first_column };
    return f;
}

/* The line is read: report what it had, reset for the next one. */
static void end_line(struct mf_dat_parser *p, int delivered)
{
    dat_flush_pending(p);
    if (p->stats && !delivered)
        p->stats->skipped_lines++;
    p->bad = 0;
    p->kind = 0;
    p->nfields = 0;
}

/* Start the record of the current line, of kind `kind`. */
static mf_dat_record *begin(struct mf_dat_parser *p, int kind, const mf_dat_tok_line *line)
{
    mf_dat_record *r = &p->rec;
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->source = p->source;
    r->line = p->kind_at.first_line;
    r->text = line->text;
    r->len = line->len;
    r->flags = (line->crlf ? MF_DAT_CRLF : 0u) | (line->no_newline ? MF_DAT_NO_NEWLINE : 0u);
    r->kind_f = field_of(&p->kind_at);
    r->depth = -1;
    return r;
}

/* Hand the record on; nonzero when the caller asks to stop. */
static int deliver(struct mf_dat_parser *p)
{
    mf_dat_record *r = &p->rec;
    if (r->kind == MF_DAT_CMDLINE) {
        if (p->seen_cmdline || p->seen_sample)
            p->run++;
        p->seen_cmdline = 1;
    } else if (r->kind == MF_DAT_MEM || r->kind == MF_DAT_CHLD) {
        p->seen_sample = 1;
    }
    r->run = p->run;
    if (p->stats) {
        p->stats->blocks++;
        if (r->kind == MF_DAT_MEM || r->kind == MF_DAT_CHLD)
            p->stats->rows++;
    }
    end_line(p, 1);
    int stop = 0;
    if (p->on_record) {
        CALLBACK_BEGIN();
        stop = p->on_record(r, p->user);
        CALLBACK_END();
    }
    return stop;
}

/* A line with a reported field is not delivered. */
static int skip(struct mf_dat_parser *p)
{
    end_line(p, 0);
    return 0;
}

int dat_command(struct mf_dat_parser *p, const mf_dat_location *cmd_at,
                const mf_dat_tok_line *line)
{
    mf_dat_record *r = begin(p, MF_DAT_CMDLINE, line);
    r->command_f = field_of(cmd_at);
    return deliver(p);
}

int dat_mem(struct mf_dat_parser *p, const mf_dat_tok_num *mib, const mf_dat_location *mib_at,
            const mf_dat_tok_num *time, const mf_dat_location *time_at,
            const mf_dat_tok_line *line)
{
    if (p->bad)
        return skip(p);
    mf_dat_record *r = begin(p, MF_DAT_MEM, line);
    r->mem_f = field_of(mib_at);
    r->mem = mib->num;
    r->time_f = field_of(time_at);
    r->time = time->num;
    return deliver(p);
}

int dat_chld(struct mf_dat_parser *p, const mf_dat_tok_num *pid, const mf_dat_location *pid_at,
             const mf_dat_tok_num *mib, const mf_dat_location *mib_at,
             const mf_dat_tok_num *time, const mf_dat_location *time_at,
             const mf_dat_tok_line *line)
{
    if (p->bad)
        return skip(p);
    mf_dat_record *r = begin(p, MF_DAT_CHLD, line);
    r->pid_f = field_of(pid_at);
    r->pid = pid->uval;
    r->mem_f = field_of(mib_at);
    r->mem = mib->num;
    r->time_f = field_of(time_at);
    r->time = time->num;
    return deliver(p);
}

int dat_func(struct mf_dat_parser *p, const mf_dat_location *name_at,
             const mf_dat_tok_num *mib, const mf_dat_location *mib_at,
             const mf_dat_tok_num *time, const mf_dat_location *time_at,
             const mf_dat_tok_num *end_mib, const mf_dat_location *end_mib_at,
             const mf_dat_tok_num *end_time, const mf_dat_location *end_time_at,
             const mf_dat_tok_num *level, const mf_dat_location *level_at,
             const mf_dat_tok_line *line)
{
    if (p->bad)
        return skip(p);
    mf_dat_record *r = begin(p, MF_DAT_FUNC, line);
    r->function_f = field_of(name_at);
    r->function = r->text + r->function_f.off;
    r->function_len = r->function_f.len;
    r->mem_f = field_of(mib_at);
    r->mem = mib->num;
    r->time_f = field_of(time_at);
    r->time = time->num;
    r->end_mem_f = field_of(end_mib_at);
    r->end_mem = end_mib->num;
    r->end_time_f = field_of(end_time_at);
    r->end_time = end_time->num;
    if (level->is_int) {
        r->depth_f = field_of(level_at);
        r->depth = (int)level->uval;
    }
    return deliver(p);
}

int dat_blank_line(struct mf_dat_parser *p, const mf_dat_tok_line *line,
                   const mf_dat_location *at)
{
    (void)line;
    pend(p, DCHK_UNKNOWN_LINE, at->first_line, 1, 1,
         "blank line; expected CMDLINE, MEM, CHLD or FUNC (mprof refuses a file with a "
         "blank line)");
    return skip(p);
}

int dat_unknown_line(struct mf_dat_parser *p, const mf_dat_location *kind_at,
                     const mf_dat_tok_line *line)
{
    (void)line;
    size_t len;
    const char *s = token_text(p, kind_at, &len);
    unsigned char c = len ? (unsigned char)s[0] : 0;
    if (len == 1 && (c == ' ' || c == '\t' || c == '\r')) {
        char what[32];
        describe_char(p, kind_at, what, sizeof what);
        pend(p, DCHK_UNKNOWN_LINE, kind_at->first_line, kind_at->first_column,
             kind_at->last_column, "expected CMDLINE, MEM, CHLD or FUNC, found %s", what);
    } else {
        pend(p, DCHK_UNKNOWN_LINE, kind_at->first_line, kind_at->first_column,
             kind_at->last_column,
             "unknown line kind '%.*s%s'; expected CMDLINE, MEM, CHLD or FUNC", excerpt(len), s,
             len > 40 ? "..." : "");
    }
    return skip(p);
}

int dat_bad_line(struct mf_dat_parser *p, const mf_dat_tok_line *line)
{
    (void)line;
    return skip(p);
}
