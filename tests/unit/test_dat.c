/* test_dat.c -- unit tests of the mprof .dat parser, validator, fold and
 * writers: one case per feature of the format. */
#include <stdlib.h>
#include <string.h>
#include "harness.h"
#include "memfold.h"
#include "memfold_dat.h"

/* ---- collecting records and diagnostics ------------------------------------ */

typedef struct got_diag {
    char name[32];
    char message[256];
    uint64_t line;
    uint32_t column, end_column;
    int severity;
    uint64_t note_line;
    uint32_t note_column;
    char source[128];
} got_diag;

typedef struct got_record {
    mf_dat_record r;   /* pointers into text below */
    char text[256];
} got_record;

typedef struct result {
    got_record rec[64];
    size_t nrec;
    got_diag diag[32];
    size_t ndiag;
    mf_input_stats stats;
    int stop_after;    /* stop after this many records (0: never) */
    mf_dat_validator *v;
    mf_dat_fold *fold;
} result;

static void on_diag(const mf_diag *d, void *user)
{
    result *res = user;
    if (res->ndiag == sizeof res->diag / sizeof res->diag[0])
        return;
    got_diag *g = &res->diag[res->ndiag++];
    memset(g, 0, sizeof *g);
    snprintf(g->name, sizeof g->name, "%s", d->name ? d->name : "");
    snprintf(g->message, sizeof g->message, "%s", d->message);
    g->line = d->line;
    g->column = d->column;
    g->end_column = d->end_column;
    g->severity = d->severity;
    if (d->source)
        snprintf(g->source, sizeof g->source, "%.*s", (int)d->source_len, d->source);
    if (d->note) {
        g->note_line = d->note->line;
        g->note_column = d->note->column;
    }
}

static int on_record(const mf_dat_record *r, void *user)
{
    result *res = user;
    if (res->v)
        mf_dat_validate_record(res->v, r);
    if (res->fold)
        mf_dat_fold_record(res->fold, r);
    if (res->nrec < sizeof res->rec / sizeof res->rec[0]) {
        got_record *g = &res->rec[res->nrec];
        g->r = *r;
        size_t n = r->len < sizeof g->text - 1 ? r->len : sizeof g->text - 1;
        memcpy(g->text, r->text, n);
        g->text[n] = '\0';
        g->r.text = g->text;
        if (r->function)
            g->r.function = g->text + (r->function - r->text);
    }
    res->nrec++;
    return res->stop_after && res->nrec >= (size_t)res->stop_after;
}

static int parse_into(result *res, const char *text)
{
    mf_input *in = mf_input_memory(text, strlen(text));
    int rc = mf_dat_parse(in, "t.dat", on_record, on_diag, res, &res->stats, NULL);
    mf_input_close(in);
    return rc;
}

static result *parse(const char *text)
{
    result *res = calloc(1, sizeof *res);
    parse_into(res, text);
    return res;
}

/* Parse with the validator on. */
static result *validate(const char *text)
{
    result *res = calloc(1, sizeof *res);
    res->v = mf_dat_validator_new(on_diag, res);
    parse_into(res, text);
    return res;
}

/* Parse with a fold. */
static result *fold_of(const char *text)
{
    result *res = calloc(1, sizeof *res);
    res->fold = mf_dat_fold_new();
    parse_into(res, text);
    return res;
}

static void done(result *res)
{
    mf_dat_validator_free(res->v);
    mf_dat_fold_free(res->fold);
    free(res);
}

static const char *field(const got_record *g, mf_field f)
{
    static char buf[8][128];
    static int k;
    char *b = buf[k++ % 8];
    snprintf(b, 128, "%.*s", (int)f.len, g->text + f.off);
    return b;
}

static const char *dec(mf_decimal d)
{
    static char buf[8][64];
    static int k;
    char *b = buf[k++ % 8];
    mf_format_decimal(b, d);
    return b;
}

/* Everything a FILE* received, as a string (freed by the caller). */
typedef struct memout {
    char *buf;
    size_t len;
    FILE *fp;
} memout;

static FILE *mem_open(memout *m)
{
    m->buf = NULL;
    m->len = 0;
    m->fp = open_memstream(&m->buf, &m->len);
    return m->fp;
}

static char *mem_close(memout *m)
{
    fclose(m->fp);
    return m->buf;
}

/* ---- the cases ---------------------------------------------------------------- */

static void test_cmdline(void)
{
    CASE("CMDLINE: the rest of the line is the command, run 1");
    result *res = parse("CMDLINE /usr/bin/python3 prog.py --n 3\n");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    const got_record *g = &res->rec[0];
    CHECK(g->r.kind == MF_DAT_CMDLINE);
    CHECK_STR(field(g, g->r.kind_f), "CMDLINE");
    CHECK_STR(field(g, g->r.command_f), "/usr/bin/python3 prog.py --n 3");
    CHECK(g->r.command_f.off == 8);
    CHECK(g->r.run == 1 && g->r.line == 1);
    done(res);

    CASE("CMDLINE: an empty command");
    res = parse("CMDLINE \n");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    CHECK(res->rec[0].r.command_f.len == 0);
    done(res);
}

