/*
 * fuzz-xlsx-parts.c: the workbook reader's XML, reached through a zip
 * that is always well formed.  fuzz-xlsx mutates whole files, where
 * almost every change to compressed data fails the CRC check before any
 * XML is parsed; here the input is the XML parts themselves, separated
 * by lines "@@@":
 *   xl/_rels/workbook.xml.rels, xl/workbook.xml, xl/sharedStrings.xml,
 *   xl/styles.xml, xl/worksheets/sheet1.xml
 * and the harness zips them (deflated, correct sizes and CRCs) before
 * handing the file to sg_xlsx_open.  Errors (sg_die) longjmp back, as
 * in the other harnesses.
 */
#include "harness.h"
#include "xlsx.h"

#include <zlib.h>

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

static unsigned char *
deflate_raw(const unsigned char *p, size_t n, size_t *outn)
{
	z_stream s;
	size_t cap = n + n / 100 + 64;
	unsigned char *out = malloc(cap);

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		abort();
	s.next_in = (Bytef *)p;
	s.avail_in = (uInt)n;
	s.next_out = out;
	s.avail_out = (uInt)cap;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END)
		abort();
	*outn = cap - s.avail_out;
	deflateEnd(&s);
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *part[NPARTS], *p = data, *end = data + size, *sep;
	size_t plen[NPARTS], off[NPARTS], csize[NPARTS], cdstart, i;
	unsigned long crc[NPARTS];
	unsigned char *comp[NPARTS];
	struct zbuf z = { NULL, 0, 0 };
	struct sg_xlsx *x;
	char **cells;
	size_t ncells, k;
	long rownum, rows = 0;

	for (i = 0; i < NPARTS; i++) {
		sep = p < end ? memmem(p, (size_t)(end - p), "\n@@@\n", 5) : NULL;
		part[i] = p;
		plen[i] = sep != NULL ? (size_t)(sep - p) : (size_t)(end - p);
		p = sep != NULL ? sep + 5 : end;
	}
	for (i = 0; i < NPARTS; i++) {
		crc[i] = crc32(0L, part[i], (uInt)plen[i]);
		comp[i] = deflate_raw(part[i], plen[i], &csize[i]);
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

	harness_begin();
	if (setjmp(harness_jmp) == 0) {
		x = sg_xlsx_open("fuzz.xlsx", z.p, z.len);
		for (k = 0; k < (size_t)sg_xlsx_nsheets(x); k++)
			if (sg_xlsx_sheet_name(x, (int)k) == NULL)
				abort();
		sg_xlsx_select(x, NULL);
		while (sg_xlsx_next_row(x, &cells, &ncells, &rownum) &&
		    rows++ < 100000)
			for (k = 0; k < ncells; k++)
				(void)strlen(cells[k]);
		sg_xlsx_close(x);
		harness_end();
	} else
		harness_cleanup();
	free(z.p);
	return 0;
}
