/*
 * sg-render: the board-ready table.  Reads the stream and writes it as an
 * aligned text table, a Markdown pipe table, an accessible HTML page (or
 * fragment) or RFC 4180 CSV, with the display rules of a published report:
 * thousands separators, signed changes, percent signs, decimal places per
 * column, symbols shown as the report wants them, and cells coloured by
 * their "X.rag" companion column.  CSV is data for another program: its
 * symbols and numbers are as the stream has them (sg-import reads it back
 * as the same stream) and a text cell a spreadsheet would run as a
 * formula is guarded with a quote.
 *
 * md, html and csv stream: they hold one record at a time (and read the
 * first data record before writing the header, to choose alignments).
 * text must know every column's width before it writes the first line:
 * regular files (named, or standard input redirected from one) are read
 * twice (measure, then write); other input is spooled as display text (in memory up to a
 * megabyte, then in a temporary file) and read back.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <unistd.h>

#include "sg.h"
#include "markup.h"

static const char usage_text[] =
"usage: sg-render -f text|md|html|csv [-t TITLE] [-c CAPTION] [-n NOTE]...\n"
"                 [-T COLS] [-S COLS] [-P COLS] [-d COLS:N]... [-s SYM=TEXT]...\n"
"                 [-C auto|always|never] [-F] [-L] [-B] [-D] [-R]\n"
"                 [-k FILE | -K]\n"
"                 [-o FILE] [-z] [FILE...]\n"
"       sg-render -E\n"
"Writes the stream as a board-ready table.\n"
"  -f, --format FMT      text (aligned), md (Markdown pipe table), html\n"
"                        (standalone page) or csv (RFC 4180); default text\n"
"  -t, --title TEXT      a heading above the table\n"
"  -c, --caption TEXT    the table's caption\n"
"  -n, --note TEXT       a note below the table (repeatable)\n"
"  -T, --thousands COLS  thousands separators: 1,043\n"
"  -S, --signed COLS     a + on positive numbers: +30\n"
"  -P, --pct COLS        a percent sign: 58.4%\n"
"  -d, --dp COLS:N       N decimal places, rounded half away from zero\n"
"  -s, --show SYM=TEXT   show symbol SYM (x z c u low) as TEXT\n"
"                        (default z as N/A, x as /, c as *, low as low)\n"
"  -C, --color WHEN      ANSI colours in text: auto (a terminal), always,\n"
"                        never; default auto\n"
"  -F, --fragment        html: only the table, notes and key (no page)\n"
"  -L, --landscape       html: print on A4 landscape (default portrait)\n"
"  -B, --bom             begin the output with a UTF-8 byte order mark\n"
"  -D, --display         csv: symbols as displayed (/ N/A * low), not x z c\n"
"  -R, --raw             csv: no quote before a text cell that begins with\n"
"                        = + - @ TAB or CR (Excel would read a formula)\n"
"  -k, --key FILE        the RAG key: a stream of rating and text\n"
"  -K, --no-key          no RAG key\n"
"  -E, --css             print the style sheet of the html output and exit\n"
"  -o, --output FILE     write to FILE atomically instead of standard output\n"
"  -z, --gzip            compress the output with gzip\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n";

static const struct option longopts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "title", required_argument, NULL, 't' },
	{ "caption", required_argument, NULL, 'c' },
	{ "note", required_argument, NULL, 'n' },
	{ "thousands", required_argument, NULL, 'T' },
	{ "signed", required_argument, NULL, 'S' },
	{ "pct", required_argument, NULL, 'P' },
	{ "dp", required_argument, NULL, 'd' },
	{ "show", required_argument, NULL, 's' },
	{ "color", required_argument, NULL, 'C' },
	{ "colour", required_argument, NULL, 'C' },
	{ "fragment", no_argument, NULL, 'F' },
	{ "landscape", no_argument, NULL, 'L' },
	{ "bom", no_argument, NULL, 'B' },
	{ "display", no_argument, NULL, 'D' },
	{ "raw", no_argument, NULL, 'R' },
	{ "key", required_argument, NULL, 'k' },
	{ "no-key", no_argument, NULL, 'K' },
	{ "css", no_argument, NULL, 'E' },
	SG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

enum format { F_TEXT, F_MD, F_HTML, F_CSV };

/* The ratings of sg-rag, in key order. */
#define NRAG	5
static const char rag_letters[NRAG] = { 'R', 'A', 'G', 'B', 'x' };
static const char *const rag_names[NRAG] = {
	"Red", "Amber", "Green", "Blue", "no rating"
};
/* The key printed under the published agency-by-KPI table. */
static const char *const default_key[NRAG] = {
	"Red = more than 15% below the KPI",
	"Amber = less than 15% below the KPI",
	"Green = met or exceeded the KPI",
	"Blue = N/A",
	"/ = nil or narrative response given"
};
/* ANSI colours of R A G B in text on a terminal. */
static const char *const rag_ansi[NRAG] = {
	"\033[97;41m", "\033[30;43m", "\033[30;42m", "\033[97;44m", NULL
};

static const char css_text[] =
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

struct col {
	int	 shown;		/* 0 for a companion X.rag */
	long	 rag;		/* index of the X.rag companion, or -1 */
	int	 thousands, sign, pct;
	int	 dp;		/* -1: as written */
	int	 right;		/* numbers: right-aligned */
	int	 label;		/* the row header: symbols kept as written */
};

/* One cell of the text format, held until the widths are known. */
struct tcell {
	char	*s;
	size_t	 n;
	size_t	 w;		/* display width */
	int	 rag;		/* index into rag_letters, or -1 */
};

static enum format fmt = F_TEXT;
static const char *title, *caption, *keyfile;
static const char **notes;
static size_t nnotes;
static const char *show[SG_BAD] = {
	[SG_LOW] = "low", [SG_Z] = "N/A", [SG_U] = "u", [SG_X] = "/",
	[SG_C] = "*"
};
static int show_given[SG_BAD];		/* --show SYM= */
static int csv_display, csv_raw;	/* --display, --raw */
static int fragment, landscape, bom, nokey, color;
static const char *key_text[NRAG];
static int key_order[NRAG], nkey;

static struct col *cols;
static size_t ncols, nshown, first_shown;
static int any_rag;

/* ------------------------------------------------------------------ */
/* Display rules: numbers and symbols.                                 */

/* Whether s[0..n) is digits, maybe with a point and more digits: a
 * number as sg_value_parse() reads it. */
