/*
 * cond.h: row conditions (cond.c).
 */
#ifndef SG_COND_H
#define SG_COND_H

#include <stddef.h>

#include "dec.h"	/* sg_dec: a number in a condition, exactly */

enum sg_cmp { SG_EQ, SG_NE, SG_LT, SG_LE, SG_GT, SG_GE };

struct sg_cond {
	size_t		 col;
	enum sg_cmp	 cmp;
	const char	*val;
	size_t		 len;
	int		 isnum;
	double		 num;
	int		 isdec;		/* dec holds the number exactly */
	sg_dec		 dec;
	int		 issym;		/* val is a symbol of sg(7) */
	int		 newalt;	/* first of an alternative after '|' */
};

struct sg_conds {
	struct sg_cond	*c;
	size_t		 n;
};

struct sg_record;
/* Parses spec (cut in place, kept) against the header; a bad condition
 * or an unknown column is a usage error naming opt. */
void	 sg_conds_parse(const char *opt, char *spec,
	    const struct sg_record *hdr, struct sg_conds *out);
/* 1 if the record passes. */
int	 sg_conds_hold(const struct sg_conds *c, const struct sg_record *rec);
void	 sg_conds_free(struct sg_conds *c);
/* Byte order of a[0..an) and b[0..bn), the shorter first on a tie. */
int	 sg_bytecmp(const char *a, size_t an, const char *b, size_t bn);

#endif
