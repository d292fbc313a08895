/*
 * reader.c: the stream reader.  Files in big blocks through gzread (plain
 * and gzip alike), pipes as their data comes; lines found with memchr, NUL
 * bytes looked for once per block, fields split in place, the line read 16
 * bytes at a time (SSE2) or 8.  Field pointers live until the next record;
 * only the header is copied.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sg.h"

#define BLOCK	(1u << 20)
#define NONUL	((size_t)-1)

/*
 * A regular file is read through zlib's gzread (plain or gzip alike),
 * which fills each request whole.  A pipe, FIFO or terminal is read as
 * its data comes: read() returns what is there, so a tool at the end of
 * a slow pipe (tail -f | sg-clean) writes each line as it arrives.  Its
 * first two bytes tell gzip (then inflated here, member after member)
 * from plain.  Before waiting on such an input, the tool's output so far
 * is written (sg_io_waiting(): the writer's flush, through iolink.c).
 */
#define ZIN	(64u * 1024)

struct sg_input {
	gzFile		 gz;		/* a regular file, else NULL */
	const char	*name;
	int		 fd;
	int		 eof;
	unsigned char	 head[2];	/* a stream's first bytes */
	size_t		 nhead, headat;
	int		 inflating;	/* a gzip stream */
	z_stream	 zs;
	unsigned char	*zin;
	int		 rawend;	/* the stream's bytes are all read */
	int		 member;	/* inside a gzip member */
};

/* read() on a stream: EINTR retried; before it would wait, the output
 * so far is written (sg_io_waiting(), iolink.c). */
static size_t
raw_read(struct sg_input *in, void *buf, size_t n)
{
	struct pollfd pfd;
	ssize_t r;

	pfd.fd = in->fd;
	pfd.events = POLLIN;
	if (poll(&pfd, 1, 0) == 0)
		sg_io_waiting();
	for (;;) {
		r = read(in->fd, buf, n);
		if (r >= 0)
			return (size_t)r;
		if (errno != EINTR)
			sg_die("%s: read error: %s", in->name, strerror(errno));
	}
}

/*
 * Reads more of a gzip stream after its avail_in bytes not yet used
 * (moved to the start of zin); returns the number of new bytes, 0 at the
 * end of the stream.
 */
static size_t
z_fill(struct sg_input *in)
{
	size_t have = in->zs.avail_in, k;

	if (in->rawend)
		return 0;
	if (have > 0 && in->zs.next_in != in->zin)
		memmove(in->zin, in->zs.next_in, have);
	k = raw_read(in, in->zin + have, ZIN - have);
	if (k == 0)
		in->rawend = 1;
	in->zs.next_in = in->zin;
	in->zs.avail_in = (uInt)(have + k);
	return k;
}

/*
 * Up to n inflated bytes of a gzip stream: returns as soon as it has
 * some, 0 at the end.  Members follow one another; bytes after the last
 * member that do not begin another are ignored, as gzread does.
 */
static size_t
z_read(struct sg_input *in, unsigned char *buf, size_t n)
{
	size_t got;
	int ret;

	for (;;) {
		if (!in->member) {
			while (in->zs.avail_in < 2 && z_fill(in) > 0)
				;
			if (in->zs.avail_in < 2 || in->zs.next_in[0] != 0x1f ||
			    in->zs.next_in[1] != 0x8b)
				return 0;
			if (inflateReset(&in->zs) != Z_OK)
				sg_die("%s: corrupt gzip data", in->name);
			in->member = 1;
		}
		if (in->zs.avail_in == 0 && z_fill(in) == 0)
			sg_die("%s: truncated gzip data", in->name);
		in->zs.next_out = buf;
		in->zs.avail_out = (uInt)n;
		ret = inflate(&in->zs, Z_NO_FLUSH);
		got = n - in->zs.avail_out;
		if (ret == Z_STREAM_END)
			in->member = 0;
		else if (ret != Z_OK && ret != Z_BUF_ERROR)
			sg_die("%s: corrupt gzip data: %s", in->name,
			    in->zs.msg != NULL ? in->zs.msg : "bad data");
		if (got > 0)
			return got;
	}
}

/* The input being opened, kept reachable should opening it fail (an
 * exit is no leak, and LeakSanitizer should not say one). */
static struct sg_input *volatile opening;

