/*
 * book.c: the tables of a workbook, read from the stream and classified
 * column by column, and the parts every format shares (the Cover and
 * Notes sheets' lines, the atomic write).  The writers are render/xlsx.c
 * and render/ods.c.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wctype.h>

#include "sg.h"
#include "markup.h"
#include "render/book.h"

/* Characters a sheet name may not hold (Excel's rule, which LibreOffice
 * shares). */
#define SHEET_BAD	"[]:*?/\\"
#define SHEET_MAX	31

/* A control character (C0 or DEL): XML 1.0 holds none but TAB, LF and
 * CR, and a sheet name none at all. */
static int
is_ctl(char c)
{
	return (unsigned char)c < 0x20 || c == 0x7f;
}

static size_t
utf8_chars(const char *s, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			k++;
	return k;
}

const char *
sg_book_bad_text(const char *s, size_t n)
{
	size_t i = 0, k;
	unsigned cp;

	while (i < n) {
		/* Every cell comes here: ASCII is always fine. */
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		k = sg_utf8_next(s + i, n - i, &cp);
		/* A U+FFFD written as such is three bytes; one byte that
		 * reads as U+FFFD is not UTF-8. */
		if (cp == 0xfffd && k == 1)
			return "not UTF-8, which a workbook cannot hold";
		if (cp == 0xfffe || cp == 0xffff)
			return "U+FFFE or U+FFFF, which a workbook cannot hold";
		i += k;
	}
	return NULL;
}

/*
 * Whether names a and b are the same to Excel, which ignores case in the
 * names of a table's columns and of sheets ("Total" and "total", "Ä" and
 * "ä"): towlower(3), so letters beyond ASCII fold too where LC_CTYPE is
 * a UTF-8 one (sg-book sets C.UTF-8).
 */
static int
same_name(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b), i = 0, j = 0;
	unsigned ca, cb;

	while (i < na && j < nb) {
		i += sg_utf8_next(a + i, na - i, &ca);
		j += sg_utf8_next(b + j, nb - j, &cb);
		if (ca != cb && towlower((wint_t)ca) != towlower((wint_t)cb))
			return 0;
	}
	return i == na && j == nb;
}

/* The widest line of a cell, in characters. */
static size_t
text_width(const char *s, size_t n)
{
	size_t best = 0, start = 0, i, w;

	for (i = 0; i <= n; i++)
		if (i == n || s[i] == '\n') {
			w = utf8_chars(s + start, i - start);
			if (w > best)
				best = w;
			start = i + 1;
		}
	return best;
}

