/*
 * xlsx.c: reading one sheet of an Excel workbook (.xlsx).
 *
 * An .xlsx file is a zip archive of XML parts (ECMA-376, Office Open XML),
 * read through zip.c.  The XML is parsed with expat, by local names (a
 * prefix such as "x:" is dropped), so prefixed, default and Strict
 * namespaces all work.  The parts read are _rels/.rels (where the
 * workbook is), the workbook (sheet names, the 1904 date system), its
 * relationships (where each sheet, the shared strings and the styles are),
 * the shared strings, the styles (which cells hold dates) and the selected
 * worksheet, which is streamed: expat is suspended at the end of each row,
 * so one row is held at a time whatever the size of the sheet.
 */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "sg.h"
#include "markup.h"
#include "ods.h"
#include "ooxml.h"
#include "xlsx.h"
#include "xmlpart.h"
#include "zip.h"

#define MAXCOLS		16384		/* Excel's limit: column XFD */
#define MAXROWS		1048576L	/* Excel's limit */

static const unsigned char ole2_magic[8] = {
	0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1
};


struct sheet {
	char	*name;
	char	*rid;
	char	*part;
};

/* Where a cell's text is being collected while parsing. */
enum collect {
	C_NONE = 0,
	C_V,		/* <v> */
	C_IS		/* <t> inside <is> */
};

/* State while reading the shared strings and the styles. */
struct ssstate {
	int	in_si;
	int	in_t;
	int	rph;
};
struct stylestate {
	long		*fmtid;
	unsigned char	*fmtkind;
	size_t		 nfmt;
	int		 in_cellxfs;
};

struct sg_xlsx {
	struct sg_xmlp		 xp;		/* first: see xmlpart.h */
	const char		*name;
	const unsigned char	*data;
	size_t			 len;

	struct sg_zip		 zip;
	struct sg_ods		*ods;		/* an .ods read instead */

	char			*wbpart;
	int			 date1904;
	struct sheet		*sheets;
	int			 nsheets;
	struct sg_rels		 rels;

	/* Shared strings: NUL-terminated, one after another. */
	struct sg_buf		 ss;
	size_t			*ssoff;
	size_t			 nss, sscap;

	/* Per cell style (cellXfs index): enum sg_numkind. */
	unsigned char		*xfkind;
	size_t			 nxf;
	struct ssstate		 ss_state;
	struct stylestate	 st_state;

	/* The selected sheet, streamed. */
	int			 sel;
	int			 in_sheetdata;
	int			 in_row;
	long			 xmlrow;	/* row being parsed */
	long			 lastxmlrow;
	long			 emitted;	/* last row number returned */
	int			 ready;		/* a non-empty row is parsed */
	/* The cell being parsed. */
	int			 in_c;
	long			 col;
	long			 nextcol;
	char			 ctype[16];
	long			 cstyle;
	int			 has_f, has_v, has_is;
	enum collect		 collect;
	int			 rph;		/* depth inside <rPh> */
	struct sg_buf		 text;
	/* The row: values NUL-terminated in rowbuf, their columns. */
	struct sg_buf		 rowbuf;
	long			*rcol;
	size_t			*roff;
	size_t			 rn, rcap;
	char			**cells;
	size_t			 cellcap;
};

/* ------------------------------------------------------------------ */
/* Small helpers.                                                       */


static void SG_NORETURN
corrupt(struct sg_xlsx *x, const char *what, const char *part)
{
	sg_zip_corrupt(x->name, what, part);
}

#define NO_DOCTYPE	"a DOCTYPE is not allowed in a workbook"

/* Parses part e whole, x the handlers' user data. */
static void
parse_part(struct sg_xlsx *x, const struct sg_zentry *e,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler chars)
{
	sg_xmlp_new(&x->xp, x->name, e->name, 0, NO_DOCTYPE);
	sg_xmlp_handlers(&x->xp, x, start, end, chars);
	sg_xmlp_parse(&x->xp, &x->zip, e);
	sg_xmlp_free(&x->xp);
}

/* ------------------------------------------------------------------ */
/* The zip container.                                                  */

int
sg_xlsx_detect(const unsigned char *head, size_t n)
{
	return n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}

int
sg_xlsx_is_xls(const unsigned char *head, size_t n)
{
	return n >= sizeof(ole2_magic) &&
	    memcmp(head, ole2_magic, sizeof(ole2_magic)) == 0;
}