static void test_mem(void)
{
    CASE("MEM: memory and time exactly as printed");
    result *res = parse("MEM 21.539062 1732590000.1234\n");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    const got_record *g = &res->rec[0];
    CHECK(g->r.kind == MF_DAT_MEM);
    CHECK_STR(field(g, g->r.mem_f), "21.539062");
    CHECK_STR(field(g, g->r.time_f), "1732590000.1234");
    CHECK(g->r.mem.mant == 21539062 && g->r.mem.prec == 6);
    CHECK(g->r.time.mant == 17325900001234LL && g->r.time.prec == 4);
    CHECK(g->r.mem_f.off == 4 && g->r.time_f.off == 14);
    CHECK(g->r.pid == 0 && g->r.depth == -1 && g->r.function == NULL);
    done(res);

    CASE("MEM: whole numbers and a negative value parse");
    res = parse("MEM 22 1732590000\nMEM -1.5 1732590001\n");
    CHECK(res->nrec == 2 && res->ndiag == 0);
    CHECK_STR(dec(res->rec[0].r.mem), "22");
    CHECK_STR(dec(res->rec[1].r.mem), "-1.5");
    done(res);
}

static void test_chld(void)
{
    CASE("CHLD: pid, memory, time");
    result *res = parse("CHLD 5968 8.683594 1795659393.4727\n");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    const got_record *g = &res->rec[0];
    CHECK(g->r.kind == MF_DAT_CHLD);
    CHECK(g->r.pid == 5968);
    CHECK_STR(field(g, g->r.pid_f), "5968");
    CHECK_STR(dec(g->r.mem), "8.683594");
    CHECK_STR(dec(g->r.time), "1795659393.4727");
    done(res);

    CASE("CHLD: a pid that is no whole number is a dat-number error");
    res = parse("CHLD 59.68 8.683594 1795659393.4727\nMEM 1.0 2.0\n");
    CHECK(res->nrec == 1 && res->rec[0].r.kind == MF_DAT_MEM);
    CHECK(res->ndiag == 1);
    CHECK_STR(res->diag[0].name, "dat-number");
    CHECK(res->diag[0].line == 1 && res->diag[0].column == 6 && res->diag[0].end_column == 11);
    CHECK_STR(res->diag[0].message, "process id: expected a whole number, found '59.68'");
    done(res);
}

static void test_func(void)
{
    CASE("FUNC: name, start and end, stack level");
    result *res = parse(
        "FUNC __main__.inner 21.6211 1795659394.9842 26.6211 1795659395.1187 1\n");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    const got_record *g = &res->rec[0];
    CHECK(g->r.kind == MF_DAT_FUNC);
    CHECK(g->r.function && g->r.function_len == 14
          && memcmp(g->r.function, "__main__.inner", 14) == 0);
    CHECK_STR(field(g, g->r.function_f), "__main__.inner");
    CHECK_STR(dec(g->r.mem), "21.6211");
    CHECK_STR(dec(g->r.time), "1795659394.9842");
    CHECK_STR(dec(g->r.end_mem), "26.6211");
    CHECK_STR(dec(g->r.end_time), "1795659395.1187");
    CHECK(g->r.depth == 1);
    CHECK_STR(field(g, g->r.depth_f), "1");
    done(res);

    CASE("FUNC: the stack level may be missing (memory_profiler < 0.48)");
    res = parse("FUNC m.f 1.0 10.0 2.0 11.0\n");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    CHECK(res->rec[0].r.depth == -1 && res->rec[0].r.depth_f.len == 0);
    done(res);

    CASE("FUNC: a seventh field is a syntax error");
    res = parse("FUNC m.f 1.0 10.0 2.0 11.0 0 9\n");
    CHECK(res->nrec == 0 && res->ndiag == 1);
    CHECK_STR(res->diag[0].name, "dat-syntax");
    CHECK_STR(res->diag[0].message, "FUNC line: expected end of line, found extra field '9'");
    CHECK(res->diag[0].column == 30 && res->diag[0].end_column == 31);
    done(res);
}

