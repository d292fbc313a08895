/*
 * suppress-check: the brute-force property test of sg-suppress.
 *
 *	suppress-check TOOL COUNT SEED [DIR]
 *	suppress-check --file IN OUT TROW TCOL SECROW SECCOL PROFILE
 *
 * Makes COUNT random small tables (3 to 6 rows by 3 to 6 columns of
 * mostly small counts, with or without a total row and a total column),
 * runs TOOL (sg-suppress) on each with random options, and checks the
 * output.  Profiles dfe, nhs, 3 and 10 are drawn at random, and now and
 * then a count of 1 or more is given as c in the input (suppressed
 * upstream; the checker knows its true value, the tool does not).  Checks:
 *
 *   - every count the profile calls small is hidden, every c of the input
 *     stays hidden, and every published value is the input's (rounded to
 *     the nearest 5 with nhs);
 *   - no hidden value is determined by what is published: for each hidden
 *     cell there is a completion of the table with whole numbers, 0 or
 *     more, that agrees with every published cell and every total (those
 *     in the table, and with --secondary those of the rows or columns
 *     taken as published elsewhere) but has a different value in that
 *     cell.  With nhs the published counts are rounded; the check uses
 *     the true counts, as a reader who knew them exactly would.
 *
 * The second check shares nothing with sg-suppress's method (cycles in a
 * graph): it searches for integer completions directly, by bound
 * propagation over the line equations and splitting of domains.  Because
 * the equations of a table with margins are totally unimodular, the
 * values a hidden cell can take form an interval of whole numbers, so it
 * is enough to try the true value plus one and minus one.
 *
 * With --file, checks one table IN (a label column, then the counts, the
 * total column last if TCOL is 1, the total row last if TROW is 1) against
 * sg-suppress's output OUT, run with the options the flags say (PROFILE
 * is 0 for dfe, -1 for nhs, or N).
 *
 * Prints a summary line; on a failure, the table, the options
 * and the output, and exits 1.  Uses only the C library (no libsg), so it
 * checks the tool rather than reusing its code.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAXR	16	/* rows including the total row */
#define MAXC	8	/* count columns including the total column */
#define MAXV	(MAXR * MAXC)
#define MAXE	(MAXR + MAXC)

static uint64_t rs;

static uint32_t
rnd(uint32_t n)
{
	/* xorshift64*: a fixed, portable sequence. */
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return (uint32_t)(((rs * 0x2545F4914F6CDD1DULL) >> 32) % n);
}

struct problem {
	int	 nr, nc;		/* body rows and columns */
	int	 trow, tcol;		/* total row / column in the table */
	int	 secrow, seccol;	/* --secondary row / col */
	int	 profile;		/* 0 dfe, -1 nhs, else the threshold N */
	int	 inc[MAXR][MAXC];	/* written as c in the input */
	long	 val[MAXR][MAXC];	/* true values, margins included */
	int	 hidden[MAXR][MAXC];
};

/* ---- the integer search ---------------------------------------------- */

struct eq {
	int	 n;
	int	 var[MAXV];
	int	 coef[MAXV];
	long	 rhs;
};

struct sys {
	int	 nv, ne;
	struct eq e[MAXE];
};

static long nodes;

/* Narrows lo/hi by every equation until nothing changes; 0 if empty. */
static int
propagate(const struct sys *s, long *lo, long *hi)
{
	int changed = 1, i, k, m;
	long smin, smax, a, b;

	while (changed) {
		changed = 0;
		for (i = 0; i < s->ne; i++) {
			const struct eq *e = &s->e[i];

			smin = smax = 0;
			for (k = 0; k < e->n; k++) {
				m = e->var[k];
				if (e->coef[k] > 0) {
					smin += lo[m];
					smax += hi[m];
				} else {
					smin -= hi[m];
					smax -= lo[m];
				}
			}
			if (smin > e->rhs || smax < e->rhs)
				return 0;
			for (k = 0; k < e->n; k++) {
				m = e->var[k];
				/* coef * v = rhs - (others), others within
				 * [smin - own min, smax - own max]. */
				if (e->coef[k] > 0) {
					a = e->rhs - (smax - hi[m]);
					b = e->rhs - (smin - lo[m]);
				} else {
					a = -(e->rhs - (smin + hi[m]));
					b = -(e->rhs - (smax + lo[m]));
				}
				if (a > lo[m]) {
					lo[m] = a;
					changed = 1;
				}
				if (b < hi[m]) {
					hi[m] = b;
					changed = 1;
				}
				if (lo[m] > hi[m])
					return 0;
			}
		}
	}
	return 1;
}

