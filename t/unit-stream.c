/*
 * unit-stream: the reader (plain, gzip, several files, CRLF, a last line
 * without LF), the writer (atomic -o, gzip), columns, escapes and the
 * message format.  Errors that exit are tested in a child process.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

#include "sg.h"
#include "reject.h"
#include "tap.h"

static char dir[] = "/tmp/unit-stream.XXXXXX";

static char *
path(const char *name)
{
	static char buf[8][256];
	static int k;

	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

static void
put(const char *name, const char *text, size_t n)
{
	FILE *f = fopen(path(name), "wb");

	fwrite(text, 1, n, f);
	fclose(f);
}

static void
putgz(const char *name, const char *text)
{
	gzFile g = gzopen(path(name), "wb");

	gzwrite(g, text, (unsigned)strlen(text));
	gzclose(g);
}

/* Reads all of files as one stream into a "|"-joined string. */
static char *
slurp(char **files, int n)
{
	static char out[4096];
	struct sg_reader *r = sg_reader_open(files, n);
	const struct sg_record *h = sg_reader_header(r);
	struct sg_record rec;
	size_t i;

	out[0] = '\0';
	for (i = 0; i < h->n; i++)
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s",
		    i ? "," : "", h->f[i]);
	while (sg_read(r, &rec)) {
		strcat(out, "|");
		for (i = 0; i < rec.n; i++)
			snprintf(out + strlen(out), sizeof(out) - strlen(out),
			    "%s%s", i ? "," : "", rec.f[i]);
		snprintf(out + strlen(out), sizeof(out) - strlen(out), "@%ld",
		    sg_reader_line(r));
	}
	sg_reader_close(r);
	return out;
}

struct inputs {
	char	**files;
	int	  nfiles;
};

static void
slurp_child(void *arg)
{
	struct inputs *a = arg;

	slurp(a->files, a->nfiles);
}

/* The first row of the inputs is bad, and there is no --reject. */
static void
bad_first_row(void *arg)
{
	struct inputs *in = arg;
	struct sg_reader *r = sg_reader_open(in->files, in->nfiles);
	struct sg_record rec;

	if (sg_read(r, &rec))
		sg_bad_row(NULL, r, &rec, sg_reader_header(r)->f[0],
		    "not a number", rec.f[0], rec.len[0]);
}

/* Runs slurp in a child; returns its exit status, stderr in errbuf. */
static int
child_status(char **files, int nfiles, char *errbuf, size_t errsize)
{
	struct inputs a = { files, nfiles };

	return tap_child(slurp_child, &a, errbuf, errsize);
}

/*
 * The reader's cases.  Each makes its file (name, text of len bytes, 0
 * for strlen, gzipped if gz; no file if text is NULL), then reads the
 * files named in f as one stream: a good case gets its records as slurp()
 * shows them, a bad one exits 1, its message holding errsub if given.
 */
struct reader_case {
	const char *name, *text;
	size_t len;
	int gz;
	const char *f[2];
	const char *want;
	const char *what, *errsub, *saying;
};

static const struct reader_case reads[] = {
	{ "a.tsv", "kpi\tagency\tvalue\n1.1\tRUH\t90\n1.2\tRUH\t94\n", 0, 0,
	    { "a.tsv" }, "kpi,agency,value|1.1,RUH,90@2|1.2,RUH,94@3",
	    "reads a plain file, line numbers count the header", NULL, NULL },
	{ "crlf.tsv", "a\tb\r\n1\t2\r\n3\t\r\n", 0, 0, { "crlf.tsv" },
	    "a,b|1,2@2|3,@3", "CRLF line ends are accepted", NULL, NULL },
	{ "nolf.tsv", "a\tb\n1\t2", 0, 0, { "nolf.tsv" }, "a,b|1,2@2",
	    "a last line without LF is a record", NULL, NULL },
	{ "bom.tsv", "\xEF\xBB\xBF" "a\tb\n1\t2\n", 0, 0, { "bom.tsv" },
	    "a,b|1,2@2", "a UTF-8 BOM is not part of the header", NULL, NULL },
	{ "a.gz", "a\tb\n5\t6\n", 0, 1, { "a.gz" }, "a,b|5,6@2",
	    "gzip input is detected by its magic", NULL, NULL },
	{ "b.tsv", "a\tb\n7\t8\n", 0, 0, { "a.gz", "b.tsv" },
	    "a,b|5,6@2|7,8@2", "several files are one stream with one header",
	    NULL, NULL },
	{ "h.tsv", "a\tb\n", 0, 0, { "h.tsv" }, "a,b",
	    "a header-only file has no records", NULL, NULL },
};

