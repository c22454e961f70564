/* Unit tests of the scanner and grammar: one case per feature of the
 * report format, on small inputs laid out exactly as memory_profiler's
 * templates print them. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"

#define HEADER61 "Line #    Mem usage    Increment  Occurrences   Line Contents\n"
#define RULE61 "=============================================================\n"
#define HEADER058 "Line #    Mem usage    Increment  Occurences   Line Contents\n"
#define RULE058 "============================================================\n"
#define HEADEROLD "Line #    Mem usage    Increment   Line Contents\n"
#define RULEOLD "================================================\n"
#define PAD41 "                                         "   /* 41 spaces */
#define PAD29 "                             "               /* 29 spaces */

/* What a test keeps of each block (the AST lives only in the callback). */
typedef struct seen_row {
    unsigned long long lineno, input_line, occ;
    unsigned flags;
    char mem[32], inc[32], unit[8], content[128];
} seen_row;

typedef struct seen_block {
    unsigned long long index;
    unsigned flags;
    int generation, old_layout;
    char function[64];
    char filename[128];
    size_t nrows, nmeasured, syntax_errors;
    unsigned end_blanks;
    int cut_by_eof;
    seen_row rows[16];
} seen_block;

typedef struct seen {
    seen_block blocks[8];
    size_t n;
    char diags[8][256];
    size_t ndiags;
    mf_input_stats stats;
} seen;

static void copy_field(char *dst, size_t cap, const mf_row *r, mf_field f)
{
    size_t n = f.len < cap - 1 ? f.len : cap - 1;
    memcpy(dst, r->text + f.off, n);
    dst[n] = '\0';
}

static int on_block(const mf_block *b, void *user)
{
    seen *s = user;
    if (s->n == 8)
        return 0;
    seen_block *k = &s->blocks[s->n++];
    memset(k, 0, sizeof *k);
    k->index = b->index;
    k->flags = b->flags;
    k->generation = b->generation;
    k->old_layout = b->old_layout;
    if (b->function)
        snprintf(k->function, sizeof k->function, "%.*s", (int)b->function_len, b->function);
    snprintf(k->filename, sizeof k->filename, "%.*s", (int)b->filename.len,
             b->filename_line.text + b->filename.off);
    k->nrows = b->nrows;
    k->nmeasured = b->nmeasured;
    k->syntax_errors = b->syntax_errors;
    k->end_blanks = b->end_blanks;
    k->cut_by_eof = b->cut_by_eof;
    for (size_t i = 0; i < b->nrows && i < 16; i++) {
        const mf_row *r = &b->rows[i];
        seen_row *w = &k->rows[i];
        w->lineno = r->lineno;
        w->input_line = r->input_line;
        w->occ = r->occ;
        w->flags = r->flags;
        if (r->flags & MF_ROW_MEASURED) {
            copy_field(w->mem, sizeof w->mem, r, r->mem.text);
            copy_field(w->inc, sizeof w->inc, r, r->inc.text);
            copy_field(w->unit, sizeof w->unit, r, r->mem.unit);
        }
        copy_field(w->content, sizeof w->content, r, r->content);
    }
    return 0;
}

static void on_diag(const mf_diag *d, void *user)
{
    seen *s = user;
    if (s->ndiags < 8)
        snprintf(s->diags[s->ndiags++], 256, "%llu:%u:%s:%s", (unsigned long long)d->line,
                 d->column, d->name ? d->name : "", d->message);
}

static seen *parse(const char *text)
{
    static seen s;
    memset(&s, 0, sizeof s);
    mf_parser *p = mf_parser_new(on_block, on_diag, &s);
    mf_parse_buffer(p, text, strlen(text), "t.log", &s.stats, NULL);
    mf_parser_free(p);
    return &s;
}

