/*
 * display.c: what every format of sg-render shares (man/sg-render.1): the
 * display rules of numbers and symbols, the RAG ratings and their key,
 * and the columns as the header and the options make them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "render/render.h"

const char sg_rag_letters[SG_NRAG] = { 'R', 'A', 'G', 'B', 'x' };
const char *const sg_rag_names[SG_NRAG] = {
	"Red", "Amber", "Green", "Blue", "no rating"
};
const char *const sg_rag_ansi[SG_NRAG] = {
	"\033[97;41m", "\033[30;43m", "\033[30;42m", "\033[97;44m", NULL
};
/* The key printed under the published agency-by-KPI table. */
static const char *const default_key[SG_NRAG] = {
	"Red = more than 15% below the KPI",
	"Amber = less than 15% below the KPI",
	"Green = met or exceeded the KPI",
	"Blue = N/A",
	"/ = nil or narrative response given"
};

/* The settings before the command line: the display of the symbols in a
 * published table, the default key. */
void
sg_render_init(struct sg_render *x)
{
	int j;

	memset(x, 0, sizeof(*x));
	x->fmt = SG_RENDER_TEXT;
	x->show[SG_LOW] = "low";
	x->show[SG_Z] = "N/A";
	x->show[SG_U] = "u";
	x->show[SG_X] = "/";
	x->show[SG_C] = "*";
	for (j = 0; j < SG_NRAG; j++) {
		x->key_text[j] = default_key[j];
		x->key_order[j] = j;
	}
	x->nkey = SG_NRAG;
	x->stdin_off = -1;
}

void
sg_render_free(struct sg_render *x)
{
	int j;

	for (j = 0; x->key_read && j < SG_NRAG; j++)
		free((char *)x->key_text[j]);
	sg_buf_free(&x->disp);
	sg_buf_free(&x->tmp);
	free(x->cols);
	free(x->notes);
	free(x->st);
}

/*
 * Appends the display text of value s[0..n) (a stream value, escapes
 * undone in place) in column c to out: the digits of a number with its
 * sign, separators and percent sign as c asks.
 */
static void
display_number(const struct sg_render_col *c, const char *t, size_t len,
    struct sg_buf *out)
{
	const char *dot;
	char *o;
	size_t ilen, i;
	int neg, zero;

	neg = t[0] == '-';
	if (neg) {
		t++;
		len--;
	}
	zero = 1;
	for (i = 0; i < len; i++)
		if (t[i] >= '1' && t[i] <= '9') {
			zero = 0;
			break;
		}
	/* At most a sign, the digits, a comma per 3, a %, the NUL. */
	if (out->len + len + len / 3 + 4 > out->cap) {
		while (out->len + len + len / 3 + 4 > out->cap)
			out->cap = out->cap ? out->cap * 2 : 64;
		out->p = sg_realloc(out->p, out->cap);
	}
	o = out->p + out->len;
	if (neg && !zero)
		*o++ = '-';
	else if (c->sign && !zero)
		*o++ = '+';
	dot = memchr(t, '.', len);
	ilen = dot != NULL ? (size_t)(dot - t) : len;
	if (c->thousands) {
		for (i = 0; i < ilen; i++) {
			if (i > 0 && (ilen - i) % 3 == 0)
				*o++ = ',';
			*o++ = t[i];
		}
	} else {
		memcpy(o, t, ilen);
		o += ilen;
	}
	memcpy(o, t + ilen, len - ilen);
	o += len - ilen;
	if (c->pct)
		*o++ = '%';
	*o = '\0';
	out->len = (size_t)(o - out->p);
}

/*
 * Appends the display text of value s[0..n) (a stream value, escapes
 * undone in place) in column c to out.  Returns 1 if it is a number or a
 * symbol (right-aligned), else 0.
 */
