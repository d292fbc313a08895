/*
 * sg-clean: normalise the values of a stream.  Every value is trimmed and
 * its runs of spaces collapsed; --alias maps variant spellings to one
 * name; --number turns report-style numbers and missing markers into plain
 * numbers and symbols, and the bracketed markers of official statistics
 * ([p] provisional and the like) into a companion column (sg(7), VALUES);
 * --date turns the date forms agencies write into ISO.  A value that cannot be read as its type stops the tool, or with
 * --reject sets its row aside.
 */
#include "config.h"

#include <ctype.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "forms.h"
#include "optab.h"
#include "optval.h"
#include "reject.h"
#include "sg.h"
#include "sgre.h"
#include "textfile.h"

static const char help[] =
"usage: sg-clean [--number COLS] [--markers COLS] [--date COLS]\n"
"                [--symbol TEXT=SYM] [--alias FILE] [--reject FILE] [--report]\n"
"                [-o FILE] [-z] [FILE...]\n"
"\n"
"Trims and collapses spaces in every value, and normalises numbers, dates\n"
"and names.\n"
"\n"
"  -n, --number COLS      report-style numbers to plain numbers, missing\n"
"                         markers to the symbols x z c u low ([c] to c)\n"
"  -m, --markers COLS     a column COL_marker after each of these --number\n"
"                         columns for the markers [e] [p] [r] on its values\n"
"  -d, --date COLS        dd/mm/yyyy, d/m/yy, d Mon yyyy, Excel serials to ISO\n"
"  -s, --symbol TEXT=SYM  read TEXT as the symbol SYM (x z c u low)\n"
"  -a, --alias FILE       TSV of column, PCRE2 pattern, replacement\n"
"  -r, --reject FILE      write rows with bad values to FILE with a reason\n"
"  -R, --report           say per column how many values each rule changed\n";

/* The rules --report counts, per column. */
enum rule {
	R_SPACE,	/* spaces trimmed or collapsed */
	R_ALIAS,	/* replaced by --alias */
	R_SYMBOL,	/* a missing marker read as a symbol */
	R_MARKER,	/* [e] [p] [r] moved to the companion column */
	R_THOUSANDS,	/* thousands separators removed */
	R_PERCENT,	/* a % removed */
	R_POUND,	/* a £ removed */
	R_PLUS,		/* a leading + removed */
	R_FOOTNOTE,	/* footnote marks removed */
	R_DECIMAL,	/* a 0 put before a leading point, a -0 made 0 */
	R_DATE,		/* a date rewritten as ISO */
	R_NRULES
};
static const char *const rule_names[R_NRULES] = {
	"spaces trimmed", "aliases", "missing markers to symbols",
	"markers to the companion column",
	"thousands separators removed", "% removed", "£ removed",
	"leading + removed", "footnote marks removed", "decimals tidied",
	"dates to ISO"
};

/* Missing markers and their symbols; --symbol adds and overrides. */
struct marker {
	char	*text;
	size_t	 len;
	char	*sym;
};
static struct marker *markers;
static size_t nmarkers;

struct alias {
	char		*column;	/* "-" for the header */
	struct sgre	*re;
	char		*repl;
	long		 line;		/* in the alias file, for messages */
};
static struct alias *aliases;
static size_t naliases;
static const char *alias_path;

enum kind { K_TEXT, K_NUMBER, K_DATE };

static void
marker_set(const char *text, const char *sym)
{
	size_t i;

	for (i = 0; i < nmarkers; i++)
		if (strcasecmp(markers[i].text, text) == 0) {
			free(markers[i].sym);
			markers[i].sym = sg_strdup(sym);
			return;
		}
	markers = sg_realloc(markers, (nmarkers + 1) * sizeof(*markers));
	markers[nmarkers].text = sg_strdup(text);
	markers[nmarkers].len = strlen(text);
	markers[nmarkers].sym = sg_strdup(sym);
	nmarkers++;
}

static const char *
marker_find(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < nmarkers; i++)
		if (markers[i].len == n &&
		    strncasecmp(markers[i].text, s, n) == 0)
			return markers[i].sym;
	return NULL;
}

static void
symbol_option(const char *arg)
{
	const char *eq = strrchr(arg, '=');
	char *text;

	if (eq == NULL)
		sg_die_usage("--symbol: want TEXT=SYM: '%s'", arg);
	sg_opt_word("--symbol", eq + 1, "x|z|c|u|low");
	text = sg_strndup(arg, (size_t)(eq - arg));
	marker_set(text, eq + 1);
	free(text);
}

