/*
 * sg-join: join a small table held in memory (targets, populations,
 * definitions) to a stream of any size.
 *
 * The small table is read whole: each row's key (its key fields' raw bytes
 * joined by TAB, which a stream value cannot hold) goes into an
 * open-addressing hash, with the row's non-key fields, already joined by
 * TAB, stored right beside the key so that a lookup touches one place.
 * The data stream is read in batches of a few dozen records whose lookups
 * overlap their waits on memory (see the data loop), and each record is
 * written back whole followed by the small row's prepared fields.
 * Nothing is allocated per data row, except one entry per distinct
 * unmatched key (a compact one, unless --unmatched wants their counts).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "optab.h"
#include "optval.h"

static const char help[] =
"usage: sg-join -k KEYS [-l | -f | -a] [-e SYM] [-u FILE] [-o FILE] [-z]\n"
"               SMALL [DATA...]\n"
"Joins the table SMALL, held in memory, to the stream DATA (standard input\n"
"if none): the data columns, then SMALL's non-key columns.\n"
"  -k, --key KEYS         key columns, the same names on both sides\n"
"                         ('agency,kpi'), or DATACOL=SMALLCOL pairs\n"
"                         ('agency=name,kpi')\n"
"  -l, --left             keep data rows with no match (SMALL's columns --fill)\n"
"  -f, --full             --left, and append SMALL's rows that no data row\n"
"                         matched\n"
"  -a, --anti             write only the data rows with no match (data columns)\n"
"  -e, --fill SYM         the value of unmatched cells (default x)\n"
"  -u, --unmatched FILE   write each data key with no match and its row count\n";

enum mode { INNER, LEFT, FULL, ANTI };

/* What the command line asks for. */
struct settings {
	struct sg_common common;
	struct sg_optval opt;		/* -k, -e SYM (default x), -u FILE */
	enum mode	 mode;		/* from -l, -f and -a */
	char		*sname;		/* SMALL */
	char	       **files;		/* DATA */
	int		 nfiles;
};

/* A row of SMALL, stored beside its key in the hash table. */
struct row {
	long	 line;		/* for the duplicate-key message */
	size_t	 paylen;
	int	 matched;	/* for --full */
	char	 payload[];	/* the non-key fields, a TAB before each */
};

struct keys {
	size_t	 n;
	size_t	*data;		/* key columns in DATA */
	size_t	*small;		/* and in SMALL */
};

/* A data record of a batch: where its key and line are, its key's hash. */
struct pending {
	size_t		 koff, klen, loff, llen;
	uint64_t	 hv;
	struct row	*row;		/* SMALL's row, or NULL: no match */
};
#define BATCH	32

/* What the join works with. */
struct join {
	enum mode	 mode;
	struct keys	 k;
	struct sg_hash	*table;
	struct sg_hash	*miss;		/* unmatched keys with --unmatched */
	struct sg_keyset *missset;	/* without: the keys alone */
	struct sg_writer *w;
	struct sg_buf	 fillrow;	/* a TAB and --fill per SMALL column */
	long		*misscount;
	size_t		 misscap;
	unsigned long long missrows;
	char	       **outnames;	/* SMALL's columns as written */
	size_t		 nout;
};

/* Resolves one key column named name in header h of file. */
static size_t
key_col(const char *name, const struct sg_record *h, const char *file)
{
	struct sg_buf opt = { 0 };
	size_t c;

	sg_buf_printf(&opt, "-k (%s)", file);
	c = sg_col_resolve(opt.p, name, h);
	sg_buf_free(&opt);
	return c;
}