int
sg_render_value(const struct sg_render *x, const struct sg_render_col *c,
    char *s, size_t n, struct sg_buf *out)
{
	struct sg_value v;
	char num[SG_NUMBUF];

	if (n == 0)
		return 0;
	if (c->dp < 0 && s[0] >= '0' && s[0] <= '9' &&
	    sg_plain_digits(s, n)) {
		/* A number shown as written: no need for its value. */
		v.kind = SG_NUM;
	} else
		sg_value_parse(s, n, &v);
	if (v.kind == SG_BAD || (c->label && v.kind != SG_NUM)) {
		if (memchr(s, '\\', n) != NULL)	/* escapes are rare */
			n = sg_unescape(s, n);
		sg_buf_add(out, s, n);
		return 0;
	}
	if (v.kind != SG_NUM) {
		sg_buf_adds(out, x->show[v.kind]);
		return 1;
	}
	if (c->dp >= 0)
		display_number(c, num, sg_fmt_num(v.num, c->dp, num), out);
	else
		display_number(c, s, n, out);
	return 1;
}

/* The rating of a companion cell: index into sg_rag_letters. */
int
sg_render_rating(struct sg_reader *r, const struct sg_record *hdr,
    size_t col, const char *s, size_t n)
{
	int i;

	if (n == 0)
		return 4;
	if (n == 1)
		for (i = 0; i < SG_NRAG; i++)
			if (s[0] == sg_rag_letters[i])
				return i;
	sg_data_error(sg_reader_file(r), sg_reader_line(r), hdr->f[col],
	    "not a rating (R A G B x)", s, n);
}

/* The key of -k FILE: a stream of rating and text, in the key's order. */
void
sg_render_read_key(struct sg_render *x, const char *path)
{
	struct sg_reader *r;
	struct sg_record rec;
	char *files[1];
	size_t n;
	int i;

	memset(x->key_text, 0, sizeof(x->key_text));
	x->nkey = 0;
	x->key_read = 1;
	files[0] = (char *)path;
	r = sg_reader_open(files, 1);
	if (sg_reader_header(r)->n < 2)
		sg_data_error(sg_reader_file(r), 1, NULL,
		    "a key needs two columns, rating and text", NULL, 0);
	while (sg_read(r, &rec)) {
		i = sg_render_rating(r, sg_reader_header(r), 0, rec.f[0],
		    rec.len[0]);
		if (x->key_text[i] != NULL)
			sg_data_error(sg_reader_file(r), sg_reader_line(r),
			    sg_reader_header(r)->f[0], "rating given twice",
			    rec.f[0], rec.len[0]);
		n = sg_unescape(rec.f[1], rec.len[1]);
		x->key_text[i] = sg_strndup(rec.f[1], n);
		x->key_order[x->nkey++] = i;
	}
	sg_reader_close(r);
}

/*
 * The columns of x->hdr: every column shown, numbers right-aligned but
 * the first shown (the row header); a companion X.rag colours X and is
 * not shown (csv keeps it as it is).
 */
void
sg_render_columns(struct sg_render *x)
{
	const struct sg_record *hdr = x->hdr;
	char *name;
	size_t i, n;
	long c;

	x->ncols = hdr->n;
	x->cols = sg_calloc(x->ncols + 1, sizeof(*x->cols));
	for (i = 0; i < x->ncols; i++) {
		x->cols[i].shown = 1;
		x->cols[i].rag = -1;
		x->cols[i].dp = -1;
		x->cols[i].right = i > 0;
	}
	for (i = 0; i < x->ncols; i++) {
		n = hdr->len[i];
		if (n <= 4 || memcmp(hdr->f[i] + n - 4, ".rag", 4) != 0)
			continue;
		name = sg_strndup(hdr->f[i], n - 4);
		c = sg_col_find(hdr, name);
		free(name);
		if (c < 0)
			continue;
		x->cols[c].rag = (long)i;
		x->any_rag = 1;
		if (x->fmt == SG_RENDER_CSV)
			x->cols[i].rag = -2;
		else
			x->cols[i].shown = 0;
	}
	if (x->fmt == SG_RENDER_CSV)
		x->any_rag = 0;
	x->first_shown = x->ncols;
	for (i = 0; i < x->ncols; i++)
		if (x->cols[i].shown && x->nshown++ == 0)
			x->first_shown = i;
	if (x->first_shown < x->ncols) {
		x->cols[x->first_shown].right = 0;
		x->cols[x->first_shown].label = 1;
	}
}

