/*
 * fuzz-xlsx.c: the workbook reader (lib/xlsx.c): the zip container,
 * inflate, and the workbook, shared strings, styles and sheet XML.
 * The input is the whole file.  sg_xlsx_open dies (exit 1) on anything
 * that is not a readable workbook: harness.h turns that into a longjmp.
 * Checked: no crash, no sanitizer report, no leak on the good path;
 * every row's cells are NUL-terminated strings.
 */
#include "harness.h"
#include "xlsx.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sg_xlsx *x;
	char **cells;
	size_t ncells, i;
	long rownum, rows = 0;
	int k, n;

	(void)sg_xlsx_detect(data, size);
	(void)sg_xlsx_is_xls(data, size);
	harness_begin();
	if (setjmp(harness_jmp) == 0) {
		x = sg_xlsx_open("fuzz.xlsx", data, size);
		n = sg_xlsx_nsheets(x);
		for (k = 0; k < n; k++)
			if (sg_xlsx_sheet_name(x, k) == NULL)
				abort();
		sg_xlsx_select(x, NULL);
		while (sg_xlsx_next_row(x, &cells, &ncells, &rownum) &&
		    rows++ < 100000)
			for (i = 0; i < ncells; i++)
				(void)strlen(cells[i]);
		sg_xlsx_close(x);
		harness_end();
	} else
		harness_cleanup();
	return 0;
}
