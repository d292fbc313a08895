/*
 * sg-agg: group rows and summarise each group: count, distinct, repeat,
 * sum, min, max, mean, median.
 *
 * Groups are kept in first-seen order without sorting: the group key (the
 * group columns' raw bytes joined by TAB, which a stream value cannot
 * hold) is looked up in an open-addressing hash that gives each group a
 * dense index, and every operation keeps its per-group state in plain
 * arrays indexed by "slot": slot 0 is the --total row, slot g + 1 is group
 * g.  Memory is one entry per group (plus, for distinct and repeat, one per
 * distinct value in each group, and for median every value seen); nothing
 * is allocated per row.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "cond.h"
#include "filter.h"
#include "optab.h"
#include "optval.h"
#include "pairset.h"

static const char help[] =
"usage: sg-agg [-g COLS] [-s] [-t LABEL] [-o FILE] [-z] OP:COL[:NAME[:COND]]...\n"
"              [FILE...]\n"
"Groups rows by COLS (first-seen order) and writes one row per group with\n"
"one column per operation; without -g, one row for the whole input.\n"
"Operations:\n"
"  count      rows (COL may be omitted: 'count')\n"
"  distinct   distinct non-empty values of COL\n"
"  repeat     distinct non-empty values of COL found in 2 or more rows\n"
"  sum min max mean median   of the numbers in COL (symbols propagate)\n"
"NAME names the output column (default OP_COL).  COND keeps only the rows\n"
"where it holds: COL=V, COL!=V, COL<V, COL<=V, COL>V, COL>=V, joined by &\n"
"(all must hold); alternatives separated by | (one must hold; & binds tighter).\n"
"  -g, --group COLS       group by these columns (names, numbers, ranges)\n"
"  -s, --sort             write groups in byte order of their keys\n"
"  -t, --total LABEL      append a total row labelled LABEL (needs -g)\n";

enum optype {
	OP_COUNT, OP_DISTINCT, OP_REPEAT, OP_SUM, OP_MIN, OP_MAX, OP_MEAN,
	OP_MEDIAN
};
static const char *const opnames[] = {
	"count", "distinct", "repeat", "sum", "min", "max", "mean", "median"
};
#define NOPTYPES	(sizeof(opnames) / sizeof(opnames[0]))

struct dvec {
	double		*v;
	size_t		 n, cap;
};

struct op {
	enum optype	 type;
	const char	*spec;		/* as given, for messages */
	char		*colspec;	/* NULL: bare "count" */
	size_t		 col;
	char		*name;		/* NAME, or NULL for the default */
	char		*condspec;
	struct sg_conds	 conds;
	/* Per slot. */
	long		*n;		/* rows seen; distinct/repeat values */
	unsigned char	*kind;		/* combined kind of the values but low */
	unsigned char	*seen;		/* SEEN_ bits */
	sg_dec		*dsum;		/* exact part of a sum */
	double		*fsum;		/* numbers too long for sg_dec */
	double		*ext;		/* min or max */
	struct dvec	*vals;		/* median */
	/* distinct and repeat: each value gets an index, and each
	 * (slot, value) pair an entry in an integer set. */
	struct sg_hash	*values;	/* shared by the operations on col */
	int		 owns_values;
	unsigned char	*vcount;	/* rows per value, at most 2 */
	size_t		 vcap;
	struct sg_pairset pairs;
	/* While groups x values is small: a bitmap per slot instead of
	 * pairs (a second one for repeat), bits[slot * stride + word]. */
	uint64_t	*bits;
	size_t		 bwords;	/* words per bitmap */
	size_t		 bslots;	/* slots allocated */
	int		 usepairs;
};

/*
 * What a numeric operation has seen besides its c, x, u and z: low is
 * kept apart, because whether the result is still near zero depends on
 * the other values (result_kind()).
 */
#define SEEN_LOW	1	/* a low */
#define SEEN_LOWS	2	/* a second low */
#define SEEN_NONZERO	4	/* a number that is not 0 */

static struct op *ops;
static size_t nops;
static size_t slotcap;
static int want_total;

static int
optype_of(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < NOPTYPES; i++)
		if (strlen(opnames[i]) == n && memcmp(s, opnames[i], n) == 0)
			return (int)i;
	return -1;
}

