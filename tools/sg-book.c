/*
 * sg-book: published tables into one accessible workbook, .xlsx or .ods,
 * laid out as the Government Statistical Service's "Releasing statistics
 * in spreadsheets" asks (man/sg-book.1): Cover, Contents, Notes, then one
 * table a sheet with its title in A1, numbers as numbers, symbols as
 * text, no formula ever.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sg.h"
#include "optab.h"
#include "optval.h"
#include "render/book.h"

/* Options with a long name only, in the order of help's lines (optab.h). */
enum { OPT_TEXT = SG_OPT_LONG };

static const char help[] =
"usage: sg-book -o FILE -T TITLE [-f xlsx|ods] [-t TITLE]... [-n NAME]...\n"
"               [-p TEXT] [-S TEXT] [-c TEXT] [-s TEXT] [-N TEXT]...\n"
"               [-d DATE] [--text COLS] TABLE...\n"
"Writes the tables TABLE... (sg streams; - is standard input) into one\n"
"workbook: a Cover sheet, a Contents sheet with links, a Notes sheet for\n"
"notes and symbols, and a sheet per table.\n"
"  -T, --title TITLE      the workbook's title (the Cover's A1)\n"
"  -f, --format FMT       xlsx or ods (default: from -o's name)\n"
"  -t, --table-title TITLE\n"
"                         the next table's title, in the order of the tables\n"
"                         (default: its sheet name)\n"
"  -n, --sheet NAME       the next table's sheet name (default: the\n"
"                         file's name without .tsv or .gz)\n"
"  -p, --period TEXT      the period the tables cover\n"
"  -S, --source TEXT      where the figures come from\n"
"  -c, --contact TEXT     who to ask about them\n"
"  -s, --profile TEXT     the suppression applied, as the Cover says it\n"
"  -N, --note TEXT        a note for the Notes sheet (repeatable)\n"
"  -d, --date DATE        the date produced, ISO (default: today, or\n"
"                         SOURCE_DATE_EPOCH)\n"
"      --text COLS        columns kept as text in every table\n"
"                         (codes); the first column always is\n";

struct settings {
	struct sg_optval opt;		/* every option, as given last */
	struct sg_book	 book;
	const char	*output;
	enum sg_book_format format;
	const char	**titles;
	size_t		 ntitles;
	const char	**sheets;
	size_t		 nsheets;
	char		**files;	/* the tables */
	int		 nfiles;
};

static enum sg_book_format
format_of(const char *fmt, const char *out)
{
	const char *dot;

	if (fmt == NULL) {
		dot = out != NULL ? strrchr(out, '.') : NULL;
		if (dot == NULL || (strcmp(dot, ".xlsx") != 0 &&
		    strcmp(dot, ".ods") != 0))
			sg_die_usage("-f: give xlsx or ods (the name '%s' does "
			    "not say)", out != NULL ? out : "");
		fmt = dot + 1;
	}
	return (enum sg_book_format)sg_opt_word("--format", fmt, "xlsx|ods");
}

static void
set_date(struct sg_book *b, const char *arg)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	long days;
	time_t t;
	struct tm tm;

	if (arg != NULL) {
		if (!sg_date_parse_iso(arg, strlen(arg), &days))
			sg_die_usage("-d: not an ISO date (YYYY-MM-DD): '%s'",
			    arg);
		sg_ymd_from_days(days, &b->y, &b->m, &b->d);
		return;
	}
	t = epoch != NULL && *epoch != '\0' ? (time_t)sg_opt_long(
	    "SOURCE_DATE_EPOCH", epoch, 0, 253402300799L) : time(NULL);
	gmtime_r(&t, &tm);
	b->y = tm.tm_year + 1900;
	b->m = tm.tm_mon + 1;
	b->d = tm.tm_mday;
}

static const char **
push(const char **list, size_t *n, const char *s)
{
	list = sg_realloc(list, (*n + 1) * sizeof(*list));
	list[(*n)++] = s;
	return list;
}

/* An option's long name, for a message: sg-render(1) runs sg-book under
 * its own name with other letters (its -t is -T here, its -n -N), and
 * the long names mean the same in both. */
