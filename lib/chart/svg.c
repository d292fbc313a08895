/*
 * svg.c: the pieces of an sg-chart(1) chart: output of any length, text
 * widths and wrapping, nice axes, markers and bar fills.
 */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "markup.h"
#include "chart/chart.h"

/* Okabe and Ito's colour-blind-safe palette, darkest first. */
const char *const chart_colours[NSTYLE] = {
	"#0072B2", "#D55E00", "#009E73", "#CC79A7",
	"#E69F00", "#56B4E9", "#000000", "#999933"
};
const char *const chart_dashes[NSTYLE] = {
	NULL, "8 4", "2 3", "10 3 2 3", "5 2", "1 3", "12 4", "4 2 1 2"
};

/*
 * Formats into a buffer that grows, so that an element carrying a long
 * title or label is written whole (it was once cut at 1,023 bytes).
 */
void
chart_out(struct chart *c, const char *fmt, ...)
{
	va_list ap;

	c->line.len = 0;
	va_start(ap, fmt);
	sg_buf_vprintf(&c->line, fmt, ap);
	va_end(ap);
	sg_write(c->w, c->line.p, c->line.len);
}

void
chart_text(struct chart *c, const char *s, size_t n)
{
	c->tmp.len = 0;
	sg_markup(&c->tmp, s, n, SG_MARKUP_XML);
	sg_write(c->w, c->tmp.p, c->tmp.len);
}

size_t
chart_nchars(const char *s, size_t len)
{
	size_t n = 0, i = 0;
	unsigned cp;

	while (i < len) {
		i += sg_utf8_next(s + i, len - i, &cp);
		n++;
	}
	return n;
}

double
chart_width(const char *s, int px)
{
	return (double)chart_nchars(s, strlen(s)) * CHARW(px);
}

/* Room for n + 2 offsets, in a buffer that grows by doubling: a 10 MB
 * label makes a quarter of a million lines, and growing by one would
 * copy them all each time. */
static void
add_break(struct chart_lines *l, size_t at)
{
	sg_buf_grow(&l->room, (l->n + 2) * sizeof(*l->at));
	l->at = (size_t *)(void *)l->room.p;
	l->at[l->n++] = at;
}

void
chart_wrap(const char *s, size_t maxc, struct chart_lines *l)
{
	size_t len = strlen(s), i = 0, k, nc = 0, spnc = 0, sp = 0;
	int havesp = 0;
	unsigned cp;

	l->n = 0;
	l->at = NULL;
	memset(&l->room, 0, sizeof(l->room));
	l->split = 0;
	add_break(l, 0);
	if (maxc < 1)
		maxc = 1;
	while (i < len) {
		k = sg_utf8_next(s + i, len - i, &cp);
		/* A space may hang past the end; anything else starts a line. */
		if (s[i] != ' ' && nc >= maxc) {
			if (havesp) {
				add_break(l, sp);
				nc -= spnc;
			} else {
				add_break(l, i);
				nc = 0;
				l->split = 1;
			}
			havesp = 0;
		}
		nc++;
		i += k;
		if (s[i - k] == ' ') {
			sp = i;
			spnc = nc;
			havesp = 1;
		}
	}
	l->at[l->n] = len;
	l->widest = 0;
	for (k = 0; k < l->n; k++) {
		/* The width of a line leaves out the space it ends with. */
		for (i = l->at[k + 1]; i > l->at[k] && s[i - 1] == ' '; i--)
			;
		nc = chart_nchars(s + l->at[k], i - l->at[k]);
		if (nc > l->widest)
			l->widest = nc;
	}
}

/*
 * Wraps s as chart_wrap does, then as narrow as it goes in as many
 * lines, so that a label of two lines has two of about equal length
 * rather than a long one and a word.
 */
void
chart_wrap_even(const char *s, size_t maxc, struct chart_lines *l)
{
	struct chart_lines t;
	size_t m;

	chart_wrap(s, maxc, l);
	if (l->n < 2)
		return;
	for (m = l->widest; m > 1; m--) {
		chart_wrap(s, m - 1, &t);
		if (t.n != l->n || t.split > l->split) {
			chart_lines_free(&t);
			break;
		}
		chart_lines_free(l);
		*l = t;
	}
}

