/*
 * csvref.h: what sg-import's general path makes of CSV records, through
 * libcsv as sg-import drives it (strict, spaces kept), for checking
 * lib/csvfast.c against: t/unit-csvfast.c and fuzz/fuzz-csvfast.c.
 *
 * csvref_rows() reads the plain records at the start of in[0..n) as
 * sg_csvfast_rows() is specified to (see lib/csvfast.h) and stops at the
 * first other one, with libcsv telling what a record is: each record is
 * parsed alone, a byte at a time, so that its end is known.
 */
#ifndef CSVREF_H
#define CSVREF_H

#include <csv.h>
#include <string.h>

#include "sg.h"
#include "markup.h"

struct csvref_row {
	struct sg_buf	*out;
	size_t		 nf;
	int		 nonempty;
	int		 ended;
};

static void
csvref_field(void *s, size_t n, void *data)
{
	struct csvref_row *r = data;

	if (r->nf++ > 0)
		sg_buf_addc(r->out, '\t');
	sg_buf_add_escaped(r->out, s != NULL ? s : "", n);
	r->nonempty |= n > 0;
}

static void
csvref_end(int c, void *data)
{
	struct csvref_row *r = data;

	(void)c;
	r->ended = 1;
}

static int
csvref_nospace(unsigned char c)
{
	(void)c;
	return 0;
}

/* Whether s[0..n) is UTF-8 without NULs. */
static int
csvref_text(const char *s, size_t n)
{
	size_t i = 0;
	unsigned cp;

	while (i < n) {
		if (s[i] == '\0')
			return 0;
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if (sg_utf8_next(s + i, n - i, &cp) == 1)
			return 0;
		i += sg_utf8_next(s + i, n - i, &cp);
	}
	return 1;
}

/*
 * Appends the rows to out; returns where it stopped, and the physical
 * lines taken in *lines.  Stops after the row that makes out flush bytes
 * long or more.
 */
static size_t
csvref_rows(const char *in, size_t n, size_t ncols, const char *tail,
    unsigned char sep, size_t flush, struct sg_buf *out, long *lines)
{
	struct csv_parser p;
	struct csvref_row r;
	size_t pos = 0, e, end, mark, i;
	long nl;

	*lines = 0;
	while (pos < n) {
		if (in[pos] == '\r' || in[pos] == '\n')
			break;		/* an empty line: no row */
		if (csv_init(&p, CSV_STRICT) != 0)
			abort();
		csv_set_space_func(&p, csvref_nospace);
		csv_set_delim(&p, sep);
		mark = out->len;
		memset(&r, 0, sizeof(r));
		r.out = out;
		for (e = pos; e < n && !r.ended; e++)
			if (csv_parse(&p, in + e, 1, csvref_field, csvref_end,
			    &r) != 1)
				break;
		csv_free(&p);
		if (!r.ended || r.nf != ncols || !r.nonempty) {
			out->len = mark;
			break;
		}
		end = e;	/* just past the CR or LF that ended it */
		if (in[end - 1] == '\r' && end < n && in[end] == '\n')
			end++;
		if (!csvref_text(in + pos, end - pos)) {
			out->len = mark;
			break;
		}
		sg_buf_adds(out, tail);
		sg_buf_addc(out, '\n');
		for (nl = 0, i = pos; i < end; i++)
			nl += in[i] == '\n' || (in[i] == '\r' &&
			    (i + 1 >= end || in[i + 1] != '\n'));
		*lines += nl;
		pos = end;
		if (out->len >= flush)
			break;
	}
	if (out->p != NULL)
		out->p[out->len] = '\0';
	return pos;
}

#endif /* CSVREF_H */
