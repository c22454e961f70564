/* compare/summary_json.c -- read `memfold summary -f json` back into a fold, so that
 * summaries of parts of a log add up to the summary of the whole
 * ("memfold merge") and serve as one side of a diff.
 *
 * The document is checked field by field against what emit_summary.c
 * writes: every key present and no other, counts non-negative integers
 * that fit an int64, MiB values numbers with no more decimals than the
 * function's precision, and the sums consistent with the counts and with
 * the values printed from them.  A message names the function (index,
 * name and file) and the field.
 *
 * Memory: the text is scanned here for its outline (the top-level keys,
 * the elements of "functions" and "inputs"), and jansson parses one
 * element at a time, so a document costs its text, the fold, and one
 * small element's tree -- not a tree of the whole document.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/util.h"
#include "compare/json_read.h"
#include "report/fold.h"

/* A function object holds 21 values, an input 5: an element with many
   more is not one, and is refused before jansson builds a tree of it. */
enum { MAX_ITEM_VALUES = 64 };

typedef jr_span span;

typedef struct doc {
    jr_doc r;             /* the text, the message, and "function 3 'load' (app.py): " */
    int looks;            /* it starts as memfold writes it */
    json_t *held;         /* the element being read: decref'd after a jump */
    uint64_t runs;        /* "runs": a `summary --runs` document; 0: none */
    uint32_t *body;       /* the function's source_hashes, decoded */
    size_t body_cap;
    size_t item_at, item_end;  /* and where its text is */
} doc;

/* ---- messages ------------------------------------------------------------- */

/* Out of memory (f and the inputs may have been changed). */
static int failv_nomem(doc *d)
{
    snprintf(d->r.err->message, sizeof d->r.err->message, "out of memory");
    return MF_ERR_NOMEM;
}

/* Line and column of byte pos of the text, 1-based. */
static void position(const doc *d, size_t pos, size_t *line, size_t *col)
{
    *line = 1;
    size_t start = 0;
    for (size_t i = 0; i < pos && i < d->r.len; i++)
        if (d->r.t[i] == '\n') {
            ++*line;
            start = i + 1;
        }
    *col = pos - start + 1;
}

/* ---- the outline: scanned, not parsed ------------------------------------- */

/* Where the outline is wrong. */
static int outline_error(doc *d, size_t pos, const char *what)
{
    size_t line, col;
    position(d, pos, &line, &col);
    if (!d->looks)
        return jr_not_summary(&d->r, "not a `memfold summary -f json` document (line %zu, column %zu: "
                              "%s); make one with `memfold summary -f json LOG` first", line, col, what);
    return jr_bad(&d->r, "line %zu, column %zu: %s", line, col, what);
}

/* The name of the key before the number that ends at pos (jansson
   stops right after a number it refuses), into buf; 0 if there is none. */
static int key_before(const doc *d, size_t from, size_t pos, char *buf, size_t cap)
{
    size_t i = pos < d->r.len ? pos : d->r.len;
    while (i > from && strchr("+-.eE0123456789", d->r.t[i - 1]))
        i--;
    while (i > from && strchr(" \t\r\n", d->r.t[i - 1]))
        i--;
    if (i <= from || d->r.t[i - 1] != ':')
        return 0;
    i--;
    while (i > from && strchr(" \t\r\n", d->r.t[i - 1]))
        i--;
    if (i <= from || d->r.t[i - 1] != '"')
        return 0;
    size_t end = --i;
    while (i > from && d->r.t[i - 1] != '"')
        i--;
    if (i <= from || end - i >= cap)
        return 0;
    snprintf(buf, cap, "%.*s", (int)(end - i), d->r.t + i);
    return 1;
}

static const char *const SUM_KEYS[] = { "scale", "mem", "entry", "exit", "measured_calls", NULL };

static int is_sum_key(const char *k)
{
    for (int i = 0; SUM_KEYS[i]; i++)
        if (strcmp(SUM_KEYS[i], k) == 0)
            return 1;
    return 0;
}

/* jansson refused an element (or a top-level value) at text[at..). */
static int parse_error(doc *d, size_t at, const json_error_t *je)
{
    size_t line, col, pos = at + (size_t)(je->position > 0 ? je->position : 0);
    char key[64];
    position(d, pos, &line, &col);
    if (!key_before(d, 0, pos, key, sizeof key))
        return jr_bad(&d->r, "line %zu, column %zu: %s", line, col, je->text);
    const char *sums = is_sum_key(key) ? "sums." : "";
    if (strncmp(je->text, "too big", 7) == 0)
        return jr_bad(&d->r, "\"%s%s\" is too %s for a 64-bit integer (%s %lld; line %zu, column %zu)",
                      sums, key, strstr(je->text, "negative") ? "small" : "large",
                      strstr(je->text, "negative") ? "at least" : "at most",
                      strstr(je->text, "negative") ? (long long)INT64_MIN : (long long)INT64_MAX,
                      line, col);
    return jr_bad(&d->r, "\"%s%s\": %s (line %zu, column %zu)", sums, key, je->text, line, col);
}

