/* compare/dat_json.c -- read `memfold summary -f json run.dat` back into a
 * .dat fold, so that the summary of a .dat file serves as a golden file
 * (one side of `memfold diff`) and summaries of parts add up to the
 * summary of the whole (`memfold merge`).
 *
 * The document is checked against what dat/emit_summary.c writes: every
 * key present and no other, counts non-negative integers, MiB values and
 * durations decimal numbers, and what is derived agrees with what it is
 * derived from: the mean with its exact sum ("sums"), the mean duration
 * with the total, the mprof peaks with the peaks, the samples and the
 * peak of the whole with its runs.  A message names the function, run or
 * child (index and name) and the field.
 *
 * jansson parses the document (it is small: a function, run or child is
 * one line of it); numbers are read exactly from the text itself, since a
 * double does not keep "41.625000" apart from "41.625" (the number of
 * decimals mprof printed, which the merged summary prints again).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/util.h"
#include "compare/json_read.h"
#include "dat/fold.h"

/* ---- the text: where each value is -------------------------------------------- */

typedef jr_span span;
typedef jr_doc doc;

/* The next element of the array at a, from *pos (0: the first), which
   moves on past it; {0, 0} if there is none. */
static span element(const jr_doc *j, span a, size_t *pos)
{
    span none = { 0, 0 };
    if (a.end == 0 || j->t[a.at] != '[')
        return none;
    size_t i = *pos ? *pos : jr_skip_ws(j, a.at + 1);
    if (i >= a.end || j->t[i] == ']')
        return none;
    span v = { i, jr_value_end(j, i, NULL) };
    if (v.end == 0 || v.end > a.end)
        return none;
    i = jr_skip_ws(j, v.end);
    if (i < a.end && j->t[i] == ',')
        i = jr_skip_ws(j, i + 1);
    *pos = i;
    return v;
}

/* The whole text as an object: its span. */
static span whole(const jr_doc *j)
{
    span s = { jr_skip_ws(j, 0), 0 };
    s.end = s.at < j->len ? jr_value_end(j, s.at, NULL) : 0;
    return s;
}

int mf_dat_is_summary_json(const char *text, size_t len)
{
    jr_doc j = { text, len, NULL, 0, "" };
    if (!mf_profile_is_summary_json(text, len))
        return 0;
    return jr_member(&j, whole(&j), "kind").end != 0;
}

/* ---- fields ---------------------------------------------------------------------- */

/* A decimal number as written in the text (the member key of the object
   at os, whose tree is o): MiB or seconds, not negative unless signed.
   With nullable, null gives *given 0. */
static int get_decimal(doc *d, json_t *o, span os, const char *key, int nullable, int signed_,
                       int *given, mf_decimal *out)
{
    char buf[64];
    json_t *v = json_object_get(o, key);
    int null_ok = nullable && json_is_null(v);
    if (given)
        *given = !null_ok;
    if (null_ok)
        return 0;
    size_t klen = strlen(key);
    const char *what = klen > 2 && strcmp(key + klen - 2, "_s") == 0 ? "seconds" : "MiB";
    if (!json_is_number(v))
        return jr_bad(d, "\"%s\" must be a number of %s%s, not %s", key, what,
                      nullable ? " or null" : "", jr_shown_value(v, buf, sizeof buf));
    span s = jr_member(d, os, key);
    if (s.end == 0 || mf_decimal_parse(d->t + s.at, s.end - s.at, out) != MF_NUM_OK ||
        !mf_decimal_fits(*out))
        return jr_bad(d, "\"%s\" must be a decimal number of %s as memfold writes it (no exponent, "
                      "at most %lld), not %s", key, what, (long long)(INT64_MAX / MF_SCALE),
                      jr_shown_value(v, buf, sizeof buf));
    if (!signed_ && out->mant < 0)
        return jr_bad(d, "\"%s\" must not be negative, not %s", key, jr_shown_value(v, buf, sizeof buf));
    return 0;
}

