/*
 * fuzz-date.c: dates (lib/date.c).
 *   - sg_date_parse_iso accepts exactly YYYY-MM-DD of a real date with a
 *     year 1000-9999, and sg_date_fmt gives the same text back;
 *   - day numbers round trip through sg_ymd_from_days/sg_days_from_ymd;
 *   - weekday, financial year and quarter stay in range;
 *   - Excel serials give a valid date or are refused.
 */
#include "harness.h"

#include <math.h>
#include <stdio.h>

static int
ref_valid(const char *s, size_t n)
{
	int y, m, d, i, ml[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = (s[5] - '0') * 10 + s[6] - '0';
	d = (s[8] - '0') * 10 + s[9] - '0';
	if ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)
		ml[1] = 29;
	return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= ml[m - 1];
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	long days, z;
	char buf[11], lab[8];
	int y, m, d, ok;
	double serial;

	ok = sg_date_parse_iso(s, size, &days);
	if (ok != ref_valid(s, size))
		abort();
	if (ok) {
		sg_date_fmt(days, buf);
		if (memcmp(buf, s, 10) != 0)
			abort();
	}
	if (size >= 8) {
		memcpy(&z, data, 8);
		z %= 4000000;	/* about 11,000 years either side of 1970 */
		sg_ymd_from_days(z, &y, &m, &d);
		if (!sg_date_valid(y, m, d) || sg_days_from_ymd(y, m, d) != z)
			abort();
		if (sg_weekday(z) < 0 || sg_weekday(z) > 6 ||
		    sg_weekday(z + 1) != (sg_weekday(z) + 1) % 7)
			abort();
		if (sg_fy_quarter(z) < 1 || sg_fy_quarter(z) > 4)
			abort();
		if (y >= 1000 && y <= 9998) {
			sg_fy_label(sg_fy_start(z), lab);
			if (strlen(lab) != 7 || lab[4] != '-')
				abort();
		}
		memcpy(&serial, data, 8);
		if (sg_date_from_excel(serial, size & 1, &days)) {
			sg_ymd_from_days(days, &y, &m, &d);
			if (!sg_date_valid(y, m, d) || y < 1899 || y > 9999)
				abort();
		}
	}
	return 0;
}
