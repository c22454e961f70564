/* read/parallel.c -- a large report file read by several threads, with the
 * output of a serial read (parallel.h).
 *
 * Speculative pieces, verified, replayed in order:
 *
 * 1. The splitter proposes boundaries: the start of a line that begins
 *    "Filename: ", about every piece_bytes bytes (a few preads).
 * 2. A worker thread parses piece k with a parser and filters of its own
 *    (report/piece.h), from boundary k, and stops at the first later
 *    boundary j where its state is provably the state a new parser starts
 *    in (the rule is piece.h's); if it is not at k + 1 it goes on, and the
 *    pieces it went over are cancelled.  Its lines count from 1.
 * 3. The worker records every call its parser makes (diagnostics, blocks,
 *    foreign lines, %memit results), deep copies, in order, into chunks
 *    that it hands over as it goes (a bounded queue: a worker that is too
 *    far ahead of the replay waits).
 * 4. The calling thread replays piece 0, then the piece that starts where
 *    piece 0 stopped, and so on, into the parser's callbacks: the line
 *    before the piece is added to each line number, blocks are numbered
 *    on, and a callback's stop is honoured as the serial parser does.  So
 *    the reader's checks, verdicts, fold and writers run on this thread,
 *    in order, exactly as in a serial read.
 *
 * Nothing here may jump out on a failed allocation (threads are running):
 * every allocation is a try_ one; a worker that cannot record an event
 * ends its piece with MF_ERR_NOMEM, which the replay returns when it gets
 * there.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "read/parallel.h"
#include "report/parser.h"
#include "report/piece.h"
#include "core/input.h"
#include "core/util.h"

enum { CHUNK_BYTES = 256 << 10, PUBLISH_BYTES = 192 << 10, ALIGN = 16 };
enum { EV_DIAG = 1, EV_BLOCK, EV_TEXT, EV_MEMIT };

#define ROUND(n) (((n) + (ALIGN - 1)) & ~(size_t)(ALIGN - 1))

typedef struct chunk {
    struct chunk *next;
    size_t cap, used, pad;
    _Alignas(16) unsigned char data[];
} chunk;

typedef struct ev {
    uint32_t kind;
    uint32_t pad;
    uint64_t size;           /* with this header, a multiple of ALIGN */
} ev;

typedef struct ev_text {
    uint64_t line;
    size_t len;
} ev_text;

typedef struct piece {
    atomic_int cancel;
    int claimed, done;
    /* the queue: the worker writes into tail; chunks before pub are whole,
       pub is whole up to pub_used (both under the lock) */
    chunk *head, *tail, *pub;
    size_t pub_used;
    size_t unpub, unpub_alloc;   /* the worker's: written, allocated since it published */
    size_t held;                 /* bytes of chunks not freed (under the lock) */
    int oom;
    /* the result */
    int rc;
    mf_error *err;           /* when rc is not MF_OK (NULL: out of memory) */
    mf_input_stats st;
    long stopped;            /* the piece it stopped at, or -1: it read to the end */
    uint64_t stop_line;      /* that boundary's line in this piece (from 1) */
    struct par *z;
} piece;

typedef struct par {
    pthread_mutex_t mu;
    pthread_cond_t main_cv, work_cv;
    int main_waiting;
    int shutdown;
    int fd;
    const char *name;
    const mf_parser *cfg;
    uint64_t *bounds;
    size_t nb;
    piece *pieces;
    size_t next_claim, target, inflight;
    size_t max_held;         /* a piece's chunks, at most (but for one publish) */
    size_t held_all;         /* of all pieces (under the lock) */
    chunk *pool;             /* chunks of CHUNK_BYTES to use again (under the lock) */
    size_t npool, max_pool;  /* max_pool: as many as can be held at once */
} par;

/* A chunk back to the pool, or freed (under the lock). */
static void recycle_locked(par *z, chunk *c)
{
    if (c->cap == CHUNK_BYTES && z->npool < z->max_pool) {
        c->next = z->pool;
        z->pool = c;
        z->npool++;
    } else {
        xfree(c);
    }
}

