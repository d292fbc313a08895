/*
 * draw.c: lays out and draws an sg-chart(1) chart.
 *
 * The categories run along the bottom (vertical bars, or lines left to
 * right) when their labels fit there: on one line each, or wrapped at
 * spaces onto at most three, or, for a line chart, with every second
 * (third, ...) label written.  Otherwise they run down the left, each
 * label whole in a column as wide as the longest one (up to 40% of the
 * width, longer labels wrapped), with the values across; the chart
 * then grows as tall as its labels need.  No label is turned or cut.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "chart/chart.h"

#define XFONT		(FONT - 1)	/* the category labels */
#define VFONT		10		/* the values at the bars' ends */
#define LINEH		13		/* between the lines of a label */
#define MAXLINES	3		/* of a label along the bottom */

struct layout {
	int		 across;	/* categories down the left */
	struct chart_axis ax;		/* the values */
	double		 ytw;		/* the widest tick label */
	double		 top;		/* below the title and legend */
	double		 px0, px1, py0, py1;	/* the plot */
	double		 labx;		/* where the labels end, across */
	double		 band;		/* room for each category */
	size_t		 every;		/* a label every so many categories */
	size_t		 maxlines;	/* of the widest label */
	struct chart_lines *lab;	/* each category label's lines */
};

/* Where value v goes along the value axis. */
static double
vpos(const struct layout *L, double v)
{
	if (L->across)
		return L->px0 + (v - L->ax.lo) / (L->ax.hi - L->ax.lo) *
		    (L->px1 - L->px0);
	return L->py1 - (v - L->ax.lo) / (L->ax.hi - L->ax.lo) *
	    (L->py1 - L->py0);
}

/* The middle of category i along the category axis. */
static double
cpos(const struct layout *L, size_t i)
{
	return (L->across ? L->py0 : L->px0) + L->band * ((double)i + 0.5);
}

static void
point(const struct layout *L, size_t i, double v, double *x, double *y)
{
	if (L->across) {
		*x = vpos(L, v);
		*y = cpos(L, i);
	} else {
		*x = cpos(L, i);
		*y = vpos(L, v);
	}
}

/* The value axis: every value, and 0 for bars and unless --no-zero. */
static void
value_axis(const struct chart *c, struct layout *L)
{
	char label[SG_NUMBUF + 64];
	double lo = INFINITY, hi = -INFINITY;
	size_t s, i;
	long k;

	for (s = 0; s < c->nser; s++)
		for (i = 0; i < c->npts; i++)
			if (!isnan(c->ser[s].v[i])) {
				lo = fmin(lo, c->ser[s].v[i]);
				hi = fmax(hi, c->ser[s].v[i]);
			}
	if (lo > hi)
		lo = hi = 0;
	if (c->bar || !c->nozero) {
		lo = fmin(lo, 0);
		hi = fmax(hi, 0);
	}
	chart_nice_axis(lo, hi, &L->ax);
	/* A tick label has at most 20 decimals (sg_fmt_num()): a finer
	 * step would label every tick 0.000... */
	if (L->ax.dp > 20)
		sg_die("%s: the values differ by too little to label an axis "
		    "(its tick labels have at most 20 decimals)", c->file);
	L->ytw = 0;
	for (k = L->ax.kmin; k <= L->ax.kmax; k++) {
		chart_tick_label((double)k * L->ax.step, L->ax.dp, label);
		L->ytw = fmax(L->ytw, chart_width(label, FONT));
	}
}

/* Lays out the legend from y (drawing it if draw); returns its rows. */
static double
legend(struct chart *c, double y, int draw)
{
	double lx = 16, iw, rows = 1;
	size_t s;

	for (s = 0; s < c->nser; s++) {
		iw = 30 + 6 + chart_width(c->ser[s].name, FONT) + 18;
		if (lx + iw > c->W - 16 && lx > 16) {
			rows++;
			y += 20;
			lx = 16;
		}
		if (!draw) {
			lx += iw;
			continue;
		}
		if (c->bar) {
			chart_out(c, "<rect x=\"%.1f\" y=\"%.1f\" width=\"22\" "
			    "height=\"14\" stroke=\"%s\" ", lx + 4, y - 7,
			    chart_colours[s % NSTYLE]);
			chart_bar_fill(c, s);
			chart_out(c, "/>\n");
		} else {
			chart_out(c, "<path d=\"M%.1f %.1fh30\" stroke=\"%s\" "
			    "stroke-width=\"2.5\" fill=\"none\"", lx, y,
			    chart_colours[s % NSTYLE]);
			if (chart_dashes[s % NSTYLE] != NULL)
				chart_out(c, " stroke-dasharray=\"%s\"",
				    chart_dashes[s % NSTYLE]);
			chart_out(c, "/>");
			chart_marker(c, (int)s, lx + 15, y);
			chart_out(c, "/>\n");
		}
		chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" dominant-baseline="
		    "\"middle\">", lx + 36, y + 1);
		chart_texts(c, c->ser[s].name);
		chart_out(c, "</text>\n");
		lx += iw;
	}
	return rows;
}

