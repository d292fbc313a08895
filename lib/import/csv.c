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
 * One physical line d[0..n) of a record with quotes, and its terminator
 * t[0..tn).
 */
void
sg_import_csv_line(struct sg_import *ix, const char *d, size_t n,
    const char *t, size_t tn)
{
	if (!ix->in_csv) {
		/* The fields before the one holding the first quote need no
		 * libcsv: they are split here, and libcsv takes the rest. */
		const char *q = memchr(d, '"', n), *c;

		sg_import_row_reset(ix);
		ix->row_line = ix->quote_line = ix->line;
		while ((c = memchr(d, ix->sep, (size_t)(q - d))) != NULL) {
			sg_import_field(ix, d, (size_t)(c - d));
			n -= (size_t)(c + 1 - d);
			d = c + 1;
		}
		ix->in_csv = 1;
	}
	if (csv_parse(&ix->csvp, d, n, field_cb, row_cb, ix) != n ||
	    csv_parse(&ix->csvp, t, tn, field_cb, row_cb, ix) != tn)
		sg_data_error(ix->file, ix->line, NULL,
		    csv_error(&ix->csvp) == CSV_EPARSE ?
		    "text after the closing quote of a quoted field: quote "
		    "the whole field and double the quotes inside it" :
		    csv_strerror(csv_error(&ix->csvp)), d, n);
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

/* The end of a file: only an open quote can leave a record unfinished. */
void
sg_import_csv_eof(struct sg_import *ix)
{
	if (!ix->in_csv)
		return;
	csv_set_opts(&ix->csvp, CSV_STRICT | CSV_STRICT_FINI);
	if (csv_fini(&ix->csvp, field_cb, row_cb, ix) != 0)
		sg_data_error(ix->file, ix->quote_line, NULL, "unterminated "
		    "quoted field: the quote opened on this line is never "
		    "closed", NULL, 0);
	csv_set_opts(&ix->csvp, 0);
}