struct sg_input *
sg_input_open(const char *path)
{
	struct sg_input *in = opening = sg_calloc(1, sizeof(*in));
	struct stat st;
	size_t k;

	if (path == NULL || strcmp(path, "-") == 0) {
		in->name = sg_stdin_name();
		in->fd = dup(STDIN_FILENO);
		if (in->fd < 0)
			sg_die("%s: cannot read standard input: %s",
			    sg_stdin_name(), strerror(errno));
	} else {
		in->name = path;
		in->fd = open(path, O_RDONLY);
		if (in->fd < 0)
			sg_die("%s: cannot open: %s", path, strerror(errno));
	}
	/* (Should fstat fail, the file is read as one, through gzread.) */
	if (fstat(in->fd, &st) < 0)
		st.st_mode = S_IFBLK;
	if (S_ISREG(st.st_mode))
		sg_io_note_input(in->name, in->fd);
	else if (!S_ISBLK(st.st_mode)) {
		/* A stream: gzip or not, from its first two bytes. */
		while (in->nhead < 2 && (k = raw_read(in, in->head + in->nhead,
		    2 - in->nhead)) > 0)
			in->nhead += k;
		if (in->nhead == 2 && in->head[0] == 0x1f &&
		    in->head[1] == 0x8b) {
			in->inflating = 1;
			in->zin = sg_malloc(ZIN);
			memcpy(in->zin, in->head, 2);
			in->nhead = 0;
			/* 15 + 16: a gzip wrapper, the largest window. */
			if (inflateInit2(&in->zs, 15 + 16) != Z_OK)
				sg_die("%s: cannot start gzip input",
				    in->name);
			in->zs.next_in = in->zin;
			in->zs.avail_in = 2;
		}
		return in;
	}
	in->gz = gzdopen(in->fd, "rb");
	if (in->gz == NULL)
		sg_die("%s: cannot open: out of memory", in->name);
	gzbuffer(in->gz, 256 * 1024);
	return in;
}

size_t
sg_input_read(struct sg_input *in, void *buf, size_t n)
{
	int r, zerr;
	const char *msg;

	if (in->eof)
		return 0;
	if (n > (1u << 30))
		n = 1u << 30;
	if (in->gz == NULL) {
		size_t k;

		if (in->inflating) {
			k = z_read(in, buf, n);
		} else if (in->headat < in->nhead) {
			/* The bytes read to tell gzip, first. */
			k = in->nhead - in->headat < n ? in->nhead - in->headat :
			    n;
			memcpy(buf, in->head + in->headat, k);
			in->headat += k;
		} else {
			k = raw_read(in, buf, n);
		}
		if (k == 0)
			in->eof = 1;
		return k;
	}
	r = gzread(in->gz, buf, (unsigned)n);
	if (r < 0) {
		msg = gzerror(in->gz, &zerr);
		if (zerr == Z_ERRNO)
			sg_die("%s: read error: %s", in->name,
			    strerror(errno));
		sg_die("%s: corrupt gzip data: %s", in->name, msg);
	}
	if (r == 0) {
		msg = gzerror(in->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END) {
			if (zerr == Z_BUF_ERROR)
				sg_die("%s: truncated gzip data", in->name);
			sg_die("%s: corrupt gzip data: %s", in->name, msg);
		}
		in->eof = 1;
	}
	return (size_t)r;
}

const char *
sg_input_name(const struct sg_input *in)
{
	return in->name;
}

int
sg_input_is_gzip(const struct sg_input *in)
{
	return in->gz != NULL ? !gzdirect(in->gz) : in->inflating;
}

void
sg_input_close(struct sg_input *in)
{
	if (in == NULL)
		return;
	if (in->gz != NULL) {
		gzclose_r(in->gz);	/* closes in->fd too */
	} else {
		if (in->inflating)
			inflateEnd(&in->zs);
		free(in->zin);
		close(in->fd);
	}
	free(in);
}

struct sg_reader {
	char		**files;
	int		  nfiles;
	int		  cur;		/* index of the current file */
	struct sg_input	 *in;
	char		 *buf;
	size_t		  cap;
	size_t		  start;	/* first unconsumed byte */
	size_t		  end;		/* end of data in buf */
	size_t		  scan;		/* where to look for LF from */
	int		  eof;		/* current input exhausted */
	size_t		  nulat;	/* first NUL byte read, or NONUL */
	int		  linenul;	/* the last line holds it */
	long		  line;
	int		  ragged;
	struct sg_record  hdr;
	char		 *hdrline;	/* header as read, for comparing */
	size_t		  hdrlen;
	char		**ff;		/* field arrays, owned here */
	size_t		 *fl;
	size_t		  fcap;		/* their capacity */
};