/* Wraps every category label at maxc characters; returns 1 if each
 * takes at most maxlines lines and no word was broken. */
static int
wrap_labels(const struct chart *c, struct layout *L, size_t maxc,
    size_t maxlines)
{
	size_t i;
	int fits = 1;

	L->maxlines = 1;
	for (i = 0; i < c->npts; i++) {
		chart_lines_free(&L->lab[i]);
		chart_wrap_even(c->xlab[i], maxc, &L->lab[i]);
		if (L->lab[i].n > L->maxlines)
			L->maxlines = L->lab[i].n;
		if (L->lab[i].n > maxlines || L->lab[i].split)
			fits = 0;
	}
	return fits;
}

/*
 * Categories along the bottom.  Returns 0 if their labels do not fit
 * there and auto allows them to go down the left instead.
 */
static int
layout_vertical(struct chart *c, struct layout *L, int any)
{
	double left, bottom, widest = 0;
	size_t i, maxc;

	left = 10 + L->ytw + 8 + (c->ylabel != NULL ? FONT + 10 : 0);
	L->across = 0;
	L->px0 = left;
	L->px1 = c->W - 20;
	L->band = c->npts > 0 ? (L->px1 - L->px0) / (double)c->npts :
	    L->px1 - L->px0;
	L->every = 1;
	maxc = (size_t)fmax(1, floor((L->band - 4) / CHARW(XFONT)));
	if (!wrap_labels(c, L, maxc, MAXLINES)) {
		for (i = 0; i < c->npts; i++)
			widest = fmax(widest, chart_width(c->xlab[i], XFONT));
		/* A line's categories are in order: some may go unwritten. */
		L->every = (size_t)ceil((widest + 4) / L->band);
		if (!c->bar && L->every <= (c->npts / 4 > 1 ? c->npts / 4 : 1))
			(void)wrap_labels(c, L, SIZE_MAX, 1);
		else if (any)
			return 0;
		else
			L->every = 1;
	}
	bottom = FONT + 12 + (double)(L->maxlines - 1) * LINEH +
	    (c->xlabel != NULL ? FONT + 10 : 0) + 6;
	L->py0 = L->top + FONT;	/* room for the top tick's label */
	L->py1 = c->H - bottom;
	if (L->py1 - L->py0 < 40) {
		L->py1 = L->py0 + 40;
		c->H = L->py1 + bottom;
	}
	return 1;
}

/* The widest value as written, for the labels at the bars' ends, and
 * whether any is below 0 (its label then goes left of its bar). */
static double
widest_value(const struct chart *c, int *neg)
{
	double w = 0;
	size_t s, i;

	*neg = 0;
	if (!c->bar)
		return 0;
	for (s = 0; s < c->nser; s++)
		for (i = 0; i < c->npts; i++) {
			w = fmax(w, chart_width(c->ser[s].text[i], VFONT));
			if (c->ser[s].v[i] < 0)
				*neg = 1;
		}
	return w;
}