static inline int
plain_digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == n)
		return 1;
	if (i == 0 || s[i] != '.' || i + 1 == n)
		return 0;
	for (i++; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/*
 * Appends the display text of value s[0..n) (a stream value, escapes
 * undone in place) in column c to out.  Returns 1 if it is a number or a
 * symbol (right-aligned), else 0.
 */
static int
display_value(const struct col *c, char *s, size_t n, struct sg_buf *out)
{
	struct sg_value v;
	char num[SG_NUMBUF];
	const char *t, *dot;
	char *o;
	size_t len, ilen, i;
	int neg, zero;

	if (n == 0)
		return 0;
	if (c->dp < 0 && s[0] >= '0' && s[0] <= '9' && plain_digits(s, n)) {
		/* A number shown as written: no need for its value. */
		v.kind = SG_NUM;
	} else
		sg_value_parse(s, n, &v);
	if (v.kind == SG_BAD || (c->label && v.kind != SG_NUM)) {
		if (memchr(s, '\\', n) != NULL)	/* escapes are rare */
			n = sg_unescape(s, n);
		sg_buf_add(out, s, n);
		return 0;
	}
	if (v.kind != SG_NUM) {
		sg_buf_adds(out, show[v.kind]);
		return 1;
	}
	if (c->dp >= 0) {
		len = sg_fmt_num(v.num, c->dp, num);
		t = num;
	} else {
		t = s;
		len = n;
	}
	neg = t[0] == '-';
	if (neg) {
		t++;
		len--;
	}
	zero = 1;
	for (i = 0; i < len; i++)
		if (t[i] >= '1' && t[i] <= '9') {
			zero = 0;
			break;
		}
	/* At most a sign, the digits, a comma per 3, a %, the NUL. */
	if (out->len + len + len / 3 + 4 > out->cap) {
		while (out->len + len + len / 3 + 4 > out->cap)
			out->cap = out->cap ? out->cap * 2 : 64;
		out->p = sg_realloc(out->p, out->cap);
	}
	o = out->p + out->len;
	if (neg && !zero)
		*o++ = '-';
	else if (c->sign && !zero)
		*o++ = '+';
	dot = memchr(t, '.', len);
	ilen = dot != NULL ? (size_t)(dot - t) : len;
	if (c->thousands) {
		for (i = 0; i < ilen; i++) {
			if (i > 0 && (ilen - i) % 3 == 0)
				*o++ = ',';
			*o++ = t[i];
		}
	} else {
		memcpy(o, t, ilen);
		o += ilen;
	}
	memcpy(o, t + ilen, len - ilen);
	o += len - ilen;
	if (c->pct)
		*o++ = '%';
	*o = '\0';
	out->len = (size_t)(o - out->p);
	return 1;
}

/* The rating of a companion cell: index into rag_letters. */
static int
rating(struct sg_reader *r, const struct sg_record *hdr, size_t col,
    const char *s, size_t n)
{
	int i;

	if (n == 0)
		return 4;
	if (n == 1)
		for (i = 0; i < NRAG; i++)
			if (s[0] == rag_letters[i])
				return i;
	sg_data_error(sg_reader_file(r), sg_reader_line(r), hdr->f[col],
	    "not a rating (R A G B x)", s, n);
}

/* ------------------------------------------------------------------ */
/* Options.                                                            */

static void
set_cols(const char *opt, const char *spec, const struct sg_record *hdr,
    int which, int dp)
{
	size_t *idx, n, i;

	n = sg_cols_resolve(opt, spec, hdr, &idx);
	for (i = 0; i < n; i++) {
		switch (which) {
		case 'T': cols[idx[i]].thousands = 1; break;
		case 'S': cols[idx[i]].sign = 1; break;
		case 'P': cols[idx[i]].pct = 1; break;
		case 'd': cols[idx[i]].dp = dp; break;
		}
	}
	free(idx);
}

/* Column options are kept in order until the header is known. */
struct colopt {
	int	 which;
	char	*spec;
	int	 dp;
};

static void
read_key(const char *path)
{
	struct sg_reader *r;
	struct sg_record rec;
	char *files[1];
	size_t n;
	int i;

	files[0] = (char *)path;
	r = sg_reader_open(files, 1);
	if (sg_reader_header(r)->n < 2)
		sg_data_error(sg_reader_file(r), 1, NULL,
		    "a key needs two columns, rating and text", NULL, 0);
	while (sg_read(r, &rec)) {
		i = rating(r, sg_reader_header(r), 0, rec.f[0], rec.len[0]);
		if (key_text[i] != NULL)
			sg_data_error(sg_reader_file(r), sg_reader_line(r),
			    sg_reader_header(r)->f[0], "rating given twice",
			    rec.f[0], rec.len[0]);
		n = sg_unescape(rec.f[1], rec.len[1]);
		key_text[i] = sg_strndup(rec.f[1], n);
		key_order[nkey++] = i;
	}
	sg_reader_close(r);
}

/* ------------------------------------------------------------------ */
/* html.                                                               */

static void
w_display(struct sg_writer *w, struct sg_buf *tmp, const char *s, size_t n,
    enum sg_markup f)
{
	tmp->len = 0;
	sg_markup(tmp, s, n, f);
	sg_write(w, tmp->p, tmp->len);
}

/* Text given on the command line (or a key), as it is, for format f. */
static void
w_text(struct sg_writer *w, struct sg_buf *tmp, const char *s,
    enum sg_markup f)
{
	w_display(w, tmp, s, strlen(s), f);
}

/* A column name: a stream value, so its escapes are undone. */
static void
w_name(struct sg_writer *w, struct sg_buf *tmp, const char *s,
    enum sg_markup f)
{
	char *copy = sg_strdup(s);
	size_t n = sg_unescape(copy, strlen(copy));

	w_display(w, tmp, copy, n, f);
	free(copy);
}

static void
html_start(struct sg_writer *w, struct sg_buf *tmp)
{
	if (fragment)
		return;
	sg_write_str(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	w_text(w, tmp, title != NULL ? title : caption != NULL ? caption :
	    "Table", SG_MARKUP_HTML);
	sg_write_str(w, "</title>\n<style>\n");
	sg_write_str(w, css_text);
	sg_write_str(w, landscape ? "@page{size:A4 landscape;margin:12mm}\n" :
	    "@page{size:A4;margin:15mm}\n");
	sg_write_str(w, "</style>\n</head>\n<body>\n<main>\n");
}

static void
html_header(struct sg_writer *w, struct sg_buf *tmp,
    const struct sg_record *hdr)
{
	size_t i;

	sg_write_str(w, nshown > WIDEST_COLS ?
	    "<div class=\"sg-wrap sg-wide sg-widest\">\n" :
	    nshown > WIDE_COLS ? "<div class=\"sg-wrap sg-wide\">\n" :
	    "<div class=\"sg-wrap\">\n");
	if (title != NULL) {
		sg_write_str(w, fragment ? "<h2>" : "<h1>");
		w_text(w, tmp, title, SG_MARKUP_HTML);
		sg_write_str(w, fragment ? "</h2>\n" : "</h1>\n");
	}
	sg_write_str(w, "<table class=\"sg\">\n");
	if (caption != NULL) {
		sg_write_str(w, "<caption>");
		w_text(w, tmp, caption, SG_MARKUP_HTML);
		sg_write_str(w, "</caption>\n");
	}
	sg_write_str(w, "<thead>\n<tr>");
	for (i = 0; i < ncols; i++) {
		if (!cols[i].shown)
			continue;
		sg_write_str(w, cols[i].right ? "<th scope=\"col\" class=\"num\">"
		    : "<th scope=\"col\">");
		w_name(w, tmp, hdr->f[i], SG_MARKUP_HTML);
		sg_write_str(w, "</th>");
	}
	sg_write_str(w, "</tr>\n</thead>\n<tbody>\n");
}

static void
html_row(struct sg_writer *w, struct sg_buf *disp, struct sg_buf *tmp,
    struct sg_reader *r, const struct sg_record *hdr, struct sg_record *rec)
{
	size_t i;
	int num, rg;

	sg_write_str(w, "<tr>");
	for (i = 0; i < ncols; i++) {
		if (!cols[i].shown)
			continue;
		disp->len = 0;
		num = display_value(&cols[i], rec->f[i], rec->len[i], disp) &&
		    i != first_shown;
		rg = cols[i].rag >= 0 ? rating(r, hdr, (size_t)cols[i].rag,
		    rec->f[cols[i].rag], rec->len[cols[i].rag]) : -1;
		sg_write_str(w, i == first_shown ? "<th scope=\"row\"" : "<td");
		if (num || rg >= 0) {
			sg_write_str(w, " class=\"");
			if (num)
				sg_write_str(w, rg >= 0 ? "num " : "num");
			if (rg >= 0) {
				sg_write_str(w, "rag-");
				sg_write_char(w, rag_letters[rg]);
			}
			sg_write_char(w, '"');
		}
		sg_write_char(w, '>');
		w_display(w, tmp, disp->p, disp->len, SG_MARKUP_HTML);
		if (rg >= 0 && rg < 4) {
			sg_write_str(w, " <abbr class=\"sg-rating\" title=\"");
			sg_write_str(w, rag_names[rg]);
			sg_write_str(w, "\">");
			sg_write_char(w, rag_letters[rg]);
			sg_write_str(w, "</abbr>");
		}
		sg_write_str(w, i == first_shown ? "</th>" : "</td>");
	}
	sg_write_str(w, "</tr>\n");
}

static void
html_end(struct sg_writer *w, struct sg_buf *tmp)
{
	size_t i;
	int k, j;

	sg_write_str(w, "</tbody>\n</table>\n");
	for (i = 0; i < nnotes; i++) {
		sg_write_str(w, "<p class=\"sg-note\">");
		w_text(w, tmp, notes[i], SG_MARKUP_HTML);
		sg_write_str(w, "</p>\n");
	}
	if (any_rag && !nokey) {
		sg_write_str(w, "<section class=\"sg-key\" aria-label=\"Key\">\n"
		    "<p>Key</p>\n<ul>\n");
		for (k = 0; k < nkey; k++) {
			j = key_order[k];
			sg_write_str(w, "<li><span class=\"sg-swatch rag-");
			sg_write_char(w, rag_letters[j]);
			sg_write_str(w, "\">");
			if (j < 4)
				sg_write_char(w, rag_letters[j]);
			else
				sg_write_str(w, "&nbsp;");
			sg_write_str(w, "</span>");
			w_text(w, tmp, key_text[j], SG_MARKUP_HTML);
			sg_write_str(w, "</li>\n");
		}
		sg_write_str(w, "</ul>\n</section>\n");
	}
	sg_write_str(w, "</div>\n");
	if (!fragment)
		sg_write_str(w, "</main>\n</body>\n</html>\n");
}

/* ------------------------------------------------------------------ */
/* md.                                                                 */

static void
md_start(struct sg_writer *w, struct sg_buf *tmp)
{
	if (title != NULL) {
		sg_write_str(w, "## ");
		w_text(w, tmp, title, SG_MARKUP_MD);
		sg_write_str(w, "\n\n");
	}
	if (caption != NULL) {
		w_text(w, tmp, caption, SG_MARKUP_MD);
		sg_write_str(w, "\n\n");
	}
}

static void
md_header(struct sg_writer *w, struct sg_buf *tmp, const struct sg_record *hdr)
{
	size_t i;

	sg_write_char(w, '|');
	for (i = 0; i < ncols; i++)
		if (cols[i].shown) {
			sg_write_char(w, ' ');
			w_name(w, tmp, hdr->f[i], SG_MARKUP_MD);
			sg_write_str(w, " |");
		}
	sg_write_str(w, "\n|");
	for (i = 0; i < ncols; i++)
		if (cols[i].shown)
			sg_write_str(w, cols[i].right ? " ---: |" : " --- |");
	sg_write_char(w, '\n');
}

static void
md_row(struct sg_writer *w, struct sg_buf *disp, struct sg_buf *tmp,
    struct sg_reader *r, const struct sg_record *hdr, struct sg_record *rec)
{
	size_t i;
	int rg;

	sg_write_char(w, '|');
	for (i = 0; i < ncols; i++) {
		if (!cols[i].shown)
			continue;
		disp->len = 0;
		display_value(&cols[i], rec->f[i], rec->len[i], disp);
		rg = cols[i].rag >= 0 ? rating(r, hdr, (size_t)cols[i].rag,
		    rec->f[cols[i].rag], rec->len[cols[i].rag]) : -1;
		sg_write_char(w, ' ');
		w_display(w, tmp, disp->p, disp->len, SG_MARKUP_MD);
		if (rg >= 0 && rg < 4) {
			sg_write_str(w, " **");
			sg_write_char(w, rag_letters[rg]);
			sg_write_str(w, "**");
		}
		sg_write_str(w, " |");
	}
	sg_write_char(w, '\n');
}

static void
md_end(struct sg_writer *w, struct sg_buf *tmp)
{
	size_t i;
	int k, j;

	for (i = 0; i < nnotes; i++) {
		sg_write_char(w, '\n');
		w_text(w, tmp, notes[i], SG_MARKUP_MD);
		sg_write_char(w, '\n');
	}
	if (any_rag && !nokey) {
		sg_write_str(w, "\nKey:\n\n");
		for (k = 0; k < nkey; k++) {
			j = key_order[k];
			sg_write_str(w, "- ");
			if (j < 4) {
				sg_write_str(w, "**");
				sg_write_char(w, rag_letters[j]);
				sg_write_str(w, "** ");
			}
			w_text(w, tmp, key_text[j], SG_MARKUP_MD);
			sg_write_char(w, '\n');
		}
	}
}

/* ------------------------------------------------------------------ */
/* csv.                                                                */

/*
 * Whether s[0..n) is wholly a number as the display rules write one: a
 * sign, digits (grouped in threes by commas, or not at all), a point and
 * digits, a percent sign ("-5", "+30", "1,043", "-9.5%").  A spreadsheet
 * reads it as a number, never as a formula, so it needs no guard.
 */
static int
shown_number(const char *s, size_t n)
{
	size_t i = 0, lead;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (lead = 0; i < n && s[i] >= '0' && s[i] <= '9'; lead++)
		i++;
	if (lead == 0)
		return 0;
	if (i < n && s[i] == ',') {
		if (lead > 3)
			return 0;
		while (i < n && s[i] == ',') {
			if (n - i < 4 || s[i + 1] < '0' || s[i + 1] > '9' ||
			    s[i + 2] < '0' || s[i + 2] > '9' ||
			    s[i + 3] < '0' || s[i + 3] > '9')
				return 0;
			i += 4;
		}
	}
	if (i < n && s[i] == '.') {
		if (++i == n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && s[i] == '%')
		i++;
	return i == n;
}

/*
 * Writes one CSV field (RFC 4180).  guard != 0: a cell that begins with
 * = + - @ TAB or CR and is not wholly a number is a formula to Excel,
 * LibreOffice and Google Sheets ("=HYPERLINK(...)" in a free-text field
 * of a return would run on the reader's machine), so a single quote goes
 * before it, as OWASP advises; the cell then shows as text.
 */
static void
csv_field(struct sg_writer *w, const char *s, size_t n, int guard)
{
	size_t i;

	guard = guard && n > 0 && (s[0] == '=' || s[0] == '+' ||
	    s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') &&
	    !shown_number(s, n);
	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n) {
		if (guard)
			sg_write_char(w, '\'');
		sg_write(w, s, n);
		return;
	}
	sg_write_char(w, '"');
	if (guard)
		sg_write_char(w, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			sg_write_char(w, '"');
		sg_write_char(w, s[i]);
	}
	sg_write_char(w, '"');
}

/* Appends a stream value with its escapes undone (the record is kept). */
static void
add_unescaped(struct sg_buf *b, const char *s, size_t n)
{
	size_t start = b->len;

	sg_buf_add(b, s, n);
	if (n > 0)
		b->len = start + sg_unescape(b->p + start, n);
}

/* Whether column c has no display rule: its numbers are shown as written. */
static int
as_written(const struct col *c)
{
	return c->dp < 0 && !c->thousands && !c->sign && !c->pct;
}

static void
csv_row(struct sg_writer *w, struct sg_buf *disp, const struct sg_record *rec,
    int header)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		if (i > 0)
			sg_write_char(w, ',');
		disp->len = 0;
		if (header || cols[i].rag == -2)
			add_unescaped(disp, rec->f[i], rec->len[i]);
		else if (!csv_display && rec->len[i] > 1 &&
		    rec->f[i][0] == '-' && as_written(&cols[i]) &&
		    plain_digits(rec->f[i] + 1, rec->len[i] - 1))
			/* A negative number as the stream has it: -0 stays
			 * -0 (the display rules show it as 0). */
			sg_buf_add(disp, rec->f[i], rec->len[i]);
		else
			(void)display_value(&cols[i], rec->f[i], rec->len[i],
			    disp);
		/* Numbers (-5, +30, -9.5%) stay numbers; every other cell,
		 * a symbol's --show text included, is guarded. */
		csv_field(w, disp->p, disp->len, !csv_raw);
	}
	sg_write_str(w, "\r\n");
}

/* ------------------------------------------------------------------ */
/* text: the widths must be known before the first line.  The header's
 * cells are held; the rows' display text goes to a spool, in memory up
 * to SPOOL_MEM bytes, then in an unlinked temporary file, read back in
 * the second pass: memory stays small whatever the size of the table. */

#define SPOOL_MEM	(1u << 20)

struct text_table {
	struct tcell	*hcells;	/* the header's cells */
	struct sg_arena	*arena;		/* their text */
	size_t		 nrows;		/* with the header */
	struct sg_buf	 spool;		/* rows not yet in the file */
	int		 fd;		/* the spool file, or -1 */
	size_t		*width;		/* per shown column */
	size_t		*vwidth;	/* width of the values (without rating) */
	int		*right;
	int		*hasrag;
	struct tcell	*row;		/* a row read back */
	size_t		*rowoff;
	size_t		*colof;		/* the column shown k-th */
	size_t		 cellroom;	/* line room for empty cells */
	struct sg_buf	 rb;		/* a cell's display text */
};

static void
spool_flush(struct text_table *t)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t off = 0, dl;
	ssize_t n;

	if (t->spool.len == 0)
		return;
	if (t->fd < 0) {
		if (dir == NULL || *dir == '\0')
			dir = "/tmp";
		dl = strlen(dir);
		path = sg_malloc(dl + 24);
		memcpy(path, dir, dl);
		memcpy(path + dl, "/sg-render-XXXXXX", 18);
		t->fd = mkstemp(path);
		if (t->fd < 0)
			sg_die("%s: cannot make a temporary file for the "
			    "table: %s", dir, strerror(errno));
		unlink(path);
		free(path);
	}
	while (off < t->spool.len) {
		n = write(t->fd, t->spool.p + off, t->spool.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			sg_die("temporary file for the table: write error: %s",
			    strerror(errno));
		off += (size_t)n;
	}
	t->spool.len = 0;
}

/* Appends one cell to the spool: its rating, its lengths, its text. */
static void
spool_cell(struct text_table *t, const struct tcell *c)
{
	unsigned char h[18];
	size_t hl;

	h[0] = (unsigned char)(c->rag + 1);
	if (c->n < 255 && c->w < 255) {
		h[1] = (unsigned char)c->n;
		h[2] = (unsigned char)c->w;
		hl = 3;
	} else {
		h[1] = 255;
		memcpy(h + 2, &c->n, 8);
		memcpy(h + 10, &c->w, 8);
		hl = 18;
	}
	sg_buf_add(&t->spool, h, hl);
	sg_buf_add(&t->spool, c->s, c->n);
	if (t->spool.len >= SPOOL_MEM)
		spool_flush(t);
}

/* Whether s[0..n) is printable ASCII: sg_markup would copy it, one
 * column a byte. */
static int
plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t x;
	size_t i = 0;

	/* 8 bytes at a time: none below 0x20 (x - 0x20 borrows into its
	 * high bit), none with its high bit set, none 0x7f (x + 1 carries
	 * into it). */
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		if (((x - ones * 0x20) | x | (x + ones)) & high)
			return 0;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}

