/*
 * sg-pop: adds the population a rate needs, from DfE's or ONS's tidy
 * population estimates as published (man/sg-pop.1).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "official.h"
#include "optab.h"
#include "optval.h"

/* Options with a long name only, in the order of help's lines (optab.h). */
enum { OPT_AGE = SG_OPT_LONG, OPT_LAG };

#define DEFAULT_AGE	"Children aged 0 to 17 years"

static const char help[] =
"usage: sg-pop -p FILE [-a COL] [-y COL] [--age LABEL] [--lag N] [-x]\n"
"              [-o FILE] [-z] [FILE...]\n"
"  -p, --pop FILE         the population estimates (CSV or TSV)\n"
"  -a, --area COL         match the codes in COL (default: by level)\n"
"  -y, --year COL         the year column (default: time_period)\n"
"      --age LABEL        the age_group (default \"" DEFAULT_AGE "\")\n"
"      --lag N            use the estimate of year N-lag (default: 1)\n"
"  -x, --missing-x        write x for a missing population, not stop\n";

/* What the command line asks for: every option kept by the option (no
 * -a COL: match by geographic_level), --lag read as a number. */
struct settings {
	struct sg_optval opt;
	long		 lag;
	struct sg_common common;
};

/* The estimates, by "CODE\tYEAR": the value as written (a number or a
 * symbol) and the line it came from. */
struct estimate {
	const char	*value;
	long		 line;
};

struct popindex {
	struct sg_hash	*h;
	struct sg_buf	 key;
};

/* The levels of DfE's tidy data, and the code column of each. */
static const struct level {
	const char	*name;
	const char	*codecol;
} levels[] = {
	{ "National", "country_code" },
	{ "Regional", "region_code" },
	{ "Local authority", "new_la_code" },
	{ NULL, NULL }
};

static const char *
make_key(struct popindex *ix, const char *code, size_t n, long year)
{
	char y[24];

	ix->key.len = 0;
	sg_buf_add(&ix->key, code, n);
	snprintf(y, sizeof(y), "\t%ld", year);
	sg_buf_adds(&ix->key, y);
	return ix->key.p;
}

/* Adds one code's estimate; the same code and year twice must agree. */
/*
 * An estimate as the stream writes it (sg(7), "Values": one spelling per
 * symbol): a number as written, a symbol bare, so that the GSS's "[c]" is
 * "c" and an empty estimate "x", which sg-rate(1) then propagates.
 */
static const char *
stream_form(const char *v)
{
	struct sg_value sv;
	size_t n = strlen(v);

	if (n >= 3 && v[0] == '[' && v[n - 1] == ']' &&
	    sg_value_parse(v + 1, n - 2, &sv) != SG_NUM &&
	    sv.kind != SG_BAD)
		return sg_kind_symbol(sv.kind);
	if (sg_value_parse(v, n, &sv) != SG_NUM && sv.kind != SG_BAD)
		return sg_kind_symbol(sv.kind);
	return v;
}

static void
index_one(struct popindex *ix, const struct sg_table *t, size_t row,
    const char *code, long year, size_t vc)
{
	const char *raw = sg_table_get(t, row, vc);
	const char *value = stream_form(raw);
	struct estimate *e;
	struct sg_buf what = { NULL, 0, 0 };
	char tail[64];
	int isnew;

	if (*code == '\0')
		return;
	make_key(ix, code, strlen(code), year);
	e = sg_hash_get_data(ix->h, ix->key.p, ix->key.len, sizeof(*e), 1,
	    &isnew);
	if (!isnew && strcmp(e->value, value) != 0) {
		sg_buf_adds(&what, "a second, different estimate for ");
		sg_buf_adds(&what, code);
		snprintf(tail, sizeof(tail), " in %ld (line %ld has ", year,
		    e->line);
		sg_buf_adds(&what, tail);
		sg_buf_adds(&what, e->value);
		sg_buf_addc(&what, ')');
		sg_data_error(t->path, t->line[row], t->name[vc], what.p,
		    raw, strlen(raw));
	}
	e->value = value;
	e->line = t->line[row];
}

