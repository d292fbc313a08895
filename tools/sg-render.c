/*
 * sg-render: the board-ready table.  Reads the stream and writes it as an
 * aligned text table, a Markdown pipe table, an accessible HTML page (or
 * fragment) or RFC 4180 CSV, with the display rules of a published report:
 * thousands separators, signed changes, percent signs, decimal places per
 * column, symbols shown as the report wants them, and cells coloured by
 * their "X.rag" companion column (man/sg-render.1); or as a one-table
 * workbook, .xlsx or .ods, laid out as sg-book(1) lays out several.  Each format is a
 * module of lib/render/ over one context (render/render.h).
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sg.h"
#include "optab.h"
#include "optval.h"
#include "render/render.h"

/* Options with a long name only, in the order of help's lines (optab.h). */
enum { OPT_COLOUR = SG_OPT_LONG };

static const char help[] =
"usage: sg-render -f text|md|html|csv|xlsx|ods [-t TITLE] [-c CAPTION]\n"
"                 [-n NOTE]... [-T COLS] [-S COLS] [-P COLS] [-d COLS:N]...\n"
"                 [-s SYM=TEXT]...\n"
"                 [-C auto|always|never] [-F] [-L] [-B] [-D] [-R]\n"
"                 [-k FILE | -K]\n"
"                 [-o FILE] [-z] [FILE...]\n"
"       sg-render -E\n"
"Writes the stream as a board-ready table.\n"
"  -f, --format FMT       text (aligned), md (Markdown pipe table), html\n"
"                         (standalone page), csv (RFC 4180), or a workbook:\n"
"                         xlsx or ods; default text\n"
"  -t, --title TEXT       a heading above the table\n"
"  -c, --caption TEXT     the table's caption\n"
"  -n, --note TEXT        a note below the table (repeatable)\n"
"  -T, --thousands COLS   thousands separators: 1,043\n"
"  -S, --signed COLS      a + on positive numbers: +30\n"
"  -P, --pct COLS         a percent sign: 58.4%\n"
"  -d, --dp COLS:N        N decimal places, rounded half away from zero\n"
"  -s, --show SYM=TEXT    show symbol SYM (x z c u low) as TEXT\n"
"                         (default z as N/A, x as /, c as *, low as low)\n"
"  -C, --color WHEN       ANSI colours in text: auto (a terminal),\n"
"                         always, never; default auto\n"
"      --colour WHEN      the same as --color\n"
"  -F, --fragment         html: only the table, notes and key (no page)\n"
"  -L, --landscape        html: print on A4 landscape (default portrait)\n"
"  -B, --bom              begin the output with a UTF-8 byte order mark\n"
"  -D, --display          csv: symbols as displayed (/ N/A * low), not\n"
"                         x z c\n"
"  -R, --raw              csv: no quote before a text cell that begins\n"
"                         with = + - @ TAB or CR (Excel would read a formula)\n"
"  -k, --key FILE         the RAG key: a stream of rating and text\n"
"  -K, --no-key           no RAG key\n"
"  -E, --css              print the style sheet of the html output and exit\n";

/* A column option (-T -S -P -d), kept in order until the header is known. */
struct colopt {
	int	 which;
	char	*spec;
	int	 dp;
};

struct settings {
	struct sg_optval opt;		/* every option, as given last */
	struct sg_render x;
	struct colopt	*copts;
	size_t		 ncopts;
	enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } colorwhen;
	struct sg_common common;
};

static void
print_css(void)
{
	fputs(sg_render_css, stdout);
	fputs(sg_render_page_portrait, stdout);
	if (fflush(stdout) == EOF || ferror(stdout))
		sg_die("write error: standard output");
	exit(SG_EXIT_OK);
}

static void
add_colopt(struct settings *s, int ch, const char *arg)
{
	struct colopt *o;
	const char *colon;

	s->copts = sg_realloc(s->copts, (s->ncopts + 1) * sizeof(*s->copts));
	o = &s->copts[s->ncopts++];
	o->which = ch;
	o->dp = -1;
	if (ch != 'd') {
		o->spec = sg_strdup(arg);
		return;
	}
	colon = strrchr(arg, ':');
	if (colon == NULL || colon == arg)
		sg_die_usage("--dp: not COLS:N: '%s'", arg);
	o->dp = (int)sg_opt_long("--dp", colon + 1, 0, 15);
	o->spec = sg_strndup(arg, (size_t)(colon - arg));
}

