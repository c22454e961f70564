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

/* ---- the options: one table ------------------------------------------------- */

/* Which commands take an option: a bit a command. */
#define C(cmd) (1u << (cmd))
enum {
    C_SUMMARY = C(CMD_SUMMARY), C_LINES = C(CMD_LINES), C_CHECK = C(CMD_CHECK),
    C_FMT = C(CMD_FMT), C_DIFF = C(CMD_DIFF), C_MERGE = C(CMD_MERGE), C_PLOT = C(CMD_PLOT),
    /* the commands that read reports and .dat files: the reader's options */
    C_READ = C_SUMMARY | C_LINES | C_CHECK | C_FMT | C_DIFF | C_PLOT,
    C_ALL = C_READ | C_MERGE,
};

enum { OPT_SORT = 256, OPT_ALL_ROWS, OPT_STRICT, OPT_PURE, OPT_LENIENT, OPT_PREFIX,
       OPT_MAX_INCREASE, OPT_METRIC, OPT_MATCH, OPT_STRIP_PREFIX, OPT_FAIL_NEW, OPT_FAIL_REMOVED,
       OPT_FUNCTION, OPT_WIDTH, OPT_TITLE, OPT_COLOR, OPT_DIAG_FORMAT,
       OPT_MAX_ERRORS, OPT_VERSION, OPT_LIST_CHECKS, OPT_ALLOW_EMPTY, OPT_OLD, OPT_NEW,
       OPT_MAX_PEAK, OPT_MAX_RISE, OPT_MAX_NET, OPT_MAX_MEAN, OPT_BUDGET, OPT_ALLOW_ERRORS,
       OPT_ALLOW_CHANGED, OPT_ANNOTATE, OPT_RUNS, OPT_TOP, OPT_RELATIVE };

/* An option: a row per wording of its help.  The commands that take an
 * option are the union of its rows' cmds; parsing refuses it anywhere
 * else ("check takes no -f; -f goes with 'summary', ..."), and a
 * command's --help prints the help of the rows of that command, in the
 * order of the table (its own options first, then the shared ones).  To
 * give an option to one more command, add the command's bit to a row (and
 * to the option's values below, if it has any); to add an option, add a
 * row, an OPT_ value and a case in parse_options. */
typedef struct optdef {
    int id;               /* getopt_long's value: the short letter, or an OPT_ */
    const char *name;     /* the long name, or NULL */
    int has_arg;          /* no_argument or required_argument */
    unsigned cmds;        /* the commands this row is for (C_ bits) */
    const char *help;     /* its lines in those commands' help; NULL: none (in another row) */
} optdef;

