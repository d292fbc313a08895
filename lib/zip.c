/*
 * zip.c: the zip container of the workbooks sg-import reads (zip.h), and
 * what the readers of .xlsx and .ods share besides.  We read the zip's
 * central directory ourselves and inflate entries with zlib.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "sg.h"
#include "zip.h"

/*
 * Zip bomb limits.  No part may inflate beyond 1 GiB (a sheet is
 * streamed, but an .xlsx's shared strings are held in memory), and a part above
 * 8 MiB may not be more than 500 times its compressed size: deflate
 * cannot pass about 1032:1, and real XML, whose rows differ at least in
 * their numbers, stays far below 500:1.
 */
#define MAXPART		((uint64_t)1 << 30)
#define RATIOMIN	((uint64_t)8 << 20)
#define MAXRATIO	500

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static uint64_t
le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

void
sg_zip_corrupt(const char *name, const char *what, const char *part)
{
	if (part != NULL)
		sg_die("%s: corrupt workbook: %s: %s", name, part, what);
	sg_die("%s: corrupt workbook: %s", name, what);
}

/*
 * Zip64: sizes and offsets that do not fit 32 bits are 0xFFFFFFFF in the
 * central directory, and their 64-bit values follow in that order in the
 * extra field 0x0001.
 */
static void
zip64_extra(struct sg_zip *x, struct sg_zentry *e, const unsigned char *p,
    size_t n)
{
	const unsigned char *end = p + n, *q;
	uint64_t *fields[3] = { &e->usize, &e->csize, &e->offset };
	unsigned id, size, i;

	for (; end - p >= 4; p += 4 + size) {
		id = le16(p);
		size = le16(p + 2);
		if ((size_t)(end - p) - 4 < size)
			break;
		if (id != 1)
			continue;
		q = p + 4;
		for (i = 0; i < 3; i++) {
			if (*fields[i] != 0xFFFFFFFF)
				continue;
			if (q + 8 > p + 4 + size)
				goto bad;
			*fields[i] = le64(q);
			q += 8;
		}
		return;
	}
bad:
	sg_die("%s: corrupt zip file: %s: bad zip64 sizes", x->name, e->name);
}

void
sg_zip_open(struct sg_zip *x, const char *name, const unsigned char *d,
    size_t len)
{
	const unsigned char *eocd = NULL, *p, *end;
	size_t i, lim;
	uint64_t n, cdoff, cdsize, cdend, data, rec;
	struct sg_zentry *e;
	unsigned nlen, xlen, clen;

	memset(x, 0, sizeof(*x));
	x->name = name;
	x->data = d;
	x->len = len;

	/* The end of central directory record: 22 bytes plus a comment. */
	if (len >= 22) {
		lim = len - 22 > 65535 ? len - 22 - 65535 : 0;
		for (i = len - 22 + 1; i-- > lim; ) {
			if (memcmp(d + i, "PK\5\6", 4) == 0 &&
			    i + 22 + le16(d + i + 20) <= len) {
				eocd = d + i;
				break;
			}
		}
	}
	if (eocd == NULL)
		sg_die("%s: corrupt or truncated zip file: no central "
		    "directory", x->name);
	n = le16(eocd + 10);
	cdsize = le32(eocd + 12);
	cdoff = le32(eocd + 16);
	cdend = (uint64_t)(eocd - d);
	if (n == 0xFFFF || cdsize == 0xFFFFFFFF || cdoff == 0xFFFFFFFF) {
		/* Zip64: a locator just before points at the zip64 record. */
		if (eocd - d < 20 || memcmp(eocd - 20, "PK\6\7", 4) != 0 ||
		    (rec = le64(eocd - 20 + 8)) > (uint64_t)(eocd - d) - 20 ||
		    (uint64_t)(eocd - d) - 20 - rec < 56 ||
		    memcmp(d + rec, "PK\6\6", 4) != 0)
			sg_die("%s: corrupt zip file: bad zip64 end of central "
			    "directory", x->name);
		n = le64(d + rec + 32);
		cdsize = le64(d + rec + 40);
		cdoff = le64(d + rec + 48);
		cdend = rec;
	}
	if (cdoff > cdend || cdsize > cdend - cdoff || n > cdsize / 46)
		sg_die("%s: corrupt or truncated zip file: central directory "
		    "out of bounds", x->name);
	x->ent = sg_calloc((size_t)n, sizeof(*x->ent));
	p = d + cdoff;
	end = p + cdsize;
	for (i = 0; i < n; i++) {
		if (end - p < 46 || memcmp(p, "PK\1\2", 4) != 0)
			sg_die("%s: corrupt zip file: bad central directory",
			    x->name);
		e = &x->ent[i];
		e->flags = le16(p + 8);
		e->method = le16(p + 10);
		e->crc = le32(p + 16);
		e->csize = le32(p + 20);
		e->usize = le32(p + 24);
		nlen = le16(p + 28);
		xlen = le16(p + 30);
		clen = le16(p + 32);
		e->offset = le32(p + 42);
		if ((size_t)(end - p) < 46 + (size_t)nlen + xlen + clen)
			sg_die("%s: corrupt zip file: bad central directory",
			    x->name);
		e->name = sg_strndup((const char *)p + 46, nlen);
		for (char *c = e->name; *c != '\0'; c++)
			if (*c == '\\')
				*c = '/';
		if (e->usize == 0xFFFFFFFF || e->csize == 0xFFFFFFFF ||
		    e->offset == 0xFFFFFFFF)
			zip64_extra(x, e, p + 46 + nlen, xlen);
		p += 46 + nlen + xlen + clen;
		/* The data follows the local header and its own extra. */
		if (e->offset > len || len - e->offset < 30 ||
		    memcmp(d + e->offset, "PK\3\4", 4) != 0)
			sg_die("%s: corrupt zip file: %s: bad local header",
			    x->name, e->name);
		data = e->offset + 30 + le16(d + e->offset + 26) +
		    le16(d + e->offset + 28);
		if (data > len || e->csize > len - data || e->csize > UINT32_MAX)
			sg_die("%s: truncated zip file: %s is cut short",
			    x->name, e->name);
	}
	x->nent = (size_t)n;
}

