/*
 * unit-zipw.c: the zip writer (lib/zipw.c), read back by lib's zip
 * reader (lib/zip.c, which checks every entry's size and CRC): an entry
 * deflated a piece at a time holds what was given, in pieces of any size
 * (none, one byte, more than zlib's 64 KB window), and makes the same
 * bytes as the same entry given whole; a stored entry stays stored.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sg.h"
#include "zip.h"
#include "zipw.h"
#include "tap.h"

#define NTEXT	300000
#define NRAND	100000

static unsigned char text[NTEXT], rnd[NRAND];
static const char mime[] = "application/vnd.oasis.opendocument.spreadsheet";

/* Writes the archive at path: the text and the random bytes in pieces
 * (pieces != 0) or whole. */
static void
archive(const char *path, int pieces)
{
	static const size_t sizes[] = { 0, 1, 70000, 0, 4095, 65536, 3, 131072 };
	struct sg_writer *w = sg_writer_open(path, 0);
	struct sg_zipw *z = sg_zipw_open(w, path, sg_zipw_dosdate(2024, 3, 31),
	    0);
	size_t off = 0, k, i = 0;

	sg_zipw_add(z, "mimetype", mime, sizeof(mime) - 1, 0);
	if (pieces) {
		sg_zipw_begin(z, "text.xml");
		while (off < NTEXT) {
			k = sizes[i++ % (sizeof(sizes) / sizeof(sizes[0]))];
			if (k > NTEXT - off)
				k = NTEXT - off;
			sg_zipw_write(z, text + off, k);
			off += k;
		}
		sg_zipw_end(z);
		sg_zipw_begin(z, "empty");
		sg_zipw_end(z);
		sg_zipw_begin(z, "random.bin");
		sg_zipw_write(z, rnd, NRAND / 2);
		sg_zipw_write(z, rnd + NRAND / 2, NRAND - NRAND / 2);
		sg_zipw_end(z);
	} else {
		sg_zipw_add(z, "text.xml", text, NTEXT, 1);
		sg_zipw_add(z, "empty", "", 0, 1);
		sg_zipw_add(z, "random.bin", rnd, NRAND, 1);
	}
	sg_zipw_close(z);
	sg_writer_close(w);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	struct sg_buf b = { 0 };
	FILE *fp = fopen(path, "rb");
	char buf[65536];
	size_t n;

	if (fp == NULL)
		return NULL;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sg_buf_add(&b, buf, n);
	fclose(fp);
	*len = b.len;
	return (unsigned char *)b.p;
}

/* Entry part of z, read whole: 1 if it holds want[0..n). */
static int
holds(const struct sg_zip *z, const char *part, const void *want, size_t n)
{
	const struct sg_zentry *e = sg_zip_find(z, part);
	struct sg_zreader *r;
	struct sg_buf b = { 0 };
	const unsigned char *p;
	size_t k;
	int same;

	if (e == NULL)
		return 0;
	r = sg_malloc(sizeof(*r));
	sg_zr_open(r, z, e);
	while ((k = sg_zr_read(r, &p)) > 0)
		sg_buf_add(&b, p, k);
	sg_zr_close(r);
	free(r);
	same = b.len == n && (n == 0 || memcmp(b.p, want, n) == 0);
	sg_buf_free(&b);
	return same;
}

int
main(void)
{
	char dir[] = "/tmp/unit-zipw.XXXXXX", a[64], b[64];
	unsigned char *da, *db;
	size_t la = 0, lb = 0, i;
	unsigned long long x = 88172645463325252ULL;
	struct sg_zip z;

	/* XML-like text (deflates well) and random bytes (do not). */
	for (i = 0; i < NTEXT; i++)
		text[i] = (unsigned char)"<table:table-row>12,345</x>\n"[i % 29];
	for (i = 0; i < NTEXT; i += 997)
		text[i] = (unsigned char)('a' + i % 26);
	for (i = 0; i < NRAND; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		rnd[i] = (unsigned char)x;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(a, sizeof(a), "%s/pieces.zip", dir);
	snprintf(b, sizeof(b), "%s/whole.zip", dir);
	archive(a, 1);
	archive(b, 0);
	da = slurp(a, &la);
	db = slurp(b, &lb);
	ok(da != NULL && db != NULL, "both archives are written");
	if (da == NULL || db == NULL)
		return done_testing();

	sg_zip_open(&z, a, da, la);
	ok(z.nent == 4, "four entries");
	ok(z.nent > 0 && strcmp(z.ent[0].name, "mimetype") == 0 &&
	    z.ent[0].method == 0, "the mimetype first, stored");
	ok(memcmp(da + 30 + 8, mime, sizeof(mime) - 1) == 0,
	    "its bytes as they are, after its local header");
	ok(holds(&z, "text.xml", text, NTEXT),
	    "300,000 bytes given in pieces of 0 to 131,072 read back whole");
	ok(holds(&z, "empty", "", 0), "an entry given nothing is empty");
	ok(holds(&z, "random.bin", rnd, NRAND),
	    "random bytes in two pieces read back");
	ok(sg_zip_find(&z, "text.xml")->method == 8 &&
	    sg_zip_find(&z, "text.xml")->csize < NTEXT / 10,
	    "the text is deflated");
	sg_zip_free(&z);
	ok(la == lb && memcmp(da, db, la) == 0,
	    "entries given in pieces make the same bytes as given whole");
	free(da);
	free(db);
	unlink(a);
	unlink(b);
	rmdir(dir);
	return done_testing();
}
