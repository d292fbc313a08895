/*
 * reject.c: the --reject file shared by the streaming tools.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "reject.h"

struct sg_reject {
	struct sg_writer	*w;
	char			*path;
	size_t			 n;
};

static void
write_header(struct sg_reject *rj, const struct sg_record *header)
{
	size_t i;

	for (i = 0; i < header->n; i++)
		sg_write_field(rj->w, header->f[i], header->len[i], i == 0);
	sg_write_field(rj->w, "reason", 6, header->n == 0);
	sg_write_eol(rj->w);
}

struct sg_reject *
sg_reject_open(const char *path, const struct sg_record *header)
{
	struct sg_reject *rj;

	if (path == NULL)
		return NULL;
	rj = sg_calloc(1, sizeof(*rj));
	rj->path = sg_strdup(path);
	rj->w = sg_writer_open(path, 0);
	write_header(rj, header);
	return rj;
}

void
sg_reject_row(struct sg_reject *rj, const struct sg_record *rec,
    const char *reason)
{
	size_t i;

	for (i = 0; i < rec->n; i++)
		sg_write_field(rj->w, rec->f[i], rec->len[i], i == 0);
	sg_write_field(rj->w, "", 0, rec->n == 0);
	sg_write_escaped(rj->w, reason, strlen(reason));
	sg_write_eol(rj->w);
	rj->n++;
}

void
sg_bad_row(struct sg_reject *rj, const struct sg_reader *r,
    const struct sg_record *rec, const char *column, const char *what,
    const char *value, size_t len)
{
	/* Kept between rows (and reachable at exit), so a file of bad rows
	 * does not allocate for each. */
	static struct sg_buf msg;
	size_t size = msg.cap > 256 ? msg.cap : 256;

	/*
	 * sg_fmt_error() cuts what does not fit: a message that fills the
	 * buffer to within the room of one shown byte ("\xNN") and the
	 * closing "...'" may have been cut, so it is made again in twice
	 * the room until it is not.
	 */
	for (;;) {
		sg_buf_grow(&msg, size);
		sg_fmt_error(msg.p, msg.cap, sg_reader_file(r),
		    sg_reader_line(r), column, what, value, len);
		if (strlen(msg.p) + 10 < msg.cap)
			break;
		size = msg.cap * 2;
	}
	if (rj == NULL)
		sg_die("%s", msg.p);
	sg_reject_row(rj, rec, msg.p);
}

size_t
sg_reject_count(const struct sg_reject *rj)
{
	return rj != NULL ? rj->n : 0;
}

void
sg_reject_close(struct sg_reject *rj)
{
	if (rj == NULL)
		return;
	sg_writer_close(rj->w);
	if (rj->n > 0)
		sg_warn("%zu row%s set aside in %s", rj->n,
		    rj->n == 1 ? "" : "s", rj->path);
	free(rj->path);
	free(rj);
}

void
sg_write_fields(struct sg_writer *w, struct sg_record *rec)
{
	size_t i;

	for (i = 0; i + 1 < rec->n; i++)
		rec->f[i][rec->len[i]] = '\t';
	sg_write(w, rec->line, rec->linelen);
}
