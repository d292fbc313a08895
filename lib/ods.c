/*
 * ods.c: reading one sheet of an OpenDocument spreadsheet (.ods, OASIS
 * OpenDocument 1.2 and 1.3, part 1 section 9 "Tables").
 *
 * An .ods file is a zip archive (read by zip.c) whose content.xml holds
 * every sheet as a table:table of table:table-row elements of
 * table:table-cell and table:covered-table-cell elements (the cells a
 * merged cell covers).  A cell's value is in its attributes
 * (office:value-type with office:value, office:date-value and the like)
 * or, for strings, in its text:p paragraphs.  LibreOffice writes runs of
 * equal cells and rows once with a repeat count, and pads every sheet to
 * its last column and row that way, so repeats are expanded only up to
 * the last non-empty cell, and a repeat that would expand beyond the
 * limits is refused as a bomb.
 *
 * The XML is parsed with expat with namespace processing, so names are
 * compared by namespace URI whatever the prefix.  content.xml is parsed
 * once, streamed: expat is suspended at the end of each non-empty row,
 * so one row is held at a time whatever the size of the sheet.  The
 * sheet is found on the way, by position or by its exact name; only
 * --list-sheets, a sheet named by number and a name not found as written
 * cost a first pass that lists the sheets.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>

#include "sg.h"
#include "ods.h"
#include "xmlpart.h"
#include "zip.h"

#define MAXCOLS		16384		/* LibreOffice's limit: XFD */
#define MAXROWS		1048576L	/* LibreOffice's limit */
#define MAXREPEATED	((long)1 << 24)	/* cells written by repeats */
#define MAXSPACES	65536		/* text:s c="N" */

#define NSSEP		'|'
#define NS_OFFICE	"urn:oasis:names:tc:opendocument:xmlns:office:1.0|"
#define NS_TABLE	"urn:oasis:names:tc:opendocument:xmlns:table:1.0|"
#define NS_TEXT		"urn:oasis:names:tc:opendocument:xmlns:text:1.0|"
#define NS_DRAW		"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0|"
#define NS_DR3D		"urn:oasis:names:tc:opendocument:xmlns:dr3d:1.0|"
#define NS_STYLE	"urn:oasis:names:tc:opendocument:xmlns:style:1.0|"
#define NS_NUMBER	"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0|"
#define NS_CALCEXT	"urn:org:documentfoundation:names:experimental:" \
			"calc:xmlns:calcext:1.0|"

#define MIME_ODS	"application/vnd.oasis.opendocument.spreadsheet"

/*
 * A cell style (style:style of family table-cell) and its data style
 * (number format), or its parent's.  Only whether a time cell's format
 * shows the time of day matters, so a data style is kept only if it is a
 * time style whose hours wrap at 24 (no truncate-on-overflow="false").
 */
struct cellstyle {
	const char	*name;
	const char	*data;		/* style:data-style-name, or NULL */
	const char	*parent;	/* style:parent-style-name, or NULL */
};

struct sg_ods {
	struct sg_xmlp		 xp;		/* first: see xmlpart.h */
	const struct sg_zip	*zip;
	const char		*name;		/* for messages */
	const struct sg_zentry	*content;
	char			**sheets;
	int			 nsheets;
	int			 sel;

	int			 listing;	/* the pass that lists the sheets */
	int			 listed;	/* sheets[] holds them all */
	const char		*want;		/* the sheet's name, if sel < 0 */
	int			 found;		/* the sheet has begun */
	char			*selname;
	struct sg_arena		*names;		/* sheets[i] and selname */
	int			 spreadsheet;	/* an office:spreadsheet seen */
	int			 styled;	/* content.xml's styles read */

	/* Styles, from styles.xml and content.xml's automatic styles. */
	struct cellstyle	*cstyles;
	size_t			 ncstyles;
	const char		**wraps;	/* time styles of the time of day */
	size_t			 nwraps;
	/* The selected sheet's columns: default cell style of columns
	 * up to (not including) colend. */
	struct {
		long		 colend;
		const char	*style;
	}			*cols;
	size_t			 ncols;
	const char		*rowstyle;	/* the row's default cell style */
	const char		*lastname;	/* the last cell style looked up */
	int			 lastwrap;	/* and whether it wraps */