static void test_runs(void)
{
    CASE("runs: each CMDLINE starts the next run");
    result *res = parse("CMDLINE a\nMEM 1.0 10.0\nCMDLINE b\nMEM 2.0 20.0\nCHLD 7 1.0 20.0\n"
                        "CMDLINE c\n");
    CHECK(res->nrec == 6 && res->ndiag == 0);
    CHECK(res->rec[0].r.run == 1 && res->rec[1].r.run == 1);
    CHECK(res->rec[2].r.run == 2 && res->rec[3].r.run == 2 && res->rec[4].r.run == 2);
    CHECK(res->rec[5].r.run == 3);
    done(res);

    CASE("runs: FUNC lines before the first CMDLINE belong to run 1");
    res = parse("FUNC m.f 1.0 10.0 2.0 11.0 0\nCMDLINE a\nMEM 1.0 10.0\nCMDLINE b\n");
    CHECK(res->nrec == 4);
    CHECK(res->rec[0].r.run == 1 && res->rec[1].r.run == 1 && res->rec[2].r.run == 1);
    CHECK(res->rec[3].r.run == 2);
    done(res);

    CASE("runs: samples before the first CMDLINE are run 1, the CMDLINE starts run 2");
    res = parse("MEM 1.0 10.0\nCMDLINE a\nMEM 1.0 20.0\n");
    CHECK(res->rec[0].r.run == 1 && res->rec[1].r.run == 2 && res->rec[2].r.run == 2);
    done(res);
}

static void test_crlf(void)
{
    CASE("CRLF line endings: same records, flagged");
    result *res = parse("CMDLINE python3 x.py\r\nMEM 1.5 10.0\r\nCHLD 3 2.5 10.0\r\n"
                        "FUNC m.f 1.0 10.0 2.0 11.0 0\r\n");
    CHECK(res->nrec == 4 && res->ndiag == 0);
    CHECK_STR(field(&res->rec[0], res->rec[0].r.command_f), "python3 x.py");
    CHECK(res->rec[0].r.len == 20);
    CHECK_STR(field(&res->rec[1], res->rec[1].r.time_f), "10.0");
    CHECK(res->rec[3].r.depth == 0);
    for (size_t i = 0; i < 4; i++)
        CHECK(res->rec[i].r.flags == MF_DAT_CRLF);
    done(res);
}

static void test_no_newline(void)
{
    CASE("no newline at the end: the last line still counts");
    result *res = parse("MEM 1.0 10.0\nMEM 2.0 11.0");
    CHECK(res->nrec == 2 && res->ndiag == 0);
    CHECK(res->rec[1].r.flags == MF_DAT_NO_NEWLINE);
    CHECK_STR(dec(res->rec[1].r.time), "11.0");
    CHECK(res->stats.lines == 2);
    done(res);

    CASE("no newline at the end of a CMDLINE");
    res = parse("CMDLINE python3 x.py");
    CHECK(res->nrec == 1 && res->ndiag == 0);
    CHECK_STR(field(&res->rec[0], res->rec[0].r.command_f), "python3 x.py");
    done(res);

    CASE("a line cut short at the end of input is reported");
    res = parse("MEM 1.0 10.0\nMEM 2.0");
    CHECK(res->nrec == 1 && res->ndiag == 1);
    CHECK_STR(res->diag[0].name, "dat-syntax");
    CHECK_STR(res->diag[0].message, "MEM line: expected time stamp, found end of line");
    CHECK(res->diag[0].line == 2 && res->diag[0].column == 8);
    done(res);
}

static void test_unknown(void)
{
    CASE("unknown line kind: reported, skipped, parsing goes on");
    result *res = parse("MEM 1.0 10.0\nMEMORY 1.0 11.0\nhello world\nMEM 2.0 12.0\n");
    CHECK(res->nrec == 2 && res->ndiag == 2);
    CHECK_STR(res->diag[0].name, "dat-unknown-line");
    CHECK(res->diag[0].line == 2 && res->diag[0].column == 1 && res->diag[0].end_column == 7);
    CHECK_STR(res->diag[0].message,
              "unknown line kind 'MEMORY'; expected CMDLINE, MEM, CHLD or FUNC");
    CHECK_STR(res->diag[0].source, "MEMORY 1.0 11.0");
    CHECK(res->diag[1].line == 3);
    CHECK(res->stats.skipped_lines == 2 && res->stats.blocks == 2);
    done(res);

    CASE("a line starting with a space, and a blank line");
    res = parse(" MEM 1.0 10.0\n\nMEM 2.0 12.0\n");
    CHECK(res->nrec == 1 && res->ndiag == 2);
    CHECK_STR(res->diag[0].message, "expected CMDLINE, MEM, CHLD or FUNC, found an extra space");
    CHECK_STR(res->diag[1].name, "dat-unknown-line");
    CHECK(res->diag[1].line == 2);
    done(res);
}

