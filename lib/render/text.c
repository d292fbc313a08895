/*
 * text.c: sg-render -f text, the aligned table (man/sg-render.1): each
 * column as wide as its widest cell, numbers right-aligned, a rating
 * after a rated cell (in colour on a terminal).  render/text.h says how
 * the widths are known before the first line.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "sg.h"
#include "render/text.h"

/* Whether s[0..n) is printable ASCII: sg_markup would copy it, one
 * column a byte. */
static int
plain_ascii(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t x;
	size_t i = 0;

	/* 8 bytes at a time: none below 0x20 (x - 0x20 borrows into its
	 * high bit), none with its high bit set, none 0x7f (x + 1 carries
	 * into it). */
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		if (((x - ones * 0x20) | x | (x + ones)) & high)
			return 0;
	}
	for (; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return 0;
	return 1;
}


/* The header's cells, held in t->hcells. */
static void
text_header_cells(struct text_table *t)
{
	struct sg_render *x = t->x;
	const struct sg_record *rec = x->hdr;
	struct sg_buf *disp = &x->disp, *tmp = &x->tmp;
	struct tcell c;
	size_t i, k;

	for (i = 0, k = 0; i < x->ncols; i++) {
		if (!x->cols[i].shown)
			continue;
		disp->len = 0;
		c.rag = -1;
		sg_render_add_unescaped(disp, rec->f[i], rec->len[i]);
		if (plain_ascii(disp->p, disp->len)) {
			c.s = disp->len > 0 ? disp->p : "";
			c.n = c.w = disp->len;
		} else {
			tmp->len = 0;
			c.w = sg_markup(tmp, disp->p, disp->len,
			    SG_MARKUP_TEXT);
			c.s = tmp->len > 0 ? tmp->p : "";
			c.n = tmp->len;
		}
		t->hcells[k] = c;
		t->hcells[k].s = sg_arena_strndup(t->arena, c.s, c.n);
		k++;
	}
	t->nrows++;
}

static void
text_line(struct sg_render *x, const char *s)
{
	x->tmp.len = 0;
	sg_markup(&x->tmp, s, strlen(s), SG_MARKUP_TEXT);
	sg_write(x->w, x->tmp.p, x->tmp.len);
	sg_write_char(x->w, '\n');
}

/* Line making for the rows, in room made beforehand. */
static inline char *
lb_add(char *o, const char *s, size_t n)
{
	memcpy(o, s, n);
	return o + n;
}

static inline char *
lb_str(char *o, const char *s)
{
	return lb_add(o, s, strlen(s));
}

static inline char *
lb_pad(char *o, size_t n)
{
	memset(o, ' ', n);
	return o + n;
}

/* Line room for a cell of n bytes in column k: the gap, the padding, the
 * rating and its colours. */
static inline size_t
text_cell_room(const struct text_table *t, size_t k, size_t n)
{
	return 2 + t->width[k] + n + 2 + 24;
}

/* The columns' widths, from the values' and the header's. */
static void
text_widths(struct text_table *t)
{
	size_t k, cw, nshown = t->x->nshown;

	for (k = 0; k < nshown; k++) {
		cw = t->vwidth[k] + (t->hasrag[k] ? 2 : 0);
		if (t->nrows > 0 && t->hcells[k].w > cw)
			cw = t->hcells[k].w;
		t->width[k] = cw;
	}
	for (t->cellroom = 2, k = 0; k < nshown; k++)
		t->cellroom += text_cell_room(t, k, 0);
}

/* The title and caption, before the table. */
static void
text_head(struct sg_render *x)
{
	if (x->title != NULL) {
		text_line(x, x->title);
		sg_write_char(x->w, '\n');
	}
	if (x->caption != NULL)
		text_line(x, x->caption);
}

/*
 * Line making: lb_room() makes room for n bytes and LB_SLACK more at o,
 * so that spaces and short cells can be written 8 or 16 bytes at a time,
 * past their end (what follows overwrites it).
 */
#define LB_SLACK	64

static inline char *
lb_room(struct sg_buf *lb, char *o, size_t n)
{
	size_t at = lb->p != NULL ? (size_t)(o - lb->p) : 0;

	if (lb->p == NULL || at + n + LB_SLACK > lb->cap) {
		lb->cap = (at + n + LB_SLACK) * 2;
		lb->p = sg_realloc(lb->p, lb->cap);
	}
	return lb->p + at;
}

