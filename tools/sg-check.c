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
#include "measure.h"
#include "reject.h"

static const char usage_text[] =
"usage: sg-check [-u COLS] [-r COLS] [-b COL:MIN:MAX]\n"
"                [-t COL=PART+PART... [-a WORDS]] [-p COL=NUM/DEN]\n"
"                [-c CUR,PREV,CHG,PCT] [-R N] [-N FILE [-k COL]] [-w]\n"
"                [-o FILE] [-z] [FILE...]\n"
"  -u, --unique COLS            the values of COLS together are unique\n"
"  -r, --required COLS          COLS hold a value (not empty, not x)\n"
"  -b, --range COL:MIN:MAX      COL's numbers lie from MIN to MAX\n"
"  -t, --total COL=PART+PART... COL is the sum of the PARTs\n"
"  -a, --as WORDS               the PARTs of the --total before, in a note\n"
"  -p, --pct COL=NUM/DEN        COL is NUM / DEN x 100\n"
"  -c, --change CUR,PREV,CHG,PCT  CHG is CUR - PREV and PCT the % change\n"
"                               (- for CHG or PCT skips it)\n"
"  -R, --rounded N              the counts are rounded to the nearest N: a\n"
"                               total is right within what that explains\n"
"  -N, --note FILE              write each failure to FILE as a sentence\n"
"                               for a reader, from the values shown\n"
"  -k, --row-label COL          the column that names a row in a note\n"
"                               (default: the first)\n"
"  -w, --warn                   report failures but exit 0\n"
"  -o, --output FILE            write FILE atomically\n"
"  -z, --gzip                   gzip the output\n"
"  -h, --help                   show this help\n"
"  -V, --version                show the version\n";

enum ctype { UNIQUE, REQUIRED, RANGE, TOTAL, PCT, CHANGE };

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

static struct check *cks;
static size_t ncks;
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

/* A value as a report may print it: 1,043  +7  58.4%  N/A. */
struct rval {
	enum sg_kind	kind;
	sg_dec		d;
	int		exact;
	double		num;
	int		dp;	/* decimals as written */
};

/*
 * Reads s[0..n) as a number or symbol, in the stream's form or a report's:
 * a leading + or -, thousands separators in groups of three, a trailing %;
 * N/A, / and * as z, x and c (sg-render's defaults).  Returns the kind.
 */
static enum sg_kind
read_report(const char *s, size_t n, struct rval *v)
{
	char buf[80];
	size_t i = 0, len = 0, group = 0, digits = 0;
	int commas = 0, dot = 0;
	struct sg_value sv;

	memset(v, 0, sizeof(*v));
	if (sg_value_parse_dec(s, n, &sv, &v->d, &v->exact) != SG_BAD) {
		v->kind = sv.kind;
		v->num = sv.num;
		v->dp = sv.dp;
		return v->kind;
	}
	v->kind = SG_BAD;
	if (n == 3 && memcmp(s, "N/A", 3) == 0)
		return v->kind = SG_Z;
	if (n == 1 && *s == '/')
		return v->kind = SG_X;
	if (n == 1 && *s == '*')
		return v->kind = SG_C;
	if (n > 0 && s[n - 1] == '%')
		n--;
	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		if (s[0] == '-')
			buf[len++] = '-';
		i = 1;
	}
	for (; i < n && len < sizeof(buf) - 1; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			buf[len++] = s[i];
			if (!dot) {
				group++;
				digits++;
			}
		} else if (s[i] == ',' && !dot) {
			/* 1,043: 1 to 3 digits first, then groups of 3. */
			if (group == 0 || group > 3 || (commas && group != 3))
				return SG_BAD;
			commas = 1;
			group = 0;
		} else if (s[i] == '.' && !dot) {
			dot = 1;
			buf[len++] = '.';
		} else {
			return SG_BAD;
		}
	}
	if (i < n || digits == 0 || (commas && group != 3))
		return SG_BAD;
	if (sg_value_parse_dec(buf, len, &sv, &v->d, &v->exact) != SG_NUM)
		return SG_BAD;
	v->kind = SG_NUM;
	v->num = sv.num;
	v->dp = sv.dp;
	return v->kind;
}

