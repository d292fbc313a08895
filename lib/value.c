/*
 * value.c: numbers, symbols and exact decimals (sg(7), VALUES).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

const char *
sg_kind_symbol(enum sg_kind k)
{
	switch (k) {
	case SG_LOW: return "low";
	case SG_Z: return "z";
	case SG_U: return "u";
	case SG_X: return "x";
	case SG_C: return "c";
	default: return NULL;
	}
}

/* Checks the strict number form; returns the number of decimals or -1. */
static int
check_number(const char *s, size_t n)
{
	size_t i = 0, digits = 0, dec = 0;

	if (i < n && s[i] == '-')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++, digits++;
	if (digits == 0)
		return -1;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++, dec++;
		if (dec == 0)
			return -1;
	}
	if (i != n)
		return -1;
	return (int)(dec > 1000 ? 1000 : dec);
}

int
sg_num_parse(const char *s, size_t n, double *out)
{
	char tmp[64], *p, *end;
	int dp;

	if ((dp = check_number(s, n)) < 0)
		return 0;
	if (n < sizeof(tmp)) {
		memcpy(tmp, s, n);
		tmp[n] = '\0';
		*out = strtod(tmp, &end);
	} else {
		p = sg_strndup(s, n);
		*out = strtod(p, &end);
		free(p);
	}
	return 1;
}

enum sg_kind
sg_value_parse(const char *s, size_t n, struct sg_value *v)
{
	int dp;

	v->num = 0;
	v->dp = 0;
	if (n == 0 || (n == 1 && s[0] == 'x')) {
		v->kind = SG_X;
	} else if (n == 1 && s[0] == 'z') {
		v->kind = SG_Z;
	} else if (n == 1 && s[0] == 'c') {
		v->kind = SG_C;
	} else if (n == 1 && s[0] == 'u') {
		v->kind = SG_U;
	} else if (n == 3 && memcmp(s, "low", 3) == 0) {
		v->kind = SG_LOW;
	} else if ((dp = check_number(s, n)) >= 0 &&
	    sg_num_parse(s, n, &v->num)) {
		v->kind = SG_NUM;
		v->dp = dp;
	} else {
		v->kind = SG_BAD;
	}
	return v->kind;
}

/* ---- exact decimals ---------------------------------------------- */

static const __int128 pow10tab[] = {
	1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
	1000000000, 10000000000LL, 100000000000LL, 1000000000000LL,
	10000000000000LL, 100000000000000LL, 1000000000000000LL,
	10000000000000000LL, 100000000000000000LL, 1000000000000000000LL
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

int
sg_dec_parse(const char *s, size_t n, sg_dec *d)
{
	size_t i = 0, digits = 0;
	int neg = 0, scale = -1;
	__int128 m = 0;

	if (n > 0 && n <= 18)
		return dec_parse_short(s, n, d);
	if (check_number(s, n) < 0)
		return 0;
	if (s[0] == '-') {
		neg = 1;
		i++;
	}
	for (; i < n; i++) {
		if (s[i] == '.') {
			scale = 0;
			continue;
		}
		if (m == 0 && s[i] == '0' && scale < 0)
			continue;
		if (++digits > 30)
			return 0;
		m = m * 10 + (s[i] - '0');
		if (scale >= 0 && ++scale > 18)
			return 0;
	}
	if (scale < 0)
		scale = 0;
	d->m = neg ? -m : m;
	d->scale = scale;
	return 1;
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
