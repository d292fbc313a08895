/*
 * sg-check: validates a table as it streams past (see sg-check(1)).  It
 * recomputes totals, percentages and changes at the precision each
 * checked cell is written with, reports every mismatch, and passes the
 * stream through unchanged.  With --note it also says each failure in
 * plain words, from the cells as the table shows them, for a published
 * document's note.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "forms.h"
#include "measure.h"
#include "filter.h"
#include "optab.h"
#include "optval.h"
#include "reject.h"

static const char help[] =
"usage: sg-check [-u COLS] [-r COLS] [-b COL:MIN:MAX]\n"
"                [-t COL=PART+PART... [-a WORDS]] [-p COL=NUM/DEN]\n"
"                [-c CUR,PREV,CHG,PCT] [-R N] [-N FILE [-k COL]] [-w]\n"
"                [-o FILE] [-z] [FILE...]\n"
"  -u, --unique COLS      the values of COLS together are unique\n"
"  -r, --required COLS    COLS hold a value (not empty, not x)\n"
"  -b, --range COL:MIN:MAX\n"
"                         COL's numbers lie from MIN to MAX\n"
"  -t, --total COL=PART+PART...\n"
"                         COL is the sum of the PARTs\n"
"  -a, --as WORDS         the PARTs of the --total before, in a note\n"
"  -p, --pct COL=NUM/DEN  COL is NUM / DEN x 100\n"
"  -c, --change CUR,PREV,CHG,PCT\n"
"                         CHG is CUR - PREV and PCT the % change\n"
"                         (- for CHG or PCT skips it)\n"
"  -R, --rounded N        the counts are rounded to the nearest N: a\n"
"                         total is right within what that explains\n"
"  -N, --note FILE        write each failure to FILE as a sentence\n"
"                         for a reader, from the values shown\n"
"  -k, --row-label COL    the column that names a row in a note\n"
"                         (default: the first)\n"
"  -w, --warn             report failures but exit 0\n";

enum ctype { UNIQUE, REQUIRED, RANGE, TOTAL, PCT, CHANGE };

#define MAXPARTS	64	/* of a --total */

struct check {
	enum ctype	 type;
	const char	*opt;
	char		*spec;		/* the argument (copy, cut up) */
	char		*col;		/* RANGE, TOTAL, PCT: the checked column */
	char		*expr;		/* the rest */
	char		*as;		/* TOTAL: the parts in a note (--as) */
	size_t		 c;		/* the checked column's index */
	size_t		*in;		/* input (or checked) columns */
	size_t		 nin;
	int		 skipchg, skippct;	/* CHANGE: "-" given */
	sg_dec		 min, max;	/* RANGE */
	int		 hasmin, hasmax;
	struct sg_hash	*seen;		/* UNIQUE: keys, and where first */
	long		*firstline;
	int		*firstfile;
	size_t		 cap;
};

/* What the command line asks for. */
struct settings {
	struct sg_common common;
	struct check	*cks;		/* in the order given */
	size_t		 ncks;
	struct sg_optval opt;		/* --note, --row-label, --warn */
};

/* The run: the header, where the row being checked is, the failures. */
static const struct sg_record *hdr;
static const char *curfile;
static long curline;
static unsigned long nfail;
static int rowfailed;

/*
 * --note: the sentence being made, the file the sentences go to, and the
 * column that names a row.  --rounded: N, or 0.
 */
static struct sg_buf note;
static struct sg_writer *notew;
static size_t labelcol;
static long rounded;

/* The files seen, for "first at FILE:LINE" when several are read. */
static char **files;
static int nfiles;

/*
 * Prints one report line on standard error in a single write, so that a
 * table failing on every row is still reported at a fair speed.
 */
