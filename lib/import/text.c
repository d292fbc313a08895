/*
 * text.c: CSV and TSV text for sg-import (sg-import(1)), a physical line
 * at a time: the bytes are decoded (UTF-8 checked strictly, or
 * Windows-1252 converted), split into fields (tsv.c, or csv.c for
 * records with quotes) and handed to the row sink.  Most lines of a big
 * file hold no quote character at all: those take a fast path that
 * splits them on the separator and copies them to the output sixteen
 * bytes at a time.  Any line the fast path cannot settle alone (a quote,
 * a field count that differs from the header's, an empty row) is rolled
 * back and given to the general path, so both paths behave identically.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sg.h"
#include "import.h"

/* Windows-1252 0x80-0x9F as Unicode code points; 0 is undefined. */
static const unsigned short cp1252_c1[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178
};

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
column_of(const struct sg_import *ix, const char *s, const char *p)
{
	long col = 1;

	if (ix->s->cp1252)
		return (long)(p - s) + 1;
	for (; s < p; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			col++;
	return col;
}

void
sg_import_bad_byte(struct sg_import *ix, const char *lstart, const char *p)
{
	struct sg_buf *m = &ix->msg;
	unsigned char c = (unsigned char)*p;

	m->len = 0;
	if (c == 0)
		sg_buf_printf(m, "NUL byte at column %ld: not a text file (or "
		    "UTF-16: save it as CSV UTF-8)", column_of(ix, lstart, p));
	else if (ix->s->cp1252)
		sg_buf_printf(m, "byte 0x%02X at column %ld is not a "
		    "Windows-1252 character", c, column_of(ix, lstart, p));
	else
		sg_buf_printf(m, "invalid UTF-8 (byte 0x%02X) at column %ld: "
		    "if the file is Windows-1252 (Excel's plain CSV), use "
		    "--encoding cp1252", c, column_of(ix, lstart, p));
	sg_data_error(ix->file, ix->line, NULL, m->p, NULL, 0);
}

/*
 * Decodes the line s[0..n) (no terminator): checks it is UTF-8 without
 * NULs, or converts it from Windows-1252 into ix->dec.  Returns the text
 * to use.
 */
static const char *
decode_line(struct sg_import *ix, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	size_t k;
	char *d;

	if (!ix->s->cp1252) {
		while (p < end) {
			if (*p >= 0x80) {
				if ((k = utf8_seq(p, end)) == 0)
					sg_import_bad_byte(ix, s, (const char *)p);
				p += k;
			} else if (*p == 0)
				sg_import_bad_byte(ix, s, (const char *)p);
			else
				p++;
		}
		return s;
	}
	ix->dec.len = 0;
	sg_buf_grow(&ix->dec, 3 * n + 1);
	d = ix->dec.p;
	for (; p < end; p++) {
		if (*p < 0x80) {
			if (*p == 0)
				sg_import_bad_byte(ix, s, (const char *)p);
			*d++ = (char)*p;
		} else if (*p >= 0xA0)
			d += put_utf8(d, *p);
		else if (cp1252_c1[*p - 0x80] == 0)
			sg_import_bad_byte(ix, s, (const char *)p);
		else
			d += put_utf8(d, cp1252_c1[*p - 0x80]);
	}
	ix->dec.len = (size_t)(d - ix->dec.p);
	return ix->dec.p;
}

/*
 * The general path: one physical line, s[0..n) plus its terminator
 * t[0..tn).
 */
static void
general_line(struct sg_import *ix, const char *s, size_t n, const char *t,
    size_t tn)
{
	const char *d;

	if (ix->skip_left > 0) {
		ix->skip_left--;
		return;
	}
	d = decode_line(ix, s, n);
	if (ix->s->cp1252)
		n = ix->dec.len;
	if (ix->tsv || (!ix->in_csv && memchr(d, '"', n) == NULL))
		sg_import_split(ix, d, n);
	else
		sg_import_csv_line(ix, d, n, t, tn);
}

/* ------------------------------------------------------------------ */
/* The fast path.                                                      */

#ifdef __SSE2__
#define STEP	16	/* bytes a fast step looks at */

/* Bits set in a 16-bit mask (no popcnt instruction assumed). */
static inline size_t
pop16(unsigned x)
{
	x = x - ((x >> 1) & 0x5555);
	x = (x & 0x3333) + ((x >> 2) & 0x3333);
	x = (x + (x >> 4)) & 0x0F0F;
	return (x + (x >> 8)) & 0x1F;
}

struct fastvec {
	__m128i	sep, tab, lf, cr, bs, q, t2, zero;
};

static inline void
fastvec_init(struct fastvec *v, const struct sg_import *ix)
{
	v->sep = _mm_set1_epi8((char)ix->sep);
	v->tab = _mm_set1_epi8('\t');
	v->lf = _mm_set1_epi8('\n');
	v->cr = _mm_set1_epi8('\r');
	v->bs = _mm_set1_epi8('\\');
	v->q = _mm_set1_epi8(ix->tsv ? '\n' : '"');
	v->t2 = _mm_set1_epi8(ix->tsv ? '\n' : '\t');
	v->zero = _mm_setzero_si128();
}

/*
 * Copies the 16 bytes at p to o with each separator made a TAB; returns
 * how many of them are plain (16, or the offset of the first byte that
 * needs a closer look) and counts the separators among those.
 */
static inline size_t
fast_step(const struct fastvec *fv, const char *p, char *o, size_t *nsep)
{
	__m128i v = _mm_loadu_si128((const __m128i *)p);
	__m128i ms = _mm_cmpeq_epi8(v, fv->sep);
	__m128i sp = _mm_or_si128(
	    _mm_or_si128(_mm_cmpeq_epi8(v, fv->lf), _mm_cmpeq_epi8(v, fv->cr)),
	    _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, fv->bs),
	    _mm_cmpeq_epi8(v, fv->q)), _mm_or_si128(_mm_cmpeq_epi8(v, fv->t2),
	    _mm_cmpeq_epi8(v, fv->zero))));
	unsigned sm = (unsigned)_mm_movemask_epi8(ms);
	unsigned xm = (unsigned)_mm_movemask_epi8(sp) |
	    (unsigned)_mm_movemask_epi8(v);
	size_t k;

	_mm_storeu_si128((__m128i *)o, _mm_or_si128(_mm_andnot_si128(ms, v),
	    _mm_and_si128(ms, fv->tab)));
	if (xm == 0) {
		*nsep += pop16(sm);
		return 16;
	}
	k = (size_t)__builtin_ctz(xm);
	*nsep += pop16(sm & ((1u << k) - 1));
	return k;
}
#else
#define STEP	1

