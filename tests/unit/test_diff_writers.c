/* Unit tests of the comparison's writers for CI (compare/diff_markdown.c,
 * diff_junit.c, diff_github.c) on hand-built comparison models: what
 * they write, field by field, and that their consumers read it --
 * cmark-gfm (the table, cell by cell), xmllint and python3-junitparser
 * (the counts), GitHub's escaping of workflow commands.
 *
 * The engine's helpers (diff_verdict, diff_value, ...) are linked from
 * compare/diff.c when it has them; until then the weak definitions below
 * stand in, as diff.h describes them.  Checks on the verdict's text only
 * look at its start ("PASSED", "FAILED").
 */
#include <stdlib.h>
#include <stdint.h>
#include <unistd.h>
#include "harness.h"
#include "memfold.h"
#include "compare/diff.h"

/* ---- building models -------------------------------------------------------- */

#define TENTH(x) ((int64_t)(x) * 100000000LL)    /* x tenths of a MiB, scaled */

static void set_stat(diff_row *r, int s, int mt, int med, int lo, int hi, uint32_t runs)
{
    side_stat *st = &r->stat[s][mt];
    st->known = 1;
    st->runs = runs;
    st->median = TENTH(med);
    st->min = TENTH(lo);
    st->max = TENTH(hi);
}

static diff_row row(const char *file, const char *fn, uint64_t l0, uint64_t l1, int status)
{
    diff_row r;
    memset(&r, 0, sizeof r);
    r.file = file;
    r.function = fn;
    r.line[0] = l0;
    r.line[1] = l1;
    r.present[0] = status != ST_ADDED;
    r.present[1] = status != ST_REMOVED;
    r.status = status;
    r.prec = 1;
    return r;
}

/* Judge metric mt of r from its medians as the gate would: over rel and
   abs limits (both given: over both), in noise when the new median lies
   in the old range. */
static void judge(diff_row *r, int mt, const mf_limits *l)
{
    judgement *j = &r->m[mt];
    j->gated = j->compared = 1;
    j->limits = *l;
    j->delta = r->stat[1][mt].median - r->stat[0][mt].median;
    int64_t base = r->stat[0][mt].median < 0 ? -r->stat[0][mt].median : r->stat[0][mt].median;
    j->pct_known = base != 0;
    if (base)
        j->pct_x10 = (j->delta * 1000 + (j->delta < 0 ? -base / 2 : base / 2)) / base;
    j->over_rel = l->has_rel && j->delta * 100000000 > base * l->max_rel_ppm;
    j->over_abs = l->has_abs && j->delta > l->max_abs;
    int over = j->over_rel && j->over_abs;
    int64_t nm = r->stat[1][mt].median;
    j->in_noise = over && nm >= r->stat[0][mt].min && nm <= r->stat[0][mt].max;
    j->fails = over && !j->in_noise;
    r->fails |= j->fails;
    if (j->fails)
        r->status = ST_OVER;
}

static const mf_limits RISE_LIMITS = { .has_rel = 1, .has_abs = 1, .max_rel_ppm = 10000000,
                                       .max_abs = 2 * MF_SCALE };

static diff_row rows1[5];
static diff_memit memits1[2];

/* Three runs a side, gated by rise: one function over, one in noise, one
   added, one removed, one ok; a %memit result over, one ok. */
