/*
 * xlsx.c: workbooks for sg-import (sg-import(1)): the cells of
 * lib/xlsx.c's rows (an .xlsx, or an .ods it hands to lib/ods.c) become
 * rows of the row sink, the workbook's row number their line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "xlsx.h"
#include "import.h"

void
sg_import_workbook(struct sg_import *ix, struct sg_input *in, char *buf,
    size_t cap, size_t end)
{
	struct sg_xlsx *x;
	char **cells;
	size_t ncells, i, n;
	long rownum;
	int s;

	for (;;) {
		if (cap - end < SG_IMPORT_BLOCK) {
			cap *= 2;
			buf = sg_realloc(buf, cap + SG_IMPORT_PAD);
		}
		if ((n = sg_input_read(in, buf + end, cap - end)) == 0)
			break;
		end += n;
	}
	x = sg_xlsx_open(ix->file, (unsigned char *)buf, end);
	if (ix->s->list) {
		for (s = 0; s < sg_xlsx_nsheets(x); s++) {
			sg_buf_adds(&ix->out, sg_xlsx_sheet_name(x, s));
			sg_buf_addc(&ix->out, '\n');
		}
	} else {
		sg_xlsx_select(x, ix->s->sheet);
		while (sg_xlsx_next_row(x, &cells, &ncells, &rownum)) {
			if (rownum <= ix->s->skip)
				continue;
			sg_import_row_reset(ix);
			ix->row_line = rownum;
			for (i = 0; i < ncells; i++)
				sg_import_field(ix, cells[i], strlen(cells[i]));
			sg_import_row_end(ix);
		}
	}
	sg_xlsx_close(x);
	free(buf);
}
