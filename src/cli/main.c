/* cli/main.c -- the memfold command: parse the options, then run the passes
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
 * Exit status: 0 all good, 1 the input had errors, 2 usage or I/O error;
 * diff: 0 passed, 1 the gate failed, 2 usage or I/O, 3 cannot be trusted.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "cli/output.h"
#include "memfold.h"
#include "memfold_dat.h"

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
    "Exit status: 0 all good, 1 the input had errors (diff: the gate failed),\n"
    "2 usage or I/O error, 3 (diff) the comparison cannot be trusted.\n";

static const char COMMON_HELP[] =
    "  -o, --output FILE       write to FILE (whole or not at all) instead of stdout\n"
    "      --strict            make every warning an error; write nothing if any\n"
    "      --pure              warn about text outside the report blocks\n"
    "      --prefix REGEX      strip this logging prefix from each line (an extended\n"
    "                          regular expression; '' strips none; by default the\n"
    "                          prefix of the line carrying Filename: is learnt)\n"
    "      --lenient           for check: accept pasted, hand-made or reformatted\n"
    "                          reports (layout checks warn only; the other commands\n"
    "                          always read them so)\n"
    "      --allow-empty       an input with no report in it is a warning, not an error\n"
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

/* What each command's exit status says. */
static const char *const EXIT_HELP[] = {
    "exit status: 0 read without errors; 1 the input had errors (a table left out or\n"
    "cut short: the output holds the rest); 2 usage or I/O error\n",
    "exit status: 0 read without errors; 1 the input had errors (a table left out or\n"
    "cut short: the output holds the rest); 2 usage or I/O error\n",
    "exit status: 0 the input is what memory_profiler prints (warnings allowed);\n"
    "1 it has errors; 2 usage or I/O error\n",
    "exit status: 0 every block printed; 1 a block could not be parsed (left out);\n"
    "2 usage or I/O error\n",
    "exit status: 0 the gate passed; 1 it failed (a function over its limits, or\n"
    "added/removed under --fail-on-*); 2 usage or I/O error; 3 the comparison\n"
    "cannot be trusted (an input had errors or held no report, a side has no\n"
    "function, every function was added or removed, --match name cannot pair)\n",
    "exit status: 0 added up; 1 a summary had errors; 2 usage or I/O error\n",
    "exit status: 0 read without errors; 1 the input had errors (the picture holds\n"
    "the rest); 2 usage or I/O error\n",
};