static void
alias_line(char *s, long ln, void *arg)
{
	const char *path = arg;
	struct sg_buf where = { NULL, 0, 0 };
	char line[32], *t1, *t2;

	if ((ln == 1 && strcmp(s, "column\tpattern\treplacement") == 0) ||
	    *s == '\0')
		return;
	t1 = strchr(s, '\t');
	t2 = t1 != NULL ? strchr(t1 + 1, '\t') : NULL;
	if (t1 == NULL || t2 == NULL || t1 == s || t2 == t1 + 1 ||
	    strchr(t2 + 1, '\t') != NULL)
		sg_data_error(path, ln, NULL, "want a column, a pattern "
		    "and a replacement, separated by TABs", s, strlen(s));
	*t1 = *t2 = '\0';
	snprintf(line, sizeof(line), ":%ld", ln);
	sg_buf_adds(&where, path);
	sg_buf_adds(&where, line);
	aliases = sg_realloc(aliases, (naliases + 1) * sizeof(*aliases));
	aliases[naliases].column = sg_strdup(s);
	aliases[naliases].re = sgre_compile(t1 + 1, 0, where.p);
	sg_buf_free(&where);
	aliases[naliases].repl = sg_strdup(t2 + 1);
	aliases[naliases].line = ln;
	naliases++;
}

static void
read_alias(const char *path)
{
	alias_path = path;
	sg_each_line(path, alias_line, (void *)path);
}

/* Applies the first alias of column col (or "-") matching s[0..n);
 * returns a malloc'd replacement or NULL. */