static const struct reader_case fails[] = {
	{ "c.tsv", "a\tc\n1\t2\n", 0, 0, { "b.tsv", "c.tsv" }, NULL,
	    "different headers exit 1", "c.tsv:1: header differs",
	    "and say which file" },
	{ "rag.tsv", "a\tb\n1\t2\n3\n", 0, 0, { "rag.tsv" }, NULL,
	    "a ragged row exits 1", "rag.tsv:3: 1 fields where the header has 2",
	    "and names file and line" },
	{ "empty.tsv", "", 0, 0, { "empty.tsv" }, NULL,
	    "an empty file exits 1", "empty input", "saying so" },
	{ "dup.tsv", "a\ta\n", 0, 0, { "dup.tsv" }, NULL,
	    "a duplicate column name exits 1", NULL, NULL },
	{ "blank.tsv", "a\t\tb\n", 0, 0, { "blank.tsv" }, NULL,
	    "an empty column name exits 1", NULL, NULL },
	{ "nul.tsv", "a\tb\n1\0\t2\n", 9, 0, { "nul.tsv" }, NULL,
	    "a NUL byte exits 1", "nul.tsv:2: NUL byte", "naming the line" },
	{ "trunc.gz", "\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x4b\x4c", 12, 0,
	    { "trunc.gz" }, NULL, "a truncated gzip file exits 1", "gzip",
	    "saying gzip" },
	{ "does-not-exist", NULL, 0, 0, { "does-not-exist" }, NULL,
	    "a missing file exits 1", "does-not-exist: cannot open",
	    "naming it" },
};

/* Makes the file of c and sets f to the paths of its files; their count. */
static int
reader_case_files(const struct reader_case *c, char **f)
{
	int n;

	if (c->text != NULL && c->gz)
		putgz(c->name, c->text);
	else if (c->text != NULL)
		put(c->name, c->text, c->len ? c->len : strlen(c->text));
	for (n = 0; n < 2 && c->f[n] != NULL; n++)
		f[n] = path(c->f[n]);
	return n;
}

static void
test_reader(void)
{
	char *f[2], err[512];
	size_t i;
	int n;

	for (i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		n = reader_case_files(&reads[i], f);
		is_str(slurp(f, n), reads[i].want, "%s", reads[i].what);
	}
	for (i = 0; i < sizeof(fails) / sizeof(fails[0]); i++) {
		n = reader_case_files(&fails[i], f);
		is_long(child_status(f, n, err, sizeof(err)), 1, "%s",
		    fails[i].what);
		if (fails[i].errsub != NULL)
			ok(strstr(err, fails[i].errsub) != NULL, "%s: %s",
			    fails[i].saying, err);
	}
}

static void
test_long_line(void)
{
	size_t n = 3 * 1024 * 1024, i;
	char *big = sg_malloc(n + 16), *f[1];
	struct sg_reader *r;
	struct sg_record rec;

	memcpy(big, "a\tb\n", 4);
	for (i = 4; i < n; i++)
		big[i] = 'v';
	memcpy(big + n, "\t1\n", 3);
	put("big.tsv", big, n + 3);
	f[0] = path("big.tsv");
	r = sg_reader_open(f, 1);
	ok(sg_read(r, &rec) && rec.len[0] == n - 4 && strcmp(rec.f[1], "1") == 0,
	    "a 3 MB field is read whole");
	sg_reader_close(r);
	free(big);
}

static void
test_writer(void)
{
	struct sg_writer *w;
	char buf[64];
	char *fields[] = { "a", "b\\tc" };
	size_t lens[] = { 1, 4 };
	struct stat st;
	FILE *fp;
	gzFile g;
	int n;

	w = sg_writer_open(path("out.tsv"), 0);
	sg_write_record(w, fields, lens, 2);
	sg_write_escaped(w, "x\ty\\z\n", 6);
	sg_write_eol(w);
	ok(stat(path("out.tsv"), &st) != 0,
	    "-o FILE does not exist before the writer closes");
	sg_writer_close(w);
	fp = fopen(path("out.tsv"), "rb");
	n = (int)fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, "a\tb\\tc\nx\\ty\\\\z\\n\n",
	    "the file holds records and escaped values once closed");
	w = sg_writer_open(path("out.gz"), 1);
	sg_write_str(w, "k\tv\n");
	sg_writer_close(w);
	g = gzopen(path("out.gz"), "rb");
	n = gzread(g, buf, sizeof(buf) - 1);
	gzclose(g);
	buf[n > 0 ? n : 0] = '\0';
	is_str(buf, "k\tv\n", "-z writes gzip");
	fp = fopen(path("out.gz"), "rb");
	ok(fgetc(fp) == 0x1f && fgetc(fp) == 0x8b, "with the gzip magic");
	fclose(fp);
	w = sg_writer_open(path("gone.tsv"), 0);
	sg_write_str(w, "partial");
	sg_writer_abort(w);
	ok(stat(path("gone.tsv"), &st) != 0, "an aborted output leaves no file");
}