size_t
sg_book_fmt_num(const char *s, size_t n, int dp, char *buf)
{
	size_t i = 0, o = 0, digits, k;
	const char *dot = memchr(s, '.', n);
	int have;

	/* s is a strict number (man/sg.7): digits, a '.', digits; dp is at
	 * least its decimals, so showing it is grouping and padding only. */
	if (s[0] == '-')
		buf[o++] = s[i++];
	digits = (dot != NULL ? (size_t)(dot - s) : n) - i;
	for (k = 0; k < digits; k++) {
		if (k > 0 && (digits - k) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = s[i + k];
	}
	have = dot != NULL ? (int)(s + n - dot - 1) : 0;
	if (dp > 0) {
		buf[o++] = '.';
		memcpy(buf + o, s + n - have, (size_t)have);
		o += (size_t)have;
		for (; have < dp; have++)
			buf[o++] = '0';
	}
	buf[o] = '\0';
	return o;
}

/*
 * A number Excel holds exactly as the stream writes it: a strict number
 * (man/sg.7) with no leading zero, not "-0", and at most 15 significant
 * digits and 15 decimals, so that a code such as "007" or a 16-digit
 * reference stays text.
 * Sets *dp to its decimals.
 */
static int
exact_number(const char *s, size_t n, double *v, int *dp)
{
	size_t i = 0, sig = 0, j;
	const char *dot;

	if (n > 40 || !sg_num_parse(s, n, v))
		return 0;
	if (s[0] == '-')
		i = 1;
	if (s[i] == '0' && i + 1 < n && s[i + 1] != '.')
		return 0;
	if (*v == 0 && s[0] == '-')
		return 0;
	for (j = i; j < n; j++)
		if (s[j] >= '0' && s[j] <= '9' && (sig > 0 || s[j] != '0'))
			sig++;
	if (sig > 15)
		return 0;
	dot = memchr(s, '.', n);
	*dp = dot != NULL ? (int)(s + n - dot - 1) : 0;
	/* A spreadsheet's number format shows at most 15 decimals. */
	return *dp <= 15;
}

/*
 * An ISO date a spreadsheet holds as a date.  Excel's dates begin at
 * 1900-01-01 (serial 1): 1899-12-31 would be serial 0, shown 1900-01-00,
 * and an earlier date a negative serial, shown #####, so such a date is
 * a text cell (in .ods too, so that both formats make the same
 * workbook); *early says it was one.
 */
static int
iso_date(const char *s, size_t n, int *y, int *m, int *d, int *early)
{
	long days;

	*early = 0;
	if (n != 10 || !sg_date_parse_iso(s, n, &days))
		return 0;
	if (days < sg_days_from_ymd(1900, 1, 1)) {
		*early = 1;
		return 0;
	}
	sg_ymd_from_days(days, y, m, d);
	return 1;
}

/* A symbol as a spreadsheet shows it: "[c]", as the GSS guidance writes
 * symbols in tables.  SG_BAD never reaches here (classify() made such a
 * column text). */
static const char *
bracketed(enum sg_kind k)
{
	static char text[SG_BAD + 1][16];
	const char *sym = sg_kind_symbol(k);

	if (sym == NULL)
		sym = "x";
	if (text[k][0] == '\0')
		snprintf(text[k], sizeof(text[k]), "[%s]", sym);
	return text[k];
}

void
sg_book_cell(const struct sg_book_table *t, size_t r, size_t c,
    struct sg_book_cell *out)
{
	const char *s = t->cell[r * t->ncol + c];
	size_t n = t->len[r * t->ncol + c];
	int dp, early;

	out->text = s;
	out->len = n;
	out->kind = SG_CELL_STR;
	if (t->col[c].kind == SG_COL_TEXT)
		return;
	if (t->col[c].kind == SG_COL_NUM && exact_number(s, n, &out->num, &dp)) {
		out->kind = SG_CELL_NUM;
		return;
	}
	if (t->col[c].kind == SG_COL_DATE && iso_date(s, n, &out->y, &out->m,
	    &out->d, &early)) {
		out->kind = SG_CELL_DATE;
		return;
	}
	/* A number or date the spreadsheet cannot hold as written stays
	 * text, as written, in its numeric or date column. */
	if ((out->sym = sg_symbol_parse(s, n)) == SG_BAD)
		return;
	out->kind = SG_CELL_SYM;
	out->text = bracketed(out->sym);
	out->len = strlen(out->text);
}

/* Decides what column c holds, and its decimals and width. */
static void
classify(struct sg_book_table *t, size_t c, int text)
{
	struct sg_book_col *col = &t->col[c];
	int nums = 0, dates = 0, others = 0, inexact = 0, early = 0, dp, y, m,
	    d, e;
	size_t r, w;
	double v;
	char buf[SG_BOOK_NUMBUF];

	col->dp = 0;
	for (r = 0; r < t->nrow && !text; r++) {
		const char *s = t->cell[r * t->ncol + c];
		size_t n = t->len[r * t->ncol + c];

		if (exact_number(s, n, &v, &dp)) {
			nums++;
			if (dp > col->dp)
				col->dp = dp;
		} else if (sg_num_parse(s, n, &v))
			inexact++;
		else if (iso_date(s, n, &y, &m, &d, &e))
			dates++;
		else if (e)
			early++;
		else if (sg_symbol_parse(s, n) == SG_BAD)
			others++;
	}
	/* A number or date a spreadsheet cannot hold (007, -0, 16 digits,
	 * 1899-12-31) is still a number or a date: its column is numeric or
	 * of dates when it has one the spreadsheet can hold, and that one
	 * cell is text.  A column of codes only (007, 010) is text. */
	if (text || others > 0 || (nums + inexact > 0 && dates + early > 0) ||
	    nums + dates == 0)
		col->kind = SG_COL_TEXT;
	else
		col->kind = nums > 0 ? SG_COL_NUM : SG_COL_DATE;
	/* The widths, and the symbols met (a text column holds labels, not
	 * symbols), in one more pass. */
	col->width = text_width(col->name, strlen(col->name));
	for (r = 0; r < t->nrow; r++) {
		struct sg_book_cell cell;

		sg_book_cell(t, r, c, &cell);
		if (cell.kind == SG_CELL_SYM)
			t->symbols |= 1 << cell.sym;
		if (cell.kind == SG_CELL_NUM)
			w = sg_book_fmt_num(cell.text, cell.len, col->dp,
			    buf);
		else
			w = text_width(cell.text, cell.len);
		if (w > col->width)
			col->width = w;
	}
}

static int
in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list, *e;

	if (list == NULL)
		return 0;
	if (strcmp(list, name) == 0)
		return 1;
	while (*p != '\0') {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if ((size_t)(e - p) == n && memcmp(p, name, n) == 0)
			return 1;
		p = *e == ',' ? e + 1 : e;
	}
	return 0;
}

