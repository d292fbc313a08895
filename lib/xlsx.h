/*
 * xlsx.h: reading one sheet of an Excel workbook (.xlsx) as rows of text.
 *
 * The workbook is held in memory whole; the sheet's XML is inflated and
 * parsed a block at a time, so only one row is held beyond the workbook
 * itself (and its shared strings).  Needs zlib and expat.
 *
 * An OpenDocument spreadsheet (.ods) is a zip too: sg_xlsx_open() finds
 * it out and every call below then reads it through ods.h, with the same
 * options and the same values, so a tool reads either kind of workbook.
 */
#ifndef SG_XLSX_H
#define SG_XLSX_H

#include <stddef.h>

/* 1 if the first bytes are a zip local file header ("PK\3\4"). */
int	 sg_xlsx_detect(const unsigned char *head, size_t n);
/*
 * 1 if the first bytes are an OLE2 compound file: an old .xls workbook,
 * or an encrypted (password-protected) .xlsx, which Excel wraps in OLE2.
 * Pass such data to sg_xlsx_open() too: it tells the two apart and dies
 * with the right advice ("save as .xlsx" or "encrypted workbook").
 */
int	 sg_xlsx_is_xls(const unsigned char *head, size_t n);

struct sg_xlsx;

/*
 * Opens a workbook held in memory (the whole file; it must outlive the
 * sg_xlsx).  name is for messages.  On any error (not a workbook, an
 * encrypted one, an .xls, a corrupt or truncated zip, a zip bomb) prints
 * "sg-TOOL: NAME: what is wrong" and exits 1.
 */
struct sg_xlsx *sg_xlsx_open(const char *name, const unsigned char *data,
	    size_t len);
int	 sg_xlsx_nsheets(const struct sg_xlsx *x);
/* Name of sheet i (0-based, in workbook order). */
const char *sg_xlsx_sheet_name(const struct sg_xlsx *x, int i);
/*
 * Selects a sheet by name, or by 1-based number if sheet is all digits
 * (a sheet whose name is all digits is found by name first); NULL is the
 * first sheet.  An unknown sheet exits 1 listing the sheets that exist.
 */
void	 sg_xlsx_select(struct sg_xlsx *x, const char *sheet);
/*
 * Next row of the selected sheet: *cells is an array of *ncells
 * NUL-terminated UTF-8 strings (raw values, not stream-escaped; valid
 * until the next call), trailing empty cells trimmed, missing cells in
 * between as "".  *rownum is Excel's 1-based row number: a row absent
 * from the sheet is returned as an empty row (ncells 0), but trailing
 * empty rows never are.  Returns 1, or 0 at the end.
 *
 * Values: strings as written (rich text joined); numbers in the shortest
 * form of sg(7), "Values"; booleans TRUE/FALSE; formulas by their cached value;
 * error cells (#DIV/0!) as "x" with a warning naming the cell; cells
 * with a date format as YYYY-MM-DD (time of day dropped), time-only
 * formats as HH:MM:SS.
 */
int	 sg_xlsx_next_row(struct sg_xlsx *x, char ***cells, size_t *ncells,
	    long *rownum);
void	 sg_xlsx_close(struct sg_xlsx *x);

#endif /* SG_XLSX_H */