static void SG_PRINTF(1, 2)
report(const char *fmt, ...)
{
	/* Kept between reports, and reachable at any exit. */
	static struct sg_buf line;
	va_list ap;
	size_t start;
	int k;

	line.len = 0;
	sg_buf_adds(&line, sg_progname);
	sg_buf_adds(&line, ": ");
	start = line.len;
	/* Made again in a buffer big enough if it did not fit. */
	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(line.p + start, line.cap - start, fmt, ap);
		va_end(ap);
		if (k < 0 || (size_t)k < line.cap - start)
			break;
		sg_buf_grow(&line, start + (size_t)k + 2);
	}
	line.len = start + (k > 0 ? (size_t)k : 0);
	sg_buf_addc(&line, '\n');
	fwrite(line.p, 1, line.len, stderr);
}

/* Reports one failure: "FILE:LINE: CHECK COLUMN: expected X, found Y". */
static void
fail(const struct check *ck, const char *column, const char *expected,
    const char *found, size_t foundlen)
{
	static struct sg_buf shown;
	size_t i, chars;
	unsigned char ch;

	/* The value as written, cut to 40 characters. */
	shown.len = 0;
	sg_buf_add(&shown, "", 0);
	for (i = 0, chars = 0; i < foundlen; i++) {
		ch = (unsigned char)found[i];
		if ((ch & 0xC0) != 0x80 && chars++ == 40) {
			sg_buf_adds(&shown, "...");
			break;
		}
		sg_buf_addc(&shown, ch < 0x20 || ch == 0x7F ? '?' : (char)ch);
	}
	report("%s:%ld: %s %s: expected %s, found %s", curfile, curline,
	    ck->opt + 2, column, expected, foundlen == 0 ? "nothing" :
	    shown.p);
	nfail++;
	rowfailed = 1;
}

/*
 * Notes (--note).  A sentence names the row by its label, then says what
 * is wrong with the values as the reader of the table sees them: numbers
 * with thousands separators, symbols in words.  Nothing is computed that
 * the published cells do not already show, so a note can give away no
 * more than the table.
 */
static void
note_str(const char *s)
{
	sg_buf_adds(&note, s);
}

static void
note_cell(const struct sg_record *rec, size_t c)
{
	sg_report_words(&note, rec->f[c], rec->len[c]);
}

/* Starts a sentence: the row's label. */
static int
note_start(const struct sg_record *rec)
{
	if (notew == NULL)
		return 0;
	note.len = 0;
	sg_buf_add(&note, rec->f[labelcol], rec->len[labelcol]);
	note_str(": ");
	return 1;
}

static void
note_end(void)
{
	note_str(".\n");
	sg_write(notew, note.p, note.len);
}

/* The parts of a total: its --as words, or "a, b and c" (also the
 * columns of a --unique). */
static void
note_parts(const struct check *ck)
{
	size_t k;

	if (ck->as != NULL) {
		note_str(ck->as);
		return;
	}
	for (k = 0; k < ck->nin; k++) {
		if (k > 0)
			note_str(k == ck->nin - 1 ? " and " : ", ");
		note_str(hdr->f[ck->in[k]]);
	}
}

/*
 * A check that a suppressed cell takes part in: the reader cannot redo
 * it, and working around the cell would give it away, so the note says
 * only that it cannot be shown.
 */
static void
note_unshown(const struct check *ck, const struct sg_record *rec)
{
	if (!note_start(rec))
		return;
	note_str("whether ");
	switch (ck->type) {
	case TOTAL:
		note_parts(ck);
		note_str(" add to the ");
		note_str(hdr->f[ck->c]);
		break;
	case PCT:
		note_str(hdr->f[ck->c]);
		note_str(" is ");
		note_str(hdr->f[ck->in[0]]);
		note_str(" as a percentage of ");
		note_str(hdr->f[ck->in[1]]);
		break;
	default:
		if (!ck->skipchg)
			note_str(hdr->f[ck->in[2]]);
		if (!ck->skipchg && !ck->skippct)
			note_str(" and ");
		if (!ck->skippct)
			note_str(hdr->f[ck->in[3]]);
		note_str(ck->skipchg || ck->skippct ? " follows from " :
		    " follow from ");
		note_str(hdr->f[ck->in[0]]);
		note_str(" and ");
		note_str(hdr->f[ck->in[1]]);
		break;
	}
	note_str(" cannot be shown, as a figure in it is suppressed");
	note_end();
}