/* The sheet name from a file's name: its last component without the
 * extensions sg reads (.tsv, .txt, .gz), cut to 31 characters. */
static char *
sheet_from_path(const char *path, size_t index)
{
	const char *base = strrchr(path, '/');
	char *s, *dot;
	char num[32];
	size_t n;

	if (strcmp(path, "-") == 0) {
		snprintf(num, sizeof(num), "Table_%zu", index + 1);
		return sg_strdup(num);
	}
	s = sg_strdup(base != NULL ? base + 1 : path);
	while ((dot = strrchr(s, '.')) != NULL && dot != s &&
	    (strcmp(dot, ".gz") == 0 || strcmp(dot, ".tsv") == 0 ||
	    strcmp(dot, ".txt") == 0))
		*dot = '\0';
	for (char *p = s; *p != '\0'; p++)
		if (strchr(SHEET_BAD, *p) != NULL || is_ctl(*p))
			*p = '_';
	/* Cut at a character boundary. */
	n = strlen(s);
	if (utf8_chars(s, n) > SHEET_MAX) {
		size_t k = 0, i;
		for (i = 0; i < n; i++)
			if (((unsigned char)s[i] & 0xc0) != 0x80 &&
			    ++k > SHEET_MAX)
				break;
		s[i] = '\0';
	}
	/* Nor may it begin or end with ' (check_sheet()), also once cut. */
	if (s[0] == '\'')
		s[0] = '_';
	if (s[0] != '\0' && s[strlen(s) - 1] == '\'')
		s[strlen(s) - 1] = '_';
	return s;
}

static void
check_sheet(const struct sg_book *b, const char *name)
{
	static const char *const reserved[] = { "Cover", "Contents", "Notes",
	    "History" };
	size_t i, n = strlen(name);
	const char *why;

	if (n == 0)
		sg_die_usage("a sheet name is empty");
	if ((why = sg_book_bad_text(name, n)) != NULL)
		sg_die_usage("sheet name '%s': %s", name, why);
	for (i = 0; i < n; i++)
		if (is_ctl(name[i])) {
			struct sg_buf m = { 0 };

			/* In an attribute, where XML cannot hold it, or
			 * reads back as a space: another name. */
			sg_fmt_error_buf(&m, NULL, 0, NULL, "a sheet name "
			    "holds a control character, which it cannot",
			    name, n);
			sg_die_usage("%s", m.p);
		}
	if (utf8_chars(name, n) > SHEET_MAX)
		sg_die_usage("sheet name '%s' is over %d characters", name,
		    SHEET_MAX);
	if (strpbrk(name, SHEET_BAD) != NULL || name[0] == '\'' ||
	    name[n - 1] == '\'')
		sg_die_usage("sheet name '%s' holds a character a sheet name "
		    "cannot ([ ] : * ? / \\, or ' at either end)", name);
	for (i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcasecmp(name, reserved[i]) == 0)
			sg_die_usage("sheet name '%s' is the workbook's own "
			    "(Cover, Contents, Notes and History are)", name);
	for (i = 0; i < b->nt; i++)
		if (same_name(name, b->t[i].sheet))
			sg_die_usage("two tables would share the sheet name "
			    "'%s' (name them with -n)", name);
}

