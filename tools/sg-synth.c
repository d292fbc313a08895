/*
 * sg-synth: deterministic synthetic record-level data, for demos, tests
 * and benchmarks.  No real person is in it.
 *
 * The output depends only on KIND, --rows, --seed, --start and --end:
 * the generator is xoshiro256** seeded through splitmix64, and every
 * step uses integer arithmetic only, so the same arguments give the same
 * bytes on any platform.  Rows are built in a small buffer with numbers
 * formatted by hand and handed to the writer whole (no printf per field).
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "optab.h"

static const char help[] =
"usage: sg-synth KIND --rows N --seed S [--start DATE] [--end DATE]\n"
"                [-o FILE] [-z]\n"
"Writes N rows of synthetic record-level data of one KIND as a stream.\n"
"KIND is one of:\n"
"  missing    police missing-child reports\n"
"  crimes     police crimes and incidents with flags\n"
"  contacts   children's social care contacts\n"
"  referrals  children's social care referrals\n"
"  plans      child protection plans\n"
"  concerns   adult safeguarding concerns\n"
"  kpi        long kpi/agency/value rows (2000 agencies x 50 KPIs)\n"
"  -n, --rows N           number of rows to write (0 or more)\n"
"  -s, --seed S           seed (0 to 9223372036854775807); same seed, same bytes\n"
"  -b, --start DATE       first date, YYYY-MM-DD (default 2022-04-01)\n"
"  -e, --end DATE         last date, YYYY-MM-DD (default 2024-03-31)\n";

/* ------------------------------------------------------------------ */
/* The generator: splitmix64 to seed, xoshiro256** to draw.            */

struct rng {
	uint64_t	s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	uint64_t x = seed;
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static inline uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t out = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* A number in [0, n), n < 2^32 (multiply-shift: no division, no loop). */
static inline uint32_t
below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/*
 * A number in [0, n) skewed towards 0 (the square of a uniform draw), so
 * that a few people in a pool account for many records: repeat missing
 * children, people with several concerns.
 */
static inline uint32_t
skewed(struct rng *r, uint32_t n)
{
	uint64_t u = rng_next(r) >> 32;

	u = (u * u) >> 32;
	return (uint32_t)((u * n) >> 32);
}

/* A fixed hash of a pool index: the attributes of one person. */
static inline uint64_t
attr(uint64_t key, uint64_t idx)
{
	uint64_t x = key ^ (idx * 0xd1b54a32d192ed03ULL);

	return splitmix64(&x);
}

/* ------------------------------------------------------------------ */
/* Formatting by hand.                                                 */

static inline char *
put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

#define PUTS(p, lit)	put((p), (lit), sizeof(lit) - 1)

/* v in decimal, zero-padded to at least width digits. */
static inline char *
put_num(char *p, uint64_t v, int width)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (n < width)
		tmp[n++] = '0';
	while (n > 0)
		*p++ = tmp[--n];
	return p;
}

/* Identifiers look random but are a bijection of the pool index. */
#define ID_SPACE	100000000ULL	/* 8 digits */
static inline uint64_t
scramble(uint64_t idx, uint64_t off)
{
	return (idx % ID_SPACE * 54435761ULL + off) % ID_SPACE;
}

/* A choice among labelled weights, drawn through a lookup table. */
struct choice {
	const char	*label;
	unsigned	 weight;
};

struct table {
	unsigned char	*pick;
	uint32_t	 total;
};

static void
table_init(struct table *t, const struct choice *c, size_t n)
{
	size_t i;
	uint32_t k = 0, j;

	t->total = 0;
	for (i = 0; i < n; i++)
		t->total += c[i].weight;
	t->pick = sg_malloc(t->total);
	for (i = 0; i < n; i++)
		for (j = 0; j < c[i].weight; j++)
			t->pick[k++] = (unsigned char)i;
}

static inline unsigned
draw(struct rng *r, const struct table *t)
{
	return t->pick[below(r, t->total)];
}

