/*
 * dec.c: exact decimals (dec.h): a value m * 10^-scale with a 128-bit
 * mantissa, read from the text as written and printed back exactly, for
 * decisions on boundaries and ratios rounded by the one rule.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

#define E18	1000000000000000000LL

/* 10^k for k = 0..38, as 128-bit integers. */
static const __int128 pow10tab[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000LL, 100000000000LL, 1000000000000LL,
	10000000000000LL, 100000000000000LL, 1000000000000000LL,
	10000000000000000LL, 100000000000000000LL, E18,
	(__int128)E18 * 10, (__int128)E18 * 100, (__int128)E18 * 1000,
	(__int128)E18 * 10000, (__int128)E18 * 100000,
	(__int128)E18 * 1000000, (__int128)E18 * 10000000,
	(__int128)E18 * 100000000, (__int128)E18 * 1000000000,
	(__int128)E18 * 10000000000LL, (__int128)E18 * 100000000000LL,
	(__int128)E18 * 1000000000000LL, (__int128)E18 * 10000000000000LL,
	(__int128)E18 * 100000000000000LL,
	(__int128)E18 * 1000000000000000LL,
	(__int128)E18 * 10000000000000000LL,
	(__int128)E18 * 100000000000000000LL, (__int128)E18 * E18,
	(__int128)E18 * E18 * 10, (__int128)E18 * E18 * 100
};

/*
 * sg_dec_parse() for up to 18 characters (most values): checked and
 * read in one pass, in 64 bits (18 digits cannot overflow them).
 */
