/*
 * optab.h: a tool's options as its --help text, from which getopt_long's
 * arrays are built (the tool layout of issue 15: help text, settings
 * struct, worker, short main).  The text is written once, as the user
 * reads it, so the table and its documentation cannot drift apart.
 */
#ifndef SG_OPTAB_H
#define SG_OPTAB_H

#include <getopt.h>

#include "sg.h"

/*
 * The grammar of a help text.  Every line ends with a newline.
 *
 *   help      = prose* (optline cont*)*
 *   prose     = a line that is not indented with spaces up to a '-'
 *               (the usage lines and any description)
 *   optline   = ( "  -" S ", --" LONG | "      --" LONG ) [ " " ARG ]
 *               [ SPACES HELP ]
 *   cont      = 25 spaces, then a non-blank: more of the option's help
 *
 *   S         one letter or digit: the short option, its value in
 *             getopt_long's table
 *   LONG      [a-z0-9][a-z0-9-]*: the long name, without "--"
 *   ARG       one or more characters other than a space: the option
 *             takes an argument (required); without ARG it takes none
 *   SPACES    two or more spaces, so that HELP begins at column 25
 *             (counting from 0); an option too long for that has its
 *             help on the cont lines below it instead
 *
 * The first line of spaces then '-' is the first optline (a typo in its
 * indent is caught); from there on every line is an optline or a cont.  An option
 * has some help (on its line or a cont below it); no short letter or
 * long name is given twice, nor one of the common options' (-o -z -h -V
 * --output --gzip --help --version --label).  Anything else is a
 * programming error: sg_optab_init() dies naming the line, so that a
 * typo in a help text can never drop an option silently.
 *
 * An option with a long name only (the "      --" form) has the value
 * SG_OPT_LONG + n, where n counts the long-only options from 0 in the
 * order of the text; a tool names these values in an enum that follows
 * the same order, e.g. enum { OPT_AGE = SG_OPT_LONG, OPT_LAG }.
 */
#define SG_OPT_LONG	256
/* The column where an option's help begins. */
#define SG_OPT_HELPCOL	25

struct sg_optab {
	struct option	*longopts;	/* the text's, then the common ones */
	char		*shortopts;
	char		*names;		/* the long names, NUL-ended */
	char		*usage;		/* the whole --help text */
	struct sg_common common;	/* -o and -z, once parsed */
};

/*
 * Builds the arrays from help (the grammar above) and the whole --help
 * text: help, then the common options of sg.h (SG_COMMON_LONGOPTS,
 * SG_COMMON_HELP).  Dies on a malformed help.
 */
void	 sg_optab_init(struct sg_optab *t, const char *help);
/*
 * Returns the next option of the table (its value; *arg its argument),
 * or -1 at the end of the options.  The common options are handled here
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
void	 sg_optab_parse(const char *help, int argc, char **argv,
	    sg_optset *set, void *settings, struct sg_common *common);

#endif /* SG_OPTAB_H */
