/*
 * opts.c: the options every tool shares.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

int
sg_common_opt(int ch, const char *arg, struct sg_common *c, const char *usage)
{
	switch (ch) {
	case 'h':
		fputs(usage, stdout);
		if (fflush(stdout) == EOF || ferror(stdout))
			exit(SG_EXIT_DATA);
		exit(SG_EXIT_OK);
	case 'V':
		printf("%s (%s) %s\n", sg_progname, PACKAGE_NAME,
		    PACKAGE_VERSION);
		if (fflush(stdout) == EOF || ferror(stdout))
			exit(SG_EXIT_DATA);
		exit(SG_EXIT_OK);
	case 'o':
		c->output = arg;
		return 1;
	case 'z':
		c->gzip = 1;
		return 1;
	default:
		return 0;
	}
}

void
sg_usage_error(void)
{
	fprintf(stderr, "Try '%s --help'.\n", sg_progname);
	exit(SG_EXIT_USAGE);
}

long
sg_opt_long(const char *opt, const char *arg, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	if (arg == NULL || *arg == '\0' || !(*arg == '-' || (*arg >= '0' &&
	    *arg <= '9')))
		sg_die_usage("%s: not a whole number: '%s'", opt,
		    arg ? arg : "");
	v = strtol(arg, &end, 10);
	if (*end != '\0' || errno != 0)
		sg_die_usage("%s: not a whole number: '%s'", opt, arg);
	if (v < min || v > max)
		sg_die_usage("%s: %ld is out of range (%ld to %ld)", opt, v,
		    min, max);
	return v;
}