/*
 * An OLE2 file is either an old .xls or an encrypted .xlsx, which keeps
 * its "EncryptionInfo" stream (a UTF-16LE directory name) in OLE2.
 */
static void SG_NORETURN
ole2_die(const char *name, const unsigned char *data, size_t len)
{
	static const char ei[] = "EncryptionInfo";
	unsigned char pat[2 * sizeof(ei)];
	size_t i;

	for (i = 0; i + 1 < sizeof(ei); i++) {
		pat[2 * i] = (unsigned char)ei[i];
		pat[2 * i + 1] = 0;
	}
	if (memmem(data, len, pat, 2 * (sizeof(ei) - 1)) != NULL)
		sg_die("%s: encrypted workbook: remove its password in Excel "
		    "and save it again", name);
	sg_die("%s: an old Excel .xls workbook: open it in Excel or "
	    "LibreOffice and save it as .xlsx", name);
}


/* ------------------------------------------------------------------ */
/* XML parts.                                                          */

/* The workbook: date system and sheets. */
static void XMLCALL
wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sg_xlsx *x = ud;
	const char *ln = sg_xml_lname(name, SG_OX_NSSEP), *n, *id;
	struct sheet *s;

	if (strcmp(ln, "workbookPr") == 0) {
		/*
		 * Excel 2010 and later add <x14:workbookPr> or <x15:workbookPr>
		 * (same local name, other namespace) after the main one, with
		 * no date1904 attribute: only a date1904 that is there counts,
		 * and once the workbook is in the 1904 system it stays there.
		 */
		if (sg_ox_truthy(sg_ox_attr(atts, "date1904", 0)))
			x->date1904 = 1;
	} else if (strcmp(ln, "sheet") == 0) {
		n = sg_ox_attr(atts, "name", 0);
		id = sg_ox_attr(atts, "id", 1);
		if (n == NULL || id == NULL)
			return;
		x->sheets = sg_realloc(x->sheets,
		    (size_t)(x->nsheets + 1) * sizeof(*x->sheets));
		s = &x->sheets[x->nsheets++];
		s->name = sg_strdup(n);
		s->rid = sg_strdup(id);
		s->part = NULL;
	}
}

/* Shared strings: the text of <t> in <si>, directly or in runs <r>. */

static void XMLCALL
ss_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sg_xlsx *x = ud;
	const char *ln = sg_xml_lname(name, SG_OX_NSSEP);

	(void)atts;
	if (strcmp(ln, "si") == 0) {
		x->ss_state.in_si = 1;
		x->text.len = 0;
	} else if (strcmp(ln, "rPh") == 0) {
		x->ss_state.rph++;
	} else if (strcmp(ln, "t") == 0 && x->ss_state.in_si && x->ss_state.rph == 0) {
		x->ss_state.in_t = 1;
	}
}

static void XMLCALL
ss_end(void *ud, const XML_Char *name)
{
	struct sg_xlsx *x = ud;
	const char *ln = sg_xml_lname(name, SG_OX_NSSEP);

	if (strcmp(ln, "si") == 0 && x->ss_state.in_si) {
		x->ss_state.in_si = 0;
		if (x->nss == x->sscap) {
			x->sscap = x->sscap ? 2 * x->sscap : 1024;
			x->ssoff = sg_realloc(x->ssoff, x->sscap *
			    sizeof(size_t));
		}
		x->ssoff[x->nss++] = x->ss.len;
		sg_ox_add_string(&x->ss, x->text.p != NULL ? x->text.p : "",
		    x->text.len);
		sg_buf_addc(&x->ss, '\0');
	} else if (strcmp(ln, "rPh") == 0) {
		x->ss_state.rph--;
	} else if (strcmp(ln, "t") == 0) {
		x->ss_state.in_t = 0;
	}
}

static void XMLCALL
ss_chars(void *ud, const XML_Char *s, int n)
{
	struct sg_xlsx *x = ud;

	if (x->ss_state.in_t)
		sg_buf_add(&x->text, s, (size_t)n);
}

/* Styles: custom numFmts, then cellXfs' numFmtId per cell style. */

static enum sg_numkind
fmt_kind_by_id(struct sg_xlsx *x, long id)
{
	size_t i;

	for (i = 0; i < x->st_state.nfmt; i++)
		if (x->st_state.fmtid[i] == id)
			return (enum sg_numkind)x->st_state.fmtkind[i];
	return sg_ox_builtin_kind(id);
}