static char *
alias_apply(const char *col, const char *s, size_t n, size_t *outlen)
{
	size_t i;

	for (i = 0; i < naliases; i++)
		if (strcmp(aliases[i].column, col) == 0 &&
		    sgre_match(aliases[i].re, s, n))
			return sgre_replace(aliases[i].re, s, n,
			    aliases[i].repl, outlen);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Numbers.                                                            */

static int
ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/*
 * Checks the digits p[0..e) of a number: a whole part of digits, or of
 * digits grouped by commas in threes (1,043 and 12,345,678, not 1,0 or
 * 12,34), then maybe a point and digits.  Returns 0 if they are not;
 * else sets *dot (NULL if none), *ndig (the whole part's digits) and
 * *thou (commas were used).
 */
static int
number_digits(const char *p, const char *e, const char **dotp,
    size_t *ndigp, int *thou)
{
	const char *dot = memchr(p, '.', (size_t)(e - p)), *end, *q;
	size_t group = 0, ngroups = 0, ndig = 0;

	end = dot != NULL ? dot : e;
	for (q = p; q <= end; q++) {
		if (q == end || *q == ',') {
			if (ngroups == 0 ? (*q == ',' && (group == 0 ||
			    group > 3)) : group != 3)
				return 0;
			if (q < end)
				*thou = 1;
			ngroups++;
			group = 0;
			if (q == end)
				break;
			continue;
		}
		if (*q < '0' || *q > '9')
			return 0;
		ndig++;
		group++;
	}
	if (dot != NULL) {
		if (dot + 1 == e)
			return 0;
		for (q = dot + 1; q < e; q++)
			if (*q < '0' || *q > '9')
				return 0;
	}
	if (ndig == 0 && dot == NULL)
		return 0;
	*dotp = dot;
	*ndigp = ndig;
	return 1;
}

/*
 * Reads a report-style number s[0..n) into b as a plain number, counting
 * the rules used in cnt.  Returns 0 if it is not a number.
 */
static int
clean_number(struct sg_buf *b, const char *s, size_t n, long *cnt)
{
	const char *p, *e, *dot, *q;
	char *o;
	int neg = 0, pct = 0, pound = 0, plus = 0, foot = 0, thou = 0;
	int zero = 1, tidy = 0;
	size_t ndig = 0;

	/* Trailing footnote marks, a % and spaces, in any order. */
	for (;;) {
		if (n > 0 && s[n - 1] == ' ')
			n--;
		else if (n > 0 && s[n - 1] == '*')
			n--, foot = 1;
		else if (ends_with(s, n, "\xE2\x80\xA0") ||
		    ends_with(s, n, "\xE2\x80\xA1"))
			n -= 3, foot = 1;
		else if (n > 0 && s[n - 1] == '%' && !pct)
			n--, pct = 1;
		else
			break;
	}
	p = s;
	e = s + n;
	/* A sign and a pound sign, either way round. */
	for (;;) {
		if (p < e && (*p == '+' || *p == '-') && !neg && !plus) {
			neg = *p == '-';
			plus = *p == '+';
			p++;
		} else if (e - p >= 2 && !pound &&
		    memcmp(p, "\xC2\xA3", 2) == 0) {
			pound = 1;
			p += 2;
		} else if (p < e && *p == ' ' && p > s)
			p++;
		else
			break;
	}
	if (p == e)
		return 0;
	if (!number_digits(p, e, &dot, &ndig, &thou))
		return 0;
	for (q = p; q < e; q++)
		if (*q >= '1' && *q <= '9')
			zero = 0;
	/* Room for a sign, a 0, the digits and the NUL, then written in
	 * place. */
	if (b->len + (size_t)(e - p) + 3 > b->cap) {
		while (b->len + (size_t)(e - p) + 3 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->p = sg_realloc(b->p, b->cap);
	}
	o = b->p + b->len;
	if (neg && !zero)
		*o++ = '-';
	else if (neg)
		tidy = 1;
	if (ndig == 0) {
		*o++ = '0';
		tidy = 1;
	}
	for (q = p; q < e; q++)
		if (*q != ',')
			*o++ = *q;
	*o = '\0';
	b->len = (size_t)(o - b->p);
	cnt[R_PERCENT] += pct;
	cnt[R_POUND] += pound;
	cnt[R_PLUS] += plus;
	cnt[R_FOOTNOTE] += foot;
	cnt[R_THOUSANDS] += thou;
	cnt[R_DECIMAL] += tidy;
	return 1;
}

/* The companion column's text for each set of markers: the letters e p
 * r in that order, separated by spaces. */
static const char *const marker_text[8] = {
	"", "e", "p", "e p", "r", "e r", "p r", "e p r"
};

/* ------------------------------------------------------------------ */

struct column {
	enum kind	 kind;
	int		 alias;		/* has --alias rules */
	int		 companion;	/* has a COL_marker column (--markers) */
	long		 cnt[R_NRULES];
	/*
	 * Its value in the row being cleaned: in the record itself when
	 * cleaning leaves it as it is (most values; vp), else in the
	 * cleaner's b at off (vp NULL); its length, its missing marker,
	 * and the rules that changed it.
	 */
	const char	*vp;
	size_t		 off, vl;
	int		 mkv;
	long		 rowcnt[R_NRULES];
};

/* What the command line asks for (--symbol and --alias fill the tables
 * of markers and aliases). */
struct settings {
	struct sg_common common;
	struct sg_optval opt;		/* -n, -m, -d, -r, -R */
};

/* The missing markers read without --symbol, and their symbols. */
static const char *const default_markers[][2] = {
	{ "N/A", "z" }, { "NA", "z" }, { "/", "x" }, { "-", "x" },
	{ "..", "x" }, { "TBC", "x" }, { "nil", "x" }, { "", "x" },
	{ "*", "c" }, { "<5", "c" }, { "x", "x" }, { "z", "z" },
	{ "c", "c" }, { "low", "low" }, { "u", "u" }, { "[x]", "x" },
	{ "[z]", "z" }, { "[c]", "c" }, { "[u]", "u" }, { "[low]", "low" }
};

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 's': symbol_option(arg); break;
	case 'a': read_alias(arg); break;
	}
}

static void
parse(int argc, char **argv, struct settings *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < sizeof(default_markers) / sizeof(default_markers[0]);
	    i++)
		marker_set(default_markers[i][0], default_markers[i][1]);
	sg_optab_parse(help, argc, argv, set_option, s,
	    &s->common);
}

/* The worker's state: the cleaned header, each column's rules, and where
 * the values of the row being cleaned lie. */
struct cleaner {
	const struct settings *s;
	struct sg_reader *r;
	struct sg_reject *rj;
	struct sg_record hdr;		/* the header, cleaned */
	struct sg_buf	 hb;		/* its names */
	struct column	*col;
	size_t		 ncomp;		/* the --markers columns */
	struct sg_buf	 b, scratch;	/* b: the values cleaning changed */
	size_t		*touched, ntouched; /* the columns rules counted */
	int		 anyb;		/* a value lies in b */
	unsigned char	 mfirst[256];	/* the first bytes of the markers */
};

