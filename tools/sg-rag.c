/*
 * sg-rag: adds a Red/Amber/Green rating of a value against its target
 * (man/sg-rag.1), and optionally its direction of travel.  Boundaries
 * are decided in exact decimals, never in binary floating point.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sg.h"
#include "measure.h"
#include "filter.h"
#include "optab.h"
#include "optval.h"
#include "reject.h"

static const char help[] =
"usage: sg-rag -v COL -t COL|NUMBER [-p high|low|none|COL] [-T N|COL]\n"
"              [-m points|relative] [-P COL] [-n NAME] [-N NAME] [-R FILE]\n"
"              [-o FILE] [-z] [FILE...]\n"
"Adds a Red/Amber/Green rating of each row's value against its target,\n"
"and with -P its direction of travel.\n"
"  -v, --value COL        the value to rate\n"
"  -t, --target COL|NUMBER\n"
"                         its target\n"
"  -p, --polarity high|low|none|COL\n"
"                         high: more is better (default); low: fewer is;\n"
"                         none: neither\n"
"  -T, --tolerance N|COL  how far short is Amber (default 15)\n"
"  -m, --mode points|relative\n"
"                         tolerance in the value's units, or as a\n"
"                         percentage of the target (default)\n"
"  -P, --prev COL         add the direction of travel from COL\n"
"  -n, --name NAME        name of the rating column (default rag)\n"
"  -N, --trend-name NAME  name of the direction column (default trend)\n"
"  -R, --reject FILE      set rows with bad values aside in FILE\n";

enum polarity { POL_HIGH, POL_LOW, POL_NONE, POL_UNKNOWN, POL_BAD };

/*
 * A number for exact decisions: d, plus an infinitesimal of sign eps
 * ("low" is 0 with eps +1 or -1: it rounds to zero but is not zero, on a
 * side of 0 not known, so a decision is tried with both: lowsigns()).  Numbers
 * too long for exact 128-bit arithmetic (more than 15 significant digits
 * or 9 decimals) are compared in long double instead.
 */
struct num {
	enum sg_kind	kind;
	sg_dec		d;
	int		eps;
	int		exact;
	long double	ld;
};

/* An operand given on the command line: a constant or a column. */
struct operand {
	const char	*opt;
	int		 is_col;
	size_t		 col;
	struct num	 k;		/* the constant */
	enum polarity	 pol;		/* the constant, for --polarity */
};

static struct operand value = { "--value", 1, 0, { 0 }, 0 };
static struct operand target = { "--target", 0, 0, { 0 }, 0 };
static struct operand tolerance = { "--tolerance", 0, 0, { 0 }, 0 };
static struct operand polarity = { "--polarity", 0, 0, { 0 }, POL_HIGH };
static struct operand prev = { "--prev", 1, 0, { 0 }, 0 };
static int relative = 1, with_prev;

static const __int128 p10_15 = 1000000000000000LL;

/* Reads s[0..n) into *x; returns its kind (SG_BAD if unreadable). */
static enum sg_kind
read_num(const char *s, size_t n, struct num *x)
{
	struct sg_value v;
	int fits;

	memset(x, 0, sizeof(*x));
	x->kind = sg_value_parse_dec(s, n, &v, &x->d, &fits);
	if (x->kind == SG_LOW) {
		x->exact = 1;
		x->eps = 1;
		return x->kind;
	}
	if (x->kind != SG_NUM)
		return x->kind;
	if (fits) {
		while (x->d.scale > 0 && x->d.m % 10 == 0) {
			x->d.m /= 10;
			x->d.scale--;
		}
		x->exact = x->d.scale <= 9 && x->d.m < p10_15 &&
		    x->d.m > -p10_15;
	}
	if (!x->exact)
		x->ld = strtold(s, NULL);
	return x->kind;
}

static long double
ld_of(const struct num *x)
{
	return x->kind == SG_LOW ? 0 : x->exact ? (long double)
	    sg_dec_to_double(x->d) : x->ld;
}