/* ---- the splitter ---------------------------------------------------------- */

/* The first line start b with from <= b < limit (about) that begins
   "Filename: " (the byte before it a newline), or UINT64_MAX. */
static uint64_t find_filename(int fd, uint64_t from, uint64_t limit, char *buf, size_t cap)
{
    static const char pat[] = "\nFilename: ";
    const size_t plen = sizeof pat - 1;
    uint64_t at = from - 1;
    while (at < limit) {
        ssize_t n;
        do
            n = pread(fd, buf, cap, (off_t)at);
        while (n < 0 && errno == EINTR);
        if (n < (ssize_t)plen)
            return UINT64_MAX;
        const char *h = memmem(buf, (size_t)n, pat, plen);
        if (h)
            return at + (uint64_t)(h - buf) + 1;
        at += (uint64_t)n - (plen - 1);
    }
    return UINT64_MAX;
}

/* bounds[0] = start, then the proposed boundaries; *n of them.  -1: out of
   memory. */
static int split(int fd, uint64_t start, uint64_t size, uint64_t step, uint64_t **bounds,
                 size_t *n)
{
    size_t cap = 64, nb = 0;
    uint64_t *b = try_malloc(cap * sizeof *b);
    char *buf = try_malloc(64 << 10);
    if (!b || !buf) {
        xfree(b);
        xfree(buf);
        return -1;
    }
    b[nb++] = start;
    for (uint64_t t = start + step; t < size;) {
        uint64_t from = t > b[nb - 1] + 1 ? t : b[nb - 1] + 1;
        uint64_t at = find_filename(fd, from, from + step, buf, 64 << 10);
        if (at == UINT64_MAX || at >= size) {
            t = from + step;
            continue;
        }
        if (nb == cap) {
            uint64_t *more = try_realloc(b, 2 * cap * sizeof *b);
            if (!more) {
                xfree(b);
                xfree(buf);
                return -1;
            }
            b = more;
            cap *= 2;
        }
        b[nb++] = at;
        t = t + step > at + 1 ? t + step : at + 1;
    }
    xfree(buf);
    *bounds = b;
    *n = nb;
    return 0;
}

/* ---- recording (worker threads) ------------------------------------------------ */

/* A worker's parser, made once and used for every piece it reads (a
   parser reads one input after another, Filename: lines and all), so that
   the pieces of a large file do not each allocate and free a scanner, its
   filters and their buffers; pc is the piece being read, to which the
   recorders below write. */
typedef struct worker_parser {
    mf_parser *p;
    piece *pc;
    mf_error err;            /* of the piece being read (a piece keeps one only if it failed) */
} worker_parser;

static void publish_locked(par *z, piece *pc)
{
    if (pc->tail) {
        pc->pub = pc->tail;
        pc->pub_used = pc->tail->used;
    }
    pc->held += pc->unpub_alloc;
    z->held_all += pc->unpub_alloc;
    pc->unpub_alloc = 0;
    pc->unpub = 0;
    if (z->main_waiting)
        pthread_cond_signal(&z->main_cv);
}

/* Whether the worker of pc must wait for the replay: the piece being
   replayed holds too much, or a piece ahead of it finds the pieces
   together holding that much.  The replayed piece never waits for the
   others, so the replay always moves on; the memory of a parallel read
   stays the same from an input of a few pieces to one of any size. */
static int too_much_held(const par *z, const piece *pc)
{
    if (pc == &z->pieces[z->target])
        return pc->held > z->max_held;
    return z->held_all > z->max_held;
}

/* Hand what was written over; wait while too much is held. */
static void publish(par *z, piece *pc)
{
    pthread_mutex_lock(&z->mu);
    publish_locked(z, pc);
    while (too_much_held(z, pc) && !atomic_load(&pc->cancel) && !z->shutdown)
        pthread_cond_wait(&z->work_cv, &z->mu);
    pthread_mutex_unlock(&z->mu);
}