static const char *
long_name(int ch)
{
	switch (ch) {
	case 'T': return "--title";
	case 't': return "--table-title";
	case 'n': return "--sheet";
	case 'p': return "--period";
	case 'S': return "--source";
	case 'c': return "--contact";
	case 's': return "--profile";
	default: return "--note";
	}
}

/* One option of the table into the settings: each is kept, and the
 * repeatable ones are listed in order too. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;
	const char *why, *p;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 'T': case 't': case 'n': case 'p': case 'S': case 'c': case 's':
	case 'N':
		/* Text for the workbook's cells: see sg_book_bad_text(). */
		if ((why = sg_book_bad_text(arg, strlen(arg))) != NULL)
			sg_die_usage("%s: %s: '%s'", long_name(ch), why, arg);
		/* And for its properties (the title) and an .ods, which
		 * hold no control character but TAB, LF and CR. */
		for (p = arg; *p != '\0'; p++)
			if (((unsigned char)*p < 0x20 && *p != '\t' &&
			    *p != '\n' && *p != '\r') || *p == 0x7f) {
				struct sg_buf m = { 0 };

				sg_fmt_error_buf(&m, NULL, 0, NULL, "a control "
				    "character, which a workbook cannot hold",
				    arg, strlen(arg));
				sg_die_usage("%s: %s", long_name(ch), m.p);
			}
		break;
	}
	switch (ch) {
	case 't': s->titles = push(s->titles, &s->ntitles, arg); break;
	case 'n': s->sheets = push(s->sheets, &s->nsheets, arg); break;
	case 'N':
		s->book.notes = push(s->book.notes, &s->book.nnotes, arg);
		break;
	}
}

static void
parse(int argc, char **argv, struct settings *s)
{
	const char *const *arg = s->opt.arg;
	struct sg_common common;

	sg_optab_parse(help, argc, argv, set_option, s, &common);
	if (common.gzip)
		sg_die_usage("-z: a workbook is a zip file already");
	if (common.output == NULL || strcmp(common.output, "-") == 0)
		sg_die_usage("-o: give the workbook's file name");
	if (arg['T'] == NULL || *arg['T'] == '\0')
		sg_die_usage("-T: give the workbook's title");
	if (common.nfiles == 0)
		sg_die_usage("give at least one table");
	if (s->ntitles > (size_t)common.nfiles ||
	    s->nsheets > (size_t)common.nfiles)
		sg_die_usage("more -t or -n than tables (%d)", common.nfiles);
	s->output = common.output;
	s->files = common.files;
	s->nfiles = common.nfiles;
	s->format = format_of(arg['f'], common.output);
	set_date(&s->book, arg['d']);
	s->book.title = arg['T'];
	s->book.period = arg['p'];
	s->book.source = arg['S'];
	s->book.contact = arg['c'];
	s->book.profile = arg['s'];
}

/* Every --text name must be a column of some table: a typo would publish a
 * code as a number without a word. */
static void
check_text_cols(const struct settings *s)
{
	char *copy, *p, *save = NULL;
	size_t i, c;

	if (s->opt.arg[OPT_TEXT] == NULL)
		return;
	copy = sg_strdup(s->opt.arg[OPT_TEXT]);
	for (p = strtok_r(copy, ",", &save); p != NULL;
	    p = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < s->book.nt; i++)
			for (c = 0; c < s->book.t[i].ncol; c++)
				if (strcmp(s->book.t[i].col[c].name, p) == 0)
					goto found;
		sg_die_usage("--text: no table has a column '%s'", p);
found:		;
	}
	free(copy);
}

int
main(int argc, char **argv)
{
	static struct settings s;
	int i;

	sg_init(argv[0]);
	/* Names that differ only in case are one name to Excel: C.UTF-8
	 * lets towlower(3) fold more than ASCII (render/book.c). */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	parse(argc, argv, &s);
	for (i = 0; i < s.nfiles; i++)
		sg_book_add(&s.book, s.files[i], (size_t)i < s.ntitles ?
		    s.titles[i] : NULL, (size_t)i < s.nsheets ? s.sheets[i] :
		    NULL, s.opt.arg[OPT_TEXT]);
	check_text_cols(&s);
	sg_book_write(&s.book, s.output, s.format);
	sg_book_free(&s.book);
	free(s.titles);
	free(s.sheets);
	free(s.book.notes);
	return SG_EXIT_OK;
}