/* "COL should be EXPECTED (WHY), not FOUND." */
static void
note_should(size_t c, const char *expected, int expnum)
{
	note_str(hdr->f[c]);
	note_str(" should be ");
	if (expnum)
		sg_report_words(&note, expected, strlen(expected));
	else
		note_str(expected);
}

static void
note_not(const struct sg_record *rec, size_t c)
{
	note_str(", not ");
	note_cell(rec, c);
	note_end();
}

/*
 * The recomputed value of a cell: num x mul / den exactly when exact,
 * else approx; or a symbol (z for a division by zero).
 */
struct expect {
	enum sg_kind	kind;
	int		exact;
	sg_dec		num, mul, den;
	double		approx;
};

/*
 * Compares e with the cell written in column c, at the cell's precision;
 * reports a mismatch and returns 1.  exp is set to the expected value as
 * the cell would show it (a symbol for a symbol).
 */
static int
compare(const struct check *ck, const struct sg_record *rec, size_t c,
    const struct expect *e, char *exp)
{
	struct sg_report_num found;
	size_t len = 0;
	sg_dec d;
	int differ;

	sg_report_parse(rec->f[c], rec->len[c], &found);
	if (e->kind != SG_NUM) {
		strcpy(exp, sg_kind_symbol(e->kind));
		if (found.kind == e->kind)
			return 0;
		fail(ck, hdr->f[c], exp, rec->f[c], rec->len[c]);
		return 1;
	}
	if (found.kind != SG_NUM) {
		sg_fmt_num(e->approx, -1, exp);
		fail(ck, hdr->f[c], exp, rec->f[c], rec->len[c]);
		return 1;
	}
	/* The expected value rounded as the table rounds, compared exactly. */
	if (e->exact)
		len = sg_fmt_ratio(e->num, e->mul, e->den, found.dp, exp);
	if (len == 0)
		len = sg_fmt_num(e->approx, found.dp, exp);
	if (found.exact && sg_dec_parse(exp, len, &d) && sg_dec_fits(d))
		differ = sg_dec_cmp(d, found.d) != 0;
	else
		differ = sg_round(e->approx, found.dp) !=
		    sg_round(found.num, found.dp);
	if (differ)
		fail(ck, hdr->f[c], exp, rec->f[c], rec->len[c]);
	return differ;
}

/* Is the cell suppressed (c, or * as sg-render shows it)? */
static int
is_c(const struct sg_record *rec, size_t c)
{
	struct sg_report_num v;

	return sg_report_parse(rec->f[c], rec->len[c], &v) == SG_C;
}

/*
 * Reads the inputs of a recomputation into v[]; returns 1 if all are
 * numbers, 0 if the check does not apply to this row (a symbol), -1 if an
 * input is unreadable (reported).  *hasc is set if an input is c.
 */
static int
read_inputs(const struct check *ck, const struct sg_record *rec,
    const size_t *cols, size_t n, struct sg_report_num *v, int *hasc)
{
	size_t i;
	int ok = 1;

	*hasc = 0;
	for (i = 0; i < n; i++) {
		sg_report_parse(rec->f[cols[i]], rec->len[cols[i]], &v[i]);
		if (v[i].kind == SG_BAD) {
			fail(ck, hdr->f[cols[i]], "a number", rec->f[cols[i]],
			    rec->len[cols[i]]);
			if (note_start(rec)) {
				note_str(hdr->f[cols[i]]);
				note_str(" should be a number, not ");
				note_cell(rec, cols[i]);
				note_end();
			}
			return -1;
		}
		if (v[i].kind == SG_C)
			*hasc = 1;
		if (v[i].kind != SG_NUM)
			ok = 0;
	}
	return ok;
}

