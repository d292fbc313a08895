/*
 * pairset.c: a set of (slot, value index) pairs (pairset.h).
 */
#include "config.h"

#include <stdlib.h>

#include "sg.h"
#include "pairset.h"

#define TWICE	(1ULL << 63)

static size_t
pair_slot(const struct sg_pairset *p, uint64_t key)
{
	return (size_t)((key * 0x9E3779B97F4A7C15ULL) >> p->shift);
}

static void
pair_grow(struct sg_pairset *p)
{
	struct sg_pairset np;
	size_t i, j;

	np.mask = p->s == NULL ? 1023 : p->mask * 2 + 1;
	np.shift = p->s == NULL ? 64 - 10 : p->shift - 1;
	np.n = p->n;
	np.s = sg_calloc(np.mask + 1, sizeof(*np.s));
	for (i = 0; p->s != NULL && i <= p->mask; i++) {
		if (p->s[i] == 0)
			continue;
		j = pair_slot(&np, p->s[i] & ~TWICE);
		while (np.s[j] != 0)
			j = (j + 1) & np.mask;
		np.s[j] = p->s[i];
	}
	free(p->s);
	*p = np;
}

/* Adds (slot, vid): returns 0 if new, 1 if it was there from one row (and
 * marks it if mark != 0), 2 if it was marked already. */
int
sg_pairset_add(struct sg_pairset *p, size_t slot, uint32_t vid, int mark)
{
	uint64_t key = ((uint64_t)(slot + 1) << 32) | vid;
	size_t j;

	if (slot >= (1UL << 31) - 1)
		sg_die("too many groups for distinct or repeat");
	if (p->s == NULL || (p->n + 1) * 2 > p->mask + 1)
		pair_grow(p);
	for (j = pair_slot(p, key);; j = (j + 1) & p->mask) {
		if (p->s[j] == 0) {
			p->s[j] = key;
			p->n++;
			return 0;
		}
		if ((p->s[j] & ~TWICE) == key) {
			if (p->s[j] & TWICE)
				return 2;
			if (mark)
				p->s[j] |= TWICE;
			return 1;
		}
	}
}


void
sg_pairset_free(struct sg_pairset *p)
{
	free(p->s);
	p->s = NULL;
	p->n = 0;
}
