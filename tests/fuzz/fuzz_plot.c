/* fuzz_plot.c -- libFuzzer harness over the commands as the CLI runs them
 * (the cmd_*.c code, not only the library): a report or an mprof .dat
 * file through every picture of `memfold plot` (per function; --function
 * NAME for the names the input holds; the .dat timeline) and through
 * the reading commands (`summary` and `lines` in a format, `fmt`, `check`
 * with a diagnostics format: which format depends on the input's size).
 * Anything that crashes, leaks, reads out of bounds or hangs is a bug; so
 * is output that could drive a terminal (a control character in a text
 * table or a text diagnostic), JSON that does not parse, or an SVG with a
 * character XML forbids (fuzz_check_output). */
#include <stdint.h>
#include "fuzz_cli.h"
#include "memfold.h"
#include "memfold_dat.h"

enum { MAX_NAMES = 2 };

typedef struct names {
    char *v[MAX_NAMES];
    size_t n;
} names;

/* The first distinct function names of the blocks (NUL-free ones: a
   name given on the command line cannot hold a NUL). */
static int on_block(const mf_block *b, void *user)
{
    names *ns = user;
    if (!b->function || ns->n == MAX_NAMES || memchr(b->function, 0, b->function_len))
        return 0;
    for (size_t i = 0; i < ns->n; i++)
        if (strlen(ns->v[i]) == b->function_len && memcmp(ns->v[i], b->function, b->function_len) == 0)
            return 0;
    ns->v[ns->n] = strndup(b->function, b->function_len);
    if (ns->v[ns->n])
        ns->n++;
    return 0;
}

static void no_diag(const mf_diag *d, void *user)
{
    (void)d;
    (void)user;
}

static void find_names(const uint8_t *data, size_t size, names *ns)
{
    mf_parser *p = mf_parser_new(on_block, no_diag, ns);
    mf_parse_buffer(p, (const char *)data, size, "fuzz.log", NULL, NULL);
    mf_parser_free(p);
}

static void plot(char **inputs, const names *ns, int is_dat)
{
    options o = fuzz_options(CMD_PLOT, inputs, 1);
    o.quiet = 1;
    o.output = fuzz_output();
    cmd_plot(&o);
    fuzz_check_output(FUZZ_OUT_SVG);
    for (size_t i = 0; !is_dat && i < ns->n; i++) {
        o.plot_function = ns->v[i];
        o.plot_width = i ? 320 : 0;
        o.output = fuzz_output();
        cmd_plot(&o);
        fuzz_check_output(FUZZ_OUT_SVG);
    }
}

/* Run a reading command into fuzz_output() and check what it wrote:
   text, JSON and NDJSON (CSV is exact bytes: nothing to check). */
static void run_read(options *o)
{
    static const int kind[] = { FUZZ_OUT_TEXT, -1, FUZZ_OUT_JSON, FUZZ_OUT_NDJSON };
    o->output = fuzz_output();
    cmd_read(o);
    if (kind[o->format] >= 0)
        fuzz_check_output(kind[o->format]);
}

/* The reading commands: summary and lines in a format, fmt, check with a
   diagnostics format.  Which formats depends on the input's size, so that
   each input costs four commands, not eleven, and the fuzzer's mutations
   (which change sizes all the time) reach every format. */
static void emit(char **inputs, size_t size)
{
    options o = fuzz_options(CMD_SUMMARY, inputs, 1);
    o.quiet = 1;
    o.format = (int)(size % 4);
    o.sort = (int)(size / 4 % 5);
    run_read(&o);
    o.command = CMD_LINES;
    o.format = (int)((size + 1) % 4);
    o.all_rows = (int)(size / 4 % 2);
    run_read(&o);
    o = fuzz_options(CMD_FMT, inputs, 1);
    o.quiet = 1;
    cmd_read(&o);   /* fmt gives the blocks back byte for byte: not checked */
    o = fuzz_options(CMD_CHECK, inputs, 1);
    o.output = fuzz_output();   /* check -o: the diagnostics */
    o.diag_format = (int)(size % 3);
    o.strict = size % 2;
    cmd_read(&o);
    fuzz_check_output(o.diag_format == MF_DIAG_TEXT ? FUZZ_OUT_TEXT : FUZZ_OUT_JSON);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_quiet_stdout();
    char *inputs[1] = { (char *)fuzz_file(0, data, size) };
    int is_dat = mf_dat_detect((const char *)data, size);
    names ns = { { NULL }, 0 };
    if (!is_dat)
        find_names(data, size, &ns);
    plot(inputs, &ns, is_dat);
    emit(inputs, size);
    for (size_t i = 0; i < ns.n; i++)
        free(ns.v[i]);
    return 0;
}
