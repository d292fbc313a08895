/*
 * sg-chart: a self-contained SVG line or bar chart of one or more series
 * (columns -y) against a category column (-x), such as contacts per
 * quarter.  The chart has axes with "nice" ticks (steps of 1, 2 or 5 times
 * a power of ten), a legend, a title, and <title>/<desc> for screen
 * readers.  Series differ by colour and also by marker and dash pattern
 * (lines) or fill pattern (bars), never by colour alone.  Symbols and
 * empty values are gaps.
 *
 * The chart is drawn only when every point is known, so the series are
 * held in memory: one double and one copied value per cell, plus the x
 * labels.  Charts are small; a million points would take about 40 MB.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "markup.h"

static const char usage_text[] =
"usage: sg-chart -x COL -y COLS [-t line|bar] [-T TITLE] [-X LABEL]\n"
"                [-Y LABEL] [-d TEXT] [-W WIDTH] [-H HEIGHT] [-Z] [-i ID]\n"
"                [-o FILE] [-z] [FILE...]\n"
"Draws a self-contained SVG chart of the columns COLS against COL.\n"
"  -x, --x COL          the categories along the x axis (in input order)\n"
"  -y, --y COLS         the series to draw (numbers; symbols are gaps)\n"
"  -t, --type TYPE      line (default) or bar\n"
"  -T, --title TEXT     the chart's title\n"
"  -X, --xlabel TEXT    a label under the x axis\n"
"  -Y, --ylabel TEXT    a label beside the y axis\n"
"  -d, --desc TEXT      the description for screen readers (default: a\n"
"                       summary of the series written by sg-chart)\n"
"  -W, --width N        width in pixels (200 to 4000, default 640)\n"
"  -H, --height N       height in pixels (150 to 4000, default 360)\n"
"  -Z, --no-zero        line charts: fit the y axis to the data instead\n"
"                       of starting it at 0\n"
"  -i, --id ID          prefix of the ids in the SVG (default: from a\n"
"                       hash of the data), for several charts in a page\n"
"  -o, --output FILE    write to FILE atomically instead of standard output\n"
"  -z, --gzip           compress the output with gzip\n"
"  -h, --help           show this help and exit\n"
"  -V, --version        show the version and exit\n";

static const struct option longopts[] = {
	{ "x", required_argument, NULL, 'x' },
	{ "y", required_argument, NULL, 'y' },
	{ "type", required_argument, NULL, 't' },
	{ "title", required_argument, NULL, 'T' },
	{ "xlabel", required_argument, NULL, 'X' },
	{ "ylabel", required_argument, NULL, 'Y' },
	{ "desc", required_argument, NULL, 'd' },
	{ "width", required_argument, NULL, 'W' },
	{ "height", required_argument, NULL, 'H' },
	{ "no-zero", no_argument, NULL, 'Z' },
	{ "id", required_argument, NULL, 'i' },
	SG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

/* Okabe and Ito's colour-blind-safe palette, darkest first. */
#define NSTYLE	8
static const char *const colours[NSTYLE] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7",
	"#E69F00", "#56B4E9", "#000000", "#999933"
};
static const char *const dashes[NSTYLE] = {
	NULL, "8 4", "2 3", "10 3 2 3", "5 2", "1 3", "12 4", "4 2 1 2"
};

#define FONT		12	/* px: ticks, legend, labels */
#define TITLE_FONT	16
#define CHARW(px)	((px) * 0.55)	/* average glyph width of sans-serif */

struct series {
	const char	*name;		/* the column's header, escapes undone */
	size_t		 col;
	double		*v;		/* NAN for a gap */
	char		**text;		/* the value as written */
};

static struct series *ser;
static size_t nser;
static char **xlab;
static size_t npts, cap;
static struct sg_arena *arena;
static struct sg_writer *w;
static struct sg_buf tmp;
static char id[64];

/* ------------------------------------------------------------------ */
/* Output helpers.                                                     */

static void SG_PRINTF(1, 2)
out(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	sg_write(w, buf, (size_t)n);
}

/* Text for an XML element or attribute, escaped. */
static void
out_text(const char *s)
{
	tmp.len = 0;
	sg_markup(&tmp, s, strlen(s), SG_MARKUP_XML);
	sg_write(w, tmp.p, tmp.len);
}

