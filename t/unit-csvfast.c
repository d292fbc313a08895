/*
 * unit-csvfast: lib/csvfast.c, the block-at-a-time CSV path of
 * sg-import, in each width the processor has (scalar, sse2, avx2): rows
 * worked out by hand, the records it must hand back, and generated
 * records across block boundaries checked against libcsv (t/csvref.h).
 */
#include "config.h"

#include <stdint.h>

#include "sg.h"
#include "csvfast.h"
#include "textfile.h"
#include "csvref.h"
#include "tap.h"

#ifndef GEN_N
#define GEN_N 3000
#endif

static const char *const names[] = { "scalar", "sse2", "avx2" };

/*
 * Runs the fast path on s[0..n) in a buffer of exactly n bytes (so that
 * AddressSanitizer sees a read past limit).  Returns the offset it
 * stopped at; the rows in *out.
 */
static size_t
run(const char *s, size_t n, size_t ncols, const char *tail, size_t flush,
    struct sg_buf *out, long *lines)
{
	struct sg_csvfast cf;
	char *copy = malloc(n > 0 ? n : 1);
	const char *stop;
	size_t off;

	memcpy(copy, s, n);
	cf.ncols = ncols;
	cf.tail = tail;
	cf.taillen = strlen(tail);
	cf.flush = flush;
	cf.sep = ',';
	out->len = 0;
	stop = sg_csvfast_rows(&cf, copy, copy + n, out);
	off = (size_t)(stop - copy);
	*lines = cf.lines;
	sg_buf_add(out, "", 0);
	free(copy);
	return off;
}

/* One case worked out by hand, in every width. */
static void
hand(const char *what, const char *in, size_t ncols, const char *tail,
    const char *want, long wstop, long wlines)
{
	struct sg_buf out = { NULL, 0, 0 };
	size_t i, n = strlen(in), stop;
	long lines;

	if (wstop < 0)
		wstop = (long)n;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!sg_csvfast_use(names[i]))
			continue;
		stop = run(in, n, ncols, tail, (size_t)-1, &out, &lines);
		is_str(out.p, want, "%s (%s): rows", what, names[i]);
		is_long(stop, wstop, "%s (%s): stops at %ld", what, names[i],
		    wstop);
		is_long(lines, wlines, "%s (%s): %ld lines", what, names[i],
		    wlines);
	}
	sg_buf_free(&out);
}

/* ------------------------------------------------------------------ */
/* Generated records, against libcsv.                                  */

static uint64_t rng = 42;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* Appends a field: plain or quoted, with the awkward bytes of CSV. */
static void
gen_field(struct sg_buf *b, int bad)
{
	static const char *const bits[] = {
		"a", "bc", "1234567", "Smith", " ", ",", "\"\"", "\n", "\r\n",
		"\r", "\t", "\\", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
		"a long run of text past a 64-byte block, surely, and then more"
	};
	static const char *const worse[] = {
		"\"", "\x00", "\xff", "\xc3", "\xed\xa0\x80", "x\"y"
	};
	unsigned k = rnd(6), i, quoted = rnd(3) > 0;

	if (quoted)
		sg_buf_addc(b, '"');
	for (i = 0; i < k; i++) {
		const char *s = bits[rnd(sizeof(bits) / sizeof(bits[0]))];

		if (!quoted && (*s == ',' || *s == '"' || *s == '\n' ||
		    *s == '\r'))
			s = "z";
		sg_buf_add(b, s, strlen(s));
	}
	if (bad && rnd(4) == 0) {
		unsigned w = rnd(sizeof(worse) / sizeof(worse[0]));

		sg_buf_add(b, worse[w], w == 1 ? 1 : strlen(worse[w]));
	}
	if (quoted)
		sg_buf_addc(b, '"');
	if (bad && rnd(8) == 0)
		sg_buf_addc(b, rnd(2) ? ' ' : 'q');
}