/* Room for an event of size bytes (a multiple of ALIGN), or NULL. */
static ev *reserve(piece *pc, int kind, size_t size)
{
    if (pc->oom || atomic_load_explicit(&pc->cancel, memory_order_relaxed))
        return NULL;
    if (!pc->tail || pc->tail->cap - pc->tail->used < size) {
        size_t cap = size > CHUNK_BYTES ? size : CHUNK_BYTES;
        chunk *c = NULL;
        if (cap == CHUNK_BYTES) {
            par *z = pc->z;
            pthread_mutex_lock(&z->mu);
            if ((c = z->pool)) {
                z->pool = c->next;
                z->npool--;
            }
            pthread_mutex_unlock(&z->mu);
        }
        if (!c)
            c = try_malloc(sizeof *c + cap);
        if (!c) {
            pc->oom = 1;
            return NULL;
        }
        c->next = NULL;
        c->cap = cap;
        c->used = 0;
        /* linked now, handed over at the next publish */
        if (pc->tail)
            pc->tail->next = c;
        else
            pc->head = c;
        pc->tail = c;
        pc->unpub_alloc += sizeof *c + cap;
    }
    ev *e = (ev *)(void *)(pc->tail->data + pc->tail->used);
    e->kind = (uint32_t)kind;
    e->pad = 0;
    e->size = size;
    return e;
}

static void commit(piece *pc, size_t size)
{
    pc->tail->used += size;
    pc->unpub += size;
    if (pc->unpub >= PUBLISH_BYTES)
        publish(pc->z, pc);
}

static char *put(char **s, const void *p, size_t n)
{
    char *d = *s;
    if (n)
        memcpy(d, p, n);
    d[n] = '\0';
    *s += n + 1;
    return d;
}

static size_t str_bytes(const char *s) { return s ? strlen(s) + 1 : 0; }
static size_t diag_bytes(const mf_diag *d)
{
    return str_bytes(d->name) + str_bytes(d->message) + (d->source ? d->source_len + 1 : 0);
}

static void copy_diag_strings(mf_diag *to, const mf_diag *d, char **s)
{
    to->name = d->name ? put(s, d->name, strlen(d->name)) : NULL;
    to->message = d->message ? put(s, d->message, strlen(d->message)) : NULL;
    to->source = d->source ? put(s, d->source, d->source_len) : NULL;
}

static void rec_diag(const mf_diag *d, void *user)
{
    piece *pc = ((worker_parser *)user)->pc;
    size_t size = ROUND(sizeof(ev) + 2 * sizeof(mf_diag) + diag_bytes(d) +
                        (d->note ? diag_bytes(d->note) : 0));
    ev *e = reserve(pc, EV_DIAG, size);
    if (!e)
        return;
    mf_diag *to = (mf_diag *)(void *)(e + 1), *note = to + 1;
    char *s = (char *)(note + 1);
    *to = *d;
    copy_diag_strings(to, d, &s);
    if (d->note) {
        *note = *d->note;
        copy_diag_strings(note, d->note, &s);
        note->note = NULL;
        to->note = note;
    }
    commit(pc, size);
}

static size_t line_bytes(const mf_line *l) { return l->text && l->len ? l->len + 1 : 0; }

static void copy_line(mf_line *l, char **s)
{
    if (l->text && l->len)
        l->text = put(s, l->text, l->len);
    else if (l->text)
        l->text = "";
}