/* The same value: what was read, and what it is derived from as printed. */
static int same_value(mf_decimal a, const char *text)
{
    mf_decimal b;
    return mf_decimal_parse(text, strlen(text), &b) == MF_NUM_OK &&
           mf_decimal_scaled(a) == mf_decimal_scaled(b);
}


/* ---- one function ------------------------------------------------------------------ */

static const char *const FUNCTION_KEYS[] = {
    "function", "calls", "samples", "total_duration_s", "mean_duration_s", "peak_mib",
    "mean_mib", "rise_mib", "depth", "sums", NULL,
};
static const char *const SUM_KEYS[] = { "scale", "mem", "mem_count", NULL };

typedef struct func_in {
    const char *name;         /* jansson's: lives as long as the document */
    dat_func_part p;
} func_in;

/* "sums": the scale gives the decimals of the function's MiB values; the
   sum is in units of 1/scale MiB. */
static int get_sums(doc *d, json_t *o, dat_func_part *p)
{
    char buf[64];
    json_t *sums = json_object_get(o, "sums");
    if (!json_is_object(sums))
        return jr_bad(d, "\"sums\" must be an object, not %s", jr_shown_value(sums, buf, sizeof buf));
    int rc = jr_keys_are(d, sums, "sums.", SUM_KEYS, NULL);
    if (rc)
        return rc;
    json_t *scale = json_object_get(sums, "scale"), *mem = json_object_get(sums, "mem");
    int prec = 0;
    while (prec <= MF_SCALE_DIGITS && json_is_integer(scale) && MF_POW10[prec] != json_integer_value(scale))
        prec++;
    if (prec > MF_SCALE_DIGITS || !json_is_integer(scale))
        return jr_bad(d, "\"sums.scale\" must be a power of ten from 1 to 1000000000, not %s",
                      jr_shown_value(scale, buf, sizeof buf));
    p->mem_prec = (uint8_t)prec;
    if (!json_is_integer(mem))
        return jr_bad(d, "\"sums.mem\" must be an integer, not %s", jr_shown_value(mem, buf, sizeof buf));
    p->sum_mem = (__int128)json_integer_value(mem) * MF_POW10[MF_SCALE_DIGITS - prec];
    if ((rc = jr_get_count(d, sums, "mem_count", "sums.mem_count", 1, &p->mean_count)))
        return rc;
    /* the samples inside its calls, and a start and an end for each call
       without one */
    if (p->mean_count < p->samples || p->mean_count - p->samples > 2 * (__int128)p->calls ||
        (p->mean_count - p->samples) % 2 != 0)
        return jr_bad(d, "\"sums.mem_count\" (%llu) must be \"samples\" (%llu) plus 2 for each call "
                      "without a sample (of %llu calls)", (unsigned long long)p->mean_count,
                      (unsigned long long)p->samples, (unsigned long long)p->calls);
    return 0;
}

/* mean_mib and mean_duration_s agree with what they are derived from. */
static int check_means(doc *d, json_t *o, span os, dat_func_part *p, mf_decimal total)
{
    char want[64], buf[64];
    mf_decimal mean, mean_duration;
    int rc;
    if ((rc = get_decimal(d, o, os, "mean_mib", 0, 1, NULL, &mean)) ||
        (rc = get_decimal(d, o, os, "mean_duration_s", 0, 0, NULL, &mean_duration)))
        return rc;
    int64_t m = div_round(p->sum_mem, p->mean_count);
    mf_format_derived(want, m, p->mem_prec);
    if (!same_value(mean, want))
        return jr_bad(d, "\"mean_mib\" is %s, but \"sums.mem\" / \"sums.mem_count\" at \"sums.scale\" "
                      "%lld gives %s", jr_shown_value(json_object_get(o, "mean_mib"), buf, sizeof buf),
                      (long long)MF_POW10[p->mem_prec], want);
    if (m > mf_decimal_scaled(p->peak))
        return jr_bad(d, "\"mean_mib\" %s is more than \"peak_mib\"", want);
    /* the durations' decimals: those of the total as printed, or (the
       document reformatted, trailing zeros dropped) the fewest more that
       give the mean printed */
    int64_t md = div_round(p->sum_duration, p->calls);
    for (int prec = total.prec; prec <= MF_SCALE_DIGITS; prec++) {
        mf_format_derived(want, md, prec);
        if (same_value(mean_duration, want)) {
            p->time_prec = (uint8_t)prec;
            return 0;
        }
    }
    mf_format_derived(want, md, total.prec);
    return jr_bad(d, "\"mean_duration_s\" is %s, but \"total_duration_s\" / \"calls\" gives %s",
                  jr_shown_value(json_object_get(o, "mean_duration_s"), buf, sizeof buf), want);
}