static int
sign_ld(long double v)
{
	return v < 0 ? -1 : v > 0;
}

/* Compares a with eps ea against b with eps eb: <0, 0, >0. */
static int
cmp_eps(sg_dec a, int ea, sg_dec b, int eb)
{
	int c = sg_dec_cmp(a, b);

	return c != 0 ? c : (ea > eb) - (ea < eb);
}

/*
 * The rating of v against t with tolerance tol and polarity pol (all
 * numbers): G met or better; A short by more than 0 and at most the
 * tolerance; R short by more.  Relative: short by at most tol percent of
 * the target, decided as shortfall x 100 <= tol x |target|.
 */
static char
judge(const struct num *v, const struct num *t, const struct num *tol,
    enum polarity pol)
{
	sg_dec s, hundred = sg_dec_from_long(100);
	int es, c;
	long double ls;

	if (v->exact && t->exact && tol->exact) {
		/* The shortfall, with the sign of its infinitesimal. */
		s = pol == POL_HIGH ? sg_dec_sub(t->d, v->d) :
		    sg_dec_sub(v->d, t->d);
		es = pol == POL_HIGH ? -v->eps : v->eps;
		if (cmp_eps(s, es, sg_dec_from_long(0), 0) <= 0)
			return 'G';
		if (relative)
			c = cmp_eps(sg_dec_mul(s, hundred), es,
			    sg_dec_mul(tol->d, sg_dec_abs(t->d)), 0);
		else
			c = cmp_eps(s, es, tol->d, 0);
		return c <= 0 ? 'A' : 'R';
	}
	ls = pol == POL_HIGH ? ld_of(t) - ld_of(v) : ld_of(v) - ld_of(t);
	if (ls <= 0)
		return 'G';
	if (relative)
		c = sign_ld(ls * 100 - ld_of(tol) * (ld_of(t) < 0 ? -ld_of(t) :
		    ld_of(t)));
	else
		c = sign_ld(ls - ld_of(tol));
	return c <= 0 ? 'A' : 'R';
}

static enum polarity
polarity_of(const char *s, size_t n)
{
	if (n == 4 && strncasecmp(s, "high", 4) == 0)
		return POL_HIGH;
	if (n == 3 && strncasecmp(s, "low", 3) == 0)
		return POL_LOW;
	if (n == 4 && strncasecmp(s, "none", 4) == 0)
		return POL_NONE;
	if (n == 0 || (n == 1 && (*s == 'x' || *s == 'z' || *s == 'c')))
		return POL_UNKNOWN;
	return POL_BAD;
}

/*
 * Sets up an operand from its argument: a column if it names one, else a
 * constant (a number, or for --polarity a keyword), else a usage error
 * listing the columns.
 */
static void
resolve(struct operand *o, const char *arg, const struct sg_record *hdr)
{
	long found = sg_col_find(hdr, arg);

	if (found >= 0) {
		o->is_col = 1;
		o->col = (size_t)found;
		return;
	}
	if (o->is_col) {
		o->col = sg_col_resolve(o->opt, arg, hdr);
		return;
	}
	if (o == &polarity) {
		o->pol = polarity_of(arg, strlen(arg));
		if (o->pol == POL_HIGH || o->pol == POL_LOW ||
		    o->pol == POL_NONE)
			return;
	} else if (read_num(arg, strlen(arg), &o->k) == SG_NUM) {
		if (o == &tolerance && sg_dec_sign(o->k.d) < 0 && o->k.exact)
			sg_die_usage("--tolerance: must not be negative: '%s'",
			    arg);
		if (o == &tolerance && !o->k.exact && o->k.ld < 0)
			sg_die_usage("--tolerance: must not be negative: '%s'",
			    arg);
		return;
	}
	o->is_col = 1;
	o->col = sg_col_resolve(o->opt, arg, hdr);
}