/* ------------------------------------------------------------------ */
/* The run.                                                            */

struct gen {
	struct sg_writer *w;
	struct rng	  rng;
	uint64_t	  key;		/* per-seed key for attr() */
	uint64_t	  idoff;	/* per-seed offset for scramble() */
	uint64_t	  rows;
	long		  start, end;	/* days */
	char		(*date)[10];	/* ISO text of start + i */
	long		  ndates;	/* days in the table (end + slack) */
	long		 *weekdays;	/* offsets of Monday..Friday */
	long		  nweekdays;
};

/* Date offset of row i: dates rise through the range as rows go on. */
static inline long
day_of(const struct gen *g, uint64_t i)
{
	return (long)((unsigned __int128)i * (uint64_t)(g->end - g->start + 1) /
	    g->rows);
}

static inline long
weekday_of(const struct gen *g, uint64_t i)
{
	return g->weekdays[(unsigned __int128)i * (uint64_t)g->nweekdays /
	    g->rows];
}

static inline char *
put_date(char *p, const struct gen *g, long off)
{
	return put(p, g->date[off], 10);
}

/*
 * The fields a record about a person begins with: its reference (two
 * letters and the row number), the person (a letter and the scrambled
 * pool index) and its date, each followed by a tab.
 */
static char *
put_lead(char *p, const struct gen *g, const char *ref, uint64_t i,
    char who, uint64_t person, long day)
{
	p = put(p, ref, 2);
	p = put_num(p, i + 1, 9);
	*p++ = '\t';
	*p++ = who;
	p = put_num(p, scramble(person, g->idoff), 8);
	*p++ = '\t';
	p = put_date(p, g, day);
	*p++ = '\t';
	return p;
}

static void
header(struct gen *g, const char *h)
{
	sg_write_str(g->w, h);
}

static uint64_t
pool_size(uint64_t rows, uint64_t num, uint64_t den)
{
	uint64_t n = (uint64_t)((unsigned __int128)rows * num / den);

	if (n < 1)
		n = 1;
	if (n > ID_SPACE)
		n = ID_SPACE;
	return n;
}

/*
 * Police missing-child reports.  Children come from a pool of about
 * rows/2 drawn with a skew, which gives about 105 children for 282
 * reports as published, some of them missing many times.  A child's age
 * and whether they are in care (8%) are fixed per child.
 */
static void
gen_missing(struct gen *g)
{
	uint64_t pool = pool_size(g->rows, 1, 2), i, c, h;
	char row[128], *p;

	header(g, "report_ref\tchild_id\treport_date\tage\tfrom_care\n");
	for (i = 0; i < g->rows; i++) {
		c = skewed(&g->rng, (uint32_t)pool);
		h = attr(g->key, c);
		p = put_lead(row, g, "MP", i, 'P', c, day_of(g, i));
		p = put_num(p, 10 + h % 8, 2);
		if ((h >> 32) % 100 < 8)
			p = PUTS(p, "\tY\n");
		else
			p = PUTS(p, "\tN\n");
		sg_write(g->w, row, (size_t)(p - row));
	}
}

/*
 * Police crimes and incidents.  Each row is one of these kinds, in the
 * proportions of samples/police/crimes.csv for 2023-24 (with more
 * ordinary crimes), so the flags keep the same relations: a child victim
 * has band 0-15 or 16-17; CSE and non-familial sexual crimes are not
 * child protection crimes; some child protection crimes are domestic
 * abuse.
 */
enum band { B015, B1617, B18, BCHILD, BADULT };

struct crime_kind {
	unsigned	 weight;
	const char	*type;		/* "crime" or "incident" */
	char		 da;		/* domestic_abuse */
	enum band	 band;
	const char	*flags;	/* child_victim .. cruelty_neglect, then LF */
};

