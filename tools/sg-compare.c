/*
 * sg-compare: how each area compares with its statistical neighbours and
 * with the other areas of its group (man/sg-compare.1).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "measure.h"
#include "official.h"
#include "optab.h"
#include "optval.h"

static const char help[] =
"usage: sg-compare -a COL -v COL -n FILE [-g COLS] [-s mean|median]\n"
"                  [-p high|low|none] [-d DP] [-o FILE] [-z] [FILE...]\n"
"  -a, --area COL         the area code column\n"
"  -v, --value COL        the value column\n"
"  -n, --neighbours FILE  DfE's wide neighbour file, or a long TSV\n"
"  -g, --group COLS       one comparison per value of these columns\n"
"  -s, --stat mean|median\n"
"                         the neighbours' average (default: mean)\n"
"  -p, --polarity high|low|none\n"
"                         which way is better for rank (default: none)\n"
"  -d, --dp DP            decimals of sn and vs_sn (default: the value's)\n";

static const char *const newcols[] = {
	"sn", "sn_n", "rank", "rank_n", "quartile", "vs_sn", NULL
};

struct settings {
	struct sg_optval opt;		/* -a -v -n -g */
	int		 median;
	int		 low;		/* polarity low: smallest is best */
	int		 dp;		/* -1: the group's most decimals */
	struct sg_common common;
};

/* Each area's neighbours: an index into nb of the first and a count. */
struct nblist {
	size_t	 first, n;
};

struct neighbours {
	struct sg_hash	*h;		/* area -> struct nblist */
	char		**nb;
	size_t		  nnb, cap;
	struct sg_table	*t;
	size_t		 *sn;		/* while reading: the SN_k columns */
};

/* One row of the group being compared. */
struct row {
	size_t	 off, len;	/* the record, TAB-joined, in the group buf */
	size_t	 aoff, alen;	/* its area */
	int	 num;		/* the value is a number */
	sg_dec	 v;
	long	 rank;
};

struct group {
	struct sg_buf	 text;
	struct row	*row;
	size_t		 n, cap;
	struct sg_buf	 key;		/* the group's key */
	int		 maxdp;
	long		 nranked;
	struct sg_hash	*areas;		/* area -> its row's index */
};

/* Adds code, in column c of row r, to area's neighbours. */
static void
add_nb(struct neighbours *nb, const struct sg_table *t, size_t r,
    size_t c, const char *area, const char *code)
{
	struct nblist *l;
	size_t i;
	int isnew;

	if (*area == '\0' || *code == '\0')
		return;
	if (strcmp(area, code) == 0)
		sg_data_error(t->path, t->line[r], t->name[c], "the area is "
		    "listed as its own neighbour", code, strlen(code));
	l = sg_hash_get_data(nb->h, area, strlen(area), sizeof(*l), 1,
	    &isnew);
	if (isnew)
		l->first = nb->nnb;
	else if (l->first + l->n != nb->nnb)
		sg_data_error(t->path, t->line[r], t->name[0], "the area's "
		    "neighbours are not on adjacent lines", area,
		    strlen(area));
	/* Twice, it would weigh double in the mean (a corrupt file). */
	for (i = 0; !isnew && i < l->n; i++)
		if (strcmp(nb->nb[l->first + i], code) == 0)
			sg_data_error(t->path, t->line[r], t->name[c],
			    "the area's neighbour is listed twice", code,
			    strlen(code));
	if (nb->nnb == nb->cap) {
		nb->cap = nb->cap ? 2 * nb->cap : 1024;
		nb->nb = sg_realloc(nb->nb, nb->cap * sizeof(*nb->nb));
	}
	nb->nb[nb->nnb++] = (char *)code;
	l->n++;
}

/* DfE's wide file: old_la_code, then SN_1 ... SN_k (SN_kP is closeness);
 * a long file: area, neighbour. */