static json_t *parse_span(doc *d, span s, int *rc)
{
    json_error_t je;
    json_t *v = json_loadb(d->r.t + s.at, s.end - s.at, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
    if (!v)
        *rc = parse_error(d, s.at, &je);
    return v;
}

/* The top-level values of the document. */
typedef struct outline {
    span version, functions, inputs, errors, memit, runs;
    char unknown[64];     /* the first key that has no place in it */
    int kind;             /* "kind": a summary of .dat files */
} outline;

static int place_key(doc *d, outline *o, const char *key, span v, size_t at)
{
    struct { const char *name; span *where; } slots[] = {
        { "memfold", &o->version }, { "functions", &o->functions },
        { "inputs", &o->inputs }, { "errors", &o->errors }, { "memit", &o->memit },
        { "runs", &o->runs },
    };
    for (size_t i = 0; i < sizeof slots / sizeof slots[0]; i++)
        if (strcmp(key, slots[i].name) == 0) {
            if (slots[i].where->end) {
                char what[64];
                snprintf(what, sizeof what, "the key \"%s\" is given twice", key);
                return outline_error(d, at, what);
            }
            *slots[i].where = v;
            return 0;
        }
    if (strcmp(key, "kind") == 0)
        o->kind = 1;
    else if (!o->unknown[0])
        snprintf(o->unknown, sizeof o->unknown, "%s", key);
    return 0;
}

/* One `"key": value` at i; its end in *next. */
static int scan_member(doc *d, outline *o, size_t i, size_t *next)
{
    size_t kend, nv;
    if (i >= d->r.len || d->r.t[i] != '"' || (kend = jr_string_end(&d->r, i)) == 0)
        return outline_error(d, i, "a key (a string) expected");
    json_error_t je;
    json_t *k = json_loadb(d->r.t + i, kend - i, JSON_DECODE_ANY, &je);
    if (!k)
        return outline_error(d, i, je.text);
    size_t at = jr_skip_ws(&d->r, kend);
    if (at >= d->r.len || d->r.t[at] != ':') {
        json_decref(k);
        return outline_error(d, at, "':' expected");
    }
    span v = { jr_skip_ws(&d->r, at + 1), 0 };
    if ((v.end = jr_value_end(&d->r, v.at, &nv)) == 0) {
        json_decref(k);
        return outline_error(d, v.at, "a value that does not end (the document is cut short?)");
    }
    int rc = place_key(d, o, json_string_value(k), v, i);
    json_decref(k);
    *next = v.end;
    return rc;
}

static int scan_outline(doc *d, outline *o)
{
    size_t i = jr_skip_ws(&d->r, 0);
    memset(o, 0, sizeof *o);
    if (i >= d->r.len || d->r.t[i] != '{')
        return outline_error(d, i, "it does not start with '{'");
    i = jr_skip_ws(&d->r, i + 1);
    if (i < d->r.len && d->r.t[i] == '}')
        i++;
    else
        for (;;) {
            int rc = scan_member(d, o, i, &i);
            if (rc)
                return rc;
            i = jr_skip_ws(&d->r, i);
            if (i < d->r.len && d->r.t[i] == '}') {
                i++;
                break;
            }
            if (i >= d->r.len || d->r.t[i] != ',')
                return outline_error(d, i, "',' or '}' expected");
            i = jr_skip_ws(&d->r, i + 1);
        }
    if ((i = jr_skip_ws(&d->r, i)) < d->r.len)
        return outline_error(d, i, "text after the end of the document");
    return 0;
}

/* Calls each() with every element of the array at s. */
typedef int (*item_fn)(doc *d, size_t index, json_t *v, void *user);

static int each_item(doc *d, span s, const char *key, const char *what, item_fn each, void *user)
{
    if (d->r.t[s.at] != '[')
        return jr_bad(&d->r, "\"%s\" must be an array, not %.20s", key, d->r.t + s.at);
    size_t i = jr_skip_ws(&d->r, s.at + 1), nv;
    if (i < s.end && d->r.t[i] == ']')
        return 0;
    for (size_t index = 0;; index++) {
        span e = { i, jr_value_end(&d->r, i, &nv) };
        jr_set_where(&d->r, what, index, NULL, NULL);
        if (e.end == 0 || e.end > s.end)
            return outline_error(d, i, "an element of an array expected");
        if (nv > MAX_ITEM_VALUES + (d->runs < SIZE_MAX / 16 ? 12 * d->runs : SIZE_MAX / 2))
            return jr_bad(&d->r, "holds %zu values or more: it is not a %s of a summary", nv, what);
        int rc = 0;
        json_t *v = parse_span(d, e, &rc);
        if (v) {
            d->item_at = e.at;
            d->item_end = e.end;
            d->held = v;   /* out of memory in each(), load_document frees it */
            rc = each(d, index, v, user);
            d->held = NULL;
            json_decref(v);
        }
        if (rc)
            return rc;
        d->r.where[0] = '\0';
        i = jr_skip_ws(&d->r, e.end);
        if (i < s.end && d->r.t[i] == ']')
            return 0;
        if (i >= s.end || d->r.t[i] != ',')
            return outline_error(d, i, "',' or ']' expected");
        i = jr_skip_ws(&d->r, i + 1);
    }
}

/* ---- fields ---------------------------------------------------------------- */

/* A count or null: *known says which. */
static int get_count_or_null(doc *d, json_t *o, const char *key, uint64_t *out, int *known)
{
    *known = !json_is_null(json_object_get(o, key));
    *out = 0;
    return *known ? jr_get_count(&d->r, o, key, key, 0, out) : 0;
}

/* Whether v is a value in MiB with at most prec decimals, into *out;
   1: out of range, 2: more decimals. */
static int mib_decimal(double v, int prec, mf_decimal *out)
{
    double m = v * (double)MF_POW10[prec];
    if (!(fabs(m) < 9223372036854775807.0))   /* 2^63: llround holds it */
        return 1;
    out->mant = (int64_t)llround(m);
    out->prec = (uint8_t)prec;
    if (!mf_decimal_fits(*out))
        return 1;
    /* below 2^53 the division is exact, and equals what strtod gives */
    if (llabs(out->mant) < (1LL << 53) && (double)out->mant / (double)MF_POW10[prec] != v)
        return 2;
    return 0;
}

/* A value in MiB as printed (peak, min, hot increment), or null when
   want is 0. */
static int get_mib(doc *d, json_t *o, const char *key, int prec, int want, const char *why,
                   mf_decimal *out)
{
    char buf[64];
    json_t *v = json_object_get(o, key);
    if (!want) {
        if (!json_is_null(v))
            return jr_bad(&d->r, "\"%s\" must be null when %s, not %s", key, why,
                          jr_shown_value(v, buf, sizeof buf));
        return 0;
    }
    if (!json_is_number(v))
        return jr_bad(&d->r, "\"%s\" must be a number of MiB%s%s, not %s", key, why[0] ? " when " : "",
                      why, jr_shown_value(v, buf, sizeof buf));
    switch (mib_decimal(json_number_value(v), prec, out)) {
    case 1:
        return jr_bad(&d->r, "\"%s\" is out of range (at most %lld MiB), not %s", key,
                      (long long)(INT64_MAX / MF_SCALE), jr_shown_value(v, buf, sizeof buf));
    case 2:
        return jr_bad(&d->r, "\"%s\" must have at most %d decimal%s (as \"sums.scale\" says), not %s",
                      key, prec, prec == 1 ? "" : "s", jr_shown_value(v, buf, sizeof buf));
    }
    return 0;
}

/* ---- one function ------------------------------------------------------------ */

static const char *const FUNCTION_KEYS[] = {
    "file", "function", "line", "calls", "rows", "peak_mib", "min_mib", "mean_mib",
    "entry_mib", "exit_mib", "net_mib", "hot_line", "hot_increment_mib", "occurrences",
    "sums", NULL,
};
/* Keys a summary written by an earlier memfold does not have. */
static const char *const FUNCTION_OPTIONAL_KEYS[] = { "rise_mib", "source_hashes", "blocks",
                                                        "calls_estimated", "per_run", NULL };

static int get_names(doc *d, json_t *o, size_t i, mf_func_stats *s)
{
    char buf[64];
    json_t *file = json_object_get(o, "file"), *fn = json_object_get(o, "function");
    if (!json_is_string(file) && !json_is_null(file))
        return jr_bad(&d->r, "\"file\" must be a string or null, not %s",
                      jr_shown_value(file, buf, sizeof buf));
    if (fn && !json_is_string(fn) && !json_is_null(fn))
        return jr_bad(&d->r, "\"function\" must be a string or null, not %s", jr_shown_value(fn, buf, sizeof buf));
    s->file = json_is_string(file) ? json_string_value(file) : "";   /* null: unknown */
    s->function = json_is_string(fn) ? json_string_value(fn) : NULL;
    jr_set_where(&d->r, "function", i, s->function, s->file);
    return 0;
}

/* "sums": the scale gives the precision; sums in units of 1/scale MiB. */
static int get_sums(doc *d, json_t *o, mf_func_stats *s)
{
    char buf[64];
    json_t *sums = json_object_get(o, "sums");
    if (!json_is_object(sums))
        return jr_bad(&d->r, "\"sums\" must be an object, not %s", jr_shown_value(sums, buf, sizeof buf));
    int rc = jr_keys_are(&d->r, sums, "sums.", SUM_KEYS, NULL);
    if (rc)
        return rc;
    json_t *scale = json_object_get(sums, "scale");
    int prec = 0;
    while (prec <= MF_SCALE_DIGITS && json_is_integer(scale) &&
           MF_POW10[prec] != json_integer_value(scale))
        prec++;
    if (prec > MF_SCALE_DIGITS || !json_is_integer(scale))
        return jr_bad(&d->r, "\"sums.scale\" must be a power of ten from 1 to 1000000000, not %s",
                      jr_shown_value(scale, buf, sizeof buf));
    s->prec = (uint8_t)prec;
    int64_t unit = MF_POW10[MF_SCALE_DIGITS - prec];
    const char *keys[] = { "mem", "entry", "exit" };
    mf_sum *to[] = { &s->sum_mem, &s->sum_entry, &s->sum_exit };
    for (int k = 0; k < 3; k++) {
        json_t *v = json_object_get(sums, keys[k]);
        if (!json_is_integer(v))
            return jr_bad(&d->r, "\"sums.%s\" must be an integer, not %s", keys[k], jr_shown_value(v, buf, sizeof buf));
        *to[k] = sum_of((__int128)json_integer_value(v) * unit);
    }
    return jr_get_count(&d->r, sums, "measured_calls", "sums.measured_calls", 0, &s->measured_calls);
}

/* "blocks" and "calls_estimated", both or neither: a summary written
   before they were kept has only "calls", which counted blocks (then the
   calls are an estimate: one a block). */
static int get_blocks(doc *d, json_t *o, mf_func_stats *s)
{
    json_t *blocks = json_object_get(o, "blocks"), *est = json_object_get(o, "calls_estimated");
    char buf[64];
    if (!blocks && !est) {
        s->calls = s->ncalls;
        s->ncalls_estimated = 1;
        return 0;
    }
    if (!blocks || !est)
        return jr_bad(&d->r, "\"%s\" is missing (\"blocks\" and \"calls_estimated\" go together)",
                      blocks ? "calls_estimated" : "blocks");
    int rc = jr_get_count(&d->r, o, "blocks", "blocks", 1, &s->calls);
    if (rc)
        return rc;
    if (!json_is_boolean(est))
        return jr_bad(&d->r, "\"calls_estimated\" must be true or false, not %s", jr_shown_value(est, buf, sizeof buf));
    s->ncalls_estimated = json_is_true(est);
    if (s->ncalls < s->calls)
        return jr_bad(&d->r, "\"calls\" (%llu) is less than \"blocks\" (%llu): every block is a call at least",
                      (unsigned long long)s->ncalls, (unsigned long long)s->calls);
    return 0;
}

static int get_counts(doc *d, json_t *o, mf_func_stats *s)
{
    int rc;
    if ((rc = jr_get_count(&d->r, o, "line", "line", 0, &s->line)) ||
        (rc = jr_get_count(&d->r, o, "calls", "calls", 1, &s->ncalls)) ||
        (rc = jr_get_count(&d->r, o, "rows", "rows", 0, &s->rows)) ||
        (rc = get_count_or_null(d, o, "occurrences", &s->occurrences, &s->occ_known)) ||
        (rc = get_blocks(d, o, s)))
        return rc;
    if ((rc = get_sums(d, o, s)))
        return rc;
    const char *blocks = json_object_get(o, "blocks") ? "blocks" : "calls";
    if (s->measured_calls > s->calls)
        return jr_bad(&d->r, "\"sums.measured_calls\" (%llu) is more than \"%s\" (%llu)",
                      (unsigned long long)s->measured_calls, blocks, (unsigned long long)s->calls);
    if (s->measured_calls > s->rows || (s->rows > 0 && s->measured_calls == 0))
        return jr_bad(&d->r, "\"sums.measured_calls\" (%llu) does not fit \"rows\" (%llu): every measured "
                      "call has measured rows", (unsigned long long)s->measured_calls,
                      (unsigned long long)s->rows);
    if (s->rows == 0 && (sum_get(s->sum_mem) || sum_get(s->sum_entry) || sum_get(s->sum_exit)))
        return jr_bad(&d->r, "\"sums.mem\", \"sums.entry\" and \"sums.exit\" must be 0 when \"rows\" is 0");
    if (s->rows == 0 && s->prec != 0)   /* the precision is that of the rows */
        return jr_bad(&d->r, "\"sums.scale\" must be 1 when \"rows\" is 0");
    return 0;
}

/* The mean of the sum over n lies from lo to hi (lo * n <= sum <= hi * n). */
static int check_within(doc *d, const char *what, __int128 sum, uint64_t n, const mf_func_stats *s)
{
    if (sum >= (__int128)s->min * (__int128)n && sum <= (__int128)s->peak * (__int128)n)
        return 0;
    char mean[64], lo[64], hi[64];
    __int128 q = sum / (__int128)n;
    mf_format_derived(mean, q > INT64_MAX ? INT64_MAX : q < INT64_MIN ? INT64_MIN : (int64_t)q, s->prec);
    mf_format_decimal(lo, s->min_dec);
    mf_format_decimal(hi, s->peak_dec);
    return jr_bad(&d->r, "%s at \"sums.scale\" %lld is %s MiB, not between \"min_mib\" %s and "
                  "\"peak_mib\" %s", what, (long long)MF_POW10[s->prec], mean, lo, hi);
}

static int get_extremes(doc *d, json_t *o, mf_func_stats *s)
{
    char why[64];
    int want = s->rows > 0, rc;
    snprintf(why, sizeof why, "\"rows\" is %llu", (unsigned long long)s->rows);
    if ((rc = get_mib(d, o, "peak_mib", s->prec, want, why, &s->peak_dec)) ||
        (rc = get_mib(d, o, "min_mib", s->prec, want, why, &s->min_dec)))
        return rc;
    if (!want)
        return 0;
    s->peak = mf_decimal_scaled(s->peak_dec);
    s->min = mf_decimal_scaled(s->min_dec);
    if (s->min > s->peak) {
        char lo[64], hi[64];
        mf_format_decimal(lo, s->min_dec);
        mf_format_decimal(hi, s->peak_dec);
        return jr_bad(&d->r, "\"min_mib\" %s is more than \"peak_mib\" %s", lo, hi);
    }
    if ((rc = check_within(d, "\"sums.mem\" / \"rows\"", sum_get(s->sum_mem), s->rows, s)) ||
        (rc = check_within(d, "\"sums.entry\" / \"sums.measured_calls\"", sum_get(s->sum_entry),
                           s->measured_calls, s)))
        return rc;
    return check_within(d, "\"sums.exit\" / \"sums.measured_calls\"", sum_get(s->sum_exit),
                        s->measured_calls, s);
}

/* printed is within rounding of the scaled value: emit_summary prints
   it to prec + 2 decimals (at most MF_SCALE_DIGITS). */
static int near_derived(double printed, int64_t scaled, int prec)
{
    int digits = prec + 2 < MF_SCALE_DIGITS ? prec + 2 : MF_SCALE_DIGITS;
    double half = 0.5 * (double)MF_POW10[MF_SCALE_DIGITS - digits];
    double got = printed * (double)MF_SCALE;
    return fabs(got - (double)scaled) <= half * (1 + 1e-9) + fabs((double)scaled) * 4e-16;
}

/* mean, entry, exit and net as printed agree with the sums. */
static int check_derived(doc *d, json_t *o, const mf_func_stats *s)
{
    struct { const char *key, *from; int64_t value; } v[] = {
        { "mean_mib", "\"sums.mem\" / \"rows\"", mf_stats_mean(s) },
        { "entry_mib", "\"sums.entry\" / \"sums.measured_calls\"", mf_stats_entry(s) },
        { "exit_mib", "\"sums.exit\" / \"sums.measured_calls\"", mf_stats_exit(s) },
        { "net_mib", "(\"sums.exit\" - \"sums.entry\") / \"sums.measured_calls\"", mf_stats_net(s) },
    };
    char buf[64], want[64];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        json_t *x = json_object_get(o, v[i].key);
        if (s->rows == 0) {
            if (!json_is_null(x))
                return jr_bad(&d->r, "\"%s\" must be null when \"rows\" is 0, not %s", v[i].key,
                              jr_shown_value(x, buf, sizeof buf));
            continue;
        }
        if (!json_is_number(x))
            return jr_bad(&d->r, "\"%s\" must be a number of MiB, not %s", v[i].key, jr_shown_value(x, buf, sizeof buf));
        if (!near_derived(json_number_value(x), v[i].value, s->prec)) {
            mf_format_derived(want, v[i].value, s->prec);
            return jr_bad(&d->r, "\"%s\" is %s, but %s at \"sums.scale\" %lld gives %s", v[i].key,
                          jr_shown_value(x, buf, sizeof buf), v[i].from, (long long)MF_POW10[s->prec], want);
        }
    }
    return 0;
}

