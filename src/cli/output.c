/* cli/output.c -- writing results safely.
 *
 * `-o FILE` must never leave half a file: the output goes to a temporary
 * file beside FILE (beside the file a symbolic link names: the link stays
 * a link), which is renamed over it, with FILE's mode, only when all of it
 * was written.  A device, FIFO, socket or /proc/self/fd/N (/dev/stdout) is
 * written directly: renaming over it would replace it.
 *
 * Every write goes through write(2) here (a stdio stream on a cookie), so
 * the errno of a failed write is kept and always reported, however deep in
 * an emitter it happened.  The temporary file is removed whichever way
 * memfold ends short of SIGKILL: at exit() (out of memory) and on every
 * signal whose default action ends the process.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* fopencookie */
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif
#include <sys/wait.h>
#include "cli/cli.h"
#include "cli/output.h"

/* ---- what must not survive: the pending temporary files ------------------ */

/* The one piece of global state: what a signal handler or exit removes.
   Slot 0 is out_open's file; plot -o FILE.png adds its SVG and its PNG
   (PENDING_SVG, PENDING_PNG). */
enum { PENDING_OUT, PENDING_SVG, PENDING_PNG, NPENDING };
static char pending_tmps[NPENDING][8192];
static volatile sig_atomic_t have_pendings[NPENDING];
static volatile sig_atomic_t exiting;
#define pending_tmp pending_tmps[PENDING_OUT]
#define have_pending have_pendings[PENDING_OUT]

static void remove_slot(int slot)
{
    if (have_pendings[slot])
        unlink(pending_tmps[slot]);
    have_pendings[slot] = 0;
}

static void remove_pending(void)
{
    remove_slot(PENDING_OUT);
}

/* Only async-signal-safe calls: unlink, then die of the same signal (the
   handler was reset to the default on entry, and the signal is not
   blocked in it). */
static void on_signal(int sig)
{
    for (int i = 0; i < NPENDING; i++)
        if (have_pendings[i])
            unlink(pending_tmps[i]);
    raise(sig);
}

static void at_exit(void)
{
    exiting = 1;          /* what is still buffered is not written */
    for (int i = 0; i < NPENDING; i++)
        remove_slot(i);
}

/* Every signal whose default action ends the process. */
static const int TERMINATING[] = {
    SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGUSR1, SIGSEGV,
    SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGSYS,
#ifdef SIGPOLL
    SIGPOLL,
#endif
#ifdef SIGPWR
    SIGPWR,
#endif
#ifdef SIGSTKFLT
    SIGSTKFLT,
#endif
#ifdef SIGEMT
    SIGEMT,
#endif
#ifdef SIGLOST
    SIGLOST,
#endif
};

/* Only a signal left at its default: one ignored when memfold started
   (nohup, a CI runner ignoring SIGPIPE) stays ignored, and a handler put
   there before (a sanitizer's, for SIGSEGV) stays in place. */
