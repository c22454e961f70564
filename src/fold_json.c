/* fold_json.c -- read `memfold summary -f json` back into a fold, so that
 * summaries of parts of a log add up to the summary of the whole
 * ("memfold merge") and serve as one side of a diff.
 *
 * jansson parses the document.  Integers (counts, and the exact sums under
 * "sums", in units of 1/scale MiB) come back exactly; a value in MiB comes
 * back as a double and is rounded to the function's precision, which is
 * exact for every value memory_profiler prints.
 */
#include <jansson.h>
#include <math.h>
#include <string.h>
#include "memfold.h"
#include "util.h"

/* A value in MiB printed with prec decimals, as a decimal. */
static mf_decimal decimal_of(json_t *v, int prec)
{
    mf_decimal d = { (int64_t)llround(json_number_value(v) * (double)MF_POW10[prec]), (uint8_t)prec };
    return d;
}

static int fail(char *err, size_t cap, size_t index, const char *what)
{
    snprintf(err, cap, "function %zu: %s", index + 1, what);
    return -1;
}

/* One function object into s; the strings point into the document. */
static int read_function(json_t *o, size_t i, mf_func_stats *s, char *err, size_t cap)
{
    json_t *file = json_object_get(o, "file"), *fn = json_object_get(o, "function");
    json_t *sums = json_object_get(o, "sums");
    json_t *scale = json_object_get(sums, "scale");
    memset(s, 0, sizeof *s);
    if (!json_is_string(file) || !(json_is_string(fn) || json_is_null(fn)) ||
        !json_is_integer(json_object_get(o, "calls")) || !json_is_integer(scale))
        return fail(err, cap, i, "needs file, function, calls and sums");
    int prec = 0;
    for (json_int_t sc = json_integer_value(scale); sc > 1; sc /= 10)
        prec++;
    if (prec > MF_SCALE_DIGITS || MF_POW10[prec] != json_integer_value(scale))
        return fail(err, cap, i, "sums.scale is not a power of ten up to 10^9");
    int64_t unit = MF_POW10[MF_SCALE_DIGITS - prec];
    s->file = json_string_value(file);
    s->function = json_is_string(fn) ? json_string_value(fn) : NULL;
    s->line = (uint64_t)json_integer_value(json_object_get(o, "line"));
    s->calls = (uint64_t)json_integer_value(json_object_get(o, "calls"));
    s->rows = (uint64_t)json_integer_value(json_object_get(o, "rows"));
    s->prec = (uint8_t)prec;
    s->sum_mem = (__int128)json_integer_value(json_object_get(sums, "mem")) * unit;
    s->sum_entry = (__int128)json_integer_value(json_object_get(sums, "entry")) * unit;
    s->sum_exit = (__int128)json_integer_value(json_object_get(sums, "exit")) * unit;
    s->measured_calls = (uint64_t)json_integer_value(json_object_get(sums, "measured_calls"));
    if (s->rows) {
        s->peak_dec = decimal_of(json_object_get(o, "peak_mib"), prec);
        s->min_dec = decimal_of(json_object_get(o, "min_mib"), prec);
        s->peak = mf_decimal_scaled(s->peak_dec);
        s->min = mf_decimal_scaled(s->min_dec);
    }
    json_t *hot = json_object_get(o, "hot_line");
    if (json_is_integer(hot)) {
        s->has_hot = 1;
        s->hot_line = (uint64_t)json_integer_value(hot);
        s->hot_dec = decimal_of(json_object_get(o, "hot_increment_mib"), prec);
        s->hot_inc = mf_decimal_scaled(s->hot_dec);
    }
    json_t *occ = json_object_get(o, "occurrences");
    s->occ_known = json_is_integer(occ);
    s->occurrences = s->occ_known ? (uint64_t)json_integer_value(occ) : 0;
    return 0;
}

int mf_fold_load_json(mf_fold *f, const char *text, size_t len, mf_json_inputs *inputs,
                      char *err, size_t cap)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, 0, &je);
    if (!root) {
        snprintf(err, cap, "line %d, column %d: %s", je.line, je.column, je.text);
        return -1;
    }
    json_t *version = json_object_get(root, "memfold"), *funcs = json_object_get(root, "functions");
    if (!json_is_integer(version) || json_integer_value(version) != 1 || !json_is_array(funcs) ||
        json_object_get(root, "kind")) {
        json_decref(root);
        snprintf(err, cap, "not a `memfold summary -f json` document of reports (version 1)");
        return -1;
    }
    size_t i;
    json_t *o;
    int rc = 0;
    json_array_foreach(funcs, i, o) {
        mf_func_stats s;
        if ((rc = read_function(o, i, &s, err, cap)) != 0)
            break;
        mf_fold_add_stats(f, &s);
    }
    if (rc == 0 && inputs) {
        json_array_foreach(json_object_get(root, "inputs"), i, o) {
            inputs->v = xrealloc(inputs->v, (inputs->n + 1) * sizeof *inputs->v);
            mf_input_record *r = &inputs->v[inputs->n++];
            memset(r, 0, sizeof *r);
            json_t *path = json_object_get(o, "path");
            r->path = xstrndup(json_string_value(path) ? json_string_value(path) : "",
                               json_string_value(path) ? json_string_length(path) : 0);
            r->stats.blocks = (uint64_t)json_integer_value(json_object_get(o, "blocks"));
            r->stats.rows = (uint64_t)json_integer_value(json_object_get(o, "rows"));
            r->stats.skipped_lines = (uint64_t)json_integer_value(json_object_get(o, "skipped_lines"));
        }
        inputs->errors += (uint64_t)json_integer_value(json_object_get(root, "errors"));
    }
    json_decref(root);
    return rc;
}
