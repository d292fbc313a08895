/*
 * official.c: side tables read whole (CSV as DfE publishes it, or the sg
 * stream) and the symbols of official statistics.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "official.h"

struct loader {
	struct sg_table	*t;
	int		 tsv;
	struct sg_buf	 cells;		/* char * pointers, as bytes */
	struct sg_buf	 lines;		/* long line numbers, as bytes */
	char		**f;		/* the fields of the current line */
	size_t		 nf, capf;
};

static void
add_field(struct loader *ld, char *s, size_t n)
{
	if (ld->nf == ld->capf) {
		ld->capf = ld->capf ? 2 * ld->capf : 16;
		ld->f = sg_realloc(ld->f, ld->capf * sizeof(*ld->f));
	}
	ld->f[ld->nf++] = sg_arena_strndup(ld->t->arena, s, n);
}

/* Splits a TSV line (the stream's escapes undone). */
static void
split_tsv(struct loader *ld, char *s)
{
	char *tab;

	for (;;) {
		tab = strchr(s, '\t');
		if (tab != NULL)
			*tab = '\0';
		add_field(ld, s, sg_unescape(s, strlen(s)));
		if (tab == NULL)
			break;
		s = tab + 1;
	}
}

/* Splits a CSV line in place; returns 0 if a quote is left open. */
static int
split_csv(struct loader *ld, char *s)
{
	char *out, *start;

	for (;;) {
		start = out = s;
		if (*s == '"') {
			for (s++;; s++) {
				if (*s == '\0')
					return 0;
				if (*s == '"' && s[1] == '"')
					s++;
				else if (*s == '"') {
					s++;
					break;
				}
				*out++ = *s;
			}
		}
		while (*s != '\0' && *s != ',')
			*out++ = *s++;
		add_field(ld, start, (size_t)(out - start));
		if (*s == '\0')
			return 1;
		s++;
	}
}

static void
each_line(char *line, long lineno, struct loader *ld)
{
	struct sg_table *t = ld->t;
	char num[32];

	if (*line == '\0')
		return;
	if (t->name == NULL)
		ld->tsv = strchr(line, '\t') != NULL;
	ld->nf = 0;
	if (ld->tsv)
		split_tsv(ld, line);
	else if (!split_csv(ld, line))
		sg_data_error(t->path, lineno, NULL, "a quoted field is not "
		    "closed on its line", NULL, 0);
	if (t->name == NULL) {
		t->ncols = ld->nf;
		t->name = sg_arena_alloc(t->arena, ld->nf * sizeof(char *));
		memcpy(t->name, ld->f, ld->nf * sizeof(char *));
		return;
	}
	if (ld->nf != t->ncols) {
		snprintf(num, sizeof(num), "%zu", ld->nf);
		sg_data_error(t->path, lineno, NULL, t->ncols > ld->nf ?
		    "too few fields for the header" :
		    "too many fields for the header", num, strlen(num));
	}
	sg_buf_add(&ld->cells, ld->f, ld->nf * sizeof(char *));
	sg_buf_add(&ld->lines, &lineno, sizeof(lineno));
	t->nrows++;
}

/* The whole file, or a data error at the line of a NUL byte (which
 * would cut a value short without a word). */
static void
slurp(const char *path, struct sg_buf *b)
{
	struct sg_input *in = sg_input_open(path);
	char tmp[65536], *nul, *p;
	size_t n;
	long line = 1;

	while ((n = sg_input_read(in, tmp, sizeof(tmp))) > 0)
		sg_buf_add(b, tmp, n);
	sg_input_close(in);
	if (b->p == NULL || (nul = memchr(b->p, '\0', b->len)) == NULL)
		return;
	for (p = b->p; p < nul; p++)
		line += *p == '\n';
	sg_data_error(path, line, NULL, "a NUL byte", NULL, 0);
}

/* The bytes of b, moved into the table's arena. */
static void *
keep(struct sg_table *t, struct sg_buf *b)
{
	void *p = sg_arena_alloc(t->arena, b->len);

	if (b->len > 0)
		memcpy(p, b->p, b->len);
	sg_buf_free(b);
	return p;
}

/* The table lives in its arena alone, so that freeing it is one call. */
struct sg_table *
sg_table_read(const char *path)
{
	struct loader ld;
	struct sg_arena *arena = sg_arena_new();
	struct sg_table *t = sg_arena_alloc(arena, sizeof(*t));
	struct sg_buf b = { NULL, 0, 0 };
	char *s, *e, *nl, *end;
	long ln = 0;

	memset(&ld, 0, sizeof(ld));
	memset(t, 0, sizeof(*t));
	ld.t = t;
	t->path = path;
	t->arena = arena;
	slurp(path, &b);
	s = b.p;
	end = b.p + b.len;
	if (b.len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	for (; s != NULL && s < end; s = nl) {
		nl = memchr(s, '\n', (size_t)(end - s));
		e = nl != NULL ? nl : end;
		nl = nl != NULL ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		*e = '\0';
		each_line(s, ++ln, &ld);
	}
	sg_buf_free(&b);
	if (t->name == NULL)
		sg_data_error(path, 1, NULL, "no header", NULL, 0);
	t->cell = keep(t, &ld.cells);
	t->line = keep(t, &ld.lines);
	free(ld.f);
	return t;
}

long
sg_table_col(const struct sg_table *t, const char *name)
{
	return sg_name_find(t->name, t->ncols, name);
}

void
sg_table_free(struct sg_table *t)
{
	if (t != NULL)
		sg_arena_free(t->arena);
}

int
sg_is_symbol(const char *s, size_t n)
{
	struct sg_value v;
	enum sg_kind k;

	/* The symbols are value.c's (man/sg.7); a published file may also
	 * write them in the GSS's brackets, "[c]". */
	if (n >= 3 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	k = sg_value_parse(s, n, &v);
	return k != SG_NUM && k != SG_BAD;
}
