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

#include "reject.h"
#include "sg.h"
#include "sgre.h"
#include "textfile.h"

static const char usage_text[] =
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
"  -R, --report           say per column how many values each rule changed\n"
SG_COMMON_HELP;

static const struct option longopts[] = {
	{ "number", required_argument, NULL, 'n' },
	{ "markers", required_argument, NULL, 'm' },
	{ "date", required_argument, NULL, 'd' },
	{ "symbol", required_argument, NULL, 's' },
	{ "alias", required_argument, NULL, 'a' },
	{ "reject", required_argument, NULL, 'r' },
	{ "report", no_argument, NULL, 'R' },
	SG_COMMON_LONGOPTS,
	{ NULL, 0, NULL, 0 }
};

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
	if (strcmp(eq + 1, "x") != 0 && strcmp(eq + 1, "z") != 0 &&
	    strcmp(eq + 1, "c") != 0 && strcmp(eq + 1, "u") != 0 &&
	    strcmp(eq + 1, "low") != 0)
		sg_die_usage("--symbol: the symbol must be x, z, c, u or low: "
		    "'%s'", arg);
	text = sg_strndup(arg, (size_t)(eq - arg));
	marker_set(text, eq + 1);
	free(text);
}

static void
alias_line(char *s, long ln, void *arg)
{
	const char *path = arg;
	char where[512], *t1, *t2;

	if ((ln == 1 && strcmp(s, "column\tpattern\treplacement") == 0) ||
	    *s == '\0')
		return;
	t1 = strchr(s, '\t');
	t2 = t1 != NULL ? strchr(t1 + 1, '\t') : NULL;
	if (t1 == NULL || t2 == NULL || t1 == s || t2 == t1 + 1 ||
	    strchr(t2 + 1, '\t') != NULL)
		sg_die("%s:%ld: want a column, a pattern and a replacement, "
		    "separated by TABs: '%.40s'", path, ln, s);
	*t1 = *t2 = '\0';
	snprintf(where, sizeof(where), "%s:%ld", path, ln);
	aliases = sg_realloc(aliases, (naliases + 1) * sizeof(*aliases));
	aliases[naliases].column = sg_strdup(s);
	aliases[naliases].re = sgre_compile(t1 + 1, 0, where);
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

/*
 * Trims and collapses runs of spaces (and no-break spaces, which become
 * plain spaces) in s[0..n) into b.  Returns 1 if anything changed.
 */
static int
squeeze(struct sg_buf *b, const char *s, size_t n)
{
	size_t i, start = b->len;
	int pending = 0, changed = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ') {
			if (pending || b->len == start)
				changed = 1;
			pending = 1;
			continue;
		}
		if ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xA0) {
			changed = 1;
			pending = 1;
			i++;
			continue;
		}
		if (pending && b->len > start)
			sg_buf_addc(b, ' ');
		pending = 0;
		sg_buf_addc(b, s[i]);
	}
	if (pending)
		changed = 1;
	return changed;
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The bytes of x equal to c: their high bit set, the rest 0 (exactly:
 * no carry crosses a byte). */
static inline uint64_t
eqbytes(uint64_t x, unsigned char c)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	uint64_t t = x ^ (0x0101010101010101ULL * c);

	return ~(((t & low7) + low7) | t | low7);
}
#endif

/* Whether squeeze() would change s[0..n): a space at either end, two
 * spaces together, or a no-break space. */
static int
needs_squeeze(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[n - 1] == ' ')
		return 1;
	i = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	/* 8 pairs of neighbours at a time: a word and the word a byte
	 * further on. */
	{
		uint64_t a, b;

		for (; i + 9 <= n; i += 8) {
			memcpy(&a, s + i, 8);
			memcpy(&b, s + i + 1, 8);
			if ((eqbytes(a, ' ') & eqbytes(b, ' ')) |
			    (eqbytes(a, 0xC2) & eqbytes(b, 0xA0)))
				return 1;
		}
	}