static void XMLCALL
st_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sg_xlsx *x = ud;
	const char *ln = sg_xml_lname(name, SG_OX_NSSEP), *id, *code;

	if (strcmp(ln, "numFmt") == 0) {
		id = sg_ox_attr(atts, "numFmtId", 0);
		code = sg_ox_attr(atts, "formatCode", 0);
		if (id == NULL || code == NULL)
			return;
		x->st_state.fmtid = sg_realloc(x->st_state.fmtid, (x->st_state.nfmt + 1) *
		    sizeof(*x->st_state.fmtid));
		x->st_state.fmtkind = sg_realloc(x->st_state.fmtkind, x->st_state.nfmt + 1);
		x->st_state.fmtid[x->st_state.nfmt] = strtol(id, NULL, 10);
		x->st_state.fmtkind[x->st_state.nfmt++] = (unsigned char)sg_ox_format_kind(code);
	} else if (strcmp(ln, "cellXfs") == 0) {
		x->st_state.in_cellxfs = 1;
	} else if (strcmp(ln, "xf") == 0 && x->st_state.in_cellxfs) {
		id = sg_ox_attr(atts, "numFmtId", 0);
		x->xfkind = sg_realloc(x->xfkind, x->nxf + 1);
		x->xfkind[x->nxf++] = (unsigned char)(id != NULL ?
		    fmt_kind_by_id(x, strtol(id, NULL, 10)) : NK_NUMBER);
	}
}

static void XMLCALL
st_end(void *ud, const XML_Char *name)
{
	struct sg_xlsx *x = ud;

	if (strcmp(sg_xml_lname(name, SG_OX_NSSEP), "cellXfs") == 0)
		x->st_state.in_cellxfs = 0;
}

/* ------------------------------------------------------------------ */
/* Opening.                                                            */

/* _rels/.rels names the workbook part ("officeDocument"). */
static char *
find_workbook(struct sg_xlsx *x)
{
	const struct sg_rel *r;
	char *part = NULL;

	sg_rels_read(&x->rels, &x->zip, x->name, "");
	r = sg_rels_by_type(&x->rels, "officeDocument");
	if (r != NULL && sg_zip_find(&x->zip, r->target) != NULL)
		part = sg_strdup(r->target);
	else if (sg_zip_find(&x->zip, "xl/workbook.xml") != NULL)
		part = sg_strdup("xl/workbook.xml");
	sg_rels_free(&x->rels);
	return part;
}

struct sg_xlsx *
sg_xlsx_open(const char *name, const unsigned char *data, size_t len)
{
	struct sg_xlsx *x;
	const struct sg_zentry *e;
	const struct sg_rel *r, *rel;
	int i, j;

	if (sg_xlsx_is_xls(data, len))
		ole2_die(name, data, len);
	if (!sg_xlsx_detect(data, len))
		sg_die("%s: not an Excel workbook (.xlsx): not a zip file",
		    name);
	x = sg_calloc(1, sizeof(*x));
	x->name = name;
	x->data = data;
	x->len = len;
	x->sel = -1;
	sg_zip_open(&x->zip, name, data, len);

	x->wbpart = find_workbook(x);
	if (x->wbpart == NULL) {
		if (sg_ods_detect(&x->zip)) {
			/* An OpenDocument spreadsheet: ods.c reads it. */
			x->ods = sg_ods_open(&x->zip);
			return x;
		}
		if (sg_zip_find(&x->zip, "xl/workbook.bin") != NULL)
			sg_die("%s: an Excel binary workbook (.xlsb), not an "
			    ".xlsx: open it in Excel and save it as .xlsx or "
			    "CSV", name);
		sg_die("%s: not an Excel workbook: the zip file holds no "
		    "xl/workbook.xml", name);
	}
	parse_part(x, sg_zip_find(&x->zip, x->wbpart), wb_start, NULL, NULL);
	sg_rels_read(&x->rels, &x->zip, x->name, x->wbpart);

	/* Keep the worksheets (not charts or dialog sheets), with parts. */
	for (i = j = 0; i < x->nsheets; i++) {
		struct sheet *s = &x->sheets[i];
		rel = sg_rels_by_id(&x->rels, s->rid);
		if (rel == NULL)
			corrupt(x, "a sheet has no relationship", x->wbpart);
		if (strcmp(rel->type, "worksheet") != 0) {
			free(s->name);
			free(s->rid);
			continue;
		}
		s->part = sg_strdup(rel->target);
		x->sheets[j++] = *s;
	}
	x->nsheets = j;
	if (x->nsheets == 0)
		sg_die("%s: the workbook has no worksheets", name);

	r = sg_rels_by_type(&x->rels, "sharedStrings");
	if (r != NULL && (e = sg_zip_find(&x->zip, r->target)) != NULL) {
		memset(&x->ss_state, 0, sizeof(x->ss_state));
		parse_part(x, e, ss_start, ss_end, ss_chars);
	}
	r = sg_rels_by_type(&x->rels, "styles");
	if (r != NULL && (e = sg_zip_find(&x->zip, r->target)) != NULL) {
		memset(&x->st_state, 0, sizeof(x->st_state));
		parse_part(x, e, st_start, st_end, NULL);
		free(x->st_state.fmtid);
		free(x->st_state.fmtkind);
		memset(&x->st_state, 0, sizeof(x->st_state));
	}
	return x;
}