	/* Where the parser is. */
	int			 ntables;	/* top-level tables seen */
	int			 tdepth;	/* table:table nesting */
	int			 in_sel;	/* in the selected sheet */
	int			 skip;		/* depth inside ignored markup */
	long			 row;		/* 0-based, of the current row */
	long			 rowrep;
	long			 col;		/* 0-based, of the current cell */
	long			 repeated;	/* cells written by repeats */

	/* The cell being parsed. */
	int			 in_cell;
	long			 crep;
	int			 in_p;		/* depth inside text:p or text:h */
	int			 npara;
	int			 is_text;	/* its value is its text */
	int			 is_error;
	int			 no_value;	/* a formula with no value */
	int			 maybe_error;	/* a formula's number, its text kept */
	struct sg_buf		 text;
	struct sg_buf		 val;

	/* The row: values NUL-terminated in rowbuf, and each value's
	 * column, repeats and offset in rowbuf. */
	struct sg_buf		 rowbuf;
	struct {
		long		 col, rep;
		size_t		 off;
	}			*rv;
	size_t			 rn, rcap;

	/* A parsed non-empty row, to be returned rrows times. */
	int			 ready;
	long			 readyrow;	/* 1-based */
	long			 readyrep;
	long			 emitted;	/* last row number returned */
	char			**cells;
	size_t			 cellcap;
};

/* ------------------------------------------------------------------ */
/* Small helpers.                                                       */

/* An attribute by its expanded name (NS_TABLE "name"), or NULL. */
static const char *
attr(const char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(atts[0], name) == 0)
			return atts[1];
	return NULL;
}

/* A repeat count: 1 if absent, at most max + 1 (beyond the limit either
 * way); a bad one stops the parser. */
static long
repeat(struct sg_ods *o, const char **atts, const char *name, long max)
{
	const char *v = attr(atts, name);
	char *end;
	long n;

	if (v == NULL)
		return 1;
	n = strtol(v, &end, 10);
	if (end == v || *end != '\0' || n < 1) {
		sg_xmlp_stop(&o->xp, "a repeat count is not a whole number of 1 or more");
		return 1;
	}
	return n > max ? max + 1 : n;
}

/* Warns about the current cell: "sg-import: FILE: 'Sheet 1'!C7: WHAT". */
#define warn_cell(o, ...)						\
	sg_book_warn((o)->name, (o)->selname, (o)->col, (o)->row + 1,	\
	    __VA_ARGS__)

static void SG_NORETURN
bomb(struct sg_ods *o, const char *what)
{
	sg_die("%s: refused: %s (a repeat bomb?)", o->name, what);
}

/* Reads a small entry whole (the mimetype, the manifest). */
static void
read_entry(const struct sg_zip *z, const struct sg_zentry *e,
    struct sg_buf *b)
{
	struct sg_zreader *r = sg_malloc(sizeof(*r));
	const unsigned char *p;
	size_t n;

	sg_zr_open(r, z, e);
	while ((n = sg_zr_read(r, &p)) > 0)
		sg_buf_add(b, (const char *)p, n);
	sg_buf_addc(b, '\0');
	sg_zr_close(r);
	free(r);
}

/* ------------------------------------------------------------------ */
/* Styles: whether a time cell shows the time of day.                  */

static const struct cellstyle *
find_cstyle(const struct sg_ods *o, const char *name)
{
	size_t i;

	for (i = 0; i < o->ncstyles; i++)
		if (strcmp(o->cstyles[i].name, name) == 0)
			return &o->cstyles[i];
	return NULL;
}

static const char *
keep_str(struct sg_ods *o, const char *v)
{
	return v != NULL ? sg_arena_strndup(o->names, v, strlen(v)) : NULL;
}

/* Keeps a cell style, or a time data style whose hours wrap at 24. */
static void
style_start(struct sg_ods *o, const char *name, const char **atts)
{
	const char *n = attr(atts, NS_STYLE "name"), *v;
	struct cellstyle *c;

	if (n == NULL)
		return;
	if (strcmp(name, NS_NUMBER "time-style") == 0) {
		/* Hours past 24 are shown only if this says "false". */
		v = attr(atts, NS_NUMBER "truncate-on-overflow");
		if (v != NULL && strcmp(v, "false") == 0)
			return;
		o->wraps = sg_realloc(o->wraps, (o->nwraps + 1) *
		    sizeof(*o->wraps));
		o->wraps[o->nwraps++] = keep_str(o, n);
	} else if (strcmp(name, NS_STYLE "style") == 0) {
		v = attr(atts, NS_STYLE "family");
		if (v == NULL || strcmp(v, "table-cell") != 0)
			return;
		o->cstyles = sg_realloc(o->cstyles, (o->ncstyles + 1) *
		    sizeof(*o->cstyles));
		c = &o->cstyles[o->ncstyles++];
		c->name = keep_str(o, n);
		c->data = keep_str(o, attr(atts, NS_STYLE "data-style-name"));
		c->parent = keep_str(o, attr(atts,
		    NS_STYLE "parent-style-name"));
	}
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	style_start(ud, name, atts);
}

