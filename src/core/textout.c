/* core/textout.c -- strings written safely: JSON strings, CSV fields, text
 * for people (control characters escaped, so that a crafted report cannot
 * clear or retitle the terminal that shows it) and XML text. */
#include <stdlib.h>
#include <string.h>
#include "memfold.h"
#include "core/textout.h"
#include "core/util.h"

size_t utf8_next(const char *str, size_t n, int32_t *cp_out)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned c = s[0];
    size_t len;
    uint32_t min;
    *cp_out = (int32_t)c;
    if (c < 0x80)
        return 1;
    *cp_out = -1;
    if (c >= 0xc2 && c <= 0xdf) { len = 2; min = 0x80; }
    else if (c >= 0xe0 && c <= 0xef) { len = 3; min = 0x800; }
    else if (c >= 0xf0 && c <= 0xf4) { len = 4; min = 0x10000; }
    else return 1;
    if (n < len)
        return 1;
    uint32_t cp = c & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 1;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 1;
    *cp_out = (int32_t)cp;
    return len;
}

/* ---- JSON and CSV ----------------------------------------------------------- */

void json_write_string(FILE *out, const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, run = 0;
    putc('"', out);
    while (i < len) {
        unsigned c = s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
            i++;
            run++;
            continue;
        }
        fwrite(s + i - run, 1, run, out);
        run = 0;
        if (c == '"' || c == '\\') {
            putc('\\', out);
            putc((int)c, out);
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            static const char esc[] = "btn\0fr";
            if (c >= 8 && c <= 13 && c != 11)
                fprintf(out, "\\%c", esc[c - 8]);
            else
                fprintf(out, "\\u%04x", c);
            i++;
        } else {
            int32_t cp;
            size_t n = utf8_next(str + i, len - i, &cp);
            if (cp < 0)
                fputs("\xef\xbf\xbd", out);  /* U+FFFD */
            else if (cp <= 0x9f || cp == 0x2028 || cp == 0x2029)
                fprintf(out, "\\u%04x", (unsigned)cp);   /* C1 controls, line separators */
            else
                fwrite(s + i, 1, n, out);
            i += n;
        }
    }
    fwrite(s + i - run, 1, run, out);
    putc('"', out);
}

void json_write_number(FILE *out, const char *text, size_t len, mf_decimal d)
{
    size_t i = len && text[0] == '-' ? 1 : 0;
    if (len > i + 1 && text[i] == '0' && text[i + 1] != '.') {
        char buf[64];   /* "00.5": JSON has no leading zeros */
        mf_format_decimal(buf, d);
        fputs(buf, out);
        return;
    }
    fwrite(text, 1, len, out);
}

void csv_field(FILE *out, const char *s, size_t len)
{
    int quote = 0;
    for (size_t i = 0; i < len && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        fwrite(s, 1, len, out);
        return;
    }
    putc('"', out);
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '"')
            putc('"', out);
        putc(s[i], out);
    }
    putc('"', out);
}

/* ---- text for people --------------------------------------------------------- */

/* Printable ASCII and tab: shown as they are, no questions asked. */
static int plain_ascii(unsigned char c)
{
    return (c >= 0x20 && c < 0x7f) || c == '\t';
}

size_t text_escape_char(const char *s, size_t n, size_t *len, char esc[17])
{
    static const char hex[] = "0123456789abcdef";
    int32_t cp;
    *len = utf8_next(s, n, &cp);
    if (cp >= 0 && (plain_ascii((unsigned char)cp) || cp >= 0xa0))
        return 0;
    if (cp == '\n' || cp == '\r') {
        esc[0] = '\\';
        esc[1] = cp == '\n' ? 'n' : 'r';
        esc[2] = '\0';
        return 2;
    }
    size_t o = 0;
    for (size_t i = 0; i < *len; i++) {
        unsigned char c = (unsigned char)s[i];
        esc[o++] = '\\';
        esc[o++] = 'x';
        esc[o++] = hex[c >> 4];
        esc[o++] = hex[c & 15];
    }
    esc[o] = '\0';
    return o;
}

size_t text_escaped(FILE *out, const char *s, size_t len)
{
    size_t i = 0, run = 0, extra = 0;
    while (i < len) {
        char esc[17];
        size_t n;
        if (plain_ascii((unsigned char)s[i])) {
            i++;
            run++;
            continue;
        }
        size_t e = text_escape_char(s + i, len - i, &n, esc);
        if (e == 0) {
            i += n;
            run += n;
            continue;
        }
        fwrite(s + i - run, 1, run, out);
        run = 0;
        fwrite(esc, 1, e, out);
        extra += e - n;
        i += n;
    }
    fwrite(s + i - run, 1, run, out);
    return len + extra;
}

size_t text_escape(char *buf, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        char esc[17];
        size_t n, e = text_escape_char(s + i, len - i, &n, esc);
        const char *show = e ? esc : s + i;
        size_t k = e ? e : n;
        if (o + k >= cap)
            break;
        memcpy(buf + o, show, k);
        o += k;
        i += n;
    }
    buf[o] = '\0';
    return o;
}

size_t text_escaped_len(const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        char esc[17];
        size_t n, e = text_escape_char(s + i, len - i, &n, esc);
        o += e ? e : n;
        i += n;
    }
    return o;
}

char *text_escape_dup(const char *s, size_t len)
{
    /* an escape is at most four bytes per byte */
    char *buf = xmalloc(len * 4 + 1);
    text_escape(buf, len * 4 + 1, s, len);
    return buf;
}

void mf_text_escaped(FILE *out, const char *s, size_t len)
{
    text_escaped(out, s, len);
}

size_t text_width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xc0) != 0x80;
    return w;
}

void text_pad(FILE *out, size_t n)
{
    while (n--)
        putc(' ', out);
}

/* ---- XML ------------------------------------------------------------------------ */

/* A character XML 1.0 allows (2.2 Char) and does not discourage. */
static int xml_char(int32_t cp)
{
    if (cp < 0x20)
        return 0;       /* tab is turned into spaces; newline and CR carry no meaning here */
    if (cp >= 0x7f && cp <= 0x9f)
        return 0;
    if (cp >= 0xd800 && cp <= 0xdfff)
        return 0;
    return cp != 0xfffe && cp != 0xffff;
}

void xml_text(FILE *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        int32_t cp;
        size_t n = utf8_next(s + i, len - i, &cp);
        switch (cp) {
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '&': fputs("&amp;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\t': fputs("    ", out); break;
        default:
            if (xml_char(cp))
                fwrite(s + i, 1, n, out);
            else
                fputs("\xef\xbf\xbd", out);   /* U+FFFD */
        }
        i += n;
    }
}