/*
 * The header: trimmed, then renamed by the "-" aliases; a name emptied
 * or made a duplicate by it is a data error.
 */
static void
clean_header(struct cleaner *c)
{
	const struct sg_record *ih = sg_reader_header(c->r);
	struct sg_buf *hb = &c->hb, what = { NULL, 0, 0 };
	struct sg_hash *seen;
	size_t i, j, replen, *off;
	char *rep, num[80];
	int isnew;

	off = sg_calloc(ih->n + 1, sizeof(*off));
	for (i = 0; i < ih->n; i++) {
		off[i] = hb->len;
		j = hb->len;
		sg_squeeze(hb, ih->f[i], ih->len[i]);
		/* hb->p is still NULL if the first name trims to nothing */
		rep = alias_apply("-", hb->p != NULL ? hb->p + j : "",
		    hb->len - j, &replen);
		if (rep != NULL) {
			hb->len = j;
			sg_buf_add(hb, rep, replen);
			free(rep);
		}
		sg_buf_addc(hb, '\0');
		if (hb->len - 1 == j)
			sg_die("%s:1: a column name is empty after trimming",
			    sg_reader_file(c->r));
	}
	c->hdr.n = ih->n;
	c->hdr.f = sg_calloc(ih->n, sizeof(*c->hdr.f));
	c->hdr.len = sg_calloc(ih->n, sizeof(*c->hdr.len));
	/* Through a hash (a million columns); names before the first
	 * duplicate are distinct, so a name's hash index is its column. */
	seen = sg_hash_new();
	for (i = 0; i < ih->n; i++) {
		c->hdr.f[i] = hb->p + off[i];
		c->hdr.len[i] = strlen(c->hdr.f[i]);
		j = (size_t)sg_hash_get(seen, c->hdr.f[i], c->hdr.len[i], 1,
		    &isnew);
		if (!isnew) {
			snprintf(num, sizeof(num), "columns %zu and %zu are "
			    "both '", j + 1, i + 1);
			sg_buf_adds(&what, num);
			sg_buf_add(&what, c->hdr.f[i], c->hdr.len[i] > 100 ?
			    100 : c->hdr.len[i]);
			sg_buf_adds(&what, "' after cleaning");
			sg_hash_free(seen);
			free(off);
			sg_die("%s:1: %s", sg_reader_file(c->r), what.p);
		}
	}
	sg_hash_free(seen);
	free(off);
}

/* The columns of spec (an option's) as given kind: returns how many. */
static size_t
col_list(const char *opt, const char *spec, const struct sg_record *hdr,
    size_t **idx)
{
	return spec != NULL ? sg_cols_resolve(opt, spec, hdr, idx) :
	    (*idx = NULL, 0);
}

/* The name of column i's companion: its own and "_marker". */
static const char *
companion_name(struct sg_buf *b, const struct sg_record *hdr, size_t i)
{
	b->len = 0;
	sg_buf_add(b, hdr->f[i], hdr->len[i]);
	sg_buf_adds(b, "_marker");
	return b->p;
}

/* Gives each column its rules: --alias, --number, --markers, --date. */
static void
set_rules(struct cleaner *c, int nfiles)
{
	const struct sg_record *hdr = &c->hdr;
	struct sg_buf what = { NULL, 0, 0 };
	size_t i, nidx, *idx;
	long k;

	for (i = 0; i < naliases; i++) {
		if (strcmp(aliases[i].column, "-") == 0)
			continue;
		if ((k = sg_col_find(hdr, aliases[i].column)) < 0) {
			sg_buf_adds(&what, "no column '");
			sg_buf_add(&what, aliases[i].column,
			    strnlen(aliases[i].column, 100));
			sg_buf_adds(&what, "' in the stream (");
			sg_buf_adds(&what, sg_reader_file(c->r));
			sg_buf_adds(&what, nfiles > 1 ? "...)" : ")");
			sg_die("%s:%ld: %s", alias_path, aliases[i].line,
			    what.p);
		}
		c->col[k].alias = 1;
	}
	nidx = col_list("--number", c->s->opt.arg['n'], hdr, &idx);
	for (i = 0; i < nidx; i++)
		c->col[idx[i]].kind = K_NUMBER;
	free(idx);
	nidx = col_list("--markers", c->s->opt.arg['m'], hdr, &idx);
	for (i = 0; i < nidx; i++) {
		if (c->col[idx[i]].kind != K_NUMBER)
			sg_die_usage("--markers: column '%s' is not in "
			    "--number", hdr->f[idx[i]]);
		if (!c->col[idx[i]].companion)
			c->ncomp++;
		c->col[idx[i]].companion = 1;
	}
	free(idx);
	nidx = col_list("--date", c->s->opt.arg['d'], hdr, &idx);
	for (i = 0; i < nidx; i++) {
		if (c->col[idx[i]].kind == K_NUMBER)
			sg_die_usage("--date: column '%s' is in --number too",
			    hdr->f[idx[i]]);
		c->col[idx[i]].kind = K_DATE;
	}
	free(idx);
	/* The companions' names must be new. */
	for (i = 0; i < hdr->n; i++)
		if (c->col[i].companion && sg_col_find(hdr,
		    companion_name(&what, hdr, i)) >= 0)
			sg_die_usage("--markers: the stream has a column "
			    "'%s' already", what.p);
	sg_buf_free(&what);
}

