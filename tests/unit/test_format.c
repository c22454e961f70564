/* Unit tests of the report format (report/format.h): the header texts
 * are the row template applied to the column titles, their lengths are
 * the rule lengths, and the widths report.l spells as literals are
 * format.h's. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"
#include "report/format.h"

/* The header a generation's template gives: the titles in its cells. */
static size_t template_header(char *buf, size_t cap, int old, const char *occ)
{
    return (size_t)snprintf(buf, cap, "%*s%*s%*s%*s%*s%*s%s%*s%s", ROW_LINENO_WIDTH, "Line #",
                            ROW_VALUE_GAP, "", ROW_VALUE_WIDTH, "Mem usage", ROW_VALUE_GAP, "",
                            ROW_VALUE_WIDTH, "Increment", old ? 0 : ROW_OCC_GAP, "",
                            old ? "" : occ, ROW_CONTENT_GAP, "", "Line Contents");
}

/* In report.l, the definition `name " "{lo,hi}`: lo and hi, or 0. */
static int definition(const char *text, const char *name, int *lo, int *hi)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\n%s ", name);
    const char *s = strstr(text, pat);
    return s && sscanf(s + strlen(pat), " \" \"{%d,%d}", lo, hi) == 2;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = malloc(1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    buf[n] = 0;
    fclose(f);
    return buf;
}

int main(void)
{
    static const struct { int gen, old; const char *occ; size_t rule; } G[] = {
        { MF_GEN_OLD, 1, "", RULE_LEN_OLD },
        { MF_GEN_058, 0, "Occurences", RULE_LEN_058 },
        { MF_GEN_061, 0, "Occurrences", RULE_LEN_061 },
    };
    char buf[128];

    CASE("each header is the row template applied to the titles, as long as its rule");
    for (size_t i = 0; i < sizeof G / sizeof G[0]; i++) {
        size_t len, n = template_header(buf, sizeof buf, G[i].old, G[i].occ);
        const char *h = mf_header_text(G[i].gen, &len);
        CHECK(h && len == n && memcmp(h, buf, n) == 0);
        CHECK(len == G[i].rule);
        int old = -1;
        CHECK(mf_header_classify(h, len, &old) == G[i].gen && old == G[i].old);
    }
    size_t len;
    CHECK(mf_header_text(MF_GEN_UNKNOWN, &len) == NULL && len == 0);

    CASE("the padding of a row not run is the template's empty cells");
    CHECK(ROW_PAD_NEW == 41 && ROW_PAD_OLD == 29);
    CHECK(row_content_pad(0) == ROW_PAD_NEW && row_content_pad(1) == ROW_PAD_OLD);

    CASE("a value's number is padded to precision + 4 (N = P + 4)");
    CHECK(row_number_width(4, 1) == 5);      /* "21.5" printed '{:5.1f}' */
    CHECK(row_number_width(6, 4) == 8);      /* "1.2345" */
    CHECK(row_number_width(12, 1) == 12);    /* wider than N: as wide as it is */

    CASE("report.l's literal widths are format.h's");
    char *l = slurp("grammar/report.l");
    CHECK(l != NULL);
    if (l) {
        int lo = 0, hi = 0;
        CHECK(definition(l, "VALUE_CELL", &lo, &hi) && lo == ROW_VALUE_GAP && hi == ROW_VALUE_WIDTH);
        CHECK(definition(l, "PAD_NEW", &lo, &hi) && lo == 1 && hi == ROW_PAD_NEW);
        CHECK(definition(l, "PAD_OLD", &lo, &hi) && lo == 1 && hi == ROW_PAD_OLD);
        CHECK(definition(l, "CONTENT_GAP", &lo, &hi) && lo == 1 && hi == ROW_CONTENT_GAP);
        /* more spaces than the gap: the gap is the separator, the rest contents */
        snprintf(buf, sizeof buf, "\n\" \"{%d,} ", ROW_CONTENT_GAP + 1);
        const char *more = strstr(l, buf);
        const char *act = more ? strstr(more, "yyless(ROW_CONTENT_GAP)") : NULL;
        CHECK(act && act < strchr(more + 1, '\n'));
        free(l);
    }
    return DONE();
}
