/* Unit tests of the number parser and the fixed-point formatting. */
#include "harness.h"
#include "memfold.h"

static const char *fmt(mf_decimal d)
{
    static char buf[64];
    mf_format_decimal(buf, d);
    return buf;
}

static int parse(const char *s, mf_decimal *d)
{
    return mf_decimal_parse(s, strlen(s), d);
}

int main(void)
{
    mf_decimal d;
    char buf[64];

    CASE("decimal: values as memory_profiler prints them");
    CHECK(parse("21.5", &d) == MF_NUM_OK && d.mant == 215 && d.prec == 1);
    CHECK(parse("22", &d) == MF_NUM_OK && d.mant == 22 && d.prec == 0);
    CHECK(parse("-152.6", &d) == MF_NUM_OK && d.mant == -1526 && d.prec == 1);
    CHECK(parse("12309.5547", &d) == MF_NUM_OK && d.mant == 123095547 && d.prec == 4);
    CHECK(parse("-0.0", &d) == MF_NUM_OK && d.mant == 0 && d.prec == 1);

    CASE("decimal: round trip keeps the printed digits");
    const char *keep[] = { "21.5", "22", "-152.6", "12309.5547", "0.000", "24.703125" };
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        CHECK(parse(keep[i], &d) == MF_NUM_OK);
        CHECK(strcmp(fmt(d), keep[i]) == 0);
    }

    CASE("decimal: malformed numbers are refused");
    const char *bad[] = { "", "-", ".", "1.", ".5", "1.2.3", "--1", "1-2", "+1", "1e5", "abc" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK(parse(bad[i], &d) == MF_NUM_MALFORMED);

    CASE("decimal: too many digits is a range error, not a wrong value");
    CHECK(parse("99999999999999999999", &d) == MF_NUM_RANGE);
    CHECK(parse("1.0000000000000000000001", &d) == MF_NUM_RANGE);
    CHECK(parse("9223372036854775807", &d) == MF_NUM_OK && d.mant == INT64_MAX);
    CHECK(parse("9223372036854775808", &d) == MF_NUM_RANGE);    /* INT64_MAX + 1 */
    /* a mantissa that fits, but more decimals than 10^18 can scale */
    CHECK(parse("0.000000000000000001", &d) == MF_NUM_OK && d.mant == 1 && d.prec == 18);
    CHECK(parse("0.0000000000000000001", &d) == MF_NUM_RANGE);

    CASE("decimal: scaled values are exact");
    parse("21.5", &d);
    CHECK(mf_decimal_scaled(d) == 21500000000LL);
    parse("-0.0001", &d);
    CHECK(mf_decimal_scaled(d) == -100000LL);

    CASE("decimal: derived values round half away from zero to precision + 2");
    mf_format_derived(buf, 29937500000LL, 1);   /* 29.9375 at precision 1 */
    CHECK_STR(buf, "29.938");
    mf_format_derived(buf, -29937500000LL, 1);
    CHECK_STR(buf, "-29.938");
    mf_format_derived(buf, 21500000000LL, 1);   /* trailing zeros dropped to 1 */
    CHECK_STR(buf, "21.5");
    mf_format_derived(buf, 22000000000LL, 0);
    CHECK_STR(buf, "22");
    mf_format_derived(buf, 28010000000LL, 3);
    CHECK_STR(buf, "28.010");
    mf_format_derived(buf, -1000000LL, 1);       /* -0.001 at 3 decimals */
    CHECK_STR(buf, "-0.001");
    mf_format_derived(buf, -100000LL, 1);        /* -0.0001 rounds to zero: no "-0" */
    CHECK_STR(buf, "0.0");
    return DONE();
}
