/*
 * err.c: messages and exits in the SPEC's format.
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

const char *sg_progname = "sg";

#define MAXHOOKS 8
static void (*hooks[MAXHOOKS])(void);
static int nhooks;

void
sg_init(const char *progname)
{
	const char *p;

	if (progname != NULL) {
		p = strrchr(progname, '/');
		sg_progname = p != NULL ? p + 1 : progname;
	}
	/* Numbers must print and parse the same whatever the locale. */
	setlocale(LC_ALL, "C");
	/* A closed pipe shows up as EPIPE, which the writer ends quietly. */
	signal(SIGPIPE, SIG_IGN);
}

void
sg_atdie(void (*fn)(void))
{
	if (nhooks < MAXHOOKS)
		hooks[nhooks++] = fn;
}

static void
run_hooks(void)
{
	while (nhooks > 0)
		hooks[--nhooks]();
}

static void
vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", sg_progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
sg_die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	run_hooks();
	exit(SG_EXIT_USAGE);
}

void
sg_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	run_hooks();
	exit(SG_EXIT_DATA);
}

void
sg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

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
sg_fmt_error(char *buf, size_t size, const char *file, long line,
    const char *column, const char *what, const char *value, size_t valuelen)
{
	size_t len = 0, cut, i;
	int r;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (file != NULL) {
		if (line > 0)
			r = snprintf(buf, size, "%s:%ld: ", file, line);
		else
			r = snprintf(buf, size, "%s: ", file);
		len = r > 0 ? (size_t)r : 0;
	}
	if (column != NULL && len < size) {
		r = snprintf(buf + len, size - len, "%s: ", column);
		len += r > 0 ? (size_t)r : 0;
	}
	if (len < size) {
		r = snprintf(buf + len, size - len, "%s", what);
		len += r > 0 ? (size_t)r : 0;
	}
	if (value != NULL && len < size) {
		cut = cut_utf8(value, valuelen, 40);
		r = snprintf(buf + len, size - len, ": '");
		len += r > 0 ? (size_t)r : 0;
		/* Control characters would garble a terminal: show them. */
		for (i = 0; i < cut && len + 5 < size; i++) {
			unsigned char c = (unsigned char)value[i];
			if (c < 0x20 || c == 0x7F)
				len += (size_t)snprintf(buf + len, size - len,
				    "\\x%02X", c);
			else
				buf[len++] = (char)c;
		}
		if (len < size)
			buf[len] = '\0';
		if (len < size) {
			r = snprintf(buf + len, size - len, "%s'",
			    cut < valuelen ? "..." : "");
			len += r > 0 ? (size_t)r : 0;
		}
	}
	if (len >= size)
		buf[size - 1] = '\0';
}

void
sg_data_error(const char *file, long line, const char *column,
    const char *what, const char *value, size_t valuelen)
{
	sg_data_warn(file, line, column, what, value, valuelen);
	run_hooks();
	exit(SG_EXIT_DATA);
}

void
sg_data_warn(const char *file, long line, const char *column,
    const char *what, const char *value, size_t valuelen)
{
	char buf[1024];

	sg_fmt_error(buf, sizeof(buf), file, line, column, what, value,
	    valuelen);
	sg_warn("%s", buf);
}

void *
sg_malloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		sg_die("out of memory (%zu bytes)", n);
	return p;
}

void *
sg_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		sg_die("out of memory");
	return p;
}

void *
sg_realloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		sg_die("out of memory (%zu bytes)", n);
	return q;
}

char *
sg_strndup(const char *s, size_t n)
{
	char *p = sg_malloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
sg_strdup(const char *s)
{
	return sg_strndup(s, strlen(s));
}
