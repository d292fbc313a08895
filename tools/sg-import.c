/*
 * sg-import: read what agencies send (CSV, TSV, an .xlsx workbook) and
 * write the stream.
 *
 * Text input goes through three stages a physical line at a time: the
 * bytes are decoded (UTF-8 checked strictly, or Windows-1252 converted),
 * split into fields, and handed to one row sink, which also takes the
 * rows of a workbook.  CSV is parsed by libcsv, but most lines of a big
 * file hold no quote character at all: those take a fast path that splits
 * them on the separator and copies them to the output sixteen bytes at a
 * time.  Any line the fast path cannot settle alone (a quote, a field
 * count that differs from the header's, an empty row) is rolled back and
 * given to the general path, so both paths behave identically.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sg.h"
#include "csvfast.h"
#include "reject.h"
#include "sgre.h"
#include "textfile.h"
#include "xlsx.h"

#define BLOCK		(1u << 20)	/* bytes read at a time */
#define PAD		64		/* slack after buffers for 16-byte loads */
#define FLUSH		(1u << 18)	/* output handed to the writer in chunks */

static const char usage_text[] =
"usage: sg-import [-f csv|tsv|xlsx] [--sheet NAME|N] [--encoding utf-8|cp1252]\n"
"                 [--skip N] [--map FILE] [--add COL=VALUE] [--pad]\n"
"                 [--reject FILE] [--list-sheets] [-o FILE] [-z] [FILE...]\n"
"\n"
"Reads CSV, TSV, an Excel workbook (.xlsx) or an OpenDocument spreadsheet\n"
"(.ods, read as a workbook) and writes the sg stream.\n"
"\n"
"  -f, --format FMT       csv, tsv or xlsx (default: from the content)\n"
"  -S, --sheet NAME|N     the workbook's sheet, by name or number (default 1)\n"
"  -l, --list-sheets      print the workbook's sheet names and exit\n"
"  -e, --encoding ENC     utf-8 (default, checked strictly) or cp1252\n"
"  -s, --skip N           drop N preamble lines above the header\n"
"  -m, --map FILE         TSV of PCRE2 pattern and column name: renames headers\n"
"  -a, --add COL=VALUE    append a constant column (repeatable)\n"
"  -p, --pad              pad short rows with empty values\n"
"  -r, --reject FILE      write ragged rows to FILE with a reason column\n"
SG_COMMON_HELP;

static const struct option longopts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "sheet", required_argument, NULL, 'S' },
	{ "list-sheets", no_argument, NULL, 'l' },
	{ "encoding", required_argument, NULL, 'e' },
	{ "skip", required_argument, NULL, 's' },
	{ "map", required_argument, NULL, 'm' },
	{ "add", required_argument, NULL, 'a' },
	{ "pad", no_argument, NULL, 'p' },
	{ "reject", required_argument, NULL, 'r' },
	SG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

enum format { FMT_DETECT, FMT_CSV, FMT_TSV, FMT_XLSX };

struct map_rule {
	struct sgre	*re;
	char		*name;
};

/* Windows-1252 0x80-0x9F as Unicode code points; 0 is undefined. */
static const unsigned short cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

/* Options, and the state of the one output stream. */
static enum format	 opt_format = FMT_DETECT;
static const char	*opt_sheet;
static int		 opt_list;
static int		 opt_cp1252;
static long		 opt_skip;
static int		 opt_pad;
static struct map_rule	*rules;
static size_t		 nrules;
static char		**add_name, **add_value;
static size_t		 nadd;
static struct sg_buf	 add_tail;	/* "\tV1\tV2", escaped */

static struct sg_writer	*w;
static struct sg_reject	*rej;		/* --reject, once the header is known */
static const char	*rej_path;
static struct sg_buf	 out;		/* output not yet handed to w */

static char		**hdr;		/* the stream's header (escaped) */
static size_t		 nhdr;
static const char	*hdr_file;	/* the file it came from */

/* The current file. */
static const char	*file;		/* its name for messages */
static int		 in_header;	/* its header is still to come */
static size_t		 ncols;		/* its number of input columns */
static int		 xlsx_file;	/* the file is a workbook */
static long		 line;		/* physical line being read */
static long		 skip_left;
static unsigned char	 sep;		/* ',' or TAB */
static int		 tsv;

/*
 * The row being assembled by the general path: its fields are written
 * escaped and joined by TABs straight into out, from row_mark on, and
 * rolled back if the row turns out not to be output.
 */
static size_t		 row_mark;
static size_t		*foff, *flen, fcap, nf;	/* escaped fields in out */
static int		 row_nonempty;
static long		 row_line;	/* the line its record began on */

/* libcsv, for records that hold quotes. */
static struct csv_parser csvp;
static int		 in_csv;	/* a record is open in libcsv */
static long		 quote_line;	/* where the open field began */
static struct sg_buf	 dec;		/* a line decoded from cp1252 */
static int		 csvfast_off;	/* SG_CSV_PATH=libcsv */

static void
flush_out(void)
{
	if (out.len == 0)
		return;
	sg_write(w, out.p, out.len);
	out.len = 0;
}

/* Makes room for n more bytes of output. */
static inline void
out_room(size_t n)
{
	if (out.len + n + PAD > out.cap) {
		while (out.len + n + PAD > out.cap)
			out.cap = out.cap ? out.cap * 2 : 2 * FLUSH;
		out.p = sg_realloc(out.p, out.cap);
	}
}