static void test_number(void)
{
    CASE("malformed number: dat-number at the field, the line is left out");
    result *res = parse("MEM 2x.5 1795659393.4727\nMEM 1. 10.0\nMEM 1.0 10.0\n");
    CHECK(res->nrec == 1 && res->ndiag == 2);
    CHECK_STR(res->diag[0].name, "dat-number");
    CHECK(res->diag[0].line == 1 && res->diag[0].column == 5 && res->diag[0].end_column == 9);
    CHECK_STR(res->diag[0].message, "memory in MiB: malformed number, found '2x.5'");
    CHECK_STR(res->diag[1].message, "memory in MiB: malformed number, found '1.'");
    done(res);

    CASE("a number too long to hold exactly");
    res = parse("MEM 1.0 12345678901234567890.5\nMEM 99999999999.0 1.0\n");
    CHECK(res->nrec == 0 && res->ndiag == 2);
    CHECK_STR(res->diag[0].message,
              "time stamp: too many digits to hold exactly, found '12345678901234567890.5'");
    CHECK_STR(res->diag[1].message, "memory in MiB: too large to hold exactly, found '99999999999.0'");
    done(res);

    CASE("two bad numbers in one line: both reported");
    res = parse("FUNC m.f x 10.0 2.0 y 0\n");
    CHECK(res->nrec == 0 && res->ndiag == 2);
    CHECK(res->diag[0].column == 10 && res->diag[1].column == 21);
    done(res);
}

static void test_syntax(void)
{
    CASE("syntax: a missing field, an extra space, a tab, a trailing space");
    result *res = parse("MEM 1.0\nMEM  1.0 10.0\nMEM 1.0\t10.0\nMEM 1.0 10.0 \nCHLD\n"
                        "CMDLINE\nMEM 1.0 10.0\n");
    CHECK(res->nrec == 1 && res->ndiag == 6);
    CHECK_STR(res->diag[0].message, "MEM line: expected time stamp, found end of line");
    CHECK(res->diag[0].column == 8 && res->diag[0].end_column == 8);
    CHECK_STR(res->diag[1].message, "MEM line: expected memory in MiB, found an extra space");
    CHECK(res->diag[1].column == 5);
    CHECK_STR(res->diag[2].message, "MEM line: expected time stamp, found a tab");
    CHECK(res->diag[2].column == 8);
    CHECK_STR(res->diag[3].message, "MEM line: expected end of line, found an extra space");
    CHECK(res->diag[3].column == 13);
    CHECK_STR(res->diag[4].message, "CHLD line: expected process id, found end of line");
    CHECK_STR(res->diag[5].message, "CMDLINE line: expected command line, found end of line");
    for (size_t i = 0; i < 6; i++)
        CHECK(strcmp(res->diag[i].name, "dat-syntax") == 0 && res->diag[i].line == i + 1);
    CHECK(res->stats.syntax_errors == 6 && res->stats.skipped_lines == 6);
    done(res);

    CASE("FUNC: a number where the name stands");
    res = parse("FUNC 1.0 10.0 2.0 11.0 0\n");
    CHECK(res->nrec == 0 && res->ndiag == 1);
    CHECK_STR(res->diag[0].message, "FUNC line: expected function name, found extra field '1.0'");
    done(res);
}

static void test_time_order(void)
{
    CASE("dat-time-order: a MEM sample earlier than the one before");
    result *res = validate("CMDLINE a\nMEM 1.0 10.5\nMEM 1.0 10.4\nMEM 1.0 10.4\n"
                           "CMDLINE b\nMEM 1.0 5.0\n");
    CHECK(res->nrec == 6);
    CHECK(res->ndiag == 1);
    CHECK_STR(res->diag[0].name, "dat-time-order");
    CHECK(res->diag[0].line == 3 && res->diag[0].column == 9 && res->diag[0].end_column == 13);
    CHECK_STR(res->diag[0].message,
              "time goes backwards: 10.4 is before 10.5 of the previous MEM sample of this run");
    CHECK(res->diag[0].note_line == 2 && res->diag[0].note_column == 9);
    CHECK(mf_dat_validator_errors(res->v) == 1);
    done(res);

    CASE("dat-time-order: per child; children interleave freely");
    res = validate("MEM 1.0 10.0\nCHLD 1 1.0 10.1\nCHLD 2 1.0 10.0\nMEM 1.0 11.0\n"
                   "CHLD 1 1.0 11.1\nCHLD 2 1.0 9.0\n"
                   /* a new run: child 1 starts again, earlier than in run 1 */
                   "CMDLINE b\nCHLD 1 1.0 5.0\n");
    CHECK(res->nrec == 8);
    CHECK(res->ndiag == 1);
    CHECK(res->diag[0].line == 6 && res->diag[0].note_line == 3);
    done(res);

    CASE("dat-time-order can be turned off");
    res = calloc(1, sizeof *res);
    res->v = mf_dat_validator_new(on_diag, res);
    CHECK(mf_dat_validator_set(res->v, "dat-time-order", MF_LEVEL_OFF) == 0);
    CHECK(mf_dat_validator_set(res->v, "dat-syntax", MF_LEVEL_OFF) == MF_ERR_ARG);
    CHECK(mf_dat_validator_set(res->v, "no-such-check", MF_LEVEL_OFF) == MF_ERR_ARG);
    parse_into(res, "MEM 1.0 10.5\nMEM 1.0 10.4\n");
    CHECK(res->ndiag == 0);
    done(res);
}

