/* core/demux.c -- interleaved writers sorted back into tables (demux.h).
 *
 * The output is a queue of segments in the order they started: lanes
 * (tables) and groups of other lines.  The first segment, always an open
 * lane when there is one, is handed on as it is read; the lines of the
 * segments behind it are held (each in its own allocation, with the
 * origin the stage before gave for it).  When the first lane closes, the
 * closed segments behind it are handed on, up to the next open lane,
 * whose held lines are handed on too: it is the first from then on.
 *
 * While at most one lane is open and nothing is held, whole lines go on in
 * bulk (take_lines: each placed by assign() as start_line() would place
 * it, the rows of the open table by their line numbers only), read by the
 * stage before straight into the scanner's buffer.
 *
 * Origins.  A line handed on as it is read keeps its place: for such
 * lines only a run (output line -> input line) is kept, and the stage
 * before is asked only when the scanner asks.  Before a held line's
 * origin is asked (when it is read), every line of a run that the scanner
 * has not asked for yet is asked and stored, so the stage before is
 * always asked in increasing order.  An answer holds for the rest of its
 * run (core/filter.h): the scanner asks once per run.
 */
#include <stdlib.h>
#include <string.h>
#include "core/demux.h"
#include "core/util.h"

enum { CHUNK = 256 * 1024, CLASSIFY = 4096, LEARN = 64 };

/* line classes */
enum { C_F, C_B, C_H, C_R, C_W, C_O };
/* lane states */
enum { S_F = 1, S_FB, S_H, S_R, S_ROWS, S_END1 };
/* segment kinds */
enum { K_LANE, K_OTHER };
/* where the current line goes */
enum { SINK_NONE, SINK_OUT, SINK_HOLD };

typedef struct hline {
    struct hline *next;
    char *text;
    size_t len, cap;
    uint64_t in;             /* input line */
    src_origin o;            /* the stage before's answer for it */
} hline;

typedef struct seg {
    int kind, state, closed;
    uint64_t id;
    uint64_t first, last;    /* line numbers of its first and last row */
    int64_t mem;             /* the Mem usage of its last measured row (NO_MEM) */
    hline *head, *tail;
} seg;

#define NO_MEM INT64_MIN

/* Output lines [out, out + count): input lines [in, in + count) whose
   origin is asked when the scanner asks (lazy), or stored origins from
   st[at - st_base]. */
typedef struct orun {
    uint64_t out, count, in;
    size_t at;
    int stored;
} orun;

struct demux {
    line_source up;
    char *buf;
    size_t len, pos;
    int eof, finished;
    uint64_t in_line;        /* input lines started */
    uint64_t out_line;       /* output lines started */
    uint64_t max_in_out;     /* the latest input line handed on */
    int last_nl;             /* the last line handed on ended in '\n' */

    int sink;                /* the current line: SINK_* */
    size_t left;             /* its bytes still to copy, when known (else 0) */
    hline *cur;              /* SINK_HOLD: where it goes */
    uint64_t close_after;    /* a lane that the current line closes */

    seg *segs;
    size_t nsegs, segcap;
    uint64_t next_id, prev_id;   /* prev: the lane that took the line before */
    int mixed;               /* a line went to a lane older than the newest */
    int64_t row_mem;         /* the Mem usage of the row being placed (NO_MEM) */
    size_t held_lines, held_bytes;

    char *ob;                /* bytes ready to hand on, before any other */
    size_t oblen, obpos, obcap;

    orun *runs;
    size_t nruns, runhead, runcap;
    src_origin *st;
    size_t stn, stcap, st_base;
    uint64_t asked;          /* the latest output line asked for */
    int lazy_unasked;        /* a lazy run has lines not asked yet */

    struct { uint64_t first, last; int bad; } learn[LEARN];
    size_t nlearn;
    uint64_t moved;
};

/* ---- origins ------------------------------------------------------------ */

static orun *last_run(demux *d)
{
    return d->nruns > d->runhead ? &d->runs[d->nruns - 1] : NULL;
}