/*
 * Prints one report line on standard error in a single write, so that a
 * table failing on every row is still reported at a fair speed.
 */
static void SG_PRINTF(1, 2)
report(const char *fmt, ...)
{
	char line[2048];
	va_list ap;
	int n, k;

	n = snprintf(line, sizeof(line), "%s: ", sg_progname);
	va_start(ap, fmt);
	k = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	if (k < 0)
		k = 0;
	n += k;
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	fwrite(line, 1, (size_t)n, stderr);
}

/* Reports one failure: "FILE:LINE: CHECK COLUMN: expected X, found Y". */
static void
fail(const struct check *ck, const char *column, const char *expected,
    const char *found, size_t foundlen)
{
	char shown[200];
	size_t i, chars, k = 0;

	/* The value as written, cut to 40 characters. */
	for (i = 0, chars = 0; i < foundlen && k < sizeof(shown) - 8; i++) {
		unsigned char ch = (unsigned char)found[i];
		if ((ch & 0xC0) != 0x80 && chars++ == 40) {
			memcpy(shown + k, "...", 3);
			k += 3;
			break;
		}
		shown[k++] = ch < 0x20 || ch == 0x7F ? '?' : (char)ch;
	}
	shown[k] = '\0';
	report("%s:%ld: %s %s: expected %s, found %s", curfile, curline,
	    ck->opt + 2, column, expected, foundlen == 0 ? "nothing" : shown);
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

/* A value as a reader sees it: 1605 as 1,605, c as "suppressed". */
static void
note_value(const char *s, size_t n)
{
	struct rval v;
	struct sg_value sv;
	size_t i, ilen, start;
	const char *dot;

	if (n == 0) {
		note_str("not available");
		return;
	}
	switch (read_report(s, n, &v)) {
	case SG_C:
		note_str("suppressed");
		return;
	case SG_X:
		note_str("not available");
		return;
	case SG_Z:
		note_str("not applicable");
		return;
	case SG_LOW:
		note_str("low");
		return;
	case SG_NUM:
		if (sg_value_parse(s, n, &sv) == SG_NUM)
			break;
		/* A report's form (1,043  +7  58.4%): as it is shown. */
		sg_buf_add(&note, s, n);
		return;
	default:
		/* Not a number: quoted, cut to 40 bytes at a character. */
		sg_buf_addc(&note, '\'');
		for (i = n > 40 ? 40 : n; i < n && ((unsigned char)s[i] &
		    0xC0) == 0x80; i--)
			;
		sg_buf_add(&note, s, i);
		if (i < n)
			note_str("...");
		sg_buf_addc(&note, '\'');
		return;
	}
	start = s[0] == '-' ? 1 : 0;
	dot = memchr(s, '.', n);
	ilen = (dot != NULL ? (size_t)(dot - s) : n) - start;
	sg_buf_add(&note, s, start);
	for (i = 0; i < ilen; i++) {
		if (i > 0 && (ilen - i) % 3 == 0)
			sg_buf_addc(&note, ',');
		sg_buf_addc(&note, s[start + i]);
	}
	sg_buf_add(&note, s + start + ilen, n - start - ilen);
}

static void
note_cell(const struct sg_record *rec, size_t c)
{
	note_value(rec->f[c], rec->len[c]);
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

/* The parts of a total: its --as words, or "a, b and c". */
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
		note_value(expected, strlen(expected));
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
	struct rval found;
	size_t len = 0;
	sg_dec d;
	int differ;

	read_report(rec->f[c], rec->len[c], &found);
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
	struct rval v;

	return read_report(rec->f[c], rec->len[c], &v) == SG_C;
}

/*
 * Reads the inputs of a recomputation into v[]; returns 1 if all are
 * numbers, 0 if the check does not apply to this row (a symbol), -1 if an
 * input is unreadable (reported).  *hasc is set if an input is c.
 */
static int
read_inputs(const struct check *ck, const struct sg_record *rec,
    const size_t *cols, size_t n, struct rval *v, int *hasc)
{
	size_t i;
	int ok = 1;

	*hasc = 0;
	for (i = 0; i < n; i++) {
		read_report(rec->f[cols[i]], rec->len[cols[i]], &v[i]);
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
 * Reads the n inputs of a check whose result is cell ck->c: 1 if there is
 * something to check.  Where an input or the result is suppressed the
 * check is not worked out (that would give the hidden cell back) and the
 * note says it cannot be shown.
 */
static int
checkable(const struct check *ck, const struct sg_record *rec, size_t n,
    struct rval *v)
{
	int hasc, got = read_inputs(ck, rec, ck->in, n, v, &hasc);

	if (got < 0)
		return 0;
	if (hasc || is_c(rec, ck->c)) {
		note_unshown(ck, rec);
		return 0;
	}
	return got > 0;
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
	struct rval found;
	sg_dec slack;

	if (rounded == 0 || !e->exact)
		return 0;
	if (read_report(rec->f[ck->c], rec->len[ck->c], &found) != SG_NUM ||
	    !found.exact)
		return 0;
	slack = sg_dec_from_long((long)(ck->nin + 1) * (rounded / 2));
	return sg_dec_cmp(sg_dec_abs(sg_dec_sub(found.d, e->num)), slack) <= 0;
}

static void
check_unique(struct check *ck, const struct sg_record *rec,
    struct sg_buf *key)
{
	char where[300], shown[300];
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
	for (k = 0; k < key->len && k < sizeof(shown) - 1; k++)
		shown[k] = key->p[k] == '\t' ? ',' : key->p[k];
	if (ck->firstfile[i] == nfiles - 1)
		snprintf(where, sizeof(where), "a value not seen before, "
		    "found %.*s again (first on line %ld)", (int)k, shown,
		    ck->firstline[i]);
	else
		snprintf(where, sizeof(where), "a value not seen before, "
		    "found %.*s again (first at %s:%ld)", (int)k, shown,
		    files[ck->firstfile[i]], ck->firstline[i]);
	/* The message is whole already: print it through fail's format. */
	report("%s:%ld: unique %s: expected %s", curfile, curline, ck->expr,
	    where);
	nfail++;
	rowfailed = 1;
	if (note_start(rec)) {
		note_str("more than one row has the same ");
		for (k = 0; k < ck->nin; k++) {
			if (k > 0)
				note_str(k == ck->nin - 1 ? " and " : ", ");
			note_str(hdr->f[ck->in[k]]);
		}
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
check_row(struct check *ck, const struct sg_record *rec, struct sg_buf *key)
{
	struct rval v[64], x;
	struct expect e;
	size_t k;
	char exp[2 * SG_NUMBUF + 32];
	int got, hasc;

	switch (ck->type) {
	case UNIQUE:
		check_unique(ck, rec, key);
		break;
	case REQUIRED:
		for (k = 0; k < ck->nin; k++) {
			size_t c = ck->in[k];
			if (rec->len[c] == 0 || (rec->len[c] == 1 &&
			    rec->f[c][0] == 'x')) {
				fail(ck, hdr->f[c], "a value", rec->f[c],
				    rec->len[c]);
				if (note_start(rec)) {
					note_str("no ");
					note_str(hdr->f[c]);
					note_str(" is given");
					note_end();
				}
			}
		}
		break;
	case RANGE:
		read_report(rec->f[ck->c], rec->len[ck->c], &x);
		if (x.kind != SG_NUM && x.kind != SG_BAD)
			break;
		if (x.kind == SG_NUM && x.exact &&
		    (!ck->hasmin || sg_dec_cmp(x.d, ck->min) >= 0) &&
		    (!ck->hasmax || sg_dec_cmp(x.d, ck->max) <= 0))
			break;
		if (x.kind == SG_NUM && !x.exact &&
		    (!ck->hasmin || x.num >= sg_dec_to_double(ck->min)) &&
		    (!ck->hasmax || x.num <= sg_dec_to_double(ck->max)))
			break;
		{
			char lo[SG_NUMBUF], hi[SG_NUMBUF];
			if (ck->hasmin)
				sg_dec_fmt(ck->min, lo);
			if (ck->hasmax)
				sg_dec_fmt(ck->max, hi);
			if (ck->hasmin && ck->hasmax)
				snprintf(exp, sizeof(exp), "%s to %s", lo, hi);
			else if (ck->hasmin)
				snprintf(exp, sizeof(exp), "at least %s", lo);
			else
				snprintf(exp, sizeof(exp), "at most %s", hi);
			fail(ck, hdr->f[ck->c], exp, rec->f[ck->c],
			    rec->len[ck->c]);
			if (note_start(rec)) {
				note_should(ck->c, exp, 0);
				note_not(rec, ck->c);
			}
		}
		break;
	case TOTAL:
		if (!checkable(ck, rec, ck->nin, v))
			break;
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
		if (within_rounding(ck, rec, &e))
			break;
		if (compare(ck, rec, ck->c, &e, exp) && note_start(rec)) {
			/*
			 * "the three s42 outcomes add to 1,535, not the
			 * 1,605 concerns"
			 */
			note_parts(ck);
			note_str(ck->nin == 1 && ck->as == NULL ? " adds to " :
			    " add to ");
			note_value(exp, strlen(exp));
			read_report(rec->f[ck->c], rec->len[ck->c], &x);
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
		break;
	case PCT:
		if (!checkable(ck, rec, 2, v))
			break;
		e.kind = v[1].num == 0 ? SG_Z : SG_NUM;
		e.exact = v[0].exact && v[1].exact;
		e.num = v[0].d;
		e.mul = sg_dec_from_long(100);
		e.den = v[1].d;
		e.approx = v[1].num == 0 ? 0 : v[0].num * 100 / v[1].num;
		if (compare(ck, rec, ck->c, &e, exp) && note_start(rec)) {
			/* "conversion % should be 21 (343 of 1,603), not 24" */
			if (e.kind == SG_NUM)
				note_should(ck->c, exp, 1);
			else
				note_should(ck->c, "not applicable", 0);
			note_str(" (");
			note_cell(rec, ck->in[0]);
			note_str(" of ");
			note_cell(rec, ck->in[1]);
			note_str(")");
			note_not(rec, ck->c);
		}
		break;
	case CHANGE:
		got = read_inputs(ck, rec, ck->in, 2, v, &hasc);
		if (got < 0)
			break;
		if (hasc || (!ck->skipchg && is_c(rec, ck->in[2])) ||
		    (!ck->skippct && is_c(rec, ck->in[3]))) {
			note_unshown(ck, rec);
			break;
		}
		if (got == 0)
			break;
		e.kind = SG_NUM;
		e.exact = v[0].exact && v[1].exact;
		if (e.exact) {
			e.num = sg_dec_sub(v[0].d, v[1].d);
			e.approx = sg_dec_to_double(e.num);
		} else {
			e.approx = v[0].num - v[1].num;
		}
		e.mul = e.den = sg_dec_from_long(1);
		if (!ck->skipchg && compare(ck, rec, ck->in[2], &e, exp) &&
		    note_start(rec)) {
			/* "Chg should be 5 (105 less 100), not 7" */
			note_should(ck->in[2], exp, 1);
			note_str(" (");
			note_cell(rec, ck->in[0]);
			note_str(" less ");
			note_cell(rec, ck->in[1]);
			note_str(")");
			note_not(rec, ck->in[2]);
		}
		if (!ck->skippct) {
			e.kind = v[1].num == 0 ? SG_Z : SG_NUM;
			e.mul = sg_dec_from_long(100);
			e.den = sg_dec_abs(v[1].d);
			if (v[1].num != 0)
				e.approx = e.approx * 100 / fabs(v[1].num);
			if (compare(ck, rec, ck->in[3], &e, exp) &&
			    note_start(rec)) {
				if (e.kind == SG_NUM)
					note_should(ck->in[3], exp, 1);
				else
					note_should(ck->in[3],
					    "not applicable", 0);
				note_str(" (the change from ");
				note_cell(rec, ck->in[1]);
				note_str(" to ");
				note_cell(rec, ck->in[0]);
				note_str(")");
				note_not(rec, ck->in[3]);
			}
		}
		break;
	}
}

static void
add_check(enum ctype type, const char *opt, const char *arg)
{
	struct check *ck;

	cks = sg_realloc(cks, (ncks + 1) * sizeof(*cks));
	ck = &cks[ncks++];
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
		if (ck->nin > 64)
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

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unique", required_argument, NULL, 'u' },
		{ "required", required_argument, NULL, 'r' },
		{ "range", required_argument, NULL, 'b' },
		{ "total", required_argument, NULL, 't' },
		{ "pct", required_argument, NULL, 'p' },
		{ "change", required_argument, NULL, 'c' },
		{ "as", required_argument, NULL, 'a' },
		{ "rounded", required_argument, NULL, 'R' },
		{ "note", required_argument, NULL, 'N' },
		{ "row-label", required_argument, NULL, 'k' },
		{ "warn", no_argument, NULL, 'w' },
		SG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct sg_common common = { NULL, 0 };
	struct sg_reader *r;
	struct sg_writer *w;
	struct sg_record rec;
	static struct sg_buf key;	/* static: reachable at any exit */
	unsigned long nrows = 0, badrows = 0;
	size_t i;
	const char *notepath = NULL, *label = NULL;
	int ch, warn = 0;

	sg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "u:r:b:t:p:c:a:R:N:k:w"
	    SG_COMMON_SHORTOPTS, longopts, NULL)) != -1) {
		switch (ch) {
		case 'u': add_check(UNIQUE, "--unique", optarg); break;
		case 'r': add_check(REQUIRED, "--required", optarg); break;
		case 'b': add_check(RANGE, "--range", optarg); break;
		case 't': add_check(TOTAL, "--total", optarg); break;
		case 'p': add_check(PCT, "--pct", optarg); break;
		case 'c': add_check(CHANGE, "--change", optarg); break;
		case 'a':
			if (ncks == 0 || cks[ncks - 1].type != TOTAL)
				sg_die_usage("--as: must follow the --total "
				    "whose parts it names");
			if (cks[ncks - 1].as != NULL)
				sg_die_usage("--as: the --total before has "
				    "words already");
			cks[ncks - 1].as = sg_strdup(optarg);
			break;
		case 'R':
			rounded = sg_opt_long("--rounded", optarg, 1,
			    1000000000L);
			break;
		case 'N': notepath = optarg; break;
		case 'k': label = optarg; break;
		case 'w': warn = 1; break;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
	}
	if (ncks == 0)
		sg_die_usage("nothing to check: give --unique, --required, "
		    "--range, --total, --pct or --change");

	r = sg_reader_open(argv + optind, argc - optind);
	hdr = sg_reader_header(r);
	for (i = 0; i < ncks; i++)
		resolve(&cks[i]);
	if (label != NULL && notepath == NULL)
		sg_die_usage("--row-label: names rows in a --note; give --note");
	labelcol = label != NULL ? sg_col_resolve("--row-label", label, hdr) : 0;
	if (notepath != NULL)
		notew = sg_writer_open(notepath, 0);
	w = sg_writer_open(common.output, common.gzip);
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
		for (i = 0; i < ncks; i++)
			check_row(&cks[i], &rec, &key);
		nrows++;
		badrows += rowfailed;
		sg_write_fields(w, &rec);
		sg_write_eol(w);
	}
	if (notew != NULL)
		sg_writer_close(notew);
	sg_buf_free(&note);
	if (nfail > 0) {
		sg_warn("%lu check%s failed in %lu of %lu rows", nfail,
		    nfail == 1 ? "" : "s", badrows, nrows);
		if (!warn) {
			/* Keep the previous output file: this one failed. */
			if (common.output != NULL)
				sg_writer_abort(w);
			else
				sg_writer_close(w);
			sg_reader_close(r);
			return SG_EXIT_DATA;
		}
	}
	sg_writer_close(w);
	sg_reader_close(r);
	return SG_EXIT_OK;
}
