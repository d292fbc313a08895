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
#include "filter.h"
#include "optab.h"
#include "optval.h"
#include "reject.h"

static const char help[] =
"usage: sg-period -d COL (-y | -q | -m | -r END[:MONTHS]) [-n NAME] [-R FILE]\n"
"                 [-o FILE] [-z] [FILE...]\n"
"       sg-period (-D FROM,TO | -w FROM,TO -H FILE) [-n NAME] [-R FILE]\n"
"                 [-o FILE] [-z] [FILE...]\n"
"Adds a column: the period of a date, or the days between two dates.\n"
"  -d, --date COL         the date column (ISO YYYY-MM-DD)\n"
"  -y, --fy               financial year, April to March: 2023-24\n"
"  -q, --quarter          quarter of the financial year: 2023-24 Q1\n"
"  -m, --month            month: 2023-04\n"
"  -r, --rolling END[:MONTHS]\n"
"                         'current' for the MONTHS months (default 12)\n"
"                         ending on END, 'previous' for the MONTHS before;\n"
"                         other rows are set aside\n"
"  -D, --days FROM,TO     calendar days from FROM to TO (first day excluded,\n"
"                         last included)\n"
"  -w, --workdays FROM,TO\n"
"                         working days (Monday to Friday, not a holiday)\n"
"  -H, --holidays FILE    bank holidays: a table with a 'date' column\n"
"  -n, --name NAME        name of the added column (default period, days or\n"
"                         workdays)\n"
"  -R, --reject FILE      write rows that cannot be placed to FILE with a\n"
"                         reason, instead of stopping\n";

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
	sg_bad_row(st->rj, st->r, rec, st->hdr->f[col], what,
	    show ? rec->f[col] : NULL, rec->len[col]);
	return 0;
}

/* A row outside the rolling windows, with --reject: written there. */
static void
set_aside(struct state *st, struct sg_record *rec, size_t col,
    const char *what)
{
	sg_bad_row(st->rj, st->r, rec, st->hdr->f[col], what, rec->f[col],
	    rec->len[col]);
}

/*
 * The symbol a date cell s[0..n) holds (empty reads as x), or SG_BAD.
 * Not low: it rounds to zero but is not zero (sg(7)), which only a number
 * can; a date written low is not a date, not a missing one.
 */
static enum sg_kind
date_symbol(const char *s, size_t n)
{
	enum sg_kind k = sg_symbol_parse(s, n);

	return k == SG_LOW ? SG_BAD : k;
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
	*kind = date_symbol(rec->f[col], rec->len[col]);
	if (*kind != SG_BAD)
		return 2;
	return cannot(st, rec, col, "not an ISO date (YYYY-MM-DD)", 1);
}

/* What the command line asks for, and what follows from it. */
struct settings {
	struct sg_common common;
	struct sg_optval opt;		/* every option, as given last */
	enum mode	 mode;
	const char	*pair;		/* -D, -w */
	const char	*name;		/* -n, or the mode's */
	long		 end;		/* -r: the windows */
	long		 cur0;
	long		 prev0;
	char		 cs[11], ce[11], ps[11];
	char		 what[160];	/* the reason a row is outside them */
};

/* What a run met, for the warnings at the end. */
struct tally {
	unsigned long long outside;	/* -r: rows outside the windows */
	unsigned long long outyears;	/* -w: rows outside the holidays */
	unsigned long long firstout_line;
	char		*firstout_file;
};

static void
set_mode(struct settings *s, enum mode m)
{
	if (s->mode != M_NONE && s->mode != m)
		sg_die_usage("%s and %s: choose one", modenames[s->mode],
		    modenames[m]);
	s->mode = m;
}

/* -r END[:MONTHS]: the two windows. */
static void
set_rolling(struct settings *s, const char *arg)
{
	const char *colon = strchr(arg, ':');
	size_t len = colon ? (size_t)(colon - arg) : strlen(arg);
	int months = 12, y, mo, d;

	if (colon != NULL)
		months = (int)sg_opt_long("--rolling MONTHS", colon + 1, 1,
		    1200);
	if (!sg_date_parse_iso(arg, len, &s->end))
		sg_die_usage("--rolling: END is not an ISO date (YYYY-MM-DD): "
		    "'%.*s'", (int)len, arg);
	sg_ymd_from_days(s->end, &y, &mo, &d);
	s->cur0 = window_start(y, mo, d, months);
	s->prev0 = window_start(y, mo, d, 2 * months);
	sg_date_fmt(s->cur0, s->cs);
	sg_date_fmt(s->end, s->ce);
	sg_date_fmt(s->prev0, s->ps);
	snprintf(s->what, sizeof(s->what), "outside the rolling windows %s "
	    "to %s", s->ps, s->ce);
}