#endif
	for (; i < n; i++) {
		/* s[n - 1] is no space, so s[i + 1] is inside. */
		if (s[i] == ' ' && s[i + 1] == ' ')
			return 1;
		if ((unsigned char)s[i] == 0xC2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xA0)
			return 1;
	}
	return 0;
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

static const char *
dot_or_end(const char *dot, const char *e)
{
	return dot != NULL ? dot : e;
}

static int
ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);

	return n >= k && memcmp(s + n - k, suf, k) == 0;
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
	dot = memchr(p, '.', (size_t)(e - p));
	q = dot != NULL ? dot : e;
	/* The whole part: digits, or digits grouped by commas in threes
	 * (1,043 and 12,345,678, not 1,0 or 12,34). */
	{
		size_t group = 0, ngroups = 0;

		for (q = p; q <= dot_or_end(dot, e); q++) {
			if (q == dot_or_end(dot, e) || *q == ',') {
				if (ngroups == 0 ? (*q == ',' && (group == 0 ||
				    group > 3)) : group != 3)
					return 0;
				if (q < dot_or_end(dot, e))
					thou = 1;
				ngroups++;
				group = 0;
				if (q == dot_or_end(dot, e))
					break;
				continue;
			}
			if (*q < '0' || *q > '9')
				return 0;
			ndig++;
			group++;
		}
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

/* The markers of official statistics that leave a value a number. */
enum { MK_E = 1, MK_P = 2, MK_R = 4 };

/*
 * Strips the bracketed forms of the Government Statistical Service from
 * the end of s[0..*n) ("1,234 [p]", "12 [c]", "[x] [r]"), sg(7): the
 * strongest of the symbols [c] [x] [u] [z] [low] among them goes to
 * *kind (SG_NUM if none), the markers [e] [p] [r] to *mk.  Returns 0 if
 * a bracket holds anything else.
 */
static int
strip_brackets(const char *s, size_t *n, enum sg_kind *kind, int *mk)
{
	size_t e = *n, o, tl;
	const char *tok;
	enum sg_kind k;

	*kind = SG_NUM;
	*mk = 0;
	while (e > 0 && s[e - 1] == ']') {
		for (o = e - 1; o > 0 && s[o - 1] != '[' && s[o - 1] != ']';
		    o--)
			;
		if (o == 0 || s[o - 1] != '[')
			return 0;
		tok = s + o;
		tl = e - 1 - o;
		if (tl == 3 && strncasecmp(tok, "low", 3) == 0)
			k = SG_LOW;
		else if (tl != 1)
			return 0;
		else {
			switch (tolower((unsigned char)*tok)) {
			case 'c': k = SG_C; break;
			case 'x': k = SG_X; break;
			case 'u': k = SG_U; break;
			case 'z': k = SG_Z; break;
			case 'e': k = SG_NUM; *mk |= MK_E; break;
			case 'p': k = SG_NUM; *mk |= MK_P; break;
			case 'r': k = SG_NUM; *mk |= MK_R; break;
			default: return 0;
			}
		}
		*kind = sg_kind_combine(*kind, k);
		for (e = o - 1; e > 0 && s[e - 1] == ' '; e--)
			;
	}
	*n = e;
	return 1;
}

/* The companion column's text for each set of markers: the letters e p
 * r in that order, separated by spaces. */
static const char *const marker_text[8] = {
	"", "e", "p", "e p", "r", "e r", "p r", "e p r"
};

/* Whether s[0..n) is a plain number clean_number() leaves as it is,
 * with nothing to count: digits, and maybe a point and more digits. */
static int
plain_number(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return 0;
	if (i == n)
		return 1;
	if (s[i] != '.' || i + 1 == n)
		return 0;
	for (i++; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* ------------------------------------------------------------------ */
/* Dates.                                                              */

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/* Whether s[0..10) has the shape of an ISO date: dddd-dd-dd. */
static int
iso_shape(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* Reads 1 to max digits at *p; returns the number or -1. */
static int
digits(const char **p, const char *e, int min, int max)
{
	int v = 0, k = 0;

	while (*p < e && **p >= '0' && **p <= '9' && k < max) {
		v = v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	if (k < min || (*p < e && **p >= '0' && **p <= '9'))
		return -1;
	return v;
}

/* A two-digit year: 00-29 are 2000-2029, 30-99 are 1930-1999 (Excel's
 * rule). */
static int
century(int yy)
{
	return yy < 30 ? 2000 + yy : 1900 + yy;
}

/* Skips a time of day (" 00:00", "T00:00:00") after a date. */
static int
time_only(const char *p, const char *e)
{
	if (p == e)
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	for (p++; p < e; p++)
		if (!((*p >= '0' && *p <= '9') || *p == ':' || *p == '.'))
			return 0;
	return 1;
}

/*
 * Reads a date s[0..n) in one of the accepted forms; returns 1 and sets
 * *days, 0 if it is not a date, -1 if it looks like a month-first date.
 */
static int
parse_date(const char *s, size_t n, long *days)
{
	const char *p = s, *e = s + n, *w;
	int d, m, y, i;
	char sepc;
	double serial;

	/* ISO. */
	if (n >= 10 && s[4] == '-' && s[7] == '-' &&
	    time_only(s + 10, e) && sg_date_parse_iso(s, 10, days))
		return 1;
	/* Excel serial numbers, for dates 1910-01-01 to 2099-12-31. */
	if (n > 0 && s[0] != '-' && sg_num_parse(s, n, &serial)) {
		if (serial < 3654 || serial >= 73051 ||
		    !sg_date_from_excel(serial, 0, days))
			return 0;
		return 1;
	}
	if ((d = digits(&p, e, 1, 2)) < 0 || p == e)
		return 0;
	sepc = *p;
	if (sepc == '/' || sepc == '-' || sepc == '.') {
		p++;
		if (p < e && *p >= '0' && *p <= '9') {
			/* d/m/yyyy or d/m/yy */
			if ((m = digits(&p, e, 1, 2)) < 0 || p == e ||
			    *p != sepc)
				return 0;
			p++;
			w = p;
			if ((y = digits(&p, e, 2, 4)) < 0 || p - w == 3 ||
			    !time_only(p, e))
				return 0;
			if (p - w == 2)
				y = century(y);
			if (!sg_date_valid(y, m, d))
				return m > 12 && d <= 12 &&
				    sg_date_valid(y, d, m) ? -1 : 0;
			*days = sg_days_from_ymd(y, m, d);
			return 1;
		}
	} else if (sepc != ' ')
		return 0;
	else
		p++;
	/* d Mon yyyy, d-Mon-yyyy, d Month yy. */
	w = p;
	while (p < e && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' &&
	    *p <= 'Z')))
		p++;
	if (p - w < 3 || p == e || (*p != sepc && !(sepc == '/' &&
	    *p == '/')))
		return 0;
	for (m = 0, i = 0; i < 12; i++) {
		size_t len = (size_t)(p - w);

		if ((len == 3 || len == strlen(months[i]) ||
		    (i == 8 && len == 4)) &&
		    strncasecmp(w, months[i], len) == 0 &&
		    (len != 4 || i == 8 || len == strlen(months[i]))) {
			m = i + 1;
			break;
		}
	}
	if (m == 0)
		return 0;
	p++;
	w = p;
	if ((y = digits(&p, e, 2, 4)) < 0 || p - w == 3 || !time_only(p, e))
		return 0;
	if (p - w == 2)
		y = century(y);
	if (!sg_date_valid(y, m, d))
		return 0;
	*days = sg_days_from_ymd(y, m, d);
	return 1;
}

/* ------------------------------------------------------------------ */

struct column {
	enum kind	 kind;
	int		 alias;		/* has --alias rules */
	int		 companion;	/* has a COL_marker column (--markers) */
	long		 cnt[R_NRULES];
};

int
main(int argc, char **argv)
{
	struct sg_common common = { NULL, 0 };
	struct sg_reader *r;
	struct sg_writer *w;
	struct sg_reject *rj = NULL;
	const struct sg_record *ih;
	struct sg_record hdr, rec;
	struct column *col;
	struct sg_buf b = { NULL, 0, 0 }, hb = { NULL, 0, 0 };
	struct sg_buf cb = { NULL, 0, 0 };
	struct sg_hash *seen;
	const char *numspec = NULL, *datespec = NULL, *rejpath = NULL;
	const char *markspec = NULL;
	char **oname;
	size_t *olen, on, ncomp = 0;
	int *mkv;
	const char *sym;
	char *rep, reason[1024], what[200], datebuf[16];
	struct sg_buf scratch = { NULL, 0, 0 };
	const char **vp;
	unsigned char mfirst[256] = { 0 };
	size_t i, j, k, nidx, *idx, *off, *vl, *touched, ntouched, replen;
	long days, nrows = 0, (*rowcnt)[R_NRULES];
	int ch, report = 0, bad, dk, isnew, anyb, spaces;
	size_t nrules;

	sg_init(argv[0]);
	marker_set("N/A", "z");
	marker_set("NA", "z");
	marker_set("/", "x");
	marker_set("-", "x");
	marker_set("..", "x");
	marker_set("TBC", "x");
	marker_set("nil", "x");
	marker_set("", "x");
	marker_set("*", "c");
	marker_set("<5", "c");
	marker_set("x", "x");
	marker_set("z", "z");
	marker_set("c", "c");
	marker_set("low", "low");
	marker_set("u", "u");
	marker_set("[x]", "x");
	marker_set("[z]", "z");
	marker_set("[c]", "c");
	marker_set("[u]", "u");
	marker_set("[low]", "low");
	while ((ch = getopt_long(argc, argv, "n:m:d:s:a:r:R" SG_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			numspec = optarg;
			break;
		case 'm':
			markspec = optarg;
			break;
		case 'd':
			datespec = optarg;
			break;
		case 's':
			symbol_option(optarg);
			break;
		case 'a':
			read_alias(optarg);
			break;
		case 'r':
			rejpath = optarg;
			break;
		case 'R':
			report = 1;
			break;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
	}
	argc -= optind;
	argv += optind;

	r = sg_reader_open(argv, argc);
	ih = sg_reader_header(r);

	/* The header: trimmed, then renamed by the "-" aliases. */
	off = sg_calloc(ih->n + 1, sizeof(*off));
	col = sg_calloc(ih->n, sizeof(*col));
	for (i = 0; i < ih->n; i++) {
		off[i] = hb.len;
		j = hb.len;
		squeeze(&hb, ih->f[i], ih->len[i]);
		/* hb.p is still NULL if the first name trims to nothing */
		rep = alias_apply("-", hb.p != NULL ? hb.p + j : "", hb.len - j,
		    &replen);
		if (rep != NULL) {
			hb.len = j;
			sg_buf_add(&hb, rep, replen);
			free(rep);
		}
		sg_buf_addc(&hb, '\0');
		if (hb.len - 1 == j)
			sg_data_error(sg_reader_file(r), 1, NULL, "a column "
			    "name is empty after trimming", NULL, 0);
	}
	hdr.n = ih->n;
	hdr.f = sg_calloc(ih->n, sizeof(*hdr.f));
	hdr.len = sg_calloc(ih->n, sizeof(*hdr.len));
	/* Through a hash (a million columns); names before the first
	 * duplicate are distinct, so a name's hash index is its column. */
	seen = sg_hash_new();
	for (i = 0; i < ih->n; i++) {
		hdr.f[i] = hb.p + off[i];
		hdr.len[i] = strlen(hdr.f[i]);
		j = (size_t)sg_hash_get(seen, hdr.f[i], hdr.len[i], 1, &isnew);
		if (!isnew) {
			snprintf(what, sizeof(what), "columns %zu and "
			    "%zu are both '%.100s' after cleaning",
			    j + 1, i + 1, hdr.f[i]);
			sg_data_error(sg_reader_file(r), 1, NULL, what,
			    NULL, 0);
		}
	}
	sg_hash_free(seen);
	hdr.line = NULL;
	hdr.linelen = 0;
	for (i = 0; i < naliases; i++) {
		long c;

		if (strcmp(aliases[i].column, "-") == 0)
			continue;
		if ((c = sg_col_find(&hdr, aliases[i].column)) < 0) {
			snprintf(what, sizeof(what), "no column '%.100s' in "
			    "the stream (%s%s)", aliases[i].column,
			    sg_reader_file(r), argc > 1 ? "..." : "");
			sg_data_error(alias_path, aliases[i].line, NULL, what,
			    NULL, 0);
		}
		col[c].alias = 1;
	}
	if (numspec != NULL) {
		nidx = sg_cols_resolve("--number", numspec, &hdr, &idx);
		for (i = 0; i < nidx; i++)
			col[idx[i]].kind = K_NUMBER;
		free(idx);
	}
	if (markspec != NULL) {
		nidx = sg_cols_resolve("--markers", markspec, &hdr, &idx);
		for (i = 0; i < nidx; i++) {
			if (col[idx[i]].kind != K_NUMBER)
				sg_die_usage("--markers: column '%s' is not in "
				    "--number", hdr.f[idx[i]]);
			if (!col[idx[i]].companion)
				ncomp++;
			col[idx[i]].companion = 1;
		}
		free(idx);
	}
	if (datespec != NULL) {
		nidx = sg_cols_resolve("--date", datespec, &hdr, &idx);
		for (i = 0; i < nidx; i++) {
			if (col[idx[i]].kind == K_NUMBER)
				sg_die_usage("--date: column '%s' is in "
				    "--number too", hdr.f[idx[i]]);
			col[idx[i]].kind = K_DATE;
		}
		free(idx);
	}

	/* The header written: each --markers column followed by its
	 * companion, whose name must be new.  The companions' names are
	 * kept in cb and pointed to once it has stopped growing. */
	oname = sg_calloc(hdr.n + ncomp, sizeof(*oname));
	olen = sg_calloc(hdr.n + ncomp, sizeof(*olen));
	for (i = 0, on = 0; i < hdr.n; i++) {
		oname[on] = hdr.f[i];
		olen[on++] = hdr.len[i];
		if (!col[i].companion)
			continue;
		j = cb.len;
		sg_buf_add(&cb, hdr.f[i], hdr.len[i]);
		sg_buf_adds(&cb, "_marker");
		sg_buf_addc(&cb, '\0');
		if (sg_col_find(&hdr, cb.p + j) >= 0)
			sg_die_usage("--markers: the stream has a column "
			    "'%s' already", cb.p + j);
		olen[on++] = cb.len - 1 - j;
	}
	for (i = 0, on = 0, j = 0; i < hdr.n; i++) {
		on++;
		if (col[i].companion) {
			oname[on] = cb.p + j;
			j += olen[on++] + 1;
		}
	}
	w = sg_writer_open(common.output, common.gzip);
	sg_write_record(w, oname, olen, on);
	if (rejpath != NULL)
		rj = sg_reject_open(rejpath, &hdr);

	free(off);
	/* Each value of a row is where it lies: in the record itself when
	 * cleaning leaves it as it is (most values), else in b. */
	off = sg_calloc(ih->n + 1, sizeof(*off));
	vp = sg_calloc(ih->n + 1, sizeof(*vp));
	vl = sg_calloc(ih->n + 1, sizeof(*vl));
	touched = sg_calloc(ih->n + 1, sizeof(*touched));
	mkv = sg_calloc(ih->n + 1, sizeof(*mkv));
	rowcnt = sg_calloc(ih->n + 1, sizeof(*rowcnt));
	for (i = 0; i < nmarkers; i++) {
		unsigned char c = (unsigned char)markers[i].text[0];

		if (c != '\0') {
			mfirst[tolower(c)] = 1;
			mfirst[toupper(c)] = 1;
		}
	}
	while (sg_read(r, &rec)) {
		long cnt[R_NRULES];

		ntouched = 0;
		anyb = 0;
		/* Most lines have no space to trim or collapse: one look at
		 * the whole line spares a look at each value. */
		spaces = rec.line == NULL ||
		    memchr(rec.line, ' ', rec.linelen) != NULL ||
		    memchr(rec.line, 0xC2, rec.linelen) != NULL;

		nrows++;
		b.len = 0;
		bad = 0;
		for (i = 0; i < rec.n && !bad; i++) {
			const char *v;
			size_t vn;
			int inb = 0;

			/* Only the text rules (R_SPACE, R_ALIAS) are zeroed
			 * now: most values are text. */
			cnt[R_SPACE] = cnt[R_ALIAS] = 0;
			nrules = R_ALIAS + 1;
			off[i] = b.len;
			mkv[i] = 0;
			v = rec.f[i];
			vn = rec.len[i];
			if (spaces && needs_squeeze(v, vn)) {
				squeeze(&b, v, vn);
				cnt[R_SPACE]++;
				inb = 1;
				v = b.p != NULL ? b.p + off[i] : "";
				vn = b.len - off[i];
			}
			if (col[i].alias && (rep = alias_apply(hdr.f[i], v, vn,
			    &replen)) != NULL) {
				if (replen != vn || memcmp(rep, v, vn) != 0)
					cnt[R_ALIAS]++;
				b.len = off[i];
				sg_buf_add(&b, rep, replen);
				free(rep);
				inb = 1;
				v = b.p + off[i];
				vn = b.len - off[i];
			}
			if (col[i].kind == K_TEXT)
				goto done;
			if (col[i].kind == K_DATE && vn == 0)
				goto done;	/* no date: left empty */
			memset(cnt + nrules, 0, (R_NRULES - nrules) * sizeof(*cnt));
			nrules = R_NRULES;
			sym = vn == 0 || mfirst[(unsigned char)v[0]] ?
			    marker_find(v, vn) : NULL;
			if (sym != NULL) {
				if (vn != strlen(sym) || memcmp(v, sym, vn))
					cnt[R_SYMBOL]++;
				b.len = off[i];
				sg_buf_adds(&b, sym);
				inb = 1;
				goto done;
			}
			if (col[i].kind == K_NUMBER) {
				const char *src = v, *why = "not a number";
				size_t bn = vn;
				enum sg_kind bk = SG_NUM;

				if (plain_number(v, vn))
					goto done;	/* left as it is */
				if (inb) {
					/* It lies where it is rewritten. */
					scratch.len = 0;
					sg_buf_add(&scratch, v, vn);
					src = scratch.p;
				}
				b.len = off[i];
				inb = 1;
				if (vn > 0 && src[vn - 1] == ']' &&
				    strip_brackets(src, &bn, &bk, &mkv[i])) {
					/* A bracketed symbol or marker after a
					 * value, or a marker after a symbol. */
					if (mkv[i] != 0 && !col[i].companion) {
						why = "a marker [e], [p] or [r] "
						    "needs --markers to be kept";
						goto numerr;
					}
					cnt[R_MARKER] += mkv[i] != 0;
					if (bn == 0 && bk == SG_NUM) {
						why = "a marker without a value";
						goto numerr;
					}
					if (bn > 0 && (sym = marker_find(src,
					    bn)) != NULL) {
						struct sg_value sv;

						sg_value_parse(sym, strlen(sym),
						    &sv);
						bk = sg_kind_combine(bk, sv.kind);
					} else if (bn > 0) {
						if (!clean_number(&b, src, bn,
						    cnt))
							goto numerr;
						if (bk == SG_NUM)
							goto done;
						/* The number beside a symbol
						 * is dropped: sg(7). */
						b.len = off[i];
					}
					cnt[R_SYMBOL]++;
					sg_buf_adds(&b, sg_kind_symbol(bk));
					goto done;
				}
				if (clean_number(&b, src, vn, cnt))
					goto done;
numerr:
				mkv[i] = 0;
				bad = 1;
				sg_fmt_error(reason, sizeof(reason),
				    sg_reader_file(r), sg_reader_line(r),
				    hdr.f[i], why, src, vn);
				if (rj == NULL)
					sg_data_error(sg_reader_file(r),
					    sg_reader_line(r), hdr.f[i], why,
					    src, vn);
				goto done;
			}
			/* A date: one in ISO already (most, in a pipeline) is
			 * left as it is. */
			if (vn == 10 && iso_shape(v) &&
			    memcmp(v, "1900-01-01", 10) != 0 &&
			    sg_date_parse_iso(v, 10, &days))
				goto done;
			dk = parse_date(v, vn, &days);
			if (dk == 1) {
				sg_date_fmt(days, datebuf);
				if (strcmp(datebuf, "1900-01-01") == 0)
					strcpy(datebuf, "x");
				if (vn == strlen(datebuf) &&
				    memcmp(v, datebuf, vn) == 0)
					goto done;	/* ISO already */
				cnt[R_DATE]++;
				b.len = off[i];
				sg_buf_adds(&b, datebuf);
				inb = 1;
				goto done;
			}
			snprintf(what, sizeof(what), "%s", dk == -1 ?
			    "not a date (month-first dates are refused: "
			    "write dd/mm/yyyy or ISO)" :
			    "not a date (dd/mm/yyyy, d Mon yyyy, ISO or an "
			    "Excel serial number)");
			bad = 1;
			sg_fmt_error(reason, sizeof(reason), sg_reader_file(r),
			    sg_reader_line(r), hdr.f[i], what, v, vn);
			if (rj == NULL)
				sg_data_error(sg_reader_file(r),
				    sg_reader_line(r), hdr.f[i], what, v, vn);
done:
			if (inb) {
				anyb = 1;
				vp[i] = NULL;
				vl[i] = b.len - off[i];
			} else {
				vp[i] = v;
				vl[i] = vn;
			}
			/* The counts matter only to --report. */
			for (j = 0; report && j < nrules; j++)
				if (cnt[j] != 0)
					break;
			if (report && j < nrules) {
				memset(cnt + nrules, 0,
				    (R_NRULES - nrules) * sizeof(*cnt));
				memcpy(rowcnt[i], cnt, sizeof(cnt));
				touched[ntouched++] = i;
			}
		}
		if (bad) {
			sg_reject_row(rj, &rec, reason);
			continue;
		}
		/* Counts are kept only for rows that are written. */
		for (k = 0; k < ntouched; k++)
			for (j = 0; j < R_NRULES; j++)
				col[touched[k]].cnt[j] += rowcnt[touched[k]][j];
		if (!anyb && rec.line != NULL && ncomp == 0) {
			/* Nothing changed: the line as read, its TABs put
			 * back where the reader split it. */
			char **f = rec.f;
			const size_t *len = rec.len;
			size_t nf = rec.n;

			for (i = 0; i + 1 < nf; i++)
				f[i][len[i]] = '\t';
			sg_write(w, rec.line, rec.linelen);
		} else
			for (i = 0; i < rec.n; i++) {
				sg_write_field(w, vp[i] != NULL ? vp[i] :
				    b.p + off[i], vl[i], i == 0);
				if (col[i].companion)
					sg_write_field(w, marker_text[mkv[i]],
					    strlen(marker_text[mkv[i]]), 0);
			}
		sg_write_eol(w);
	}
	if (report) {
		for (i = 0; i < hdr.n; i++)
			for (j = 0; j < R_NRULES; j++)
				if (col[i].cnt[j] > 0)
					sg_warn("report: %s: %s: %ld", hdr.f[i],
					    rule_names[j], col[i].cnt[j]);
		sg_warn("report: %ld row%s read", nrows, nrows == 1 ? "" :
		    "s");
	}
	sg_reject_close(rj);
	sg_writer_close(w);
	sg_reader_close(r);
	sg_buf_free(&b);
	sg_buf_free(&hb);
	free(rowcnt);
	free(off);
	free(vp);
	free(vl);
	free(touched);
	free(mkv);
	free(oname);
	free(olen);
	sg_buf_free(&cb);
	sg_buf_free(&scratch);
	free(col);
	free(hdr.f);
	free(hdr.len);
	return SG_EXIT_OK;
}
