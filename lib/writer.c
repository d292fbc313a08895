/*
 * writer.c: buffered output of the stream; -o FILE written atomically
 * (a temporary file in the same directory, then rename), -z gzipped.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "sg.h"

#define WBUF	(256u * 1024)

struct sg_writer {
	char		*buf;
	size_t		 len;
	int		 fd;
	gzFile		 gz;
	char		*path;		/* final name, NULL for stdout */
	char		*tmp;		/* temporary name */
	const char	*name;		/* for messages */
	struct sg_writer *next;		/* open writers */
};

static struct sg_writer *open_writers;
static int hooked;

/* On any fatal exit, leave no temporary file behind. */
static void
remove_temps(void)
{
	struct sg_writer *w;

	for (w = open_writers; w != NULL; w = w->next)
		if (w->tmp != NULL)
			unlink(w->tmp);
	open_writers = NULL;
}

/*
 * Killed by SIGTERM, SIGINT or SIGHUP (a scheduler's timeout, Ctrl-C, a
 * closed terminal): remove the temporary files, so the previous output
 * stays and nothing is left beside it, then die of the same signal.
 * (SIGKILL cannot be caught: it leaves the .sg-tmp-* file.)  unlink() is
 * async-signal-safe; the list is only read here.
 */
static void
on_signal(int sig)
{
	struct sg_writer *w;

	for (w = open_writers; w != NULL; w = w->next)
		if (w->tmp != NULL)
			unlink(w->tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
catch_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa, old;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		/* A signal the caller ignores (nohup) stays ignored. */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
	}
}

static void
unlist(struct sg_writer *w)
{
	struct sg_writer **pp;

	for (pp = &open_writers; *pp != NULL; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			break;
		}
}

static void
write_failed(struct sg_writer *w, int err)
{
	if (err == EPIPE) {
		/* The reader went away (| head): end quietly. */
		remove_temps();
		_exit(SG_EXIT_OK);
	}
	sg_die("write error: %s: %s", w->name, strerror(err));
}

/*
 * mkstemp() makes the temporary file 0600, owned by whoever runs the
 * tool; renamed into place it would replace the file's mode and owner.
 * A file that exists keeps its owner's intent: its permission bits (a
 * 0600 table of children's records stays 0600, a 0644 one stays
 * readable) and, where we may set them (root, or a group we are in),
 * its owner and group.  A new file gets 0666 less the umask, as any
 * file the user makes.  A chmod that fails leaves 0600, the safe side.
 */
static void
keep_intent(struct sg_writer *w, const struct stat *old)
{
	mode_t mask;

	if (old != NULL) {
		/* The group first: once the owner is changed, only root
		 * could change it. */
		if (old->st_gid != getegid())
			(void)!fchown(w->fd, (uid_t)-1, old->st_gid);
		if (old->st_uid != geteuid())
			(void)!fchown(w->fd, old->st_uid, (gid_t)-1);
		if (fchmod(w->fd, old->st_mode & 0777) < 0)
			sg_warn("%s: cannot keep its mode %04o: %s", w->name,
			    (unsigned)(old->st_mode & 0777), strerror(errno));
		return;
	}
	mask = umask(0);
	umask(mask);
	(void)fchmod(w->fd, 0666 & ~mask);
}

/*
 * 1 if path names a stream that is already open rather than a file of its
 * own: a path in /dev or /proc, or a symbolic link that leads through one
 * (/dev/stdout, /dev/fd/3, a link to /proc/self/fd/1).  Such a file is
 * written in place: a new file renamed over it would replace the link,
 * and as root /dev/stdout itself.  *fd is the descriptor of this process
 * the path names (/proc/self/fd/N, /dev/fd/N), or -1.
 */
static int
stream_path(const char *path, int *fd)
{
	char link[PATH_MAX];
	const char *n;
	ssize_t len;
	int hops, stream = 0;

	*fd = -1;
	for (hops = 0; hops < 40; hops++) {
		if (strncmp(path, "/dev/", 5) == 0 ||
		    strncmp(path, "/proc/", 6) == 0)
			stream = 1;
		n = strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14 :
		    strncmp(path, "/dev/fd/", 8) == 0 ? path + 8 : NULL;
		if (n != NULL && *n >= '0' && *n <= '9' &&
		    strspn(n, "0123456789") == strlen(n) && strlen(n) < 6) {
			*fd = atoi(n);
			return 1;
		}
		len = readlink(path, link, sizeof(link) - 1);
		if (len < 0 || link[0] != '/')
			return stream;	/* the end, or a relative link */
		link[len] = '\0';
		path = link;
	}
	return stream;
}

