/* main.c -- the memfold command: parse the options, then run the passes
 * of libmemfold over every input as one stream of blocks.
 *
 *   memfold summary [options] [FILE...]   per-function aggregates
 *   memfold lines   [options] [FILE...]   one record per measured row
 *   memfold check   [options] [FILE...]   diagnostics only
 *   memfold fmt     [options] [FILE...]   the blocks, as memory_profiler prints them
 *   memfold diff    [options] OLD NEW     compare two profiles; gate on growth
 *   memfold merge   [options] JSON...     add up summaries of parts of a log
 *   memfold plot    [options] [FILE...]   an SVG picture
 *
 * Exit status: 0 all good, 1 the input had errors, 2 usage or I/O error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli.h"
#include "memfold.h"
#include "memfold_dat.h"
#include "output.h"
#include "progress.h"

/* ---- help ------------------------------------------------------------------ */

static const char USAGE[] =
    "usage: memfold COMMAND [OPTIONS] [FILE...]\n"
    "\n"
    "Read memory_profiler reports (FILE, or standard input when none or '-')\n"
    "and check, convert or sum them up.\n"
    "\n"
    "commands:\n"
    "  summary   per-function aggregates (peak, mean, calls, ...)\n"
    "  lines     one record per measured row, numbers exactly as printed\n"
    "  check     is the input exactly what memory_profiler prints?\n"
    "  fmt       print the report blocks as memory_profiler prints them\n"
    "  diff      compare two profiles function by function; fail on growth\n"
    "  merge     add up `summary -f json` files of parts of a log, exactly\n"
    "  plot      draw an SVG picture of reports or of an mprof .dat file\n"
    "\n"
    "Run 'memfold COMMAND --help' for a command's options.\n"
    "Exit status: 0 all good, 1 the input had errors, 2 usage or I/O error.\n";

static const char COMMON_HELP[] =
    "  -o, --output FILE       write to FILE (whole or not at all) instead of stdout\n"
    "      --strict            make every warning an error; write nothing if any\n"
    "      --pure              warn about text outside the report blocks\n"
    "      --prefix REGEX      strip this logging prefix from each line (an extended\n"
    "                          regular expression; '' strips none; by default the\n"
    "                          prefix of the line carrying Filename: is learnt)\n"
    "      --lenient           accept hand-made or reformatted reports: layout\n"
    "                          checks and a missing closing blank line warn only\n"
    "  -W NAME, -Wno-NAME      turn check NAME into a warning, or off\n"
    "  -Werror=NAME, -Werror   make check NAME (or every warning) an error\n"
    "      --diagnostics-format=text|json|sarif\n"
    "                          how diagnostics are printed (default text)\n"
    "      --color=auto|always|never\n"
    "                          colour diagnostics (auto: stderr is a terminal\n"
    "                          and NO_COLOR is not set)\n"
    "      --max-errors N      print at most N errors (default 50; 0: all)\n"
    "  -q, --quiet             print no diagnostics, only the exit status says\n"
    "  -h, --help              this help\n"
    "      --version           print the version\n";

