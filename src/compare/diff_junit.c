/* compare/diff_junit.c -- a comparison as JUnit XML, for the test report
 * views of CI servers (GitLab's junit report, Jenkins, GitHub actions
 * that publish test results).
 *
 * One <testsuite name="memfold diff"> in a <testsuites>, one <testcase>
 * per function (classname: its file; name: "FUNCTION:LINE", the new
 * side's line, the old's when removed) and per %memit result (classname
 * "%memit").  A function over its limits has a <failure type="over">
 * with the numbers of every metric that fails; an added or removed one
 * a <failure> when it fails the gate (--fail-on-new, --fail-on-removed),
 * else <skipped>; an ignored one <skipped>; one that could not be paired
 * (--match name) an <error>.  When the comparison cannot be trusted
 * (input errors, an empty side, every function added or removed, an
 * ambiguous name) one more testcase, "inputs", has an <error> with the
 * verdict.  The counts on <testsuites> and <testsuite> are those of the
 * testcases written.
 *
 * Text from the inputs goes through xml_text (core/textout.c): < > & "
 * escaped, what XML 1.0 cannot hold (control bytes, invalid UTF-8)
 * replaced by U+FFFD, so that any input makes well-formed XML.
 */
#include <string.h>
#include "compare/diff.h"
#include "core/textout.h"

enum { JC_PASS, JC_FAILURE, JC_ERROR, JC_SKIPPED };

static int row_kind(const diff_row *r)
{
    if (r->status == ST_AMBIGUOUS)
        return JC_ERROR;
    if (r->fails)
        return JC_FAILURE;
    if (r->status == ST_ADDED || r->status == ST_REMOVED || r->status == ST_IGNORED)
        return JC_SKIPPED;
    return JC_PASS;
}

static int memit_kind(const diff_memit *e)
{
    if (e->fails)
        return JC_FAILURE;
    if (!e->present[0] || !e->present[1])
        return JC_SKIPPED;
    return JC_PASS;
}

static void xs(FILE *out, const char *s)
{
    if (s)
        xml_text(out, s, strlen(s));
}

/* One side's numbers of a metric: "median 61.7 MiB (min 61.6, max 61.8,
   3 runs)". */
static void side_line(FILE *out, const diff_row *r, int s, int mt)
{
    char vb[64], a[64], b[64];
    const side_stat *st = &r->stat[s][mt];
    fprintf(out, "%s: ", s ? "new" : "old");
    if (!st->known) {
        fputs("not known\n", out);
        return;
    }
    const char *v = diff_value(vb, r, s, mt);
    mf_format_derived(a, st->min, r->prec);
    mf_format_derived(b, st->max, r->prec);
    fprintf(out, "median %s MiB (min %s, max %s, %u run%s)\n", v, a, b, (unsigned)st->runs,
            st->runs == 1 ? "" : "s");
}

static int failure_body(FILE *out, const diff_row *r)
{
    char buf[1024], db[64], pb[64];
    int first = 1;
    for (int mt = 0; mt < MF_NMETRICS; mt++) {
        const judgement *j = &r->m[mt];
        if (!j->gated || !j->fails)
            continue;
        if (!first)
            fputc('\n', out);
        first = 0;
        fprintf(out, "metric: %s\n", DIFF_METRIC_NAMES[mt]);
        side_line(out, r, 0, mt);
        side_line(out, r, 1, mt);
        const char *d = diff_delta(db, r, mt), *p = diff_percent(pb, r, mt);
        int num = p[0] == '+' || p[0] == '-' || (p[0] >= '0' && p[0] <= '9');
        if (!j->pct_known)
            p = "from 0: no percentage";
        fprintf(out, "delta: %s MiB%s%s%s\n", d[0] ? d : "0", p[0] ? " (" : "", p,
                p[0] ? (num ? "%)" : ")") : "");
        fputs("limits: ", out);
        xs(out, diff_limits_text(buf, sizeof buf, &j->limits));
        fputc('\n', out);
    }
    return !first;
}

