/*
 * sg-chart: a self-contained SVG line or bar chart of one or more series
 * (columns -y) against a category column (-x), such as contacts per
 * quarter (sg-chart(1)).  The chart has axes with "nice" ticks, a legend,
 * a title, and <title>/<desc> for screen readers.  Series differ by
 * colour and also by marker and dash pattern (lines) or fill pattern
 * (bars), never by colour alone.  Symbols and empty values are gaps.
 * Categories whose labels do not fit along the bottom go down the left,
 * each label whole (lib/chart/draw.c).
 *
 * The chart is drawn only when every point is known, so the series are
 * held in memory: one double and one copied value per cell, plus the x
 * labels.  Charts are small; a million points would take about 40 MB.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "optab.h"
#include "optval.h"
#include "chart/chart.h"

static const char help[] =
"usage: sg-chart -x COL -y COLS [-t line|bar] [-O auto|vertical|horizontal]\n"
"                [-T TITLE] [-X LABEL] [-Y LABEL] [-d TEXT] [-W WIDTH]\n"
"                [-H HEIGHT] [-Z] [-i ID] [-o FILE] [-z] [FILE...]\n"
"Draws a self-contained SVG chart of the columns COLS against COL.\n"
"  -x, --x COL            the categories (in input order)\n"
"  -y, --y COLS           the series to draw (numbers; symbols are gaps)\n"
"  -t, --type TYPE        line (default) or bar\n"
"  -O, --orient WHICH     auto (default), vertical: categories along\n"
"                         the bottom, or horizontal: down the left\n"
"  -T, --title TEXT       the chart's title\n"
"  -X, --xlabel TEXT      a label for the categories\n"
"  -Y, --ylabel TEXT      a label for the values\n"
"  -d, --desc TEXT        the description for screen readers\n"
"                         (default: a summary of the series)\n"
"  -W, --width N          width in pixels (200 to 4000, default 640)\n"
"  -H, --height N         height in pixels (150 to 4000, default 360)\n"
"  -Z, --no-zero          line charts: fit the value axis to the data\n"
"  -i, --id ID            prefix of the ids in the SVG (default: from a\n"
"                         hash of the data)\n";

/* What the command line asks for. */
struct settings {
	struct sg_common common;
	struct sg_optval opt;		/* every option, as given last */
	struct chart	 chart;		/* the options it carries */
};