/* The header: each --markers column followed by its companion. */
static void
write_header(struct cleaner *c, struct sg_writer *w)
{
	const struct sg_record *hdr = &c->hdr;
	struct sg_buf cb = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < hdr->n; i++) {
		sg_write_field(w, hdr->f[i], hdr->len[i], i == 0);
		if (!c->col[i].companion)
			continue;
		companion_name(&cb, hdr, i);
		sg_write_field(w, cb.p, cb.len, 0);
	}
	sg_write_eol(w);
	sg_buf_free(&cb);
}

/* Sets up the worker: the input, its header cleaned, the columns'
 * rules. */
static void
cleaner_open(struct cleaner *c, const struct settings *s, char **files,
    int nfiles)
{
	size_t i, n;
	unsigned char ch;

	memset(c, 0, sizeof(*c));
	c->s = s;
	c->r = sg_reader_open(files, nfiles);
	n = sg_reader_header(c->r)->n;
	c->col = sg_calloc(n + 1, sizeof(*c->col));
	clean_header(c);
	set_rules(c, nfiles);
	c->touched = sg_calloc(n + 1, sizeof(*c->touched));
	for (i = 0; i < nmarkers; i++) {
		ch = (unsigned char)markers[i].text[0];
		if (ch != '\0') {
			c->mfirst[tolower(ch)] = 1;
			c->mfirst[toupper(ch)] = 1;
		}
	}
}

static void
cleaner_close(struct cleaner *c)
{
	sg_reader_close(c->r);
	sg_buf_free(&c->b);
	sg_buf_free(&c->hb);
	sg_buf_free(&c->scratch);
	free(c->touched);
	free(c->col);
	free(c->hdr.f);
	free(c->hdr.len);
}

/*
 * A --number value v[0..vn) that is no missing marker, into c->b at its
 * offset.  Returns NULL, with *inb set if the value now lies in b, or
 * why it is not a number (*src then the value to show).
 */
static const char *
clean_num(struct cleaner *c, size_t i, const char *v, size_t vn, int *inb,
    long *cnt, const char **src)
{
	struct sg_buf *b = &c->b;
	struct sg_value sv;
	enum sg_kind bk = SG_NUM;
	const char *sym;
	size_t bn = vn;

	*src = v;
	if (sg_plain_number(v, vn))
		return NULL;	/* left as it is */
	if (*inb) {
		/* It lies where it is rewritten. */
		c->scratch.len = 0;
		sg_buf_add(&c->scratch, v, vn);
		*src = c->scratch.p;
	}
	b->len = c->col[i].off;
	*inb = 1;
	if (vn == 0 || (*src)[vn - 1] != ']' || !sg_strip_brackets(*src, &bn,
	    &bk, &c->col[i].mkv))
		return clean_number(b, *src, vn, cnt) ? NULL : "not a number";
	/* A bracketed symbol or marker after a value, or a marker after a
	 * symbol. */
	if (c->col[i].mkv != 0 && !c->col[i].companion)
		return "a marker [e], [p] or [r] needs --markers to be kept";
	cnt[R_MARKER] += c->col[i].mkv != 0;
	if (bn == 0 && bk == SG_NUM)
		return "a marker without a value";
	if (bn > 0 && (sym = marker_find(*src, bn)) != NULL) {
		sg_value_parse(sym, strlen(sym), &sv);
		bk = sg_kind_combine(bk, sv.kind);
	} else if (bn > 0) {
		if (!clean_number(b, *src, bn, cnt))
			return "not a number";
		if (bk == SG_NUM)
			return NULL;
		/* The number beside a symbol is dropped: sg(7). */
		b->len = c->col[i].off;
	}
	cnt[R_SYMBOL]++;
	sg_buf_adds(b, sg_kind_symbol(bk));
	return NULL;
}