static void
gen(struct sg_buf *b, size_t ncols, unsigned nrec, int bad)
{
	static const char *const ends[] = { "\n", "\r\n", "\r" };
	unsigned r;
	size_t f, nf;

	b->len = 0;
	for (r = 0; r < nrec; r++) {
		nf = bad && rnd(10) == 0 ? rnd(4) + 1 : ncols;
		for (f = 0; f < nf; f++) {
			if (f > 0)
				sg_buf_addc(b, ',');
			gen_field(b, bad);
		}
		sg_buf_adds(b, ends[rnd(bad ? 3 : 2)]);
	}
}

static void
generated(void)
{
	struct sg_buf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	struct sg_buf got = { NULL, 0, 0 };
	unsigned t, w, diffs = 0, tried = 0, taken = 0;
	size_t rstop, stop, ncols, flush;
	long rlines, lines;

	for (t = 0; t < GEN_N; t++) {
		ncols = rnd(3) + 1;
		gen(&in, ncols, rnd(8) + 1, t % 2);
		flush = rnd(4) == 0 ? rnd(200) + 1 : (size_t)-1;
		want.len = 0;
		rstop = csvref_rows(in.p, in.len, ncols, "\tT", ',', flush,
		    &want, &rlines);
		sg_buf_add(&want, "", 0);
		taken += rstop > 0;
		for (w = 0; w < sizeof(names) / sizeof(names[0]); w++) {
			if (!sg_csvfast_use(names[w]))
				continue;
			tried++;
			stop = run(in.p, in.len, ncols, "\tT", flush, &got,
			    &lines);
			if (stop != rstop || lines != rlines ||
			    strcmp(got.p, want.p) != 0) {
				if (diffs++ < 3) {
					size_t i;

					printf("# %s: stop %zu want %zu, lines "
					    "%ld want %ld, input:\n# ",
					    names[w], stop, rstop, lines,
					    rlines);
					for (i = 0; i < in.len; i++)
						printf("%02x", (unsigned char)
						    in.p[i]);
					printf("\n");
				}
			}
		}
	}
	ok(diffs == 0, "3000 generated inputs: the same rows, stop and "
	    "lines as libcsv in every width (%u runs, %u differ)", tried,
	    diffs);
	ok(taken > 1000, "most generated inputs have rows to take (%u)",
	    taken);
	sg_buf_free(&in);
	sg_buf_free(&want);
	sg_buf_free(&got);
}

/* A quoted field longer than many blocks, a doubled quote at each
 * offset of a block, a CR LF split across blocks. */
static void
boundaries(void)
{
	struct sg_buf in = { NULL, 0, 0 }, want = { NULL, 0, 0 };
	struct sg_buf got = { NULL, 0, 0 };
	size_t k, rstop, stop, w;
	long rlines, lines;
	unsigned bad = 0;

	for (k = 0; k < 200; k++) {
		in.len = 0;
		sg_buf_addc(&in, '"');
		for (w = 0; w < k; w++)
			sg_buf_addc(&in, (char)('a' + w % 26));
		sg_buf_adds(&in, k % 3 == 0 ? "\"\"" : k % 3 == 1 ?
		    "\xe2\x82\xac" : "\r\n");
		sg_buf_adds(&in, "\",x\r\n");
		want.len = 0;
		rstop = csvref_rows(in.p, in.len, 2, "", ',', (size_t)-1,
		    &want, &rlines);
		sg_buf_add(&want, "", 0);
		for (w = 0; w < sizeof(names) / sizeof(names[0]); w++) {
			if (!sg_csvfast_use(names[w]))
				continue;
			stop = run(in.p, in.len, 2, "", (size_t)-1, &got,
			    &lines);
			bad += stop != rstop || stop != in.len ||
			    lines != rlines || strcmp(got.p, want.p) != 0;
		}
	}
	ok(bad == 0, "a doubled quote, a UTF-8 character and a CR LF at "
	    "every offset of the first blocks (%u differ)", bad);
	sg_buf_free(&in);
	sg_buf_free(&want);
	sg_buf_free(&got);
}