static const optdef OPTIONS[] = {
    /* ---- each command's own ---- */
    { OPT_OLD, "old", required_argument, C_DIFF,
      "      --old FILE, --new FILE  a run of each side (repeat them)\n" },
    { OPT_NEW, "new", required_argument, C_DIFF, NULL },
    { 'f', "format", required_argument, C_SUMMARY,
      "  -f, --format FMT        text (default), csv, json, ndjson or sql (CREATE\n"
      "                          TABLE + INSERTs for sqlite3); for trends:\n"
      "                          openmetrics (GitLab's metrics report) or\n"
      "                          benchmark-json (github-action-benchmark)\n" },
    { 'f', "format", required_argument, C_LINES,
      "  -f, --format FMT        text (default), csv, json, ndjson or sql\n" },
    { 'f', "format", required_argument, C_DIFF,
      "  -f, --format FMT        text (default), csv, json, markdown or junit\n" },
    { 'f', "format", required_argument, C_MERGE,
      "  -f, --format FMT        json (default), text, csv, ndjson, openmetrics or\n"
      "                          benchmark-json\n" },
    { OPT_SORT, "sort", required_argument, C_SUMMARY,
      "      --sort KEY          first (default: order of first appearance), peak,\n"
      "                          mean, calls or name\n" },
    { OPT_SORT, "sort", required_argument, C_MERGE,
      "      --sort KEY          first (default), peak, mean, calls or name\n" },
    { OPT_TOP, "top", required_argument, C_SUMMARY,
      "      --top N             the first N functions after sorting (0: all)\n" },
    { OPT_RUNS, "runs", no_argument, C_SUMMARY,
      "      --runs              each FILE is one run of the same program: the JSON\n"
      "                          summary of them all, with \"runs\" and each\n"
      "                          function's \"per_run\" figures (JSON only)\n" },
    { OPT_ALL_ROWS, "all-rows", no_argument, C_LINES,
      "      --all-rows          also rows of lines that were not run\n" },
    { OPT_RELATIVE, "relative", no_argument, C_LINES,
      "      --relative          .dat files: time in seconds since the run's first\n"
      "                          MEM sample, as `mprof plot` draws it (rows are in\n"
      "                          time order either way)\n" },
    { 'j', "jobs", required_argument, C_SUMMARY | C_LINES | C_CHECK,
      "  -j, --jobs N            read a large file with N threads (default: one per\n"
      "                          CPU; 1: one); the output is the same either way\n" },
    { OPT_LIST_CHECKS, "list-checks", no_argument, C_CHECK,
      "      --list-checks       list the checks, their levels and what they find\n" },
    { 'i', "in-place", no_argument, C_FMT,
      "  -i, --in-place          rewrite each FILE with its own blocks; a FILE with\n"
      "                          a block that cannot be parsed is left as it was\n" },
    { OPT_METRIC, "metric", required_argument, C_DIFF,
      "      --metric M          peak (default), rise, net or mean; repeat it to gate\n"
      "                          on several (rise: what the function itself added)\n" },
    { OPT_MAX_INCREASE, "max-increase", required_argument, C_DIFF,
      "      --max-increase N%   fail a function whose metric grew by more than N%\n"
      "      --max-increase NMiB fail a function whose metric grew by more than N MiB\n"
      "                          (both given: fail only when over both)\n" },
    { OPT_MAX_PEAK, "max-peak", required_argument, C_DIFF,
      "      --max-peak NMiB, --max-rise NMiB, --max-net NMiB, --max-mean NMiB\n"
      "                          fail a function whose new value is over N MiB\n" },
    { OPT_MAX_RISE, "max-rise", required_argument, C_DIFF, NULL },
    { OPT_MAX_NET, "max-net", required_argument, C_DIFF, NULL },
    { OPT_MAX_MEAN, "max-mean", required_argument, C_DIFF, NULL },
    { OPT_BUDGET, "budget", required_argument, C_DIFF,
      "      --budget FILE       limits per function from a JSON budget file\n" },
    { OPT_MATCH, "match", required_argument, C_DIFF,
      "      --match name        match functions by name alone (default: file and name)\n" },
    { OPT_STRIP_PREFIX, "strip-prefix", required_argument, C_DIFF,
      "      --strip-prefix PATH remove PATH from the start of file paths (repeat it for\n"
      "                          each machine's path: /home/a/proj, /builds/proj)\n" },
    { OPT_FAIL_NEW, "fail-on-new", no_argument, C_DIFF,
      "      --fail-on-new       fail when NEW has a function OLD does not\n" },
    { OPT_FAIL_REMOVED, "fail-on-removed", no_argument, C_DIFF,
      "      --fail-on-removed   fail when OLD has a function NEW does not\n" },
    { OPT_ALLOW_EMPTY, "allow-empty", no_argument, C_DIFF,
      "      --allow-empty       a side with no function does not fail the gate\n" },
    { OPT_ALLOW_ERRORS, "allow-input-errors", no_argument, C_DIFF,
      "      --allow-input-errors  inputs with errors do not fail the gate\n" },
    { OPT_ALLOW_CHANGED, "allow-all-changed", no_argument, C_DIFF,
      "      --allow-all-changed every function added or removed does not fail it\n" },
    { OPT_ANNOTATE, "annotate", required_argument, C_DIFF,
      "      --annotate github   also write GitHub workflow commands (::error) to stderr\n" },
    { OPT_SORT, "sort", required_argument, C_DIFF,
      "      --sort KEY          first (default: the old side's order), delta (largest\n"
      "                          change of a gated metric first), percent, name, or\n"
      "                          peak, mean, net, rise (the new value, largest first)\n" },
    { OPT_TOP, "top", required_argument, C_DIFF,
      "      --top N             show the first N functions only (says how many more;\n"
      "                          0: all)\n" },
    { OPT_FUNCTION, "function", required_argument, C_PLOT,
      "      --function NAME     reports: NAME's memory by source line (its call\n"
      "                          with the highest peak)\n" },
    { OPT_WIDTH, "width", required_argument, C_PLOT,
      "      --width PIXELS      width of the picture (default 800)\n" },
    { OPT_TITLE, "title", required_argument, C_PLOT,
      "      --title TEXT        title of the picture\n" },
    { OPT_TOP, "top", required_argument, C_PLOT,
      "      --top N             reports: bars of the N highest peaks only (default 30;\n"
      "                          0 for all)\n" },
    /* ---- shared ---- */
    { 'o', "output", required_argument, C_ALL,
      "  -o, --output FILE       write to FILE (whole or not at all) instead of stdout\n" },
    { OPT_STRICT, "strict", no_argument, C_ALL,
      "      --strict            make every warning an error; write nothing if any\n" },
    { OPT_PURE, "pure", no_argument, C_READ,
      "      --pure              warn about text outside the report blocks\n" },
    { OPT_PREFIX, "prefix", required_argument, C_READ,
      "      --prefix REGEX      strip this logging prefix from each line (an extended\n"
      "                          regular expression; '' strips none; by default the\n"
      "                          prefix of the line carrying Filename: is learnt)\n" },
    { OPT_LENIENT, "lenient", no_argument, C_READ,
      "      --lenient           for check: accept pasted, hand-made or reformatted\n"
      "                          reports (layout checks warn only; the other commands\n"
      "                          always read them so)\n" },
    { OPT_ALLOW_EMPTY, "allow-empty", no_argument, C_READ & ~C_DIFF,
      "      --allow-empty       an input with no report in it is a warning, not an error\n" },
    { 'W', NULL, required_argument, C_READ,
      "  -W NAME, -Wno-NAME      turn check NAME into a warning, or off\n"
      "  -Werror=NAME, -Werror   make check NAME (or every warning) an error\n" },
    { OPT_DIAG_FORMAT, "diagnostics-format", required_argument, C_ALL,
      "      --diagnostics-format=text|json|sarif\n"
      "                          how diagnostics are printed (default text)\n" },
    { OPT_COLOR, "color", required_argument, C_ALL,
      "      --color=auto|always|never\n"
      "                          colour diagnostics (auto: stderr is a terminal\n"
      "                          and NO_COLOR is not set)\n" },
    { OPT_MAX_ERRORS, "max-errors", required_argument, C_ALL,
      "      --max-errors N      print at most N errors (default 50; 0: all)\n" },
    { 'q', "quiet", no_argument, C_ALL & ~C_DIFF,
      "  -q, --quiet             print no diagnostics, only the exit status says\n" },
    { 'q', "quiet", no_argument, C_DIFF,
      "  -q, --quiet             print no diagnostics; show only what fails, and the\n"
      "                          verdict line\n" },
    { 'h', "help", no_argument, C_ALL,
      "  -h, --help              this help\n" },
    { OPT_VERSION, "version", no_argument, C_ALL,
      "      --version           print the version\n" },
};
enum { NOPTIONS = sizeof OPTIONS / sizeof OPTIONS[0] };