/* Resolves -k against both headers. */
static void
resolve_keys(const char *spec, const struct sg_record *dh, const char *dname,
    const struct sg_record *sh, const char *sname, struct keys *k)
{
	struct sg_buf dopt = { 0 }, sopt = { 0 };
	char *copy, *item, *next, *eq;
	size_t cap = 8, nd, ns;

	if (strchr(spec, '=') == NULL) {
		sg_buf_printf(&dopt, "-k (%s)", dname);
		sg_buf_printf(&sopt, "-k (%s)", sname);
		nd = sg_cols_resolve(dopt.p, spec, dh, &k->data);
		ns = sg_cols_resolve(sopt.p, spec, sh, &k->small);
		if (nd != ns)
			sg_die_usage("-k: '%s' is %zu columns in %s but %zu "
			    "in %s", spec, nd, dname, ns, sname);
		k->n = nd;
		sg_buf_free(&dopt);
		sg_buf_free(&sopt);
		return;
	}
	k->data = sg_malloc(cap * sizeof(*k->data));
	k->small = sg_malloc(cap * sizeof(*k->small));
	k->n = 0;
	copy = sg_strdup(spec);
	for (item = copy; item != NULL; item = next) {
		next = strchr(item, ',');
		if (next != NULL)
			*next++ = '\0';
		if (k->n == cap) {
			cap *= 2;
			k->data = sg_realloc(k->data, cap * sizeof(*k->data));
			k->small = sg_realloc(k->small,
			    cap * sizeof(*k->small));
		}
		eq = strchr(item, '=');
		if (eq != NULL)
			*eq++ = '\0';
		k->data[k->n] = key_col(item, dh, dname);
		k->small[k->n] = key_col(eq ? eq : item, sh, sname);
		k->n++;
	}
	free(copy);
}

/* The key of rec: the field itself, or the fields joined by TAB in buf. */
static const char *
make_key(const struct sg_record *rec, const size_t *cols, size_t n,
    struct sg_buf *buf, size_t *len)
{
	size_t i;

	if (n == 1) {
		*len = rec->len[cols[0]];
		return rec->f[cols[0]];
	}
	buf->len = 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			sg_buf_addc(buf, '\t');
		sg_buf_add(buf, rec->f[cols[i]], rec->len[cols[i]]);
	}
	if (buf->p == NULL)
		sg_buf_add(buf, "", 0);
	*len = buf->len;
	return buf->p;
}

/* A key for a message: the values joined by ", ". */
static void
key_display(const char *key, size_t len, struct sg_buf *out)
{
	size_t i;

	out->len = 0;
	for (i = 0; i < len; i++) {
		if (key[i] == '\t')
			sg_buf_adds(out, ", ");
		else
			sg_buf_addc(out, key[i]);
	}
	if (out->p == NULL)
		sg_buf_add(out, "", 0);
}

/* The key columns' names, joined by ",". */
static char *
key_names(const struct sg_record *h, const size_t *cols, size_t n)
{
	struct sg_buf b = { 0 };
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sg_buf_addc(&b, ',');
		sg_buf_adds(&b, h->f[cols[i]]);
	}
	return b.p;
}

/* Is name among the data columns or the names given so far? */
static int
name_taken(const char *name, const struct sg_record *dh, char **given,
    size_t ngiven)
{
	size_t i;

	if (sg_col_find(dh, name) >= 0)
		return 1;
	for (i = 0; i < ngiven; i++)
		if (strcmp(given[i], name) == 0)
			return 1;
	return 0;
}

/* Reads SMALL whole into j->table: each row's non-key fields by its key. */
static void
load_small(struct join *j, struct sg_reader *sr, const char *sname)
{
	const struct sg_record *sh = sg_reader_header(sr);
	struct sg_buf kb = { 0 }, pb = { 0 }, disp = { 0 }, what = { 0 };
	struct sg_record rec;
	struct row *row;
	const char *key;
	char *kn;
	size_t c, len;
	int isnew;

	j->table = sg_hash_new();
	kn = key_names(sh, j->k.small, j->k.n);
	while (sg_read(sr, &rec)) {
		/* The non-key fields with a TAB before each. */
		pb.len = 0;
		for (c = 0; c < rec.n; c++) {
			if (sg_cols_has(j->k.small, j->k.n, c))
				continue;
			sg_buf_addc(&pb, '\t');
			sg_buf_add(&pb, rec.f[c], rec.len[c]);
		}
		key = make_key(&rec, j->k.small, j->k.n, &kb, &len);
		row = sg_hash_get_data(j->table, key, len,
		    sizeof(*row) + pb.len, 1, &isnew);
		if (!isnew) {
			sg_buf_printf(&what, "duplicate key (first on line %ld)",
			    row->line);
			key_display(key, len, &disp);
			sg_data_error(sname, sg_reader_line(sr), kn, what.p,
			    disp.p, disp.len);
		}
		row->line = sg_reader_line(sr);
		row->paylen = pb.len;
		if (pb.len > 0)
			memcpy(row->payload, pb.p, pb.len);
	}
	free(kn);
	sg_buf_free(&kb);
	sg_buf_free(&pb);
	sg_buf_free(&disp);
}