/* 1 if the data style of cell style name (or of its parents) is a time
 * style that shows the time of day. */
static int
wraps(struct sg_ods *o, const char *name)
{
	const struct cellstyle *c;
	int depth;
	size_t i;

	if (name == NULL)
		return 0;
	if (o->lastname != NULL && strcmp(o->lastname, name) == 0)
		return o->lastwrap;
	o->lastname = NULL;
	o->lastwrap = 0;
	for (depth = 0, c = find_cstyle(o, name); c != NULL && depth < 16;
	    depth++) {
		if (c->data != NULL) {
			for (i = 0; i < o->nwraps; i++)
				if (strcmp(o->wraps[i], c->data) == 0)
					o->lastwrap = 1;
			break;
		}
		c = c->parent != NULL ? find_cstyle(o, c->parent) : NULL;
	}
	if ((c = find_cstyle(o, name)) != NULL)
		o->lastname = c->name;
	return o->lastwrap;
}

/* The cell's style: its own, else its row's or its column's default. */
static const char *
cell_style(const struct sg_ods *o, const char **atts)
{
	const char *s = attr(atts, NS_TABLE "style-name");
	size_t i;

	if (s != NULL)
		return s;
	if (o->rowstyle != NULL)
		return o->rowstyle;
	for (i = 0; i < o->ncols; i++)
		if (o->col < o->cols[i].colend)
			return o->cols[i].style;
	return NULL;
}

/* A table:table-column of the selected sheet: its default cell style. */
static void
column_start(struct sg_ods *o, const char **atts)
{
	const struct cellstyle *c;
	const char *v = attr(atts, NS_TABLE "default-cell-style-name");
	long start = o->ncols > 0 ? o->cols[o->ncols - 1].colend : 0;

	if (start >= MAXCOLS)
		return;
	c = v != NULL ? find_cstyle(o, v) : NULL;
	o->cols = sg_realloc(o->cols, (o->ncols + 1) * sizeof(*o->cols));
	o->cols[o->ncols].colend = start + repeat(o, atts,
	    NS_TABLE "number-columns-repeated", MAXCOLS);
	o->cols[o->ncols++].style = c != NULL ? c->name : NULL;
}

/* ------------------------------------------------------------------ */
/* Cell values.                                                         */

