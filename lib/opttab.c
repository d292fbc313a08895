/*
 * opttab.c: getopt_long's arrays and the --help text from one table.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "opttab.h"

static const struct option common[] = { SG_COMMON_LONGOPTS };
#define NCOMMON	(sizeof(common) / sizeof(common[0]))

void
sg_optset_build(struct sg_optset *s, const struct sg_opt *opts,
    const char *synopsis, const char *about)
{
	struct sg_buf u = { 0 }, so = { 0 };
	size_t n, i, w;
	char left[128];

	for (n = 0; opts[n].name != NULL; n++)
		;
	s->longopts = sg_calloc(n + NCOMMON + 1, sizeof(*s->longopts));
	sg_buf_adds(&u, synopsis);
	sg_buf_adds(&u, about);
	for (i = 0; i < n; i++) {
		const struct sg_opt *o = &opts[i];
		const char *h, *nl;

		s->longopts[i] = (struct option){ o->name, o->arg != NULL ?
		    required_argument : no_argument, NULL, o->ch };
		if (o->ch < 256) {
			sg_buf_addc(&so, o->ch);
			if (o->arg != NULL)
				sg_buf_addc(&so, ':');
			snprintf(left, sizeof(left), "  -%c, --%s%s%s",
			    o->ch, o->name, o->arg ? " " : "",
			    o->arg ? o->arg : "");
		} else
			snprintf(left, sizeof(left), "      --%s%s%s", o->name,
			    o->arg ? " " : "", o->arg ? o->arg : "");
		sg_buf_adds(&u, left);
		/* The help column starts at 26, as in SG_COMMON_HELP. */
		w = strlen(left);
		if (w >= 24) {
			sg_buf_addc(&u, '\n');
			w = 0;
		}
		for (h = o->help; ; h = nl + 1) {
			for (; w < 25; w++)
				sg_buf_addc(&u, ' ');
			nl = strchr(h, '\n');
			sg_buf_add(&u, h, nl != NULL ? (size_t)(nl - h) :
			    strlen(h));
			sg_buf_addc(&u, '\n');
			w = 0;
			if (nl == NULL)
				break;
		}
	}
	for (i = 0; i < NCOMMON; i++)
		s->longopts[n + i] = common[i];
	sg_buf_adds(&so, SG_COMMON_SHORTOPTS);
	sg_buf_adds(&u, SG_COMMON_HELP);
	s->shortopts = so.p;
	s->usage = u.p;
}

void
sg_optset_free(struct sg_optset *s)
{
	free(s->longopts);
	free(s->shortopts);
	free(s->usage);
}