static int rec_block(const mf_block *b, void *user)
{
    piece *pc = ((worker_parser *)user)->pc;
    size_t size = sizeof(ev) + ROUND(sizeof(mf_block)) + ROUND(b->nrows * sizeof(mf_row)) +
                  line_bytes(&b->filename_line) + line_bytes(&b->header) + line_bytes(&b->rule) +
                  line_bytes(&b->closing);
    for (size_t i = 0; i < b->nrows; i++)
        size += (size_t)b->rows[i].len + 1;
    size = ROUND(size);
    ev *e = reserve(pc, EV_BLOCK, size);
    if (!e)
        return 0;
    mf_block *to = (mf_block *)(void *)(e + 1);
    mf_row *rows = (mf_row *)(void *)((char *)to + ROUND(sizeof(mf_block)));
    char *s = (char *)rows + ROUND(b->nrows * sizeof(mf_row));
    *to = *b;
    if (b->nrows)
        memcpy(rows, b->rows, b->nrows * sizeof *rows);
    for (size_t i = 0; i < b->nrows; i++)
        rows[i].text = put(&s, b->rows[i].text, b->rows[i].len);
    to->rows = b->rows ? rows : NULL;
    copy_line(&to->filename_line, &s);
    copy_line(&to->header, &s);
    copy_line(&to->rule, &s);
    copy_line(&to->closing, &s);
    to->function = NULL;
    if (b->function && b->def_row >= 0 && (size_t)b->def_row < b->nrows) {
        const mf_row *r = &b->rows[b->def_row];
        if (b->function >= r->text && b->function <= r->text + r->len)
            to->function = rows[b->def_row].text + (b->function - r->text);
    }
    commit(pc, size);
    return 0;
}

static void rec_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    piece *pc = ((worker_parser *)user)->pc;
    (void)source;
    size_t size = ROUND(sizeof(ev) + sizeof(ev_text) + len + 1);
    ev *e = reserve(pc, EV_TEXT, size);
    if (!e)
        return;
    ev_text *t = (ev_text *)(void *)(e + 1);
    char *s = (char *)(t + 1);
    t->line = line;
    t->len = len;
    put(&s, text, len);
    commit(pc, size);
}

static int rec_memit(const mf_memit *m, void *user)
{
    piece *pc = ((worker_parser *)user)->pc;
    size_t size = ROUND(sizeof(ev) + sizeof(mf_memit) + (size_t)m->len + 1 +
                        (m->statement ? m->statement_len + 1 : 0));
    ev *e = reserve(pc, EV_MEMIT, size);
    if (!e)
        return 0;
    mf_memit *to = (mf_memit *)(void *)(e + 1);
    char *s = (char *)(to + 1);
    *to = *m;
    to->text = put(&s, m->text ? m->text : "", m->len);
    if (m->statement)
        to->statement = put(&s, m->statement, m->statement_len);
    commit(pc, size);
    return 0;
}

static void free_chunks(par *z, piece *pc)
{
    for (chunk *c = pc->head, *next; c; c = next) {
        next = c->next;
        recycle_locked(z, c);
    }
    pc->head = pc->tail = pc->pub = NULL;
    z->held_all -= pc->held;
    pc->held = 0;
}

/* ---- a worker ------------------------------------------------------------------ */

/* The worker's parser, made on first use: NULL out of memory, or with the
   error of a --prefix that does not compile in pc. */
static mf_parser *worker_parser_get(par *z, worker_parser *w, piece *pc)
{
    w->pc = pc;
    if (w->p)
        return w->p;
    mf_parser *p = mf_parser_new(rec_block, rec_diag, w);
    if (!p) {
        pc->rc = error_set(&w->err, MF_ERR_NOMEM, ENOMEM, "out of memory");
        return NULL;
    }
    mf_parser_on_text(p, rec_text);
    mf_parser_on_memit(p, rec_memit);
    mf_parser_set_block_limit(p, z->cfg->max_rows);
    mf_parser_set_scan(p, z->cfg->scan);
    if (z->cfg->prefix && (pc->rc = mf_parser_set_prefix(p, z->cfg->prefix, &w->err)) != MF_OK) {
        mf_parser_free(p);
        return NULL;
    }
    return w->p = p;
}