/* ------------------------------------------------------------------ */
/* Decoding.                                                           */

/* Length of the valid UTF-8 sequence at s (s < end), or 0. */
static inline size_t
utf8_seq(const unsigned char *s, const unsigned char *end)
{
	unsigned c = s[0];
	size_t n = (size_t)(end - s);

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F))
			return 0;	/* overlong, or a surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
		    (s[3] & 0xC0) != 0x80)
			return 0;
		if ((c == 0xF0 && s[1] < 0x90) || (c == 0xF4 && s[1] > 0x8F))
			return 0;
		return 4;
	}
	return 0;
}

/* Appends code point u (< 0x10000) as UTF-8. */
static inline size_t
put_utf8(char *d, unsigned u)
{
	if (u < 0x80) {
		d[0] = (char)u;
		return 1;
	}
	if (u < 0x800) {
		d[0] = (char)(0xC0 | (u >> 6));
		d[1] = (char)(0x80 | (u & 0x3F));
		return 2;
	}
	d[0] = (char)(0xE0 | (u >> 12));
	d[1] = (char)(0x80 | ((u >> 6) & 0x3F));
	d[2] = (char)(0x80 | (u & 0x3F));
	return 3;
}

/* Column (in characters, 1-based) of byte p on the line starting at s. */
static long
column_of(const char *s, const char *p)
{
	long col = 1;

	if (opt_cp1252)
		return (long)(p - s) + 1;
	for (; s < p; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			col++;
	return col;
}

static void SG_NORETURN
bad_byte(const char *lstart, const char *p)
{
	char what[200];
	unsigned char c = (unsigned char)*p;

	if (c == 0)
		snprintf(what, sizeof(what), "NUL byte at column %ld: "
		    "not a text file (or UTF-16: save it as CSV UTF-8)",
		    column_of(lstart, p));
	else if (opt_cp1252)
		snprintf(what, sizeof(what), "byte 0x%02X at column %ld is "
		    "not a Windows-1252 character", c, column_of(lstart, p));
	else
		snprintf(what, sizeof(what), "invalid UTF-8 (byte 0x%02X) at "
		    "column %ld: if the file is Windows-1252 (Excel's plain "
		    "CSV), use --encoding cp1252", c, column_of(lstart, p));
	sg_data_error(file, line, NULL, what, NULL, 0);
}

/*
 * Decodes the line s[0..n) (no terminator): checks it is UTF-8 without
 * NULs, or converts it from Windows-1252.  Returns the text to use.
 */
static const char *
decode_line(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t k;
	char *d;

	if (!opt_cp1252) {
		while (p < end) {
			if (*p >= 0x80) {
				if ((k = utf8_seq(p, end)) == 0)
					bad_byte(s, (const char *)p);
				p += k;
			} else if (*p == 0)
				bad_byte(s, (const char *)p);
			else
				p++;
		}
		return s;
	}
	dec.len = 0;
	if (dec.cap < 3 * n + 1) {
		dec.cap = 3 * n + 1;
		dec.p = sg_realloc(dec.p, dec.cap);
	}
	d = dec.p;
	for (; p < end; p++) {
		if (*p < 0x80) {
			if (*p == 0)
				bad_byte(s, (const char *)p);
			*d++ = (char)*p;
		} else if (*p >= 0xA0)
			d += put_utf8(d, *p);
		else if (cp1252_c1[*p - 0x80] == 0)
			bad_byte(s, (const char *)p);
		else
			d += put_utf8(d, cp1252_c1[*p - 0x80]);
	}
	dec.len = (size_t)(d - dec.p);
	return dec.p;
}

/* ------------------------------------------------------------------ */
/* The row sink: header handling, ragged rows, escaping, --add.        */

/* Appends s[0..n) to out with the stream's four escapes. */
static inline void
out_escaped(const char *s, size_t n)
{
	const char *e = s + n;
	char *o;

	out_room(2 * n);
	o = out.p + out.len;
	for (; s < e; s++) {
		switch (*s) {
		case '\\': *o++ = '\\'; *o++ = '\\'; break;
		case '\t': *o++ = '\\'; *o++ = 't'; break;
		case '\n': *o++ = '\\'; *o++ = 'n'; break;
		case '\r': *o++ = '\\'; *o++ = 'r'; break;
		default: *o++ = *s;
		}
	}
	out.len = (size_t)(o - out.p);
}

static void
row_reset(void)
{
	nf = 0;
	row_mark = out.len;
	row_nonempty = 0;
}

static void
field_add(const char *s, size_t n)
{
	if (nf == fcap) {
		fcap = fcap ? 2 * fcap : 64;
		foff = sg_realloc(foff, fcap * sizeof(*foff));
		flen = sg_realloc(flen, fcap * sizeof(*flen));
	}
	if (nf > 0) {
		out_room(1);
		out.p[out.len++] = '\t';
	}
	foff[nf] = out.len;
	out_escaped(s, n);
	flen[nf] = out.len - foff[nf];
	row_nonempty |= n > 0;
	nf++;
}

#define FIELD(i)	(out.p + foff[i])

/* Trims ASCII white space and no-break spaces from both ends. */
static void
trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s, *e = p + *n;

	for (;;) {
		if (p < e && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n'))
			p++;
		else if (e - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
			p += 2;
		else
			break;
	}
	for (;;) {
		if (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
		    e[-1] == '\n'))
			e--;
		else if (e - p >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
			e -= 2;
		else
			break;
	}
	*s = (const char *)p;
	*n = (size_t)(e - p);
}

/* The first non-empty record of a file: its header. */
static void
header_row(void)
{
	char **names, **orig, **raw, what[512], numbuf[32];
	struct sg_buf b = { NULL, 0, 0 };
	struct sg_hash *seen;
	const char *s;
	size_t i, j, n, total = nf + nadd;
	int isnew;

	names = sg_calloc(total, sizeof(*names));
	orig = sg_calloc(total, sizeof(*orig));
	raw = sg_calloc(nf, sizeof(*raw));
	for (i = 0; i < nf; i++) {
		raw[i] = sg_strndup(FIELD(i), flen[i]);
		n = sg_unescape(raw[i], flen[i]);
		s = raw[i];
		trim(&s, &n);
		orig[i] = sg_strndup(s, n);
		if (n == 0) {
			snprintf(numbuf, sizeof(numbuf), "column_%zu", i + 1);
			names[i] = sg_strdup(numbuf);
			continue;
		}
		for (j = 0; j < nrules; j++)
			if (sgre_match(rules[j].re, s, n))
				break;
		if (j < nrules) {
			names[i] = sg_strdup(rules[j].name);
		} else {
			b.len = 0;
			sg_buf_add_escaped(&b, s, n);
			names[i] = sg_strndup(b.p, b.len);
		}
	}
	for (i = 0; i < nadd; i++) {
		names[nf + i] = sg_strdup(add_name[i]);
		orig[nf + i] = NULL;
	}
	sg_buf_free(&b);
	for (i = 0; i < nf; i++)
		free(raw[i]);
	free(raw);
	out.len = row_mark;	/* the header is written below, if at all */
	/* Through a hash: a million columns must not be a million squared
	 * comparisons.  Names before the first duplicate are all distinct,
	 * so a name's hash index is its column. */
	seen = sg_hash_new();
	for (i = 0; i < total; i++) {
		j = (size_t)sg_hash_get(seen, names[i],
		    strlen(names[i]), 1, &isnew);
		if (isnew)
			continue;
		if (i >= nf)
			snprintf(what, sizeof(what), "--add %s: the "
			    "file has that column already (column "
			    "%zu)", names[i], j + 1);
		else if (strcmp(orig[i], names[i]) == 0 &&
		    strcmp(orig[j], names[j]) == 0)
			snprintf(what, sizeof(what), "duplicate "
			    "column name: columns %zu and %zu are "
			    "both '%.100s'", j + 1, i + 1, names[i]);
		else
			snprintf(what, sizeof(what), "duplicate "
			    "column name: columns %zu ('%.100s') and "
			    "%zu ('%.100s') are both '%.100s'", j + 1,
			    orig[j], i + 1, orig[i], names[i]);
		sg_data_error(file, row_line, NULL, what, NULL, 0);
	}
	sg_hash_free(seen);
	for (i = 0; i < nf; i++)
		free(orig[i]);
	free(orig);

	ncols = nf;
	in_header = 0;
	if (hdr == NULL) {
		hdr = names;
		nhdr = total;
		hdr_file = file;
		for (i = 0; i < total; i++) {
			if (i > 0)
				sg_buf_addc(&out, '\t');
			sg_buf_adds(&out, names[i]);
		}
		sg_buf_addc(&out, '\n');
		if (rej_path != NULL) {
			size_t *lens = sg_calloc(total, sizeof(*lens));
			struct sg_record r;

			for (i = 0; i < total; i++)
				lens[i] = strlen(names[i]);
			r.f = names;
			r.len = lens;
			r.n = total;
			r.line = NULL;
			r.linelen = 0;
			rej = sg_reject_open(rej_path, &r);
			free(lens);
		}
		return;
	}
	/* A later file: its header must be the first file's. */
	for (i = 0; i < total && i < nhdr; i++)
		if (strcmp(names[i], hdr[i]) != 0)
			break;
	if (i < total || total != nhdr) {
		if (i < total && i < nhdr)
			snprintf(what, sizeof(what), "header differs from "
			    "%s's: column %zu is '%.100s', expected '%.100s'",
			    hdr_file, i + 1, names[i], hdr[i]);
		else
			snprintf(what, sizeof(what), "header differs from "
			    "%s's: %zu columns, expected %zu", hdr_file,
			    total, nhdr);
		sg_data_error(file, row_line, NULL, what, NULL, 0);
	}
	for (i = 0; i < total; i++)
		free(names[i]);
	free(names);
}

/*
 * Writes the current row to the --reject file, in the stream's columns:
 * a short row padded, the extra fields of a long one joined to its last
 * column with commas, so nothing is lost.
 */
static void
reject_row(const char *reason)
{
	struct sg_buf b = { NULL, 0, 0 };
	struct sg_record r;
	size_t i, *off = sg_calloc(nhdr, sizeof(*off));

	r.f = sg_calloc(nhdr, sizeof(*r.f));
	r.len = sg_calloc(nhdr, sizeof(*r.len));
	r.n = nhdr;
	r.line = NULL;
	r.linelen = 0;
	for (i = 0; i < nhdr; i++) {
		off[i] = b.len;
		if (i < ncols && i < nf)
			sg_buf_add(&b, FIELD(i), flen[i]);
		if (i + 1 == ncols) {
			size_t j;

			for (j = ncols; j < nf; j++) {
				sg_buf_addc(&b, ',');
				sg_buf_add(&b, FIELD(j), flen[j]);
			}
		}
		if (i >= ncols)
			sg_buf_add_escaped(&b, add_value[i - ncols],
			    strlen(add_value[i - ncols]));
		r.len[i] = b.len - off[i];
	}
	sg_buf_add(&b, "", 0);
	for (i = 0; i < nhdr; i++)
		r.f[i] = b.p + off[i];
	sg_reject_row(rej, &r, reason);
	free(r.f);
	free(r.len);
	free(off);
	sg_buf_free(&b);
}

/* The end of a record assembled in out: the one row sink. */
static void
row_end(void)
{
	char what[200], msg[1024];
	size_t i, n;

	if (!row_nonempty) {
		out.len = row_mark;	/* an empty row (or line) is no row */
		return;
	}
	if (in_header) {
		header_row();
		return;
	}
	n = nf;
	if (n > ncols && opt_pad) {
		for (i = ncols; i < n; i++)
			if (flen[i] > 0)
				break;
		if (i == n)
			n = ncols;	/* only empty fields beyond the header */
	}
	if (n != ncols && !(n < ncols && (opt_pad || xlsx_file))) {
		snprintf(what, sizeof(what), "%s has %zu field%s, the header "
		    "has %zu", xlsx_file ? "row" : "record", n,
		    n == 1 ? "" : "s", ncols);
		if (rej_path == NULL) {
			snprintf(msg, sizeof(msg), "%s (see %s)", what,
			    n < ncols ? "--pad and --reject" : "--reject");
			sg_data_error(file, row_line, NULL, msg, NULL, 0);
		}
		sg_fmt_error(msg, sizeof(msg), file, row_line, NULL, what,
		    NULL, 0);
		reject_row(msg);
		out.len = row_mark;
		return;
	}
	if (n < nf)
		out.len = foff[n - 1] + flen[n - 1];
	out_room(ncols - n + add_tail.len + 1);
	for (; n < ncols; n++)
		out.p[out.len++] = '\t';
	memcpy(out.p + out.len, add_tail.p, add_tail.len);
	out.len += add_tail.len;
	out.p[out.len++] = '\n';
	if (out.len >= FLUSH)
		flush_out();
}

/* Splits a line without quotes on the separator into the row. */
static void
split_line(const char *s, size_t n)
{
	const char *e = s + n, *t;

	row_reset();
	row_line = line;
	for (;;) {
		t = memchr(s, sep, (size_t)(e - s));
		if (t == NULL) {
			field_add(s, (size_t)(e - s));
			break;
		}
		field_add(s, (size_t)(t - s));
		s = t + 1;
	}
	row_end();
}

/* libcsv callbacks. */
static void
csv_field_cb(void *s, size_t n, void *data)
{
	(void)data;
	field_add(s != NULL ? s : "", n);
	quote_line = line;
}

static void
csv_row_cb(int c, void *data)
{
	(void)c;
	(void)data;
	in_csv = 0;
	row_end();
}

/* Spaces are data: libcsv must not trim them. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * The general path: one physical line, s[0..n) plus its terminator
 * t[0..tn).
 */
static void
general_line(const char *s, size_t n, const char *t, size_t tn)
{
	const char *d;

	if (skip_left > 0) {
		skip_left--;
		return;
	}
	d = decode_line(s, n);
	if (opt_cp1252)
		n = dec.len;
	if (tsv || (!in_csv && memchr(d, '"', n) == NULL)) {
		split_line(d, n);
		return;
	}
	if (!in_csv) {
		/* The fields before the one holding the first quote need no
		 * libcsv: they are split here, and libcsv takes the rest. */
		const char *q = memchr(d, '"', n), *c;

		row_reset();
		row_line = quote_line = line;
		while ((c = memchr(d, sep, (size_t)(q - d))) != NULL) {
			field_add(d, (size_t)(c - d));
			n -= (size_t)(c + 1 - d);
			d = c + 1;
		}
		in_csv = 1;
	}
	/*
	 * libcsv is strict (see main): text after a closing quote, as in
	 * "Smith" Jr, stops here; read laxly it would open a new quote and
	 * swallow the lines after it into one record (sg-import(1)).
	 */
	if (csv_parse(&csvp, d, n, csv_field_cb, csv_row_cb, NULL) != n ||
	    csv_parse(&csvp, t, tn, csv_field_cb, csv_row_cb, NULL) != tn)
		sg_data_error(file, line, NULL, csv_error(&csvp) == CSV_EPARSE ?
		    "text after the closing quote of a quoted field: quote "
		    "the whole field and double the quotes inside it" :
		    csv_strerror(csv_error(&csvp)), d, n);
}

/* ------------------------------------------------------------------ */
/* The fast path.                                                      */

/* Bits set in a 16-bit mask (no popcnt instruction assumed). */
static inline size_t
pop16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (x + (x >> 8)) & 0x1F;
}

/*
 * Handles a special byte the vector loop stopped at inside a value:
 * writes its output at *o and returns the number of input bytes used,
 * or 0 if the line must go to the general path.
 */
static inline size_t
fast_special(const char *lstart, const char *p, const char *limit, char **o)
{
	unsigned char c = (unsigned char)*p;
	size_t k;

	if (c == '\\') {
		(*o)[0] = '\\';
		(*o)[1] = '\\';
		*o += 2;
		return 1;
	}
	if (c == '\t') {	/* CSV only: a TAB inside a value */
		(*o)[0] = '\\';
		(*o)[1] = 't';
		*o += 2;
		return 1;
	}
	if (c == '"')
		return 0;
	if (c == 0)
		bad_byte(lstart, p);
	/* c >= 0x80 */
	if (opt_cp1252) {
		if (c >= 0xA0)
			*o += put_utf8(*o, c);
		else if (cp1252_c1[c - 0x80] == 0)
			bad_byte(lstart, p);
		else
			*o += put_utf8(*o, cp1252_c1[c - 0x80]);
		return 1;
	}
	k = utf8_seq((const unsigned char *)p, (const unsigned char *)limit);
	if (k == 0)
		bad_byte(lstart, p);
	memcpy(*o, p, k);
	*o += k;
	return k;
}

/*
 * Writes the plain lines from p on straight to the output.  Returns where
 * it stopped: limit, or the start of a line the general path must take.
 */
static const char *
fast_lines(const char *p, const char *limit)
{
	const char *lstart;
	char *o;
	size_t nsep, mark = 0, k, tn;
#ifdef __SSE2__
	const __m128i vsep = _mm_set1_epi8((char)sep);
	const __m128i vtab = _mm_set1_epi8('\t');
	const __m128i vlf = _mm_set1_epi8('\n');
	const __m128i vcr = _mm_set1_epi8('\r');
	const __m128i vbs = _mm_set1_epi8('\\');
	const __m128i vq = _mm_set1_epi8(tsv ? '\n' : '"');
	const __m128i vt2 = _mm_set1_epi8(tsv ? '\n' : '\t');
	const __m128i vzero = _mm_setzero_si128();
#endif

	while (p < limit) {
		lstart = p;
		mark = out.len;
		nsep = 0;
		for (;;) {
			out_room(64);
			o = out.p + out.len;
#ifdef __SSE2__
			{
				__m128i v = _mm_loadu_si128((const __m128i *)p);
				__m128i ms = _mm_cmpeq_epi8(v, vsep);
				__m128i sp = _mm_or_si128(
				    _mm_or_si128(_mm_cmpeq_epi8(v, vlf),
				    _mm_cmpeq_epi8(v, vcr)),
				    _mm_or_si128(_mm_or_si128(
				    _mm_cmpeq_epi8(v, vbs),
				    _mm_cmpeq_epi8(v, vq)),
				    _mm_or_si128(_mm_cmpeq_epi8(v, vt2),
				    _mm_cmpeq_epi8(v, vzero))));
				unsigned sm = (unsigned)_mm_movemask_epi8(ms);
				unsigned xm = (unsigned)_mm_movemask_epi8(sp) |
				    (unsigned)_mm_movemask_epi8(v);

				_mm_storeu_si128((__m128i *)o, _mm_or_si128(
				    _mm_andnot_si128(ms, v),
				    _mm_and_si128(ms, vtab)));
				if (xm == 0) {
					nsep += pop16(sm);
					p += 16;
					out.len += 16;
					continue;
				}
				k = (size_t)__builtin_ctz(xm);
				nsep += pop16(sm & ((1u << k) - 1));
				p += k;
				out.len += k;
				o += k;
			}
#else
			{
				unsigned char c = (unsigned char)*p;

				if (c == sep) {
					*o = '\t';
					nsep++;
					p++;
					out.len++;
					continue;
				}
				if (c != '\n' && c != '\r' && c != '\\' &&
				    c != 0 && c < 0x80 &&
				    (tsv || (c != '"' && c != '\t'))) {
					*o = (char)c;
					p++;
					out.len++;
					continue;
				}
			}
#endif
			if (*p == '\n' || *p == '\r')
				break;
			if ((k = fast_special(lstart, p, limit, &o)) == 0)
				goto general;
			p += k;
			out.len = (size_t)(o - out.p);
		}
		/* The end of a line. */
		if (nsep + 1 != ncols || (size_t)(p - lstart) == nsep)
			goto general;
		tn = (*p == '\r' && p + 1 < limit && p[1] == '\n') ? 2 : 1;
		p += tn;
		out_room(add_tail.len + 1);
		memcpy(out.p + out.len, add_tail.p, add_tail.len);
		out.len += add_tail.len;
		out.p[out.len++] = '\n';
		line++;
		if (out.len >= FLUSH)
			flush_out();
	}
	return p;
general:
	out.len = mark;
	return lstart;
}

/*
 * Records with quotes, which fast_lines leaves, go to lib/csvfast.c a
 * block at a time, as long as they are plain; it hands back the first one
 * that is not, for the general path.  Returns where it stopped.
 */
static const char *
quoted_lines(const char *p, const char *limit)
{
	struct sg_csvfast cf;

	if (tsv || opt_cp1252 || csvfast_off)
		return p;
	cf.ncols = ncols;
	cf.tail = add_tail.p;
	cf.taillen = add_tail.len;
	cf.flush = FLUSH;
	cf.sep = sep;
	p = sg_csvfast_rows(&cf, p, limit, &out);
	line += cf.lines;
	if (out.len >= FLUSH)
		flush_out();
	return p;
}

/* ------------------------------------------------------------------ */
/* Reading a text file.                                                */

/* End of the last complete line in buf[start..end), or start if none. */
static size_t
complete_lines(const char *buf, size_t start, size_t end, int eof)
{
	const char *q;
	size_t n = end - start;

	if (n == 0)
		return start;
	q = memrchr(buf + start, '\n', n);
	if (q != NULL)
		return (size_t)(q - buf) + 1;
	/* No LF: CR-only line ends, but a CR at the very end may be the
	 * first half of a CRLF still to be read. */
	q = memrchr(buf + start, '\r', eof ? n : n - 1);
	if (q != NULL)
		return (size_t)(q - buf) + 1;
	return start;
}

/* Processes the complete lines in [p, limit). */
static void
text_lines(const char *p, const char *limit)
{
	const char *e, *cr, *t, *q;
	size_t tn;

	while (p < limit) {
		if (skip_left == 0 && !in_header && !in_csv) {
			p = fast_lines(p, limit);
			if (p == limit)
				break;
			if ((q = quoted_lines(p, limit)) != p) {
				p = q;
				continue;
			}
		}
		/* One line by the general path. */
		e = memchr(p, '\n', (size_t)(limit - p));
		cr = memchr(p, '\r', (size_t)((e ? e : limit) - p));
		if (cr != NULL) {
			t = cr;
			tn = (cr + 1 < limit && cr[1] == '\n') ? 2 : 1;
		} else {
			t = e;
			tn = 1;
		}
		general_line(p, (size_t)(t - p), t, tn);
		p = t + tn;
		line++;
	}
}

static void SG_NORETURN
not_text(const char *why)
{
	sg_die("%s: %s", file, why);
}

/* Checks the start of a file for things that are not UTF-8 text. */
static void
sniff(const unsigned char *b, size_t n)
{
	size_t i, nul = 0, m = n < 4096 ? n : 4096;

	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF)))
		not_text("the file is UTF-16 (Excel's \"Unicode Text\"): "
		    "save it as \"CSV UTF-8\", or convert it with "
		    "iconv -f UTF-16 -t UTF-8");
	for (i = 0; i < m; i++)
		nul += b[i] == 0;
	if (m >= 2 && nul * 4 >= m)
		not_text("the file is full of NUL bytes: UTF-16 text (save "
		    "it as \"CSV UTF-8\") or not a text file at all");
}

