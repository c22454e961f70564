/* profile.c -- one side of a `memfold diff`: per-function figures, from
 * the fold of reports or from a `summary -f json` file written earlier.
 *
 * memfold's JSON is read with jansson.  jansson hands numbers over as
 * doubles; they are rounded back to 10^-9 MiB, which is exact for every
 * value memory_profiler prints (at most 9 decimals, well under 2^53).
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "util.h"

mf_profile *mf_profile_new(void)
{
    mf_profile *p = xmalloc(sizeof *p);
    memset(p, 0, sizeof *p);
    return p;
}

void mf_profile_free(mf_profile *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        free(p->funcs[i].file);
        free(p->funcs[i].function);
    }
    free(p->funcs);
    free(p);
}

static mf_profile_func *push(mf_profile *p)
{
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 16;
        p->funcs = xrealloc(p->funcs, p->cap * sizeof *p->funcs);
    }
    mf_profile_func *f = &p->funcs[p->n++];
    memset(f, 0, sizeof *f);
    return f;
}

void mf_profile_add_fold(mf_profile *p, const mf_fold *fold)
{
    for (size_t i = 0; i < mf_fold_count(fold); i++) {
        const mf_func_stats *s = mf_fold_get(fold, i);
        mf_profile_func *f = push(p);
        f->file = xstrndup(s->file, strlen(s->file));
        f->function = s->function ? xstrndup(s->function, strlen(s->function)) : NULL;
        f->calls = s->calls;
        f->rows = s->rows;
        f->peak = s->peak;
        f->mean = mf_stats_mean(s);
        f->net = mf_stats_net(s);
        f->prec = s->prec;
        f->has_values = s->rows > 0;
    }
}

/* ---- memfold's own JSON ------------------------------------------------------- */

int mf_profile_is_summary_json(const char *data, size_t len)
{
    size_t i = 0;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t'))
        i++;
    return i < len && data[i] == '{' && memmem(data, len, "\"memfold\"", 9) != NULL;
}

/* A number of MiB; *prec (if given) gets the decimals it was printed
   with, which a value copied from a report (peak) still shows. */
static int64_t mib(json_t *v, int *prec)
{
    double d = json_number_value(v);
    int64_t scaled = (int64_t)llround(d * (double)MF_SCALE);
    int p = MF_SCALE_DIGITS;
    for (int64_t x = scaled; p > 0 && x % 10 == 0; x /= 10)
        p--;
    if (prec && p > *prec)
        *prec = p;
    return scaled;
}

static int json_error(char *err, size_t cap, const char *what, size_t index)
{
    snprintf(err, cap, "function %zu: %s", index + 1, what);
    return -1;
}

int mf_profile_load_json(mf_profile *p, const char *text, size_t len, char *err, size_t cap)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    if (!root) {
        snprintf(err, cap, "line %d, column %d: %s", je.line, je.column, je.text);
        return -1;
    }
    json_t *version = json_object_get(root, "memfold");
    json_t *funcs = json_object_get(root, "functions");
    if (!json_is_integer(version) || json_integer_value(version) != 1 || !json_is_array(funcs)) {
        json_decref(root);
        snprintf(err, cap, "not a `memfold summary -f json` file (version 1)");
        return -1;
    }
    size_t i;
    json_t *o;
    int rc = 0;
    json_array_foreach(funcs, i, o) {
        json_t *file = json_object_get(o, "file"), *fn = json_object_get(o, "function");
        json_t *peak = json_object_get(o, "peak_mib"), *mean = json_object_get(o, "mean_mib");
        json_t *net = json_object_get(o, "net_mib"), *calls = json_object_get(o, "calls");
        json_t *rows = json_object_get(o, "rows");
        if (!json_is_string(file) || !(json_is_string(fn) || json_is_null(fn)) ||
            !json_is_integer(calls)) {
            rc = json_error(err, cap, "needs file, function and calls", i);
            break;
        }
        mf_profile_func *f = push(p);
        f->file = xstrndup(json_string_value(file), json_string_length(file));
        f->function = json_is_string(fn) ? xstrndup(json_string_value(fn), json_string_length(fn))
                                         : NULL;
        f->calls = (uint64_t)json_integer_value(calls);
        f->rows = json_is_integer(rows) ? (uint64_t)json_integer_value(rows) : 0;
        f->has_values = json_is_number(peak);
        if (f->has_values) {
            f->peak = mib(peak, &f->prec);
            f->mean = json_is_number(mean) ? mib(mean, NULL) : f->peak;
            f->net = json_is_number(net) ? mib(net, NULL) : 0;
        }
    }
    json_decref(root);
    return rc;
}