/* Characters in a UTF-8 string (for the width estimates). */
static size_t
nchars(const char *s)
{
	size_t n = 0, len = strlen(s), i = 0;
	unsigned cp;

	while (i < len) {
		i += sg_utf8_next(s + i, len - i, &cp);
		n++;
	}
	return n;
}

static double
text_width(const char *s, int px)
{
	return (double)nchars(s) * CHARW(px);
}

/* A copy of s cut to at most max characters, with an ellipsis. */
static char *
cut(const char *s, size_t max)
{
	size_t len = strlen(s), i = 0, n = 0;
	unsigned cp;
	char *r;

	while (i < len && n < max - 1) {
		i += sg_utf8_next(s + i, len - i, &cp);
		n++;
	}
	if (i >= len || nchars(s) <= max)
		return sg_strdup(s);
	r = sg_malloc(i + 4);
	memcpy(r, s, i);
	memcpy(r + i, "\xe2\x80\xa6", 4);	/* U+2026 and NUL */
	return r;
}

/* ------------------------------------------------------------------ */
/* Nice numbers for the y axis.                                        */

struct axis {
	double	lo, hi;		/* the axis range: first and last tick */
	double	step;
	long	kmin, kmax;	/* ticks are k * step, kmin <= k <= kmax */
	int	dp;		/* decimal places of the tick labels */
};

/*
 * Chooses a step of 1, 2 or 5 times a power of ten near a fifth of the
 * range (Heckbert's "nice numbers"), then widens the range to whole steps.
 */
static void
nice_axis(double lo, double hi, struct axis *a)
{
	double raw, f, p, nf;
	int e;

	if (hi - lo <= 0) {
		if (lo == 0) {
			hi = 1;
		} else {
			p = fabs(lo) * 0.1;
			lo -= p;
			hi += p;
		}
	}
	raw = (hi - lo) / 5;
	e = (int)floor(log10(raw));
	p = pow(10, e);
	f = raw / p;
	nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
	if (nf == 10) {
		nf = 1;
		e++;
		p *= 10;
	}
	a->step = nf * p;
	a->kmin = (long)floor(lo / a->step + 1e-9);
	a->kmax = (long)ceil(hi / a->step - 1e-9);
	if (a->kmax <= a->kmin)
		a->kmax = a->kmin + 1;
	a->lo = (double)a->kmin * a->step;
	a->hi = (double)a->kmax * a->step;
	a->dp = e < 0 ? -e : 0;
}