/*
 * Is a total within what rounding each count to the nearest N explains?
 * Each of the parts and the total is off by at most N/2 (rounded down,
 * for whole counts), so they may disagree by that much for each of them.
 */
static int
within_rounding(const struct check *ck, const struct sg_record *rec,
    const struct expect *e)
{
	struct sg_report_num found;
	sg_dec slack;

	if (rounded == 0 || !e->exact)
		return 0;
	if (sg_report_parse(rec->f[ck->c], rec->len[ck->c], &found) != SG_NUM ||
	    !found.exact)
		return 0;
	slack = sg_dec_from_long((long)(ck->nin + 1) * (rounded / 2));
	return sg_dec_cmp(sg_dec_abs(sg_dec_sub(found.d, e->num)), slack) <= 0;
}

static void
check_unique(struct check *ck, const struct sg_record *rec,
    struct sg_buf *key)
{
	static struct sg_buf shown;
	long i;
	size_t k;
	int isnew;

	key->len = 0;
	for (k = 0; k < ck->nin; k++) {
		if (k > 0)
			sg_buf_addc(key, '\t');
		sg_buf_add(key, rec->f[ck->in[k]], rec->len[ck->in[k]]);
	}
	i = sg_hash_get(ck->seen, key->p != NULL ? key->p : "", key->len, 1,
	    &isnew);
	if (isnew) {
		if ((size_t)i >= ck->cap) {
			ck->cap = ck->cap ? ck->cap * 2 : 1024;
			ck->firstline = sg_realloc(ck->firstline, ck->cap *
			    sizeof(*ck->firstline));
			ck->firstfile = sg_realloc(ck->firstfile, ck->cap *
			    sizeof(*ck->firstfile));
		}
		ck->firstline[i] = curline;
		ck->firstfile[i] = nfiles - 1;
		return;
	}
	/* The key, its columns joined by commas. */
	shown.len = 0;
	sg_buf_add(&shown, key->p != NULL ? key->p : "", key->len);
	for (k = 0; k < shown.len; k++)
		if (shown.p[k] == '\t')
			shown.p[k] = ',';
	if (ck->firstfile[i] == nfiles - 1)
		report("%s:%ld: unique %s: expected a value not seen before, "
		    "found %s again (first on line %ld)", curfile, curline,
		    ck->expr, shown.p, ck->firstline[i]);
	else
		report("%s:%ld: unique %s: expected a value not seen before, "
		    "found %s again (first at %s:%ld)", curfile, curline,
		    ck->expr, shown.p, files[ck->firstfile[i]],
		    ck->firstline[i]);
	nfail++;
	rowfailed = 1;
	if (note_start(rec)) {
		note_str("more than one row has the same ");
		note_parts(ck);
		note_str(" (");
		for (k = 0; k < ck->nin; k++) {
			if (k > 0)
				note_str(", ");
			sg_buf_add(&note, rec->f[ck->in[k]],
			    rec->len[ck->in[k]]);
		}
		note_str(")");
		note_end();
	}
}

static void
check_required(struct check *ck, const struct sg_record *rec)
{
	size_t k, c;

	for (k = 0; k < ck->nin; k++) {
		c = ck->in[k];
		if (rec->len[c] != 0 && (rec->len[c] != 1 || rec->f[c][0] != 'x'))
			continue;
		fail(ck, hdr->f[c], "a value", rec->f[c], rec->len[c]);
		if (note_start(rec)) {
			note_str("no ");
			note_str(hdr->f[c]);
			note_str(" is given");
			note_end();
		}
	}
}