static void run_piece(par *z, worker_parser *w, piece *pc, size_t k)
{
    pc->stopped = -1;
    mf_parser *p = worker_parser_get(z, w, pc);
    if (!p)
        return;
    mf_input *in = input_pread(z->fd, z->bounds[k]);
    uint64_t *bline = try_malloc((z->nb - k) * sizeof *bline);
    if (!in || !bline) {
        pc->rc = error_set(&w->err, MF_ERR_NOMEM, ENOMEM, "out of memory");
        goto out;
    }
    mf_piece ctl;
    memset(&ctl, 0, sizeof ctl);
    ctl.bounds = z->bounds + k + 1;
    ctl.nbounds = z->nb - k - 1;
    ctl.start = z->bounds[k];
    ctl.bline = bline;
    ctl.cancel = &pc->cancel;
    pc->rc = mf_parse_piece(p, in, z->name, &ctl, &pc->st, &w->err);
    if (ctl.stopped >= 0) {
        pc->stopped = (long)(k + 1) + ctl.stopped;
        pc->stop_line = bline[ctl.stopped];
    }
    if (pc->oom && pc->rc == MF_OK)
        pc->rc = error_set(&w->err, MF_ERR_NOMEM, ENOMEM, "out of memory");
out:
    xfree(bline);
    mf_input_close(in);
}

/* A piece that failed keeps its error for the replay. */
static void keep_error(worker_parser *w, piece *pc)
{
    if (pc->rc != MF_OK && (pc->err = try_malloc(sizeof *pc->err)) != NULL)
        *pc->err = w->err;
}

static void *worker(void *arg)
{
    par *z = arg;
    worker_parser w;
    memset(&w, 0, sizeof w);
    pthread_mutex_lock(&z->mu);
    for (;;) {
        while (!z->shutdown && !(z->next_claim < z->nb && z->next_claim < z->target + z->inflight))
            pthread_cond_wait(&z->work_cv, &z->mu);
        if (z->shutdown)
            break;
        size_t k = z->next_claim++;
        piece *pc = &z->pieces[k];
        pc->claimed = 1;
        pthread_mutex_unlock(&z->mu);
        run_piece(z, &w, pc, k);
        keep_error(&w, pc);
        pthread_mutex_lock(&z->mu);
        publish_locked(z, pc);
        pc->done = 1;
        if (atomic_load(&pc->cancel))
            free_chunks(z, pc);   /* never replayed */
        pthread_cond_signal(&z->main_cv);
    }
    pthread_mutex_unlock(&z->mu);
    mf_parser_free(w.p);
    return NULL;
}

/* ---- the replay (the calling thread) ---------------------------------------------- */

static void shift(uint64_t *line, uint64_t base)
{
    if (*line)
        *line += base;
}

static void replay(mf_parser *p, const char *name, ev *e, uint64_t base)
{
    switch (e->kind) {
    case EV_DIAG: {
        mf_diag *d = (mf_diag *)(void *)(e + 1);
        shift(&d->line, base);
        if (d->note)
            shift(&((mf_diag *)(void *)(d + 1))->line, base);
        if (p->on_diag) {
            CALLBACK_BEGIN();
            p->on_diag(d, p->user);
            CALLBACK_END();
        }
        break;
    }
    case EV_BLOCK: {
        mf_block *b = (mf_block *)(void *)(e + 1);
        b->index = p->next_index++;
        shift(&b->filename_line.input_line, base);
        shift(&b->header.input_line, base);
        shift(&b->rule.input_line, base);
        shift(&b->closing.input_line, base);
        shift(&b->end_line, base);
        for (size_t i = 0; i < b->nrows; i++)
            shift(&b->rows[i].input_line, base);
        parser_hand_block(p, b);
        break;
    }
    case EV_TEXT: {
        ev_text *t = (ev_text *)(void *)(e + 1);
        if (p->on_text) {
            CALLBACK_BEGIN();
            p->on_text(name, t->line + base, (const char *)(t + 1), t->len, p->user);
            CALLBACK_END();
        }
        break;
    }
    default: {   /* EV_MEMIT */
        mf_memit *m = (mf_memit *)(void *)(e + 1);
        shift(&m->input_line, base);
        shift(&m->statement_line, base);
        parser_hand_memit(p, m);
        break;
    }
    }
}

