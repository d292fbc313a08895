/*
 * unit-optval: options kept by the option, keywords read as an index,
 * and the one message for a word an option does not take.
 */
#include "config.h"

#include <sys/wait.h>
#include <unistd.h>

#include "sg.h"
#include "optval.h"
#include "tap.h"

/*
 * Reads arg as a word of words in a child; returns the index it gets
 * (0 to 99), or 100 + the exit status of a usage error, whose message
 * is put in errbuf.
 */
static int
word(int fold, const char *arg, const char *words, char *errbuf,
    size_t errsize)
{
	int fds[2], status, n = 0;
	pid_t pid;
	ssize_t k;

	errbuf[0] = '\0';
	if (pipe(fds) < 0)
		return -1;
	fflush(stdout);
	if ((pid = fork()) == 0) {
		dup2(fds[1], 2);
		close(fds[0]);
		_exit(fold ? sg_opt_wordcase("--opt", arg, words) :
		    sg_opt_word("--opt", arg, words));
	}
	close(fds[1]);
	while ((k = read(fds[0], errbuf + n, errsize - 1 - (size_t)n)) > 0)
		n += (int)k;
	while (n > 0 && errbuf[n - 1] == '\n')
		n--;
	errbuf[n] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status))
		return -1;
	return errbuf[0] == '\0' ? WEXITSTATUS(status) :
	    100 + WEXITSTATUS(status);
}

int
main(void)
{
	static struct sg_optval v;
	char err[512];

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

	is_long(word(0, "mean", "mean|median", err, sizeof(err)), 0,
	    "the first word is 0");
	is_long(word(0, "median", "mean|median", err, sizeof(err)), 1,
	    "the second is 1");
	is_long(word(0, "none", "high|low|none", err, sizeof(err)), 2,
	    "the third is 2");
	is_long(word(0, "mea", "mean|median", err, sizeof(err)), 102,
	    "a word's beginning is no word: exit 2");
	is_str(err, "sg-unit: --opt: expected mean or median, not 'mea'",
	    "the message names the option and both words");
	is_long(word(0, "up", "high|low|none", err, sizeof(err)), 102,
	    "an unknown word of three: exit 2");
	is_str(err, "sg-unit: --opt: expected high, low or none, not 'up'",
	    "three words are listed with commas, then 'or'");
	is_long(word(0, "csv", "csv", err, sizeof(err)), 0,
	    "a list of one word");
	is_long(word(0, "tsv", "csv", err, sizeof(err)), 102,
	    "its one word is all it takes");
	is_str(err, "sg-unit: --opt: expected csv, not 'tsv'",
	    "a list of one word names it alone");
	is_long(word(0, "", "mean|median", err, sizeof(err)), 102,
	    "an empty argument is no word");

	is_long(word(0, "utf8", "utf-8,utf8|cp1252,windows-1252", err,
	    sizeof(err)), 0, "another spelling of the first word");
	is_long(word(0, "windows-1252", "utf-8,utf8|cp1252,windows-1252", err,
	    sizeof(err)), 1, "another spelling of the second word");
	is_long(word(0, "latin9", "utf-8,utf8|cp1252,windows-1252", err,
	    sizeof(err)), 102, "no spelling: exit 2");
	is_str(err, "sg-unit: --opt: expected utf-8 or cp1252, not 'latin9'",
	    "the message gives the first spelling of each word");
	is_long(word(0, "UTF-8", "utf-8,utf8|cp1252", err, sizeof(err)), 102,
	    "sg_opt_word minds the case");
	is_long(word(1, "UTF-8", "utf-8,utf8|cp1252", err, sizeof(err)), 0,
	    "sg_opt_wordcase does not");
	is_long(word(1, "Windows-1252", "utf-8,utf8|cp1252,windows-1252", err,
	    sizeof(err)), 1, "nor in another spelling");
	is_long(word(1, "utf-88", "utf-8,utf8|cp1252", err, sizeof(err)), 102,
	    "but the whole word must match");
	return done_testing();
}
