/*
 * chart.h: an SVG chart of series against categories, as sg-chart(1)
 * draws it.  The tool reads the stream into a struct chart; draw.c lays
 * it out (categories along the bottom, or down the left when their
 * labels would not fit there) and svg.c holds the pieces both use: the
 * output, text widths and wrapping, nice axes, markers and fills.
 */
#ifndef SG_CHART_H
#define SG_CHART_H

#include <stddef.h>

#include "sg.h"

/* Where the categories go. */
enum chart_orient {
	CHART_AUTO,		/* vertical unless the labels would not fit */
	CHART_VERTICAL,		/* along the bottom, values up */
	CHART_HORIZONTAL	/* down the left, values across */
};

struct chart_series {
	const char	*name;		/* the column's header, escapes undone */
	size_t		 col;
	double		*v;		/* NAN for a gap */
	char		**text;		/* the value as written */
};

struct chart {
	/* What to draw: the options. */
	const char	*title;		/* or NULL */
	const char	*xlabel;	/* the categories' label, or NULL */
	const char	*ylabel;	/* the values' label, or NULL */
	const char	*desc;		/* for screen readers */
	const char	*xname;		/* the category column's name */
	const char	*file;		/* the input, for messages */
	int		 bar;		/* bars, not lines */
	int		 nozero;	/* lines: the axis need not hold 0 */
	enum chart_orient orient;
	double		 W, H;		/* H grows for horizontal categories */
	char		 id[64];	/* the prefix of the ids */
	/* The data. */
	struct chart_series *ser;
	size_t		 nser;
	char		**xlab;		/* the category labels */
	size_t		 npts;
	/* The output (svg.c). */
	struct sg_writer *w;
	struct sg_buf	 line;		/* one element, however long */
	struct sg_buf	 tmp;
};

/* Draws the chart to w (draw.c). */
void	chart_draw(struct chart *c, struct sg_writer *w);

/* ---- svg.c ---- */

#define NSTYLE		8	/* distinct series styles */
#define FONT		12	/* px: ticks, legend, labels */
#define TITLE_FONT	16
#define CHARW(px)	((px) * 0.55)	/* average glyph width of sans-serif */

extern const char *const chart_colours[NSTYLE];
extern const char *const chart_dashes[NSTYLE];

/* printf-style output of any length. */
void	chart_out(struct chart *c, const char *fmt, ...) SG_PRINTF(2, 3);
/* The first n bytes of s as XML text, escaped. */
void	chart_text(struct chart *c, const char *s, size_t n);
#define chart_texts(c, s)	chart_text((c), (s), strlen(s))

/* Characters in a UTF-8 string, and their estimated width at px. */
size_t	chart_nchars(const char *s, size_t n);
double	chart_width(const char *s, int px);

/* A label broken into lines: line k is s[at[k]] to s[at[k + 1]]. */
struct chart_lines {
	size_t	 n;
	size_t	*at;		/* n + 1 offsets, held in room */
	struct sg_buf room;
	size_t	 widest;	/* characters in the longest line */
	int	 split;		/* a word was broken between lines */
};
/* Breaks s into lines of at most maxc characters, after a space where
 * it can and inside a word only when the word is longer than a line.
 * Nothing is dropped: the lines put together are s. */
void	chart_wrap(const char *s, size_t maxc, struct chart_lines *l);
/* The same, with the lines as even as they go in as many. */
void	chart_wrap_even(const char *s, size_t maxc, struct chart_lines *l);
void	chart_lines_free(struct chart_lines *l);

/* A value axis of "nice" ticks: k * step, kmin <= k <= kmax. */
struct chart_axis {
	double	lo, hi;		/* the first and last tick */
	double	step;
	long	kmin, kmax;
	int	dp;		/* decimal places of the tick labels */
};
void	chart_nice_axis(double lo, double hi, struct chart_axis *a);
/* The tick label of v (thousands separated) into buf (SG_NUMBUF + 64). */
void	chart_tick_label(double v, int dp, char *buf);

/* A series' marker at (x, y), left open for attributes and a title; and
 * the element's closing tag. */
void	chart_marker(struct chart *c, int style, double x, double y);
const char *chart_marker_end(int style);
/* Bar fills: the patterns (in <defs>) and a bar's fill attribute. */
void	chart_bar_patterns(struct chart *c);
void	chart_bar_fill(struct chart *c, size_t s);

#endif /* SG_CHART_H */