/* Sets o->val to the value of a cell of type type, from its attributes. */
static void
cell_value(struct sg_ods *o, const char **atts)
{
	const char *type = attr(atts, NS_OFFICE "value-type");
	const char *v, *c;
	char buf[SG_NUMBUF + 2], *end;
	double d;
	long days, h, m;
	double s;
	int n;

	o->val.len = 0;
	o->is_text = 0;
	o->no_value = 0;
	o->maybe_error = 0;
	v = attr(atts, NS_CALCEXT "value-type");
	o->is_error = v != NULL && strcmp(v, "error") == 0;
	if (o->is_error) {
		o->is_text = 1;		/* the error's text, for the warning */
		return;
	}
	if (type == NULL) {
		/* No value; text written without one is kept. */
		o->is_text = 1;
		o->no_value = attr(atts, NS_TABLE "formula") != NULL;
		return;
	}
	/* Excel writes an error as a value of 0 with the error as its text. */
	o->maybe_error = strcmp(type, "string") != 0 &&
	    attr(atts, NS_TABLE "formula") != NULL;
	if (strcmp(type, "string") == 0) {
		if ((v = attr(atts, NS_OFFICE "string-value")) != NULL)
			sg_buf_adds(&o->val, v);
		else
			o->is_text = 1;
		return;
	}
	if (strcmp(type, "float") == 0 || strcmp(type, "currency") == 0 ||
	    strcmp(type, "percentage") == 0) {
		v = attr(atts, NS_OFFICE "value");
		if (v == NULL || (d = strtod(v, &end), end == v) || *end != '\0' ||
		    !isfinite(d)) {
			o->is_text = 1;	/* no number after all: the text */
			return;
		}
		if (type[0] == 'p')
			d *= 100.0;
		sg_fmt_num(d, -1, buf);
		sg_buf_adds(&o->val, buf);
		if (type[0] == 'p')
			sg_buf_addc(&o->val, '%');
		return;
	}
	if (strcmp(type, "date") == 0) {
		v = attr(atts, NS_OFFICE "date-value");
		if (v != NULL && strlen(v) >= 10 && (v[10] == '\0' ||
		    v[10] == 'T') && sg_date_parse_iso(v, 10, &days)) {
			sg_buf_add(&o->val, v, 10);
			return;
		}
		o->is_text = 1;
		return;
	}
	if (strcmp(type, "time") == 0) {
		/* An ISO 8601 duration, PT10H30M00S (hours may pass 24). */
		v = attr(atts, NS_OFFICE "time-value");
		if (v != NULL && sscanf(v, "PT%ldH%ldM%lfS%n", &h, &m, &s,
		    &n) == 3 && v[n] == '\0' && h >= 0 && m >= 0 && s >= 0 &&
		    h < 10000000) {
			long secs = h * 3600 + m * 60 + (long)floor(s + 0.5);

			/* A time of day, unless the format shows the
			 * hours past 24 ([HH]:MM:SS) or there is none. */
			if (wraps(o, cell_style(o, atts)))
				secs %= 86400;
			snprintf(buf, sizeof(buf), "%02ld:%02ld:%02ld",
			    secs / 3600, secs / 60 % 60, secs % 60);
			sg_buf_adds(&o->val, buf);
			return;
		}
		o->is_text = 1;
		return;
	}
	if (strcmp(type, "boolean") == 0) {
		c = attr(atts, NS_OFFICE "boolean-value");
		if (c != NULL && (strcmp(c, "true") == 0 ||
		    strcmp(c, "false") == 0)) {
			sg_buf_adds(&o->val, c[0] == 't' ? "TRUE" : "FALSE");
			return;
		}
	}
	o->is_text = 1;
}

/* Adds the value v[0..n) to the row, repeated o->crep times from
 * o->col. */
static void
row_add(struct sg_ods *o, const char *v, size_t n)
{
	if (o->col + o->crep > MAXCOLS)
		bomb(o, "a row would have more than 16384 columns");
	if (o->crep > 1) {
		o->repeated += o->crep - 1;
		if (o->repeated > MAXREPEATED)
			bomb(o, "repeated cells would make more than "
			    "16777216 cells");
	}
	if (o->rn == o->rcap) {
		o->rcap = o->rcap ? 2 * o->rcap : 64;
		o->rv = sg_realloc(o->rv, o->rcap * sizeof(*o->rv));
	}
	o->rv[o->rn].col = o->col;
	o->rv[o->rn].rep = o->crep;
	o->rv[o->rn++].off = o->rowbuf.len;
	sg_buf_add(&o->rowbuf, v, n);
	sg_buf_addc(&o->rowbuf, '\0');
}

/*
 * 1 if s is the text of an error value, as Excel and LibreOffice show it.
 * Excel's .ods export has no calcext:value-type="error": a formula whose
 * result is an error is a number (0) whose text is the error.
 */
static int
error_text(const char *s)
{
	static const char *const codes[] = {
		"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!",
		"#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!",
		"#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#EXTERNAL!",
		"#PYTHON!", NULL
	};
	size_t i;

	if (strncmp(s, "Err:", 4) == 0 && strlen(s) == 7 &&
	    strspn(s + 4, "0123456789") == 3)
		return 1;
	for (i = 0; codes[i] != NULL; i++)
		if (strcmp(s, codes[i]) == 0)
			return 1;
	return 0;
}

static void
end_cell(struct sg_ods *o)
{
	struct sg_buf *v = o->is_text ? &o->text : &o->val;

	if (o->maybe_error && !o->is_text) {
		sg_buf_addc(&o->text, '\0');
		o->text.len--;
		o->is_error = error_text(o->text.p);
	}
	if (o->is_error) {
		sg_buf_addc(&o->text, '\0');
		warn_cell(o, "error cell '%s' read as x", o->text.p);
		row_add(o, "x", 1);
	} else if (o->no_value && o->text.len == 0) {
		warn_cell(o, "formula without a value read as x (open and "
		    "save the file in LibreOffice)");
		row_add(o, "x", 1);
	} else if (v->len > 0)
		row_add(o, v->p, v->len);
	o->col += o->crep;
	if (o->col > MAXCOLS)
		o->col = MAXCOLS + 1;	/* empty: only content is refused */
}

