/*
 * sink.c: the one row sink of sg-import (sg-import(1)): the first row of
 * a file is its header (renamed by --map, checked for duplicates and
 * against the first file's); every later row is checked against it,
 * padded or set aside, escaped for the stream (sg(7)) and ended with the
 * --add columns.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "textfile.h"
#include "reject.h"
#include "sgre.h"
#include "import.h"

#define FIELD(ix, i)	((ix)->out.p + (ix)->foff[i])

void
sg_import_flush(struct sg_import *ix)
{
	if (ix->out.len == 0)
		return;
	sg_write(ix->w, ix->out.p, ix->out.len);
	ix->out.len = 0;
}

/* Appends s[0..n) to the output with the stream's four escapes. */
static inline void
out_escaped(struct sg_import *ix, const char *s, size_t n)
{
	const char *e = s + n;
	char *o;

	sg_import_room(ix, 2 * n);
	o = ix->out.p + ix->out.len;
	for (; s < e; s++) {
		switch (*s) {
		case '\\': *o++ = '\\'; *o++ = '\\'; break;
		case '\t': *o++ = '\\'; *o++ = 't'; break;
		case '\n': *o++ = '\\'; *o++ = 'n'; break;
		case '\r': *o++ = '\\'; *o++ = 'r'; break;
		default: *o++ = *s;
		}
	}
	ix->out.len = (size_t)(o - ix->out.p);
}

void
sg_import_row_reset(struct sg_import *ix)
{
	ix->nf = 0;
	ix->row_mark = ix->out.len;
	ix->row_nonempty = 0;
	ix->row_bad = 0;
}

void
sg_import_field(struct sg_import *ix, const char *s, size_t n)
{
	if (ix->nf == ix->fcap) {
		ix->fcap = ix->fcap ? 2 * ix->fcap : 64;
		ix->foff = sg_realloc(ix->foff, ix->fcap * sizeof(*ix->foff));
		ix->flen = sg_realloc(ix->flen, ix->fcap * sizeof(*ix->flen));
	}
	if (ix->nf > 0) {
		sg_import_room(ix, 1);
		ix->out.p[ix->out.len++] = '\t';
	}
	ix->foff[ix->nf] = ix->out.len;
	out_escaped(ix, s, n);
	ix->flen[ix->nf] = ix->out.len - ix->foff[ix->nf];
	ix->row_nonempty |= n > 0;
	ix->nf++;
}

/* Trims ASCII white space and no-break spaces from both ends. */
static void
trim(const char **s, size_t *n)
{
	const unsigned char *p = (const unsigned char *)*s, *e = p + *n;

	for (;;) {
		if (p < e && (*p == ' ' || *p == '\t' || *p == '\r' ||
		    *p == '\n'))
			p++;
		else if (e - p >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
			p += 2;
		else
			break;
	}
	for (;;) {
		if (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
		    e[-1] == '\n'))
			e--;
		else if (e - p >= 2 && e[-2] == 0xC2 && e[-1] == 0xA0)
			e -= 2;
		else
			break;
	}
	*s = (const char *)p;
	*n = (size_t)(e - p);
}

/*
 * The stream's name for header field i: trimmed, renamed by the first
 * --map rule it matches, escaped; "column_N" if empty.  *orig is the
 * trimmed text, for messages.
 */
static char *
header_name(struct sg_import *ix, size_t i, char **orig)
{
	const struct sg_import_settings *st = ix->s;
	struct sg_buf b = { NULL, 0, 0 };
	char *raw = sg_strndup(FIELD(ix, i), ix->flen[i]);
	const char *s = raw;
	size_t j, n = sg_unescape(raw, ix->flen[i]);

	trim(&s, &n);
	*orig = sg_strndup(s, n);
	if (n == 0)
		sg_buf_printf(&b, "column_%zu", i + 1);
	else {
		for (j = 0; j < st->nrules; j++)
			if (sgre_match(st->rules[j].re, s, n))
				break;
		if (j < st->nrules)
			sg_buf_adds(&b, st->rules[j].name);
		else
			sg_buf_add_escaped(&b, s, n);
	}
	free(raw);
	return b.p;
}