static void
read_neighbours(struct neighbours *nb, const char *path)
{
	struct sg_table *t = sg_table_read(path);
	size_t r, c, *sn, nsn = 0;
	long area = sg_table_col(t, "old_la_code");
	char name[32];
	int wide;

	nb->h = sg_hash_new();
	nb->t = t;
	/* Held by nb until the end: a data error below exits with it still
	 * reachable, not leaked. */
	sn = nb->sn = sg_calloc(t->ncols + 1, sizeof(*sn));
	for (c = 1; c <= t->ncols && area >= 0; c++) {
		snprintf(name, sizeof(name), "SN_%zu", c);
		if (sg_table_col(t, name) < 0)
			break;
		sn[nsn++] = (size_t)sg_table_col(t, name);
	}
	wide = nsn > 0;
	if (!wide) {
		if (t->ncols != 2)
			sg_data_error(path, 1, NULL, "neither DfE's wide "
			    "neighbour file (old_la_code, SN_1...) nor two "
			    "columns (area, neighbour)", NULL, 0);
		area = 0;
		sn[nsn++] = 1;
	}
	for (r = 0; r < t->nrows; r++) {
		if (wide && sg_hash_get_data(nb->h,
		    sg_table_get(t, r, area), strlen(sg_table_get(t, r, area)),
		    0, 0, NULL) != NULL)
			sg_data_error(path, t->line[r], t->name[area],
			    "the area is listed twice", sg_table_get(t, r,
			    area), strlen(sg_table_get(t, r, area)));
		for (c = 0; c < nsn; c++)
			add_nb(nb, t, r, sn[c], sg_table_get(t, r, area),
			    sg_table_get(t, r, sn[c]));
	}
	free(sn);
	nb->sn = NULL;
}

/* Values in order: descending (high, none) or ascending (low). */
struct ranked {
	sg_dec	 v;
	size_t	 i;
};

static int
cmp_up(const void *a, const void *b)
{
	return sg_dec_cmp(((const struct ranked *)a)->v,
	    ((const struct ranked *)b)->v);
}

static int
cmp_down(const void *a, const void *b)
{
	return -cmp_up(a, b);
}

static int
cmp_dec(const void *a, const void *b)
{
	return sg_dec_cmp(*(const sg_dec *)a, *(const sg_dec *)b);
}

/* Competition ranking of the group's numbers: ties share the lowest rank
 * (1, 2, 2, 4). */
static void
rank_group(struct group *g, int low)
{
	struct ranked *rk = sg_calloc(g->n + 1, sizeof(*rk));
	size_t i, n = 0;

	for (i = 0; i < g->n; i++)
		if (g->row[i].num && g->row[i].alen > 0) {
			rk[n].v = g->row[i].v;
			rk[n++].i = i;
		}
	qsort(rk, n, sizeof(*rk), low ? cmp_up : cmp_down);
	for (i = 0; i < n; i++)
		g->row[rk[i].i].rank = i > 0 && sg_dec_cmp(rk[i].v,
		    rk[i - 1].v) == 0 ? g->row[rk[i - 1].i].rank : (long)i + 1;
	g->nranked = (long)n;
	free(rk);
}

/* num / den to dp places by man/sg.7's rule, exactly when it can be. */
static size_t
fmt_ratio(sg_dec num, long den, int dp, char *buf)
{
	size_t n = sg_fmt_ratio(num, sg_dec_from_long(1),
	    sg_dec_from_long(den), dp, buf);

	if (n == 0)
		n = sg_fmt_num(sg_dec_to_double(num) / (double)den, dp, buf);
	return n;
}

/* The neighbours' mean or median into buf; returns how many neighbours
 * had a number in the group (0: no sn). */
static long
neighbour_stat(const struct group *g, const struct row *row,
    const struct neighbours *nb, const struct settings *s, int dp,
    char *buf)
{
	const struct nblist *l;
	sg_dec *vals, sum = sg_dec_from_long(0);
	size_t i, n = 0;
	const size_t *k;

	l = sg_hash_get_data(nb->h, g->text.p + row->aoff, row->alen, 0, 0,
	    NULL);
	if (l == NULL)
		return -1;
	vals = sg_calloc(l->n + 1, sizeof(*vals));
	for (i = 0; i < l->n; i++) {
		k = sg_hash_get_data(g->areas, nb->nb[l->first + i],
		    strlen(nb->nb[l->first + i]), 0, 0, NULL);
		if (k != NULL && g->row[*k].num)
			vals[n++] = g->row[*k].v;
	}
	if (n > 0 && s->median) {
		qsort(vals, n, sizeof(*vals), cmp_dec);
		if (n % 2 == 1)
			fmt_ratio(vals[n / 2], 1, dp, buf);
		else
			fmt_ratio(sg_dec_add(vals[n / 2 - 1], vals[n / 2]), 2,
			    dp, buf);
	} else if (n > 0) {
		for (i = 0; i < n; i++)
			sum = sg_dec_add(sum, vals[i]);
		fmt_ratio(sum, (long)n, dp, buf);
	}
	free(vals);
	return (long)n;
}