/* Categories down the left, each label whole. */
static void
layout_horizontal(struct chart *c, struct layout *L)
{
	double bottom, need, avail, valw;
	size_t i, maxc, longest = 1;
	int neg;

	L->across = 1;
	L->every = 1;
	for (i = 0; i < c->npts; i++)
		if (chart_nchars(c->xlab[i], strlen(c->xlab[i])) > longest)
			longest = chart_nchars(c->xlab[i], strlen(c->xlab[i]));
	maxc = (size_t)fmax(1, floor(c->W * 0.4 / CHARW(XFONT)));
	(void)wrap_labels(c, L, longest < maxc ? longest : maxc, SIZE_MAX);
	longest = 1;
	for (i = 0; i < c->npts; i++)
		if (L->lab[i].widest > longest)
			longest = L->lab[i].widest;
	valw = widest_value(c, &neg);
	L->labx = 10 + (double)longest * CHARW(XFONT) + 2;
	L->px0 = L->labx + 8 + (neg ? valw + 6 : 0);
	L->px1 = c->W - fmax(20, fmax(L->ytw / 2 + 10, valw + 12));
	if (c->xlabel != NULL)
		L->top += FONT + 8;
	L->py0 = L->top + 4;
	bottom = FONT + 12 + (c->ylabel != NULL ? FONT + 10 : 0) + 6;
	need = c->bar ? (double)c->nser * 9 + 8 : 20;
	need = fmax(need, (double)L->maxlines * LINEH + 6);
	avail = c->H - L->py0 - bottom;
	L->band = c->npts > 0 ? fmax(need, avail / (double)c->npts) : 0;
	L->py1 = L->py0 + fmax(40, L->band * (double)c->npts);
	c->H = fmax(c->H, L->py1 + bottom);
}

static void
layout(struct chart *c, struct layout *L)
{
	value_axis(c, L);
	L->top = c->title != NULL ? 16 + TITLE_FONT + 10 : 14;
	if (c->nser > 1)
		L->top += legend(c, 0, 0) * 20 + 4;
	L->lab = sg_calloc(c->npts + 1, sizeof(*L->lab));
	if (c->orient == CHART_HORIZONTAL ||
	    !layout_vertical(c, L, c->orient == CHART_AUTO))
		layout_horizontal(c, L);
}

/* A category label: one text element, a tspan for each line. */
static void
category_label(struct chart *c, const struct layout *L, size_t i)
{
	const struct chart_lines *l = &L->lab[i];
	double x, y;
	size_t k;

	if (L->across) {
		x = L->labx;
		y = cpos(L, i) - (double)(l->n - 1) * LINEH / 2;
		chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "dominant-baseline=\"middle\">", x, y);
	} else {
		x = cpos(L, i);
		y = L->py1 + 18;
		chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
		    "\"middle\">", x, y);
	}
	if (l->n == 1)
		chart_texts(c, c->xlab[i]);
	else
		for (k = 0; k < l->n; k++) {
			/* Each line keeps the space it ends with, so that
			 * the text put together is the label. */
			chart_out(c, "<tspan x=\"%.1f\"", x);
			if (k > 0)
				chart_out(c, " dy=\"%d\"", LINEH);
			chart_out(c, ">");
			chart_text(c, c->xlab[i] + l->at[k],
			    l->at[k + 1] - l->at[k]);
			chart_out(c, "</tspan>");
		}
	chart_out(c, "</text>\n");
}

/* The grid and the value axis's ticks and label. */
static void
draw_values(struct chart *c, const struct layout *L)
{
	char label[SG_NUMBUF + 64];
	double v, p, x, y, spacing;
	long k, every = 1;

	chart_out(c, "<g class=\"y-axis\" fill=\"#333\">\n");
	if (L->across) {
		spacing = (L->px1 - L->px0) / (double)(L->ax.kmax - L->ax.kmin);
		every = (long)ceil((L->ytw + 8) / spacing);
	}
	for (k = L->ax.kmin; k <= L->ax.kmax; k++) {
		v = (double)k * L->ax.step;
		p = vpos(L, v);
		chart_out(c, L->across ? "<path d=\"M%.1f %.1fV%.1f\" " :
		    "<path d=\"M%.1f %.1fH%.1f\" ", L->across ? p : L->px0,
		    L->across ? L->py0 : p, L->across ? L->py1 : L->px1);
		chart_out(c, "stroke=\"%s\" stroke-width=\"1\"/>",
		    fabs(v) < L->ax.step / 2 ? "#666" : "#ddd");
		chart_tick_label(v, L->ax.dp, label);
		if (!L->across)
			chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
			    "\"end\" dominant-baseline=\"middle\">%s</text>\n",
			    L->px0 - 8, p, label);
		else if ((k - L->ax.kmin) % every == 0)
			chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
			    "\"middle\">%s</text>\n", p, L->py1 + 18, label);
		else
			chart_out(c, "\n");
	}
	if (c->ylabel != NULL && L->across) {
		chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
		    "\"middle\">", (L->px0 + L->px1) / 2, c->H - 8);
		chart_texts(c, c->ylabel);
		chart_out(c, "</text>\n");
	} else if (c->ylabel != NULL) {
		x = 6 + FONT / 2.0 + 2;
		y = (L->py0 + L->py1) / 2;
		chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
		    "\"middle\" dominant-baseline=\"middle\" transform="
		    "\"rotate(-90 %.1f %.1f)\">", x, y, x, y);
		chart_texts(c, c->ylabel);
		chart_out(c, "</text>\n");
	}
	chart_out(c, "</g>\n");
}

