/*
 * markup.c: UTF-8 decoding and the escapes of the output formats.
 */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "markup.h"

size_t
sg_utf8_next(const char *str, size_t n, unsigned *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned c = s[0], min;
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		*cp = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		*cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		*cp = c & 0x07;
		min = 0x10000;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (len > n) {
		*cp = 0xfffd;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = 0xfffd;
			return 1;
		}
		*cp = *cp << 6 | (s[i] & 0x3f);
	}
	if (*cp < min || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff)) {
		*cp = 0xfffd;
		return 1;
	}
	return len;
}

void
sg_buf_add_cp(struct sg_buf *b, unsigned cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	sg_buf_add(b, u, n);
}

/* Control characters other than TAB LF CR could drive a terminal or make
 * a page invalid; so would U+FFFE and U+FFFF, which are not characters
 * (XML 1.0 refuses them, and an SVG with one does not open). */
static int
is_control(unsigned cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) ||
	    cp == 0xfffe || cp == 0xffff;
}

size_t
sg_markup(struct sg_buf *out, const char *s, size_t n, enum sg_markup how)
{
	size_t i = 0, width = 0;
	unsigned cp;
	int w, ml = how == SG_MARKUP_HTML || how == SG_MARKUP_XML;

	while (i < n) {
		i += sg_utf8_next(s + i, n - i, &cp);
		if (cp == '\r')
			continue;
		if (cp == '\t' || (cp == '\n' && how == SG_MARKUP_XML)) {
			sg_buf_addc(out, ' ');
			width++;
			continue;
		}
		if (cp == '\n') {
			if (how == SG_MARKUP_TEXT) {
				sg_buf_add_cp(out, 0x23ce);
				width++;
			} else {
				sg_buf_adds(out, "<br>");
			}
			continue;
		}
		if (is_control(cp))
			cp = 0xfffd;
		if (ml) {
			switch (cp) {
			case '&': sg_buf_adds(out, "&amp;"); continue;
			case '<': sg_buf_adds(out, "&lt;"); continue;
			case '>': sg_buf_adds(out, "&gt;"); continue;
			case '"': sg_buf_adds(out, "&quot;"); continue;
			case '\'': sg_buf_adds(out, "&#39;"); continue;
			}
		} else if (how == SG_MARKUP_MD && cp < 0x80 &&
		    strchr("\\`*_[]<>|&~!#$", (int)cp) != NULL) {
			sg_buf_addc(out, '\\');
		}
		sg_buf_add_cp(out, cp);
		if (how == SG_MARKUP_TEXT) {
			w = cp < 0x80 ? 1 : wcwidth((wchar_t)cp);
			width += w < 0 ? 1 : (size_t)w;
		}
	}
	return width;
}