/* A column option (-T -S -P -d, which is its letter) on the columns spec. */
void
sg_render_set_cols(struct sg_render *x, const char *opt, const char *spec,
    int which, int dp)
{
	size_t *idx, n, i;

	n = sg_cols_resolve(opt, spec, x->hdr, &idx);
	for (i = 0; i < n; i++) {
		switch (which) {
		case 'T': x->cols[idx[i]].thousands = 1; break;
		case 'S': x->cols[idx[i]].sign = 1; break;
		case 'P': x->cols[idx[i]].pct = 1; break;
		case 'd': x->cols[idx[i]].dp = dp; break;
		}
	}
	free(idx);
}

/* One row of a format that streams: each shown cell's display text in
 * x->disp, then its writer called with the cell's rating. */
static void
stream_row(struct sg_render *x, const struct sg_render_parts *f,
    struct sg_record *rec)
{
	size_t i;
	int num, rg;

	sg_write_str(x->w, f->row_open);
	for (i = 0; i < x->ncols; i++) {
		if (!x->cols[i].shown)
			continue;
		x->disp.len = 0;
		num = sg_render_value(x, &x->cols[i], rec->f[i], rec->len[i],
		    &x->disp);
		rg = sg_render_cell_rating(x, i, rec);
		f->cell(x, i, num, rg);
	}
	sg_write_str(x->w, f->row_close);
}

/*
 * Writes a format that streams (md, html), one record at a time.  The
 * first record is read before the header: it decides which columns are
 * right-aligned (a column whose first cell is text is not).
 */
void
sg_render_stream(struct sg_render *x, const struct sg_render_parts *f)
{
	struct sg_record rec;
	struct sg_value v;
	size_t i;
	int have;

	have = sg_read(x->r, &rec);
	for (i = 0; have && i < x->ncols; i++)
		if (i != x->first_shown && rec.len[i] > 0 &&
		    sg_value_parse(rec.f[i], rec.len[i], &v) == SG_BAD)
			x->cols[i].right = 0;
	f->start(x);
	f->header(x);
	for (; have; have = sg_read(x->r, &rec))
		stream_row(x, f, &rec);
	f->end(x);
}

/*
 * Writes the key, when a rating was shown and --no-key was not given:
 * head, then item() for each entry in the key's order (j is its rating,
 * 0 to 3 for R A G B, 4 for unrated), then tail.
 */
void
sg_render_key(struct sg_render *x, const char *head,
    void (*item)(struct sg_render *x, int j), const char *tail)
{
	int k;

	if (!x->any_rag || x->nokey)
		return;
	sg_write_str(x->w, head);
	for (k = 0; k < x->nkey; k++)
		item(x, x->key_order[k]);
	sg_write_str(x->w, tail);
}

/* Writes display text s[0..n), marked up for format f. */
void
sg_render_put(struct sg_render *x, const char *s, size_t n, enum sg_markup f)
{
	x->tmp.len = 0;
	sg_markup(&x->tmp, s, n, f);
	sg_write(x->w, x->tmp.p, x->tmp.len);
}

/* Text given on the command line (or a key), as it is, for format f. */
void
sg_render_put_str(struct sg_render *x, const char *s, enum sg_markup f)
{
	sg_render_put(x, s, strlen(s), f);
}

/* A column name: a stream value, so its escapes are undone. */
void
sg_render_put_name(struct sg_render *x, const char *s, enum sg_markup f)
{
	char *copy = sg_strdup(s);
	size_t n = sg_unescape(copy, strlen(copy));

	sg_render_put(x, copy, n, f);
	free(copy);
}