/*                                   cv  cs  rh cse  cp  ss  nf  cn */
static const struct crime_kind crime_kinds[] = {
	{ 172, "crime", 'N', B015, "\tY\tN\tN\tN\tY\tN\tN\tY\n" },
	{ 90, "crime", 'N', BCHILD, "\tY\tN\tN\tN\tY\tY\tN\tN\n" },
	{ 4, "crime", 'Y', B1617, "\tY\tN\tN\tN\tY\tY\tN\tN\n" },
	{ 77, "crime", 'N', B015, "\tY\tN\tN\tN\tY\tN\tN\tN\n" },
	{ 60, "crime", 'Y', B015, "\tY\tN\tN\tN\tY\tN\tN\tN\n" },
	{ 40, "crime", 'N', BCHILD, "\tY\tN\tN\tY\tN\tY\tY\tN\n" },
	{ 32, "crime", 'N', BCHILD, "\tY\tN\tN\tY\tN\tN\tN\tN\n" },
	{ 95, "crime", 'N', BCHILD, "\tY\tN\tN\tN\tN\tN\tY\tN\n" },
	{ 10, "crime", 'N', BCHILD, "\tY\tY\tN\tN\tN\tN\tY\tN\n" },
	{ 21, "crime", 'N', BCHILD, "\tY\tN\tY\tN\tN\tN\tN\tN\n" },
	{ 5, "crime", 'N', BCHILD, "\tY\tY\tY\tN\tN\tN\tN\tN\n" },
	{ 42, "crime", 'Y', B1617, "\tY\tN\tN\tN\tN\tN\tN\tN\n" },
	{ 160, "crime", 'N', BCHILD, "\tY\tN\tN\tN\tN\tN\tN\tN\n" },
	{ 100, "crime", 'N', BCHILD, "\tY\tY\tN\tN\tN\tN\tN\tN\n" },
	{ 1820, "crime", 'Y', B18, "\tN\tN\tN\tN\tN\tN\tN\tN\n" },
	{ 475, "crime", 'N', BADULT, "\tN\tY\tN\tN\tN\tN\tN\tN\n" },
	{ 38, "crime", 'N', BADULT, "\tN\tN\tY\tN\tN\tN\tN\tN\n" },
	{ 9000, "crime", 'N', BADULT, "\tN\tN\tN\tN\tN\tN\tN\tN\n" },
	{ 930, "incident", 'Y', BADULT, "\tN\tN\tN\tN\tN\tN\tN\tN\n" },
	{ 14, "incident", 'Y', B1617, "\tY\tN\tN\tN\tN\tN\tN\tN\n" },
	{ 520, "incident", 'N', BADULT, "\tN\tN\tN\tN\tN\tN\tN\tN\n" },
};
#define NCRIME_KINDS	(sizeof(crime_kinds) / sizeof(crime_kinds[0]))

static void
gen_crimes(struct gen *g)
{
	struct choice c[NCRIME_KINDS];
	struct table t;
	const struct crime_kind *k;
	uint64_t i;
	uint32_t b;
	size_t j;
	char row[160], *p;

	for (j = 0; j < NCRIME_KINDS; j++) {
		c[j].label = crime_kinds[j].type;
		c[j].weight = crime_kinds[j].weight;
	}
	table_init(&t, c, NCRIME_KINDS);
	header(g, "crime_ref\trecord_type\trecorded_date\tdomestic_abuse\t"
	    "victim_age_band\tchild_victim\tchild_suspect\trace_hate\tcse\t"
	    "child_protection\tserious_sexual\tnon_familial_sexual\t"
	    "cruelty_neglect\n");
	for (i = 0; i < g->rows; i++) {
		k = &crime_kinds[draw(&g->rng, &t)];
		b = below(&g->rng, 100);
		if (k->type[0] == 'c')
			p = PUTS(row, "CR");
		else
			p = PUTS(row, "IN");
		p = put_num(p, i + 1, 9);
		*p++ = '\t';
		p = put(p, k->type, strlen(k->type));
		*p++ = '\t';
		p = put_date(p, g, day_of(g, i));
		*p++ = '\t';
		*p++ = k->da;
		*p++ = '\t';
		switch (k->band) {
		case BCHILD:
			p = b < 70 ? PUTS(p, "0-15") : PUTS(p, "16-17");
			break;
		case BADULT:
			if (b < 85)
				p = PUTS(p, "18+");
			break;
		case B015:
			p = PUTS(p, "0-15");
			break;
		case B1617:
			p = PUTS(p, "16-17");
			break;
		case B18:
			p = PUTS(p, "18+");
			break;
		}
		p = put(p, k->flags, 17);
		sg_write(g->w, row, (size_t)(p - row));
	}
	free(t.pick);
}

