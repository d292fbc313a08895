/*
 * ooxml.h: what reading an Office Open XML package (ECMA-376) takes
 * beyond its XML: relationships between parts, Excel's escapes in
 * strings and what a cell's number format shows.
 */
#ifndef SG_OOXML_H
#define SG_OOXML_H

#include <stddef.h>

#include "sg.h"
#include "zip.h"

#define SG_OX_NSSEP	':'	/* between a prefix and a local name */

/* A relationship, from a .rels part. */
struct sg_rel {
	char	*id;
	char	*type;		/* last path segment of Type: "worksheet" */
	char	*target;	/* resolved part name */
};

struct sg_rels {
	struct sg_rel	*v;
	size_t		 n;
};

/* Reads the relationships of part (of file, for messages; "" is the
 * package's own) into r, targets resolved; none if it has no .rels. */
void	 sg_rels_read(struct sg_rels *r, const struct sg_zip *z,
	    const char *file, const char *part);
const struct sg_rel *sg_rels_by_type(const struct sg_rels *r,
	    const char *type);
const struct sg_rel *sg_rels_by_id(const struct sg_rels *r, const char *id);
void	 sg_rels_free(struct sg_rels *r);

/*
 * An attribute: with ns == 0 an unprefixed one named exactly name (OOXML's
 * own attributes are in no namespace), with ns != 0 a prefixed one with
 * that local name (r:id, whatever the prefix).
 */
const char *sg_ox_attr(const char **atts, const char *name, int ns);
/* 1 for "1", "true" and "on". */
int	 sg_ox_truthy(const char *v);
/* Whether s[0..n) begins with Excel's escape "_xHHHH_" (four hex
 * digits, either case): what a reader of a string decodes, and so what
 * a writer must escape ('_' as "_x005F_") when the text itself holds it. */
static inline int
sg_ox_is_escape(const char *s, size_t n)
{
	size_t i;

	if (n < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
		return 0;
	for (i = 2; i < 6; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f')))
			return 0;
	return 1;
}
/* Appends s[0..n) undoing Excel's "_xHHHH_" escapes. */
void	 sg_ox_add_string(struct sg_buf *b, const char *s, size_t n);

/* How a cell's number format shows a number. */
enum sg_numkind {
	NK_NUMBER = 0,
	NK_DATE,	/* has a day, month or year: YYYY-MM-DD */
	NK_TIME,	/* time of day only: HH:MM:SS */
	NK_ELAPSED,	/* [h]:mm:ss, elapsed time: hours may pass 24 */
	NK_PERCENT	/* 0.0%: the value times 100 and "%" */
};

/* What the format code shows; what built-in format id shows. */
enum sg_numkind sg_ox_format_kind(const char *code);
enum sg_numkind sg_ox_builtin_kind(long id);

#endif /* SG_OOXML_H */
