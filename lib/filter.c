/*
 * filter.c: the run every filter tool makes.
 */
#include "config.h"

#include "sg.h"
#include "filter.h"
#include "reject.h"

int
sg_filter_run(const struct sg_common *c, const char *reject,
    void (*resolve)(void *, struct sg_filter *),
    int (*work)(void *, struct sg_filter *), void *settings)
{
	struct sg_filter f;
	int status;

	f.r = sg_reader_open(c->files, c->nfiles);
	f.hdr = sg_reader_header(f.r);
	if (resolve != NULL)
		resolve(settings, &f);
	f.w = sg_writer_open(c->output, c->gzip);
	f.rj = sg_reject_open(reject, f.hdr);
	status = work(settings, &f);
	sg_reject_close(f.rj);
	/* Keep the previous output file: this run failed. */
	if (status != SG_EXIT_OK && c->output != NULL)
		sg_writer_abort(f.w);
	else
		sg_writer_close(f.w);
	sg_reader_close(f.r);
	return status;
}