/* 1 if a whole-number solution within lo..hi exists, -1 if the search
 * gave up. */
static int
solve(const struct sys *s, const long *lo0, const long *hi0)
{
	long lo[MAXV], hi[MAXV], mid;
	int i, best = -1, r;

	if (++nodes > 2000000)
		return -1;
	memcpy(lo, lo0, sizeof(long) * (size_t)s->nv);
	memcpy(hi, hi0, sizeof(long) * (size_t)s->nv);
	if (!propagate(s, lo, hi))
		return 0;
	for (i = 0; i < s->nv; i++)
		if (lo[i] < hi[i] && (best < 0 ||
		    hi[i] - lo[i] < hi[best] - lo[best]))
			best = i;
	if (best < 0)
		return 1;	/* all fixed, and propagation checked them */
	mid = lo[best] + (hi[best] - lo[best]) / 2;
	{
		long h2[MAXV], l2[MAXV];

		memcpy(h2, hi, sizeof(long) * (size_t)s->nv);
		h2[best] = mid;
		r = solve(s, lo, h2);
		if (r != 0)
			return r;
		memcpy(l2, lo, sizeof(long) * (size_t)s->nv);
		l2[best] = mid + 1;
		return solve(s, l2, hi);
	}
}

/*
 * The equation of row k (byrow) or column k: the sum of its counts less its
 * total is 0, or with no total in the table, the sum is the total as
 * published elsewhere (--secondary).  Hidden cells are the unknowns.
 */
static void
add_line(const struct problem *p, struct sys *s, int id[MAXR][MAXC],
    int byrow, int k)
{
	int n = byrow ? p->nc : p->nr, total = byrow ? p->tcol : p->trow;
	int x, i, j, coef;
	struct eq *e = &s->e[s->ne++];

	e->n = 0;
	e->rhs = 0;
	for (x = 0; x < n + total; x++) {
		i = byrow ? k : x;
		j = byrow ? x : k;
		coef = x < n ? 1 : -1;
		if (id[i][j] >= 0) {
			e->var[e->n] = id[i][j];
			e->coef[e->n++] = coef;
		} else
			e->rhs -= coef * p->val[i][j];
	}
	if (!total)
		for (x = 0; x < n; x++)
			e->rhs += byrow ? p->val[k][x] : p->val[x][k];
}

/* The equations of the published table, unknowns = hidden cells. */
static void
build(const struct problem *p, struct sys *s, int id[MAXR][MAXC])
{
	int R = p->nr + p->trow, C = p->nc + p->tcol, i, j;

	s->nv = 0;
	s->ne = 0;
	for (i = 0; i < R; i++)
		for (j = 0; j < C; j++)
			id[i][j] = p->hidden[i][j] ? s->nv++ : -1;
	if (p->tcol || p->secrow)
		for (i = 0; i < R; i++)
			add_line(p, s, id, 1, i);
	if (p->trow || p->seccol)
		for (j = 0; j < C; j++)
			add_line(p, s, id, 0, j);
}

/*
 * 1 if the hidden cell (ci, cj) can take another value, 0 if it is
 * determined, -1 if the search gave up.
 */
static int
undetermined(const struct problem *p, int ci, int cj)
{
	struct sys s;
	int id[MAXR][MAXC], k, r, d;
	long lo[MAXV], hi[MAXV], big = 0;
	int i, j;

	build(p, &s, id);
	for (i = 0; i < p->nr + p->trow; i++)
		for (j = 0; j < p->nc + p->tcol; j++)
			big += p->val[i][j];
	for (d = -1; d <= 1; d += 2) {
		for (k = 0; k < s.nv; k++) {
			lo[k] = 0;
			hi[k] = big;
		}
		k = id[ci][cj];
		if (p->val[ci][cj] + d < 0)
			continue;
		lo[k] = hi[k] = p->val[ci][cj] + d;
		nodes = 0;
		r = solve(&s, lo, hi);
		if (r != 0)
			return r;
	}
	return 0;
}

