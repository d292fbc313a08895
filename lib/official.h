/*
 * official.h: reading the official files a partnership compares itself
 * with (DfE and ONS tidy data, DfE's statistical neighbour model) as they
 * are published, and the symbols they use.
 */
#ifndef SG_OFFICIAL_H
#define SG_OFFICIAL_H

#include "sg.h"

/* A small table read whole: a side file of a tool (the population
 * estimates, the neighbours), not the stream. */
struct sg_table {
	const char	*path;
	char		**name;		/* the header's column names */
	size_t		  ncols;
	char		**cell;		/* nrows x ncols, row by row */
	long		 *line;		/* each row's line in the file */
	size_t		  nrows;
	struct sg_arena	 *arena;
};

/*
 * Reads path (gzip-transparent, a UTF-8 BOM removed): the sg stream when
 * its first line holds a TAB, otherwise CSV as DfE publishes it (commas,
 * fields in double quotes with "" for a quote).  A row with more or fewer
 * fields than the header, a quoted field left open at the end of its
 * line, or a NUL byte, is a data error naming the file and line.  Empty
 * lines are skipped.
 */
struct sg_table *sg_table_read(const char *path);
/* Index of the column named name, or -1. */
long	 sg_table_col(const struct sg_table *t, const char *name);
static inline const char *
sg_table_get(const struct sg_table *t, size_t row, size_t col)
{
	return t->cell[row * t->ncols + col];
}
void	 sg_table_free(struct sg_table *t);

/*
 * 1 if s[0..n) is a symbol: one of man/sg.7's (x z c low, and the empty
 * value, which reads as x) or one of DfE's and the GSS's (u, and the
 * bracketed [c] [x] [z] [u] [low]).  A symbol is never a number.
 */
int	 sg_is_symbol(const char *s, size_t n);

#endif /* SG_OFFICIAL_H */