static void help(int command)
{
    static const char *const head[] = {
        "usage: memfold summary [OPTIONS] [FILE...]\n"
        "Aggregate every block into one record per function (file, function, line).\n\n"
        "  -f, --format FMT        text (default), csv, json or ndjson\n"
        "      --sort KEY          first (default: order of first appearance), peak,\n"
        "                          mean, calls or name\n",
        "usage: memfold lines [OPTIONS] [FILE...]\n"
        "One record per measured row: source, block, file, function, line, mem_mib,\n"
        "increment_mib, occurrences, contents.\n\n"
        "  -f, --format FMT        text (default), csv, json or ndjson\n"
        "      --all-rows          also rows of lines that were not run\n",
        "usage: memfold check [OPTIONS] [FILE...]\n"
        "Report every place where the input is not what memory_profiler prints.\n"
        "With -o, the diagnostics go to FILE.\n\n"
        "      --list-checks       list the checks, their levels and what they find\n",
        "usage: memfold fmt [OPTIONS] [FILE...]\n"
        "Print every report block as memory_profiler prints it, from the parsed\n"
        "blocks alone: text between blocks is dropped; columns, padding, line\n"
        "endings, logging prefixes and closing blank lines are put right.\n"
        "Blocks that cannot be parsed are reported and left out.\n\n",
        "usage: memfold diff [OPTIONS] OLD NEW\n"
        "Compare two profiles function by function.  OLD and NEW are reports or\n"
        "`memfold summary -f json` files.  Exit 1 when a function crosses the gate.\n\n"
        "  -f, --format FMT        text (default), csv or json\n"
        "      --max-increase N%   fail a function whose metric grew by more than N%\n"
        "      --max-increase NMiB fail a function whose metric grew by more than N MiB\n"
        "                          (both given: fail only when over both)\n"
        "      --metric M          peak (default), mean or net\n"
        "      --match name        match functions by name alone (default: file and name)\n"
        "      --strip-prefix PATH remove PATH from the start of file paths (repeat it for\n"
        "                          each machine's path: /home/a/proj, /builds/proj)\n"
        "      --fail-on-new       fail when NEW has a function OLD does not\n"
        "      --fail-on-removed   fail when OLD has a function NEW does not\n",
        "usage: memfold merge [OPTIONS] SUMMARY.json...\n"
        "Add up `memfold summary -f json` files of parts of a log (split over CI jobs\n"
        "or machines) into the summary of the whole: counts and sums add exactly,\n"
        "means are recomputed from the sums.\n\n"
        "  -f, --format FMT        json (default), text, csv or ndjson\n"
        "      --sort KEY          first (default), peak, mean, calls or name\n",
        "usage: memfold plot [OPTIONS] [FILE...]\n"
        "Draw an SVG picture.  Reports: one bar per function (peak, with mean and\n"
        "entry marked), sorted by peak.  An mprof .dat file: memory over time for\n"
        "the main process and each child, profiled calls as spans, the peak marked.\n\n"
        "      --function NAME     reports: NAME's memory by source line (its call\n"
        "                          with the highest peak)\n"
        "      --width PIXELS      width of the picture (default 800)\n"
        "      --title TEXT        title of the picture\n",
    };
    fputs(head[command], stdout);
    fputs(COMMON_HELP, stdout);
}

static void list_checks(void)
{
    static const char *const level[] = { "off", "warning", "error" };
    const mf_check_info *lists[2];
    size_t n[2];
    lists[0] = mf_checks(&n[0]);
    lists[1] = mf_dat_checks(&n[1]);
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < n[l]; i++)
            printf("%-20s %-8s %s\n", lists[l][i].name, level[lists[l][i].level],
                   lists[l][i].summary);
}

static int usage_error(const char *fmt, const char *arg)
{
    fputs("memfold: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'memfold --help'.\n", stderr);
    return EXIT_USAGE;
}

/* ---- options ----------------------------------------------------------------- */

static int pick(const char *arg, const char *const *names, int n)
{
    for (int i = 0; i < n; i++)
        if (strcmp(arg, names[i]) == 0)
            return i;
    return -1;
}

static int parse_w(options *o, const char *arg)
{
    const char *name = arg;
    int level = MF_LEVEL_WARNING;
    if (strcmp(arg, "error") == 0) {
        o->strict = 1;
        return 0;
    }
    if (strncmp(arg, "no-", 3) == 0) {
        name = arg + 3;
        level = MF_LEVEL_OFF;
    } else if (strncmp(arg, "error=", 6) == 0) {
        name = arg + 6;
        level = MF_LEVEL_ERROR;
    }
    o->w = realloc(o->w, (o->nw + 1) * sizeof *o->w);
    if (!o->w)
        return -1;
    o->w[o->nw].name = name;
    o->w[o->nw].level = level;
    o->nw++;
    return 0;
}