static inline char *
lb_fastpad(char *o, size_t n)
{
	static const char sp[16] = "                ";
	size_t i;

	for (i = 0; i < n; i += 16)
		memcpy(o + i, sp, 16);
	return o + n;
}

static inline char *
lb_fastadd(char *o, const char *s, size_t n, size_t room)
{
	/* A cell under 16 bytes whose source has 16 readable: one copy. */
	if (n <= 16 && room >= 16)
		memcpy(o, s, 16);
	else
		memcpy(o, s, n);
	return o + n;
}

/*
 * One data cell c of a line, after the gap: padded to the column's width,
 * its rating after.  The line has room for the cell (text_cell_room()).
 * srcroom is how many bytes can be read from c->s (at least c->n).
 */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline char *
text_cell_out(const struct text_table *t, char *o, size_t k,
    const struct tcell *c, size_t srcroom)
{
	size_t j, left, nshown = t->x->nshown;
	int color = t->x->color, rag = c->rag;

	if (k > 0) {
		memcpy(o, "  ", 2);
		o += 2;
	}
	if (color && rag >= 0 && sg_rag_ansi[rag])
		o = lb_str(o, sg_rag_ansi[rag]);
	/* The value sits in its own width, the rating after. */
	j = t->width[k] - (t->hasrag[k] ? 2 : 0);
	left = t->right[k] ? j - c->w : 0;
	o = lb_fastpad(o, left);
	o = lb_fastadd(o, c->s, c->n, srcroom);
	if (t->hasrag[k] && (rag < 4 || k + 1 < nshown)) {
		o = lb_fastpad(o, j - c->w - left);
		*o++ = ' ';
		*o++ = rag < 4 ? sg_rag_letters[rag] : ' ';
		if (color && sg_rag_ansi[rag])
			o = lb_str(o, "\033[0m");
		return o;
	}
	if (color && rag >= 0 && sg_rag_ansi[rag]) {
		o = lb_fastpad(o, j - c->w - left);
		o = lb_str(o, "\033[0m");
	} else if (k + 1 < nshown) {
		o = lb_fastpad(o, j - c->w - left);
	}
	return o;
}

/* The header's line and its rule. */
static void
text_header_out(struct text_table *t)
{
	struct sg_render *x = t->x;
	const struct tcell *c = t->hcells;
	size_t k, cw, left, j, need;
	char *o;

	for (need = 2, k = 0; k < x->nshown; k++)
		need += text_cell_room(t, k, c[k].n);
	o = lb_room(&t->lb, t->lb.p, need);
	for (k = 0; k < x->nshown; k++) {
		if (k > 0)
			o = lb_str(o, "  ");
		cw = t->width[k];
		if (x->color)
			o = lb_str(o, "\033[1m");
		left = t->right[k] ? cw - c[k].w : 0;
		o = lb_pad(o, left);
		o = lb_add(o, c[k].s, c[k].n);
		if (x->color)
			o = lb_str(o, "\033[0m");
		if (k + 1 < x->nshown)
			o = lb_pad(o, cw - c[k].w - left);
	}
	*o++ = '\n';
	sg_write(x->w, t->lb.p, (size_t)(o - t->lb.p));
	for (k = 0; k < x->nshown; k++) {
		if (k > 0)
			sg_write_str(x->w, "  ");
		for (j = 0; j < t->width[k]; j++)
			sg_write_char(x->w, '-');
	}
	sg_write_char(x->w, '\n');
}

/* A data row's line, from cells read back from the spool. */
static void
text_row_out(struct text_table *t, const struct tcell *c)
{
	size_t k, need;
	char *o;

	for (need = 2, k = 0; k < t->x->nshown; k++)
		need += text_cell_room(t, k, c[k].n);
	o = lb_room(&t->lb, t->lb.p, need);
	for (k = 0; k < t->x->nshown; k++)
		o = text_cell_out(t, o, k, &c[k], c[k].n);
	*o++ = '\n';
	sg_write(t->x->w, t->lb.p, (size_t)(o - t->lb.p));
}

