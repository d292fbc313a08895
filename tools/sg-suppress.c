/*
 * sg-suppress: protect small numbers before publication.
 *
 * Primary suppression hides the small counts a profile names.  Secondary
 * suppression then hides more cells until no hidden cell can be worked
 * out from the published cells and the totals, by subtraction along one
 * line or by combining several.
 *
 * The reasoning.  The protected cells form a grid: every row of the
 * table, by the -c columns and the total column.  A row is a line with a
 * known sum if the table has a total column, or if its total is published
 * elsewhere (--secondary row or both); a column likewise with a total row
 * or --secondary col.  Writing each total cell with a minus sign turns
 * every such line into "the sum of its cells is a known number".  Take a
 * graph with one vertex per line with a known sum, one more vertex (the
 * "free" vertex) standing for every line without one, and one edge per
 * hidden cell, from its row's vertex to its column's.  The hidden values
 * can change without changing any published number exactly along the
 * cycles of this graph (add t along a cycle, subtract it back), so a
 * hidden cell is determined by the published numbers when no cycle passes
 * through it.  Counts cannot go below zero, so a hidden cell whose value
 * is 0 may only change upwards: its edge can be followed in one direction
 * only, and a cell is safe when a directed cycle passes through it.
 *
 * The method: mark the primary cells; then, while some hidden cell lies on
 * no directed cycle, find the cheapest path that closes a cycle through
 * it, where a hidden cell costs nothing and a published one its value plus
 * one (so the next smallest cells are chosen, and few of them), and hide
 * the published cells on that path.  Hiding more cells only adds cycles,
 * so every cell made safe stays safe and the loop ends.
 */
#include "config.h"

#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "optab.h"
#include "optval.h"

static const char help[] =
"usage: sg-suppress -c COLS [-p dfe|nhs|N] [-s row|col|both] [-k COL]\n"
"                   [-t LABEL] [-T COL] [-w DERIVED=COUNT...] [-o FILE] [-z]\n"
"                   [FILE...]\n"
"Hides small counts (primary suppression) and the cells needed so that no\n"
"hidden count can be worked out from the totals (secondary suppression).\n"
"  -c, --counts COLS      the count columns to protect\n"
"  -p, --profile P        dfe: 1 to 5 become c (default); nhs: 0 to 4 become\n"
"                         c, others round to the nearest 5; N: 1 to N-1\n"
"  -s, --secondary S      row, col or both: the totals of the rows, the\n"
"                         columns or both are published (in the table or\n"
"                         elsewhere); hide more cells to protect against them\n"
"  -k, --row-key COL      the column that labels the rows (default: the first)\n"
"  -t, --total-row LABEL  the row labelled LABEL holds the column totals\n"
"  -T, --total-col COL    column COL holds the row totals\n"
"  -w, --with D=C[,C...]  hide column D on a row where count C is hidden\n"
"                         (not with nhs: compute D after, with sg-rate)\n";

enum profile { DFE, NHS, THRESHOLD };

/* The state of a grid cell. */
enum state {
	PUB,		/* a published count */
	SYM,		/* a symbol other than c: x, z, low (a constant) */
	IN_C,		/* c in the input: hidden, value unknown */
	PRIMARY,	/* hidden: small */
	SECONDARY	/* hidden: protects another */
};

struct cell {
	long long	 val;	/* the count (0 for IN_C: the worst case) */
	enum state	 st;
	int		 sgn;	/* +1, or -1 for a total that is not both */
	int		 u, v;	/* vertices of its row line and column line */
};

struct row {
	char		**f;
	size_t		 *len;
	long		  line;
	const char	 *file;
};

struct with {
	const char	*derived, *counts;
	size_t		 didx;
	size_t		*cidx, nc;
};

struct table {
	struct row	*rows;
	size_t		 nr, rcap;
	size_t		*gcol, ng;	/* grid columns: counts, then total */
	struct cell	*cells;		/* nr * ng */
	int		 nvert;
	size_t		 keycol;	/* the column of the rows' labels */
	size_t		 trow;		/* the total row, if hastrow */
	int		 hastrow, hastcol; /* the total column: gcol[ng - 1] */
};