static void
check_id(const char *arg)
{
	size_t n = strlen(arg);

	if (n == 0 || n > 40 || strspn(arg, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != n ||
	    !((*arg >= 'a' && *arg <= 'z') || (*arg >= 'A' && *arg <= 'Z')))
		sg_die_usage("--id: not a letter then up to 39 letters, "
		    "digits, - or _: '%s'", arg);
}

/* One option of the table into the settings: each is kept, and those
 * that take a word or a number are checked at once. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;
	struct chart *c = &s->chart;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 't': c->bar = sg_opt_word("--type", arg, "line|bar"); break;
	case 'O':
		c->orient = (enum chart_orient)sg_opt_word("--orient", arg,
		    "auto|vertical|horizontal");
		break;
	case 'W': c->W = (double)sg_opt_long("--width", arg, 200, 4000); break;
	case 'H': c->H = (double)sg_opt_long("--height", arg, 150, 4000); break;
	case 'i': check_id(arg); break;
	}
}

static void
parse(int argc, char **argv, struct settings *s)
{
	const char *const *arg = s->opt.arg;

	memset(s, 0, sizeof(*s));
	s->chart.W = 640;
	s->chart.H = 360;
	sg_optab_parse(help, argc, argv, set_option, s, &s->common);
	if (arg['x'] == NULL)
		sg_die_usage("-x COL is required");
	if (arg['y'] == NULL)
		sg_die_usage("-y COLS is required");
	s->chart.title = arg['T'];
	s->chart.xlabel = arg['X'];
	s->chart.ylabel = arg['Y'];
	s->chart.nozero = s->opt.n['Z'] != 0;
}

/* A header's name, escapes undone, in the arena. */
static char *
header_name(struct sg_arena *a, const struct sg_record *hdr, size_t col)
{
	char *nm = sg_arena_strndup(a, hdr->f[col], hdr->len[col]);

	nm[sg_unescape(nm, strlen(nm))] = '\0';
	return nm;
}

/* Makes room for cap points in every series. */
static void
grow(struct chart *c, size_t cap)
{
	size_t s;

	c->xlab = sg_realloc(c->xlab, cap * sizeof(*c->xlab));
	for (s = 0; s < c->nser; s++) {
		c->ser[s].v = sg_realloc(c->ser[s].v, cap * sizeof(double));
		c->ser[s].text = sg_realloc(c->ser[s].text,
		    cap * sizeof(char *));
	}
}

/* One cell of series s: a number, 0 for low, a gap for a symbol. */
static double
cell(struct sg_reader *r, const struct sg_record *rec, size_t col)
{
	const struct sg_record *hdr = sg_reader_header(r);
	struct sg_value v;

	switch (sg_value_parse(rec->f[col], rec->len[col], &v)) {
	case SG_NUM:
		/* At most 300 digits before the point (sg(7)): the axis's
		 * range and a step beyond it stay finite. */
		return v.num;
	case SG_LOW:
		/* Rounds to zero but is not zero: drawn at 0. */
		return 0;
	case SG_BAD:
		sg_data_error(sg_reader_file(r), sg_reader_line(r),
		    hdr->f[col], "not a number or a symbol", rec->f[col],
		    rec->len[col]);
	default:
		return NAN;
	}
}

/* Reads the categories and series; returns a hash of the data. */
static uint64_t
read_data(struct chart *c, struct sg_reader *r, struct sg_arena *a,
    size_t xcol)
{
	uint64_t hash = 1469598103934665603ULL;
	struct sg_record rec;
	size_t s, n, cap = 0, col;

	while (sg_read(r, &rec)) {
		if (c->npts == cap)
			grow(c, cap = cap ? cap * 2 : 64);
		hash = (hash * 31) ^ sg_hash_bytes(rec.line, rec.linelen);
		for (s = 0; s < c->nser; s++) {
			col = c->ser[s].col;
			c->ser[s].v[c->npts] = cell(r, &rec, col);
			c->ser[s].text[c->npts] = sg_arena_strndup(a,
			    rec.f[col], rec.len[col]);
		}
		n = sg_unescape(rec.f[xcol], rec.len[xcol]);
		c->xlab[c->npts++] = sg_arena_strndup(a, rec.f[xcol], n);
	}
	return hash;
}

/* A series' lowest, highest and last values and how many are missing. */
static void
describe_series(const struct chart *c, const struct chart_series *ser,
    struct sg_buf *d)
{
	size_t i, lo, hi, last, missing = 0;

	lo = hi = last = c->npts;
	for (i = 0; i < c->npts; i++) {
		if (isnan(ser->v[i])) {
			missing++;
			continue;
		}
		if (lo == c->npts || ser->v[i] < ser->v[lo])
			lo = i;
		if (hi == c->npts || ser->v[i] > ser->v[hi])
			hi = i;
		last = i;
	}
	sg_buf_printf(d, " %s", ser->name);
	if (last == c->npts) {
		sg_buf_adds(d, ": no values.");
		return;
	}
	sg_buf_printf(d, ": lowest %s (%s), highest %s (%s), last %s (%s)",
	    ser->text[lo], c->xlab[lo], ser->text[hi], c->xlab[hi],
	    ser->text[last], c->xlab[last]);
	if (missing > 0)
		sg_buf_printf(d, "; %zu missing", missing);
	sg_buf_adds(d, ".");
}

/* The description for screen readers. */
static void
describe(const struct chart *c, struct sg_buf *d)
{
	size_t s;

	sg_buf_adds(d, c->bar ? "Bar chart of " : "Line chart of ");
	for (s = 0; s < c->nser; s++) {
		if (s > 0)
			sg_buf_adds(d, s + 1 == c->nser ? " and " : ", ");
		sg_buf_adds(d, c->ser[s].name);
	}
	sg_buf_printf(d, " by %s", c->xname);
	if (c->npts == 0) {
		sg_buf_adds(d, ". No data.");
		return;
	}
	sg_buf_printf(d, ", %zu point%s from %s to %s.", c->npts,
	    c->npts == 1 ? "" : "s", c->xlab[0], c->xlab[c->npts - 1]);
	for (s = 0; s < c->nser; s++)
		describe_series(c, &c->ser[s], d);
}

/* Reads the input into the chart (closing it) and draws it. */
static void
chart(struct settings *st, struct sg_reader *r, struct sg_arena *a)
{
	const struct sg_record *hdr = sg_reader_header(r);
	struct chart *c = &st->chart;
	struct sg_buf d = { NULL, 0, 0 };
	struct sg_writer *w;
	size_t xcol, *ycols, s;
	uint64_t hash;

	xcol = sg_col_resolve("-x", st->opt.arg['x'], hdr);
	c->nser = sg_cols_resolve("-y", st->opt.arg['y'], hdr, &ycols);
	c->ser = sg_calloc(c->nser, sizeof(*c->ser));
	for (s = 0; s < c->nser; s++) {
		c->ser[s].name = header_name(a, hdr, ycols[s]);
		c->ser[s].col = ycols[s];
	}
	free(ycols);
	c->xname = header_name(a, hdr, xcol);
	hash = read_data(c, r, a, xcol);
	c->file = sg_arena_strndup(a, sg_reader_file(r),
	    strlen(sg_reader_file(r)));
	sg_reader_close(r);
	if (st->opt.arg['i'] != NULL)
		snprintf(c->id, sizeof(c->id), "%s", st->opt.arg['i']);
	else
		snprintf(c->id, sizeof(c->id), "sg-chart-%08x",
		    (unsigned)(hash ^ (hash >> 32)));
	if (st->opt.arg['d'] != NULL)
		sg_buf_adds(&d, st->opt.arg['d']);
	else
		describe(c, &d);
	c->desc = d.p != NULL ? d.p : "";
	w = sg_writer_open(st->common.output, st->common.gzip);
	chart_draw(c, w);
	sg_writer_close(w);
	for (s = 0; s < c->nser; s++) {
		free(c->ser[s].v);
		free(c->ser[s].text);
	}
	free(c->ser);
	free(c->xlab);
	sg_buf_free(&d);
}

int
main(int argc, char **argv)
{
	struct settings s;
	struct sg_reader *r;
	struct sg_arena *a;

	sg_init(argv[0]);
	parse(argc, argv, &s);
	r = sg_reader_open(s.common.files, s.common.nfiles);
	a = sg_arena_new();
	chart(&s, r, a);
	sg_arena_free(a);
	return SG_EXIT_OK;
}