/* A tick label: the rounding rule of sg_fmt_num, thousands separated. */
static void
tick_label(double v, int dp, char *buf)
{
	char num[SG_NUMBUF];
	size_t len = sg_fmt_num(v, dp, num), i, ilen, o = 0, start = 0;
	const char *dot;

	if (num[0] == '-') {
		buf[o++] = '-';
		start = 1;
	}
	dot = memchr(num, '.', len);
	ilen = (dot != NULL ? (size_t)(dot - num) : len) - start;
	for (i = 0; i < ilen; i++) {
		if (i > 0 && (ilen - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = num[start + i];
	}
	memcpy(buf + o, num + start + ilen, len - start - ilen);
	o += len - start - ilen;
	buf[o] = '\0';
}

/* ------------------------------------------------------------------ */
/* Markers: a different shape for each series.                         */

static void
marker(int style, double x, double y, const char *colour)
{
	const double r = 4;

	switch (style % NSTYLE) {
	case 0:
		out("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"",
		    x, y, r, colour);
		break;
	case 1:
		out("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
		    " fill=\"%s\"", x - r, y - r, 2 * r, 2 * r, colour);
		break;
	case 2:
		out("<path d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" fill=\"%s\"",
		    x, y - r - 1, r + 1, 2 * r + 1, -2 * r - 2, colour);
		break;
	case 3:
		out("<path d=\"M%.1f %.1fl%.1f %.1fl%.1f %.1fl%.1f %.1fz\" "
		    "fill=\"%s\"", x, y - r - 1, r + 1, r + 1, -r - 1, r + 1,
		    -r - 1, -r - 1, colour);
		break;
	case 4:
		out("<path d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" fill=\"%s\"",
		    x, y + r + 1, r + 1, -2 * r - 1, -2 * r - 2, colour);
		break;
	case 5:
		out("<path d=\"M%.1f %.1fl%.1f %.1fm0 %.1fl%.1f %.1f\" "
		    "stroke=\"%s\" stroke-width=\"2.5\" fill=\"none\"",
		    x - r, y - r, 2 * r, 2 * r, -2 * r, -2 * r, 2 * r, colour);
		break;
	case 6:
		out("<path d=\"M%.1f %.1fh%.1fm%.1f %.1fv%.1f\" stroke=\"%s\" "
		    "stroke-width=\"2.5\" fill=\"none\"", x - r - 1, y,
		    2 * r + 2, -r - 1, -r - 1, 2 * r + 2, colour);
		break;
	default:
		out("<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"#fff\" "
		    "stroke=\"%s\" stroke-width=\"2\"", x, y, r, colour);
		break;
	}
}

/* Bar fills: a pattern for each series after the first. */
static void
bar_patterns(void)
{
	static const char *const marks[NSTYLE] = {
		NULL,
		"<path d=\"M0 0v6\" stroke=\"#fff\" stroke-width=\"2\"/>",
		"<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/>",
		"<path d=\"M0 0v6M0 0h6\" stroke=\"#fff\" stroke-width=\"1.6\"/>",
		"<path d=\"M0 3h6\" stroke=\"#fff\" stroke-width=\"1.6\"/>",
		"<path d=\"M0 0v6\" stroke=\"#fff\" stroke-width=\"2\"/>",
		"<path d=\"M3 0v6\" stroke=\"#fff\" stroke-width=\"1.6\"/>",
		"<rect x=\"1.5\" y=\"1.5\" width=\"3\" height=\"3\" fill=\"#fff\"/>"
	};
	static const char *const turn[NSTYLE] = {
		NULL, "45", NULL, "45", NULL, "-45", NULL, NULL
	};
	size_t s;
	int k;

	out("<defs>\n");
	for (s = 1; s < nser; s++) {
		k = (int)(s % NSTYLE);
		if (k == 0)
			continue;
		out("<pattern id=\"%s-p%zu\" width=\"6\" height=\"6\" "
		    "patternUnits=\"userSpaceOnUse\"", id, s);
		if (turn[k] != NULL)
			out(" patternTransform=\"rotate(%s)\"", turn[k]);
		out("><rect width=\"6\" height=\"6\" fill=\"%s\"/>%s</pattern>\n",
		    colours[s % NSTYLE], marks[k]);
	}
	out("</defs>\n");
}

static void
bar_fill(size_t s)
{
	if (s % NSTYLE == 0)
		out("fill=\"%s\"", colours[s % NSTYLE]);
	else
		out("fill=\"url(#%s-p%zu)\"", id, s);
}

/* ------------------------------------------------------------------ */
/* Reading.                                                            */

static void
read_data(struct sg_reader *r, size_t xcol, uint64_t *hash)
{
	const struct sg_record *hdr = sg_reader_header(r);
	struct sg_record rec;
	struct sg_value v;
	size_t s, n;

	while (sg_read(r, &rec)) {
		if (npts == cap) {
			cap = cap ? cap * 2 : 64;
			xlab = sg_realloc(xlab, cap * sizeof(*xlab));
			for (s = 0; s < nser; s++) {
				ser[s].v = sg_realloc(ser[s].v,
				    cap * sizeof(double));
				ser[s].text = sg_realloc(ser[s].text,
				    cap * sizeof(char *));
			}
		}
		*hash = (*hash * 31) ^ sg_hash_bytes(rec.line, rec.linelen);
		for (s = 0; s < nser; s++) {
			size_t c = ser[s].col;

			switch (sg_value_parse(rec.f[c], rec.len[c], &v)) {
			case SG_NUM:
				ser[s].v[npts] = v.num;
				break;
			case SG_LOW:
				/* Rounds to zero but is not zero: drawn at 0. */
				ser[s].v[npts] = 0;
				break;
			case SG_BAD:
				sg_data_error(sg_reader_file(r),
				    sg_reader_line(r), hdr->f[c],
				    "not a number or a symbol", rec.f[c],
				    rec.len[c]);
			default:
				ser[s].v[npts] = NAN;
			}
			ser[s].text[npts] = sg_arena_strndup(arena, rec.f[c],
			    rec.len[c]);
		}
		n = sg_unescape(rec.f[xcol], rec.len[xcol]);
		xlab[npts] = sg_arena_strndup(arena, rec.f[xcol], n);
		npts++;
	}
}

/* ------------------------------------------------------------------ */
/* The description for screen readers.                                */

static void
describe(struct sg_buf *d, int bar, const char *xname)
{
	size_t s, i, lo, hi, last, missing;
	char num[64];

	sg_buf_adds(d, bar ? "Bar chart of " : "Line chart of ");
	for (s = 0; s < nser; s++) {
		if (s > 0)
			sg_buf_adds(d, s + 1 == nser ? " and " : ", ");
		sg_buf_adds(d, ser[s].name);
	}
	sg_buf_adds(d, " by ");
	sg_buf_adds(d, xname);
	if (npts == 0) {
		sg_buf_adds(d, ". No data.");
		return;
	}
	snprintf(num, sizeof(num), ", %zu point%s from ", npts,
	    npts == 1 ? "" : "s");
	sg_buf_adds(d, num);
	sg_buf_adds(d, xlab[0]);
	sg_buf_adds(d, " to ");
	sg_buf_adds(d, xlab[npts - 1]);
	sg_buf_adds(d, ".");
	for (s = 0; s < nser; s++) {
		lo = hi = last = npts;
		missing = 0;
		for (i = 0; i < npts; i++) {
			if (isnan(ser[s].v[i])) {
				missing++;
				continue;
			}
			if (lo == npts || ser[s].v[i] < ser[s].v[lo])
				lo = i;
			if (hi == npts || ser[s].v[i] > ser[s].v[hi])
				hi = i;
			last = i;
		}
		sg_buf_adds(d, " ");
		sg_buf_adds(d, ser[s].name);
		if (last == npts) {
			sg_buf_adds(d, ": no values.");
			continue;
		}
		sg_buf_adds(d, ": lowest ");
		sg_buf_adds(d, ser[s].text[lo]);
		sg_buf_adds(d, " (");
		sg_buf_adds(d, xlab[lo]);
		sg_buf_adds(d, "), highest ");
		sg_buf_adds(d, ser[s].text[hi]);
		sg_buf_adds(d, " (");
		sg_buf_adds(d, xlab[hi]);
		sg_buf_adds(d, "), last ");
		sg_buf_adds(d, ser[s].text[last]);
		sg_buf_adds(d, " (");
		sg_buf_adds(d, xlab[last]);
		sg_buf_adds(d, ")");
		if (missing > 0) {
			snprintf(num, sizeof(num), "; %zu missing", missing);
			sg_buf_adds(d, num);
		}
		sg_buf_adds(d, ".");
	}
}

/* ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	struct sg_common common = { 0 };
	const char *xspec = NULL, *yspec = NULL, *title = NULL;
	const char *xlabel = NULL, *ylabel = NULL, *desc = NULL, *idopt = NULL;
	const char *xname;
	struct sg_reader *r;
	const struct sg_record *hdr;
	struct sg_buf d = { NULL, 0, 0 };
	struct axis ax;
	size_t xcol, *ycols, s, i, k, maxx, every;
	uint64_t hash = 1469598103934665603ULL;
	double W = 640, H = 360, left, right, top, bottom, px0, px1, py0, py1;
	double lo, hi, band, ytw, xw, y, x, rows, lx, ly, iw, gw, bw, y0, y1;
	int ch, bar = 0, nozero = 0, rotate, pen;
	char label[SG_NUMBUF + 64], *cl;

	sg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "x:y:t:T:X:Y:d:W:H:Zi:"
	    SG_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (ch) {
		case 'x': xspec = optarg; break;
		case 'y': yspec = optarg; break;
		case 't':
			if (strcmp(optarg, "line") == 0)
				bar = 0;
			else if (strcmp(optarg, "bar") == 0)
				bar = 1;
			else
				sg_die_usage("--type: not line or bar: '%s'",
				    optarg);
			break;
		case 'T': title = optarg; break;
		case 'X': xlabel = optarg; break;
		case 'Y': ylabel = optarg; break;
		case 'd': desc = optarg; break;
		case 'W':
			W = (double)sg_opt_long("--width", optarg, 200, 4000);
			break;
		case 'H':
			H = (double)sg_opt_long("--height", optarg, 150, 4000);
			break;
		case 'Z': nozero = 1; break;
		case 'i':
			if (*optarg == '\0' || strlen(optarg) > 40 ||
			    strspn(optarg, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") !=
			    strlen(optarg) || !((*optarg >= 'a' && *optarg <=
			    'z') || (*optarg >= 'A' && *optarg <= 'Z')))
				sg_die_usage("--id: not a letter then up to 39 "
				    "letters, digits, - or _: '%s'", optarg);
			idopt = optarg;
			break;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
	}
	if (xspec == NULL)
		sg_die_usage("-x COL is required");
	if (yspec == NULL)
		sg_die_usage("-y COLS is required");

	r = sg_reader_open(argv + optind, argc - optind);
	hdr = sg_reader_header(r);
	xcol = sg_col_resolve("-x", xspec, hdr);
	nser = sg_cols_resolve("-y", yspec, hdr, &ycols);
	ser = sg_calloc(nser, sizeof(*ser));
	arena = sg_arena_new();
	for (s = 0; s < nser; s++) {
		char *nm = sg_arena_strndup(arena, hdr->f[ycols[s]],
		    hdr->len[ycols[s]]);

		ser[s].name = nm;
		nm[sg_unescape(nm, strlen(nm))] = '\0';
		ser[s].col = ycols[s];
	}
	free(ycols);
	xname = sg_arena_strndup(arena, hdr->f[xcol], hdr->len[xcol]);
	((char *)xname)[sg_unescape((char *)xname, strlen(xname))] = '\0';
	read_data(r, xcol, &hash);
	sg_reader_close(r);
	if (idopt != NULL)
		snprintf(id, sizeof(id), "%s", idopt);
	else
		snprintf(id, sizeof(id), "sg-chart-%08x",
		    (unsigned)(hash ^ (hash >> 32)));

	/* The y axis. */
	lo = INFINITY;
	hi = -INFINITY;
	for (s = 0; s < nser; s++)
		for (i = 0; i < npts; i++)
			if (!isnan(ser[s].v[i])) {
				lo = fmin(lo, ser[s].v[i]);
				hi = fmax(hi, ser[s].v[i]);
			}
	if (lo > hi)
		lo = hi = 0;
	if (bar || !nozero) {
		lo = fmin(lo, 0);
		hi = fmax(hi, 0);
	}
	nice_axis(lo, hi, &ax);
	ytw = 0;
	for (k = (size_t)0; (long)k <= ax.kmax - ax.kmin; k++) {
		tick_label((double)(ax.kmin + (long)k) * ax.step, ax.dp, label);
		ytw = fmax(ytw, text_width(label, FONT));
	}

	/* The frame: title, legend, margins. */
	top = title != NULL ? 16 + TITLE_FONT + 10 : 14;
	rows = 0;
	if (nser > 1) {
		lx = 16;
		rows = 1;
		for (s = 0; s < nser; s++) {
			iw = 30 + 6 + text_width(ser[s].name, FONT) + 18;
			if (lx + iw > W - 16 && lx > 16) {
				rows++;
				lx = 16;
			}
			lx += iw;
		}
		top += rows * 20 + 4;
	}
	left = 10 + ytw + 8 + (ylabel != NULL ? FONT + 10 : 0);
	right = 20;
	px0 = left;
	px1 = W - right;
	band = npts > 0 ? (px1 - px0) / (double)npts : px1 - px0;
	maxx = 0;
	for (i = 0; i < npts; i++)
		maxx = nchars(xlab[i]) > maxx ? nchars(xlab[i]) : maxx;
	if (maxx > 24)
		maxx = 24;
	xw = (double)maxx * CHARW(FONT - 1);
	rotate = xw > band - 4;
	every = 1;
	if (rotate && band < FONT + 4)
		every = (size_t)ceil((FONT + 4) / band);
	bottom = (rotate ? xw * 0.71 + FONT + 10 : FONT + 12) +
	    (xlabel != NULL ? FONT + 10 : 0) + 6;
	py0 = top + FONT;	/* room for the top tick's label */
	py1 = H - bottom;
	if (py1 - py0 < 40)
		py1 = py0 + 40;
#define YPOS(v)	(py1 - ((v) - ax.lo) / (ax.hi - ax.lo) * (py1 - py0))

	/* The SVG. */
	d.len = 0;
	if (desc != NULL)
		sg_buf_adds(&d, desc);
	else
		describe(&d, bar, xname);
	sg_buf_addc(&d, '\0');
	w = sg_writer_open(common.output, common.gzip);
	out("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\""
	    " width=\"%.0f\" height=\"%.0f\" role=\"img\" "
	    "aria-labelledby=\"%s-title %s-desc\" "
	    "font-family=\"Arial, Helvetica, sans-serif\" font-size=\"%d\">\n",
	    W, H, W, H, id, id, FONT);
	out("<title id=\"%s-title\">", id);
	if (title != NULL) {
		out_text(title);
	} else {
		out("%s chart of ", bar ? "Bar" : "Line");
		for (s = 0; s < nser; s++) {
			if (s > 0)
				out("%s", s + 1 == nser ? " and " : ", ");
			out_text(ser[s].name);
		}
		out(" by ");
		out_text(xname);
	}
	out("</title>\n<desc id=\"%s-desc\">", id);
	out_text(d.p);
	out("</desc>\n");
	if (bar)
		bar_patterns();
	out("<rect width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n", W, H);
	if (title != NULL) {
		out("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"%d\" font-weight=\"bold\">", W / 2,
		    16 + TITLE_FONT - 2, TITLE_FONT);
		out_text(title);
		out("</text>\n");
	}

	/* Legend. */
	if (nser > 1) {
		out("<g class=\"legend\">\n");
		lx = 16;
		ly = (title != NULL ? 16 + TITLE_FONT + 10 : 14) + 10;
		for (s = 0; s < nser; s++) {
			iw = 30 + 6 + text_width(ser[s].name, FONT) + 18;
			if (lx + iw > W - 16 && lx > 16) {
				ly += 20;
				lx = 16;
			}
			if (bar) {
				out("<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" "
				    "height=\"14\" stroke=\"%s\" ", lx + 4,
				    ly - 7, colours[s % NSTYLE]);
				bar_fill(s);
				out("/>\n");
			} else {
				out("<path d=\"M%.1f %.1fh30\" stroke=\"%s\" "
				    "stroke-width=\"2.5\" fill=\"none\"", lx, ly,
				    colours[s % NSTYLE]);
				if (dashes[s % NSTYLE] != NULL)
					out(" stroke-dasharray=\"%s\"",
					    dashes[s % NSTYLE]);
				out("/>");
				marker((int)s, lx + 15, ly, colours[s % NSTYLE]);
				out("/>\n");
			}
			out("<text x=\"%.1f\" y=\"%.1f\" dominant-baseline="
			    "\"middle\">", lx + 36, ly + 1);
			out_text(ser[s].name);
			out("</text>\n");
			lx += iw;
		}
		out("</g>\n");
	}

	/* Grid and y axis. */
	out("<g class=\"y-axis\" fill=\"#333\">\n");
	for (k = 0; (long)k <= ax.kmax - ax.kmin; k++) {
		double v = (double)(ax.kmin + (long)k) * ax.step;

		y = YPOS(v);
		out("<path d=\"M%.1f %.1fH%.1f\" stroke=\"%s\" "
		    "stroke-width=\"1\"/>", px0, y, px1,
		    fabs(v) < ax.step / 2 ? "#666" : "#ddd");
		tick_label(v, ax.dp, label);
		out("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "dominant-baseline=\"middle\">%s</text>\n", px0 - 8, y,
		    label);
	}
	if (ylabel != NULL) {
		x = 6 + FONT / 2.0 + 2;
		y = (py0 + py1) / 2;
		out("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "dominant-baseline=\"middle\" transform=\"rotate(-90 %.1f "
		    "%.1f)\">", x, y, x, y);
		out_text(ylabel);
		out("</text>\n");
	}
	out("</g>\n");

	/* x axis. */
	out("<g class=\"x-axis\" fill=\"#333\" font-size=\"%d\">\n", FONT - 1);
	out("<path d=\"M%.1f %.1fV%.1fH%.1f\" stroke=\"#333\" fill=\"none\"/>\n",
	    px0, py0, py1, px1);
	for (i = 0; i < npts; i++) {
		x = px0 + band * ((double)i + 0.5);
		out("<path d=\"M%.1f %.1fv5\" stroke=\"#333\"/>", x, py1);
		if (i % every != 0) {
			out("\n");
			continue;
		}
		cl = cut(xlab[i], 24);
		if (rotate)
			out("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
			    "transform=\"rotate(-45 %.1f %.1f)\">", x + 3,
			    py1 + 14, x + 3, py1 + 14);
		else
			out("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">",
			    x, py1 + 18);
		out_text(cl);
		out("</text>\n");
		free(cl);
	}
	if (xlabel != NULL) {
		out("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "font-size=\"%d\">", (px0 + px1) / 2, H - 8, FONT);
		out_text(xlabel);
		out("</text>\n");
	}
	out("</g>\n");

	if (npts == 0)
		out("<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "fill=\"#666\">No data</text>\n", (px0 + px1) / 2,
		    (py0 + py1) / 2);

	/* The series. */
	gw = band * 0.8;
	bw = nser > 0 ? gw / (double)nser : gw;
	for (s = 0; s < nser; s++) {
		const char *col = colours[s % NSTYLE];

		out("<g class=\"series\" aria-label=\"");
		out_text(ser[s].name);
		out("\">\n");
		if (bar) {
			for (i = 0; i < npts; i++) {
				x = px0 + band * ((double)i + 0.5) - gw / 2 +
				    bw * (double)s;
				if (isnan(ser[s].v[i])) {
					/* A gap, marked so it is not read as 0. */
					out("<text class=\"gap\" x=\"%.1f\" "
					    "y=\"%.1f\" text-anchor=\"middle\" "
					    "font-size=\"9\" fill=\"#666\">",
					    x + bw / 2, YPOS(0) - 3);
					out_text(ser[s].text[i][0] == '\0' ?
					    "x" : ser[s].text[i]);
					out("</text>\n");
					continue;
				}
				y0 = YPOS(fmax(ser[s].v[i], 0));
				y1 = YPOS(fmin(ser[s].v[i], 0));
				out("<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
				    "width=\"%.1f\" height=\"%.1f\" "
				    "stroke=\"%s\" ", x + 0.5, y0, bw - 1,
				    y1 - y0, col);
				bar_fill(s);
				out("><title>");
				out_text(ser[s].name);
				out(", ");
				out_text(xlab[i]);
				out(": ");
				out_text(ser[s].text[i]);
				out("</title></rect>\n");
			}
		} else {
			/* One path, broken at each gap. */
			out("<path class=\"line\" d=\"");
			pen = 0;
			for (i = 0; i < npts; i++) {
				if (isnan(ser[s].v[i])) {
					pen = 0;
					continue;
				}
				out("%s%.1f %.1f", pen ? "L" : "M",
				    px0 + band * ((double)i + 0.5),
				    YPOS(ser[s].v[i]));
				pen = 1;
			}
			out("\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\""
			    " stroke-linejoin=\"round\"", col);
			if (dashes[s % NSTYLE] != NULL)
				out(" stroke-dasharray=\"%s\"",
				    dashes[s % NSTYLE]);
			out("/>\n");
			for (i = 0; i < npts; i++) {
				if (isnan(ser[s].v[i]))
					continue;
				marker((int)s, px0 + band * ((double)i + 0.5),
				    YPOS(ser[s].v[i]), col);
				out(" class=\"point\"><title>");
				out_text(ser[s].name);
				out(", ");
				out_text(xlab[i]);
				out(": ");
				out_text(ser[s].text[i]);
				out("</title>%s\n", (int)(s % NSTYLE) == 0 ||
				    (s % NSTYLE) == 7 ? "</circle>" :
				    (s % NSTYLE) == 1 ? "</rect>" : "</path>");
			}
		}
		out("</g>\n");
	}
	out("</svg>\n");
	sg_writer_close(w);
	sg_buf_free(&d);
	sg_buf_free(&tmp);
	return SG_EXIT_OK;
}
