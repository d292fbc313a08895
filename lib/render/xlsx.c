/*
 * render/xlsx.c: a book as an Office Open XML workbook, through
 * libxlsxwriter, which writes every string as a string (never a formula),
 * so text such as "=1+1" or "@SUM" stays text.
 *
 * Two things here reach past libxlsxwriter's options, each for a
 * measured cost (bench/README.md) and each checked by t/workbooks.t:
 * the workbook is written in constant-memory mode with its table objects
 * all the same (add_table()), and its parts are deflated at level
 * SG_XLSX_LEVEL rather than zlib's default (zipOpenNewFileInZip4_64()).
 * And since libxlsxwriter does not check its writes to its temporary
 * files, the workbook is read back before it goes out (verify()).
 */
#include "config.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "sg.h"
#include "ooxml.h"
#include "render/book.h"

#define MAX_DP		15
#define XLSX_MAXROW	1048576

/* What a sheet holds, counted as it is written, to be found again when
 * the workbook is read back (verify()). */
struct tally {
	char		*name;
	size_t		 rows;		/* rows with a cell */
	size_t		 cells;
	long		 last;		/* the last row given a cell, or -1 */
};

struct xlsx {
	lxw_workbook	*wb;
	const char	*name;		/* for messages */
	struct tally	*sheet;
	size_t		 nsheet;
	lxw_format	*title;
	lxw_format	*bold;
	lxw_format	*wrap;
	lxw_format	*date;
	lxw_format	*sym;
	lxw_format	*num[MAX_DP + 1];
	struct sg_buf	 esc;		/* ox()'s text */
};

static void
check(const struct xlsx *x, lxw_error e, const char *what)
{
	if (e != LXW_NO_ERROR)
		sg_die("%s: %s: %s", x->name, what, lxw_strerror(e));
}

/*
 * Constant-memory mode: libxlsxwriter keeps a row until the next one is
 * started, then writes it out, instead of keeping every cell of the book
 * (104 bytes and an allocation each: 100 MB for 100,000 rows of eight
 * columns).  It refuses a table object in that mode, because a table
 * writes its own header cells and their row may be gone already.  Here
 * every table is added before its header row is started, so: the mode is
 * lifted for the call (the header cells it writes go to the in-memory
 * rows, which this mode never writes out), and the header row is then
 * written as any other row.  Read in libxlsxwriter 1.1.4 and 1.2.3, where
 * worksheet_add_table() and the optimize flag behave alike; with any
 * other version the book is written the ordinary way.
 */
#if LXW_VERSION_ID >= 114 && LXW_VERSION_ID <= 123
#define CONSTANT_MEMORY	LXW_TRUE
#else
#define CONSTANT_MEMORY	LXW_FALSE
#endif

static lxw_worksheet *
new_sheet(struct xlsx *x, const char *name)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	struct tally *t;

	if (ws == NULL)
		sg_die("%s: cannot add the sheet '%s'", x->name, name);
	x->sheet = sg_realloc(x->sheet, (x->nsheet + 1) * sizeof(*x->sheet));
	t = &x->sheet[x->nsheet++];
	t->name = sg_strdup(name);
	t->rows = t->cells = 0;
	t->last = -1;
	return ws;
}

/* A cell was written in row of the sheet last added. */
static void
count(struct xlsx *x, lxw_row_t row)
{
	struct tally *t = &x->sheet[x->nsheet - 1];

	t->cells++;
	if (t->last != (long)row) {
		t->rows++;
		t->last = (long)row;
	}
}

/* libxlsxwriter writes nothing for an empty string, and a blank cell
 * for an empty one with a format. */
static void
put_string(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
    const char *s, lxw_format *fmt)
{
	check(x, worksheet_write_string(ws, row, col, s, fmt),
	    x->sheet[x->nsheet - 1].name);
	if (fmt != NULL || (s != NULL && *s != '\0'))
		count(x, row);
}

