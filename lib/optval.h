/*
 * optval.h: a tool's options as values.  The plain ones (a column, a
 * file, a name, a flag) are kept by the option, so that a tool reads
 * them where it needs them instead of copying each into a field of its
 * own; a keyword is read as its index among the words the option takes,
 * with one message for a word it does not take.
 */
#ifndef SG_OPTVAL_H
#define SG_OPTVAL_H

/* The options that can be kept: the letters, and the long-only options,
 * which count from 256 (optab.h). */
#define SG_OPTVAL_MAX	(256 + 32)

struct sg_optval {
	const char	*arg[SG_OPTVAL_MAX];	/* the last argument, or NULL */
	int		 n[SG_OPTVAL_MAX];	/* how many times it was given */
};

/*
 * Keeps option ch's argument (NULL for a flag) as its last and counts
 * it.  It has the form of optab.h's sg_optset, with an sg_optval for
 * the settings: a tool's option callback keeps every option with it,
 * then does what its other options need at once (a keyword or number
 * checked, a repeatable option listed in order).
 */
void	 sg_optval_keep(void *optval, int ch, const char *arg);

/*
 * The index of arg among words, a list such as "mean|median", where a
 * word may have other spellings after commas ("utf-8,utf8|cp1252").
 * A word it is not is a usage error (exit 2) naming opt and the first
 * spelling of each word: "OPT: expected mean or median, not 'ARG'".
 * sg_opt_wordcase() ignores the case of ASCII letters (as for the names
 * of encodings).
 */
int	 sg_opt_word(const char *opt, const char *arg, const char *words);
int	 sg_opt_wordcase(const char *opt, const char *arg, const char *words);

#endif /* SG_OPTVAL_H */
