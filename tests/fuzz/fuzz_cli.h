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
#include <jansson.h>
#include "cli/cli.h"

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

static int fuzz_fds[4] = { -1, -1, -1, -1 };

/* File `slot` (0..3) now holds data; its path is returned (static). */
static const char *fuzz_file(int slot, const void *data, size_t len)
{
    int *fds = fuzz_fds;
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

/* ---- what a command wrote must be safe and valid ----------------------------
 * A command given fuzz_output() as -o writes into slot 3; fuzz_check_output
 * then aborts (a finding) when a text table holds a control character or
 * bad UTF-8 that could reach a terminal raw, when JSON does not parse, or
 * when an SVG holds a character XML 1.0 forbids. */
enum { FUZZ_OUT_TEXT, FUZZ_OUT_JSON, FUZZ_OUT_NDJSON, FUZZ_OUT_SVG };

static const char *fuzz_output(void)
{
    return fuzz_file(3, NULL, 0);
}

/* The code point at s (n bytes left) into *cp; its length, or 0 when the
   bytes are not UTF-8 (overlong, surrogate, past U+10FFFF, cut short). */
static size_t fuzz_utf8(const unsigned char *s, size_t n, unsigned *cp)
{
    static const unsigned min[] = { 0, 0, 0x80, 0x800, 0x10000 };
    size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
               : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || len > n)
        return 0;
    unsigned c = len == 1 ? s[0] : s[0] & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        c = c << 6 | (s[i] & 0x3F);
    }
    if (c < min[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
        return 0;
    *cp = c;
    return len;
}

/* Whether code point c may stand in output of that kind. */
static int fuzz_char_ok(unsigned c, int kind)
{
    if (c == '\n' || c == '\t')
        return 1;
    if (kind == FUZZ_OUT_SVG)
        return c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF);
    /* a terminal obeys C0, DEL and C1 */
    return c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F);
}

static void fuzz_check_chars(const unsigned char *s, size_t n, int kind)
{
    for (size_t i = 0; i < n;) {
        unsigned c;
        size_t len = fuzz_utf8(s + i, n - i, &c);
        if (len == 0 || !fuzz_char_ok(c, kind)) {
            fprintf(stderr, "fuzz: output kind %d: byte %zu (0x%02x) must not be there\n", kind, i,
                    s[i]);
            abort();
        }
        i += len;
    }
}

static void fuzz_check_json(const char *s, size_t n)
{
    json_error_t e;
    json_t *j = json_loadb(s, n, JSON_ALLOW_NUL, &e);   /* \u0000 is valid JSON */
    if (!j) {
        fprintf(stderr, "fuzz: JSON output does not parse: line %d: %s\n", e.line, e.text);
        abort();
    }
    json_decref(j);
}

/* Check what the command wrote to fuzz_output() (nothing is fine: an
   input error may stop it). */
static void fuzz_check_output(int kind)
{
    off_t end = lseek(fuzz_fds[3], 0, SEEK_END);
    if (end <= 0)
        return;
    char *buf = malloc((size_t)end + 1);
    if (!buf || pread(fuzz_fds[3], buf, (size_t)end, 0) != end)
        abort();
    size_t n = (size_t)end;
    if (kind == FUZZ_OUT_JSON) {
        fuzz_check_json(buf, n);
    } else if (kind == FUZZ_OUT_NDJSON) {
        for (char *line = buf, *nl; line < buf + n; line = nl + 1) {
            nl = memchr(line, '\n', (size_t)(buf + n - line));
            if (!nl)
                nl = buf + n;
            fuzz_check_json(line, (size_t)(nl - line));
        }
    }
    fuzz_check_chars((const unsigned char *)buf, n, kind);
    free(buf);
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
