/*
 * unit-xlsx.c: the Excel workbook reader (lib/xlsx.c).
 *
 * Each workbook under t/data/xlsx/ is read in a child process (the reader
 * exits on errors), its rows written as "ROW<TAB>cell<TAB>cell..." with
 * the stream's escapes, and compared with the expected rows written by
 * hand beside it (*.rows).  Errors and warnings are checked by message
 * and exit status.
 */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "sg.h"
#include "xlsx.h"
#include "tap.h"

static char datadir[4096];

struct run {
	int	 rc;
	char	*out;
	char	*err;
};

static char *
slurp_fp(FILE *fp, size_t *lenp)
{
	struct sg_buf b = { 0 };
	char buf[65536];
	size_t n;

	rewind(fp);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sg_buf_add(&b, buf, n);
	sg_buf_addc(&b, '\0');
	if (lenp != NULL)
		*lenp = b.len - 1;
	return b.p;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	unsigned char *p;

	if (fp == NULL) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	p = (unsigned char *)slurp_fp(fp, len);
	fclose(fp);
	return p;
}

static void
put_escaped(const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '\\': fputs("\\\\", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\r': fputs("\\r", stdout); break;
		default: putchar(*s);
		}
	}
}

/*
 * Reads data (named name) in a child: mode 'r' prints the rows of sheet,
 * 'l' the sheet names.  Collects exit status, stdout and stderr.
 */
static struct run
run_data(const char *name, const unsigned char *data, size_t len,
    const char *sheet, int mode)
{
	FILE *out = tmpfile(), *err = tmpfile();
	struct run r;
	pid_t pid;
	int st, i;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		struct sg_xlsx *x;
		char **cells;
		size_t n, j;
		long row;

		dup2(fileno(out), 1);
		dup2(fileno(err), 2);
		x = sg_xlsx_open(name, data, len);
		if (mode == 'l') {
			for (i = 0; i < sg_xlsx_nsheets(x); i++)
				printf("%s\n", sg_xlsx_sheet_name(x, i));
		} else {
			sg_xlsx_select(x, sheet);
			while (sg_xlsx_next_row(x, &cells, &n, &row)) {
				printf("%ld", row);
				for (j = 0; j < n; j++) {
					putchar('\t');
					put_escaped(cells[j]);
				}
				putchar('\n');
			}
		}
		sg_xlsx_close(x);
		fflush(stdout);
		_exit(0);
	}
	waitpid(pid, &st, 0);
	r.rc = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r.out = slurp_fp(out, NULL);
	r.err = slurp_fp(err, NULL);
	fclose(out);
	fclose(err);
	return r;
}

