/*
 * deflate.h: compresses a buffer whole with zlib, for the harnesses that
 * hand lib/ compressed data they made themselves: windowbits 31 writes
 * the gzip format (a .gz file), -15 raw deflate (a zip member).
 */
#ifndef SG_FUZZ_DEFLATE_H
#define SG_FUZZ_DEFLATE_H

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* p[0..n) compressed into a new buffer of *outn bytes. */
static unsigned char *
deflate_all(const void *p, size_t n, int windowbits, size_t *outn)
{
	z_stream z;
	unsigned char *out;
	size_t cap;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, windowbits, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	cap = deflateBound(&z, (uLong)n);
	out = malloc(cap);
	z.next_in = (Bytef *)p;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		abort();
	*outn = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

#endif
