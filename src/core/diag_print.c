/* core/diag_print.c -- diagnostics as a compiler prints them:
 *
 *   run.log:6:24: error: malformed number in Mem usage [-Wnumber]
 *        6     2x.3 MiB     21.3 MiB           1   @profile
 *              ^~~~
 *
 * or as a JSON array, or as a SARIF 2.1.0 log for code-scanning tools. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "memfold_dat.h"
#include "core/checkset.h"
#include "core/textout.h"
#include "core/util.h"

struct mf_diag_printer {
    FILE *out;
    int format;
    int color;
    uint64_t max_errors;
    uint64_t errors, warnings, printed;
    int suppressed_said;
    char **extra_rules;      /* SARIF: names outside the check tables, as seen */
    size_t nextra;
};

mf_diag_printer *mf_diag_printer_new(FILE *out, int format, int color)
{
    mf_diag_printer *p = try_zalloc(sizeof *p);
    if (!p)
        return NULL;
    p->out = out;
    p->format = format;
    p->color = color && format == MF_DIAG_TEXT;
    if (format == MF_DIAG_SARIF)
        fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
              "  \"version\": \"2.1.0\",\n  \"runs\": [{\n    \"results\": [", out);
    else if (format == MF_DIAG_JSON)
        fputs("[", out);
    return p;
}

void mf_diag_printer_max_errors(mf_diag_printer *p, uint64_t max)
{
    p->max_errors = max;
}

static const char *const KIND[] = { "note", "warning", "error" };

/* ---- text ------------------------------------------------------------------ */

#define C(p, code) ((p)->color ? "\033[" code "m" : "")

/* The text of a diagnostic -- file name, message, source line -- comes
   from the input or quotes it: a control character or a byte of invalid
   UTF-8 in it is shown escaped ("\x1b", see text_escape_char), never sent
   to the terminal.  The caret line counts each escape's width, so it stays
   under its field. */

/* Columns the character at s[0..n) takes once shown; *len gets its bytes. */
static size_t shown_width(const char *s, size_t n, size_t *len)
{
    char esc[17];
    size_t e = text_escape_char(s, n, len, esc);
    return e ? e : 1;
}

/* Spaces (tabs where the line has tabs) up to byte offset `to`. */
static void caret_indent(FILE *out, const char *s, size_t len, size_t to)
{
    size_t i = 0, n;
    for (; i < to && i < len; i += n) {
        size_t w = shown_width(s + i, len - i, &n);
        if (s[i] == '\t')
            putc('\t', out);
        else
            text_pad(out, w);
    }
    if (i < to)
        text_pad(out, to - i);
}

/* Columns the bytes [from, to) of s take once shown (past its end: one each). */
static size_t shown_span(const char *s, size_t len, size_t from, size_t to)
{
    size_t w = 0, i = from, n;
    for (; i < to && i < len; i += n)
        w += shown_width(s + i, len - i, &n);
    return w + (i < to ? to - i : 0);
}

static void print_caret(mf_diag_printer *p, const mf_diag *d)
{
    /* columns count from the input line; source may start further in */
    size_t first = d->source_col > 1 ? d->source_col : 1;
    size_t col = d->column > first ? d->column - first : 0;
    size_t end = d->end_column > d->column ? col + (d->end_column - d->column) : col + 1;
    caret_indent(p->out, d->source, d->source_len, col);
    fputs(C(p, "1;32"), p->out);
    putc('^', p->out);
    for (size_t w = shown_span(d->source, d->source_len, col, end); w > 1; w--)
        putc('~', p->out);
    fputs(C(p, "0"), p->out);
    putc('\n', p->out);
}

