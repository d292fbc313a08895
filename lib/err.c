/*
 * err.c: messages and exits (sg(7), "Behaviour every tool shares"), and
 * allocation that never fails.  The data-error message, with its file,
 * line, column and value, is formatted in msg.c.
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
