/*
 * csv.c: records with quotes, for sg-import (sg-import(1)).  Plain ones
 * go to lib/csvfast.c a block at a time; the rest, a physical line at a
 * time, to libcsv, read strictly: text after a closing quote, as in
 * "Smith" Jr, is an error (read laxly, libcsv would open a new quote
 * there and swallow the lines after it into one record).
 */
#include "config.h"

#include <csv.h>
#include <string.h>

#include "sg.h"
#include "csvfast.h"
#include "import.h"

/* libcsv callbacks. */
static void
field_cb(void *s, size_t n, void *data)
{
	struct sg_import *ix = data;

	sg_import_field(ix, s != NULL ? s : "", n);
	ix->quote_line = ix->line;
}

static void
row_cb(int c, void *data)
{
	struct sg_import *ix = data;

	(void)c;
	ix->in_csv = 0;
	sg_import_row_end(ix);
}

/* Spaces are data: libcsv must not trim them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

void
sg_import_csv_init(struct sg_import *ix)
{
	if (csv_init(&ix->csvp, CSV_STRICT) != 0)
		sg_die("out of memory");
	csv_set_space_func(&ix->csvp, no_space);
	csv_set_blk_size(&ix->csvp, 1u << 16);
}

void
sg_import_csv_free(struct sg_import *ix)
{
	csv_free(&ix->csvp);
}

/*
 * The column a quote error is in, for its message (sg(7)): the header's
 * name for the field being read, or "field N" in the header itself or
 * beyond its columns.
 */
static const char *
bad_column(struct sg_import *ix)
{
	struct sg_buf *m = &ix->msg;

	if (!ix->in_header && ix->nf < ix->ncols)
		return ix->hdr[ix->nf];
	m->len = 0;
	sg_buf_printf(m, "field %zu", ix->nf + 1);
	return m->p;
}

/*
 * A quote error in a record's field: a data error, or, with --lax, the
 * record is marked to be set aside with the message (the first, if it has
 * more than one).  The header is never read laxly.
 */
static void
quote_error(struct sg_import *ix, long line, const char *what,
    const char *value, size_t len)
{
	const char *col = bad_column(ix);

	if (!ix->s->lax || ix->in_header)
		sg_data_error(ix->file, line, col, what, value, len);
	if (ix->row_bad)
		return;
	ix->row_bad = 1;
	ix->bad.len = 0;
	sg_fmt_error_buf(&ix->bad, ix->file, line, col, what, value, len);
}

/*
 * libcsv stopped at d[k], a quote where strict RFC 4180 has none: inside
 * an unquoted field, where it is kept as written (as Excel and Python
 * read it), or after a closing quote (quote_error).  The field is what
 * libcsv read of it, then the rest up to the separator as written.
 * Returns the bytes of d used, the separator included, or 0 if the field
 * ended the line and so the record.
 */
static size_t
resume(struct sg_import *ix, const char *d, size_t n, size_t k)
{
	struct csv_parser *p = &ix->csvp;
	struct sg_buf *f = &ix->field;
	const char *c = memchr(d + k, ix->sep, n - k);
	size_t end = c != NULL ? (size_t)(c - d) : n;

	if (p->quoted)
		quote_error(ix, ix->line, "text after the closing quote of a "
		    "quoted field: quote the whole field and double the quotes "
		    "inside it", d, n);
	/* In a quoted field, libcsv holds its closing quote too. */
	f->len = 0;
	if (p->entry_pos > 0)
		sg_buf_add(f, p->entry_buf, p->entry_pos - (p->quoted ? 1 : 0));
	sg_buf_add(f, d + k, end - k);
	/* Without callbacks, csv_fini only makes the parser new again. */
	csv_fini(p, NULL, NULL, NULL);
	ix->in_csv = 0;
	sg_import_field(ix, f->p, f->len);
	if (c != NULL)
		return end + 1;
	sg_import_row_end(ix);
	return 0;
}

/*
 * One physical line d[0..n) of a record with quotes, and its terminator
 * t[0..tn).  A field that does not open with a quote needs no libcsv: it
 * is split here, a quote inside it kept as written; libcsv takes the
 * line from the first field that does.
 */
void
sg_import_csv_line(struct sg_import *ix, const char *d, size_t n,
    const char *t, size_t tn)
{
	const char *c;
	size_t k;

	if (!ix->in_csv) {
		sg_import_row_reset(ix);
		ix->row_line = ix->quote_line = ix->line;
	}
	for (;;) {
		if (!ix->in_csv && (n == 0 || *d != '"')) {
			if ((c = memchr(d, ix->sep, n)) == NULL) {
				sg_import_field(ix, d, n);
				sg_import_row_end(ix);
				return;
			}
			sg_import_field(ix, d, (size_t)(c - d));
			n -= (size_t)(c + 1 - d);
			d = c + 1;
			continue;
		}
		ix->in_csv = 1;
		if ((k = csv_parse(&ix->csvp, d, n, field_cb, row_cb, ix)) == n)
			break;
		if (csv_error(&ix->csvp) != CSV_EPARSE)
			break;
		if ((k = resume(ix, d, n, k)) == 0)
			return;
		d += k;
		n -= k;
	}
	if (csv_error(&ix->csvp) != CSV_SUCCESS ||
	    csv_parse(&ix->csvp, t, tn, field_cb, row_cb, ix) != tn)
		sg_data_error(ix->file, ix->line, NULL,
		    csv_strerror(csv_error(&ix->csvp)), NULL, 0);
}

/*
 * Records with quotes, which the fast path leaves, go to lib/csvfast.c a
 * block at a time, as long as they are plain; it hands back the first one
 * that is not, for the general path.  Returns where it stopped.
 */
const char *
sg_import_quoted_lines(struct sg_import *ix, const char *p,
    const char *limit)
{
	struct sg_csvfast cf;

	if (ix->tsv || ix->s->cp1252 || ix->s->csvfast_off)
		return p;
	cf.ncols = ix->ncols;
	cf.tail = ix->add_tail.p;
	cf.taillen = ix->add_tail.len;
	cf.flush = SG_IMPORT_FLUSH;
	cf.sep = ix->sep;
	p = sg_csvfast_rows(&cf, p, limit, &ix->out);
	ix->line += cf.lines;
	if (ix->out.len >= SG_IMPORT_FLUSH)
		sg_import_flush(ix);
	return p;
}

/*
 * The end of a file: only an open quote can leave a record unfinished.
 * With --lax, the field is kept as read, to the end of the file, and the
 * record set aside.
 */
void
sg_import_csv_eof(struct sg_import *ix)
{
	if (!ix->in_csv)
		return;
	quote_error(ix, ix->quote_line, "unterminated quoted field: the "
	    "quote opened on this line is never closed", NULL, 0);
	if (csv_fini(&ix->csvp, field_cb, row_cb, ix) != 0)
		sg_die("%s: %s", ix->file, csv_strerror(csv_error(&ix->csvp)));
}