/* Every event of piece k, as it comes, into p's callbacks. */
static void replay_piece(par *z, mf_parser *p, piece *pc, uint64_t base)
{
    chunk *cur = NULL, *spent = NULL;
    size_t off = 0, freed = 0;
    for (;;) {
        pthread_mutex_lock(&z->mu);
        if (freed) {
            pc->held -= freed;
            z->held_all -= freed;
            freed = 0;
            while (spent) {
                chunk *c = spent;
                spent = c->next;
                recycle_locked(z, c);
            }
            pthread_cond_broadcast(&z->work_cv);
        }
        for (;;) {
            if (!cur && pc->pub)
                cur = pc->head;
            int more = cur && (cur != pc->pub || off < pc->pub_used);
            if (more || pc->done)
                break;
            z->main_waiting = 1;
            pthread_cond_wait(&z->main_cv, &z->mu);
            z->main_waiting = 0;
        }
        chunk *pub = pc->pub;
        size_t pub_used = pc->pub_used;
        int done = pc->done;
        pthread_mutex_unlock(&z->mu);
        if (!cur && done)
            return;
        while (cur) {
            size_t end = cur == pub ? pub_used : cur->used;
            while (off < end) {
                ev *e = (ev *)(void *)(cur->data + off);
                replay(p, z->name, e, base);
                off += e->size;
            }
            if (cur == pub)
                break;
            chunk *next = cur->next;
            freed += sizeof *cur + cur->cap;
            if (pc->head == cur)
                pc->head = next;   /* (only this thread moves head) */
            cur->next = spent;
            spent = cur;
            cur = next;
            off = 0;
        }
        if (done && cur == pub && off == pub_used)
            break;
    }
    /* the piece is done: its last chunk too */
    pthread_mutex_lock(&z->mu);
    z->held_all -= pc->held;   /* what was freed, and the rest */
    pc->held -= freed;
    while (spent) {
        chunk *c = spent;
        spent = c->next;
        recycle_locked(z, c);
    }
    if (cur)
        recycle_locked(z, cur);
    pc->head = pc->tail = pc->pub = NULL;
    pc->held = 0;
    pthread_mutex_unlock(&z->mu);
}

