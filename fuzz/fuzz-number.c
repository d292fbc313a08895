/*
 * fuzz-number.c: numbers (lib/value.c, lib/dec.c, lib/round.c).
 *
 * The input is split at the first TAB into a value and a second value.
 * Checked for every input:
 *   - sg_num_parse accepts exactly the strict form of sg(7)
 *     -?[0-9]+(\.[0-9]+)? and agrees with sg_value_parse;
 *   - a strict number of at most 15 significant digits, printed in the
 *     shortest form and parsed again, gives the same double, and that
 *     form is the number as written without redundant zeros;
 *   - sg_fmt_num never writes past SG_NUMBUF, always prints a strict
 *     number (or "z"), with exactly dp places when dp >= 0;
 *   - sg_round never overflows and agrees with sg_fmt_num;
 *   - sg_dec_parse agrees with sg_num_parse, and comparisons of exact
 *     decimals agree with the doubles' where those are exact.
 */
#include "harness.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>

/*
 * The strict form, as sg(7) writes it, matched by a regular expression:
 * an oracle that shares nothing with lib/value.c's scan.  (The C locale:
 * [0-9] is the ASCII digits.)
 */
static int
strict(const char *s, size_t n)
{
	static regex_t re;
	static int compiled;
	char *z;
	int m;

	if (!compiled) {
		if (regcomp(&re, "^-?[0-9]+(\\.[0-9]+)?$",
		    REG_EXTENDED | REG_NOSUB) != 0)
			abort();
		compiled = 1;
	}
	if (memchr(s, '\0', n) != NULL)
		return 0;
	z = malloc(n + 1);
	memcpy(z, s, n);
	z[n] = '\0';
	m = regexec(&re, z, 0, NULL, 0) == 0;
	free(z);
	return m;
}

/* The number as written without sign of zero, leading integer zeros or
 * trailing fraction zeros; returns the count of significant digits. */
static int
canonical(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0, o = 0, first, dot, end;
	int neg = 0, sig = 0, nonzero = 0;
	size_t k;

	if (s[0] == '-') {
		neg = 1;
		i = 1;
	}
	dot = i;
	while (dot < n && s[dot] != '.')
		dot++;
	end = n;
	if (dot < n) {
		while (end > dot + 1 && s[end - 1] == '0')
			end--;
		if (end == dot + 1)
			end = dot;
	}
	first = i;
	while (first + 1 < dot && s[first] == '0')
		first++;
	for (k = first; k < end; k++)
		if (s[k] >= '1' && s[k] <= '9')
			nonzero = 1;
	if (neg && nonzero)
		out[o++] = '-';
	for (k = first; k < end && o + 1 < cap; k++)
		out[o++] = s[k];
	out[o] = '\0';
	/* significant digits: from the first non-zero to the last non-zero */
	{
		long a = -1, b = -1;
		for (k = i; k < end; k++)
			if (s[k] >= '1' && s[k] <= '9') {
				if (a < 0)
					a = (long)k;
				b = (long)k;
			}
		if (a >= 0)
			for (k = (size_t)a; k <= (size_t)b; k++)
				if (s[k] != '.')
					sig++;
	}
	return sig;
}

/* x is y to 12 digits of mag (the size of the operands). */
static int
near(double x, double y, double mag)
{
	return fabs(x - y) <= 1e-17 + 1e-12 * mag;
}