static int read_function(doc *d, size_t i, json_t *o, span os, func_in *f)
{
    char buf[64];
    dat_func_part *p = &f->p;
    memset(f, 0, sizeof *f);
    jr_set_where(d, "function", i, NULL, NULL);
    if (!json_is_object(o))
        return jr_bad(d, "must be an object, not %s", jr_shown_value(o, buf, sizeof buf));
    json_t *name = json_object_get(o, "function");
    if (!json_is_string(name) || json_string_length(name) == 0 ||
        strlen(json_string_value(name)) != json_string_length(name))
        return jr_bad(d, "\"function\" must be a function's name (a string, not empty, no NUL), not %s",
                      jr_shown_value(name, buf, sizeof buf));
    f->name = json_string_value(name);
    jr_set_where(d, "function", i, f->name, NULL);
    int rc;
    uint64_t depth;
    mf_decimal total, rise;
    if (!json_object_get(o, "sums"))
        return jr_bad(d, "\"sums\" is missing (a summary written before memfold kept the sums of "
                      ".dat functions has none: write it again with `memfold summary -f json`)");
    if ((rc = jr_keys_are(d, o, "", FUNCTION_KEYS, NULL)) ||
        (rc = jr_get_count(d, o, "calls", "calls", 1, &p->calls)) ||
        (rc = jr_get_count(d, o, "samples", "samples", 0, &p->samples)) ||
        (rc = get_sums(d, o, p)) ||
        (rc = get_decimal(d, o, os, "total_duration_s", 0, 0, NULL, &total)) ||
        (rc = get_decimal(d, o, os, "peak_mib", 0, 1, NULL, &p->peak)) ||
        (rc = get_decimal(d, o, os, "rise_mib", 0, 0, NULL, &rise)))
        return rc;
    p->sum_duration = mf_decimal_scaled(total);
    p->rise = mf_decimal_scaled(rise);
    if (p->peak.prec > p->mem_prec || rise.prec > p->mem_prec)
        return jr_bad(d, "\"%s\" has more decimals than \"sums.scale\" %lld allows",
                      p->peak.prec > p->mem_prec ? "peak_mib" : "rise_mib",
                      (long long)MF_POW10[p->mem_prec]);
    if ((rc = check_means(d, o, os, p, total)))
        return rc;
    json_t *dv = json_object_get(o, "depth");
    p->depth = -1;
    if (!json_is_null(dv)) {
        if ((rc = jr_get_count(d, o, "depth", "depth", 0, &depth)))
            return rc;
        if (depth > 1000000)
            return jr_bad(d, "\"depth\" must be a stack level (at most 1000000), not %llu",
                          (unsigned long long)depth);
        p->depth = (int)depth;
    }
    return 0;
}

/* ---- runs, children, the whole --------------------------------------------------- */

static const char *const RUN_KEYS[] = { "source", "run", "command", "samples", "duration_s",
                                        "peak_mib", NULL };
static const char *const CHILD_KEYS[] = { "source", "pid", "samples", "peak_mib",
                                          "mprof_peak_mib", NULL };

static int get_source(doc *d, json_t *o, const char *what, size_t i, const char **out)
{
    char buf[64];
    json_t *s = json_object_get(o, "source");
    jr_set_where(d, what, i, NULL, NULL);
    if (!json_is_object(o))
        return jr_bad(d, "must be an object, not %s", jr_shown_value(o, buf, sizeof buf));
    if (!json_is_string(s) || strlen(json_string_value(s)) != json_string_length(s))
        return jr_bad(d, "\"source\" must be a path (a string, no NUL), not %s", jr_shown_value(s, buf, sizeof buf));
    *out = json_string_value(s);
    jr_set_where(d, what, i, *out, NULL);
    return 0;
}