static void print_text(mf_diag_printer *p, const mf_diag *d)
{
    static const char *const colors[] = { "1;36", "1;35", "1;31" };
    FILE *out = p->out;
    fputs(C(p, "1"), out);
    text_escaped(out, d->file, strlen(d->file));
    putc(':', out);
    if (d->line)
        fprintf(out, "%llu:", (unsigned long long)d->line);
    if (d->line && d->column)
        fprintf(out, "%u:", d->column);
    if (p->color)
        fprintf(out, "\033[0m \033[%sm%s:\033[0m ", colors[d->severity], KIND[d->severity]);
    else
        fprintf(out, " %s: ", KIND[d->severity]);
    text_escaped(out, d->message, strlen(d->message));
    if (d->name)
        fprintf(out, " [-W%s]", d->name);
    putc('\n', out);
    if (d->source) {
        text_escaped(out, d->source, d->source_len);
        putc('\n', out);
        if (d->column)
            print_caret(p, d);
    }
}

/* ---- JSON and SARIF ---------------------------------------------------------- */

static void print_json(mf_diag_printer *p, const mf_diag *d, int first)
{
    FILE *out = p->out;
    fputs(first ? "\n  " : ",\n  ", out);
    fprintf(out, "{\"kind\": \"%s\", \"name\": ", KIND[d->severity]);
    if (d->name)
        json_write_string(out, d->name, strlen(d->name));
    else
        fputs("null", out);
    fputs(", \"message\": ", out);
    json_write_string(out, d->message, strlen(d->message));
    fputs(", \"file\": ", out);
    json_write_string(out, d->file, strlen(d->file));
    fprintf(out, ", \"line\": %llu, \"column\": %u, \"end_column\": %u}",
            (unsigned long long)d->line, d->column, d->end_column);
}

static void sarif_location(FILE *out, const mf_diag *d)
{
    fputs("{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ", out);
    json_write_string(out, d->file, strlen(d->file));
    fprintf(out, "}, \"region\": {\"startLine\": %llu", (unsigned long long)(d->line ? d->line : 1));
    if (d->column)
        fprintf(out, ", \"startColumn\": %u, \"endColumn\": %u", d->column,
                d->end_column > d->column ? d->end_column : d->column + 1);
    fputs("}}", out);
    if (d->severity == MF_NOTE) {
        fputs(", \"message\": {\"text\": ", out);
        json_write_string(out, d->message, strlen(d->message));
        fputs("}", out);
    }
    fputs("}", out);
}

/* SARIF's rules are every check that can be reported: the report checks,
   then the .dat checks, then any other name a diagnostic carried (a
   library client's own, say), in the order first seen.  A result's
   ruleIndex is its rule's place in that list. */
static size_t sarif_rule_index(mf_diag_printer *p, const char *name)
{
    size_t n[2];
    const mf_check_info *t[2] = { mf_checks(&n[0]), mf_dat_checks(&n[1]) };
    size_t base = 0;
    for (int k = 0; k < 2; k++) {
        int i = checkset_find(t[k], n[k], name);
        if (i >= 0)
            return base + (size_t)i;
        base += n[k];
    }
    for (size_t i = 0; i < p->nextra; i++)
        if (strcmp(p->extra_rules[i], name) == 0)
            return base + i;
    p->extra_rules = xrealloc(p->extra_rules, (p->nextra + 1) * sizeof *p->extra_rules);
    p->extra_rules[p->nextra] = xstrndup(name, strlen(name));
    return base + p->nextra++;
}

static void print_sarif(mf_diag_printer *p, const mf_diag *d, int first)
{
    static const char *const level[] = { "note", "warning", "error" };
    FILE *out = p->out;
    const char *rule = d->name ? d->name : "note";
    fputs(first ? "\n      " : ",\n      ", out);
    fputs("{\"ruleId\": ", out);
    json_write_string(out, rule, strlen(rule));
    fprintf(out, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
            sarif_rule_index(p, rule), level[d->severity]);
    json_write_string(out, d->message, strlen(d->message));
    fputs("}, \"locations\": [", out);
    sarif_location(out, d);
    fputs("]", out);
    if (d->note) {
        fputs(", \"relatedLocations\": [", out);
        sarif_location(out, d->note);
        fputs("]", out);
    }
    fputs("}", out);
}

