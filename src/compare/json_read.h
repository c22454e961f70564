/* compare/json_read.h -- what the two readers of `memfold summary -f json`
 * share (compare/summary_json.c: a summary of reports; compare/dat_json.c:
 * a summary of .dat files): scanning the text for where a value is, and
 * the messages that name the field and what it belongs to.  Internal. */
#ifndef MF_COMPARE_JSON_READ_H
#define MF_COMPARE_JSON_READ_H

#include <jansson.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "memfold.h"

/* How much of a name a message shows (bytes of it, before "..."). */
enum { JR_NAME_SHOWN = 48 };

/* Where a value is in the text: t[at..end); end == 0: none. */
typedef struct jr_span {
    size_t at, end;
} jr_span;

/* A document being read: its text, where its message goes, and what the
   message is about. */
typedef struct jr_doc {
    const char *t;
    size_t len;
    mf_error *err;            /* the message and code of a refusal */
    int escape_c1;            /* names: C1 controls (U+0080..U+009F) escaped too */
    char where[640];          /* "function 3 'load' (app.py): ", or "" */
} jr_doc;

/* ---- the text ---- */

/* The first byte from i that is not JSON white space. */
size_t jr_skip_ws(const jr_doc *d, size_t i);

/* The end of the string that starts at i (a quote), or 0. */
size_t jr_string_end(const jr_doc *d, size_t i);

/* The end of the value that starts at i, following only the nesting
   (jansson checks the rest); 0 if it does not end.  With nvalues, the
   values in it are counted there (1, and one more for each ',' or ':'
   inside). */
size_t jr_value_end(const jr_doc *d, size_t i, size_t *nvalues);

/* The value of the member called key of the object at o (its key written
   without escapes, as memfold writes it); {0, 0} if there is none. */
jr_span jr_member(const jr_doc *d, jr_span o, const char *key);

/* ---- messages ---- */

/* A refusal: the message is d->where and then fmt; its code is status
   (also set in d->err->code), which it returns. */
int jr_failv(jr_doc *d, int status, const char *fmt, va_list ap);

/* A field is wrong: MF_JSON_INVALID. */
__attribute__((format(printf, 2, 3)))
int jr_bad(jr_doc *d, const char *fmt, ...);

/* Not a summary this reader reads at all: MF_JSON_NOT_SUMMARY. */
__attribute__((format(printf, 2, 3)))
int jr_not_summary(jr_doc *d, const char *fmt, ...);

/* A name for a message, into buf (JR_NAME_SHOWN * 6 holds any): control
   characters escaped (C0 and DEL; C1 too with d->escape_c1), long ones
   cut at a character boundary. */
void jr_shown_name(const jr_doc *d, char *buf, size_t cap, const char *s);

/* A JSON value as a message shows it: compact, ASCII, cut; "nothing"
   for NULL. */
const char *jr_shown_value(json_t *v, char *buf, size_t cap);

/* What the messages that follow are about: "WHAT N: ", "WHAT N 'NAME': ",
   "WHAT N (FILE): " or "WHAT N 'NAME' (FILE): " (N is index + 1; NAME and
   FILE given or NULL); what NULL: nothing. */
void jr_set_where(jr_doc *d, const char *what, size_t index, const char *name, const char *file);

/* ---- fields ---- */

/* The keys of the object o are all those of names[] and any of optional[]
   (NULL: none), and no other; prefix goes before a key in a message. */
int jr_keys_are(jr_doc *d, json_t *o, const char *prefix, const char *const *names,
                const char *const *optional);

/* A count: the integer member key of o, from min up, into *out; label
   names it in a message. */
int jr_get_count(jr_doc *d, json_t *o, const char *key, const char *label, uint64_t min,
                 uint64_t *out);

#endif
