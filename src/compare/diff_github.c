/* compare/diff_github.c -- a comparison as GitHub Actions workflow
 * commands (`--annotate github`): GitHub shows each as an annotation on
 * the run and, with file= and line=, on that line of the pull request.
 *
 *   ::error file=F,line=L,title=memfold: FUNCTION::what it did
 *
 * one per failing function (at the new side's def line; a removed one at
 * the old side's), and per failing %memit result (no file);
 * ::warning for an added or removed function that does not fail and for
 * one over its limits but within the old runs' range (noise); one
 * ::error title=memfold::VERDICT when the comparison cannot be trusted
 * (input errors, an empty side, every function added or removed, an
 * ambiguous name).  Nothing else: a passing function is not annotated.
 *
 * GitHub's escaping: in the message % -> %25, CR -> %0D, LF -> %0A; in a
 * property also : -> %3A and , -> %2C.  Beyond that a control character
 * or a byte of invalid UTF-8 is shown as the text output shows it
 * ("\x1b"): the commands are read from a log a terminal may show.
 */
#include <string.h>
#include "compare/diff.h"
#include "core/textout.h"

static void gh_text(FILE *out, const char *s, size_t len, int property)
{
    for (size_t i = 0; i < len;) {
        size_t n;
        char esc[17];
        char c = s[i];
        if (c == '%' || c == '\r' || c == '\n' || (property && (c == ':' || c == ','))) {
            fprintf(out, "%%%02X", (unsigned)(unsigned char)c);
            i++;
            continue;
        }
        size_t e = text_escape_char(s + i, len - i, &n, esc);
        if (e)
            gh_text(out, esc, e, property);   /* "\x1b": nothing to escape, but be sure */
        else
            fwrite(s + i, 1, n, out);
        i += n;
    }
}

static void gh_str(FILE *out, const char *s, int property)
{
    if (s)
        gh_text(out, s, strlen(s), property);
}

/* ::KIND file=F,line=L,title=memfold: NAME::MSG */
static void command(FILE *out, const char *kind, const char *file, uint64_t line,
                    const char *name, const char *msg)
{
    fprintf(out, "::%s ", kind);
    if (file && *file) {
        fputs("file=", out);
        gh_str(out, file, 1);
        if (line)
            fprintf(out, ",line=%llu", (unsigned long long)line);
        fputc(',', out);
    }
    fputs("title=", out);
    gh_str(out, name ? "memfold: " : "memfold", 1);
    gh_str(out, name, 1);
    fputs("::", out);
    gh_str(out, msg, 0);
    fputc('\n', out);
}

static int in_noise(const diff_row *r)
{
    for (int mt = 0; mt < MF_NMETRICS; mt++)
        if (r->m[mt].gated && r->m[mt].in_noise)
            return mt;
    return -1;
}

void diff_write_github(FILE *out, const diff_model *m)
{
    char msg[1024], verdict[4096];
    if (m->reasons & MF_DIFF_UNTRUSTED) {
        diff_verdict(m, verdict, sizeof verdict);
        command(out, "error", NULL, 0, NULL, verdict);
    }
    for (size_t i = 0; i < m->nrows; i++) {
        const diff_row *r = &m->rows[i];
        int s = r->present[1] ? 1 : 0, noise = in_noise(r);
        const char *kind;
        int mt = diff_shown_metric(m, r);
        if (r->fails)
            kind = "error";
        else if (r->status == ST_ADDED || r->status == ST_REMOVED)
            kind = "warning";
        else if (noise >= 0)
            kind = "warning", mt = noise;
        else
            continue;
        diff_judged_text(msg, sizeof msg, m, r, mt);
        /* at the def line when the report had it, else its first row's */
        command(out, kind, r->file, r->def_line[s] ? r->def_line[s] : r->line[s],
                diff_row_name(r), msg);
    }
    for (size_t i = 0; i < m->nmemits; i++) {
        const diff_memit *e = &m->memits[i];
        const char *kind = e->fails ? "error" : !e->present[0] || !e->present[1] ? "warning" : NULL;
        if (!kind)
            continue;
        char name[1024];
        snprintf(name, sizeof name, "%%memit %s",
                 e->name ? e->name : e->statement ? e->statement : "<no statement>");
        diff_memit_text(msg, sizeof msg, m, e);
        command(out, kind, NULL, 0, name, msg);
    }
}