/* The hottest line exists when some call had a second measured row:
   when there are more rows than measured calls. */
static int get_hot(doc *d, json_t *o, mf_func_stats *s)
{
    json_t *line = json_object_get(o, "hot_line"), *inc = json_object_get(o, "hot_increment_mib");
    int want = s->rows > s->measured_calls, rc;
    char why[160];
    if (json_is_null(line) != json_is_null(inc))
        return jr_bad(&d->r, "\"hot_line\" and \"hot_increment_mib\" must be both null or both given");
    if (want && json_is_null(line))
        return jr_bad(&d->r, "\"hot_line\" is null, but \"rows\" (%llu) more than \"sums.measured_calls\" "
                      "(%llu) means a call had a second measured row", (unsigned long long)s->rows,
                      (unsigned long long)s->measured_calls);
    snprintf(why, sizeof why, "\"rows\" (%llu) is not more than \"sums.measured_calls\" (%llu)",
             (unsigned long long)s->rows, (unsigned long long)s->measured_calls);
    if (!want && !json_is_null(line))
        return jr_bad(&d->r, "\"hot_line\" must be null when %s", why);
    if (!want)
        return 0;
    if ((rc = jr_get_count(&d->r, o, "hot_line", "hot_line", 0, &s->hot_line)) ||
        (rc = get_mib(d, o, "hot_increment_mib", s->prec, 1, "", &s->hot_dec)))
        return rc;
    s->has_hot = 1;
    s->hot_inc = mf_decimal_scaled(s->hot_dec);
    return 0;
}