static void sarif_rules(mf_diag_printer *p)
{
    FILE *out = p->out;
    size_t n[2];
    const mf_check_info *t[2] = { mf_checks(&n[0]), mf_dat_checks(&n[1]) };
    int first = 1;
    /* No informationUri: SARIF 2.1.0 makes it optional (a toolComponent
       "MAY contain" it) and requires an absolute URI, and memfold has no
       public address; its documentation is README.md and memfold(1). */
    fputs("\n    ],\n    \"tool\": {\"driver\": {\"name\": \"memfold\", \"version\": \""
          MEMFOLD_VERSION_STRING "\",\n"
          "      \"rules\": [", out);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < n[k]; i++, first = 0) {
            const mf_check_info *c = &t[k][i];
            fprintf(out, "%s\n        {\"id\": \"%s\", \"shortDescription\": {\"text\": ",
                    first ? "" : ",", c->name);
            json_write_string(out, c->summary, strlen(c->summary));
            fprintf(out, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                    c->level == MF_LEVEL_ERROR ? "error"
                    : c->level == MF_LEVEL_WARNING ? "warning" : "none");
        }
    for (size_t i = 0; i < p->nextra; i++, first = 0) {
        fprintf(out, "%s\n        {\"id\": ", first ? "" : ",");
        json_write_string(out, p->extra_rules[i], strlen(p->extra_rules[i]));
        fputs("}", out);
    }
    fputs("\n      ]}}\n  }]\n}\n", out);
}

/* ---- entry points ------------------------------------------------------------ */

/* A diagnostic and its note in one write: stderr is unbuffered, and a
   quoted source line may be megabytes long (byte by byte it took seconds). */
static void print_text_once(mf_diag_printer *p, const mf_diag *d)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *dest = p->out, *mem = open_memstream(&buf, &n);
    if (mem)
        p->out = mem;
    print_text(p, d);
    if (d->note)
        print_text(p, d->note);
    if (mem) {
        p->out = dest;
        if (fclose(mem) == 0)
            fwrite(buf, 1, n, dest);
        free(buf);   /* open_memstream's, from the C library */
    }
}

void mf_diag_print(const mf_diag *d, void *printer)
{
    mf_diag_printer *p = printer;
    if (d->severity == MF_ERROR)
        p->errors++;
    else if (d->severity == MF_WARNING)
        p->warnings++;
    if (p->max_errors && d->severity == MF_ERROR && p->errors > p->max_errors) {
        if (!p->suppressed_said && p->format == MF_DIAG_TEXT)
            fprintf(p->out, "memfold: stopping output after %llu error%s (--max-errors); "
                    "the rest are counted\n", (unsigned long long)p->max_errors,
                    p->max_errors == 1 ? "" : "s");
        p->suppressed_said = 1;
        return;
    }
    int first = p->printed == 0;
    p->printed++;
    switch (p->format) {
    case MF_DIAG_JSON:
        print_json(p, d, first);
        if (d->note)
            print_json(p, d->note, 0);
        break;
    case MF_DIAG_SARIF:
        print_sarif(p, d, first);
        break;
    default:
        print_text_once(p, d);
        break;
    }
}

static void plural(FILE *out, uint64_t n, const char *what)
{
    fprintf(out, "%llu %s%s", (unsigned long long)n, what, n == 1 ? "" : "s");
}

void mf_diag_printer_finish(mf_diag_printer *p, uint64_t *errors, uint64_t *warnings)
{
    if (p->format == MF_DIAG_JSON) {
        fputs(p->printed ? "\n]\n" : "]\n", p->out);
    } else if (p->format == MF_DIAG_SARIF) {
        sarif_rules(p);
    } else if (p->errors || p->warnings) {
        plural(p->out, p->errors, "error");
        fputs(", ", p->out);
        plural(p->out, p->warnings, "warning");
        putc('\n', p->out);
    }
    fflush(p->out);
    if (errors)
        *errors = p->errors;
    if (warnings)
        *warnings = p->warnings;
    for (size_t i = 0; i < p->nextra; i++)
        xfree(p->extra_rules[i]);
    xfree(p->extra_rules);
    xfree(p);
}
