/*
 * sg-rate: adds rates, percentages and changes computed from the
 * unrounded values of other columns (sg(7), "Values"; sg-rate(1)).
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "measure.h"
#include "filter.h"
#include "optab.h"
#include "optval.h"
#include "reject.h"

static const char help[] =
"usage: sg-rate [-r NAME=NUM/DEN*PER[:DP]] [-p NAME=NUM/DEN[:DP]]\n"
"               [-c CUR,PREV[:DP] [-n CHG,PCT]] [-R FILE] [-o FILE] [-z]\n"
"               [FILE...]\n"
"  -r, --rate NAME=NUM/DEN*PER[:DP]\n"
"                         add NAME = NUM / DEN x PER (1 dp)\n"
"  -p, --pct NAME=NUM/DEN[:DP]\n"
"                         add NAME = NUM / DEN x 100 (1 dp)\n"
"  -c, --change CUR,PREV[:DP]\n"
"                         add Chg = CUR - PREV and % Chg (1 dp)\n"
"  -n, --names CHG,PCT    name the columns of the --change before\n"
"  -R, --reject FILE      set rows with non-numbers aside in FILE\n";

enum mtype { RATE, PCT, CHANGE };

struct measure {
	enum mtype	 type;
	const char	*opt;		/* "--rate" etc., for messages */
	const char	*spec;		/* the option's argument */
	char		*expr;		/* NUM/DEN or CUR,PREV */
	char		*name;		/* RATE, PCT: the new column */
	char		*chgname;	/* CHANGE: the two new columns */
	char		*pctname;
	double		 per;		/* RATE: the multiplier */
	sg_dec		 perd;		/* ... exactly, if perexact */
	int		 perexact;
	int		 dp;		/* decimal places of the result */
	size_t		 a, b;		/* NUM and DEN, or CUR and PREV */
};

/* What the command line asks for. */
struct settings {
	struct sg_common common;
	struct sg_optval opt;		/* -R FILE */
	struct measure	*ms;		/* in the order given */
	size_t		 nms;
};

/* Takes a trailing ":DP" off s (in place); returns DP or dflt. */
static int
take_dp(const char *opt, char *s, int dflt)
{
	char *colon = strrchr(s, ':');
	size_t i;

	if (colon == NULL || colon[1] == '\0')
		return dflt;
	for (i = 1; colon[i] != '\0'; i++)
		if (colon[i] < '0' || colon[i] > '9')
			return dflt;
	*colon = '\0';
	return (int)sg_opt_long(opt, colon + 1, 0, 15);
}

static struct measure *
add_measure(struct settings *st, enum mtype type, const char *opt,
    const char *spec)
{
	struct measure *m;
	char *eq, *star, *s;
	double per;

	st->ms = sg_realloc(st->ms, (st->nms + 1) * sizeof(*st->ms));
	m = &st->ms[st->nms++];
	memset(m, 0, sizeof(*m));
	m->type = type;
	m->opt = opt;
	m->spec = spec;
	m->per = 100;
	m->perd = sg_dec_from_long(100);
	m->perexact = 1;
	s = sg_strdup(spec);
	if (type == CHANGE) {
		m->dp = take_dp(opt, s, 1);
		m->expr = s;
		m->chgname = sg_strdup("Chg");
		m->pctname = sg_strdup("% Chg");
		return m;
	}
	eq = strchr(s, '=');
	if (eq == NULL || eq == s || eq[1] == '\0')
		sg_die_usage("%s: expected NAME=%s, not '%s'", opt,
		    type == RATE ? "NUM/DEN*PER[:DP]" : "NUM/DEN[:DP]", spec);
	*eq = '\0';
	m->name = s;
	m->expr = eq + 1;
	m->dp = take_dp(opt, m->expr, 1);
	if (type == RATE) {
		/* "*PER" is optional: a plain ratio has PER 1. */
		m->per = 1;
		m->perd = sg_dec_from_long(1);
		star = strrchr(m->expr, '*');
		if (star != NULL && sg_num_parse(star + 1, strlen(star + 1),
		    &per)) {
			m->per = per;
			m->perexact = sg_dec_parse(star + 1, strlen(star + 1),
			    &m->perd) && sg_dec_fits(m->perd);
			*star = '\0';
		}
	}
	if (strchr(m->expr, '/') == NULL)
		sg_die_usage("%s: expected NUM/DEN in '%s'", opt, spec);
	return m;
}

