/*
 * html.c: sg-render -f html, an accessible table as a standalone page or
 * (-F) a fragment, coloured by its RAG companions with the rating also
 * as text (man/sg-render.1).  It streams: one record at a time.
 */
#include "config.h"

#include <string.h>

#include "sg.h"
#include "render/render.h"

const char sg_render_css[] =
"body{font-family:Arial,Helvetica,sans-serif;font-size:11pt;color:#000;"
"background:#fff;margin:1.5em}\n"
"h1{font-size:1.4em;margin:0 0 .6em}\n"
"table.sg{border-collapse:collapse;margin:0 0 .8em;max-width:100%}\n"
"table.sg caption{caption-side:top;text-align:left;font-weight:bold;"
"padding:0 0 .4em}\n"
"table.sg th,table.sg td{border:1px solid #595959;padding:.2em .45em;"
"vertical-align:top}\n"
"table.sg thead th{background:#e7e6e6;text-align:left;"
"vertical-align:bottom}\n"
"table.sg tbody th{text-align:left}\n"
"table.sg .num{text-align:right;font-variant-numeric:tabular-nums}\n"
"table.sg td.num{white-space:nowrap}\n"
"table.sg .rag-R{background:#c00000;color:#fff}\n"
"table.sg .rag-A{background:#ffc000;color:#000}\n"
"table.sg .rag-G{background:#00b050;color:#000}\n"
"table.sg .rag-B{background:#0070c0;color:#fff}\n"
".sg-rating{font-weight:bold;margin-left:.35em;text-decoration:none}\n"
".sg-note{margin:.3em 0;font-size:.9em}\n"
".sg-key{margin:.6em 0 1.2em;font-size:.9em}\n"
".sg-key p{margin:0 0 .3em;font-weight:bold}\n"
".sg-key ul{list-style:none;margin:0;padding:0}\n"
".sg-key li{margin:.15em 0}\n"
".sg-key .sg-swatch{display:inline-block;width:1.7em;text-align:center;"
"border:1px solid #595959;margin-right:.5em;font-weight:bold}\n"
".sg-key .rag-R{background:#c00000;color:#fff}\n"
".sg-key .rag-A{background:#ffc000;color:#000}\n"
".sg-key .rag-G{background:#00b050;color:#000}\n"
".sg-key .rag-B{background:#0070c0;color:#fff}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
"@media print{body{margin:0;font-size:9pt}}\n"
/*
 * A table too wide for the screen scrolls in its own box rather than
 * pushing the page sideways.  On paper nothing may be lost (man
 * sg-render, PRINTING): Chromium clips a table wider than the page, so
 * in print the table is held to the page width, and a wide table (class
 * sg-wide) goes on an A4 landscape page in a smaller type.  Headings
 * wrap between words; only a very wide table (sg-widest), which could
 * not fit otherwise, has them break anywhere.
 */
".sg-wrap{overflow-x:auto;max-width:100%;margin:0 0 .8em}\n"
".sg-wrap table.sg{margin:0}\n"
"@page wide{size:A4 landscape;margin:10mm}\n"
"@media print{.sg-wrap{overflow:visible}\n"
"table.sg{max-width:100%}\n"
".sg-wide{page:wide}\n"
".sg-wide table.sg{width:100%;font-size:7pt}\n"
".sg-wide table.sg th,.sg-wide table.sg td{padding:.15em .25em}\n"
".sg-widest table.sg{font-size:6pt}\n"
".sg-widest table.sg thead th{overflow-wrap:anywhere}}\n";

/*
 * More shown columns than this make a table wide: it prints on a
 * landscape page.  Ten columns of six-digit counts fill A4 portrait.
 */
#define WIDE_COLS	8
#define WIDEST_COLS	20

const char sg_render_page_portrait[] = "@page{size:A4;margin:15mm}\n";

