/*
 * text.h: the aligned text table of sg-render, shared by render/text.c
 * (the cells and the lines) and render/spool.c (what is kept between
 * the pass that measures and the pass that writes).
 *
 * The widths must be known before the first line.  Regular files (named,
 * or standard input redirected from one) are read twice: measure, then
 * make each cell again and write it.  Other input is spooled as display
 * text, in memory up to SG_SPOOL_MEM bytes, then in an unlinked temporary
 * file, and read back: memory stays small whatever the size of the table.
 */
#ifndef SG_RENDER_TEXT_H
#define SG_RENDER_TEXT_H

#include <string.h>

#include "render/render.h"

#define SG_SPOOL_MEM	(1u << 20)

/* One cell, held until the widths are known. */
struct tcell {
	char	*s;
	size_t	 n;
	size_t	 w;		/* display width */
	int	 rag;		/* index into sg_rag_letters, or -1 */
};

struct text_table {
	struct sg_render *x;
	struct tcell	*hcells;	/* the header's cells */
	struct sg_arena	*arena;		/* their text, and the arrays */
	size_t		 nrows;		/* with the header */
	struct sg_buf	 spool;		/* rows not yet in the file */
	int		 fd;		/* the spool file, or -1 */
	size_t		*width;		/* per shown column */
	size_t		*vwidth;	/* width of the values (without rating) */
	int		*right;
	int		*hasrag;
	struct tcell	*row;		/* a row read back */
	size_t		*rowoff;
	size_t		*colof;		/* the column shown k-th */
	size_t		 cellroom;	/* line room for empty cells */
	struct sg_buf	 rb;		/* a cell's display text */
	struct sg_buf	 lb;		/* a line */
};

/* The spool read back, one row at a time. */
struct spool_in {
	char	*buf;
	size_t	 cap;
	size_t	 row;		/* where the row being read begins */
	size_t	 start;		/* next byte to read */
	size_t	 end;		/* end of the data in buf */
	int	 fd;		/* the file, until it ends; then -1 */
	const char *memp;	/* then the memory part */
	size_t	 mem;		/* its bytes not yet read */
};

void	 sg_text_spool_flush(struct text_table *t);
void	 sg_text_spool_open(struct text_table *t, struct spool_in *in);
void	 sg_text_spool_row(struct text_table *t, struct spool_in *in);
/* Whether input i is as it was when sg_render_text_inputs() looked. */
int	 sg_text_unchanged(const struct sg_render *x, int i);

/* Appends one cell to the spool: its rating, its lengths, its text. */
static inline void
sg_text_spool_cell(struct text_table *t, const struct tcell *c)
{
	unsigned char h[18];
	size_t hl;

	h[0] = (unsigned char)(c->rag + 1);
	if (c->n < 255 && c->w < 255) {
		h[1] = (unsigned char)c->n;
		h[2] = (unsigned char)c->w;
		hl = 3;
	} else {
		h[1] = 255;
		memcpy(h + 2, &c->n, 8);
		memcpy(h + 10, &c->w, 8);
		hl = 18;
	}
	sg_buf_add(&t->spool, h, hl);
	sg_buf_add(&t->spool, c->s, c->n);
	if (t->spool.len >= SG_SPOOL_MEM)
		sg_text_spool_flush(t);
}

#endif /* SG_RENDER_TEXT_H */