#define CELL(t, i, j)	(&(t)->cells[(i) * (t)->ng + (j)])
#define HIDDEN(st)	((st) >= IN_C)

/* ------------------------------------------------------------------ */
/* The graph: arcs of hidden (and, while searching, published) cells.   */

struct arc {
	int		 to;
	size_t		 cell;
};

struct graph {
	struct arc	*arcs;
	size_t		 narcs, cap;
	size_t		*start;		/* arcs of vertex v: start[v]..start[v+1] */
	int		 nvert;
};

/*
 * Which ways a cell's edge may be followed.  Forward (row vertex to
 * column vertex) adds 1 to the signed value, backward takes 1 away; a
 * count of 0 may only grow, so only the way that raises it is open.
 */
static int
can_forward(const struct cell *c)
{
	return c->val > 0 || c->sgn > 0;
}

static int
can_backward(const struct cell *c)
{
	return c->val > 0 || c->sgn < 0;
}

struct arctmp {
	int		 from, to;
	size_t		 cell;
};

static int
arccmp(const void *a, const void *b)
{
	const struct arctmp *x = a, *y = b;

	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->cell < y->cell ? -1 : x->cell > y->cell;
}

/* Builds the arcs of the hidden cells, and of published ones if all. */
static void
build_graph(const struct table *t, struct graph *g, int all)
{
	struct arctmp *tmp;
	size_t n = 0, i, k, ncells = t->nr * t->ng;
	const struct cell *c;

	tmp = sg_malloc((2 * ncells + 1) * sizeof(*tmp));
	for (i = 0; i < ncells; i++) {
		c = &t->cells[i];
		if (c->st == SYM || (!all && !HIDDEN(c->st)))
			continue;
		if (can_forward(c))
			tmp[n++] = (struct arctmp){ c->u, c->v, i };
		if (can_backward(c))
			tmp[n++] = (struct arctmp){ c->v, c->u, i };
	}
	qsort(tmp, n, sizeof(*tmp), arccmp);
	g->nvert = t->nvert;
	g->arcs = sg_realloc(g->arcs, (n + 1) * sizeof(*g->arcs));
	g->start = sg_realloc(g->start, ((size_t)t->nvert + 1) *
	    sizeof(*g->start));
	for (k = 0, i = 0; (int)k <= t->nvert; k++) {
		g->start[k] = i;
		while (i < n && tmp[i].from == (int)k) {
			g->arcs[i].to = tmp[i].to;
			g->arcs[i].cell = tmp[i].cell;
			i++;
		}
	}
	g->narcs = n;
	free(tmp);
}

/* Is there a path from a to b that does not use cell skip?  (BFS.) */
static int
reaches(const struct graph *g, int a, int b, size_t skip, int *seen,
    int *queue)
{
	size_t k;
	int head = 0, tail = 0, x;

	memset(seen, 0, (size_t)g->nvert * sizeof(*seen));
	seen[a] = 1;
	queue[tail++] = a;
	while (head < tail) {
		x = queue[head++];
		if (x == b)
			return 1;
		for (k = g->start[x]; k < g->start[x + 1]; k++) {
			if (g->arcs[k].cell == skip || seen[g->arcs[k].to])
				continue;
			seen[g->arcs[k].to] = 1;
			queue[tail++] = g->arcs[k].to;
		}
	}
	return 0;
}

/* A hidden cell is safe when a directed cycle passes through it. */
static int
safe(const struct table *t, const struct graph *g, size_t ci, int *seen,
    int *queue)
{
	const struct cell *c = &t->cells[ci];

	if (c->u == c->v)	/* in no line with a known sum */
		return 1;
	if (can_forward(c) && reaches(g, c->v, c->u, ci, seen, queue))
		return 1;
	if (can_backward(c) && reaches(g, c->u, c->v, ci, seen, queue))
		return 1;
	return 0;
}