/*
 * Stops at the first name that repeats an earlier one.  Through a hash:
 * a million columns must not be a million squared comparisons.  Names
 * before the first duplicate are all distinct, so a name's hash index is
 * its column.
 */
static void
check_duplicates(struct sg_import *ix, char **names, char **orig,
    size_t total)
{
	struct sg_hash *seen = sg_hash_new();
	struct sg_buf *m = &ix->msg;
	size_t i, j;
	int isnew;

	for (i = 0; i < total; i++) {
		j = (size_t)sg_hash_get(seen, names[i], strlen(names[i]), 1,
		    &isnew);
		if (isnew)
			continue;
		m->len = 0;
		if (i >= ix->nf)
			sg_buf_printf(m, "--add %s: the file has that column "
			    "already (column %zu)", names[i], j + 1);
		else if (strcmp(orig[i], names[i]) == 0 &&
		    strcmp(orig[j], names[j]) == 0)
			sg_buf_printf(m, "duplicate column name: columns %zu "
			    "and %zu are both '%.100s'", j + 1, i + 1,
			    names[i]);
		else
			sg_buf_printf(m, "duplicate column name: columns %zu "
			    "('%.100s') and %zu ('%.100s') are both '%.100s'",
			    j + 1, orig[j], i + 1, orig[i], names[i]);
		sg_data_error(ix->file, ix->row_line, NULL, m->p, NULL, 0);
	}
	sg_hash_free(seen);
}

/* The first file's header: the stream's, written out; the --reject file
 * opens with it. */
static void
first_header(struct sg_import *ix, char **names, size_t total)
{
	struct sg_record r;
	size_t i, *lens;

	ix->hdr = names;
	ix->nhdr = total;
	ix->hdr_file = ix->file;
	for (i = 0; i < total; i++) {
		if (i > 0)
			sg_buf_addc(&ix->out, '\t');
		sg_buf_adds(&ix->out, names[i]);
	}
	sg_buf_addc(&ix->out, '\n');
	if (ix->s->reject == NULL)
		return;
	lens = sg_calloc(total, sizeof(*lens));
	for (i = 0; i < total; i++)
		lens[i] = strlen(names[i]);
	r.f = names;
	r.len = lens;
	r.n = total;
	r.line = NULL;
	r.linelen = 0;
	ix->rej = sg_reject_open(ix->s->reject, &r);
	free(lens);
}

/* A later file: its header must be the first file's. */
static void
later_header(struct sg_import *ix, char **names, size_t total)
{
	struct sg_buf *m = &ix->msg;
	size_t i;

	for (i = 0; i < total && i < ix->nhdr; i++)
		if (strcmp(names[i], ix->hdr[i]) != 0)
			break;
	if (i < total || total != ix->nhdr) {
		m->len = 0;
		if (i < total && i < ix->nhdr)
			sg_buf_printf(m, "header differs from %s's: column %zu "
			    "is '%.100s', expected '%.100s'", ix->hdr_file,
			    i + 1, names[i], ix->hdr[i]);
		else
			sg_buf_printf(m, "header differs from %s's: %zu "
			    "columns, expected %zu", ix->hdr_file, total,
			    ix->nhdr);
		sg_data_error(ix->file, ix->row_line, NULL, m->p, NULL, 0);
	}
	for (i = 0; i < total; i++)
		free(names[i]);
	free(names);
}

/* The first non-empty record of a file: its header. */
static void
header_row(struct sg_import *ix)
{
	const struct sg_import_settings *st = ix->s;
	size_t i, total = ix->nf + st->nadd;
	char **names, **orig;

	names = sg_calloc(total, sizeof(*names));
	orig = sg_calloc(total, sizeof(*orig));
	for (i = 0; i < ix->nf; i++)
		names[i] = header_name(ix, i, &orig[i]);
	for (i = 0; i < st->nadd; i++)
		names[ix->nf + i] = sg_strdup(st->add_name[i]);
	ix->out.len = ix->row_mark;	/* the header is written below, if at all */
	check_duplicates(ix, names, orig, total);
	for (i = 0; i < ix->nf; i++)
		free(orig[i]);
	free(orig);
	ix->ncols = ix->nf;
	ix->in_header = 0;
	if (ix->hdr == NULL)
		first_header(ix, names, total);
	else
		later_header(ix, names, total);
}

