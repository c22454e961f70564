/* Unit tests of reading summary JSON back: what is taken for a summary,
 * the bounded read, and that a refused document or an overflowing sum
 * leaves the fold as it was. */
#include <errno.h>
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"
#include "core/util.h"
#include "report/fold.h"

#define FN(calls, mem) \
    "{\"file\": \"a.py\", \"function\": \"f\", \"line\": 1, \"calls\": " calls ", \"rows\": 1, " \
    "\"peak_mib\": 1.5, \"min_mib\": 1.5, \"mean_mib\": 1.5, \"entry_mib\": 1.5, \"exit_mib\": 1.5, " \
    "\"net_mib\": 0.0, \"hot_line\": null, \"hot_increment_mib\": null, \"occurrences\": 1, " \
    "\"sums\": {\"scale\": 10, \"mem\": " mem ", \"entry\": 15, \"exit\": 15, \"measured_calls\": 1}}"
#define DOC(fn, errors) \
    "{\"memfold\": 1, \"functions\": [" fn "], \"inputs\": [{\"path\": \"a.log\", \"blocks\": 1, " \
    "\"rows\": 1, \"skipped_lines\": 0}], \"errors\": " errors "}"

static int load(mf_fold *f, const char *doc, mf_json_inputs *in, char *err)
{
    mf_error e;
    int rc = mf_fold_load_json(f, doc, strlen(doc), in, &e);
    snprintf(err, 256, "%.255s", e.message);
    return rc == e.code ? rc : 99;
}

int main(void)
{
    char err[256];

    CASE("a summary is known by its start: {, then \"memfold\" and a number");
    CHECK(mf_profile_is_summary_json("{\"memfold\": 1,", 14));
    CHECK(mf_profile_is_summary_json("\n {\n  \"memfold\" :\t2", 19));
    CHECK(!mf_profile_is_summary_json("{\"event\": \"start\", \"memfold\": 1}", 33));
    CHECK(!mf_profile_is_summary_json("{\"memfold\": \"1\"}", 16));
    CHECK(!mf_profile_is_summary_json("{\"memfold\"", 10));
    CHECK(!mf_profile_is_summary_json("[{\"memfold\": 1}]", 16));
    CHECK(!mf_profile_is_summary_json("Filename: a.py\n{\"memfold\": 1}", 29));

    CASE("mf_input_slurp_max: up to max bytes, EFBIG past them");
    {
        size_t len;
        mf_input *in = mf_input_memory("0123456789", 10);
        char *t = mf_input_slurp_max(in, 10, &len);
        CHECK(t && len == 10 && memcmp(t, "0123456789", 10) == 0);
        free(t);
        mf_input_close(in);
        in = mf_input_memory("0123456789", 10);
        CHECK(mf_input_slurp_max(in, 9, &len) == NULL && mf_input_error(in) == EFBIG && len == 10);
        mf_input_close(in);
    }

    CASE("a good document is read, its inputs and errors added");
    {
        mf_fold *f = mf_fold_new();
        mf_json_inputs in = { NULL, 0, 0, 0 };
        CHECK(load(f, DOC(FN("2", "15"), "3"), &in, err) == MF_JSON_OK);
        CHECK(mf_fold_count(f) == 1 && mf_fold_get(f, 0)->calls == 2 && mf_fold_get(f, 0)->peak == 1500000000);
        CHECK(in.n == 1 && in.errors == 3 && strcmp(in.v[0].path, "a.log") == 0);

        CASE("a refused document leaves the fold and the inputs as they were");
        CHECK(load(f, DOC(FN("2", "15"), "-1"), &in, err) == MF_JSON_INVALID);
        CHECK_STR(err, "\"errors\" must be a non-negative integer, not -1");
        CHECK(load(f, DOC(FN("-2", "15"), "0"), &in, err) == MF_JSON_INVALID);
        CHECK_STR(err, "function 1 'f' (a.py): \"calls\" must be a non-negative integer, not -2");
        CHECK(load(f, DOC(FN("2", "16"), "0"), &in, err) == MF_JSON_INVALID);
        CHECK(mf_fold_count(f) == 1 && mf_fold_get(f, 0)->calls == 2 && in.n == 1 && in.errors == 3);

        CASE("a sum past INT64_MAX is refused, not wrapped");
        mf_func_stats s = *mf_fold_get(f, 0);
        const char *field = NULL;
        s.calls = (uint64_t)INT64_MAX - 1;   /* the blocks ("blocks"; "calls" in old files) */
        CHECK(fold_add_stats_field(f, &s, &field) == -1 && field && strcmp(field, "blocks") == 0);
        CHECK(mf_fold_get(f, 0)->calls == 2);
        s.ncalls = (uint64_t)INT64_MAX - 1;   /* the calls */
        CHECK(fold_add_stats_field(f, &s, &field) == -1 && field && strcmp(field, "calls") == 0);
        s.ncalls = 1;
        s.calls = (uint64_t)INT64_MAX - 2;
        CHECK(mf_fold_add_stats(f, &s, NULL) == MF_OK && mf_fold_get(f, 0)->calls == (uint64_t)INT64_MAX);
        s.calls = 1;
        s.function = "g";
        s.sum_mem = sum_of((__int128)INT64_MAX * 100000000);   /* at prec 1: INT64_MAX tenths */
        CHECK(fold_add_stats_field(f, &s, &field) == 0 && mf_fold_count(f) == 2);
        s.sum_mem = sum_of(100000000);
        CHECK(fold_add_stats_field(f, &s, &field) == -1 && strcmp(field, "sums.mem") == 0);
        mf_error e;
        CHECK(mf_fold_add_stats(f, &s, &e) == MF_ERR_RANGE && e.code == MF_ERR_RANGE &&
              strstr(e.message, "\"sums.mem\"") != NULL);
        mf_json_inputs_free(&in);
        CHECK(in.v == NULL && in.n == 0);
        mf_fold_free(f);
    }

    CASE("not a summary: a report, another version, a .dat summary");
    {
        mf_fold *f = mf_fold_new();
        CHECK(load(f, "Filename: a.py\n", NULL, err) == MF_JSON_NOT_SUMMARY);
        CHECK(load(f, "{\"event\": \"start\"}\nFilename: a.py\n", NULL, err) == MF_JSON_NOT_SUMMARY);
        CHECK(load(f, "{\"memfold\": 2}", NULL, err) == MF_JSON_NOT_SUMMARY);
        CHECK(load(f, "{\"memfold\": 1, \"kind\": \"mprof\", \"functions\": []}", NULL, err) == MF_JSON_NOT_SUMMARY);
        CHECK(load(f, "{\"memfold\": 1, \"functions\": [", NULL, err) == MF_JSON_INVALID);
        CHECK(mf_fold_count(f) == 0);
        mf_fold_free(f);
    }
    return DONE();
}