/* A peak and its mprof form are both null when there is no sample, else
   both given and the same value. */
static int get_peaks(doc *d, json_t *o, span os, uint64_t samples, int mprof, mf_decimal *peak)
{
    char why[64], want[64];
    int given, mgiven, rc;
    mf_decimal mp;
    if ((rc = get_decimal(d, o, os, "peak_mib", 1, 1, &given, peak)) ||
        (mprof && (rc = get_decimal(d, o, os, "mprof_peak_mib", 1, 1, &mgiven, &mp))))
        return rc;
    snprintf(why, sizeof why, "\"samples\" is %llu", (unsigned long long)samples);
    if (given != (samples > 0))
        return jr_bad(d, "\"peak_mib\" must be %s when %s", samples ? "a number" : "null", why);
    if (!mprof)
        return 0;
    if (mgiven != (samples > 0))
        return jr_bad(d, "\"mprof_peak_mib\" must be %s when %s", samples ? "a number" : "null", why);
    if (samples && (mf_dat_format_mprof(want, *peak), !same_value(mp, want)))
        return jr_bad(d, "\"mprof_peak_mib\" must be \"peak_mib\" as `mprof peak` prints it (%s)", want);
    return 0;
}

static int read_run(doc *d, size_t i, json_t *o, span os, mf_dat_run_stats *r)
{
    char buf[64];
    int rc, given;
    mf_decimal duration;
    memset(r, 0, sizeof *r);
    if ((rc = get_source(d, o, "run", i, &r->source)) || (rc = jr_keys_are(d, o, "", RUN_KEYS, NULL)) ||
        (rc = jr_get_count(d, o, "run", "run", 1, &r->run)) ||
        (rc = jr_get_count(d, o, "samples", "samples", 0, &r->samples)) ||
        (rc = get_decimal(d, o, os, "duration_s", 1, 0, &given, &duration)) ||
        (rc = get_peaks(d, o, os, r->samples, 0, &r->peak)))
        return rc;
    json_t *cmd = json_object_get(o, "command");
    if (!json_is_null(cmd) && (!json_is_string(cmd) ||
                               strlen(json_string_value(cmd)) != json_string_length(cmd)))
        return jr_bad(d, "\"command\" must be a string (no NUL) or null, not %s", jr_shown_value(cmd, buf, sizeof buf));
    r->command = json_is_string(cmd) ? json_string_value(cmd) : NULL;
    if (given != (r->samples > 0))
        return jr_bad(d, "\"duration_s\" must be %s when \"samples\" is %llu",
                      r->samples ? "a number" : "null", (unsigned long long)r->samples);
    r->last_time = given ? mf_decimal_scaled(duration) : 0;
    r->time_prec = given ? duration.prec : 0;
    r->peak_scaled = r->samples ? mf_decimal_scaled(r->peak) : 0;
    return 0;
}

static int read_child(doc *d, size_t i, json_t *o, span os, mf_dat_child_stats *c)
{
    int rc;
    memset(c, 0, sizeof *c);
    if ((rc = get_source(d, o, "child", i, &c->source)) || (rc = jr_keys_are(d, o, "", CHILD_KEYS, NULL)) ||
        (rc = jr_get_count(d, o, "pid", "pid", 0, &c->pid)) ||
        (rc = jr_get_count(d, o, "samples", "samples", 1, &c->samples)) ||
        (rc = get_peaks(d, o, os, c->samples, 1, &c->peak)))
        return rc;
    c->peak_scaled = mf_decimal_scaled(c->peak);
    return 0;
}

/* ---- the document ------------------------------------------------------------------ */

static const char *const TOP_KEYS[] = { "memfold", "kind", "functions", "runs", "children",
                                        "samples", "peak_mib", "mprof_peak_mib", NULL };

