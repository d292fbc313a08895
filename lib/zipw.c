/*
 * zipw.c: a small zip writer (PKWARE APPNOTE 4.3: local headers, the
 * central directory, its end record), entries deflated through zlib.
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

/* Deflates data (raw, as zip wants it) into a new buffer. */
static unsigned char *
deflate_all(const struct sg_zipw *z, const void *data, size_t n,
    size_t *outlen)
{
	z_stream s;
	unsigned char *out;
	size_t cap;
	int rc;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK)
		sg_die("%s: cannot start deflate", z->name);
	cap = deflateBound(&s, (uLong)n);
	out = sg_malloc(cap);
	s.next_in = (Bytef *)(uintptr_t)data;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	rc = deflate(&s, Z_FINISH);
	if (rc != Z_STREAM_END)
		sg_die("%s: deflate failed", z->name);
	*outlen = s.total_out;
	deflateEnd(&s);
	return out;
}

void
sg_zipw_add(struct sg_zipw *z, const char *path, const void *data, size_t n,
    int deflate)
{
	unsigned char h[30], *packed = NULL;
	struct entry *e;
	size_t plen = strlen(path), clen = n;
	uLong crc;

	/* zlib's lengths are unsigned int, and zip's without zip64 too. */
	if (n > 0xffffffffUL - 1024 || z->off > 0xffffffffUL - 1024 - n)
		sg_die("%s: over 4 GiB: too big for a zip without zip64",
		    z->name);
	if (z->n == z->cap) {
		z->cap = z->cap ? 2 * z->cap : 16;
		z->e = sg_realloc(z->e, z->cap * sizeof(*z->e));
	}
	e = &z->e[z->n++];
	e->path = sg_strdup(path);
	crc = crc32(0L, Z_NULL, 0);
	e->crc = (uint32_t)crc32(crc, (const Bytef *)data, (uInt)n);
	e->usize = (uint32_t)n;
	e->method = deflate ? 8 : 0;
	if (deflate)
		packed = deflate_all(z, data, n, &clen);
	e->csize = (uint32_t)clen;
	e->offset = (uint32_t)z->off;

	put32(h, 0x04034b50);
	put_common(h + 4, z, e, plen);
	put(z, h, sizeof(h));
	put(z, path, plen);
	put(z, packed != NULL ? packed : data, clen);
	free(packed);
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
	free(z->e);
	free(z);
}