enum { OPT_SORT = 256, OPT_ALL_ROWS, OPT_STRICT, OPT_PURE, OPT_LENIENT, OPT_PREFIX,
       OPT_MAX_INCREASE, OPT_METRIC, OPT_MATCH, OPT_STRIP_PREFIX, OPT_FAIL_NEW, OPT_FAIL_REMOVED,
       OPT_FUNCTION, OPT_WIDTH, OPT_TITLE, OPT_COLOR, OPT_DIAG_FORMAT,
       OPT_MAX_ERRORS, OPT_VERSION, OPT_LIST_CHECKS };

static const struct option LONG_OPTIONS[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "sort", required_argument, NULL, OPT_SORT },
    { "all-rows", no_argument, NULL, OPT_ALL_ROWS },
    { "strict", no_argument, NULL, OPT_STRICT },
    { "pure", no_argument, NULL, OPT_PURE },
    { "lenient", no_argument, NULL, OPT_LENIENT },
    { "prefix", required_argument, NULL, OPT_PREFIX },
    { "max-increase", required_argument, NULL, OPT_MAX_INCREASE },
    { "metric", required_argument, NULL, OPT_METRIC },
    { "match", required_argument, NULL, OPT_MATCH },
    { "strip-prefix", required_argument, NULL, OPT_STRIP_PREFIX },
    { "fail-on-new", no_argument, NULL, OPT_FAIL_NEW },
    { "fail-on-removed", no_argument, NULL, OPT_FAIL_REMOVED },
    { "function", required_argument, NULL, OPT_FUNCTION },
    { "width", required_argument, NULL, OPT_WIDTH },
    { "title", required_argument, NULL, OPT_TITLE },
    { "color", required_argument, NULL, OPT_COLOR },
    { "diagnostics-format", required_argument, NULL, OPT_DIAG_FORMAT },
    { "max-errors", required_argument, NULL, OPT_MAX_ERRORS },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, OPT_VERSION },
    { "list-checks", no_argument, NULL, OPT_LIST_CHECKS },
    { NULL, 0, NULL, 0 },
};

static int resolve_color(const char *when)
{
    static const char *const names[] = { "never", "always", "auto" };
    int c = pick(when, names, 3);
    if (c == 2) {
        const char *no = getenv("NO_COLOR");
        c = isatty(STDERR_FILENO) && !(no && *no);
    }
    return c;
}

