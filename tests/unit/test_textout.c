/* Unit tests of JSON strings and CSV fields. */
#include <stdlib.h>
#include "harness.h"
#include "../../src/textout.h"

static const char *json(const char *s, size_t len)
{
    static char buf[256];
    FILE *f = fmemopen(buf, sizeof buf, "w");
    json_string(f, s, len);
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

int main(void)
{
    CASE("json: quotes, backslashes and control characters are escaped");
    CHECK_STR(json("a\"b\\c", 5), "\"a\\\"b\\\\c\"");
    CHECK_STR(json("\t\n\r\x01", 4), "\"\\t\\n\\r\\u0001\"");
    CHECK_STR(json("x\0y", 3), "\"x\\u0000y\"");
    CHECK_STR(json("\b\f\x1f\x7f", 4), "\"\\b\\f\\u001f\\u007f\"");

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
