/* cli/usage.c -- usage errors, said one way by every command: one line per
 * problem after the one prefix "memfold: ", then the help to read. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

const char *const cli_commands[CMD_NCOMMANDS] = { "summary", "lines", "check", "fmt", "diff",
                                                  "merge", "plot" };

int cli_usage(int command, const char *fmt, ...)
{
    va_list ap;
    fputs("memfold: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (command >= 0 && command < CMD_NCOMMANDS)
        fprintf(stderr, "\nTry 'memfold %s --help'.\n", cli_commands[command]);
    else
        fputs("\nTry 'memfold --help'.\n", stderr);
    return EXIT_USAGE;
}

size_t cli_edit_distance(const char *a, const char *b)
{
    size_t n = strnlen(a, 64), m = strnlen(b, 64), d[65][65];
    for (size_t i = 0; i <= n; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= m; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 1; j <= m; j++) {
            size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[n][m];
}
