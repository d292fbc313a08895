/*
 * textfile.c: small configuration files read a line at a time, and
 * escaping into a buffer.
 */
#include "config.h"

#include <string.h>

#include "sg.h"
#include "textfile.h"

void
sg_each_line(const char *path, void (*fn)(char *line, long lineno,
    void *arg), void *arg)
{
	struct sg_input *in = sg_input_open(path);
	struct sg_buf b = { NULL, 0, 0 };
	char tmp[65536], *s, *e, *nl, *end;
	size_t n;
	long ln = 0;

	while ((n = sg_input_read(in, tmp, sizeof(tmp))) > 0)
		sg_buf_add(&b, tmp, n);
	sg_input_close(in);
	if (b.p == NULL)
		return;
	s = b.p;
	end = b.p + b.len;
	if (b.len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	for (; s < end; s = nl) {
		nl = memchr(s, '\n', (size_t)(end - s));
		e = nl != NULL ? nl : end;
		nl = nl != NULL ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		*e = '\0';
		fn(s, ++ln, arg);
	}
	sg_buf_free(&b);
}
