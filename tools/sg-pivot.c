/*
 * sg-pivot: long to wide, and with --longer wide to long.
 *
 * Wide: rows are the distinct -r keys in first-seen order, columns the
 * distinct values of -c in first-seen order (or --order), and each cell
 * holds the -v value(s) of the one row that falls in it, or an aggregate
 * of the rows with --agg.  The tool holds the output table: one entry per
 * filled cell, plus the row and column keys.
 *
 * Long (--longer): each record becomes one row per non-key column
 * (key..., name, value), written as it is read: one record at a time.
 */
#include "config.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sg.h"
#include "optab.h"
#include "optval.h"

static const char help[] =
"usage: sg-pivot -r COLS -c COL -v COLS [-a first|sum|count|mean] [-f SYM]\n"
"                [-O LIST|FILE] [-o FILE] [-z] [FILE...]\n"
"       sg-pivot --longer -k COLS [-n NAME] [-v NAME] [-C] [-f SYM]\n"
"                [-o FILE] [-z] [FILE...]\n"
"Turns a long table into a wide one (one column per value of -c), or with\n"
"--longer a wide table into a long one.\n"
"  -r, --rows COLS        columns whose values name the output rows\n"
"  -c, --columns COL      column whose values name the output columns\n"
"  -v, --values COLS      value column(s); the first fills the cell, the\n"
"                         others become companion columns CELL.COLUMN;\n"
"                         with --longer, the name of the value column\n"
"                         (default value)\n"
"  -a, --agg OP           first, sum, count or mean of the rows of one cell\n"
"                         (default: a second row for a cell is an error)\n"
"  -f, --fill SYM         value of an empty cell (default x; 0 with count)\n"
"  -O, --order LIST|FILE  output columns in this order: a comma list, or\n"
"                         a one-column table (header first) if FILE exists\n"
"  -l, --longer           wide to long, one record at a time\n"
"  -k, --keys COLS        with --longer: columns kept on every output row\n"
"  -n, --names NAME       with --longer: name of the name column (default\n"
"                         name)\n"
"  -C, --companions       with --longer: columns BASE.SUFFIX go to a column\n"
"                         SUFFIX beside BASE's value instead of rows of\n"
"                         their own\n";

enum agg { AGG_NONE, AGG_FIRST, AGG_SUM, AGG_COUNT, AGG_MEAN };

/* What the command line asks for: every option kept by the option, and
 * -a read as its word. */
struct opts {
	struct sg_optval opt;
	enum agg	 agg;
	struct sg_common common;
};

/* ------------------------------------------------------------------ */
/* Wide.                                                               */

/* A filled cell: where its first row came from, and how many rows. */
struct cell {
	const char	*file;
	long		 line;
	long		 count;
};

/* A -v value of one cell: its text (first, none) or a running sum. */
struct text {
	char		*s;
	size_t		 n;
};

/*
 * Sums are exact (sg_dec) while the numbers allow it; a number too long
 * for sg_dec, or a sum that would outgrow it, moves the cell to binary
 * floating point (inexact), which still prints to 15 significant digits.
 */
struct sum {
	sg_dec		 dec;
	double		 dbl;
	unsigned char	 kind;		/* of the symbols but low */
	unsigned char	 inexact;
	unsigned char	 seen;		/* SEEN_ bits: low is kept apart */
};

#define SEEN_LOW	1	/* a low */
#define SEEN_LOWS	2	/* a second low */
#define SEEN_NONZERO	4	/* a number that is not 0 */

struct wide {
	struct opts	*o;
	size_t		*ridx, nr;	/* -r columns */
	size_t		 cidx;		/* -c column */
	size_t		*vidx, nv;	/* -v columns */
	struct sg_hash	*rows, *cols;
	struct sg_hash	*names;		/* the output's column names */
	int		 closed;	/* --order given: no new columns */
	uint32_t	*mat;		/* cell id + 1 by row * colcap + col */
	size_t		 rowcap, colcap;
	struct cell	*cells;
	size_t		 ncells, cellcap;
	void		*vals;		/* nv entries per cell */
	size_t		 valsize;
	struct sg_arena	*arena;
};