static void
set_names(struct settings *st, const char *arg)
{
	struct measure *m = st->nms > 0 ? &st->ms[st->nms - 1] : NULL;
	const char *comma = strchr(arg, ',');

	if (m == NULL || m->type != CHANGE)
		sg_die_usage("--names: must follow the --change it names");
	if (comma == NULL || comma == arg || comma[1] == '\0')
		sg_die_usage("--names: expected CHG,PCT, not '%s'", arg);
	free(m->chgname);
	free(m->pctname);
	m->chgname = sg_strndup(arg, (size_t)(comma - arg));
	m->pctname = sg_strdup(comma + 1);
}

/* Resolves every measure's columns; checks the new names are free. */
static void
resolve(void *settings, struct sg_filter *f)
{
	struct settings *st = settings;
	const struct sg_record *hdr = f->hdr;
	const char *names[2 * 64], *nm[2];
	size_t i, j, k, n, nnames = 0, *idx;

	for (i = 0; i < st->nms; i++) {
		struct measure *m = &st->ms[i];
		n = sg_cols_split(m->opt, m->expr, m->type == CHANGE ? ',' :
		    '/', hdr, &idx);
		if (n != 2)
			sg_die_usage("%s: expected two columns in '%s'",
			    m->opt, m->spec);
		m->a = idx[0];
		m->b = idx[1];
		free(idx);
		nm[0] = m->type == CHANGE ? m->chgname : m->name;
		nm[1] = m->type == CHANGE ? m->pctname : NULL;
		for (k = 0; k < 2 && nm[k] != NULL; k++) {
			if (sg_col_find(hdr, nm[k]) >= 0)
				sg_die_usage("%s: the input has a column '%s' "
				    "already", m->opt, nm[k]);
			for (j = 0; j < nnames; j++)
				if (strcmp(names[j], nm[k]) == 0)
					sg_die_usage("%s: column '%s' is added "
					    "twice (use --names)", m->opt,
					    nm[k]);
			if (nnames == sizeof(names) / sizeof(names[0]))
				sg_die_usage("too many measures");
			names[nnames++] = nm[k];
		}
	}
}

/* The values of one row, and where the first bad one is. */
struct rowval {
	struct sg_value	 v;
	sg_dec		 d;
	int		 exact;		/* d holds the value */
};

/*
 * The values read from the row being made, by column: a column two
 * measures use (value in a rate and in a change) is read once.  row[i] is
 * the number of the row column i was last read for.
 */
static struct rowval *vals;
static unsigned long *valrow;

/*
 * Reads column i of rec, row number rowno, into *rv; returns 0 if it is
 * neither a number nor a symbol.
 */
static int
read_value(const struct sg_record *rec, unsigned long rowno, size_t i,
    const struct rowval **rv)
{
	struct rowval *v = &vals[i];

	*rv = v;
	if (valrow[i] != rowno) {
		valrow[i] = rowno;
		sg_value_parse_dec(rec->f[i], rec->len[i], &v->v, &v->d,
		    &v->exact);
	}
	return v->v.kind != SG_BAD;
}

/* How a result is formed from its operands a and b. */
enum form {
	QUOTIENT,	/* a / b: a low a over a number b is near zero */
	DIFFERENCE,	/* a - b: never near zero for sure (sg(7)) */
	CHANGE_PCT	/* (a - b) / b: never near zero for sure */
};

/*
 * 1 if |PER| <= |b|: low / b x PER is then no bigger than low, so it
 * rounds to zero where low did.  Exact when both are.
 */