static long
need_col(const struct sg_table *t, const char *name, const char *alt)
{
	long c = sg_table_col(t, name);

	if (c < 0 && alt != NULL)
		c = sg_table_col(t, alt);
	if (c < 0)
		sg_data_error(t->path, 1, NULL, "no column", name,
		    strlen(name));
	return c;
}

/* A year as the population file writes it: four digits. */
static int
parse_year(const char *s, long *y)
{
	size_t n = strlen(s), i;

	if (n != 4)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	*y = strtol(s, NULL, 10);
	return 1;
}

/* Indexes the rows of the age group by code (the level's code column,
 * and for local authorities old_la_code too, or the -a column) and year. */
static void
index_table(struct popindex *ix, const struct sg_table *t,
    const struct settings *s)
{
	long lev = sg_table_col(t, "geographic_level");
	long agec = sg_table_col(t, "age_group"), yc, vc, ac = -1, oldc, cc;
	const char *age = s->opt.arg[OPT_AGE], *area = s->opt.arg['a'];
	size_t r, used = 0, k;
	const char *lv, *ys, *v;
	long year;

	yc = need_col(t, "time_period", s->opt.arg['y']);
	vc = need_col(t, "population_estimate", "population");
	oldc = sg_table_col(t, "old_la_code");
	if (lev < 0)
		ac = need_col(t, area != NULL ? area : "area", "area");
	if (agec < 0 && age != NULL)
		sg_data_error(t->path, 1, NULL, "no column age_group for "
		    "--age", age, strlen(age));
	if (age == NULL)
		age = DEFAULT_AGE;
	for (r = 0; r < t->nrows; r++) {
		if (agec >= 0 && strcmp(sg_table_get(t, r, agec), age) != 0)
			continue;
		used++;
		ys = sg_table_get(t, r, yc);
		v = sg_table_get(t, r, vc);
		if (!parse_year(ys, &year))
			sg_data_error(t->path, t->line[r], t->name[yc],
			    "not a year", ys, strlen(ys));
		if (!sg_num_parse(v, strlen(v), &(double){ 0 }) &&
		    !sg_is_symbol(v, strlen(v)))
			sg_data_error(t->path, t->line[r], t->name[vc],
			    "not a number or a symbol", v, strlen(v));
		if (ac >= 0) {
			index_one(ix, t, r, sg_table_get(t, r, ac), year, vc);
			continue;
		}
		lv = sg_table_get(t, r, lev);
		for (k = 0; levels[k].name != NULL; k++)
			if (strcmp(lv, levels[k].name) == 0)
				break;
		if (levels[k].name == NULL)
			continue;	/* a level DfE does not rate */
		cc = need_col(t, levels[k].codecol, NULL);
		index_one(ix, t, r, sg_table_get(t, r, cc), year, vc);
		if (k == 2 && oldc >= 0)
			index_one(ix, t, r, sg_table_get(t, r, oldc), year,
			    vc);
	}
	if (used == 0)
		sg_data_error(t->path, 1, "age_group", "no rows for the age "
		    "group", age, strlen(age));
}

/*
 * The year a row's period ends: "2024" (a year ending 31 March 2024),
 * "202324" or "2023-24" (the financial year ending in 2024).
 */
static int
period_end(const char *s, size_t n, long *end)
{
	char d[8];
	size_t i, k = 0;
	long y;

	for (i = 0; i < n && k < 7; i++) {
		if (s[i] == '-' && i == 4 && n == 7)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return 0;
		d[k++] = s[i];
	}
	if (i != n || (k != 4 && k != 6))
		return 0;
	d[k] = '\0';
	y = strtol(d, NULL, 10);
	if (k == 4) {
		*end = y;
		return 1;
	}
	if ((y / 100 + 1) % 100 != y % 100)
		return 0;
	*end = y / 100 + 1;
	return 1;
}

struct inputcols {
	long	 level;		/* geographic_level, or -1 with -a */
	long	 area;		/* the -a column */
	long	 code[3];	/* each level's code column */
	size_t	 year;
};

