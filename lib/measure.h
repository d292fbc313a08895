/*
 * measure.h: helpers shared by the tools that compute and check measures
 * (sg-rate, sg-check): formulas over columns and exact decimals as text.
 */
#ifndef SG_MEASURE_H
#define SG_MEASURE_H

#include "sg.h"

/*
 * Splits spec at the separator sep into column references (names or
 * 1-based numbers) and resolves them against header.  Column names may
 * themselves hold sep: at each place the longest run of pieces that names
 * a column is taken.  An empty piece or an unknown column is a usage error
 * naming opt (and listing the columns).  Returns the number of columns
 * stored in *idx (newly allocated, 0-based indices).
 */
size_t	 sg_cols_split(const char *opt, const char *spec, int sep,
	    const struct sg_record *header, size_t **idx);

/*
 * Prints d exactly, with exactly its scale's decimal places ("104",
 * "-0.50"); negative zero prints as "0".  buf holds at least SG_NUMBUF
 * bytes.  Returns the length.
 */
size_t	 sg_dec_fmt(sg_dec d, char *buf);

/* |d|. */
sg_dec	 sg_dec_abs(sg_dec d);

/*
 * 1 if d is small enough for exact work: |mantissa| < 10^18, so that it
 * can be brought to any scale up to 18 and 64 such values added without
 * overflowing 128 bits.  Longer numbers are worked in double instead.
 */
int	 sg_dec_fits(sg_dec d);

/*
 * Reads a value as sg_value_parse() does, and a number also as an exact
 * decimal: *exact is set when *d holds it and sg_dec_fits() it.  Faster
 * than sg_value_parse() plus sg_dec_parse() (the double is the same,
 * correctly rounded).
 */
enum sg_kind sg_value_parse_dec(const char *s, size_t n, struct sg_value *v,
	    sg_dec *d, int *exact);

/*
 * Prints num x mul / den rounded to dp places by the one rule (15
 * significant digits, then halves away from zero), exactly, in integers.
 * Returns the length, or 0 when it cannot decide exactly (a divisor of
 * 0, numbers too long, or a quotient so close to a half beyond the 15th
 * digit that the rule's first step matters): the caller then computes in
 * double and uses sg_fmt_num().
 */
size_t	 sg_fmt_ratio(sg_dec num, sg_dec mul, sg_dec den, int dp, char *buf);

#endif /* SG_MEASURE_H */
