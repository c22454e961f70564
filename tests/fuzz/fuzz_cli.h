/* fuzz_cli.h -- what the harnesses that drive memfold's commands
 * (cmd_plot, cmd_diff, cmd_read) share: the fuzzer's bytes as files the
 * commands can open (memfd, named /proc/self/fd/N), options as main.c
 * leaves them before a command reads them, and stdout sent to /dev/null.
 * Run them with -close_fd_mask=2 so that the commands' messages do not
 * flood the log (crash reports still reach it). */
#ifndef MF_FUZZ_CLI_H
#define MF_FUZZ_CLI_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "cli.h"

/* Once per process: the commands write their output to stdout. */
static void fuzz_quiet_stdout(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    fflush(stdout);
    int fd = open("/dev/null", O_WRONLY);
    if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0)
        abort();
    close(fd);
}

/* File `slot` (0..3) now holds data; its path is returned (static). */
static const char *fuzz_file(int slot, const void *data, size_t len)
{
    static int fds[4] = { -1, -1, -1, -1 };
    static char paths[4][40];
    if (fds[slot] < 0) {
        fds[slot] = memfd_create("memfold-fuzz", 0);
        if (fds[slot] < 0)
            abort();
        snprintf(paths[slot], sizeof paths[slot], "/proc/self/fd/%d", fds[slot]);
    }
    if (ftruncate(fds[slot], 0) != 0 || (len && pwrite(fds[slot], data, len, 0) != (ssize_t)len))
        abort();
    return paths[slot];
}

/* Options as main.c sets them before parsing the command line. */
static options fuzz_options(int command, char **inputs, size_t ninputs)
{
    options o;
    memset(&o, 0, sizeof o);
    o.command = command;
    o.max_errors = 50;
    o.inputs = inputs;
    o.ninputs = ninputs;
    return o;
}

#endif