static int
shrinks(const struct measure *m, const struct rowval *b)
{
	if (m->perexact && b->exact)
		return sg_dec_cmp(sg_dec_abs(m->perd), sg_dec_abs(b->d)) <= 0;
	return fabs(m->per) <= fabs(b->v.num);
}

/*
 * The kind of a result: a symbol wins (c, then x, then u, then z); then
 * a division by zero gives z; then low.  low rounds to zero but is not
 * zero: a result that is near zero whatever its exact value stays low
 * (low / b x PER only while |PER| <= |b|: low over 1 as a percentage may
 * be 40), any other would need that value and is x: low - low too, as
 * a low may be either side of 0 (0.4 - -0.4 is 0.8).  m is the measure,
 * for a quotient.
 */
static enum sg_kind
result_kind(const struct measure *m, const struct rowval *a,
    const struct rowval *b, enum form f)
{
	enum sg_kind k = sg_kind_combine(a->v.kind, b->v.kind);

	if (k > SG_LOW)
		return k;
	if (f != DIFFERENCE && b->v.kind == SG_NUM && b->v.num == 0)
		return SG_Z;
	if (k == SG_LOW) {
		if (f == QUOTIENT && b->v.kind == SG_NUM && shrinks(m, b))
			return SG_LOW;
		return SG_X;
	}
	return k;
}

static size_t
put_kind(enum sg_kind k, char *buf)
{
	const char *s = sg_kind_symbol(k);

	strcpy(buf, s);
	return strlen(s);
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 'r': add_measure(s, RATE, "--rate", arg); break;
	case 'p': add_measure(s, PCT, "--pct", arg); break;
	case 'c': add_measure(s, CHANGE, "--change", arg); break;
	case 'n': set_names(s, arg); break;
	}
}

/* The header: the input's columns, then the new ones in order.  Returns
 * how many were added. */
static size_t
write_header(const struct settings *s, const struct sg_record *hdr,
    struct sg_writer *w)
{
	const struct measure *m;
	size_t i, nout = 0;

	for (i = 0; i < hdr->n; i++)
		sg_write_field(w, hdr->f[i], hdr->len[i], i == 0);
	for (i = 0; i < s->nms; i++) {
		m = &s->ms[i];
		sg_write_char(w, '\t');
		if (m->type == CHANGE) {
			sg_write_escaped(w, m->chgname, strlen(m->chgname));
			sg_write_char(w, '\t');
			sg_write_escaped(w, m->pctname, strlen(m->pctname));
			nout += 2;
		} else {
			sg_write_escaped(w, m->name, strlen(m->name));
			nout++;
		}
	}
	sg_write_eol(w);
	return nout;
}

/* NAME = a / b x PER into out. */
static size_t
ratio(const struct measure *m, const struct rowval *a,
    const struct rowval *b, char *out)
{
	enum sg_kind kind = result_kind(m, a, b, QUOTIENT);
	size_t n;

	if (kind != SG_NUM)
		return put_kind(kind, out);
	if (a->exact && b->exact && m->perexact && (n = sg_fmt_ratio(a->d,
	    m->perd, b->d, m->dp, out)) != 0)
		return n;
	/* Multiply first: one rounding only. */
	return sg_fmt_num(a->v.num * m->per / b->v.num, m->dp, out);
}