static int
dec_parse_short(const char *s, size_t n, sg_dec *d)
{
	uint64_t m = 0;
	size_t i = 0, d0, f0;
	int neg = 0;

	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	for (d0 = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		m = m * 10 + (uint64_t)(s[i] - '0');
	if (i == d0)
		return 0;
	d->scale = 0;
	if (i < n) {
		if (s[i] != '.')
			return 0;
		for (f0 = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			m = m * 10 + (uint64_t)(s[i] - '0');
		if (i == f0 || i != n)
			return 0;
		d->scale = (int)(n - f0);
	}
	d->m = neg ? -(__int128)m : (__int128)m;
	return 1;
}

/*
 * The same for longer text, in 128 bits: checked as it is read (the
 * strict form of sg_num_parse()), leading zeros skipped, at most 30
 * digits and 18 decimals.
 */
static int
dec_parse_long(const char *s, size_t n, sg_dec *d)
{
	size_t i = 0, d0, f0, digits = 0;
	int neg = 0, scale = 0;
	__int128 m = 0;

	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	for (d0 = i; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		if (m == 0 && s[i] == '0')
			continue;
		if (++digits > 30)
			return 0;
		m = m * 10 + (s[i] - '0');
	}
	if (i == d0)
		return 0;
	if (i < n) {
		if (s[i] != '.')
			return 0;
		for (f0 = ++i; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++digits > 30 || ++scale > 18)
				return 0;
			m = m * 10 + (s[i] - '0');
		}
		if (i == f0 || i != n)
			return 0;
	}
	d->m = neg ? -m : m;
	d->scale = scale;
	return 1;
}

int
sg_dec_parse(const char *s, size_t n, sg_dec *d)
{
	if (n == 0)
		return 0;
	return n <= 18 ? dec_parse_short(s, n, d) : dec_parse_long(s, n, d);
}

sg_dec
sg_dec_from_long(long v)
{
	sg_dec d;

	d.m = v;
	d.scale = 0;
	return d;
}

/*
 * The arithmetic is exact while results fit in 38 digits.  Beyond that
 * (a 30-digit value with 18 decimals times another) it never overflows:
 * the lowest decimals are dropped (towards zero) until the result fits,
 * and a result too big even as a whole number saturates.
 */
#define DEC_MAX	((__int128)(((unsigned __int128)1 << 127) - 1))

static unsigned __int128
dec_uabs(__int128 m)
{
	return m < 0 ? -(unsigned __int128)m : (unsigned __int128)m;
}

/* Drops the last decimal of d (towards zero). */
static void
dec_drop(sg_dec *d)
{
	d->m /= 10;
	d->scale--;
}

/* Brings a and b to the same scale. */
static void
align(sg_dec *a, sg_dec *b)
{
	sg_dec *lo, *hi;

	while (a->scale != b->scale) {
		lo = a->scale < b->scale ? a : b;
		hi = lo == a ? b : a;
		if (dec_uabs(lo->m) <= (unsigned __int128)DEC_MAX /
		    (unsigned __int128)pow10tab[hi->scale - lo->scale]) {
			lo->m *= pow10tab[hi->scale - lo->scale];
			lo->scale = hi->scale;
		} else
			dec_drop(hi);
	}
}

int
sg_dec_cmp(sg_dec a, sg_dec b)
{
	/* Whole parts, then fractions at 18 places: exact, no overflow. */
	__int128 ia = a.m / pow10tab[a.scale], ib = b.m / pow10tab[b.scale];
	__int128 fa, fb;

	if (ia != ib)
		return ia < ib ? -1 : 1;
	fa = a.m % pow10tab[a.scale] * pow10tab[18 - a.scale];
	fb = b.m % pow10tab[b.scale] * pow10tab[18 - b.scale];
	return fa < fb ? -1 : fa > fb;
}

sg_dec
sg_dec_add(sg_dec a, sg_dec b)
{
	align(&a, &b);
	while ((b.m > 0 && a.m > DEC_MAX - b.m) ||
	    (b.m < 0 && a.m < -DEC_MAX - b.m)) {
		if (a.scale == 0) {
			a.m = b.m > 0 ? DEC_MAX : -DEC_MAX;
			return a;
		}
		dec_drop(&a);
		dec_drop(&b);
	}
	a.m += b.m;
	return a;
}

sg_dec
sg_dec_sub(sg_dec a, sg_dec b)
{
	b.m = -b.m;	/* |m| <= DEC_MAX, so this cannot overflow */
	return sg_dec_add(a, b);
}

sg_dec
sg_dec_mul(sg_dec a, sg_dec b)
{
	sg_dec r;

	while (a.m != 0 && dec_uabs(b.m) > (unsigned __int128)DEC_MAX /
	    dec_uabs(a.m)) {
		/* Exact zeros first, then the last digit of the longer. */
		if (a.scale > 0 && a.m % 10 == 0)
			dec_drop(&a);
		else if (b.scale > 0 && b.m % 10 == 0)
			dec_drop(&b);
		else if (a.scale > 0 && (b.scale == 0 ||
		    dec_uabs(a.m) >= dec_uabs(b.m)))
			dec_drop(&a);
		else if (b.scale > 0)
			dec_drop(&b);
		else {
			r.m = (a.m < 0) != (b.m < 0) ? -DEC_MAX : DEC_MAX;
			r.scale = 0;
			return r;
		}
	}
	r.m = a.m * b.m;
	r.scale = a.scale + b.scale;
	/* Keep the scale within the table by dropping exact zeros. */
	while (r.scale > 18 && r.m % 10 == 0) {
		r.m /= 10;
		r.scale--;
	}
	while (r.scale > 18) {
		r.m /= 10;
		r.scale--;
	}
	return r;
}

int
sg_dec_sign(sg_dec a)
{
	return a.m < 0 ? -1 : a.m > 0;
}

double
sg_dec_to_double(sg_dec a)
{
	return (double)a.m / (double)pow10tab[a.scale];
}

size_t
sg_dec_fmt(sg_dec d, char *buf)
{
	char tmp[48];
	unsigned __int128 m;
	uint64_t m64;
	size_t n = 0, len = 0;
	int i;

	m = d.m < 0 ? -(unsigned __int128)d.m : (unsigned __int128)d.m;
	/* 64-bit division where it will do: it is much faster. */
	for (; m > UINT64_MAX; m /= 10)
		tmp[n++] = (char)('0' + (int)(m % 10));
	m64 = (uint64_t)m;
	do {
		tmp[n++] = (char)('0' + (int)(m64 % 10));
		m64 /= 10;
	} while (m64 > 0);
	/* At least one digit before the point. */
	while (n <= (size_t)d.scale)
		tmp[n++] = '0';
	if (d.m < 0)
		buf[len++] = '-';
	for (i = (int)n - 1; i >= 0; i--) {
		buf[len++] = tmp[i];
		if (i == d.scale && i > 0)
			buf[len++] = '.';
	}
	buf[len] = '\0';
	return len;
}

sg_dec
sg_dec_abs(sg_dec d)
{
	if (d.m < 0)
		d.m = -d.m;
	return d;
}

int
sg_dec_fits(sg_dec d)
{
	const __int128 lim = 1000000000000000000LL;

	return d.m < lim && d.m > -lim;
}

/* x * 10^k into *out unless it would not fit (|result| < 10^38). */
static int
scale_up(__int128 x, int k, __int128 *out)
{
	__int128 a = x < 0 ? -x : x;

	if (k < 0 || k > 38 || (k > 0 && a >= pow10tab[38 - k]))
		return 0;
	*out = x * pow10tab[k];
	return 1;
}

enum sg_kind
sg_value_parse_dec(const char *s, size_t n, struct sg_value *v, sg_dec *d,
    int *exact)
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
	    1e18 };
	__int128 a;

	*exact = 0;
	/* Symbols and the empty value first: they are never numbers. */
	if (n == 0 || (n <= 3 && (s[0] < '0' || s[0] > '9') && s[0] != '-'))
		return sg_value_parse(s, n, v);
	if (!sg_dec_parse(s, n, d))
		return sg_value_parse(s, n, v);
	v->kind = SG_NUM;
	v->dp = d->scale;
	a = d->m < 0 ? -d->m : d->m;
	if (a <= ((__int128)1 << 53)) {
		/* Both exact in a double: one correctly rounded division
		 * (the mantissa through 64 bits: a cheaper conversion). */
		v->num = (double)(int64_t)d->m / p10[d->scale];
		*exact = 1;
		return SG_NUM;
	} else if (sg_value_parse(s, n, v) != SG_NUM) {
		return v->kind;
	}
	*exact = sg_dec_fits(*d);
	return SG_NUM;
}