static void
set_show(struct sg_render *x, const char *arg)
{
	const char *eq = strchr(arg, '=');
	enum sg_kind kind;
	size_t n;

	if (eq == NULL)
		sg_die_usage("--show: not SYM=TEXT: '%s'", arg);
	n = (size_t)(eq - arg);
	if (n == 1 && arg[0] == 'x')
		kind = SG_X;
	else if (n == 1 && arg[0] == 'z')
		kind = SG_Z;
	else if (n == 1 && arg[0] == 'c')
		kind = SG_C;
	else if (n == 1 && arg[0] == 'u')
		kind = SG_U;
	else if (n == 3 && strncmp(arg, "low", 3) == 0)
		kind = SG_LOW;
	else
		sg_die_usage("--show: not a symbol (x z c u low): '%.*s'",
		    (int)n, arg);
	x->show[kind] = eq + 1;
	x->show_given[kind] = 1;
}

/* One option of the table into the settings: each is kept, and those
 * that take a word, or repeat in order, are read at once. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;
	struct sg_render *x = &s->x;

	sg_optval_keep(&s->opt, ch, arg);
	switch (ch) {
	case 'f':
		x->fmt = (enum sg_render_format)sg_opt_word("--format", arg,
		    "text|md|html|csv|xlsx|ods");
		break;
	case 'n':
		x->notes = sg_realloc(x->notes, (x->nnotes + 1) *
		    sizeof(*x->notes));
		x->notes[x->nnotes++] = arg;
		break;
	case 'T': case 'S': case 'P': case 'd': add_colopt(s, ch, arg); break;
	case 's': set_show(x, arg); break;
	case 'C': case OPT_COLOUR:
		s->colorwhen = sg_opt_word("--color", arg,
		    "auto|always|never");
		break;
	case 'E': print_css(); break;
	}
}

/*
 * A workbook is binary (a zip) and formats its numbers itself (numbers
 * are numeric cells, symbols [c] [x] ...: sg-book(1)), so the display
 * options have nothing to act on and a terminal is no place for it.
 */
static void
settle_book(const struct settings *s)
{
	const struct sg_render *x = &s->x;
	const char *fmt = x->fmt == SG_RENDER_XLSX ? "xlsx" : "ods";
	const char *out = s->common.output;
	enum sg_kind kind;

	if (s->common.gzip)
		sg_die_usage("-z: a workbook is a zip file already");
	if ((out == NULL || strcmp(out, "-") == 0) && isatty(STDOUT_FILENO))
		sg_die_usage("-f %s: a workbook is binary, not for a terminal: "
		    "give -o FILE or redirect standard output", fmt);
	if (s->ncopts > 0)
		sg_die_usage("-f %s: a workbook shows numbers as numbers: "
		    "-T, -S, -P and -d are for text, md, html and csv", fmt);
	for (kind = SG_LOW; kind < SG_BAD; kind++)
		if (x->show_given[kind])
			sg_die_usage("-f %s: a workbook shows symbols as [c] "
			    "[x] ...: --show is for text, md, html and csv",
			    fmt);
	if (s->opt.arg['k'] != NULL)
		sg_die_usage("-f %s: --key is for text, md and html (a "
		    "workbook gives the rating as its letter)", fmt);
	if (x->bom)
		sg_die_usage("-f %s: --bom is for text, md, html and csv", fmt);
}