const struct sg_zentry *
sg_zip_find(const struct sg_zip *x, const char *part)
{
	size_t i;

	while (*part == '/')
		part++;
	for (i = 0; i < x->nent; i++) {
		const char *n = x->ent[i].name;
		while (*n == '/')
			n++;
		if (strcasecmp(n, part) == 0)
			return &x->ent[i];
	}
	return NULL;
}

void
sg_zr_open(struct sg_zreader *r, const struct sg_zip *x,
    const struct sg_zentry *e)
{
	const unsigned char *lh = x->data + e->offset;

	memset(r, 0, offsetof(struct sg_zreader, out));
	r->x = x;
	r->e = e;
	if (e->flags & 1)
		sg_die("%s: encrypted workbook (%s is encrypted): remove its "
		    "password and save it again", x->name, e->name);
	if (e->method != 0 && e->method != 8)
		sg_die("%s: %s: unsupported zip compression method %u",
		    x->name, e->name, e->method);
	if (e->usize > MAXPART || (e->usize > RATIOMIN &&
	    e->usize / MAXRATIO > e->csize))
		sg_die("%s: zip bomb: %s would inflate to %llu bytes from "
		    "%llu", x->name, e->name, (unsigned long long)e->usize,
		    (unsigned long long)e->csize);
	if (e->method == 0 && e->csize != e->usize)
		sg_zip_corrupt(x->name, "stored entry sizes differ", e->name);
	r->src = lh + 30 + le16(lh + 26) + le16(lh + 28);
	r->crc = crc32(0L, Z_NULL, 0);
	if (e->method == 8) {
		if (inflateInit2(&r->zs, -15) != Z_OK)
			sg_die("%s: zlib: cannot start inflating", x->name);
		r->zs.next_in = (Bytef *)(uintptr_t)r->src;
		r->zs.avail_in = (uInt)e->csize;
		r->inflating = 1;
	}
}

