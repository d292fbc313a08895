/*
 * xlsx-read.h: what the workbook harnesses do with a file: open it, name
 * every sheet, and read every row of the first (at most 100,000) as a
 * tool would.  sg_xlsx_open dies (exit 1) on anything that is not a
 * readable workbook: harness.h turns that into a longjmp.  Checked: no
 * crash, no sanitizer report, no leak on the good path; every sheet has
 * a name and every cell is a NUL-terminated string.
 */
#ifndef SG_FUZZ_XLSX_READ_H
#define SG_FUZZ_XLSX_READ_H

#include "harness.h"
#include "xlsx.h"

static void
xlsx_read(const void *data, size_t size)
{
	struct sg_xlsx *x;
	char **cells;
	size_t ncells, i;
	long rownum, rows = 0;
	int k, n;

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
}

#endif
