/*
 * import.c: one run of sg-import (sg-import(1)): each file's format is
 * told from its first bytes (or -f) and the file handed to its reader;
 * formats sg-import does not read are refused with what to do instead.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "textfile.h"
#include "reject.h"
#include "xlsx.h"
#include "import.h"

void
sg_import_init(struct sg_import *ix, const struct sg_import_settings *s)
{
	size_t i;

	memset(ix, 0, sizeof(*ix));
	ix->s = s;
	sg_buf_add(&ix->add_tail, "", 0);
	for (i = 0; i < s->nadd; i++) {
		sg_buf_addc(&ix->add_tail, '\t');
		sg_buf_add_escaped(&ix->add_tail, s->add_value[i],
		    strlen(s->add_value[i]));
	}
	ix->tsv = s->format == SG_IMPORT_TSV;
	ix->sep = ix->tsv ? '\t' : ',';
	sg_import_csv_init(ix);
	ix->w = sg_writer_open(s->common.output, s->common.gzip);
}

void
sg_import_fini(struct sg_import *ix)
{
	size_t i;

	sg_import_flush(ix);
	sg_reject_close(ix->rej);
	sg_writer_close(ix->w);
	sg_import_csv_free(ix);
	for (i = 0; i < ix->nhdr; i++)
		free(ix->hdr[i]);
	free(ix->hdr);
	free(ix->foff);
	free(ix->flen);
	sg_buf_free(&ix->out);
	sg_buf_free(&ix->add_tail);
	sg_buf_free(&ix->dec);
	sg_buf_free(&ix->msg);
	sg_buf_free(&ix->bad);
	sg_buf_free(&ix->field);
}

/*
 * Formats sg-import does not read, known by their first bytes whatever the
 * file's name: each is refused with what to do instead, before the bytes
 * could be taken for CSV.  (Zip-based ones, .xlsb and .ods, are told apart
 * by lib/xlsx.c from the parts inside.)  New formats hook in here.
 */
static void
refuse_format(const struct sg_import *ix, const char *head, size_t n)
{
	static const struct {
		const char	*magic;
		size_t		 len;
		const char	*what;
	} compressed[] = {
		{ "BZh", 3, "bzip2" },
		{ "\xfd" "7zXZ\0", 6, "xz" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd" },
	};
	const char *p = head;
	size_t i, len;

	for (i = 0; i < sizeof(compressed) / sizeof(compressed[0]); i++)
		if (n >= compressed[i].len &&
		    memcmp(head, compressed[i].magic, compressed[i].len) == 0)
			sg_die("%s: a %s-compressed file: decompress it first "
			    "(sg reads plain or gzip-compressed files)",
			    ix->file, compressed[i].what);

	/*
	 * Excel 2003's XML spreadsheet (SpreadsheetML): an XML declaration,
	 * then the mso-application instruction or the Workbook element in
	 * its namespace, within the first block.
	 */
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	len = n - (size_t)(p - head);
	if (len >= 5 && memcmp(p, "<?xml", 5) == 0 &&
	    (memmem(p, len, "progid=\"Excel.Sheet\"", 19) != NULL ||
	    memmem(p, len, "urn:schemas-microsoft-com:office:spreadsheet",
	    44) != NULL))
		sg_die("%s: an Excel 2003 XML spreadsheet (SpreadsheetML): "
		    "open it in Excel or LibreOffice and save it as .xlsx "
		    "or CSV", ix->file);
}

/* A file that ended before its header. */
static void SG_NORETURN
no_header(const struct sg_import *ix)
{
	if (ix->s->skip > 0)
		sg_die("%s: no header: the file is empty after the %ld "
		    "skipped line%s", ix->file, ix->s->skip,
		    ix->s->skip == 1 ? "" : "s");
	sg_die("%s: empty %s: no header", ix->file,
	    ix->xlsx_file ? "sheet" : "file");
}

void
sg_import_file(struct sg_import *ix, const char *path)
{
	const struct sg_import_settings *s = ix->s;
	struct sg_input *in = sg_input_open(path);
	size_t cap = 4 * SG_IMPORT_BLOCK, end = 0, n;
	char *buf = sg_malloc(cap + SG_IMPORT_PAD);

	ix->file = sg_input_name(in);
	ix->xlsx_file = 0;
	ix->in_header = 1;
	/*
	 * Enough of the head to know the format (see refuse_format): the
	 * magic bytes and the first line, or 1 KB of what may be XML; no
	 * more, so that a slow pipe's first row still goes out at once.
	 */
	while (end < 1024 && (end < 8 || buf[0] == '<' ||
	    memchr(buf, '\n', end) == NULL) &&
	    (n = sg_input_read(in, buf + end, cap - end)) > 0)
		end += n;
	if (s->format == SG_IMPORT_DETECT)
		refuse_format(ix, buf, end);
	if (s->format == SG_IMPORT_XLSX ||
	    sg_xlsx_detect((unsigned char *)buf, end) ||
	    sg_xlsx_is_xls((unsigned char *)buf, end)) {
		if (s->format == SG_IMPORT_CSV || s->format == SG_IMPORT_TSV)
			sg_die("%s: an Excel workbook, not %s text: leave out "
			    "-f, or use -f xlsx", ix->file,
			    s->format == SG_IMPORT_CSV ? "CSV" : "TSV");
		ix->xlsx_file = 1;
		sg_import_workbook(ix, in, buf, cap, end);
	} else {
		if (s->list || s->sheet != NULL)
			sg_die("%s: not an Excel workbook (%s applies to .xlsx "
			    "files)", ix->file, s->list ? "--list-sheets" :
			    "--sheet");
		sg_import_text(ix, in, buf, cap, end);
	}
	if (ix->in_header && !s->list)
		no_header(ix);
	sg_input_close(in);
}
