/*
 * buf.c: a growable byte buffer, for text whose length is not known in
 * advance (messages, keys, column lists): it grows, it never truncates.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

void
sg_buf_grow(struct sg_buf *b, size_t need)
{
	if (need <= b->cap)
		return;
	while (need > b->cap)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->p = sg_realloc(b->p, b->cap);
}

void
sg_buf_addc(struct sg_buf *b, int c)
{
	char ch = (char)c;

	sg_buf_add(b, &ch, 1);
}

void
sg_buf_adds(struct sg_buf *b, const char *s)
{
	sg_buf_add(b, s, strlen(s));
}

void
sg_buf_vprintf(struct sg_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	/* Try in the room there is; if the text is longer, grow to its
	 * length and print again. */
	sg_buf_grow(b, b->len + 64);
	va_copy(again, ap);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	if (n < 0)
		sg_die("cannot format a message");
	if ((size_t)n >= b->cap - b->len) {
		sg_buf_grow(b, b->len + (size_t)n + 1);
		n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, again);
	}
	va_end(again);
	b->len += (size_t)n;
}

void
sg_buf_printf(struct sg_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
sg_buf_free(struct sg_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}