/* "10%", "2.5%", "5MiB", "0.5 MiB": a limit of memfold diff. */
static int parse_limit(mf_diff_opts *d, const char *arg)
{
    mf_decimal v;
    size_t n = strspn(arg, "0123456789.");
    const char *unit = arg + n;
    while (*unit == ' ')
        unit++;
    if (n == 0 || mf_decimal_parse(arg, n, &v) != MF_NUM_OK || v.prec > 6)
        return -1;
    if (strcmp(unit, "%") == 0) {
        int64_t ppm = v.mant;
        for (int i = v.prec; i < 6; i++)
            ppm *= 10;
        d->has_rel = 1;
        d->max_rel_ppm = ppm;
    } else if (strcmp(unit, "MiB") == 0) {
        d->has_abs = 1;
        d->max_abs = mf_decimal_scaled(v);
    } else {
        return -1;
    }
    return 0;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(options *o, int argc, char **argv)
{
    static const char *const formats[] = { "text", "csv", "json", "ndjson" };
    static const char *const sorts[] = { "first", "peak", "mean", "calls", "name" };
    static const char *const dformats[] = { "text", "json", "sarif" };
    const char *color = "auto";
    int c;
    o->max_errors = 50;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:W:qh", LONG_OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((o->format = pick(optarg, formats, 4)) < 0 || o->command == CMD_CHECK || o->command == CMD_FMT)
                return usage_error("unknown output format '%s'", optarg);
            break;
        case 'o': o->output = optarg; break;
        case OPT_SORT:
            if ((o->sort = pick(optarg, sorts, 5)) < 0 ||
                (o->command != CMD_SUMMARY && o->command != CMD_MERGE))
                return usage_error("cannot sort by '%s'", optarg);
            break;
        case OPT_ALL_ROWS:
            if (o->command != CMD_LINES)
                return usage_error("%s goes with 'lines'", "--all-rows");
            o->all_rows = 1;
            break;
        case OPT_STRICT: o->strict = 1; break;
        case OPT_PURE: o->pure = 1; break;
        case OPT_LENIENT: o->lenient = 1; break;
        case OPT_PREFIX: o->prefix = optarg; break;
        case OPT_MAX_INCREASE:
            if (o->command != CMD_DIFF || parse_limit(&o->diff, optarg) != 0)
                return usage_error("--max-increase takes N%% or N MiB, not '%s'", optarg);
            break;
        case OPT_METRIC:
            if (o->command != CMD_DIFF ||
                (o->diff.metric = pick(optarg, (const char *const[]){ "peak", "mean", "net" }, 3)) < 0)
                return usage_error("--metric takes peak, mean or net, not '%s'", optarg);
            break;
        case OPT_MATCH: {
            int m = pick(optarg, (const char *const[]){ "file", "name" }, 2);
            if (o->command != CMD_DIFF || m < 0)
                return usage_error("--match takes file or name, not '%s'", optarg);
            o->diff.match_name = m;
            break;
        }
        case OPT_STRIP_PREFIX: {
            int i = 0;
            while (i < 8 && o->diff.strip_prefix[i])
                i++;
            if (i == 8)
                return usage_error("%s", "at most 8 --strip-prefix");
            o->diff.strip_prefix[i] = optarg;
            break;
        }
        case OPT_FAIL_NEW: o->diff.fail_on_new = 1; break;
        case OPT_FUNCTION: o->plot_function = optarg; break;
        case OPT_TITLE: o->plot_title = optarg; break;
        case OPT_WIDTH: {
            char *end;
            long w = strtol(optarg, &end, 10);
            if (o->command != CMD_PLOT || *end || w < 300 || w > 10000)
                return usage_error("--width takes a number of pixels from 300 to 10000, not '%s'",
                                   optarg);
            o->plot_width = (int)w;
            break;
        }
        case OPT_FAIL_REMOVED: o->diff.fail_on_removed = 1; break;
        case 'q': o->quiet = 1; break;
        case 'W':
            if (parse_w(o, optarg) != 0)
                return EXIT_USAGE;
            break;
        case OPT_COLOR:
            if (pick(optarg, (const char *const[]){ "never", "always", "auto" }, 3) < 0)
                return usage_error("--color takes auto, always or never, not '%s'", optarg);
            color = optarg;
            break;
        case OPT_DIAG_FORMAT:
            if ((o->diag_format = pick(optarg, dformats, 3)) < 0)
                return usage_error("unknown diagnostics format '%s'", optarg);
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (errno || *end || !*optarg || optarg[0] == '-')
                return usage_error("--max-errors takes a number, not '%s'", optarg);
            o->max_errors = n;
            break;
        }
        case 'h': help(o->command); return EXIT_OK;
        case OPT_VERSION: puts("memfold " MEMFOLD_VERSION_STRING); return EXIT_OK;
        case OPT_LIST_CHECKS: list_checks(); return EXIT_OK;
        default: return usage_error("%s", "bad option");
        }
    }
    o->color = resolve_color(color);
    o->color_out = strcmp(color, "always") == 0 ||
                   (strcmp(color, "auto") == 0 && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
    o->inputs = argv + optind;
    o->ninputs = (size_t)(argc - optind);
    return -1;
}

/* ---- the run ------------------------------------------------------------------ */

enum { KIND_UNKNOWN, KIND_REPORT, KIND_DAT };