static void
check(struct settings *s)
{
	if (s->mode == M_NONE)
		sg_die_usage("say what to add: --fy, --quarter, --month, "
		    "--rolling, --days or --workdays");
	if (s->mode <= M_ROLLING && s->opt.arg['d'] == NULL)
		sg_die_usage("%s needs --date COL", modenames[s->mode]);
	if (s->mode >= M_DAYS && s->opt.arg['d'] != NULL)
		sg_die_usage("%s takes its own two columns: no --date",
		    modenames[s->mode]);
	if (s->mode == M_WORKDAYS && s->opt.arg['H'] == NULL)
		sg_die_usage("--workdays needs --holidays FILE (England and "
		    "Wales: samples/bank-holidays.tsv)");
	if (s->mode != M_WORKDAYS && s->opt.arg['H'] != NULL)
		sg_die_usage("--holidays is for --workdays");
	s->name = s->opt.arg['n'];
	if (s->name == NULL)
		s->name = s->mode == M_DAYS ? "days" : s->mode == M_WORKDAYS ?
		    "workdays" : "period";
	if (*s->name == '\0')
		sg_die_usage("-n: the column name is empty");
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 'y': set_mode(s, M_FY); break;
	case 'q': set_mode(s, M_QUARTER); break;
	case 'm': set_mode(s, M_MONTH); break;
	case 'r': set_mode(s, M_ROLLING); set_rolling(s, arg); break;
	case 'D': set_mode(s, M_DAYS); s->pair = arg; break;
	case 'w': set_mode(s, M_WORKDAYS); s->pair = arg; break;
	}
}

static void
parse(int argc, char **argv, struct settings *s)
{
	memset(s, 0, sizeof(*s));
	sg_optab_parse(help, argc, argv, set_option, s,
	    &s->common);
	check(s);
}

/*
 * The days between the row's two dates, into label.  Returns the
 * label's length, or 0 when the row was set aside.
 */
static size_t
days_label(const struct settings *s, struct state *st,
    struct sg_record *rec, const size_t *two, struct tally *ty,
    char *label, size_t size)
{
	long day, day2, n;
	enum sg_kind kind, kind2;
	int a, b;

	if ((a = get_date(st, rec, two[0], &day, &kind)) == 0 ||
	    (b = get_date(st, rec, two[1], &day2, &kind2)) == 0)
		return 0;
	if (a == 2 || b == 2) {
		/* A missing date: the symbol, empty as x. */
		kind = sg_kind_combine(a == 2 ? kind : SG_NUM, b == 2 ? kind2 :
		    SG_NUM);
		return (size_t)snprintf(label, size, "%s",
		    sg_kind_symbol(kind));
	}
	if (s->mode == M_DAYS)
		return (size_t)snprintf(label, size, "%ld", day2 - day);
	if ((day < hol_first || day > hol_last || day2 < hol_first ||
	    day2 > hol_last) && ty->outyears++ == 0) {
		ty->firstout_file = sg_strdup(sg_reader_file(st->r));
		ty->firstout_line = (unsigned long long)sg_reader_line(st->r);
	}
	n = weekdays_upto(day2) - weekdays_upto(day) -
	    (holidays_upto(day2) - holidays_upto(day));
	return (size_t)snprintf(label, size, "%ld", n);
}

/* The period of the row's date, into label (at least 11 bytes).  Returns
 * the label's length, or 0 when the row was set aside. */
static size_t
period_label(const struct settings *s, struct state *st,
    struct sg_record *rec, size_t col, struct tally *ty, char *label)
{
	long day;

