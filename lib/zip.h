/*
 * zip.h: reading the entries of a zip archive held in memory, as the
 * workbooks sg-import reads are (.xlsx, .ods): the central directory is
 * read whole, an entry is inflated with zlib a block at a time, its size
 * and CRC checked, and zip bombs are refused.  Every error prints
 * "sg-TOOL: NAME: what is wrong" and exits 1.
 */
#ifndef SG_ZIP_H
#define SG_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

/* One entry of the zip's central directory. */
struct sg_zentry {
	char		*name;
	unsigned	 flags;
	unsigned	 method;
	uint32_t	 crc;
	uint64_t	 csize;
	uint64_t	 usize;
	uint64_t	 offset;	/* of the local file header */
};

/* A zip archive held in memory, its central directory read. */
struct sg_zip {
	const char		*name;		/* for messages */
	const unsigned char	*data;
	size_t			 len;
	struct sg_zentry	*ent;
	size_t			 nent;
};

/* Reads one entry's data a block at a time, checking size and CRC. */
struct sg_zreader {
	const struct sg_zip	*x;
	const struct sg_zentry	*e;
	const unsigned char	*src;	/* compressed data */
	z_stream		 zs;
	int			 inflating;
	int			 done;
	uint64_t		 pos;	/* stored: bytes handed out */
	uint64_t		 produced;
	uLong			 crc;
	unsigned char		 out[65536];
};

/* Reads the central directory of data[0..len) (which must outlive z);
 * name is for messages. */
void	 sg_zip_open(struct sg_zip *z, const char *name,
	    const unsigned char *data, size_t len);
/* The entry named part (without regard to case or a leading "/"), or
 * NULL. */
const struct sg_zentry *sg_zip_find(const struct sg_zip *z, const char *part);
void	 sg_zip_free(struct sg_zip *z);
/* "NAME: corrupt workbook: PART: WHAT", exit 1 (part may be NULL). */
void	 sg_zip_corrupt(const char *name, const char *what, const char *part)
	    __attribute__((noreturn));

/* Starts reading entry e (refusing encrypted entries and bombs). */
void	 sg_zr_open(struct sg_zreader *r, const struct sg_zip *z,
	    const struct sg_zentry *e);
/* Next block of the entry's data in *out; 0 at the end, where its size
 * and CRC have been checked. */
size_t	 sg_zr_read(struct sg_zreader *r, const unsigned char **out);
void	 sg_zr_close(struct sg_zreader *r);

/* What every workbook format shares. */

/*
 * The index of the sheet named sheet among names[0..n): by its name as
 * written, else without regard to case, else by 1-based number if it is
 * all digits.  An unknown sheet exits 1 listing the sheets.
 */
int	 sg_book_sheet(const char *file, const char *const *names, int n,
	    const char *sheet);
/* A row of n empty cells, in *cells grown to hold them (*cap, its room):
 * the reader then sets the cells the sheet has. */
void	 sg_book_blank_row(char ***cells, size_t *cap, size_t n);
/* Warns about a cell as a spreadsheet names it (col 0-based, row
 * 1-based): "sg-TOOL: FILE: 'Annex A'!C7: WHAT", WHAT formatted. */
void	 sg_book_warn(const char *file, const char *sheet, long col,
	    long row, const char *fmt, ...) SG_PRINTF(5, 6);

#endif /* SG_ZIP_H */