int
main(void)
{
	ok(sg_csvfast_use("scalar"), "the scalar width is always there");
	ok(!sg_csvfast_use("mmx"), "an unknown width is refused");
	printf("# widths here:");
	{
		size_t i;

		for (i = 0; i < 3; i++)
			if (sg_csvfast_use(names[i]))
				printf(" %s", names[i]);
		printf("\n");
	}

	hand("plain", "a,b\n", 2, "", "a\tb\n", -1, 1);
	hand("quoted, CR LF", "\"a\",\"b\"\r\n", 2, "", "a\tb\n", -1, 1);
	hand("comma and doubled quotes",
	    "\"Smith, John\",\"said \"\"no\"\"\"\n", 2, "",
	    "Smith, John\tsaid \"no\"\n", -1, 1);
	hand("a quote alone", "\"\"\"\",x\n", 2, "", "\"\tx\n", -1, 1);
	hand("newline inside quotes", "\"line one\nline two\",plain\n", 2,
	    "", "line one\\nline two\tplain\n", -1, 2);
	hand("CR LF inside quotes", "\"x\r\ny\",z\r\n", 2, "",
	    "x\\r\\ny\tz\n", -1, 2);
	hand("CR alone inside quotes", "\"x\ry\",z\n", 2, "",
	    "x\\ry\tz\n", -1, 2);
	hand("TAB and backslash", "\"tab\there\",back\\slash\n", 2, "",
	    "tab\\there\tback\\\\slash\n", -1, 1);
	hand("an empty quoted field", "1,\"\"\n", 2, "", "1\t\n", -1, 1);
	hand("spaces are data", " a , b \n", 2, "", " a \t b \n", -1, 1);
	hand("CR line ends", "a,b\rc,d\r", 2, "", "a\tb\nc\td\n", -1, 2);
	hand("the tail", "a,b\n\"c\",d\n", 2, "\tk", "a\tb\tk\nc\td\tk\n",
	    -1, 2);
	hand("UTF-8", "\xc3\xa9,\"\xe2\x82\xac\"\n", 2, "",
	    "\xc3\xa9\t\xe2\x82\xac\n", -1, 1);
	hand("one column", "\"a,b\"\n", 1, "", "a,b\n", -1, 1);

	hand("text after the closing quote", "x,y\n\"a\"b,c\n", 2, "",
	    "x\ty\n", 4, 1);
	hand("a space after the closing quote", "\"a\" ,b\n", 2, "", "", 0,
	    0);
	hand("a space before the opening quote", " \"a\",b\n", 2, "", "", 0,
	    0);
	hand("a quote inside a plain field", "x,y\r\nab\"c,d\r\n", 2, "",
	    "x\ty\n", 5, 1);
	hand("a quote never closed", "x,y\n\"abc,d\n", 2, "", "x\ty\n", 4, 1);
	hand("too many fields", "a,b,c\n", 2, "", "", 0, 0);
	hand("too few fields", "a,\"b\"\nc\n", 2, "", "a\tb\n", 6, 1);
	hand("no text", "x,y\n,\n", 2, "", "x\ty\n", 4, 1);
	hand("no text, quoted", "\"\",\"\"\n", 2, "", "", 0, 0);
	hand("an empty line", "x,y\n\nz,w\n", 2, "", "x\ty\n", 4, 1);
	hand("a NUL", "x,y\na\0,b\n", 2, "", "x\ty\n", 4, 1);
	hand("invalid UTF-8", "x,y\n\"\xff\",b\n", 2, "", "x\ty\n", 4, 1);
	hand("a cut UTF-8 character", "x,y\n\xe2\x82,b\n", 2, "", "x\ty\n",
	    4, 1);
	hand("a surrogate", "x,y\n\xed\xa0\x80,b\n", 2, "", "x\ty\n", 4, 1);
	hand("a record cut by the limit", "x,y\na,b", 2, "", "x\ty\n", 4, 1);
	{
		struct sg_buf out = { NULL, 0, 0 };
		long lines;

		sg_csvfast_use("scalar");
		is_long(run("a,b\nc,d\n", 8, 2, "", 1, &out, &lines), 4,
		    "stops after the row that fills the output");
		is_long(lines, 1, "... having taken one line");
		sg_buf_free(&out);
	}
	boundaries();
	generated();
	return done_testing();
}
