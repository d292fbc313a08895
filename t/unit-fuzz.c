/*
 * unit-fuzz: regression tests for the bugs the fuzzers (fuzz/) found in
 * lib/.  Each case is the minimised input, and what must hold.
 */
#include "config.h"

#include <math.h>

#include "sg.h"
#include "tap.h"

static sg_dec
dec(const char *s)
{
	sg_dec d;

	if (!sg_dec_parse(s, strlen(s), &d)) {
		printf("# cannot parse %s\n", s);
		exit(1);
	}
	return d;
}

static void
dec_str(sg_dec d, char *buf)
{
	/* m / 10^scale printed exactly */
	char digits[64];
	unsigned __int128 u = d.m < 0 ? -(unsigned __int128)d.m :
	    (unsigned __int128)d.m;
	int n = 0, k = 0, i;

	do {
		digits[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u != 0 || n <= d.scale);
	if (d.m < 0)
		buf[k++] = '-';
	for (i = n - 1; i >= 0; i--) {
		buf[k++] = digits[i];
		if (i == d.scale && i > 0)
			buf[k++] = '.';
	}
	buf[k] = '\0';
}

int
main(void)
{
	char buf[SG_NUMBUF], s[128];
	double r;
	sg_dec a, b;

	/*
	 * fuzz-number: sg_dec_mul overflowed __int128 (undefined behaviour,
	 * a wrong product) on 30-digit operands: lib/dec.c sg_dec_mul.
	 */
	a = dec("9999909999.99990");
	b = dec("12999999999999999999931998");
	r = sg_dec_to_double(sg_dec_mul(a, b));
	/* exactly 129998829999998699999319986120180006.8002 */
	ok(fabs(r - 1.299988299999987e35) < 1e-12 * 1.3e35,
	    "a product too big for 38 digits is right to 12 digits (%.17g)", r);
	a = dec("999999999999999999999999999999");
	dec_str(sg_dec_mul(a, a), s);
	ok(strlen(s) >= 38 && s[0] != '-',
	    "a product beyond 10^38 saturates, positive (%s)", s);
	a = dec("-999999999999999999999999999999");
	b = dec("999999999999999999999999999999");
	ok(sg_dec_sign(sg_dec_mul(a, b)) < 0,
	    "a negative product beyond 10^38 saturates, negative");
	/* a 15-digit value times one with needless trailing zeros is exact */
	a = dec("-2.50000000002837");
	b = dec("800000000000000.500000000000");
	dec_str(sg_dec_mul(a, b), s);
	is_str(s, "-2000000000022697.250000000014185000",
	    "trailing zeros are dropped before any digit that counts");

	/* sg_dec_cmp and add overflowed aligning 30 digits to 18 places. */
	a = dec("999999999999999999999999999999");
	b = dec("0.000000000000000001");
	ok(sg_dec_cmp(a, b) > 0 && sg_dec_cmp(b, a) < 0,
	    "comparing a 30-digit whole number with 18 places does not overflow");
	ok(sg_dec_cmp(dec("-0.5"), dec("0.3")) < 0 &&
	    sg_dec_cmp(dec("1.25"), dec("1.250")) == 0 &&
	    sg_dec_cmp(dec("-1.2"), dec("-1.25")) > 0,
	    "comparison still exact on fractions");
	dec_str(sg_dec_add(a, b), s);
	ok(strncmp(s, "999999999999999999999999999999", 30) == 0,
	    "adding them keeps the whole part (%s)", s);
	dec_str(sg_dec_sub(b, a), s);
	ok(strncmp(s, "-99999999999999999999999999999", 30) == 0,
	    "subtracting them keeps the whole part (%s)", s);
	dec_str(sg_dec_add(dec("68"), dec("0.000000000000000001")), s);
	is_str(s, "68.000000000000000001", "small sums stay exact");

	/*
	 * fuzz-number: sg_round overflowed its stack buffer printing a
	 * 283-digit number to 109 places: lib/round.c sg_round.
	 */
	r = sg_round(1e308, 330);
	ok(r == 1e308, "sg_round(1e308, 330) is 1e308");
	r = sg_round(7.1056256752566e282, 109);
	ok(r == 7.1056256752566e282, "sg_round of a 283-digit value to 109 places");
	r = sg_round(4.9406564584124654e-324, 330);
	ok(isfinite(r), "sg_round of the smallest denormal to 330 places");
	sg_fmt_num(sg_round(2.675, 300), 2, buf);
	is_str(buf, "2.68", "sg_round to 300 places changes nothing visible");
	sg_fmt_num(1e308, 330, buf);
	ok(strlen(buf) < SG_NUMBUF, "sg_fmt_num(1e308, 330) fits its buffer");
	return done_testing();
}
