/*
 * sg-import: read what agencies send (CSV, TSV, an .xlsx workbook or an
 * .ods spreadsheet) and write the stream (sg-import(1)).  The readers
 * live in lib/import/; this is their command line.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "textfile.h"
#include "optab.h"
#include "optval.h"
#include "sgre.h"
#include "import/import.h"

static const char help[] =
"usage: sg-import [-f csv|tsv|xlsx] [--sheet NAME|N] [--encoding utf-8|cp1252]\n"
"                 [--skip N] [--map FILE] [--add COL=VALUE] [--pad]\n"
"                 [--reject FILE [--lax]] [--list-sheets] [-o FILE] [-z]\n"
"                 [FILE...]\n"
"\n"
"Reads CSV, TSV, an Excel workbook (.xlsx) or an OpenDocument spreadsheet\n"
"(.ods, read as a workbook) and writes the sg stream.\n"
"\n"
"  -f, --format FMT       csv, tsv or xlsx (default: from the content)\n"
"  -S, --sheet NAME|N     the workbook's sheet, by name or number (default 1)\n"
"  -l, --list-sheets      print the workbook's sheet names and exit\n"
"  -e, --encoding ENC     utf-8 (default, checked strictly) or cp1252\n"
"  -s, --skip N           drop N preamble lines above the header\n"
"  -m, --map FILE         TSV of PCRE2 pattern and column name: renames headers\n"
"  -a, --add COL=VALUE    append a constant column (repeatable)\n"
"  -p, --pad              pad short rows with empty values\n"
"  -r, --reject FILE      write ragged rows to FILE with a reason column\n"
"  -L, --lax              set records with stray quotes aside in the --reject\n"
"                         FILE instead of stopping\n";

/* A --map file being read. */
struct map_file {
	struct sg_import_settings *st;
	const char	*path;
};

/* One line of a --map file: a pattern, a TAB and a column name. */
static void
map_line(char *line, long ln, void *arg)
{
	struct map_file *mf = arg;
	struct sg_import_settings *st = mf->st;
	struct sg_buf where = { NULL, 0, 0 };
	char *tab;

	if ((ln == 1 && strcmp(line, "pattern\tcolumn") == 0) || *line == '\0')
		return;
	tab = strchr(line, '\t');
	if (tab == NULL || tab == line || tab[1] == '\0' ||
	    strchr(tab + 1, '\t') != NULL)
		sg_die("%s:%ld: want a pattern, a TAB and a column name: "
		    "'%.40s'", mf->path, ln, line);
	*tab = '\0';
	sg_buf_printf(&where, "%s:%ld", mf->path, ln);
	st->rules = sg_realloc(st->rules, (st->nrules + 1) * sizeof(*st->rules));
	st->rules[st->nrules].re = sgre_compile(line, 1, where.p);
	st->rules[st->nrules].name = sg_strdup(tab + 1);
	st->nrules++;
	sg_buf_free(&where);
}

static void
read_map(struct sg_import_settings *st, const char *path)
{
	struct map_file mf = { st, path };

	sg_each_line(path, map_line, &mf);
}

static void
add_option(struct sg_import_settings *st, const char *arg)
{
	const char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg)
		sg_die_usage("--add: want COL=VALUE: '%s'", arg);
	if (memchr(arg, '\t', (size_t)(eq - arg)) != NULL ||
	    memchr(arg, '\n', (size_t)(eq - arg)) != NULL)
		sg_die_usage("--add: a column name cannot hold TAB or "
		    "newline: '%s'", arg);
	st->add_name = sg_realloc(st->add_name,
	    (st->nadd + 1) * sizeof(*st->add_name));
	st->add_value = sg_realloc(st->add_value,
	    (st->nadd + 1) * sizeof(*st->add_value));
	st->add_name[st->nadd] = sg_strndup(arg, (size_t)(eq - arg));
	st->add_value[st->nadd] = sg_strdup(eq + 1);
	st->nadd++;
}

/* A debugging aid (sg-import(1), ENVIRONMENT): every quoted record
 * through libcsv, as before lib/csvfast.c. */
static int
csvfast_off(void)
{
	const char *path = getenv("SG_CSV_PATH");

	if (path == NULL || *path == '\0')
		return 0;
	return sg_opt_word("SG_CSV_PATH", path, "fast|libcsv");
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct sg_import_settings *st = v;

	switch (ch) {
	case 'f':
		st->format = (enum sg_import_format)(SG_IMPORT_CSV +
		    sg_opt_word("--format", arg, "csv|tsv|xlsx"));
		break;
	case 'S': st->sheet = arg; break;
	case 'l': st->list = 1; break;
	case 'e':
		/* The names of encodings are not case-sensitive. */
		st->cp1252 = sg_opt_wordcase("--encoding", arg,
		    "utf-8,utf8|cp1252,windows-1252");
		break;
	case 's': st->skip = sg_opt_long("--skip", arg, 0, 1000000); break;
	case 'm': read_map(st, arg); break;
	case 'a': add_option(st, arg); break;
	case 'p': st->pad = 1; break;
	case 'r': st->reject = arg; break;
	case 'L': st->lax = 1; break;
	}
}

static void
parse(int argc, char **argv, struct sg_import_settings *st)
{
	*st = (struct sg_import_settings){ .format = SG_IMPORT_DETECT };
	st->csvfast_off = csvfast_off();
	sg_optab_parse(help, argc, argv, set_option, st,
	    &st->common);
	if (st->lax && st->reject == NULL)
		sg_die_usage("--lax: needs --reject FILE, where the records "
		    "it reads laxly are set aside");
	if (st->reject != NULL && st->common.output != NULL &&
	    strcmp(st->reject, st->common.output) == 0)
		sg_die_usage("--reject and -o name the same file: '%s'",
		    st->reject);
}

static void
settings_free(struct sg_import_settings *st)
{
	size_t i;

	for (i = 0; i < st->nrules; i++) {
		sgre_free(st->rules[i].re);
		free(st->rules[i].name);
	}
	free(st->rules);
	for (i = 0; i < st->nadd; i++) {
		free(st->add_name[i]);
		free(st->add_value[i]);
	}
	free(st->add_name);
	free(st->add_value);
}

/* Imports each file in turn into one stream (standard input if none). */
static void
import(const struct sg_import_settings *st, char **files, int nfiles)
{
	struct sg_import ix;
	int i;

	sg_import_init(&ix, st);
	if (nfiles == 0)
		sg_import_file(&ix, NULL);
	for (i = 0; i < nfiles; i++)
		sg_import_file(&ix, files[i]);
	sg_import_fini(&ix);
}

int
main(int argc, char **argv)
{
	struct sg_import_settings st;

	sg_init(argv[0]);
	parse(argc, argv, &st);
	import(&st, st.common.files, st.common.nfiles);
	settings_free(&st);
	return SG_EXIT_OK;
}
