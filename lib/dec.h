/*
 * dec.h: exact decimals (dec.c).  Included by sg.h; it needs nothing
 * from it.  (sg_value_parse_dec(), which reads a value and its decimal
 * at once, is declared with the values in sg.h.)
 */
#ifndef SG_DEC_H
#define SG_DEC_H

#include <stddef.h>

/*
 * Exact decimals, for decisions on boundaries (68 against 80 with a 15%
 * tolerance is exactly on the boundary): a value m * 10^-scale with a
 * 128-bit mantissa.  Parsed from the text as written, never through
 * binary floating point.
 */
typedef struct {
	__int128	m;
	int		scale;	/* 0..18 */
} sg_dec;
/* Returns 1 on success (a strict number with at most 18 decimals and
 * 30 digits), 0 otherwise. */
int	 sg_dec_parse(const char *s, size_t n, sg_dec *d);
sg_dec	 sg_dec_from_long(long v);
/* Exact comparisons and arithmetic; results are exact for the sizes
 * found in these tables (up to 38 digits; beyond, the lowest decimals are
 * dropped and a whole number saturates: never an overflow).
 * sg_dec_cmp returns <0, 0, >0 and is always exact. */
int	 sg_dec_cmp(sg_dec a, sg_dec b);
sg_dec	 sg_dec_add(sg_dec a, sg_dec b);
sg_dec	 sg_dec_sub(sg_dec a, sg_dec b);
/* *a - *b, as sg_dec_sub(), with the common case (the same places,
 * mantissas far from overflow) inline, in registers. */
static inline sg_dec
sg_dec_diff(const sg_dec *a, const sg_dec *b)
{
	const __int128 lim = (__int128)1 << 100;
	sg_dec r;

	if (a->scale == b->scale && a->m < lim && a->m > -lim &&
	    b->m < lim && b->m > -lim) {
		r.m = a->m - b->m;
		r.scale = a->scale;
		return r;
	}
	return sg_dec_sub(*a, *b);
}
sg_dec	 sg_dec_mul(sg_dec a, sg_dec b);
int	 sg_dec_sign(sg_dec a);
double	 sg_dec_to_double(sg_dec a);

/* |d|. */
sg_dec	 sg_dec_abs(sg_dec d);
/*
 * 1 if d is small enough for exact work: |mantissa| < 10^18, so that it
 * can be brought to any scale up to 18 and 64 such values added without
 * overflowing 128 bits.  Longer numbers are worked in double instead.
 */
int	 sg_dec_fits(sg_dec d);

/*
 * Prints d exactly, with exactly its scale's decimal places ("104",
 * "-0.50"); negative zero prints as "0".  buf holds at least SG_NUMBUF
 * bytes.  Returns the length.
 */
size_t	 sg_dec_fmt(sg_dec d, char *buf);
/*
 * Prints num x mul / den rounded to dp places by the one rule (15
 * significant digits, then halves away from zero), exactly, in integers.
 * Returns the length, or 0 when it cannot decide exactly (a divisor of
 * 0, numbers too long, or a quotient so close to a half beyond the 15th
 * digit that the rule's first step matters): the caller then computes in
 * double and uses sg_fmt_num().
 */
size_t	 sg_fmt_ratio(sg_dec num, sg_dec mul, sg_dec den, int dp, char *buf);

#endif /* SG_DEC_H */