/* Fills more data; returns 0 when the current input is exhausted. */
static int
fill(struct sg_reader *r)
{
	size_t n;

	if (r->eof)
		return 0;
	/* Move the partial line to the start once less than half the
	 * buffer is free, so reads stay big. */
	if (r->start > 0 && (r->start == r->end ||
	    r->cap - r->end < r->cap / 2)) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->scan -= r->start;
		if (r->nulat != NONUL)
			r->nulat -= r->start;
		r->start = 0;
	}
	if (r->end == r->cap) {
		r->cap *= 2;
		r->buf = sg_realloc(r->buf, r->cap + 1);
	}
	n = sg_input_read(r->in, r->buf + r->end, r->cap - r->end);
	if (n == 0) {
		r->eof = 1;
		return 0;
	}
	/* A NUL is looked for once per block, not once per line: the line
	 * that holds the first one is refused when it is split. */
	if (r->nulat == NONUL) {
		const char *z = memchr(r->buf + r->end, '\0', n);

		if (z != NULL)
			r->nulat = (size_t)(z - r->buf);
	}
	r->end += n;
	return 1;
}

/*
 * Next physical line of the current input: sets *line and *len (without
 * LF or a CR before it) and returns 1, or 0 at the end of this input.
 */
static int
next_line(struct sg_reader *r, char **line, size_t *len)
{
	char *nl;
	size_t n;

	for (;;) {
		nl = memchr(r->buf + r->scan, '\n', r->end - r->scan);
		if (nl != NULL)
			break;
		r->scan = r->end;
		if (!fill(r)) {
			if (r->start == r->end)
				return 0;
			/* A last line without LF. */
			nl = r->buf + r->end;
			break;
		}
	}
	*line = r->buf + r->start;
	n = (size_t)(nl - *line);
	r->linenul = r->nulat != NONUL && r->nulat >= r->start &&
	    r->nulat < (size_t)(nl - r->buf);
	*nl = '\0';
	r->start = r->scan = (size_t)(nl - r->buf) + (nl < r->buf + r->end);
	if (r->start > r->end)
		r->start = r->scan = r->end;
	if (n > 0 && (*line)[n - 1] == '\r')
		(*line)[--n] = '\0';
	*len = n;
	r->line++;
	return 1;
}

/* Grows the field arrays of split() when they are full. */
static void
grow_fields(char ***fp, size_t **lp, size_t *capp)
{
	*capp = *capp ? *capp * 2 : 64;
	*fp = sg_realloc(*fp, *capp * sizeof(**fp));
	*lp = sg_realloc(*lp, *capp * sizeof(**lp));
}

/*
 * Splits line[0..len) at TABs in place into rec, whose arrays are
 * *fp and *lp of capacity *capp (grown as needed).  Fields are short, so
 * rather than a call to memchr per field, the line is read 8 bytes at a
 * time and every TAB in a word is taken from one mask (exact: a bit is set
 * for each byte that is a TAB and for no other); the last bytes one by
 * one.
 */
static void
split(struct sg_reader *r, struct sg_record *rec, char ***fp, size_t **lp,
    size_t *capp, char *line, size_t len)
{
	char *fs = line, *t;
	size_t n = 0, i = 0;

	if (r->linenul)
		sg_data_error(r->in->name, r->line, NULL,
		    "NUL byte in the stream", NULL, 0);
#define FIELD_ENDS_AT(at) do {						\
		t = (at);						\
		if (n == *capp)						\
			grow_fields(fp, lp, capp);			\
		(*fp)[n] = fs;						\
		(*lp)[n++] = (size_t)(t - fs);				\
		*t = '\0';						\
		fs = t + 1;						\
	} while (0)
#ifdef __SSE2__
	{
		/* 16 bytes at a time where SSE2 is (every x86-64). */
		const __m128i tabs = _mm_set1_epi8('\t');
		unsigned m;

		for (; i + 16 <= len; i += 16) {
			m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(
			    _mm_loadu_si128((const __m128i *)(line + i)),
			    tabs));
			while (m != 0) {
				FIELD_ENDS_AT(line + i + __builtin_ctz(m));
				m &= m - 1;
			}
		}
	}
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	{
		const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
		const uint64_t tabs = 0x0909090909090909ULL;
		uint64_t w, x, m;

		for (; i + 8 <= len; i += 8) {
			memcpy(&w, line + i, 8);
			x = w ^ tabs;
			m = ~(((x & low7) + low7) | x | low7);
			while (m != 0) {
				FIELD_ENDS_AT(line + i +
				    (__builtin_ctzll(m) >> 3));
				m &= m - 1;
			}
		}
	}
#endif
	for (; i < len; i++)
		if (line[i] == '\t')
			FIELD_ENDS_AT(line + i);