/* The values of an option that takes one of a list (-f, --sort, ...): a
 * row per value, for the commands of cmds.  exts: the endings of -o FILE
 * that pick this value when the option is not given (-f; check's
 * --diagnostics-format), "" for none; also: endings it may be written to
 * without a warning though they pick another value. */
typedef struct optval {
    int id;
    const char *name;
    int value;
    unsigned cmds;
    const char *exts, *also;
} optval;

static const optval VALUES[] = {
    { 'f', "text", MF_FMT_TEXT, C_SUMMARY | C_LINES | C_DIFF | C_MERGE, ".txt", "" },
    { 'f', "csv", MF_FMT_CSV, C_SUMMARY | C_LINES | C_DIFF | C_MERGE, ".csv", "" },
    { 'f', "json", MF_FMT_JSON, C_SUMMARY | C_LINES | C_DIFF | C_MERGE, ".json", "" },
    { 'f', "ndjson", MF_FMT_NDJSON, C_SUMMARY | C_LINES | C_MERGE, ".ndjson .jsonl", "" },
    { 'f', "sql", MF_FMT_SQL, C_SUMMARY | C_LINES, ".sql", "" },
    { 'f', "openmetrics", MF_FMT_OPENMETRICS, C_SUMMARY | C_MERGE, ".prom", ".txt" },
    { 'f', "benchmark-json", MF_FMT_BENCHMARK_JSON, C_SUMMARY | C_MERGE, "", ".json" },
    { 'f', "markdown", MF_FMT_MARKDOWN, C_DIFF, ".md .markdown", "" },
    { 'f', "junit", MF_FMT_JUNIT, C_DIFF, ".xml", "" },
    { OPT_SORT, "first", MF_SORT_FIRST, C_SUMMARY | C_MERGE, "", "" },
    { OPT_SORT, "peak", MF_SORT_PEAK, C_SUMMARY | C_MERGE, "", "" },
    { OPT_SORT, "mean", MF_SORT_MEAN, C_SUMMARY | C_MERGE, "", "" },
    { OPT_SORT, "calls", MF_SORT_CALLS, C_SUMMARY | C_MERGE, "", "" },
    { OPT_SORT, "name", MF_SORT_NAME, C_SUMMARY | C_MERGE, "", "" },
    { OPT_SORT, "first", MF_DIFF_SORT_FIRST, C_DIFF, "", "" },
    { OPT_SORT, "delta", MF_DIFF_SORT_DELTA, C_DIFF, "", "" },
    { OPT_SORT, "percent", MF_DIFF_SORT_PERCENT, C_DIFF, "", "" },
    { OPT_SORT, "name", MF_DIFF_SORT_NAME, C_DIFF, "", "" },
    { OPT_SORT, "peak", MF_DIFF_SORT_PEAK, C_DIFF, "", "" },
    { OPT_SORT, "mean", MF_DIFF_SORT_MEAN, C_DIFF, "", "" },
    { OPT_SORT, "net", MF_DIFF_SORT_NET, C_DIFF, "", "" },
    { OPT_SORT, "rise", MF_DIFF_SORT_RISE, C_DIFF, "", "" },
    { OPT_METRIC, "peak", MF_METRIC_PEAK, C_DIFF, "", "" },
    { OPT_METRIC, "rise", MF_METRIC_RISE, C_DIFF, "", "" },
    { OPT_METRIC, "net", MF_METRIC_NET, C_DIFF, "", "" },
    { OPT_METRIC, "mean", MF_METRIC_MEAN, C_DIFF, "", "" },
    { OPT_MATCH, "file", 0, C_DIFF, "", "" },
    { OPT_MATCH, "name", 1, C_DIFF, "", "" },
    { OPT_ANNOTATE, "github", 1, C_DIFF, "", "" },
    { OPT_DIAG_FORMAT, "text", MF_DIAG_TEXT, C_ALL, ".txt", "" },
    { OPT_DIAG_FORMAT, "json", MF_DIAG_JSON, C_ALL, ".json", "" },
    { OPT_DIAG_FORMAT, "sarif", MF_DIAG_SARIF, C_ALL, ".sarif .sarif.json", "" },
    { OPT_COLOR, "auto", 2, C_ALL, "", "" },
    { OPT_COLOR, "always", 1, C_ALL, "", "" },
    { OPT_COLOR, "never", 0, C_ALL, "", "" },
};
enum { NVALUES = sizeof VALUES / sizeof VALUES[0] };

/* What a value of an option is called in a message: "unknown output format 'xml' for ...". */
static const char *value_noun(int id)
{
    switch (id) {
    case 'f': return "output format";
    case OPT_SORT: return "sort key";
    case OPT_METRIC: return "metric";
    case OPT_MATCH: return "--match value";
    case OPT_ANNOTATE: return "--annotate value";
    case OPT_DIAG_FORMAT: return "diagnostics format";
    case OPT_COLOR: return "--color value";
    default: return NULL;
    }
}

static unsigned option_cmds(int id)
{
    unsigned cmds = 0;
    for (int i = 0; i < NOPTIONS; i++)
        if (OPTIONS[i].id == id)
            cmds |= OPTIONS[i].cmds;
    return cmds;
}

static int has_values(int id)
{
    for (int i = 0; i < NVALUES; i++)
        if (VALUES[i].id == id)
            return 1;
    return 0;
}