static void test_func_interval(void)
{
    CASE("dat-func-interval: a call that ends before it starts");
    result *res = validate("FUNC m.f 1.0 10.5 2.0 10.25 0\nFUNC m.f 1.0 10.5 2.0 10.5 0\n");
    CHECK(res->ndiag == 1);
    CHECK_STR(res->diag[0].name, "dat-func-interval");
    CHECK(res->diag[0].line == 1 && res->diag[0].column == 23 && res->diag[0].end_column == 28);
    CHECK(res->diag[0].note_line == 1 && res->diag[0].note_column == 14);
    CHECK_STR(res->diag[0].message,
              "call of m.f ends before it starts: end time 10.25 is before start time 10.5");
    done(res);
}

static void test_negative(void)
{
    CASE("dat-negative: negative memory in MEM, CHLD and FUNC");
    result *res = validate("MEM -1.0 10.0\nCHLD 4 -0.5 10.0\nFUNC m.f 1.0 10.0 -2.0 11.0 0\n"
                           "FUNC m.f -3.0 12.0 1.0 13.0 0\n");
    CHECK(res->nrec == 4 && res->ndiag == 4);
    CHECK_STR(res->diag[0].name, "dat-negative");
    CHECK(res->diag[0].column == 5 && res->diag[0].end_column == 9);
    CHECK_STR(res->diag[0].message, "negative memory: -1.0 MiB");
    CHECK(res->diag[1].column == 8);
    CHECK_STR(res->diag[2].message, "negative end memory: -2.0 MiB");
    CHECK(res->diag[2].column == 19);
    CHECK_STR(res->diag[3].message, "negative start memory: -3.0 MiB");
    CHECK(res->diag[3].line == 4 && res->diag[3].column == 10 && res->diag[3].end_column == 14);
    done(res);
}

/* A run of six samples, one second apart, and three calls:
 *   f [11, 13]: samples 20, 30, 40 inside; start 19, end 41
 *   f [15.5, 15.7]: no sample inside: its start 25 and end 26 stand in
 *   g [10, 15], level 1: samples 10..50
 * and a child. */
static const char FOLD_INPUT[] =
    "CMDLINE python3 prog.py\n"
    "MEM 10.000000 10.0000\n"
    "MEM 20.000000 11.0000\n"
    "MEM 30.000000 12.0000\n"
    "MEM 40.000000 13.0000\n"
    "CHLD 77 5.500000 13.0000\n"
    "MEM 50.000000 14.0000\n"
    "CHLD 77 7.250000 14.0000\n"
    "MEM 15.500000 15.0000\n"
    "FUNC __main__.f 19.0000 11.0000 41.0000 13.0000 0\n"
    "FUNC __main__.f 25.0000 15.5000 26.0000 15.7000 0\n"
    "FUNC __main__.g 9.0000 10.0000 50.0000 15.0000 1\n";

