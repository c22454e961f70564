/* core/decimal.c -- numbers as the report prints them, kept exactly.
 *
 * memory_profiler prints Mem usage and Increment with '{:N.Pf}', so a
 * value is [-]digits[.digits].  It is kept as an integer mantissa and the
 * number of digits after the point; arithmetic is done in fixed point
 * (MF_SCALE units per MiB) so sums and means are exact and reproducible.
 */
#include <stdio.h>
#include <string.h>
#include "memfold.h"

int mf_decimal_parse(const char *s, size_t len, mf_decimal *out)
{
    size_t i = 0;
    int neg = 0, digits = 0, frac = -1;
    uint64_t m = 0;
    int overflow = 0;

    out->mant = 0;
    out->prec = 0;
    if (i < len && s[i] == '-') {
        neg = 1;
        i++;
    }
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.') {
            if (frac >= 0 || digits == 0)
                return MF_NUM_MALFORMED;
            frac = 0;
            continue;
        }
        if (c < '0' || c > '9')
            return MF_NUM_MALFORMED;
        if (m > (UINT64_MAX - 9) / 10)
            overflow = 1;
        else
            m = m * 10 + (uint64_t)(c - '0');
        digits++;
        if (frac >= 0)
            frac++;
    }
    if (digits == 0 || frac == 0)
        return MF_NUM_MALFORMED;
    if (overflow || m > (uint64_t)INT64_MAX || frac > 18)
        return MF_NUM_RANGE;
    out->mant = neg ? -(int64_t)m : (int64_t)m;
    out->prec = (uint8_t)(frac < 0 ? 0 : frac);
    return MF_NUM_OK;
}

const int64_t MF_POW10[19] = {
    1LL, 10LL, 100LL, 1000LL, 10000LL, 100000LL, 1000000LL, 10000000LL,
    100000000LL, 1000000000LL, 10000000000LL, 100000000000LL,
    1000000000000LL, 10000000000000LL, 100000000000000LL,
    1000000000000000LL, 10000000000000000LL, 100000000000000000LL,
    1000000000000000000LL,
};

/* The largest and smallest mantissa of precision p that scales without
   overflow: INT64_MAX / 10^(9 - p) and INT64_MIN / 10^(9 - p), computed
   once here rather than divided for every value. */
#define SCALE_LIMITS(op) { op 1000000000LL, op 100000000LL, op 10000000LL, op 1000000LL, \
                           op 100000LL, op 10000LL, op 1000LL, op 100LL, op 10LL }
static const int64_t SCALE_MAX[MF_SCALE_DIGITS] = SCALE_LIMITS(INT64_MAX /);
static const int64_t SCALE_MIN[MF_SCALE_DIGITS] = SCALE_LIMITS(INT64_MIN /);
_Static_assert(MF_SCALE_DIGITS == 9, "SCALE_LIMITS lists 10^9 down to 10^1");

int64_t mf_decimal_scaled(mf_decimal d)
{
    if (d.prec > MF_SCALE_DIGITS) {
        /* more digits than the fixed point keeps: round half away */
        int64_t div = MF_POW10[d.prec - MF_SCALE_DIGITS];
        int64_t q = d.mant / div, r = d.mant % div;
        if (2 * (r < 0 ? -r : r) >= div)
            q += d.mant < 0 ? -1 : 1;
        return q;
    }
    if (d.prec == MF_SCALE_DIGITS)
        return d.mant;
    if (d.mant > SCALE_MAX[d.prec] || d.mant < SCALE_MIN[d.prec])
        return 0;
    return d.mant * MF_POW10[MF_SCALE_DIGITS - d.prec];
}

int mf_decimal_fits(mf_decimal d)
{
    if (d.prec >= MF_SCALE_DIGITS)
        return 1;
    return d.mant <= SCALE_MAX[d.prec] && d.mant >= SCALE_MIN[d.prec];
}

/* Print |v| / 10^prec with exactly prec decimals. */
static size_t format_fixed(char *buf, int neg, uint64_t mag, int prec)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)mag);
    size_t o = 0;
    if (neg)
        buf[o++] = '-';
    if (prec == 0) {
        memcpy(buf + o, digits, (size_t)n);
        o += (size_t)n;
    } else if (n <= prec) {
        buf[o++] = '0';
        buf[o++] = '.';
        for (int i = n; i < prec; i++)
            buf[o++] = '0';
        memcpy(buf + o, digits, (size_t)n);
        o += (size_t)n;
    } else {
        memcpy(buf + o, digits, (size_t)(n - prec));
        o += (size_t)(n - prec);
        buf[o++] = '.';
        memcpy(buf + o, digits + n - prec, (size_t)prec);
        o += (size_t)prec;
    }
    buf[o] = '\0';
    return o;
}

size_t mf_format_decimal(char *buf, mf_decimal d)
{
    int neg = d.mant < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)d.mant : (uint64_t)d.mant;
    return format_fixed(buf, neg, mag, d.prec);
}

/* v in MF_SCALE units, rounded half away from zero to prec decimals. */
size_t mf_format_scaled(char *buf, int64_t v, int prec)
{
    if (prec > MF_SCALE_DIGITS)
        prec = MF_SCALE_DIGITS;
    int neg = v < 0;
    uint64_t mag = neg ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    uint64_t div = (uint64_t)MF_POW10[MF_SCALE_DIGITS - prec];
    uint64_t q = mag / div, r = mag % div;
    if (2 * r >= div)
        q++;
    if (q == 0)
        neg = 0;  /* no "-0.0" from rounding */
    return format_fixed(buf, neg, q, prec);
}

size_t mf_format_derived(char *buf, int64_t v, int prec)
{
    size_t n = mf_format_scaled(buf, v, prec + 2);
    int drop = prec + 2 > MF_SCALE_DIGITS ? MF_SCALE_DIGITS - prec : 2;
    for (; drop > 0 && n > 0 && buf[n - 1] == '0'; drop--)
        buf[--n] = '\0';
    if (n > 0 && buf[n - 1] == '.')
        buf[--n] = '\0';
    return n;
}
