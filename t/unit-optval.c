/*
 * unit-optval: options kept by the option, keywords read as an index,
 * and the one message for a word an option does not take.
 */
#include "config.h"

#include "sg.h"
#include "optval.h"
#include "tap.h"

/* A keyword read in a child (a word it is not ends the program). */
struct word {
	int		 fold;		/* sg_opt_wordcase */
	const char	*arg, *words;
	int		 want;		/* the index, or 100 + the exit status */
	const char	*msg;		/* the message, or NULL for none */
	const char	*name;
};

static void
read_word(void *arg)
{
	const struct word *w = arg;

	_exit(w->fold ? sg_opt_wordcase("--opt", w->arg, w->words) :
	    sg_opt_word("--opt", w->arg, w->words));
}

static const struct word words[] = {
	{ 0, "mean", "mean|median", 0, NULL, "the first word is 0" },
	{ 0, "median", "mean|median", 1, NULL, "the second is 1" },
	{ 0, "none", "high|low|none", 2, NULL, "the third is 2" },
	{ 0, "mea", "mean|median", 102,
	    "sg-unit: --opt: expected mean or median, not 'mea'\n",
	    "a word's beginning is no word: exit 2, naming the option and "
	    "both words" },
	{ 0, "up", "high|low|none", 102,
	    "sg-unit: --opt: expected high, low or none, not 'up'\n",
	    "three words are listed with commas, then 'or'" },
	{ 0, "csv", "csv", 0, NULL, "a list of one word" },
	{ 0, "tsv", "csv", 102, "sg-unit: --opt: expected csv, not 'tsv'\n",
	    "a list of one word names it alone" },
	{ 0, "", "mean|median", 102,
	    "sg-unit: --opt: expected mean or median, not ''\n",
	    "an empty argument is no word" },
	{ 0, "utf8", "utf-8,utf8|cp1252,windows-1252", 0, NULL,
	    "another spelling of the first word" },
	{ 0, "windows-1252", "utf-8,utf8|cp1252,windows-1252", 1, NULL,
	    "another spelling of the second word" },
	{ 0, "latin9", "utf-8,utf8|cp1252,windows-1252", 102,
	    "sg-unit: --opt: expected utf-8 or cp1252, not 'latin9'\n",
	    "no spelling: the message gives the first spelling of each word" },
	{ 0, "UTF-8", "utf-8,utf8|cp1252", 102,
	    "sg-unit: --opt: expected utf-8 or cp1252, not 'UTF-8'\n",
	    "sg_opt_word minds the case" },
	{ 1, "UTF-8", "utf-8,utf8|cp1252", 0, NULL,
	    "sg_opt_wordcase does not" },
	{ 1, "Windows-1252", "utf-8,utf8|cp1252,windows-1252", 1, NULL,
	    "nor in another spelling" },
	{ 1, "utf-88", "utf-8,utf8|cp1252", 102,
	    "sg-unit: --opt: expected utf-8 or cp1252, not 'utf-88'\n",
	    "but the whole word must match" },
};

int
main(void)
{
	static struct sg_optval v;
	char err[512];
	size_t i;
	int got;

	sg_init("sg-unit");

	ok(v.arg['a'] == NULL && v.n['a'] == 0, "an option not given is NULL");
	sg_optval_keep(&v, 'a', "one");
	sg_optval_keep(&v, 'a', "two");
	is_str(v.arg['a'], "two", "the last argument of an option is kept");
	is_long(v.n['a'], 2, "and it is counted each time");
	sg_optval_keep(&v, 'f', NULL);
	ok(v.arg['f'] == NULL && v.n['f'] == 1, "a flag is counted");
	sg_optval_keep(&v, 257, "long");
	is_str(v.arg[257], "long", "a long-only option is kept");

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		got = tap_child(read_word, (void *)&words[i], err, sizeof(err));
		if (err[0] != '\0')
			got += 100;
		is_long(got, words[i].want, "%s", words[i].name);
		is_str(err, words[i].msg != NULL ? words[i].msg : "",
		    "%s: its message", words[i].name);
	}
	return done_testing();
}