static void text_measure(struct text_table *, struct sg_buf *,
    struct sg_buf *, struct sg_reader *, const struct sg_record *,
    const struct sg_record *, int);

static void
text_add_row(struct text_table *t, struct sg_buf *disp, struct sg_buf *tmp,
    struct sg_reader *r, const struct sg_record *hdr,
    const struct sg_record *rec, int header)
{
	struct tcell c;
	size_t i, k;
	int num;

	if (!header) {
		text_measure(t, disp, tmp, r, hdr, rec, 1);
		return;
	}
	for (i = 0, k = 0; i < ncols; i++) {
		if (!cols[i].shown)
			continue;
		disp->len = 0;
		c.rag = -1;
		if (header) {
			add_unescaped(disp, rec->f[i], rec->len[i]);
		} else {
			num = display_value(&cols[i], rec->f[i], rec->len[i],
			    disp);
			if (!num && rec->len[i] > 0 && i != first_shown)
				t->right[k] = 0;
			if (cols[i].rag >= 0)
				c.rag = rating(r, hdr, (size_t)cols[i].rag,
				    rec->f[cols[i].rag],
				    rec->len[cols[i].rag]);
		}
		if (plain_ascii(disp->p, disp->len)) {
			c.s = disp->len > 0 ? disp->p : "";
			c.n = c.w = disp->len;
		} else {
			tmp->len = 0;
			c.w = sg_markup(tmp, disp->p, disp->len,
			    SG_MARKUP_TEXT);
			c.s = tmp->len > 0 ? tmp->p : "";
			c.n = tmp->len;
		}
		if (header) {
			t->hcells[k] = c;
			t->hcells[k].s = sg_arena_strndup(t->arena, c.s, c.n);
		} else {
			if (c.w > t->vwidth[k])
				t->vwidth[k] = c.w;
			spool_cell(t, &c);
		}
		k++;
	}
	t->nrows++;
}

