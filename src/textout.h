/* textout.h -- writing strings safely into JSON and CSV. */
#ifndef MF_TEXTOUT_H
#define MF_TEXTOUT_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string: valid UTF-8 out, whatever came in (bad bytes become
   U+FFFD), control characters escaped. */
void json_string(FILE *out, const char *s, size_t len);
/* A CSV field per RFC 4180: quoted when it holds a comma, quote, CR or
   LF; bytes are kept as they are. */
void csv_field(FILE *out, const char *s, size_t len);

/* Display width of UTF-8 text: one column per character. */
size_t text_width(const char *s);
/* n spaces. */
void text_pad(FILE *out, size_t n);

#endif