/*
 * Children's social care contacts, on weekdays.  15% go on to
 * assessment (as published for 2023-24); children recur (drawn with a
 * skew from a pool of rows/1.6).
 */
static const struct choice contact_outcomes[] = {
	{ "assessment", 15 }, { "early help", 24 }, { "advice", 37 },
	{ "no further action", 24 },
};

static void
gen_contacts(struct gen *g)
{
	struct table t;
	uint64_t pool = pool_size(g->rows, 5, 8), i, c;
	const char *o;
	char row[128], *p;

	table_init(&t, contact_outcomes, 4);
	header(g, "contact_id\tchild_id\tcontact_date\toutcome\n");
	for (i = 0; i < g->rows; i++) {
		o = contact_outcomes[draw(&g->rng, &t)].label;
		c = skewed(&g->rng, (uint32_t)pool);
		p = put_lead(row, g, "CT", i, 'K', c, weekday_of(g, i));
		p = put(p, o, strlen(o));
		*p++ = '\n';
		sg_write(g->w, row, (size_t)(p - row));
	}
	free(t.pick);
}

/*
 * Children's social care referrals, on weekdays: the source of the
 * referral and what happened next.  About one child in five is referred
 * again (drawn evenly from a pool of 2.2 x rows).
 */
static const struct choice referral_sources[] = {
	{ "police", 30 }, { "schools", 19 }, { "health services", 14 },
	{ "local authority services", 14 }, { "individual", 8 },
	{ "other", 15 },
};
static const struct choice referral_outcomes[] = {
	{ "assessment", 78 }, { "strategy discussion", 13 },
	{ "no further action", 9 },
};

static void
gen_referrals(struct gen *g)
{
	struct table ts, to;
	uint64_t pool = pool_size(g->rows, 11, 5), i, c;
	const char *s, *o;
	char row[160], *p;

	table_init(&ts, referral_sources, 6);
	table_init(&to, referral_outcomes, 3);
	header(g, "referral_id\tchild_id\treferral_date\tsource\toutcome\n");
	for (i = 0; i < g->rows; i++) {
		s = referral_sources[draw(&g->rng, &ts)].label;
		o = referral_outcomes[draw(&g->rng, &to)].label;
		c = below(&g->rng, (uint32_t)pool);
		p = put_lead(row, g, "RF", i, 'K', c, weekday_of(g, i));
		p = put(p, s, strlen(s));
		*p++ = '\t';
		p = put(p, o, strlen(o));
		*p++ = '\n';
		sg_write(g->w, row, (size_t)(p - row));
	}
	free(ts.pick);
	free(to.pick);
}

/*
 * Child protection plans: one row per plan, each a different child,
 * starting on a weekday.  Most plans last 2 to 12 months, one in ten
 * up to two and a half years; a plan that would end after --end has
 * not ended yet (empty plan_end).
 */