/* Whether the name (less a .gz) ends in suffix, in any case. */
static int
name_ends(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	if (n > 3 && strcasecmp(name + n - 3, ".gz") == 0)
		n -= 3;
	return n > k && strncasecmp(name + n - k, suffix, k) == 0;
}

/*
 * Without -f, CSV or TSV from the header (the first line after --skip)
 * and the name, as sg-import(1) says: tabs and no commas is TSV, commas
 * and no tabs is CSV; otherwise a .tsv or .tab name is TSV and a .csv one
 * CSV; a header with both and no such name is not guessed at.
 */
static int
detect_tsv(const char *b, size_t n)
{
	const char *e;
	size_t i;
	long k;
	int tabs = 0, commas = 0, quoted = 0, tsvname, csvname;

	for (k = 0; k < opt_skip && (e = memchr(b, '\n', n)) != NULL; k++) {
		n -= (size_t)(e + 1 - b);
		b = e + 1;
	}
	/* A tab or comma inside quotes separates nothing. */
	for (i = 0; i < n && (quoted || (b[i] != '\n' && b[i] != '\r'));
	    i++) {
		if (b[i] == '"')
			quoted = !quoted;
		else if (!quoted) {
			tabs |= b[i] == '\t';
			commas |= b[i] == ',';
		}
	}
	tsvname = name_ends(file, ".tsv") || name_ends(file, ".tab");
	csvname = name_ends(file, ".csv");
	if (tabs != commas)
		return tabs;
	if (tsvname || csvname)
		return tsvname;
	if (tabs)
		sg_die("%s: the header has both tabs and commas, so the file "
		    "may be CSV or TSV: use -f csv or -f tsv", file);
	return 0;
}

