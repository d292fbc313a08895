/*
 * zipw.h: a small zip writer, for the OpenDocument spreadsheets sg-book
 * writes.  An entry is given whole, stored or deflated, or deflated a
 * piece at a time; no zip64, so an archive is refused past 4 GiB.
 */
#ifndef SG_ZIPW_H
#define SG_ZIPW_H

#include <stddef.h>

struct sg_zipw;

struct sg_writer;

/* Starts an archive written to w (lib's writer: atomic, the mode kept,
 * write errors reported); name is for messages.  dosdate and dostime
 * stamp every entry (MS-DOS format), so that the same input makes the
 * same bytes. */
struct sg_zipw *sg_zipw_open(struct sg_writer *w, const char *name,
	    unsigned dosdate, unsigned dostime);
/* Adds an entry: stored as is when deflate == 0, else deflated. */
void	 sg_zipw_add(struct sg_zipw *z, const char *path, const void *data,
	    size_t n, int deflate);
/* An entry deflated a piece at a time: begun, written to, ended (one
 * at a time; only its deflated bytes are held until it ends). */
void	 sg_zipw_begin(struct sg_zipw *z, const char *path);
void	 sg_zipw_write(struct sg_zipw *z, const void *data, size_t n);
void	 sg_zipw_end(struct sg_zipw *z);
/* Writes the central directory; does not close the writer. */
void	 sg_zipw_close(struct sg_zipw *z);
/* MS-DOS date and time of a calendar day at midnight. */
unsigned sg_zipw_dosdate(int y, int m, int d);

#endif