/* The spool read back, one row at a time. */
struct spool_in {
	char	*buf;
	size_t	 cap;
	size_t	 row;		/* where the row being read begins */
	size_t	 start;		/* next byte to read */
	size_t	 end;		/* end of the data in buf */
	int	 fd;		/* the file, until it ends; then -1 */
	const char *memp;	/* then the memory part */
	size_t	 mem;		/* its bytes not yet read */
};

/* Makes n bytes from in->start available; dies if the spool ends.  May
 * move the row being read to the start of the buffer. */
static void
spool_fill(struct spool_in *in, size_t n)
{
	ssize_t k;

	while (in->end - in->start < n) {
		if (in->fd < 0 && in->mem == 0)
			sg_die("temporary file for the table: ends early");
		if (in->end == in->cap) {
			if (in->row > 0) {
				memmove(in->buf, in->buf + in->row,
				    in->end - in->row);
				in->end -= in->row;
				in->start -= in->row;
				in->row = 0;
			} else {
				in->cap *= 2;
				in->buf = sg_realloc(in->buf, in->cap);
			}
		}
		if (in->fd >= 0) {
			k = read(in->fd, in->buf + in->end, in->cap - in->end);
			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0)
				sg_die("temporary file for the table: read "
				    "error: %s", strerror(errno));
			if (k == 0) {
				close(in->fd);
				in->fd = -1;
				continue;
			}
			in->end += (size_t)k;
		} else {
			k = (ssize_t)(in->mem < in->cap - in->end ? in->mem :
			    in->cap - in->end);
			memcpy(in->buf + in->end, in->memp, (size_t)k);
			in->memp += k;
			in->mem -= (size_t)k;
			in->end += (size_t)k;
		}
	}
}

static inline void
spool_need(struct spool_in *in, size_t n)
{
	if (in->end - in->start < n)
		spool_fill(in, n);
}

