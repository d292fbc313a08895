/*
 * fuzz-csvfast.c: sg-import's 64-byte CSV path (lib/csvfast.c) against
 * libcsv, as sg-import drives it (t/csvref.h), in every width the
 * processor has.
 *
 * Input: one byte for the field count (1 to 8), one for where the output
 * is flushed (0: never; else after that many bytes times 4), then CSV.
 * Checked: in every width the same rows, the same stopping place and the
 * same line count as the reference, which reads record by record and
 * stops at the first record that is not plain; the stopping place is the
 * start of a line; nothing is read past the input (AddressSanitizer: the
 * input is copied to a block of exactly its size).
 */
#include "harness.h"

#include <stdio.h>

#include "csvfast.h"
#include "textfile.h"
#include "../t/csvref.h"

static const char *const widths[] = { "scalar", "sse2", "avx2" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sg_buf want = { NULL, 0, 0 }, got = { NULL, 0, 0 };
	struct sg_csvfast cf;
	const char *in, *stop;
	char *copy;
	size_t n, ncols, flush, rstop, w;
	long rlines;

	if (size < 2)
		return 0;
	ncols = data[0] % 8 + 1;
	flush = data[1] == 0 ? (size_t)-1 : (size_t)data[1] * 4;
	in = (const char *)data + 2;
	n = size - 2;
	rstop = csvref_rows(in, n, ncols, "\tT", ',', flush, &want, &rlines);
	for (w = 0; w < sizeof(widths) / sizeof(widths[0]); w++) {
		if (!sg_csvfast_use(widths[w]))
			continue;
		copy = malloc(n > 0 ? n : 1);
		memcpy(copy, in, n);
		cf.ncols = ncols;
		cf.tail = "\tT";
		cf.taillen = 2;
		cf.flush = flush;
		cf.sep = ',';
		got.len = 0;
		stop = sg_csvfast_rows(&cf, copy, copy + n, &got);
		if ((size_t)(stop - copy) != rstop) {
			fprintf(stderr, "%s: stopped at %zu, libcsv at %zu\n",
			    widths[w], (size_t)(stop - copy), rstop);
			abort();
		}
		if (cf.lines != rlines || got.len != want.len ||
		    (got.len > 0 && memcmp(got.p, want.p, got.len) != 0)) {
			fprintf(stderr, "%s: %ld lines (libcsv %ld), rows "
			    "differ\n", widths[w], cf.lines, rlines);
			abort();
		}
		if (rstop > 0 && in[rstop - 1] != '\n' && in[rstop - 1] != '\r')
			abort();
		free(copy);
	}
	sg_buf_free(&want);
	sg_buf_free(&got);
	return 0;
}
