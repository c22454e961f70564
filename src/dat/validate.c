/* dat/validate.c -- the .dat validation pass: do the records make sense
 * together?  The parser has checked each line alone ("dat-syntax",
 * "dat-unknown-line", "dat-number"); this pass compares a record with
 * the ones before it: samples of a run go forward in time (each child's
 * on their own), a call ends after it starts, memory is not negative.
 * Every diagnostic points at the field it is about.  The checks and their
 * names are in checks.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memfold_dat.h"
#include "dat/checks.h"
#include "dat/util.h"
#include "core/checkset.h"
#include "core/textout.h"
#include "core/util.h"

/* The last sample of the main process or of one child, and its line (for
   the note that shows it). */
typedef struct track {
    uint64_t pid;
    int64_t time;
    uint64_t line;
    mf_field time_f;
    char *text;
    size_t len, cap;
} track;

struct mf_dat_validator {
    mf_diag_fn on_diag;
    void *user;
    checkset checks;         /* the levels, and the counts of what was reported */

    /* the run the tracks are about */
    char *source;
    uint64_t run;
    int have_main;
    track main;
    track *children;
    size_t nchildren, cap;
    hash_index index;         /* pid -> children[] */
};

mf_dat_validator *mf_dat_validator_new(mf_diag_fn on_diag, void *user)
{
    mf_dat_validator *v = try_zalloc(sizeof *v);
    if (!v)
        return NULL;
    v->on_diag = on_diag;
    v->user = user;
    size_t n;
    const mf_check_info *c = mf_dat_checks(&n);
    checkset_init(&v->checks, c, n);
    return v;
}

void mf_dat_validator_free(mf_dat_validator *v)
{
    if (!v)
        return;
    xfree(v->main.text);
    for (size_t i = 0; i < v->cap; i++)
        xfree(v->children[i].text);
    xfree(v->children);
    hash_index_free(&v->index);
    xfree(v->source);
    xfree(v);
}

/* The levels are a check set's (core/checkset.c), as the report validator's are. */
int mf_dat_validator_set(mf_dat_validator *v, const char *name, int level)
    { return checkset_set(&v->checks, name, level) == 0 ? MF_OK : MF_ERR_ARG; }
void mf_dat_validator_strict(mf_dat_validator *v) { checkset_strict(&v->checks); }
uint64_t mf_dat_validator_errors(const mf_dat_validator *v) { return v->checks.errors; }
uint64_t mf_dat_validator_warnings(const mf_dat_validator *v) { return v->checks.warnings; }

/* ---- reporting -------------------------------------------------------- */

/* Report check chk at field f of r, with an optional note; returns 1 for
   an error. */