/* Reads the next row's cells into t->row (valid until the next call). */
static void
spool_row(struct text_table *t, struct spool_in *in)
{
	const unsigned char *h;
	size_t k;

	in->row = in->start;
	for (k = 0; k < nshown; k++) {
		spool_need(in, 3);
		h = (const unsigned char *)in->buf + in->start;
		t->row[k].rag = (int)h[0] - 1;
		if (h[1] != 255) {
			t->row[k].n = h[1];
			t->row[k].w = h[2];
			in->start += 3;
		} else {
			spool_need(in, 18);
			h = (const unsigned char *)in->buf + in->start;
			memcpy(&t->row[k].n, h + 2, 8);
			memcpy(&t->row[k].w, h + 10, 8);
			in->start += 18;
		}
		spool_need(in, t->row[k].n);
		t->rowoff[k] = in->start - in->row;
		in->start += t->row[k].n;
	}
	for (k = 0; k < nshown; k++)
		t->row[k].s = in->buf + in->row + t->rowoff[k];
}

static void
text_line(struct sg_writer *w, const char *s, size_t n, struct sg_buf *tmp)
{
	tmp->len = 0;
	sg_markup(tmp, s, n, SG_MARKUP_TEXT);
	sg_write(w, tmp->p, tmp->len);
	sg_write_char(w, '\n');
}

static void
text_opt_line(struct sg_writer *w, const char *s, struct sg_buf *tmp)
{
	text_line(w, s, strlen(s), tmp);
}

/* Line making for text_write(), in room made beforehand. */
static inline char *
lb_add(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

static inline char *
lb_str(char *o, const char *s)
{
	return lb_add(o, s, strlen(s));
}

static inline char *
lb_pad(char *o, size_t n)
{
	memset(o, ' ', n);
	return o + n;
}

/* Line room for a cell of n bytes in column k: the gap, the padding, the
 * rating and its colours. */
static inline size_t
text_cell_room(const struct text_table *t, size_t k, size_t n)
{
	return 2 + t->width[k] + n + 2 + 24;
}

/* The columns' widths, from the values' and the header's. */
static void
text_widths(struct text_table *t)
{
	size_t k, cw;

	for (k = 0; k < nshown; k++) {
		cw = t->vwidth[k] + (t->hasrag[k] ? 2 : 0);
		if (t->nrows > 0 && t->hcells[k].w > cw)
			cw = t->hcells[k].w;
		t->width[k] = cw;
	}
	for (t->cellroom = 2, k = 0; k < nshown; k++)
		t->cellroom += text_cell_room(t, k, 0);
}

/* The title and caption, before the table. */
static void
text_head(struct sg_writer *w, struct sg_buf *tmp)
{
	if (title != NULL) {
		text_opt_line(w, title, tmp);
		sg_write_char(w, '\n');
	}
	if (caption != NULL)
		text_opt_line(w, caption, tmp);
}

/*
 * Line making: lb_room() makes room for n bytes and LB_SLACK more at o,
 * so that spaces and short cells can be written 8 or 16 bytes at a time,
 * past their end (what follows overwrites it).
 */
#define LB_SLACK	64

static inline char *
lb_room(struct sg_buf *lb, char *o, size_t n)
{
	size_t at = lb->p != NULL ? (size_t)(o - lb->p) : 0;

	if (lb->p == NULL || at + n + LB_SLACK > lb->cap) {
		lb->cap = (at + n + LB_SLACK) * 2;
		lb->p = sg_realloc(lb->p, lb->cap);
	}
	return lb->p + at;
}

static inline char *
lb_fastpad(char *o, size_t n)
{
	static const char sp[16] = "                ";
	size_t i;

	for (i = 0; i < n; i += 16)
		memcpy(o + i, sp, 16);
	return o + n;
}

static inline char *
lb_fastadd(char *o, const char *s, size_t n, size_t room)
{
	/* A cell under 16 bytes whose source has 16 readable: one copy. */
	if (n <= 16 && room >= 16)
		memcpy(o, s, 16);
	else
		memcpy(o, s, n);
	return o + n;
}

/*
 * One data cell of a line, after the gap: s[0..n) of display width w,
 * padded to the column's width, its rating after.  lb has room for the
 * cell (text_cell_room()).  srcroom is how many bytes can be read from
 * s (at least n).
 */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline char *
text_cell_out(const struct text_table *t, char *o, size_t k, const char *s,
    size_t n, size_t w, int rag, size_t srcroom)
{
	size_t j, left;

	if (k > 0) {
		memcpy(o, "  ", 2);
		o += 2;
	}
	if (color && rag >= 0 && rag_ansi[rag])
		o = lb_str(o, rag_ansi[rag]);
	/* The value sits in its own width, the rating after. */
	j = t->width[k] - (t->hasrag[k] ? 2 : 0);
	left = t->right[k] ? j - w : 0;
	o = lb_fastpad(o, left);
	o = lb_fastadd(o, s, n, srcroom);
	if (t->hasrag[k] && (rag < 4 || color || k + 1 < nshown)) {
		o = lb_fastpad(o, j - w - left);
		*o++ = ' ';
		*o++ = rag < 4 ? rag_letters[rag] : ' ';
		if (color && rag_ansi[rag])
			o = lb_str(o, "\033[0m");
		return o;
	}
	if (color && rag >= 0 && rag_ansi[rag]) {
		o = lb_fastpad(o, j - w - left);
		o = lb_str(o, "\033[0m");
	} else if (k + 1 < nshown) {
		o = lb_fastpad(o, j - w - left);
	}
	return o;
}

/* One line of the table: the header (with its rule) or a data row. */
static void
text_row_out(struct text_table *t, struct sg_writer *w, struct sg_buf *lb,
    const struct tcell *c, int header)
{
	size_t k, cw, left, j, need;
	char *o;

	for (need = 2, k = 0; k < nshown; k++)
		need += text_cell_room(t, k, c[k].n);
	o = lb_room(lb, lb->p, need);
	for (k = 0; k < nshown; k++) {
		if (!header) {
			o = text_cell_out(t, o, k, c[k].s, c[k].n, c[k].w,
			    c[k].rag, c[k].n);
			continue;
		}
		if (k > 0)
			o = lb_str(o, "  ");
		cw = t->width[k];
		if (color)
			o = lb_str(o, "\033[1m");
		left = t->right[k] ? cw - c[k].w : 0;
		o = lb_pad(o, left);
		o = lb_add(o, c[k].s, c[k].n);
		if (color)
			o = lb_str(o, "\033[0m");
		if (k + 1 < nshown)
			o = lb_pad(o, cw - c[k].w - left);
	}
	*o++ = '\n';
	sg_write(w, lb->p, (size_t)(o - lb->p));
	if (header) {
		for (k = 0; k < nshown; k++) {
			if (k > 0)
				sg_write_str(w, "  ");
			for (j = 0; j < t->width[k]; j++)
				sg_write_char(w, '-');
		}
		sg_write_char(w, '\n');
	}
}

/* The notes and the key, after the table. */
static void
text_tail(struct sg_writer *w, struct sg_buf *tmp)
{
	size_t j;
	int k2, jj;

	if (nnotes > 0)
		sg_write_char(w, '\n');
	for (j = 0; j < nnotes; j++)
		text_opt_line(w, notes[j], tmp);
	if (any_rag && !nokey) {
		sg_write_str(w, "\nKey:\n");
		for (k2 = 0; k2 < nkey; k2++) {
			jj = key_order[k2];
			sg_write_str(w, "  ");
			if (color && rag_ansi[jj] != NULL) {
				sg_write_str(w, rag_ansi[jj]);
				sg_write_char(w, ' ');
				sg_write_char(w, rag_letters[jj]);
				sg_write_str(w, " \033[0m ");
			} else if (jj < 4) {
				sg_write_char(w, rag_letters[jj]);
				sg_write_str(w, "  ");
			} else {
				sg_write_str(w, "   ");
			}
			text_opt_line(w, key_text[jj], tmp);
		}
	}
}

/* The table from the spool (input that can be read only once). */
static void
text_write(struct text_table *t, struct sg_writer *w, struct sg_buf *tmp)
{
	struct sg_buf lb = { NULL, 0, 0 };
	struct spool_in in;
	size_t row;

	text_widths(t);
	/* The spool: the file from its start, then what is in memory. */
	memset(&in, 0, sizeof(in));
	in.cap = SPOOL_MEM;
	in.buf = sg_malloc(in.cap);
	in.fd = t->fd;
	if (in.fd >= 0 && lseek(in.fd, 0, SEEK_SET) < 0)
		sg_die("temporary file for the table: cannot seek: %s",
		    strerror(errno));
	t->fd = -1;
	in.memp = t->spool.p;
	in.mem = t->spool.len;
	text_head(w, tmp);
	for (row = 0; row < t->nrows; row++) {
		if (row == 0) {
			text_row_out(t, w, &lb, t->hcells, 1);
		} else {
			spool_row(t, &in);
			text_row_out(t, w, &lb, t->row, 0);
		}
	}
	free(in.buf);
	free(lb.p);
	text_tail(w, tmp);
}

/*
 * Input that can be read twice (regular files, named or on standard
 * input) needs no spool: the first pass measures, the second makes each
 * cell again and writes it.  Most cells are shown as they are written:
 * when the whole line is printable ASCII without a backslash
 * (line_plain()), cell_as_is() tells them from the first byte, in the
 * same way as display_value() would: plain digits in a column without
 * display options, or text that cannot be a number or a symbol (it begins
 * with a digit but is not plain digits, or it begins with a letter, is
 * two bytes or more and is not "low").  Sets *num as display_value()
 * would return.
 */
static inline int
cell_as_is(const struct col *c, const char *s, size_t n, int *num)
{
	unsigned char ch;

	if (n == 0) {
		*num = 0;
		return 1;
	}
	ch = (unsigned char)s[0];
	if (ch >= '0' && ch <= '9') {
		/* A number begins with '-' or is plain digits: anything
		 * else that begins with a digit is text. */
		if (plain_digits(s, n)) {
			if (c->dp >= 0 || c->thousands || c->sign || c->pct)
				return 0;
			*num = 1;
			return 1;
		}
	} else if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || n < 2 ||
	    (n == 3 && memcmp(s, "low", 3) == 0)) {
		return 0;
	}
	*num = 0;
	return 1;
}

