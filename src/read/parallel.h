/* read/parallel.h -- a large report file read by several threads, with the
 * output of a serial read (read/parallel.c). */
#ifndef MF_PARALLEL_H
#define MF_PARALLEL_H

#include <stdint.h>
#include "memfold.h"

/* How a read is split. */
typedef struct par_opts {
    unsigned jobs;           /* parser threads (besides the caller's); < 2: serial */
    uint64_t piece_bytes;    /* a boundary is proposed about every this many bytes */
    uint64_t min_bytes;      /* smaller inputs are read serially */
} par_opts;

enum { PAR_PIECE_BYTES = 1 << 20, PAR_MIN_BYTES = 8 << 20 };

/* What a parallel read did. */
typedef struct par_result {
    uint64_t proposed;       /* pieces the splitter proposed */
    uint64_t replayed;       /* pieces whose events were handed on */
    unsigned threads;
} par_result;

/* The return of par_read when the input is not read in parallel (not a
   plain regular file, too small, a logging prefix given, a byte-order
   mark, one piece only, no thread could start): nothing was read, and
   the caller reads it serially. */
enum { PAR_SERIAL = -1 };

/* Read report input `in` (not read from yet but peeked at) with p's
   settings and into p's callbacks, exactly as mf_parse_input(p, in, ...)
   would: the same calls, in the same order, with the same values, on the
   calling thread; the same stats and return.  PAR_SERIAL: see above. */
int par_read(mf_parser *p, mf_input *in, const char *name, const par_opts *o,
             mf_input_stats *stats, par_result *res, mf_error *err);

#endif