static void
add_table(struct xlsx *x, lxw_worksheet *ws, lxw_row_t row, lxw_row_t last,
    lxw_col_t ncol, lxw_table_options *opt)
{
	const char *what = x->sheet[x->nsheet - 1].name;
	lxw_col_t c;

	if (!ws->optimize) {
		check(x, worksheet_add_table(ws, row, 0, last, ncol - 1, opt),
		    what);
		for (c = 0; c < ncol; c++)
			if (*opt->columns[c]->header != '\0')
				count(x, row);
		return;
	}
	ws->optimize = LXW_FALSE;
	check(x, worksheet_add_table(ws, row, 0, last, ncol - 1, opt), what);
	ws->optimize = LXW_TRUE;
	for (c = 0; c < ncol; c++)
		put_string(x, ws, row, c, opt->columns[c]->header, NULL);
}

/*
 * libxlsxwriter deflates every part at zlib's default level (6) and has
 * no option for it.  It opens each part with minizip's
 * zipOpenNewFileInZip4_64(), and this definition stands in front of
 * minizip's (an executable's symbols come before a shared library's),
 * passes everything on, and asks for level SG_XLSX_LEVEL instead of the
 * default: a sheet 1% bigger in a fifth less time (bench/README.md).
 * Where libxlsxwriter carries its own minizip this is never called, and
 * the workbook differs in nothing but its size.
 */
#define SG_XLSX_LEVEL	5

typedef int (*zip_open_fn)(void *, const char *, const void *, const void *,
    unsigned, const void *, unsigned, const char *, int, int, int, int, int,
    int, const char *, unsigned long, unsigned long, unsigned long, int);

int	zipOpenNewFileInZip4_64(void *, const char *, const void *,
	    const void *, unsigned, const void *, unsigned, const char *, int,
	    int, int, int, int, int, const char *, unsigned long,
	    unsigned long, unsigned long, int);

int
zipOpenNewFileInZip4_64(void *file, const char *name, const void *info,
    const void *local, unsigned nlocal, const void *global, unsigned nglobal,
    const char *comment, int method, int level, int raw, int wbits,
    int memlevel, int strategy, const char *password, unsigned long crc,
    unsigned long made_by, unsigned long flags, int zip64)
{
	static zip_open_fn next;
	void *sym;

	if (next == NULL) {
		sym = dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
		if (sym == NULL)
			sg_die("cannot find minizip's zipOpenNewFileInZip4_64");
		memcpy(&next, &sym, sizeof(next));
	}
	if (method == Z_DEFLATED && level == Z_DEFAULT_COMPRESSION)
		level = SG_XLSX_LEVEL;
	return next(file, name, info, local, nlocal, global, nglobal, comment,
	    method, level, raw, wbits, memlevel, strategy, password, crc,
	    made_by, flags, zip64);
}

/*
 * Text s as an .xlsx string holds it.  ECMA-376 reads "_xHHHH_" in a
 * string as the character U+HHHH (libxlsxwriter writes a control
 * character so, and Excel and LibreOffice read it so), so a text that
 * holds those seven characters itself would read back as another
 * character: its '_' is written "_x005F_", the standard's escape for
 * '_'.  Returns s itself when there is nothing to escape, else x's
 * buffer (valid until the next call).
 */
static const char *
ox(struct xlsx *x, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	for (p = strstr(s, "_x"); p != NULL && !sg_ox_is_escape(p,
	    n - (size_t)(p - s)); p = strstr(p + 1, "_x"))
		;
	if (p == NULL)
		return s;
	x->esc.len = 0;
	for (p = s; *p != '\0'; p++) {
		if (sg_ox_is_escape(p, n - (size_t)(p - s)))
			sg_buf_adds(&x->esc, "_x005F");
		sg_buf_addc(&x->esc, *p);
	}
	return x->esc.p;
}

/*
 * A table column's name, as ox() writes text, and a TAB or CR in it as
 * _x0009_ or _x000D_: the name goes into an attribute of the table part
 * too, where XML reads them as spaces, and Excel holds that a column's
 * name is its header cell's text.  Allocated.
 */