static void watch_signal(int sig)
{
    struct sigaction sa, old;
    if (sigaction(sig, NULL, &old) != 0 || (old.sa_flags & SA_SIGINFO) ||
        old.sa_handler != SIG_DFL)
        return;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

static void watch_endings(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    atexit(at_exit);
    for (size_t i = 0; i < sizeof TERMINATING / sizeof TERMINATING[0]; i++)
        watch_signal(TERMINATING[i]);
#ifdef SIGRTMIN
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
        watch_signal(sig);
#endif
}

/* mkstemp with every signal blocked, so that no signal can come between
   the file's creation and its registration. */
static int create_slot(char *tmp, int slot)
{
    sigset_t all, old;
    if (strlen(tmp) >= sizeof pending_tmps[slot]) {
        errno = ENAMETOOLONG;
        return -1;
    }
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    int fd = mkstemp(tmp);
    int saved = errno;
    if (fd >= 0) {
        memcpy(pending_tmps[slot], tmp, strlen(tmp) + 1);
        have_pendings[slot] = 1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = saved;
    return fd;
}

static int create_pending(char *tmp)
{
    return create_slot(tmp, PENDING_OUT);
}

/* ---- writing: every byte through write(2), its errno kept --------------- */

static int write_all(int fd, const char *buf, size_t n)
{
    while (n > 0) {
        ssize_t k = write(fd, buf, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0) {
            if (k == 0)
                errno = EIO;
            return -1;
        }
        buf += k;
        n -= (size_t)k;
    }
    return 0;
}

static ssize_t cookie_write(void *cookie, const char *buf, size_t n)
{
    out_file *o = cookie;
    if (o->discard || exiting)
        return (ssize_t)n;    /* dropped on purpose: memfold gives up */
    if (o->err)
        return 0;             /* failed before: stays failed */
    if (write_all(o->hold_fd >= 0 ? o->hold_fd : o->fd, buf, n) != 0) {
        o->err = errno;
        return 0;
    }
    return (ssize_t)n;
}

static int start_stream(out_file *o, int hold)
{
    cookie_io_functions_t io = { NULL, cookie_write, NULL, NULL };
    if (hold) {
        FILE *t = tmpfile();
        o->hold_fd = t ? dup(fileno(t)) : -1;
        if (t)
            fclose(t);
        if (o->hold_fd < 0)
            return -1;
    }
    o->fp = fopencookie(o, "w", io);
    if (!o->fp)
        return -1;
    setvbuf(o->fp, NULL, isatty(o->fd) ? _IOLBF : _IOFBF, 1 << 16);
    return 0;
}

/* ---- where the bytes go --------------------------------------------------- */

static void fail(const char *what, const char *path)
{
    fprintf(stderr, "memfold: %s '%s': %s\n", what, path, strerror(errno));
}

static mode_t current_umask(void)
{
    mode_t m = umask(0);
    umask(m);
    return m;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* A link of procfs (/proc/self/fd/N, what /dev/stdout and /dev/fd/N lead
   to) names an open file, not a place to put a new one. */
static int is_proc_link(const char *link)
{
    if (strncmp(link, "/proc/", 6) == 0 || strncmp(link, "/dev/fd/", 8) == 0)
        return 1;
#ifdef __linux__
    struct statfs fs;
    char *dir = dir_of(link);
    int proc = dir && statfs(dir, &fs) == 0 && fs.f_type == 0x9fa0;   /* PROC_SUPER_MAGIC */
    free(dir);
    return proc;
#else
    return 0;
#endif
}

/* What the symbolic link names, as a path usable from here. */
static char *read_link(const char *link)
{
    size_t size = 256;
    for (;;) {
        char *buf = malloc(size);
        if (!buf)
            return NULL;
        ssize_t n = readlink(link, buf, size);
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if ((size_t)n < size) {
            buf[n] = '\0';
            if (buf[0] == '/')
                return buf;
            char *dir = dir_of(link), *full = NULL;
            if (dir && (full = malloc(strlen(dir) + strlen(buf) + 2)))
                sprintf(full, "%s/%s", dir, buf);
            free(dir);
            free(buf);
            return full;
        }
        free(buf);
        size *= 2;
    }
}

/* path with the symbolic links of its last component followed; *direct
   set when the chain reaches a procfs link, to be written through. */
static char *follow_links(const char *path, int *direct)
{
    char *cur = strdup(path);
    for (int hops = 0; cur && hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur;
        if (is_proc_link(cur)) {
            *direct = 1;
            return cur;
        }
        char *next = read_link(cur);
        free(cur);
        cur = next;
    }
    if (cur)
        errno = ELOOP;
    free(cur);
    return NULL;
}

/* The file is one memfold already has open as stdout or stderr (-o
   /dev/stdout): write to that descriptor, at its offset, in its mode. */
static int open_fd_of(const struct stat *st)
{
    static const int fds[] = { STDOUT_FILENO, STDERR_FILENO };
    struct stat fst;
    for (int i = 0; i < 2; i++)
        if (fstat(fds[i], &fst) == 0 && fst.st_dev == st->st_dev && fst.st_ino == st->st_ino)
            return fds[i];
    return -1;
}

static int open_direct(out_file *o, const char *path, int hold)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fail("cannot write", o->path);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        fail("cannot write", o->path);
        return -1;
    }
    o->fd = open_fd_of(&st);
    if (o->fd < 0) {
        int trunc = S_ISREG(st.st_mode) ? O_TRUNC : 0;
        o->fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC | trunc);
        o->own_fd = o->fd >= 0;
    }
    if (o->fd < 0 || start_stream(o, hold) != 0) {
        fail("cannot write", o->path);
        return -1;
    }
    return 0;
}

/* A new file gets 0666 less the umask; a file replaced keeps its mode
   and, when memfold may give it, its owner. */
static void take_mode(int fd, const struct stat *old)
{
    if (!old) {
        fchmod(fd, 0666 & ~current_umask());
        return;
    }
    if ((old->st_uid != geteuid() || old->st_gid != getegid()) &&
        fchown(fd, old->st_uid, old->st_gid) != 0) {
        /* not ours to give: the new file is memfold's user's */
    }
    fchmod(fd, old->st_mode & (0777 | S_ISVTX));
}