static void
grow_matrix(struct wide *w, size_t nrows, size_t ncols)
{
	size_t newrc = w->rowcap, newcc = w->colcap, r;
	uint32_t *m;

	while (nrows > newrc)
		newrc = newrc ? newrc * 2 : 64;
	while (ncols > newcc)
		newcc = newcc ? newcc * 2 : 16;
	if (newcc == w->colcap) {
		if (newrc == w->rowcap)
			return;
		w->mat = sg_realloc(w->mat, newrc * newcc * sizeof(*m));
		memset(w->mat + w->rowcap * newcc, 0,
		    (newrc - w->rowcap) * newcc * sizeof(*m));
	} else {
		m = sg_calloc(newrc * newcc, sizeof(*m));
		for (r = 0; r < w->rowcap; r++)
			memcpy(m + r * newcc, w->mat + r * w->colcap,
			    w->colcap * sizeof(*m));
		free(w->mat);
		w->mat = m;
	}
	w->rowcap = newrc;
	w->colcap = newcc;
}

/* A new, empty cell; returns its id. */
static size_t
new_cell(struct wide *w, const char *file, long line)
{
	size_t id;

	if (w->ncells == w->cellcap) {
		w->cellcap = w->cellcap ? w->cellcap * 2 : 1024;
		w->cells = sg_realloc(w->cells, w->cellcap * sizeof(*w->cells));
		w->vals = sg_realloc(w->vals, w->cellcap * w->nv * w->valsize);
	}
	id = w->ncells++;
	if (id >= UINT32_MAX - 1)
		sg_die("too many cells in the output table");
	w->cells[id].file = file;
	w->cells[id].line = line;
	w->cells[id].count = 0;
	memset((char *)w->vals + id * w->nv * w->valsize, 0,
	    w->nv * w->valsize);
	return id;
}

#define DEC_LIMIT	((__int128)1000000000000000000LL * 1000000000000000000LL)

static void
add_value(struct wide *w, struct sum *s, const struct sg_reader *rd,
    const struct sg_record *hdr, size_t col, const char *v, size_t n)
{
	struct sg_value val;
	sg_dec d;

	if (s->kind == SG_NUM && sg_dec_parse(v, n, &d) && !s->inexact) {
		if (sg_dec_sign(d) != 0)
			s->seen |= SEEN_NONZERO;
		d = sg_dec_add(s->dec, d);
		if (d.m > DEC_LIMIT || d.m < -DEC_LIMIT) {
			s->inexact = 1;
			s->dbl = sg_dec_to_double(d);
		} else {
			s->dec = d;
		}
		return;
	}
	switch (sg_value_parse(v, n, &val)) {
	case SG_BAD:
		sg_data_error(sg_reader_file(rd), sg_reader_line(rd),
		    hdr->f[col], w->o->agg == AGG_SUM ? "cannot sum: not a "
		    "number or a symbol" : "cannot average: not a number or "
		    "a symbol", v, n);
	case SG_NUM:
		if (!s->inexact) {
			s->inexact = 1;
			s->dbl = sg_dec_to_double(s->dec);
		}
		s->dbl += val.num;
		if (val.num != 0)
			s->seen |= SEEN_NONZERO;
		break;
	case SG_LOW:
		s->seen |= s->seen & SEEN_LOW ? SEEN_LOWS : SEEN_LOW;
		break;
	default:
		s->kind = sg_kind_combine(s->kind, val.kind);
		break;
	}
}

/* The row or column index of a key, with a one-entry cache in front of
 * the hash: long tables often come sorted or grouped. */
struct lookup {
	struct sg_buf	 last;
	long		 idx;
};

static long
find(struct sg_hash *h, struct lookup *c, const char *k, size_t n, int insert,
    int *isnew)
{
	if (c->idx >= 0 && c->last.len == n && memcmp(c->last.p, k, n) == 0) {
		*isnew = 0;
		return c->idx;
	}
	c->idx = sg_hash_get(h, k, n, insert, isnew);
	c->last.len = 0;
	sg_buf_add(&c->last, k, n);
	return c->idx;
}