/*
 * The signs a low's infinitesimal may take: both, as its side of 0 is not
 * known (sg(7)); a number's stays 0.
 */
static int
lowsigns(const struct num *x, int *sign)
{
	if (x->kind != SG_LOW) {
		sign[0] = x->eps;
		return 1;
	}
	sign[0] = 1;
	sign[1] = -1;
	return 2;
}

/* The rating whatever the sign of a low value: where the signs disagree
 * (low against a target of 0) it would need the value, and is x. */
static char
judge_any(struct num *v, const struct num *t, const struct num *tol,
    enum polarity pol)
{
	int sign[2], n = lowsigns(v, sign), i;
	char r = 0, ri;

	for (i = 0; i < n; i++) {
		v->eps = sign[i];
		ri = judge(v, t, tol, pol);
		if (i > 0 && ri != r)
			r = 'x';
		else if (i == 0)
			r = ri;
	}
	return r;
}

static const char *
trend1(const struct num *v, const struct num *p, enum polarity pol)
{
	int c;

	if (v->exact && p->exact)
		c = cmp_eps(v->d, v->eps, p->d, p->eps);
	else
		c = sign_ld(ld_of(v) - ld_of(p));
	if (c == 0)
		return "same";
	if (pol == POL_HIGH)
		return c > 0 ? "up better" : "down worse";
	if (pol == POL_LOW)
		return c > 0 ? "up worse" : "down better";
	return c > 0 ? "up" : "down";
}

/* The direction whatever the signs of low values: where they disagree
 * (low against low or 0) it would need the values, and is x. */
static const char *
trend(struct num *v, struct num *p, enum polarity pol)
{
	int vs[2], ps[2], nv, np, i, j;
	const char *d = NULL, *dij;

	if (v->kind > SG_LOW || p->kind > SG_LOW)
		return sg_kind_symbol(sg_kind_combine(v->kind, p->kind));
	nv = lowsigns(v, vs);
	np = lowsigns(p, ps);
	for (i = 0; i < nv; i++)
		for (j = 0; j < np; j++) {
			v->eps = vs[i];
			p->eps = ps[j];
			dij = trend1(v, p, pol);
			if (d != NULL && strcmp(d, dij) != 0)
				return "x";
			d = dij;
		}
	return d;
}

/* What the command line asks for: every option kept by the option (-m
 * read as its word into relative). */
struct settings {
	struct sg_common common;
	struct sg_optval opt;
};

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
	if (ch == 'm')
		relative = sg_opt_word("--mode", arg, "points|relative");
}

/* Resolves the operands against the header: a usage error comes before
 * any output is made. */
static void
resolve_all(void *v, struct sg_filter *f)
{
	const struct settings *s = v;
	const char *const *arg = s->opt.arg;

	resolve(&value, arg['v'], f->hdr);
	resolve(&target, arg['t'], f->hdr);
	resolve(&tolerance, arg['T'], f->hdr);
	resolve(&polarity, arg['p'], f->hdr);
	if ((with_prev = arg['P'] != NULL))
		resolve(&prev, arg['P'], f->hdr);
	if (sg_col_find(f->hdr, arg['n']) >= 0)
		sg_die_usage("--name: the input has a column '%s' already",
		    arg['n']);
	if (with_prev && (sg_col_find(f->hdr, arg['N']) >= 0 ||
	    strcmp(arg['N'], arg['n']) == 0))
		sg_die_usage("--trend-name: there is a column '%s' already",
		    arg['N']);
}

static void
write_header(const struct settings *s, const struct sg_record *hdr,
    struct sg_writer *w)
{
	const char *name = s->opt.arg['n'], *trendname = s->opt.arg['N'];

	for (size_t i = 0; i < hdr->n; i++)
		sg_write_field(w, hdr->f[i], hdr->len[i], i == 0);
	sg_write_char(w, '\t');
	sg_write_escaped(w, name, strlen(name));
	if (with_prev) {
		sg_write_char(w, '\t');
		sg_write_escaped(w, trendname, strlen(trendname));
	}
	sg_write_eol(w);
}

