/*
 * optab.c: getopt_long's arrays from a tool's --help text (the grammar
 * is in optab.h).
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "optab.h"

/* The options every tool shares, as sg.h gives them: their help lines
 * come from SG_COMMON_HELP, so the two never drift apart. */
static const struct option common_opts[] = { SG_COMMON_LONGOPTS };
#define NCOMMON	(sizeof(common_opts) / sizeof(common_opts[0]))

/* The state of sg_optab_init() through the option lines. */
struct reader {
	struct sg_optab	*t;
	size_t		 n;		/* longopts filled */
	int		 nlong;		/* long-only options so far */
	size_t		 nameslen;
	struct sg_buf	 sh;		/* the shortopts */
};

/* A malformed help text is the tool's bug, not the user's: die loudly,
 * with the line, rather than drop an option. */
static void SG_NORETURN
bad_line(const char *line, const char *why)
{
	sg_die("help text: %s: '%.*s'", why, (int)strcspn(line, "\n"), line);
}

/* Letters and digits in ASCII, whatever the locale. */
static int
is_alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_name(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static int
long_taken(const struct reader *r, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strlen(r->t->longopts[i].name) == len &&
		    memcmp(r->t->longopts[i].name, name, len) == 0)
			return 1;
	for (i = 0; i < NCOMMON; i++)
		if (strlen(common_opts[i].name) == len &&
		    memcmp(common_opts[i].name, name, len) == 0)
			return 1;
	return 0;
}

/*
 * Takes one option line into the arrays; returns whether its help is on
 * the line (else it must follow on continuation lines).
 */
static int
read_opt(struct reader *r, const char *line)
{
	struct option *lo;
	const char *p, *name;
	size_t len;
	int val, has_arg = no_argument;

	if (strncmp(line, "  -", 3) == 0 && is_alnum((unsigned char)line[3]) &&
	    strncmp(line + 4, ", --", 4) == 0) {
		val = (unsigned char)line[3];
		if (strchr(r->sh.p, val) != NULL ||
		    strchr(SG_COMMON_SHORTOPTS, val) != NULL)
			bad_line(line, "short option given twice");
	} else if (strncmp(line, "      --", 8) == 0) {
		val = SG_OPT_LONG + r->nlong++;
		if (val >= SG_OPT_LABEL)
			bad_line(line, "too many long-only options");
	} else
		bad_line(line, "not an option line");
	name = p = line + 8;
	while (is_name((unsigned char)*p))
		p++;
	len = (size_t)(p - name);
	if (len == 0 || name[0] == '-' || (*p != ' ' && *p != '\n'))
		bad_line(line, "not a long name of a-z, 0-9 and -");
	if (long_taken(r, name, len))
		bad_line(line, "long option given twice");
	if (p[0] == ' ' && p[1] != ' ' && p[1] != '\n') {
		has_arg = required_argument;
		for (p++; *p != ' ' && *p != '\n'; p++)
			if (*p < '!' || *p > '~')
				bad_line(line, "argument name not printable "
				    "ASCII");
	}

	lo = &r->t->longopts[r->n++];
	lo->name = memcpy(r->t->names + r->nameslen, name, len);
	r->t->names[r->nameslen + len] = '\0';
	r->nameslen += len + 1;
	lo->has_arg = has_arg;
	lo->flag = NULL;
	lo->val = val;
	if (val < SG_OPT_LONG) {
		sg_buf_addc(&r->sh, val);
		if (has_arg == required_argument)
			sg_buf_addc(&r->sh, ':');
	}

	if (*p == '\n')
		return 0;
	len = strspn(p, " ");
	if (len < 2 || p + len - line != SG_OPT_HELPCOL || p[len] == '\n')
		bad_line(line, "help not at column 25");
	return 1;
}

/* Whether line is a continuation: the help column's spaces, then text. */
static int
is_cont(const char *line)
{
	size_t len = strspn(line, " ");

	return len == SG_OPT_HELPCOL && line[len] != '\n';
}

void
sg_optab_init(struct sg_optab *t, const char *help)
{
	struct reader r;
	struct sg_buf u = { NULL, 0, 0 };
	const char *line, *nl, *needhelp = NULL;
	size_t i, nlines = 0;
	int inopts = 0;

	for (line = help; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		nlines++;
	if (*line != '\0')
		bad_line(line, "no newline at the end");
	t->longopts = sg_calloc(nlines + NCOMMON + 1, sizeof(*t->longopts));
	t->names = sg_malloc(strlen(help) + 1);
	memset(&r, 0, sizeof(r));
	r.t = t;
	/* A leading ':' is not used: getopt reports errors itself. */
	sg_buf_adds(&r.sh, "");
	for (line = help; *line != '\0'; line = strchr(line, '\n') + 1) {
		if (!inopts)
			inopts = line[0] == ' ' && line[strspn(line, " ")] == '-';
		if (!inopts)
			continue;
		if (needhelp != NULL && is_cont(line)) {
			needhelp = NULL;
			continue;
		}
		if (needhelp != NULL)
			bad_line(needhelp, "option without help");
		if (is_cont(line)) {
			if (r.n == 0)
				bad_line(line, "help before any option");
			continue;
		}
		if (!read_opt(&r, line))
			needhelp = line;
	}
	if (needhelp != NULL)
		bad_line(needhelp, "option without help");

	for (i = 0; i < NCOMMON; i++) {
		t->longopts[r.n++] = common_opts[i];
		if (common_opts[i].val >= 256)
			continue;	/* a long name only */
		sg_buf_addc(&r.sh, common_opts[i].val);
		if (common_opts[i].has_arg == required_argument)
			sg_buf_addc(&r.sh, ':');
	}
	sg_buf_adds(&u, help);
	sg_buf_adds(&u, SG_COMMON_HELP);
	t->shortopts = r.sh.p;
	t->usage = u.p;
	t->common.output = NULL;
	t->common.gzip = 0;
}

int
sg_optab_next(struct sg_optab *t, int argc, char **argv, const char **arg)
{
	int ch;

	/*
	 * getopt names the program by argv[0] in its messages; a tool run
	 * by its full path (a wrapper, valgrind) would print the path.
	 */
	argv[0] = (char *)sg_progname;
	for (;;) {
		ch = getopt_long(argc, argv, t->shortopts, t->longopts, NULL);
		*arg = optarg;
		if (ch == -1)
			return -1;
		if (ch == '?' || ch == ':')
			sg_usage_error();
		if (!sg_common_opt(ch, optarg, &t->common, t->usage))
			return ch;
	}
}

void
sg_optab_free(struct sg_optab *t)
{
	free(t->longopts);
	free(t->shortopts);
	free(t->names);
	free(t->usage);
}

void
sg_optab_parse(const char *help, int argc, char **argv, sg_optset *set,
    void *settings, struct sg_common *common)
{
	struct sg_optab t;
	const char *arg;
	int ch;

	sg_optab_init(&t, help);
	while ((ch = sg_optab_next(&t, argc, argv, &arg)) != -1)
		set(settings, ch, arg);
	*common = t.common;
	common->files = argv + optind;
	common->nfiles = argc - optind;
	sg_optab_free(&t);
}
