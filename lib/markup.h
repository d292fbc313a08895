/*
 * markup.h: text for people.  UTF-8 decoding, and the escapes of the
 * formats sg-render and sg-chart write (aligned text, Markdown, HTML,
 * SVG), so that no value can drive a terminal, add markup or break a
 * page.
 */
#ifndef SG_MARKUP_H
#define SG_MARKUP_H

#include "sg.h"

/*
 * Decodes one UTF-8 character of s[0..n) (n > 0) into *cp and returns
 * its length in bytes.  A byte that does not begin a valid, shortest
 * sequence (or a surrogate, or a code point above U+10FFFF) reads as
 * U+FFFD, one byte at a time.
 */
size_t	 sg_utf8_next(const char *s, size_t n, unsigned *cp);
/* Appends code point cp as UTF-8. */
void	 sg_buf_add_cp(struct sg_buf *b, unsigned cp);

enum sg_markup {
	SG_MARKUP_TEXT,	/* a terminal: TAB as a space, LF as U+23CE */
	SG_MARKUP_MD,	/* Markdown: punctuation backslashed, LF as <br> */
	SG_MARKUP_HTML,	/* HTML: & < > " ' as entities, LF as <br> */
	SG_MARKUP_XML	/* XML text or attribute: entities, TAB and LF as a space */
};

/*
 * Appends text s[0..n) (the stream's escapes already undone) to out,
 * written for one format.  In every format a CR is dropped, and other
 * control characters (C0, DEL, C1), the noncharacters U+FFFE and U+FFFF
 * and invalid UTF-8 are shown as U+FFFD.  Markdown backslashes \ ` * _ [ ] < > | & ~ ! # $.  Returns
 * the display width of the text (with SG_MARKUP_TEXT; wcwidth(3) in the
 * caller's LC_CTYPE, 1 where it knows no width), else 0.
 */
size_t	 sg_markup(struct sg_buf *out, const char *s, size_t n,
	    enum sg_markup how);

#endif /* SG_MARKUP_H */
