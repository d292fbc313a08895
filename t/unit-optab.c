/*
 * unit-optab: the grammar of a tool's help text (lib/optab.h), from
 * which getopt_long's arrays are built, and the errors of a malformed
 * one.
 */
#include "config.h"

#include <getopt.h>

#include "sg.h"
#include "optab.h"
#include "tap.h"

/* Every form of the grammar: prose (one line beginning with '-', one
 * indented up to a word), short and long with and without an argument,
 * long only with and without, help on the next line, several lines. */
static const char good[] =
"usage: t [-u COLS] [-w] [--colour WHEN] FILE...\n"
"--longer at the start of a line is prose.\n"
"Operations:\n"
"  count      rows\n"
"  -u, --unique COLS      the key columns\n"
"  -w, --warn             warn only\n"
"      --colour WHEN      the same as --color\n"
"  -C, --color WHEN       colours: auto, always,\n"
"                         never\n"
"      --dry-run          do nothing\n"
"  -9, --polarity high|low|none\n"
"                         which way is better\n"
"                         (default: none)\n";

static void
test_arrays(void)
{
	struct sg_optab t;
	const struct option *lo;
	struct sg_buf want = { NULL, 0, 0 };

	sg_optab_init(&t, good);
	is_str(t.shortopts, "u:wC:9:hVo:z",
	    "shortopts: the short letters, ':' for an argument, then common");
	lo = t.longopts;
	is_str(lo[0].name, "unique", "a short and long option's name");
	is_long(lo[0].has_arg, required_argument, "COLS: an argument");
	is_long(lo[0].val, 'u', "its value is the short letter");
	is_str(lo[1].name, "warn", "an option without an argument");
	is_long(lo[1].has_arg, no_argument, "no ARG: no argument");
	is_long(lo[1].val, 'w', "its value is its letter");
	is_str(lo[2].name, "colour", "a long-only option");
	is_long(lo[2].has_arg, required_argument, "with an argument");
	is_long(lo[2].val, SG_OPT_LONG, "the first long-only is SG_OPT_LONG");
	is_str(lo[3].name, "color", "an option whose help goes on");
	is_long(lo[3].val, 'C', "is read whole");
	is_str(lo[4].name, "dry-run", "a long-only option without argument");
	is_long(lo[4].has_arg, no_argument, "has none");
	is_long(lo[4].val, SG_OPT_LONG + 1,
	    "the second long-only is SG_OPT_LONG + 1");
	is_str(lo[5].name, "polarity", "an option with its help below");
	is_long(lo[5].has_arg, required_argument, "takes its argument");
	is_long(lo[5].val, '9', "a digit is a short option");
	is_str(lo[6].name, "help", "then the common options");
	is_str(lo[10].name, "label", "the last of them");
	ok(lo[11].name == NULL, "and the end of the table");
	sg_buf_adds(&want, good);
	sg_buf_adds(&want, SG_COMMON_HELP);
	is_str(t.usage, want.p, "--help: the text, then the common options");
	free(want.p);
	sg_optab_free(&t);
}

static void
test_parse(void)
{
	char a0[] = "t", a1[] = "-uk,v", a2[] = "--warn", a3[] = "--colour",
	    a4[] = "never", a5[] = "--dry", a6[] = "-o", a7[] = "out",
	    a8[] = "in.tsv";
	char *argv[] = { a0, a1, a2, a3, a4, a5, a6, a7, a8, NULL };
	struct sg_optab t;
	const char *arg;
	struct sg_buf got = { NULL, 0, 0 };
	char one[64];
	int ch;

	optind = 0;
	sg_optab_init(&t, good);
	while ((ch = sg_optab_next(&t, 9, argv, &arg)) != -1) {
		snprintf(one, sizeof(one), "%d=%s ", ch, arg ? arg : "-");
		sg_buf_adds(&got, one);
	}
	is_str(got.p, "117=k,v 119=- 256=never 257=- ",
	    "options come back as their values, long-only ones 256 on, "
	    "an abbreviation as its option");
	is_str(t.common.output, "out", "-o is taken as a common option");
	is_long(optind, 8, "the operands follow");
	free(got.p);
	sg_optab_free(&t);
}

/* What dies: sg_optab_init() of a help text. */
static void
init_child(void *help)
{
	struct sg_optab t;

	sg_optab_init(&t, help);
	sg_optab_free(&t);
}