static char *
head_name(struct xlsx *x, const char *name)
{
	const char *s = ox(x, name);
	struct sg_buf b = { 0 };

	for (; *s != '\0'; s++)
		if (*s == '\t')
			sg_buf_adds(&b, "_x0009_");
		else if (*s == '\r')
			sg_buf_adds(&b, "_x000D_");
		else
			sg_buf_addc(&b, *s);
	if (b.p == NULL)
		return sg_strdup("");
	return b.p;
}

static lxw_format *
num_format(struct xlsx *x, int dp)
{
	char fmt[32];

	if (dp > MAX_DP)
		dp = MAX_DP;
	if (x->num[dp] == NULL) {
		snprintf(fmt, sizeof(fmt), "#,##0%s%.*s", dp > 0 ? "." : "",
		    dp, "000000000000000");
		x->num[dp] = workbook_add_format(x->wb);
		format_set_num_format(x->num[dp], fmt);
	}
	return x->num[dp];
}

static void
formats(struct xlsx *x)
{
	x->title = workbook_add_format(x->wb);
	format_set_bold(x->title);
	format_set_font_size(x->title, 14);
	x->bold = workbook_add_format(x->wb);
	format_set_bold(x->bold);
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	x->date = workbook_add_format(x->wb);
	format_set_num_format(x->date, "yyyy-mm-dd");
	x->sym = workbook_add_format(x->wb);
	format_set_align(x->sym, LXW_ALIGN_RIGHT);
}

static double
col_width(size_t chars)
{
	if (chars < 8)
		chars = 8;
	if (chars > 60)
		chars = 60;
	return (double)chars * 1.1 + 2;
}

/* The link to a sheet's A1: internal:'Sheet name'!A1, ' doubled. */
static char *
sheet_link(const char *sheet)
{
	size_t n = strlen(sheet), o = 0;
	char *s = sg_malloc(2 * n + 16);

	o += (size_t)sprintf(s, "internal:'");
	for (size_t i = 0; i < n; i++) {
		if (sheet[i] == '\'')
			s[o++] = '\'';
		s[o++] = sheet[i];
	}
	strcpy(s + o, "'!A1");
	return s;
}

/* A two-column table of label and text, under a title: the Cover's,
 * Contents' and Notes' shape. */
static void
lines_sheet(struct xlsx *x, const struct sg_book_sheet *sh)
{
	lxw_worksheet *ws = new_sheet(x, sh->name);
	lxw_table_column c1 = { .header = sg_strdup(ox(x, sh->head[0])) };
	lxw_table_column c2 = { .header = sg_strdup(ox(x, sh->head[1])) };
	lxw_table_column *cols[] = { &c1, &c2, NULL };
	lxw_table_options opt = { .name = (char *)sh->table,
	    .style_type = LXW_TABLE_STYLE_TYPE_LIGHT, .style_type_number = 1,
	    .no_autofilter = 1, .columns = cols };
	const struct sg_book_line *l = sh->l;
	size_t i, w1 = strlen(sh->head[0]), w2 = strlen(sh->head[1]);

	put_string(x, ws, 0, 0, ox(x, sh->title), x->title);
	put_string(x, ws, 1, 0, ox(x, sh->intro), NULL);
	add_table(x, ws, 2, (lxw_row_t)(sh->n + 2), 2, &opt);
	for (i = 0; i < sh->n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 3);

		if (sh->links) {
			char *url = sheet_link(l[i].label);
			check(x, worksheet_write_url_opt(ws, r, 0, url, NULL,
			    ox(x, l[i].label), NULL), sh->name);
			count(x, r);
			free(url);
		} else
			put_string(x, ws, r, 0, ox(x, l[i].label), NULL);
		put_string(x, ws, r, 1, ox(x, l[i].text), x->wrap);
		if (strlen(l[i].label) > w1)
			w1 = strlen(l[i].label);
		if (strlen(l[i].text) > w2)
			w2 = strlen(l[i].text);
	}
	worksheet_set_column(ws, 0, 0, col_width(w1), NULL);
	worksheet_set_column(ws, 1, 1, col_width(w2), NULL);
	free(c1.header);
	free(c2.header);
}