static int open_temp(out_file *o, const struct stat *old)
{
    size_t n = strlen(o->target) + sizeof ".memfold-XXXXXX";
    o->tmp = malloc(n);
    if (!o->tmp)
        return -1;
    snprintf(o->tmp, n, "%s.memfold-XXXXXX", o->target);
    o->fd = create_pending(o->tmp);
    if (o->fd < 0) {
        fail("cannot write", o->path);
        free(o->tmp);
        o->tmp = NULL;
        return -1;
    }
    o->own_fd = 1;
    take_mode(o->fd, old);
    if (start_stream(o, 0) != 0) {
        fail("cannot write", o->path);
        return -1;
    }
    return 0;
}

int out_open(out_file *o, const char *path, int hold)
{
    struct stat st;
    int direct = 0;
    memset(o, 0, sizeof *o);
    o->fd = o->hold_fd = -1;
    fflush(stdout);
    watch_endings();
    if (!path || strcmp(path, "-") == 0) {
        o->fd = STDOUT_FILENO;
        if (start_stream(o, hold) != 0) {
            fail("cannot write", "stdout");
            out_abort(o);
            return -1;
        }
        return 0;
    }
    o->path = path;
    o->target = follow_links(path, &direct);
    if (!o->target) {
        fail("cannot write", path);
        return -1;
    }
    int exists = stat(o->target, &st) == 0;
    int rc = direct || (exists && !S_ISREG(st.st_mode)) ? open_direct(o, o->target, hold)
                                                         : open_temp(o, exists ? &st : NULL);
    if (rc != 0)
        out_abort(o);
    return rc;
}

/* ---- the end ------------------------------------------------------------- */

static int copy_held(out_file *o)
{
    char buf[65536];
    ssize_t n;
    if (lseek(o->hold_fd, 0, SEEK_SET) != 0)
        return -1;
    while ((n = read(o->hold_fd, buf, sizeof buf)) > 0)
        if (write_all(o->fd, buf, (size_t)n) != 0) {
            o->err = errno;
            return -1;
        }
    return n < 0 ? -1 : 0;
}

static void close_fds(out_file *o)
{
    if (o->hold_fd >= 0)
        close(o->hold_fd);
    o->hold_fd = -1;
    if (o->own_fd && close(o->fd) != 0 && !o->err && !o->discard)
        o->err = errno;
    o->own_fd = 0;
    o->fd = -1;
}

/* A failed write is always said; a closed pipe (`memfold lines big.log |
   head`) ends memfold as a pipeline's writer ends, quietly, by SIGPIPE. */
static void report_write_error(out_file *o)
{
    int err = o->err;
    o->err = 0;
    if (!err)
        return;
    if (err == EPIPE) {
        signal(SIGPIPE, SIG_DFL);
        raise(SIGPIPE);
    }
    errno = err;
    fail("error writing", o->path ? o->path : "stdout");
}

int out_commit(out_file *o)
{
    int bad = fflush(o->fp) != 0 || ferror(o->fp);
    if (!bad && o->hold_fd >= 0)
        bad = copy_held(o) != 0;
    if (fclose(o->fp) != 0)
        bad = 1;
    o->fp = NULL;
    close_fds(o);
    if (bad || o->err) {
        if (!o->err)
            o->err = errno ? errno : EIO;
        out_abort(o);
        return -1;
    }
    if (o->tmp) {
        if (rename(o->tmp, o->target) != 0) {
            fail("cannot write", o->path);
            out_abort(o);
            return -1;
        }
        have_pending = 0;
        free(o->tmp);
        o->tmp = NULL;
    }
    free(o->target);
    o->target = NULL;
    return 0;
}

void out_abort(out_file *o)
{
    o->discard = 1;
    if (o->fp)
        fclose(o->fp);
    o->fp = NULL;
    close_fds(o);
    if (o->tmp) {
        remove_pending();
        free(o->tmp);
        o->tmp = NULL;
    }
    free(o->target);
    o->target = NULL;
    report_write_error(o);
}

/* ---- an output that is an input ----------------------------------------- */

static int same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