static diff_model regression(void)
{
    diff_model m;
    memset(&m, 0, sizeof m);
    m.metrics = m.opts.metrics = 1u << MF_METRIC_RISE;
    m.opts.limits[MF_METRIC_RISE] = RISE_LIMITS;
    m.runs[0] = m.runs[1] = 3;
    m.functions[0] = m.functions[1] = 4;
    const int R = MF_METRIC_RISE;
    rows1[0] = row("app.py", "ok_fn", 3, 3, ST_OK);
    set_stat(&rows1[0], 0, R, 100, 99, 101, 3);
    set_stat(&rows1[0], 1, R, 101, 100, 102, 3);
    judge(&rows1[0], R, &RISE_LIMITS);
    rows1[1] = row("app.py", "a|b<c>", 14, 14, ST_OK);
    set_stat(&rows1[1], 0, R, 617, 616, 618, 3);
    set_stat(&rows1[1], 1, R, 1075, 1074, 1076, 3);
    judge(&rows1[1], R, &RISE_LIMITS);
    rows1[2] = row("app.py", "__init__", 0, 30, ST_ADDED);
    set_stat(&rows1[2], 1, R, 50, 50, 50, 3);
    rows1[3] = row("old.py", "gone", 7, 0, ST_REMOVED);
    set_stat(&rows1[3], 0, R, 50, 49, 51, 3);
    rows1[4] = row("app.py", "noisy", 40, 41, ST_OK);
    set_stat(&rows1[4], 0, R, 200, 150, 300, 3);
    set_stat(&rows1[4], 1, R, 250, 240, 260, 3);
    judge(&rows1[4], R, &RISE_LIMITS);
    m.rows = rows1;
    m.nrows = 5;
    memset(memits1, 0, sizeof memits1);
    diff_memit *e = &memits1[0];
    e->statement = e->name = "x = [0] * 10**7";
    e->nth = 1;
    e->present[0] = e->present[1] = e->has_inc[0] = e->has_inc[1] = 1;
    e->peak[0] = TENTH(501), e->peak[1] = TENTH(602);
    e->inc[0] = TENTH(76), e->inc[1] = TENTH(177);
    e->delta_peak = TENTH(101), e->delta_inc = TENTH(101);
    e->gated = e->pct_known = 1;
    e->pct_x10 = 1329;
    e->status = ST_OVER;
    e->fails = 1;
    e->prec = 1;
    e = &memits1[1];
    e->statement = e->name = "y = 1";
    e->present[0] = e->present[1] = 1;
    e->peak[0] = e->peak[1] = TENTH(500);
    e->has_inc[0] = e->has_inc[1] = 1;
    e->gated = e->pct_known = 1;
    e->prec = 1;
    m.memits = memits1;
    m.nmemits = 2;
    m.over = 1, m.added = 1, m.removed = 1, m.memit_over = 1;
    m.failing = 2;
    m.reasons = MF_DIFF_OVER;
    return m;
}

/* A crashed new side: no function, errors in its input; the old side's
   functions removed and failing (--fail-on-removed). */
static diff_row rows2[2];
static diff_model crashed(void)
{
    diff_model m;
    memset(&m, 0, sizeof m);
    m.metrics = m.opts.metrics = 1u << MF_METRIC_PEAK;
    m.opts.fail_on_removed = 1;
    m.runs[0] = m.runs[1] = 1;
    m.functions[0] = 2;
    m.input_errors[1] = 2;
    rows2[0] = row("/src/a.py", "load", 5, 0, ST_REMOVED);
    set_stat(&rows2[0], 0, MF_METRIC_PEAK, 300, 300, 300, 1);
    rows2[1] = row("/src/a.py", NULL, 0, 0, ST_REMOVED);
    for (int i = 0; i < 2; i++)
        rows2[i].fails = 1;
    m.rows = rows2;
    m.nrows = 2;
    m.removed = 2;
    m.failing = 2;
    m.reasons = MF_DIFF_REMOVED | MF_DIFF_EMPTY | MF_DIFF_INPUT_ERRORS | MF_DIFF_ALL_CHANGED;
    return m;
}

/* Names and paths with everything the formats must escape; an ambiguous
   pairing; two metrics gated. */
