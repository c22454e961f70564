/* cli/usage.c -- usage errors, said one way by every command: one line per
 * problem after the one prefix "memfold: ", then the help to read. */
#include <stdarg.h>
#include <stdio.h>
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
