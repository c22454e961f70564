/* Unit tests of JSON strings and CSV fields. */
#include <stdlib.h>
#include "harness.h"
#include "core/textout.h"

static const char *json(const char *s, size_t len)
{
    static char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    json_write_string(f, s, len);
    fclose(f);
    return buf;
}

static const char *csv(const char *s)
{
    static char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    csv_field(f, s, strlen(s));
    fclose(f);
    return buf;
}

static const char *shown(const char *s, size_t len)
{
    static char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    size_t n = text_escaped(f, s, len);
    fclose(f);
    return n == strlen(buf) ? buf : "(wrong length returned)";
}

static const char *xml(const char *s, size_t len)
{
    static char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    xml_text(f, s, len);
    fclose(f);
    return buf;
}

static const char *jnum(const char *s)
{
    static char buf[64];
    mf_decimal d;
    FILE *f = fmemopen(buf, sizeof buf, "w");
    mf_decimal_parse(s, strlen(s), &d);
    json_write_number(f, s, strlen(s), d);
    fclose(f);
    return buf;
}

int main(void)
{
    char small[8];

    CASE("text: control characters and bad UTF-8 are shown escaped, the rest as it is");
    CHECK_STR(shown("a\x1b]0;t\x07" "b", 8), "a\\x1b]0;t\\x07" "b");
    CHECK_STR(shown("\n\r\t\x7f", 4), "\\n\\r\t\\x7f");
    CHECK_STR(shown("x\0y", 3), "x\\x00y");
    CHECK_STR(shown("\xc2\x9b\xc2\xa0", 4), "\\xc2\\x9b\xc2\xa0");  /* C1 CSI; NBSP kept */
    CHECK_STR(shown("\x9b\xff\xed\xa0\x80", 5), "\\x9b\\xff\\xed\\xa0\\x80");
    CHECK_STR(shown("na\xc3\xafve C:\\x", 11), "na\xc3\xafve C:\\x");  /* backslash stays */
    CHECK_STR(shown("\xef\xbf\xbe", 3), "\xef\xbf\xbe");   /* U+FFFE: no control */

    CASE("text: into a buffer, cut before an escape that does not fit");
    CHECK(text_escape(small, 5, "ab\x1b", 3) == 2 && strcmp(small, "ab") == 0);
    CHECK(text_escape(small, sizeof small, "\x1b\x1b", 2) == 4 && strcmp(small, "\\x1b") == 0);
    CHECK(text_escape(small, sizeof small, "abcdefgh", 8) == 7 && strcmp(small, "abcdefg") == 0);

    CASE("xml: markup escaped, what XML 1.0 forbids or discourages becomes U+FFFD");
    CHECK_STR(xml("<a & \"b\">'", 10), "&lt;a &amp; &quot;b&quot;&gt;'");
    CHECK_STR(xml("\tx", 2), "    x");
    CHECK_STR(xml("\x01\n\x7f\xc2\x85", 5), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK_STR(xml("\xef\xbf\xbe\xef\xbf\xbf", 6), "\xef\xbf\xbd\xef\xbf\xbd");  /* U+FFFE, U+FFFF */
    CHECK_STR(xml("\xed\xa0\x80", 3), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");   /* surrogate */
    CHECK_STR(xml("\xc0\x80", 2), "\xef\xbf\xbd\xef\xbf\xbd");                 /* overlong NUL */
    CHECK_STR(xml("\xf8\x88\x80\x80\x80", 5),
              "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    CHECK_STR(xml("\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd", 9), "\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd");

    CASE("json: numbers as printed, leading zeros dropped");
    CHECK_STR(jnum("21.5"), "21.5");
    CHECK_STR(jnum("-0.0"), "-0.0");
    CHECK_STR(jnum("00.5"), "0.5");
    CHECK_STR(jnum("-007.25"), "-7.25");

    CASE("json: quotes, backslashes and control characters are escaped");
    CHECK_STR(json("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    CHECK_STR(json("\t\n\r\x01", 4), "\"\\t\\n\\r\\u0001\"");
    CHECK_STR(json("x\0y", 3), "\"x\\u0000y\"");
    CHECK_STR(json("\b\f\x1f\x7f", 4), "\"\\b\\f\\u001f\\u007f\"");

    CASE("json: C1 controls and the line separators are escaped too");
    CHECK_STR(json("\xc2\x85\xc2\x9b\xc2\xa0", 6), "\"\\u0085\\u009b\xc2\xa0\"");
    CHECK_STR(json("\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xaa", 9), "\"\\u2028\\u2029\xe2\x80\xaa\"");

    CASE("json: valid UTF-8 is kept, invalid bytes become U+FFFD");
    CHECK_STR(json("na\xc3\xafve", 6), "\"na\xc3\xafve\"");
    CHECK_STR(json("a\xffz", 3), "\"a\xef\xbf\xbdz\"");
    CHECK_STR(json("\xc3", 1), "\"\xef\xbf\xbd\"");          /* cut sequence */
    CHECK_STR(json("\xed\xa0\x80", 3), "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");  /* surrogate */
    CHECK_STR(json("\xe2\x82\xac 5", 5), "\"\xe2\x82\xac 5\"");       /* U+20AC, 3 bytes */
    CHECK_STR(json("\xf0\x9f\x98\x80", 4), "\"\xf0\x9f\x98\x80\"");  /* U+1F600, 4 bytes */
    CHECK_STR(json("\xc3\xa9", 1), "\"\xef\xbf\xbd\"");   /* cut by the end of the string */
    CHECK_STR(json("\xc3(", 2), "\"\xef\xbf\xbd(\"");      /* not a continuation byte */
    CHECK_STR(json("\xe0\x80\xaf", 3),                     /* overlong '/' */
              "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
    CHECK_STR(json("\xf4\x90\x80\x80", 4),                 /* past U+10FFFF */
              "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");

    CASE("csv: plain fields are written as they are");
    CHECK_STR(csv("    x = [0]*n"), "    x = [0]*n");
    CHECK_STR(csv("\tb"), "\tb");

    CASE("csv: fields with comma, quote, CR or LF are quoted, quotes doubled");
    CHECK_STR(csv("f(a, b)"), "\"f(a, b)\"");
    CHECK_STR(csv("s = \"x\""), "\"s = \"\"x\"\"\"");
    CHECK_STR(csv("a\rb"), "\"a\rb\"");
    CHECK_STR(csv("a\nb"), "\"a\nb\"");
    return DONE();
}