static void
test_cols(void)
{
	char line[] = "kpi\tTarget %\tRUH\tPolice*\ta,b";
	struct sg_record h;
	char *f[5];
	size_t len[5], *idx, n;

	f[0] = line; f[1] = "Target %"; f[2] = "RUH"; f[3] = "Police*";
	f[4] = "a,b";
	line[3] = '\0';
	h.f = f; h.len = len; h.n = 5;
	n = sg_cols_resolve("-k", "kpi", &h, &idx);
	ok(n == 1 && idx[0] == 0, "a name resolves");
	free(idx);
	n = sg_cols_resolve("-k", "RUH,1", &h, &idx);
	ok(n == 2 && idx[0] == 2 && idx[1] == 0, "names and numbers mix, in order");
	free(idx);
	n = sg_cols_resolve("-k", "2-4", &h, &idx);
	ok(n == 3 && idx[0] == 1 && idx[2] == 3, "a range resolves");
	free(idx);
	n = sg_cols_resolve("-k", "a,b", &h, &idx);
	ok(n == 1 && idx[0] == 4, "a name holding a comma resolves whole");
	free(idx);
	ok(sg_col_resolve("-v", "Target %", &h) == 1, "one column by name");
	ok(sg_col_resolve("-v", "5", &h) == 4, "one column by number");
	is_long(sg_col_find(&h, "nope"), -1, "an unknown name is not found");
	n = sg_cols_resolve("-k", "RUH,1", &h, &idx);
	ok(sg_cols_has(idx, n, 0) && sg_cols_has(idx, n, 2),
	    "sg_cols_has finds each column of a list, the last one too");
	ok(!sg_cols_has(idx, n, 1) && !sg_cols_has(idx, n, 4),
	    "sg_cols_has: a column not in the list is not found");
	ok(!sg_cols_has(idx, 0, 0), "sg_cols_has: an empty list holds nothing");
	free(idx);
}

static void
test_messages(void)
{
	char buf[256];
	char big[100];

	sg_fmt_error(buf, sizeof(buf), "returns.csv", 7, "value",
	    "not a number", "1O0", 3);
	is_str(buf, "returns.csv:7: value: not a number: '1O0'",
	    "the message format of sg(7)");
	memset(big, 'a', sizeof(big));
	sg_fmt_error(buf, sizeof(buf), "-", 2, NULL, "too long", big, 100);
	ok(strstr(buf, "-:2: too long: 'aaaa") == buf &&
	    strlen(buf) == strlen("-:2: too long: ''...") + 40,
	    "values are cut to 40 characters: %s", buf);
	sg_fmt_error(buf, sizeof(buf), "f", 3, "c", "bad", "\xc2\xa3\t", 3);
	is_str(buf, "f:3: c: bad: '\xc2\xa3\\x09'",
	    "control characters are shown, UTF-8 kept");
	{
		struct sg_buf b = { 0 }, want = { 0 };
		char longname[2001];

		/* The growing form never cuts (issue 15). */
		memset(longname, 'f', 2000);
		longname[2000] = '\0';
		sg_fmt_error_buf(&b, longname, 12, "col", "not a number",
		    "abc", 3);
		sg_buf_adds(&want, longname);
		sg_buf_adds(&want, ":12: col: not a number: 'abc'");
		ok(b.len == want.len && strcmp(b.p, want.p) == 0,
		    "sg_fmt_error_buf keeps a 2000-byte file name whole");
		b.len = 0;
		sg_fmt_error_buf(&b, NULL, 0, NULL, "empty file", NULL, 0);
		is_str(b.p, "empty file", "sg_fmt_error_buf: only WHAT");
		/* sg_buf_printf grows past its first guess of 64 bytes. */
		b.len = 0;
		sg_buf_adds(&b, "<");
		sg_buf_printf(&b, "%s:%d", longname, 7);
		ok(b.len == 2003 && b.p[0] == '<' && b.p[2000] == 'f' &&
		    strcmp(b.p + 2001, ":7") == 0 && b.p[2003] == '\0',
		    "sg_buf_printf appends text of any length");
		sg_buf_free(&b);
		sg_buf_free(&want);
		/* The fixed form cuts to fit, never inside a character. */
		sg_fmt_error(buf, 9, "f", 3, "\xc2\xa3\xc2\xa3", "x", NULL, 0);
		is_str(buf, "f:3: \xc2\xa3", "sg_fmt_error cuts before a "
		    "character that would not fit whole");
	}
}