/* ---- the cheapest path (Dijkstra with a binary heap) ---------------- */

/* A vertex waiting in the heap, at its distance so far. */
struct entry {
	double		 key;
	int		 v;
};

struct heap {
	struct entry	*e;
	size_t		 n;
};

/*
 * Does a come out of the heap before b: the nearer first, and of two as
 * near the lower vertex, so that the path found does not depend on the
 * order of pushes.
 */
static inline int
before(const struct entry *a, const struct entry *b)
{
	return a->key < b->key || (a->key == b->key && a->v < b->v);
}

static void
heap_push(struct heap *h, int v, double key)
{
	struct entry x = { key, v };
	size_t i = h->n++, p;

	while (i > 0) {
		p = (i - 1) / 2;
		if (!before(&x, &h->e[p]))
			break;
		h->e[i] = h->e[p];
		i = p;
	}
	h->e[i] = x;
}

static int
heap_pop(struct heap *h, double *key)
{
	struct entry top = h->e[0], x = h->e[--h->n];
	size_t i = 0, c;

	for (;;) {
		c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && before(&h->e[c + 1], &h->e[c]))
			c++;
		if (!before(&h->e[c], &x))
			break;
		h->e[i] = h->e[c];
		i = c;
	}
	h->e[i] = x;
	*key = top.key;
	return top.v;
}

static double
cost(const struct cell *c)
{
	return HIDDEN(c->st) ? 0 : (double)c->val + 1;
}

/*
 * The cheapest path from a to b avoiding cell skip, over hidden and
 * published cells.  Stores the arcs used in prev[]; returns its cost, or
 * -1 if there is none.
 */
static double
cheapest(const struct table *t, const struct graph *g, int a, int b,
    size_t skip, size_t *prev, double *dist, struct heap *h)
{
	size_t k;
	int x, y;
	double d, nd;

	for (x = 0; x < g->nvert; x++)
		dist[x] = -1;
	h->n = 0;
	dist[a] = 0;
	heap_push(h, a, 0);
	while (h->n > 0) {
		x = heap_pop(h, &d);
		if (d > dist[x])
			continue;
		if (x == b)
			return d;
		for (k = g->start[x]; k < g->start[x + 1]; k++) {
			if (g->arcs[k].cell == skip)
				continue;
			y = g->arcs[k].to;
			nd = d + cost(&t->cells[g->arcs[k].cell]);
			if (dist[y] < 0 || nd < dist[y]) {
				dist[y] = nd;
				prev[y] = k;
				heap_push(h, y, nd);
			}
		}
	}
	return -1;
}

/* The arcs' tails, to walk a path back: tail[k] for arc k. */
static int *
arc_tails(const struct graph *g)
{
	int *tail = sg_malloc((g->narcs + 1) * sizeof(*tail));
	size_t k;
	int v;

	for (v = 0; v < g->nvert; v++)
		for (k = g->start[v]; k < g->start[v + 1]; k++)
			tail[k] = v;
	return tail;
}

/*
 * Secondary suppression until every hidden cell is safe.  Returns 0, or
 * the index + 1 of a cell that cannot be protected.
 */
