/*
 * escape.c: the stream's four escapes.
 */
#include "config.h"

#include <string.h>

#include "sg.h"

size_t
sg_unescape(char *s, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			switch (s[i + 1]) {
			case '\\': s[o++] = '\\'; i++; continue;
			case 't': s[o++] = '\t'; i++; continue;
			case 'n': s[o++] = '\n'; i++; continue;
			case 'r': s[o++] = '\r'; i++; continue;
			}
		}
		s[o++] = s[i];
	}
	if (o < n)
		s[o] = '\0';
	return o;
}

int
sg_needs_escape(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\\' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r')
			return 1;
	return 0;
}

void
sg_buf_add_escaped(struct sg_buf *b, const char *s, size_t n)
{
	static const char esc[4][2] = { "\\\\", "\\t", "\\n", "\\r" };
	size_t i, run = 0;
	int k;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': k = 0; break;
		case '\t': k = 1; break;
		case '\n': k = 2; break;
		case '\r': k = 3; break;
		default: continue;
		}
		if (i > run)
			sg_buf_add(b, s + run, i - run);
		sg_buf_add(b, esc[k], 2);
		run = i + 1;
	}
	if (n > run)
		sg_buf_add(b, s + run, n - run);
}