/* ------------------------------------------------------------------ */
/* The XML of content.xml.                                             */

/* A sheet's name (NULL: none), kept until the reader is closed. */
static char *
keep_name(struct sg_ods *o, const char *v)
{
	if (v == NULL)
		v = "";
	return sg_arena_strndup(o->names, v, strlen(v));
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sg_ods *o = ud;
	const char *v;
	long n;

	if (o->skip > 0) {
		o->skip++;
		return;
	}
	if (!o->spreadsheet && !o->styled)
		style_start(o, name, atts);	/* automatic styles */
	if (strcmp(name, NS_OFFICE "spreadsheet") == 0) {
		o->spreadsheet = o->styled = 1;
		return;
	}
	if (strcmp(name, NS_TABLE "table") == 0) {
		if (o->tdepth++ > 0 || !o->spreadsheet)
			return;
		v = attr(atts, NS_TABLE "name");
		if (o->listing) {
			o->sheets = sg_realloc(o->sheets,
			    (size_t)(o->nsheets + 1) * sizeof(*o->sheets));
			o->sheets[o->nsheets++] = keep_name(o, v);
		} else if (!o->found && (o->want != NULL ? v != NULL &&
		    strcmp(v, o->want) == 0 : o->ntables == o->sel)) {
			o->in_sel = 1;
			o->found = 1;
			o->row = 0;
			o->ncols = 0;
			o->selname = keep_name(o, v);
		}
		o->ntables++;
		return;
	}
	if (!o->in_sel || o->tdepth != 1)
		return;
	if (o->in_cell) {
		if (strcmp(name, NS_TEXT "p") == 0 ||
		    strcmp(name, NS_TEXT "h") == 0) {
			if (o->in_p++ == 0 && o->npara++ > 0)
				sg_buf_addc(&o->text, '\n');
		} else if (strcmp(name, NS_TEXT "s") == 0 && o->in_p) {
			v = attr(atts, NS_TEXT "c");
			n = v != NULL ? strtol(v, NULL, 10) : 1;
			if (n < 1)
				n = 1;
			if (n > MAXSPACES)
				bomb(o, "text:s would write more than 65536 "
				    "spaces");
			while (n-- > 0)
				sg_buf_addc(&o->text, ' ');
		} else if (strcmp(name, NS_TEXT "tab") == 0 && o->in_p) {
			sg_buf_addc(&o->text, '\t');
		} else if (strcmp(name, NS_TEXT "line-break") == 0 &&
		    o->in_p) {
			sg_buf_addc(&o->text, '\n');
		} else if (strcmp(name, NS_OFFICE "annotation") == 0 ||
		    strcmp(name, NS_TEXT "note") == 0 ||
		    strcmp(name, NS_TEXT "ruby-text") == 0 ||
		    strncmp(name, NS_DRAW, sizeof(NS_DRAW) - 1) == 0 ||
		    strncmp(name, NS_DR3D, sizeof(NS_DR3D) - 1) == 0) {
			/* Comments, footnotes, ruby, and shapes anchored
			 * to the cell (text boxes, images): not the value. */
			o->skip = 1;
		}
		return;
	}
	if (strcmp(name, NS_TABLE "table-column") == 0) {
		column_start(o, atts);
	} else if (strcmp(name, NS_TABLE "table-row") == 0) {
		const struct cellstyle *c;

		o->rowrep = repeat(o, atts, NS_TABLE "number-rows-repeated",
		    MAXROWS);
		v = attr(atts, NS_TABLE "default-cell-style-name");
		c = v != NULL ? find_cstyle(o, v) : NULL;
		o->rowstyle = c != NULL ? c->name : NULL;
		o->col = 0;
		o->rn = 0;
		o->rowbuf.len = 0;
	} else if (strcmp(name, NS_TABLE "table-cell") == 0 ||
	    strcmp(name, NS_TABLE "covered-table-cell") == 0) {
		o->in_cell = 1;
		o->crep = repeat(o, atts, NS_TABLE "number-columns-repeated",
		    MAXCOLS);
		o->in_p = 0;
		o->npara = 0;
		o->text.len = 0;
		cell_value(o, atts);
	}
}