static size_t
secondary(struct table *t)
{
	struct graph hid = { 0 }, all = { 0 };
	struct heap h;
	size_t ci, ncells = t->nr * t->ng, *prev, k, bad = 0;
	size_t *path[2], len[2];
	double *dist, c1, c2;
	int *seen, *queue, *tail = NULL, x, dir;
	struct cell *c;

	seen = sg_malloc(((size_t)t->nvert + 1) * sizeof(*seen));
	queue = sg_malloc(((size_t)t->nvert + 1) * sizeof(*queue));
	dist = sg_malloc(((size_t)t->nvert + 1) * sizeof(*dist));
	prev = sg_malloc(((size_t)t->nvert + 1) * sizeof(*prev));
	h.e = sg_malloc((4 * ncells + (size_t)t->nvert + 2) * sizeof(*h.e));
	path[0] = sg_malloc(((size_t)t->nvert + 1) * sizeof(**path));
	path[1] = sg_malloc(((size_t)t->nvert + 1) * sizeof(**path));
	build_graph(t, &hid, 0);
	for (ci = 0; ci < ncells; ci++) {
		c = &t->cells[ci];
		if (!HIDDEN(c->st) || safe(t, &hid, ci, seen, queue))
			continue;
		/* Close a cycle through c, whichever way is cheaper. */
		if (tail == NULL) {
			/* Arcs depend on values only: build them once. */
			build_graph(t, &all, 1);
			tail = arc_tails(&all);
		}
		c1 = c2 = -1;
		len[0] = len[1] = 0;
		for (dir = 0; dir < 2; dir++) {
			double *cp = dir == 0 ? &c1 : &c2;
			int a = dir == 0 ? c->v : c->u;
			int b = dir == 0 ? c->u : c->v;

			if (dir == 0 ? !can_forward(c) : !can_backward(c))
				continue;
			*cp = cheapest(t, &all, a, b, ci, prev, dist, &h);
			if (*cp < 0)
				continue;
			for (x = b; x != a; x = tail[prev[x]])
				path[dir][len[dir]++] = all.arcs[prev[x]].cell;
		}
		if (c1 < 0 && c2 < 0) {
			bad = ci + 1;
			break;
		}
		dir = c1 >= 0 && (c2 < 0 || c1 <= c2) ? 0 : 1;
		for (k = 0; k < len[dir]; k++)
			if (!HIDDEN(t->cells[path[dir][k]].st))
				t->cells[path[dir][k]].st = SECONDARY;
		build_graph(t, &hid, 0);
	}
	free(tail);
	free(hid.arcs);
	free(hid.start);
	free(all.arcs);
	free(all.start);
	free(seen);
	free(queue);
	free(dist);
	free(prev);
	free(h.e);
	free(path[0]);
	free(path[1]);
	return bad;
}

/* ------------------------------------------------------------------ */

/* A count: a whole number, 0 or more, that fits. */
static int
parse_count(const char *s, size_t n, long long *out)
{
	size_t i;
	long long v = 0;

	if (n == 0 || n > 18)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

/* What the command line asks for. */
struct settings {
	struct sg_common common;
	struct sg_optval opt;		/* -c, -k, -t, -T */
	enum profile	 profile;
	long		 threshold;	/* THRESHOLD: the first count shown */
	int		 secrow, seccol; /* --secondary */
	struct with	*with;
	size_t		 nwith;
};

static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;
	const char *eq;
	int sec;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 'p':
		/* A threshold N, or a profile's name (sg_opt_word's message
		 * would not say that a number is taken too).  N is 3 or
		 * more: under 2 only 1 is hidden, and a c is a 1. */
		if (*arg >= '0' && *arg <= '9') {
			s->profile = THRESHOLD;
			s->threshold = sg_opt_long("--profile", arg, 3,
			    1000000000L);
		} else if (strcmp(arg, "dfe") != 0 && strcmp(arg, "nhs") != 0)
			sg_die_usage("--profile: expected dfe, nhs or a number, "
			    "not '%s'", arg);
		else
			s->profile = (enum profile)sg_opt_word("--profile", arg,
			    "dfe|nhs");
		break;
	case 's':
		/* row is 1, col 2 and both 3; each adds to those before. */
		sec = 1 + sg_opt_word("--secondary", arg, "row|col|both");
		s->secrow |= sec & 1;
		s->seccol |= (sec & 2) != 0;
		break;
	case 'w':
		eq = strchr(arg, '=');
		if (eq == NULL || eq == arg || eq[1] == '\0')
			sg_die_usage("--with: '%s' is not DERIVED=COUNT", arg);
		s->with = sg_realloc(s->with, (s->nwith + 1) *
		    sizeof(*s->with));
		memset(&s->with[s->nwith], 0, sizeof(*s->with));
		s->with[s->nwith].derived = sg_strndup(arg,
		    (size_t)(eq - arg));
		s->with[s->nwith].counts = eq + 1;
		s->nwith++;
		break;
	}
}

