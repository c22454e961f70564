/* core/input.h -- what the parallel reader (read/parallel.c) needs of an
 * mf_input beyond the public API. */
#ifndef MF_INPUT_H
#define MF_INPUT_H

#include <stdint.h>
#include "memfold.h"

/* An input reading fd from offset on with pread(2): each such input has
   its own offset, so several threads can read one file at once.  fd stays
   the caller's.  No gzip detection: the caller knows the bytes are plain.
   NULL when out of memory. */
mf_input *input_pread(int fd, uint64_t offset);

/* When `in` reads a regular file as it is (a stream, not compressed, no
   error so far): 0, its descriptor, the file offset of its first byte (the
   bytes peeked at included) and the file's size.  Else -1. */
int input_regular_file(mf_input *in, int *fd, uint64_t *start, uint64_t *size);

/* The bytes of `in` read so far are at least n (a parallel read reads
   them through other inputs): for mf_input_consumed, the progress line. */
void input_note_consumed(mf_input *in, uint64_t n);

#endif