/* Is arg an operation (OP:... or bare "count") rather than a file? */
static int
is_op(const char *arg)
{
	const char *colon = strchr(arg, ':');

	if (colon == NULL)
		return strcmp(arg, "count") == 0;
	return optype_of(arg, (size_t)(colon - arg)) >= 0;
}

static void
parse_op(struct op *o, const char *arg)
{
	const char *p, *q;
	int t;

	memset(o, 0, sizeof(*o));
	o->spec = arg;
	p = strchr(arg, ':');
	if (p == NULL) {
		o->type = OP_COUNT;
		return;
	}
	t = optype_of(arg, (size_t)(p - arg));
	o->type = (enum optype)t;
	p++;
	q = strchr(p, ':');
	o->colspec = sg_strndup(p, q ? (size_t)(q - p) : strlen(p));
	if (*o->colspec == '\0')
		sg_die_usage("%s: no column after '%s:'", arg, opnames[t]);
	if (q == NULL)
		return;
	p = q + 1;
	q = strchr(p, ':');
	if (q == NULL) {
		if (*p != '\0')
			o->name = sg_strdup(p);
		return;
	}
	if (q > p)
		o->name = sg_strndup(p, (size_t)(q - p));
	o->condspec = sg_strdup(q + 1);
	if (*o->condspec == '\0')
		sg_die_usage("%s: empty condition", arg);
}

/*
 * Resolves COND ("a=Y&b<=3", or alternatives "a=Y&b=|a=Y&b>3": '&' binds
 * tighter than '|') against the header.
 */

/* Makes room for slot and sets it to the empty state. */
static void
slot_init(size_t slot)
{
	size_t i, newcap;
	struct op *o;

	if (slot >= slotcap) {
		newcap = slotcap ? slotcap * 2 : 64;
		while (newcap <= slot)
			newcap *= 2;
		for (i = 0; i < nops; i++) {
			o = &ops[i];
			o->n = sg_realloc(o->n, newcap * sizeof(*o->n));
			o->kind = sg_realloc(o->kind, newcap);
			o->seen = sg_realloc(o->seen, newcap);
			if (o->type == OP_SUM || o->type == OP_MEAN) {
				o->dsum = sg_realloc(o->dsum,
				    newcap * sizeof(*o->dsum));
				o->fsum = sg_realloc(o->fsum,
				    newcap * sizeof(*o->fsum));
			}
			if (o->type == OP_MIN || o->type == OP_MAX)
				o->ext = sg_realloc(o->ext,
				    newcap * sizeof(*o->ext));
			if (o->type == OP_MEDIAN) {
				o->vals = sg_realloc(o->vals,
				    newcap * sizeof(*o->vals));
				memset(&o->vals[slotcap], 0,
				    (newcap - slotcap) * sizeof(*o->vals));
			}
		}
		slotcap = newcap;
	}
	for (i = 0; i < nops; i++) {
		o = &ops[i];
		o->n[slot] = 0;
		o->kind[slot] = SG_NUM;
		o->seen[slot] = 0;
		if (o->dsum != NULL) {
			o->dsum[slot] = sg_dec_from_long(0);
			o->fsum[slot] = 0;
		}
		if (o->ext != NULL)
			o->ext[slot] = o->type == OP_MIN ? INFINITY : -INFINITY;
		if (o->vals != NULL)
			memset(&o->vals[slot], 0, sizeof(o->vals[slot]));
	}
}

/* The bitmaps stay under this size; beyond, the pairs take over. */
#define BITS_MAX	((size_t)16 << 20)

static size_t
bits_stride(const struct op *o)
{
	return o->type == OP_REPEAT ? 2 * o->bwords : o->bwords;
}

/* Moves every bit into the pair set, for good. */
static void
bits_to_pairs(struct op *o)
{
	size_t slot, w, b, stride = bits_stride(o);
	uint64_t *row;

	for (slot = 0; slot < o->bslots; slot++) {
		row = &o->bits[slot * stride];
		for (w = 0; w < o->bwords; w++)
			for (b = 0; row[w] != 0 && b < 64; b++) {
				if (!(row[w] & (1ULL << b)))
					continue;
				sg_pairset_add(&o->pairs, slot, (uint32_t)(w * 64 + b),
				    0);
				if (o->type == OP_REPEAT &&
				    (row[o->bwords + w] & (1ULL << b)))
					sg_pairset_add(&o->pairs, slot,
					    (uint32_t)(w * 64 + b), 1);
			}
	}
	free(o->bits);
	o->bits = NULL;
	o->usepairs = 1;
}