static void
read_text(struct sg_input *in, char *buf, size_t cap, size_t end)
{
	size_t start = 0, limit, n;
	int eof = 0;

	skip_left = opt_skip;
	line = 1;
	in_csv = 0;
	sniff((unsigned char *)buf, end);
	if (end >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	if (opt_format == FMT_DETECT) {
		tsv = detect_tsv(buf + start, end - start);
		sep = tsv ? '\t' : ',';
	}
	for (;;) {
		limit = complete_lines(buf, start, end, eof);
		if (limit == start && eof) {
			if (start == end)
				break;
			/* A last line without a terminator. */
			buf[end++] = '\n';
			limit = end;
		}
		if (limit > start) {
			text_lines(buf + start, buf + limit);
			start = limit;
			if (eof)
				continue;	/* lines ended by CR may remain */
		}
		if (start > 0) {
			memmove(buf, buf + start, end - start);
			end -= start;
			start = 0;
		}
		if (cap - end < BLOCK / 4) {
			cap *= 2;
			buf = sg_realloc(buf, cap + PAD);
		}
		/* The rows made so far go to the writer, which writes them
		 * out if the next read has to wait (a slow pipe); not while
		 * a quoted record is open (its fields so far are in out). */
		if (!in_csv)
			flush_out();
		n = sg_input_read(in, buf + end, cap - end);
		if (n == 0)
			eof = 1;
		end += n;
	}
	if (in_csv) {
		/* Only an open quote can leave a record unfinished. */
		csv_set_opts(&csvp, CSV_STRICT | CSV_STRICT_FINI);
		if (csv_fini(&csvp, csv_field_cb, csv_row_cb, NULL) != 0)
			sg_data_error(file, quote_line, NULL, "unterminated "
			    "quoted field: the quote opened on this line is "
			    "never closed", NULL, 0);
		csv_set_opts(&csvp, 0);
	}
	free(buf);
}

/* ------------------------------------------------------------------ */
/* Workbooks.                                                          */

static void
read_xlsx(struct sg_input *in, char *buf, size_t cap, size_t end)
{
	struct sg_xlsx *x;
	char **cells;
	size_t ncells, i, n;
	long rownum;
	int s;

	for (;;) {
		if (cap - end < BLOCK) {
			cap *= 2;
			buf = sg_realloc(buf, cap + PAD);
		}
		if ((n = sg_input_read(in, buf + end, cap - end)) == 0)
			break;
		end += n;
	}
	x = sg_xlsx_open(file, (unsigned char *)buf, end);
	if (opt_list) {
		for (s = 0; s < sg_xlsx_nsheets(x); s++) {
			sg_buf_adds(&out, sg_xlsx_sheet_name(x, s));
			sg_buf_addc(&out, '\n');
		}
		sg_xlsx_close(x);
		free(buf);
		return;
	}
	sg_xlsx_select(x, opt_sheet);
	while (sg_xlsx_next_row(x, &cells, &ncells, &rownum)) {
		if (rownum <= opt_skip)
			continue;
		row_reset();
		row_line = rownum;
		for (i = 0; i < ncells; i++)
			field_add(cells[i], strlen(cells[i]));
		row_end();
	}
	sg_xlsx_close(x);
	free(buf);
}

/*
 * Formats sg-import does not read, known by their first bytes whatever the
 * file's name: each is refused with what to do instead, before the bytes
 * could be taken for CSV.  (Zip-based ones, .xlsb and .ods, are told apart
 * by lib/xlsx.c from the parts inside.)  New formats hook in here.
 */
static void
refuse_format(const char *head, size_t n)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*what;
	} compressed[] = {
		{ "BZh", 3, "bzip2" },
		{ "\xfd" "7zXZ\0", 6, "xz" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd" },
	};
	const char *p = head;
	size_t i, len;

	for (i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++)
		if (n >= compressed[i].len &&
		    memcmp(head, compressed[i].magic, compressed[i].len) == 0)
			sg_die("%s: a %s-compressed file: decompress it first "
			    "(sg reads plain or gzip-compressed files)", file,
			    compressed[i].what);

	/*
	 * Excel 2003's XML spreadsheet (SpreadsheetML): an XML declaration,
	 * then the mso-application instruction or the Workbook element in
	 * its namespace, within the first block.
	 */
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	len = n - (size_t)(p - head);
	if (len >= 5 && memcmp(p, "<?xml", 5) == 0 &&
	    (memmem(p, len, "progid=\"Excel.Sheet\"", 19) != NULL ||
	    memmem(p, len, "urn:schemas-microsoft-com:office:spreadsheet",
	    44) != NULL))
		sg_die("%s: an Excel 2003 XML spreadsheet (SpreadsheetML): "
		    "open it in Excel or LibreOffice and save it as .xlsx "
		    "or CSV", file);
}