/*
 * Whether a record's fields are all printable ASCII without a backslash:
 * its line, where NULs stand for the TABs, holds no byte in 0x01-0x1f,
 * none of 0x7f and up, and no backslash.
 */
static int
line_plain(const struct sg_record *rec)
{
	const unsigned char *s = (const unsigned char *)rec->line;
	size_t i = 0, n = rec->linelen;
#ifdef __SSE2__
	/* 16 bytes at a time: below 0x20 as signed bytes (so 0x80 and up
	 * too) but not NUL, or 0x7f, or a backslash. */
	const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f),
	    bs = _mm_set1_epi8('\\'), zero = _mm_setzero_si128();
	__m128i x, bad;

	for (; i + 16 <= n; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(s + i));
		bad = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(x, zero),
		    _mm_cmplt_epi8(x, sp)), _mm_or_si128(
		    _mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, bs)));
		if (_mm_movemask_epi8(bad) != 0)
			return 0;
	}
#else
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80,
	    low7 = ones * 0x7f;
	uint64_t x, l, y, bad;

	/* 8 bytes at a time, each test exact for every byte (no carries
	 * between bytes: the high bits are masked off first). */
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		l = x & low7;
		y = (x ^ (ones * '\\')) & low7;
		bad = x					/* 0x80 and up */
		    | (l + ones)			/* 0x7f */
		    | (~(l + ones * 0x60) & (l + low7))	/* 0x01-0x1f */
		    | ~((y + low7) | x);		/* '\\' */
		if (bad & high)
			return 0;
	}
#endif
	for (; i < n; i++)
		if ((s[i] > 0 && s[i] < 0x20) || s[i] >= 0x7f || s[i] == '\\')
			return 0;
	return 1;
}

/*
 * Cell k of a data row, in *c: as written where cell_as_is() (plain: the
 * row passed line_plain()), else its display text made in rb (valid until
 * the next call), marked up where it is not plain ASCII; its width, its
 * rating (checked).  Sets *num as display_value() returns; returns 1 if
 * the cell is as written (in rec's line).  The one way the cells of a
 * text table are made, whichever way it is read.
 */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline int
text_cell(struct text_table *t, size_t k, int plain, struct sg_buf *rb,
    struct sg_buf *disp, struct sg_buf *tmp, struct sg_reader *r,
    const struct sg_record *hdr, const struct sg_record *rec,
    struct tcell *c, int *num)
{
	const struct col *col = &cols[t->colof[k]];
	size_t i = t->colof[k];

	c->rag = -1;
	if (col->rag >= 0)
		c->rag = rating(r, hdr, (size_t)col->rag, rec->f[col->rag],
		    rec->len[col->rag]);
	if (plain && cell_as_is(col, rec->f[i], rec->len[i], num)) {
		c->s = rec->f[i];
		c->n = c->w = rec->len[i];
		return 1;
	}
	rb->len = 0;
	*num = display_value(col, rec->f[i], rec->len[i], rb);
	if (plain_ascii(rb->p, rb->len)) {
		c->s = rb->p != NULL ? rb->p : "";
		c->n = c->w = rb->len;
		return 0;
	}
	disp->len = 0;
	sg_buf_add(disp, rb->p, rb->len);
	rb->len = 0;
	tmp->len = 0;
	c->w = sg_markup(tmp, disp->p, disp->len, SG_MARKUP_TEXT);
	sg_buf_add(rb, tmp->p, tmp->len);
	c->s = rb->p;
	c->n = rb->len;
	return 0;
}

/* Whether cell k (i = t->colof[k]) holds text: its column is then
 * left-aligned (but the row header always is). */
static inline int
text_holds_text(const struct text_table *t, size_t k, int num,
    const struct sg_record *rec)
{
	size_t i = t->colof[k];

	return !num && rec->len[i] > 0 && i != first_shown;
}

/* A data row measured: the widths, the alignments, and the ratings
 * checked; with spool, its cells spooled too (input read only once). */
static void
text_measure(struct text_table *t, struct sg_buf *disp, struct sg_buf *tmp,
    struct sg_reader *r, const struct sg_record *hdr,
    const struct sg_record *rec, int spool)
{
	struct tcell c;
	size_t k;
	int num, plain = line_plain(rec);

	for (k = 0; k < nshown; k++) {
		text_cell(t, k, plain, &t->rb, disp, tmp, r, hdr, rec, &c,
		    &num);
		if (c.w > t->vwidth[k])
			t->vwidth[k] = c.w;
		if (text_holds_text(t, k, num, rec))
			t->right[k] = 0;
		if (spool)
			spool_cell(t, &c);
	}
	if (spool && t->spool.len >= SPOOL_MEM)
		spool_flush(t);
	t->nrows++;
}

/*
 * The second pass over a data row: its line, written.  Returns 0 if a
 * cell is wider than the first pass found, or is text in a column the
 * first pass found to hold only numbers: the file changed between.
 */
