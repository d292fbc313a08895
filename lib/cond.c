/*
 * cond.c: row conditions, COL=V COL!=V COL<V COL<=V COL>V COL>=V joined
 * by & (all must hold) and | (one alternative must), as man/sg-agg.1
 * writes them.  A value that reads as a number on both sides compares as a
 * number, exactly in decimal where it can (sg(7): boundaries are never
 * decided in binary), anything else byte by byte (so ISO dates compare in
 * order); but a symbol is never more or less than a number or a date.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "cond.h"

void
sg_conds_parse(const char *opt, char *s, const struct sg_record *hdr,
    struct sg_conds *o)
{
	char *item, *next, *opp, *colname;
	size_t cap = 4;
	struct sg_cond *c;
	int newalt = 0, sep;

	o->n = 0;
	o->c = sg_malloc(cap * sizeof(*o->c));
	for (item = s; item != NULL; item = next) {
		next = strpbrk(item, "&|");
		sep = next != NULL ? *next : 0;
		if (next != NULL)
			*next++ = '\0';
		opp = item + strcspn(item, "=!<>");
		if (*opp == '\0' || opp == item)
			sg_die_usage("%s: bad condition '%s' (want COL=VALUE, "
			    "COL!=VALUE, COL<V, COL<=V, COL>V or COL>=V)",
			    opt, item);
		if (o->n == cap) {
			cap *= 2;
			o->c = sg_realloc(o->c, cap * sizeof(*c));
		}
		c = &o->c[o->n++];
		c->newalt = newalt;
		newalt = sep == '|';
		colname = sg_strndup(item, (size_t)(opp - item));
		c->col = sg_col_resolve(opt, colname, hdr);
		free(colname);
		if (opp[0] == '=') {
			c->cmp = SG_EQ;
			opp += 1;
		} else if (opp[0] == '!' && opp[1] == '=') {
			c->cmp = SG_NE;
			opp += 2;
		} else if (opp[0] == '<') {
			c->cmp = opp[1] == '=' ? SG_LE : SG_LT;
			opp += opp[1] == '=' ? 2 : 1;
		} else if (opp[0] == '>') {
			c->cmp = opp[1] == '=' ? SG_GE : SG_GT;
			opp += opp[1] == '=' ? 2 : 1;
		} else {
			sg_die_usage("%s: bad condition '%s'", opt, item);
		}
		c->val = opp;
		c->len = strlen(opp);
		c->isnum = sg_num_parse(c->val, c->len, &c->num);
		c->isdec = c->isnum && sg_dec_parse(c->val, c->len, &c->dec);
		c->issym = sg_symbol_parse(c->val, c->len) != SG_BAD;
	}
}

int
sg_bytecmp(const char *a, size_t an, const char *b, size_t bn)
{
	int r = memcmp(a, b, an < bn ? an : bn);

	if (r != 0)
		return r;
	return an < bn ? -1 : an > bn;
}

/* Does one of o's alternatives hold for rec (all of its conditions)? */
int
sg_conds_hold(const struct sg_conds *o, const struct sg_record *rec)
{
	const struct sg_cond *c;
	size_t i, len;
	const char *v;
	double d;
	sg_dec dv;
	int r, alt = 1, pass;

	for (i = 0; i < o->n; i++) {
		c = &o->c[i];
		if (c->newalt) {
			if (alt)
				return 1;
			alt = 1;
		}
		if (!alt)
			continue;
		v = rec->f[c->col];
		len = rec->len[c->col];
		if (c->isdec && sg_dec_parse(v, len, &dv)) {
			r = sg_dec_cmp(dv, c->dec);
		} else if (c->isnum && sg_num_parse(v, len, &d)) {
			r = d < c->num ? -1 : d > c->num;
		} else if (!c->issym && c->cmp != SG_EQ && c->cmp != SG_NE &&
		    sg_symbol_parse(v, len) != SG_BAD) {
			/* x (or empty), z, c, u, low: not available, not
			 * applicable or hidden, so neither more nor less
			 * than a number or a date; as bytes 'x' > '4' would
			 * count a missing value as more than 4 days, and an
			 * empty date would come before every date. */
			alt = 0;
			continue;
		} else if (c->cmp == SG_EQ || c->cmp == SG_NE)
			r = len != c->len || memcmp(v, c->val, len) != 0;
		else
			r = sg_bytecmp(v, len, c->val, c->len);
		switch (c->cmp) {
		case SG_EQ: pass = r == 0; break;
		case SG_NE: pass = r != 0; break;
		case SG_LT: pass = r < 0; break;
		case SG_LE: pass = r <= 0; break;
		case SG_GT: pass = r > 0; break;
		default: pass = r >= 0; break;
		}
		if (!pass)
			alt = 0;
	}
	return alt;
}

void
sg_conds_free(struct sg_conds *o)
{
	free(o->c);
	o->c = NULL;
	o->n = 0;
}
