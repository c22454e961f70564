/* Unit tests of the check tables, the check sets and the SARIF rules. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"
#include "memfold_dat.h"
#include "core/checkset.h"
#include "report/checks.h"
#include "dat/checks.h"

static int count_diag;
static void on_diag(const mf_diag *d, void *user)
{
    (void)d;
    (void)user;
    count_diag++;
}

int main(void)
{
    size_t n, nd;
    const mf_check_info *c = mf_checks(&n), *dc = mf_dat_checks(&nd);

    CASE("each table holds one named check per id, each name once over both");
    CHECK(n == CHK_COUNT && nd == DCHK_COUNT);
    for (size_t i = 0; i < n; i++) {
        CHECK(c[i].name && c[i].summary);
        CHECK(checkset_find(c, n, c[i].name) == (int)i);
        CHECK(checkset_find(dc, nd, c[i].name) == -1);
    }
    for (size_t i = 0; i < nd; i++) {
        CHECK(dc[i].name && dc[i].summary);
        CHECK(checkset_find(dc, nd, dc[i].name) == (int)i);
    }

    CASE("names by id come from the tables");
    CHECK_STR(chk_name(CHK_SYNTAX), "syntax");
    CHECK_STR(chk_name(CHK_BLOCK_SIZE), "block-size");
    CHECK_STR(chk_name(CHK_NO_BLOCKS), "no-blocks");
    CHECK_STR(dat_check_name(DCHK_SYNTAX), "dat-syntax");
    CHECK_STR(dat_check_name(DCHK_NEGATIVE), "dat-negative");

    CASE("a check set: defaults, set by name, strict, lenient");
    checkset s;
    checkset_init(&s, c, n);
    CHECK(s.level[CHK_NO_DEF] == MF_LEVEL_WARNING && s.level[CHK_COLUMN_ALIGN] == MF_LEVEL_ERROR);
    CHECK(checkset_set(&s, "syntax", MF_LEVEL_OFF) == -1);      /* not configurable */
    CHECK(checkset_set(&s, "no-such-check", MF_LEVEL_OFF) == -1);
    CHECK(checkset_set(&s, "crlf", MF_LEVEL_OFF) == 0 && !checkset_on(&s, CHK_CRLF));
    checkset_lenient(&s);
    CHECK(s.level[CHK_COLUMN_ALIGN] == MF_LEVEL_WARNING);       /* layout */
    CHECK(s.level[CHK_UNIT] == MF_LEVEL_ERROR);                 /* not layout */
    checkset_strict(&s);
    CHECK(s.level[CHK_COLUMN_ALIGN] == MF_LEVEL_ERROR && s.level[CHK_NO_DEF] == MF_LEVEL_ERROR);
    CHECK(s.level[CHK_CRLF] == MF_LEVEL_OFF);

    CASE("reporting at the set's level: severity, name, counts");
    checkset_init(&s, dc, nd);
    mf_diag d = { MF_NOTE, "wrong", "m", "f", 1, 1, 1, NULL, 0, NULL, 0 };
    CHECK(checkset_report(&s, DCHK_NEGATIVE, &d, on_diag, NULL) == 1);
    CHECK(d.severity == MF_ERROR);
    CHECK_STR(d.name, "dat-negative");
    CHECK(checkset_set(&s, "dat-negative", MF_LEVEL_WARNING) == 0);
    CHECK(checkset_report(&s, DCHK_NEGATIVE, &d, on_diag, NULL) == 0 && d.severity == MF_WARNING);
    CHECK(checkset_set(&s, "dat-negative", MF_LEVEL_OFF) == 0);
    CHECK(checkset_report(&s, DCHK_NEGATIVE, &d, on_diag, NULL) == 0);
    CHECK(s.errors == 1 && s.warnings == 1 && count_diag == 2);

    CASE("SARIF: a name outside the tables becomes a rule of its own, indexed");
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    mf_diag_printer *p = mf_diag_printer_new(out, MF_DIAG_SARIF, 0);
    mf_diag a = { MF_ERROR, "client-check", "m", "f", 1, 1, 2, NULL, 0, NULL, 0 };
    mf_diag b = { MF_ERROR, "dat-number", "m", "f", 1, 1, 2, NULL, 0, NULL, 0 };
    mf_diag_print(&a, p);
    mf_diag_print(&b, p);
    mf_diag_print(&a, p);
    mf_diag_printer_finish(p, NULL, NULL);
    fclose(out);
    char want_a[64], want_b[64];
    snprintf(want_a, sizeof want_a, "\"ruleId\": \"client-check\", \"ruleIndex\": %zu,", n + nd);
    snprintf(want_b, sizeof want_b, "\"ruleId\": \"dat-number\", \"ruleIndex\": %zu,",
             n + (size_t)DCHK_NUMBER);
    CHECK(strstr(buf, want_a) && strstr(buf, want_b));
    CHECK(strstr(buf, "{\"id\": \"client-check\"}\n      ]"));
    free(buf);

    return DONE();
}