/* The true values satisfy the system (a check of the checker). */
static int
consistent(const struct problem *p)
{
	struct sys s;
	int id[MAXR][MAXC];
	long lo[MAXV], hi[MAXV];
	int i, j;

	build(p, &s, id);
	for (i = 0; i < p->nr + p->trow; i++)
		for (j = 0; j < p->nc + p->tcol; j++)
			if (id[i][j] >= 0)
				lo[id[i][j]] = hi[id[i][j]] = p->val[i][j];
	nodes = 0;
	return solve(&s, lo, hi) == 1;
}

/* ---- tables, the tool, its output ------------------------------------- */

static long
small_count(void)
{
	uint32_t r = rnd(100);

	if (r < 45)
		return rnd(6);		/* 0..5 */
	if (r < 75)
		return 6 + rnd(10);	/* 6..15 */
	return 16 + rnd(45);		/* 16..60 */
}

static void
make(struct problem *p)
{
	int i, j;

	memset(p, 0, sizeof(*p));
	p->nr = 3 + (int)rnd(4);
	p->nc = 3 + (int)rnd(4);
	p->trow = rnd(10) < 7;
	p->tcol = rnd(10) < 7;
	switch (rnd(4)) {
	case 0: break;
	case 1: p->secrow = 1; break;
	case 2: p->seccol = 1; break;
	default: p->secrow = p->seccol = 1; break;
	}
	switch (rnd(4)) {
	case 0: p->profile = 0; break;
	case 1: p->profile = 3; break;
	case 2: p->profile = -1; break;
	default: p->profile = 10; break;
	}
	for (i = 0; i < p->nr; i++)
		for (j = 0; j < p->nc; j++)
			p->val[i][j] = small_count();
	/* Margins. */
	for (i = 0; i < p->nr; i++)
		for (j = 0; j < p->nc; j++) {
			p->val[i][p->nc] += p->val[i][j];
			p->val[p->nr][j] += p->val[i][j];
			p->val[p->nr][p->nc] += p->val[i][j];
		}
	/*
	 * Now and then a count already suppressed upstream, given as c.
	 * sg-suppress protects such a cell assuming it may be 0, or if that
	 * cannot be done, that it is 1 or more (and says so), so the c is
	 * put only on counts of 1 or more.
	 */
	for (i = 0; i < p->nr + p->trow; i++)
		for (j = 0; j < p->nc + p->tcol; j++)
			p->inc[i][j] = rnd(100) < 4 && p->val[i][j] > 0;
}

static int
small(const struct problem *p, long v)
{
	if (p->profile == 0)
		return v >= 1 && v <= 5;
	if (p->profile < 0)
		return v <= 4;
	return v >= 1 && v < p->profile;
}

static void
write_table(const struct problem *p, FILE *f)
{
	int i, j, R = p->nr + p->trow, C = p->nc + p->tcol;

	fputs("label", f);
	for (j = 0; j < p->nc; j++)
		fprintf(f, "\tc%d", j + 1);
	if (p->tcol)
		fputs("\tTotal", f);
	fputc('\n', f);
	for (i = 0; i < R; i++) {
		if (p->trow && i == p->nr)
			fputs("Total", f);
		else
			fprintf(f, "row %d", i + 1);
		for (j = 0; j < C; j++)
			if (p->inc[i][j])
				fputs("\tc", f);
			else
				fprintf(f, "\t%ld", p->val[i][j]);
		fputc('\n', f);
	}
}

