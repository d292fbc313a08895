/*
 * unit-measure: exact ratios and their rounding, exact decimals printed,
 * values read with their decimals, formulas over columns.
 */
#include "config.h"

#include <stdint.h>

#include "sg.h"
#include "measure.h"
#include "tap.h"

static sg_dec
dec(const char *s)
{
	sg_dec d;

	if (!sg_dec_parse(s, strlen(s), &d))
		abort();
	return d;
}

static void
ratio_is(const char *num, const char *mul, const char *den, int dp,
    const char *want)
{
	char buf[SG_NUMBUF];
	size_t n;

	n = sg_fmt_ratio(dec(num), dec(mul), dec(den), dp, buf);
	if (n == 0)
		strcpy(buf, "(none)");
	is_str(buf, want, "%s x %s / %s to %d places is %s", num, mul, den,
	    dp, want);
}

/* A small deterministic generator, so the test is the same every run. */
static uint64_t seed = 20240331;
static long
draw(long n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (long)((seed >> 33) % (uint64_t)n);
}

int
main(void)
{
	char a[SG_NUMBUF], b[SG_NUMBUF], s[64];
	struct sg_value v;
	sg_dec d;
	long i, differ = 0, decided = 0;
	int exact;

	/* The figures. */
	ratio_is("141", "10000", "35100", 1, "40.2");
	ratio_is("104", "100", "178", 1, "58.4");
	ratio_is("108", "100", "64", 1, "168.8");
	ratio_is("15", "100", "20", 0, "75");
	ratio_is("-3", "100", "57", 1, "-5.3");
	/* Halves away from zero, exactly. */
	ratio_is("1", "100", "8", 0, "13");
	ratio_is("-1", "100", "8", 0, "-13");
	ratio_is("2.675", "1", "1", 2, "2.68");
	ratio_is("1.005", "1", "1", 2, "1.01");
	ratio_is("-2.5", "1", "1", 0, "-3");
	ratio_is("0.125", "1", "1", 2, "0.13");
	/* Places, signs, scales. */
	ratio_is("1", "1", "3", 3, "0.333");
	ratio_is("2", "1", "3", 0, "1");
	ratio_is("0", "100", "7", 1, "0.0");
	ratio_is("-0.001", "1", "1", 1, "0.0");
	ratio_is("7", "100", "-2", 0, "-350");
	ratio_is("10.25", "100", "0.25", 2, "4100.00");
	ratio_is("5", "1", "0.0001", 0, "50000");
	/* Big enough to need 128 bits, still exact. */
	ratio_is("123456789012", "100", "7", 1, "1763668414457.1");
	/* Cases it leaves to the double path. */
	ratio_is("1", "1", "0", 1, "(none)");
	ratio_is("1", "1", "3", 20, "(none)");
	ratio_is("1000000000000000", "1", "1", 1, "(none)");
	ratio_is("1", "1", "1234567890123456", 1, "(none)");

	/* Against the double path and sg_fmt_num on many ratios. */
	for (i = 0; i < 200000; i++) {
		sg_dec n, m, q;
		int dp = (int)draw(4);
		snprintf(s, sizeof(s), "%ld", draw(200000) - 50000);
		n = dec(s);
		n.scale = n.m == 0 ? 0 : (int)draw(3);
		snprintf(s, sizeof(s), "%ld", draw(3000) + 1);
		q = dec(s);
		q.scale = (int)draw(3);
		m = sg_dec_from_long(draw(2) ? 100 : 10000);
		if (sg_fmt_ratio(n, m, q, dp, a) == 0)
			continue;
		decided++;
		sg_fmt_num(sg_dec_to_double(n) * sg_dec_to_double(m) /
		    sg_dec_to_double(q), dp, b);
		if (strcmp(a, b) != 0 && differ++ < 5)
			printf("# %s differs from %s\n", a, b);
	}
	ok(decided > 190000 && differ == 0,
	    "200,000 random ratios round as sg_fmt_num does (%ld decided)",
	    decided);

	/* Exact decimals printed. */
	sg_dec_fmt(dec("5.50"), a);
	is_str(a, "5.50", "sg_dec_fmt keeps the places");
	sg_dec_fmt(sg_dec_sub(dec("1.5"), dec("0.25")), a);
	is_str(a, "1.25", "1.5 - 0.25 is 1.25");
	sg_dec_fmt(dec("-0.05"), a);
	is_str(a, "-0.05", "a negative fraction keeps its 0");
	sg_dec_fmt(sg_dec_sub(dec("282"), dec("178")), a);
	is_str(a, "104", "282 - 178 is 104");
	sg_dec_fmt(dec("123456789012345678901234567890"), a);
	is_str(a, "123456789012345678901234567890", "30 digits print");
	d = sg_dec_abs(dec("-7.5"));
	sg_dec_fmt(d, a);
	is_str(a, "7.5", "sg_dec_abs");
	ok(sg_dec_fits(dec("999999999999999999")) &&
	    !sg_dec_fits(dec("1000000000000000000")),
	    "sg_dec_fits stops at 10^18");

	/* Values with their exact decimals. */
	ok(sg_value_parse_dec("40.20", 5, &v, &d, &exact) == SG_NUM &&
	    v.dp == 2 && v.num == 40.2 && exact && d.m == 4020,
	    "40.20 reads as a number with 2 places, exactly");
	ok(sg_value_parse_dec("low", 3, &v, &d, &exact) == SG_LOW && !exact,
	    "low is a symbol");
	ok(sg_value_parse_dec("", 0, &v, &d, &exact) == SG_X,
	    "empty reads as x");
	ok(sg_value_parse_dec("1,043", 5, &v, &d, &exact) == SG_BAD,
	    "1,043 is not a number in the stream");
	ok(sg_value_parse_dec("-", 1, &v, &d, &exact) == SG_BAD,
	    "- alone is not a number");
	ok(sg_value_parse_dec("12345678901234567890123456789012345", 35, &v,
	    &d, &exact) == SG_NUM && !exact && v.num > 1.2e34,
	    "a 35-digit number is read, not exactly");
	for (i = 0; i < 100000; i++) {
		double want;
		snprintf(s, sizeof(s), "%ld.%0*ld", draw(1000000) - 500000,
		    (int)(1 + i % 6), draw(1000000) % 100000);
		sg_value_parse_dec(s, strlen(s), &v, &d, &exact);
		sg_num_parse(s, strlen(s), &want);
		if (v.num != want && differ++ < 5)
			printf("# %s read as %.17g, strtod gives %.17g\n", s,
			    v.num, want);
	}
	ok(differ == 0, "100,000 decimals read as strtod reads them");

	return done_testing();
}
