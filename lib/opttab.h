/*
 * opttab.h: a tool's options as one table (long name, short letter,
 * argument, help line), from which getopt_long's arrays and the --help
 * text are made, so that the three never disagree.  The options every
 * tool shares (SG_COMMON_LONGOPTS) are added after the tool's own.
 */
#ifndef SG_OPTTAB_H
#define SG_OPTTAB_H

#include <getopt.h>

struct sg_opt {
	const char	*name;		/* long name; NULL ends the table */
	int		 ch;		/* short letter, or a value > 255 */
	const char	*arg;		/* the argument's name, or NULL */
	const char	*help;		/* the help line(s), \n between */
};

struct sg_optset {
	struct option	*longopts;
	char		*shortopts;
	char		*usage;		/* the whole --help text */
};

/* synopsis is the usage line(s), about the text before the options. */
void	 sg_optset_build(struct sg_optset *s, const struct sg_opt *opts,
	    const char *synopsis, const char *about);
void	 sg_optset_free(struct sg_optset *s);

#endif
