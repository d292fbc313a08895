/*
 * spool.c: what the text table of sg-render keeps between its two passes
 * (render/text.h): the spool of display text for input that can be read
 * only once, or, for regular files, the inputs themselves, read again
 * and checked to be unchanged.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sg.h"
#include "render/text.h"

void
sg_text_spool_flush(struct text_table *t)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t off = 0, dl;
	ssize_t n;

	if (t->spool.len == 0)
		return;
	if (t->fd < 0) {
		if (dir == NULL || *dir == '\0')
			dir = "/tmp";
		dl = strlen(dir);
		path = sg_malloc(dl + 24);
		memcpy(path, dir, dl);
		memcpy(path + dl, "/sg-render-XXXXXX", 18);
		t->fd = mkstemp(path);
		if (t->fd < 0)
			sg_die("%s: cannot make a temporary file for the "
			    "table: %s", dir, strerror(errno));
		unlink(path);
		free(path);
	}
	while (off < t->spool.len) {
		n = write(t->fd, t->spool.p + off, t->spool.len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			sg_die("temporary file for the table: write error: %s",
			    strerror(errno));
		off += (size_t)n;
	}
	t->spool.len = 0;
}

/* The spool to read back: the file from its start, then what is in
 * memory. */
void
sg_text_spool_open(struct text_table *t, struct spool_in *in)
{
	memset(in, 0, sizeof(*in));
	in->cap = SG_SPOOL_MEM;
	in->buf = sg_malloc(in->cap);
	in->fd = t->fd;
	if (in->fd >= 0 && lseek(in->fd, 0, SEEK_SET) < 0)
		sg_die("temporary file for the table: cannot seek: %s",
		    strerror(errno));
	t->fd = -1;
	in->memp = t->spool.p;
	in->mem = t->spool.len;
}

/* Reads more of the spool into in->buf, from the file or from memory. */
static void
spool_more(struct spool_in *in)
{
	ssize_t k;

	if (in->fd >= 0) {
		k = read(in->fd, in->buf + in->end, in->cap - in->end);
		if (k < 0 && errno == EINTR)
			return;
		if (k < 0)
			sg_die("temporary file for the table: read error: %s",
			    strerror(errno));
		if (k == 0) {
			close(in->fd);
			in->fd = -1;
			return;
		}
		in->end += (size_t)k;
	} else {
		k = (ssize_t)(in->mem < in->cap - in->end ? in->mem :
		    in->cap - in->end);
		memcpy(in->buf + in->end, in->memp, (size_t)k);
		in->memp += k;
		in->mem -= (size_t)k;
		in->end += (size_t)k;
	}
}

/* Makes n bytes from in->start available; dies if the spool ends.  May
 * move the row being read to the start of the buffer. */
static void
spool_fill(struct spool_in *in, size_t n)
{
	while (in->end - in->start < n) {
		if (in->fd < 0 && in->mem == 0)
			sg_die("temporary file for the table: ends early");
		if (in->end == in->cap) {
			if (in->row > 0) {
				memmove(in->buf, in->buf + in->row,
				    in->end - in->row);
				in->end -= in->row;
				in->start -= in->row;
				in->row = 0;
			} else {
				in->cap *= 2;
				in->buf = sg_realloc(in->buf, in->cap);
			}
		}
		spool_more(in);
	}
}

static inline void
spool_need(struct spool_in *in, size_t n)
{
	if (in->end - in->start < n)
		spool_fill(in, n);
}

/* Reads the next row's cells into t->row (valid until the next call). */
void
sg_text_spool_row(struct text_table *t, struct spool_in *in)
{
	const unsigned char *h;
	size_t k, nshown = t->x->nshown;

	in->row = in->start;
	for (k = 0; k < nshown; k++) {
		spool_need(in, 3);
		h = (const unsigned char *)in->buf + in->start;
		t->row[k].rag = (int)h[0] - 1;
		if (h[1] != 255) {
			t->row[k].n = h[1];
			t->row[k].w = h[2];
			in->start += 3;
		} else {
			spool_need(in, 18);
			h = (const unsigned char *)in->buf + in->start;
			memcpy(&t->row[k].n, h + 2, 8);
			memcpy(&t->row[k].w, h + 10, 8);
			in->start += 18;
		}
		spool_need(in, t->row[k].n);
		t->rowoff[k] = in->start - in->row;
		in->start += t->row[k].n;
	}
	for (k = 0; k < nshown; k++)
		t->row[k].s = in->buf + in->row + t->rowoff[k];
}

/*
 * Whether every input can be read twice: regular files named on the
 * command line, or standard input redirected from a regular file (read
 * again from the offset it had, x->stdin_off).  Sets x->twice; called
 * before the inputs are opened.
 */
void
sg_render_text_inputs(struct sg_render *x)
{
	char **files = x->files;
	int i, nfiles = x->nfiles;

	x->twice = 0;
	x->st = sg_calloc((size_t)nfiles + 1, sizeof(*x->st));
	if (nfiles == 0 || (nfiles == 1 && strcmp(files[0], "-") == 0)) {
		if (fstat(STDIN_FILENO, &x->st[0]) < 0 ||
		    !S_ISREG(x->st[0].st_mode) ||
		    (x->stdin_off = lseek(STDIN_FILENO, 0, SEEK_CUR)) < 0)
			return;
		x->twice = 1;
		return;
	}
	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0 || stat(files[i], &x->st[i]) < 0 ||
		    !S_ISREG(x->st[i].st_mode))
			return;
	x->twice = 1;
}

int
sg_text_unchanged(const struct sg_render *x, int i)
{
	const struct stat *st = x->st;
	struct stat st2;

	if (x->stdin_off >= 0 ? fstat(STDIN_FILENO, &st2) < 0 :
	    stat(x->files[i], &st2) < 0)
		return 0;
	return st2.st_dev == st[i].st_dev && st2.st_ino == st[i].st_ino &&
	    st2.st_size == st[i].st_size &&
	    st2.st_mtim.tv_sec == st[i].st_mtim.tv_sec &&
	    st2.st_mtim.tv_nsec == st[i].st_mtim.tv_nsec;
}
