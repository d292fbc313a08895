/*
 * render/ods.c: a book as an OpenDocument spreadsheet (ODF 1.2), zipped
 * with the mimetype entry first and stored, as the standard asks
 * (zipw.c); the XML of content.xml is deflated as it is made, a row at a
 * time, so a big table costs its deflated size in memory, not its XML's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "zipw.h"
#include "render/book.h"

#define NS_OFFICE	"urn:oasis:names:tc:opendocument:xmlns:office:1.0"

static const char mimetype[] = "application/vnd.oasis.opendocument.spreadsheet";

static const char manifest[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\n"
" <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\n"
" <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
" <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
" <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
"</manifest:manifest>\n";

static const char styles[] =
"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
"<office:document-styles xmlns:office=\"" NS_OFFICE "\" office:version=\"1.2\"><office:styles/></office:document-styles>\n";

#define MAX_DP	15

struct ods {
	struct sg_buf	 x;
	struct sg_zipw	*z;		/* content.xml goes on to it */
	const char	*name;		/* for messages */
	const char	*where;		/* the sheet being written */
};

/*
 * Text as XML character data.  A character XML 1.0 cannot hold (a control
 * other than TAB, LF, CR) stops the write: the cell would otherwise lose
 * it without a word.
 */
static void
esc(struct ods *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '&': sg_buf_adds(&o->x, "&amp;"); break;
		case '<': sg_buf_adds(&o->x, "&lt;"); break;
		case '>': sg_buf_adds(&o->x, "&gt;"); break;
		case '"': sg_buf_adds(&o->x, "&quot;"); break;
		default:
			if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
				sg_die("%s: %s: a cell holds control character "
				    "0x%02x, which an .ods cannot store",
				    o->name, o->where, ch);
			sg_buf_addc(&o->x, ch);
		}
	}
}

/*
 * A paragraph's text.  ODF folds white space in text:p, so a space that
 * begins or ends the paragraph or follows another is written <text:s/>,
 * a TAB <text:tab/>: the text reads back exactly as written.
 */
static void
para(struct ods *o, const char *s, size_t n)
{
	size_t i, start = 0;

	sg_buf_adds(&o->x, "<text:p>");
	for (i = 0; i < n; i++) {
		int lone = s[i] == ' ' && i > 0 && i + 1 < n && s[i - 1] != ' ';

		if ((s[i] == ' ' && !lone) || s[i] == '\t' || s[i] == '\r') {
			esc(o, s + start, i - start);
			sg_buf_adds(&o->x, s[i] == ' ' ? "<text:s/>" :
			    s[i] == '\t' ? "<text:tab/>" : "&#13;");
			start = i + 1;
		}
	}
	esc(o, s + start, n - start);
	sg_buf_adds(&o->x, "</text:p>");
}