static void row_case(FILE *out, const diff_model *m, const diff_row *r)
{
    int s = r->present[1] ? 1 : 0, kind = row_kind(r), mt = diff_shown_metric(m, r);
    char msg[1024];
    fputs("    <testcase classname=\"", out);
    xs(out, r->file);
    fputs("\" name=\"", out);
    xs(out, diff_row_name(r));
    if (r->line[s])
        fprintf(out, ":%llu", (unsigned long long)r->line[s]);
    fputs("\" file=\"", out);
    xs(out, r->file);
    fputc('"', out);
    if (r->line[s])
        fprintf(out, " line=\"%llu\"", (unsigned long long)r->line[s]);
    diff_judged_text(msg, sizeof msg, m, r, mt);
    switch (kind) {
    case JC_PASS:
        fputs(">\n      <system-out>", out);
        xs(out, msg);
        fputs("</system-out>\n    </testcase>\n", out);
        return;
    case JC_SKIPPED:
        fputs(">\n      <skipped message=\"", out);
        xs(out, msg);
        fputs("\"/>\n    </testcase>\n", out);
        return;
    case JC_ERROR:
        fputs(">\n      <error message=\"", out);
        xs(out, msg);
        fputs("\" type=\"ambiguous\">", out);
        xs(out, msg);
        fputs("</error>\n    </testcase>\n", out);
        return;
    default:
        fputs(">\n      <failure message=\"", out);
        xs(out, msg);
        fprintf(out, "\" type=\"%s\">", DIFF_STATUS_NAMES[r->status]);
        if ((r->status != ST_OVER && r->status != ST_OK) || !failure_body(out, r))
            xs(out, msg);
        fputs("</failure>\n    </testcase>\n", out);
    }
}

static void memit_case(FILE *out, const diff_model *m, const diff_memit *e)
{
    char msg[1024];
    int kind = memit_kind(e);
    fputs("    <testcase classname=\"%memit\" name=\"", out);
    xs(out, e->name ? e->name : e->statement ? e->statement : "<no statement>");
    fputc('"', out);
    diff_memit_text(msg, sizeof msg, m, e);
    if (kind == JC_PASS) {
        fputs(">\n      <system-out>", out);
        xs(out, msg);
        fputs("</system-out>\n    </testcase>\n", out);
    } else if (kind == JC_SKIPPED) {
        fputs(">\n      <skipped message=\"", out);
        xs(out, msg);
        fputs("\"/>\n    </testcase>\n", out);
    } else {
        fputs(">\n      <failure message=\"", out);
        xs(out, msg);
        fprintf(out, "\" type=\"%s\">", DIFF_STATUS_NAMES[e->status]);
        xs(out, msg);
        fputs("</failure>\n    </testcase>\n", out);
    }
}

static const struct {
    unsigned bit;
    const char *name;
} UNTRUSTED[] = {
    { MF_DIFF_INPUT_ERRORS, "input-errors" },
    { MF_DIFF_EMPTY, "empty" },
    { MF_DIFF_ALL_CHANGED, "all-changed" },
    { MF_DIFF_AMBIGUOUS, "ambiguous" },
};

static void inputs_case(FILE *out, const diff_model *m)
{
    char verdict[4096];
    diff_verdict(m, verdict, sizeof verdict);
    fputs("    <testcase classname=\"memfold\" name=\"inputs\">\n      <error message=\"", out);
    xs(out, verdict);
    fputs("\" type=\"", out);
    const char *sep = "";
    for (size_t i = 0; i < sizeof UNTRUSTED / sizeof UNTRUSTED[0]; i++)
        if (m->reasons & UNTRUSTED[i].bit) {
            fprintf(out, "%s%s", sep, UNTRUSTED[i].name);
            sep = " ";
        }
    fputs("\">", out);
    for (int s = 0; s < 2; s++)
        fprintf(out, "%s: %u run%s, %zu function%s, %llu input error%s\n", s ? "new" : "old",
                (unsigned)m->runs[s], m->runs[s] == 1 ? "" : "s", m->functions[s],
                m->functions[s] == 1 ? "" : "s", (unsigned long long)m->input_errors[s],
                m->input_errors[s] == 1 ? "" : "s");
    fputs("verdict: ", out);
    xs(out, verdict);
    fputs("\n</error>\n    </testcase>\n", out);
}

void diff_write_junit(FILE *out, const diff_model *m)
{
    size_t n[4] = { 0, 0, 0, 0 };
    for (size_t i = 0; i < m->nrows; i++)
        n[row_kind(&m->rows[i])]++;
    for (size_t i = 0; i < m->nmemits; i++)
        n[memit_kind(&m->memits[i])]++;
    int inputs = (m->reasons & MF_DIFF_UNTRUSTED) != 0;
    n[JC_ERROR] += (size_t)inputs;
    size_t tests = m->nrows + m->nmemits + (size_t)inputs;
    char counts[256];
    snprintf(counts, sizeof counts, "tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
             tests, n[JC_FAILURE], n[JC_ERROR], n[JC_SKIPPED]);
    fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                 "<testsuites name=\"memfold diff\" %s>\n"
                 "  <testsuite name=\"memfold diff\" %s>\n", counts, counts);
    if (inputs)
        inputs_case(out, m);
    for (size_t i = 0; i < m->nrows; i++)   /* every function, in the order of --sort */
        row_case(out, m, diff_order_row(m, i));
    for (size_t i = 0; i < m->nmemits; i++)
        memit_case(out, m, &m->memits[i]);
    fputs("  </testsuite>\n</testsuites>\n", out);
}
