/*
 * measure.h: formulas over columns, for the tools that compute and check
 * measures (sg-rate, sg-check).  The exact decimals they work in are in
 * dec.h (included by sg.h).
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

#endif /* SG_MEASURE_H */
