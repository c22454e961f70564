/* output.c -- writing results safely.
 *
 * `-o FILE` must never leave half a file: the output goes to a temporary
 * file in the same directory, which is renamed over FILE only when all of
 * it was written.  A device or FIFO (/dev/stdout, /dev/full, a pipe) is
 * written directly: renaming over it would replace it.  A signal while
 * writing removes the temporary file.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "output.h"

/* The one piece of global state: what a signal handler must remove. */
static char pending_tmp[4096];

static void on_signal(int sig)
{
    if (pending_tmp[0])
        unlink(pending_tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

static void watch_signals(const char *tmp)
{
    static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
    snprintf(pending_tmp, sizeof pending_tmp, "%s", tmp);
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], on_signal);
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

static void fail(const char *what, const char *path)
{
    fprintf(stderr, "memfold: %s '%s': %s\n", what, path, strerror(errno));
}

int out_open(out_file *o, const char *path, int hold)
{
    struct stat st;
    memset(o, 0, sizeof *o);
    if (!path || strcmp(path, "-") == 0) {
        o->held = hold;
        o->fp = hold ? tmpfile() : stdout;
        if (!o->fp) {
            fail("cannot create a temporary file for", "stdout");
            return -1;
        }
        return 0;
    }
    o->path = path;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            errno = EISDIR;
            fail("cannot write", path);
            return -1;
        }
        o->fp = fopen(path, "w");   /* device or FIFO: write it directly */
        if (!o->fp) {
            fail("cannot write", path);
            return -1;
        }
        return 0;
    }
    size_t n = strlen(path) + sizeof ".memfold-XXXXXX";
    o->tmp = malloc(n);
    if (!o->tmp)
        return -1;
    snprintf(o->tmp, n, "%s.memfold-XXXXXX", path);
    int fd = mkstemp(o->tmp);
    if (fd < 0) {
        fail("cannot write", path);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    watch_signals(o->tmp);
    fchmod(fd, 0666 & ~current_umask());
    o->fp = fdopen(fd, "w");
    if (!o->fp) {
        fail("cannot write", path);
        close(fd);
        out_abort(o);
        return -1;
    }
    return 0;
}

static int copy_held(FILE *from)
{
    char buf[65536];
    size_t n;
    rewind(from);
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        if (fwrite(buf, 1, n, stdout) != n)
            return -1;
    return ferror(from) ? -1 : 0;
}

int out_commit(out_file *o)
{
    const char *name = o->path ? o->path : "stdout";
    int bad = fflush(o->fp) != 0 || ferror(o->fp);
    if (!bad && o->held)
        bad = copy_held(o->fp) != 0 || fflush(stdout) != 0;
    if (o->fp != stdout && fclose(o->fp) != 0)
        bad = 1;
    o->fp = NULL;
    if (bad && errno == EPIPE) {
        /* the reader went away (`memfold lines big.log | head`): end as a
           pipeline's writer does, quietly, by SIGPIPE */
        out_abort(o);
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    if (bad) {
        if (errno == 0)
            errno = EIO;
        fail("error writing", name);
        out_abort(o);
        return -1;
    }
    if (o->tmp) {
        if (rename(o->tmp, o->path) != 0) {
            fail("cannot write", o->path);
            out_abort(o);
            return -1;
        }
        pending_tmp[0] = '\0';
        free(o->tmp);
        o->tmp = NULL;
    }
    return 0;
}

void out_abort(out_file *o)
{
    if (o->fp && o->fp != stdout)
        fclose(o->fp);
    o->fp = NULL;
    if (o->tmp) {
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
    }
    pending_tmp[0] = '\0';
}