static void
gen_plans(struct gen *g)
{
	uint64_t i;
	long s, e, span = g->end - g->start;
	char row[64], *p;

	header(g, "child_id\tplan_start\tplan_end\n");
	for (i = 0; i < g->rows; i++) {
		s = weekday_of(g, i);
		e = s + 60 + (long)below(&g->rng, 300);
		if (below(&g->rng, 10) == 0)
			e += (long)below(&g->rng, 600);
		p = PUTS(row, "K");
		p = put_num(p, scramble(i, g->idoff), 8);
		*p++ = '\t';
		p = put_date(p, g, s);
		*p++ = '\t';
		if (e <= span)
			p = put_date(p, g, e);
		*p++ = '\n';
		sg_write(g->w, row, (size_t)(p - row));
	}
}

/*
 * Adult safeguarding concerns: people from a pool of 1.75 x rows drawn
 * with a skew (about 1086 people for 1603 concerns, as published), decided within 4 days for 57% of concerns,
 * outcomes in the published proportions of 2023-24 (70 in 1603 with no
 * recorded outcome).
 */
static const struct choice concern_outcomes[] = {
	{ "s42(2) enquiry", 343 }, { "s42(1) criteria met", 673 },
	{ "s42(1) criteria not met", 517 }, { "", 70 },
};

static void
gen_concerns(struct gen *g)
{
	struct table t;
	uint64_t pool = pool_size(g->rows, 7, 4), i, c;
	const char *o;
	long d;
	char row[128], *p;

	table_init(&t, concern_outcomes, 4);
	header(g, "concern_id\tperson_id\treceived_date\tdecision_date\t"
	    "outcome\n");
	for (i = 0; i < g->rows; i++) {
		o = concern_outcomes[draw(&g->rng, &t)].label;
		d = day_of(g, i);
		c = skewed(&g->rng, (uint32_t)pool);
		p = put_lead(row, g, "SC", i, 'A', c, d);
		if (below(&g->rng, 100) < 57)
			d += (long)below(&g->rng, 5);
		else
			d += 5 + (long)below(&g->rng, 36);
		p = put_date(p, g, d);
		*p++ = '\t';
		p = put(p, o, strlen(o));
		*p++ = '\n';
		sg_write(g->w, row, (size_t)(p - row));
	}
	free(t.pick);
}

/*
 * Long KPI returns: row i is the cell (KPI i / 2000 mod 50, agency i mod
 * 2000), so the first 100000 rows fill each cell once and later rows
 * come back to the same cells (for sg-pivot --agg sum).  Values are
 * whole percentages, with 3% z (not applicable) and 2% x (no return).
 */
#define KPI_AGENCIES	2000
#define KPI_KPIS	50

static void
gen_kpi(struct gen *g)
{
	uint64_t i, cell;
	uint32_t v;
	char row[64], *p;

	header(g, "kpi\tagency\tvalue\n");
	for (i = 0; i < g->rows; i++) {
		cell = i % (KPI_AGENCIES * KPI_KPIS);
		p = PUTS(row, "1.");
		p = put_num(p, cell / KPI_AGENCIES + 1, 1);
		p = PUTS(p, "\tAgency ");
		p = put_num(p, cell % KPI_AGENCIES + 1, 4);
		*p++ = '\t';
		v = below(&g->rng, 100);
		if (v < 3)
			*p++ = 'z';
		else if (v < 5)
			*p++ = 'x';
		else if (v < 15)
			p = PUTS(p, "100");
		else
			p = put_num(p, 40 + below(&g->rng, 60), 1);
		*p++ = '\n';
		sg_write(g->w, row, (size_t)(p - row));
	}
}

/* ------------------------------------------------------------------ */