static void XMLCALL
on_end(void *ud, const XML_Char *name)
{
	struct sg_ods *o = ud;

	if (o->skip > 0) {
		o->skip--;
		return;
	}
	if (strcmp(name, NS_TABLE "table") == 0) {
		if (--o->tdepth == 0)
			o->in_sel = 0;
		return;
	}
	if (!o->in_sel || o->tdepth != 1)
		return;
	if (o->in_cell) {
		if (strcmp(name, NS_TEXT "p") == 0 ||
		    strcmp(name, NS_TEXT "h") == 0)
			o->in_p--;
		else if (strcmp(name, NS_TABLE "table-cell") == 0 ||
		    strcmp(name, NS_TABLE "covered-table-cell") == 0) {
			o->in_cell = 0;
			end_cell(o);
		}
		return;
	}
	if (strcmp(name, NS_TABLE "table-row") != 0)
		return;
	if (o->rn > 0) {
		if (o->row + o->rowrep > MAXROWS)
			bomb(o, "a sheet would have more than 1048576 rows");
		if (o->rowrep > 1) {
			o->repeated += (o->rowrep - 1) *
			    (o->rv[o->rn - 1].col + o->rv[o->rn - 1].rep);
			if (o->repeated > MAXREPEATED)
				bomb(o, "repeated rows would make more than "
				    "16777216 cells");
		}
		o->ready = 1;
		o->readyrow = o->row + 1;
		o->readyrep = o->rowrep;
		sg_xmlp_pause(&o->xp);
	}
	/* Empty rows past the last non-empty one write nothing, however
	 * many: the count only has to stay above the limit. */
	o->row += o->rowrep;
	if (o->row > MAXROWS)
		o->row = MAXROWS + 1;
}

static void XMLCALL
on_chars(void *ud, const XML_Char *s, int n)
{
	struct sg_ods *o = ud;

	if (o->in_p > 0 && o->skip == 0 && (o->is_text || o->maybe_error))
		sg_buf_add(&o->text, s, (size_t)n);
}

static void
xml_start(struct sg_ods *o)
{
	sg_xmlp_new(&o->xp, o->name, "content.xml", NSSEP,
	    "a DOCTYPE is not allowed in a spreadsheet");
	sg_xmlp_handlers(&o->xp, o, on_start, on_end, on_chars);
	sg_xmlp_stream(&o->xp, o->zip, o->content);
	o->ntables = o->tdepth = o->in_sel = o->skip = o->in_cell = 0;
	o->spreadsheet = o->found = o->ready = 0;
	o->emitted = 0;
}

static void
xml_stop(struct sg_ods *o)
{
	sg_xmlp_free(&o->xp);
}

/* Parses on until a row is ready or content.xml ends. */
static void
parse_more(struct sg_ods *o)
{
	sg_xmlp_more(&o->xp, &o->ready);
}

/* After a whole pass: a file with no spreadsheet or no sheets exits 1. */
static void
no_sheets(struct sg_ods *o)
{
	if (!o->spreadsheet)
		sg_die("%s: not a spreadsheet: content.xml holds no "
		    "office:spreadsheet", o->name);
	if (o->ntables == 0)
		sg_die("%s: the spreadsheet has no sheets", o->name);
}

/* ------------------------------------------------------------------ */
/* The interface.                                                       */

int
sg_ods_detect(const struct sg_zip *z)
{
	return sg_zip_find(z, "content.xml") != NULL;
}

struct sg_ods *
sg_ods_open(const struct sg_zip *z)
{
	struct sg_ods *o;
	const struct sg_zentry *e;
	struct sg_buf b = { 0 };

	if ((e = sg_zip_find(z, "mimetype")) != NULL) {
		read_entry(z, e, &b);
		if (strncmp(b.p, MIME_ODS, strlen(MIME_ODS)) != 0) {
			const char *kind = strrchr(b.p, '.');

			sg_die("%s: not a spreadsheet: an OpenDocument %s "
			    "file (%s)", z->name, kind != NULL &&
			    strncmp(b.p, "application/vnd.oasis.opendocument.",
			    35) == 0 ? kind + 1 : "other", b.p);
		}
		b.len = 0;
	}
	if ((e = sg_zip_find(z, "META-INF/manifest.xml")) != NULL) {
		read_entry(z, e, &b);
		if (strstr(b.p, "encryption-data") != NULL)
			sg_die("%s: encrypted spreadsheet: remove its password "
			    "in LibreOffice and save it again", z->name);
	}
	sg_buf_free(&b);

	o = sg_calloc(1, sizeof(*o));
	o->zip = z;
	o->name = z->name;
	o->sel = -1;
	o->names = sg_arena_new();
	o->content = sg_zip_find(z, "content.xml");
	if (o->content == NULL)
		sg_die("%s: not a spreadsheet: no content.xml", z->name);
	if ((e = sg_zip_find(z, "styles.xml")) != NULL) {
		/* The common styles, which content.xml's may name. */
		sg_xmlp_new(&o->xp, o->name, "styles.xml", NSSEP,
		    "a DOCTYPE is not allowed in a spreadsheet");
		sg_xmlp_handlers(&o->xp, o, styles_start, NULL, NULL);
		sg_xmlp_parse(&o->xp, z, e);
		sg_xmlp_free(&o->xp);
	}
	return o;
}