static void help(int command)
{
    static const char *const head[] = {
        "usage: memfold summary [OPTIONS] [FILE...]\n"
        "Aggregate every block into one record per function (file, function, line).\n"
        "Text tables show each column with one number of decimals: values as\n"
        "printed padded with zeros, means rounded to one decimal more than their\n"
        "data (at most 6); CSV, JSON and SQL are exact.\n\n"
        "  -f, --format FMT        text (default), csv, json, ndjson or sql (CREATE\n"
        "                          TABLE + INSERTs for sqlite3); for trends:\n"
        "                          openmetrics (GitLab's metrics report) or\n"
        "                          benchmark-json (github-action-benchmark)\n"
        "      --sort KEY          first (default: order of first appearance), peak,\n"
        "                          mean, calls or name\n"
        "      --top N             the first N functions after sorting (0: all)\n"
        "      --runs              each FILE is one run of the same program: the JSON\n"
        "                          summary of them all, with \"runs\" and each\n"
        "                          function's \"per_run\" figures (JSON only)\n",
        "usage: memfold lines [OPTIONS] [FILE...]\n"
        "One record per measured row: source, block, file, function, line, mem_mib,\n"
        "increment_mib, occurrences, contents.\n\n"
        "  -f, --format FMT        text (default), csv, json, ndjson or sql\n"
        "      --all-rows          also rows of lines that were not run\n"
        "      --relative          .dat files: time in seconds since the run's first\n"
        "                          MEM sample, as `mprof plot` draws it (rows are in\n"
        "                          time order either way)\n",
        "usage: memfold check [OPTIONS] [FILE...]\n"
        "Report every place where the input is not what memory_profiler prints.\n"
        "With -o, the diagnostics go to FILE.\n\n"
        "      --list-checks       list the checks, their levels and what they find\n",
        "usage: memfold fmt [OPTIONS] [FILE...]\n"
        "Print every report block as memory_profiler prints it, from the parsed\n"
        "blocks alone: text between blocks is dropped; columns, padding, line\n"
        "endings, logging prefixes and closing blank lines are put right.\n"
        "Blocks that cannot be parsed are reported and left out.\n\n"
        "  -i, --in-place          rewrite each FILE with its own blocks; a FILE with\n"
        "                          a block that cannot be parsed is left as it was\n",
        "usage: memfold diff [OPTIONS] OLD NEW\n"
        "       memfold diff [OPTIONS] --old FILE... --new FILE...\n"
        "Compare two sides function by function and gate on growth.  Each FILE is\n"
        "one run: a report, an mprof .dat file, or a `memfold summary -f json` file\n"
        "(`summary --runs` records several).  With several runs a side, medians are\n"
        "compared, and a function fails only when its new median is also above\n"
        "every old run.  Same-named functions of a file (methods of two classes)\n"
        "are told apart by their order and their source text.  The text table fits\n"
        "in $COLUMNS, the terminal's width or 100 columns (paths cut from the left;\n"
        "CSV and JSON hold every metric and every path).\n\n"
        "      --old FILE, --new FILE  a run of each side (repeat them)\n"
        "  -f, --format FMT        text (default), csv, json, markdown or junit\n"
        "      --metric M          peak (default), rise, net or mean; repeat it to gate\n"
        "                          on several (rise: what the function itself added)\n"
        "      --max-increase N%   fail a function whose metric grew by more than N%\n"
        "      --max-increase NMiB fail a function whose metric grew by more than N MiB\n"
        "                          (both given: fail only when over both)\n"
        "      --max-peak NMiB, --max-rise NMiB, --max-net NMiB, --max-mean NMiB\n"
        "                          fail a function whose new value is over N MiB\n"
        "      --budget FILE       limits per function from a JSON budget file\n"
        "      --match name        match functions by name alone (default: file and name)\n"
        "      --strip-prefix PATH remove PATH from the start of file paths (repeat it for\n"
        "                          each machine's path: /home/a/proj, /builds/proj)\n"
        "      --fail-on-new       fail when NEW has a function OLD does not\n"
        "      --fail-on-removed   fail when OLD has a function NEW does not\n"
        "      --allow-empty       a side with no function does not fail the gate\n"
        "      --allow-input-errors  inputs with errors do not fail the gate\n"
        "      --allow-all-changed every function added or removed does not fail it\n"
        "      --annotate github   also write GitHub workflow commands (::error) to stderr\n"
        "      --sort KEY          first (default: the old side's order), delta (largest\n"
        "                          change of a gated metric first), percent, name, or\n"
        "                          peak, mean, net, rise (the new value, largest first)\n"
        "      --top N             show the first N functions only (says how many more)\n"
        "  -q, --quiet             also: show only what fails, and the verdict line\n",
        "usage: memfold merge [OPTIONS] SUMMARY.json...\n"
        "Add up `memfold summary -f json` files of parts of a log (split over CI jobs\n"
        "or machines) into the summary of the whole: counts and sums add exactly,\n"
        "means are recomputed from the sums.\n\n"
        "  -f, --format FMT        json (default), text, csv, ndjson, openmetrics or\n"
        "                          benchmark-json\n"
        "      --sort KEY          first (default), peak, mean, calls or name\n",
        "usage: memfold plot [OPTIONS] [FILE...]\n"
        "Draw an SVG picture.  Reports: one bar per function (peak, with mean and\n"
        "entry marked), sorted by peak.  An mprof .dat file: memory over time for\n"
        "the main process and each child, profiled calls as spans, the peak marked.\n\n"
        "      --function NAME     reports: NAME's memory by source line (its call\n"
        "                          with the highest peak)\n"
        "      --width PIXELS      width of the picture (default 800)\n"
        "      --title TEXT        title of the picture\n"
        "      --top N             reports: bars of the N highest peaks only (default 30;\n"
        "                          0 for all)\n",
    };
    fputs(head[command], stdout);
    fputs(COMMON_HELP, stdout);
    fputs("\n", stdout);
    fputs(EXIT_HELP[command], stdout);
}

/* The checks as the README's table lists them: a header, then per check its
 * name, its default level with its marks ("always": -W cannot change it;
 * "layout": --lenient makes it a warning for check) and what it finds. */