static void
resolve_input(const struct sg_reader *r, const struct settings *s,
    struct inputcols *c)
{
	const struct sg_record *h = sg_reader_header(r);
	size_t k;

	if (sg_col_find(h, "population") >= 0)
		sg_data_error(sg_reader_file(r), 1, "population", "the column "
		    "is there already", NULL, 0);
	c->year = sg_col_resolve("--year", s->opt.arg['y'], h);
	c->level = c->area = -1;
	if (s->opt.arg['a'] != NULL) {
		c->area = (long)sg_col_resolve("--area", s->opt.arg['a'], h);
		return;
	}
	c->level = (long)sg_col_resolve("geographic_level (or --area)",
	    "geographic_level", h);
	for (k = 0; k < 3; k++)
		c->code[k] = (long)sg_col_resolve("geographic_level",
		    levels[k].codecol, h);
}

/* The column holding the row's area code. */
static size_t
area_col(const struct sg_reader *r, const struct sg_record *rec,
    const struct inputcols *c)
{
	size_t k;

	if (c->area >= 0)
		return (size_t)c->area;
	for (k = 0; levels[k].name != NULL; k++)
		if (strcmp(rec->f[c->level], levels[k].name) == 0)
			return (size_t)c->code[k];
	sg_data_error(sg_reader_file(r), sg_reader_line(r),
	    "geographic_level", "not National, Regional or Local authority "
	    "(give --area)", rec->f[c->level], rec->len[c->level]);
}

/* Writes a record and one more field. */
static void
write_row(struct sg_writer *w, const struct sg_record *rec, const char *v)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		sg_write_field(w, rec->f[i], rec->len[i], i == 0);
	sg_write_field(w, v, strlen(v), rec->n == 0);
	sg_write_eol(w);
}

static void
add_population(const struct settings *s)
{
	struct popindex ix = { sg_hash_new(), { NULL, 0, 0 } };
	struct sg_table *t = sg_table_read(s->opt.arg['p']);
	struct sg_reader *r = sg_reader_open(s->common.files,
	    s->common.nfiles);
	const struct sg_record *h = sg_reader_header(r);
	struct sg_writer *w;
	struct sg_record rec;
	struct inputcols c;
	struct estimate *e;
	size_t ac;
	long end;
	char what[128];

	index_table(&ix, t, s);
	resolve_input(r, s, &c);
	w = sg_writer_open(s->common.output, s->common.gzip);
	write_row(w, h, "population");
	while (sg_read(r, &rec)) {
		ac = area_col(r, &rec, &c);
		if (!period_end(rec.f[c.year], rec.len[c.year], &end))
			sg_data_error(sg_reader_file(r), sg_reader_line(r),
			    h->f[c.year], "not a year (2024, 202324 or "
			    "2023-24)", rec.f[c.year], rec.len[c.year]);
		make_key(&ix, rec.f[ac], rec.len[ac], end - s->lag);
		e = sg_hash_get_data(ix.h, ix.key.p, ix.key.len, sizeof(*e),
		    0, NULL);
		if (e == NULL && !s->opt.n['x']) {
			snprintf(what, sizeof(what), "no population for %ld "
			    "in the estimates", end - s->lag);
			sg_data_error(sg_reader_file(r), sg_reader_line(r),
			    h->f[ac], what, rec.f[ac], rec.len[ac]);
		}
		write_row(w, &rec, e != NULL ? e->value : "x");
	}
	sg_writer_close(w);
	sg_reader_close(r);
	sg_table_free(t);
	sg_hash_free(ix.h);
	sg_buf_free(&ix.key);
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
	if (ch == OPT_LAG)
		s->lag = sg_opt_long("--lag", arg, 0, 100);
}

int
main(int argc, char **argv)
{
	struct settings s = { .opt.arg['y'] = "time_period", .lag = 1 };

	sg_init(argv[0]);
	sg_optab_parse(help, argc, argv, set_option, &s,
	    &s.common);
	if (s.opt.arg['p'] == NULL)
		sg_die_usage("give the population estimates with -p FILE");
	add_population(&s);
	return SG_EXIT_OK;
}