/*
 * Reads every input of the row into v, t, tol, pol and p.  Returns the
 * column of the first bad one, with *what saying why, or (size_t)-1.
 */
static size_t
read_row(const struct sg_record *rec, struct num *v, struct num *t,
    struct num *tol, enum polarity *pol, struct num *p, const char **what)
{
	*what = "not a number";
	if (read_num(rec->f[value.col], rec->len[value.col], v) == SG_BAD)
		return value.col;
	if (target.is_col && read_num(rec->f[target.col],
	    rec->len[target.col], t) == SG_BAD)
		return target.col;
	if (tolerance.is_col && read_num(rec->f[tolerance.col],
	    rec->len[tolerance.col], tol) == SG_BAD)
		return tolerance.col;
	if (tolerance.is_col && tol->kind == SG_NUM && (tol->exact ?
	    sg_dec_sign(tol->d) < 0 : tol->ld < 0)) {
		*what = "negative tolerance";
		return tolerance.col;
	}
	if (polarity.is_col && (*pol = polarity_of(rec->f[polarity.col],
	    rec->len[polarity.col])) == POL_BAD) {
		*what = "not a polarity (high, low or none)";
		return polarity.col;
	}
	if (with_prev && read_num(rec->f[prev.col], rec->len[prev.col], p) ==
	    SG_BAD)
		return prev.col;
	return (size_t)-1;
}

/* The worker: rates every row of the input onto the output, setting bad
 * rows aside in the --reject file (or stopping at the first without). */
static int
rate(void *settings, struct sg_filter *f)
{
	const struct sg_record *hdr = f->hdr;
	struct sg_reader *r = f->r;
	struct sg_writer *w = f->w;
	struct sg_record rec;
	struct num v, t = target.k, tol = tolerance.k, p;
	enum polarity pol = polarity.pol;
	char rating;
	const char *what, *dir;
	size_t badcol;

	write_header(settings, hdr, w);
	while (sg_read(r, &rec)) {
		if ((badcol = read_row(&rec, &v, &t, &tol, &pol, &p, &what)) !=
		    (size_t)-1) {
			sg_bad_row(f->rj, r, &rec, hdr->f[badcol], what,
			    rec.f[badcol], rec.len[badcol]);
			continue;
		}
		if (v.kind == SG_Z)
			rating = 'B';
		else if (v.kind == SG_X || v.kind == SG_C || v.kind == SG_U)
			rating = 'x';
		else if (pol == POL_NONE || pol == POL_UNKNOWN)
			rating = 'x';
		else if (t.kind != SG_NUM || tol.kind != SG_NUM)
			rating = 'x';
		else
			rating = judge_any(&v, &t, &tol, pol);
		dir = with_prev ? trend(&v, &p, pol) : NULL;

		sg_write_fields(w, &rec);
		sg_write_char(w, '\t');
		sg_write_char(w, rating);
		if (dir != NULL) {
			sg_write_char(w, '\t');
			sg_write_str(w, dir);
		}
		sg_write_eol(w);
	}
	return SG_EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct settings s = { .opt.arg = { ['p'] = "high", ['T'] = "15",
	    ['n'] = "rag", ['N'] = "trend" } };

	sg_init(argv[0]);
	sg_optab_parse(help, argc, argv, set_option, &s,
	    &s.common);
	if (s.opt.arg['v'] == NULL || s.opt.arg['t'] == NULL)
		sg_die_usage("give the value (-v COL) and the target "
		    "(-t COL|NUMBER)");
	if (*s.opt.arg['n'] == '\0' || *s.opt.arg['N'] == '\0')
		sg_die_usage("--name, --trend-name: empty column name");
	return sg_filter_run(&s.common, s.opt.arg['R'], resolve_all, rate,
	    &s);
}
