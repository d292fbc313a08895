/*
 * unit-optval: options kept by the option, keywords read as an index,
 * and the one message for a word an option does not take.
 */
#include "config.h"

#include "sg.h"
#include "optval.h"
#include "tap.h"

#define ENC	"utf-8,utf8|cp1252,windows-1252"

/* A keyword read in a child (a word it is not ends the program). */
struct word {
	const char	*arg, *words;
	int		 want;		/* the index, or the exit status */
	const char	*msg;		/* after "sg-unit: --opt: ", or NULL */
	int		 fold;		/* sg_opt_wordcase */
};

static void
read_word(void *arg)
{
	const struct word *w = arg;

	_exit(w->fold ? sg_opt_wordcase("--opt", w->arg, w->words) :
	    sg_opt_word("--opt", w->arg, w->words));
}

static const struct word words[] = {
	{ "mean", "mean|median", 0, NULL, 0 },
	{ "none", "high|low|none", 2, NULL, 0 },
	{ "mea", "mean|median", 2, "expected mean or median, not 'mea'", 0 },
	{ "up", "high|low|none", 2, "expected high, low or none, not 'up'", 0 },
	{ "csv", "csv", 0, NULL, 0 },
	{ "tsv", "csv", 2, "expected csv, not 'tsv'", 0 },
	{ "", "mean|median", 2, "expected mean or median, not ''", 0 },
	{ "utf8", ENC, 0, NULL, 0 },
	{ "windows-1252", ENC, 1, NULL, 0 },
	{ "latin9", ENC, 2, "expected utf-8 or cp1252, not 'latin9'", 0 },
	{ "UTF-8", ENC, 2, "expected utf-8 or cp1252, not 'UTF-8'", 0 },
};

/* The same read with sg_opt_wordcase, which ignores the case. */
static const struct word wordscase[] = {
	{ "UTF-8", ENC, 0, NULL, 1 },
	{ "Windows-1252", ENC, 1, NULL, 1 },
	{ "utf-88", ENC, 2, "expected utf-8 or cp1252, not 'utf-88'", 1 },
};

static void
word_is(const struct word *w)
{
	char err[512], want[512] = "";

	if (w->msg != NULL)
		snprintf(want, sizeof(want), "sg-unit: --opt: %s", w->msg);
	is_long(tap_child(read_word, (void *)w, err, sizeof(err)), w->want,
	    "'%s' among %s%s: %s %d", w->arg, w->words, w->fold ?
	    " (any case)" : "", w->msg != NULL ? "exit" : "word", w->want);
	is_str(err, want, "and %s", w->msg != NULL ? "the message names the "
	    "option and the words" : "no message");
}

int
main(void)
{
	static struct sg_optval v;
	size_t i;

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

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		word_is(&words[i]);
	for (i = 0; i < sizeof(wordscase) / sizeof(wordscase[0]); i++)
		word_is(&wordscase[i]);
	return done_testing();
}
