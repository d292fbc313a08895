/*
 * import.h: sg-import's readers (sg-import(1)).  Every format turns its
 * input into rows for one row sink (sink.c), which checks the header,
 * sets ragged rows aside, escapes the fields for the stream and appends
 * the --add columns.  Text goes through text.c (decoding, the fast path,
 * the reading loop), with csv.c for quoted records and tsv.c for the
 * separator; workbooks (.xlsx, and .ods through lib/xlsx.c) through
 * xlsx.c.  They share one struct sg_import instead of file globals.
 */
#ifndef SG_IMPORT_H
#define SG_IMPORT_H

#include <csv.h>

#include "sg.h"

#define SG_IMPORT_BLOCK	(1u << 20)	/* bytes read at a time */
#define SG_IMPORT_PAD	64		/* slack after buffers for 16-byte loads */
#define SG_IMPORT_FLUSH	(1u << 18)	/* output handed to the writer in chunks */

enum sg_import_format {
	SG_IMPORT_DETECT, SG_IMPORT_CSV, SG_IMPORT_TSV, SG_IMPORT_XLSX
};

struct sgre;
struct sg_reject;
struct sg_input;

/* --map: a header that matches re is renamed name. */
struct sg_import_rule {
	struct sgre	*re;
	char		*name;
};

/* What the command line asks for. */
struct sg_import_settings {
	struct sg_common	 common;
	enum sg_import_format	 format;
	const char		*sheet;		/* --sheet, or NULL */
	int			 list;		/* --list-sheets */
	int			 cp1252;	/* --encoding cp1252 */
	long			 skip;		/* --skip */
	int			 pad;		/* --pad */
	int			 lax;		/* --lax */
	const char		*reject;	/* --reject, or NULL */
	int			 csvfast_off;	/* SG_CSV_PATH=libcsv */
	struct sg_import_rule	*rules;		/* --map */
	size_t			 nrules;
	char			**add_name;	/* --add, in order */
	char			**add_value;
	size_t			 nadd;
};

/* The state of one run: the output stream, then the current file, then
 * the row being assembled. */
struct sg_import {
	const struct sg_import_settings *s;
	struct sg_writer	*w;
	struct sg_reject	*rej;		/* --reject, once the header is known */
	struct sg_buf		 out;		/* output not yet handed to w */
	struct sg_buf		 add_tail;	/* "\tV1\tV2", escaped */
	char			**hdr;		/* the stream's header (escaped) */
	size_t			 nhdr;
	const char		*hdr_file;	/* the file it came from */

	const char		*file;		/* the current file, for messages */
	int			 in_header;	/* its header is still to come */
	size_t			 ncols;		/* its number of input columns */
	int			 xlsx_file;	/* it is a workbook */
	long			 line;		/* physical line being read */
	long			 skip_left;
	unsigned char		 sep;		/* ',' or TAB */
	int			 tsv;

	/*
	 * The row being assembled by the general path: its fields are
	 * written escaped and joined by TABs straight into out, from
	 * row_mark on, and rolled back if the row turns out not to be
	 * output.
	 */
	size_t			 row_mark;
	size_t			*foff, *flen, fcap, nf;	/* escaped fields in out */
	int			 row_nonempty;
	long			 row_line;	/* the line its record began on */
	int			 row_bad;	/* --lax: set aside, for bad */
	struct sg_buf		 bad;		/* why: the first quote error */

	struct csv_parser	 csvp;		/* for records that hold quotes */
	int			 in_csv;	/* a record is open in libcsv */
	long			 quote_line;	/* where the open field began */
	struct sg_buf		 dec;		/* a line decoded from cp1252 */
	struct sg_buf		 msg;		/* a message being made */
	struct sg_buf		 field;		/* a field put together */
};

/* The run (import.c). */
void	 sg_import_init(struct sg_import *ix,
	    const struct sg_import_settings *s);
void	 sg_import_file(struct sg_import *ix, const char *path);
void	 sg_import_fini(struct sg_import *ix);

/* The row sink (sink.c). */
void	 sg_import_flush(struct sg_import *ix);
void	 sg_import_row_reset(struct sg_import *ix);
void	 sg_import_field(struct sg_import *ix, const char *s, size_t n);
void	 sg_import_row_end(struct sg_import *ix);

/* Text (text.c): checks the start of a file, then reads it all. */
void	 sg_import_sniff(struct sg_import *ix, const unsigned char *b,
	    size_t n);
void	 sg_import_text(struct sg_import *ix, struct sg_input *in, char *buf,
	    size_t cap, size_t end);
void	 sg_import_bad_byte(struct sg_import *ix, const char *lstart,
	    const char *p) SG_NORETURN;

/* CSV (csv.c). */
void	 sg_import_csv_init(struct sg_import *ix);
void	 sg_import_csv_line(struct sg_import *ix, const char *d, size_t n,
	    const char *t, size_t tn);
const char *sg_import_quoted_lines(struct sg_import *ix, const char *p,
	    const char *limit);
void	 sg_import_csv_eof(struct sg_import *ix);
void	 sg_import_csv_free(struct sg_import *ix);

/* TSV, and the separator (tsv.c). */
void	 sg_import_split(struct sg_import *ix, const char *s, size_t n);
int	 sg_import_detect_tsv(const struct sg_import *ix, const char *b,
	    size_t n);

/* Workbooks (xlsx.c). */
void	 sg_import_workbook(struct sg_import *ix, struct sg_input *in,
	    char *buf, size_t cap, size_t end);

/* Makes room for n more bytes of output: inline, as the fast path calls
 * it for each 16 bytes. */
static inline void
sg_import_room(struct sg_import *ix, size_t n)
{
	struct sg_buf *o = &ix->out;

	if (o->len + n + SG_IMPORT_PAD > o->cap) {
		while (o->len + n + SG_IMPORT_PAD > o->cap)
			o->cap = o->cap ? o->cap * 2 : 2 * SG_IMPORT_FLUSH;
		o->p = sg_realloc(o->p, o->cap);
	}
}

#endif /* SG_IMPORT_H */
