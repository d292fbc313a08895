/* unit-round: the one rounding rule and the printing of numbers. */
#include "config.h"

#include <math.h>

#include "sg.h"
#include "tap.h"

static void
fmt_is(double v, int dp, const char *want)
{
	char buf[SG_NUMBUF];

	sg_fmt_num(v, dp, buf);
	is_str(buf, want, "%.17g to %d places prints %s", v, dp, want);
}

int
main(void)
{
	/* The examples of sg(7), "Values", rounding. */
	fmt_is(2.675, 2, "2.68");
	fmt_is(1.005, 2, "1.01");
	fmt_is(-2.5, 0, "-3");
	fmt_is(0.125, 2, "0.13");
	fmt_is(2.5, 0, "3");
	fmt_is(0.5, 0, "1");
	fmt_is(1.45, 1, "1.5");
	fmt_is(-1.45, 1, "-1.5");
	fmt_is(40.17094017094017, 1, "40.2");
	fmt_is(141.0 / 35100 * 10000, 1, "40.2");
	fmt_is(104.0 / 178 * 100, 1, "58.4");
	fmt_is(108.0 / 64 * 100, 1, "168.8");
	fmt_is(13, 0, "13");
	fmt_is(0.5, 2, "0.50");
	fmt_is(99.95, 1, "100.0");
	fmt_is(9.995, 2, "10.00");
	fmt_is(-0.4, 0, "0");
	fmt_is(-0.0, -1, "0");
	fmt_is(0.0, 2, "0.00");
	fmt_is(0.004, 2, "0.00");
	fmt_is(0.005, 2, "0.01");
	fmt_is(0.0049, 2, "0.00");
	/* Shortest form, never an exponent. */
	fmt_is(3, -1, "3");
	fmt_is(2.5, -1, "2.5");
	fmt_is(0.1, -1, "0.1");
	fmt_is(0.1 + 0.2, -1, "0.3");
	fmt_is(1e20, -1, "100000000000000000000");
	fmt_is(1.5e-7, -1, "0.00000015");
	fmt_is(-1043, -1, "-1043");
	fmt_is(1.0 / 3, -1, "0.333333333333333");
	/* 1e15-scale values: 15 significant digits first. */
	fmt_is(1234567890123456.0, 0, "1234567890123460");
	fmt_is(999999999999999.5, 0, "1000000000000000");
	fmt_is(123456789012345.5, 0, "123456789012346");
	fmt_is(1e15, 2, "1000000000000000.00");
	fmt_is(INFINITY, 1, "z");
	fmt_is(NAN, -1, "z");

	ok(sg_round(2.675, 2) == 2.68, "sg_round(2.675, 2) == 2.68");
	ok(sg_round(1.005, 2) == 1.01, "sg_round(1.005, 2) == 1.01");
	ok(sg_round(-2.5, 0) == -3, "sg_round(-2.5, 0) == -3");
	ok(sg_round(0.125, 2) == 0.13, "sg_round(0.125, 2) == 0.13");
	ok(sg_round(1234.5, -1) == 1230, "sg_round(1234.5, -1) rounds to tens");
	ok(sg_round(1235, -1) == 1240, "sg_round(1235, -1) rounds half up");
	ok(sg_round(2.5, 0) == 3 && sg_round(3.5, 0) == 4,
	    "halves go away from zero, not to even");
	return done_testing();
}