static void list_checks(void)
{
    static const char *const level[] = { "off", "warning", "error" };
    const mf_check_info *lists[2];
    size_t n[2];
    lists[0] = mf_checks(&n[0]);
    lists[1] = mf_dat_checks(&n[1]);
    printf("%-20s %-16s %s\n", "NAME", "DEFAULT", "FINDS");
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < n[l]; i++) {
            const mf_check_info *c = &lists[l][i];
            char def[32];
            snprintf(def, sizeof def, "%s%s%s", level[c->level], c->configurable ? "" : ", always",
                     c->layout ? ", layout" : "");
            printf("%-20s %-16s %s\n", c->name, def, c->summary);
        }
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

/* A check's level, as -W options set it (applied in order). */
static int set_check(options *o, const char *name, int level)
{
    o->w = realloc(o->w, (o->nw + 1) * sizeof *o->w);
    if (!o->w)
        return -1;
    o->w[o->nw].name = name;
    o->w[o->nw].level = level;
    o->nw++;
    return 0;
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
    return set_check(o, name, level);
}

enum { OPT_SORT = 256, OPT_ALL_ROWS, OPT_STRICT, OPT_PURE, OPT_LENIENT, OPT_PREFIX,
       OPT_MAX_INCREASE, OPT_METRIC, OPT_MATCH, OPT_STRIP_PREFIX, OPT_FAIL_NEW, OPT_FAIL_REMOVED,
       OPT_FUNCTION, OPT_WIDTH, OPT_TITLE, OPT_COLOR, OPT_DIAG_FORMAT,
       OPT_MAX_ERRORS, OPT_VERSION, OPT_LIST_CHECKS, OPT_ALLOW_EMPTY, OPT_OLD, OPT_NEW,
       OPT_MAX_PEAK, OPT_MAX_RISE, OPT_MAX_NET, OPT_MAX_MEAN, OPT_BUDGET, OPT_ALLOW_ERRORS,
       OPT_ALLOW_CHANGED, OPT_ANNOTATE, OPT_RUNS, OPT_TOP, OPT_RELATIVE };

static const struct option LONG_OPTIONS[] = {
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "in-place", no_argument, NULL, 'i' },
    { "sort", required_argument, NULL, OPT_SORT },
    { "all-rows", no_argument, NULL, OPT_ALL_ROWS },
    { "runs", no_argument, NULL, OPT_RUNS },
    { "top", required_argument, NULL, OPT_TOP },
    { "relative", no_argument, NULL, OPT_RELATIVE },
    { "strict", no_argument, NULL, OPT_STRICT },
    { "pure", no_argument, NULL, OPT_PURE },
    { "lenient", no_argument, NULL, OPT_LENIENT },
    { "allow-empty", no_argument, NULL, OPT_ALLOW_EMPTY },
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
    { "old", required_argument, NULL, OPT_OLD },
    { "new", required_argument, NULL, OPT_NEW },
    { "max-peak", required_argument, NULL, OPT_MAX_PEAK },
    { "max-rise", required_argument, NULL, OPT_MAX_RISE },
    { "max-net", required_argument, NULL, OPT_MAX_NET },
    { "max-mean", required_argument, NULL, OPT_MAX_MEAN },
    { "budget", required_argument, NULL, OPT_BUDGET },
    { "allow-input-errors", no_argument, NULL, OPT_ALLOW_ERRORS },
    { "allow-all-changed", no_argument, NULL, OPT_ALLOW_CHANGED },
    { "annotate", required_argument, NULL, OPT_ANNOTATE },
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
    for (int m = 0; m < MF_NMETRICS; m++) {
        mf_limits *l = &d->limits[m];
        if (strcmp(unit, "%") == 0) {
            int64_t ppm = v.mant;
            for (int i = v.prec; i < 6; i++)
                ppm *= 10;
            l->has_rel = 1;
            l->max_rel_ppm = ppm;
        } else if (strcmp(unit, "MiB") == 0) {
            l->has_abs = 1;
            l->max_abs = mf_decimal_scaled(v);
        } else {
            return -1;
        }
    }
    return 0;
}

/* "500MiB", "0.5 MiB": a budget of --max-peak and the like, scaled. */
static int parse_mib(const char *arg, int64_t *out)
{
    mf_decimal v;
    size_t n = strspn(arg, "0123456789.");
    const char *unit = arg + n;
    while (*unit == ' ')
        unit++;
    if (n == 0 || mf_decimal_parse(arg, n, &v) != MF_NUM_OK || v.prec > 6 ||
        strcmp(unit, "MiB") != 0)
        return -1;
    *out = mf_decimal_scaled(v);
    return 0;
}

