/*
 * fuzz-escape.c: the stream's escapes (lib/escape.c) and the message
 * formatter (lib/msg.c).
 *   - sg_unescape matches a reference and undoes escaping exactly;
 *   - sg_needs_escape is true exactly when \ TAB LF or CR occur;
 *   - sg_fmt_error never writes past its buffer, whatever its size, and
 *     ends the message with a NUL.
 */
#include "harness.h"

#include <stdio.h>

static size_t
ref_unescape(const char *s, size_t n, char *o)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && strchr("\\tnr", s[i + 1]) &&
		    s[i + 1] != '\0') {
			i++;
			o[k++] = s[i] == 't' ? '\t' : s[i] == 'n' ? '\n' :
			    s[i] == 'r' ? '\r' : '\\';
		} else
			o[k++] = s[i];
	}
	return k;
}

static size_t
escape(const char *s, size_t n, char *o)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '\\': o[k++] = '\\'; o[k++] = '\\'; break;
		case '\t': o[k++] = '\\'; o[k++] = 't'; break;
		case '\n': o[k++] = '\\'; o[k++] = 'n'; break;
		case '\r': o[k++] = '\\'; o[k++] = 'r'; break;
		default: o[k++] = s[i];
		}
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = malloc(size + 1), *b = malloc(size + 1);
	char *e = malloc(2 * size + 1), *buf;
	size_t n, m, i, bsize;
	int need = 0;

	memcpy(a, data, size);
	n = sg_unescape(a, size);
	m = ref_unescape((const char *)data, size, b);
	if (n != m || memcmp(a, b, n) != 0)
		abort();
	for (i = 0; i < size; i++)
		if (strchr("\\\t\n\r", data[i]) && data[i] != '\0')
			need = 1;
	if (sg_needs_escape((const char *)data, size) != need)
		abort();
	m = escape((const char *)data, size, e);
	n = sg_unescape(e, m);
	if (n != size || memcmp(e, data, size) != 0)
		abort();
	if (sg_needs_escape(e, 0) != 0)
		abort();

	/* Messages into buffers of every size. */
	bsize = size > 0 ? data[0] : 0;
	buf = malloc(bsize ? bsize : 1);
	sg_fmt_error(buf, bsize, size > 1 ? "file.tsv" : NULL,
	    size > 2 ? (long)data[1] : 0, size > 3 ? "column" : NULL,
	    "what is wrong", size > 0 ? (const char *)data : NULL, size);
	if (bsize > 0 && memchr(buf, '\0', bsize) == NULL)
		abort();
	free(buf);
	free(a);
	free(b);
	free(e);
	return 0;
}