/* A --date value v[0..vn), not empty, as clean_num(). */
static const char *
clean_date(struct cleaner *c, size_t i, const char *v, size_t vn, int *inb,
    long *cnt)
{
	char datebuf[16];
	long days;
	int dk;

	/* One in ISO already (most, in a pipeline) is left as it is. */
	if (vn == 10 && sg_iso_shape(v) && memcmp(v, "1900-01-01", 10) != 0 &&
	    sg_date_parse_iso(v, 10, &days))
		return NULL;
	dk = sg_date_parse_form(v, vn, &days);
	if (dk != 1)
		return dk == -1 ? "not a date (month-first dates are refused: "
		    "write dd/mm/yyyy or ISO)" : "not a date (dd/mm/yyyy, "
		    "d Mon yyyy, ISO or an Excel serial number)";
	sg_date_fmt(days, datebuf);
	if (strcmp(datebuf, "1900-01-01") == 0)
		strcpy(datebuf, "x");
	if (vn == strlen(datebuf) && memcmp(v, datebuf, vn) == 0)
		return NULL;	/* ISO already */
	cnt[R_DATE]++;
	c->b.len = c->col[i].off;
	sg_buf_adds(&c->b, datebuf);
	*inb = 1;
	return NULL;
}

/* The rules of a --number or --date column, after the text rules; as
 * clean_num(). */
static const char *
clean_typed(struct cleaner *c, size_t i, const char *v, size_t vn,
    int *inb, long *cnt, const char **src)
{
	const char *sym;

	*src = v;
	sym = vn == 0 || c->mfirst[(unsigned char)v[0]] ? marker_find(v, vn) :
	    NULL;
	/* low rounds to zero but is not zero (sg(7)): only a number can. */
	if (sym != NULL && c->col[i].kind == K_DATE && strcmp(sym, "low") == 0)
		return "not a date (low is a number's symbol: it rounds to zero)";
	if (sym != NULL) {
		if (vn != strlen(sym) || memcmp(v, sym, vn))
			cnt[R_SYMBOL]++;
		c->b.len = c->col[i].off;
		sg_buf_adds(&c->b, sym);
		*inb = 1;
		return NULL;
	}
	if (c->col[i].kind == K_NUMBER)
		return clean_num(c, i, v, vn, inb, cnt, src);
	return clean_date(c, i, v, vn, inb, cnt);
}

/*
 * Cleans value i of rec by its column's rules, counting them in
 * cnt[0..*nrules).  Returns 0 if it is bad: the row is then stopped at
 * or set aside.  spaces is 0 if the line has no space to trim.
 */
static int
clean_value(struct cleaner *c, const struct sg_record *rec, size_t i,
    long *cnt, size_t *nrules, int spaces)
{
	struct column *col = &c->col[i];
	struct sg_buf *b = &c->b;
	const char *v = rec->f[i], *why = NULL, *src;
	size_t vn = rec->len[i], replen;
	char *rep;
	int inb = 0;

	/* Only the text rules are zeroed now: most values are text. */
	cnt[R_SPACE] = cnt[R_ALIAS] = 0;
	*nrules = R_ALIAS + 1;
	col->off = b->len;
	col->mkv = 0;
	if (spaces && sg_needs_squeeze(v, vn)) {
		sg_squeeze(b, v, vn);
		cnt[R_SPACE]++;
		inb = 1;
		v = b->p != NULL ? b->p + col->off : "";
		vn = b->len - col->off;
	}
	if (col->alias && (rep = alias_apply(c->hdr.f[i], v, vn, &replen)) !=
	    NULL) {
		if (replen != vn || memcmp(rep, v, vn) != 0)
			cnt[R_ALIAS]++;
		b->len = col->off;
		sg_buf_add(b, rep, replen);
		free(rep);
		inb = 1;
		v = b->p + col->off;
		vn = b->len - col->off;
	}
	/* An empty date is left empty. */
	if (col->kind == K_NUMBER || (col->kind == K_DATE && vn > 0)) {
		memset(cnt + *nrules, 0, (R_NRULES - *nrules) * sizeof(*cnt));
		*nrules = R_NRULES;
		if ((why = clean_typed(c, i, v, vn, &inb, cnt, &src)) != NULL) {
			col->mkv = 0;
			sg_bad_row(c->rj, c->r, rec, c->hdr.f[i], why, src, vn);
			return 0;
		}
	}
	if (inb) {
		c->anyb = 1;
		col->vp = NULL;
		col->vl = b->len - col->off;
	} else {
		col->vp = v;
		col->vl = vn;
	}
	return 1;
}

