/*
 * measure.c: formulas over columns and exact decimals as text.
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

size_t
sg_dec_fmt(sg_dec d, char *buf)
{
	char tmp[48];
	unsigned __int128 m;
	size_t n = 0, len = 0;
	int i;

	m = d.m < 0 ? -(unsigned __int128)d.m : (unsigned __int128)d.m;
	do {
		tmp[n++] = (char)('0' + (int)(m % 10));
		m /= 10;
	} while (m > 0);
	/* At least one digit before the point. */
	while (n <= (size_t)d.scale)
		tmp[n++] = '0';
	if (d.m < 0)
		buf[len++] = '-';
	for (i = (int)n - 1; i >= 0; i--) {
		buf[len++] = tmp[i];
		if (i == d.scale && i > 0)
			buf[len++] = '.';
	}
	buf[len] = '\0';
	return len;
}