/* "rise_mib": the largest rise of one call, as printed (exact, at most
   the function's precision), from 0 to peak (its entry may be below
   every row's Mem usage: see fold.c's block_entry); null (or absent: a
   summary written before it was kept) when unknown, and always when
   "rows" is 0. */
static int get_rise(doc *d, json_t *o, mf_func_stats *s)
{
    json_t *v = json_object_get(o, "rise_mib");
    char buf[64], lo[64];
    mf_decimal dec;
    if (!v || json_is_null(v))
        return 0;
    int rc = get_mib(d, o, "rise_mib", s->prec, s->rows > 0, "\"rows\" is 0", &dec);
    if (rc)
        return rc;
    int64_t rise = mf_decimal_scaled(dec);
    if (rise < 0 || rise > s->peak) {
        mf_format_scaled(lo, s->peak, s->prec);
        return jr_bad(&d->r, "\"rise_mib\" must be from 0 to \"peak_mib\" (%s), not %s", lo,
                      jr_shown_value(v, buf, sizeof buf));
    }
    s->has_rise = 1;
    s->rise = rise;
    return 0;
}

/* "source_hashes": 8 lowercase hex digits a source row; null (or absent:
   a summary written before they were kept) when unknown. */
static int get_hashes(doc *d, json_t *o, mf_func_stats *s)
{
    json_t *v = json_object_get(o, "source_hashes");
    char buf[64];
    if (!v || json_is_null(v))
        return 0;
    if (!json_is_string(v))
        return jr_bad(&d->r, "\"source_hashes\" must be a string or null, not %s", jr_shown_value(v, buf, sizeof buf));
    const char *t = json_string_value(v);
    size_t len = json_string_length(v);
    if (len % 8 != 0 || len / 8 > UINT32_MAX || strspn(t, "0123456789abcdef") != len)
        return jr_bad(&d->r, "\"source_hashes\" must be 8 lowercase hex digits a source row, not %s",
                      jr_shown_value(v, buf, sizeof buf));
    size_t n = len / 8;
    if (n > d->body_cap) {
        d->body = xrealloc(d->body, n * sizeof *d->body);
        d->body_cap = n;
    }
    for (size_t i = 0; i < n; i++) {
        uint32_t h = 0;
        for (int k = 0; k < 8; k++) {
            char c = t[i * 8 + k];
            h = h << 4 | (uint32_t)(c <= '9' ? c - '0' : c - 'a' + 10);
        }
        d->body[i] = h;
    }
    s->body = n ? d->body : NULL;
    s->nbody = (uint32_t)n;
    return 0;
}

