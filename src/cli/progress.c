/* cli/progress.c -- the progress line (see progress.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/progress.h"

static double seconds(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_start(progress *p, int enabled, char *const *paths, size_t n)
{
    memset(p, 0, sizeof *p);
    p->enabled = enabled;
    /* for the tests: MEMFOLD_TEST_PROGRESS_EVERY=0 updates the line every
       256 blocks, however fast they come */
    const char *every = getenv("MEMFOLD_TEST_PROGRESS_EVERY");
    p->interval = every ? atof(every) : 0.1;
    clock_gettime(CLOCK_MONOTONIC, &p->start);
    p->last = p->start;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") == 0 || stat(paths[i], &st) != 0 || !S_ISREG(st.st_mode)) {
            p->total = 0;     /* unknown: say how much, not how much of what */
            break;
        }
        p->total += (uint64_t)st.st_size;
    }
}

void progress_input(progress *p, const mf_input *in)
{
    if (p->in)
        p->done += mf_input_consumed(p->in);
    p->in = in;
}

void progress_tick(progress *p)
{
    struct timespec now;
    p->blocks++;
    if (!p->enabled || (++p->ticks & 255) != 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (seconds(&p->last, &now) < p->interval)
        return;
    p->last = now;
    double mb = (double)(p->done + (p->in ? mf_input_consumed(p->in) : 0)) / 1e6;
    double rate = mb / seconds(&p->start, &now);
    if (p->total)
        fprintf(stderr, "\rmemfold: %.1f of %.1f MB (%.0f%%), %.0f MB/s, %llu blocks\033[K", mb,
                (double)p->total / 1e6, 100 * mb * 1e6 / (double)p->total, rate,
                (unsigned long long)p->blocks);
    else
        fprintf(stderr, "\rmemfold: %.1f MB, %.0f MB/s, %llu blocks\033[K", mb, rate,
                (unsigned long long)p->blocks);
    fflush(stderr);
    p->shown = 1;
}

void progress_clear(progress *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
        p->shown = 0;
    }
}