static const char *
quartile(long rank, long n)
{
	if (4 * rank <= n)
		return "A";
	if (2 * rank <= n)
		return "B";
	if (4 * rank <= 3 * n)
		return "C";
	return "D";
}

static void
put(struct sg_writer *w, const char *s)
{
	sg_write_char(w, '\t');
	sg_write_str(w, s);
}

static void
write_row(struct sg_writer *w, const struct group *g, const struct row *row,
    const struct neighbours *nb, const struct settings *s)
{
	char sn[SG_NUMBUF], vs[SG_NUMBUF], num[32];
	int dp = s->dp >= 0 ? s->dp : g->maxdp;
	long n;
	sg_dec snd;

	sg_write(w, g->text.p + row->off, row->len);
	if (!row->num || row->alen == 0) {
		sg_write_str(w, "\tx\tx\tx\tx\tx\tx\n");
		return;
	}
	n = neighbour_stat(g, row, nb, s, dp, sn);
	if (n > 0 && sg_dec_parse(sn, strlen(sn), &snd))
		fmt_ratio(sg_dec_sub(row->v, snd), 1, dp, vs);
	else
		strcpy(vs, "x");
	if (n <= 0)
		strcpy(sn, "x");
	put(w, sn);
	if (n < 0)
		strcpy(num, "x");
	else
		snprintf(num, sizeof(num), "%ld", n);
	put(w, num);
	snprintf(num, sizeof(num), "%ld", row->rank);
	put(w, num);
	snprintf(num, sizeof(num), "%ld", g->nranked);
	put(w, num);
	put(w, quartile(row->rank, g->nranked));
	put(w, vs);
	sg_write_eol(w);
}

static void
flush_group(struct group *g, struct sg_writer *w, const struct neighbours *nb,
    const struct settings *s)
{
	size_t i;

	rank_group(g, s->low);
	for (i = 0; i < g->n; i++)
		write_row(w, g, &g->row[i], nb, s);
	g->n = 0;
	g->text.len = 0;
	g->maxdp = 0;
	sg_hash_free(g->areas);
	g->areas = sg_hash_new();
}

/* Where the columns are. */
struct inputcols {
	size_t	 area, value;
	size_t	*group, ngroup;
};

/* Reads a row's value: a number (exactly) or a symbol. */
static int
read_value(const struct sg_reader *r, const struct sg_record *rec,
    const struct sg_record *h, size_t c, sg_dec *d)
{
	struct sg_value v;
	int exact = 0;
	enum sg_kind k = sg_value_parse_dec(rec->f[c], rec->len[c], &v, d,
	    &exact);

	if (k == SG_NUM && exact)
		return 1;
	if (k == SG_NUM)
		sg_data_error(sg_reader_file(r), sg_reader_line(r), h->f[c],
		    "too many digits to compare exactly", rec->f[c],
		    rec->len[c]);
	if (k == SG_BAD && !sg_is_symbol(rec->f[c], rec->len[c]))
		sg_data_error(sg_reader_file(r), sg_reader_line(r), h->f[c],
		    "not a number or a symbol", rec->f[c], rec->len[c]);
	return 0;
}

static void
add_row(struct group *g, const struct sg_reader *r,
    const struct sg_record *rec, const struct sg_record *h,
    const struct inputcols *c)
{
	struct row *row;
	size_t i, *ix;
	int isnew;

	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 256;
		g->row = sg_realloc(g->row, g->cap * sizeof(*g->row));
	}
	row = &g->row[g->n];
	memset(row, 0, sizeof(*row));
	row->off = g->text.len;
	for (i = 0; i < rec->n; i++) {
		if (i > 0)
			sg_buf_addc(&g->text, '\t');
		if (i == c->area)
			row->aoff = g->text.len;
		sg_buf_add(&g->text, rec->f[i], rec->len[i]);
	}
	row->len = g->text.len - row->off;
	row->alen = rec->len[c->area];
	row->num = read_value(r, rec, h, c->value, &row->v);
	if (row->num && row->v.scale > g->maxdp)
		g->maxdp = row->v.scale;
	if (row->alen > 0) {
		ix = sg_hash_get_data(g->areas, rec->f[c->area], row->alen,
		    sizeof(*ix), 1, &isnew);
		if (!isnew)
			sg_data_error(sg_reader_file(r), sg_reader_line(r),
			    h->f[c->area], "the area is in its group twice",
			    rec->f[c->area], row->alen);
		*ix = g->n;
	}
	g->n++;
}

