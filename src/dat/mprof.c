/* dat/mprof.c -- a value as `mprof peak` prints it: Python's
 * '{:.3f}'.format(float(text)).  float() takes the double nearest the
 * printed decimal (ties to even), and '{:.3f}' rounds that double's exact
 * binary value to three decimals (ties to even).  Both steps are done
 * here in integer arithmetic, so memfold prints the very digits mprof
 * prints without computing in floating point. */
#include <stdio.h>
#include <string.h>
#include "memfold_dat.h"

typedef unsigned __int128 u128;

static u128 pow10_u128(int p)
{
    u128 v = 1;
    while (p-- > 0)
        v *= 10;
    return v;
}

static int bit_length(u128 v)
{
    int n = 0;
    while (v) {
        n++;
        v >>= 1;
    }
    return n;
}

/* num / den rounded to nearest, ties to even. */
static u128 div_even(u128 num, u128 den)
{
    u128 q = num / den, r = num % den;
    if (2 * r > den || (2 * r == den && (q & 1)))
        q++;
    return q;
}

size_t mf_dat_format_mprof(char *buf, mf_decimal d)
{
    int neg = d.mant < 0;
    uint64_t m = neg ? (uint64_t)0 - (uint64_t)d.mant : (uint64_t)d.mant;
    int p = d.prec > 18 ? 18 : d.prec;
    u128 thousandths = 0;

    if (m) {
        /* The double nearest m / 10^p is Q * 2^-s with 2^52 <= Q < 2^53. */
        u128 ten_p = pow10_u128(p);
        int s = 53 - (bit_length(m) - bit_length(ten_p));
        u128 q;
        for (;;) {
            u128 num = (u128)m, den = ten_p;
            if (s >= 0)
                num <<= s;
            else
                den <<= -s;
            u128 floor_q = num / den;
            if (floor_q >= ((u128)1 << 53)) {
                s--;
                continue;
            }
            if (floor_q < ((u128)1 << 52)) {
                s++;
                continue;
            }
            q = div_even(num, den);
            if (q == ((u128)1 << 53)) {
                q >>= 1;
                s--;
            }
            break;
        }
        /* That double times 1000, rounded to an integer, ties to even. */
        u128 scaled = q * 1000;
        if (s <= 0)
            thousandths = scaled << -s;
        else if (s < 120)
            thousandths = div_even(scaled, (u128)1 << s);
        else
            thousandths = 0;
    }
    /* Python keeps the sign of a negative value that rounds to zero. */
    char digits[48];
    int n = 0;
    u128 v = thousandths;
    do {
        digits[n++] = (char)('0' + (int)(v % 10));
        v /= 10;
    } while (v);
    while (n < 4)
        digits[n++] = '0';
    size_t o = 0;
    if (neg)
        buf[o++] = '-';
    for (int i = n - 1; i >= 3; i--)
        buf[o++] = digits[i];
    buf[o++] = '.';
    for (int i = 2; i >= 0; i--)
        buf[o++] = digits[i];
    buf[o] = '\0';
    return o;
}
