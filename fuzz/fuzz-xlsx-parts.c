/*
 * fuzz-xlsx-parts.c: the workbook reader's XML, reached through a zip
 * that is always well formed.  fuzz-xlsx mutates whole files, where
 * almost every change to compressed data fails the CRC check before any
 * XML is parsed; here the input is the XML parts themselves, separated
 * by lines "@@@":
 *   xl/_rels/workbook.xml.rels, xl/workbook.xml, xl/sharedStrings.xml,
 *   xl/styles.xml, xl/worksheets/sheet1.xml
 * and the harness zips them (deflated, correct sizes and CRCs) before
 * reading the file as xlsx-read.h says.
 */
#include "deflate.h"
#include "xlsx-read.h"

static const char *names[] = {
	"xl/_rels/workbook.xml.rels", "xl/workbook.xml",
	"xl/sharedStrings.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"
};
#define NPARTS	5

struct zbuf {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
put(struct zbuf *z, const void *s, size_t n)
{
	if (z->len + n > z->cap) {
		z->cap = (z->len + n) * 2 + 256;
		z->p = realloc(z->p, z->cap);
	}
	memcpy(z->p + z->len, s, n);
	z->len += n;
}

static void
put16(struct zbuf *z, unsigned v)
{
	unsigned char b[2] = { v & 0xFF, (v >> 8) & 0xFF };
	put(z, b, 2);
}

static void
put32(struct zbuf *z, unsigned long v)
{
	unsigned char b[4] = { v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF,
	    (v >> 24) & 0xFF };
	put(z, b, 4);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part[NPARTS], *p = data, *end = data + size, *sep;
	size_t plen[NPARTS], off[NPARTS], csize[NPARTS], cdstart, i;
	unsigned long crc[NPARTS];
	unsigned char *comp[NPARTS];
	struct zbuf z = { NULL, 0, 0 };

	for (i = 0; i < NPARTS; i++) {
		sep = p < end ? memmem(p, (size_t)(end - p), "\n@@@\n", 5) : NULL;
		part[i] = p;
		plen[i] = sep != NULL ? (size_t)(sep - p) : (size_t)(end - p);
		p = sep != NULL ? sep + 5 : end;
	}
	for (i = 0; i < NPARTS; i++) {
		crc[i] = crc32(0L, part[i], (uInt)plen[i]);
		comp[i] = deflate_all(part[i], plen[i], -15, &csize[i]);
		off[i] = z.len;
		put32(&z, 0x04034b50); put16(&z, 20); put16(&z, 0);
		put16(&z, 8); put16(&z, 0); put16(&z, 0x21);
		put32(&z, crc[i]); put32(&z, csize[i]); put32(&z, plen[i]);
		put16(&z, strlen(names[i])); put16(&z, 0);
		put(&z, names[i], strlen(names[i]));
		put(&z, comp[i], csize[i]);
		free(comp[i]);
	}
	cdstart = z.len;
	for (i = 0; i < NPARTS; i++) {
		put32(&z, 0x02014b50); put16(&z, 20); put16(&z, 20);
		put16(&z, 0); put16(&z, 8); put16(&z, 0); put16(&z, 0x21);
		put32(&z, crc[i]); put32(&z, csize[i]); put32(&z, plen[i]);
		put16(&z, strlen(names[i])); put16(&z, 0); put16(&z, 0);
		put16(&z, 0); put16(&z, 0); put32(&z, 0); put32(&z, off[i]);
		put(&z, names[i], strlen(names[i]));
	}
	{
		size_t cdsize = z.len - cdstart;
		put32(&z, 0x06054b50); put16(&z, 0); put16(&z, 0);
		put16(&z, NPARTS); put16(&z, NPARTS);
		put32(&z, cdsize); put32(&z, cdstart); put16(&z, 0);
	}

	xlsx_read(z.p, z.len);
	free(z.p);
	return 0;
}