static int report(mf_dat_validator *v, enum dat_check_id chk, const mf_dat_record *r,
                  mf_field f, const mf_diag *note, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static int report(mf_dat_validator *v, enum dat_check_id chk, const mf_dat_record *r,
                  mf_field f, const mf_diag *note, const char *fmt, ...)
{
    if (!checkset_on(&v->checks, chk))
        return 0;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    mf_diag d = {
        .message = msg, .file = r->source, .line = r->line,
        .column = f.off + 1, .end_column = f.off + f.len + 1,
        .source = r->text, .source_len = r->len, .note = note,
    };
    return checkset_report(&v->checks, chk, &d, v->on_diag, v->user);
}

/* How much of a name (a FUNC line's function: any length, any bytes) a
   message quotes: at most 60 bytes, cut between two characters, with
   *more set to "..." after a cut.  The printer shows control characters
   in it escaped. */
static int quote_len(const char *s, size_t len, const char **more)
{
    size_t n = 0, k;
    int32_t cp;
    *more = "";
    while (n < len && n + (k = utf8_next(s + n, len - n, &cp)) <= 60)
        n += k;
    if (n < len)
        *more = "...";
    return (int)n;
}

static int64_t scaled(mf_decimal d)
{
    return mf_decimal_scaled(d);  /* in range: the parser checked */
}

/* ---- runs and tracks -------------------------------------------------- */

/* A new input or run: forget the samples of the last one. */
static void enter_run(mf_dat_validator *v, const mf_dat_record *r)
{
    if (v->source && v->run == r->run && strcmp(v->source, r->source ? r->source : "") == 0)
        return;
    xfree(v->source);
    v->source = NULL;
    v->source = xstrndup(r->source ? r->source : "", strlen(r->source ? r->source : ""));
    v->run = r->run;
    v->have_main = 0;
    v->nchildren = 0;
    hash_index_free(&v->index);
}

static int pid_eq(size_t entry, const void *key, void *ctx)
{
    const mf_dat_validator *v = ctx;
    return v->children[entry].pid == *(const uint64_t *)key;
}

/* The track of child pid, or NULL when it has no sample yet in this run. */
static track *child_track(mf_dat_validator *v, uint64_t pid, int create)
{
    uint64_t h = hash_bytes(HASH_SEED, &pid, sizeof pid);
    size_t i = hash_index_find(&v->index, h, &pid, pid_eq, v);
    if (i != (size_t)-1)
        return &v->children[i];
    if (!create)
        return NULL;
    if (v->nchildren == v->cap) {
        size_t cap = v->cap ? 2 * v->cap : 8;
        v->children = xrealloc(v->children, cap * sizeof *v->children);
        memset(v->children + v->cap, 0, (cap - v->cap) * sizeof *v->children);
        v->cap = cap;
    }
    track *t = &v->children[v->nchildren];
    t->pid = pid;
    hash_index_add(&v->index, h, v->nchildren++);
    return t;
}

/* Keep r as the last sample of track t. */
static void remember(track *t, const mf_dat_record *r, int64_t time)
{
    if (r->len > t->cap) {
        t->text = xrealloc(t->text, r->len);
        t->cap = r->len;
    }
    if (r->len)
        memcpy(t->text, r->text, r->len);
    t->len = r->len;
    t->line = r->line;
    t->time = time;
    t->time_f = r->time_f;
}

/* A sample must not be earlier than the last one of its track. */
static size_t check_order(mf_dat_validator *v, const mf_dat_record *r, track *t, int known,
                          const char *what)
{
    int64_t time = scaled(r->time);
    size_t errors = 0;
    if (known && time < t->time) {
        char note_msg[128];
        snprintf(note_msg, sizeof note_msg, "the previous %s", what);
        mf_diag note = {
            .severity = MF_NOTE, .message = note_msg, .file = r->source, .line = t->line,
            .column = t->time_f.off + 1, .end_column = t->time_f.off + t->time_f.len + 1,
            .source = t->text, .source_len = t->len,
        };
        errors += (size_t)report(v, DCHK_TIME_ORDER, r, r->time_f, &note,
                                 "time goes backwards: %.*s is before %.*s of the previous %s",
                                 (int)r->time_f.len, mf_dat_str(r, r->time_f),
                                 (int)t->time_f.len, t->text + t->time_f.off, what);
    }
    remember(t, r, time);
    return errors;
}

static size_t check_negative(mf_dat_validator *v, const mf_dat_record *r, mf_decimal d,
                             mf_field f, const char *what)
{
    if (d.mant >= 0)
        return 0;
    return (size_t)report(v, DCHK_NEGATIVE, r, f, NULL, "negative %s: %.*s MiB", what,
                          (int)f.len, mf_dat_str(r, f));
}

static size_t validate_record(mf_dat_validator *v, const mf_dat_record *r);

size_t mf_dat_validate_record(mf_dat_validator *v, const mf_dat_record *r)
{
    mf_guard g;
    if (GUARD(&g))
        return (size_t)-1;
    size_t errors = validate_record(v, r);
    guard_end(&g);
    return errors;
}

static size_t validate_record(mf_dat_validator *v, const mf_dat_record *r)
{
    size_t errors = 0;
    enter_run(v, r);
    switch (r->kind) {
    case MF_DAT_MEM:
        errors += check_negative(v, r, r->mem, r->mem_f, "memory");
        errors += check_order(v, r, &v->main, v->have_main, "MEM sample of this run");
        v->have_main = 1;
        break;
    case MF_DAT_CHLD: {
        errors += check_negative(v, r, r->mem, r->mem_f, "memory");
        track *t = child_track(v, r->pid, 0);
        int known = t != NULL;
        if (!t)
            t = child_track(v, r->pid, 1);
        errors += check_order(v, r, t, known, "CHLD sample of this child in this run");
        break;
    }
    case MF_DAT_FUNC:
        errors += check_negative(v, r, r->mem, r->mem_f, "start memory");
        errors += check_negative(v, r, r->end_mem, r->end_mem_f, "end memory");
        if (scaled(r->end_time) < scaled(r->time)) {
            mf_diag note = {
                .severity = MF_NOTE, .message = "the start time", .file = r->source,
                .line = r->line, .column = r->time_f.off + 1,
                .end_column = r->time_f.off + r->time_f.len + 1,
                .source = r->text, .source_len = r->len,
            };
            const char *more;
            int n = quote_len(r->function, r->function_len, &more);
            errors += (size_t)report(v, DCHK_FUNC_INTERVAL, r, r->end_time_f, &note,
                                     "call of %.*s%s ends before it starts: end time %.*s is "
                                     "before start time %.*s",
                                     n, r->function, more, (int)r->end_time_f.len,
                                     mf_dat_str(r, r->end_time_f), (int)r->time_f.len,
                                     mf_dat_str(r, r->time_f));
        }
        break;
    default:
        break;
    }
    return errors;
}