/* A pass over content.xml that lists the sheets (once). */
static void
list_sheets(struct sg_ods *o)
{
	if (o->listed)
		return;
	xml_stop(o);
	o->listing = 1;
	xml_start(o);
	parse_more(o);
	xml_stop(o);
	o->listing = 0;
	o->listed = 1;
	no_sheets(o);
}

int
sg_ods_nsheets(struct sg_ods *o)
{
	list_sheets(o);
	return o->nsheets;
}

const char *
sg_ods_sheet_name(struct sg_ods *o, int i)
{
	list_sheets(o);
	return i >= 0 && i < o->nsheets ? o->sheets[i] : NULL;
}

/* The sheet named sheet among all the sheets, as sg_xlsx_select() finds
 * it; an unknown one exits 1 listing them. */
static int
find_sheet(struct sg_ods *o, const char *sheet)
{
	list_sheets(o);
	return sg_book_sheet(o->name, (const char *const *)o->sheets,
	    o->nsheets, sheet);
}

void
sg_ods_select(struct sg_ods *o, const char *sheet)
{
	const char *p;

	if (o->xp.p != NULL)
		sg_zip_corrupt(o->name, "sg_ods_select called twice", NULL);
	o->want = NULL;
	o->sel = 0;
	if (sheet != NULL) {
		for (p = sheet; isdigit((unsigned char)*p); p++)
			;
		/* A number may be a name too, which wins: all are needed. */
		if (*p == '\0')
			o->sel = find_sheet(o, sheet);
		else {
			o->want = sheet;
			o->sel = -1;
		}
	}
	xml_start(o);
}

int
sg_ods_next_row(struct sg_ods *o, char ***cells, size_t *ncells,
    long *rownum)
{
	size_t i, n;
	long j;

	if (o->xp.p == NULL)
		sg_ods_select(o, NULL);
	if (!o->ready || o->readyrep == 0) {
		o->ready = 0;
		parse_more(o);
	}
	if (!o->ready && !o->found) {
		/* The end, and no such sheet: not as written, so with all
		 * the names in hand (or none at all). */
		no_sheets(o);
		if (o->want == NULL)
			return 0;
		o->sel = find_sheet(o, o->want);
		o->want = NULL;
		xml_stop(o);
		xml_start(o);
		parse_more(o);
	}
	if (!o->ready)
		return 0;
	if (o->emitted + 1 < o->readyrow) {
		/* An empty row, before a non-empty one. */
		*rownum = ++o->emitted;
		*ncells = 0;
		*cells = o->cells;
		return 1;
	}
	n = (size_t)(o->rv[o->rn - 1].col + o->rv[o->rn - 1].rep);
	sg_book_blank_row(&o->cells, &o->cellcap, n);
	for (i = 0; i < o->rn; i++)
		for (j = 0; j < o->rv[i].rep; j++)
			o->cells[o->rv[i].col + j] = o->rowbuf.p + o->rv[i].off;
	*cells = o->cells;
	*ncells = n;
	*rownum = ++o->emitted;
	o->readyrow++;
	o->readyrep--;
	return 1;
}

void
sg_ods_close(struct sg_ods *o)
{
	if (o == NULL)
		return;
	xml_stop(o);
	sg_arena_free(o->names);
	free(o->sheets);
	free(o->cstyles);
	free(o->wraps);
	free(o->cols);
	sg_buf_free(&o->text);
	sg_buf_free(&o->val);
	sg_buf_free(&o->rowbuf);
	free(o->rv);
	free(o->cells);
	free(o);
}