void
sg_book_add(struct sg_book *b, const char *path, const char *title,
    const char *sheet, const char *textcols)
{
	struct sg_book_table *t;
	struct sg_reader *r;
	const struct sg_record *h;
	struct sg_record rec;
	char *files[1];
	size_t c, cap = 64;

	b->t = sg_realloc(b->t, (b->nt + 1) * sizeof(*b->t));
	t = &b->t[b->nt];
	memset(t, 0, sizeof(*t));
	t->sheet = sheet != NULL ? sg_strdup(sheet) : sheet_from_path(path,
	    b->nt);
	check_sheet(b, t->sheet);
	t->title = sg_strdup(title != NULL ? title : t->sheet);

	if (b->arena == NULL)
		b->arena = sg_arena_new();
	files[0] = (char *)path;
	r = sg_reader_open(files, 1);
	h = sg_reader_header(r);
	t->ncol = h->n;
	t->col = sg_calloc(t->ncol, sizeof(*t->col));
	for (c = 0; c < t->ncol; c++) {
		size_t n;
		const char *why;

		t->col[c].name = sg_strndup(h->f[c], h->len[c]);
		/* The reader refuses two columns of one name, which an
		 * Excel table could not hold either. */
		n = sg_unescape(t->col[c].name, h->len[c]);
		t->col[c].name[n] = '\0';
		if ((why = sg_book_bad_text(t->col[c].name, n)) != NULL)
			sg_data_error(sg_reader_file(r), 1, NULL, why,
			    t->col[c].name, n);
		for (size_t k = 0; k < c; k++)
			if (same_name(t->col[k].name, t->col[c].name))
				sg_die("%s:1: columns '%s' and '%s' differ only "
				    "in case, which an Excel table cannot hold "
				    "(it would rename one)", sg_reader_file(r),
				    t->col[k].name, t->col[c].name);
	}
	t->cell = sg_malloc(cap * t->ncol * sizeof(*t->cell));
	t->len = sg_malloc(cap * t->ncol * sizeof(*t->len));
	while (sg_read(r, &rec)) {
		if (t->nrow == cap) {
			cap *= 2;
			t->cell = sg_realloc(t->cell, cap * t->ncol *
			    sizeof(*t->cell));
			t->len = sg_realloc(t->len, cap * t->ncol *
			    sizeof(*t->len));
		}
		for (c = 0; c < t->ncol; c++) {
			char *s = sg_arena_strndup(b->arena, rec.f[c],
			    rec.len[c]);
			size_t n = sg_unescape(s, rec.len[c]);
			const char *why;

			t->cell[t->nrow * t->ncol + c] = s;
			t->len[t->nrow * t->ncol + c] = n;
			s[n] = '\0';
			if ((why = sg_book_bad_text(s, n)) != NULL)
				sg_data_error(sg_reader_file(r),
				    sg_reader_line(r), t->col[c].name, why, s,
				    n);
		}
		t->nrow++;
	}
	if (t->nrow == 0)
		sg_die("%s: the table has no rows: an empty table is not "
		    "published", sg_reader_file(r));
	sg_reader_close(r);
	for (c = 0; c < t->ncol; c++)
		classify(t, c, c == 0 || in_list(textcols, t->col[c].name));
	b->symbols |= t->symbols;
	b->nt++;
}

static size_t
book_cover(const struct sg_book *b, struct sg_book_line *out,
    char *datebuf)
{
	size_t n = 0;

	if (b->period != NULL)
		out[n++] = (struct sg_book_line){ "Period covered", b->period };
	if (b->source != NULL)
		out[n++] = (struct sg_book_line){ "Source", b->source };
	if (b->contact != NULL)
		out[n++] = (struct sg_book_line){ "Contact", b->contact };
	out[n++] = (struct sg_book_line){ "Suppression", b->profile != NULL ?
	    b->profile : "none: not for publication" };
	snprintf(datebuf, 11, "%04d-%02d-%02d", b->y, b->m, b->d);
	out[n++] = (struct sg_book_line){ "Date produced", datebuf };
	out[n++] = (struct sg_book_line){ "Contents",
	    "The Contents sheet lists every table, with a link to it." };
	if (b->nnotes > 0 || b->symbols != 0)
		out[n++] = (struct sg_book_line){ "Notes",
		    "The Notes sheet gives the notes and the meaning of the "
		    "symbols in the tables." };
	return n;
}

static size_t
book_notes(const struct sg_book *b, struct sg_book_line *out,
    char (*numbuf)[32])
{
	/* The meanings, from man/sg.7 and the GSS guidance on symbols. */
	static const struct { const char *sym, *text; } meaning[] = {
		{ "c", "Confidential: suppressed so that a small number, or "
		    "one that could be worked out from the others, is not "
		    "published." },
		{ "x", "Not available." },
		{ "u", "Low reliability." },
		{ "z", "Not applicable." },
		{ "low", "Rounds to zero, but is not zero." },
	};
	size_t n = 0, i, j;
	int k;

	for (i = 0; i < b->nnotes; i++) {
		snprintf(numbuf[i], 32, "Note %zu", i + 1);
		out[n++] = (struct sg_book_line){ numbuf[i], b->notes[i] };
	}
	/* In the order of precedence (man/sg.7): c first. */
	for (k = SG_BAD - 1; k > SG_NUM; k--) {
		if (!(b->symbols & (1 << k)))
			continue;
		for (j = 0; j < sizeof(meaning) / sizeof(meaning[0]); j++)
			if (strcmp(meaning[j].sym, sg_kind_symbol(k)) == 0)
				break;
		out[n++] = (struct sg_book_line){ bracketed(k), j <
		    sizeof(meaning) / sizeof(meaning[0]) ? meaning[j].text :
		    "A symbol of UK official statistics: see man sg(7)." };
	}
	return n;
}

