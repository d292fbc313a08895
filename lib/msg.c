/*
 * msg.c: the data-error message of sg(7), "Behaviour every tool shares":
 *	FILE:LINE: COLUMN: what is wrong: 'VALUE'
 * built in a growing buffer, so that a long file name, column name or
 * explanation is never cut; only the value is shortened, to 40
 * characters, as the format says.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"

/* Length of at most max characters of s[0..n) without splitting UTF-8. */
static size_t
cut_utf8(const char *s, size_t n, size_t max)
{
	size_t i, chars;

	for (i = 0, chars = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80) {
			if (chars == max)
				return i;
			chars++;
		}
	}
	return n;
}

void
sg_fmt_error_buf(struct sg_buf *b, const char *file, long line,
    const char *column, const char *what, const char *value, size_t valuelen)
{
	size_t cut, i;
	unsigned char c;

	if (file != NULL) {
		sg_buf_adds(b, file);
		if (line > 0)
			sg_buf_printf(b, ":%ld", line);
		sg_buf_adds(b, ": ");
	}
	if (column != NULL) {
		sg_buf_adds(b, column);
		sg_buf_adds(b, ": ");
	}
	sg_buf_adds(b, what);
	if (value == NULL)
		return;
	cut = cut_utf8(value, valuelen, 40);
	sg_buf_adds(b, ": '");
	for (i = 0; i < cut; i++) {
		/* Control characters would garble a terminal: show them. */
		c = (unsigned char)value[i];
		if (c < 0x20 || c == 0x7F)
			sg_buf_printf(b, "\\x%02X", c);
		else
			sg_buf_addc(b, c);
	}
	sg_buf_adds(b, cut < valuelen ? "...'" : "'");
}

void
sg_fmt_error(char *buf, size_t size, const char *file, long line,
    const char *column, const char *what, const char *value, size_t valuelen)
{
	struct sg_buf b = { 0 };
	size_t n;

	if (size == 0)
		return;
	sg_fmt_error_buf(&b, file, line, column, what, value, valuelen);
	n = b.len;
	if (n >= size) {
		/* Cut to fit, before a character that would not. */
		n = size - 1;
		while (n > 0 && ((unsigned char)b.p[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf, b.p, n);
	buf[n] = '\0';
	sg_buf_free(&b);
}

/*
 * The message is built in one buffer kept for the run (a tool that warns
 * on many rows reuses it; one that dies leaves nothing unfreed behind).
 */
static struct sg_buf msg;

static const char *
message(const char *file, long line, const char *column, const char *what,
    const char *value, size_t valuelen)
{
	msg.len = 0;
	sg_fmt_error_buf(&msg, file, line, column, what, value, valuelen);
	return msg.p;
}

void
sg_data_warn(const char *file, long line, const char *column,
    const char *what, const char *value, size_t valuelen)
{
	sg_warn("%s", message(file, line, column, what, value, valuelen));
}

void
sg_data_error(const char *file, long line, const char *column,
    const char *what, const char *value, size_t valuelen)
{
	sg_die("%s", message(file, line, column, what, value, valuelen));
}

void
sg_msg_forget(void)
{
	memset(&msg, 0, sizeof(msg));
}
