/*
 * value.c: numbers, symbols and exact decimals (SPEC section 2).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"

const char *
sg_kind_symbol(enum sg_kind k)
{
	switch (k) {
	case SG_LOW: return "low";
	case SG_Z: return "z";
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

int
sg_dec_parse(const char *s, size_t n, sg_dec *d)
{
	size_t i = 0, digits = 0;
	int neg = 0, scale = -1;
	__int128 m = 0;

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

/* Brings a and b to the same scale. */
static void
align(sg_dec *a, sg_dec *b)
{
	if (a->scale < b->scale) {
		a->m *= pow10tab[b->scale - a->scale];
		a->scale = b->scale;
	} else if (b->scale < a->scale) {
		b->m *= pow10tab[a->scale - b->scale];
		b->scale = a->scale;
	}
}

int
sg_dec_cmp(sg_dec a, sg_dec b)
{
	align(&a, &b);
	return a.m < b.m ? -1 : a.m > b.m;
}

sg_dec
sg_dec_add(sg_dec a, sg_dec b)
{
	align(&a, &b);
	a.m += b.m;
	return a;
}

sg_dec
sg_dec_sub(sg_dec a, sg_dec b)
{
	align(&a, &b);
	a.m -= b.m;
	return a;
}

sg_dec
sg_dec_mul(sg_dec a, sg_dec b)
{
	sg_dec r;

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