static void
text_key_item(struct sg_render *x, int j)
{
	struct sg_writer *w = x->w;

	sg_write_str(w, "  ");
	if (x->color && sg_rag_ansi[j] != NULL) {
		sg_write_str(w, sg_rag_ansi[j]);
		sg_write_char(w, ' ');
		sg_write_char(w, sg_rag_letters[j]);
		sg_write_str(w, " \033[0m ");
	} else if (j < 4) {
		sg_write_char(w, sg_rag_letters[j]);
		sg_write_str(w, "  ");
	} else {
		sg_write_str(w, "   ");
	}
	text_line(x, x->key_text[j]);
}

/* The notes and the key, after the table. */
static void
text_tail(struct sg_render *x)
{
	struct sg_writer *w = x->w;
	size_t j;

	if (x->nnotes > 0)
		sg_write_char(w, '\n');
	for (j = 0; j < x->nnotes; j++)
		text_line(x, x->notes[j]);
	sg_render_key(x, "\nKey:\n", text_key_item, "");
}

/* The table from the spool (input that can be read only once). */
static void
text_write(struct text_table *t)
{
	struct spool_in in;
	size_t row;

	text_widths(t);
	sg_text_spool_open(t, &in);
	text_head(t->x);
	for (row = 0; row < t->nrows; row++) {
		if (row == 0) {
			text_header_out(t);
		} else {
			sg_text_spool_row(t, &in);
			text_row_out(t, t->row);
		}
	}
	free(in.buf);
	text_tail(t->x);
}

/*
 * Input that can be read twice (regular files, named or on standard
 * input) needs no spool: the first pass measures, the second makes each
 * cell again and writes it.  Most cells are shown as they are written:
 * when the whole line is printable ASCII without a backslash
 * (line_plain()), cell_as_is() tells them from the first byte, in the
 * same way as sg_render_value() would: plain digits in a column without
 * display options, or text that cannot be a number or a symbol (it begins
 * with a digit but is not plain digits, or it begins with a letter, is
 * two bytes or more and is not "low").  Sets *num as sg_render_value()
 * would return.
 */
static inline int
cell_as_is(const struct sg_render_col *c, const char *s, size_t n, int *num)
{
	unsigned char ch;

	if (n == 0) {
		*num = 0;
		return 1;
	}
	ch = (unsigned char)s[0];
	if (ch >= '0' && ch <= '9') {
		/* A number begins with '-' or is plain digits: anything
		 * else that begins with a digit is text. */
		if (sg_plain_digits(s, n)) {
			if (c->dp >= 0 || c->thousands || c->sign || c->pct)
				return 0;
			*num = 1;
			return 1;
		}
	} else if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') || n < 2 ||
	    (n == 3 && memcmp(s, "low", 3) == 0)) {
		return 0;
	}
	*num = 0;
	return 1;
}

/*
 * Whether a record's fields are all printable ASCII without a backslash:
 * its line, where NULs stand for the TABs, holds no byte in 0x01-0x1f,
 * none of 0x7f and up, and no backslash.
 */
static int
line_plain(const struct sg_record *rec)
{
	const unsigned char *s = (const unsigned char *)rec->line;
	size_t i = 0, n = rec->linelen;
#ifdef __SSE2__
	/* 16 bytes at a time: below 0x20 as signed bytes (so 0x80 and up
	 * too) but not NUL, or 0x7f, or a backslash. */
	const __m128i sp = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f),
	    bs = _mm_set1_epi8('\\'), zero = _mm_setzero_si128();
	__m128i x, bad;

	for (; i + 16 <= n; i += 16) {
		x = _mm_loadu_si128((const __m128i *)(s + i));
		bad = _mm_or_si128(_mm_andnot_si128(_mm_cmpeq_epi8(x, zero),
		    _mm_cmplt_epi8(x, sp)), _mm_or_si128(
		    _mm_cmpeq_epi8(x, del), _mm_cmpeq_epi8(x, bs)));
		if (_mm_movemask_epi8(bad) != 0)
			return 0;
	}