/*
 * Makes the bitmaps hold slot and value vid, growing them; returns 0
 * (after moving to pairs) if they would pass BITS_MAX.
 */
static int
bits_room(struct op *o, size_t slot, size_t vid)
{
	size_t nslots = o->bslots, nwords = o->bwords, k, oldstride, stride;
	uint64_t *nb;

	if (slot < nslots && vid < nwords * 64)
		return 1;
	while (slot >= nslots)
		nslots = nslots ? nslots * 2 : 64;
	while (vid >= nwords * 64)
		nwords = nwords ? nwords * 2 : 16;
	stride = o->type == OP_REPEAT ? 2 * nwords : nwords;
	if (nslots * stride * sizeof(uint64_t) > BITS_MAX) {
		bits_to_pairs(o);
		return 0;
	}
	oldstride = bits_stride(o);
	nb = sg_calloc(nslots * stride, sizeof(*nb));
	for (k = 0; k < o->bslots; k++) {
		memcpy(&nb[k * stride], &o->bits[k * oldstride],
		    o->bwords * sizeof(*nb));
		if (o->type == OP_REPEAT)
			memcpy(&nb[k * stride + nwords],
			    &o->bits[k * oldstride + o->bwords],
			    o->bwords * sizeof(*nb));
	}
	free(o->bits);
	o->bits = nb;
	o->bslots = nslots;
	o->bwords = nwords;
	return 1;
}

/*
 * distinct and repeat for one row: the value's index among the values
 * this operation saw, then the (slot, value) pair.  The whole input (the
 * total, or the one group without -g) needs no pairs: a value new to the
 * operation is new to it, and each value's rows are counted up to 2.
 */
static long
feed_set(struct op *o, size_t slot, const char *val, size_t len,
    uint64_t hv, int whole, long vid_known)
{
	size_t ws;
	long vid;
	int r;

	if (len == 0)
		return -1;
	vid = vid_known >= 0 ? vid_known :
	    sg_hash_get_hv(o->values, val, len, hv, 1, NULL);
	if ((size_t)vid >= o->vcap) {
		size_t cap = o->vcap ? o->vcap * 2 : 1024;

		while (cap <= (size_t)vid)
			cap *= 2;
		o->vcount = sg_realloc(o->vcount, cap);
		memset(o->vcount + o->vcap, 0, cap - o->vcap);
		o->vcap = cap;
	}
	if (whole || want_total) {
		/* vcount: this operation's rows with the value, up to 2
		 * (the table of values may be shared with others). */
		ws = whole ? slot : 0;
		if (o->type == OP_DISTINCT) {
			if (o->vcount[vid] == 0) {
				o->vcount[vid] = 1;
				o->n[ws]++;
			}
		} else if (o->vcount[vid] < 2 && ++o->vcount[vid] == 2)
			o->n[ws]++;
		if (whole)
			return vid;
	}
	if (!o->usepairs && bits_room(o, slot, (size_t)vid)) {
		uint64_t *seen = &o->bits[slot * bits_stride(o) +
		    ((size_t)vid >> 6)];
		uint64_t bit = 1ULL << (vid & 63);

		if (!(*seen & bit)) {
			*seen |= bit;
			if (o->type == OP_DISTINCT)
				o->n[slot]++;
		} else if (o->type == OP_REPEAT && !(seen[o->bwords] & bit)) {
			seen[o->bwords] |= bit;
			o->n[slot]++;
		}
		return vid;
	}
	r = sg_pairset_add(&o->pairs, slot, (uint32_t)vid, o->type == OP_REPEAT);
	if (o->type == OP_DISTINCT ? r == 0 : r == 1)
		o->n[slot]++;
	return vid;
}

