/* Unit tests of the shared infrastructure in src/core: the integer
 * digits of both scanners (source.c), the hash index (index.c) and the
 * records writer (records.c). */
#include <stdlib.h>
#include "harness.h"
#include "core/index.h"
#include "core/records.h"
#include "core/source.h"

static char out[4096];

/* The writer's output for rows of one description, in format fmt. */
static const char *table(int fmt, const rec_column *cols, size_t ncols, const rec_opts *opts,
                         const rec_value *rows, size_t nrows, size_t width)
{
    FILE *f = fmemopen(out, sizeof out, "w");
    rec_writer *w = rec_begin(f, fmt, cols, ncols, opts);
    for (size_t i = 0; i < nrows; i++)
        rec_row(w, rows + i * width);
    int err = rec_end(w);
    fclose(f);
    return err ? "(error)" : out;
}

static int eq(size_t entry, const void *key, void *ctx)
{
    return ((const uint64_t *)ctx)[entry] == *(const uint64_t *)key;
}

int main(void)
{
    uint8_t over;

    CASE("src_digits: the largest 64-bit value, and one more");
    CHECK(src_digits("18446744073709551615", 20, &over) == UINT64_MAX && !over);
    CHECK(src_digits("18446744073709551616", 20, &over) == 0 && over);
    CHECK(src_digits("99999999999999999999", 20, &over) == 0 && over);
    CHECK(src_digits("0000000000000000000000001", 25, &over) == 1 && !over);
    CHECK(src_digits("", 0, &over) == 0 && !over);

    CASE("hash_index: every entry found after growing, none that is not there");
    {
        enum { N = 5000 };
        static uint64_t keys[N];
        hash_index x = { 0 };
        for (size_t i = 0; i < N; i++) {
            keys[i] = i * 7919;
            hash_index_add(&x, hash_bytes(HASH_SEED, &keys[i], sizeof keys[i]), i);
        }
        int found = 0;
        for (size_t i = 0; i < N; i++)
            found += hash_index_find(&x, hash_bytes(HASH_SEED, &keys[i], sizeof keys[i]),
                                     &keys[i], eq, keys) == i;
        CHECK(found == N);
        uint64_t missing = 3;
        CHECK(hash_index_find(&x, hash_bytes(HASH_SEED, &missing, 8), &missing, eq, keys) ==
              HASH_INDEX_NONE);
        hash_index_free(&x);
        CHECK(hash_index_find(&x, 0, &missing, eq, keys) == HASH_INDEX_NONE);
    }

    static const rec_column COLS[] = {
        { "name", REC_TEXT, 1, 2, 0, 0 }, { "n", REC_INTEGER, 0, 2, 0, 1 },
        { "mib", REC_DECIMAL, 0, 2, 0, 2 },
    };
    mf_decimal d = { 5, 1 };
    rec_value rows[] = {
        rec_str("a,\"b\""), rec_u64(12), rec_dec("00.5", 4, d),
        rec_str("x\ty\x1b"), rec_none(), rec_none(),
    };

    CASE("records: CSV quotes text, leaves numbers, empties what is missing");
    CHECK_STR(table(MF_FMT_CSV, REC_COLS(COLS), NULL, rows, 2, 3),
              "name,n,mib\n\"a,\"\"b\"\"\",12,00.5\nx\ty\x1b,,\n");

    CASE("records: JSON strings escaped, numbers without leading zeros, null for none");
    {
        rec_opts o = { .item_indent = 2, .close_indent = 0, .json_newline = 1 };
        CHECK_STR(table(MF_FMT_JSON, REC_COLS(COLS), &o, rows, 2, 3),
                  "[\n  {\"name\": \"a,\\\"b\\\"\", \"n\": 12, \"mib\": 0.5},\n"
                  "  {\"name\": \"x\\ty\\u001b\", \"n\": null, \"mib\": null}\n]\n");
        CHECK_STR(table(MF_FMT_JSON, REC_COLS(COLS), &o, rows, 0, 3), "[]\n");
    }

    CASE("records: NDJSON, the record's kind first");
    {
        rec_opts o = { .record = "row" };
        CHECK_STR(table(MF_FMT_NDJSON, COLS, 1, &o, rows, 1, 3),
                  "{\"record\": \"row\", \"name\": \"a,\\\"b\\\"\"}\n");
    }

    CASE("records: an aligned table: text escaped (a tab kept) and to the left, '-' for none");
    {
        rec_opts o = { .aligned = 1 };
        CHECK_STR(table(MF_FMT_TEXT, REC_COLS(COLS), &o, rows, 2, 3),
                  "name      n   mib\n"
                  "a,\"b\"    12  00.5\n"
                  "x\ty\\x1b   -     -\n");
    }

    CASE("records: a streamed table: fixed widths, blank for none, gaps as given");
    {
        static const rec_column S[] = {
            { "N", REC_INTEGER, 0, 0, 4, 1 }, { "NAME", REC_TEXT, 1, 1, 6, 0 },
            { "MIB", REC_DECIMAL, 0, 2, 5, 2 },
        };
        CHECK_STR(table(MF_FMT_TEXT, REC_COLS(S), NULL, rows, 2, 3),
                  "   N NAME      MIB\n"
                  "  12 a,\"b\"    00.5\n"
                  "     x\ty\\x1b       \n");
    }
    return DONE();
}
