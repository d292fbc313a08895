/*
 * reject.h: --reject FILE (sg(7), "Behaviour every tool shares": nothing
 * is lost silently): rows a tool cannot use are
 * written there with their original columns plus a reason column, and the
 * tool says on standard error how many it set aside.  Also a fast way to
 * pass a record's fields through unchanged.
 */
#ifndef SG_REJECT_H
#define SG_REJECT_H

#include "sg.h"

struct sg_reject;

/*
 * Opens path for rejected rows and writes header plus "reason".  path
 * NULL gives NULL (no --reject): callers then stop at the first bad row.
 */
struct sg_reject *sg_reject_open(const char *path,
	    const struct sg_record *header);
/* Writes rec's fields and the reason (escaped); counts the row. */
void	 sg_reject_row(struct sg_reject *rj, const struct sg_record *rec,
	    const char *reason);
/*
 * Stops or sets the row aside, the one rule for a bad row (sg(7)): the
 * message "FILE:LINE: COLUMN: what: 'value'" (FILE and LINE the
 * reader's; COLUMN and value may be NULL, as for sg_fmt_error) is a data
 * error when rj is NULL (exit 1), else the reason rec is set aside with.
 * The message is never cut short, however long the file or column name.
 */
void	 sg_bad_row(struct sg_reject *rj, const struct sg_reader *r,
	    const struct sg_record *rec, const char *column, const char *what,
	    const char *value, size_t len);
size_t	 sg_reject_count(const struct sg_reject *rj);
/*
 * Closes the file (atomically renamed into place) and, if any row was
 * set aside, says "N rows set aside in FILE" on standard error.
 */
void	 sg_reject_close(struct sg_reject *rj);

/*
 * Writes the fields of rec joined by TAB, without the end of line, in one
 * write: the TABs the reader replaced by NULs are put back, so afterwards
 * the fields are no longer NUL-terminated (their lengths still hold).
 */
void	 sg_write_fields(struct sg_writer *w, struct sg_record *rec);

#endif /* SG_REJECT_H */