/* The options that depend on each other, checked and settled. */
static void
settle(struct settings *s)
{
	struct sg_render *x = &s->x;
	enum sg_kind kind;

	if (x->fmt == SG_RENDER_XLSX || x->fmt == SG_RENDER_ODS)
		settle_book(s);

	if (x->fragment && x->fmt != SG_RENDER_HTML)
		sg_die_usage("--fragment: only with -f html");
	if (x->csv_display && x->fmt != SG_RENDER_CSV)
		sg_die_usage("--display: only with -f csv (the other formats "
		    "always display)");
	if (x->csv_raw && x->fmt != SG_RENDER_CSV)
		sg_die_usage("--raw: only with -f csv");
	/*
	 * CSV is data for another program (sg-import, a spreadsheet): the
	 * symbols are written as the stream has them, so that sg-import of
	 * it gives the stream back, unless --display or --show asks for
	 * the display text (sg-render(1)).
	 */
	if (x->fmt == SG_RENDER_CSV && !x->csv_display)
		for (kind = SG_LOW; kind < SG_BAD; kind++)
			if (!x->show_given[kind])
				x->show[kind] = sg_kind_symbol(kind);
	if (s->opt.arg['k'] != NULL && x->nokey)
		sg_die_usage("--key and --no-key: choose one");
	if (s->colorwhen == COLOR_ALWAYS)
		x->color = 1;
	else if (s->colorwhen == COLOR_AUTO)
		x->color = s->common.output == NULL &&
		    isatty(STDOUT_FILENO) && getenv("NO_COLOR") == NULL;
	if (x->fmt != SG_RENDER_TEXT)
		x->color = 0;
}

static void
parse(int argc, char **argv, struct settings *s)
{
	memset(s, 0, sizeof(*s));
	sg_render_init(&s->x);
	sg_optab_parse(help, argc, argv, set_option, s, &s->common);
	s->x.title = s->opt.arg['t'];
	s->x.caption = s->opt.arg['c'];
	s->x.fragment = s->opt.n['F'] > 0;
	s->x.landscape = s->opt.n['L'] > 0;
	s->x.bom = s->opt.n['B'] > 0;
	s->x.csv_display = s->opt.n['D'] > 0;
	s->x.csv_raw = s->opt.n['R'] > 0;
	s->x.nokey = s->opt.n['K'] > 0;
	settle(s);
	s->x.files = s->common.files;
	s->x.nfiles = s->common.nfiles;
}

/* The column options, on the columns the header gave. */
static void
apply_colopts(struct settings *s)
{
	const struct colopt *o;
	size_t k;

	for (k = 0; k < s->ncopts; k++) {
		o = &s->copts[k];
		sg_render_set_cols(&s->x, o->which == 'T' ? "--thousands" :
		    o->which == 'S' ? "--signed" : o->which == 'P' ? "--pct" :
		    "--dp", o->spec, o->which, o->dp);
		free(o->spec);
	}
	free(s->copts);
}

/*
 * A workbook of one table is written by sg-book(1), which lays out
 * several: sg-render runs it, so that sg-render itself does not load
 * libxlsxwriter (and the crypto library behind it), which would add
 * milliseconds to every table it renders.  sg-book is looked for beside
 * this program, then on PATH; it runs under this program's name, so its
 * messages say sg-render.
 */
static char *
book_program(void)
{
	char self[4096], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/')) != NULL) {
			path = sg_malloc((size_t)(slash - self) + 10);
			memcpy(path, self, (size_t)(slash - self) + 1);
			strcpy(path + (slash - self) + 1, "sg-book");
			if (access(path, X_OK) == 0)
				return path;
			free(path);
		}
	}
	return sg_strdup("sg-book");
}

/* The scratch directory of a workbook for standard output. */
static char *scratch_dir, *scratch_file;

static void
remove_scratch(void)
{
	if (scratch_file != NULL)
		unlink(scratch_file);
	if (scratch_dir != NULL)
		rmdir(scratch_dir);
}

/* A scratch file for a workbook that goes to standard output: sg-book
 * writes only to a name. */
static const char *
make_scratch(void)
{
	const char *tmp = getenv("TMPDIR");
	struct sg_buf b = { NULL, 0, 0 };

	sg_buf_printf(&b, "%s/sg-render-XXXXXX", tmp != NULL && *tmp != '\0' ?
	    tmp : "/tmp");
	scratch_dir = b.p;
	if (mkdtemp(scratch_dir) == NULL)
		sg_die("%s: cannot make a scratch directory: %s", scratch_dir,
		    strerror(errno));
	sg_atdie(remove_scratch);
	b.p = NULL;
	b.len = b.cap = 0;
	sg_buf_printf(&b, "%s/workbook", scratch_dir);
	scratch_file = b.p;
	return scratch_file;
}