	if (!sg_date_parse_iso(rec->f[col], rec->len[col], &day)) {
		if (date_symbol(rec->f[col], rec->len[col]) == SG_BAD)
			cannot(st, rec, col, "not an ISO date (YYYY-MM-DD)", 1);
		else
			cannot(st, rec, col, "no date to place in a period",
			    rec->len[col] > 0);
		return 0;
	}
	switch (s->mode) {
	case M_FY:
		sg_fy_label(sg_fy_start(day), label);
		return 7;
	case M_QUARTER:
		sg_fy_label(sg_fy_start(day), label);
		label[7] = ' ';
		label[8] = 'Q';
		label[9] = (char)('0' + sg_fy_quarter(day));
		return 10;
	case M_MONTH:
		sg_date_fmt(day, label);
		return 7;
	default:	/* M_ROLLING */
		if (day >= s->cur0 && day <= s->end) {
			memcpy(label, "current", 7);
			return 7;
		}
		if (day >= s->prev0 && day < s->cur0) {
			memcpy(label, "previous", 8);
			return 8;
		}
		ty->outside++;
		if (st->rj != NULL)
			set_aside(st, rec, col, s->what);
		return 0;
	}
}

/* The columns the labels come from, found before any output is made. */
struct cols {
	size_t		 date;		/* -d */
	size_t		*two;		/* -D, -w: FROM and TO */
};

static void
resolve_cols(const struct settings *s, struct state *st, struct cols *c)
{
	c->date = 0;
	c->two = NULL;
	if (s->mode <= M_ROLLING)
		c->date = sg_col_resolve("--date", s->opt.arg['d'], st->hdr);
	else if (sg_cols_resolve(modenames[s->mode], s->pair, st->hdr,
	    &c->two) != 2)
		sg_die_usage("%s wants two columns, FROM,TO: '%s'",
		    modenames[s->mode], s->pair);
	if (sg_col_find(st->hdr, s->name) >= 0)
		sg_die_usage("there is a column '%s' already: name the new "
		    "one with -n", s->name);
}

/* The worker: every row of st->r with its label onto w. */
static void
label_rows(const struct settings *s, struct state *st, const struct cols *c,
    struct sg_writer *w, struct tally *ty)
{
	struct sg_record rec;
	size_t len, i;
	char label[64];

	for (i = 0; i < st->hdr->n; i++)
		sg_write_field(w, st->hdr->f[i], st->hdr->len[i], i == 0);
	sg_write_char(w, '\t');
	sg_write_escaped(w, s->name, strlen(s->name));
	sg_write_eol(w);
	while (sg_read(st->r, &rec)) {
		len = s->mode >= M_DAYS ? days_label(s, st, &rec, c->two, ty,
		    label, sizeof(label)) : period_label(s, st, &rec, c->date,
		    ty, label);
		if (len == 0)
			continue;
		sg_write_fields(w, &rec);
		sg_write_char(w, '\t');
		sg_write(w, label, len);
		sg_write_eol(w);
	}
}

static void
report(const struct settings *s, const struct state *st,
    const struct tally *ty)
{
	char before[11];

	if (ty->outside > 0) {
		sg_date_fmt(s->cur0 - 1, before);
		sg_warn("%llu row%s outside the rolling windows (previous "
		    "%s to %s, current %s to %s) set aside%s", ty->outside,
		    ty->outside == 1 ? "" : "s", s->ps, before, s->cs, s->ce,
		    st->rj != NULL ? "" : " (keep them with --reject FILE)");
	}
	if (ty->outyears > 0)
		sg_warn("%llu row%s with dates outside the years %s covers "
		    "(first %s:%llu): bank holidays there are not known, "
		    "only weekends are left out", ty->outyears,
		    ty->outyears == 1 ? "" : "s", s->opt.arg['H'],
		    ty->firstout_file, ty->firstout_line);
}

/* A run: the settings, and what its steps share. */
struct run {
	struct settings	 s;
	struct state	 st;
	struct cols	 c;
	struct tally	 ty;
};

static void
resolve(void *arg, struct sg_filter *f)
{
	struct run *run = arg;

	run->st.r = f->r;
	run->st.hdr = f->hdr;
	resolve_cols(&run->s, &run->st, &run->c);
}

static int
work(void *arg, struct sg_filter *f)
{
	struct run *run = arg;

	run->st.rj = f->rj;
	label_rows(&run->s, &run->st, &run->c, f->w, &run->ty);
	report(&run->s, &run->st, &run->ty);
	return SG_EXIT_OK;
}

int
main(int argc, char **argv)
{
	static struct run run;

	sg_init(argv[0]);
	parse(argc, argv, &run.s);
	if (run.s.opt.arg['H'] != NULL)
		read_holidays((char *)run.s.opt.arg['H']);
	sg_filter_run(&run.s.common, run.s.opt.arg['R'], resolve, work, &run);
	free(run.ty.firstout_file);
	free(run.c.two);
	return SG_EXIT_OK;
}