void
chart_lines_free(struct chart_lines *l)
{
	sg_buf_free(&l->room);
	l->at = NULL;
	l->n = 0;
}

/*
 * Chooses a step of 1, 2 or 5 times a power of ten near a fifth of the
 * range (Heckbert's "nice numbers"), then widens the range to whole steps.
 */
void
chart_nice_axis(double lo, double hi, struct chart_axis *a)
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

/* The rounding rule of sg_fmt_num, thousands separated. */
void
chart_tick_label(double v, int dp, char *buf)
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

/* A different shape for each series. */
void
chart_marker(struct chart *c, int style, double x, double y)
{
	const double r = 4;
	const char *colour = chart_colours[style % NSTYLE];

	switch (style % NSTYLE) {
	case 0:
		chart_out(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
		    "fill=\"%s\"", x, y, r, colour);
		break;
	case 1:
		chart_out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"%s\"", x - r, y - r, 2 * r, 2 * r,
		    colour);
		break;
	case 2:
		chart_out(c, "<path d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" "
		    "fill=\"%s\"", x, y - r - 1, r + 1, 2 * r + 1, -2 * r - 2,
		    colour);
		break;
	case 3:
		chart_out(c, "<path d=\"M%.1f %.1fl%.1f %.1fl%.1f %.1fl%.1f "
		    "%.1fz\" fill=\"%s\"", x, y - r - 1, r + 1, r + 1, -r - 1,
		    r + 1, -r - 1, -r - 1, colour);
		break;
	case 4:
		chart_out(c, "<path d=\"M%.1f %.1fl%.1f %.1fh%.1fz\" "
		    "fill=\"%s\"", x, y + r + 1, r + 1, -2 * r - 1, -2 * r - 2,
		    colour);
		break;
	case 5:
		chart_out(c, "<path d=\"M%.1f %.1fl%.1f %.1fm0 %.1fl%.1f %.1f\" "
		    "stroke=\"%s\" stroke-width=\"2.5\" fill=\"none\"",
		    x - r, y - r, 2 * r, 2 * r, -2 * r, -2 * r, 2 * r, colour);
		break;
	case 6:
		chart_out(c, "<path d=\"M%.1f %.1fh%.1fm%.1f %.1fv%.1f\" "
		    "stroke=\"%s\" stroke-width=\"2.5\" fill=\"none\"",
		    x - r - 1, y, 2 * r + 2, -r - 1, -r - 1, 2 * r + 2, colour);
		break;
	default:
		chart_out(c, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
		    "fill=\"#fff\" stroke=\"%s\" stroke-width=\"2\"", x, y, r,
		    colour);
		break;
	}
}

const char *
chart_marker_end(int style)
{
	style %= NSTYLE;
	return style == 0 || style == 7 ? "</circle>" :
	    style == 1 ? "</rect>" : "</path>";
}

/* A pattern for each series after the first. */
void
chart_bar_patterns(struct chart *c)
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

	chart_out(c, "<defs>\n");
	for (s = 1; s < c->nser; s++) {
		k = (int)(s % NSTYLE);
		if (k == 0)
			continue;
		chart_out(c, "<pattern id=\"%s-p%zu\" width=\"6\" height=\"6\" "
		    "patternUnits=\"userSpaceOnUse\"", c->id, s);
		if (turn[k] != NULL)
			chart_out(c, " patternTransform=\"rotate(%s)\"", turn[k]);
		chart_out(c, "><rect width=\"6\" height=\"6\" fill=\"%s\"/>%s"
		    "</pattern>\n", chart_colours[s % NSTYLE], marks[k]);
	}
	chart_out(c, "</defs>\n");
}

void
chart_bar_fill(struct chart *c, size_t s)
{
	if (s % NSTYLE == 0)
		chart_out(c, "fill=\"%s\"", chart_colours[s % NSTYLE]);
	else
		chart_out(c, "fill=\"url(#%s-p%zu)\"", c->id, s);
}