/* The group's key: its columns' values, TAB-joined. */
static void
make_key(struct sg_buf *b, const struct sg_record *rec,
    const struct inputcols *c)
{
	size_t i;

	b->len = 0;
	sg_buf_adds(b, "");
	for (i = 0; i < c->ngroup; i++) {
		if (i > 0)
			sg_buf_addc(b, '\t');
		sg_buf_add(b, rec->f[c->group[i]], rec->len[c->group[i]]);
	}
}

static void
resolve_input(const struct sg_reader *r, const struct settings *s,
    struct inputcols *c)
{
	const struct sg_record *h = sg_reader_header(r);
	size_t i;

	for (i = 0; newcols[i] != NULL; i++)
		if (sg_col_find(h, newcols[i]) >= 0)
			sg_data_error(sg_reader_file(r), 1, newcols[i],
			    "the column is there already", NULL, 0);
	c->area = sg_col_resolve("--area", s->opt.arg['a'], h);
	c->value = sg_col_resolve("--value", s->opt.arg['v'], h);
	c->group = NULL;
	c->ngroup = 0;
	if (s->opt.arg['g'] != NULL)
		c->ngroup = sg_cols_resolve("--group", s->opt.arg['g'], h,
		    &c->group);
}

static void
write_header(struct sg_writer *w, const struct sg_record *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		sg_write_field(w, h->f[i], h->len[i], i == 0);
	for (i = 0; newcols[i] != NULL; i++)
		put(w, newcols[i]);
	sg_write_eol(w);
}

/*
 * The rows of a group come together (the input sorted or grouped by the
 * -g columns): one group is held at a time, and a group that comes back
 * after another is an error, not a second, wrong comparison.
 */
static void
compare(const struct settings *s)
{
	struct neighbours nb = { 0 };
	struct group g;
	struct sg_hash *done = sg_hash_new();
	struct sg_buf key = { NULL, 0, 0 };
	struct sg_reader *r;
	const struct sg_record *h;
	struct sg_record rec;
	struct sg_writer *w;
	struct inputcols c;
	int isnew;

	read_neighbours(&nb, s->opt.arg['n']);
	memset(&g, 0, sizeof(g));
	g.areas = sg_hash_new();
	r = sg_reader_open(s->common.files, s->common.nfiles);
	h = sg_reader_header(r);
	resolve_input(r, s, &c);
	w = sg_writer_open(s->common.output, s->common.gzip);
	write_header(w, h);
	while (sg_read(r, &rec)) {
		make_key(&key, &rec, &c);
		if (g.n > 0 && (key.len != g.key.len ||
		    memcmp(key.p, g.key.p, key.len) != 0)) {
			flush_group(&g, w, &nb, s);
			sg_hash_get(done, g.key.p, g.key.len, 1, NULL);
		}
		if (g.n == 0) {
			sg_hash_get(done, key.p, key.len, 1, &isnew);
			if (!isnew)
				sg_data_error(sg_reader_file(r),
				    sg_reader_line(r), NULL, "the group came "
				    "before, apart from this row (sort the "
				    "input by --group)", key.p, key.len);
			g.key.len = 0;
			sg_buf_add(&g.key, key.p, key.len);
		}
		add_row(&g, r, &rec, h, &c);
	}
	if (g.n > 0)
		flush_group(&g, w, &nb, s);
	sg_writer_close(w);
	sg_reader_close(r);
	sg_hash_free(done);
	sg_hash_free(g.areas);
	sg_buf_free(&g.text);
	sg_buf_free(&g.key);
	sg_buf_free(&key);
	free(g.row);
	free(c.group);
	free(nb.nb);
	sg_hash_free(nb.h);
	sg_table_free(nb.t);
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 's':
		s->median = sg_opt_word("--stat", arg, "mean|median");
		break;
	case 'p':
		s->low = sg_opt_word("--polarity", arg, "high|low|none") == 1;
		break;
	case 'd':
		s->dp = (int)sg_opt_long("--dp", arg, 0, 15);
		break;
	}
}

int
main(int argc, char **argv)
{
	struct settings s = { .dp = -1 };

	sg_init(argv[0]);
	sg_optab_parse(help, argc, argv, set_option, &s,
	    &s.common);
	if (s.opt.arg['a'] == NULL || s.opt.arg['v'] == NULL ||
	    s.opt.arg['n'] == NULL)
		sg_die_usage("give -a AREACOL, -v VALUECOL and -n NEIGHBOURS");
	compare(&s);
	return SG_EXIT_OK;
}
