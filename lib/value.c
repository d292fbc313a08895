/*
 * value.c: numbers and symbols (sg(7), "Values").  Exact decimals are in
 * dec.c.
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
	size_t i = 0, digits = 0, sig = 0, dec = 0;

	if (i < n && s[i] == '-')
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (sig > 0 || s[i] != '0')
			sig++;
		i++, digits++;
	}
	/* Past 300 digits a number is beyond what arithmetic in doubles
	 * can hold (about 1.8e308), and would come out infinite. */
	if (digits == 0 || sig > SG_NUM_MAXDIGITS)
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
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
	    1e18, 1e19, 1e20, 1e21, 1e22 };
	char tmp[64], *p, *end;
	uint64_t m = 0;
	size_t i, neg = s[0] == '-';
	int dp;

	if ((dp = check_number(s, n)) < 0)
		return 0;
	/*
	 * Most numbers are short: their digits are an integer below 2^53
	 * and their decimals at most 22, both exact as doubles, and one
	 * division, correctly rounded, gives what strtod() would (Clinger's
	 * fast path).  At most 19 digits, so the integer cannot overflow.
	 */
	if (n - neg - (dp > 0) <= 19) {
		for (i = neg; i < n; i++)
			if (s[i] != '.')
				m = m * 10 + (uint64_t)(s[i] - '0');
		if (m <= (uint64_t)1 << 53) {
			*out = (double)m / p10[dp];
			if (neg)
				*out = -*out;
			return 1;
		}
	}
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

enum sg_kind
sg_symbol_parse(const char *s, size_t n)
{
	struct sg_value v;
	enum sg_kind k = sg_value_parse(s, n, &v);

	return k == SG_NUM ? SG_BAD : k;
}