/* What the document holds, read and checked before f is touched. */
typedef struct loaded {
    json_t *root;
    func_in *funcs;
    mf_dat_run_stats *runs;
    mf_dat_child_stats *children;
    const char **names;       /* sorted: a function listed twice */
    size_t nfuncs, nruns, nchildren;
    uint64_t samples;
    mf_decimal peak;
} loaded;

static void loaded_free(loaded *l)
{
    json_decref(l->root);
    xfree(l->funcs);
    xfree(l->runs);
    xfree(l->children);
    xfree(l->names);
    memset(l, 0, sizeof *l);
}

static int check_top(doc *d, json_t *root)
{
    char buf[64];
    json_t *version = json_object_get(root, "memfold"), *kind = json_object_get(root, "kind");
    if (!kind)
        return jr_not_summary(d, "not a summary of mprof .dat files (no \"kind\": \"mprof\"): a summary "
                              "of reports");
    if (!json_is_string(kind) || strcmp(json_string_value(kind), "mprof") != 0)
        return jr_not_summary(d, "a summary of the kind %s: this memfold reads \"mprof\" (of .dat files) "
                              "and summaries of reports", jr_shown_value(kind, buf, sizeof buf));
    if (json_is_integer(version) && json_integer_value(version) != 1)
        return jr_not_summary(d, "a summary of version %lld: this memfold reads version 1",
                              (long long)json_integer_value(version));
    if (!json_is_integer(version))
        return jr_bad(d, "\"memfold\" must be the integer 1, not %s", jr_shown_value(version, buf, sizeof buf));
    return jr_keys_are(d, root, "", TOP_KEYS, NULL);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The array called key: each element read by fn into items[] (size
   bytes each). */
typedef int (*read_fn)(doc *d, size_t i, json_t *o, span os, void *item);

static int read_array(doc *d, json_t *root, span top, const char *key, size_t size, read_fn fn,
                      void **items, size_t *n)
{
    char buf[64];
    json_t *a = json_object_get(root, key);
    *items = NULL;
    *n = 0;
    if (!json_is_array(a))
        return jr_bad(d, "\"%s\" must be an array, not %s", key, jr_shown_value(a, buf, sizeof buf));
    span as = jr_member(d, top, key);
    *n = json_array_size(a);
    *items = xmalloc((*n ? *n : 1) * size);
    size_t pos = 0;
    for (size_t i = 0; i < *n; i++) {
        span es = element(d, as, &pos);
        int rc = fn(d, i, json_array_get(a, i), es, (char *)*items + i * size);
        if (rc)
            return rc;
    }
    jr_set_where(d, NULL, 0, NULL, NULL);
    return 0;
}

static int read_func_item(doc *d, size_t i, json_t *o, span os, void *item)
{
    return read_function(d, i, o, os, item);
}
static int read_run_item(doc *d, size_t i, json_t *o, span os, void *item)
{
    return read_run(d, i, o, os, item);
}
static int read_child_item(doc *d, size_t i, json_t *o, span os, void *item)
{
    return read_child(d, i, o, os, item);
}

static int read_document(doc *d, loaded *l)
{
    json_error_t je;
    char buf[64];
    int rc;
    l->root = json_loadb(d->t, d->len, JSON_REJECT_DUPLICATES, &je);
    if (!l->root)
        return jr_bad(d, "line %d, column %d: %s", je.line, je.column, je.text);
    if (!json_is_object(l->root))
        return jr_not_summary(d, "not a `memfold summary -f json` document (not an object)");
    span top = whole(d);
    void *funcs, *runs, *children;
    if ((rc = check_top(d, l->root)))
        return rc;
    rc = read_array(d, l->root, top, "functions", sizeof *l->funcs, read_func_item, &funcs, &l->nfuncs);
    l->funcs = funcs;
    if (rc)
        return rc;
    rc = read_array(d, l->root, top, "runs", sizeof *l->runs, read_run_item, &runs, &l->nruns);
    l->runs = runs;
    if (rc)
        return rc;
    rc = read_array(d, l->root, top, "children", sizeof *l->children, read_child_item, &children,
                    &l->nchildren);
    l->children = children;
    if (rc || (rc = jr_get_count(d, l->root, "samples", "samples", 0, &l->samples)) ||
        (rc = get_peaks(d, l->root, top, l->samples, 1, &l->peak)))
        return rc;
    /* the whole is its runs */
    __int128 sum = 0;
    int64_t peak = 0;
    int any = 0;
    for (size_t i = 0; i < l->nruns; i++) {
        sum += l->runs[i].samples;
        if (l->runs[i].samples && (!any || l->runs[i].peak_scaled > peak)) {
            peak = l->runs[i].peak_scaled;
            any = 1;
        }
    }
    if (sum != l->samples)
        return jr_bad(d, "\"samples\" (%llu) must be the samples of the runs (%llu)",
                      (unsigned long long)l->samples, (unsigned long long)sum);
    if (l->samples && mf_decimal_scaled(l->peak) != peak)
        return jr_bad(d, "\"peak_mib\" %s must be the highest \"peak_mib\" of the runs",
                      jr_shown_value(json_object_get(l->root, "peak_mib"), buf, sizeof buf));
    /* each function once */
    l->names = xmalloc((l->nfuncs ? l->nfuncs : 1) * sizeof *l->names);
    for (size_t i = 0; i < l->nfuncs; i++)
        l->names[i] = l->funcs[i].name;
    qsort(l->names, l->nfuncs, sizeof *l->names, cmp_name);
    for (size_t i = 1; i < l->nfuncs; i++)
        if (strcmp(l->names[i - 1], l->names[i]) == 0) {
            char nm[JR_NAME_SHOWN * 6];
            jr_shown_name(d, nm, sizeof nm, l->names[i]);
            return jr_bad(d, "the function '%s' is listed twice", nm);
        }
    return 0;
}

/* What the document adds must still fit what a summary holds. */
static int check_fits(doc *d, const mf_dat_fold *f, const loaded *l)
{
    const char *field;
    for (size_t i = 0; i < l->nfuncs; i++)
        if (!dat_fold_part_fits(f, l->funcs[i].name, &l->funcs[i].p, &field)) {
            jr_set_where(d, "function", i, l->funcs[i].name, NULL);
            return jr_bad(d, "\"%s\" overflows when added to the same function of the files before "
                          "(a count or sum is at most %lld)", field, (long long)INT64_MAX);
        }
    if (!dat_fold_samples_fit(f, l->samples))
        return jr_bad(d, "\"samples\" overflows when added to the files before (at most %lld)",
                      (long long)INT64_MAX);
    return 0;
}

static void commit(mf_dat_fold *f, const loaded *l)
{
    for (size_t i = 0; i < l->nfuncs; i++)
        dat_fold_add_part(f, l->funcs[i].name, &l->funcs[i].p);
    for (size_t i = 0; i < l->nruns; i++)
        dat_fold_add_run(f, &l->runs[i]);
    for (size_t i = 0; i < l->nchildren; i++)
        dat_fold_add_child(f, &l->children[i]);
    dat_fold_add_samples(f, l->samples, l->peak);
}

/* The work of mf_dat_fold_load_json: l's memory is freed after an
   out-of-memory jump. */
static int load(doc *d, mf_dat_fold *f, loaded *l)
{
    mf_guard g;
    if (GUARD(&g)) {
        loaded_free(l);
        return error_set(d->err, MF_ERR_NOMEM, 0, "out of memory");
    }
    int rc = read_document(d, l);
    if (rc == 0)
        rc = check_fits(d, f, l);
    if (rc == 0)
        commit(f, l);
    guard_end(&g);
    loaded_free(l);
    return rc;
}

int mf_dat_fold_load_json(mf_dat_fold *f, const char *text, size_t len, mf_error *err)
{
    mf_error local;
    if (!err)
        err = &local;
    error_clear(err);
    doc d = { text, len, err, 0, "" };
    loaded l;
    memset(&l, 0, sizeof l);
    if (!mf_profile_is_summary_json(text, len))
        return jr_not_summary(&d, "not a `memfold summary -f json` document; make one with "
                              "`memfold summary -f json RUN.dat` first");
    int rc = load(&d, f, &l);
    err->code = rc;
    return rc;
}