/* Keeps the counts of value i for --report, if any rule changed it. */
static void
count_rules(struct cleaner *c, size_t i, long *cnt, size_t nrules)
{
	size_t j;

	for (j = 0; j < nrules; j++)
		if (cnt[j] != 0)
			break;
	if (j == nrules)
		return;
	memset(cnt + nrules, 0, (R_NRULES - nrules) * sizeof(*cnt));
	memcpy(c->col[i].rowcnt, cnt, R_NRULES * sizeof(*cnt));
	c->touched[c->ntouched++] = i;
}

static void
write_row(struct cleaner *c, struct sg_writer *w, struct sg_record *rec)
{
	const struct column *col;
	const char *mk;
	size_t i;

	if (!c->anyb && rec->line != NULL && c->ncomp == 0) {
		/* Nothing changed: the line as read. */
		sg_write_fields(w, rec);
		sg_write_eol(w);
		return;
	}
	for (i = 0; i < rec->n; i++) {
		col = &c->col[i];
		sg_write_field(w, col->vp != NULL ? col->vp :
		    c->b.p + col->off, col->vl, i == 0);
		if (col->companion) {
			mk = marker_text[col->mkv];
			sg_write_field(w, mk, strlen(mk), 0);
		}
	}
	sg_write_eol(w);
}

/* The worker: cleans every row onto w, then says what --report asks. */
static void
clean(struct cleaner *c, struct sg_writer *w)
{
	struct sg_record rec;
	long cnt[R_NRULES], nrows = 0;
	size_t i, j, k, nrules;
	int spaces, good;

	while (sg_read(c->r, &rec)) {
		nrows++;
		c->ntouched = 0;
		c->anyb = 0;
		c->b.len = 0;
		/* Most lines have no space to trim or collapse: one look at
		 * the whole line spares a look at each value. */
		spaces = rec.line == NULL ||
		    memchr(rec.line, ' ', rec.linelen) != NULL ||
		    memchr(rec.line, 0xC2, rec.linelen) != NULL;
		for (good = 1, i = 0; good && i < rec.n; i++)
			if ((good = clean_value(c, &rec, i, cnt, &nrules,
			    spaces)) && c->s->opt.n['R'])
				count_rules(c, i, cnt, nrules);
		if (!good)
			continue;
		/* Counts are kept only for rows that are written. */
		for (k = 0; k < c->ntouched; k++)
			for (j = 0; j < R_NRULES; j++)
				c->col[c->touched[k]].cnt[j] +=
				    c->col[c->touched[k]].rowcnt[j];
		write_row(c, w, &rec);
	}
	if (!c->s->opt.n['R'])
		return;
	for (i = 0; i < c->hdr.n; i++)
		for (j = 0; j < R_NRULES; j++)
			if (c->col[i].cnt[j] > 0)
				sg_warn("report: %s: %s: %ld", c->hdr.f[i],
				    rule_names[j], c->col[i].cnt[j]);
	sg_warn("report: %ld row%s read", nrows, nrows == 1 ? "" : "s");
}

int
main(int argc, char **argv)
{
	struct settings s;
	struct cleaner c;
	struct sg_writer *w;

	sg_init(argv[0]);
	parse(argc, argv, &s);
	cleaner_open(&c, &s, s.common.files, s.common.nfiles);
	w = sg_writer_open(s.common.output, s.common.gzip);
	write_header(&c, w);
	c.rj = sg_reject_open(s.opt.arg['r'], &c.hdr);
	clean(&c, w);
	sg_reject_close(c.rj);
	sg_writer_close(w);
	cleaner_close(&c);
	return SG_EXIT_OK;
}
