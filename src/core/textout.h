/* core/textout.h -- writing strings safely: into JSON, CSV, text for people
 * (a terminal) and XML. */
#ifndef MF_TEXTOUT_H
#define MF_TEXTOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "memfold.h"

/* The character at s[0..n) (n > 0): its length in bytes, and its code
   point in *cp; a byte that starts no valid UTF-8 sequence (overlong,
   surrogate, past U+10FFFF, cut short, a stray continuation byte) is a
   character of length 1 with *cp = -1. */
size_t utf8_next(const char *s, size_t n, int32_t *cp);

/* A JSON string: valid UTF-8 out, whatever came in (bad bytes become
   U+FFFD); control characters (C0, DEL, C1) and U+2028, U+2029 escaped as
   \u00XX, so that no reader splits a line there and no terminal obeys
   them. */
void json_write_string(FILE *out, const char *s, size_t len);
/* A JSON number: text (a number as the input printed it, value d) as it
   is, unless it has leading zeros, which JSON does not allow: then d. */
void json_write_number(FILE *out, const char *text, size_t len, mf_decimal d);
/* A CSV field per RFC 4180: quoted when it holds a comma, quote, CR or
   LF; bytes are kept as they are. */
void csv_field(FILE *out, const char *s, size_t len);

/* Text for people.  A character a terminal would obey or cannot show --
   a C0 control but tab, DEL, a C1 control (U+0080-U+009F), a byte of
   invalid UTF-8 -- is shown escaped, Python's way: "\n", "\r", else
   "\xHH" for each of its bytes (ESC is "\x1b").  Everything else,
   backslashes included, is written as it is.

   text_escape_char: what to show for the character at s[0..n) (n > 0):
   its length in bytes goes to *len; returns the length of its escape,
   written to esc (room for 17 bytes, NUL-terminated), or 0 when it is
   shown as it is. */
size_t text_escape_char(const char *s, size_t n, size_t *len, char esc[17]);
/* s[0..len) escaped, to out; returns the bytes written. */
size_t text_escaped(FILE *out, const char *s, size_t len);
/* s[0..len) escaped into buf (cap > 0 bytes, always NUL-terminated; cut
   before the first character that does not fit); returns the length. */
size_t text_escape(char *buf, size_t cap, const char *s, size_t len);
/* The length of s[0..len) escaped (what text_escaped writes). */
size_t text_escaped_len(const char *s, size_t len);
/* s[0..len) escaped, in a new string the caller frees. */
char *text_escape_dup(const char *s, size_t len);

/* Display width of UTF-8 text: one column per character. */
size_t text_width(const char *s);
/* n spaces. */
void text_pad(FILE *out, size_t n);

/* Text or an attribute value of XML 1.0: <, >, &, " escaped; what XML
   cannot hold (C0 controls, surrogates, U+FFFE, U+FFFF, invalid UTF-8)
   and what it discourages (DEL and the C1 controls) become U+FFFD; a tab
   becomes four spaces.  (' stays: every attribute is quoted with ".) */
void xml_text(FILE *out, const char *s, size_t len);

#endif
