/*
 * book.h: a workbook of published tables, as the Government Statistical
 * Service's "Releasing statistics in spreadsheets" asks: a Cover sheet, a
 * Contents sheet with a link to every table, a Notes sheet when there are
 * notes or symbols, and one table per sheet with its title in A1.  Written
 * as .xlsx (libxlsxwriter) or .ods (zipw.c and a small XML writer).
 * man/sg-book.1 says what a reader of the workbook sees.
 */
#ifndef SG_BOOK_H
#define SG_BOOK_H

#include <stddef.h>

enum sg_book_format { SG_BOOK_XLSX, SG_BOOK_ODS };

/* What a column holds, decided from all its cells. */
enum sg_col_kind {
	SG_COL_TEXT,	/* labels: every cell a string as written */
	SG_COL_NUM,	/* numbers and symbols only: numeric cells */
	SG_COL_DATE	/* ISO dates and symbols only: date cells */
};

struct sg_book_col {
	char		*name;
	enum sg_col_kind kind;
	int		 dp;	/* decimals shown: the most any cell has */
	size_t		 width;	/* in characters, header included */
};

/* A cell as it goes into the sheet. */
enum sg_cell_kind { SG_CELL_STR, SG_CELL_NUM, SG_CELL_DATE, SG_CELL_SYM };
struct sg_book_cell {
	enum sg_cell_kind kind;
	const char	*text;	/* the string, the symbol's "[c]", or the
				 * number or date as written */
	size_t		 len;
	double		 num;	/* SG_CELL_NUM */
	int		 y, m, d; /* SG_CELL_DATE */
	int		 sym;	/* SG_CELL_SYM: its enum sg_kind */
};

struct sg_book_table {
	char		*sheet;	/* the sheet's name, 1..31 characters */
	char		*title;	/* its A1 */
	size_t		 ncol;
	size_t		 nrow;	/* data rows, header not counted */
	struct sg_book_col *col;
	char		**cell;	/* nrow * ncol unescaped, NUL-ended */
	size_t		*len;
	int		 symbols;/* a bit per symbol met (SG_C ...) */
};

struct sg_book {
	const char	*title;
	const char	*period;
	const char	*source;
	const char	*contact;
	const char	*profile;	/* the suppression profile, as said */
	int		 y, m, d;	/* the date it was produced */
	const char	**notes;
	size_t		 nnotes;
	struct sg_book_table *t;
	size_t		 nt;
	int		 symbols;	/* every table's, or-ed */
	struct sg_arena	*arena;		/* the cells */
};

/*
 * Reads a table (an sg stream, file or "-") into the book.  title is its
 * A1, sheet its sheet name (NULL: from the file's name).  textcols names
 * columns kept as text whatever they hold ("kpi,code"; NULL for none);
 * the first column, the row labels, always is.  Dies with a message on a
 * bad name or an empty table.
 */
void	 sg_book_add(struct sg_book *b, const char *path, const char *title,
	    const char *sheet, const char *textcols);
/*
 * Why text s[0..n) cannot go into a workbook, or NULL: both formats are
 * XML, which holds Unicode characters only, and not U+FFFE or U+FFFF, so
 * a byte that is not UTF-8 would make a part no reader opens.  (A
 * control character is the writer's matter: .xlsx escapes it, .ods
 * cannot hold it.)
 */
const char *sg_book_bad_text(const char *s, size_t n);
/* Frees what sg_book_add() made (not the strings the caller gave). */
void	 sg_book_free(struct sg_book *b);
/* Cell r (0-based data row), c of table t, classified. */
void	 sg_book_cell(const struct sg_book_table *t, size_t r, size_t c,
	    struct sg_book_cell *out);
/* Writes the book to path through lib's writer (sg.h): atomic, an
 * existing file's mode kept, a new one's from the umask. */
void	 sg_book_write(const struct sg_book *b, const char *path,
	    enum sg_book_format f);

/* A label and its text: a row of the Cover, Contents or Notes sheet. */
struct sg_book_line {
	const char	*label;
	const char	*text;
};

/* One of the sheets before the tables: a title, a line under it, and a
 * two-column table (with links to the sheets for Contents). */
struct sg_book_sheet {
	const char	*name;
	const char	*title;
	const char	*intro;
	const char	*head[2];
	const char	*table;		/* the .xlsx table object's name */
	const struct sg_book_line *l;
	size_t		 n;
	int		 links;
};

/* Cover, Contents and (when there are notes or symbols) Notes, laid out
 * once for both formats. */
struct sg_book_front {
	struct sg_book_sheet s[3];
	size_t		 n;
	struct sg_book_line cover[8];
	struct sg_book_line *contents;
	struct sg_book_line *notes;
	char		 date[16];
	char		(*numbuf)[32];
};
void	 sg_book_front(const struct sg_book *b, struct sg_book_front *f);
void	 sg_book_front_free(struct sg_book_front *f);
/* The line under a table's title (row 2). */
const char *sg_book_subtitle(const struct sg_book_table *t);
/* A number as the sheet shows it (thousands separators, dp decimals),
 * from its text as the stream writes it, into buf (SG_BOOK_NUMBUF bytes):
 * for widths and the .ods cell's text. */
#define SG_BOOK_NUMBUF	96
size_t	 sg_book_fmt_num(const char *s, size_t n, int dp, char *buf);

/* The two writers (render/xlsx.c, render/ods.c), onto lib's writer; the
 * .xlsx is first made in the scratch file tmp (libxlsxwriter wants a
 * name). */
struct sg_writer;
void	 sg_book_write_xlsx(const struct sg_book *b, const char *tmp,
	    struct sg_writer *w, const char *name);
void	 sg_book_write_ods(const struct sg_book *b, struct sg_writer *w,
	    const char *name);

#endif
