/* compare/budget.c -- a budget file: the limits of a project's functions.
 *
 *   {
 *     "memfold_budget": 1,
 *     "metrics": ["rise"],                    what is gated (--metric)
 *     "default": { LIMITS },                  every function
 *     "functions": [                          in order; later ones win
 *       { "match": "app/loader.py:load*", LIMITS },
 *       { "match": "tests/[*]", "ignore": true }
 *     ]
 *   }
 *
 * LIMITS are any of "max_increase_percent" and "max_increase_mib" (growth,
 * every metric), "max_peak_mib", "max_rise_mib", "max_net_mib" and
 * "max_mean_mib" (a budget on the new value of that metric); null takes a
 * limit away.  "match" is a shell glob (fnmatch, `*` also crosses `/`)
 * on "file:function", the file after --strip-prefix.  Precedence: an
 * entry over the command line over the file's "default".
 */
#include <fnmatch.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "compare/budget.h"
#include "compare/diff.h"
#include "core/util.h"

/* One set of limits: what it sets, per metric. */
typedef struct limit_set {
    int set_rel, set_abs, set_max[MF_NMETRICS];
    mf_limits l[MF_NMETRICS];
} limit_set;

typedef struct budget_entry {
    char *glob;
    int ignore;
    limit_set set;
} budget_entry;

struct mf_budget {
    unsigned metrics;
    limit_set defaults;
    budget_entry *v;
    size_t n;
};

static const char *const MAX_KEYS[MF_NMETRICS] = { "max_peak_mib", "max_mean_mib", "max_net_mib",
                                                   "max_rise_mib" };

void mf_budget_free(mf_budget *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->n; i++)
        xfree(b->v[i].glob);
    xfree(b->v);
    xfree(b);
}

/* A number of MiB or percent, at most 6 decimals, not negative: scaled
   by 10^scale_digits.  jansson gives a double: the text it came from is
   at most 15 digits, so rounding it to 6 decimals is exact. */
static int amount(json_t *v, int scale_digits, int64_t *out)
{
    if (!json_is_number(v))
        return -1;
    double x = json_number_value(v);
    if (!(x >= 0) || x > 1e12)
        return -1;
    double m = x * 1e6;
    int64_t micro = llround(m);
    if (fabs(m - (double)micro) > 1e-6 * (m > 1 ? m : 1))
        return -1;   /* more than 6 decimals */
    for (int i = 6; i < scale_digits; i++)
        micro *= 10;
    *out = micro;
    return 0;
}

static int fail(mf_error *err, const char *where, const char *fmt, const char *key)
{
    char what[256];
    snprintf(what, sizeof what, fmt, key);
    error_set(err, MF_ERR_INPUT, 0, "%s: %s", where, what);
    return -1;
}

static int read_limits(json_t *o, limit_set *s, const char *where, int entry, mf_error *err)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        int64_t x = 0;
        int m = -1, null = json_is_null(v);
        if (entry && (strcmp(k, "match") == 0 || strcmp(k, "ignore") == 0))
            continue;
        for (int i = 0; i < MF_NMETRICS; i++)
            if (strcmp(k, MAX_KEYS[i]) == 0)
                m = i;
        int rel = strcmp(k, "max_increase_percent") == 0, abs = strcmp(k, "max_increase_mib") == 0;
        if (m < 0 && !rel && !abs)
            return fail(err, where, "unknown key \"%s\" (limits are max_increase_percent, "
                        "max_increase_mib, max_peak_mib, max_rise_mib, max_net_mib, max_mean_mib)", k);
        if (!null && amount(v, rel ? 6 : MF_SCALE_DIGITS, &x) != 0)
            return fail(err, where, "\"%s\" must be a number (0 or more, at most 6 decimals) or null", k);
        for (int i = 0; i < MF_NMETRICS; i++) {
            mf_limits *l = &s->l[i];
            if (rel) {
                s->set_rel = 1;
                l->has_rel = !null;
                l->max_rel_ppm = x;
            } else if (abs) {
                s->set_abs = 1;
                l->has_abs = !null;
                l->max_abs = x;
            } else if (i == m) {
                s->set_max[i] = 1;
                l->has_max = !null;
                l->max = x;
            }
        }
    }
    return 0;
}