/* "per_run" (a `summary --runs` document: there exactly): an array of
   "runs" entries, each null or an object of the calls, peak_mib,
   rise_mib, net_mib and mean_mib of one run -- its shape is checked, its
   values are the reader's of runs (diff), not the fold's. */
static const char *const PER_RUN_KEYS[] = { "calls", "peak_mib", "rise_mib", "net_mib", "mean_mib",
                                            NULL };

static int check_per_run(doc *d, json_t *o)
{
    json_t *v = json_object_get(o, "per_run");
    char buf[64];
    if (!d->runs && !v)
        return 0;
    if (!d->runs)
        return jr_bad(&d->r, "\"per_run\" is given, but the summary has no \"runs\"");
    if (!v)
        return jr_bad(&d->r, "\"per_run\" is missing (the summary has \"runs\": %llu)",
                      (unsigned long long)d->runs);
    if (!json_is_array(v) || json_array_size(v) != d->runs)
        return jr_bad(&d->r, "\"per_run\" must be an array of %llu entries (\"runs\"), not %s",
                      (unsigned long long)d->runs, jr_shown_value(v, buf, sizeof buf));
    for (size_t i = 0; i < json_array_size(v); i++) {
        json_t *e = json_array_get(v, i);
        char label[64];
        if (json_is_null(e))
            continue;
        snprintf(label, sizeof label, "per_run[%zu].", i);
        if (!json_is_object(e))
            return jr_bad(&d->r, "\"per_run\" entry %zu must be an object or null, not %s", i,
                          jr_shown_value(e, buf, sizeof buf));
        int rc = jr_keys_are(&d->r, e, label, PER_RUN_KEYS, NULL);
        if (rc)
            return rc;
        json_t *calls = json_object_get(e, "calls");
        if (!json_is_integer(calls) || json_integer_value(calls) < 1)
            return jr_bad(&d->r, "\"%scalls\" must be a positive integer, not %s", label,
                          jr_shown_value(calls, buf, sizeof buf));
        for (int k = 1; PER_RUN_KEYS[k]; k++) {
            json_t *x = json_object_get(e, PER_RUN_KEYS[k]);
            if (!json_is_number(x) && !json_is_null(x))
                return jr_bad(&d->r, "\"%s%s\" must be a number of MiB or null, not %s", label,
                              PER_RUN_KEYS[k], jr_shown_value(x, buf, sizeof buf));
        }
    }
    return 0;
}