static void
test_escape(void)
{
	char s[] = "a\\tb\\nc\\\\d\\re\\q";
	size_t n = sg_unescape(s, strlen(s));

	ok(n == 11 && memcmp(s, "a\tb\nc\\d\re\\q", 11) == 0,
	    "escapes are undone, unknown ones kept");
	ok(sg_needs_escape("a\tb", 3) && !sg_needs_escape("plain", 5),
	    "sg_needs_escape");
}

/* Reads the whole of file name into a new string. */
static char *
slurp_file(const char *name)
{
	FILE *f = fopen(path(name), "rb");
	char *p = sg_calloc(1, 8192);
	size_t n = 0;

	if (f != NULL) {
		n = fread(p, 1, 8191, f);
		fclose(f);
	}
	p[n] = '\0';
	return p;
}

/*
 * sg_bad_row(): with --reject the row goes there with the whole message
 * as its reason; without, the message and exit 1.  The column's name is
 * longer than the 1,024 bytes the tools' own buffers had, so nothing of
 * the message may be cut.
 */
static void
test_bad_row(void)
{
	char *f[1], longname[1501], *got, err[4096];
	struct sg_reader *r;
	struct sg_reject *rj;
	const struct sg_record *h;
	struct sg_record rec;
	struct sg_buf b = { NULL, 0, 0 }, msg = { NULL, 0, 0 };
	struct inputs in = { f, 1 };

	memset(longname, 'k', 1500);
	longname[1500] = '\0';
	sg_buf_adds(&b, longname);
	sg_buf_adds(&b, "\tb\n12x\tok\n1\t\x01\n");
	put("bad.tsv", b.p, b.len);
	f[0] = path("bad.tsv");
	r = sg_reader_open(f, 1);
	h = sg_reader_header(r);
	rj = sg_reject_open(path("rej.tsv"), h);
	ok(sg_read(r, &rec), "a row to set aside");
	sg_bad_row(rj, r, &rec, h->f[0], "not a number", rec.f[0],
	    rec.len[0]);
	ok(sg_read(r, &rec), "another, with a control character");
	sg_bad_row(rj, r, &rec, NULL, "odd", rec.f[1], rec.len[1]);
	is_long(sg_reject_count(rj), 2, "both rows are counted");
	sg_reject_close(rj);
	sg_reader_close(r);
	got = slurp_file("rej.tsv");
	sg_buf_adds(&msg, f[0]);
	sg_buf_adds(&msg, ":2: ");
	sg_buf_adds(&msg, longname);
	sg_buf_adds(&msg, ": not a number: '12x'");
	b.len = 0;
	sg_buf_adds(&b, longname);
	sg_buf_adds(&b, "\tb\treason\n12x\tok\t");
	sg_buf_adds(&b, msg.p);
	sg_buf_adds(&b, "\n1\t\x01\t");
	sg_buf_adds(&b, f[0]);
	sg_buf_adds(&b, ":3: odd: '\\\\x01'\n");
	is_str(got, b.p, "the rows are set aside with the whole message");
	free(got);

	/* Without --reject: the message, whole, and exit 1. */
	is_long(tap_child(bad_first_row, &in, err, sizeof(err)), 1,
	    "without --reject a bad row exits 1");
	b.len = 0;
	sg_buf_adds(&b, "unit-stream: ");
	sg_buf_adds(&b, msg.p);	/* tap_child drops the final newline */
	is_str(err, b.p, "and says why, whole");
	sg_buf_free(&msg);
	sg_buf_free(&b);
}

int
main(void)
{
	if (mkdtemp(dir) == NULL)
		return 1;
	sg_init("unit-stream");
	test_reader();
	test_long_line();
	test_writer();
	test_cols();
	test_messages();
	test_escape();
	test_bad_row();
	{
		char cmd[300];
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		if (system(cmd) != 0)
			return 1;
	}
	return done_testing();
}
