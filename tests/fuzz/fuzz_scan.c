/* fuzz_scan.c -- the three ways of reading table rows must agree.
 *
 * The grammar is the definition (grammar/report.l, report.y): a row as the
 * template prints it is one ROW token, any other row is read cell by cell.
 * The row acceptor (MF_SCAN_FAST, the default) is a shortcut ahead of the
 * rules.  This harness parses each input three times -- MF_SCAN_FAST,
 * MF_SCAN_RULES, MF_SCAN_CELLS -- and writes down everything the parser
 * hands on: every field of every block and row, every diagnostic with its
 * positions, every line of other text and every %memit result -- and what
 * the validator says of each block, which in MF_SCAN_FAST takes a row as
 * printed in one test and in the others checks it one check at a time.  Any
 * difference between the three is a bug (abort, so that libFuzzer keeps
 * the input).
 *
 * Built with -DSCAN_MAIN it is a command instead: scan_modes FILE... reads
 * each file the same way, prints "[PASS] FILE" or "[FAIL] FILE" with the
 * first line where the records differ, and exits 1 if any differs
 * (tests/t/scan-modes.sh runs it over every report the tests use). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "memfold.h"

static void put_text(FILE *f, const char *what, const char *text, size_t len)
{
    fprintf(f, "%s %zu '", what, len);
    if (text)
        fwrite(text, 1, len, f);
    fputs("'\n", f);
}

static void put_line(FILE *f, const char *what, const mf_line *l)
{
    fprintf(f, "%s line %llu off %u crlf %u flags %u\n", what,
            (unsigned long long)l->input_line, l->col_offset, (unsigned)l->crlf,
            (unsigned)l->origin);
    put_text(f, what, l->text, l->len);
}

static void put_value(FILE *f, const char *what, const mf_value *v)
{
    fprintf(f, "%s text %u+%u unit %u+%u num %lld/%u status %u\n", what, v->text.off,
            v->text.len, v->unit.off, v->unit.len, (long long)v->num.mant,
            (unsigned)v->num.prec, (unsigned)v->status);
}

static void put_row(FILE *f, const mf_row *r)
{
    fprintf(f, "row line %llu flags %#x lineno %llu (%u+%u) occ %llu (%u+%u) sep %u+%u "
            "content %u+%u col %u origin %#x\n",
            (unsigned long long)r->input_line, r->flags, (unsigned long long)r->lineno,
            r->lineno_f.off, r->lineno_f.len, (unsigned long long)r->occ, r->occ_f.off,
            r->occ_f.len, r->sep.off, r->sep.len, r->content.off, r->content.len,
            r->col_offset, r->origin);
    if (r->flags & MF_ROW_MEASURED) {
        put_value(f, "  mem", &r->mem);
        put_value(f, "  inc", &r->inc);
    }
    put_text(f, "  text", r->text, r->len);
}

/* Where a mode's records go, and its validator (MF_SCAN_FAST's takes a
   row as printed in one test; the others check one by one). */
typedef struct rec {
    FILE *f;
    mf_validator *v;
} rec;

static void put_diag(FILE *f, const mf_diag *d);

static int on_block(const mf_block *b, void *user)
{
    rec *out = user;
    FILE *f = out->f;
    fprintf(f, "block %llu flags %#x gen %d old %d blanks %u/%u rule %u end %llu eof %d "
            "def %ld measured %zu errors %zu\n",
            (unsigned long long)b->index, b->flags, b->generation, b->old_layout,
            b->head_blanks, b->end_blanks, b->rule_len, (unsigned long long)b->end_line,
            b->cut_by_eof, b->def_row, b->nmeasured, b->syntax_errors);
    put_line(f, "filename", &b->filename_line);
    fprintf(f, "file %u+%u\n", b->filename.off, b->filename.len);
    put_line(f, "header", &b->header);
    put_line(f, "rule", &b->rule);
    put_line(f, "closing", &b->closing);
    put_text(f, "function", b->function, b->function_len);
    for (size_t i = 0; i < b->nrows; i++)
        put_row(f, &b->rows[i]);
    fprintf(f, "validated: %zu errors\n", mf_validate_block(out->v, b));
    return 0;
}

static void put_diag(FILE *f, const mf_diag *d)
{
    fprintf(f, "diag %d %s %s:%llu:%u-%u col %u: %s\n", d->severity, d->name ? d->name : "-",
            d->file ? d->file : "-", (unsigned long long)d->line, d->column, d->end_column,
            d->source_col, d->message);
    put_text(f, "  source", d->source, d->source_len);
}

