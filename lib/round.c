/*
 * round.c: the one rounding rule (sg(7), "Values").  A value is first
 * taken to 15 significant digits, as a decimal string, and then rounded
 * half away from zero on those decimal digits, so binary noise never
 * decides a half: 2.675 (2.67499999999999982...) to 2 places is 2.68, as Excel's
 * ROUND and DfE's published figures give.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

/* Decimal digits of a value: D[0].D[1]D[2]... x 10^e. */
struct digits {
	char	d[32];
	int	n;	/* number of digits */
	int	e;	/* exponent of d[0] */
	int	neg;
};

static void
to_digits(double v, struct digits *g)
{
	char tmp[40], *p, *ep;
	int i;

	g->neg = signbit(v) != 0;
	if (v == 0) {
		g->d[0] = '0';
		g->n = 1;
		g->e = 0;
		return;
	}
	snprintf(tmp, sizeof(tmp), "%.14e", fabs(v));
	p = tmp;
	g->n = 0;
	for (i = 0; p[i] != 'e'; i++)
		if (p[i] != '.')
			g->d[g->n++] = p[i];
	g->e = (int)strtol(p + i + 1, &ep, 10);
}

/* Rounds g half away from zero to dp decimal places (dp may be < 0). */
static void
round_digits(struct digits *g, int dp)
{
	int keep = g->e + dp + 1, k;

	if (keep >= g->n)
		return;
	if (keep < 0) {
		g->d[0] = '0';
		g->n = 1;
		g->e = 0;
		return;
	}
	if (g->d[keep] >= '5') {
		for (k = keep - 1; k >= 0; k--) {
			if (g->d[k] < '9') {
				g->d[k]++;
				break;
			}
			g->d[k] = '0';
		}
		if (k < 0) {
			/* Carried past the first digit: 99.5 -> 100. */
			memmove(g->d + 1, g->d, (size_t)keep);
			g->d[0] = '1';
			keep++;
			g->e++;
		}
	}
	g->n = keep;
	if (g->n == 0) {
		g->d[0] = '0';
		g->n = 1;
		g->e = 0;
	}
}

static int
is_zero(const struct digits *g)
{
	int i;

	for (i = 0; i < g->n; i++)
		if (g->d[i] != '0')
			return 0;
	return 1;
}

/* Digit at decimal position pos (10^pos), '0' outside the digits. */
static char
digit_at(const struct digits *g, int pos)
{
	int k = g->e - pos;

	return k >= 0 && k < g->n ? g->d[k] : '0';
}

/* Writes g with exactly dp places, or (dp < 0) as few as it needs. */
static size_t
print_digits(const struct digits *g, int dp, char *buf)
{
	size_t len = 0;
	int pos, last;

	if (g->neg && !is_zero(g))
		buf[len++] = '-';
	for (pos = g->e > 0 ? g->e : 0; pos >= 0; pos--)
		buf[len++] = digit_at(g, pos);
	if (dp < 0) {
		/* The lowest position holding a non-zero digit. */
		last = 0;
		for (pos = g->e - g->n + 1; pos < 0; pos++)
			if (digit_at(g, pos) != '0') {
				last = pos;
				break;
			}
		dp = -last;
	}
	if (dp > 0) {
		buf[len++] = '.';
		for (pos = -1; pos >= -dp; pos--)
			buf[len++] = digit_at(g, pos);
	}
	buf[len] = '\0';
	return len;
}

/* Enough places for any double and the buffer's size. */
#define MAXDP	330

double
sg_round(double v, int dp)
{
	struct digits g;
	char buf[SG_NUMBUF + 8];
	int need;

	if (!isfinite(v) || v == 0)
		return v;
	if (dp > MAXDP)
		dp = MAXDP;
	to_digits(v, &g);
	round_digits(&g, dp);
	/* Print no more places than the digits hold: 1e308 to 100 places
	 * would not fit in buf, and the zeros change nothing. */
	need = g.n - 1 - g.e;
	if (dp > need)
		dp = need;
	print_digits(&g, dp > 0 ? dp : 0, buf);
	return strtod(buf, NULL);
}

size_t
sg_fmt_num(double v, int dp, char *buf)
{
	struct digits g;

	if (!isfinite(v)) {
		strcpy(buf, "z");
		return 1;
	}
	/* Keep within the buffer: 1e308 has 309 integer digits. */
	if (dp > 15)
		dp = fabs(v) < 1e15 ? (dp > 20 ? 20 : dp) : 15;
	to_digits(v, &g);
	if (dp >= 0)
		round_digits(&g, dp);
	return print_digits(&g, dp, buf);
}
