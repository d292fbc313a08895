/*
 * optval.c: options kept by the option, and keywords read as an index.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sg.h"
#include "optval.h"

void
sg_optval_keep(void *optval, int ch, const char *arg)
{
	struct sg_optval *v = optval;

	/* A tool's table gives no other: one would be a bug, not input. */
	if (ch < 0 || ch >= SG_OPTVAL_MAX)
		abort();
	v->arg[ch] = arg;
	v->n[ch]++;
}

/* The words as a message lists them: "a", "a or b", "a, b or c". */
static void
list_words(struct sg_buf *b, const char *words)
{
	const char *w, *end, *bar;

	for (w = words; ; w = bar + 1) {
		bar = strchr(w, '|');
		end = w + strcspn(w, ",|");
		if (w != words)
			sg_buf_adds(b, bar == NULL ? " or " : ", ");
		sg_buf_add(b, w, (size_t)(end - w));
		if (bar == NULL)
			break;
	}
}

static int
word_index(const char *opt, const char *arg, const char *words, int fold)
{
	static struct sg_buf b;		/* static: reachable at the exit */
	const char *w;
	size_t n, len = strlen(arg);
	int i = 0;

	for (w = words; *w != '\0'; w += n + (w[n] != '\0')) {
		n = strcspn(w, ",|");
		if (n == len && (fold ? strncasecmp(w, arg, n) :
		    strncmp(w, arg, n)) == 0)
			return i;
		if (w[n] == '|')
			i++;
	}
	list_words(&b, words);
	sg_die_usage("%s: expected %s, not '%s'", opt, b.p, arg);
}

int
sg_opt_word(const char *opt, const char *arg, const char *words)
{
	return word_index(opt, arg, words, 0);
}

int
sg_opt_wordcase(const char *opt, const char *arg, const char *words)
{
	return word_index(opt, arg, words, 1);
}