typedef struct run {
    const options *o;
    int kind;                 /* of the inputs: all reports or all .dat */
    FILE *out;
    mf_validator *v;          /* reports */
    mf_diag_printer *dp;
    mf_fold *fold;
    mf_lines_writer *lw;
    FILE *fmt_out;
    mf_dat_validator *dv;     /* mprof .dat files */
    mf_dat_fold *dat_fold;
    mf_dat_lines_writer *dat_lw;
    progress prog;
    uint64_t errors;
} run;

static void on_diag(const mf_diag *d, void *user)
{
    run *r = user;
    if (d->severity == MF_ERROR)
        r->errors++;
    progress_clear(&r->prog);
    if (r->dp)
        mf_diag_print(d, r->dp);
}

static void on_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    run *r = user;
    mf_validate_foreign(r->v, source, line, text, len);
}

/* A block with errors is left out; `lines` still writes the rows of a
   block whose only fault is that it was cut off (they are complete). */
static int on_block(const mf_block *b, void *user)
{
    run *r = user;
    progress_tick(&r->prog);
    if (r->fmt_out) {   /* fmt puts layout right and does not judge data */
        if (!(b->flags & MF_BLOCK_MALFORMED))
            mf_emit_fmt_block(r->fmt_out, b);
        return 0;
    }
    size_t errors = mf_validate_block(r->v, b);
    int cut_only = errors == 1 && !(b->flags & (MF_BLOCK_TERMINATED | MF_BLOCK_MALFORMED));
    if (r->fold && errors == 0)
        mf_fold_block(r->fold, b);
    if (r->lw && (errors == 0 || cut_only))
        mf_lines_block(r->lw, b);
    /* nobody reads what we write any more (a closed pipe): stop reading */
    return r->out && ferror(r->out);
}

static int configure_checks(run *r)
{
    const options *o = r->o;
    if (o->lenient)
        mf_validator_lenient(r->v);
    for (size_t i = 0; i < o->nw; i++)
        if (mf_validator_set(r->v, o->w[i].name, o->w[i].level) != 0 &&
            mf_dat_validator_set(r->dv, o->w[i].name, o->w[i].level) != 0) {
            fprintf(stderr, "memfold: no check called '%s' that can be changed "
                    "(see 'memfold check --list-checks')\n", o->w[i].name);
            return -1;
        }
    if (o->pure)
        mf_validator_set(r->v, "foreign-text", o->strict ? MF_LEVEL_ERROR : MF_LEVEL_WARNING);
    if (o->strict) {
        mf_validator_strict(r->v);
        mf_dat_validator_strict(r->dv);
    }
    return 0;
}

/* ---- mprof .dat inputs ------------------------------------------------------ */

static int on_dat_record(const mf_dat_record *rec, void *user)
{
    run *r = user;
    progress_tick(&r->prog);
    size_t errors = mf_dat_validate_record(r->dv, rec);
    if (r->dat_fold && errors == 0)
        mf_dat_fold_record(r->dat_fold, rec);
    if (r->dat_lw && errors == 0)
        mf_dat_lines_record(r->dat_lw, rec->source, rec);
    return 0;
}

/* The first input decides what the run reads; the writers start then. */
static int start_kind(run *r, int kind, const char *path)
{
    const options *o = r->o;
    if (r->kind != KIND_UNKNOWN) {
        if (kind == r->kind)
            return 0;
        fprintf(stderr, "memfold: '%s' is %s, the inputs before it %s: one kind per run\n", path,
                kind == KIND_DAT ? "an mprof .dat file" : "a report",
                kind == KIND_DAT ? "reports" : "mprof .dat files");
        return -1;
    }
    r->kind = kind;
    if (kind == KIND_DAT) {
        if (o->command == CMD_FMT) {
            fprintf(stderr, "memfold: fmt reads reports; '%s' is an mprof .dat file\n", path);
            return -1;
        }
        if (o->command == CMD_SUMMARY)
            r->dat_fold = mf_dat_fold_new();
        else if (o->command == CMD_LINES)
            r->dat_lw = mf_dat_lines_begin(r->out, o->format);
    } else if (o->command == CMD_SUMMARY) {
        r->fold = mf_fold_new();
    } else if (o->command == CMD_LINES) {
        r->lw = mf_lines_begin(r->out, o->format, o->all_rows);
    } else if (o->command == CMD_FMT) {
        r->fmt_out = r->out;
    }
    return 0;
}