static int
text_emit(struct text_table *t, struct sg_writer *wr, struct sg_buf *lb,
    struct sg_buf *rb, struct sg_buf *disp, struct sg_buf *tmp,
    struct sg_reader *r, const struct sg_record *hdr,
    const struct sg_record *rec)
{
	const char *end = rec->line + rec->linelen;
	struct tcell c;
	size_t k;
	char *o;
	int num, asis, plain = line_plain(rec);

	/* Room for the cells as written (the line bounds them); a made
	 * cell asks for more. */
	o = lb_room(lb, lb->p, rec->linelen + t->cellroom);
	for (k = 0; k < nshown; k++) {
		asis = text_cell(t, k, plain, rb, disp, tmp, r, hdr, rec, &c,
		    &num);
		if (c.w > t->vwidth[k] ||
		    (t->right[k] && text_holds_text(t, k, num, rec)))
			return 0;
		if (asis) {
			/* As written: the line can be read to its end. */
			o = text_cell_out(t, o, k, c.s, c.n, c.w, c.rag,
			    (size_t)(end - c.s));
		} else {
			o = lb_room(lb, o, c.n + rec->linelen + t->cellroom);
			o = text_cell_out(t, o, k, c.s, c.n, c.w, c.rag, c.n);
		}
	}
	*o++ = '\n';
	sg_write(wr, lb->p, (size_t)(o - lb->p));
	return 1;
}

/*
 * Whether every input can be read twice: regular files named on the
 * command line, or standard input redirected from a regular file (read
 * again from the offset it had, stdin_off).
 */
static off_t stdin_off = -1;

static int
text_twice(char **files, int nfiles, struct stat *st)
{
	int i;

	if (nfiles == 0 || (nfiles == 1 && strcmp(files[0], "-") == 0)) {
		if (fstat(STDIN_FILENO, &st[0]) < 0 || !S_ISREG(st[0].st_mode) ||
		    (stdin_off = lseek(STDIN_FILENO, 0, SEEK_CUR)) < 0)
			return 0;
		return 1;
	}
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0 || stat(files[i], &st[i]) < 0 ||
		    !S_ISREG(st[i].st_mode))
			return 0;
	return 1;
}

/* Whether input i is as it was when text_twice() looked. */
static int
text_unchanged(char **files, int i, const struct stat *st)
{
	struct stat st2;

	if (stdin_off >= 0 ? fstat(STDIN_FILENO, &st2) < 0 :
	    stat(files[i], &st2) < 0)
		return 0;
	return st2.st_dev == st[i].st_dev && st2.st_ino == st[i].st_ino &&
	    st2.st_size == st[i].st_size &&
	    st2.st_mtim.tv_sec == st[i].st_mtim.tv_sec &&
	    st2.st_mtim.tv_nsec == st[i].st_mtim.tv_nsec;
}

static void
text_two_pass(struct text_table *t, struct sg_writer *w, struct sg_reader *r,
    char **files, int nfiles, const struct stat *st, struct sg_buf *disp,
    struct sg_buf *tmp)
{
	struct sg_buf lb = { NULL, 0, 0 };
	struct sg_reader *r2;
	const struct sg_record *hdr;
	struct sg_record rec;
	size_t rows;
	int i;

	/* First pass, on r: the widths (and every message about the data). */
	hdr = sg_reader_header(r);
	text_add_row(t, disp, tmp, r, hdr, hdr, 1);
	while (sg_read(r, &rec))
		text_measure(t, disp, tmp, r, hdr, &rec, 0);
	text_widths(t);

	/* Second pass: the same cells again, written.  (Standard input
	 * shares its offset with the reader's copy of it: back to where it
	 * began.) */
	if (stdin_off >= 0 && lseek(STDIN_FILENO, stdin_off, SEEK_SET) < 0)
		sg_die("%s: cannot read standard input again: %s",
		    sg_stdin_name(), strerror(errno));
	r2 = sg_reader_open(files, nfiles);
	hdr = sg_reader_header(r2);
	text_head(w, tmp);
	text_row_out(t, w, &lb, t->hcells, 1);
	for (rows = 1; sg_read(r2, &rec); rows++)
		if (rows == t->nrows ||
		    !text_emit(t, w, &lb, &t->rb, disp, tmp, r2, hdr,
		    &rec))
			goto changed;
	if (rows != t->nrows)
		goto changed;
	sg_reader_close(r2);
	for (i = 0; i < (stdin_off >= 0 ? 1 : nfiles); i++)
		if (!text_unchanged(files, i, st)) {
			files += i;
			goto changed;
		}
	free(lb.p);
	text_tail(w, tmp);
	return;
changed:
	sg_die("%s: changed while it was read for a text table",
	    stdin_off >= 0 ? sg_stdin_name() : files[0]);
}

/* ------------------------------------------------------------------ */