/*
 * distinct and repeat look each value up in a table of every value seen,
 * which outgrows the caches: a lookup waits on memory twice (the slot,
 * the entry).  So their feeds wait in a batch of a few dozen rows, the
 * slots and then the entries prefetched, and are made in order when the
 * batch is full: the waits overlap.  The other operations do not depend
 * on these, so they are fed at once.
 */
#define BATCH_ROWS	32

struct pending {
	struct op	*o;
	size_t		 row;		/* of the batch */
	size_t		 slot;
	size_t		 off, len;	/* the value, in pendvals */
	uint64_t	 hv;
	int		 whole;
};
static struct pending *pend;
static size_t npend, pendcap, pendrow;
static struct sg_buf pendvals;

static void
defer_set(struct op *o, size_t slot, const struct sg_record *rec, int whole)
{
	struct pending *p;
	size_t len = rec->len[o->col];

	if (len == 0)
		return;
	p = &pend[npend++];
	p->o = o;
	p->row = pendrow;
	p->slot = slot;
	p->off = pendvals.len;
	p->len = len;
	p->whole = whole;
	p->hv = sg_hash_bytes(rec->f[o->col], len);
	sg_hash_prefetch(o->values, p->hv, 0);
	sg_buf_add(&pendvals, rec->f[o->col], len);
}

static void
flush_sets(void)
{
	size_t i;

	struct pending *p;
	long vid = -1;

	for (i = 0; i < npend; i++)
		sg_hash_prefetch(pend[i].o->values, pend[i].hv, 1);
	for (i = 0; i < npend; i++) {
		p = &pend[i];
		/* Operations on one column share its table of values: the
		 * row's value is looked up once. */
		if (i == 0 || p->row != p[-1].row ||
		    p->o->values != p[-1].o->values)
			vid = -1;
		vid = feed_set(p->o, p->slot, pendvals.p + p->off, p->len,
		    p->hv, p->whole, vid);
	}
	npend = 0;
	pendrow = 0;
	pendvals.len = 0;
}

/* The value of field col, parsed for a numeric operation. */
static enum sg_kind
numeric(struct sg_reader *r, const struct sg_record *hdr,
    const struct sg_record *rec, size_t col, struct sg_value *v)
{
	enum sg_kind k = sg_value_parse(rec->f[col], rec->len[col], v);

	if (k == SG_BAD)
		sg_data_error(sg_reader_file(r), sg_reader_line(r),
		    hdr->f[col], "not a number", rec->f[col], rec->len[col]);
	return k;
}

static void
dvec_push(struct dvec *d, double x)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->v = sg_realloc(d->v, d->cap * sizeof(*d->v));
	}
	d->v[d->n++] = x;
}

/* A symbol into o's slot: c, x, u, z by their precedence, low counted. */
static void
note_symbol(struct op *o, size_t slot, enum sg_kind k)
{
	if (k == SG_LOW)
		o->seen[slot] |= o->seen[slot] & SEEN_LOW ? SEEN_LOWS :
		    SEEN_LOW;
	else
		o->kind[slot] = sg_kind_combine(o->kind[slot], k);
}

/* A number into o's slot: only whether it is 0 matters beside a low. */
static void
note_number(struct op *o, size_t slot, int nonzero)
{
	if (nonzero)
		o->seen[slot] |= SEEN_NONZERO;
}

/* Feeds one row's value of o to a slot. */
static void
feed(struct op *o, size_t slot, struct sg_reader *r,
    const struct sg_record *hdr, const struct sg_record *rec)
{
	struct sg_value v;
	const char *s;
	size_t len;
	sg_dec d;

	switch (o->type) {
	case OP_COUNT:
		o->n[slot]++;
		break;
	case OP_DISTINCT:
	case OP_REPEAT:		/* feed_set() */
		break;
	case OP_SUM:
	case OP_MEAN:
		o->n[slot]++;
		s = rec->f[o->col];
		len = rec->len[o->col];
		if (sg_dec_parse(s, len, &d)) {
			o->dsum[slot] = sg_dec_add(o->dsum[slot], d);
			note_number(o, slot, sg_dec_sign(d) != 0);
		} else if (numeric(r, hdr, rec, o->col, &v) == SG_NUM) {
			o->fsum[slot] += v.num;
			note_number(o, slot, v.num != 0);
		} else {
			note_symbol(o, slot, v.kind);
		}
		break;
	case OP_MIN:
	case OP_MAX:
		o->n[slot]++;
		if (numeric(r, hdr, rec, o->col, &v) != SG_NUM) {
			note_symbol(o, slot, v.kind);
			break;
		}
		note_number(o, slot, v.num != 0);
		if (o->type == OP_MIN ? v.num < o->ext[slot] :
		    v.num > o->ext[slot])
			o->ext[slot] = v.num;
		break;
	case OP_MEDIAN:
		o->n[slot]++;
		if (numeric(r, hdr, rec, o->col, &v) != SG_NUM) {
			note_symbol(o, slot, v.kind);
		} else {
			note_number(o, slot, v.num != 0);
			dvec_push(&o->vals[slot], v.num);
		}
		break;
	}
}