int par_read(mf_parser *p, mf_input *in, const char *name, const par_opts *o,
             mf_input_stats *stats, par_result *res, mf_error *err)
{
    int fd;
    uint64_t start, size;
    const char *head;
    memset(res, 0, sizeof *res);
    if (o->jobs < 2 || (p->prefix && *p->prefix) || input_regular_file(in, &fd, &start, &size) != 0 ||
        size - start < o->min_bytes || size - start < 16)
        return PAR_SERIAL;
    if (mf_input_peek(in, &head, 3) >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
        return PAR_SERIAL;   /* (the byte-order mark shifts every offset) */

    par z;
    memset(&z, 0, sizeof z);
    if (split(fd, start, size, o->piece_bytes ? o->piece_bytes : PAR_PIECE_BYTES, &z.bounds,
              &z.nb) != 0)
        return error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory");
    if (z.nb < 2) {
        xfree(z.bounds);
        return PAR_SERIAL;
    }
    z.pieces = try_zalloc(z.nb * sizeof *z.pieces);
    if (!z.pieces) {
        xfree(z.bounds);
        return error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory");
    }
    for (size_t k = 0; k < z.nb; k++) {
        z.pieces[k].z = &z;
        atomic_init(&z.pieces[k].cancel, 0);
    }
    z.fd = fd;
    z.name = name;
    z.cfg = p;
    unsigned nthreads = o->jobs < z.nb ? o->jobs : (unsigned)z.nb;
    /* a piece's events take about 3.5 times its bytes: a piece ahead of
       the replay holds them all, and then waits */
    z.inflight = (size_t)nthreads + 1;
    uint64_t step = o->piece_bytes ? o->piece_bytes : PAR_PIECE_BYTES;
    z.max_held = step < (1u << 20) ? (2u << 20) : 2 * step;
    /* the piece replayed and the ones ahead hold at most about 2 max_held
       (too_much_held), and each worker one chunk more: kept for use again,
       no chunk is given back to malloc and faulted in anew */
    z.max_pool = 2 * z.max_held / (sizeof(chunk) + CHUNK_BYTES) + 2 * (size_t)nthreads + 2;
    pthread_mutex_init(&z.mu, NULL);
    pthread_cond_init(&z.main_cv, NULL);
    pthread_cond_init(&z.work_cv, NULL);
    pthread_t *threads = try_malloc(nthreads * sizeof *threads);
    unsigned started = 0;
    while (threads && started < nthreads &&
           pthread_create(&threads[started], NULL, worker, &z) == 0)
        started++;
    int rc = MF_OK;
    if (started == 0) {
        rc = PAR_SERIAL;
    } else {
        mf_input_stats local, total;
        memset(&total, 0, sizeof total);
        size_t k = 0;
        uint64_t base = 0;
        res->proposed = z.nb;
        res->threads = started;
        for (;;) {
            piece *pc = &z.pieces[k];
            replay_piece(&z, p, pc, base);
            res->replayed++;
            local = pc->st;
            total.blocks += local.blocks;
            total.rows += local.rows;
            total.skipped_lines += local.skipped_lines;
            total.syntax_errors += local.syntax_errors;
            total.memits += local.memits;
            total.accepted_rows += local.accepted_rows;
            total.whole_rows += local.whole_rows;
            if (pc->rc != MF_OK) {
                rc = pc->rc;
                if (pc->err)
                    *err = *pc->err;
                else
                    error_set(err, MF_ERR_NOMEM, ENOMEM, "out of memory");
            }
            if (pc->rc != MF_OK || pc->stopped < 0) {
                total.lines = base + local.lines;
                total.bytes = (z.bounds[k] - start) + local.bytes;
                break;
            }
            size_t j = (size_t)pc->stopped;
            base += pc->stop_line - 1;
            input_note_consumed(in, z.bounds[j] - start);   /* (progress) */
            pthread_mutex_lock(&z.mu);
            for (size_t i = k + 1; i < j; i++) {
                atomic_store(&z.pieces[i].cancel, 1);
                if (z.pieces[i].done)
                    free_chunks(&z, &z.pieces[i]);
            }
            z.target = j;
            if (z.next_claim < j)
                z.next_claim = j;
            pthread_cond_broadcast(&z.work_cv);
            pthread_mutex_unlock(&z.mu);
            k = j;
        }
        if (rc == MF_OK)
            input_note_consumed(in, size - start);
        if (stats)
            *stats = total;
        if (rc == MF_OK)
            error_clear(err);
    }
    pthread_mutex_lock(&z.mu);
    z.shutdown = 1;
    for (size_t i = 0; i < z.nb; i++)
        atomic_store(&z.pieces[i].cancel, 1);
    pthread_cond_broadcast(&z.work_cv);
    pthread_mutex_unlock(&z.mu);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    for (size_t i = 0; i < z.nb; i++)
        free_chunks(&z, &z.pieces[i]);
    while (z.pool) {
        chunk *c = z.pool;
        z.pool = c->next;
        xfree(c);
    }
    xfree(threads);
    pthread_cond_destroy(&z.work_cv);
    pthread_cond_destroy(&z.main_cv);
    pthread_mutex_destroy(&z.mu);
    for (size_t i = 0; i < z.nb; i++)
        xfree(z.pieces[i].err);
    xfree(z.pieces);
    xfree(z.bounds);
    return rc;
}