/*
 * Writes the output header: data columns, then SMALL's others renamed
 * NAME.2 (.3, ...) where they clash; and makes the row of --fill cells
 * that stands for SMALL's columns where a data row has no match.
 */
static void
write_header(struct join *j, const struct sg_record *dh,
    const struct sg_record *sh, const char *fill)
{
	char *name;
	size_t c, i, len;

	j->outnames = sg_malloc((sh->n + 1) * sizeof(*j->outnames));
	for (c = 0; c < dh->n; c++)
		sg_write_field(j->w, dh->f[c], dh->len[c], c == 0);
	for (c = 0; c < sh->n && j->mode != ANTI; c++) {
		if (sg_cols_has(j->k.small, j->k.n, c))
			continue;
		name = sg_strdup(sh->f[c]);
		for (i = 2; name_taken(name, dh, j->outnames, j->nout); i++) {
			free(name);
			len = strlen(sh->f[c]) + 24;
			name = sg_malloc(len);
			snprintf(name, len, "%s.%zu", sh->f[c], i);
		}
		j->outnames[j->nout++] = name;
		sg_write_char(j->w, '\t');
		sg_write_str(j->w, name);
	}
	sg_write_eol(j->w);
	for (c = 0; c < j->nout; c++) {
		sg_buf_addc(&j->fillrow, '\t');
		for (i = 0; fill[i] != '\0'; i++) {
			if (strchr("\\\t\n\r", fill[i]) != NULL) {
				sg_buf_addc(&j->fillrow, '\\');
				sg_buf_addc(&j->fillrow, fill[i] == '\t' ? 't' :
				    fill[i] == '\n' ? 'n' : fill[i] == '\r' ?
				    'r' : '\\');
			} else
				sg_buf_addc(&j->fillrow, fill[i]);
		}
	}
}

/* Counts a data key with no match, in the set or, for --unmatched, with
 * its number of rows. */
static void
note_miss(struct join *j, const char *key, size_t klen, uint64_t hv)
{
	long idx;
	int isnew;

	j->missrows++;
	if (j->missset != NULL) {
		sg_keyset_add(j->missset, key, klen, hv);
		return;
	}
	idx = sg_hash_get(j->miss, key, klen, 1, &isnew);
	if ((size_t)idx >= j->misscap) {
		j->misscap = j->misscap ? j->misscap * 2 : 256;
		j->misscount = sg_realloc(j->misscount,
		    j->misscap * sizeof(*j->misscount));
	}
	if (isnew)
		j->misscount[idx] = 0;
	j->misscount[idx]++;
}

/* Joins one data record of a batch and writes the result. */
static void
join_one(struct join *j, const struct pending *p, const char *keys,
    const char *lines)
{
	struct row *row = p->row;

	if (row != NULL) {
		if (j->mode == ANTI)
			return;
		row->matched = 1;
		sg_write(j->w, lines + p->loff, p->llen);
		sg_write(j->w, row->payload, row->paylen);
		sg_write_eol(j->w);
		return;
	}
	note_miss(j, keys + p->koff, p->klen, p->hv);
	if (j->mode == INNER)
		return;
	sg_write(j->w, lines + p->loff, p->llen);
	if (j->mode != ANTI)
		sg_write(j->w, j->fillrow.p, j->fillrow.len);
	sg_write_eol(j->w);
}

/*
 * Reads up to BATCH records of dr into b: each record's key and its line
 * (TABs put back) are copied into keys and lines and the key's slot in the
 * table prefetched as it is read.  Returns how many were read; *more is 0
 * at the end of the stream.
 */
static size_t
read_batch(struct join *j, struct sg_reader *dr, struct pending *b,
    struct sg_buf *keys, struct sg_buf *lines, int *more)
{
	struct sg_record rec;
	size_t nb, c;