static void
check_range(struct check *ck, const struct sg_record *rec)
{
	char lo[SG_NUMBUF], hi[SG_NUMBUF], exp[2 * SG_NUMBUF + 32];
	struct sg_report_num x;

	sg_report_parse(rec->f[ck->c], rec->len[ck->c], &x);
	if (x.kind != SG_NUM && x.kind != SG_BAD)
		return;
	if (x.kind == SG_NUM && x.exact &&
	    (!ck->hasmin || sg_dec_cmp(x.d, ck->min) >= 0) &&
	    (!ck->hasmax || sg_dec_cmp(x.d, ck->max) <= 0))
		return;
	if (x.kind == SG_NUM && !x.exact &&
	    (!ck->hasmin || x.num >= sg_dec_to_double(ck->min)) &&
	    (!ck->hasmax || x.num <= sg_dec_to_double(ck->max)))
		return;
	if (ck->hasmin)
		sg_dec_fmt(ck->min, lo);
	if (ck->hasmax)
		sg_dec_fmt(ck->max, hi);
	/* exp has room for both numbers and the words. */
	if (ck->hasmin && ck->hasmax)
		snprintf(exp, sizeof(exp), "%s to %s", lo, hi);
	else if (ck->hasmin)
		snprintf(exp, sizeof(exp), "at least %s", lo);
	else
		snprintf(exp, sizeof(exp), "at most %s", hi);
	fail(ck, hdr->f[ck->c], exp, rec->f[ck->c], rec->len[ck->c]);
	if (note_start(rec)) {
		note_should(ck->c, exp, 0);
		note_not(rec, ck->c);
	}
}

/*
 * Reads the n inputs of a recomputation into v[]: returns 1 if the check
 * is to be made, 0 if not (an input unreadable, reported; a symbol; or a
 * suppressed cell among the inputs or the checked cells, noted).
 */
static int
inputs_ready(const struct check *ck, const struct sg_record *rec, size_t n,
    struct sg_report_num *v)
{
	int got, hasc;

	got = read_inputs(ck, rec, ck->in, n, v, &hasc);
	if (got < 0)
		return 0;
	if (hasc || (ck->type != CHANGE && is_c(rec, ck->c)) ||
	    (ck->type == CHANGE && ((!ck->skipchg && is_c(rec, ck->in[2])) ||
	    (!ck->skippct && is_c(rec, ck->in[3]))))) {
		note_unshown(ck, rec);
		return 0;
	}
	return got;
}

/* COL=PART+PART...: the inputs v[0..nin) are the parts. */
static void
check_total(struct check *ck, const struct sg_record *rec,
    const struct sg_report_num *v)
{
	char exp[SG_NUMBUF];
	struct sg_report_num x;
	struct expect e;
	size_t k;

	e.kind = SG_NUM;
	e.exact = 1;
	e.num = sg_dec_from_long(0);
	e.mul = e.den = sg_dec_from_long(1);
	e.approx = 0;
	for (k = 0; k < ck->nin; k++) {
		e.exact = e.exact && v[k].exact;
		if (e.exact)
			e.num = sg_dec_add(e.num, v[k].d);
		e.approx += v[k].num;
	}
	if (e.exact)
		e.approx = sg_dec_to_double(e.num);
	if (within_rounding(ck, rec, &e) || !compare(ck, rec, ck->c, &e,
	    exp) || !note_start(rec))
		return;
	/* "the three s42 outcomes add to 1,535, not the 1,605 concerns" */
	note_parts(ck);
	note_str(ck->nin == 1 && ck->as == NULL ? " adds to " : " add to ");
	sg_report_words(&note, exp, strlen(exp));
	sg_report_parse(rec->f[ck->c], rec->len[ck->c], &x);
	if (x.kind == SG_NUM) {
		note_str(", not the ");
		note_cell(rec, ck->c);
		note_str(" ");
		note_str(hdr->f[ck->c]);
	} else {
		note_str(", but the ");
		note_str(hdr->f[ck->c]);
		note_str(" is ");
		note_cell(rec, ck->c);
	}
	note_end();
}

/* "COL should be EXPECTED (A WORD B), not FOUND." */
static void
note_recomputed(const struct sg_record *rec, size_t c, const char *exp,
    const struct expect *e, size_t a, const char *word, size_t b)
{
	if (e->kind == SG_NUM)
		note_should(c, exp, 1);
	else
		note_should(c, "not applicable", 0);
	note_str(" (");
	note_cell(rec, a);
	note_str(word);
	note_cell(rec, b);
	note_str(")");
	note_not(rec, c);
}

