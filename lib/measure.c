/*
 * measure.c: formulas over columns and exact decimals as text.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "measure.h"

size_t
sg_cols_split(const char *opt, const char *spec, int sep,
    const struct sg_record *header, size_t **idx)
{
	size_t np = 1, i, j, k, n = 0, len;
	const char **piece, *p;
	char *name;
	long found;

	for (p = spec; *p != '\0'; p++)
		if (*p == sep)
			np++;
	/* piece[i] starts the i-th piece; piece[np] is one past the end. */
	piece = sg_malloc((np + 1) * sizeof(*piece));
	piece[0] = spec;
	for (p = spec, k = 1; *p != '\0'; p++)
		if (*p == sep)
			piece[k++] = p + 1;
	piece[np] = spec + strlen(spec) + 1;
	*idx = sg_malloc(np * sizeof(**idx));
	for (i = 0; i < np; i = j) {
		/* The longest run of pieces i..j-1 that names a column. */
		for (j = np; j > i; j--) {
			len = (size_t)(piece[j] - piece[i]) - 1;
			name = sg_strndup(piece[i], len);
			found = sg_col_find(header, name);
			free(name);
			if (found >= 0)
				break;
		}
		if (j > i) {
			(*idx)[n++] = (size_t)found;
			continue;
		}
		/* Not a name: a 1-based number, or an error listing them. */
		j = i + 1;
		len = (size_t)(piece[j] - piece[i]) - 1;
		if (len == 0)
			sg_die_usage("%s: empty column name in '%s'", opt, spec);
		name = sg_strndup(piece[i], len);
		(*idx)[n++] = sg_col_resolve(opt, name, header);
		free(name);
	}
	free(piece);
	return n;
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

/* 10^k for k = 0..38, as 128-bit integers. */
static __int128
pow10_128(int k)
{
	static __int128 tab[39];
	int i;

	if (tab[0] == 0) {
		tab[0] = 1;
		for (i = 1; i < 39; i++)
			tab[i] = tab[i - 1] * 10;
	}
	return tab[k];
}

/* x * 10^k into *out unless it would not fit (|result| < 10^38). */
static int
scale_up(__int128 x, int k, __int128 *out)
{
	__int128 a = x < 0 ? -x : x;

	if (k < 0 || k > 38 || (k > 0 && a >= pow10_128(38 - k)))
		return 0;
	*out = x * pow10_128(k);
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
	if (q >= pow10_128(15))
		return 0;
	for (n = 1, digits = 0; n <= q; n *= 10)
		digits++;
	if (b >= pow10_128(15 - digits))
		return 0;
	if (2 * r >= b)
		q++;
	out.m = neg ? -q : q;
	out.scale = dp;
	return sg_dec_fmt(out, buf);
}
