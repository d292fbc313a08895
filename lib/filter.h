/*
 * filter.h: the run of a filter tool, the same in every one: the inputs
 * and their header, the options checked against the header before any
 * output is made, the output and the --reject file, the work, then all
 * closed.
 */
#ifndef SG_FILTER_H
#define SG_FILTER_H

#include "sg.h"
#include "reject.h"

struct sg_filter {
	struct sg_reader	*r;	/* the inputs */
	const struct sg_record	*hdr;	/* their header */
	struct sg_writer	*w;	/* the output */
	struct sg_reject	*rj;	/* --reject FILE, or NULL */
};

/*
 * Opens the inputs c->files (standard input if none); calls
 * resolve(settings, f), which checks the options against f->hdr and
 * may end the tool with a usage error before anything is written;
 * opens the output (-o, -z) and, when reject is not NULL, the reject
 * file; returns what work(settings, f) returns, the exit status, after
 * closing them.  A run whose work fails (a non-zero status) leaves a
 * previous output file as it was.  resolve may be NULL.
 */
int	 sg_filter_run(const struct sg_common *c, const char *reject,
	    void (*resolve)(void *, struct sg_filter *),
	    int (*work)(void *, struct sg_filter *), void *settings);

#endif /* SG_FILTER_H */