static void test_fold(void)
{
    CASE("fold: functions, computed by hand");
    result *res = calloc(1, sizeof *res);
    res->fold = mf_dat_fold_new();
    parse_into(res, FOLD_INPUT);
    CHECK(res->ndiag == 0);
    const mf_dat_func_stats *fs;
    size_t nf = mf_dat_fold_functions(res->fold, &fs);
    char buf[64];
    CHECK(nf == 2);
    CHECK_STR(fs[0].function, "__main__.f");
    CHECK(fs[0].calls == 2 && fs[0].samples == 3 && fs[0].depth == 0);
    /* durations 2.0 + 0.2 */
    CHECK(fs[0].total_duration == 2200000000LL && fs[0].mean_duration == 1100000000LL);
    /* peak: the end value 41 is above every sample inside */
    CHECK_STR(dec(fs[0].peak), "41.0000");
    /* mean: (20 + 30 + 40 + 25 + 26) / 5 = 28.2 */
    CHECK(fs[0].mean == 28200000000LL);
    mf_format_derived(buf, fs[0].mean, fs[0].mem_prec);
    CHECK_STR(buf, "28.200000");
    CHECK_STR(fs[1].function, "__main__.g");
    CHECK(fs[1].calls == 1 && fs[1].samples == 6 && fs[1].depth == 1);
    /* the end value 50.0000 equals the sample 50.000000 and came first */
    CHECK_STR(dec(fs[1].peak), "50.0000");
    /* (10 + 20 + 30 + 40 + 50 + 15.5) / 6 = 27.58333... */
    CHECK(fs[1].mean == 27583333333LL);
    /* rise: f's first call 41 - 19 (its second 26 - 25); g's 50 - 9 */
    CHECK(fs[0].has_rise && fs[0].rise == 22000000000LL);
    CHECK(fs[1].has_rise && fs[1].rise == 41000000000LL);
    /* the sums behind the means: 141 over 5, 165.5 over 6 */
    CHECK(fs[0].mean_count == 5 && fs[1].mean_count == 6);
    {
        /* the depth is the largest stack level of the calls, whichever came last */
        result *d = fold_of("FUNC m.h 1.0 1.0 1.0 2.0 2\nFUNC m.h 1.0 3.0 1.0 4.0 0\n"
                            "FUNC m.k 1.0 1.0 1.0 2.0\n");
        const mf_dat_func_stats *ds;
        CHECK(mf_dat_fold_functions(d->fold, &ds) == 2);
        CHECK_STR(ds[0].function, "m.h");
        CHECK(ds[0].calls == 2 && ds[0].depth == 2);
        CHECK_STR(ds[1].function, "m.k");
        CHECK(ds[1].depth == -1);
        done(d);
    }

    CASE("fold: runs, children and the peak");
    const mf_dat_run_stats *rs;
    CHECK(mf_dat_fold_runs(res->fold, &rs) == 1);
    CHECK(rs[0].run == 1 && rs[0].samples == 6);
    CHECK_STR(rs[0].command, "python3 prog.py");
    CHECK_STR(rs[0].source, "t.dat");
    CHECK(rs[0].last_time - rs[0].first_time == 5000000000LL);
    CHECK_STR(dec(rs[0].peak), "50.000000");
    const mf_dat_child_stats *cs;
    CHECK(mf_dat_fold_children(res->fold, &cs) == 1);
    CHECK(cs[0].pid == 77 && cs[0].samples == 2);
    CHECK_STR(dec(cs[0].peak), "7.250000");
    {
        /* a child's peak is its largest sample, neither its first nor its last */
        result *c = fold_of("CHLD 5 1.0 1.0\nCHLD 6 0.5 1.5\nCHLD 5 3.0 2.0\nCHLD 5 2.0 3.0\n");
        const mf_dat_child_stats *cc;
        CHECK(mf_dat_fold_children(c->fold, &cc) == 2);
        CHECK(cc[0].pid == 5 && cc[0].samples == 3);
        CHECK_STR(dec(cc[0].peak), "3.0");
        CHECK(cc[1].pid == 6 && cc[1].samples == 1);
        CHECK_STR(dec(cc[1].peak), "0.5");
        done(c);
    }
    mf_decimal peak;
    CHECK(mf_dat_fold_peak(res->fold, &peak) == 6);
    CHECK_STR(dec(peak), "50.000000");

    CASE("fold: JSON summary");
    memout m;
    mf_dat_emit_summary(mem_open(&m), MF_FMT_JSON, res->fold);
    char *json = mem_close(&m);
    CHECK_STR(json,
        "{\n  \"memfold\": 1,\n  \"kind\": \"mprof\",\n  \"functions\": [\n"
        "    {\"function\": \"__main__.f\", \"calls\": 2, \"samples\": 3, "
        "\"total_duration_s\": 2.2000, \"mean_duration_s\": 1.1000, \"peak_mib\": 41.0000, "
        "\"mean_mib\": 28.200000, \"rise_mib\": 22.000000, \"depth\": 0, "
        "\"sums\": {\"scale\": 1000000, \"mem\": 141000000, \"mem_count\": 5}},\n"
        "    {\"function\": \"__main__.g\", \"calls\": 1, \"samples\": 6, "
        "\"total_duration_s\": 5.0000, \"mean_duration_s\": 5.0000, \"peak_mib\": 50.0000, "
        "\"mean_mib\": 27.58333333, \"rise_mib\": 41.000000, \"depth\": 1, "
        "\"sums\": {\"scale\": 1000000, \"mem\": 165500000, \"mem_count\": 6}}\n  ],\n"
        "  \"runs\": [\n    {\"source\": \"t.dat\", \"run\": 1, \"command\": \"python3 prog.py\", "
        "\"samples\": 6, \"duration_s\": 5.0000, \"peak_mib\": 50.000000}\n  ],\n"
        "  \"children\": [\n    {\"source\": \"t.dat\", \"pid\": 77, \"samples\": 2, "
        "\"peak_mib\": 7.250000, \"mprof_peak_mib\": 7.250}\n  ],\n"
        "  \"samples\": 6,\n  \"peak_mib\": 50.000000,\n  \"mprof_peak_mib\": 50.000\n}\n");
    free(json);

    CASE("fold: CSV summary has one column count");
    mf_dat_emit_summary(mem_open(&m), MF_FMT_CSV, res->fold);
    char *csv = mem_close(&m);
    int lines = 0, ok = 1;
    for (char *line = csv; *line;) {
        char *end = strchr(line, '\n');
        int commas = 0;
        for (char *c = line; c < end; c++)
            commas += *c == ',';
        ok &= commas == 14;
        lines++;
        line = end + 1;
    }
    CHECK(ok && lines == 6);
    CHECK(strncmp(csv, "record,source,run,pid,function,", 31) == 0);
    free(csv);
    done(res);
}

