/*
 * xlsx.c: reading Excel workbooks (placeholder until the reader lands).
 */
#include "config.h"

#include <string.h>

#include "sg.h"
#include "xlsx.h"

int
sg_xlsx_detect(const unsigned char *head, size_t n)
{
	return n >= 4 && memcmp(head, "PK\3\4", 4) == 0;
}

int
sg_xlsx_is_xls(const unsigned char *head, size_t n)
{
	return n >= 8 && memcmp(head, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0;
}

struct sg_xlsx *
sg_xlsx_open(const char *name, const unsigned char *data, size_t len)
{
	(void)data;
	(void)len;
	sg_die("%s: Excel workbooks are not supported yet", name);
}

int sg_xlsx_nsheets(const struct sg_xlsx *x) { (void)x; return 0; }
const char *sg_xlsx_sheet_name(const struct sg_xlsx *x, int i) { (void)x; (void)i; return NULL; }
void sg_xlsx_select(struct sg_xlsx *x, const char *sheet) { (void)x; (void)sheet; }
int sg_xlsx_next_row(struct sg_xlsx *x, char ***cells, size_t *ncells, long *rownum)
{ (void)x; (void)cells; (void)ncells; (void)rownum; return 0; }
void sg_xlsx_close(struct sg_xlsx *x) { (void)x; }
