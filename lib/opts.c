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

const char *sg_stdin_label;

const char *
sg_stdin_name(void)
{
	return sg_stdin_label != NULL ? sg_stdin_label : "-";
}

/*
 * A label is printed in every message about standard input: an empty one
 * would leave ":4:" and a control character would garble the message
 * (and the reason column of --reject), so both are refused.
 */
static void
set_label(const char *arg)
{
	const unsigned char *p;

	if (*arg == '\0')
		sg_die_usage("--label: the name is empty");
	for (p = (const unsigned char *)arg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7F)
			sg_die_usage("--label: a control character in the "
			    "name (\\x%02X)", *p);
	sg_stdin_label = arg;
}

int
sg_common_opt(int ch, const char *arg, struct sg_common *c, const char *usage)
{
	switch (ch) {
	case 'h':
		fputs(usage, stdout);
		fputs(SG_LABEL_HELP, stdout);
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
	case SG_OPT_LABEL:
		set_label(arg);
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