static void
html_start(struct sg_render *x)
{
	struct sg_writer *w = x->w;

	if (x->fragment)
		return;
	sg_write_str(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	sg_render_put_str(x, x->title != NULL ? x->title : x->caption != NULL ?
	    x->caption : "Table", SG_MARKUP_HTML);
	sg_write_str(w, "</title>\n<style>\n");
	sg_write_str(w, sg_render_css);
	sg_write_str(w, x->landscape ? "@page{size:A4 landscape;margin:12mm}\n" :
	    sg_render_page_portrait);
	sg_write_str(w, "</style>\n</head>\n<body>\n<main>\n");
}

static void
html_header(struct sg_render *x)
{
	struct sg_writer *w = x->w;
	size_t i;

	sg_write_str(w, x->nshown > WIDEST_COLS ?
	    "<div class=\"sg-wrap sg-wide sg-widest\">\n" :
	    x->nshown > WIDE_COLS ? "<div class=\"sg-wrap sg-wide\">\n" :
	    "<div class=\"sg-wrap\">\n");
	if (x->title != NULL) {
		sg_write_str(w, x->fragment ? "<h2>" : "<h1>");
		sg_render_put_str(x, x->title, SG_MARKUP_HTML);
		sg_write_str(w, x->fragment ? "</h2>\n" : "</h1>\n");
	}
	sg_write_str(w, "<table class=\"sg\">\n");
	if (x->caption != NULL) {
		sg_write_str(w, "<caption>");
		sg_render_put_str(x, x->caption, SG_MARKUP_HTML);
		sg_write_str(w, "</caption>\n");
	}
	sg_write_str(w, "<thead>\n<tr>");
	for (i = 0; i < x->ncols; i++) {
		if (!x->cols[i].shown)
			continue;
		sg_write_str(w, x->cols[i].right ?
		    "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">");
		sg_render_put_name(x, x->hdr->f[i], SG_MARKUP_HTML);
		sg_write_str(w, "</th>");
	}
	sg_write_str(w, "</tr>\n</thead>\n<tbody>\n");
}

/* A cell's class: num for a number, rag-R and so on for a rating. */
static void
html_class(struct sg_writer *w, int num, int rg)
{
	if (!num && rg < 0)
		return;
	sg_write_str(w, " class=\"");
	if (num)
		sg_write_str(w, rg >= 0 ? "num " : "num");
	if (rg >= 0) {
		sg_write_str(w, "rag-");
		sg_write_char(w, sg_rag_letters[rg]);
	}
	sg_write_char(w, '"');
}

static void
html_cell(struct sg_render *x, size_t i, int num, int rg)
{
	struct sg_writer *w = x->w;

	sg_write_str(w, i == x->first_shown ? "<th scope=\"row\"" : "<td");
	html_class(w, num && i != x->first_shown, rg);
	sg_write_char(w, '>');
	sg_render_put(x, x->disp.p, x->disp.len, SG_MARKUP_HTML);
	if (rg >= 0 && rg < 4) {
		sg_write_str(w, " <abbr class=\"sg-rating\" title=\"");
		sg_write_str(w, sg_rag_names[rg]);
		sg_write_str(w, "\">");
		sg_write_char(w, sg_rag_letters[rg]);
		sg_write_str(w, "</abbr>");
	}
	sg_write_str(w, i == x->first_shown ? "</th>" : "</td>");
}

static void
html_key_item(struct sg_render *x, int j)
{
	struct sg_writer *w = x->w;

	sg_write_str(w, "<li><span class=\"sg-swatch rag-");
	sg_write_char(w, sg_rag_letters[j]);
	sg_write_str(w, "\">");
	if (j < 4)
		sg_write_char(w, sg_rag_letters[j]);
	else
		sg_write_str(w, "&nbsp;");
	sg_write_str(w, "</span>");
	sg_render_put_str(x, x->key_text[j], SG_MARKUP_HTML);
	sg_write_str(w, "</li>\n");
}

static void
html_end(struct sg_render *x)
{
	struct sg_writer *w = x->w;
	size_t i;

	sg_write_str(w, "</tbody>\n</table>\n");
	for (i = 0; i < x->nnotes; i++) {
		sg_write_str(w, "<p class=\"sg-note\">");
		sg_render_put_str(x, x->notes[i], SG_MARKUP_HTML);
		sg_write_str(w, "</p>\n");
	}
	sg_render_key(x, "<section class=\"sg-key\" aria-label=\"Key\">\n"
	    "<p>Key</p>\n<ul>\n", html_key_item, "</ul>\n</section>\n");
	sg_write_str(w, "</div>\n");
	if (!x->fragment)
		sg_write_str(w, "</main>\n</body>\n</html>\n");
}

static const struct sg_render_parts html = {
	html_start, html_header, "<tr>", html_cell, "</tr>\n", html_end
};

void
sg_render_html(struct sg_render *x)
{
	sg_render_stream(x, &html);
}