	lines->len = keys->len = 0;
	for (nb = 0; nb < BATCH && (*more = sg_read(dr, &rec)); nb++) {
		b[nb].koff = keys->len;
		for (c = 0; c < j->k.n; c++) {
			if (c > 0)
				sg_buf_add(keys, "\t", 1);
			sg_buf_add(keys, rec.f[j->k.data[c]],
			    rec.len[j->k.data[c]]);
		}
		b[nb].klen = keys->len - b[nb].koff;
		b[nb].hv = sg_hash_bytes(keys->p + b[nb].koff, b[nb].klen);
		sg_hash_prefetch(j->table, b[nb].hv, 0);
		for (c = 0; c + 1 < rec.n; c++)
			rec.f[c][rec.len[c]] = '\t';
		b[nb].loff = lines->len;
		b[nb].llen = rec.linelen;
		sg_buf_add(lines, rec.line, rec.linelen);
	}
	return nb;
}

/* Prefetches the slot (step 0) or entry (step 1) of a missed key. */
static void
prefetch_miss(struct join *j, uint64_t hv, int step)
{
	if (j->miss != NULL)
		sg_hash_prefetch(j->miss, hv, step);
	else
		sg_keyset_prefetch(j->missset, hv, step);
}

/*
 * Joins the data in batches of BATCH records: the slots of a batch's keys
 * are prefetched as they are read, then the entries those slots point at,
 * then the lookups, so that the batch's waits on memory overlap instead of
 * coming one after another.  Keys with no match go to the table of
 * unmatched keys, which outgrows the caches too when most rows have no
 * match: its slots and entries are fetched the same way.
 */
static void
join_stream(struct join *j, struct sg_reader *dr)
{
	struct sg_buf keys = { 0 }, lines = { 0 };
	struct pending b[BATCH];
	size_t i, nb, nmiss;
	int more = 1;

	while (more) {
		nb = read_batch(j, dr, b, &keys, &lines, &more);
		for (i = 0; i < nb; i++)
			sg_hash_prefetch(j->table, b[i].hv, 1);
		for (i = 0, nmiss = 0; i < nb; i++) {
			b[i].row = sg_hash_find_data(j->table,
			    keys.p + b[i].koff, b[i].klen, b[i].hv);
			if (b[i].row == NULL) {
				prefetch_miss(j, b[i].hv, 0);
				nmiss++;
			}
		}
		for (i = 0; nmiss > 0 && i < nb; i++)
			if (b[i].row == NULL)
				prefetch_miss(j, b[i].hv, 1);
		for (i = 0; i < nb; i++)
			join_one(j, &b[i], keys.p, lines.p);
	}
	sg_buf_free(&keys);
	sg_buf_free(&lines);
}

/* Writes the part-th TAB-separated field of the key sk. */
static void
write_key_part(struct sg_writer *w, const char *sk, size_t slen, size_t part)
{
	const char *p = sk, *e = sk + slen, *t;
	size_t n;

	for (n = 0; n < part; n++)
		p = (const char *)memchr(p, '\t', (size_t)(e - p)) + 1;
	t = memchr(p, '\t', (size_t)(e - p));
	sg_write(w, p, (size_t)((t ? t : e) - p));
}

/* --full: SMALL's rows that no data row matched, at the end. */
static void
write_unmatched_small(struct join *j, const struct sg_record *dh,
    const char *fill)
{
	const struct row *row;
	const char *sk;
	size_t idx, c, part, slen;

	for (idx = 0; idx < sg_hash_count(j->table); idx++) {
		row = sg_hash_data(j->table, (long)idx);
		if (row->matched)
			continue;
		sk = sg_hash_key(j->table, (long)idx, &slen);
		for (c = 0; c < dh->n; c++) {
			if (c > 0)
				sg_write_char(j->w, '\t');
			for (part = 0; part < j->k.n && j->k.data[part] != c;
			    part++)
				;
			if (part == j->k.n)
				sg_write_escaped(j->w, fill, strlen(fill));
			else
				write_key_part(j->w, sk, slen, part);
		}
		sg_write(j->w, row->payload, row->paylen);
		sg_write_eol(j->w);
	}
}