static void
parse(int argc, char **argv, struct settings *s)
{
	*s = (struct settings){ .profile = DFE, .threshold = 6 };
	sg_optab_parse(help, argc, argv, set_option, s,
	    &s->common);
	if (s->opt.arg['c'] == NULL)
		sg_die_usage("needs -c COLS, the count columns");
	/*
	 * Under nhs every published count is rounded, but a rate made from
	 * the count before it was cannot be: 40.2 per 10,000 of 35,100 gives
	 * back the 141 that was published as 140.  --with only hides, so it
	 * cannot protect it; the rate must be made after, from what is
	 * published (sg-rate, which gives c for a c).
	 */
	if (s->profile == NHS && s->nwith > 0)
		sg_die_usage("--with: under --profile nhs '%s' would keep the "
		    "value made from the unrounded counts, which gives them "
		    "back; compute it after sg-suppress, from the published "
		    "counts (sg-rate)", s->with[0].derived);
}

/* The grid's columns from the header: the count columns, then the total
 * column; and the --with columns. */
static void
resolve(struct settings *s, const struct sg_record *hdr, struct table *t)
{
	size_t i, j, *cidx, nc, tcol = 0;

	nc = sg_cols_resolve("-c", s->opt.arg['c'], hdr, &cidx);
	for (i = 0; i < nc; i++)
		for (j = 0; j < i; j++)
			if (cidx[i] == cidx[j])
				sg_die_usage("-c: column '%s' is named twice",
				    hdr->f[cidx[i]]);
	t->keycol = s->opt.arg['k'] ? sg_col_resolve("--row-key", s->opt.arg['k'], hdr) :
	    0;
	if (s->opt.arg['T'] != NULL) {
		tcol = sg_col_resolve("--total-col", s->opt.arg['T'], hdr);
		t->hastcol = 1;
		if (tcol == t->keycol)
			sg_die_usage("--total-col: '%s' is the row key",
			    hdr->f[tcol]);
	}
	if (sg_cols_has(cidx, nc, t->keycol))
		sg_die_usage("-c: '%s' is the row key column (see --row-key)",
		    hdr->f[t->keycol]);
	t->gcol = sg_malloc((nc + 1) * sizeof(*t->gcol));
	for (i = 0; i < nc; i++)
		if (!t->hastcol || cidx[i] != tcol)
			t->gcol[t->ng++] = cidx[i];
	if (t->hastcol)
		t->gcol[t->ng++] = tcol;
	free(cidx);
	if (t->ng - (size_t)t->hastcol == 0)
		sg_die_usage("-c: no count columns besides the total column");
	for (i = 0; i < s->nwith; i++) {
		s->with[i].didx = sg_col_resolve("--with", s->with[i].derived,
		    hdr);
		if (sg_cols_has(t->gcol, t->ng, s->with[i].didx))
			sg_die_usage("--with: '%s' is a count column",
			    s->with[i].derived);
		s->with[i].nc = sg_cols_resolve("--with", s->with[i].counts,
		    hdr, &s->with[i].cidx);
	}
}

/* Reads the whole table into t, its text in arena. */
static void
read_table(const struct settings *s, struct sg_reader *rd, struct table *t,
    struct sg_arena *arena)
{
	const struct sg_record *hdr = sg_reader_header(rd);
	struct sg_record rec;
	struct row *r;
	char *line, what[80];
	size_t i, kc = t->keycol;

