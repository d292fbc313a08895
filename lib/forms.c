/*
 * forms.c: the forms agencies write values in, read for sg-clean(1):
 * spaces to trim, the bracketed markers of official statistics,
 * report-style plain numbers, and the date forms of reports and
 * spreadsheets; and a report's numbers as sg-check(1) reads and words
 * them.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "sg.h"
#include "forms.h"
#include "measure.h"

int
sg_squeeze(struct sg_buf *b, const char *s, size_t n)
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

int
sg_needs_squeeze(const char *s, size_t n)
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

int
sg_strip_brackets(const char *s, size_t *n, enum sg_kind *kind, int *mk)
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
			case 'e': k = SG_NUM; *mk |= SG_MK_E; break;
			case 'p': k = SG_NUM; *mk |= SG_MK_P; break;
			case 'r': k = SG_NUM; *mk |= SG_MK_R; break;
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

int
sg_plain_number(const char *s, size_t n)
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

static const char *const months[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

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

int
sg_date_parse_form(const char *s, size_t n, long *days)
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

enum sg_kind
sg_report_parse(const char *s, size_t n, struct sg_report_num *v)
{
	char buf[80];		/* a longer number is not read */
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


void
sg_report_words(struct sg_buf *b, const char *s, size_t n)
{
	/* The symbols in words; u is quoted as any other text. */
	static const char *const words[SG_BAD] = {
		[SG_LOW] = "low", [SG_Z] = "not applicable",
		[SG_X] = "not available", [SG_C] = "suppressed"
	};
	struct sg_report_num v;
	struct sg_value sv;
	size_t i, ilen, start;
	const char *dot;
	enum sg_kind k = n == 0 ? SG_X : sg_report_parse(s, n, &v);

	if (k != SG_NUM && k != SG_BAD && words[k] != NULL) {
		sg_buf_adds(b, words[k]);
		return;
	}
	if (k != SG_NUM) {
		/* Not a number: quoted, cut to 40 bytes at a character. */
		sg_buf_addc(b, '\'');
		for (i = n > 40 ? 40 : n; i < n && ((unsigned char)s[i] &
		    0xC0) == 0x80; i--)
			;
		sg_buf_add(b, s, i);
		if (i < n)
			sg_buf_adds(b, "...");
		sg_buf_addc(b, '\'');
		return;
	}
	if (sg_value_parse(s, n, &sv) != SG_NUM) {
		/* A report's form (1,043  +7  58.4%): as it is shown. */
		sg_buf_add(b, s, n);
		return;
	}
	start = s[0] == '-' ? 1 : 0;
	dot = memchr(s, '.', n);
	ilen = (dot != NULL ? (size_t)(dot - s) : n) - start;
	sg_buf_add(b, s, start);
	for (i = 0; i < ilen; i++) {
		if (i > 0 && (ilen - i) % 3 == 0)
			sg_buf_addc(b, ',');
		sg_buf_addc(b, s[start + i]);
	}
	sg_buf_add(b, s + start + ilen, n - start - ilen);
}