static struct run
run(const char *file, const char *sheet, int mode)
{
	char path[8192];
	unsigned char *data;
	size_t len;
	struct run r;

	snprintf(path, sizeof(path), "%s/%s", datadir, file);
	data = slurp(path, &len);
	r = run_data(file, data, len, sheet, mode);
	free(data);
	return r;
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* Sheet of file gives the rows in golden; returns the run for more. */
static struct run
rows_are(const char *file, const char *sheet, const char *golden)
{
	char path[8192];
	char *want;
	struct run r = run(file, sheet, 'r');

	snprintf(path, sizeof(path), "%s/%s", datadir, golden);
	want = (char *)slurp(path, NULL);
	is_long(r.rc, 0, "%s sheet %s: exit status 0", file,
	    sheet ? sheet : "(first)");
	is_str(r.out, want, "%s sheet %s: rows as in %s", file,
	    sheet ? sheet : "(first)", golden);
	free(want);
	return r;
}

/* Reading file (sheet) fails with exit 1 and a message containing msg. */
static void
fails(const char *file, const char *sheet, const char *msg, const char *name)
{
	struct run r = run(file, sheet, 'r');

	is_long(r.rc, 1, "%s: exit status 1", name);
	ok(strstr(r.err, msg) != NULL, "%s: says the reason", name);
	if (strstr(r.err, msg) == NULL)
		printf("#   stderr: %s", r.err);
	run_free(&r);
}

/* A count of lines in s. */
static int
lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static void
test_detect(void)
{
	static const unsigned char zip[] = "PK\3\4\24\0";
	static const unsigned char ole[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
	static const unsigned char csv[] = "kpi,value\n";

	ok(sg_xlsx_detect(zip, 6), "a zip local header is detected");
	ok(!sg_xlsx_detect(zip, 3), "three bytes are not enough");
	ok(!sg_xlsx_detect(csv, 10), "CSV is not a workbook");
	ok(!sg_xlsx_detect(ole, 8), "OLE2 is not a zip");
	ok(sg_xlsx_is_xls(ole, 8), "OLE2 is detected as .xls");
	ok(!sg_xlsx_is_xls(ole, 7), "seven bytes of OLE2 are not enough");
	ok(!sg_xlsx_is_xls(zip, 6), "a zip is not .xls");
}

static void
test_sheets(void)
{
	struct run r;

	r = run("openpyxl.xlsx", NULL, 'l');
	is_str(r.out, "Returns\nDates\nFormulas\nAnnex A\n2023\nEmpty\n",
	    "the sheets of the openpyxl workbook, in order");
	run_free(&r);
	r = run("libreoffice.xlsx", NULL, 'l');
	is_str(r.out, "Returns\nDates\nFormulas\nAnnex A\n2023\nEmpty\n",
	    "the sheets of the LibreOffice workbook, in order");
	run_free(&r);
	r = run("handmade.xlsx", NULL, 'l');
	is_str(r.out, "Data\nStrict\n",
	    "a chart sheet is not listed; sheet parts found through rels");
	run_free(&r);

	r = run("openpyxl.xlsx", "Annex A", 'r');
	is_str(r.out, "1\tchild\tage\n2\tA1\t7\n3\tA2\tx\n",
	    "a sheet chosen by a name with a space");
	is_str(r.err, "sg: openpyxl.xlsx: 'Annex A'!B3: error cell '#N/A' "
	    "read as x\n", "the warning quotes the sheet name as Excel does");
	run_free(&r);
	r = run("openpyxl.xlsx", "annex a", 'r');
	is_long(lines(r.out), 3, "sheet names match without case");
	run_free(&r);
	r = run("openpyxl.xlsx", "2023", 'r');
	is_str(r.out, "1\tsheet named 2023\n",
	    "an all-digit sheet name is found by name first");
	run_free(&r);
	r = run("openpyxl.xlsx", "5", 'r');
	is_str(r.out, "1\tsheet named 2023\n", "sheet 5 by number");
	run_free(&r);
	r = run("openpyxl.xlsx", "Empty", 'r');
	is_long(r.rc, 0, "an empty sheet reads");
	is_str(r.out, "", "an empty sheet has no rows");
	run_free(&r);
	fails("openpyxl.xlsx", "Nope", "openpyxl.xlsx: no sheet 'Nope' (the "
	    "sheets are 'Returns', 'Dates', 'Formulas', 'Annex A', '2023', "
	    "'Empty')", "an unknown sheet lists the sheets");
	fails("openpyxl.xlsx", "7", "no sheet '7'", "sheet 7 of 6");
	fails("openpyxl.xlsx", "0", "no sheet '0'", "sheet 0");
	fails("openpyxl.xlsx", "", "no sheet ''", "an empty sheet name");
	fails("handmade.xlsx", "Chart1", "no sheet 'Chart1'",
	    "a chart sheet cannot be chosen");
}

static void
test_cells(void)
{
	struct run r;

	static const char *same[][3] = {
		{ "openpyxl.xlsx", NULL, "returns.rows" },
		{ "libreoffice.xlsx", NULL, "returns.rows" },
		{ "openpyxl.xlsx", "Returns", "returns.rows" },
		{ "libreoffice.xlsx", "1", "returns.rows" },
		{ "libreoffice.xlsx", "Dates", "dates.rows" },
		{ "handmade.xlsx", "Strict", "strict.rows" },
		{ "date1904.xlsx", NULL, "date1904.rows" },
	};
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		r = rows_are(same[i][0], same[i][1], same[i][2]);
		if (strcmp(same[i][2], "dates.rows") != 0)
			is_str(r.err, "", "%s: no warning", same[i][0]);
		run_free(&r);
	}

	r = rows_are("openpyxl.xlsx", "Dates", "dates.rows");
	is_str(r.err,
	    "sg: openpyxl.xlsx: Dates!B22: date serial 60 is Excel's "
	    "1900-02-29, a day that never was: read as x\n"
	    "sg: openpyxl.xlsx: Dates!B23: '0' has a date format but is not "
	    "a date: read as x\n"
	    "sg: openpyxl.xlsx: Dates!B24: '-1' has a date format but is not "
	    "a date: read as x\n",
	    "each date that cannot be shown is named in a warning");
	run_free(&r);

	r = rows_are("openpyxl.xlsx", "Formulas", "formulas-openpyxl.rows");
	ok(strstr(r.err, "sg: openpyxl.xlsx: Formulas!B2: formula without a "
	    "cached value read as x (open and save the workbook in Excel or "
	    "LibreOffice)\n") != NULL,
	    "a formula with no cached value is named in a warning");
	ok(strstr(r.err, "sg: openpyxl.xlsx: Formulas!B7: error cell '#REF!' "
	    "read as x\n") != NULL, "a typed error value is named");
	is_long(lines(r.err), 6, "one warning per cell read as x");
	run_free(&r);

	r = rows_are("libreoffice.xlsx", "Formulas",
	    "formulas-libreoffice.rows");
	is_str(r.err,
	    "sg: libreoffice.xlsx: Formulas!B5: error cell '#DIV/0!' read as "
	    "x\n"
	    "sg: libreoffice.xlsx: Formulas!B6: error cell '#N/A' read as x\n"
	    "sg: libreoffice.xlsx: Formulas!B7: error cell '#REF!' read as x\n",
	    "cached error values are named in warnings");
	run_free(&r);

	r = rows_are("handmade.xlsx", NULL, "handmade.rows");
	is_str(r.err, "sg: handmade.xlsx: Data!C7: error cell '#DIV/0!' read "
	    "as x\n", "a cached formula error in a hand-made sheet");
	run_free(&r);
}

static void
test_errors(void)
{
	fails("bad/notzip.xlsx", NULL, "bad/notzip.xlsx: not an Excel "
	    "workbook (.xlsx): not a zip file", "a CSV file");
	fails("bad/noworkbook.xlsx", NULL, "bad/noworkbook.xlsx: not an "
	    "Excel workbook: the zip file holds no xl/workbook.xml",
	    "a zip without a workbook");
	fails("bad/old.xls", NULL, "bad/old.xls: an old Excel .xls workbook: "
	    "open it in Excel or LibreOffice and save it as .xlsx",
	    "an .xls file");
	fails("bad/encrypted.xlsx", NULL, "bad/encrypted.xlsx: encrypted "
	    "workbook: remove its password in Excel and save it again",
	    "a workbook with a password to open");
	fails("bad/zipcrypto.xlsx", NULL, "encrypted workbook "
	    "(xl/worksheets/sheet1.xml is encrypted)", "zip encryption");
	fails("bad/bomb.xlsx", NULL, "zip bomb: xl/worksheets/sheet1.xml "
	    "would inflate to 9437382 bytes from", "a zip bomb (ratio)");
	fails("bad/huge.xlsx", NULL, "zip bomb: xl/worksheets/sheet1.xml "
	    "would inflate to 2147483648 bytes", "a zip bomb (size)");
	fails("bad/truncated.xlsx", NULL, "corrupt or truncated zip file: no "
	    "central directory", "a truncated zip");
	fails("bad/crc.xlsx", NULL, "corrupt workbook: "
	    "xl/worksheets/sheet1.xml: CRC mismatch", "a CRC mismatch");
	fails("bad/badxml.xlsx", NULL, "corrupt workbook: "
	    "xl/worksheets/sheet1.xml: line 3: mismatched tag",
	    "malformed XML names the part and line");
	fails("bad/doctype.xlsx", NULL, "a DOCTYPE is not allowed",
	    "a DOCTYPE (entity expansion) is refused");
	fails("bad/sstindex.xlsx", NULL, "shared string index out of range",
	    "a shared string that is not there");
}

/*
 * Builds a workbook in memory: a stored zip whose one sheet has nrows
 * rows of three cells, to check streaming and row numbers at scale.
 */
struct zbuild {
	struct sg_buf	 b;
	struct sg_buf	 cd;
	int		 n;
	int		 zip64;	/* sizes and offsets in zip64 records */
};

static void
put16(struct sg_buf *b, unsigned v)
{
	sg_buf_addc(b, (int)(v & 0xFF));
	sg_buf_addc(b, (int)(v >> 8 & 0xFF));
}

static void
put32(struct sg_buf *b, unsigned long v)
{
	put16(b, (unsigned)(v & 0xFFFF));
	put16(b, (unsigned)(v >> 16 & 0xFFFF));
}

static void
zadd(struct zbuild *z, const char *name, const char *data, size_t len)
{
	unsigned long crc = crc32(0L, (const Bytef *)data, (uInt)len);
	size_t off = z->b.len, nlen = strlen(name);

	sg_buf_add(&z->b, "PK\3\4", 4);
	put16(&z->b, 20); put16(&z->b, 0); put16(&z->b, 0);
	put16(&z->b, 0); put16(&z->b, 0);
	put32(&z->b, crc); put32(&z->b, len); put32(&z->b, len);
	put16(&z->b, (unsigned)nlen); put16(&z->b, 0);
	sg_buf_add(&z->b, name, nlen);
	sg_buf_add(&z->b, data, len);
	sg_buf_add(&z->cd, "PK\1\2", 4);
	put16(&z->cd, 45); put16(&z->cd, 45); put16(&z->cd, 0);
	put16(&z->cd, 0); put16(&z->cd, 0); put16(&z->cd, 0);
	put32(&z->cd, crc);
	put32(&z->cd, z->zip64 ? 0xFFFFFFFF : len);
	put32(&z->cd, z->zip64 ? 0xFFFFFFFF : len);
	put16(&z->cd, (unsigned)nlen);
	put16(&z->cd, z->zip64 ? 32 : 0);	/* extra: an unknown field, zip64 */
	put16(&z->cd, 0); put16(&z->cd, 0); put16(&z->cd, 0); put32(&z->cd, 0);
	put32(&z->cd, z->zip64 ? 0xFFFFFFFF : off);
	sg_buf_add(&z->cd, name, nlen);
	if (z->zip64) {
		put16(&z->cd, 0x5455); put16(&z->cd, 0);
		put16(&z->cd, 1); put16(&z->cd, 24);
		put32(&z->cd, len); put32(&z->cd, 0);
		put32(&z->cd, len); put32(&z->cd, 0);
		put32(&z->cd, off); put32(&z->cd, 0);
	}
	z->n++;
}

static void
zfinish(struct zbuild *z)
{
	size_t off = z->b.len;

	size_t rec;

	sg_buf_add(&z->b, z->cd.p, z->cd.len);
	if (z->zip64) {
		/* The zip64 end of central directory record and locator. */
		rec = z->b.len;
		sg_buf_add(&z->b, "PK\6\6", 4);
		put32(&z->b, 44); put32(&z->b, 0);
		put16(&z->b, 45); put16(&z->b, 45);
		put32(&z->b, 0); put32(&z->b, 0);
		put32(&z->b, (unsigned long)z->n); put32(&z->b, 0);
		put32(&z->b, (unsigned long)z->n); put32(&z->b, 0);
		put32(&z->b, z->cd.len); put32(&z->b, 0);
		put32(&z->b, off); put32(&z->b, 0);
		sg_buf_add(&z->b, "PK\6\7", 4);
		put32(&z->b, 0);
		put32(&z->b, rec); put32(&z->b, 0);
		put32(&z->b, 1);
	}
	sg_buf_add(&z->b, "PK\5\6", 4);
	put16(&z->b, 0); put16(&z->b, 0);
	put16(&z->b, z->zip64 ? 0xFFFF : (unsigned)z->n);
	put16(&z->b, z->zip64 ? 0xFFFF : (unsigned)z->n);
	put32(&z->b, z->zip64 ? 0xFFFFFFFF : z->cd.len);
	put32(&z->b, z->zip64 ? 0xFFFFFFFF : off);
	put16(&z->b, 0);
}

/* A small workbook built in memory, plain or zip64. */
static void
build_book(struct zbuild *z, const char *sheet)
{
	static const char wb[] = "<workbook xmlns=\"m\" xmlns:r=\"r\"><sheets>"
	    "<sheet name=\"Big\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
	    "</workbook>";
	static const char rels[] = "<Relationships><Relationship Id=\"rId1\" "
	    "Type=\"x/worksheet\" Target=\"big.xml\"/></Relationships>";

	zadd(z, "xl/workbook.xml", wb, sizeof(wb) - 1);
	zadd(z, "xl/_rels/workbook.xml.rels", rels, sizeof(rels) - 1);
	zadd(z, "xl/big.xml", sheet, strlen(sheet));
	zfinish(z);
}

static void
test_zip64(void)
{
	static const char sheet[] = "<worksheet><sheetData><row r=\"1\">"
	    "<c r=\"A1\" t=\"inlineStr\"><is><t>zip64</t></is></c></row>"
	    "</sheetData></worksheet>";
	struct zbuild z = { { 0 }, { 0 }, 0, 1 };
	struct run r;

	build_book(&z, sheet);
	r = run_data("z64.xlsx", (unsigned char *)z.b.p, z.b.len, NULL, 'r');
	is_long(r.rc, 0, "a zip64 archive reads");
	is_str(r.out, "1\tzip64\n", "with sizes and offsets from zip64 "
	    "records");
	run_free(&r);
	/* Break the zip64 extra field's length. */
	z.b.p[z.b.len - 22 - 20 - 56 - 32 + 6] = 8;
	r = run_data("z64.xlsx", (unsigned char *)z.b.p, z.b.len, NULL, 'r');
	is_long(r.rc, 1, "a bad zip64 extra field fails");
	ok(strstr(r.err, "z64.xlsx: corrupt zip file: xl/big.xml: bad zip64 "
	    "sizes") != NULL, "and says so");
	run_free(&r);
	sg_buf_free(&z.b);
	sg_buf_free(&z.cd);
}

static void
test_big(void)
{
	struct zbuild z = { { 0 }, { 0 }, 0, 0 };
	struct sg_buf s = { 0 };
	struct run r;
	char line[256];
	const char *last;
	long i, nrows = 50000;

	sg_buf_adds(&s, "<worksheet><sheetData>");
	for (i = 1; i <= nrows; i++) {
		/* Row 3 is absent; the others hold a number, text, a gap. */
		if (i == 3)
			continue;
		snprintf(line, sizeof(line), "<row r=\"%ld\"><c r=\"A%ld\">"
		    "<v>%ld.50</v></c><c r=\"B%ld\" t=\"inlineStr\"><is><t>"
		    "row %ld</t></is></c><c r=\"D%ld\" t=\"b\"><v>1</v></c>"
		    "</row>", i, i, i, i, i, i);
		sg_buf_adds(&s, line);
	}
	sg_buf_adds(&s, "<row r=\"50001\"><c r=\"A50001\"/></row>"
	    "</sheetData></worksheet>");
	sg_buf_addc(&s, '\0');
	build_book(&z, s.p);

	r = run_data("big.xlsx", (unsigned char *)z.b.p, z.b.len, NULL, 'r');
	is_long(r.rc, 0, "a 50,000-row stored workbook reads");
	is_long(lines(r.out), nrows, "every row, the absent one included, "
	    "the trailing empty one not");
	ok(strncmp(r.out, "1\t1.5\trow 1\t\tTRUE\n2\t2.5\trow 2\t\tTRUE\n3\n4\t"
	    "4.5\t", 35) == 0, "the first rows: numbers, text, a gap, a "
	    "boolean, an absent row");
	last = r.out + strlen(r.out) - 1;
	while (last > r.out && last[-1] != '\n')
		last--;
	is_str(last, "50000\t50000.5\trow 50000\t\tTRUE\n", "the last row");
	run_free(&r);

	/* The same zip cut short inside the sheet's data. */
	r = run_data("cut.xlsx", (unsigned char *)z.b.p, z.b.len / 2, NULL,
	    'r');
	is_long(r.rc, 1, "a zip cut in half fails");
	ok(strstr(r.err, "cut.xlsx: corrupt or truncated zip file") != NULL,
	    "and says it is truncated");
	run_free(&r);
	sg_buf_free(&z.b);
	sg_buf_free(&z.cd);
	sg_buf_free(&s);
}

/* A warning quotes the cell whole, however long (issue 15: no message
 * is cut). */
static void
test_long_warning(void)
{
	struct zbuild z = { { 0 }, { 0 }, 0, 0 };
	struct sg_buf s = { 0 }, want = { 0 };
	struct run r;
	int i;

	sg_buf_adds(&s, "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" "
	    "t=\"e\"><v>#");
	for (i = 0; i < 600; i++)
		sg_buf_addc(&s, 'E');
	sg_buf_adds(&s, "</v></c></row></sheetData></worksheet>");
	build_book(&z, s.p);
	sg_buf_adds(&want, "sg: long.xlsx: Big!A1: error cell '#");
	for (i = 0; i < 600; i++)
		sg_buf_addc(&want, 'E');
	sg_buf_adds(&want, "' read as x\n");
	r = run_data("long.xlsx", (unsigned char *)z.b.p, z.b.len, NULL, 'r');
	is_str(r.err, want.p, "a warning about a 600-character cell is "
	    "printed whole");
	run_free(&r);
	sg_buf_free(&z.b);
	sg_buf_free(&z.cd);
	sg_buf_free(&s);
	sg_buf_free(&want);
}

int
main(void)
{
	const char *src = getenv("SG_SRC");

	snprintf(datadir, sizeof(datadir), "%s/t/data/xlsx",
	    src != NULL ? src : "..");
	test_detect();
	test_sheets();
	test_cells();
	test_errors();
	test_big();
	test_long_warning();
	test_zip64();
	return done_testing();
}
