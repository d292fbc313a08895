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

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"

static const char usage_text[] =
"usage: sg-join -k KEYS [-l | -f | -a] [-e SYM] [-u FILE] [-o FILE] [-z]\n"
"               SMALL [DATA...]\n"
"Joins the table SMALL, held in memory, to the stream DATA (standard input\n"
"if none): the data columns, then SMALL's non-key columns.\n"
"  -k, --key KEYS        key columns, the same names on both sides\n"
"                        ('agency,kpi'), or DATACOL=SMALLCOL pairs\n"
"                        ('agency=name,kpi')\n"
"  -l, --left            keep data rows with no match (SMALL's columns --fill)\n"
"  -f, --full            --left, and append SMALL's rows that no data row\n"
"                        matched\n"
"  -a, --anti            write only the data rows with no match (data columns)\n"
"  -e, --fill SYM        the value of unmatched cells (default x)\n"
"  -u, --unmatched FILE  write each data key with no match and its row count\n"
"  -o, --output FILE     write to FILE atomically instead of standard output\n"
"  -z, --gzip            compress the output with gzip\n"
"  -h, --help            show this help and exit\n"
"  -V, --version         show the version and exit\n";

enum mode { INNER, LEFT, FULL, ANTI };

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

/* Resolves -k against both headers. */
static void
resolve_keys(const char *spec, const struct sg_record *dh, const char *dname,
    const struct sg_record *sh, const char *sname, struct keys *k)
{
	char dopt[512], sopt[512], *copy, *item, *next, *eq;
	size_t cap = 8, nd, ns;

	snprintf(dopt, sizeof(dopt), "-k (%s)", dname);
	snprintf(sopt, sizeof(sopt), "-k (%s)", sname);
	if (strchr(spec, '=') == NULL) {
		nd = sg_cols_resolve(dopt, spec, dh, &k->data);
		ns = sg_cols_resolve(sopt, spec, sh, &k->small);
		if (nd != ns)
			sg_die_usage("-k: '%s' is %zu columns in %s but %zu "
			    "in %s", spec, nd, dname, ns, sname);
		k->n = nd;
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
		k->data[k->n] = sg_col_resolve(dopt, item, dh);
		k->small[k->n] = sg_col_resolve(sopt, eq ? eq : item, sh);
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

/* A data record of a batch: where its key and line are, its key's hash. */
struct pending {
	size_t		 koff, klen, loff, llen;
	uint64_t	 hv;
	struct row	*row;		/* SMALL's row, or NULL: no match */
};
#define BATCH	32

/* What the data loop works with. */
static enum mode mode = INNER;
static struct sg_hash *table, *miss;	/* miss: with --unmatched */
static struct sg_keyset *missset;	/* without: the keys alone */
static struct sg_writer *w;
static struct sg_buf fillrow;
static long *misscount;
static size_t misscap;
static unsigned long long missrows;

/* Joins one data record of a batch and writes the result. */
static void
join_one(const struct pending *p, const char *keys, const char *lines)
{
	const char *key = keys + p->koff;
	struct row *row;
	long idx;
	int isnew;

	row = p->row;
	if (row != NULL) {
		if (mode == ANTI)
			return;
		row->matched = 1;
		sg_write(w, lines + p->loff, p->llen);
		sg_write(w, row->payload, row->paylen);
		sg_write_eol(w);
		return;
	}
	missrows++;
	if (missset != NULL) {
		sg_keyset_add(missset, key, p->klen, p->hv);
	} else {
		idx = sg_hash_get(miss, key, p->klen, 1, &isnew);
		if ((size_t)idx >= misscap) {
			misscap = misscap ? misscap * 2 : 256;
			misscount = sg_realloc(misscount,
			    misscap * sizeof(*misscount));
		}
		if (isnew)
			misscount[idx] = 0;
		misscount[idx]++;
	}
	if (mode == INNER)
		return;
	sg_write(w, lines + p->loff, p->llen);
	if (mode != ANTI)
		sg_write(w, fillrow.p, fillrow.len);
	sg_write_eol(w);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "key", required_argument, NULL, 'k' },
		{ "left", no_argument, NULL, 'l' },
		{ "full", no_argument, NULL, 'f' },
		{ "anti", no_argument, NULL, 'a' },
		{ "fill", required_argument, NULL, 'e' },
		{ "unmatched", required_argument, NULL, 'u' },
		SG_COMMON_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	struct sg_common common = { 0 };
	const char *kspec = NULL, *fill = "x", *unmatched_path = NULL;
	const char *dname, *key, *sk;
	char *sname;
	int ch, nmodes = 0, isnew, more;
	struct sg_reader *sr, *dr;
	const struct sg_record *sh, *dh;
	struct sg_record rec;
	struct sg_writer *uw;
	struct sg_buf kb = { 0 }, pb = { 0 }, disp = { 0 };
	struct sg_buf keys = { 0 }, lines = { 0 };
	struct pending b[BATCH];
	struct keys k;
	struct row *row;
	char **outnames, *name, *kn;
	size_t nout = 0, i, j, len, slen, part, nb, nmiss, nmisskeys;
	long idx;
	char countbuf[32];

	sg_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "k:lfae:u:" SG_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			kspec = optarg;
			break;
		case 'l':
			mode = LEFT;
			nmodes++;
			break;
		case 'f':
			mode = FULL;
			nmodes++;
			break;
		case 'a':
			mode = ANTI;
			nmodes++;
			break;
		case 'e':
			fill = optarg;
			break;
		case 'u':
			unmatched_path = optarg;
			break;
		default:
			if (!sg_common_opt(ch, optarg, &common, usage_text))
				sg_usage_error();
		}
	}
	if (kspec == NULL)
		sg_die_usage("-k KEYS is required");
	if (nmodes > 1)
		sg_die_usage("choose one of --left, --full and --anti");
	if (optind >= argc)
		sg_die_usage("no SMALL table given");
	sname = argv[optind++];
	if (strcmp(sname, "-") == 0 && (optind == argc ||
	    strcmp(argv[optind], "-") == 0))
		sg_die_usage("SMALL and DATA cannot both be standard input");

	/* The small table, whole. */
	sr = sg_reader_open(&sname, 1);
	sh = sg_reader_header(sr);
	dr = sg_reader_open(argv + optind, argc - optind);
	dh = sg_reader_header(dr);
	dname = optind < argc ? sg_reader_file(dr) : "standard input";
	resolve_keys(kspec, dh, dname, sh, sname, &k);

	table = sg_hash_new();
	kn = key_names(sh, k.small, k.n);
	while (sg_read(sr, &rec)) {
		/* The non-key fields with a TAB before each. */
		pb.len = 0;
		for (j = 0; j < rec.n; j++) {
			if (sg_cols_has(k.small, k.n, j))
				continue;
			sg_buf_addc(&pb, '\t');
			sg_buf_add(&pb, rec.f[j], rec.len[j]);
		}
		key = make_key(&rec, k.small, k.n, &kb, &len);
		row = sg_hash_get_data(table, key, len, sizeof(*row) + pb.len,
		    1, &isnew);
		if (!isnew) {
			char what[80];

			snprintf(what, sizeof(what),
			    "duplicate key (first on line %ld)", row->line);
			key_display(key, len, &disp);
			sg_data_error(sname, sg_reader_line(sr), kn, what,
			    disp.p, disp.len);
		}
		row->line = sg_reader_line(sr);
		row->paylen = pb.len;
		if (pb.len > 0)
			memcpy(row->payload, pb.p, pb.len);
	}

	/* The output header: data columns, then SMALL's others renamed
	 * NAME.2 (.3, ...) where they clash. */
	outnames = sg_malloc((sh->n + 1) * sizeof(*outnames));
	w = sg_writer_open(common.output, common.gzip);
	for (j = 0; j < dh->n; j++)
		sg_write_field(w, dh->f[j], dh->len[j], j == 0);
	for (j = 0; j < sh->n && mode != ANTI; j++) {
		if (sg_cols_has(k.small, k.n, j))
			continue;
		name = sg_strdup(sh->f[j]);
		for (i = 2; name_taken(name, dh, outnames, nout); i++) {
			free(name);
			len = strlen(sh->f[j]) + 24;
			name = sg_malloc(len);
			snprintf(name, len, "%s.%zu", sh->f[j], i);
		}
		outnames[nout++] = name;
		sg_write_char(w, '\t');
		sg_write_str(w, name);
	}
	sg_write_eol(w);
	/* A TAB and --fill for each of SMALL's columns written. */
	for (j = 0; j < nout; j++) {
		sg_buf_addc(&fillrow, '\t');
		for (i = 0; fill[i] != '\0'; i++) {
			if (strchr("\\\t\n\r", fill[i]) != NULL) {
				sg_buf_addc(&fillrow, '\\');
				sg_buf_addc(&fillrow, fill[i] == '\t' ? 't' :
				    fill[i] == '\n' ? 'n' : fill[i] == '\r' ?
				    'r' : '\\');
			} else
				sg_buf_addc(&fillrow, fill[i]);
		}
	}

	/*
	 * The data, in batches of BATCH records: each record's key and its
	 * line (TABs put back) are copied aside and the key's slot in the
	 * table prefetched as it is read, then the entries those slots point
	 * at, then the lookups: the batch's waits on memory overlap instead
	 * of coming one after another.
	 */
	/* Unmatched keys: each with its count for --unmatched, else only
	 * the distinct keys, in the compact set (a tenth of the memory when
	 * most rows find no match). */
	if (unmatched_path != NULL)
		miss = sg_hash_new();
	else
		missset = sg_keyset_new();
	for (more = 1; more;) {
		lines.len = keys.len = 0;
		for (nb = 0; nb < BATCH && (more = sg_read(dr, &rec)); nb++) {
			/* The key, made right in the batch's keys. */
			b[nb].koff = keys.len;
			for (j = 0; j < k.n; j++) {
				if (j > 0)
					sg_buf_add(&keys, "\t", 1);
				sg_buf_add(&keys, rec.f[k.data[j]],
				    rec.len[k.data[j]]);
			}
			b[nb].klen = keys.len - b[nb].koff;
			b[nb].hv = sg_hash_bytes(keys.p + b[nb].koff,
			    b[nb].klen);
			sg_hash_prefetch(table, b[nb].hv, 0);
			for (j = 0; j + 1 < rec.n; j++)
				rec.f[j][rec.len[j]] = '\t';
			b[nb].loff = lines.len;
			b[nb].llen = rec.linelen;
			sg_buf_add(&lines, rec.line, rec.linelen);
		}
		for (i = 0; i < nb; i++)
			sg_hash_prefetch(table, b[i].hv, 1);
		/* Keys with no match go to the table of unmatched keys,
		 * which outgrows the caches too when most rows have no
		 * match: its slots and entries are fetched the same way. */
		for (i = 0, nmiss = 0; i < nb; i++) {
			b[i].row = sg_hash_find_data(table, keys.p + b[i].koff,
			    b[i].klen, b[i].hv);
			if (b[i].row == NULL) {
				if (miss != NULL)
					sg_hash_prefetch(miss, b[i].hv, 0);
				else
					sg_keyset_prefetch(missset, b[i].hv, 0);
				nmiss++;
			}
		}
		for (i = 0; nmiss > 0 && i < nb; i++)
			if (b[i].row == NULL) {
				if (miss != NULL)
					sg_hash_prefetch(miss, b[i].hv, 1);
				else
					sg_keyset_prefetch(missset, b[i].hv, 1);
			}
		for (i = 0; i < nb; i++)
			join_one(&b[i], keys.p, lines.p);
	}

	/* --full: SMALL's rows that no data row matched, at the end. */
	for (idx = 0; mode == FULL && (size_t)idx < sg_hash_count(table);
	    idx++) {
		row = sg_hash_data(table, idx);
		if (row->matched)
			continue;
		sk = sg_hash_key(table, idx, &slen);
		for (j = 0; j < dh->n; j++) {
			if (j > 0)
				sg_write_char(w, '\t');
			for (part = 0; part < k.n && k.data[part] != j; part++)
				;
			if (part == k.n) {
				sg_write_escaped(w, fill, strlen(fill));
				continue;
			}
			/* The part-th field of the key. */
			{
				const char *p = sk, *e = sk + slen, *t;
				size_t n;

				for (n = 0; n < part; n++)
					p = (const char *)memchr(p, '\t',
					    (size_t)(e - p)) + 1;
				t = memchr(p, '\t', (size_t)(e - p));
				sg_write(w, p, (size_t)((t ? t : e) - p));
			}
		}
		sg_write(w, row->payload, row->paylen);
		sg_write_eol(w);
	}

	nmisskeys = miss != NULL ? sg_hash_count(miss) :
	    sg_keyset_count(missset);
	if (missrows > 0)
		sg_warn("%llu data row%s (%zu distinct key%s) had no match "
		    "in %s", missrows, missrows == 1 ? "" : "s",
		    nmisskeys, nmisskeys == 1 ? "" : "s", sname);
	if (unmatched_path != NULL) {
		uw = sg_writer_open(unmatched_path, 0);
		for (j = 0; j < k.n; j++) {
			if (j > 0)
				sg_write_char(uw, '\t');
			sg_write_str(uw, dh->f[k.data[j]]);
		}
		sg_write_str(uw, "\trows");
		sg_write_eol(uw);
		for (idx = 0; (size_t)idx < sg_hash_count(miss); idx++) {
			sk = sg_hash_key(miss, idx, &slen);
			sg_write(uw, sk, slen);
			len = (size_t)snprintf(countbuf, sizeof(countbuf),
			    "\t%ld", misscount[idx]);
			sg_write(uw, countbuf, len);
			sg_write_eol(uw);
		}
		sg_writer_close(uw);
	}
	sg_writer_close(w);
	sg_reader_close(dr);
	sg_reader_close(sr);
	sg_hash_free(table);
	sg_hash_free(miss);
	sg_keyset_free(missset);
	for (j = 0; j < nout; j++)
		free(outnames[j]);
	free(outnames);
	free(misscount);
	free(kn);
	free(k.data);
	free(k.small);
	sg_buf_free(&kb);
	sg_buf_free(&pb);
	sg_buf_free(&disp);
	sg_buf_free(&keys);
	sg_buf_free(&lines);
	sg_buf_free(&fillrow);
	return SG_EXIT_OK;
}