static void
table_sheet(struct xlsx *x, const struct sg_book_table *t, size_t index)
{
	lxw_worksheet *ws = new_sheet(x, t->sheet);
	lxw_table_column *cols, **colp;
	lxw_table_options opt = { .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
	    .style_type_number = 1, .no_autofilter = 1 };
	char tname[32];
	size_t r, c;

	if (t->nrow + 3 > XLSX_MAXROW || t->ncol > 16384)
		sg_die("%s: %s: %zu rows of %zu columns do not fit in a sheet "
		    "(at most 1,048,573 rows of 16,384)", x->name, t->sheet,
		    t->nrow, t->ncol);
	put_string(x, ws, 0, 0, ox(x, t->title), x->title);
	put_string(x, ws, 1, 0, sg_book_subtitle(t), NULL);
	cols = sg_calloc(t->ncol, sizeof(*cols));
	colp = sg_calloc(t->ncol + 1, sizeof(*colp));
	for (c = 0; c < t->ncol; c++) {
		cols[c].header = head_name(x, t->col[c].name);
		colp[c] = &cols[c];
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    col_width(t->col[c].width), NULL);
	}
	snprintf(tname, sizeof(tname), "Table_%zu", index + 1);
	opt.name = tname;
	opt.columns = colp;
	add_table(x, ws, 2, (lxw_row_t)(t->nrow + 2), (lxw_col_t)t->ncol,
	    &opt);
	for (r = 0; r < t->nrow; r++)
		for (c = 0; c < t->ncol; c++) {
			struct sg_book_cell cell;
			lxw_row_t row = (lxw_row_t)(r + 3);
			lxw_col_t col = (lxw_col_t)c;
			lxw_datetime dt = { 0 };

			sg_book_cell(t, r, c, &cell);
			switch (cell.kind) {
			case SG_CELL_NUM:
				check(x, worksheet_write_number(ws, row, col,
				    cell.num, num_format(x, t->col[c].dp)),
				    t->sheet);
				count(x, row);
				break;
			case SG_CELL_DATE:
				dt.year = cell.y;
				dt.month = cell.m;
				dt.day = cell.d;
				check(x, worksheet_write_datetime(ws, row, col,
				    &dt, x->date), t->sheet);
				count(x, row);
				break;
			case SG_CELL_SYM:
				put_string(x, ws, row, col, cell.text, x->sym);
				break;
			default:
				/* An empty label is a blank cell, not "". */
				put_string(x, ws, row, col, ox(x, cell.text),
				    NULL);
			}
		}
	for (c = 0; c < t->ncol; c++)
		free(cols[c].header);
	free(cols);
	free(colp);
}

/* What a sheet's XML holds: its rows and cells, and its last bytes. */
struct scan {
	size_t		 rows, cells;
	unsigned char	 carry[8];	/* a tag cut by the end of a block */
	size_t		 ncarry;
	unsigned char	 end[12];
	size_t		 nend;
};

static void
tag(struct scan *g, const unsigned char *p, size_t n)
{
	if (n >= 5 && memcmp(p, "<row ", 5) == 0)
		g->rows++;
	else if (n >= 3 && memcmp(p, "<c ", 3) == 0)
		g->cells++;
}

static void
scan(struct scan *g, const unsigned char *p, size_t n)
{
	const unsigned char *q, *e = p + n;
	unsigned char join[16];
	size_t k;

	if (g->ncarry > 0) {
		k = n < 4 ? n : 4;
		memcpy(join, g->carry, g->ncarry);
		memcpy(join + g->ncarry, p, k);
		tag(g, join, g->ncarry + k);
		g->ncarry = 0;
	}
	for (q = p; (q = memchr(q, '<', (size_t)(e - q))) != NULL; q++) {
		if (e - q < 5) {
			g->ncarry = (size_t)(e - q);
			memcpy(g->carry, q, g->ncarry);
			break;
		}
		tag(g, q, 5);
	}
	k = n < sizeof(g->end) ? n : sizeof(g->end);
	if (g->nend + k > sizeof(g->end)) {
		size_t drop = g->nend + k - sizeof(g->end);

		memmove(g->end, g->end + drop, g->nend - drop);
		g->nend -= drop;
	}
	memcpy(g->end + g->nend, e - k, k);
	g->nend += k;
}