/* A --old or --new FILE, kept in order. */
static int add_side_file(char ***v, size_t *n, char *path)
{
    char **w = realloc(*v, (*n + 1) * sizeof *w);
    if (!w)
        return -1;
    w[(*n)++] = path;
    *v = w;
    return 0;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(options *o, int argc, char **argv)
{
    static const char *const formats[] = { "text", "csv", "json", "ndjson" };
    static const char *const trend_formats[] = { "openmetrics", "benchmark-json" };
    static const char *const sorts[] = { "first", "peak", "mean", "calls", "name" };
    static const char *const dformats[] = { "text", "json", "sarif" };
    const char *color = "auto";
    int c;
    o->max_errors = 50;
    o->top = -1;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:o:iW:qh", LONG_OPTIONS, NULL)) != -1) {
        switch (c) {
        case 'f':
            /* the trend formats: summary and merge */
            if ((o->command == CMD_SUMMARY || o->command == CMD_MERGE) &&
                (c = pick(optarg, trend_formats, 2)) >= 0) {
                o->format = MF_FMT_OPENMETRICS + c;
                break;
            }
            if ((o->command == CMD_SUMMARY || o->command == CMD_LINES) &&
                strcmp(optarg, "sql") == 0) {   /* CREATE TABLE + INSERTs, for sqlite3 */
                o->format = MF_FMT_SQL;
                o->format_given = 1;
                break;
            }
            if (o->command == CMD_DIFF && strcmp(optarg, "markdown") == 0)
                o->format = MF_FMT_MARKDOWN;
            else if (o->command == CMD_DIFF && strcmp(optarg, "junit") == 0)
                o->format = MF_FMT_JUNIT;
            else if ((o->format = pick(optarg, formats, 4)) < 0 || o->command == CMD_CHECK ||
                     o->command == CMD_FMT)
                return usage_error("unknown output format '%s'", optarg);
            o->format_given = 1;
            break;
        case 'o': o->output = optarg; break;
        case 'i':
            if (o->command != CMD_FMT)
                return usage_error("%s goes with 'fmt'", "-i (--in-place)");
            o->in_place = 1;
            break;
        case OPT_SORT:
            if (o->command == CMD_DIFF) {   /* enum mf_diff_sort */
                int k = pick(optarg, (const char *const[]){ "first", "delta", "percent", "name",
                                                            "peak", "mean", "net", "rise" }, 8);
                if (k < 0)
                    return usage_error("diff --sort takes first, delta, percent, name, peak, "
                                       "mean, net or rise, not '%s'", optarg);
                o->diff.sort = k;
                break;
            }
            if ((o->sort = pick(optarg, sorts, 5)) < 0 ||
                (o->command != CMD_SUMMARY && o->command != CMD_MERGE))
                return usage_error("cannot sort by '%s'", optarg);
            break;
        case OPT_RELATIVE:
            if (o->command != CMD_LINES)
                return usage_error("%s goes with 'lines'", "--relative");
            o->relative = 1;
            break;
        case OPT_RUNS:
            if (o->command != CMD_SUMMARY)
                return usage_error("%s goes with 'summary'", "--runs");
            o->runs = 1;
            break;
        case OPT_ALL_ROWS:
            if (o->command != CMD_LINES)
                return usage_error("%s goes with 'lines'", "--all-rows");
            o->all_rows = 1;
            break;
        case OPT_STRICT: o->strict = 1; break;
        case OPT_PURE: o->pure = 1; break;
        case OPT_LENIENT: o->lenient = 1; break;
        case OPT_ALLOW_EMPTY:   /* an input with no report only warns */
            if (set_check(o, "no-blocks", MF_LEVEL_WARNING) != 0)
                return usage_error("%s", strerror(ENOMEM));
            o->diff.allow_empty = 1;
            break;
        case OPT_PREFIX: o->prefix = optarg; break;
        case OPT_MAX_INCREASE:
            if (o->command != CMD_DIFF || parse_limit(&o->diff, optarg) != 0)
                return usage_error("--max-increase takes N%% or N MiB, not '%s'", optarg);
            break;
        case OPT_METRIC: {
            int m = pick(optarg, (const char *const[]){ "peak", "mean", "net", "rise" }, 4);
            if (o->command != CMD_DIFF || m < 0)
                return usage_error("--metric takes peak, rise, net or mean, not '%s'", optarg);
            o->diff.metrics |= 1u << m;
            break;
        }
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
        case OPT_OLD:
        case OPT_NEW:
            if (o->command != CMD_DIFF)
                return usage_error("%s goes with 'diff'", c == OPT_OLD ? "--old" : "--new");
            if (c == OPT_OLD ? add_side_file(&o->diff_old, &o->ndiff_old, optarg)
                             : add_side_file(&o->diff_new, &o->ndiff_new, optarg))
                return usage_error("%s", strerror(ENOMEM));
            break;
        case OPT_MAX_PEAK:
        case OPT_MAX_RISE:
        case OPT_MAX_NET:
        case OPT_MAX_MEAN: {
            int m = c == OPT_MAX_PEAK ? MF_METRIC_PEAK : c == OPT_MAX_RISE ? MF_METRIC_RISE
                  : c == OPT_MAX_NET ? MF_METRIC_NET : MF_METRIC_MEAN;
            const char *name = c == OPT_MAX_PEAK ? "--max-peak" : c == OPT_MAX_RISE ? "--max-rise"
                             : c == OPT_MAX_NET ? "--max-net" : "--max-mean";
            if (o->command != CMD_DIFF)
                return usage_error("%s goes with 'diff'", name);
            if (parse_mib(optarg, &o->diff.limits[m].max) != 0) {
                fprintf(stderr, "memfold: %s takes N MiB, not '%s'\nTry 'memfold diff --help'.\n",
                        name, optarg);
                return EXIT_USAGE;
            }
            o->diff.limits[m].has_max = 1;
            break;
        }
        case OPT_BUDGET:
            if (o->command != CMD_DIFF)
                return usage_error("%s goes with 'diff'", "--budget");
            o->budget = optarg;
            break;
        case OPT_ALLOW_ERRORS:
        case OPT_ALLOW_CHANGED:
            if (o->command != CMD_DIFF)
                return usage_error("%s goes with 'diff'", c == OPT_ALLOW_ERRORS
                                   ? "--allow-input-errors" : "--allow-all-changed");
            if (c == OPT_ALLOW_ERRORS)
                o->diff.allow_input_errors = 1;
            else
                o->diff.allow_all_changed = 1;
            break;
        case OPT_ANNOTATE:
            if (o->command != CMD_DIFF || strcmp(optarg, "github") != 0)
                return usage_error("--annotate takes github (with 'diff'), not '%s'", optarg);
            o->annotate = 1;
            break;
        case OPT_FUNCTION: o->plot_function = optarg; break;
        case OPT_TITLE: o->plot_title = optarg; break;
        case OPT_TOP: {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (o->command != CMD_PLOT && o->command != CMD_DIFF && o->command != CMD_SUMMARY)
                return usage_error("%s goes with 'summary', 'diff' and 'plot'", "--top");
            if (*end || end == optarg || n < 0 || n > 1000000)
                return usage_error("--top takes a number of functions (0 for all), not '%s'", optarg);
            o->top = n;
            o->diff.top = (size_t)n;
            break;
        }
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
        case OPT_VERSION: printf("memfold %s\n", mf_version()); return EXIT_OK;
        case OPT_LIST_CHECKS: list_checks(); return EXIT_OK;
        default: return usage_error("%s", "bad option");
        }
    }
    if (o->runs && o->format_given && o->format != MF_FMT_JSON)
        return usage_error("summary --runs writes JSON only (-f json), not '%s'",
                           o->format == MF_FMT_SQL ? "sql" : formats[o->format]);
    if (o->runs)
        o->format = MF_FMT_JSON;
    if (o->top > 0 && (o->runs || o->format == MF_FMT_OPENMETRICS || o->format == MF_FMT_BENCHMARK_JSON))
        return usage_error("--top cuts the tables of summary, not %s",
                           o->runs ? "--runs" : "the trend formats (every function is a series)");
    o->color = resolve_color(color);
    o->color_out = strcmp(color, "always") == 0 ||
                   (strcmp(color, "auto") == 0 && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
    o->inputs = argv + optind;
    o->ninputs = (size_t)(argc - optind);
    return -1;
}

/* ---- the run ------------------------------------------------------------------ */

/* A terminal on stdin and no FILE: say what memfold is waiting for. */
static void note_terminal_input(const options *o)
{
    if (!o->quiet && isatty(STDIN_FILENO))
        fputs("memfold: reading a report from the terminal (standard input); end it with "
              "Ctrl-D, or give a FILE\n", stderr);
}

/* gzip's magic: fmt -i would write the report back uncompressed. */
static int is_compressed(const char *path)
{
    unsigned char magic[2];
    FILE *f = fopen(path, "rb");
    int gz = f && fread(magic, 1, 2, f) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    if (f)
        fclose(f);
    return gz;
}

static int rewritable(const char *path)
{
    struct stat st;
    if (strcmp(path, "-") == 0) {
        fputs("memfold: fmt -i rewrites files; '-' (standard input) is not one\n", stderr);
        return 0;
    }
    if (stat(path, &st) != 0) {
        fprintf(stderr, "memfold: cannot read '%s': %s\n", path, strerror(errno));
        return 0;
    }
    if (!S_ISREG(st.st_mode)) {
        fprintf(stderr, "memfold: fmt -i rewrites regular files; '%s' is not one\n", path);
        return 0;
    }
    if (is_compressed(path)) {
        fprintf(stderr, "memfold: fmt -i: '%s' is compressed; rewriting it would uncompress it\n",
                path);
        return 0;
    }
    return 1;
}

/* memfold fmt -i FILE...: each FILE read alone and written back over
   itself.  The worst status of them is memfold's. */
static int fmt_in_place(const options *o)
{
    int worst = EXIT_OK;
    if (o->output)
        return usage_error("%s", "fmt -i writes each FILE back: it takes no -o");
    if (o->ninputs == 0)
        return usage_error("%s", "fmt -i needs the FILEs to rewrite");
    for (size_t i = 0; i < o->ninputs; i++) {
        options one = *o;
        one.inputs = o->inputs + i;
        one.ninputs = 1;
        one.output = o->inputs[i];
        int rc = rewritable(o->inputs[i]) ? cmd_read(&one) : EXIT_USAGE;
        if (rc > worst)
            worst = rc;
    }
    return worst;
}

static int run_command(options *o)
{
    static char *stdin_only[] = { "-" };
    if (o->in_place)
        return fmt_in_place(o);
    int from_stdin = o->ninputs == 0 && o->command != CMD_DIFF && o->command != CMD_MERGE;
    if (from_stdin) {
        o->inputs = stdin_only;
        o->ninputs = 1;
    }
    /* check writes nothing to stdout: only its -o can be an input */
    if ((o->output || o->command != CMD_CHECK) &&
        out_refuse_inputs(o->output, o->inputs, o->ninputs, o->command == CMD_FMT) != 0)
        return EXIT_USAGE;
    if (from_stdin)
        note_terminal_input(o);
    switch (o->command) {
    case CMD_DIFF: return cmd_diff(o);
    case CMD_MERGE: return cmd_merge(o);
    case CMD_PLOT: return cmd_plot(o);
    default: return cmd_read(o);
    }
}

/* Out of memory the library returns MF_ERR_NOMEM; the command's answer is
   to stop at once, with a message and status 2: its allocator (the
   library's too) never returns NULL. */
static _Noreturn void out_of_memory(void)
{
    fputs("memfold: out of memory\n", stderr);
    exit(2);
}

static void *cli_malloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        out_of_memory();
    return p;
}

static void *cli_realloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q)
        out_of_memory();
    return q;
}

int main(int argc, char **argv)
{
    static const char *const commands[] = { "summary", "lines", "check", "fmt", "diff", "merge",
                                            "plot" };
    mf_set_alloc_funcs(cli_malloc, cli_realloc, free);
    options o;
    memset(&o, 0, sizeof o);
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("memfold %s\n", mf_version());
        return EXIT_OK;
    }
    if ((o.command = pick(argv[1], commands, 7)) < 0)
        return usage_error("unknown command '%s'", argv[1]);
    if (o.command == CMD_MERGE)
        o.format = MF_FMT_JSON;
    int rc = parse_options(&o, argc - 1, argv + 1);
    if (rc < 0)
        rc = run_command(&o);
    free(o.w);
    free(o.diff_old);
    free(o.diff_new);
    return rc;
}