/*
 * Writes the current row to the --reject file, in the stream's columns:
 * a short row padded, the extra fields of a long one joined to its last
 * column with commas, so nothing is lost.
 */
static void
reject_row(struct sg_import *ix, const char *reason)
{
	const struct sg_import_settings *st = ix->s;
	struct sg_buf b = { NULL, 0, 0 };
	struct sg_record r;
	size_t i, j, *off = sg_calloc(ix->nhdr, sizeof(*off));

	r.f = sg_calloc(ix->nhdr, sizeof(*r.f));
	r.len = sg_calloc(ix->nhdr, sizeof(*r.len));
	r.n = ix->nhdr;
	r.line = NULL;
	r.linelen = 0;
	for (i = 0; i < ix->nhdr; i++) {
		off[i] = b.len;
		if (i < ix->ncols && i < ix->nf)
			sg_buf_add(&b, FIELD(ix, i), ix->flen[i]);
		if (i + 1 == ix->ncols)
			for (j = ix->ncols; j < ix->nf; j++) {
				sg_buf_addc(&b, ',');
				sg_buf_add(&b, FIELD(ix, j), ix->flen[j]);
			}
		if (i >= ix->ncols)
			sg_buf_add_escaped(&b, st->add_value[i - ix->ncols],
			    strlen(st->add_value[i - ix->ncols]));
		r.len[i] = b.len - off[i];
	}
	sg_buf_add(&b, "", 0);
	for (i = 0; i < ix->nhdr; i++)
		r.f[i] = b.p + off[i];
	sg_reject_row(ix->rej, &r, reason);
	free(r.f);
	free(r.len);
	free(off);
	sg_buf_free(&b);
}

/*
 * A row whose field count is not the header's: a data error, or set
 * aside with --reject.
 */
static void
ragged_row(struct sg_import *ix, size_t n)
{
	struct sg_buf *m = &ix->msg, reason = { NULL, 0, 0 };

	m->len = 0;
	sg_buf_printf(m, "%s has %zu field%s, the header has %zu",
	    ix->xlsx_file ? "row" : "record", n, n == 1 ? "" : "s", ix->ncols);
	if (ix->s->reject == NULL) {
		sg_buf_printf(m, " (see %s)", n < ix->ncols ?
		    "--pad and --reject" : "--reject");
		sg_data_error(ix->file, ix->row_line, NULL, m->p, NULL, 0);
	}
	sg_fmt_error_buf(&reason, ix->file, ix->row_line, NULL, m->p, NULL, 0);
	reject_row(ix, reason.p);
	sg_buf_free(&reason);
}

/* The end of a record assembled in out: the one row sink. */
void
sg_import_row_end(struct sg_import *ix)
{
	const struct sg_import_settings *st = ix->s;
	size_t i, n;

	if (!ix->row_nonempty) {
		ix->out.len = ix->row_mark;	/* an empty row (or line) is no row */
		return;
	}
	if (ix->in_header) {
		header_row(ix);
		return;
	}
	if (ix->row_bad) {
		reject_row(ix, ix->bad.p);
		ix->out.len = ix->row_mark;
		return;
	}
	n = ix->nf;
	if (n > ix->ncols && st->pad) {
		for (i = ix->ncols; i < n; i++)
			if (ix->flen[i] > 0)
				break;
		if (i == n)
			n = ix->ncols;	/* only empty fields beyond the header */
	}
	if (n != ix->ncols && !(n < ix->ncols && (st->pad || ix->xlsx_file))) {
		ragged_row(ix, n);
		ix->out.len = ix->row_mark;
		return;
	}
	if (n < ix->nf)
		ix->out.len = ix->foff[n - 1] + ix->flen[n - 1];
	sg_import_room(ix, ix->ncols - n + ix->add_tail.len + 1);
	for (; n < ix->ncols; n++)
		ix->out.p[ix->out.len++] = '\t';
	memcpy(ix->out.p + ix->out.len, ix->add_tail.p, ix->add_tail.len);
	ix->out.len += ix->add_tail.len;
	ix->out.p[ix->out.len++] = '\n';
	if (ix->out.len >= SG_IMPORT_FLUSH)
		sg_import_flush(ix);
}