int
sg_xlsx_nsheets(const struct sg_xlsx *x)
{
	if (x->ods != NULL)
		return sg_ods_nsheets(x->ods);
	return x->nsheets;
}

const char *
sg_xlsx_sheet_name(const struct sg_xlsx *x, int i)
{
	if (x->ods != NULL)
		return sg_ods_sheet_name(x->ods, i);
	return i >= 0 && i < x->nsheets ? x->sheets[i].name : NULL;
}

/* ------------------------------------------------------------------ */
/* The selected sheet.                                                 */

static void XMLCALL sh_start(void *, const XML_Char *, const XML_Char **);
static void XMLCALL sh_end(void *, const XML_Char *);
static void XMLCALL sh_chars(void *, const XML_Char *, int);

void
sg_xlsx_select(struct sg_xlsx *x, const char *sheet)
{
	const struct sg_zentry *e;
	const char **names;
	int i, sel = 0;

	if (x->ods != NULL) {
		sg_ods_select(x->ods, sheet);
		return;
	}
	if (sheet != NULL) {
		names = sg_calloc((size_t)x->nsheets + 1, sizeof(*names));
		for (i = 0; i < x->nsheets; i++)
			names[i] = x->sheets[i].name;
		sel = sg_book_sheet(x->name, names, x->nsheets, sheet);
		free(names);
	}
	if (x->xp.zr != NULL)
		corrupt(x, "sg_xlsx_select called twice", NULL);
	e = sg_zip_find(&x->zip, x->sheets[sel].part);
	if (e == NULL)
		corrupt(x, "the sheet's part is missing", x->sheets[sel].part);
	x->sel = sel;
	sg_xmlp_new(&x->xp, x->name, x->sheets[sel].part, 0, NO_DOCTYPE);
	sg_xmlp_handlers(&x->xp, x, sh_start, sh_end, sh_chars);
	sg_xmlp_stream(&x->xp, &x->zip, e);
}

/*
 * Warns about the current cell, named as Excel writes a reference
 * ('Annex A'!C7): "sg-import: FILE: Sheet1!C7: WHAT".
 */
#define warn_cell(x, ...)						\
	sg_book_warn((x)->name, (x)->sheets[(x)->sel].name, (x)->col,	\
	    (x)->xmlrow, __VA_ARGS__)

/* Column index from a reference "AB12" (letters only are read). */
static long
ref_col(const char *r)
{
	long c = 0;

	for (; isalpha((unsigned char)*r); r++) {
		c = c * 26 + (toupper((unsigned char)*r) - 'A' + 1);
		if (c > MAXCOLS)
			return -1;
	}
	return c - 1;
}

