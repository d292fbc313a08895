/*
 * date.c: ISO dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), financial years and quarters, Excel serials.
 */
#include "config.h"

#include <math.h>

#include "sg.h"

/* Howard Hinnant's days_from_civil. */
long
sg_days_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
sg_ymd_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
sg_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap, max;

	if (m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	max = mdays[m - 1] + (m == 2 && leap);
	return d <= max;
}

static int
num(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
sg_date_parse_iso(const char *s, size_t n, long *days)
{
	int y, m, d;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (y < 1000 || m < 0 || d < 0 || !sg_date_valid(y, m, d))
		return 0;
	*days = sg_days_from_ymd(y, m, d);
	return 1;
}

/* Writes y (0..9999) as four digits. */
static void
put_year(char *buf, int y)
{
	y = ((y % 10000) + 10000) % 10000;
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
}

/* Writes "-NN": a dash and v (0..99) as two digits. */
static void
put_dash2(char *buf, int v)
{
	buf[0] = '-';
	buf[1] = (char)('0' + v / 10);
	buf[2] = (char)('0' + v % 10);
}

void
sg_date_fmt(long days, char *buf)
{
	int y, m, d;

	sg_ymd_from_days(days, &y, &m, &d);
	put_year(buf, y);
	put_dash2(buf + 4, m);
	put_dash2(buf + 7, d);
	buf[10] = '\0';
}

int
sg_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int
sg_fy_start(long days)
{
	int y, m, d;

	sg_ymd_from_days(days, &y, &m, &d);
	return m >= 4 ? y : y - 1;
}

void
sg_fy_label(int y, char *buf)
{
	put_year(buf, y);
	put_dash2(buf + 4, ((y + 1) % 100 + 100) % 100);
	buf[7] = '\0';
}

int
sg_fy_quarter(long days)
{
	int y, m, d;

	sg_ymd_from_days(days, &y, &m, &d);
	return ((m + 8) % 12) / 3 + 1;
}

int
sg_date_from_excel(double serial, int date1904, long *days)
{
	long s;

	if (!isfinite(serial) || serial < (date1904 ? 0 : 1) ||
	    serial >= 2958466)
		return 0;
	s = (long)floor(serial);
	if (date1904) {
		*days = sg_days_from_ymd(1904, 1, 1) + s;
		return 1;
	}
	/* Excel counts a 1900-02-29 that never was: serial 60. */
	if (s == 60)
		return 0;
	if (s > 60)
		s--;
	*days = sg_days_from_ymd(1899, 12, 31) + s;
	return 1;
}
