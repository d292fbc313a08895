/*
 * render.h: the board-ready table of sg-render (man/sg-render.1), one
 * module a format (render/text.c, md.c, html.c, csv.c) over a shared
 * context: what the command line asked, the columns as the header gave
 * them, and the streams.  render/display.c holds what every format
 * shares: the display rules of numbers and symbols, the RAG ratings and
 * their key, the columns.
 */
#ifndef SG_RENDER_H
#define SG_RENDER_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "sg.h"
#include "markup.h"

enum sg_render_format {
	SG_RENDER_TEXT, SG_RENDER_MD, SG_RENDER_HTML, SG_RENDER_CSV,
	SG_RENDER_XLSX, SG_RENDER_ODS
};

/* The ratings of sg-rag, in key order: R A G B, then "no rating". */
#define SG_NRAG	5
extern const char sg_rag_letters[SG_NRAG];
extern const char *const sg_rag_names[SG_NRAG];
/* ANSI colours of R A G B in text on a terminal (none for no rating). */
extern const char *const sg_rag_ansi[SG_NRAG];

/* The style sheet of the html output (render/html.c), for -E. */
extern const char sg_render_css[];
extern const char sg_render_page_portrait[];

struct sg_render_col {
	int	 shown;		/* 0 for a companion X.rag */
	long	 rag;		/* index of the X.rag companion, or -1; -2 for
				 * a companion csv writes as it is */
	int	 thousands, sign, pct;
	int	 dp;		/* -1: as written */
	int	 right;		/* numbers: right-aligned */
	int	 label;		/* the row header: symbols kept as written */
};

struct sg_render {
	/* What the command line asks. */
	enum sg_render_format fmt;
	const char	*title, *caption;
	const char	**notes;
	size_t		 nnotes;
	const char	*show[SG_BAD];	/* a symbol's display text */
	int		 show_given[SG_BAD];
	int		 csv_display, csv_raw;	/* --display, --raw */
	int		 fragment, landscape, bom, nokey, color;
	const char	*key_text[SG_NRAG];	/* the RAG key's lines */
	int		 key_order[SG_NRAG], nkey;
	int		 key_read;		/* key_text is ours (-k) */

	/* The table's columns, from its header. */
	struct sg_render_col *cols;
	size_t		 ncols, nshown, first_shown;
	int		 any_rag;

	/* The streams, and buffers for a cell's text. */
	char		**files;
	int		 nfiles;
	struct sg_reader *r;
	const struct sg_record *hdr;
	struct sg_writer *w;
	struct sg_buf	 disp, tmp;

	/* text: whether the input can be read twice (render/spool.c). */
	int		 twice;
	struct stat	*st;
	off_t		 stdin_off;
};

/* Whether s[0..n) is digits, maybe with a point and more digits: a
 * number as sg_value_parse() reads it. */
static inline int
sg_plain_digits(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == n)
		return 1;
	if (i == 0 || s[i] != '.' || i + 1 == n)
		return 0;
	for (i++; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* display.c */
void	 sg_render_init(struct sg_render *x);
void	 sg_render_free(struct sg_render *x);
int	 sg_render_value(const struct sg_render *x,
	    const struct sg_render_col *c, char *s, size_t n,
	    struct sg_buf *out);
int	 sg_render_rating(struct sg_reader *r, const struct sg_record *hdr,
	    size_t col, const char *s, size_t n);
/* The rating of column i's cell in rec (checked), or -1 for none: inline,
 * as it is asked per cell. */
static inline int
sg_render_cell_rating(const struct sg_render *x, size_t i,
    const struct sg_record *rec)
{
	long k = x->cols[i].rag;

	if (k < 0)
		return -1;
	if (rec->len[k] == 1)
		switch (rec->f[k][0]) {
		case 'R': return 0;
		case 'A': return 1;
		case 'G': return 2;
		case 'B': return 3;
		case 'x': return 4;
		}
	return sg_render_rating(x->r, x->hdr, (size_t)k, rec->f[k],
	    rec->len[k]);
}
void	 sg_render_read_key(struct sg_render *x, const char *path);
void	 sg_render_columns(struct sg_render *x);
void	 sg_render_set_cols(struct sg_render *x, const char *opt,
	    const char *spec, int which, int dp);
/* A format that streams (md, html): its start (title, caption), its
 * header, each row (row_open, cell() for each shown cell, its text in
 * x->disp, num 1 for a number or symbol, rg its rating or -1, then
 * row_close), and its end (notes, key). */
struct sg_render_parts {
	void	(*start)(struct sg_render *x);
	void	(*header)(struct sg_render *x);
	const char *row_open;
	void	(*cell)(struct sg_render *x, size_t i, int num, int rg);
	const char *row_close;
	void	(*end)(struct sg_render *x);
};
void	 sg_render_stream(struct sg_render *x,
	    const struct sg_render_parts *f);
void	 sg_render_key(struct sg_render *x, const char *head,
	    void (*item)(struct sg_render *x, int j), const char *tail);
/* Appends a stream value with its escapes undone (the record is kept):
 * inline, as csv asks it per cell of a companion column. */
static inline void
sg_render_add_unescaped(struct sg_buf *b, const char *s, size_t n)
{
	size_t start = b->len;

	sg_buf_add(b, s, n);
	if (n > 0)
		b->len = start + sg_unescape(b->p + start, n);
}
void	 sg_render_put(struct sg_render *x, const char *s, size_t n,
	    enum sg_markup f);
void	 sg_render_put_str(struct sg_render *x, const char *s,
	    enum sg_markup f);
void	 sg_render_put_name(struct sg_render *x, const char *s,
	    enum sg_markup f);

/* The formats: each writes the whole table from x->r to x->w. */
void	 sg_render_text(struct sg_render *x);
void	 sg_render_md(struct sg_render *x);
void	 sg_render_html(struct sg_render *x);
void	 sg_render_csv(struct sg_render *x);

/* spool.c: whether the inputs can be read twice, before they are opened. */
void	 sg_render_text_inputs(struct sg_render *x);

#endif /* SG_RENDER_H */
