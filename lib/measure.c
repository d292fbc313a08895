/*
 * measure.c: formulas over columns.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "measure.h"

size_t
sg_cols_split(const char *opt, const char *spec, int sep,
    const struct sg_record *header, size_t **idx)
{
	size_t np = 1, i, j, k, n = 0, len;
	const char **piece, *p;
	char *name;
	long found;

	for (p = spec; *p != '\0'; p++)
		if (*p == sep)
			np++;
	/* piece[i] starts the i-th piece; piece[np] is one past the end. */
	piece = sg_malloc((np + 1) * sizeof(*piece));
	piece[0] = spec;
	for (p = spec, k = 1; *p != '\0'; p++)
		if (*p == sep)
			piece[k++] = p + 1;
	piece[np] = spec + strlen(spec) + 1;
	*idx = sg_malloc(np * sizeof(**idx));
	for (i = 0; i < np; i = j) {
		/* The longest run of pieces i..j-1 that names a column. */
		for (j = np; j > i; j--) {
			len = (size_t)(piece[j] - piece[i]) - 1;
			name = sg_strndup(piece[i], len);
			found = sg_col_find(header, name);
			free(name);
			if (found >= 0)
				break;
		}
		if (j > i) {
			(*idx)[n++] = (size_t)found;
			continue;
		}
		/* Not a name: a 1-based number, or an error listing them. */
		j = i + 1;
		len = (size_t)(piece[j] - piece[i]) - 1;
		if (len == 0)
			sg_die_usage("%s: empty column name in '%s'", opt, spec);
		name = sg_strndup(piece[i], len);
		(*idx)[n++] = sg_col_resolve(opt, name, header);
		free(name);
	}
	free(piece);
	return n;
}
