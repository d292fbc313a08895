/* unit-date: ISO dates, weekdays, financial years, Excel serials. */
#include "config.h"

#include "sg.h"
#include "tap.h"

static long
iso(const char *s)
{
	long d;

	return sg_date_parse_iso(s, strlen(s), &d) ? d : -999999;
}

int
main(void)
{
	char buf[16];
	long d;
	int y, m, dd;
	static const char *bad[] = { "2024-02-30", "2023-02-29", "2024-13-01",
	    "2024-00-10", "2024-04-31", "24-01-01", "2024-1-01", "2024/01/01",
	    "31/02/2024", "2024-01-01x", "", "0999-01-01", NULL };
	/* The first and the last day of each quarter of 2023-24. */
	static const char *quarters[4][2] = {
		{ "2023-04-01", "2023-06-30" }, { "2023-07-01", "2023-09-30" },
		{ "2023-10-01", "2023-12-31" }, { "2024-01-01", "2024-03-31" },
	};
	/* Excel's serial days, in its 1900 or 1904 system: the date each
	 * is, or NULL where it is refused. */
	static const struct {
		double serial;
		int in1904;
		const char *date, *what;
	} serials[] = {
		{ 45382, 0, "2024-03-31", "Excel serial 45382 is 2024-03-31" },
		{ 1, 0, "1900-01-01", "Excel serial 1 is 1900-01-01" },
		{ 59, 0, "1900-02-28", "Excel serial 59 is 1900-02-28" },
		{ 60, 0, NULL, "Excel serial 60 (1900-02-29) is refused" },
		{ 61, 0, "1900-03-01", "Excel serial 61 is 1900-03-01" },
		{ 43921.75, 0, "2020-03-31", "a serial's time of day is dropped" },
		{ 0, 1, "1904-01-01", "1904 system: serial 0 is 1904-01-01" },
		{ 0, 0, NULL, "1900 system: serial 0 is refused" },
		{ -3, 0, NULL, "a negative serial is refused" },
	};
	size_t k;
	int i, read;

	is_long(iso("1970-01-01"), 0, "1970-01-01 is day 0");
	is_long(iso("2024-03-31") - iso("2023-04-01"), 365,
	    "2023-04-01 to 2024-03-31 is 365 days (no leap day in between)");
	is_long(iso("2024-03-01") - iso("2024-02-28"), 2,
	    "2024 is a leap year");
	is_long(iso("1900-03-01") - iso("1900-02-28"), 1,
	    "1900 is not a leap year");
	is_long(iso("2000-03-01") - iso("2000-02-28"), 2,
	    "2000 is a leap year");
	for (i = 0; bad[i] != NULL; i++)
		ok(iso(bad[i]) == -999999, "'%s' is not an ISO date", bad[i]);
	sg_date_fmt(iso("2024-02-29"), buf);
	is_str(buf, "2024-02-29", "a date prints back as written");
	sg_ymd_from_days(iso("1999-12-31") + 1, &y, &m, &dd);
	ok(y == 2000 && m == 1 && dd == 1, "the day after 1999-12-31");
	is_long(sg_weekday(iso("2024-03-29")), 4, "Good Friday 2024 is a Friday");
	is_long(sg_weekday(iso("2023-12-25")), 0, "Christmas 2023 is a Monday");
	is_long(sg_weekday(iso("1970-01-01")), 3, "1970-01-01 is a Thursday");
	is_long(sg_fy_start(iso("2023-04-01")), 2023, "1 April starts a year");
	is_long(sg_fy_start(iso("2024-03-31")), 2023, "31 March ends it");
	sg_fy_label(2023, buf);
	is_str(buf, "2023-24", "financial year label");
	sg_fy_label(1999, buf);
	is_str(buf, "1999-00", "financial year label across a century");
	for (k = 0; k < 4; k++)
		for (i = 0; i < 2; i++)
			is_long(sg_fy_quarter(iso(quarters[k][i])), k + 1,
			    "%s is in Q%zu", quarters[k][i], k + 1);
	for (k = 0; k < sizeof(serials) / sizeof(serials[0]); k++) {
		read = sg_date_from_excel(serials[k].serial, serials[k].in1904,
		    &d);
		ok(serials[k].date != NULL ? read && d == iso(serials[k].date) :
		    !read, "%s", serials[k].what);
	}
	return done_testing();
}
