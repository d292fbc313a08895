/*
 * fuzz-xlsx.c: the workbook reader (lib/xlsx.c): the zip container,
 * inflate, and the workbook, shared strings, styles and sheet XML.
 * The input is the whole file, read as xlsx-read.h says.
 */
#include "xlsx-read.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)sg_xlsx_detect(data, size);
	(void)sg_xlsx_is_xls(data, size);
	xlsx_read(data, size);
	return 0;
}