#undef FIELD_ENDS_AT
	if (n == *capp)
		grow_fields(fp, lp, capp);
	(*fp)[n] = fs;
	(*lp)[n++] = (size_t)(line + len - fs);
	rec->f = *fp;
	rec->len = *lp;
	rec->n = n;
	rec->line = line;
	rec->linelen = len;
}

static void
open_file(struct sg_reader *r)
{
	const char *path = r->nfiles > 0 ? r->files[r->cur] : NULL;

	r->in = sg_input_open(path);
	r->start = r->end = r->scan = 0;
	r->eof = 0;
	r->nulat = NONUL;
	r->linenul = 0;
	r->line = 0;
}

/* Reads the header of the current file; returns 0 if the file is empty. */
static int
read_header(struct sg_reader *r, char **line, size_t *len)
{
	if (!next_line(r, line, len))
		return 0;
	/* A UTF-8 BOM is not part of the first name. */
	if (*len >= 3 && memcmp(*line, "\xEF\xBB\xBF", 3) == 0) {
		*line += 3;
		*len -= 3;
	}
	return 1;
}

struct sg_reader *
sg_reader_open(char **files, int nfiles)
{
	struct sg_reader *r = sg_calloc(1, sizeof(*r));
	char *line, **hf = NULL;
	size_t len, i, *hl = NULL, hcap = 0;
	struct sg_hash *names;
	int isnew;

	r->files = files;
	r->nfiles = nfiles;
	r->cap = BLOCK;
	r->buf = sg_malloc(r->cap + 1);
	open_file(r);
	if (!read_header(r, &line, &len))
		sg_data_error(r->in->name, 0, NULL,
		    "empty input: no header line", NULL, 0);
	/* A CR inside a record is escaped in the stream: one here means
	 * the lines end in CR alone (old Mac files), read as one line. */
	if (memchr(line, '\r', len) != NULL)
		sg_data_error(r->in->name, 1, NULL,
		    "CR in the header: lines ending in CR alone? "
		    "sg-import reads such files", NULL, 0);
	r->hdrline = sg_strndup(line, len);
	r->hdrlen = len;
	/* The header keeps its own copy and arrays. */
	split(r, &r->hdr, &hf, &hl, &hcap, sg_strndup(line, len), len);
	/* Names are checked through a hash: a header of a million columns
	 * must not take a million squared comparisons. */
	names = sg_hash_new();
	for (i = 0; i < r->hdr.n; i++) {
		if (r->hdr.len[i] == 0) {
			char name[32];
			snprintf(name, sizeof(name), "column %zu", i + 1);
			sg_data_error(r->in->name, 1, name,
			    "empty column name", NULL, 0);
		}
		sg_hash_get(names, r->hdr.f[i], r->hdr.len[i], 1, &isnew);
		if (!isnew)
			sg_data_error(r->in->name, 1, r->hdr.f[i],
			    "duplicate column name", r->hdr.f[i],
			    r->hdr.len[i]);
	}
	sg_hash_free(names);
	return r;
}

const struct sg_record *
sg_reader_header(const struct sg_reader *r)
{
	return &r->hdr;
}

void
sg_reader_allow_ragged(struct sg_reader *r)
{
	r->ragged = 1;
}

int
sg_read(struct sg_reader *r, struct sg_record *rec)
{
	char *line, buf[64];
	size_t len;

	while (!next_line(r, &line, &len)) {
		if (r->cur + 1 >= r->nfiles)
			return 0;
		sg_input_close(r->in);
		r->cur++;
		open_file(r);
		if (!read_header(r, &line, &len))
			sg_data_error(r->in->name, 0, NULL,
			    "empty input: no header line", NULL, 0);
		if (len != r->hdrlen || memcmp(line, r->hdrline, len) != 0)
			sg_data_error(r->in->name, 1, NULL,
			    "header differs from the first file's", line,
			    len);
	}
	split(r, rec, &r->ff, &r->fl, &r->fcap, line, len);
	if (rec->n != r->hdr.n && !r->ragged) {
		snprintf(buf, sizeof(buf), "%zu fields where the header has %zu",
		    rec->n, r->hdr.n);
		sg_data_error(r->in->name, r->line, NULL, buf, NULL, 0);
	}
	return 1;
}

const char *
sg_reader_file(const struct sg_reader *r)
{
	return r->in->name;
}

long
sg_reader_line(const struct sg_reader *r)
{
	return r->line;
}

void
sg_reader_close(struct sg_reader *r)
{
	if (r == NULL)
		return;
	sg_input_close(r->in);
	free(r->buf);
	free(r->hdrline);
	free(r->hdr.line);
	free(r->hdr.f);
	free(r->hdr.len);
	free(r->ff);
	free(r->fl);
	free(r);
}