static void XMLCALL
sh_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct sg_xlsx *x = ud;
	const char *ln = sg_xml_lname(name, SG_OX_NSSEP), *v;

	if (!x->in_sheetdata) {
		if (strcmp(ln, "sheetData") == 0)
			x->in_sheetdata = 1;
		return;
	}
	if (strcmp(ln, "row") == 0) {
		v = sg_ox_attr(atts, "r", 0);
		x->xmlrow = v != NULL ? strtol(v, NULL, 10) : x->lastxmlrow + 1;
		if (x->xmlrow <= x->lastxmlrow || x->xmlrow > MAXROWS) {
			sg_xmlp_stop(&x->xp, "row numbers out of order");
			return;
		}
		x->in_row = 1;
		x->nextcol = 0;
		x->rn = 0;
		x->rowbuf.len = 0;
	} else if (strcmp(ln, "c") == 0 && x->in_row) {
		v = sg_ox_attr(atts, "r", 0);
		x->col = v != NULL ? ref_col(v) : x->nextcol;
		if (x->col < x->nextcol || x->col >= MAXCOLS) {
			sg_xmlp_stop(&x->xp, "cells out of order");
			return;
		}
		v = sg_ox_attr(atts, "t", 0);
		snprintf(x->ctype, sizeof(x->ctype), "%s", v != NULL ? v : "n");
		v = sg_ox_attr(atts, "s", 0);
		x->cstyle = v != NULL ? strtol(v, NULL, 10) : 0;
		x->in_c = 1;
		x->has_f = x->has_v = x->has_is = 0;
		x->text.len = 0;
		x->rph = 0;
	} else if (x->in_c) {
		int inl = strcmp(x->ctype, "inlineStr") == 0;

		/*
		 * An inline string is its <is>: a <v> beside it (some
		 * writers leave one) is not part of it.
		 */
		if (strcmp(ln, "v") == 0) {
			if (!(inl && x->has_is))
				x->collect = C_V;
			x->has_v = 1;
		} else if (strcmp(ln, "f") == 0) {
			x->has_f = 1;
		} else if (strcmp(ln, "is") == 0) {
			x->has_is = 1;
			if (inl)
				x->text.len = 0;
		} else if (strcmp(ln, "rPh") == 0) {
			x->rph++;
		} else if (strcmp(ln, "t") == 0 && x->has_is && x->rph == 0) {
			x->collect = C_IS;
		}
	}
}

/* Appends value s to the row as column x->col (empty values are not kept). */
static void
row_add(struct sg_xlsx *x, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (x->rn == x->rcap) {
		x->rcap = x->rcap ? 2 * x->rcap : 64;
		x->rcol = sg_realloc(x->rcol, x->rcap * sizeof(*x->rcol));
		x->roff = sg_realloc(x->roff, x->rcap * sizeof(*x->roff));
	}
	x->rcol[x->rn] = x->col;
	x->roff[x->rn++] = x->rowbuf.len;
	sg_buf_add(&x->rowbuf, s, n);
	sg_buf_addc(&x->rowbuf, '\0');
}

/*
 * 1 if text is already the shortest form of its value (sg(7), "Values",
 * printing numbers; sg-import(1)): -?digits
 * with no leading zero, an optional fraction with no trailing zero, at
 * most 15 significant digits, not "-0".  Most cells are, and printing
 * them again would only cost time.
 */
static int
is_shortest(const char *t, size_t n)
{
	size_t i = 0, digits = 0, lead = 1, nonzero = 0;

	if (i < n && t[i] == '-')
		i++;
	if (i == n || !isdigit((unsigned char)t[i]) ||
	    (t[i] == '0' && i + 1 < n && t[i + 1] != '.'))
		return 0;
	for (; i < n && isdigit((unsigned char)t[i]); i++) {
		nonzero |= t[i] != '0';
		lead = lead && t[i] == '0';
		digits += !lead;
	}
	if (i < n) {
		if (t[i] != '.' || i + 1 == n || t[n - 1] == '0')
			return 0;
		for (i++; i < n && isdigit((unsigned char)t[i]); i++) {
			nonzero |= t[i] != '0';
			lead = lead && t[i] == '0';
			digits += !lead;
		}
	}
	return i == n && digits <= 15 && (nonzero || t[0] != '-');
}

/* What the cell's number format shows. */
static enum sg_numkind
cell_kind(const struct sg_xlsx *x)
{
	if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf)
		return (enum sg_numkind)x->xfkind[x->cstyle];
	return NK_NUMBER;
}

/*
 * A date-time stored as ISO 8601 text (t="d": YYYY-MM-DD, perhaps with
 * THH:MM:SS, or the time alone), shown through the cell's format as a
 * serial date is: a time format shows the time of day, an elapsed-time
 * format the hours since the start of the date system (1899-12-30, or
 * 1904-01-01); any other format keeps the date.
 */