static int read_function(doc *d, size_t i, json_t *o, mf_func_stats *s)
{
    char buf[64];
    int rc;
    memset(s, 0, sizeof *s);
    jr_set_where(&d->r, "function", i, NULL, NULL);
    if (!json_is_object(o))
        return jr_bad(&d->r, "must be an object, not %s", jr_shown_value(o, buf, sizeof buf));
    if ((rc = get_names(d, o, i, s)) || (rc = jr_keys_are(&d->r, o, "", FUNCTION_KEYS, FUNCTION_OPTIONAL_KEYS)) ||
        (rc = get_counts(d, o, s)) || (rc = get_extremes(d, o, s)) ||
        (rc = check_derived(d, o, s)) || (rc = get_hot(d, o, s)) || (rc = get_rise(d, o, s)) ||
        (rc = get_hashes(d, o, s)) || (rc = check_per_run(d, o)))
        return rc;
    return 0;
}

/* Into the document's own fold: a function listed twice is an error. */
static int add_function(doc *d, size_t i, json_t *o, void *user)
{
    mf_fold *own = user;
    mf_func_stats s;
    int rc = read_function(d, i, o, &s);
    if (rc)
        return rc;
    size_t n = mf_fold_count(own);
    fold_add_stats_field(own, &s, NULL);
    if (mf_fold_count(own) == n)
        return jr_bad(&d->r, "listed twice (the same \"file\", \"function\" and \"line\" %llu)",
                      (unsigned long long)s.line);
    return 0;
}

/* ---- %memit results ------------------------------------------------------------- */

static const char *const MEMIT_KEYS[] = { "peak_mib", "increment_mib", "statement", "source",
                                          "line", NULL };

/* The text of the number that is the value of key in the element being
   read (a member of the object itself: nested values and strings are
   stepped over), as printed; 0 if it is not found. */