int out_refuse_inputs(const char *path, char *const *inputs, size_t n, int fmt_hint)
{
    struct stat out, in;
    int to_stdout = !path || strcmp(path, "-") == 0;
    if ((to_stdout ? fstat(STDOUT_FILENO, &out) : stat(path, &out)) != 0 || !S_ISREG(out.st_mode))
        return 0;    /* a new file, a device, a FIFO: nothing to destroy */
    for (size_t i = 0; i < n; i++) {
        int from_stdin = strcmp(inputs[i], "-") == 0;
        if ((from_stdin ? fstat(STDIN_FILENO, &in) : stat(inputs[i], &in)) != 0 ||
            !same_file(&in, &out))
            continue;
        fprintf(stderr, "memfold: %s%s%s is the input %s%s%s: writing it would destroy the "
                "input%s\n", to_stdout ? "standard output" : "-o '", to_stdout ? "" : path,
                to_stdout ? "" : "'", from_stdin ? "(standard input)" : "'",
                from_stdin ? "" : inputs[i], from_stdin ? "" : "'",
                fmt_hint ? "; to rewrite a report in place: memfold fmt -i FILE" : "");
        return -1;
    }
    return 0;
}

/* ---- plot -o FILE.png: the SVG converted by rsvg-convert ----------------- */

/* The directory of PATH that holds an executable name, or 0. */
static int on_path(const char *name)
{
    const char *path = getenv("PATH");
    char buf[4096];
    if (!path)
        path = "/usr/bin:/bin";
    for (const char *p = path;; p += strcspn(p, ":") + 1) {
        size_t n = strcspn(p, ":");
        if (snprintf(buf, sizeof buf, "%.*s/%s", (int)n, n ? p : ".", name) < (int)sizeof buf &&
            access(buf, X_OK) == 0)
            return 1;
        if (!p[n])
            return 0;
    }
}

static int is_png(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n > 4 && strcasecmp(path + n - 4, ".png") == 0 && path[n - 5] != '/';
}

/* A temporary file beside target, in slot; its name (malloc'd) or NULL. */
static char *temp_beside(const char *target, int slot)
{
    size_t n = strlen(target) + sizeof ".memfold-XXXXXX";
    char *tmp = malloc(n);
    if (!tmp)
        return NULL;
    snprintf(tmp, n, "%s.memfold-XXXXXX", target);
    int fd = create_slot(tmp, slot);
    if (fd < 0) {
        free(tmp);
        return NULL;
    }
    close(fd);
    return tmp;
}

int out_png_begin(const char *path, char **svg)
{
    int direct = 0;
    *svg = NULL;
    if (!is_png(path))
        return 0;
    if (!on_path("rsvg-convert")) {
        size_t n = strlen(path) - 4;
        cli_usage(CMD_PLOT, "plot draws SVG, and '%s' asks for PNG: rsvg-convert "
                  "(librsvg2-bin) converts it, and it is not on PATH; install it, or "
                  "write -o %.*s.svg and convert that", path, (int)n, path);
        return -1;
    }
    watch_endings();
    char *target = follow_links(path, &direct);
    if (!target || !(*svg = temp_beside(target, PENDING_SVG))) {
        fail("cannot write", path);
        free(target);
        return -1;
    }
    free(target);
    return 1;
}

/* rsvg-convert svg -> png: 0 when it ran and said it succeeded. */
static int convert(const char *svg, const char *png)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        execlp("rsvg-convert", "rsvg-convert", "-f", "png", "-o", png, svg, (char *)NULL);
        fprintf(stderr, "memfold: cannot run rsvg-convert: %s\n", strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

int out_png_end(char *svg, const char *path, int status)
{
    int direct = 0;
    struct stat st, old;
    char *target = NULL, *png = NULL;
    if (status != 0 && status != 1)   /* EXIT_OK, EXIT_INPUT: a picture was written */
        goto done;
    target = follow_links(path, &direct);
    int exists = target && stat(target, &old) == 0;
    if (!target || !(png = temp_beside(target, PENDING_PNG))) {
        fail("cannot write", path);
        status = 2;
        goto done;
    }
    if (convert(svg, png) != 0 || stat(png, &st) != 0 || st.st_size == 0) {
        fprintf(stderr, "memfold: rsvg-convert could not convert the picture to '%s'\n", path);
        status = 2;
        goto done;
    }
    if (chmod(png, exists ? old.st_mode & (0777 | S_ISVTX) : 0666 & ~current_umask()) != 0 ||
        rename(png, target) != 0) {
        fail("cannot write", path);
        status = 2;
        goto done;
    }
    have_pendings[PENDING_PNG] = 0;
done:
    remove_slot(PENDING_PNG);
    remove_slot(PENDING_SVG);
    free(png);
    free(target);
    free(svg);
    return status;
}