struct fastvec {
	unsigned char	sep;
	int		tsv;
};

static inline void
fastvec_init(struct fastvec *v, const struct sg_import *ix)
{
	v->sep = ix->sep;
	v->tsv = ix->tsv;
}

/* Copies the byte at p to o, a separator as a TAB; returns 1, or 0 if
 * the byte needs a closer look. */
static inline size_t
fast_step(const struct fastvec *fv, const char *p, char *o, size_t *nsep)
{
	unsigned char c = (unsigned char)*p;

	if (c == fv->sep) {
		*o = '\t';
		(*nsep)++;
		return 1;
	}
	if (c != '\n' && c != '\r' && c != '\\' && c != 0 && c < 0x80 &&
	    (fv->tsv || (c != '"' && c != '\t'))) {
		*o = (char)c;
		return 1;
	}
	return 0;
}
#endif

/*
 * Handles a special byte the fast step stopped at inside a value: writes
 * its output at *o and returns the number of input bytes used, or 0 if
 * the line must go to the general path.
 */
static inline size_t
fast_special(struct sg_import *ix, const char *lstart, const char *p,
    const char *limit, char **o)
{
	unsigned char c = (unsigned char)*p;
	size_t k;

	if (c == '\\' || c == '\t') {	/* a TAB inside a value: CSV only */
		(*o)[0] = '\\';
		(*o)[1] = c == '\t' ? 't' : '\\';
		*o += 2;
		return 1;
	}
	if (c == '"')
		return 0;
	if (c == 0)
		sg_import_bad_byte(ix, lstart, p);
	/* c >= 0x80 */
	if (ix->s->cp1252) {
		if (c >= 0xA0)
			*o += put_utf8(*o, c);
		else if (cp1252_c1[c - 0x80] == 0)
			sg_import_bad_byte(ix, lstart, p);
		else
			*o += put_utf8(*o, cp1252_c1[c - 0x80]);
		return 1;
	}
	k = utf8_seq((const unsigned char *)p, (const unsigned char *)limit);
	if (k == 0)
		sg_import_bad_byte(ix, lstart, p);
	memcpy(*o, p, k);
	*o += k;
	return k;
}

/*
 * Writes the plain lines from p on straight to the output.  Returns where
 * it stopped: limit, or the start of a line the general path must take.
 */
