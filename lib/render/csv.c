/*
 * csv.c: sg-render -f csv, RFC 4180 CSV for another program: symbols and
 * numbers as the stream has them (sg-import reads it back as the same
 * stream) unless --display or --show asks otherwise, and a text cell a
 * spreadsheet would run as a formula guarded with a quote (man/sg-render.1).
 */
#include "config.h"

#include <string.h>

#include "sg.h"
#include "render/render.h"

/*
 * Whether s[0..n) is wholly a number as the display rules write one: a
 * sign, digits (grouped in threes by commas, or not at all), a point and
 * digits, a percent sign ("-5", "+30", "1,043", "-9.5%").  A spreadsheet
 * reads it as a number, never as a formula, so it needs no guard.
 */
static int
shown_number(const char *s, size_t n)
{
	size_t i = 0, lead;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (lead = 0; i < n && s[i] >= '0' && s[i] <= '9'; lead++)
		i++;
	if (lead == 0)
		return 0;
	if (i < n && s[i] == ',') {
		if (lead > 3)
			return 0;
		while (i < n && s[i] == ',') {
			if (n - i < 4 || s[i + 1] < '0' || s[i + 1] > '9' ||
			    s[i + 2] < '0' || s[i + 2] > '9' ||
			    s[i + 3] < '0' || s[i + 3] > '9')
				return 0;
			i += 4;
		}
	}
	if (i < n && s[i] == '.') {
		if (++i == n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && s[i] == '%')
		i++;
	return i == n;
}

/*
 * Writes one CSV field (RFC 4180).  guard != 0: a cell that begins with
 * = + - @ TAB or CR and is not wholly a number is a formula to Excel,
 * LibreOffice and Google Sheets ("=HYPERLINK(...)" in a free-text field
 * of a return would run on the reader's machine), so a single quote goes
 * before it, as OWASP advises; the cell then shows as text.
 */
static void
csv_field(struct sg_writer *w, const char *s, size_t n, int guard)
{
	size_t i;

	guard = guard && n > 0 && (s[0] == '=' || s[0] == '+' ||
	    s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r') &&
	    !shown_number(s, n);
	for (i = 0; i < n; i++)
		if (s[i] == ',' || s[i] == '"' || s[i] == '\r' ||
		    s[i] == '\n')
			break;
	if (i == n) {
		if (guard)
			sg_write_char(w, '\'');
		sg_write(w, s, n);
		return;
	}
	sg_write_char(w, '"');
	if (guard)
		sg_write_char(w, '\'');
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			sg_write_char(w, '"');
		sg_write_char(w, s[i]);
	}
	sg_write_char(w, '"');
}

/* Whether column c has no display rule: its numbers are shown as written. */
static int
as_written(const struct sg_render_col *c)
{
	return c->dp < 0 && !c->thousands && !c->sign && !c->pct;
}

static void
csv_row(struct sg_render *x, const struct sg_record *rec, int header)
{
	struct sg_buf *disp = &x->disp;
	size_t i;

	for (i = 0; i < x->ncols; i++) {
		if (i > 0)
			sg_write_char(x->w, ',');
		disp->len = 0;
		if (header || x->cols[i].rag == -2)
			sg_render_add_unescaped(disp, rec->f[i], rec->len[i]);
		else if (!x->csv_display && rec->len[i] > 1 &&
		    rec->f[i][0] == '-' && as_written(&x->cols[i]) &&
		    sg_plain_digits(rec->f[i] + 1, rec->len[i] - 1))
			/* A negative number as the stream has it: -0 stays
			 * -0 (the display rules show it as 0). */
			sg_buf_add(disp, rec->f[i], rec->len[i]);
		else
			(void)sg_render_value(x, &x->cols[i], rec->f[i],
			    rec->len[i], disp);
		/* Numbers (-5, +30, -9.5%) stay numbers; every other cell,
		 * a symbol's --show text included, is guarded. */
		csv_field(x->w, disp->p, disp->len, !x->csv_raw);
	}
	sg_write_str(x->w, "\r\n");
}

void
sg_render_csv(struct sg_render *x)
{
	struct sg_record rec;

	csv_row(x, x->hdr, 1);
	while (sg_read(x->r, &rec))
		csv_row(x, &rec, 0);
}