static void
load_order(struct wide *w, const char *order)
{
	struct stat st;
	struct sg_reader *rd;
	struct sg_record rec;
	char *files[1], *list, *p, *comma;
	int isnew;

	if (stat(order, &st) == 0 && !S_ISDIR(st.st_mode)) {
		files[0] = (char *)order;
		rd = sg_reader_open(files, 1);
		sg_reader_allow_ragged(rd);
		while (sg_read(rd, &rec)) {
			if (rec.len[0] == 0)
				sg_data_error(sg_reader_file(rd),
				    sg_reader_line(rd), NULL,
				    "empty column name in the order", NULL, 0);
			sg_hash_get(w->cols, rec.f[0], rec.len[0], 1, &isnew);
			if (!isnew)
				sg_data_error(sg_reader_file(rd),
				    sg_reader_line(rd), NULL,
				    "column named twice in the order",
				    rec.f[0], rec.len[0]);
		}
		sg_reader_close(rd);
	} else {
		list = sg_strdup(order);
		for (p = list;; p = comma + 1) {
			if ((comma = strchr(p, ',')) != NULL)
				*comma = '\0';
			if (*p == '\0')
				sg_die_usage("--order: empty column name in "
				    "'%s'", order);
			sg_hash_get(w->cols, p, strlen(p), 1, &isnew);
			if (!isnew)
				sg_die_usage("--order: '%s' is named twice",
				    p);
			if (comma == NULL)
				break;
		}
		free(list);
	}
	w->closed = 1;
}

static void
check_distinct(const char *what, const size_t *a, size_t na, const size_t *b,
    size_t nb, const struct sg_record *hdr)
{
	size_t i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (a[i] == b[j] && (a != b || i != j))
				sg_die_usage("%s: column '%s' is used twice",
				    what, hdr->f[a[i]]);
}

/* The output name of column value v[0..n) for the k-th -v column. */
static void
out_name(struct sg_buf *b, const struct wide *w, const struct sg_record *hdr,
    const char *v, size_t n, size_t k)
{
	b->len = 0;
	sg_buf_add(b, v, n);
	if (k > 0) {
		sg_buf_addc(b, '.');
		sg_buf_adds(b, hdr->f[w->vidx[k]]);
	}
	sg_buf_addc(b, '\0');
	b->len--;
}

/*
 * Takes the output names of a new column value, refusing one the output
 * already has (a -r column's name, or another value's): at FILE:LINE
 * where the value was read, or, for a column of --order (file NULL), as
 * the order's fault.
 */
static void
claim_names(struct wide *w, const struct sg_record *hdr, const char *v,
    size_t n, const char *file, long line)
{
	struct sg_buf b = { 0 };
	size_t k;
	int isnew;

	for (k = 0; k < w->nv; k++) {
		out_name(&b, w, hdr, v, n, k);
		sg_hash_get(w->names, b.p, b.len, 1, &isnew);
		if (isnew)
			continue;
		if (file == NULL)
			sg_die("--order: the output would have two columns "
			    "named '%s'", b.p);
		sg_data_error(file, line, hdr->f[w->cidx], "the output would "
		    "have two columns of this name", b.p, b.len);
	}
	sg_buf_free(&b);
}

/* Writes the output header (its names were claimed as they came). */
static void
write_header(struct wide *w, struct sg_writer *out, const struct sg_record *hdr)
{
	struct sg_buf b = { 0 };
	size_t i, k, n;
	const char *name;

	for (i = 0; i < w->nr; i++)
		sg_write_field(out, hdr->f[w->ridx[i]], hdr->len[w->ridx[i]],
		    i == 0);
	for (i = 0; i < sg_hash_count(w->cols); i++) {
		name = sg_hash_key(w->cols, (long)i, &n);
		for (k = 0; k < w->nv; k++) {
			out_name(&b, w, hdr, name, n, k);
			sg_write_field(out, b.p, b.len, 0);
		}
	}
	sg_write_eol(out);
	sg_buf_free(&b);
}

/*
 * The kind of a sum or mean (sg(7)): c, x, u, z by precedence; then low,
 * rounds to zero but is not zero, only where the result is near zero
 * whatever each low's exact value (up to half a unit either side of 0):
 * the sum of one low and zeros, the mean of lows and zeros.  Beside any
 * other number, or two lows summed (0.4 + 0.4 rounds to 1), it would need
 * the lows' values: x.
 */