#define NASTY_FILE "we,ird:100%/dir\n\tx &<\"'>.py"
#define NASTY_FN "f`\\|*_[x]~$<&>\"'\x01\x1b\xff\xc3(\r\n%0A"
static diff_row rows3[3];
static diff_model hostile(void)
{
    diff_model m;
    memset(&m, 0, sizeof m);
    m.metrics = m.opts.metrics = 1u << MF_METRIC_PEAK | 1u << MF_METRIC_RISE;
    m.opts.limits[MF_METRIC_RISE] = RISE_LIMITS;
    m.opts.limits[MF_METRIC_PEAK] = (mf_limits){ .has_max = 1, .max = 500 * MF_SCALE };
    m.opts.match_name = 1;
    m.runs[0] = m.runs[1] = 1;
    m.functions[0] = m.functions[1] = 3;
    rows3[0] = row(NASTY_FILE, NASTY_FN, 9, 12, ST_OK);
    set_stat(&rows3[0], 0, MF_METRIC_RISE, 100, 100, 100, 1);
    set_stat(&rows3[0], 1, MF_METRIC_RISE, 900, 900, 900, 1);
    set_stat(&rows3[0], 0, MF_METRIC_PEAK, 1000, 1000, 1000, 1);
    set_stat(&rows3[0], 1, MF_METRIC_PEAK, 1800, 1800, 1800, 1);
    judge(&rows3[0], MF_METRIC_RISE, &RISE_LIMITS);
    rows3[0].m[MF_METRIC_PEAK].gated = rows3[0].m[MF_METRIC_PEAK].compared = 1;
    rows3[0].m[MF_METRIC_PEAK].limits = m.opts.limits[MF_METRIC_PEAK];
    rows3[0].m[MF_METRIC_PEAK].delta = TENTH(800);
    rows3[0].m[MF_METRIC_PEAK].pct_known = 1;
    rows3[0].m[MF_METRIC_PEAK].pct_x10 = 800;
    rows3[1] = row(NASTY_FILE, "dup", 20, 20, ST_AMBIGUOUS);
    rows3[1].why = "two <dup> in a.py & b.py, \"same\" rows";
    rows3[1].fails = 1;
    rows3[2] = row("", "nofile", 0, 0, ST_IGNORED);
    m.rows = rows3;
    m.nrows = 3;
    m.over = 1, m.ambiguous = 1, m.ignored = 1;
    m.failing = 2;
    m.reasons = MF_DIFF_OVER | MF_DIFF_AMBIGUOUS;
    return m;
}

/* ---- running writers and consumers ------------------------------------------ */

static char *out_buf;
static size_t out_len;

static const char *run(void (*w)(FILE *, const diff_model *), const diff_model *m)
{
    free(out_buf);
    out_buf = NULL;
    FILE *f = open_memstream(&out_buf, &out_len);
    w(f, m);
    fclose(f);
    return out_buf;
}

static char tmpdir[] = "/tmp/test_diff_writers.XXXXXX";

static const char *save(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    return path;
}

/* The output of a shell command, and its exit status in *st. */
static char *shell(const char *cmd, int *st)
{
    static char buf[1 << 16];
    FILE *p = popen(cmd, "r");
    size_t n = 0;
    buf[0] = '\0';
    if (!p) {
        *st = -1;
        return buf;
    }
    n = fread(buf, 1, sizeof buf - 1, p);
    buf[n] = '\0';
    int s = pclose(p);
    *st = WIFEXITED(s) ? WEXITSTATUS(s) : -1;
    return buf;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

static int has(const char *hay, const char *needle)
{
    if (hay && strstr(hay, needle))
        return 1;
    printf("  not found: \"%s\"\n", needle);
    return 0;
}
#define HAS(hay, needle) CHECK(has((hay), (needle)))

/* The verdict's context -- what was compared, before ": FAILED" or
   ": PASSED" -- is the Markdown's second paragraph. */
static int has_context(const char *md, const diff_model *m)
{
    char v[4096], want[4200];
    diff_verdict(m, v, sizeof v);
    char *f = strstr(v, ": FAILED");
    if (!f && strlen(v) > 8)
        f = v + strlen(v) - 8;
    if (!f)
        return 0;
    *f = '\0';
    snprintf(want, sizeof want, "\n\n%s\n\n", v);
    return has(md, want);
}

/* The HTML of the first table cmark-gfm makes of a Markdown file. */
static char *html_of(const char *md_path, int *st)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cmark-gfm -e table '%s'", md_path);
    return shell(cmd, st);
}

/* junitparser's counts of a JUnit file: "tests failures errors skipped",
   counted from the testcases it reads, then the suite's attributes. */
static const char JUNIT_PY[] =
    "import sys\n"
    "from junitparser import JUnitXml, Failure, Error, Skipped\n"
    "x = JUnitXml.fromfile(sys.argv[1])\n"
    "t = f = e = s = 0\n"
    "for suite in x:\n"
    "    for case in suite:\n"
    "        t += 1\n"
    "        for r in case.result:\n"
    "            f += isinstance(r, Failure); e += isinstance(r, Error); s += isinstance(r, Skipped)\n"
    "    print(t, f, e, s, suite.tests, suite.failures, suite.errors, suite.skipped)\n";

static char *junit_counts(const char *xml_path, int *st)
{
    char cmd[768];
    snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s/junit.py' '%s' 2>&1", tmpdir, xml_path);
    return shell(cmd, st);
}