static void test_fold_owner_run(void)
{
    CASE("fold: FUNC lines written before their run's CMDLINE find its samples");
    result *res = calloc(1, sizeof *res);
    res->fold = mf_dat_fold_new();
    parse_into(res, "CMDLINE a\nMEM 1.0 10.0\nMEM 2.0 11.0\n"
                    "FUNC m.f 5.0 20.0 5.0 22.0 0\n"
                    "CMDLINE b\nMEM 1.0 19.5\nMEM 9.0 21.0\nMEM 1.0 23.0\n");
    const mf_dat_func_stats *fs;
    CHECK(mf_dat_fold_functions(res->fold, &fs) == 1);
    CHECK(fs[0].samples == 1);
    CHECK_STR(dec(fs[0].peak), "9.0");
    const mf_dat_run_stats *rs;
    CHECK(mf_dat_fold_runs(res->fold, &rs) == 2);
    CHECK(res->rec[3].r.run == 1 && rs[1].samples == 3);
    done(res);
}

static void test_mprof_format(void)
{
    CASE("mprof's '{:.3f}': the double's value rounds, ties to even");
    static const struct { const char *in, *out; } T[] = {
        { "41.625000", "41.625" }, { "101.632812", "101.633" }, { "0.0625", "0.062" },
        { "1.0625", "1.062" }, { "2.0005", "2.001" }, { "2.0015", "2.002" },
        { "0.0005", "0.001" }, { "7", "7.000" }, { "-1.2345", "-1.234" },
        { "-0.0001", "-0.000" }, { "59.585938", "59.586" },
    };
    char buf[64];
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        mf_decimal d;
        mf_decimal_parse(T[i].in, strlen(T[i].in), &d);
        mf_dat_format_mprof(buf, d);
        CHECK_STR(buf, T[i].out);
    }
}

static void test_lines(void)
{
    CASE("lines: CSV rows, two per FUNC, none for CMDLINE, in time order (ties in file order)");
    memout m;
    mf_dat_lines_writer *w = mf_dat_lines_begin(mem_open(&m), MF_FMT_CSV);
    result *res = parse("CMDLINE p\nMEM 1.500000 10.0000\nCHLD 7 2.000000 10.0001\n"
                        "FUNC m.f,g 1.0000 10.0000 2.0000 10.5000 0\n");
    for (size_t i = 0; i < res->nrec; i++)
        mf_dat_lines_record(w, "a.dat", &res->rec[i].r);
    CHECK(mf_dat_lines_end(w) == 0);
    char *csv = mem_close(&m);
    CHECK_STR(csv, "source,run,time,mem_mib,pid,event\n"
                   "a.dat,1,10.0000,1.500000,,MEM\n"
                   "a.dat,1,10.0000,1.0000,,\"FUNC m.f,g start\"\n"
                   "a.dat,1,10.0001,2.000000,7,CHLD\n"
                   "a.dat,1,10.5000,2.0000,,\"FUNC m.f,g end\"\n");
    free(csv);

    CASE("lines: JSON array and NDJSON");
    w = mf_dat_lines_begin(mem_open(&m), MF_FMT_JSON);
    mf_dat_lines_record(w, "a.dat", &res->rec[1].r);
    mf_dat_lines_record(w, "a.dat", &res->rec[2].r);
    mf_dat_lines_end(w);
    char *json = mem_close(&m);
    CHECK_STR(json, "[\n{\"source\": \"a.dat\", \"run\": 1, \"time\": 10.0000, \"mem_mib\": 1.500000, "
                    "\"pid\": null, \"event\": \"MEM\"},\n"
                    "{\"source\": \"a.dat\", \"run\": 1, \"time\": 10.0001, \"mem_mib\": 2.000000, "
                    "\"pid\": 7, \"event\": \"CHLD\"}\n]\n");
    free(json);
    w = mf_dat_lines_begin(mem_open(&m), MF_FMT_NDJSON);
    mf_dat_lines_record(w, "a.dat", &res->rec[3].r);
    mf_dat_lines_end(w);
    json = mem_close(&m);
    CHECK_STR(json, "{\"source\": \"a.dat\", \"run\": 1, \"time\": 10.0000, \"mem_mib\": 1.0000, "
                    "\"pid\": null, \"event\": \"FUNC m.f,g start\"}\n"
                    "{\"source\": \"a.dat\", \"run\": 1, \"time\": 10.5000, \"mem_mib\": 2.0000, "
                    "\"pid\": null, \"event\": \"FUNC m.f,g end\"}\n");
    free(json);
    done(res);

    CASE("lines: JSON keeps numbers valid (no leading zeros)");
    w = mf_dat_lines_begin(mem_open(&m), MF_FMT_NDJSON);
    res = parse("MEM 007.50 010\n");
    mf_dat_lines_record(w, "a.dat", &res->rec[0].r);
    mf_dat_lines_end(w);
    json = mem_close(&m);
    CHECK_STR(json, "{\"source\": \"a.dat\", \"run\": 1, \"time\": 10, \"mem_mib\": 7.50, "
                    "\"pid\": null, \"event\": \"MEM\"}\n");
    free(json);
    done(res);
}