/* COL=NUM/DEN: the inputs v[0..2) are NUM and DEN. */
static void
check_pct(struct check *ck, const struct sg_record *rec,
    const struct sg_report_num *v)
{
	char exp[SG_NUMBUF];
	struct expect e;

	e.kind = v[1].num == 0 ? SG_Z : SG_NUM;
	e.exact = v[0].exact && v[1].exact;
	e.num = v[0].d;
	e.mul = sg_dec_from_long(100);
	e.den = v[1].d;
	e.approx = v[1].num == 0 ? 0 : v[0].num * 100 / v[1].num;
	/* "conversion % should be 21 (343 of 1,603), not 24" */
	if (compare(ck, rec, ck->c, &e, exp) && note_start(rec))
		note_recomputed(rec, ck->c, exp, &e, ck->in[0], " of ",
		    ck->in[1]);
}

/* CUR,PREV,CHG,PCT: the inputs v[0..2) are CUR and PREV. */
static void
check_change(struct check *ck, const struct sg_record *rec,
    const struct sg_report_num *v)
{
	char exp[SG_NUMBUF];
	struct expect e;

	e.kind = SG_NUM;
	e.exact = v[0].exact && v[1].exact;
	if (e.exact) {
		e.num = sg_dec_sub(v[0].d, v[1].d);
		e.approx = sg_dec_to_double(e.num);
	} else
		e.approx = v[0].num - v[1].num;
	e.mul = e.den = sg_dec_from_long(1);
	/* "Chg should be 5 (105 less 100), not 7" */
	if (!ck->skipchg && compare(ck, rec, ck->in[2], &e, exp) &&
	    note_start(rec))
		note_recomputed(rec, ck->in[2], exp, &e, ck->in[0], " less ",
		    ck->in[1]);
	if (ck->skippct)
		return;
	e.kind = v[1].num == 0 ? SG_Z : SG_NUM;
	e.mul = sg_dec_from_long(100);
	e.den = sg_dec_abs(v[1].d);
	if (v[1].num != 0)
		e.approx = e.approx * 100 / fabs(v[1].num);
	if (compare(ck, rec, ck->in[3], &e, exp) && note_start(rec)) {
		note_should(ck->in[3], e.kind == SG_NUM ? exp :
		    "not applicable", e.kind == SG_NUM);
		note_str(" (the change from ");
		note_cell(rec, ck->in[1]);
		note_str(" to ");
		note_cell(rec, ck->in[0]);
		note_str(")");
		note_not(rec, ck->in[3]);
	}
}

static void
check_row(struct check *ck, const struct sg_record *rec, struct sg_buf *key)
{
	struct sg_report_num v[MAXPARTS];

	switch (ck->type) {
	case UNIQUE: check_unique(ck, rec, key); break;
	case REQUIRED: check_required(ck, rec); break;
	case RANGE: check_range(ck, rec); break;
	case TOTAL:
	case PCT:
	case CHANGE:
		/* A recomputation: its inputs first, read alike. */
		if (!inputs_ready(ck, rec, ck->nin, v))
			break;
		if (ck->type == TOTAL)
			check_total(ck, rec, v);
		else if (ck->type == PCT)
			check_pct(ck, rec, v);
		else
			check_change(ck, rec, v);
		break;
	}
}

static void
add_check(struct settings *s, enum ctype type, const char *opt,
    const char *arg)
{
	struct check *ck;

	s->cks = sg_realloc(s->cks, (s->ncks + 1) * sizeof(*s->cks));
	ck = &s->cks[s->ncks++];
	memset(ck, 0, sizeof(*ck));
	ck->type = type;
	ck->opt = opt;
	ck->spec = sg_strdup(arg);
	ck->expr = ck->spec;
}

