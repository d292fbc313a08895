/*
 * buf.h: a growable byte buffer (buf.c).  Included by sg.h; it needs
 * nothing from it, so that the buffer can be used by every part of the
 * library, the message formatting included.
 */
#ifndef SG_BUF_H
#define SG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* A growable byte buffer, always NUL-terminated after len once anything
 * has been added.  { 0 } is an empty buffer (p is then NULL). */
struct sg_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};
/* Makes room for need bytes in all (doubling). */
void	 sg_buf_grow(struct sg_buf *b, size_t need);
/* Appends n bytes: inline, as it is called per field. */
static inline void
sg_buf_add(struct sg_buf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap)
		sg_buf_grow(b, b->len + n + 1);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}
void	 sg_buf_addc(struct sg_buf *b, int c);
void	 sg_buf_adds(struct sg_buf *b, const char *s);
/* Appends printf-style text, however long. */
void	 sg_buf_printf(struct sg_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	    __attribute__((format(printf, 2, 3)))
#endif
	    ;
/* The same with a va_list. */
void	 sg_buf_vprintf(struct sg_buf *b, const char *fmt, va_list ap)
#if defined(__GNUC__)
	    __attribute__((format(printf, 2, 0)))
#endif
	    ;
void	 sg_buf_free(struct sg_buf *b);

#endif /* SG_BUF_H */
