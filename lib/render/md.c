/*
 * md.c: sg-render -f md, a Markdown pipe table with the rating in bold
 * after a rated cell (man/sg-render.1).  It streams: one record at a
 * time.
 */
#include "config.h"

#include "sg.h"
#include "render/render.h"

static void
md_start(struct sg_render *x)
{
	if (x->title != NULL) {
		sg_write_str(x->w, "## ");
		sg_render_put_str(x, x->title, SG_MARKUP_MD);
		sg_write_str(x->w, "\n\n");
	}
	if (x->caption != NULL) {
		sg_render_put_str(x, x->caption, SG_MARKUP_MD);
		sg_write_str(x->w, "\n\n");
	}
}

static void
md_header(struct sg_render *x)
{
	struct sg_writer *w = x->w;
	size_t i;

	sg_write_char(w, '|');
	for (i = 0; i < x->ncols; i++)
		if (x->cols[i].shown) {
			sg_write_char(w, ' ');
			sg_render_put_name(x, x->hdr->f[i], SG_MARKUP_MD);
			sg_write_str(w, " |");
		}
	sg_write_str(w, "\n|");
	for (i = 0; i < x->ncols; i++)
		if (x->cols[i].shown)
			sg_write_str(w, x->cols[i].right ? " ---: |" :
			    " --- |");
	sg_write_char(w, '\n');
}

static void
md_cell(struct sg_render *x, size_t i, int num, int rg)
{
	(void)i;
	(void)num;
	sg_write_char(x->w, ' ');
	sg_render_put(x, x->disp.p, x->disp.len, SG_MARKUP_MD);
	if (rg >= 0 && rg < 4) {
		sg_write_str(x->w, " **");
		sg_write_char(x->w, sg_rag_letters[rg]);
		sg_write_str(x->w, "**");
	}
	sg_write_str(x->w, " |");
}

static void
md_key_item(struct sg_render *x, int j)
{
	sg_write_str(x->w, "- ");
	if (j < 4) {
		sg_write_str(x->w, "**");
		sg_write_char(x->w, sg_rag_letters[j]);
		sg_write_str(x->w, "** ");
	}
	sg_render_put_str(x, x->key_text[j], SG_MARKUP_MD);
	sg_write_char(x->w, '\n');
}

static void
md_end(struct sg_render *x)
{
	size_t i;

	for (i = 0; i < x->nnotes; i++) {
		sg_write_char(x->w, '\n');
		sg_render_put_str(x, x->notes[i], SG_MARKUP_MD);
		sg_write_char(x->w, '\n');
	}
	sg_render_key(x, "\nKey:\n\n", md_key_item, "");
}

static const struct sg_render_parts md = {
	md_start, md_header, "|", md_cell, "\n", md_end
};

void
sg_render_md(struct sg_render *x)
{
	sg_render_stream(x, &md);
}