static void
bad_spec(const struct check *ck, const char *form)
{
	sg_die_usage("%s: expected %s, not '%s'", ck->opt, form, ck->spec);
}

/* Splits COL=EXPR or COL:MIN:MAX, resolves the columns against hdr. */
static void
resolve(struct check *ck)
{
	char *eq, *c1, *c2, *s;
	size_t n;

	switch (ck->type) {
	case UNIQUE:
	case REQUIRED:
		ck->nin = sg_cols_resolve(ck->opt, ck->spec, hdr, &ck->in);
		if (ck->type == UNIQUE)
			ck->seen = sg_hash_new();
		return;
	case RANGE:
		s = sg_strdup(ck->spec);
		c2 = strrchr(s, ':');
		if (c2 == NULL)
			bad_spec(ck, "COL:MIN:MAX");
		*c2 = '\0';
		c1 = strrchr(s, ':');
		if (c1 == NULL || c1 == s)
			bad_spec(ck, "COL:MIN:MAX");
		*c1 = '\0';
		if ((ck->hasmin = c1[1] != '\0') &&
		    (!sg_dec_parse(c1 + 1, strlen(c1 + 1), &ck->min) ||
		    !sg_dec_fits(ck->min)))
			sg_die_usage("%s: MIN is not a number: '%s'", ck->opt,
			    c1 + 1);
		if ((ck->hasmax = c2[1] != '\0') &&
		    (!sg_dec_parse(c2 + 1, strlen(c2 + 1), &ck->max) ||
		    !sg_dec_fits(ck->max)))
			sg_die_usage("%s: MAX is not a number: '%s'", ck->opt,
			    c2 + 1);
		if (!ck->hasmin && !ck->hasmax)
			bad_spec(ck, "COL:MIN:MAX with MIN or MAX");
		if (ck->hasmin && ck->hasmax && sg_dec_cmp(ck->min,
		    ck->max) > 0)
			sg_die_usage("%s: MIN is more than MAX in '%s'",
			    ck->opt, ck->spec);
		ck->c = sg_col_resolve(ck->opt, s, hdr);
		free(s);
		return;
	case TOTAL:
	case PCT:
		eq = strchr(ck->spec, '=');
		if (eq == NULL || eq == ck->spec || eq[1] == '\0')
			bad_spec(ck, ck->type == TOTAL ? "COL=PART+PART..." :
			    "COL=NUM/DEN");
		ck->col = sg_strndup(ck->spec, (size_t)(eq - ck->spec));
		ck->expr = eq + 1;
		ck->c = sg_col_resolve(ck->opt, ck->col, hdr);
		ck->nin = sg_cols_split(ck->opt, ck->expr, ck->type == TOTAL ?
		    '+' : '/', hdr, &ck->in);
		if (ck->type == PCT && ck->nin != 2)
			bad_spec(ck, "COL=NUM/DEN");
		if (ck->nin > MAXPARTS)
			sg_die_usage("%s: more than 64 parts", ck->opt);
		return;
	case CHANGE:
		/* "-" skips CHG or PCT; then names are split plainly. */
		n = 0;
		if (strstr(ck->spec, ",-,") != NULL || (strlen(ck->spec) > 2 &&
		    strcmp(ck->spec + strlen(ck->spec) - 2, ",-") == 0)) {
			char *p = sg_strdup(ck->spec), *item, *save = NULL;
			ck->in = sg_malloc(4 * sizeof(*ck->in));
			for (item = strtok_r(p, ",", &save); item != NULL;
			    item = strtok_r(NULL, ",", &save)) {
				if (n == 4)
					bad_spec(ck, "CUR,PREV,CHG,PCT");
				if (strcmp(item, "-") == 0 && n >= 2) {
					if (n == 2)
						ck->skipchg = 1;
					else
						ck->skippct = 1;
					ck->in[n++] = 0;
				} else {
					ck->in[n++] = sg_col_resolve(ck->opt,
					    item, hdr);
				}
			}
			free(p);
		} else {
			n = sg_cols_split(ck->opt, ck->spec, ',', hdr, &ck->in);
		}
		if (n != 4)
			bad_spec(ck, "CUR,PREV,CHG,PCT");
		ck->nin = 2;
		return;
	}
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;
	struct check *last;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 'u': add_check(s, UNIQUE, "--unique", arg); break;
	case 'r': add_check(s, REQUIRED, "--required", arg); break;
	case 'b': add_check(s, RANGE, "--range", arg); break;
	case 't': add_check(s, TOTAL, "--total", arg); break;
	case 'p': add_check(s, PCT, "--pct", arg); break;
	case 'c': add_check(s, CHANGE, "--change", arg); break;
	case 'R':
		rounded = sg_opt_long("--rounded", arg, 1, 1000000000L);
		break;
	case 'a':
		last = s->ncks > 0 ? &s->cks[s->ncks - 1] : NULL;
		if (last == NULL || last->type != TOTAL)
			sg_die_usage("--as: must follow the --total "
			    "whose parts it names");
		if (last->as != NULL)
			sg_die_usage("--as: the --total before has "
			    "words already");
		last->as = sg_strdup(arg);
		break;
	}
}