static void on_diag(const mf_diag *d, void *user)
{
    FILE *f = ((rec *)user)->f;
    put_diag(f, d);
    if (d->note)
        put_diag(f, d->note);
}

static void on_text(const char *source, uint64_t line, const char *text, size_t len, void *user)
{
    FILE *f = ((rec *)user)->f;
    fprintf(f, "text %s:%llu\n", source, (unsigned long long)line);
    put_text(f, "  text", text, len);
}

static int on_memit(const mf_memit *m, void *user)
{
    FILE *f = ((rec *)user)->f;
    fprintf(f, "memit %s:%llu col %u loops %llu inc %d stmt %llu\n", m->source,
            (unsigned long long)m->input_line, m->col_offset, (unsigned long long)m->loops,
            m->has_increment, (unsigned long long)m->statement_line);
    put_text(f, "  text", m->text, m->len);
    put_value(f, "  peak", &m->peak);
    if (m->has_increment)
        put_value(f, "  inc", &m->inc);
    put_text(f, "  statement", m->statement, m->statement_len);
    return 0;
}

/* Everything the parser hands on from data in scan mode `mode`, as text
   (malloc'd, *len bytes). */
static char *record(const uint8_t *data, size_t size, int mode, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        abort();
    rec out = { f, mf_validator_new(on_diag, &out) };
    mf_parser *p = mf_parser_new(on_block, on_diag, &out);
    if (!p || !out.v)
        abort();
    mf_parser_set_scan(p, mode);
    mf_validator_set_scan(out.v, mode);
    mf_parser_on_text(p, on_text);
    mf_parser_on_memit(p, on_memit);
    mf_input_stats st;
    int rc = mf_parse_buffer(p, (const char *)data, size, "scan.log", &st, NULL);
    fprintf(f, "end %d lines %llu bytes %llu\n", rc, (unsigned long long)st.lines,
            (unsigned long long)st.bytes);
    mf_parser_free(p);
    mf_validator_free(out.v);
    fclose(f);
    return buf;
}

static const char *const MODE_NAMES[] = { "fast", "rules", "cells" };

/* 0 if the three modes agree; else the mode that differs from fast, and
   the first differing line of each in *where (NULL if not wanted). */
static int compare_modes(const uint8_t *data, size_t size, char *where, size_t cap)
{
    size_t len[3];
    char *out[3];
    int differs = 0;
    for (int m = 0; m < 3; m++)
        out[m] = record(data, size, m, &len[m]);
    for (int m = 1; m < 3 && !differs; m++) {
        if (len[m] == len[0] && memcmp(out[m], out[0], len[0]) == 0)
            continue;
        differs = m;
        if (where) {
            size_t i = 0, start = 0;
            while (i < len[0] && i < len[m] && out[0][i] == out[m][i])
                if (out[0][i++] == '\n')
                    start = i;
            const char *a = out[0] + start, *b = out[m] + start;
            int la = (int)strcspn(a, "\n"), lb = (int)strcspn(b, "\n");
            snprintf(where, cap, "fast: %.*s\n  %s: %.*s", la > 200 ? 200 : la, a,
                     MODE_NAMES[m], lb > 200 ? 200 : lb, b);
        }
    }
    for (int m = 0; m < 3; m++)
        free(out[m]);
    return differs;
}

#ifndef SCAN_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (compare_modes(data, size, NULL, 0))
        abort();
    return 0;
}
#else
static uint8_t *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = NULL;
    size_t cap = 0, n = 0, k;
    do {
        if (n == cap) {
            cap = cap ? 2 * cap : 65536;
            buf = realloc(buf, cap);
            if (!buf)
                abort();
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    fclose(f);
    *size = n;
    return buf;
}

int main(int argc, char **argv)
{
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        size_t size;
        char where[600];
        uint8_t *data = slurp(argv[i], &size);
        if (!data) {
            printf("[FAIL] %s: cannot read it\n", argv[i]);
            failed++;
            continue;
        }
        if (compare_modes(data, size, where, sizeof where)) {
            printf("[FAIL] %s: the scan modes differ\n  %s\n", argv[i], where);
            failed++;
        } else {
            printf("[PASS] %s\n", argv[i]);
        }
        free(data);
    }
    return failed != 0;
}
#endif