static int
run_tool(const char *tool, const struct problem *p, const char *in,
    const char *out, char **argv)
{
	static char cols[32], prof[16];
	int n = 0, fd, st;
	pid_t pid;

	argv[n++] = (char *)tool;
	argv[n++] = "-c";
	snprintf(cols, sizeof(cols), "2-%d", p->nc + 1 + p->tcol);
	argv[n++] = cols;
	argv[n++] = "--profile";
	if (p->profile == 0)
		snprintf(prof, sizeof(prof), "dfe");
	else if (p->profile < 0)
		snprintf(prof, sizeof(prof), "nhs");
	else
		snprintf(prof, sizeof(prof), "%d", p->profile);
	argv[n++] = prof;
	if (p->trow) {
		argv[n++] = "--total-row";
		argv[n++] = "Total";
	}
	if (p->tcol) {
		argv[n++] = "--total-col";
		argv[n++] = "Total";
	}
	if (p->secrow || p->seccol) {
		argv[n++] = "--secondary";
		argv[n++] = p->secrow && p->seccol ? "both" :
		    p->secrow ? "row" : "col";
	}
	argv[n++] = (char *)in;
	argv[n] = NULL;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || dup2(fd, 1) < 0)
			_exit(127);
		execv(tool, argv);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* A table as read back: each body row's cells after its label, as text. */
struct cells {
	int	 nrow;
	int	 ncol[MAXR];
	char	*cell[MAXR][MAXC];
	char	 line[MAXR][4096];
};

/* Reads the table in name into t, the header line skipped: 0 ok, or a
 * message in why. */
static int
read_cells(const char *name, struct cells *t, char *why, size_t wn)
{
	FILE *f = fopen(name, "r");
	char line[4096], *tok, *save;
	int header = 1, i, j;

	if (f == NULL) {
		snprintf(why, wn, "cannot read %s", name);
		return 1;
	}
	t->nrow = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (header) {
			header = 0;
			continue;
		}
		if (t->nrow == MAXR) {
			snprintf(why, wn, "%s: too many rows", name);
			fclose(f);
			return 1;
		}
		i = t->nrow++;
		memcpy(t->line[i], line, sizeof(line));
		t->line[i][strcspn(t->line[i], "\n")] = '\0';
		strtok_r(t->line[i], "\t", &save);
		for (j = 0; (tok = strtok_r(NULL, "\t", &save)) != NULL; j++) {
			if (j == MAXC) {
				snprintf(why, wn, "%s: too many columns", name);
				fclose(f);
				return 1;
			}
			t->cell[i][j] = tok;
		}
		t->ncol[i] = j;
	}
	fclose(f);
	return 0;
}

/* Reads the output back: 0 ok, or a message in why. */
static int
read_output(struct problem *p, const char *out, char *why, size_t wn)
{
	static struct cells t;
	const char *tok;
	int i, j, R = p->nr + p->trow, C = p->nc + p->tcol;
	long v;

	if (read_cells(out, &t, why, wn) != 0)
		return 1;
	for (i = 0; i < t.nrow && i < R; i++)
		for (j = 0; j < C; j++) {
			if (j >= t.ncol[i]) {
				snprintf(why, wn, "short row %d", i);
				return 1;
			}
			tok = t.cell[i][j];
			if (strcmp(tok, "c") == 0) {
				p->hidden[i][j] = 1;
				continue;
			}
			v = strtol(tok, NULL, 10);
			if (p->inc[i][j]) {
				snprintf(why, wn, "row %d column %d: a c in the "
				    "input is published as %s", i + 1, j + 1,
				    tok);
				return 1;
			}
			if (v != (p->profile < 0 ?
			    (p->val[i][j] + 2) / 5 * 5 : p->val[i][j])) {
				snprintf(why, wn, "row %d column %d changed to %s",
				    i + 1, j + 1, tok);
				return 1;
			}
			if (small(p, p->val[i][j])) {
				snprintf(why, wn, "row %d column %d: small count "
				    "%ld published", i + 1, j + 1, v);
				return 1;
			}
		}
	if (t.nrow != R) {
		snprintf(why, wn, "%d rows out, %d in", t.nrow, R);
		return 1;
	}
	return 0;
}

/* Reads a table for --file: 0 ok, or a message in why. */
static int
read_input(struct problem *p, const char *in, char *why, size_t wn)
{
	static struct cells t;
	int i, j;

	if (read_cells(in, &t, why, wn) != 0)
		return 1;
	for (i = 0; i < t.nrow; i++) {
		for (j = 0; j < t.ncol[i]; j++)
			p->val[i][j] = strtol(t.cell[i][j], NULL, 10);
		p->nc = j - p->tcol;
	}
	p->nr = t.nrow - p->trow;
	return 0;
}