static int read_metrics(json_t *v, mf_budget *b, mf_error *err)
{
    size_t i;
    json_t *x;
    if (!json_is_array(v))
        return fail(err, "\"metrics\"", "must be a list of %s", "\"peak\", \"rise\", \"net\", \"mean\"");
    json_array_foreach(v, i, x) {
        int m = -1;
        for (int k = 0; k < MF_NMETRICS && json_is_string(x); k++)
            if (strcmp(json_string_value(x), DIFF_METRIC_NAMES[k]) == 0)
                m = k;
        if (m < 0)
            return fail(err, "\"metrics\"", "must be a list of %s", "\"peak\", \"rise\", \"net\", \"mean\"");
        b->metrics |= 1u << m;
    }
    return 0;
}

static int read_entry(json_t *o, size_t i, budget_entry *e, mf_error *err)
{
    char where[64];
    snprintf(where, sizeof where, "\"functions\"[%zu]", i);
    if (!json_is_object(o))
        return fail(err, where, "must be an object with %s", "\"match\"");
    json_t *g = json_object_get(o, "match"), *ig = json_object_get(o, "ignore");
    if (!json_is_string(g) || !*json_string_value(g))
        return fail(err, where, "needs %s: a glob on \"file:function\"", "\"match\"");
    if (ig && !json_is_boolean(ig))
        return fail(err, where, "%s must be true or false", "\"ignore\"");
    e->ignore = json_is_true(ig);
    size_t n = strlen(json_string_value(g));
    if ((e->glob = try_malloc(n + 1)) != NULL)
        memcpy(e->glob, json_string_value(g), n + 1);
    if (!e->glob)
        return error_set(err, MF_ERR_NOMEM, 0, "out of memory"), -1;
    return read_limits(o, &e->set, where, 1, err);
}

static int read_budget(json_t *doc, mf_budget *b, mf_error *err)
{
    const char *k;
    json_t *v;
    if (!json_is_object(doc))
        return fail(err, "budget", "must be a JSON object with %s", "\"memfold_budget\": 1");
    json_t *ver = json_object_get(doc, "memfold_budget");
    if (!json_is_integer(ver) || json_integer_value(ver) != 1)
        return fail(err, "budget", "must start with %s", "\"memfold_budget\": 1");
    json_object_foreach(doc, k, v) {
        if (strcmp(k, "memfold_budget") == 0)
            continue;
        if (strcmp(k, "metrics") == 0) {
            if (read_metrics(v, b, err) != 0)
                return -1;
        } else if (strcmp(k, "default") == 0) {
            if (!json_is_object(v))
                return fail(err, "\"default\"", "must be an object of %s", "limits");
            if (read_limits(v, &b->defaults, "\"default\"", 0, err) != 0)
                return -1;
        } else if (strcmp(k, "functions") == 0) {
            if (!json_is_array(v))
                return fail(err, "\"functions\"", "must be a list of %s", "objects");
            b->v = try_zalloc((json_array_size(v) + 1) * sizeof *b->v);
            if (!b->v)
                return error_set(err, MF_ERR_NOMEM, 0, "out of memory"), -1;
            for (size_t i = 0; i < json_array_size(v); i++) {
                b->n++;
                if (read_entry(json_array_get(v, i), i, &b->v[i], err) != 0)
                    return -1;
            }
        } else {
            return fail(err, "budget", "unknown key \"%s\" (keys are memfold_budget, metrics, "
                        "default, functions)", k);
        }
    }
    return 0;
}

