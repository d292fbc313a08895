/*
 * iolink.c: what the reader and the writer need of each other, kept
 * here so that neither calls the other (reader.c and writer.c each call
 * only this file):
 *
 *  - Before the reader waits on a slow input (a pipe or a terminal with
 *    nothing ready), the output so far should go out, so that a table
 *    follows its input line by line.  The writer registers its flush
 *    with sg_io_onwait(); the reader calls sg_io_waiting().
 *
 *  - A tool must not read the regular file its standard output goes to
 *    (sg-clean f >>f would read its own rows for ever).  The reader
 *    notes each input with sg_io_note_input(), the writer notes
 *    standard output with sg_io_note_output(); whichever comes second
 *    finds the clash, in either order.
 */
#include "config.h"

#include <sys/stat.h>

#include "sg.h"

#define MAXWAIT	4
static void (*onwait[MAXWAIT])(void);
static int nonwait;

void
sg_io_onwait(void (*fn)(void))
{
	int i;

	for (i = 0; i < nonwait; i++)
		if (onwait[i] == fn)
			return;
	if (nonwait < MAXWAIT)
		onwait[nonwait++] = fn;
}

void
sg_io_waiting(void)
{
	int i;

	for (i = 0; i < nonwait; i++)
		onwait[i]();
}

/* The inputs' device and inode, kept to be checked against the output's. */
struct seen {
	dev_t		 dev;
	ino_t		 ino;
	const char	*name;
};
static struct seen *seen;
static size_t nseen, seencap;
static struct stat outst;
static int outset;

static void
same_as_output(const char *name, dev_t dev, ino_t ino)
{
	if (outset && dev == outst.st_dev && ino == outst.st_ino)
		sg_die("%s: is also standard output: a tool must not read "
		    "what it writes", name);
}

void
sg_io_note_output(int fd)
{
	size_t i;

	if (fstat(fd, &outst) < 0 || !S_ISREG(outst.st_mode))
		return;
	outset = 1;
	for (i = 0; i < nseen; i++)
		same_as_output(seen[i].name, seen[i].dev, seen[i].ino);
}

void
sg_io_note_input(const char *name, int fd)
{
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return;
	same_as_output(name, st.st_dev, st.st_ino);
	if (nseen == seencap) {
		seencap = seencap ? seencap * 2 : 8;
		seen = sg_realloc(seen, seencap * sizeof(*seen));
	}
	seen[nseen].dev = st.st_dev;
	seen[nseen].ino = st.st_ino;
	seen[nseen].name = name;
	nseen++;
}

void
sg_io_forget(void)
{
	seen = NULL;
	nseen = seencap = 0;
	outset = 0;
}