static void
import_file(const char *path)
{
	struct sg_input *in = sg_input_open(path);
	size_t cap = 4 * BLOCK, end = 0, n;
	char *buf = sg_malloc(cap + PAD);
	int zip, ole;

	file = sg_input_name(in);
	xlsx_file = 0;
	in_header = 1;
	/*
	 * Enough of the head to know the format (see refuse_format): the
	 * magic bytes and the first line, or 1 KB of what may be XML; no
	 * more, so that a slow pipe's first row still goes out at once.
	 */
	while (end < 1024 && (end < 8 || buf[0] == '<' ||
	    memchr(buf, '\n', end) == NULL) &&
	    (n = sg_input_read(in, buf + end, cap - end)) > 0)
		end += n;
	if (opt_format == FMT_DETECT)
		refuse_format(buf, end);
	zip = sg_xlsx_detect((unsigned char *)buf, end);
	ole = sg_xlsx_is_xls((unsigned char *)buf, end);
	if (opt_format == FMT_XLSX || zip || ole) {
		if (opt_format == FMT_CSV || opt_format == FMT_TSV)
			sg_die("%s: an Excel workbook, not %s text: leave out "
			    "-f, or use -f xlsx", file,
			    opt_format == FMT_CSV ? "CSV" : "TSV");
		xlsx_file = 1;
		read_xlsx(in, buf, cap, end);
	} else {
		if (opt_list || opt_sheet != NULL)
			sg_die("%s: not an Excel workbook (%s applies to .xlsx "
			    "files)", file, opt_list ? "--list-sheets" :
			    "--sheet");
		read_text(in, buf, cap, end);
	}
	if (in_header && !opt_list) {
		if (opt_skip > 0)
			sg_die("%s: no header: the file is empty after the "
			    "%ld skipped line%s", file, opt_skip,
			    opt_skip == 1 ? "" : "s");
		sg_die("%s: empty %s: no header", file,
		    xlsx_file ? "sheet" : "file");
	}
	sg_input_close(in);
}