mf_budget *mf_budget_load(const char *text, size_t len, mf_error *err)
{
    json_error_t je;
    json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!doc) {
        error_set(err, MF_ERR_INPUT, 0, "line %d, column %d: %s", je.line, je.column, je.text);
        err->line = je.line > 0 ? (uint64_t)je.line : 0;
        err->column = je.column > 0 ? (uint32_t)je.column : 0;
        return NULL;
    }
    mf_budget *b = try_zalloc(sizeof *b);
    if (!b) {
        json_decref(doc);
        error_set(err, MF_ERR_NOMEM, 0, "out of memory");
        return NULL;
    }
    int rc = read_budget(doc, b, err);
    json_decref(doc);
    if (rc != 0) {
        mf_budget_free(b);
        return NULL;
    }
    return b;
}

int mf_limit_parse(const char *arg, int budget, mf_limits *l)
{
    mf_decimal v;
    size_t n = strspn(arg, "0123456789.");
    const char *unit = arg + n;
    while (*unit == ' ')
        unit++;
    if (n == 0 || mf_decimal_parse(arg, n, &v) != MF_NUM_OK || v.prec > 6)
        return MF_ERR_ARG;
    if (strcmp(unit, "MiB") == 0 && budget) {
        l->has_max = 1;
        l->max = mf_decimal_scaled(v);
    } else if (strcmp(unit, "MiB") == 0) {
        l->has_abs = 1;
        l->max_abs = mf_decimal_scaled(v);
    } else if (strcmp(unit, "%") == 0 && !budget) {
        int64_t ppm = v.mant;
        for (int i = v.prec; i < 6; i++)
            ppm *= 10;
        l->has_rel = 1;
        l->max_rel_ppm = ppm;
    } else {
        return MF_ERR_ARG;
    }
    return MF_OK;
}

unsigned mf_budget_metrics(const mf_budget *b)
{
    return b ? b->metrics : 0;
}

static void overlay(mf_limits *l, const limit_set *s, int m)
{
    if (s->set_rel) {
        l->has_rel = s->l[m].has_rel;
        l->max_rel_ppm = s->l[m].max_rel_ppm;
    }
    if (s->set_abs) {
        l->has_abs = s->l[m].has_abs;
        l->max_abs = s->l[m].max_abs;
    }
    if (s->set_max[m]) {
        l->has_max = s->l[m].has_max;
        l->max = s->l[m].max;
    }
}

static int entries(const mf_budget *b, const char *file, const char *function, int m,
                   mf_limits *l)
{
    size_t n = strlen(file) + strlen(function ? function : "<unknown>") + 2;
    char *name = try_malloc(n);
    int ignored = 0;
    if (!name)
        return 0;
    snprintf(name, n, "%s:%s", file, function ? function : "<unknown>");
    for (size_t i = 0; i < b->n; i++)
        if (fnmatch(b->v[i].glob, name, 0) == 0) {
            overlay(l, &b->v[i].set, m);
            ignored = b->v[i].ignore;
        }
    xfree(name);
    return ignored;
}

int mf_budget_lookup(const mf_budget *b, const char *file, const char *function, int m,
                     mf_limits *l)
{
    if (!b || m < 0 || m >= MF_NMETRICS)
        return 0;
    overlay(l, &b->defaults, m);
    return entries(b, file, function, m, l);
}

int budget_limits(const mf_budget *b, const char *file, const char *function, int m,
                  const mf_limits *cli, mf_limits *out)
{
    memset(out, 0, sizeof *out);
    if (b)
        overlay(out, &b->defaults, m);
    if (cli->has_rel || cli->has_abs) {
        out->has_rel = cli->has_rel;
        out->max_rel_ppm = cli->max_rel_ppm;
        out->has_abs = cli->has_abs;
        out->max_abs = cli->max_abs;
    }
    if (cli->has_max) {
        out->has_max = 1;
        out->max = cli->max;
    }
    return b ? entries(b, file, function, m, out) : 0;
}