static void
add_iso(struct sg_xlsx *x, const char *s, size_t n)
{
	enum sg_numkind k = cell_kind(x);
	const char *t = NULL;
	char buf[64];
	long days = 0, secs = -1;
	int date, h, m;
	double sec;

	date = n >= 10 && sg_date_parse_iso(s, 10, &days);
	if (date && n > 11 && s[10] == 'T')
		t = s + 11;
	else if (!date && n >= 8 && s[2] == ':')
		t = s;
	if (t != NULL && sscanf(t, "%2d:%2d:%lf", &h, &m, &sec) == 3 &&
	    h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 61)
		secs = h * 3600L + m * 60L + (long)floor(sec + 0.5);
	if ((k == NK_TIME || k == NK_ELAPSED) && (secs >= 0 || date)) {
		if (secs < 0)
			secs = 0;
		if (k == NK_ELAPSED && date)
			secs += (days - (x->date1904 ?
			    sg_days_from_ymd(1904, 1, 1) :
			    sg_days_from_ymd(1899, 12, 30))) * 86400L;
		if (k == NK_TIME)
			secs %= 86400;
		if (secs >= 0) {
			snprintf(buf, sizeof(buf), "%02ld:%02ld:%02ld",
			    secs / 3600, secs / 60 % 60, secs % 60);
			row_add(x, buf, strlen(buf));
			return;
		}
	}
	if (date)
		row_add(x, s, 10);
	else if (n > 11 && s[10] == 'T')
		row_add(x, s + 11, n - 11 > 8 ? 8 : n - 11);
	else
		row_add(x, s, n);
}

/* A number, perhaps shown with a date, time or percent format. */
static void
add_number(struct sg_xlsx *x, const char *text, size_t len)
{
	char buf[SG_NUMBUF + 2], *end;
	enum sg_numkind k = cell_kind(x);
	double v;
	long days, secs;
	int y, m, d;

	if (k == NK_NUMBER && is_shortest(text, len)) {
		row_add(x, text, len);
		return;
	}
	v = strtod(text, &end);
	if (end == text || *end != '\0') {
		/* Not a number after all: keep what is written. */
		row_add(x, text, len);
		return;
	}
	switch (k) {
	case NK_DATE:
		/* Excel shows times to the millisecond: round there first. */
		v = floor(v * 86400000.0 + 0.5) / 86400000.0;
		if (floor(v) == 60 && !x->date1904) {
			warn_cell(x, "date serial 60 is Excel's 1900-02-29, "
			    "a day that never was: read as x");
			row_add(x, "x", 1);
			return;
		}
		if (!sg_date_from_excel(v, x->date1904, &days) ||
		    (sg_ymd_from_days(days, &y, &m, &d), y > 9999)) {
			warn_cell(x, "'%s' has a date format but is not a "
			    "date: read as x", text);
			row_add(x, "x", 1);
			return;
		}
		sg_date_fmt(days, buf);
		row_add(x, buf, strlen(buf));
		return;
	case NK_TIME:
	case NK_ELAPSED:
		if (v < 0 || v > 1e7) {
			warn_cell(x, "'%s' has a time format but is not a "
			    "time: read as x", text);
			row_add(x, "x", 1);
			return;
		}
		secs = (long)floor(v * 86400.0 + 0.5);
		if (k == NK_TIME)
			secs %= 86400;
		snprintf(buf, sizeof(buf), "%02ld:%02ld:%02ld", secs / 3600,
		    secs / 60 % 60, secs % 60);
		row_add(x, buf, strlen(buf));
		return;
	case NK_PERCENT:
		sg_fmt_num(v * 100.0, -1, buf);
		strcat(buf, "%");
		row_add(x, buf, strlen(buf));
		return;
	default:
		sg_fmt_num(v, -1, buf);
		row_add(x, buf, strlen(buf));
	}
}