/*
 * libxlsxwriter writes each sheet through temporary files and does not
 * check those writes: a full disk would leave a sheet cut short inside a
 * workbook that still opens.  So the workbook is read back before it is
 * published: each sheet must inflate whole (lib's zip reader checks its
 * size and CRC), end as XML, and hold the rows and cells written.
 */
static void
verify(const struct xlsx *x, const unsigned char *data, size_t len)
{
	struct sg_zreader *r = sg_malloc(sizeof(*r));
	const struct sg_zentry *e;
	const unsigned char *p;
	struct sg_zip z;
	struct scan g;
	char part[64];
	size_t i, n;

	sg_zip_open(&z, x->name, data, len);
	for (i = 0; i < x->nsheet; i++) {
		const struct tally *t = &x->sheet[i];

		snprintf(part, sizeof(part), "xl/worksheets/sheet%zu.xml",
		    i + 1);
		memset(&g, 0, sizeof(g));
		if ((e = sg_zip_find(&z, part)) != NULL) {
			sg_zr_open(r, &z, e);
			while ((n = sg_zr_read(r, &p)) > 0)
				scan(&g, p, n);
			sg_zr_close(r);
		}
		if (g.rows != t->rows || g.cells != t->cells ||
		    g.nend < 12 || memcmp(g.end, "</worksheet>", 12) != 0)
			sg_die("%s: the workbook came out incomplete (is the "
			    "disk of the temporary directory full?): the sheet "
			    "'%s' holds %zu of its %zu rows and %zu of its %zu "
			    "cells%s", x->name, t->name, g.rows, t->rows,
			    g.cells, t->cells, g.nend == 12 && memcmp(g.end,
			    "</worksheet>", 12) == 0 ? "" : ", its XML cut "
			    "short");
	}
	sg_zip_free(&z);
	free(r);
}

void
sg_book_write_xlsx(const struct sg_book *b, const char *tmp,
    struct sg_writer *w, const char *name)
{
	lxw_workbook_options wo = { .constant_memory = CONSTANT_MEMORY };
	struct sg_book_front f;
	struct xlsx x = { .name = name };
	lxw_doc_properties props = { 0 };
	struct tm tm = { 0 };
	struct sg_buf data = { 0 };
	size_t i;

	x.wb = workbook_new_opt(tmp, &wo);
	if (x.wb == NULL)
		sg_die("%s: cannot start the workbook", name);
	formats(&x);
	/* The document's own date is the book's, never the clock's or the
	 * user's name: the same tables make the same workbook. */
	tm.tm_year = b->y - 1900;
	tm.tm_mon = b->m - 1;
	tm.tm_mday = b->d;
	tm.tm_hour = 12;
	props.title = (char *)b->title;
	props.created = timegm(&tm);
	workbook_set_properties(x.wb, &props);

	sg_book_front(b, &f);
	for (i = 0; i < f.n; i++)
		lines_sheet(&x, &f.s[i]);
	sg_book_front_free(&f);
	for (i = 0; i < b->nt; i++)
		table_sheet(&x, &b->t[i], i);
	check(&x, workbook_close(x.wb), "cannot write the workbook");
	sg_buf_free(&x.esc);
	/* libxlsxwriter writes only to a named file: its bytes, once
	 * checked, go on through lib's writer, which makes the output
	 * atomic and keeps its mode. */
	sg_read_back(&data, tmp, name);
	verify(&x, (const unsigned char *)data.p, data.len);
	sg_write(w, data.p, data.len);
	sg_buf_free(&data);
	for (i = 0; i < x.nsheet; i++)
		free(x.sheet[i].name);
	free(x.sheet);
}
