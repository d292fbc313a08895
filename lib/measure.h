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

#endif /* SG_MEASURE_H */