static void
check_fmt(double d, int dp)
{
	char *buf = malloc(SG_NUMBUF);	/* exact size: ASan sees overruns */
	size_t len, i, places;
	const char *dot;

	len = sg_fmt_num(d, dp, buf);
	if (len >= SG_NUMBUF || strlen(buf) != len)
		abort();
	if (!isfinite(d)) {
		if (strcmp(buf, "z") != 0)
			abort();
		free(buf);
		return;
	}
	if (!strict(buf, len))
		abort();
	if (strcmp(buf, "-0") == 0 || strncmp(buf, "-0.", 3) == 0) {
		/* negative zero must print as 0 (any places) */
		for (i = 1; i < len; i++)
			if (buf[i] != '0' && buf[i] != '.' && buf[i] != '-')
				break;
		if (i == len)
			abort();
	}
	dot = strchr(buf, '.');
	places = dot != NULL ? len - (size_t)(dot - buf) - 1 : 0;
	if (dp >= 0 && dp <= 15 && places != (size_t)dp)
		abort();
	free(buf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	const char *tab = memchr(s, '\t', size);
	size_t n = tab != NULL ? (size_t)(tab - s) : size;
	struct sg_value v;
	double d, d2;
	sg_dec a, b;
	char canon[512], out[SG_NUMBUF];
	int ok, sig, dp;
	enum sg_kind k;

	ok = sg_num_parse(s, n, &d);
	if (ok != strict(s, n))
		abort();
	k = sg_value_parse(s, n, &v);
	if (ok && (k != SG_NUM || !(v.num == d || (isnan(d) && isnan(v.num)))))
		abort();
	if (!ok) {
		if (k == SG_NUM)
			abort();
		if ((n == 0 || (n == 1 && s[0] == 'x')) != (k == SG_X))
			abort();
	}
	if (sg_dec_parse(s, n, &a) && !ok)
		abort();
	if (!ok)
		return 0;

	/* Shortest form round trip. */
	if (isfinite(d)) {
		sg_fmt_num(d, -1, out);
		if (!sg_num_parse(out, strlen(out), &d2))
			abort();
		sig = canonical(s, n, canon, sizeof(canon));
		if (sig <= 15 && (d == 0 ? sig == 0 :
		    fabs(d) >= 2.2250738585072014e-308)) {
			if (d2 != d)
				abort();
			if (n < sizeof(canon) - 2 && strcmp(out, canon) != 0)
				abort();
		}
		/* printing is idempotent */
		{
			char again[SG_NUMBUF];
			sg_fmt_num(d2, -1, again);
			if (strcmp(again, out) != 0)
				abort();
		}
	}
	/* Places from the byte after the value (or its length). */
	dp = tab != NULL && n + 1 < size ? (int)(signed char)data[n + 1] : (int)(n % 40) - 3;
	check_fmt(d, dp);
	check_fmt(d, -1);
	if (isfinite(d)) {
		double r = sg_round(d, dp);
		char x[SG_NUMBUF], y[SG_NUMBUF];

		if (!isfinite(r) && fabs(d) < 1e300)
			abort();
		if (dp >= 0 && dp <= 15 && fabs(d) < 1e15) {
			sg_fmt_num(d, dp, x);
			sg_fmt_num(r, dp, y);
			if (strcmp(x, y) != 0)
				abort();
		}
		/* rounding twice changes nothing */
		if (dp >= -15 && dp <= 15 && fabs(d) < 1e15 &&
		    sg_round(r, dp) != r)
			abort();
	}

	/* Exact decimals against a second value. */
	if (tab != NULL && sg_dec_parse(s, n, &a)) {
		const char *s2 = tab + 1;
		size_t n2 = size - n - 1;
		double e;

		if (sg_dec_parse(s2, n2, &b) && sg_num_parse(s2, n2, &e)) {
			int c = sg_dec_cmp(a, b);
			int sa = canonical(s, n, canon, sizeof(canon));
			int sb = canonical(s2, n2, canon, sizeof(canon));
			if (sa <= 15 && sb <= 15 &&
			    c != (d < e ? -1 : d > e))
				abort();
			sg_dec r;
			double x;
			r = sg_dec_add(a, b);
			x = sg_dec_to_double(r);
			if (sa <= 15 && sb <= 15 && fabs(d) < 1e15 &&
			    fabs(e) < 1e15 && !near(x, d + e, fabs(d) + fabs(e)))
				abort();
			r = sg_dec_sub(a, b);
			x = sg_dec_to_double(r);
			if (sa <= 15 && sb <= 15 && fabs(d) < 1e15 &&
			    fabs(e) < 1e15 && !near(x, d - e, fabs(d) + fabs(e)))
				abort();
			/* sign of a - b agrees with the comparison */
			if (sg_dec_sign(r) != c && fabs(d) < 1e15 &&
			    fabs(e) < 1e15)
				abort();
			r = sg_dec_mul(a, b);
			x = sg_dec_to_double(r);
			if (sa <= 15 && sb <= 15 && fabs(d) < 1e15 &&
			    fabs(e) < 1e15 && !near(x, d * e, fabs(d * e)))
				abort();
			(void)sg_dec_sign(a);
			(void)sg_dec_to_double(a);
		}
	}
	return 0;
}