static enum sg_kind
sum_kind(const struct wide *w, const struct sum *s)
{
	if (s->kind != SG_NUM || (s->seen & SEEN_LOW) == 0)
		return (enum sg_kind)s->kind;
	if (s->seen & SEEN_NONZERO)
		return SG_X;
	if (w->o->agg == AGG_SUM && (s->seen & SEEN_LOWS))
		return SG_X;
	return SG_LOW;
}

static void
write_sum(struct wide *w, struct sg_writer *out, const struct sum *s,
    long count)
{
	char buf[SG_NUMBUF];
	enum sg_kind k;
	double v;
	size_t n;

	if ((k = sum_kind(w, s)) != SG_NUM) {
		sg_write_field(out, sg_kind_symbol(k),
		    strlen(sg_kind_symbol(k)), 0);
		return;
	}
	v = s->inexact ? s->dbl : sg_dec_to_double(s->dec);
	if (w->o->agg == AGG_MEAN)
		v /= (double)count;
	n = sg_fmt_num(v, -1, buf);
	sg_write_field(out, buf, n, 0);
}

static void
write_table(struct wide *w, struct sg_writer *out)
{
	const char *fill = w->o->opt.arg['f'], *key;
	size_t r, c, k, id, fn, n, ncols = sg_hash_count(w->cols);
	char buf[32];
	const char *base;
	const struct text *t;

	if (fill == NULL)
		fill = w->o->agg == AGG_COUNT ? "0" : "x";
	fn = strlen(fill);
	for (r = 0; r < sg_hash_count(w->rows); r++) {
		key = sg_hash_key(w->rows, (long)r, &n);
		sg_write(out, key, n);
		for (c = 0; c < ncols; c++) {
			id = w->mat[r * w->colcap + c];
			if (id == 0) {
				for (k = 0; k < w->nv; k++)
					sg_write_field(out, fill, fn, 0);
				continue;
			}
			id--;
			base = (const char *)w->vals + id * w->nv * w->valsize;
			for (k = 0; k < w->nv; k++) {
				switch (w->o->agg) {
				case AGG_COUNT:
					n = (size_t)snprintf(buf, sizeof(buf),
					    "%ld", w->cells[id].count);
					sg_write_field(out, buf, n, 0);
					break;
				case AGG_SUM:
				case AGG_MEAN:
					write_sum(w, out, (const struct sum *)
					    (base + k * w->valsize),
					    w->cells[id].count);
					break;
				default:
					t = (const struct text *)(base +
					    k * w->valsize);
					sg_write_field(out, t->s, t->n, 0);
					break;
				}
			}
		}
		sg_write_eol(out);
	}
}

/* Resolves and checks -r, -c and -v against the header, and readies w. */
static void
wide_setup(struct wide *w, struct opts *o, const struct sg_record *hdr)
{
	const char *name;
	size_t i, n;

	w->o = o;
	w->nr = sg_cols_resolve("-r", o->opt.arg['r'], hdr, &w->ridx);
	w->cidx = sg_col_resolve("-c", o->opt.arg['c'], hdr);
	if (o->opt.arg['v'] != NULL) {
		w->nv = sg_cols_resolve("-v", o->opt.arg['v'], hdr, &w->vidx);
	} else {
		/* Only --agg count may go without -v (checked in main). */
		w->nv = 1;
		w->vidx = sg_malloc(sizeof(*w->vidx));
		w->vidx[0] = w->cidx;
	}
	check_distinct("-r", w->ridx, w->nr, w->ridx, w->nr, hdr);
	check_distinct("-r and -c", w->ridx, w->nr, &w->cidx, 1, hdr);
	if (o->opt.arg['v'] != NULL) {
		check_distinct("-v", w->vidx, w->nv, w->vidx, w->nv, hdr);
		check_distinct("-r and -v", w->ridx, w->nr, w->vidx, w->nv,
		    hdr);
		check_distinct("-c and -v", &w->cidx, 1, w->vidx, w->nv, hdr);
	}
	w->valsize = o->agg == AGG_SUM || o->agg == AGG_MEAN ?
	    sizeof(struct sum) : sizeof(struct text);
	w->rows = sg_hash_new();
	w->cols = sg_hash_new();
	w->names = sg_hash_new();
	for (i = 0; i < w->nr; i++)
		sg_hash_get(w->names, hdr->f[w->ridx[i]], hdr->len[w->ridx[i]],
		    1, NULL);
	w->arena = sg_arena_new();
	if (o->opt.arg['O'] != NULL) {
		load_order(w, o->opt.arg['O']);
		for (i = 0; i < sg_hash_count(w->cols); i++) {
			name = sg_hash_key(w->cols, (long)i, &n);
			claim_names(w, hdr, name, n, NULL, 0);
		}
	}
}

