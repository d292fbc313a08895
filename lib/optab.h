/*
 * optab.h: a tool's options as one table, from which getopt_long's
 * arrays and the --help text are built (the tool layout of issue 15:
 * options table, settings struct, worker, short main).
 */
#ifndef SG_OPTAB_H
#define SG_OPTAB_H

#include <getopt.h>

#include "sg.h"

/* One option.  ch is the short letter, or a value above 255 for an
 * option with a long name only. */
struct sg_opt {
	const char	*name;	/* long name, without "--" */
	int		 ch;
	const char	*arg;	/* the argument's name, or NULL for none */
	const char	*help;	/* its help; '\n' between lines */
};

struct sg_optab {
	struct option	*longopts;	/* the table's, then the common ones */
	char		*shortopts;
	char		*usage;		/* the whole --help text */
	struct sg_common common;	/* -o and -z, once parsed */
};

/*
 * Builds the arrays and the --help text from synopsis (the "usage:"
 * lines and any text before the options, each line ended by a newline)
 * and opts (ended by a NULL name); the common options of sg.h
 * (SG_COMMON_LONGOPTS, SG_COMMON_HELP) are added after them.
 */
void	 sg_optab_init(struct sg_optab *t, const char *synopsis,
	    const struct sg_opt *opts);
/*
 * Returns the next option of the table (its ch; *arg its argument), or
 * -1 at the end of the options.  The common options are handled here
 * (--help and --version exit); an unknown option exits 2.
 */
int	 sg_optab_next(struct sg_optab *t, int argc, char **argv,
	    const char **arg);
void	 sg_optab_free(struct sg_optab *t);

/* Takes one of a tool's own options into its settings. */
typedef void	sg_optset(void *settings, int ch, const char *arg);
/*
 * The whole command line: the table built as sg_optab_init() does, each
 * of the tool's own options given to set(settings, ch, arg) in order,
 * the common ones and the operands into *common.
 */
void	 sg_optab_parse(const char *synopsis, const struct sg_opt *opts,
	    int argc, char **argv, sg_optset *set, void *settings,
	    struct sg_common *common);

#endif /* SG_OPTAB_H */