/*
 * The file an -o path is written to: the path itself, or where a
 * symbolic link leads, so that the new table replaces the file and the
 * link stays.  A link that leads nowhere is an error.
 */
static char *
real_target(const char *path, int exists)
{
	struct stat lst;
	char *real;

	if (lstat(path, &lst) < 0 || !S_ISLNK(lst.st_mode))
		return sg_strdup(path);
	if (!exists || (real = realpath(path, NULL)) == NULL)
		sg_die("%s: a symbolic link to a file that does not exist",
		    path);
	return real;
}

struct sg_writer *
sg_writer_open(const char *path, int gzip)
{
	struct sg_writer *w = sg_calloc(1, sizeof(*w));
	const char *slash;
	struct stat st;
	size_t dirlen;
	int exists, fd;

	w->buf = sg_malloc(WBUF);
	if (path == NULL || strcmp(path, "-") == 0) {
		w->fd = STDOUT_FILENO;
		w->name = "standard output";
		sg_io_note_output(STDOUT_FILENO);
	} else if ((exists = stat(path, &st) == 0) &&
	    (stream_path(path, &fd) || !S_ISREG(st.st_mode))) {
		/*
		 * A device or FIFO (/dev/null, /dev/full, a named pipe) or
		 * an open stream is written in place: renaming a file over
		 * it would replace it.  One of our own descriptors
		 * (/dev/stdout, /dev/fd/3) is written through a copy of it,
		 * so that what we write and what is written to it already
		 * (our messages on /dev/stderr) follow each other, as in a
		 * shell's 2>&1.
		 */
		w->path = NULL;
		w->name = path;
		w->fd = fd >= 0 ? dup(fd) : open(path, O_WRONLY |
		    (S_ISREG(st.st_mode) ? O_APPEND : O_TRUNC));
		if (w->fd < 0)
			sg_die("%s: cannot open: %s", path, strerror(errno));
	} else {
		w->path = real_target(path, exists);
		w->name = path;		/* as given: the caller's, for good */
		path = w->path;
		slash = strrchr(path, '/');
		dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
		w->tmp = sg_malloc(dirlen + 16);
		memcpy(w->tmp, path, dirlen);
		memcpy(w->tmp + dirlen, ".sg-tmp-XXXXXX", 15);
		w->fd = mkstemp(w->tmp);
		if (w->fd < 0)
			sg_die("%s: cannot create: %s", path, strerror(errno));
		keep_intent(w, exists ? &st : NULL);
		if (!hooked) {
			sg_atdie(remove_temps);
			catch_signals();
			hooked = 1;
		}
	}
	if (gzip) {
		int fd = dup(w->fd);
		if (fd < 0 || (w->gz = gzdopen(fd, "wb6")) == NULL)
			sg_die("%s: cannot start gzip output", w->name);
	}
	/* Reads that would wait write out what we hold first. */
	sg_io_onwait(sg_writers_flush);
	w->next = open_writers;
	open_writers = w;
	return w;
}

static void
flush(struct sg_writer *w)
{
	size_t off = 0;
	ssize_t n;

	if (w->len == 0)
		return;
	if (w->gz != NULL) {
		if (gzwrite(w->gz, w->buf, (unsigned)w->len) != (int)w->len) {
			int zerr;
			const char *msg = gzerror(w->gz, &zerr);
			write_failed(w, zerr == Z_ERRNO ? errno : EIO);
			(void)msg;
		}
		w->len = 0;
		return;
	}
	while (off < w->len) {
		n = write(w->fd, w->buf + off, w->len - off);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			write_failed(w, errno);
		}
		off += (size_t)n;
	}
	w->len = 0;
}

/*
 * Run (through sg_io_waiting(), iolink.c) before the reader waits for a
 * slow input (a pipe or a terminal with nothing ready): what is written
 * so far goes out now, so a table follows its input line by line
 * instead of a block at a time.  gzip output is left to fill its blocks.
 */
