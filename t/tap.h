/*
 * tap.h: a tiny TAP producer for the C unit tests of lib/.
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int tap_n, tap_failed;

#define TAP_UNUSED __attribute__((unused))

#define ok(cond, ...) tap_ok((cond) != 0, __FILE__, __LINE__, __VA_ARGS__)

static void
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5))) TAP_UNUSED;

#include <stdarg.h>

static void
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%sok %d - ", pass ? "" : "not ", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass) {
		tap_failed++;
		printf("#   failed at %s line %d\n", file, line);
	}
	fflush(stdout);
}

/* String equality with a diagnostic.  The comparison lives in a function
 * of its own so that its NULL checks do not make the compiler think the
 * caller's message arguments may be NULL. */
static int __attribute__((noinline)) TAP_UNUSED
tap_streq(const char *got, const char *want)
{
	int pass = got != NULL && want != NULL && strcmp(got, want) == 0;

	return pass;
}

static void __attribute__((noinline)) TAP_UNUSED
tap_strdiag(const char *got, const char *want)
{
	printf("#   got: '%s'\n#   expected: '%s'\n", got ? got : "(null)",
	    want ? want : "(null)");
}

#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int p_ = tap_streq(g_, w_);					\
	tap_ok(p_, __FILE__, __LINE__, __VA_ARGS__);			\
	if (!p_)							\
		tap_strdiag(g_, w_);					\
} while (0)

#define is_long(got, want, ...) do {					\
	long g_ = (long)(got), w_ = (long)(want);			\
	tap_ok(g_ == w_, __FILE__, __LINE__, __VA_ARGS__);		\
	if (g_ != w_)							\
		printf("#   got: %ld\n#   expected: %ld\n", g_, w_);	\
} while (0)

/*
 * Runs fn(arg) in a child, for code that exits: returns the child's exit
 * status (0 if fn returns, -1 if it did not exit) with its standard
 * error, whole, in errbuf.
 */
static int TAP_UNUSED
tap_child(void (*fn)(void *), void *arg, char *errbuf, size_t errsize)
{
	int fds[2], status;
	size_t n = 0;
	ssize_t k;
	pid_t pid;

	errbuf[0] = '\0';
	if (pipe(fds) < 0)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		fn(arg);
		_exit(0);
	}
	close(fds[1]);
	while ((k = read(fds[0], errbuf + n, errsize - 1 - n)) > 0)
		n += (size_t)k;
	errbuf[n] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int TAP_UNUSED
done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
