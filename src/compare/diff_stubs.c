/* compare/diff_stubs.c -- placeholders until the writers land. */
#include "compare/diff.h"

void diff_write_markdown(FILE *out, const diff_model *m)
{
    char b[4096];
    fprintf(out, "%s\n", diff_verdict(m, b, sizeof b));
}

void diff_write_junit(FILE *out, const diff_model *m)
{
    (void)out;
    (void)m;
}

void diff_write_github(FILE *out, const diff_model *m)
{
    (void)out;
    (void)m;
}