static int raw_number(const doc *d, const char *key, mf_decimal *out)
{
    span v = jr_member(&d->r, (span){ d->item_at, d->item_end }, key);
    return v.end != 0 && mf_decimal_parse(d->r.t + v.at, v.end - v.at, out) == MF_NUM_OK;
}

/* A value in MiB exactly as written ("62.50" keeps its two decimals). */
static int get_memit_mib(doc *d, json_t *o, const char *key, int nullable, int *given,
                         mf_decimal *out)
{
    char buf[64];
    json_t *v = json_object_get(o, key);
    *given = !json_is_null(v);
    if (nullable && !*given)
        return 0;
    if (!json_is_number(v))
        return jr_bad(&d->r, "\"%s\" must be a number of MiB%s, not %s", key, nullable ? " or null" : "",
                      jr_shown_value(v, buf, sizeof buf));
    if (!raw_number(d, key, out) || !mf_decimal_fits(*out))
        return jr_bad(&d->r, "\"%s\" must be a decimal number of MiB as %%memit prints it (no exponent, "
                      "at most %lld), not %s", key, (long long)(INT64_MAX / MF_SCALE),
                      jr_shown_value(v, buf, sizeof buf));
    return 0;
}

static int add_memit_item(doc *d, size_t i, json_t *o, void *user)
{
    mf_fold *own = user;
    char buf[64];
    mf_memit_stats m;
    memset(&m, 0, sizeof m);
    jr_set_where(&d->r, "memit result", i, NULL, NULL);
    if (!json_is_object(o))
        return jr_bad(&d->r, "must be an object, not %s", jr_shown_value(o, buf, sizeof buf));
    json_t *source = json_object_get(o, "source"), *stmt = json_object_get(o, "statement");
    if (!json_is_string(source))
        return jr_bad(&d->r, "\"source\" must be a string, not %s", jr_shown_value(source, buf, sizeof buf));
    jr_set_where(&d->r, "memit result", i, NULL, json_string_value(source));
    int rc;
    if ((rc = jr_keys_are(&d->r, o, "", MEMIT_KEYS, NULL)))
        return rc;
    if (!json_is_string(stmt) && !json_is_null(stmt))
        return jr_bad(&d->r, "\"statement\" must be a string or null, not %s", jr_shown_value(stmt, buf, sizeof buf));
    if (json_is_string(stmt) && (json_string_length(stmt) == 0 ||
                                 strlen(json_string_value(stmt)) != json_string_length(stmt)))
        return jr_bad(&d->r, "\"statement\" must be a statement (not empty, no NUL), or null");
    int given;
    if ((rc = jr_get_count(&d->r, o, "line", "line", 1, &m.line)) ||
        (rc = get_memit_mib(d, o, "peak_mib", 0, &given, &m.peak)) ||
        (rc = get_memit_mib(d, o, "increment_mib", 1, &m.has_increment, &m.increment)))
        return rc;
    m.source = json_string_value(source);
    m.statement = json_is_string(stmt) ? json_string_value(stmt) : NULL;
    mf_fold_add_memit(own, &m);   /* (out of memory: it jumps back; GUARDED nests) */
    return 0;
}

/* ---- inputs and the document --------------------------------------------------- */

static const char *const INPUT_KEYS[] = { "path", "blocks", "rows", "skipped_lines", NULL };

static int add_input(doc *d, size_t i, json_t *o, void *user)
{
    mf_json_inputs *to = user;
    char buf[64];
    mf_input_record r;
    memset(&r, 0, sizeof r);
    jr_set_where(&d->r, "input", i, NULL, NULL);
    if (!json_is_object(o))
        return jr_bad(&d->r, "must be an object, not %s", jr_shown_value(o, buf, sizeof buf));
    json_t *path = json_object_get(o, "path");
    if (!json_is_string(path))
        return jr_bad(&d->r, "\"path\" must be a string, not %s", jr_shown_value(path, buf, sizeof buf));
    jr_set_where(&d->r, "input", i, NULL, json_string_value(path));
    int rc;
    if ((rc = jr_keys_are(&d->r, o, "", INPUT_KEYS, NULL)) ||
        (rc = jr_get_count(&d->r, o, "blocks", "blocks", 0, &r.stats.blocks)) ||
        (rc = jr_get_count(&d->r, o, "rows", "rows", 0, &r.stats.rows)) ||
        (rc = jr_get_count(&d->r, o, "skipped_lines", "skipped_lines", 0, &r.stats.skipped_lines)))
        return rc;
    to->v = xrealloc(to->v, (to->n + 1) * sizeof *to->v);
    r.path = xstrndup(json_string_value(path), json_string_length(path));
    to->v[to->n++] = r;
    return 0;
}

static void free_inputs(mf_json_inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        xfree((char *)in->v[i].path);
    xfree(in->v);
}

