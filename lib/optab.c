/*
 * optab.c: getopt_long's arrays and the --help text from one table.
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

/* The help column. */
#define HELPCOL	25

static void
add_help(struct sg_buf *b, const struct sg_opt *o)
{
	size_t start = b->len;
	const char *h, *nl;
	char sh[8];

	if (o->ch > 0 && o->ch < 256) {
		sh[0] = ' ';
		sh[1] = ' ';
		sh[2] = '-';
		sh[3] = (char)o->ch;
		sh[4] = ',';
		sh[5] = ' ';
		sh[6] = '\0';
		sg_buf_adds(b, sh);
	} else
		sg_buf_adds(b, "      ");
	sg_buf_adds(b, "--");
	sg_buf_adds(b, o->name);
	if (o->arg != NULL) {
		sg_buf_addc(b, ' ');
		sg_buf_adds(b, o->arg);
	}
	/* An option too long for the column has its help on the next line. */
	if (b->len - start >= HELPCOL - 1) {
		sg_buf_addc(b, '\n');
		start = b->len;
	}
	/* A help of several lines ('\n' between) is indented alike. */
	for (h = o->help; ; h = nl + 1) {
		do
			sg_buf_addc(b, ' ');
		while (b->len - start < HELPCOL);
		nl = strchr(h, '\n');
		sg_buf_add(b, h, nl != NULL ? (size_t)(nl - h) : strlen(h));
		sg_buf_addc(b, '\n');
		if (nl == NULL)
			break;
		start = b->len;
	}
}

static void
add_opt(struct sg_optab *t, size_t *n, struct sg_buf *sh, struct sg_buf *u,
    const struct sg_opt *o)
{
	struct option *lo = &t->longopts[(*n)++];

	lo->name = o->name;
	lo->has_arg = o->arg != NULL ? required_argument : no_argument;
	lo->flag = NULL;
	lo->val = o->ch;
	if (o->ch > 0 && o->ch < 256) {
		sg_buf_addc(sh, o->ch);
		if (o->arg != NULL)
			sg_buf_addc(sh, ':');
	}
	add_help(u, o);
}

void
sg_optab_init(struct sg_optab *t, const char *synopsis,
    const struct sg_opt *opts)
{
	struct sg_buf sh = { NULL, 0, 0 }, u = { NULL, 0, 0 };
	size_t i, n = 0, nopts = 0;

	while (opts[nopts].name != NULL)
		nopts++;
	t->longopts = sg_calloc(nopts + NCOMMON + 1, sizeof(*t->longopts));
	/* A leading ':' is not used: getopt reports errors itself. */
	sg_buf_adds(&sh, "");
	sg_buf_adds(&u, synopsis);
	for (i = 0; i < nopts; i++)
		add_opt(t, &n, &sh, &u, &opts[i]);
	for (i = 0; i < NCOMMON; i++) {
		t->longopts[n++] = common_opts[i];
		if (common_opts[i].val >= 256)
			continue;	/* a long name only */
		sg_buf_addc(&sh, common_opts[i].val);
		if (common_opts[i].has_arg == required_argument)
			sg_buf_addc(&sh, ':');
	}
	sg_buf_adds(&u, SG_COMMON_HELP);
	t->shortopts = sh.p;
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
	free(t->usage);
}

void
sg_optab_parse(const char *synopsis, const struct sg_opt *opts, int argc,
    char **argv, sg_optset *set, void *settings, struct sg_common *common)
{
	struct sg_optab t;
	const char *arg;
	int ch;

	sg_optab_init(&t, synopsis, opts);
	while ((ch = sg_optab_next(&t, argc, argv, &arg)) != -1)
		set(settings, ch, arg);
	*common = t.common;
	common->files = argv + optind;
	common->nfiles = argc - optind;
	sg_optab_free(&t);
}