/* The cell of the record's row key and column, made if new.  A second
 * value for a filled cell without --agg is an error naming both. */
static size_t
wide_cell(struct wide *w, struct sg_reader *rd, const struct sg_record *rec,
    struct sg_buf *key, struct lookup *rl, struct lookup *cl)
{
	const struct sg_record *hdr = sg_reader_header(rd);
	const char *file = sg_reader_file(rd), *k;
	long line = sg_reader_line(rd), r, c;
	size_t i, id, cidx = w->cidx;
	struct sg_buf what = { 0 };
	uint32_t *slot;
	int isnew;

	if (w->nr == 1) {
		k = rec->f[w->ridx[0]];
		i = rec->len[w->ridx[0]];
	} else {
		key->len = 0;
		for (i = 0; i < w->nr; i++) {
			if (i > 0)
				sg_buf_addc(key, '\t');
			sg_buf_add(key, rec->f[w->ridx[i]], rec->len[w->ridx[i]]);
		}
		k = key->p;
		i = key->len;
	}
	r = find(w->rows, rl, k, i, 1, &isnew);
	if (rec->len[cidx] == 0)
		sg_data_error(file, line, hdr->f[cidx], "empty value where a "
		    "column name is wanted", NULL, 0);
	c = find(w->cols, cl, rec->f[cidx], rec->len[cidx], !w->closed,
	    &isnew);
	if (c < 0)
		sg_data_error(file, line, hdr->f[cidx], "not one of the "
		    "columns of --order", rec->f[cidx], rec->len[cidx]);
	if (isnew)
		claim_names(w, hdr, rec->f[cidx], rec->len[cidx], file, line);
	grow_matrix(w, (size_t)r + 1, (size_t)c + 1);
	slot = &w->mat[(size_t)r * w->colcap + (size_t)c];
	if (*slot == 0) {
		id = new_cell(w, file, line);
		*slot = (uint32_t)id + 1;
		return id;
	}
	id = *slot - 1;
	if (w->o->agg == AGG_NONE) {
		char num[32];

		snprintf(num, sizeof(num), "%ld", w->cells[id].line);
		sg_buf_adds(&what, "a second value for the cell already "
		    "filled at ");
		sg_buf_adds(&what, w->cells[id].file);
		sg_buf_addc(&what, ':');
		sg_buf_adds(&what, num);
		sg_buf_adds(&what, " (use --agg)");
		sg_data_error(file, line, hdr->f[w->vidx[0]], what.p,
		    rec->f[w->vidx[0]], rec->len[w->vidx[0]]);
	}
	return id;
}

/* Adds the record's values to cell id. */
static void
wide_add(struct wide *w, struct sg_reader *rd, const struct sg_record *rec,
    size_t id)
{
	const struct sg_record *hdr = sg_reader_header(rd);
	struct text *t;
	struct sum *s;
	size_t i;

	w->cells[id].count++;
	switch (w->o->agg) {
	case AGG_COUNT:
		break;
	case AGG_SUM:
	case AGG_MEAN:
		s = (struct sum *)((char *)w->vals + id * w->nv * w->valsize);
		for (i = 0; i < w->nv; i++)
			add_value(w, &s[i], rd, hdr, w->vidx[i],
			    rec->f[w->vidx[i]], rec->len[w->vidx[i]]);
		break;
	default:
		if (w->cells[id].count > 1)
			break;
		t = (struct text *)((char *)w->vals + id * w->nv * w->valsize);
		for (i = 0; i < w->nv; i++) {
			t[i].n = rec->len[w->vidx[i]];
			t[i].s = sg_arena_strndup(w->arena, rec->f[w->vidx[i]],
			    t[i].n);
		}
		break;
	}
}