int
main(int argc, char **argv)
{
	struct sg_common common = { 0 };
	struct colopt *copts = NULL;
	size_t ncopts = 0, i, k, n;
	struct sg_reader *r;
	const struct sg_record *hdr;
	struct sg_record rec;
	struct sg_writer *w;
	struct sg_buf disp = { NULL, 0, 0 }, tmp = { NULL, 0, 0 };
	struct text_table tt;
	const char *colorwhen = "auto", *eq, *colon;
	char *name;
	struct stat *st = NULL;
	int ch, have, j, twice = 0;
	enum sg_kind kind;
	long c;

	sg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "f:t:c:n:T:S:P:d:s:C:FLBDRk:KE"
	    SG_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "text") == 0)
				fmt = F_TEXT;
			else if (strcmp(optarg, "md") == 0)
				fmt = F_MD;
			else if (strcmp(optarg, "html") == 0)
				fmt = F_HTML;
			else if (strcmp(optarg, "csv") == 0)
				fmt = F_CSV;
			else
				sg_die_usage("--format: not text, md, html or "
				    "csv: '%s'", optarg);
			break;
		case 't':
			title = optarg;
			break;
		case 'c':
			caption = optarg;
			break;
		case 'n':
			notes = sg_realloc(notes, (nnotes + 1) *
			    sizeof(*notes));
			notes[nnotes++] = optarg;
			break;
		case 'T':
		case 'S':
		case 'P':
		case 'd':
			copts = sg_realloc(copts, (ncopts + 1) *
			    sizeof(*copts));
			copts[ncopts].which = ch;
			copts[ncopts].dp = -1;
			if (ch == 'd') {
				colon = strrchr(optarg, ':');
				if (colon == NULL || colon == optarg)
					sg_die_usage("--dp: not COLS:N: '%s'",
					    optarg);
				copts[ncopts].dp = (int)sg_opt_long("--dp",
				    colon + 1, 0, 15);
				copts[ncopts].spec = sg_strndup(optarg,
				    (size_t)(colon - optarg));
			} else {
				copts[ncopts].spec = sg_strdup(optarg);
			}
			ncopts++;
			break;
		case 's':
			eq = strchr(optarg, '=');
			if (eq == NULL)
				sg_die_usage("--show: not SYM=TEXT: '%s'",
				    optarg);
			n = (size_t)(eq - optarg);
			if (n == 1 && optarg[0] == 'x')
				kind = SG_X;
			else if (n == 1 && optarg[0] == 'z')
				kind = SG_Z;
			else if (n == 1 && optarg[0] == 'c')
				kind = SG_C;
			else if (n == 1 && optarg[0] == 'u')
				kind = SG_U;
			else if (n == 3 && strncmp(optarg, "low", 3) == 0)
				kind = SG_LOW;
			else
				sg_die_usage("--show: not a symbol (x z c u low):"
				    " '%.*s'", (int)n, optarg);
			show[kind] = eq + 1;
			show_given[kind] = 1;
			break;
		case 'C':
			if (strcmp(optarg, "auto") != 0 &&
			    strcmp(optarg, "always") != 0 &&
			    strcmp(optarg, "never") != 0)
				sg_die_usage("--color: not auto, always or "
				    "never: '%s'", optarg);
			colorwhen = optarg;
			break;
		case 'F':
			fragment = 1;
			break;
		case 'L':
			landscape = 1;
			break;
		case 'B':
			bom = 1;
			break;
		case 'D':
			csv_display = 1;
			break;
		case 'R':
			csv_raw = 1;
			break;
		case 'k':
			keyfile = optarg;
			break;
		case 'K':
			nokey = 1;
			break;
		case 'E':
			fputs(css_text, stdout);
			fputs("@page{size:A4;margin:15mm}\n", stdout);
			if (fflush(stdout) == EOF || ferror(stdout))
				sg_die("write error: standard output");
			return SG_EXIT_OK;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
	}
	if (fragment && fmt != F_HTML)
		sg_die_usage("--fragment: only with -f html");
	if (csv_display && fmt != F_CSV)
		sg_die_usage("--display: only with -f csv (the other formats "
		    "always display)");
	if (csv_raw && fmt != F_CSV)
		sg_die_usage("--raw: only with -f csv");
	/*
	 * CSV is data for another program (sg-import, a spreadsheet): the
	 * symbols are written as the stream has them, so that sg-import of
	 * it gives the stream back, unless --display or --show asks for
	 * the display text (sg-render(1)).
	 */
	if (fmt == F_CSV && !csv_display)
		for (kind = SG_LOW; kind < SG_BAD; kind++)
			if (!show_given[kind])
				show[kind] = sg_kind_symbol(kind);
	if (keyfile != NULL && nokey)
		sg_die_usage("--key and --no-key: choose one");
	if (strcmp(colorwhen, "always") == 0)
		color = 1;
	else if (strcmp(colorwhen, "auto") == 0)
		color = common.output == NULL && isatty(STDOUT_FILENO) &&
		    getenv("NO_COLOR") == NULL;
	if (fmt != F_TEXT)
		color = 0;
	/* Display widths of the text format. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	if (keyfile != NULL) {
		read_key(keyfile);
	} else {
		for (j = 0; j < NRAG; j++) {
			key_text[j] = default_key[j];
			key_order[j] = j;
		}
		nkey = NRAG;
	}

	/* A text table of regular files reads them twice (see above). */
	if (fmt == F_TEXT) {
		st = sg_calloc((size_t)(argc - optind) + 1, sizeof(*st));
		twice = text_twice(argv + optind, argc - optind, st);
	}
	r = sg_reader_open(argv + optind, argc - optind);
	hdr = sg_reader_header(r);
	ncols = hdr->n;
	cols = sg_calloc(ncols, sizeof(*cols));
	for (i = 0; i < ncols; i++) {
		cols[i].shown = 1;
		cols[i].rag = -1;
		cols[i].dp = -1;
		cols[i].right = i > 0;
	}
	/* A companion X.rag colours X and is not shown (csv keeps it). */
	for (i = 0; i < ncols; i++) {
		n = hdr->len[i];
		if (n <= 4 || memcmp(hdr->f[i] + n - 4, ".rag", 4) != 0)
			continue;
		name = sg_strndup(hdr->f[i], n - 4);
		c = sg_col_find(hdr, name);
		free(name);
		if (c < 0)
			continue;
		cols[c].rag = (long)i;
		any_rag = 1;
		if (fmt == F_CSV)
			cols[i].rag = -2;	/* written as it is */
		else
			cols[i].shown = 0;
	}
	if (fmt == F_CSV)
		any_rag = 0;
	for (i = 0; i < ncols; i++)
		if (cols[i].shown && nshown++ == 0)
			first_shown = i;
	if (first_shown < ncols) {
		cols[first_shown].right = 0;
		cols[first_shown].label = 1;
	}
	for (k = 0; k < ncopts; k++) {
		const char *opt = copts[k].which == 'T' ? "--thousands" :
		    copts[k].which == 'S' ? "--signed" :
		    copts[k].which == 'P' ? "--pct" : "--dp";

		set_cols(opt, copts[k].spec, hdr, copts[k].which, copts[k].dp);
		free(copts[k].spec);
	}
	free(copts);

	w = sg_writer_open(common.output, common.gzip);
	if (bom)
		sg_write(w, "\xef\xbb\xbf", 3);
	switch (fmt) {
	case F_TEXT:
		memset(&tt, 0, sizeof(tt));
		tt.arena = sg_arena_new();
		tt.fd = -1;
		tt.hcells = sg_calloc(nshown + 1, sizeof(*tt.hcells));
		tt.row = sg_calloc(nshown + 1, sizeof(*tt.row));
		tt.rowoff = sg_calloc(nshown + 1, sizeof(*tt.rowoff));
		tt.width = sg_calloc(nshown + 1, sizeof(size_t));
		tt.vwidth = sg_calloc(nshown + 1, sizeof(size_t));
		tt.right = sg_calloc(nshown + 1, sizeof(int));
		tt.hasrag = sg_calloc(nshown + 1, sizeof(int));
		tt.colof = sg_calloc(nshown + 1, sizeof(size_t));
		for (i = 0, k = 0; i < ncols; i++)
			if (cols[i].shown) {
				tt.colof[k] = i;
				tt.right[k] = cols[i].right;
				tt.hasrag[k] = cols[i].rag >= 0;
				k++;
			}
		if (twice) {
			text_two_pass(&tt, w, r, argv + optind,
			    argc - optind, st, &disp, &tmp);
		} else {
			text_add_row(&tt, &disp, &tmp, r, hdr, hdr, 1);
			while (sg_read(r, &rec))
				text_add_row(&tt, &disp, &tmp, r, hdr, &rec,
				    0);
			text_write(&tt, w, &tmp);
		}
		sg_arena_free(tt.arena);
		sg_buf_free(&tt.spool);
		sg_buf_free(&tt.rb);
		free(tt.hcells);
		free(tt.row);
		free(tt.rowoff);
		free(tt.colof);
		free(tt.width);
		free(tt.vwidth);
		free(tt.right);
		free(tt.hasrag);
		break;
	case F_CSV:
		csv_row(w, &disp, hdr, 1);
		while (sg_read(r, &rec))
			csv_row(w, &disp, &rec, 0);
		break;
	case F_MD:
	case F_HTML:
		/* The first record decides which columns are right-aligned. */
		have = sg_read(r, &rec);
		for (i = 0; have && i < ncols; i++) {
			struct sg_value v;

			if (i != first_shown && rec.len[i] > 0 &&
			    sg_value_parse(rec.f[i], rec.len[i], &v) == SG_BAD)
				cols[i].right = 0;
		}
		if (fmt == F_MD) {
			md_start(w, &tmp);
			md_header(w, &tmp, hdr);
			for (; have; have = sg_read(r, &rec))
				md_row(w, &disp, &tmp, r, hdr, &rec);
			md_end(w, &tmp);
		} else {
			html_start(w, &tmp);
			html_header(w, &tmp, hdr);
			for (; have; have = sg_read(r, &rec))
				html_row(w, &disp, &tmp, r, hdr, &rec);
			html_end(w, &tmp);
		}
		break;
	}
	sg_reader_close(r);
	sg_writer_close(w);
	sg_buf_free(&disp);
	sg_buf_free(&tmp);
	free(cols);
	free(notes);
	free(st);
	return SG_EXIT_OK;
}