/* The checks and --row-label against the header, and the --note opened,
 * before any output. */
static void
resolve_all(void *settings, struct sg_filter *f)
{
	struct settings *s = settings;
	const char *note = s->opt.arg['N'], *label = s->opt.arg['k'];
	size_t i;

	hdr = f->hdr;
	for (i = 0; i < s->ncks; i++)
		resolve(&s->cks[i]);
	if (label != NULL && note == NULL)
		sg_die_usage("--row-label: names rows in a --note; give --note");
	labelcol = label != NULL ? sg_col_resolve("--row-label", label, hdr) :
	    0;
	if (note != NULL)
		notew = sg_writer_open(note, 0);
}

/*
 * The worker: checks every row of the input and passes it to the
 * output.  Returns the exit status: 1 if a check failed (unless --warn),
 * the output then discarded when it goes to a file (lib/filter.c).
 */
static int
check(void *settings, struct sg_filter *f)
{
	static struct sg_buf key;	/* static: reachable at any exit */
	const struct settings *s = settings;
	struct sg_reader *r = f->r;
	struct sg_writer *w = f->w;
	struct sg_record rec;
	unsigned long nrows = 0, badrows = 0;
	size_t i;

	sg_write_record(w, hdr->f, hdr->len, hdr->n);
	while (sg_read(r, &rec)) {
		/* Line numbers start again in each file. */
		if (nfiles == 0 || sg_reader_line(r) <= curline) {
			files = sg_realloc(files, (nfiles + 1) *
			    sizeof(*files));
			files[nfiles++] = sg_strdup(sg_reader_file(r));
		}
		curline = sg_reader_line(r);
		curfile = files[nfiles - 1];
		rowfailed = 0;
		for (i = 0; i < s->ncks; i++)
			check_row(&s->cks[i], &rec, &key);
		nrows++;
		badrows += rowfailed;
		sg_write_fields(w, &rec);
		sg_write_eol(w);
	}
	if (notew != NULL)
		sg_writer_close(notew);
	sg_buf_free(&note);
	if (nfail == 0)
		return SG_EXIT_OK;
	sg_warn("%lu check%s failed in %lu of %lu rows", nfail,
	    nfail == 1 ? "" : "s", badrows, nrows);
	return s->opt.n['w'] ? SG_EXIT_OK : SG_EXIT_DATA;
}

int
main(int argc, char **argv)
{
	static struct settings s;	/* static: its checks reachable at exit */

	sg_init(argv[0]);
	sg_optab_parse(help, argc, argv, set_option, &s,
	    &s.common);
	if (s.ncks == 0)
		sg_die_usage("nothing to check: give --unique, --required, "
		    "--range, --total, --pct or --change");
	return sg_filter_run(&s.common, NULL, resolve_all, check, &s);
}
