/* compare/json_read.c -- what the readers of `memfold summary -f json`
 * share: the text scanned for where a value is, and the messages (see
 * json_read.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compare/json_read.h"

/* ---- the text ----------------------------------------------------------------- */

size_t jr_skip_ws(const jr_doc *d, size_t i)
{
    while (i < d->len && (d->t[i] == ' ' || d->t[i] == '\n' || d->t[i] == '\r' || d->t[i] == '\t'))
        i++;
    return i;
}

size_t jr_string_end(const jr_doc *d, size_t i)
{
    for (i++; i < d->len; i++) {
        if (d->t[i] == '\\')
            i++;
        else if (d->t[i] == '"')
            return i + 1;
    }
    return 0;
}

size_t jr_value_end(const jr_doc *d, size_t i, size_t *nvalues)
{
    size_t depth = 0;
    if (nvalues)
        *nvalues = 1;
    if (i < d->len && d->t[i] != '"' && d->t[i] != '{' && d->t[i] != '[') {
        size_t start = i;
        while (i < d->len && !strchr(",:[]{}\" \t\r\n", d->t[i]))
            i++;
        return i > start ? i : 0;
    }
    while (i < d->len) {
        char c = d->t[i];
        if (c == '"') {
            if ((i = jr_string_end(d, i)) == 0)
                return 0;
            if (depth == 0)
                return i;
            continue;
        }
        if (c == '{' || c == '[')
            depth++;
        else if ((c == '}' || c == ']') && --depth == 0)
            return i + 1;
        else if ((c == ',' || c == ':') && nvalues)
            ++*nvalues;
        i++;
    }
    return 0;
}

jr_span jr_member(const jr_doc *d, jr_span o, const char *key)
{
    jr_span none = { 0, 0 };
    size_t klen = strlen(key), i;
    if (o.end == 0 || d->t[o.at] != '{')
        return none;
    i = jr_skip_ws(d, o.at + 1);
    while (i < o.end && d->t[i] == '"') {
        size_t kend = jr_string_end(d, i);
        if (kend == 0)
            return none;
        int match = kend - i == klen + 2 && memcmp(d->t + i + 1, key, klen) == 0;
        i = jr_skip_ws(d, kend);
        if (i >= o.end || d->t[i] != ':')
            return none;
        jr_span v = { jr_skip_ws(d, i + 1), 0 };
        if ((v.end = jr_value_end(d, v.at, NULL)) == 0 || v.end > o.end)
            return none;
        if (match)
            return v;
        i = jr_skip_ws(d, v.end);
        if (i < o.end && d->t[i] == ',')
            i = jr_skip_ws(d, i + 1);
    }
    return none;
}

/* ---- messages ------------------------------------------------------------------ */

int jr_failv(jr_doc *d, int status, const char *fmt, va_list ap)
{
    char *msg = d->err->message;
    size_t cap = sizeof d->err->message;
    size_t n = (size_t)snprintf(msg, cap, "%s", d->where);
    if (n < cap)
        vsnprintf(msg + n, cap - n, fmt, ap);
    d->err->code = status;
    return status;
}

int jr_bad(jr_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = jr_failv(d, MF_JSON_INVALID, fmt, ap);
    va_end(ap);
    return rc;
}

int jr_not_summary(jr_doc *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = jr_failv(d, MF_JSON_NOT_SUMMARY, fmt, ap);
    va_end(ap);
    return rc;
}

void jr_shown_name(const jr_doc *d, char *buf, size_t cap, const char *s)
{
    size_t n = 0, i = 0, len = strlen(s);
    for (; i < len && i < JR_NAME_SHOWN && n + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            n += (size_t)snprintf(buf + n, cap - n, "\\x%02x", c);
        else if (d->escape_c1 && c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] < 0xa0)
            n += (size_t)snprintf(buf + n, cap - n, "\\u%04x", (unsigned char)s[++i]);
        else
            buf[n++] = (char)c;
    }
    while (n > 0 && i < len && ((unsigned char)buf[n - 1] & 0xc0) == 0x80)
        n--;   /* a cut character's continuation bytes */
    if (n > 0 && i < len && (unsigned char)buf[n - 1] >= 0xc0)
        n--;   /* and its lead byte */
    snprintf(buf + n, cap - n, "%s", i < len ? "..." : "");
}

const char *jr_shown_value(json_t *v, char *buf, size_t cap)
{
    if (!v)
        return "nothing";
    char *s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(15));
    snprintf(buf, cap, "%.40s%s", s ? s : "?", s && strlen(s) > 40 ? "..." : "");
    free(s);   /* jansson's */
    return buf;
}

void jr_set_where(jr_doc *d, const char *what, size_t index, const char *name, const char *file)
{
    char nm[JR_NAME_SHOWN * 6], path[JR_NAME_SHOWN * 6];
    if (!what) {
        d->where[0] = '\0';
        return;
    }
    if (name)
        jr_shown_name(d, nm, sizeof nm, name);
    if (file)
        jr_shown_name(d, path, sizeof path, file);
    if (name && file)
        snprintf(d->where, sizeof d->where, "%s %zu '%s' (%s): ", what, index + 1, nm, path);
    else if (name)
        snprintf(d->where, sizeof d->where, "%s %zu '%s': ", what, index + 1, nm);
    else if (file)
        snprintf(d->where, sizeof d->where, "%s %zu (%s): ", what, index + 1, path);
    else
        snprintf(d->where, sizeof d->where, "%s %zu: ", what, index + 1);
}

/* ---- fields ---------------------------------------------------------------------- */

int jr_keys_are(jr_doc *d, json_t *o, const char *prefix, const char *const *names,
                const char *const *optional)
{
    const char *k;
    json_t *v;
    json_object_foreach(o, k, v) {
        int i = 0, j = 0;
        while (names[i] && strcmp(names[i], k) != 0)
            i++;
        while (!names[i] && optional && optional[j] && strcmp(optional[j], k) != 0)
            j++;
        if (!names[i] && !(optional && optional[j])) {
            char shown[JR_NAME_SHOWN * 6];
            jr_shown_name(d, shown, sizeof shown, k);
            return jr_bad(d, "unknown key \"%s%s\"", prefix, shown);
        }
    }
    for (int i = 0; names[i]; i++)
        if (!json_object_get(o, names[i]))
            return jr_bad(d, "\"%s%s\" is missing", prefix, names[i]);
    return 0;
}

int jr_get_count(jr_doc *d, json_t *o, const char *key, const char *label, uint64_t min,
                 uint64_t *out)
{
    char buf[64];
    json_t *v = json_object_get(o, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0)
        return jr_bad(d, "\"%s\" must be a non-negative integer, not %s", label,
                      jr_shown_value(v, buf, sizeof buf));
    if ((uint64_t)json_integer_value(v) < min)
        return jr_bad(d, "\"%s\" must be at least %llu, not %s", label, (unsigned long long)min,
                      jr_shown_value(v, buf, sizeof buf));
    *out = (uint64_t)json_integer_value(v);
    return 0;
}