/* ------------------------------------------------------------------ */
/* Options.                                                            */

static void
map_line(char *s, long ln, void *arg)
{
	const char *path = arg;
	char where[512], *tab;

	if ((ln == 1 && strcmp(s, "pattern\tcolumn") == 0) || *s == '\0')
		return;
	tab = strchr(s, '\t');
	if (tab == NULL || tab == s || tab[1] == '\0' ||
	    strchr(tab + 1, '\t') != NULL)
		sg_die("%s:%ld: want a pattern, a TAB and a column name: "
		    "'%.40s'", path, ln, s);
	*tab = '\0';
	snprintf(where, sizeof(where), "%s:%ld", path, ln);
	rules = sg_realloc(rules, (nrules + 1) * sizeof(*rules));
	rules[nrules].re = sgre_compile(s, 1, where);
	rules[nrules].name = sg_strdup(tab + 1);
	nrules++;
}

static void
read_map(const char *path)
{
	sg_each_line(path, map_line, (void *)path);
}

static void
add_option(const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg)
		sg_die_usage("--add: want COL=VALUE: '%s'", arg);
	if (memchr(arg, '\t', (size_t)(eq - arg)) != NULL ||
	    memchr(arg, '\n', (size_t)(eq - arg)) != NULL)
		sg_die_usage("--add: a column name cannot hold TAB or "
		    "newline: '%s'", arg);
	add_name = sg_realloc(add_name, (nadd + 1) * sizeof(*add_name));
	add_value = sg_realloc(add_value, (nadd + 1) * sizeof(*add_value));
	add_name[nadd] = sg_strndup(arg, (size_t)(eq - arg));
	add_value[nadd] = sg_strdup(eq + 1);
	nadd++;
	sg_buf_addc(&add_tail, '\t');
	sg_buf_add_escaped(&add_tail, eq + 1, strlen(eq + 1));
}