void
sg_writers_flush(void)
{
	struct sg_writer *w;

	for (w = open_writers; w != NULL; w = w->next)
		if (w->gz == NULL)
			flush(w);
}

void
sg_write(struct sg_writer *w, const void *buf, size_t n)
{
	const char *p = buf;

	if (n == 0)
		return;		/* buf may then be NULL (an empty buffer) */

	if (w->len + n > WBUF) {
		flush(w);
		if (n >= WBUF) {
			/* Big writes go straight through. */
			while (n > 0) {
				size_t k = n < WBUF ? n : WBUF;
				memcpy(w->buf, p, k);
				w->len = k;
				flush(w);
				p += k;
				n -= k;
			}
			return;
		}
	}
	memcpy(w->buf + w->len, p, n);
	w->len += n;
}

void
sg_write_str(struct sg_writer *w, const char *s)
{
	sg_write(w, s, strlen(s));
}

void
sg_write_char(struct sg_writer *w, int c)
{
	if (w->len == WBUF)
		flush(w);
	w->buf[w->len++] = (char)c;
}

/* The bytes of the file at path, appended to b (a workbook a library
 * or another tool wrote, to go on through this writer). */
void
sg_read_back(struct sg_buf *b, const char *path, const char *name)
{
	FILE *fp = fopen(path, "rb");
	size_t n;

	if (fp == NULL)
		sg_die("%s: cannot read back the workbook", name);
	do {
		sg_buf_grow(b, b->len + 65536 + 1);
		n = fread(b->p + b->len, 1, 65536, fp);
		b->len += n;
	} while (n > 0);
	if (ferror(fp))
		sg_die("%s: cannot read back the workbook", name);
	fclose(fp);
}

void
sg_write_file(struct sg_writer *w, const char *path, const char *name)
{
	struct sg_buf b = { 0 };

	sg_read_back(&b, path, name);
	sg_write(w, b.p, b.len);
	sg_buf_free(&b);
}

void
sg_write_eol(struct sg_writer *w)
{
	sg_write_char(w, '\n');
}

void
sg_write_field(struct sg_writer *w, const char *s, size_t n, int first)
{
	if (!first)
		sg_write_char(w, '\t');
	sg_write(w, s, n);
}

void
sg_write_record(struct sg_writer *w, char *const *f, const size_t *len,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sg_write_field(w, f[i], len[i], i == 0);
	sg_write_char(w, '\n');
}

/* Most values need no escape and go straight out; the others (a name
 * or a message with a TAB) are escaped in a buffer first. */
void
sg_write_escaped(struct sg_writer *w, const char *s, size_t n)
{
	struct sg_buf b = { 0 };

	if (!sg_needs_escape(s, n)) {
		sg_write(w, s, n);
		return;
	}
	sg_buf_add_escaped(&b, s, n);
	sg_write(w, b.p, b.len);
	sg_buf_free(&b);
}

void
sg_writer_close(struct sg_writer *w)
{
	int err;

	if (w == NULL)
		return;
	flush(w);
	if (w->gz != NULL) {
		err = gzclose_w(w->gz);
		w->gz = NULL;
		if (err != Z_OK)
			write_failed(w, err == Z_ERRNO ? errno : EIO);
	}
	if (w->path != NULL) {
		if (fsync(w->fd) < 0 && errno != EINVAL && errno != EROFS)
			write_failed(w, errno);
		if (close(w->fd) < 0)
			write_failed(w, errno);
		if (rename(w->tmp, w->path) < 0)
			sg_die("%s: cannot rename into place: %s", w->path,
			    strerror(errno));
	} else if (w->fd != STDOUT_FILENO && close(w->fd) < 0)
		write_failed(w, errno);
	/* Listed until here: a failure above still removes the temp. */
	unlist(w);
	free(w->tmp);
	free(w->path);
	free(w->buf);
	free(w);
}

void
sg_writer_abort(struct sg_writer *w)
{
	if (w == NULL)
		return;
	if (w->gz != NULL)
		gzclose_w(w->gz);
	if (w->path != NULL) {
		close(w->fd);
		unlink(w->tmp);
	}
	unlist(w);
	free(w->tmp);
	free(w->path);
	free(w->buf);
	free(w);
}