void
sg_book_front(const struct sg_book *b, struct sg_book_front *f)
{
	size_t i, n;

	memset(f, 0, sizeof(*f));
	f->s[0] = (struct sg_book_sheet){ "Cover", b->title,
	    "About these tables.", { "Item", "Detail" }, "Cover_table",
	    f->cover, book_cover(b, f->cover, f->date), 0 };
	f->contents = sg_calloc(b->nt + 1, sizeof(*f->contents));
	for (i = 0; i < b->nt; i++)
		f->contents[i] = (struct sg_book_line){ b->t[i].sheet,
		    b->t[i].title };
	f->s[1] = (struct sg_book_sheet){ "Contents", "Contents",
	    "This worksheet contains one table: the tables of this workbook, "
	    "each with a link to its sheet.", { "Sheet name", "Table title" },
	    "Contents_table", f->contents, b->nt, 1 };
	f->n = 2;
	f->notes = sg_calloc(b->nnotes + 8, sizeof(*f->notes));
	f->numbuf = sg_calloc(b->nnotes + 1, sizeof(*f->numbuf));
	if ((n = book_notes(b, f->notes, f->numbuf)) > 0)
		f->s[f->n++] = (struct sg_book_sheet){ "Notes", "Notes",
		    "This worksheet contains one table: the notes and the "
		    "symbols used in the tables.", { "Note or symbol",
		    "Meaning" }, "Notes_table", f->notes, n, 0 };
}

void
sg_book_front_free(struct sg_book_front *f)
{
	free(f->contents);
	free(f->notes);
	free(f->numbuf);
}

const char *
sg_book_subtitle(const struct sg_book_table *t)
{
	return t->symbols != 0 ?
	    "This worksheet contains one table. Some cells hold a symbol in "
	    "square brackets instead of a number: the Notes sheet says what "
	    "each means." :
	    "This worksheet contains one table.";
}

void
sg_book_free(struct sg_book *b)
{
	size_t i, c;

	for (i = 0; i < b->nt; i++) {
		struct sg_book_table *t = &b->t[i];

		for (c = 0; c < t->ncol; c++)
			free(t->col[c].name);
		free(t->col);
		free(t->cell);
		free(t->len);
		free(t->sheet);
		free(t->title);
	}
	free(b->t);
	b->t = NULL;
	b->nt = 0;
	if (b->arena != NULL)
		sg_arena_free(b->arena);
	b->arena = NULL;
}

/* libxlsxwriter's scratch file, removed on any exit; the signal
 * handlers that were there before (the writer's, which remove its own
 * temporary file) run after ours. */
static char *scratch;
static struct sigaction old_int, old_term, old_hup;

static void
remove_scratch(void)
{
	if (scratch != NULL)
		unlink(scratch);
}

static void
on_signal(int sig)
{
	const struct sigaction *old = sig == SIGINT ? &old_int :
	    sig == SIGTERM ? &old_term : &old_hup;

	remove_scratch();
	sigaction(sig, old, NULL);
	raise(sig);
}

/* A scratch file beside path, for libxlsxwriter, which writes only to a
 * name (its own temporary files go to TMPDIR). */
static void
make_scratch(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) + 1 : 0;
	int fd;

	scratch = sg_malloc(dirlen + 20);
	memcpy(scratch, path, dirlen);
	memcpy(scratch + dirlen, ".sg-book-XXXXXX", 16);
	if ((fd = mkstemp(scratch)) < 0)
		sg_die("%s: cannot create a scratch file: %s", path,
		    strerror(errno));
	close(fd);
	sg_atdie(remove_scratch);
	{
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old_int);
		sigaction(SIGTERM, &sa, &old_term);
		sigaction(SIGHUP, &sa, &old_hup);
	}
}

void
sg_book_write(const struct sg_book *b, const char *path,
    enum sg_book_format f)
{
	struct sg_writer *w = sg_writer_open(path, 0);

	if (f == SG_BOOK_XLSX) {
		make_scratch(path);
		sg_book_write_xlsx(b, scratch, w, path);
		remove_scratch();
		free(scratch);
		scratch = NULL;
	} else
		sg_book_write_ods(b, w, path);
	sg_writer_close(w);
}
