/*
 * tsv.c: lines without quotes (all of TSV, most of CSV) split on the
 * separator, and which separator a file uses (sg-import(1)).
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "sg.h"
#include "import.h"

/* Splits a line without quotes on the separator into a row. */
void
sg_import_split(struct sg_import *ix, const char *s, size_t n)
{
	const char *e = s + n, *t;

	sg_import_row_reset(ix);
	ix->row_line = ix->line;
	for (;;) {
		t = memchr(s, ix->sep, (size_t)(e - s));
		if (t == NULL) {
			sg_import_field(ix, s, (size_t)(e - s));
			break;
		}
		sg_import_field(ix, s, (size_t)(t - s));
		s = t + 1;
	}
	sg_import_row_end(ix);
}

/* Whether the name (less a .gz) ends in suffix, in any case. */
static int
name_ends(const char *name, const char *suffix)
{
	size_t n = strlen(name), k = strlen(suffix);

	if (n > 3 && strcasecmp(name + n - 3, ".gz") == 0)
		n -= 3;
	return n > k && strncasecmp(name + n - k, suffix, k) == 0;
}

/*
 * Without -f, CSV or TSV from the header (the first line after --skip)
 * and the name, as sg-import(1) says: tabs and no commas is TSV, commas
 * and no tabs is CSV; otherwise a .tsv or .tab name is TSV and a .csv one
 * CSV; a header with both and no such name is not guessed at.
 */
int
sg_import_detect_tsv(const struct sg_import *ix, const char *b, size_t n)
{
	const char *e;
	size_t i;
	long k;
	int tabs = 0, commas = 0, quoted = 0, tsvname, csvname;

	for (k = 0; k < ix->s->skip && (e = memchr(b, '\n', n)) != NULL;
	    k++) {
		n -= (size_t)(e + 1 - b);
		b = e + 1;
	}
	/* A tab or comma inside quotes separates nothing. */
	for (i = 0; i < n && (quoted || (b[i] != '\n' && b[i] != '\r'));
	    i++) {
		if (b[i] == '"')
			quoted = !quoted;
		else if (!quoted) {
			tabs |= b[i] == '\t';
			commas |= b[i] == ',';
		}
	}
	tsvname = name_ends(ix->file, ".tsv") || name_ends(ix->file, ".tab");
	csvname = name_ends(ix->file, ".csv");
	if (tabs != commas)
		return tabs;
	if (tsvname || csvname)
		return tsvname;
	if (tabs)
		sg_die("%s: the header has both tabs and commas, so the file "
		    "may be CSV or TSV: use -f csv or -f tsv", ix->file);
	return 0;
}