static void test_detect(void)
{
    CASE("detect: the first non-blank line names a .dat kind");
    CHECK(mf_dat_detect("CMDLINE python3 x.py\n", 21) == 1);
    CHECK(mf_dat_detect("MEM 1.0 2.0\n", 12) == 1);
    CHECK(mf_dat_detect("\n  \r\nCHLD 1 2 3\n", 16) == 1);
    CHECK(mf_dat_detect("FUNC m.f 1 2 3 4\n", 17) == 1);
    CHECK(mf_dat_detect("Filename: /x.py\n", 16) == 0);
    CHECK(mf_dat_detect("MEMORY 1\n", 9) == 0);
    CHECK(mf_dat_detect("MEM", 3) == 0);
    CHECK(mf_dat_detect("", 0) == 0);
    CHECK(mf_dat_detect("\n\n", 2) == 0);
}

static void test_stop_and_stats(void)
{
    CASE("the record callback can stop the parse");
    result *res = calloc(1, sizeof *res);
    res->stop_after = 2;
    parse_into(res, "MEM 1.0 1.0\nMEM 1.0 2.0\nMEM 1.0 3.0\n");
    CHECK(res->nrec == 2);
    done(res);

    CASE("statistics of an input");
    static const char STATS_INPUT[] =
        "CMDLINE x\nMEM 1.0 1.0\nCHLD 1 1.0 1.0\nFUNC m.f 1 1 1 1 0\nbad\n";
    res = parse(STATS_INPUT);
    CHECK(res->stats.lines == 5 && res->stats.blocks == 4 && res->stats.rows == 2);
    CHECK(res->stats.skipped_lines == 1 && res->stats.syntax_errors == 1);
    CHECK(res->stats.bytes == strlen(STATS_INPUT));
    done(res);

    CASE("checks: six, parser ones not configurable");
    size_t n;
    const mf_check_info *c = mf_dat_checks(&n);
    CHECK(n == 6);
    CHECK_STR(c[0].name, "dat-syntax");
    CHECK(!c[0].configurable && !c[1].configurable && !c[2].configurable);
    CHECK_STR(c[3].name, "dat-time-order");
    CHECK(c[3].configurable && c[4].configurable && c[5].configurable);
}

/* A caller of the library may add records before it names a run: they
   are a run of their own, drawn beside the named one. */
static void test_timeline_unnamed_first(void)
{
    CASE("timeline: records before the first named run are a run of their own ('run 1')");
    result *res = parse("MEM 10.0 100.0\nMEM 20.0 101.0\n");
    mf_timeline *t = mf_timeline_new();
    CHECK(t != NULL && res->nrec == 2);
    for (size_t i = 0; t && i < res->nrec; i++)
        CHECK(mf_timeline_add(t, &res->rec[i].r) == MF_OK);
    CHECK(t && mf_timeline_next_run(t, "second.dat") == MF_OK);
    for (size_t i = 0; t && i < res->nrec; i++)
        CHECK(mf_timeline_add(t, &res->rec[i].r) == MF_OK);
    memout m;
    FILE *f = mem_open(&m);
    mf_plot_opts o = { 0, NULL, 0 };
    CHECK(t && mf_plot_timeline_of(f, t, &o) == MF_OK);
    char *svg = mem_close(&m);
    CHECK(svg && strstr(svg, "run 1") != NULL);
    CHECK(svg && strstr(svg, "second.dat") != NULL);
    free(svg);
    mf_timeline_free(t);
    done(res);
}

int main(void)
{
    test_cmdline();
    test_mem();
    test_chld();
    test_func();
    test_runs();
    test_crlf();
    test_no_newline();
    test_unknown();
    test_number();
    test_syntax();
    test_time_order();
    test_func_interval();
    test_negative();
    test_fold();
    test_fold_owner_run();
    test_mprof_format();
    test_lines();
    test_detect();
    test_stop_and_stats();
    test_timeline_unnamed_first();
    return DONE();
}