static int xmllint_ok(const char *xml_path)
{
    char cmd[512];
    int st;
    snprintf(cmd, sizeof cmd, "xmllint --noout '%s' 2>&1", xml_path);
    char *o = shell(cmd, &st);
    if (st != 0 || o[0])
        printf("  xmllint (status %d): %s\n", st, o);
    return st == 0 && !o[0];
}

/* Every line of s starts with "::error " or "::warning "; their number. */
static int gh_lines(const char *s, int *bad)
{
    int n = 0;
    *bad = 0;
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (!(strncmp(p, "::error ", 8) == 0 || strncmp(p, "::warning ", 10) == 0) || len < 12) {
            printf("  not a workflow command: %.*s\n", (int)len, p);
            (*bad)++;
        }
        n++;
        p += len + (e != NULL);
    }
    return n;
}

int main(void)
{
    int st;
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    char buf[1024];
    save("junit.py", JUNIT_PY);

    CASE("shared: limits and values as text");
    CHECK_STR(diff_limits_text(buf, sizeof buf, &RISE_LIMITS), "+10% and +2 MiB");
    {
        mf_limits l = { .has_rel = 1, .max_rel_ppm = 2500000, .has_max = 1, .max = 1536 * MF_SCALE / 1000 };
        CHECK_STR(diff_limits_text(buf, sizeof buf, &l), "+2.5%, at most 1.536 MiB");
        mf_limits none = { 0 };
        CHECK_STR(diff_limits_text(buf, sizeof buf, &none), "no limits");
    }
    CHECK_STR(diff_mib(buf, sizeof buf, -TENTH(15), 1), "-1.5");
    CHECK_STR(diff_mib(buf, sizeof buf, TENTH(20), 1), "+2");
    CHECK_STR(diff_mib(buf, sizeof buf, 1, 0), "0.000000001");
    CHECK_STR(diff_mib(buf, sizeof buf, 0, 1), "0");

    diff_model m1 = regression();
    CASE("shared: what a row did");
    CHECK_STR(diff_judged_text(buf, sizeof buf, &m1, &rows1[1], MF_METRIC_RISE),
              "rise 61.7 -> 107.5 MiB (+45.8 MiB, +74.2%; medians of 3 and 3 runs, old 61.6\xe2\x80\x93"
              "61.8): over the limit, +10% and +2 MiB");
    CHECK_STR(diff_judged_text(buf, sizeof buf, &m1, &rows1[4], MF_METRIC_RISE),
              "rise 20.0 -> 25.0 MiB (+5.0 MiB, +25.0%; medians of 3 and 3 runs, old 15.0\xe2\x80\x93"
              "30.0): over the limit, +10% and +2 MiB, but within the old runs' range (noise)");
    CHECK_STR(diff_judged_text(buf, sizeof buf, &m1, &rows1[2], MF_METRIC_RISE), "added: not in the old profile");
    CHECK_STR(diff_judged_text(buf, 16, &m1, &rows1[1], MF_METRIC_RISE), "rise 61.7 -> 10");
    CHECK_STR(diff_memit_text(buf, sizeof buf, &m1, &memits1[0]),
              "peak 50.1 -> 60.2 MiB (+10.1 MiB), increment 7.6 -> 17.7 MiB (+10.1 MiB), increment +132.9%: "
              "over the limit");

    /* ---- Markdown ---- */
    const char *md = run(diff_write_markdown, &m1);
    CASE("markdown: the verdict above, what was gated, the header names the metric");
    CHECK(strncmp(md, "**memfold diff: FAILED**", 24) == 0);
    CHECK(has_context(md, &m1));
    HAS(md, "**memfold diff: FAILED**: 1 function over the limit: a\\|b&lt;c&gt; (rise +45.8 MiB, +74.2%)");
    HAS(md, "\n| function | file:line | old rise (MiB) | new rise (MiB) | delta MiB | delta % | status |\n"
            "|---|---|---:|---:|---:|---:|---|\n");
    CASE("markdown: the failing row first, escaped, with min-max under the medians");
    HAS(md, "|---|\n| a\\|b&lt;c&gt; | app.py:14 | 61.7 (61.6\xe2\x80\x93" "61.8) | 107.5 (107.4\xe2\x80\x93"
            "107.6) | +45.8 | +74.2 | **over** |\n| ok\\_fn | app.py:3 |");
    HAS(md, "| \\_\\_init\\_\\_ | app.py:30 |  | 5.0 (5.0\xe2\x80\x93" "5.0) |  |  | added |\n");
    HAS(md, "| gone | old.py:7 | 5.0 (4.9\xe2\x80\x93" "5.1) |  |  |  | removed |\n");
    HAS(md, "| noisy | app.py:41 | 20.0 (15.0\xe2\x80\x93" "30.0) | 25.0 (24.0\xe2\x80\x93" "26.0) | +5.0 | +25.0 | ok (noise) |\n");
    CASE("markdown: the %memit results in a second table");
    HAS(md, "\n\n| %memit statement | old peak (MiB) |");
    HAS(md, "| x = \\[0\\] \\* 10\\*\\*7 | 50.1 | 60.2 | +10.1 | 7.6 | 17.7 | +10.1 | +132.9 | **over** |\n"
            "| y = 1 | 50.0 | 50.0 | 0.0 | 0.0 | 0.0 | 0.0 | 0.0 | ok |\n");

    CASE("markdown: cmark-gfm reads one table row per function, cells as written");
    {
        char *html = html_of(save("m1.md", md), &st);
        CHECK(st == 0);
        char *second = strstr(html, "</table>");
        CHECK(second != NULL);
        if (second) {
            *second = '\0';
            CHECK(count(html, "<tr>") == 1 + 5);
            HAS(html, "<td>a|b&lt;c&gt;</td>\n<td>app.py:14</td>\n<td align=\"right\">61.7 (61.6\xe2\x80\x93"
                      "61.8)</td>");
            HAS(html, "<td><strong>over</strong></td>");
            HAS(html, "<td>__init__</td>");
            CHECK(count(html, "<td") == 5 * 7);
            CHECK(count(second + 1, "<tr>") == 1 + 2);
            HAS(second + 1, "<td>x = [0] * 10**7</td>");
        }
        html = html_of(save("m1.md", md), &st);
        HAS(html, "<p><strong>memfold diff: FAILED</strong>:");
    }

    diff_model m3 = hostile();
    md = run(diff_write_markdown, &m3);
    CASE("markdown: hostile names stay in their cells; two metrics get a metric column");
    HAS(md, "| function | file:line | metric | old (MiB) | new (MiB) | delta MiB | delta % | status |\n");
    CHECK(has_context(md, &m3));
    HAS(md, "peak (at most 500 MiB), rise (+10% and +2 MiB)");
    HAS(md, ": FAILED**: 1 function over the limit: f\\`\\\\\\|\\*\\_\\[x\\]\\~\\$&lt;&amp;&gt;\"'\\\\x01");
    CHECK(count(md, "\n") == 4 + 2 + 3);   /* verdict, blank, gated, blank; header, rule; rows */
    HAS(md, "| **ambiguous**: two &lt;dup&gt; in a.py &amp; b.py, \"same\" rows |");
    {
        char *html = html_of(save("m3.md", md), &st);
        CHECK(st == 0);
        CHECK(count(html, "<tr>") == 1 + 3);
        CHECK(count(html, "<td") == 3 * 8);
        HAS(html, "<td>f`\\|*_[x]~$&lt;&amp;&gt;&quot;'\\x01\\x1b\\xff\\xc3(\\r\\n%0A</td>");
        HAS(html, "<td>we,ird:100%/dir\\n\tx &amp;&lt;&quot;'&gt;.py:12</td>");
        CHECK(!strstr(html, "<code>") && !strstr(html, "<em>") && !strstr(html, "<del>"));
    }

    diff_model m2 = crashed();
    md = run(diff_write_markdown, &m2);
    CASE("markdown: a crashed side: the verdict says so, and rows without numbers");
    CHECK(strncmp(md, "**memfold diff: FAILED**", 24) == 0);
    CHECK(has_context(md, &m2));
    HAS(md, "2 errors in the inputs (NEW)");
    HAS(md, "| load | /src/a.py:5 | 30.0 |  |  |  | **removed** |\n| &lt;unknown&gt; | /src/a.py |");
    {
        diff_model empty;
        memset(&empty, 0, sizeof empty);
        empty.metrics = 1;
        md = run(diff_write_markdown, &empty);
        CHECK(strncmp(md, "**memfold diff: PASSED**\n\n", 26) == 0);
        HAS(md, "No functions on either side.\n");
        CHECK(!strchr(md, '|'));
    }

    /* ---- JUnit ---- */
    const char *xml = run(diff_write_junit, &m1);
    CASE("junit: counts on the suite, one testcase per function and %memit result");
    HAS(xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"memfold diff\" tests=\"7\" "
             "failures=\"2\" errors=\"0\" skipped=\"2\">\n  <testsuite name=\"memfold diff\" tests=\"7\" "
             "failures=\"2\" errors=\"0\" skipped=\"2\">\n");
    CHECK(count(xml, "<testcase ") == 7);
    HAS(xml, "<testcase classname=\"app.py\" name=\"a|b&lt;c&gt;:14\" file=\"app.py\" line=\"14\">\n"
             "      <failure message=\"rise 61.7 -&gt; 107.5 MiB (+45.8 MiB, +74.2%; medians of 3 and 3 runs, "
             "old 61.6\xe2\x80\x93" "61.8): over the limit, +10% and +2 MiB\" type=\"over\">metric: rise\n"
             "old: median 61.7 MiB (min 61.6, max 61.8, 3 runs)\n"
             "new: median 107.5 MiB (min 107.4, max 107.6, 3 runs)\n"
             "delta: +45.8 MiB (+74.2%)\nlimits: +10% and +2 MiB\n");
    HAS(xml, "<testcase classname=\"app.py\" name=\"__init__:30\" file=\"app.py\" line=\"30\">\n"
             "      <skipped message=\"added: not in the old profile\"/>");
    HAS(xml, "name=\"gone:7\" file=\"old.py\" line=\"7\">\n      <skipped message=\"removed:");
    HAS(xml, "<testcase classname=\"%memit\" name=\"x = [0] * 10**7\">\n      <failure message=\"peak 50.1");
    CHECK(!strstr(xml, "name=\"inputs\""));
    CASE("junit: xmllint and junitparser read it, their counts agree");
    {
        const char *p = save("m1.xml", xml);
        CHECK(xmllint_ok(p));
        CHECK_STR(junit_counts(p, &st), "7 2 0 2 7 2 0 2\n");
    }
    CASE("junit: a crashed side: an inputs testcase with an error, removed functions failing");
    xml = run(diff_write_junit, &m2);
    HAS(xml, "tests=\"3\" failures=\"2\" errors=\"1\" skipped=\"0\"");
    HAS(xml, "<testcase classname=\"memfold\" name=\"inputs\">\n      <error message=\"");
    HAS(xml, ": FAILED: 2 removed (--fail-on-removed); 2 errors in the inputs (NEW)");
    HAS(xml, "type=\"input-errors empty all-changed\">old: 1 run, 2 functions, 0 input errors\n"
             "new: 1 run, 0 functions, 2 input errors\n");
    HAS(xml, "name=\"&lt;unknown&gt;\" file=\"/src/a.py\">\n      <failure message=\"removed: not in the new "
             "profile (fails under --fail-on-removed)\" type=\"removed\">");
    {
        const char *p = save("m2.xml", xml);
        CHECK(xmllint_ok(p));
        CHECK_STR(junit_counts(p, &st), "3 2 1 0 3 2 1 0\n");
    }
    CASE("junit: hostile names make well-formed XML; ambiguous is an error, ignored skipped");
    xml = run(diff_write_junit, &m3);
    {
        const char *p = save("m3.xml", xml);
        CHECK(xmllint_ok(p));
        CHECK_STR(junit_counts(p, &st), "4 1 2 1 4 1 2 1\n");
        HAS(xml, "classname=\"we,ird:100%/dir\xef\xbf\xbd    x &amp;&lt;&quot;'&gt;.py\" name=\"f`\\|*_[x]~$&lt;"
                 "&amp;&gt;&quot;'\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd%0A:12\"");
        HAS(xml, "<error message=\"ambiguous: two &lt;dup&gt; in a.py &amp; b.py, &quot;same&quot; rows\" "
                 "type=\"ambiguous\">");
        /* the name as junitparser reads it back */
        char cmd[512];
        snprintf(cmd, sizeof cmd,
                 "/usr/bin/python3 -c 'import sys; from junitparser import JUnitXml\n"
                 "for s in JUnitXml.fromfile(sys.argv[1]):\n"
                 "    for c in s: print(ascii(c.name))' '%s' 2>&1", p);
        CHECK_STR(shell(cmd, &st), "'inputs'\n'f`\\\\|*_[x]~$<&>\"\\'\\ufffd\\ufffd\\ufffd\\ufffd(\\ufffd\\ufffd%0A:12'\n"
                                   "'dup:20'\n'nofile'\n");
    }
    CASE("junit: nothing compared: an empty suite, still valid");
    {
        diff_model empty;
        memset(&empty, 0, sizeof empty);
        empty.metrics = 1;
        xml = run(diff_write_junit, &empty);
        HAS(xml, "tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"");
        CHECK(xmllint_ok(save("empty.xml", xml)));
    }

    CASE("only %memit results: no function table, the %memit table and testcases");
    {
        diff_model mm = regression();
        mm.rows = NULL;
        mm.nrows = 0;
        mm.over = mm.added = mm.removed = 0;
        md = run(diff_write_markdown, &mm);
        HAS(md, "No functions on either side.\n\n| %memit statement |");
        CHECK(count(md, "\n| ") == 3);   /* the header and 2 results */
        xml = run(diff_write_junit, &mm);
        HAS(xml, "tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\"");
        CHECK_STR(junit_counts(save("memit.xml", xml), &st), "2 1 0 0 2 1 0 0\n");
    }

    /* ---- GitHub workflow commands ---- */
    const char *gh = run(diff_write_github, &m1);
    CASE("github: an error per failing function and %memit result, warnings for added, removed, noise");
    {
        int bad;
        CHECK(gh_lines(gh, &bad) == 5 && bad == 0);
    }
    HAS(gh, "::error file=app.py,line=14,title=memfold%3A a|b<c>::rise 61.7 -> 107.5 MiB (+45.8 MiB, +74.2%25; "
            "medians of 3 and 3 runs, old 61.6\xe2\x80\x93" "61.8): over the limit, +10%25 and +2 MiB\n");
    HAS(gh, "::warning file=app.py,line=30,title=memfold%3A __init__::added: not in the old profile\n");
    HAS(gh, "::warning file=old.py,line=7,title=memfold%3A gone::removed: not in the new profile\n");
    HAS(gh, "::warning file=app.py,line=41,title=memfold%3A noisy::rise 20.0 -> 25.0 MiB");
    HAS(gh, "::error title=memfold%3A %25memit x = [0] * 10**7::peak 50.1 -> 60.2 MiB");
    CHECK(!strstr(gh, "ok_fn") && !strstr(gh, "y = 1"));
    CASE("github: a crashed side: the verdict as an error, the removed at the old line");
    gh = run(diff_write_github, &m2);
    {
        int bad;
        CHECK(gh_lines(gh, &bad) == 3 && bad == 0);
    }
    CHECK(strncmp(gh, "::error title=memfold::", 23) == 0 && strstr(gh, ": FAILED: ") < strchr(gh, '\n'));
    HAS(gh, "\n::error file=/src/a.py,line=5,title=memfold%3A load::removed: not in the new profile "
            "(fails under --fail-on-removed)\n");
    HAS(gh, "\n::error file=/src/a.py,title=memfold%3A <unknown>::removed:");
    CASE("github: properties and messages escaped as GitHub reads them");
    gh = run(diff_write_github, &m3);
    {
        int bad;
        CHECK(gh_lines(gh, &bad) == 3 && bad == 0);
    }
    HAS(gh, "::error file=we%2Cird%3A100%25/dir%0A\tx &<\"'>.py,line=12,title=memfold%3A "
            "f`\\|*_[x]~$<&>\"'\\x01\\x1b\\xff\\xc3(%0D%0A%250A::rise 10.0 -> 90.0 MiB (+80.0 MiB, +800.0%25): over");
    HAS(gh, "::error file=we%2Cird%3A100%25/dir%0A\tx &<\"'>.py,line=20,title=memfold%3A dup::ambiguous: "
            "two <dup> in a.py & b.py, \"same\" rows\n");
    CHECK(!strstr(gh, "nofile"));

    free(out_buf);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        printf("  could not remove %s\n", tmpdir);
    return DONE();
}