/* --unmatched FILE: each data key with no match and its count of rows. */
static void
write_misses(const struct join *j, const char *path,
    const struct sg_record *dh)
{
	struct sg_writer *uw;
	const char *sk;
	char countbuf[32];
	size_t idx, c, slen, len;

	uw = sg_writer_open(path, 0);
	for (c = 0; c < j->k.n; c++) {
		if (c > 0)
			sg_write_char(uw, '\t');
		sg_write_str(uw, dh->f[j->k.data[c]]);
	}
	sg_write_str(uw, "\trows");
	sg_write_eol(uw);
	for (idx = 0; idx < sg_hash_count(j->miss); idx++) {
		sk = sg_hash_key(j->miss, (long)idx, &slen);
		sg_write(uw, sk, slen);
		len = (size_t)snprintf(countbuf, sizeof(countbuf), "\t%ld",
		    j->misscount[idx]);
		sg_write(uw, countbuf, len);
		sg_write_eol(uw);
	}
	sg_writer_close(uw);
}

static void
join_free(struct join *j)
{
	size_t i;

	sg_hash_free(j->table);
	sg_hash_free(j->miss);
	sg_keyset_free(j->missset);
	for (i = 0; i < j->nout; i++)
		free(j->outnames[i]);
	free(j->outnames);
	free(j->misscount);
	free(j->k.data);
	free(j->k.small);
	sg_buf_free(&j->fillrow);
}

/* The worker: SMALL into memory, then the data joined to it. */
static void
join(const struct settings *s)
{
	struct join j = { 0 };
	struct sg_reader *sr, *dr;
	const struct sg_record *sh, *dh;
	const char *dname;
	size_t nmisskeys;

	j.mode = s->mode;
	sr = sg_reader_open((char **)&s->sname, 1);
	sh = sg_reader_header(sr);
	dr = sg_reader_open(s->files, s->nfiles);
	dh = sg_reader_header(dr);
	dname = s->nfiles > 0 ? sg_reader_file(dr) : "standard input";
	resolve_keys(s->opt.arg['k'], dh, dname, sh, s->sname, &j.k);
	load_small(&j, sr, s->sname);
	j.w = sg_writer_open(s->common.output, s->common.gzip);
	write_header(&j, dh, sh, s->opt.arg['e']);
	/* Unmatched keys: each with its count for --unmatched, else only
	 * the distinct keys, in the compact set (a tenth of the memory when
	 * most rows find no match). */
	if (s->opt.arg['u'] != NULL)
		j.miss = sg_hash_new();
	else
		j.missset = sg_keyset_new();
	join_stream(&j, dr);
	if (j.mode == FULL)
		write_unmatched_small(&j, dh, s->opt.arg['e']);
	nmisskeys = j.miss != NULL ? sg_hash_count(j.miss) :
	    sg_keyset_count(j.missset);
	if (j.missrows > 0)
		sg_warn("%llu data row%s (%zu distinct key%s) had no match "
		    "in %s", j.missrows, j.missrows == 1 ? "" : "s",
		    nmisskeys, nmisskeys == 1 ? "" : "s", s->sname);
	if (s->opt.arg['u'] != NULL)
		write_misses(&j, s->opt.arg['u'], dh);
	sg_writer_close(j.w);
	sg_reader_close(dr);
	sg_reader_close(sr);
	join_free(&j);
}

/* One option of the table into the settings. */
static void
set_option(void *v, int ch, const char *arg)
{
	struct settings *s = v;

	sg_optval_keep(&s->opt, ch, arg);
}

int
main(int argc, char **argv)
{
	struct settings s = { .opt.arg['e'] = "x" };

	sg_init(argv[0]);
	sg_optab_parse(help, argc, argv, set_option, &s, &s.common);
	if (s.opt.arg['k'] == NULL)
		sg_die_usage("-k KEYS is required");
	if (s.opt.n['l'] + s.opt.n['f'] + s.opt.n['a'] > 1)
		sg_die_usage("choose one of --left, --full and --anti");
	s.mode = s.opt.n['l'] ? LEFT : s.opt.n['f'] ? FULL : s.opt.n['a'] ?
	    ANTI : INNER;
	if (s.common.nfiles == 0)
		sg_die_usage("no SMALL table given");
	s.sname = s.common.files[0];
	s.files = s.common.files + 1;
	s.nfiles = s.common.nfiles - 1;
	if (strcmp(s.sname, "-") == 0 && (s.nfiles == 0 ||
	    strcmp(s.files[0], "-") == 0))
		sg_die_usage("SMALL and DATA cannot both be standard input");
	join(&s);
	return SG_EXIT_OK;
}