static void
wide(struct opts *o, char **files, int nfiles)
{
	struct wide w = { 0 };
	struct sg_reader *rd = sg_reader_open(files, nfiles);
	const struct sg_record *hdr = sg_reader_header(rd);
	struct sg_record rec;
	struct sg_writer *out;
	struct lookup rl = { { 0 }, -1 }, cl = { { 0 }, -1 };
	struct sg_buf key = { 0 };

	wide_setup(&w, o, hdr);
	/* Open the output only now, so usage errors leave no file. */
	out = sg_writer_open(o->common.output, o->common.gzip);
	while (sg_read(rd, &rec))
		wide_add(&w, rd, &rec, wide_cell(&w, rd, &rec, &key, &rl, &cl));
	grow_matrix(&w, sg_hash_count(w.rows), sg_hash_count(w.cols));
	write_header(&w, out, hdr);
	write_table(&w, out);
	sg_writer_close(out);
	sg_reader_close(rd);
	sg_buf_free(&key);
	sg_buf_free(&rl.last);
	sg_buf_free(&cl.last);
	sg_hash_free(w.rows);
	sg_hash_free(w.cols);
	sg_hash_free(w.names);
	sg_arena_free(w.arena);
	free(w.mat);
	free(w.cells);
	free(w.vals);
	free(w.ridx);
	free(w.vidx);
}

/* ------------------------------------------------------------------ */
/* Long.                                                               */

static void
longer(struct opts *o, char **files, int nfiles)
{
	struct sg_reader *rd = sg_reader_open(files, nfiles);
	const struct sg_record *hdr = sg_reader_header(rd);
	struct sg_record rec;
	struct sg_writer *out;
	struct sg_hash *suffixes = sg_hash_new(), *seen = sg_hash_new();
	const char *const *arg = o->opt.arg;
	const char *names = arg['n'] ? arg['n'] : "name";
	const char *values = arg['v'] ? arg['v'] : "value";
	const char *fill = arg['f'] ? arg['f'] : "x", *dot, *sfx;
	size_t *kidx, nk, i, j, ns, n, fn = strlen(fill);
	long *base, b, *comp;	/* per column: base column, or -1 */
	int isnew;

	nk = sg_cols_resolve("-k", arg['k'], hdr, &kidx);
	check_distinct("-k", kidx, nk, kidx, nk, hdr);
	if (nk == hdr->n)
		sg_die_usage("--longer: every column is a key; no column is "
		    "left to turn into rows");
	base = sg_malloc(hdr->n * sizeof(*base));
	for (i = 0; i < hdr->n; i++) {
		base[i] = -1;
		if (!o->opt.n['C'] || sg_cols_has(kidx, nk, i))
			continue;
		/* X.S is a companion if X is a non-key column. */
		dot = strrchr(hdr->f[i], '.');
		if (dot == NULL || dot == hdr->f[i] || dot[1] == '\0')
			continue;
		n = (size_t)(dot - hdr->f[i]);
		for (j = 0; j < hdr->n; j++)
			if (j != i && !sg_cols_has(kidx, nk, j) &&
			    hdr->len[j] == n &&
			    memcmp(hdr->f[j], hdr->f[i], n) == 0)
				break;
		if (j == hdr->n)
			continue;
		base[i] = (long)j;
		sg_hash_get(suffixes, dot + 1, strlen(dot + 1), 1, NULL);
	}
	/* A companion of a companion is a row of its own. */
	for (i = 0; i < hdr->n; i++)
		if (base[i] >= 0 && base[base[i]] >= 0)
			sg_die_usage("--companions: '%s' is a companion of a "
			    "companion column", hdr->f[i]);
	ns = sg_hash_count(suffixes);
	comp = sg_malloc((hdr->n * ns + 1) * sizeof(*comp));
	for (i = 0; i < hdr->n * ns; i++)
		comp[i] = -1;
	for (i = 0; i < hdr->n; i++)
		if (base[i] >= 0) {
			dot = strrchr(hdr->f[i], '.');
			j = (size_t)sg_hash_get(suffixes, dot + 1,
			    strlen(dot + 1), 0, NULL);
			comp[(size_t)base[i] * ns + j] = (long)i;
		}

	/* The output header: keys, names, values, suffixes. */
	for (i = 0; i < nk; i++)
		sg_hash_get(seen, hdr->f[kidx[i]], hdr->len[kidx[i]], 1, NULL);
	sg_hash_get(seen, names, strlen(names), 1, &isnew);
	if (!isnew)
		sg_die_usage("--names: '%s' is already a column", names);
	sg_hash_get(seen, values, strlen(values), 1, &isnew);
	if (!isnew)
		sg_die_usage("--values: '%s' is already a column", values);
	for (j = 0; j < ns; j++) {
		sfx = sg_hash_key(suffixes, (long)j, &n);
		sg_hash_get(seen, sfx, n, 1, &isnew);
		if (!isnew)
			sg_die_usage("--companions: '%s' is already a column",
			    sfx);
	}
	out = sg_writer_open(o->common.output, o->common.gzip);
	for (i = 0; i < nk; i++)
		sg_write_field(out, hdr->f[kidx[i]], hdr->len[kidx[i]],
		    i == 0);
	sg_write_field(out, names, strlen(names), nk == 0);
	sg_write_field(out, values, strlen(values), 0);
	for (j = 0; j < ns; j++) {
		sfx = sg_hash_key(suffixes, (long)j, &n);
		sg_write_field(out, sfx, n, 0);
	}
	sg_write_eol(out);

	while (sg_read(rd, &rec)) {
		for (i = 0; i < hdr->n; i++) {
			if (sg_cols_has(kidx, nk, i) || base[i] >= 0)
				continue;
			for (j = 0; j < nk; j++)
				sg_write_field(out, rec.f[kidx[j]],
				    rec.len[kidx[j]], j == 0);
			sg_write_field(out, hdr->f[i], hdr->len[i], nk == 0);
			sg_write_field(out, rec.f[i], rec.len[i], 0);
			for (j = 0; j < ns; j++) {
				b = comp[i * ns + j];
				if (b >= 0)
					sg_write_field(out, rec.f[b],
					    rec.len[b], 0);
				else
					sg_write_field(out, fill, fn, 0);
			}
			sg_write_eol(out);
		}
	}
	sg_writer_close(out);
	sg_reader_close(rd);
	sg_hash_free(suffixes);
	sg_hash_free(seen);
	free(comp);
	free(base);
	free(kidx);
}