static int
dblcmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * The kind of o's result for slot (sg(7)): c, x, u, z by precedence;
 * then low, rounds to zero but is not zero, only where the result is near
 * zero whatever each low's exact value (up to half a unit either side of
 * 0): a min, max, mean or median of values that are all low or 0, a sum
 * of one low and zeros.  Beside any other number, or as two lows summed
 * (0.4 + 0.4 rounds to 1), the result would need the lows' values: x.
 */
static enum sg_kind
result_kind(const struct op *o, size_t slot)
{
	unsigned char seen = o->seen[slot];

	if (o->kind[slot] != SG_NUM || (seen & SEEN_LOW) == 0)
		return (enum sg_kind)o->kind[slot];
	if (seen & SEEN_NONZERO)
		return SG_X;
	if (o->type == OP_SUM && (seen & SEEN_LOWS))
		return SG_X;
	return SG_LOW;
}

/* Writes o's result for slot (after a TAB if tab != 0). */
static void
put(struct sg_writer *w, struct op *o, size_t slot, int tab)
{
	char buf[SG_NUMBUF];
	double x = 0;
	struct dvec *d;
	enum sg_kind k;
	size_t len;

	if (tab)
		sg_write_char(w, '\t');
	switch (o->type) {
	case OP_COUNT:
	case OP_DISTINCT:
	case OP_REPEAT:
		len = (size_t)snprintf(buf, sizeof(buf), "%ld", o->n[slot]);
		sg_write(w, buf, len);
		return;
	default:
		break;
	}
	if ((k = result_kind(o, slot)) != SG_NUM) {
		sg_write_str(w, sg_kind_symbol(k));
		return;
	}
	if (o->n[slot] == 0 && o->type != OP_SUM) {
		sg_write_char(w, 'z');	/* nothing to measure */
		return;
	}
	switch (o->type) {
	case OP_SUM:
	case OP_MEAN:
		x = sg_dec_to_double(o->dsum[slot]) + o->fsum[slot];
		if (o->type == OP_MEAN)
			x /= (double)o->n[slot];
		break;
	case OP_MIN:
	case OP_MAX:
		x = o->ext[slot];
		break;
	case OP_MEDIAN:
		d = &o->vals[slot];
		qsort(d->v, d->n, sizeof(*d->v), dblcmp);
		x = d->n % 2 ? d->v[d->n / 2] :
		    (d->v[d->n / 2 - 1] + d->v[d->n / 2]) / 2;
		break;
	default:
		break;
	}
	sg_write(w, buf, sg_fmt_num(x, -1, buf));
}

static struct sg_hash *groups;

static void
free_ops(void)
{
	size_t i, slot;
	struct op *o;

	for (i = 0; i < nops; i++) {
		o = &ops[i];
		free(o->colspec);
		free(o->name);
		free(o->condspec);
		sg_conds_free(&o->conds);
		free(o->n);
		free(o->kind);
		free(o->seen);
		free(o->dsum);
		free(o->fsum);
		free(o->ext);
		for (slot = 0; o->vals != NULL && slot < slotcap; slot++)
			free(o->vals[slot].v);
		free(o->vals);
		if (o->owns_values)
			sg_hash_free(o->values);
		free(o->vcount);
		sg_pairset_free(&o->pairs);
		free(o->bits);
	}
	free(ops);
}