#else
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80,
	    low7 = ones * 0x7f;
	uint64_t x, l, y, bad;

	/* 8 bytes at a time, each test exact for every byte (no carries
	 * between bytes: the high bits are masked off first). */
	for (; i + 8 <= n; i += 8) {
		memcpy(&x, s + i, 8);
		l = x & low7;
		y = (x ^ (ones * '\\')) & low7;
		bad = x					/* 0x80 and up */
		    | (l + ones)			/* 0x7f */
		    | (~(l + ones * 0x60) & (l + low7))	/* 0x01-0x1f */
		    | ~((y + low7) | x);		/* '\\' */
		if (bad & high)
			return 0;
	}
#endif
	for (; i < n; i++)
		if ((s[i] > 0 && s[i] < 0x20) || s[i] >= 0x7f || s[i] == '\\')
			return 0;
	return 1;
}

/*
 * Cell k of a data row, in *c: as written where cell_as_is() (plain: the
 * row passed line_plain()), else its display text made in t->rb (valid
 * until the next call), marked up where it is not plain ASCII; its width,
 * its rating (checked).  Sets *num as sg_render_value() returns; returns
 * 1 if the cell is as written (in rec's line).  The one way the cells of
 * a text table are made, whichever way it is read.
 */
#ifdef __GNUC__
__attribute__((always_inline))
#endif
static inline int
text_cell(struct text_table *t, size_t k, int plain,
    const struct sg_record *rec, struct tcell *c, int *num)
{
	struct sg_render *x = t->x;
	struct sg_buf *rb = &t->rb;
	size_t i = t->colof[k];
	const struct sg_render_col *col = &x->cols[i];

	c->rag = sg_render_cell_rating(x, i, rec);
	if (plain && cell_as_is(col, rec->f[i], rec->len[i], num)) {
		c->s = rec->f[i];
		c->n = c->w = rec->len[i];
		return 1;
	}
	rb->len = 0;
	*num = sg_render_value(x, col, rec->f[i], rec->len[i], rb);
	if (plain_ascii(rb->p, rb->len)) {
		c->s = rb->p != NULL ? rb->p : "";
		c->n = c->w = rb->len;
		return 0;
	}
	x->disp.len = 0;
	sg_buf_add(&x->disp, rb->p, rb->len);
	rb->len = 0;
	x->tmp.len = 0;
	c->w = sg_markup(&x->tmp, x->disp.p, x->disp.len, SG_MARKUP_TEXT);
	sg_buf_add(rb, x->tmp.p, x->tmp.len);
	c->s = rb->p;
	c->n = rb->len;
	return 0;
}

/* Whether cell k (i = t->colof[k]) holds text: its column is then
 * left-aligned (but the row header always is). */
static inline int
text_holds_text(const struct text_table *t, size_t k, int num,
    const struct sg_record *rec)
{
	size_t i = t->colof[k];

	return !num && rec->len[i] > 0 && i != t->x->first_shown;
}

/* A data row measured: the widths, the alignments, and the ratings
 * checked; with spool, its cells spooled too (input read only once). */
static void
text_measure(struct text_table *t, const struct sg_record *rec, int spool)
{
	struct tcell c;
	size_t k;
	int num, plain = line_plain(rec);

	for (k = 0; k < t->x->nshown; k++) {
		text_cell(t, k, plain, rec, &c, &num);
		if (c.w > t->vwidth[k])
			t->vwidth[k] = c.w;
		if (text_holds_text(t, k, num, rec))
			t->right[k] = 0;
		if (spool)
			sg_text_spool_cell(t, &c);
	}
	if (spool && t->spool.len >= SG_SPOOL_MEM)
		sg_text_spool_flush(t);
	t->nrows++;
}

/*
 * The second pass over a data row: its line, written.  Returns 0 if a
 * cell is wider than the first pass found, or is text in a column the
 * first pass found to hold only numbers: the file changed between.
 */
static int
text_emit(struct text_table *t, const struct sg_record *rec)
{
	const char *end = rec->line + rec->linelen;
	struct sg_buf *lb = &t->lb;
	struct tcell c;
	size_t k;
	char *o;
	int num, asis, plain = line_plain(rec);

	/* Room for the cells as written (the line bounds them); a made
	 * cell asks for more. */
	o = lb_room(lb, lb->p, rec->linelen + t->cellroom);
	for (k = 0; k < t->x->nshown; k++) {
		asis = text_cell(t, k, plain, rec, &c, &num);
		if (c.w > t->vwidth[k] ||
		    (t->right[k] && text_holds_text(t, k, num, rec)))
			return 0;
		if (asis) {
			/* As written: the line can be read to its end. */
			o = text_cell_out(t, o, k, &c, (size_t)(end - c.s));
		} else {
			o = lb_room(lb, o, c.n + rec->linelen + t->cellroom);
			o = text_cell_out(t, o, k, &c, c.n);
		}
	}
	*o++ = '\n';
	sg_write(t->x->w, lb->p, (size_t)(o - lb->p));
	return 1;
}