/* "a, b, c" (sep ", ") or "a, b or c" (last " or "): the values of id for command cmd. */
static void list_values(char *buf, size_t cap, int id, int cmd, const char *last)
{
    size_t n = 0, k = 0, count = 0;
    buf[0] = '\0';
    for (int i = 0; i < NVALUES; i++)
        if (VALUES[i].id == id && (VALUES[i].cmds & C(cmd)))
            count++;
    for (int i = 0; i < NVALUES && n < cap; i++) {
        if (VALUES[i].id != id || !(VALUES[i].cmds & C(cmd)))
            continue;
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", k == 0 ? "" : k + 1 == count ? last : ", ",
                              VALUES[i].name);
        k++;
    }
}

/* "'summary' and 'merge'": the commands of cmds. */
static void list_commands(char *buf, size_t cap, unsigned cmds)
{
    size_t n = 0;
    int count = 0, k = 0;
    buf[0] = '\0';
    for (int c = 0; c < CMD_NCOMMANDS; c++)
        count += (cmds & C(c)) != 0;
    for (int c = 0; c < CMD_NCOMMANDS && n < cap; c++)
        if (cmds & C(c)) {
            n += (size_t)snprintf(buf + n, cap - n, "%s'%s'",
                                  k == 0 ? "" : k + 1 == count ? " and " : ", ", cli_commands[c]);
            k++;
        }
}

static const optval *find_value(int id, int cmd, const char *name)
{
    for (int i = 0; i < NVALUES; i++)
        if (VALUES[i].id == id && (VALUES[i].cmds & C(cmd)) && strcmp(VALUES[i].name, name) == 0)
            return &VALUES[i];
    return NULL;
}

/* ---- did you mean ----------------------------------------------------------- */

/* "; did you mean 'summary'?" (dashes before each name), or "" when no
   candidate is close: a few edits away, or the only one word is the start of. */
static void suggest(char *buf, size_t cap, const char *word, const char *const *cands, size_t n,
                    const char *dashes)
{
    size_t best = SIZE_MAX, prefixed = 0, at = 0, len = strlen(word);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (len >= 2 && strncmp(cands[i], word, len) == 0) {
            prefixed++;
            at = i;
        }
        size_t d = cli_edit_distance(word, cands[i]);
        if (d < best && d <= 2 && 2 * d <= strlen(cands[i]))
            best = d;
    }
    if (best == SIZE_MAX && prefixed == 1) {
        snprintf(buf, cap, "; did you mean '%s%s'?", dashes, cands[at]);
        return;
    }
    if (best == SIZE_MAX)
        return;
    size_t k = snprintf(buf, cap, "; did you mean ");
    int first = 1;
    for (size_t i = 0; i < n && k < cap; i++)
        if (cli_edit_distance(word, cands[i]) == best) {
            k += (size_t)snprintf(buf + k, cap - k, "%s'%s%s'", first ? "" : " or ", dashes,
                                  cands[i]);
            first = 0;
        }
    if (k < cap)
        snprintf(buf + k, cap - k, "?");
}

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
    "  help      this help; 'memfold help COMMAND' is 'memfold COMMAND --help'\n"
    "\n"
    "Run 'memfold COMMAND --help' for a command's options; 'memfold --version'\n"
    "(-V, -v) prints the version.\n"
    "Exit status: 0 all good, 1 the input had errors (diff: the gate failed),\n"
    "2 usage or I/O error, 3 (diff) the comparison cannot be trusted.\n";

/* What each command is, before its options. */
static const char *const HELP_HEAD[CMD_NCOMMANDS] = {
    "usage: memfold summary [OPTIONS] [FILE...]\n"
    "Aggregate every block into one record per function (file, function, line).\n"
    "Text tables show each column with one number of decimals: values as\n"
    "printed padded with zeros, means rounded to one decimal more than their\n"
    "data (at most 6); CSV, JSON and SQL are exact.\n\n",
    "usage: memfold lines [OPTIONS] [FILE...]\n"
    "One record per measured row: source, block, file, function, line, mem_mib,\n"
    "increment_mib, occurrences, contents.\n\n",
    "usage: memfold check [OPTIONS] [FILE...]\n"
    "Report every place where the input is not what memory_profiler prints.\n"
    "With -o, the diagnostics go to FILE.\n\n",
    "usage: memfold fmt [OPTIONS] [FILE...]\n"
    "Print every report block as memory_profiler prints it, from the parsed\n"
    "blocks alone: text between blocks is dropped; columns, padding, line\n"
    "endings, logging prefixes and closing blank lines are put right.\n"
    "Blocks that cannot be parsed are reported and left out.\n\n",
    "usage: memfold diff [OPTIONS] OLD NEW\n"
    "       memfold diff [OPTIONS] --old FILE... --new FILE...\n"
    "Compare two sides function by function and gate on growth.  OLD, NEW and\n"
    "each FILE is one run: a report, an mprof .dat file, or a `memfold summary\n"
    "-f json` file (`summary --runs` records several).  With several runs a side,\n"
    "medians are compared, and a function fails only when its new median is also\n"
    "above every old run.  Same-named functions of a file (methods of two\n"
    "classes) are told apart by their order and their source text.  The text\n"
    "table fits in $COLUMNS, the terminal's width or 100 columns (paths cut from\n"
    "the left; CSV and JSON hold every metric and every path).\n\n",
    "usage: memfold merge [OPTIONS] [SUMMARY.json...]\n"
    "Add up `memfold summary -f json` files of parts of a log (split over CI jobs\n"
    "or machines) into the summary of the whole: counts and sums add exactly,\n"
    "means are recomputed from the sums.  With no file, or '-', the summary is\n"
    "read from standard input.\n\n",
    "usage: memfold plot [OPTIONS] [FILE...]\n"
    "Draw an SVG picture.  Reports: one bar per function (peak, with mean and\n"
    "entry marked), sorted by peak.  An mprof .dat file: memory over time for\n"
    "the main process and each child, profiled calls as spans, the peak marked.\n\n",
};

