/*
 * textfile.h: small text files that configure a tool (sg-import --map,
 * sg-clean --alias).
 */
#ifndef SG_TEXTFILE_H
#define SG_TEXTFILE_H

#include "sg.h"

/*
 * Reads path whole (gzip-transparent; a UTF-8 BOM removed) and calls fn
 * for each line, without its LF or CRLF, NUL-terminated and writable,
 * with its 1-based line number.  Dies with a message if it cannot read.
 */
void	 sg_each_line(const char *path,
	    void (*fn)(char *line, long lineno, void *arg), void *arg);

#endif /* SG_TEXTFILE_H */
