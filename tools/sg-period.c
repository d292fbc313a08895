/*
 * sg-period: add a period label (financial year, quarter, month, rolling
 * current/previous window) from a date column, or the calendar or working
 * days between two date columns.
 *
 * A streaming filter: one record at a time, written back whole with the
 * new column after it.  Working days are counted with arithmetic (the
 * weekdays between two dates) less a binary search in the sorted bank
 * holidays, so every row costs the same whatever the gap.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "reject.h"

static const char usage_text[] =
"usage: sg-period -d COL (-y | -q | -m | -r END[:MONTHS]) [-n NAME] [-R FILE]\n"
"                 [-o FILE] [-z] [FILE...]\n"
"       sg-period (-D FROM,TO | -w FROM,TO -H FILE) [-n NAME] [-R FILE]\n"
"                 [-o FILE] [-z] [FILE...]\n"
"Adds a column: the period of a date, or the days between two dates.\n"
"  -d, --date COL          the date column (ISO YYYY-MM-DD)\n"
"  -y, --fy                financial year, April to March: 2023-24\n"
"  -q, --quarter           quarter of the financial year: 2023-24 Q1\n"
"  -m, --month             month: 2023-04\n"
"  -r, --rolling END[:MONTHS]  'current' for the MONTHS months (default 12)\n"
"                          ending on END, 'previous' for the MONTHS before;\n"
"                          other rows are set aside\n"
"  -D, --days FROM,TO      calendar days from FROM to TO (first day excluded,\n"
"                          last included)\n"
"  -w, --workdays FROM,TO  working days (Monday to Friday, not a holiday)\n"
"  -H, --holidays FILE     bank holidays: a table with a 'date' column\n"
"  -n, --name NAME         name of the added column (default period, days or\n"
"                          workdays)\n"
"  -R, --reject FILE       write rows that cannot be placed to FILE with a\n"
"                          reason, instead of stopping\n"
"  -o, --output FILE       write to FILE atomically instead of standard output\n"
"  -z, --gzip              compress the output with gzip\n"
"  -h, --help              show this help and exit\n"
"  -V, --version           show the version and exit\n";

enum mode { M_NONE, M_FY, M_QUARTER, M_MONTH, M_ROLLING, M_DAYS, M_WORKDAYS };

static const char *const modenames[] = {
	"", "--fy", "--quarter", "--month", "--rolling", "--days", "--workdays"
};

/* Bank holidays on weekdays, sorted, and the years the file covers. */
static long *hol;
static size_t nhol;
static long hol_first, hol_last;