/* The category axis, its ticks, labels and label. */
static void
draw_categories(struct chart *c, const struct layout *L)
{
	size_t i;

	chart_out(c, "<g class=\"x-axis\" fill=\"#333\" font-size=\"%d\">\n",
	    XFONT);
	chart_out(c, "<path d=\"M%.1f %.1fV%.1fH%.1f\" stroke=\"#333\" "
	    "fill=\"none\"/>\n", L->px0, L->py0, L->py1, L->px1);
	for (i = 0; i < c->npts; i++) {
		if (L->across)
			chart_out(c, "<path d=\"M%.1f %.1fh-5\" stroke=\"#333\""
			    "/>", L->px0, cpos(L, i));
		else
			chart_out(c, "<path d=\"M%.1f %.1fv5\" stroke=\"#333\""
			    "/>", cpos(L, i), L->py1);
		if (i % L->every != 0)
			chart_out(c, "\n");
		else
			category_label(c, L, i);
	}
	if (c->xlabel != NULL) {
		if (L->across)
			chart_out(c, "<text x=\"10\" y=\"%.1f\" font-size=\"%d\" "
			    "font-weight=\"bold\">", L->py0 - 8, FONT);
		else
			chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor="
			    "\"middle\" font-size=\"%d\">",
			    (L->px0 + L->px1) / 2, c->H - 8, FONT);
		chart_texts(c, c->xlabel);
		chart_out(c, "</text>\n");
	}
	chart_out(c, "</g>\n");
	if (c->npts == 0)
		chart_out(c, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
		    "fill=\"#666\">No data</text>\n", (L->px0 + L->px1) / 2,
		    (L->py0 + L->py1) / 2);
}

/* A point's or bar's tooltip: series, category and value as written. */
static void
tooltip(struct chart *c, size_t s, size_t i)
{
	chart_out(c, "<title>");
	chart_texts(c, c->ser[s].name);
	chart_out(c, ", ");
	chart_texts(c, c->xlab[i]);
	chart_out(c, ": ");
	chart_texts(c, c->ser[s].text[i]);
	chart_out(c, "</title>");
}

/* A missing bar: its symbol, small, so that it is not read as 0. */
static void
gap(struct chart *c, const struct layout *L, size_t s, size_t i, double at)
{
	const char *t = c->ser[s].text[i][0] == '\0' ? "x" : c->ser[s].text[i];

	if (L->across)
		chart_out(c, "<text class=\"gap\" x=\"%.1f\" y=\"%.1f\" "
		    "dominant-baseline=\"middle\" font-size=\"9\" fill=\"#666\">",
		    vpos(L, 0) + 3, at);
	else
		chart_out(c, "<text class=\"gap\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"middle\" font-size=\"9\" fill=\"#666\">",
		    at, vpos(L, 0) - 3);
	chart_texts(c, t);
	chart_out(c, "</text>\n");
}

static void
draw_bars(struct chart *c, const struct layout *L, size_t s)
{
	double gw = L->band * 0.8, bw, a, v0, v1;
	double v;
	size_t i;

	bw = gw / (double)c->nser;
	for (i = 0; i < c->npts; i++) {
		v = c->ser[s].v[i];
		a = cpos(L, i) - gw / 2 + bw * (double)s;
		if (isnan(v)) {
			gap(c, L, s, i, a + bw / 2);
			continue;
		}
		v0 = vpos(L, fmax(v, 0));
		v1 = vpos(L, fmin(v, 0));
		if (L->across)
			chart_out(c, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" ", v1, a + 0.5,
			    v0 - v1, bw - 1);
		else
			chart_out(c, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" ", a + 0.5, v0,
			    bw - 1, v1 - v0);
		chart_out(c, "stroke=\"%s\" ", chart_colours[s % NSTYLE]);
		chart_bar_fill(c, s);
		chart_out(c, ">");
		tooltip(c, s, i);
		chart_out(c, "</rect>\n");
		if (!L->across)
			continue;
		/* Across, each bar is labelled with its value at its end. */
		chart_out(c, "<text class=\"value\" x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"%s\" dominant-baseline=\"middle\" "
		    "font-size=\"%d\">", v < 0 ? v1 - 3 : v0 + 3, a + bw / 2,
		    v < 0 ? "end" : "start", VFONT);
		chart_texts(c, c->ser[s].text[i]);
		chart_out(c, "</text>\n");
	}
}