int main(void)
{
    seen *s;

    CASE("parse: a 0.61 block, cells and contents exactly as printed");
    s = parse("Filename: /tmp/a.py\n\n" HEADER61 RULE61
              "     2     21.4 MiB     21.4 MiB           1   @profile\n"
              "     3" PAD41 "def f(n):\n"
              "     4" PAD41 "    # comment\n"
              "     5     22.2 MiB      0.8 MiB           1       x = [0]*n\n"
              "     6" PAD41 "\n"
              "     7     22.2 MiB      0.0 MiB           1       y = \"\xc3\xa9\"\n"
              "     8" PAD41 "\t\n"
              "     9     21.4 MiB     -0.8 MiB           1       del x\n"
              "\n\n");
    CHECK(s->n == 1 && s->ndiags == 0);
    CHECK(s->blocks[0].generation == MF_GEN_061 && !s->blocks[0].old_layout);
    CHECK_STR(s->blocks[0].filename, "/tmp/a.py");
    CHECK_STR(s->blocks[0].function, "f");
    CHECK(s->blocks[0].nrows == 8 && s->blocks[0].nmeasured == 4);
    CHECK(s->blocks[0].end_blanks == 2);
    CHECK(s->blocks[0].flags & MF_BLOCK_TERMINATED);
    CHECK_STR(s->blocks[0].rows[0].mem, "21.4");
    CHECK_STR(s->blocks[0].rows[0].unit, "MiB");
    CHECK(s->blocks[0].rows[0].occ == 1 && s->blocks[0].rows[0].input_line == 5);
    CHECK_STR(s->blocks[0].rows[1].content, "def f(n):");
    CHECK_STR(s->blocks[0].rows[2].content, "    # comment");
    CHECK_STR(s->blocks[0].rows[3].content, "    x = [0]*n");
    CHECK_STR(s->blocks[0].rows[5].content, "    y = \"\xc3\xa9\"");
    CHECK_STR(s->blocks[0].rows[6].content, "\t");
    CHECK_STR(s->blocks[0].rows[7].inc, "-0.8");

    CASE("parse: a blank source line is a row of a line number and padding");
    CHECK(s->blocks[0].rows[4].lineno == 6);
    CHECK(s->blocks[0].rows[4].flags & MF_ROW_HAS_CONTENT);
    CHECK(!(s->blocks[0].rows[4].flags & MF_ROW_MEASURED));
    CHECK_STR(s->blocks[0].rows[4].content, "");

    CASE("parse: the pre-0.58 layout has no Occurrences cell");
    s = parse("Filename: a.py\n\n" HEADEROLD RULEOLD
              "     2     21.4 MiB     21.4 MiB   @profile\n"
              "     3" PAD29 "def old():\n"
              "     4     21.5 MiB      0.1 MiB       return 1\n\n\n");
    CHECK(s->n == 1 && s->ndiags == 0);
    CHECK(s->blocks[0].generation == MF_GEN_OLD && s->blocks[0].old_layout);
    CHECK(!(s->blocks[0].rows[0].flags & MF_ROW_HAS_OCC));
    CHECK_STR(s->blocks[0].rows[1].content, "def old():");
    CHECK_STR(s->blocks[0].rows[2].content, "    return 1");

    CASE("parse: the 0.58.0 header with its own spelling");
    s = parse("Filename: a.py\n\n" HEADER058 RULE058
              "     2     21.4 MiB     21.4 MiB           1   @profile\n"
              "     3" PAD41 "def g():\n\n\n");
    CHECK(s->n == 1 && s->blocks[0].generation == MF_GEN_058 && !s->blocks[0].old_layout);
    CHECK_STR(s->blocks[0].function, "g");

    CASE("parse: values wider than their column push the row right");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "    15   21.4023 MiB   21.4023 MiB           1   @profile\n"
              "    16" PAD41 "def huge():\n"
              "    17 1121.4023 MiB 1100.0000 MiB           1       b = bytearray(n)\n"
              "    18   21.4023 MiB -1100.0000 MiB           1       del b\n\n\n");
    CHECK(s->n == 1 && s->ndiags == 0);
    CHECK_STR(s->blocks[0].rows[2].mem, "1121.4023");
    CHECK_STR(s->blocks[0].rows[3].inc, "-1100.0000");
    CHECK_STR(s->blocks[0].rows[3].content, "    del b");

    CASE("parse: occurrences in the hundreds of thousands");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     9     21.3 MiB     21.3 MiB           1   @profile\n"
              "    10" PAD41 "def count():\n"
              "    11     21.5 MiB      0.2 MiB      105001       for i in range(n):\n\n\n");
    CHECK(s->blocks[0].rows[2].occ == 105001);

    CASE("parse: the function is the first def: async, methods, nested");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     7     21.5 MiB     21.5 MiB           1       @profile\n"
              "     8" PAD41 "    async def fetch(self, n):\n"
              "     9" PAD41 "        def inner():\n"
              "    10     21.5 MiB      0.0 MiB           1           return 1\n\n\n");
    CHECK_STR(s->blocks[0].function, "fetch");
    CHECK_STR(s->blocks[0].rows[1].content, "    async def fetch(self, n):");

    CASE("parse: a block with no decorator row starts at the def");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def plain():\n"
              "     7     22.8 MiB      1.5 MiB           1       return 1\n\n\n");
    CHECK_STR(s->blocks[0].function, "plain");

    CASE("parse: a block without a def row has no name");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   x = 1\n\n\n");
    CHECK(s->n == 1 && s->blocks[0].function[0] == '\0');

    CASE("parse: program output between blocks is skipped and counted");
    s = parse("hello\n42\nFilename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def f():\n\n\n"
              "between\nFilename: b.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def g():\n"
              "     7" PAD41 "    pass\n\n\n");
    CHECK(s->n == 2 && s->ndiags == 0);
    /* rows counts measured rows: not line 7 of g, which was not run */
    CHECK(s->blocks[1].nrows == 2 && s->blocks[1].nmeasured == 1);
    CHECK(s->stats.skipped_lines == 3 && s->stats.blocks == 2 && s->stats.rows == 2);
    CHECK(s->blocks[0].index == 1 && s->blocks[1].index == 2);
    CHECK_STR(s->blocks[1].filename, "b.py");

    CASE("parse: one blank line closes a block whose source had no final newline");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def f(): return 1\n\n"
              "Filename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def f(): return 1\n\n");
    CHECK(s->n == 2 && s->blocks[0].end_blanks == 1 && s->blocks[1].end_blanks == 1);
    CHECK(s->blocks[1].flags & MF_BLOCK_TERMINATED);

    CASE("parse: input without a final newline ends the last row");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def f(): return 1");
    CHECK(s->n == 1 && s->ndiags == 0);
    CHECK(!(s->blocks[0].flags & MF_BLOCK_TERMINATED) && s->blocks[0].cut_by_eof);
    CHECK(s->blocks[0].rows[0].flags & MF_ROW_NO_NEWLINE);
    CHECK_STR(s->blocks[0].rows[0].content, "def f(): return 1");

    CASE("parse: a block cut off by the next Filename:");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def f():\n"
              "Filename: b.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def g():\n\n\n");
    CHECK(s->n == 2 && s->ndiags == 0);
    CHECK(!(s->blocks[0].flags & MF_BLOCK_TERMINATED) && !s->blocks[0].cut_by_eof);
    CHECK(s->blocks[1].flags & MF_BLOCK_TERMINATED);

    CASE("parse: CRLF line endings are read and flagged, not kept in the contents");
    s = parse("Filename: a.py\r\n\r\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def f():\r\n\r\n\r\n");
    CHECK(s->n == 1 && s->ndiags == 0);
    CHECK(s->blocks[0].rows[0].flags & MF_ROW_CRLF);
    CHECK_STR(s->blocks[0].rows[0].content, "def f():");
    CHECK_STR(s->blocks[0].filename, "a.py");

    CASE("parse: a malformed row is reported at its column; the block is malformed");
    s = parse("Filename: a.py\n\n" HEADER61 RULE61
              "     2     21.3 MiB     21.3 MiB           1   @profile\n"
              "     3     21.3 MiB     oops           1   def f():\n\n\n"
              "Filename: b.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def g():\n\n\n");
    CHECK(s->n == 2 && s->ndiags == 1);
    CHECK(strncmp(s->diags[0], "6:25:malformed-row:", 19) == 0);
    CHECK(s->blocks[0].flags & MF_BLOCK_MALFORMED);
    CHECK(s->blocks[0].rows[1].flags & MF_ROW_MALFORMED);
    CHECK(!(s->blocks[1].flags & MF_BLOCK_MALFORMED));
    CHECK_STR(s->blocks[1].function, "g");

    CASE("parse: Filename: that no table takes is reported at its line; parsing goes on");
    s = parse("Filename: a.py\nprogram output\n"
              "Filename: b.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def g():\n\n\n");
    CHECK(s->n == 1 && s->ndiags == 1);
    CHECK(strncmp(s->diags[0], "1:1:missing-header:", 19) == 0);
    CHECK_STR(s->blocks[0].function, "g");
    CHECK(!(s->blocks[0].flags & (MF_BLOCK_MALFORMED | MF_BLOCK_ORPHAN_FILENAME)));

    CASE("parse: an orphan Filename: goes to the next table without one");
    /* (two writers whose lines the demux stage puts back in order are
       tests/unit/test_demux.c's; here a line of other text parts them) */
    s = parse("Filename: a.py\n\nsome output\n"
              "Filename: b.py\n\n" HEADER61 RULE61
              "     6     21.3 MiB     21.3 MiB           1   def g():\n\n\n"
              HEADER61 RULE61
              "     9     21.3 MiB     21.3 MiB           1   def f():\n\n\n");
    CHECK(s->n == 2 && s->ndiags == 0);
    CHECK_STR(s->blocks[0].filename, "b.py");
    CHECK_STR(s->blocks[1].function, "f");
    CHECK(s->blocks[1].flags & MF_BLOCK_ORPHAN_FILENAME);
    CHECK_STR(s->blocks[1].filename, "a.py");

    CASE("parse: a table with no Filename: line and no orphan: file unknown");
    s = parse(HEADER61 RULE61 "     9     21.3 MiB     21.3 MiB           1   def f():\n\n\n");
    CHECK(s->n == 1 && s->ndiags == 0);
    CHECK((s->blocks[0].flags & MF_BLOCK_NO_FILENAME) && s->blocks[0].filename[0] == 0);

    CASE("parse: several Filename: lines no table takes are each reported");
    s = parse("Filename: a.py\nFilename: b.py\nFilename: c.py\n");
    CHECK(s->n == 0 && s->ndiags == 3);

    CASE("parse: a NUL byte in a row is a control-char error");
    {
        static const char text[] = "Filename: a.py\n\n" HEADER61 RULE61
                                   "     6     21.3 MiB     2\0.3 MiB           1   def g():\n\n\n";
        memset(s, 0, sizeof *s);
        mf_parser *p = mf_parser_new(on_block, on_diag, s);
        mf_parse_buffer(p, text, sizeof text - 1, "t.log", NULL, NULL);
        mf_parser_free(p);
        CHECK(s->ndiags == 1 && strstr(s->diags[0], "control-char") != NULL);
    }

    CASE("parse: empty input and blank lines give no blocks and no errors");
    s = parse("");
    CHECK(s->n == 0 && s->ndiags == 0);
    s = parse("\n\n\n");
    CHECK(s->n == 0 && s->ndiags == 0 && s->stats.skipped_lines == 0);

    CASE("parse: block numbers continue from one input to the next");
    {
        static const char one[] = "Filename: a.py\n\n" HEADER61 RULE61
                                  "     6     21.3 MiB     21.3 MiB           1   def f():\n\n\n";
        memset(s, 0, sizeof *s);
        mf_parser *p = mf_parser_new(on_block, on_diag, s);
        mf_parse_buffer(p, one, sizeof one - 1, "1.log", NULL, NULL);
        mf_parse_buffer(p, one, sizeof one - 1, "2.log", NULL, NULL);
        mf_parser_free(p);
        CHECK(s->n == 2 && s->blocks[1].index == 2);
    }
    return DONE();
}