/* The cell is complete: convert its value by type. */
static void
end_cell(struct sg_xlsx *x)
{
	const char *t = x->ctype, *s;
	struct sg_buf tmp = { 0 };
	long i;

	sg_buf_addc(&x->text, '\0');
	x->text.len--;
	s = x->text.p;
	if (strcmp(t, "inlineStr") == 0 || (x->has_is && !x->has_v)) {
		sg_ox_add_string(&tmp, s, x->text.len);
		row_add(x, tmp.p, tmp.len);
		sg_buf_free(&tmp);
	} else if (x->has_f && x->text.len == 0 && strcmp(t, "str") != 0) {
		/* openpyxl and other writers leave formulas uncomputed. */
		warn_cell(x, "formula without a cached value read as x (open "
		    "and save the workbook in Excel or LibreOffice)");
		row_add(x, "x", 1);
	} else if (!x->has_v || x->text.len == 0) {
		/* An empty cell, perhaps styled. */
	} else if (strcmp(t, "s") == 0) {
		char *end;
		i = strtol(s, &end, 10);
		if (end == s || *end != '\0' || i < 0 || (size_t)i >= x->nss) {
			sg_xmlp_stop(&x->xp, "shared string index out of range");
			return;
		}
		row_add(x, x->ss.p + x->ssoff[i], strlen(x->ss.p + x->ssoff[i]));
	} else if (strcmp(t, "str") == 0) {
		sg_ox_add_string(&tmp, s, x->text.len);
		row_add(x, tmp.p, tmp.len);
		sg_buf_free(&tmp);
	} else if (strcmp(t, "b") == 0) {
		if (strcmp(s, "1") == 0)
			row_add(x, "TRUE", 4);
		else if (strcmp(s, "0") == 0)
			row_add(x, "FALSE", 5);
		else
			row_add(x, s, x->text.len);
	} else if (strcmp(t, "e") == 0) {
		warn_cell(x, "error cell '%s' read as x", s);
		row_add(x, "x", 1);
	} else if (strcmp(t, "d") == 0) {
		add_iso(x, s, x->text.len);
	} else {
		add_number(x, s, x->text.len);
	}
}

static void XMLCALL
sh_end(void *ud, const XML_Char *name)
{
	struct sg_xlsx *x = ud;
	const char *ln = sg_xml_lname(name, SG_OX_NSSEP);

	if (!x->in_sheetdata)
		return;
	if (x->in_c) {
		if (strcmp(ln, "v") == 0 || strcmp(ln, "t") == 0) {
			x->collect = C_NONE;
		} else if (strcmp(ln, "rPh") == 0) {
			x->rph--;
		} else if (strcmp(ln, "c") == 0) {
			x->in_c = 0;
			x->collect = C_NONE;
			end_cell(x);
			x->nextcol = x->col + 1;
		}
	} else if (strcmp(ln, "row") == 0 && x->in_row) {
		x->in_row = 0;
		x->lastxmlrow = x->xmlrow;
		if (x->rn > 0) {
			x->ready = 1;
			sg_xmlp_pause(&x->xp);
		}
	} else if (strcmp(ln, "sheetData") == 0) {
		x->in_sheetdata = 0;
	}
}

static void XMLCALL
sh_chars(void *ud, const XML_Char *s, int n)
{
	struct sg_xlsx *x = ud;

	if (x->collect != C_NONE)
		sg_buf_add(&x->text, s, (size_t)n);
}

int
sg_xlsx_next_row(struct sg_xlsx *x, char ***cells, size_t *ncells,
    long *rownum)
{
	size_t i, n;

	if (x->ods != NULL)
		return sg_ods_next_row(x->ods, cells, ncells, rownum);
	if (x->sel < 0)
		sg_xlsx_select(x, NULL);
	sg_xmlp_more(&x->xp, &x->ready);
	if (!x->ready)
		return 0;
	if (x->emitted + 1 < x->xmlrow) {
		/* A row absent from the sheet, before a non-empty one. */
		*rownum = ++x->emitted;
		*ncells = 0;
		*cells = x->cells;
		return 1;
	}
	n = (size_t)x->rcol[x->rn - 1] + 1;
	sg_book_blank_row(&x->cells, &x->cellcap, n);
	for (i = 0; i < x->rn; i++)
		x->cells[x->rcol[i]] = x->rowbuf.p + x->roff[i];
	*cells = x->cells;
	*ncells = n;
	*rownum = x->emitted = x->xmlrow;
	x->ready = 0;
	return 1;
}

void
sg_xlsx_close(struct sg_xlsx *x)
{
	int i;

	if (x == NULL)
		return;
	sg_ods_close(x->ods);
	sg_xmlp_free(&x->xp);
	sg_zip_free(&x->zip);
	for (i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].part);
	}
	free(x->sheets);
	sg_rels_free(&x->rels);
	free(x->wbpart);
	sg_buf_free(&x->ss);
	free(x->ssoff);
	free(x->xfkind);
	sg_buf_free(&x->text);
	sg_buf_free(&x->rowbuf);
	free(x->rcol);
	free(x->roff);
	free(x->cells);
	free(x);
}