/* A string cell: one paragraph a line. */
static void
str_cell(struct ods *o, const char *s, size_t n, const char *style)
{
	const char *nl;

	sg_buf_adds(&o->x, "<table:table-cell");
	if (style != NULL) {
		sg_buf_adds(&o->x, " table:style-name=\"");
		sg_buf_adds(&o->x, style);
		sg_buf_addc(&o->x, '"');
	}
	if (n == 0) {
		sg_buf_adds(&o->x, "/>");
		return;
	}
	sg_buf_adds(&o->x, " office:value-type=\"string\">");
	while ((nl = memchr(s, '\n', n)) != NULL) {
		para(o, s, (size_t)(nl - s));
		n -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	para(o, s, n);
	sg_buf_adds(&o->x, "</table:table-cell>");
}

static void
link_cell(struct ods *o, const char *sheet)
{
	size_t n = strlen(sheet);

	sg_buf_adds(&o->x, "<table:table-cell office:value-type=\"string\">"
	    "<text:p><text:a xlink:type=\"simple\" xlink:href=\"#'");
	for (size_t i = 0; i < n; i++) {
		if (sheet[i] == '\'')
			sg_buf_addc(&o->x, '\'');
		esc(o, sheet + i, 1);
	}
	sg_buf_adds(&o->x, "'.A1\">");
	esc(o, sheet, n);
	sg_buf_adds(&o->x, "</text:a></text:p></table:table-cell>");
}

static void
col_style(struct ods *o, size_t chars)
{
	char buf[64];

	if (chars < 8)
		chars = 8;
	if (chars > 60)
		chars = 60;
	snprintf(buf, sizeof(buf), "<table:table-column table:style-name="
	    "\"co%zu\"/>", chars);
	sg_buf_adds(&o->x, buf);
}

static void
auto_styles(struct ods *o)
{
	char buf[512];
	size_t w;
	int dp;

	sg_buf_adds(&o->x, "<office:automatic-styles>");
	for (w = 8; w <= 60; w++) {
		snprintf(buf, sizeof(buf), "<style:style style:name=\"co%zu\" "
		    "style:family=\"table-column\"><style:table-column-"
		    "properties style:column-width=\"%.2fcm\"/></style:style>",
		    w, 0.22 * (double)w + 0.4);
		sg_buf_adds(&o->x, buf);
	}
	for (dp = 0; dp <= MAX_DP; dp++) {
		snprintf(buf, sizeof(buf), "<number:number-style style:name="
		    "\"N%d\"><number:number number:decimal-places=\"%d\" "
		    "number:min-integer-digits=\"1\" number:grouping=\"true\"/>"
		    "</number:number-style><style:style style:name=\"num%d\" "
		    "style:family=\"table-cell\" style:data-style-name=\"N%d\"/>",
		    dp, dp, dp, dp);
		sg_buf_adds(&o->x, buf);
	}
	sg_buf_adds(&o->x,
	    "<number:date-style style:name=\"D1\"><number:year number:style="
	    "\"long\"/><number:text>-</number:text><number:month number:style="
	    "\"long\"/><number:text>-</number:text><number:day number:style="
	    "\"long\"/></number:date-style>"
	    "<style:style style:name=\"date\" style:family=\"table-cell\" "
	    "style:data-style-name=\"D1\"/>"
	    "<style:style style:name=\"title\" style:family=\"table-cell\">"
	    "<style:text-properties fo:font-weight=\"bold\" fo:font-size="
	    "\"14pt\"/></style:style>"
	    "<style:style style:name=\"head\" style:family=\"table-cell\">"
	    "<style:text-properties fo:font-weight=\"bold\"/></style:style>"
	    "<style:style style:name=\"sym\" style:family=\"table-cell\">"
	    "<style:paragraph-properties fo:text-align=\"end\"/></style:style>"
	    "</office:automatic-styles>");
}

static void
begin_table(struct ods *o, const char *sheet, const size_t *widths,
    size_t ncol)
{
	sg_buf_adds(&o->x, "<table:table table:name=\"");
	esc(o, sheet, strlen(sheet));
	sg_buf_adds(&o->x, "\">");
	for (size_t c = 0; c < ncol; c++)
		col_style(o, widths[c]);
}

/* Rows 1 and 2: the title and the line under it. */
static void
title_rows(struct ods *o, const char *title, const char *intro)
{
	sg_buf_adds(&o->x, "<table:table-row>");
	str_cell(o, title, strlen(title), "title");
	sg_buf_adds(&o->x, "</table:table-row><table:table-row>");
	str_cell(o, intro, strlen(intro), NULL);
	sg_buf_adds(&o->x, "</table:table-row>");
}

static void
lines_sheet(struct ods *o, const struct sg_book_sheet *sh)
{
	const struct sg_book_line *l = sh->l;
	size_t w[2] = { strlen(sh->head[0]), strlen(sh->head[1]) }, i;

	o->where = sh->name;
	for (i = 0; i < sh->n; i++) {
		if (strlen(l[i].label) > w[0])
			w[0] = strlen(l[i].label);
		if (strlen(l[i].text) > w[1])
			w[1] = strlen(l[i].text);
	}
	begin_table(o, sh->name, w, 2);
	title_rows(o, sh->title, sh->intro);
	sg_buf_adds(&o->x, "<table:table-header-rows><table:table-row>");
	for (i = 0; i < 2; i++)
		str_cell(o, sh->head[i], strlen(sh->head[i]), "head");
	sg_buf_adds(&o->x, "</table:table-row></table:table-header-rows>");
	for (i = 0; i < sh->n; i++) {
		sg_buf_adds(&o->x, "<table:table-row>");
		if (sh->links)
			link_cell(o, l[i].label);
		else
			str_cell(o, l[i].label, strlen(l[i].label), NULL);
		str_cell(o, l[i].text, strlen(l[i].text), NULL);
		sg_buf_adds(&o->x, "</table:table-row>");
	}
	sg_buf_adds(&o->x, "</table:table>");
}

static void
num_cell(struct ods *o, const struct sg_book_cell *cell, int dp)
{
	char buf[SG_BOOK_NUMBUF], style[16];

	if (dp > MAX_DP)
		dp = MAX_DP;
	snprintf(style, sizeof(style), "num%d", dp);
	sg_buf_adds(&o->x, "<table:table-cell table:style-name=\"");
	sg_buf_adds(&o->x, style);
	sg_buf_adds(&o->x, "\" office:value-type=\"float\" office:value=\"");
	/* The number as the stream writes it: a valid xsd:double. */
	sg_buf_add(&o->x, cell->text, cell->len);
	sg_buf_adds(&o->x, "\"><text:p>");
	sg_book_fmt_num(cell->text, cell->len, dp, buf);
	sg_buf_adds(&o->x, buf);
	sg_buf_adds(&o->x, "</text:p></table:table-cell>");
}

/* What has been made of content.xml goes on to be deflated, once there
 * is a good piece of it. */
static void
spill(struct ods *o, size_t least)
{
	if (o->x.len >= least) {
		sg_zipw_write(o->z, o->x.p, o->x.len);
		o->x.len = 0;
	}
}

static void
table_sheet(struct ods *o, const struct sg_book_table *t)
{
	size_t *w = sg_malloc(t->ncol * sizeof(*w)), r, c;
	char buf[64];

	o->where = t->sheet;
	/* LibreOffice holds what Excel does, and drops the rest of an .ods
	 * without a word when it opens it: the title, a line and the
	 * header go above the rows. */
	if (t->nrow + 3 > 1048576 || t->ncol > 16384)
		sg_die("%s: %s: %zu rows of %zu columns do not fit in a sheet "
		    "(at most 1,048,573 rows of 16,384)", o->name, t->sheet,
		    t->nrow, t->ncol);
	for (c = 0; c < t->ncol; c++)
		w[c] = t->col[c].width;
	begin_table(o, t->sheet, w, t->ncol);
	free(w);
	title_rows(o, t->title, sg_book_subtitle(t));
	sg_buf_adds(&o->x, "<table:table-header-rows><table:table-row>");
	for (c = 0; c < t->ncol; c++)
		str_cell(o, t->col[c].name, strlen(t->col[c].name), "head");
	sg_buf_adds(&o->x, "</table:table-row></table:table-header-rows>");
	for (r = 0; r < t->nrow; r++) {
		sg_buf_adds(&o->x, "<table:table-row>");
		for (c = 0; c < t->ncol; c++) {
			struct sg_book_cell cell;

			sg_book_cell(t, r, c, &cell);
			switch (cell.kind) {
			case SG_CELL_NUM:
				num_cell(o, &cell, t->col[c].dp);
				break;
			case SG_CELL_DATE:
				snprintf(buf, sizeof(buf), "%04d-%02d-%02d",
				    cell.y, cell.m, cell.d);
				sg_buf_adds(&o->x, "<table:table-cell "
				    "table:style-name=\"date\" office:value-type"
				    "=\"date\" office:date-value=\"");
				sg_buf_adds(&o->x, buf);
				sg_buf_adds(&o->x, "\"><text:p>");
				sg_buf_adds(&o->x, buf);
				sg_buf_adds(&o->x, "</text:p></table:table-cell>");
				break;
			case SG_CELL_SYM:
				str_cell(o, cell.text, cell.len, "sym");
				break;
			default:
				str_cell(o, cell.text, cell.len, NULL);
			}
		}
		sg_buf_adds(&o->x, "</table:table-row>");
		spill(o, 65536);
	}
	sg_buf_adds(&o->x, "</table:table>");
}

static void
meta(struct ods *o, const struct sg_book *b)
{
	char date[64];

	snprintf(date, sizeof(date), "%04d-%02d-%02dT12:00:00", b->y, b->m,
	    b->d);
	sg_buf_adds(&o->x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-meta xmlns:office=\"" NS_OFFICE "\" "
	    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version="
	    "\"1.2\"><office:meta><meta:generator>" PACKAGE_NAME " "
	    PACKAGE_VERSION "</meta:generator><dc:title>");
	esc(o, b->title, strlen(b->title));
	sg_buf_adds(&o->x, "</dc:title><meta:creation-date>");
	sg_buf_adds(&o->x, date);
	sg_buf_adds(&o->x, "</meta:creation-date></office:meta>"
	    "</office:document-meta>\n");
}

void
sg_book_write_ods(const struct sg_book *b, struct sg_writer *w,
    const char *name)
{
	struct ods o = { .name = name };
	struct sg_book_front f;
	struct sg_zipw *z;
	unsigned dosdate = sg_zipw_dosdate(b->y, b->m, b->d);
	size_t i;

	z = sg_zipw_open(w, name, dosdate, 0);
	sg_zipw_add(z, "mimetype", mimetype, sizeof(mimetype) - 1, 0);
	sg_zipw_add(z, "META-INF/manifest.xml", manifest, sizeof(manifest) - 1,
	    1);
	sg_zipw_begin(z, "content.xml");
	o.z = z;
	sg_buf_adds(&o.x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<office:document-content xmlns:office=\"" NS_OFFICE "\" "
	    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" "
	    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
	    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
	    "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:"
	    "xsl-fo-compatible:1.0\" "
	    "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:"
	    "datastyle:1.0\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
	    "office:version=\"1.2\">");
	auto_styles(&o);
	sg_buf_adds(&o.x, "<office:body><office:spreadsheet>");
	sg_book_front(b, &f);
	for (i = 0; i < f.n; i++)
		lines_sheet(&o, &f.s[i]);
	sg_book_front_free(&f);
	for (i = 0; i < b->nt; i++)
		table_sheet(&o, &b->t[i]);
	sg_buf_adds(&o.x, "</office:spreadsheet></office:body>"
	    "</office:document-content>\n");
	spill(&o, 0);
	sg_zipw_end(z);
	sg_zipw_add(z, "styles.xml", styles, sizeof(styles) - 1, 1);
	sg_buf_free(&o.x);
	meta(&o, b);
	sg_zipw_add(z, "meta.xml", o.x.p, o.x.len, 1);
	sg_buf_free(&o.x);
	sg_zipw_close(z);
}