static int
keycmp(const void *a, const void *b)
{
	size_t an, bn;
	const char *ak = sg_hash_key(groups, *(const long *)a, &an);
	const char *bk = sg_hash_key(groups, *(const long *)b, &bn);

	return sg_bytecmp(ak, an, bk, bn);
}

/* The output column names: unique, or a usage error. */
static char **
out_names(const struct sg_record *hdr, const size_t *gcol, size_t ng)
{
	char **names = sg_malloc((ng + nops) * sizeof(*names));
	struct sg_buf b = { 0 };
	size_t i, j;

	for (i = 0; i < ng; i++)
		names[i] = hdr->f[gcol[i]];
	for (i = 0; i < nops; i++) {
		if (ops[i].name != NULL) {
			names[ng + i] = ops[i].name;
			continue;
		}
		b.len = 0;
		sg_buf_adds(&b, opnames[ops[i].type]);
		if (ops[i].colspec != NULL) {
			sg_buf_addc(&b, '_');
			sg_buf_adds(&b, hdr->f[ops[i].col]);
		}
		names[ng + i] = ops[i].name = sg_strdup(b.p);
	}
	sg_buf_free(&b);
	for (i = 0; i < ng + nops; i++)
		for (j = 0; j < i; j++)
			if (strcmp(names[i], names[j]) == 0)
				sg_die_usage("two output columns named '%s': "
				    "give one a NAME (OP:COL:NAME)", names[i]);
	return names;
}

/* What the command line asks for. */
struct settings {
	struct sg_common common;	/* files: the operands that are no
					 * operation */
	struct sg_optval opt;		/* -g COLS, -s, -t LABEL */
	size_t		*gcol, ng;	/* -g's columns */
	char		**names;	/* the output's */
};

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
}

static void
parse(int argc, char **argv, struct settings *s)
{
	const char *const *arg = s->opt.arg;
	char **files;
	int i, nfiles = 0;

	sg_optab_parse(help, argc, argv, set_option, s,
	    &s->common);
	if (arg['t'] != NULL && arg['g'] == NULL)
		sg_die_usage("--total needs -g: without groups the one row "
		    "is the total");
	want_total = arg['t'] != NULL;
	/* Operations and files, in the order given. */
	ops = sg_calloc((size_t)(argc - optind) + 1, sizeof(*ops));
	files = sg_calloc((size_t)(argc - optind) + 1, sizeof(*files));
	for (i = optind; i < argc; i++) {
		if (is_op(argv[i]))
			parse_op(&ops[nops++], argv[i]);
		else
			files[nfiles++] = argv[i];
	}
	s->common.files = files;
	s->common.nfiles = nfiles;
	if (nops == 0 && arg['g'] == NULL)
		sg_die_usage("nothing to do: give -g COLS or an operation "
		    "such as count");
}

/* Resolves each operation's column and condition against the header. */
static void
resolve_ops(const struct sg_record *hdr)
{
	struct op *o;
	size_t j, k;

	for (j = 0; j < nops; j++) {
		o = &ops[j];
		if (o->colspec != NULL)
			o->col = sg_col_resolve(o->spec, o->colspec, hdr);
		if (o->condspec != NULL)
			sg_conds_parse(o->spec, o->condspec, hdr, &o->conds);
		if (o->type != OP_DISTINCT && o->type != OP_REPEAT)
			continue;
		/* One table of values per column. */
		for (k = 0; k < j; k++)
			if (ops[k].values != NULL && ops[k].col == o->col)
				break;
		if (k < j) {
			o->values = ops[k].values;
		} else {
			o->values = sg_hash_new();
			o->owns_values = 1;
		}
	}
}

/* The slot of the record's group, made if new (*nslots counts them). */
static inline size_t
group_slot(const struct sg_record *rec, const size_t *gcol, size_t ng,
    struct sg_buf *key, size_t *nslots)
{
	size_t j, slot;
	int isnew;
	long g;

	if (ng == 1) {
		g = sg_hash_get(groups, rec->f[gcol[0]], rec->len[gcol[0]], 1,
		    &isnew);
	} else {
		key->len = 0;
		for (j = 0; j < ng; j++) {
			if (j > 0)
				sg_buf_addc(key, '\t');
			sg_buf_add(key, rec->f[gcol[j]], rec->len[gcol[j]]);
		}
		g = sg_hash_get(groups, key->p, key->len, 1, &isnew);
	}
	slot = (size_t)g + 1;
	if (isnew) {
		slot_init(slot);
		(*nslots)++;
	}
	return slot;
}