static const char *
fast_lines(struct sg_import *ix, const char *p, const char *limit)
{
	struct sg_buf *out = &ix->out;
	struct fastvec fv;
	const char *lstart;
	char *o;
	size_t nsep, mark = 0, k, tn;

	fastvec_init(&fv, ix);
	while (p < limit) {
		lstart = p;
		mark = out->len;
		nsep = 0;
		for (;;) {
			sg_import_room(ix, 64);
			o = out->p + out->len;
			k = fast_step(&fv, p, o, &nsep);
			p += k;
			out->len += k;
			if (k == STEP)
				continue;
			if (*p == '\n' || *p == '\r')
				break;
			o += k;
			if ((k = fast_special(ix, lstart, p, limit, &o)) == 0)
				goto general;
			p += k;
			out->len = (size_t)(o - out->p);
		}
		/* The end of a line. */
		if (nsep + 1 != ix->ncols || (size_t)(p - lstart) == nsep)
			goto general;
		tn = (*p == '\r' && p + 1 < limit && p[1] == '\n') ? 2 : 1;
		p += tn;
		sg_import_room(ix, ix->add_tail.len + 1);
		memcpy(out->p + out->len, ix->add_tail.p, ix->add_tail.len);
		out->len += ix->add_tail.len;
		out->p[out->len++] = '\n';
		ix->line++;
		if (out->len >= SG_IMPORT_FLUSH)
			sg_import_flush(ix);
	}
	return p;
general:
	out->len = mark;
	return lstart;
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
text_lines(struct sg_import *ix, const char *p, const char *limit)
{
	const char *e, *cr, *t, *q;
	size_t tn;

	while (p < limit) {
		if (ix->skip_left == 0 && !ix->in_header && !ix->in_csv) {
			p = fast_lines(ix, p, limit);
			if (p == limit)
				break;
			if ((q = sg_import_quoted_lines(ix, p, limit)) != p) {
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
		general_line(ix, p, (size_t)(t - p), t, tn);
		p = t + tn;
		ix->line++;
	}
}

static void SG_NORETURN
not_text(const struct sg_import *ix, const char *why)
{
	sg_die("%s: %s", ix->file, why);
}

void
sg_import_sniff(struct sg_import *ix, const unsigned char *b, size_t n)
{
	size_t i, nul = 0, m = n < 4096 ? n : 4096;

	if (n >= 2 && ((b[0] == 0xFF && b[1] == 0xFE) ||
	    (b[0] == 0xFE && b[1] == 0xFF)))
		not_text(ix, "the file is UTF-16 (Excel's \"Unicode Text\"): "
		    "save it as \"CSV UTF-8\", or convert it with "
		    "iconv -f UTF-16 -t UTF-8");
	for (i = 0; i < m; i++)
		nul += b[i] == 0;
	if (m >= 2 && nul * 4 >= m)
		not_text(ix, "the file is full of NUL bytes: UTF-16 text (save "
		    "it as \"CSV UTF-8\") or not a text file at all");
}

void
sg_import_text(struct sg_import *ix, struct sg_input *in, char *buf,
    size_t cap, size_t end)
{
	size_t start = 0, limit, n;
	int eof = 0;

	ix->skip_left = ix->s->skip;
	ix->line = 1;
	ix->in_csv = 0;
	sg_import_sniff(ix, (unsigned char *)buf, end);
	if (end >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		start = 3;
	if (ix->s->format == SG_IMPORT_DETECT) {
		ix->tsv = sg_import_detect_tsv(ix, buf + start, end - start);
		ix->sep = ix->tsv ? '\t' : ',';
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
			text_lines(ix, buf + start, buf + limit);
			start = limit;
			if (eof)
				continue;	/* lines ended by CR may remain */
		}
		if (start > 0) {
			memmove(buf, buf + start, end - start);
			end -= start;
			start = 0;
		}
		if (cap - end < SG_IMPORT_BLOCK / 4) {
			cap *= 2;
			buf = sg_realloc(buf, cap + SG_IMPORT_PAD);
		}
		/* The rows made so far go to the writer, which writes them
		 * out if the next read has to wait (a slow pipe); not while
		 * a quoted record is open (its fields so far are in out). */
		if (!ix->in_csv)
			sg_import_flush(ix);
		n = sg_input_read(in, buf + end, cap - end);
		if (n == 0)
			eof = 1;
		end += n;
	}
	sg_import_csv_eof(ix);
	free(buf);
}
