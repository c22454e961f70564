/* Unit tests of the emitters: summary and lines records, field by field. */
#include <stdlib.h>
#include "harness.h"
#include "memfold.h"

#define HEAD "Filename: a,b.py\n\nLine #    Mem usage    Increment  Occurrences   Line Contents\n" \
             "=============================================================\n"
static const char REPORT[] =
    HEAD "     1     21.3 MiB     21.3 MiB           1   def f(x):\n"
         "     2     22.5 MiB      1.2 MiB          10       s = \"a,b\"\n\n\n";

static char buf[4096];

static int fold(const mf_block *b, void *f)
{
    mf_fold_block(f, b);
    return 0;
}

static int lines(const mf_block *b, void *w)
{
    mf_lines_block(w, b);
    return 0;
}

static const char *run_lines(int fmt)
{
    FILE *out = fmemopen(buf, sizeof buf, "w");
    mf_lines_writer *w = mf_lines_begin(out, fmt, 0);
    mf_parser *p = mf_parser_new(lines, NULL, w);
    mf_parse_buffer(p, REPORT, sizeof REPORT - 1, "in.log", NULL, NULL);
    mf_parser_free(p);
    mf_lines_end(w);
    fclose(out);
    return buf;
}

static const char *run_summary(int fmt)
{
    mf_fold *f = mf_fold_new();
    mf_parser *p = mf_parser_new(fold, NULL, f);
    mf_parse_buffer(p, REPORT, sizeof REPORT - 1, "in.log", NULL, NULL);
    mf_parser_free(p);
    FILE *out = fmemopen(buf, sizeof buf, "w");
    mf_emit_summary(out, fmt, f, MF_SORT_FIRST, NULL, 0, 0);
    fclose(out);
    mf_fold_free(f);
    return buf;
}

int main(void)
{
    CASE("emit: lines CSV quotes the file and contents with commas and quotes");
    CHECK_STR(run_lines(MF_FMT_CSV),
              "source,block,file,function,line,mem_mib,increment_mib,occurrences,contents\n"
              "in.log,1,\"a,b.py\",f,1,21.3,21.3,1,def f(x):\n"
              "in.log,1,\"a,b.py\",f,2,22.5,1.2,10,\"    s = \"\"a,b\"\"\"\n");

    CASE("emit: lines NDJSON writes numbers as printed and strings escaped");
    CHECK_STR(run_lines(MF_FMT_NDJSON),
              "{\"source\": \"in.log\", \"block\": 1, \"file\": \"a,b.py\", \"function\": \"f\", "
              "\"line\": 1, \"mem_mib\": 21.3, \"increment_mib\": 21.3, \"occurrences\": 1, "
              "\"contents\": \"def f(x):\"}\n"
              "{\"source\": \"in.log\", \"block\": 1, \"file\": \"a,b.py\", \"function\": \"f\", "
              "\"line\": 2, \"mem_mib\": 22.5, \"increment_mib\": 1.2, \"occurrences\": 10, "
              "\"contents\": \"    s = \\\"a,b\\\"\"}\n");

    CASE("emit: summary CSV has every field of the contract");
    CHECK_STR(run_summary(MF_FMT_CSV),
              "file,function,line,calls,calls_estimated,blocks,rows,peak_mib,min_mib,mean_mib,entry_mib,"
              "exit_mib,net_mib,rise_mib,hot_line,hot_increment_mib,occurrences\n"
              "\"a,b.py\",f,1,1,false,1,2,22.5,21.3,21.9,21.3,22.5,1.2,1.2,2,1.2,11\n");

    CASE("emit: summary JSON carries the exact sums");
    CHECK(strstr(run_summary(MF_FMT_JSON),
                 "\"sums\": {\"scale\": 10, \"mem\": 438, \"entry\": 213, \"exit\": 225, "
                 "\"measured_calls\": 1}") != NULL);
    return DONE();
}
