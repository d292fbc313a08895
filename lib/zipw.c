/*
 * zipw.c: a small zip writer (PKWARE APPNOTE 4.3: local headers, the
 * central directory, its end record), entries deflated through zlib.  An
 * entry may come a piece at a time: only its deflated bytes are held,
 * and it is written with its sizes and CRC in its local header (no data
 * descriptor) once it ends.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "sg.h"
#include "zipw.h"

struct entry {
	char		*path;
	uint32_t	 crc;
	uint32_t	 csize;
	uint32_t	 usize;
	uint32_t	 offset;
	uint16_t	 method;
};

struct sg_zipw {
	struct sg_writer *w;
	const char	*name;
	unsigned	 dosdate;
	unsigned	 dostime;
	uint64_t	 off;
	struct entry	*e;
	size_t		 n;
	size_t		 cap;
	/* The entry being deflated (sg_zipw_begin() to sg_zipw_end()). */
	z_stream	 s;
	struct sg_buf	 packed;
	uint64_t	 usize;
	uLong		 crc;
};

static void
put(struct sg_zipw *z, const void *p, size_t n)
{
	sg_write(z->w, p, n);
	z->off += n;
}

static void
put16(unsigned char *b, unsigned v)
{
	b[0] = v & 0xff;
	b[1] = (v >> 8) & 0xff;
}

static void
put32(unsigned char *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b + 2, v >> 16);
}

/*
 * The 26 bytes that a local header and the central directory's header
 * share, from "version needed" to "extra field length" (APPNOTE 4.3.7,
 * 4.3.12): names are UTF-8, there are no extra fields.
 */
static void
put_common(unsigned char *b, const struct sg_zipw *z, const struct entry *e,
    size_t plen)
{
	put16(b, 20);
	put16(b + 2, 0x0800);
	put16(b + 4, e->method);
	put16(b + 6, z->dostime);
	put16(b + 8, z->dosdate);
	put32(b + 10, e->crc);
	put32(b + 14, e->csize);
	put32(b + 18, e->usize);
	put16(b + 22, (unsigned)plen);
	put16(b + 24, 0);
}

unsigned
sg_zipw_dosdate(int y, int m, int d)
{
	if (y < 1980)
		y = 1980;
	return (unsigned)(((y - 1980) << 9) | (m << 5) | d);
}

struct sg_zipw *
sg_zipw_open(struct sg_writer *w, const char *name, unsigned dosdate,
    unsigned dostime)
{
	struct sg_zipw *z = sg_calloc(1, sizeof(*z));

	z->w = w;
	z->name = name;
	z->dosdate = dosdate;
	z->dostime = dostime;
	return z;
}

/* A new entry of the central directory; its sizes and CRC come later. */
static struct entry *
new_entry(struct sg_zipw *z, const char *path, int deflate)
{
	struct entry *e;

	if (z->n == z->cap) {
		z->cap = z->cap ? 2 * z->cap : 16;
		z->e = sg_realloc(z->e, z->cap * sizeof(*z->e));
	}
	e = &z->e[z->n++];
	e->path = sg_strdup(path);
	e->method = deflate ? 8 : 0;
	return e;
}

/* zlib's lengths are unsigned int, and zip's without zip64 too. */
static void
check_size(const struct sg_zipw *z, uint64_t n)
{
	if (n > 0xffffffffUL - 1024 || z->off > 0xffffffffUL - 1024 - n)
		sg_die("%s: over 4 GiB: too big for a zip without zip64",
		    z->name);
}

/* The entry's local header, its name and its data. */
static void
put_entry(struct sg_zipw *z, struct entry *e, const void *data)
{
	unsigned char h[30];
	size_t plen = strlen(e->path);

	e->offset = (uint32_t)z->off;
	put32(h, 0x04034b50);
	put_common(h + 4, z, e, plen);
	put(z, h, sizeof(h));
	put(z, e->path, plen);
	put(z, data, e->csize);
}

/* Runs deflate over what it was given, the output into z->packed. */
static void
pack(struct sg_zipw *z, int flush)
{
	int rc;

	do {
		sg_buf_grow(&z->packed, z->packed.len + 65536 + 1);
		z->s.next_out = (Bytef *)z->packed.p + z->packed.len;
		z->s.avail_out = 65536;
		rc = deflate(&z->s, flush);
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR)
			sg_die("%s: deflate failed", z->name);
		z->packed.len += 65536 - z->s.avail_out;
	} while (z->s.avail_out == 0 || (flush == Z_FINISH &&
	    rc != Z_STREAM_END));
}

void
sg_zipw_begin(struct sg_zipw *z, const char *path)
{
	memset(&z->s, 0, sizeof(z->s));
	/* Level 1: sg-book(1) says why. */
	if (deflateInit2(&z->s, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		sg_die("%s: cannot start deflate", z->name);
	(void)new_entry(z, path, 1);
	z->packed.len = 0;
	z->usize = 0;
	z->crc = crc32(0L, Z_NULL, 0);
}

void
sg_zipw_write(struct sg_zipw *z, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t k;

	z->usize += n;
	check_size(z, z->usize);
	while (n > 0) {
		k = n < 0x40000000 ? n : 0x40000000;
		z->crc = crc32(z->crc, p, (uInt)k);
		z->s.next_in = (Bytef *)(uintptr_t)p;
		z->s.avail_in = (uInt)k;
		pack(z, Z_NO_FLUSH);
		p += k;
		n -= k;
	}
}

void
sg_zipw_end(struct sg_zipw *z)
{
	struct entry *e = &z->e[z->n - 1];

	z->s.next_in = NULL;
	z->s.avail_in = 0;
	pack(z, Z_FINISH);
	deflateEnd(&z->s);
	check_size(z, z->usize + z->packed.len);
	e->crc = (uint32_t)z->crc;
	e->usize = (uint32_t)z->usize;
	e->csize = (uint32_t)z->packed.len;
	put_entry(z, e, z->packed.p);
}

void
sg_zipw_add(struct sg_zipw *z, const char *path, const void *data, size_t n,
    int deflate)
{
	struct entry *e;

	if (deflate) {
		sg_zipw_begin(z, path);
		sg_zipw_write(z, data, n);
		sg_zipw_end(z);
		return;
	}
	check_size(z, n);
	e = new_entry(z, path, 0);
	e->crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), (const Bytef *)data,
	    (uInt)n);
	e->usize = e->csize = (uint32_t)n;
	put_entry(z, e, data);
}

void
sg_zipw_close(struct sg_zipw *z)
{
	unsigned char h[46], end[22];
	uint64_t start = z->off;
	size_t i, plen;

	for (i = 0; i < z->n; i++) {
		struct entry *e = &z->e[i];

		plen = strlen(e->path);
		put32(h, 0x02014b50);
		put16(h + 4, 20);		/* made by: APPNOTE 2.0 */
		put_common(h + 6, z, e, plen);
		put16(h + 32, 0);
		put16(h + 34, 0);
		put16(h + 36, 0);
		put32(h + 38, 0);
		put32(h + 42, e->offset);
		put(z, h, sizeof(h));
		put(z, e->path, plen);
		free(e->path);
	}
	put32(end, 0x06054b50);
	put16(end + 4, 0);
	put16(end + 6, 0);
	put16(end + 8, (unsigned)z->n);
	put16(end + 10, (unsigned)z->n);
	put32(end + 12, (uint32_t)(z->off - start));
	put32(end + 16, (uint32_t)start);
	put16(end + 20, 0);
	put(z, end, sizeof(end));
	sg_buf_free(&z->packed);
	free(z->e);
	free(z);
}