/*
 * The second pass: the inputs read again, every row's cells made again
 * and written.  Returns the input that changed since the first pass
 * (its index), or -1 if none did.
 */
static int
text_second_pass(struct text_table *t)
{
	struct sg_render *x = t->x;
	struct sg_reader *first = x->r;
	struct sg_record rec;
	size_t rows;
	int i, changed = 0;

	/* Standard input shares its offset with the reader's copy of it:
	 * back to where it began. */
	if (x->stdin_off >= 0 &&
	    lseek(STDIN_FILENO, x->stdin_off, SEEK_SET) < 0)
		sg_die("%s: cannot read standard input again: %s",
		    sg_stdin_name(), strerror(errno));
	x->r = sg_reader_open(x->files, x->nfiles);
	x->hdr = sg_reader_header(x->r);
	text_head(x);
	text_header_out(t);
	for (rows = 1; !changed && sg_read(x->r, &rec); rows++)
		changed = rows == t->nrows || !text_emit(t, &rec);
	if (changed || rows != t->nrows)
		return 0;
	sg_reader_close(x->r);
	x->r = first;
	x->hdr = sg_reader_header(first);
	for (i = 0; i < (x->stdin_off >= 0 ? 1 : x->nfiles); i++)
		if (!sg_text_unchanged(x, i))
			return i;
	return -1;
}

/* Input that can be read twice: measured, then written. */
static void
text_two_pass(struct text_table *t)
{
	struct sg_render *x = t->x;
	struct sg_record rec;
	int changed;

	/* First pass: the widths (and every message about the data). */
	text_header_cells(t);
	while (sg_read(x->r, &rec))
		text_measure(t, &rec, 0);
	text_widths(t);
	if ((changed = text_second_pass(t)) >= 0)
		sg_die("%s: changed while it was read for a text table",
		    x->stdin_off >= 0 ? sg_stdin_name() : x->files[changed]);
	text_tail(x);
}

/* A zeroed array of n items for the table's life, in its arena: freed
 * with it, all at once. */
static void *
table_array(struct text_table *t, size_t n, size_t size)
{
	return memset(sg_arena_alloc(t->arena, n * size), 0, n * size);
}

void
sg_render_text(struct sg_render *x)
{
	struct text_table tt;
	struct sg_record rec;
	size_t i, k, n = x->nshown + 1;

	memset(&tt, 0, sizeof(tt));
	tt.x = x;
	tt.arena = sg_arena_new();
	tt.fd = -1;
	tt.hcells = table_array(&tt, n, sizeof(*tt.hcells));
	tt.row = table_array(&tt, n, sizeof(*tt.row));
	tt.rowoff = table_array(&tt, n, sizeof(*tt.rowoff));
	tt.width = table_array(&tt, n, sizeof(size_t));
	tt.vwidth = table_array(&tt, n, sizeof(size_t));
	tt.right = table_array(&tt, n, sizeof(int));
	tt.hasrag = table_array(&tt, n, sizeof(int));
	tt.colof = table_array(&tt, n, sizeof(size_t));
	for (i = 0, k = 0; i < x->ncols; i++)
		if (x->cols[i].shown) {
			tt.colof[k] = i;
			tt.right[k] = x->cols[i].right;
			tt.hasrag[k] = x->cols[i].rag >= 0;
			k++;
		}
	if (x->twice) {
		text_two_pass(&tt);
	} else {
		text_header_cells(&tt);
		while (sg_read(x->r, &rec))
			text_measure(&tt, &rec, 1);
		text_write(&tt);
	}
	sg_arena_free(tt.arena);
	sg_buf_free(&tt.spool);
	sg_buf_free(&tt.rb);
	sg_buf_free(&tt.lb);
}