/* Chg = a - b and % Chg = (a - b) / |b| x 100 into out[0] and out[1]. */
static void
change(const struct measure *m, const struct rowval *a,
    const struct rowval *b, char (*out)[SG_NUMBUF], size_t *outlen)
{
	enum sg_kind kind = result_kind(m, a, b, DIFFERENCE);
	sg_dec diff = { 0, 0 }, hundred = sg_dec_from_long(100);
	double v;

	if (a->exact && b->exact)
		diff = sg_dec_diff(&a->d, &b->d);
	if (kind != SG_NUM)
		outlen[0] = put_kind(kind, out[0]);
	else if (a->exact && b->exact)
		outlen[0] = sg_dec_fmt(diff, out[0]);
	else
		outlen[0] = sg_fmt_num(a->v.num - b->v.num, a->v.dp > b->v.dp ?
		    a->v.dp : b->v.dp, out[0]);
	kind = result_kind(m, a, b, CHANGE_PCT);
	if (kind != SG_NUM) {
		outlen[1] = put_kind(kind, out[1]);
		return;
	}
	if (a->exact && b->exact && (outlen[1] = sg_fmt_ratio(diff, hundred,
	    sg_dec_abs(b->d), m->dp, out[1])) != 0)
		return;
	v = a->exact && b->exact ? sg_dec_to_double(diff) :
	    a->v.num - b->v.num;
	outlen[1] = sg_fmt_num(v * 100 / fabs(b->v.num), m->dp, out[1]);
}

/*
 * Computes every measure of row rowno into out.  Returns the column of
 * the first value that is neither a number nor a symbol, or (size_t)-1.
 */
static size_t
compute_row(const struct settings *s, const struct sg_record *rec,
    unsigned long rowno, char (*out)[SG_NUMBUF], size_t *outlen)
{
	const struct measure *m;
	const struct rowval *a, *b;
	size_t i, k;

	for (k = 0, i = 0; i < s->nms; i++) {
		m = &s->ms[i];
		if (!read_value(rec, rowno, m->a, &a))
			return m->a;
		if (!read_value(rec, rowno, m->b, &b))
			return m->b;
		if (m->type == CHANGE) {
			change(m, a, b, out + k, outlen + k);
			k += 2;
		} else {
			outlen[k] = ratio(m, a, b, out[k]);
			k++;
		}
	}
	return (size_t)-1;
}

/* The worker: adds the measures to every row of r onto w, setting rows
 * with bad values aside in rj (or stopping at the first when rj is
 * NULL). */
static int
rate(void *settings, struct sg_filter *f)
{
	const struct settings *s = settings;
	const struct sg_record *hdr = f->hdr;
	struct sg_reader *r = f->r;
	struct sg_writer *w = f->w;
	struct sg_record rec;
	unsigned long rowno = 0;
	char (*out)[SG_NUMBUF];
	size_t *outlen, k, nout, bad;

	nout = write_header(s, hdr, w);
	out = sg_malloc(nout * sizeof(*out));
	outlen = sg_malloc(nout * sizeof(*outlen));
	vals = sg_calloc(hdr->n + 1, sizeof(*vals));
	valrow = sg_calloc(hdr->n + 1, sizeof(*valrow));
	while (sg_read(r, &rec)) {
		if ((bad = compute_row(s, &rec, ++rowno, out, outlen)) !=
		    (size_t)-1) {
			sg_bad_row(f->rj, r, &rec, hdr->f[bad], "not a number",
			    rec.f[bad], rec.len[bad]);
			continue;
		}
		sg_write_fields(w, &rec);
		for (k = 0; k < nout; k++)
			sg_write_field(w, out[k], outlen[k], 0);
		sg_write_eol(w);
	}
	free(out);
	free(outlen);
	free(vals);
	free(valrow);
	return SG_EXIT_OK;
}

static void
settings_free(struct settings *s)
{
	size_t i;

	for (i = 0; i < s->nms; i++) {
		/* expr lies inside name's copy, except for a change. */
		free(s->ms[i].type == CHANGE ? s->ms[i].expr : s->ms[i].name);
		free(s->ms[i].chgname);
		free(s->ms[i].pctname);
	}
	free(s->ms);
}

int
main(int argc, char **argv)
{
	static struct settings s;	/* static: its measures reachable at exit */
	int status;

	sg_init(argv[0]);
	sg_optab_parse(help, argc, argv, set_option, &s,
	    &s.common);
	if (s.nms == 0)
		sg_die_usage("nothing to compute: give --rate, --pct or "
		    "--change");
	status = sg_filter_run(&s.common, s.opt.arg['R'], resolve, rate, &s);
	settings_free(&s);
	return status;
}
