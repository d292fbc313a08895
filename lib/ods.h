/*
 * ods.h: reading one sheet of an OpenDocument spreadsheet (.ods) as rows
 * of text, as xlsx.h reads an .xlsx: the same calls, the same values.
 *
 * The file is held in memory whole (its zip read by zip.c); content.xml
 * is inflated and parsed a block at a time, so only one row is held
 * beyond the file itself.  Needs zlib and expat.
 */
#ifndef SG_ODS_H
#define SG_ODS_H

#include <stddef.h>

struct sg_zip;
struct sg_ods;

/* 1 if the zip z is an OpenDocument spreadsheet: its mimetype entry, or
 * failing that its content.xml. */
int	 sg_ods_detect(const struct sg_zip *z);
/*
 * Opens the spreadsheet in z (which must outlive the sg_ods; the caller
 * frees it after sg_ods_close()).  On any error (another OpenDocument
 * kind, an encrypted file, corrupt XML) prints "sg-TOOL: NAME: what is
 * wrong" and exits 1.
 */
struct sg_ods *sg_ods_open(const struct sg_zip *z);
/* The number of sheets, and the name of sheet i (0-based, in the file's
 * order); the first call reads content.xml through for them. */
int	 sg_ods_nsheets(struct sg_ods *o);
const char *sg_ods_sheet_name(struct sg_ods *o, int i);
/* Selects a sheet as sg_xlsx_select() does: by name, else by 1-based
 * number; NULL is the first.  An unknown sheet exits 1. */
void	 sg_ods_select(struct sg_ods *o, const char *sheet);
/*
 * Next row of the selected sheet, as sg_xlsx_next_row() returns it:
 * *cells holds *ncells NUL-terminated UTF-8 strings (valid until the
 * next call), trailing empty cells trimmed; *rownum is the 1-based row
 * number, empty rows before a non-empty one are returned with ncells 0,
 * trailing empty rows never are.  Returns 1, or 0 at the end.
 *
 * Values: floats and currency in the shortest form of sg(7);
 * percentages times 100 with "%"; dates as YYYY-MM-DD (time of day
 * dropped); times as HH:MM:SS; booleans TRUE/FALSE; strings as written,
 * paragraphs joined by a newline (comments left out); formulas by their
 * cached value; error cells as "x" with a warning naming the cell.
 * Repeated cells and rows (table:number-columns-repeated,
 * table:number-rows-repeated) are written out, but a repeat past the
 * last non-empty cell writes nothing, and one that would pass 16384
 * columns, 1048576 rows or 16777216 repeated cells is refused as a bomb.
 */
int	 sg_ods_next_row(struct sg_ods *o, char ***cells, size_t *ncells,
	    long *rownum);
void	 sg_ods_close(struct sg_ods *o);

#endif /* SG_ODS_H */