	while (sg_read(rd, &rec)) {
		if (t->nr == t->rcap) {
			t->rcap = t->rcap ? t->rcap * 2 : 64;
			t->rows = sg_realloc(t->rows, t->rcap *
			    sizeof(*t->rows));
		}
		r = &t->rows[t->nr];
		line = sg_arena_alloc(arena, rec.linelen + 1);
		memcpy(line, rec.line, rec.linelen + 1);
		r->f = sg_arena_alloc(arena, rec.n * sizeof(*r->f));
		r->len = sg_arena_alloc(arena, rec.n * sizeof(*r->len));
		for (i = 0; i < rec.n; i++) {
			r->f[i] = line + (rec.f[i] - rec.line);
			r->len[i] = rec.len[i];
		}
		r->file = sg_arena_strndup(arena, sg_reader_file(rd),
		    strlen(sg_reader_file(rd)));
		r->line = sg_reader_line(rd);
		if (s->opt.arg['t'] != NULL && strcmp(r->f[kc], s->opt.arg['t']) == 0) {
			if (t->hastrow) {
				/* Room for any line number. */
				snprintf(what, sizeof(what), "a second total "
				    "row (the first is on line %ld)",
				    t->rows[t->trow].line);
				sg_data_error(r->file, r->line, hdr->f[kc],
				    what, r->f[kc], r->len[kc]);
			}
			t->hastrow = 1;
			t->trow = t->nr;
		}
		t->nr++;
	}
	if (s->opt.arg['t'] != NULL && !t->hastrow && t->nr > 0)
		sg_die("no total row: no row has '%s' in column '%s'",
		    s->opt.arg['t'], hdr->f[kc]);
}

/* Cell (i, j) from its value: a count, small or not, or a symbol. */
static void
read_cell(const struct settings *s, const struct sg_record *hdr,
    struct table *t, size_t i, size_t j)
{
	struct cell *c = CELL(t, i, j);
	const struct row *r = &t->rows[i];
	size_t k = t->gcol[j];
	struct sg_value val;
	long long v;

	switch (sg_value_parse(r->f[k], r->len[k], &val)) {
	case SG_C:
		c->st = IN_C;
		return;
	case SG_X:
	case SG_Z:
	case SG_U:
	case SG_LOW:
		c->st = SYM;
		return;
	case SG_NUM:
		if (parse_count(r->f[k], r->len[k], &v))
			break;
		sg_data_error(r->file, r->line, hdr->f[k],
		    "not a count (a whole number, 0 or more)", r->f[k],
		    r->len[k]);
	default:
		sg_data_error(r->file, r->line, hdr->f[k],
		    "not a count or a symbol", r->f[k], r->len[k]);
	}
	c->val = v;
	switch (s->profile) {
	case DFE:
		c->st = v >= 1 && v <= 5 ? PRIMARY : PUB;
		break;
	case NHS:
		c->st = v <= 4 ? PRIMARY : PUB;
		break;
	case THRESHOLD:
		c->st = v >= 1 && v < s->threshold ? PRIMARY : PUB;
		break;
	}
}

/*
 * The grid's cells and their lines: vertex 0 is the free vertex (lines
 * without a known sum); then one per row with a known sum, one per
 * column with one.
 */
static void
make_grid(const struct settings *s, const struct sg_record *hdr,
    struct table *t)
{
	int secrow = s->secrow | t->hastcol, seccol = s->seccol | t->hastrow;
	struct cell *c;
	size_t i, j;

	t->nvert = 1 + (secrow ? (int)t->nr : 0) + (seccol ? (int)t->ng : 0);
	t->cells = sg_calloc(t->nr * t->ng + 1, sizeof(*t->cells));
	for (i = 0; i < t->nr; i++)
		for (j = 0; j < t->ng; j++) {
			c = CELL(t, i, j);
			c->u = secrow ? 1 + (int)i : 0;
			c->v = seccol ? 1 + (secrow ? (int)t->nr : 0) + (int)j :
			    0;
			c->sgn = ((t->hastrow && i == t->trow) !=
			    (t->hastcol && j == t->ng - 1)) ? -1 : 1;
			read_cell(s, hdr, t, i, j);
		}
}

/* Hides the cells that protect the small ones, or stops with the cell
 * that cannot be protected. */