static void
zr_finish(struct sg_zreader *r)
{
	if (r->produced != r->e->usize)
		sg_zip_corrupt(r->x->name, "data shorter than its declared "
		    "size", r->e->name);
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* (A fuzzer's mutations of the XML would all stop here.) */
	if (r->crc != r->e->crc)
		sg_zip_corrupt(r->x->name, "CRC mismatch", r->e->name);
#endif
}

size_t
sg_zr_read(struct sg_zreader *r, const unsigned char **out)
{
	size_t n;
	int ret;

	if (r->done)
		return 0;
	if (!r->inflating) {
		n = r->e->usize - r->pos > sizeof(r->out) ?
		    sizeof(r->out) : (size_t)(r->e->usize - r->pos);
		*out = r->src + r->pos;
		r->pos += n;
		r->produced += n;
		r->crc = crc32(r->crc, *out, (uInt)n);
		if (n == 0) {
			r->done = 1;
			zr_finish(r);
		}
		return n;
	}
	r->zs.next_out = r->out;
	r->zs.avail_out = sizeof(r->out);
	while (r->zs.avail_out == sizeof(r->out)) {
		ret = inflate(&r->zs, Z_NO_FLUSH);
		if (ret == Z_STREAM_END) {
			r->done = 1;
			break;
		}
		if (ret == Z_BUF_ERROR && r->zs.avail_in == 0)
			sg_zip_corrupt(r->x->name, "compressed data cut short",
			    r->e->name);
		if (ret != Z_OK)
			sg_zip_corrupt(r->x->name, r->zs.msg != NULL ? r->zs.msg :
			    "bad compressed data", r->e->name);
	}
	n = sizeof(r->out) - r->zs.avail_out;
	r->produced += n;
	/* Never beyond the declared size, which passed the bomb limits. */
	if (r->produced > r->e->usize)
		sg_zip_corrupt(r->x->name, "data longer than its declared "
		    "size", r->e->name);
	r->crc = crc32(r->crc, r->out, (uInt)n);
	*out = r->out;
	if (r->done) {
		inflateEnd(&r->zs);
		r->inflating = 0;
		zr_finish(r);
	}
	return n;
}

void
sg_zr_close(struct sg_zreader *r)
{
	if (r->inflating)
		inflateEnd(&r->zs);
	r->inflating = 0;
}

void
sg_zip_free(struct sg_zip *z)
{
	size_t i;

	for (i = 0; i < z->nent; i++)
		free(z->ent[i].name);
	free(z->ent);
	z->ent = NULL;
	z->nent = 0;
}

/* ------------------------------------------------------------------ */
/* What every workbook format shares.                                  */

/* Excel's name for a cell: column letters and row, "C7". */
static void
cell_ref(long col, long row, char *buf, size_t size)
{
	char letters[8];
	int n = 0, i;
	long c = col + 1;

	while (c > 0 && n < 7) {
		letters[n++] = (char)('A' + (c - 1) % 26);
		c = (c - 1) / 26;
	}
	for (i = 0; i < n / 2; i++) {
		char t = letters[i];
		letters[i] = letters[n - 1 - i];
		letters[n - 1 - i] = t;
	}
	letters[n] = '\0';
	snprintf(buf, size, "%s%ld", letters, row);
}

int
sg_book_sheet(const char *file, const char *const *names, int n,
    const char *sheet)
{
	struct sg_buf b = { 0 };
	const char *p;
	int i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], sheet) == 0)
			return i;
	for (i = 0; i < n; i++)
		if (strcasecmp(names[i], sheet) == 0)
			return i;
	for (p = sheet; isdigit((unsigned char)*p); p++)
		;
	if (*sheet != '\0' && *p == '\0') {
		long k = strtol(sheet, NULL, 10);
		if (k >= 1 && k <= n)
			return (int)k - 1;
	}
	for (i = 0; i < n; i++) {
		sg_buf_adds(&b, i > 0 ? ", '" : "'");
		sg_buf_adds(&b, names[i]);
		sg_buf_addc(&b, '\'');
	}
	sg_buf_addc(&b, '\0');
	sg_die("%s: no sheet '%s' (the sheets are %s)", file, sheet, b.p);
}

void
sg_book_blank_row(char ***cells, size_t *cap, size_t n)
{
	size_t i;

	if (n > *cap) {
		*cap = n;
		*cells = sg_realloc(*cells, n * sizeof(**cells));
	}
	for (i = 0; i < n; i++)
		(*cells)[i] = (char *)"";
}

void
sg_book_warn(const char *file, const char *sheet, long col, long row,
    const char *fmt, ...)
{
	char ref[32];
	const char *p;
	struct sg_buf b = { 0 }, what = { 0 };
	va_list ap;
	int quote = 0;

	for (p = sheet; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.')
			quote = 1;
	if (quote)
		sg_buf_addc(&b, '\'');
	for (p = sheet; *p != '\0'; p++) {
		if (*p == '\'')
			sg_buf_addc(&b, '\'');
		sg_buf_addc(&b, *p);
	}
	if (quote)
		sg_buf_addc(&b, '\'');
	sg_buf_addc(&b, '\0');
	cell_ref(col, row, ref, sizeof(ref));
	va_start(ap, fmt);
	sg_buf_vprintf(&what, fmt, ap);
	va_end(ap);
	sg_warn("%s: %s!%s: %s", file, b.p, ref, what.p);
	sg_buf_free(&what);
	sg_buf_free(&b);
}