/* The worker: every row into its group's state.  Returns the number of
 * slots (the groups plus the total). */
static size_t
aggregate(struct sg_reader *r, const size_t *gcol, size_t ng)
{
	const struct sg_record *hdr = sg_reader_header(r);
	struct sg_record rec;
	struct sg_buf key = { 0 };
	size_t j, slot, nslots;
	struct op *o;

	groups = sg_hash_new();
	slot_init(0);		/* the total */
	if (ng == 0) {
		sg_hash_get(groups, "", 0, 1, NULL);
		slot_init(1);
	}
	nslots = ng == 0 ? 2 : 1;
	pendcap = BATCH_ROWS * nops;
	pend = sg_calloc(pendcap + nops, sizeof(*pend));
	while (sg_read(r, &rec)) {
		slot = ng == 0 ? 1 : group_slot(&rec, gcol, ng, &key, &nslots);
		for (j = 0; j < nops; j++) {
			o = &ops[j];
			if (o->conds.n > 0 && !sg_conds_hold(&o->conds, &rec))
				continue;
			if (o->type == OP_DISTINCT || o->type == OP_REPEAT) {
				defer_set(o, slot, &rec, ng == 0);
				continue;
			}
			feed(o, slot, r, hdr, &rec);
			if (want_total)
				feed(o, 0, r, hdr, &rec);
		}
		pendrow++;
		if (npend + nops > pendcap)
			flush_sets();
	}
	flush_sets();
	sg_buf_free(&key);
	return nslots;
}

/* The worker: the groups of the input, then the table: header, groups
 * (sorted with -s), total. */
static int
agg(void *settings, struct sg_filter *f)
{
	const struct settings *s = settings;
	struct sg_writer *w = f->w;
	char **names = s->names;
	size_t j, k, ng = s->ng, nslots = aggregate(f->r, s->gcol, ng);
	long *order;

	for (j = 0; j < ng + nops; j++) {
		if (j > 0)
			sg_write_char(w, '\t');
		sg_write_escaped(w, names[j], strlen(names[j]));
	}
	sg_write_eol(w);
	order = sg_malloc((nslots + 1) * sizeof(*order));
	for (j = 0; j + 1 < nslots; j++)
		order[j] = (long)j;
	if (s->opt.n['s'] > 0)
		qsort(order, nslots - 1, sizeof(*order), keycmp);
	for (j = 0; j + 1 < nslots; j++) {
		const char *kp = sg_hash_key(groups, order[j], &k);

		sg_write(w, kp, k);
		for (k = 0; k < nops; k++)
			put(w, &ops[k], (size_t)order[j] + 1, ng > 0 || k > 0);
		sg_write_eol(w);
	}
	if (want_total) {
		sg_write_escaped(w, s->opt.arg['t'], strlen(s->opt.arg['t']));
		for (k = 1; k < ng; k++)
			sg_write_char(w, '\t');
		for (k = 0; k < nops; k++)
			put(w, &ops[k], 0, 1);
		sg_write_eol(w);
	}
	free(order);
	return SG_EXIT_OK;
}

/* -g and the operations against the header, before any output. */
static void
resolve(void *settings, struct sg_filter *f)
{
	struct settings *s = settings;

	if (s->opt.arg['g'] != NULL)
		s->ng = sg_cols_resolve("-g", s->opt.arg['g'], f->hdr, &s->gcol);
	resolve_ops(f->hdr);
	s->names = out_names(f->hdr, s->gcol, s->ng);
}

int
main(int argc, char **argv)
{
	static struct settings s;	/* static: reachable at exit */

	sg_init(argv[0]);
	parse(argc, argv, &s);
	sg_filter_run(&s.common, NULL, resolve, agg, &s);
	free_ops();
	free(pend);
	sg_buf_free(&pendvals);
	sg_hash_free(groups);
	free(s.names);
	free(s.gcol);
	free(s.common.files);
	return SG_EXIT_OK;
}