/* What each command's exit status says. */
static const char *const EXIT_HELP[CMD_NCOMMANDS] = {
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

/* The option whose value the ending of -o FILE picks in command cmd. */
static int ending_option(int cmd)
{
    return cmd == CMD_CHECK ? OPT_DIAG_FORMAT : (option_cmds('f') & C(cmd)) ? 'f' : 0;
}

/* After -o's line: which endings of FILE pick the format when it is not given. */
static void help_endings(int cmd)
{
    int id = ending_option(cmd);
    char line[256];
    size_t n = 0;
    if (cmd == CMD_PLOT) {
        fputs("                          (FILE.png: the SVG converted with rsvg-convert)\n",
              stdout);
        return;
    }
    if (!id)
        return;
    for (int i = 0; i < NVALUES; i++)
        if (VALUES[i].id == id && (VALUES[i].cmds & C(cmd)) && *VALUES[i].exts)
            n += (size_t)snprintf(line + n, sizeof line - n, "%s%s", n ? " " : "", VALUES[i].exts);
    printf("                          (with no %s, FILE's ending picks it:\n"
           "                          %s)\n", id == 'f' ? "-f" : "--diagnostics-format", line);
}

static void help(int cmd)
{
    fputs(HELP_HEAD[cmd], stdout);
    for (int i = 0; i < NOPTIONS; i++)
        if ((OPTIONS[i].cmds & C(cmd)) && OPTIONS[i].help) {
            fputs(OPTIONS[i].help, stdout);
            if (OPTIONS[i].id == 'o')
                help_endings(cmd);
        }
    fputs("\n", stdout);
    fputs(EXIT_HELP[cmd], stdout);
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

/* ---- options ----------------------------------------------------------------- */

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

static int resolve_color(int when)
{
    if (when == 2) {
        const char *no = getenv("NO_COLOR");
        return isatty(STDERR_FILENO) && !(no && *no);
    }
    return when;
}

/* "10%", "2.5%", "5MiB", "0.5 MiB": a limit of memfold diff, on every
   metric. */
static int parse_limit(mf_diff_opts *d, const char *arg)
{
    for (int m = 0; m < MF_NMETRICS; m++)
        if (mf_limit_parse(arg, 0, &d->limits[m]) != MF_OK)
            return -1;
    return 0;
}

/* A whole number from lo to hi, all of arg (--top, --width). */
static int parse_long(const char *arg, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long n = strtol(arg, &end, 10);
    if (errno || *end || end == arg || n < lo || n > hi)
        return -1;
    *out = n;
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

/* getopt_long's tables for command cmd: only the options it takes. */
typedef struct getopt_tables {
    struct option longs[NOPTIONS + 1];
    char shorts[2 * NOPTIONS + 2];
} getopt_tables;

static void build_tables(getopt_tables *t, int cmd)
{
    size_t nl = 0, ns = 0;
    t->shorts[ns++] = ':';   /* a missing value is ':', told apart from '?' */
    for (int i = 0; i < NOPTIONS; i++) {
        const optdef *d = &OPTIONS[i];
        int seen = 0;
        if (!(option_cmds(d->id) & C(cmd)))
            continue;
        for (int j = 0; j < i; j++)
            seen |= OPTIONS[j].id == d->id;
        if (seen)
            continue;
        if (d->name)
            t->longs[nl++] = (struct option){ d->name, d->has_arg, NULL, d->id };
        if (d->id < 256) {
            t->shorts[ns++] = (char)d->id;
            if (d->has_arg)
                t->shorts[ns++] = ':';
        }
    }
    t->longs[nl] = (struct option){ NULL, 0, NULL, 0 };
    t->shorts[ns] = '\0';
}

/* The long options (of every command when cmd < 0) whose name starts with
   the n bytes of word; *exact set when one is word itself. */
static int long_matches(const char *word, size_t n, int cmd, const optdef **match, int *exact)
{
    int count = 0;
    *exact = 0;
    for (int i = 0; i < NOPTIONS; i++) {
        const optdef *d = &OPTIONS[i];
        int seen = 0;
        if (!d->name || strncmp(d->name, word, n) != 0 || (cmd >= 0 && !(option_cmds(d->id) & C(cmd))))
            continue;
        for (int j = 0; j < i; j++)
            seen |= OPTIONS[j].id == d->id;
        if (seen)
            continue;
        if (strlen(d->name) == n) {
            *exact = 1;
            *match = d;
            return 1;
        }
        *match = d;
        count++;
    }
    return count;
}

/* "check takes no -f; -f goes with 'summary', ...". */
static int not_for(int cmd, const char *opt, int id)
{
    char cmds[160];
    list_commands(cmds, sizeof cmds, option_cmds(id));
    return cli_usage(cmd, "%s takes no %s; %s goes with %s", cli_commands[cmd], opt, opt, cmds);
}

/* getopt_long returned '?': an option it does not know for this command. */
static int bad_option(int cmd, char **argv)
{
    const char *arg = argv[optind - 1];
    /* a long option has optopt 0, or its value when it was given a value
       it does not take (--help=x); else arg may be an option before a
       cluster of short ones (--all-rows -xq) */
    int is_long = arg[0] == '-' && arg[1] == '-' && (!optopt || strchr(arg, '='));
    if (is_long && optopt) {
        const optdef *d = NULL;
        int exact;
        is_long = long_matches(arg + 2, strcspn(arg + 2, "="), cmd, &d, &exact) == 1 &&
                  d->id == optopt;
    }
    if (!is_long) {
        char opt[3] = { '-', (char)optopt, '\0' };
        if (option_cmds(optopt) & C(cmd)) /* (not reached: getopt knows it) */
            return cli_usage(cmd, "bad option %s", opt);
        if (option_cmds(optopt))
            return not_for(cmd, opt, optopt);
        return cli_usage(cmd, "unrecognized option '%s'", opt);
    }
    /* a long option: --NAME or --NAME=VALUE */
    const char *name = arg + 2, *eq = strchr(name, '=');
    size_t n = eq ? (size_t)(eq - name) : strlen(name);
    const optdef *d = NULL;
    int exact, count = long_matches(name, n, cmd, &d, &exact);
    if (count == 1 && eq && d->has_arg == no_argument)
        return cli_usage(cmd, "--%s takes no value", d->name);
    if (count > 1) {
        char list[512];
        size_t k = 0;
        for (int i = 0; i < NOPTIONS && k < sizeof list; i++) {
            const optdef *e = &OPTIONS[i];
            int seen = 0;
            for (int j = 0; j < i; j++)
                seen |= OPTIONS[j].id == e->id;
            if (!seen && e->name && strncmp(e->name, name, n) == 0 && (option_cmds(e->id) & C(cmd)))
                k += (size_t)snprintf(list + k, sizeof list - k, "%s--%s", k ? ", " : "", e->name);
        }
        return cli_usage(cmd, "option '--%.*s' is ambiguous: %s", (int)n, name, list);
    }
    /* another command's option? */
    if (long_matches(name, n, -1, &d, &exact) == 1 || exact) {
        char opt[64];
        snprintf(opt, sizeof opt, "--%s", d->name);
        return not_for(cmd, opt, d->id);
    }
    const char *cands[NOPTIONS];
    size_t nc = 0;
    char word[64], hint[256];
    for (int i = 0; i < NOPTIONS; i++)
        if (OPTIONS[i].name && (option_cmds(OPTIONS[i].id) & C(cmd))) {
            int seen = 0;
            for (size_t j = 0; j < nc; j++)
                seen |= strcmp(cands[j], OPTIONS[i].name) == 0;
            if (!seen)
                cands[nc++] = OPTIONS[i].name;
        }
    snprintf(word, sizeof word, "%.*s", (int)(n < 63 ? n : 63), name);
    suggest(hint, sizeof hint, word, cands, nc, "--");
    return cli_usage(cmd, "unrecognized option '--%.*s'%s", (int)n, name, hint);
}

/* getopt_long returned ':': an option given no value. */
static int missing_value(int cmd, char **argv, int id)
{
    char opt[64], vals[256];
    const char *arg = argv[optind - 1];
    if (arg[0] == '-' && arg[1] == '-')
        snprintf(opt, sizeof opt, "%.*s", (int)strcspn(arg, "="), arg);
    else
        snprintf(opt, sizeof opt, "-%c", id);
    if (!has_values(id))
        return cli_usage(cmd, "%s needs a value", opt);
    list_values(vals, sizeof vals, id, cmd, ", ");
    return cli_usage(cmd, "%s needs a value (%s)", opt, vals);
}

/* path ends in one of the endings of list ("" none, else separated by spaces);
   the length of the longest, or 0. */
static size_t ends_in(const char *path, const char *list)
{
    size_t best = 0, plen = strlen(path);
    for (const char *e = list; *e;) {
        size_t n = strcspn(e, " ");
        if (n < plen && n > best && strncasecmp(path + plen - n, e, n) == 0 &&
            path[plen - n - 1] != '/')
            best = n;
        e += n;
        e += *e == ' ';
    }
    return best;
}

/* -o FILE's ending: the value of option id it picks in cmd (the longest
   ending that matches); NULL if none. */
static const optval *ending_value(const char *path, int id, int cmd)
{
    const optval *best = NULL;
    size_t best_len = 0;
    for (int i = 0; i < NVALUES; i++) {
        const optval *v = &VALUES[i];
        size_t n;
        if (v->id == id && (v->cmds & C(cmd)) && (n = ends_in(path, v->exts)) > best_len) {
            best = v;
            best_len = n;
        }
    }
    return best;
}

/* -o FILE and the format: with none given, FILE's ending picks it; given,
   an ending that names another one gets a warning (the format given wins). */
static void infer_format(options *o, int given, const char *why)
{
    int id = ending_option(o->command);
    int *field = id == OPT_DIAG_FORMAT ? &o->diag_format : &o->format;
    if (!o->output || !id || strcmp(o->output, "-") == 0)
        return;
    const optval *named = ending_value(o->output, id, o->command);
    if (!named)
        return;
    if (!given) {
        *field = named->value;
        if (id == 'f')
            o->format_given = 1;
        return;
    }
    for (int i = 0; i < NVALUES; i++) {
        const optval *v = &VALUES[i];
        if (v->id != id || v->value != *field || !(v->cmds & C(o->command)))
            continue;
        /* its own ending, or one it also goes to (metrics.txt, bench.json) */
        if (!ends_in(o->output, v->exts) && !ends_in(o->output, v->also) && !o->quiet)
            fprintf(stderr, "memfold: writing %s to '%s' (%s)\n", v->name, o->output, why);
        return;
    }
}

/* -W NAME and --prefix REGEX, checked before anything is read: a usage
   error with its Try line (cli_reader would find them too, later). */
static int check_reading_options(const options *o)
{
    const mf_check_info *lists[2];
    size_t n[2];
    lists[0] = mf_checks(&n[0]);
    lists[1] = mf_dat_checks(&n[1]);
    for (size_t w = 0; w < o->nw; w++) {
        const char *cands[256];
        size_t nc = 0;
        int found = 0;
        for (int l = 0; l < 2; l++)
            for (size_t i = 0; i < n[l]; i++) {
                if (!lists[l][i].configurable)
                    continue;
                found |= strcmp(lists[l][i].name, o->w[w].name) == 0;
                if (nc < 256)
                    cands[nc++] = lists[l][i].name;
            }
        if (!found) {
            char hint[256];
            suggest(hint, sizeof hint, o->w[w].name, cands, nc, "");
            return cli_usage(o->command, "no check called '%s' that can be changed (see 'memfold "
                             "check --list-checks')%s", o->w[w].name, hint);
        }
    }
    if (o->prefix) {
        mf_reader_handlers h;
        memset(&h, 0, sizeof h);
        mf_reader *r = mf_reader_new(&h, NULL);
        mf_error err;
        int rc = r ? mf_reader_set_prefix(r, o->prefix, &err) : MF_OK;
        mf_reader_free(r);
        if (rc == MF_ERR_NOMEM)
            return cli_usage(o->command, "%s", strerror(ENOMEM));
        if (rc != MF_OK)
            return cli_usage(o->command, "--prefix '%s': %s", o->prefix, err.message);
    }
    return -1;
}

/* Returns -1 to go on, or an exit status. */
static int parse_options(options *o, int argc, char **argv)
{
    getopt_tables t;
    int color = 2, c, longindex, diag_given = 0;
    int cmd = o->command;
    char why[96] = "";
    o->max_errors = 50;
    o->top = -1;
    build_tables(&t, cmd);
    optind = 1;
    opterr = 0;
    while ((longindex = -1, c = getopt_long(argc, argv, t.shorts, t.longs, &longindex)) != -1) {
        if (c == '?')
            return bad_option(cmd, argv);
        if (c == ':')
            return missing_value(cmd, argv, optopt);
        /* the option as it was written: -f or --format */
        char opt[64];
        if (longindex >= 0)
            snprintf(opt, sizeof opt, "--%s", t.longs[longindex].name);
        else
            snprintf(opt, sizeof opt, "-%c", c);
        int v = 0;
        if (has_values(c)) {
            const optval *val = find_value(c, cmd, optarg);
            if (!val) {
                char vals[256];
                list_values(vals, sizeof vals, c, cmd, ", ");
                return cli_usage(cmd, "unknown %s '%s' for %s (%s)", value_noun(c), optarg,
                                 cli_commands[cmd], vals);
            }
            v = val->value;
        }
        switch (c) {
        case 'f':
            o->format = v;
            o->format_given = 1;
            snprintf(why, sizeof why, "%s %s", opt, optarg);
            break;
        case 'o': o->output = optarg; break;
        case 'i': o->in_place = 1; break;
        case OPT_SORT:
            if (cmd == CMD_DIFF)
                o->diff.sort = v;
            else
                o->sort = v;
            break;
        case OPT_TOP: {
            long n;
            if (parse_long(optarg, 0, 1000000, &n) != 0)
                return cli_usage(cmd, "--top takes a number of functions (0 for all), not '%s'",
                                 optarg);
            o->top = n;
            o->diff.top = (size_t)n;
            break;
        }
        case 'j': {
            long n;
            if (parse_long(optarg, 1, 1024, &n) != 0)
                return cli_usage(cmd, "%s takes a number of threads from 1 to 1024, not '%s'",
                                 opt, optarg);
            o->jobs = (unsigned)n;
            break;
        }
        case OPT_RELATIVE: o->relative = 1; break;
        case OPT_RUNS: o->runs = 1; break;
        case OPT_ALL_ROWS: o->all_rows = 1; break;
        case OPT_STRICT: o->strict = 1; break;
        case OPT_PURE: o->pure = 1; break;
        case OPT_LENIENT: o->lenient = 1; break;
        case OPT_ALLOW_EMPTY:   /* an input with no report only warns */
            if (set_check(o, "no-blocks", MF_LEVEL_WARNING) != 0)
                return cli_usage(cmd, "%s", strerror(ENOMEM));
            o->diff.allow_empty = 1;
            break;
        case OPT_PREFIX: o->prefix = optarg; break;
        case OPT_MAX_INCREASE:
            if (parse_limit(&o->diff, optarg) != 0)
                return cli_usage(cmd, "--max-increase takes N%% or N MiB, not '%s'", optarg);
            break;
        case OPT_METRIC: o->diff.metrics |= 1u << v; break;
        case OPT_MATCH: o->diff.match_name = v; break;
        case OPT_STRIP_PREFIX: {
            int i = 0;
            while (i < 8 && o->diff.strip_prefix[i])
                i++;
            if (i == 8)
                return cli_usage(cmd, "%s", "at most 8 --strip-prefix");
            o->diff.strip_prefix[i] = optarg;
            break;
        }
        case OPT_FAIL_NEW: o->diff.fail_on_new = 1; break;
        case OPT_FAIL_REMOVED: o->diff.fail_on_removed = 1; break;
        case OPT_OLD:
        case OPT_NEW:
            if (c == OPT_OLD ? add_side_file(&o->diff_old, &o->ndiff_old, optarg)
                             : add_side_file(&o->diff_new, &o->ndiff_new, optarg))
                return cli_usage(cmd, "%s", strerror(ENOMEM));
            break;
        case OPT_MAX_PEAK:
        case OPT_MAX_RISE:
        case OPT_MAX_NET:
        case OPT_MAX_MEAN: {
            int m = c == OPT_MAX_PEAK ? MF_METRIC_PEAK : c == OPT_MAX_RISE ? MF_METRIC_RISE
                  : c == OPT_MAX_NET ? MF_METRIC_NET : MF_METRIC_MEAN;
            if (mf_limit_parse(optarg, 1, &o->diff.limits[m]) != MF_OK)
                return cli_usage(cmd, "%s takes N MiB, not '%s'", opt, optarg);
            break;
        }
        case OPT_BUDGET: o->budget = optarg; break;
        case OPT_ALLOW_ERRORS: o->diff.allow_input_errors = 1; break;
        case OPT_ALLOW_CHANGED: o->diff.allow_all_changed = 1; break;
        case OPT_ANNOTATE: o->annotate = 1; break;
        case OPT_FUNCTION: o->plot_function = optarg; break;
        case OPT_TITLE: o->plot_title = optarg; break;
        case OPT_WIDTH: {
            long w;
            if (parse_long(optarg, 300, 10000, &w) != 0)
                return cli_usage(cmd, "--width takes a number of pixels from 300 to 10000, "
                                 "not '%s'", optarg);
            o->plot_width = (int)w;
            break;
        }
        case 'q': o->quiet = 1; break;
        case 'W':
            if (parse_w(o, optarg) != 0)
                return cli_usage(cmd, "%s", strerror(ENOMEM));
            break;
        case OPT_COLOR: color = v; break;
        case OPT_DIAG_FORMAT:
            o->diag_format = v;
            diag_given = 1;
            if (cmd == CMD_CHECK)
                snprintf(why, sizeof why, "%s %s", opt, optarg);
            break;
        case OPT_MAX_ERRORS: {
            char *end;
            errno = 0;
            unsigned long long n = strtoull(optarg, &end, 10);
            if (errno || *end || !*optarg || optarg[0] == '-')
                return cli_usage(cmd, "--max-errors takes a number, not '%s'", optarg);
            o->max_errors = n;
            break;
        }
        case 'h': help(cmd); return EXIT_OK;
        case OPT_VERSION: printf("memfold %s\n", mf_version()); return EXIT_OK;
        case OPT_LIST_CHECKS: list_checks(); return EXIT_OK;
        default: return cli_usage(cmd, "bad option %s", opt);
        }
    }
    if (o->runs && o->format_given && o->format != MF_FMT_JSON) {
        const optval *f = NULL;
        for (int i = 0; i < NVALUES && !f; i++)
            if (VALUES[i].id == 'f' && VALUES[i].value == o->format)
                f = &VALUES[i];
        return cli_usage(cmd, "summary --runs writes JSON only (-f json), not '%s'",
                         f ? f->name : "?");
    }
    if (o->runs) {
        o->format = MF_FMT_JSON;
        infer_format(o, 1, "--runs");
    } else {
        infer_format(o, cmd == CMD_CHECK ? diag_given : o->format_given, why);
    }
    if (o->top > 0 && (o->runs || o->format == MF_FMT_OPENMETRICS ||
                       o->format == MF_FMT_BENCHMARK_JSON))
        return cli_usage(cmd, "--top cuts the tables of summary, not %s",
                         o->runs ? "--runs" : "the trend formats (every function is a series)");
    o->color = resolve_color(color);
    o->color_out = color == 1 ||
                   (color == 2 && isatty(STDOUT_FILENO) && !getenv("NO_COLOR"));
    o->inputs = argv + optind;
    o->ninputs = (size_t)(argc - optind);
    return check_reading_options(o);
}

/* ---- the run ------------------------------------------------------------------ */

/* A terminal on stdin and no FILE: say what memfold is waiting for. */
static void note_terminal_input(const options *o)
{
    if (!o->quiet && isatty(STDIN_FILENO))
        fprintf(stderr, "memfold: reading %s from the terminal (standard input); end it with "
                "Ctrl-D, or give a FILE\n", o->command == CMD_MERGE ? "a summary JSON" : "a report");
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
        return cli_usage(CMD_FMT, "%s", "fmt -i writes each FILE back: it takes no -o");
    if (o->ninputs == 0)
        return cli_usage(CMD_FMT, "%s", "fmt -i needs the FILEs to rewrite");
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
    int from_stdin = o->ninputs == 0 && o->command != CMD_DIFF;
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

/* A command by its name; -1 (with a message) if there is none. */
static int find_command(const char *name)
{
    char hint[256];
    struct stat st;
    for (int c = 0; c < CMD_NCOMMANDS; c++)
        if (strcmp(name, cli_commands[c]) == 0)
            return c;
    if (name[0] == '-') {
        cli_usage(-1, "unrecognized option '%s' (options come after the COMMAND: memfold "
                  "COMMAND [OPTIONS] [FILE...])", name);
        return -1;
    }
    suggest(hint, sizeof hint, name, cli_commands, CMD_NCOMMANDS, "");
    if (!*hint && stat(name, &st) == 0)   /* memfold run.log */
        cli_usage(-1, "unknown command '%s'; a FILE comes after the COMMAND: memfold summary %s",
                  name, name);
    else
        cli_usage(-1, "unknown command '%s'%s", name, hint);
    return -1;
}

int main(int argc, char **argv)
{
    mf_set_alloc_funcs(cli_malloc, cli_realloc, free);
    options o;
    memset(&o, 0, sizeof o);
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *first = argv[1];
    if (strcmp(first, "--help") == 0 || strcmp(first, "-h") == 0 ||
        (strcmp(first, "help") == 0 && argc == 2)) {
        fputs(USAGE, stdout);
        return EXIT_OK;
    }
    if (strcmp(first, "--version") == 0 || strcmp(first, "-V") == 0 ||
        strcmp(first, "-v") == 0) {
        printf("memfold %s\n", mf_version());
        return EXIT_OK;
    }
    if (strcmp(first, "help") == 0) {   /* memfold help COMMAND */
        if (argc > 3)
            return cli_usage(-1, "help takes one COMMAND, not %d words", argc - 2);
        if ((o.command = find_command(argv[2])) < 0)
            return EXIT_USAGE;
        help(o.command);
        return EXIT_OK;
    }
    if ((o.command = find_command(first)) < 0)
        return EXIT_USAGE;
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