/* Every input must be readable before anything is written. */
static int check_inputs(const options *o)
{
    for (size_t i = 0; i < o->ninputs; i++) {
        const char *path = o->inputs[i];
        struct stat st;
        if (strcmp(path, "-") == 0)
            continue;
        if (stat(path, &st) != 0 || (!S_ISDIR(st.st_mode) && access(path, R_OK) != 0)) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
            return -1;
        }
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(EISDIR));
            return -1;
        }
    }
    return 0;
}

/* A compressed input that stops early: an error in the input (what was
   read before it counts), not an I/O failure. */
static void report_data_error(run *r, const char *path, uint64_t lines, const char *what)
{
    char msg[160];
    snprintf(msg, sizeof msg, "%s after %llu lines of text", what, (unsigned long long)lines);
    mf_diag d = { MF_ERROR, "truncated", msg, path, 0, 0, 0, NULL, 0, NULL, 0 };
    on_diag(&d, r);
}

static int parse_one(run *r, mf_parser *p, const char *path, mf_input_record *rec)
{
    mf_input *in = mf_input_open(path);
    const char *head;
    rec->path = path;
    if (!in) {
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
        return -1;
    }
    size_t n = mf_input_peek(in, &head, 4096);
    int kind = mf_dat_detect(head, n) ? KIND_DAT : KIND_REPORT;
    progress_input(&r->prog, in);
    if (start_kind(r, kind, path) != 0) {
        mf_input_close(in);
        return -1;
    }
    int rc = kind == KIND_DAT
           ? mf_dat_parse(in, path, on_dat_record, on_diag, r, &rec->stats)
           : mf_parse_input(p, in, path, &rec->stats);
    if (rc != 0)
        fprintf(stderr, "memfold: error reading '%s': %s\n", path, mf_input_strerror(in));
    else if (mf_input_data_error(in))
        report_data_error(r, path, rec->stats.lines, mf_input_data_error(in));
    if (rc == 0 && kind == KIND_REPORT)
        mf_validate_input(r->v, path, &rec->stats);
    progress_input(&r->prog, NULL);
    mf_input_close(in);
    return rc;
}

static int parse_all(run *r, mf_input_record *recs)
{
    const options *o = r->o;
    mf_parser *p = mf_parser_new(on_block, on_diag, r);
    char error[256];
    int rc = 0;
    mf_parser_on_text(p, on_text);
    if (o->prefix && mf_parser_set_prefix(p, o->prefix, error, sizeof error) != 0) {
        fprintf(stderr, "memfold: --prefix '%s': %s\n", o->prefix, error);
        mf_parser_free(p);
        return -1;
    }
    for (size_t i = 0; i < o->ninputs && rc == 0; i++)
        rc = parse_one(r, p, o->inputs[i], &recs[i]);
    mf_parser_free(p);
    return rc;
}

/* Close the writers and print the summary: the end of a run. */
static void finish_outputs(run *r, const mf_input_record *recs, int *status)
{
    const options *o = r->o;
    if (r->lw && mf_lines_end(r->lw) != 0)
        *status = EXIT_USAGE;
    if (r->dat_lw && mf_dat_lines_end(r->dat_lw) != 0)
        *status = EXIT_USAGE;
    if (r->fold && *status == EXIT_OK &&
        mf_emit_summary(r->out, o->format, r->fold, o->sort, recs, o->ninputs, r->errors) != 0)
        *status = EXIT_USAGE;
    if (r->dat_fold && *status == EXIT_OK && mf_dat_emit_summary(r->out, o->format, r->dat_fold) != 0)
        *status = EXIT_USAGE;
    mf_fold_free(r->fold);
    mf_dat_fold_free(r->dat_fold);
}