static void
bad(const char *help, const char *want, const char *what)
{
	char err[512];

	is_long(tap_child(init_child, (void *)help, err, sizeof(err)),
	    SG_EXIT_DATA, "%s: dies", what);
	is_str(err, want, "%s: names the line", what);
}

#define USAGE	"usage: t\n"
#define GOOD	"  -u, --unique COLS      the key columns\n"

static void
test_errors(void)
{
	bad(USAGE " -u, --unique COLS      the key columns\n",
	    "unit-optab: help text: not an option line: "
	    "' -u, --unique COLS      the key columns'",
	    "an option indented by one space");
	bad(USAGE "  -u --unique COLS      the key columns\n",
	    "unit-optab: help text: not an option line: "
	    "'  -u --unique COLS      the key columns'",
	    "a comma left out");
	bad(USAGE "  -u, -unique COLS      the key columns\n",
	    "unit-optab: help text: not an option line: "
	    "'  -u, -unique COLS      the key columns'",
	    "a long option with one dash");
	bad(USAGE "  -u, --Unique COLS      the key columns\n",
	    "unit-optab: help text: not a long name of a-z, 0-9 and -: "
	    "'  -u, --Unique COLS      the key columns'",
	    "a capital in a long name");
	bad(USAGE "  -u, --unique=COLS     the key columns\n",
	    "unit-optab: help text: not a long name of a-z, 0-9 and -: "
	    "'  -u, --unique=COLS     the key columns'",
	    "--name=ARG");
	bad(USAGE "  -u, --unique COLS     the key columns\n",
	    "unit-optab: help text: help not at column 25: "
	    "'  -u, --unique COLS     the key columns'",
	    "help a column early");
	bad(USAGE "  -u, --unique COLS the key columns\n",
	    "unit-optab: help text: help not at column 25: "
	    "'  -u, --unique COLS the key columns'",
	    "help one space after the argument");
	bad(USAGE "  -u, --unique CO\tLS   the key columns\n",
	    "unit-optab: help text: argument name not printable ASCII: "
	    "'  -u, --unique CO\tLS   the key columns'",
	    "a tab in an argument's name");
	bad(USAGE "  -u, --unique COLS\n" GOOD,
	    "unit-optab: help text: option without help: "
	    "'  -u, --unique COLS'",
	    "an option with no help before the next");
	bad(USAGE GOOD "  -w, --warn\n",
	    "unit-optab: help text: option without help: '  -w, --warn'",
	    "the last option with no help");
	bad(USAGE GOOD "  -u, --upper            upper case\n",
	    "unit-optab: help text: short option given twice: "
	    "'  -u, --upper            upper case'",
	    "a short letter twice");
	bad(USAGE GOOD "      --unique COLS      again\n",
	    "unit-optab: help text: long option given twice: "
	    "'      --unique COLS      again'",
	    "a long name twice");
	bad(USAGE "  -o, --out FILE         write FILE\n",
	    "unit-optab: help text: short option given twice: "
	    "'  -o, --out FILE         write FILE'",
	    "a common short option");
	bad(USAGE "      --label NAME       a label\n",
	    "unit-optab: help text: long option given twice: "
	    "'      --label NAME       a label'",
	    "a common long option");
	bad(USAGE GOOD "Operations:\n",
	    "unit-optab: help text: not an option line: 'Operations:'",
	    "prose after the options");
	bad(USAGE GOOD "\n",
	    "unit-optab: help text: not an option line: ''",
	    "a blank line among the options");
	bad(USAGE GOOD "                        more\n",
	    "unit-optab: help text: not an option line: "
	    "'                        more'",
	    "a continuation a column short");
	bad(USAGE "                         --colour is --color\n" GOOD,
	    "unit-optab: help text: help before any option: "
	    "'                         --colour is --color'",
	    "a continuation before any option");
	bad(USAGE GOOD "  -w, --warn             warn only",
	    "unit-optab: help text: no newline at the end: "
	    "'  -w, --warn             warn only'",
	    "a last line without a newline");
}

int
main(int argc, char **argv)
{
	(void)argc;
	sg_init(argv[0]);
	test_arrays();
	test_parse();
	test_errors();
	return done_testing();
}