static const struct {
	const char	*name;
	void		(*fn)(struct gen *);
} kinds[] = {
	{ "missing", gen_missing },
	{ "crimes", gen_crimes },
	{ "contacts", gen_contacts },
	{ "referrals", gen_referrals },
	{ "plans", gen_plans },
	{ "concerns", gen_concerns },
	{ "kpi", gen_kpi },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static long
date_opt(const char *opt, const char *arg)
{
	long d;

	if (!sg_date_parse_iso(arg, strlen(arg), &d))
		sg_die_usage("%s: not a date (YYYY-MM-DD): '%.40s'", opt, arg);
	return d;
}

/* Slack after --end in the date table: decisions come up to 40 days
 * after the last concern. */
#define DATE_SLACK	64

/* What the command line asks for. */
struct settings {
	struct sg_common common;
	size_t		 kind;		/* in kinds[] */
	long		 rows, seed;
	long		 start, end;	/* days */
};

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	switch (ch) {
	case 'n':
		s->rows = sg_opt_long("--rows", arg, 0, LONG_MAX);
		break;
	case 's':
		s->seed = sg_opt_long("--seed", arg, 0, LONG_MAX);
		break;
	case 'b': s->start = date_opt("--start", arg); break;
	case 'e': s->end = date_opt("--end", arg); break;
	}
}

static void
parse(int argc, char **argv, struct settings *s)
{
	*s = (struct settings){ .rows = -1, .seed = -1,
	    .start = sg_days_from_ymd(2022, 4, 1),
	    .end = sg_days_from_ymd(2024, 3, 31) };
	/* getopt's own messages then name the tool as ours do. */
	argv[0] = (char *)sg_progname;
	sg_optab_parse(help, argc, argv, set_option, s,
	    &s->common);
	if (optind >= argc)
		sg_die_usage("no KIND given (missing, crimes, contacts, "
		    "referrals, plans, concerns or kpi)");
	if (optind + 1 < argc)
		sg_die_usage("one KIND only: unexpected '%.40s'",
		    argv[optind + 1]);
	for (s->kind = 0; s->kind < NKINDS; s->kind++)
		if (strcmp(argv[optind], kinds[s->kind].name) == 0)
			break;
	if (s->kind == NKINDS)
		sg_die_usage("unknown KIND '%.40s' (missing, crimes, contacts, "
		    "referrals, plans, concerns or kpi)", argv[optind]);
	if (s->rows < 0)
		sg_die_usage("--rows is required");
	if (s->seed < 0)
		sg_die_usage("--seed is required");
	if (s->end < s->start)
		sg_die_usage("--end is before --start");
}

/* The generator's state from the settings: its seed, keys and dates. */
static void
gen_init(struct gen *g, const struct settings *s)
{
	char buf[11];
	uint64_t x;
	long n;

	memset(g, 0, sizeof(*g));
	g->start = s->start;
	g->end = s->end;
	g->rows = (uint64_t)s->rows;
	rng_seed(&g->rng, (uint64_t)s->seed);
	x = (uint64_t)s->seed ^ 0x5347u;		/* "SG" */
	g->key = splitmix64(&x);
	g->idoff = splitmix64(&x) % ID_SPACE;

	g->ndates = g->end - g->start + 1 + DATE_SLACK;
	g->date = sg_malloc((size_t)g->ndates * sizeof(*g->date));
	g->weekdays = sg_malloc((size_t)g->ndates * sizeof(*g->weekdays));
	for (n = 0; n < g->ndates; n++) {
		sg_date_fmt(g->start + n, buf);
		memcpy(g->date[n], buf, 10);
		if (g->start + n <= g->end && sg_weekday(g->start + n) < 5)
			g->weekdays[g->nweekdays++] = n;
	}
	/* A range of weekend days only: use them. */
	if (g->nweekdays == 0)
		for (n = 0; n <= g->end - g->start; n++)
			g->weekdays[g->nweekdays++] = n;
}

/* The worker: writes the rows of the KIND asked for to w. */
static void
synth(const struct settings *s, struct sg_writer *w)
{
	struct gen g;

	gen_init(&g, s);
	g.w = w;
	kinds[s->kind].fn(&g);
	free(g.date);
	free(g.weekdays);
}

int
main(int argc, char **argv)
{
	struct settings s;
	struct sg_writer *w;

	sg_init(argv[0]);
	parse(argc, argv, &s);
	w = sg_writer_open(s.common.output, s.common.gzip);
	synth(&s, w);
	sg_writer_close(w);
	return SG_EXIT_OK;
}