static int execute(const options *o)
{
    run r;
    out_file out, diag_out;
    int status = EXIT_OK;
    memset(&r, 0, sizeof r);
    r.o = o;
    if (check_inputs(o) != 0)
        return EXIT_USAGE;
    FILE *dest = stderr;
    if (o->command == CMD_CHECK && o->output) {
        if (out_open(&diag_out, o->output, 0) != 0)
            return EXIT_USAGE;
        dest = diag_out.fp;
    } else if (o->command != CMD_CHECK && out_open(&out, o->output, o->strict) != 0) {
        return EXIT_USAGE;
    }
    if (!o->quiet) {
        r.dp = mf_diag_printer_new(dest, o->diag_format, o->color && dest == stderr);
        mf_diag_printer_max_errors(r.dp, o->max_errors);
    }
    r.v = mf_validator_new(on_diag, &r);
    r.dv = mf_dat_validator_new(on_diag, &r);
    if (configure_checks(&r) != 0) {
        status = EXIT_USAGE;
        goto done;
    }
    mf_input_record *recs = calloc(o->ninputs ? o->ninputs : 1, sizeof *recs);
    r.out = o->command == CMD_CHECK ? NULL : out.fp;
    progress_start(&r.prog, !o->quiet && isatty(STDERR_FILENO), o->inputs, o->ninputs);
    if (parse_all(&r, recs) != 0)
        status = EXIT_USAGE;
    progress_clear(&r.prog);
    if (r.kind == KIND_UNKNOWN)   /* no input was read: a report run, empty */
        start_kind(&r, KIND_REPORT, "-");
    finish_outputs(&r, recs, &status);
    free(recs);
    if (status == EXIT_OK && r.errors)
        status = EXIT_INPUT;
done:
    if (r.dp)
        mf_diag_printer_finish(r.dp, NULL, NULL);
    mf_validator_free(r.v);
    mf_dat_validator_free(r.dv);
    if (o->command == CMD_CHECK) {
        if (o->output && out_commit(&diag_out) != 0)
            status = EXIT_USAGE;
    } else if (status == EXIT_USAGE || (o->strict && status != EXIT_OK)) {
        out_abort(&out);
    } else if (out_commit(&out) != 0) {
        status = EXIT_USAGE;
    }
    return status;
}

int main(int argc, char **argv)
{
    static const char *const commands[] = { "summary", "lines", "check", "fmt", "diff", "merge",
                                            "plot" };
    options o;
    char *stdin_only[] = { "-" };
    memset(&o, 0, sizeof o);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts("memfold " MEMFOLD_VERSION_STRING);
        return EXIT_OK;
    }
    if ((o.command = pick(argv[1], commands, 7)) < 0)
        return usage_error("unknown command '%s'", argv[1]);
    if (o.command == CMD_MERGE)
        o.format = MF_FMT_JSON;
    int rc = parse_options(&o, argc - 1, argv + 1);
    if (rc < 0 && o.command == CMD_DIFF) {
        rc = cmd_diff(&o);
    } else if (rc < 0 && o.command == CMD_MERGE) {
        rc = cmd_merge(&o);
    } else if (rc < 0 && o.command == CMD_PLOT) {
        if (o.ninputs == 0) {
            o.inputs = stdin_only;
            o.ninputs = 1;
        }
        rc = cmd_plot(&o);
    } else if (rc < 0) {
        if (o.ninputs == 0) {
            o.inputs = stdin_only;
            o.ninputs = 1;
        }
        rc = execute(&o);
    }
    free(o.w);
    return rc;
}