static int
month_days(int y, int m)
{
	static const int md[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return md[m - 1];
}

/* The day after the date k months before y-m-d (the day clamped to the
 * month's length), or the first of the month k-1 months before if d is
 * the month's last day: the first day of the k months ending on y-m-d. */
static long
window_start(int y, int m, int d, int k)
{
	int mm = y * 12 + (m - 1) - k, ny = mm / 12, nm = mm % 12 + 1, nd;

	if (d == month_days(y, m))
		return sg_days_from_ymd(ny, nm, month_days(ny, nm)) + 1;
	nd = d > month_days(ny, nm) ? month_days(ny, nm) : d;
	return sg_days_from_ymd(ny, nm, nd) + 1;
}

/* Weekdays from a fixed Monday up to and including day n (a counting
 * function: only differences mean anything). */
static long
weekdays_upto(long n)
{
	long t = n - 4;		/* 1970-01-05 was a Monday */
	long q = t >= 0 ? t / 7 : -((-t + 6) / 7), r = t - q * 7;

	return q * 5 + (r + 1 < 5 ? r + 1 : 5);
}

/* Holidays (on weekdays) up to and including day n. */
static long
holidays_upto(long n)
{
	size_t lo = 0, hi = nhol, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (hol[mid] <= n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (long)lo;
}

static int
longcmp(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static void
read_holidays(char *path)
{
	struct sg_reader *r = sg_reader_open(&path, 1);
	const struct sg_record *h = sg_reader_header(r);
	struct sg_record rec;
	size_t cap = 128, i, j;
	long col = sg_col_find(h, "date"), day;
	int y, m, d, y0 = 0, y1 = -1;

	if (col < 0)
		sg_data_error(sg_reader_file(r), 1, NULL,
		    "a holiday file needs a 'date' column", NULL, 0);
	hol = sg_malloc(cap * sizeof(*hol));
	while (sg_read(r, &rec)) {
		if (!sg_date_parse_iso(rec.f[col], rec.len[col], &day))
			sg_data_error(sg_reader_file(r), sg_reader_line(r),
			    "date", "not an ISO date (YYYY-MM-DD)",
			    rec.f[col], rec.len[col]);
		sg_ymd_from_days(day, &y, &m, &d);
		if (y1 < y0) {
			y0 = y1 = y;
		} else {
			y0 = y < y0 ? y : y0;
			y1 = y > y1 ? y : y1;
		}
		if (sg_weekday(day) >= 5)
			continue;	/* a Saturday or Sunday anyway */
		if (nhol == cap) {
			cap *= 2;
			hol = sg_realloc(hol, cap * sizeof(*hol));
		}
		hol[nhol++] = day;
	}
	qsort(hol, nhol, sizeof(*hol), longcmp);
	for (i = j = 0; i < nhol; i++)	/* one entry per day */
		if (j == 0 || hol[i] != hol[j - 1])
			hol[j++] = hol[i];
	nhol = j;
	if (y1 >= y0) {
		hol_first = sg_days_from_ymd(y0, 1, 1);
		hol_last = sg_days_from_ymd(y1, 12, 31);
	} else {		/* no holidays: no year is covered */
		hol_first = 1;
		hol_last = 0;
	}
	sg_reader_close(r);
}

struct state {
	struct sg_reader	*r;
	const struct sg_record	*hdr;
	struct sg_reject	*rj;
	const char		*file;	/* for messages */
	long			 line;
};

/* A row that cannot be placed: rejected with the reason, or a data error. */
static int
cannot(struct state *st, struct sg_record *rec, size_t col, const char *what,
    int show)
{
	char reason[1024];

	if (st->rj == NULL)
		sg_data_error(sg_reader_file(st->r), sg_reader_line(st->r),
		    st->hdr->f[col], what, show ? rec->f[col] : NULL,
		    rec->len[col]);
	sg_fmt_error(reason, sizeof(reason), sg_reader_file(st->r),
	    sg_reader_line(st->r), st->hdr->f[col], what,
	    show ? rec->f[col] : NULL, rec->len[col]);
	sg_reject_row(st->rj, rec, reason);
	return 0;
}

/* For a value that is not a date: the symbol it is (empty reads as x),
 * or SG_BAD. */
static enum sg_kind
missing_kind(const char *s, size_t n)
{
	struct sg_value v;
	enum sg_kind k = sg_value_parse(s, n, &v);

	return k == SG_NUM ? SG_BAD : k;
}

/* A row outside the rolling windows, with --reject: written there. */
static void
set_aside(struct state *st, struct sg_record *rec, size_t col,
    const char *what)
{
	char reason[1024];

	sg_fmt_error(reason, sizeof(reason), sg_reader_file(st->r),
	    sg_reader_line(st->r), st->hdr->f[col], what, rec->f[col],
	    rec->len[col]);
	sg_reject_row(st->rj, rec, reason);
}

/*
 * Parses the date in column col: 1 and *day, or for an empty value or a
 * symbol 2 and *kind (the days modes write the symbol), or 0 if the row
 * was rejected.
 */
static int
get_date(struct state *st, struct sg_record *rec, size_t col, long *day,
    enum sg_kind *kind)
{
	if (sg_date_parse_iso(rec->f[col], rec->len[col], day))
		return 1;
	*kind = missing_kind(rec->f[col], rec->len[col]);
	if (*kind != SG_BAD)
		return 2;
	return cannot(st, rec, col, "not an ISO date (YYYY-MM-DD)", 1);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "fy", no_argument, NULL, 'y' },
		{ "quarter", no_argument, NULL, 'q' },
		{ "month", no_argument, NULL, 'm' },
		{ "rolling", required_argument, NULL, 'r' },
		{ "days", required_argument, NULL, 'D' },
		{ "workdays", required_argument, NULL, 'w' },
		{ "holidays", required_argument, NULL, 'H' },
		{ "name", required_argument, NULL, 'n' },
		{ "reject", required_argument, NULL, 'R' },
		SG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct sg_common common = { 0 };
	const char *datespec = NULL, *rolling = NULL, *pair = NULL;
	const char *name = NULL, *rejpath = NULL;
	char *holpath = NULL, *colon, label[64];
	char cs[11], ce[11], ps[11], what[160];
	enum mode mode = M_NONE, m;
	int ch, y, mo, d, months = 12, isdate;
	struct state st = { 0 };
	struct sg_record rec;
	struct sg_writer *w;
	size_t col = 0, *two = NULL, len;
	long day, day2, end = 0, cur0 = 0, prev0 = 0, n;
	unsigned long long outside = 0, outyears = 0, firstout_line = 0;
	char *firstout_file = NULL;
	enum sg_kind kind, kind2;

	sg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "d:yqmr:D:w:H:n:R:"
	    SG_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		m = M_NONE;
		switch (ch) {
		case 'd':
			datespec = optarg;
			break;
		case 'y':
			m = M_FY;
			break;
		case 'q':
			m = M_QUARTER;
			break;
		case 'm':
			m = M_MONTH;
			break;
		case 'r':
			m = M_ROLLING;
			rolling = optarg;
			break;
		case 'D':
			m = M_DAYS;
			pair = optarg;
			break;
		case 'w':
			m = M_WORKDAYS;
			pair = optarg;
			break;
		case 'H':
			holpath = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 'R':
			rejpath = optarg;
			break;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
		if (m != M_NONE) {
			if (mode != M_NONE && mode != m)
				sg_die_usage("%s and %s: choose one",
				    modenames[mode], modenames[m]);
			mode = m;
		}
	}
	if (mode == M_NONE)
		sg_die_usage("say what to add: --fy, --quarter, --month, "
		    "--rolling, --days or --workdays");
	if (mode <= M_ROLLING && datespec == NULL)
		sg_die_usage("%s needs --date COL", modenames[mode]);
	if (mode >= M_DAYS && datespec != NULL)
		sg_die_usage("%s takes its own two columns: no --date",
		    modenames[mode]);
	if (mode == M_WORKDAYS && holpath == NULL)
		sg_die_usage("--workdays needs --holidays FILE (England and "
		    "Wales: samples/bank-holidays.tsv)");
	if (mode != M_WORKDAYS && holpath != NULL)
		sg_die_usage("--holidays is for --workdays");
	if (mode == M_ROLLING) {
		colon = strchr(rolling, ':');
		if (colon != NULL)
			months = (int)sg_opt_long("--rolling MONTHS", colon + 1,
			    1, 1200);
		len = colon ? (size_t)(colon - rolling) : strlen(rolling);
		if (!sg_date_parse_iso(rolling, len, &end))
			sg_die_usage("--rolling: END is not an ISO date "
			    "(YYYY-MM-DD): '%.*s'", (int)len, rolling);
		sg_ymd_from_days(end, &y, &mo, &d);
		cur0 = window_start(y, mo, d, months);
		prev0 = window_start(y, mo, d, 2 * months);
		sg_date_fmt(cur0, cs);
		sg_date_fmt(end, ce);
		sg_date_fmt(prev0, ps);
		snprintf(what, sizeof(what), "outside the rolling windows "
		    "%s to %s", ps, ce);
	}
	if (name == NULL)
		name = mode == M_DAYS ? "days" : mode == M_WORKDAYS ?
		    "workdays" : "period";
	if (*name == '\0')
		sg_die_usage("-n: the column name is empty");
	if (holpath != NULL)
		read_holidays(holpath);

	st.r = sg_reader_open(argv + optind, argc - optind);
	st.hdr = sg_reader_header(st.r);
	if (mode <= M_ROLLING) {
		col = sg_col_resolve("--date", datespec, st.hdr);
	} else if (sg_cols_resolve(modenames[mode], pair, st.hdr, &two) != 2)
		sg_die_usage("%s wants two columns, FROM,TO: '%s'",
		    modenames[mode], pair);
	if (sg_col_find(st.hdr, name) >= 0)
		sg_die_usage("there is a column '%s' already: name the new "
		    "one with -n", name);
	st.rj = sg_reject_open(rejpath, st.hdr);
	w = sg_writer_open(common.output, common.gzip);
	for (len = 0; len < st.hdr->n; len++)
		sg_write_field(w, st.hdr->f[len], st.hdr->len[len], len == 0);
	sg_write_char(w, '\t');
	sg_write_escaped(w, name, strlen(name));
	sg_write_eol(w);

	while (sg_read(st.r, &rec)) {
		if (mode >= M_DAYS) {
			isdate = get_date(&st, &rec, two[0], &day, &kind);
			if (isdate == 0)
				continue;
			d = get_date(&st, &rec, two[1], &day2, &kind2);
			if (d == 0)
				continue;
			if (isdate == 2 || d == 2) {
				/* A missing date: the symbol, empty as x. */
				kind = sg_kind_combine(isdate == 2 ? kind :
				    SG_NUM, d == 2 ? kind2 : SG_NUM);
				len = strlen(sg_kind_symbol(kind));
				memcpy(label, sg_kind_symbol(kind), len);
			} else if (mode == M_DAYS) {
				len = (size_t)snprintf(label, sizeof(label),
				    "%ld", day2 - day);
			} else {
				if (day < hol_first || day > hol_last ||
				    day2 < hol_first || day2 > hol_last) {
					if (outyears++ == 0) {
						firstout_file = sg_strdup(
						    sg_reader_file(st.r));
						firstout_line = (unsigned long
						    long)sg_reader_line(st.r);
					}
				}
				n = weekdays_upto(day2) - weekdays_upto(day) -
				    (holidays_upto(day2) - holidays_upto(day));
				len = (size_t)snprintf(label, sizeof(label),
				    "%ld", n);
			}
		} else {
			if (!sg_date_parse_iso(rec.f[col], rec.len[col],
			    &day)) {
				if (missing_kind(rec.f[col], rec.len[col]) ==
				    SG_BAD)
					cannot(&st, &rec, col,
					    "not an ISO date (YYYY-MM-DD)", 1);
				else
					cannot(&st, &rec, col,
					    "no date to place in a period",
					    rec.len[col] > 0);
				continue;
			}
			switch (mode) {
			case M_FY:
				sg_fy_label(sg_fy_start(day), label);
				len = 7;
				break;
			case M_QUARTER:
				sg_fy_label(sg_fy_start(day), label);
				label[7] = ' ';
				label[8] = 'Q';
				label[9] = (char)('0' + sg_fy_quarter(day));
				len = 10;
				break;
			case M_MONTH:
				sg_date_fmt(day, label);
				len = 7;
				break;
			default:	/* M_ROLLING */
				if (day >= cur0 && day <= end) {
					memcpy(label, "current", 7);
					len = 7;
				} else if (day >= prev0 && day < cur0) {
					memcpy(label, "previous", 8);
					len = 8;
				} else {
					outside++;
					if (st.rj != NULL)
						set_aside(&st, &rec, col, what);
					continue;
				}
				break;
			}
		}
		sg_write_fields(w, &rec);
		sg_write_char(w, '\t');
		sg_write(w, label, len);
		sg_write_eol(w);
	}
	if (outside > 0) {
		sg_date_fmt(cur0 - 1, label);
		sg_warn("%llu row%s outside the rolling windows (previous "
		    "%s to %s, current %s to %s) set aside%s", outside,
		    outside == 1 ? "" : "s", ps, label, cs, ce,
		    st.rj != NULL ? "" : " (keep them with --reject FILE)");
	}
	if (outyears > 0)
		sg_warn("%llu row%s with dates outside the years %s covers "
		    "(first %s:%llu): bank holidays there are not known, "
		    "only weekends are left out", outyears,
		    outyears == 1 ? "" : "s", holpath, firstout_file,
		    firstout_line);
	sg_reject_close(st.rj);
	sg_writer_close(w);
	sg_reader_close(st.r);
	free(two);
	free(firstout_file);
	return SG_EXIT_OK;
}