static orun *new_run(demux *d)
{
    if (d->runhead > 0 && d->runhead == d->nruns) {
        d->runhead = d->nruns = 0;
    } else if (d->nruns == d->runcap && d->runhead > d->runcap / 2) {
        memmove(d->runs, d->runs + d->runhead, (d->nruns - d->runhead) * sizeof *d->runs);
        d->nruns -= d->runhead;
        d->runhead = 0;
    }
    XGROW(d->runs, d->runcap, d->nruns, 64);
    orun *r = &d->runs[d->nruns++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Output line `out` is input line `in`, handed on in its place. */
static void map_lazy(demux *d, uint64_t out, uint64_t in)
{
    orun *r = last_run(d);
    d->lazy_unasked = 1;
    if (r && !r->stored && r->out + r->count == out && r->in + r->count == in) {
        r->count++;
        return;
    }
    r = new_run(d);
    r->out = out;
    r->in = in;
    r->count = 1;
}

static size_t push_st(demux *d, const src_origin *o)
{
    XGROW(d->st, d->stcap, d->stn, 64);
    d->st[d->stn] = *o;
    return d->st_base + d->stn++;
}

/* Output line `out` has the stored origin o. */
static void map_stored(demux *d, uint64_t out, const src_origin *o)
{
    size_t at = push_st(d, o);
    orun *r = last_run(d);
    if (r && r->stored && r->out + r->count == out && r->at + r->count == at) {
        r->count++;
        return;
    }
    r = new_run(d);
    r->out = out;
    r->count = 1;
    r->at = at;
    r->stored = 1;
}

/* Ask the stage before for every line of a lazy run that the scanner has
   not asked for yet, and keep the answers: a later input line is about
   to be asked for. */
static void catch_up(demux *d)
{
    if (!d->lazy_unasked)
        return;
    d->lazy_unasked = 0;
    size_t i = d->nruns;
    while (i > d->runhead && d->runs[i - 1].out + d->runs[i - 1].count > d->asked + 1)
        i--;
    for (; i < d->nruns; i++) {
        if (d->runs[i].stored)
            continue;
        uint64_t first = d->runs[i].out > d->asked + 1 ? d->runs[i].out : d->asked + 1;
        if (first > d->runs[i].out) {
            /* split: the asked part stays lazy */
            XGROW(d->runs, d->runcap, d->nruns, 64);
            d->nruns++;
            orun *r = &d->runs[i];
            memmove(r + 2, r + 1, (d->nruns - 2 - i) * sizeof *r);
            r[1] = r[0];
            r[1].out = first;
            r[1].in = r->in + (first - r->out);
            r[1].count = r->count - (first - r->out);
            r->count = first - r->out;
            i++;
        }
        orun *r = &d->runs[i];
        size_t at = d->st_base + d->stn;
        for (uint64_t k = 0, alike = 0; k < r->count; k++, alike--) {
            src_origin o;
            if (alike == 0) {      /* asked once for the lines that map alike */
                alike = d->up.origin(d->up.self, r->in + k, &o);
            } else {
                o = d->st[d->stn - 1];
                o.line++;
            }
            push_st(d, &o);
        }
        r = &d->runs[i];
        r->at = at;
        r->stored = 1;
    }
}

/* Stored origins no run refers to any more are dropped. */
static void compact_st(demux *d)
{
    size_t low = d->st_base + d->stn;
    for (size_t i = d->runhead; i < d->nruns; i++)
        if (d->runs[i].stored && d->runs[i].at < low)
            low = d->runs[i].at;
    size_t drop = low - d->st_base;
    if (drop < 4096 || drop < d->stn / 2)
        return;
    memmove(d->st, d->st + drop, (d->stn - drop) * sizeof *d->st);
    d->stn -= drop;
    d->st_base = low;
}

static uint64_t dm_origin(void *self, uint64_t line, src_origin *out)
{
    demux *d = self;
    if (line > d->asked)
        d->asked = line;
    size_t dropped = 0;
    while (d->nruns - d->runhead > 1 &&
           line >= d->runs[d->runhead].out + d->runs[d->runhead].count) {
        d->runhead++;
        dropped++;
    }
    if (dropped && d->stn > 4096)
        compact_st(d);
    if (d->nruns == d->runhead) {
        d->up.origin(d->up.self, line, out);
        return 1;
    }
    const orun *r = &d->runs[d->runhead];
    uint64_t k = line >= r->out ? line - r->out : 0;
    if (!r->stored) {
        uint64_t n = d->up.origin(d->up.self, r->in + k, out);
        if (line < r->out || k >= r->count)
            return 1;
        return n < r->count - k ? n : r->count - k;
    }
    if (k >= r->count) {   /* past the last line: none such was handed on */
        *out = d->st[r->at - d->st_base + r->count - 1];
        out->line += k - r->count + 1;
        return 1;
    }
    *out = d->st[r->at - d->st_base + k];
    return 1;
}

/* ---- bytes ready to hand on ------------------------------------------------ */

static void ob_push(demux *d, const char *s, size_t n)
{
    if (d->obpos == d->oblen)
        d->obpos = d->oblen = 0;
    if (d->oblen + n > d->obcap) {
        size_t cap = d->obcap ? d->obcap : 4096;
        while (cap < d->oblen + n)
            cap *= 2;
        d->ob = xrealloc(d->ob, cap);
        d->obcap = cap;
    }
    memcpy(d->ob + d->oblen, s, n);
    d->oblen += n;
}

/* A held line handed on now. */
static void release_line(demux *d, hline *h)
{
    if (!d->last_nl)
        ob_push(d, "\n", 1);   /* the input's last line, no longer last */
    ob_push(d, h->text, h->len);
    src_origin o = h->o;
    if (h->in < d->max_in_out) {
        o.flags |= SRC_MOVED;
        d->moved++;
    } else {
        d->max_in_out = h->in;
    }
    map_stored(d, ++d->out_line, &o);
    d->last_nl = h->len > 0 && h->text[h->len - 1] == '\n';
    d->held_lines--;
    d->held_bytes -= h->len;
    if (h == d->cur)
        d->cur = NULL;
}

static void free_line(hline *h)
{
    xfree(h->text);
    xfree(h);
}

static void release_seg(demux *d, seg *s)
{
    while (s->head) {
        hline *h = s->head;
        release_line(d, h);   /* may jump: h is still in the list */
        s->head = h->next;
        if (!s->head)
            s->tail = NULL;
        free_line(h);
    }
}

/* ---- segments ---------------------------------------------------------------- */

static int is_open_lane(const seg *s)
{
    return s->kind == K_LANE && !s->closed;
}

/* Closed segments at the front are handed on; the first open lane's held
   lines too. */
static void advance(demux *d)
{
    while (d->nsegs && !is_open_lane(&d->segs[0])) {
        release_seg(d, &d->segs[0]);
        memmove(d->segs, d->segs + 1, (d->nsegs - 1) * sizeof *d->segs);
        d->nsegs--;
    }
    if (d->nsegs)
        release_seg(d, &d->segs[0]);
}

static seg *new_seg(demux *d, int kind, int state)
{
    XGROW(d->segs, d->segcap, d->nsegs, 8);
    seg *s = &d->segs[d->nsegs++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->state = state;
    s->id = ++d->next_id;
    return s;
}

static long find_id(const demux *d, uint64_t id)
{
    for (size_t i = 0; id && i < d->nsegs; i++)
        if (d->segs[i].id == id)
            return is_open_lane(&d->segs[i]) ? (long)i : -1;
    return -1;
}

static int by_input(const void *a, const void *b)
{
    const hline *x = *(hline *const *)a, *y = *(hline *const *)b;
    return x->in < y->in ? -1 : x->in > y->in;
}

/* Too much held: hand everything on in input order and start again. */
static void give_up(demux *d)
{
    size_t n = 0, k = 0;
    if (d->nsegs == 0)
        return;
    for (size_t i = 0; i < d->nsegs; i++)
        for (hline *h = d->segs[i].head; h; h = h->next)
            n++;
    hline *all = NULL;
    if (n) {
        hline **v = xmalloc(n * sizeof *v);
        for (size_t i = 0; i < d->nsegs; i++)
            for (hline *h = d->segs[i].head; h; h = h->next)
                v[k++] = h;
        qsort(v, n, sizeof *v, by_input);
        for (k = 0; k + 1 < n; k++)
            v[k]->next = v[k + 1];
        v[n - 1]->next = NULL;
        all = v[0];
        xfree(v);
    }
    /* one segment of every line held, in input order, handed on now */
    d->nsegs = 1;
    memset(&d->segs[0], 0, sizeof d->segs[0]);
    d->segs[0].kind = K_OTHER;
    d->segs[0].head = all;
    advance(d);
    d->prev_id = 0;
    d->close_after = 0;
}

/* ---- what a line is ---------------------------------------------------------- */

/* The Mem usage cell at p (after a row's line number), in millionths of a
   MiB, or NO_MEM: spaces, a number, " MiB". */
static int64_t parse_mem(const char *p, const char *end)
{
    while (p < end && *p == ' ')
        p++;
    int64_t v = 0;
    int digits = 0, frac = -1;
    for (; p < end && digits < 15; p++) {
        if (*p >= '0' && *p <= '9') {
            v = 10 * v + (*p - '0');
            digits++;
            if (frac >= 0 && ++frac == 6)
                break;
        } else if (*p == '.' && frac < 0) {
            frac = 0;
        } else {
            break;
        }
    }
    if (!digits || end - p < 4 || memcmp(p, " MiB", 4) != 0)
        return NO_MEM;
    for (int k = frac < 0 ? 0 : frac; k < 6; k++)
        v *= 10;
    return v;
}

static int classify(const char *s, size_t t, int complete, uint64_t *num)
{
    size_t i = 0;
    if (t >= 10 && memcmp(s, "Filename: ", 10) == 0)
        return C_F;
    if (t >= 6 && memcmp(s, "Line #", 6) == 0)
        return C_H;
    if (t > 0 && s[0] == '=') {
        while (i < t && s[i] == '=')
            i++;
        while (i < t && s[i] == ' ')
            i++;
        return i == t && complete ? C_R : C_O;
    }
    while (i < t && s[i] == ' ')
        i++;
    if (i == t)
        return complete ? C_B : C_O;
    if (s[i] < '0' || s[i] > '9')
        return C_O;
    size_t j = i;
    uint64_t n = 0;
    while (j < t && s[j] >= '0' && s[j] <= '9' && j - i < 18)
        n = 10 * n + (uint64_t)(s[j++] - '0');
    if (j < t ? s[j] != ' ' : !complete)
        return C_O;
    *num = n;
    return C_W;
}

/* ---- which lane takes it -------------------------------------------------------- */

static void learn_end(demux *d, uint64_t first, uint64_t last)
{
    for (size_t i = 0; i < d->nlearn; i++)
        if (d->learn[i].first == first) {
            if (d->learn[i].last != last)
                d->learn[i].bad = 1;
            return;
        }
    if (d->nlearn < LEARN) {
        d->learn[d->nlearn].first = first;
        d->learn[d->nlearn].last = last;
        d->learn[d->nlearn++].bad = 0;
    }
}

/* 1: a table that starts at row `first` is known to end at `last`; 0: known
   to end elsewhere; -1: not known. */
static int learnt(const demux *d, uint64_t first, uint64_t last)
{
    for (size_t i = 0; i < d->nlearn; i++)
        if (d->learn[i].first == first && !d->learn[i].bad)
            return d->learn[i].last == last;
    return -1;
}

/* The oldest open lane in state `state`, or -1. */
static long oldest_in(const demux *d, int state)
{
    for (size_t i = 0; i < d->nsegs; i++)
        if (is_open_lane(&d->segs[i]) && d->segs[i].state == state)
            return (long)i;
    return -1;
}

static long oldest_in2(const demux *d, int a, int b)
{
    for (size_t i = 0; i < d->nsegs; i++)
        if (is_open_lane(&d->segs[i]) && (d->segs[i].state == a || d->segs[i].state == b))
            return (long)i;
    return -1;
}

static long newest_open(const demux *d)
{
    for (size_t i = d->nsegs; i > 0; i--)
        if (is_open_lane(&d->segs[i - 1]))
            return (long)(i - 1);
    return -1;
}

static long pick_blank(demux *d)
{
    long p = find_id(d, d->prev_id);
    if (p >= 0 && (d->segs[p].state == S_F || d->segs[p].state == S_END1))
        return p;
    if (p >= 0 && d->nsegs == 1 && d->segs[p].state == S_ROWS)
        return p;   /* one table, in rows: its closing blank */
    for (size_t i = 0; i < d->nsegs; i++) {
        const seg *s = &d->segs[i];
        if (is_open_lane(s) && s->state == S_ROWS && learnt(d, s->first, s->last) == 1)
            return (long)i;
    }
    long i = oldest_in(d, S_END1);
    if (i >= 0)
        return i;
    if ((i = oldest_in(d, S_F)) >= 0)
        return i;
    /* a lane in rows that may be done: the one before, while no line went
       to an older lane; else the one furthest on */
    long best = -1;
    for (size_t j = 0; j < d->nsegs; j++) {
        const seg *s = &d->segs[j];
        if (!is_open_lane(s) || s->state != S_ROWS || learnt(d, s->first, s->last) == 0)
            continue;
        if (!d->mixed) {
            if ((long)j == p)
                return p;
            best = (long)j;
            continue;
        }
        if (best < 0 || s->last - s->first > d->segs[best].last - d->segs[best].first ||
            (s->last - s->first == d->segs[best].last - d->segs[best].first && (long)j == p))
            best = (long)j;
    }
    return best;
}

static long pick_row(demux *d, uint64_t n)
{
    long p = find_id(d, d->prev_id);
    /* the lanes whose last row is n - 1: the one before, else the oldest;
       when several, the one whose last Mem usage is nearest this row's
       (rows of two calls of one function at the same place) */
    long best = -1;
    uint64_t best_gap = UINT64_MAX;
    for (size_t j = 0; j < d->nsegs; j++) {
        const seg *s = &d->segs[j];
        if (!is_open_lane(s) || s->state != S_ROWS || s->last + 1 != n)
            continue;
        uint64_t gap = UINT64_MAX - 1;
        if (d->row_mem != NO_MEM && s->mem != NO_MEM)
            gap = s->mem > d->row_mem ? (uint64_t)(s->mem - d->row_mem) : (uint64_t)(d->row_mem - s->mem);
        if (best < 0 || gap < best_gap || (gap == best_gap && (long)j == p)) {
            best = (long)j;
            best_gap = gap;
        }
    }
    if (best >= 0)
        return best;
    long i = oldest_in(d, S_R);
    if (i >= 0)
        return i;
    /* no lane goes on with it: while no line went to an older lane, the
       lane before (a row left out, a rule missing) */
    if (!d->mixed && p >= 0 && (d->segs[p].state == S_ROWS || d->segs[p].state == S_H))
        return p;
    /* a splice into the newest lane in rows; a lane that had no rule
       (memory_profiler always prints one) only when no lane is in rows */
    for (size_t j = d->nsegs; j > 0; j--)
        if (is_open_lane(&d->segs[j - 1]) && d->segs[j - 1].state == S_ROWS)
            return (long)(j - 1);
    return oldest_in(d, S_H);
}

/* The segment that takes a line of class c (its index), or -1 if it is
   handed on in place.  Closes lanes and hands on what that frees. */
static long assign(demux *d, int c, uint64_t n)
{
    long i = -1;
    if (c != C_B) {
        /* a lane that had its first closing blank is done */
        int closed = 0;
        for (size_t j = 0; j < d->nsegs; j++)
            if (is_open_lane(&d->segs[j]) && d->segs[j].state == S_END1) {
                d->segs[j].closed = 1;
                closed = 1;
            }
        if (closed)
            advance(d);
    }
    switch (c) {
    case C_F:
        new_seg(d, K_LANE, S_F);
        i = (long)d->nsegs - 1;
        break;
    case C_B:
        i = pick_blank(d);
        break;
    case C_H: {
        long p = find_id(d, d->prev_id);
        if (p >= 0 && (d->segs[p].state == S_F || d->segs[p].state == S_FB))
            i = p;
        else if ((i = oldest_in2(d, S_F, S_FB)) < 0) {
            new_seg(d, K_LANE, S_H);
            i = (long)d->nsegs - 1;
        }
        break;
    }
    case C_R: {
        long p = find_id(d, d->prev_id);
        i = p >= 0 && d->segs[p].state == S_H ? p : oldest_in(d, S_H);
        break;
    }
    case C_W:
        i = pick_row(d, n);
        break;
    default:
        break;
    }
    if (i < 0) {
        /* a line of no lane: with one lane open, it ends it; with more,
           it goes after them */
        long open = 0, last = -1;
        for (size_t j = 0; j < d->nsegs; j++)
            if (is_open_lane(&d->segs[j])) {
                open++;
                last = (long)j;
            }
        d->prev_id = 0;
        if (open == 1) {
            d->segs[last].closed = 1;
            advance(d);
            open = 0;
        }
        if (open == 0)
            return -1;
        if (d->segs[d->nsegs - 1].kind != K_OTHER)
            new_seg(d, K_OTHER, 0);
        return (long)d->nsegs - 1;
    }
    seg *s = &d->segs[i];
    if (i != newest_open(d))
        d->mixed = 1;
    d->prev_id = s->id;
    switch (c) {
    case C_F:
        break;
    case C_B:
        if (s->state == S_F) {
            s->state = S_FB;
        } else if (s->state == S_ROWS) {
            if (d->mixed)   /* only needed to tell tables apart */
                learn_end(d, s->first, s->last);
            s->state = S_END1;
        } else {
            d->close_after = s->id;   /* the second closing blank */
        }
        break;
    case C_H:
        s->state = S_H;
        break;
    case C_R:
        s->state = S_R;
        break;
    case C_W:
        if (s->state != S_ROWS) {
            s->first = n;
            s->mem = NO_MEM;
        }
        s->state = S_ROWS;
        s->last = n;
        if (d->row_mem != NO_MEM)
            s->mem = d->row_mem;
        break;
    }
    return i;
}

/* ---- reading ---------------------------------------------------------------------- */

static int fill(demux *d)
{
    return filter_fill(d->buf, CHUNK, &d->len, &d->pos, &d->eof, d->up.read, d->up.self);
}

static void hold_bytes(demux *d, const char *s, size_t n)
{
    hline *h = d->cur;
    if (h->len + n > h->cap) {
        size_t cap = h->cap ? h->cap : 128;
        while (cap < h->len + n)
            cap *= 2;
        h->text = xrealloc(h->text, cap);
        h->cap = cap;
    }
    memcpy(h->text + h->len, s, n);
    h->len += n;
    d->held_bytes += n;
}

static void end_line(demux *d, int nl)
{
    /* last_nl is of the last line handed on: a held line that ends
       without a newline (the input's last) is not that line yet, and
       release_line() tells its ending when it is */
    if (d->sink == SINK_OUT)
        d->last_nl = nl;
    d->sink = SINK_NONE;
    d->cur = NULL;
    d->left = 0;
    if (d->close_after) {
        long i = find_id(d, d->close_after);
        d->close_after = 0;
        if (i >= 0) {
            d->segs[i].closed = 1;
            advance(d);
        }
    }
}

/* Start the next line: returns 0 at the end of everything. */
static int start_line(demux *d)
{
    const char *nl;
    while (!(nl = memchr(d->buf + d->pos, '\n', d->len - d->pos)) && d->len - d->pos < CLASSIFY &&
           fill(d))
        ;
    if (d->pos == d->len) {
        if (d->finished)
            return 0;
        for (size_t i = 0; i < d->nsegs; i++)
            d->segs[i].closed = 1;
        advance(d);
        d->finished = 1;
        return 1;
    }
    if (d->held_lines >= DEMUX_MAX_LINES || d->held_bytes >= DEMUX_MAX_BYTES)
        give_up(d);
    const char *s = d->buf + d->pos;
    size_t avail = d->len - d->pos;
    int complete = nl || d->eof;
    size_t t = nl ? (size_t)(nl - s) : avail;
    if (nl && t > 0 && s[t - 1] == '\r')
        t--;
    /* a line is told by its first CLASSIFY bytes (a longer one of spaces
       or '=' only is other text), whatever the reads were */
    size_t ct = t;
    int cc = complete;
    if (ct > CLASSIFY) {
        ct = CLASSIFY;
        cc = 0;
    }
    uint64_t n = 0;
    int c = classify(s, ct, cc, &n);
    d->row_mem = NO_MEM;
    if (c == C_W) {
        const char *p = s;
        while (*p == ' ')
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
        d->row_mem = parse_mem(p, s + ct);
    }
    uint64_t in = ++d->in_line;
    long i = assign(d, c, n);
    d->left = nl ? (size_t)(nl - s) + 1 : d->eof ? avail : 0;
    if (i <= 0) {
        if (!d->last_nl)
            ob_push(d, "\n", 1);
        map_lazy(d, ++d->out_line, in);
        d->max_in_out = in;
        d->sink = SINK_OUT;
        return 1;
    }
    catch_up(d);
    hline *h = xmalloc(sizeof *h);
    memset(h, 0, sizeof *h);
    h->in = in;
    d->up.origin(d->up.self, in, &h->o);
    seg *g = &d->segs[i];
    if (g->tail)
        g->tail->next = h;
    else
        g->head = h;
    g->tail = h;
    d->held_lines++;
    d->cur = h;
    d->sink = SINK_HOLD;
    return 1;
}

/* Whether the segments are as bulk() needs them: nothing held, at most
   one segment, an open lane. */
static int single(const demux *d)
{
    return d->held_lines == 0 && !d->close_after &&
           (d->nsegs == 0 || (d->nsegs == 1 && is_open_lane(&d->segs[0])));
}

/* Whether a line of class c, placed by assign() while single() holds,
   is handed on in place, leaving single() true: everything but a
   "Filename:" or a header that opens a second lane (assign() first closes
   a lane that had its first closing blank, unless c is a blank). */
static int stays_single(const demux *d, int c)
{
    if (c != C_F && c != C_H)
        return 1;
    if (d->nsegs == 0 || d->segs[0].state == S_END1)
        return 1;                  /* no lane open when it is placed */
    return c == C_H && (d->segs[0].state == S_F || d->segs[0].state == S_FB);
}

/* Whole lines of [start, start + avail), in bulk, while single() holds
   and each line is handed on in place; each line is placed as
   start_line() and end_line() place it (assign()), but rows that go on
   with the one table in rows take a short path: their line numbers only,
   the Mem usage of the last measured one looked up at the end.  A line
   longer than CLASSIFY, or one without its newline, is left to
   start_line().  Returns the bytes taken: they go on as they are. */
static size_t take_lines(demux *d, const char *start, size_t avail)
{
    const char *s = start, *end = start + avail, *nl;
    const char *rows_from = NULL;  /* where the lane's rows began, if here */
    uint64_t lines = 0;
    while (s < end && (nl = memchr(s, '\n', (size_t)(end - s))) && nl - s <= CLASSIFY) {
        seg *lane = d->nsegs ? &d->segs[0] : NULL;
        if (lane && lane->state == S_ROWS && d->prev_id == lane->id) {
            /* the rows that go on with it: spaces, digits, then a space or
               the end; the last one's number is the lane's last */
            const char *row = NULL;
            for (;;) {
                const char *p = s, *q;
                while (*p == ' ')
                    p++;
                for (q = p; *q >= '0' && *q <= '9' && q - p < 18; q++)
                    ;
                if (q == p || !(*q == ' ' || *q == '\n' || (*q == '\r' && q[1] == '\n')))
                    break;
                row = p;
                s = nl + 1;
                lines++;
                if (s == end || !(nl = memchr(s, '\n', (size_t)(end - s))) || nl - s > CLASSIFY)
                    break;
            }
            if (row) {
                uint64_t v = 0;
                for (const char *q = row; *q >= '0' && *q <= '9' && q - row < 18; q++)
                    v = 10 * v + (uint64_t)(*q - '0');
                lane->last = v;
                continue;          /* the loop's test finds the line that stopped it again */
            }
        }
        size_t t = (size_t)(nl - s);
        if (t > 0 && s[t - 1] == '\r')
            t--;
        uint64_t n = 0;
        int c = classify(s, t, 1, &n);
        if (!stays_single(d, c))
            break;
        int was_rows = lane && lane->state == S_ROWS;
        d->row_mem = NO_MEM;       /* the lane's Mem usage is looked up at the end */
        assign(d, c, n);
        lane = d->nsegs ? &d->segs[0] : NULL;
        if (lane && lane->state == S_ROWS && (!was_rows || c != C_W))
            rows_from = s;         /* its rows begin here */
        if (d->close_after) {      /* as end_line() */
            long i = find_id(d, d->close_after);
            d->close_after = 0;
            if (i >= 0) {
                d->segs[i].closed = 1;
                advance(d);
            }
        }
        s = nl + 1;
        lines++;
        if (!single(d))
            break;                 /* not expected: start_line() goes on */
    }
    size_t n = (size_t)(s - start);
    if (!n)
        return 0;
    orun *r = last_run(d);
    if (r && !r->stored && r->out + r->count == d->out_line + 1 && r->in + r->count == d->in_line + 1) {
        r->count += lines;
    } else {
        r = new_run(d);
        r->out = d->out_line + 1;
        r->in = d->in_line + 1;
        r->count = lines;
    }
    d->lazy_unasked = 1;
    d->out_line += lines;
    d->in_line += lines;
    d->max_in_out = d->in_line;
    d->last_nl = 1;
    seg *lane = d->nsegs ? &d->segs[0] : NULL;
    if (lane && lane->state == S_ROWS) {
        /* the Mem usage of its last measured row, if one is here */
        const char *from = rows_from ? rows_from : start, *e = s - 1;
        while (e > from) {
            const char *b = memrchr(from, '\n', (size_t)(e - from));
            b = b ? b + 1 : from;
            const char *q = b;
            while (*q == ' ')
                q++;
            while (*q >= '0' && *q <= '9')
                q++;
            int64_t m = parse_mem(q, e);
            if (m != NO_MEM) {
                lane->mem = m;
                break;
            }
            e = b - 1;
        }
    }
    return n;
}

/* take_lines() from the bytes read ahead, copied to out. */
static size_t bulk(demux *d, char *out, size_t room)
{
    size_t avail = d->len - d->pos;
    size_t n = take_lines(d, d->buf + d->pos, avail < room ? avail : room);
    memcpy(out, d->buf + d->pos, n);
    d->pos += n;
    return n;
}

/* take_lines() without the copy: the stage before reads straight into
   out, after the start of a line kept from the read before; what cannot
   go on in bulk is kept in our buffer (for start_line()).  0 when
   nothing went on. */
static size_t bulk_direct(demux *d, char *out, size_t room)
{
    size_t kept = d->len - d->pos;
    if (d->eof || room < 2 * kept + 4096 || memchr(d->buf + d->pos, '\n', kept))
        return 0;
    memcpy(out, d->buf + d->pos, kept);
    size_t want = room - kept < CHUNK - kept ? room - kept : CHUNK - kept;
    size_t got = d->up.read(d->up.self, out + kept, want);
    if (got == 0) {
        d->eof = 1;
        return 0;
    }
    size_t total = kept + got;
    size_t n = take_lines(d, out, total);
    memcpy(d->buf, out + n, total - n);
    d->pos = 0;
    d->len = total - n;
    return n;
}

static size_t dm_read(void *self, char *out, size_t max)
{
    demux *d = self;
    size_t n = 0;
    while (n < max) {
        if (d->obpos < d->oblen) {
            size_t k = d->oblen - d->obpos;
            if (k > max - n)
                k = max - n;
            memcpy(out + n, d->ob + d->obpos, k);
            d->obpos += k;
            n += k;
            continue;
        }
        if (d->sink == SINK_NONE) {
            if (d->last_nl && single(d)) {
                size_t k = bulk(d, out + n, max - n);
                if (k) {
                    n += k;
                    continue;
                }
                if ((k = bulk_direct(d, out + n, max - n)) > 0)
                    return n + k;  /* what came; the rest of out is not waited for */
            }
            if (!start_line(d))
                break;
            continue;
        }
        if (d->pos == d->len && !fill(d)) {
            end_line(d, 0);   /* the input ends inside the line */
            continue;
        }
        const char *s = d->buf + d->pos;
        size_t avail = d->len - d->pos, take;
        int ends;
        if (d->left) {
            take = d->left < avail ? d->left : avail;
            ends = take == d->left && s[take - 1] == '\n';
        } else {
            const char *nl = memchr(s, '\n', avail);
            take = nl ? (size_t)(nl - s) + 1 : avail;
            ends = nl != NULL;
        }
        if (d->sink == SINK_OUT) {
            if (take > max - n) {
                take = max - n;
                ends = 0;
            }
            memcpy(out + n, s, take);
            n += take;
        } else {
            if (d->held_bytes + take > DEMUX_MAX_BYTES) {
                give_up(d);   /* the line so far is handed on; the rest follows */
                d->sink = SINK_OUT;
                continue;
            }
            hold_bytes(d, s, take);
        }
        d->pos += take;
        if (d->left)
            d->left -= take;
        if (ends)
            end_line(d, 1);
        else if (d->left == 0 && d->eof && d->pos == d->len)
            end_line(d, 0);
    }
    return n;
}

/* ---- the filter ---------------------------------------------------------------------- */

demux *demux_new(line_source up)
{
    char *buf = xmalloc(CHUNK);
    demux *d = try_zalloc(sizeof *d);
    if (!d) {
        xfree(buf);
        oom();
    }
    d->up = up;
    d->buf = buf;
    d->last_nl = 1;
    return d;
}

line_source demux_source(demux *d)
{
    return (line_source){ dm_read, dm_origin, d, NULL };
}

uint64_t demux_moved(const demux *d)
{
    return d->moved;
}

void demux_free(demux *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->nsegs; i++)
        while (d->segs[i].head) {
            hline *h = d->segs[i].head;
            d->segs[i].head = h->next;
            free_line(h);
        }
    xfree(d->segs);
    xfree(d->runs);
    xfree(d->st);
    xfree(d->ob);
    xfree(d->buf);
    xfree(d);
}

/* For the parallel reader (read/parallel.c): whether no line was ever held
   back (a held line is counted in held_lines until it is handed on, and
   then its origin is stored: st_base + stn only grows) and no two tables
   were ever open at once (mixed is for good, and the tables learnt are
   learnt only then).  Then every line so far went on in its place, and at
   every earlier "Filename:" line that opened the first segment (the only
   way it was not held) no segment was open: the state a new filter
   starts in. */
int demux_is_fresh(const demux *d)
{
    return !d->mixed && d->nlearn == 0 && d->held_lines == 0 && d->st_base + d->stn == 0 &&
           d->moved == 0;
}