/* One path, broken at each gap, and a marker at each point. */
static void
draw_line(struct chart *c, const struct layout *L, size_t s)
{
	double x, y;
	size_t i;
	int pen = 0;

	chart_out(c, "<path class=\"line\" d=\"");
	for (i = 0; i < c->npts; i++) {
		if (isnan(c->ser[s].v[i])) {
			pen = 0;
			continue;
		}
		point(L, i, c->ser[s].v[i], &x, &y);
		chart_out(c, "%s%.1f %.1f", pen ? "L" : "M", x, y);
		pen = 1;
	}
	chart_out(c, "\" fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\""
	    " stroke-linejoin=\"round\"", chart_colours[s % NSTYLE]);
	if (chart_dashes[s % NSTYLE] != NULL)
		chart_out(c, " stroke-dasharray=\"%s\"",
		    chart_dashes[s % NSTYLE]);
	chart_out(c, "/>\n");
	for (i = 0; i < c->npts; i++) {
		if (isnan(c->ser[s].v[i]))
			continue;
		point(L, i, c->ser[s].v[i], &x, &y);
		chart_marker(c, (int)s, x, y);
		chart_out(c, " class=\"point\">");
		tooltip(c, s, i);
		chart_out(c, "%s\n", chart_marker_end((int)s));
	}
}

/* The svg element, its title and description, the title drawn. */
static void
draw_head(struct chart *c)
{
	size_t s;

	chart_out(c, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
	    "%.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" "
	    "aria-labelledby=\"%s-title %s-desc\" "
	    "font-family=\"Arial, Helvetica, sans-serif\" font-size=\"%d\">\n",
	    c->W, c->H, c->W, c->H, c->id, c->id, FONT);
	chart_out(c, "<title id=\"%s-title\">", c->id);
	if (c->title != NULL) {
		chart_texts(c, c->title);
	} else {
		chart_out(c, "%s chart of ", c->bar ? "Bar" : "Line");
		for (s = 0; s < c->nser; s++) {
			if (s > 0)
				chart_out(c, "%s", s + 1 == c->nser ? " and " :
				    ", ");
			chart_texts(c, c->ser[s].name);
		}
		chart_out(c, " by ");
		chart_texts(c, c->xname);
	}
	chart_out(c, "</title>\n<desc id=\"%s-desc\">", c->id);
	chart_texts(c, c->desc);
	chart_out(c, "</desc>\n");
	if (c->bar)
		chart_bar_patterns(c);
	chart_out(c, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/>\n",
	    c->W, c->H);
	if (c->title != NULL) {
		chart_out(c, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
		    "font-size=\"%d\" font-weight=\"bold\">", c->W / 2,
		    16 + TITLE_FONT - 2, TITLE_FONT);
		chart_texts(c, c->title);
		chart_out(c, "</text>\n");
	}
}

void
chart_draw(struct chart *c, struct sg_writer *w)
{
	struct layout L;
	size_t s, i;

	memset(&L, 0, sizeof(L));
	c->w = w;
	layout(c, &L);
	draw_head(c);
	if (c->nser > 1) {
		chart_out(c, "<g class=\"legend\">\n");
		(void)legend(c, (c->title != NULL ? 16 + TITLE_FONT + 10 : 14) +
		    10, 1);
		chart_out(c, "</g>\n");
	}
	draw_values(c, &L);
	draw_categories(c, &L);
	for (s = 0; s < c->nser; s++) {
		chart_out(c, "<g class=\"series\" aria-label=\"");
		chart_texts(c, c->ser[s].name);
		chart_out(c, "\">\n");
		if (c->bar)
			draw_bars(c, &L, s);
		else
			draw_line(c, &L, s);
		chart_out(c, "</g>\n");
	}
	chart_out(c, "</svg>\n");
	for (i = 0; i <= c->npts; i++)
		chart_lines_free(&L.lab[i]);
	free(L.lab);
	sg_buf_free(&c->line);
	sg_buf_free(&c->tmp);
}