/* Prints the digits of q with dp places (q >= 0), after a '-' if neg. */
static size_t
fmt_u64(uint64_t q, int neg, int dp, char *buf)
{
	char tmp[24];
	size_t n = 0, len = 0;
	int i;

	do {
		tmp[n++] = (char)('0' + (int)(q % 10));
		q /= 10;
	} while (q > 0);
	while (n <= (size_t)dp)
		tmp[n++] = '0';
	if (neg)
		buf[len++] = '-';
	for (i = (int)n - 1; i >= 0; i--) {
		buf[len++] = tmp[i];
		if (i == dp && i > 0)
			buf[len++] = '.';
	}
	buf[len] = '\0';
	return len;
}

/*
 * sg_fmt_ratio() in 64-bit integers, for the common case of small counts:
 * returns 0 if they do not suffice.
 */
static size_t
fmt_ratio_u64(sg_dec num, sg_dec mul, sg_dec den, int dp, char *buf)
{
	static const uint64_t p10[] = { 1ULL, 10ULL, 100ULL, 1000ULL,
	    10000ULL, 100000ULL, 1000000ULL, 10000000ULL, 100000000ULL,
	    1000000000ULL, 10000000000ULL, 100000000000ULL,
	    1000000000000ULL, 10000000000000ULL, 100000000000000ULL,
	    1000000000000000ULL };
	const unsigned __int128 off = ((unsigned __int128)1 << 31) - 1,
	    span = 2 * off + 1;
	int64_t nm, mm, dm;
	uint64_t a, b, q, r;
	int e, neg, digits;

	/* Each of the three in (-2^31, 2^31): one comparison each,
	 * unsigned so that nothing overflows. */
	if ((unsigned __int128)num.m + off >= span ||
	    (unsigned __int128)mul.m + off >= span ||
	    (unsigned __int128)den.m + off >= span || dp > 15)
		return 0;
	nm = (int64_t)num.m;
	mm = (int64_t)mul.m;
	dm = (int64_t)den.m;
	neg = ((nm < 0) != (mm < 0)) != (dm < 0);
	a = (uint64_t)(nm < 0 ? -nm : nm) * (uint64_t)(mm < 0 ? -mm : mm);
	b = (uint64_t)(dm < 0 ? -dm : dm);
	e = den.scale - num.scale - mul.scale + dp;
	if (e >= 0) {
		if (e > 15 || a > UINT64_MAX / p10[e])
			return 0;
		a *= p10[e];
	} else {
		if (-e > 15 || b > UINT64_MAX / p10[-e])
			return 0;
		b *= p10[-e];
	}
	q = a / b;
	r = a % b;
	if (q >= p10[15])
		return 0;
	for (digits = 0; digits < 15 && q >= p10[digits]; digits++)
		;
	/* See sg_fmt_ratio(): the 15 significant digits cannot matter. */
	if (b >= p10[15 - digits])
		return 0;
	if (r >= b - r)
		q++;
	return fmt_u64(q, neg && q > 0, dp, buf);
}

size_t
sg_fmt_ratio(sg_dec num, sg_dec mul, sg_dec den, int dp, char *buf)
{
	size_t len;
	__int128 a, b, q, r, n;
	int e, neg, digits;
	sg_dec out;

	if (den.m != 0 && dp >= 0 &&
	    (len = fmt_ratio_u64(num, mul, den, dp, buf)) > 0)
		return len;
	if (den.m == 0 || dp < 0 || dp > 18 || !sg_dec_fits(num) ||
	    !sg_dec_fits(mul) || !sg_dec_fits(den))
		return 0;
	/* num x mul x 10^dp / den = a / b, in integers. */
	a = num.m * mul.m;
	b = den.m;
	e = den.scale - num.scale - mul.scale + dp;
	if (e >= 0 ? !scale_up(a, e, &a) : !scale_up(b, -e, &b))
		return 0;
	neg = (a < 0) != (b < 0);
	if (a < 0)
		a = -a;
	if (b < 0)
		b = -b;
	if (a <= UINT64_MAX && b <= UINT64_MAX) {
		q = (uint64_t)a / (uint64_t)b;
		r = (uint64_t)a % (uint64_t)b;
	} else {
		q = a / b;
		r = a % b;
	}
	/*
	 * The rule first takes the value to 15 significant digits.  That
	 * can change the result only if the remainder lies within half a
	 * unit of the 15th digit of a half; a nonzero distance from a half
	 * is at least 1 / 2b, so it cannot when b < 10^(15 - digits of q).
	 */
	if (q >= pow10tab[15])
		return 0;
	for (n = 1, digits = 0; n <= q; n *= 10)
		digits++;
	if (b >= pow10tab[15 - digits])
		return 0;
	if (2 * r >= b)
		q++;
	out.m = neg ? -q : q;
	out.scale = dp;
	return sg_dec_fmt(out, buf);
}