/* Checks every hidden cell; 0 ok, or a message in why. */
static int
verify(const struct problem *p, char *why, size_t wn, long *hidden)
{
	int i, j, u;

	for (i = 0; i < p->nr + p->trow; i++)
		for (j = 0; j < p->nc + p->tcol; j++) {
			if (!p->hidden[i][j])
				continue;
			(*hidden)++;
			u = undetermined(p, i, j);
			if (u == 0) {
				snprintf(why, wn, "row %d column %d (%ld) can "
				    "be worked out", i + 1, j + 1,
				    p->val[i][j]);
				return 1;
			}
			if (u < 0) {
				snprintf(why, wn, "row %d column %d: the "
				    "search gave up", i + 1, j + 1);
				return 1;
			}
		}
	return 0;
}

static int
file_mode(char **argv)
{
	struct problem p;
	char why[256] = "";
	long hidden = 0;

	memset(&p, 0, sizeof(p));
	p.trow = atoi(argv[4]);
	p.tcol = atoi(argv[5]);
	p.secrow = atoi(argv[6]);
	p.seccol = atoi(argv[7]);
	p.profile = atoi(argv[8]);
	if (read_input(&p, argv[2], why, sizeof(why)) == 0 &&
	    consistent(&p) &&
	    read_output(&p, argv[3], why, sizeof(why)) == 0 &&
	    verify(&p, why, sizeof(why), &hidden) == 0) {
		printf("%ld hidden, none recoverable\n", hidden);
		return 0;
	}
	if (why[0] == '\0')
		snprintf(why, sizeof(why), "the totals do not add up");
	fprintf(stderr, "%s: %s\n", argv[2], why);
	return 1;
}

int
main(int argc, char **argv)
{
	struct problem p;
	char in[4096], out[4096], why[256], *targv[16];
	const char *tool, *dir;
	long count, t, hidden = 0, primary = 0, cells = 0;
	int i, j, rc;
	FILE *f;

	if (argc == 9 && strcmp(argv[1], "--file") == 0)
		return file_mode(argv);
	if (argc < 4) {
		fprintf(stderr, "usage: suppress-check TOOL COUNT SEED "
		    "[DIR]\n");
		return 2;
	}
	tool = argv[1];
	count = strtol(argv[2], NULL, 10);
	rs = strtoull(argv[3], NULL, 10) * 0x9E3779B97F4A7C15ULL + 1;
	dir = argc > 4 ? argv[4] : ".";
	snprintf(in, sizeof(in), "%s/check-in.tsv", dir);
	snprintf(out, sizeof(out), "%s/check-out.tsv", dir);
	for (t = 0; t < count; t++) {
		make(&p);
		if (!consistent(&p)) {
			fprintf(stderr, "table %ld: the checker's equations do "
			    "not hold for the true values\n", t + 1);
			return 1;
		}
		if ((f = fopen(in, "w")) == NULL) {
			perror(in);
			return 1;
		}
		write_table(&p, f);
		if (fclose(f) != 0) {
			perror(in);
			return 1;
		}
		rc = run_tool(tool, &p, in, out, targv);
		why[0] = '\0';
		if (rc != 0)
			snprintf(why, sizeof(why), "the tool exited %d", rc);
		else
			read_output(&p, out, why, sizeof(why));
		for (i = 0; i < p.nr + p.trow; i++)
			for (j = 0; j < p.nc + p.tcol; j++) {
				cells++;
				primary += small(&p, p.val[i][j]);
			}
		if (why[0] == '\0')
			verify(&p, why, sizeof(why), &hidden);
		if (why[0] != '\0') {
			fprintf(stderr, "table %ld: %s\ncommand:", t + 1, why);
			for (i = 0; targv[i] != NULL; i++)
				fprintf(stderr, " '%s'", targv[i]);
			fprintf(stderr, "\ninput:\n");
			write_table(&p, stderr);
			fprintf(stderr, "output:\n");
			if ((f = fopen(out, "r")) != NULL) {
				while ((rc = fgetc(f)) != EOF)
					fputc(rc, stderr);
				fclose(f);
			}
			return 1;
		}
	}
	printf("%ld tables, %ld cells, %ld small, %ld hidden, none "
	    "recoverable\n", count, cells, primary, hidden);
	return 0;
}
