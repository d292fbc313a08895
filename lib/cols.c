/*
 * cols.c: column lists.  Names are resolved to indices once, from the
 * header; tools then work with indices only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"

long
sg_name_find(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (long)i;
	return -1;
}

long
sg_col_find(const struct sg_record *header, const char *name)
{
	return sg_name_find(header->f, header->n, name);
}

int
sg_cols_has(const size_t *idx, size_t n, size_t col)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (idx[i] == col)
			return 1;
	return 0;
}

static void
unknown(const char *opt, const char *item, const struct sg_record *header)
{
	struct sg_buf b = { 0 };
	size_t i;

	for (i = 0; i < header->n; i++) {
		if (i > 0)
			sg_buf_adds(&b, ", ");
		sg_buf_adds(&b, header->f[i]);
	}
	sg_buf_addc(&b, '\0');
	sg_die_usage("%s: no column '%s'; the columns are: %s", opt, item,
	    b.p);
}

/* A 1-based number within the header, or 0. */
static size_t
colnum(const char *s, size_t n, size_t ncols)
{
	size_t v = 0, i;

	if (n == 0 || n > 9)
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (size_t)(s[i] - '0');
	}
	return v >= 1 && v <= ncols ? v : 0;
}

static int
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

size_t
sg_cols_resolve(const char *opt, const char *spec,
    const struct sg_record *header, size_t **idx)
{
	size_t cap = 8, n = 0, a, b, k;
	const char *p, *comma, *dash;
	char *item;
	long found;

	*idx = sg_malloc(cap * sizeof(**idx));
	found = sg_col_find(header, spec);
	if (found >= 0) {
		(*idx)[0] = (size_t)found;
		return 1;
	}
	if (*spec == '\0')
		sg_die_usage("%s: empty column list", opt);
	for (p = spec;; p = comma + 1) {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		item = sg_strndup(p, (size_t)(comma - p));
		found = sg_col_find(header, item);
		if (found >= 0) {
			a = b = (size_t)found + 1;
		} else if ((a = colnum(item, strlen(item), header->n)) > 0) {
			b = a;
		} else if ((dash = strchr(item, '-')) != NULL &&
		    all_digits(item, (size_t)(dash - item)) &&
		    all_digits(dash + 1, strlen(dash + 1))) {
			a = colnum(item, (size_t)(dash - item), header->n);
			b = colnum(dash + 1, strlen(dash + 1), header->n);
			if (a == 0 || b == 0 || b < a)
				sg_die_usage("%s: bad column range '%s' "
				    "(there are %zu columns)", opt, item,
				    header->n);
		} else {
			unknown(opt, item, header);
		}
		for (k = a; k <= b; k++) {
			if (n == cap) {
				cap *= 2;
				*idx = sg_realloc(*idx, cap * sizeof(**idx));
			}
			(*idx)[n++] = k - 1;
		}
		free(item);
		if (*comma == '\0')
			break;
	}
	return n;
}

size_t
sg_col_resolve(const char *opt, const char *spec,
    const struct sg_record *header)
{
	long found;
	size_t a;

	found = sg_col_find(header, spec);
	if (found >= 0)
		return (size_t)found;
	a = colnum(spec, strlen(spec), header->n);
	if (a > 0)
		return a - 1;
	unknown(opt, spec, header);
	return 0;
}