/* The top level: a summary of reports, of version 1, with its keys. */
static int check_outline(doc *d, const outline *o)
{
    char buf[64];
    int rc = 0;
    if (o->kind)
        return jr_not_summary(&d->r, "not a `memfold summary -f json` document of reports (it has a \"kind\": "
                              "a summary of mprof .dat files)");
    if (!o->version.end)
        return jr_not_summary(&d->r, "not a `memfold summary -f json` document (no \"memfold\" key); make one "
                              "with `memfold summary -f json LOG` first");
    json_t *v = parse_span(d, o->version, &rc);
    if (!v)
        return rc;
    if (json_is_integer(v) && json_integer_value(v) != 1)
        rc = jr_not_summary(&d->r, "a summary of version %lld: this memfold reads version 1",
                            (long long)json_integer_value(v));
    else if (!json_is_integer(v))
        rc = jr_bad(&d->r, "\"memfold\" must be the integer 1, not %s", jr_shown_value(v, buf, sizeof buf));
    json_decref(v);
    if (rc)
        return rc;
    if (o->unknown[0]) {
        char shown[JR_NAME_SHOWN * 6];
        jr_shown_name(&d->r, shown, sizeof shown, o->unknown);
        return jr_bad(&d->r, "unknown key \"%s\" (a summary holds \"memfold\", \"runs\", \"functions\", "
                      "\"memit\", \"inputs\" and \"errors\")", shown);
    }
    if (o->runs.end) {   /* a summary of several runs (`summary --runs`) */
        json_t *r = parse_span(d, o->runs, &rc);
        if (!r)
            return rc;
        if (!json_is_integer(r) || json_integer_value(r) < 1)
            rc = jr_bad(&d->r, "\"runs\" must be a positive integer, not %s", jr_shown_value(r, buf, sizeof buf));
        else
            d->runs = (uint64_t)json_integer_value(r);
        json_decref(r);
        if (rc)
            return rc;
    }
    const char *names[] = { "functions", "inputs", "errors" };
    const span *spans[] = { &o->functions, &o->inputs, &o->errors };
    for (int i = 0; i < 3; i++)
        if (!spans[i]->end)
            return jr_bad(&d->r, "\"%s\" is missing", names[i]);
    return 0;
}

static int get_errors(doc *d, span s, uint64_t *errors)
{
    int rc = 0;
    json_t *wrap = json_object(), *v = parse_span(d, s, &rc);
    if (v) {
        json_object_set_new(wrap, "errors", v);
        rc = jr_get_count(&d->r, wrap, "errors", "errors", 0, errors);
    }
    json_decref(wrap);
    return rc;
}

/* The document's functions, added to f; overflow is an error. */
static int add_up(doc *d, mf_fold *f, const mf_fold *own)
{
    for (size_t i = 0; i < mf_fold_count(own); i++) {
        const mf_func_stats *s = mf_fold_get(own, i);
        const char *field = NULL;
        if (fold_add_stats_field(f, s, &field) != 0) {
            jr_set_where(&d->r, "function", i, s->function, s->file);
            return jr_bad(&d->r, "\"%s\" overflows when added to the same function of the files before "
                          "(a count or sum is at most %lld)", field, (long long)INT64_MAX);
        }
    }
    for (size_t i = 0; i < mf_fold_memit_count(own); i++)
        if (mf_fold_add_memit(f, mf_fold_memit_get(own, i)) != MF_OK)
            oom();
    return 0;
}

static int load_document(doc *d, mf_fold *f, mf_json_inputs *inputs)
{
    outline o;
    mf_json_inputs got = { NULL, 0, 0, 0 };
    mf_fold *own = mf_fold_new();
    int rc;
    if (!own)
        return failv_nomem(d);
    mf_guard g;
    if (GUARD(&g)) {
        json_decref(d->held);
        d->held = NULL;
        free_inputs(&got);
        mf_fold_free(own);
        return failv_nomem(d);
    }
    if ((rc = scan_outline(d, &o)) == 0 && (rc = check_outline(d, &o)) == 0 &&
        (rc = each_item(d, o.functions, "functions", "function", add_function, own)) == 0 &&
        (!o.memit.end ||
         (rc = each_item(d, o.memit, "memit", "memit result", add_memit_item, own)) == 0) &&
        (rc = each_item(d, o.inputs, "inputs", "input", add_input, &got)) == 0 &&
        (rc = get_errors(d, o.errors, &got.errors)) == 0) {
        if (inputs && got.errors > (uint64_t)INT64_MAX - inputs->errors)
            rc = jr_bad(&d->r, "\"errors\" overflows when added to the files before (at most %lld)",
                        (long long)INT64_MAX);
        else
            rc = add_up(d, f, own);
    }
    if (rc == 0 && inputs) {
        inputs->v = xrealloc(inputs->v, (inputs->n + got.n + 1) * sizeof *inputs->v);
        if (got.n)   /* (got.v is NULL when the document lists no input) */
            memcpy(inputs->v + inputs->n, got.v, got.n * sizeof *got.v);
        inputs->n += got.n;
        inputs->errors += got.errors;
        inputs->runs = d->runs;
        xfree(got.v);
    } else {
        free_inputs(&got);
    }
    guard_end(&g);
    mf_fold_free(own);
    return rc;
}

int mf_fold_load_json(mf_fold *f, const char *text, size_t len, mf_json_inputs *inputs,
                      mf_error *err)
{
    mf_error local;
    if (!err)
        err = &local;
    error_clear(err);
    doc d = { { text, len, err, 1, "" }, mf_profile_is_summary_json(text, len), NULL, 0, NULL, 0,
              0, 0 };
    err->code = load_document(&d, f, inputs);
    xfree(d.body);
    return err->code;
}

void mf_json_inputs_free(mf_json_inputs *in)
{
    if (!in)
        return;
    free_inputs(in);
    in->v = NULL;
    in->n = 0;
    in->errors = 0;
    in->runs = 0;
}
