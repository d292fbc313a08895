/*
 * fuzz-reader.c: the stream reader (lib/reader.c): plain and gzip input,
 * one or two files, ragged rows allowed or not, and the raw block reader.
 *
 * Input: one flags byte, one split byte, then the data.  Flags:
 *   1  gzip the data first (zlib's gzip format, as a tool would read it)
 *   2  cut the gzip data short (by the split byte), or corrupt a byte
 *   4  two files: the data split at the split byte's share
 *   8  sg_reader_allow_ragged()
 *  16  read with sg_input_read instead of sg_reader
 * Each file goes to a memfd, opened by its /proc/self/fd path as a tool
 * opens a file.  The reader dies (exit 1) on bad data: harness.h turns
 * that into a longjmp and frees what it held.
 *
 * Checked: every record's fields are NUL-terminated at their lengths,
 * hold no TAB, LF or NUL; without ragged rows every record has the
 * header's field count; line numbers only go up; a plain single file's
 * records together account for all its bytes.
 */
#define _GNU_SOURCE
#include "deflate.h"
#include "harness.h"

#include <stdio.h>
#include <sys/mman.h>

static int
memfile(const uint8_t *p, size_t n, char *path, size_t cap)
{
	int fd = memfd_create("fuzz", 0);

	if (fd < 0)
		abort();
	if (n > 0 && write(fd, p, n) != (ssize_t)n)
		abort();
	snprintf(path, cap, "/proc/self/fd/%d", fd);
	return fd;
}

static volatile size_t nrecords;

static void
read_all(char **files, int nfiles, int ragged, size_t plainlen)
{
	struct sg_reader *r = sg_reader_open(files, nfiles);
	const struct sg_record *h = sg_reader_header(r);
	struct sg_record rec;
	size_t i, bytes = 0;
	long line = 1;

	if (h->n == 0)
		abort();
	for (i = 0; i < h->n; i++)
		if (h->len[i] == 0 || h->f[i][h->len[i]] != '\0')
			abort();
	bytes = h->linelen + 1;
	while (sg_read(r, &rec)) {
		if (!ragged && rec.n != h->n)
			abort();
		if (rec.n == 0)
			abort();
		for (i = 0; i < rec.n; i++) {
			if (rec.f[i][rec.len[i]] != '\0' ||
			    memchr(rec.f[i], '\t', rec.len[i]) != NULL ||
			    memchr(rec.f[i], '\n', rec.len[i]) != NULL ||
			    memchr(rec.f[i], '\0', rec.len[i]) != NULL)
				abort();
		}
		if (nfiles == 1 && sg_reader_line(r) <= line)
			abort();
		line = sg_reader_line(r);
		bytes += rec.linelen + 1;
		nrecords++;
	}
	/* Every byte is in a record, a LF, a CR before a LF, or the BOM. */
	if (nfiles == 1 && plainlen > 0 && bytes > plainlen + 1)
		abort();
	sg_reader_close(r);
}

static void
read_raw(const char *path)
{
	struct sg_input *in = sg_input_open(path);
	char buf[4096];

	while (sg_input_read(in, buf, sizeof(buf)) > 0)
		;
	(void)sg_input_name(in);
	(void)sg_input_is_gzip(in);
	sg_input_close(in);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t flags, split;
	const uint8_t *p;
	uint8_t *gz = NULL;
	size_t n, gzn, cut;
	char path[2][64], *files[2];
	int fd[2] = { -1, -1 }, nfiles = 1;

	if (size < 2)
		return 0;
	flags = data[0];
	split = data[1];
	p = data + 2;
	n = size - 2;
	if (flags & 4) {
		cut = n * split / 255;
		fd[0] = memfile(p, cut, path[0], sizeof(path[0]));
		fd[1] = memfile(p + cut, n - cut, path[1], sizeof(path[1]));
		nfiles = 2;
	} else if (flags & 1) {
		gz = deflate_all(p, n, 31, &gzn);
		if (flags & 2) {
			if (split & 1)
				gzn = gzn * (split >> 1) / 128;
			else if (gzn > 0)
				gz[(split >> 1) % gzn] ^= 0x5A;
		}
		fd[0] = memfile(gz, gzn, path[0], sizeof(path[0]));
	} else
		fd[0] = memfile(p, n, path[0], sizeof(path[0]));
	files[0] = path[0];
	files[1] = path[1];

	harness_begin();
	if (setjmp(harness_jmp) == 0) {
		if (flags & 16)
			read_raw(files[0]);
		else if (flags & 8) {
			/* ragged: sg_reader_allow_ragged before any record */
			struct sg_reader *r = sg_reader_open(files, nfiles);
			struct sg_record rec;
			sg_reader_allow_ragged(r);
			while (sg_read(r, &rec))
				if (rec.n == 0)
					abort();
			sg_reader_close(r);
		} else
			read_all(files, nfiles, 0,
			    (flags & 5) == 0 ? n : 0);
		harness_end();
	} else
		harness_cleanup();
	free(gz);
	close(fd[0]);
	if (fd[1] >= 0)
		close(fd[1]);
	return 0;
}
