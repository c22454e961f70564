/* harness.h -- a tiny test harness: each CASE prints one
 * "[PASS] name" or "[FAIL] name" line, with the failed checks above it. */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_case_failed, h_passed, h_failed;
static const char *h_case_name;

static void h_check(int ok, const char *what, const char *file, int line)
{
    if (!ok) {
        fprintf(stdout, "  %s:%d: check failed: %s\n", file, line, what);
        h_case_failed = 1;
    }
}

static void h_end_case(void)
{
    if (!h_case_name)
        return;
    printf("[%s] %s\n", h_case_failed ? "FAIL" : "PASS", h_case_name);
    if (h_case_failed)
        h_failed++;
    else
        h_passed++;
    h_case_name = NULL;
}

static void h_begin_case(const char *name)
{
    h_end_case();
    h_case_name = name;
    h_case_failed = 0;
}

#define CASE(name) h_begin_case(name)
#define CHECK(cond) h_check(!!(cond), #cond, __FILE__, __LINE__)
static inline int h_same(const char *got, const char *want)
{
    if (got && strcmp(got, want) == 0)
        return 1;
    printf("  got \"%s\"\n", got ? got : "(null)");
    return 0;
}
#define CHECK_STR(got, want) h_check(h_same((got), (want)), #got " == " #want, __FILE__, __LINE__)
#define DONE() (h_end_case(), h_failed ? 1 : 0)

#endif