int
main(int argc, char **argv)
{
	struct sg_common common = { 0 };
	const char *path = getenv("SG_CSV_PATH");
	int ch, i;

	sg_init(argv[0]);
	/* A debugging aid (sg-import(1), ENVIRONMENT): every quoted record
	 * through libcsv, as before lib/csvfast.c. */
	if (path != NULL && *path != '\0' && strcmp(path, "fast") != 0) {
		if (strcmp(path, "libcsv") != 0)
			sg_die_usage("SG_CSV_PATH: want libcsv or fast: '%s'",
			    path);
		csvfast_off = 1;
	}
	sg_buf_add(&add_tail, "", 0);
	while ((ch = getopt_long(argc, argv, "f:S:le:s:m:a:pr:"
	    SG_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if (strcmp(optarg, "csv") == 0)
				opt_format = FMT_CSV;
			else if (strcmp(optarg, "tsv") == 0)
				opt_format = FMT_TSV;
			else if (strcmp(optarg, "xlsx") == 0)
				opt_format = FMT_XLSX;
			else
				sg_die_usage("-f: want csv, tsv or xlsx: '%s'",
				    optarg);
			break;
		case 'S':
			opt_sheet = optarg;
			break;
		case 'l':
			opt_list = 1;
			break;
		case 'e':
			if (strcasecmp(optarg, "utf-8") == 0 ||
			    strcasecmp(optarg, "utf8") == 0)
				opt_cp1252 = 0;
			else if (strcasecmp(optarg, "cp1252") == 0 ||
			    strcasecmp(optarg, "windows-1252") == 0)
				opt_cp1252 = 1;
			else
				sg_die_usage("--encoding: want utf-8 or cp1252: "
				    "'%s'", optarg);
			break;
		case 's':
			opt_skip = sg_opt_long("--skip", optarg, 0, 1000000);
			break;
		case 'm':
			read_map(optarg);
			break;
		case 'a':
			add_option(optarg);
			break;
		case 'p':
			opt_pad = 1;
			break;
		case 'r':
			rej_path = optarg;
			break;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
	}
	argc -= optind;
	argv += optind;
	if (rej_path != NULL && common.output != NULL &&
	    strcmp(rej_path, common.output) == 0)
		sg_die_usage("--reject and -o name the same file: '%s'",
		    rej_path);
	tsv = opt_format == FMT_TSV;
	sep = tsv ? '\t' : ',';
	if (csv_init(&csvp, CSV_STRICT) != 0)
		sg_die("out of memory");
	csv_set_space_func(&csvp, no_space);
	csv_set_blk_size(&csvp, 1u << 16);

	w = sg_writer_open(common.output, common.gzip);
	if (argc == 0)
		import_file(NULL);
	for (i = 0; i < argc; i++)
		import_file(argv[i]);
	flush_out();
	sg_reject_close(rej);
	sg_writer_close(w);
	csv_free(&csvp);
	return SG_EXIT_OK;
}