/* ------------------------------------------------------------------ */

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct opts *o = v;

	sg_optval_keep(&o->opt, ch, arg);
	if (ch == 'a')
		o->agg = AGG_FIRST + sg_opt_word("--agg", arg,
		    "first|sum|count|mean");
}

/* The options, checked against each other. */
static void
parse(int argc, char **argv, struct opts *o)
{
	const char *const *arg = o->opt.arg;
	struct sg_value v;

	sg_optab_parse(help, argc, argv, set_option, o,
	    &o->common);
	if (arg['f'] != NULL && (*arg['f'] == '\0' ||
	    sg_value_parse(arg['f'], strlen(arg['f']), &v) == SG_BAD))
		sg_die_usage("--fill: '%s' is not a number or one of the "
		    "symbols x z c u low", arg['f']);
	if (o->opt.n['l']) {
		if (arg['r'] || arg['c'] || o->agg || arg['O'])
			sg_die_usage("--longer takes -k, -n, -v, -C and -f, "
			    "not -r, -c, --agg or --order");
		if (arg['k'] == NULL)
			sg_die_usage("--longer needs -k COLS");
		if (arg['v'] != NULL && *arg['v'] == '\0')
			sg_die_usage("--values: empty name");
		if (arg['n'] != NULL && *arg['n'] == '\0')
			sg_die_usage("--names: empty name");
		return;
	}
	if (arg['k'] || arg['n'] || o->opt.n['C'])
		sg_die_usage("-k, --names and --companions need --longer");
	if (arg['r'] == NULL || arg['c'] == NULL)
		sg_die_usage("needs -r COLS and -c COL (or --longer)");
	if (arg['v'] == NULL && o->agg != AGG_COUNT)
		sg_die_usage("needs -v COLS (only --agg count goes without)");
}

int
main(int argc, char **argv)
{
	struct opts o = { 0 };

	sg_init(argv[0]);
	parse(argc, argv, &o);
	if (o.opt.n['l'])
		longer(&o, o.common.files, o.common.nfiles);
	else
		wide(&o, o.common.files, o.common.nfiles);
	return SG_EXIT_OK;
}