/* Runs argv (sg-book) and waits for it; exits as it did if it failed. */
static void
run_book(char *prog, char **argv)
{
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) < 0)
		sg_die("cannot run %s: %s", prog, strerror(errno));
	if (pid == 0) {
		execvp(prog, argv);
		sg_die("cannot run %s: %s", prog, strerror(errno));
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			sg_die("%s: %s", prog, strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		/* sg-book has said what was wrong: its status is ours. */
		remove_scratch();
		free(argv);
		free(prog);
		exit(WIFEXITED(status) ? WEXITSTATUS(status) : SG_EXIT_DATA);
	}
}

/* Copies the workbook sg-book made to standard output. */
static void
copy_to_stdout(const char *path)
{
	struct sg_writer *w = sg_writer_open(NULL, 0);

	sg_write_file(w, path, path);
	sg_writer_close(w);
}

/*
 * The Cover is titled -t (or -c, or "Table"), the table's sheet -c (or
 * -t, or its sheet name); -n goes to the Notes sheet.  The sheet is
 * named after the input file, Table_1 for standard input.
 */
static void
render_book(struct settings *s)
{
	const struct sg_render *x = &s->x;
	const char *out = s->common.output;
	char **argv, *prog;
	size_t n = 0, i;

	if (x->nfiles > 1)
		sg_die_usage("-f %s: one table a workbook: sg-book(1) puts "
		    "several in one", x->fmt == SG_RENDER_XLSX ? "xlsx" : "ods");
	argv = sg_calloc(x->nnotes * 2 + 16, sizeof(*argv));
	prog = book_program();
	if (out == NULL || strcmp(out, "-") == 0)
		out = make_scratch();
	argv[n++] = (char *)sg_progname;
	argv[n++] = "-f";
	argv[n++] = x->fmt == SG_RENDER_XLSX ? "xlsx" : "ods";
	argv[n++] = "-o";
	argv[n++] = (char *)out;
	argv[n++] = "-T";
	argv[n++] = (char *)(x->title != NULL ? x->title : x->caption != NULL ?
	    x->caption : "Table");
	if (x->caption != NULL || x->title != NULL) {
		argv[n++] = "-t";
		argv[n++] = (char *)(x->caption != NULL ? x->caption : x->title);
	}
	for (i = 0; i < x->nnotes; i++) {
		argv[n++] = "-N";
		argv[n++] = (char *)x->notes[i];
	}
	if (sg_stdin_label != NULL) {
		argv[n++] = "--label";
		argv[n++] = (char *)sg_stdin_label;
	}
	argv[n++] = "--";
	argv[n++] = x->nfiles == 1 ? x->files[0] : "-";
	run_book(prog, argv);
	if (scratch_file != NULL)
		copy_to_stdout(scratch_file);
	remove_scratch();
	free(scratch_file);
	free(scratch_dir);
	scratch_file = scratch_dir = NULL;
	free(argv);
	free(prog);
}

/* The worker: the inputs, the table in its format, the output. */
static void
render(struct settings *s)
{
	static void (*const write_fmt[])(struct sg_render *) = {
		sg_render_text, sg_render_md, sg_render_html, sg_render_csv
	};
	struct sg_render *x = &s->x;

	if (x->fmt == SG_RENDER_XLSX || x->fmt == SG_RENDER_ODS) {
		render_book(s);
		return;
	}
	/* Display widths of the text format. */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	if (s->opt.arg['k'] != NULL)
		sg_render_read_key(x, s->opt.arg['k']);
	/* A text table of regular files reads them twice (render/text.h). */
	if (x->fmt == SG_RENDER_TEXT)
		sg_render_text_inputs(x);
	x->r = sg_reader_open(x->files, x->nfiles);
	x->hdr = sg_reader_header(x->r);
	sg_render_columns(x);
	apply_colopts(s);
	x->w = sg_writer_open(s->common.output, s->common.gzip);
	if (x->bom)
		sg_write(x->w, "\xef\xbb\xbf", 3);
	write_fmt[x->fmt](x);
	sg_reader_close(x->r);
	sg_writer_close(x->w);
}

int
main(int argc, char **argv)
{
	struct settings s;

	sg_init(argv[0]);
	parse(argc, argv, &s);
	render(&s);
	sg_render_free(&s.x);
	return SG_EXIT_OK;
}
