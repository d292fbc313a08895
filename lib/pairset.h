/*
 * pairset.h: a set of (slot, value index) pairs packed in 64-bit words,
 * open addressing with linear probing: slot + 1 in bits 32-62 (so no pair
 * is 0, the empty mark), the value index in bits 0-31, and bit 63 set once
 * the pair was seen in a second row.  sg-agg's distinct and repeat counts
 * per group.
 */
#ifndef SG_PAIRSET_H
#define SG_PAIRSET_H

#include <stddef.h>
#include <stdint.h>

struct sg_pairset {
	uint64_t	*s;
	size_t		 mask;
	size_t		 n;
	int		 shift;
};

/* Adds (slot, vid): returns 0 if new, 1 if it was there from one row (and
 * marks it if mark != 0), 2 if it was marked already.  An empty set is
 * all zeros. */
int	 sg_pairset_add(struct sg_pairset *p, size_t slot, uint32_t vid,
	    int mark);
void	 sg_pairset_free(struct sg_pairset *p);

#endif