static void
protect(struct table *t, const struct sg_record *hdr)
{
	size_t i, j, n, bad;

	if ((bad = secondary(t)) != 0) {
		/*
		 * A c of the input is taken to be 0, the case that leaves least
		 * room; if that makes the table impossible to protect, take it
		 * to be 1 or more (what c stands for in dfe-style tables), and
		 * say so.
		 */
		for (i = 0, n = 0; i < t->nr * t->ng; i++)
			if (t->cells[i].st == IN_C) {
				t->cells[i].val = 1;
				n++;
			}
		if (n > 0) {
			sg_warn("the table cannot be protected if the c cells "
			    "of the input stand for 0; protecting it on the "
			    "assumption that they stand for 1 or more");
			bad = secondary(t);
		}
	}
	if (bad == 0)
		return;
	i = (bad - 1) / t->ng;
	j = (bad - 1) % t->ng;
	sg_data_error(t->rows[i].file, t->rows[i].line, hdr->f[t->gcol[j]],
	    "this hidden cell cannot be protected: no other cell can hide it "
	    "from the totals", t->rows[i].f[t->gcol[j]],
	    t->rows[i].len[t->gcol[j]]);
}

/* Writes the table: hidden cells as c, --with, nhs rounding. */
static void
write_table(const struct settings *s, const struct sg_record *hdr,
    struct table *t, struct sg_writer *out, struct sg_arena *arena)
{
	const struct with *wi;
	struct cell *c;
	struct row *r;
	char buf[SG_NUMBUF];
	size_t i, j, k, n;

	sg_write_record(out, hdr->f, hdr->len, hdr->n);
	for (i = 0; i < t->nr; i++) {
		r = &t->rows[i];
		for (j = 0; j < t->ng; j++) {
			c = CELL(t, i, j);
			k = t->gcol[j];
			if (c->st == PRIMARY || c->st == SECONDARY) {
				r->f[k] = "c";
				r->len[k] = 1;
			} else if (c->st == PUB && s->profile == NHS) {
				n = sg_fmt_num(sg_round((double)c->val / 5, 0) *
				    5, 0, buf);
				r->f[k] = sg_arena_strndup(arena, buf, n);
				r->len[k] = n;
			}
		}
		for (wi = s->with; wi < s->with + s->nwith; wi++)
			for (k = 0; k < wi->nc; k++)
				if (r->len[wi->cidx[k]] == 1 &&
				    r->f[wi->cidx[k]][0] == 'c') {
					r->f[wi->didx] = "c";
					r->len[wi->didx] = 1;
				}
		sg_write_record(out, r->f, r->len, hdr->n);
	}
}

/* The worker: reads the table of rd, protects it, writes it to out. */
static void
suppress(struct settings *s, struct sg_reader *rd, struct sg_writer **out)
{
	const struct sg_record *hdr = sg_reader_header(rd);
	struct sg_arena *arena = sg_arena_new();
	struct table t = { 0 };

	resolve(s, hdr, &t);
	read_table(s, rd, &t, arena);
	make_grid(s, hdr, &t);
	protect(&t, hdr);
	/* Nothing is written until the table is known to be safe. */
	*out = sg_writer_open(s->common.output, s->common.gzip);
	write_table(s, hdr, &t, *out, arena);
	sg_arena_free(arena);
	free(t.rows);
	free(t.cells);
	free(t.gcol);
}

int
main(int argc, char **argv)
{
	struct settings s;
	struct sg_reader *rd;
	struct sg_writer *out;
	size_t i;

	sg_init(argv[0]);
	parse(argc, argv, &s);
	rd = sg_reader_open(s.common.files, s.common.nfiles);
	suppress(&s, rd, &out);
	sg_writer_close(out);
	sg_reader_close(rd);
	for (i = 0; i < s.nwith; i++) {
		free((char *)s.with[i].derived);
		free(s.with[i].cidx);
	}
	free(s.with);
	return SG_EXIT_OK;
}
