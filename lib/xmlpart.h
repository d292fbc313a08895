/*
 * xmlpart.h: an XML part of a zip package (a workbook's sheet, an
 * OpenDocument content.xml) parsed with expat, whole or a row at a time.
 *
 * What the .xlsx and .ods readers share: a DOCTYPE is refused (no entity
 * expansion, no bombs), a handler can stop the parse with a reason, and
 * a parse error exits 1 naming the file, the part and the XML line.
 */
#ifndef SG_XMLPART_H
#define SG_XMLPART_H

#include <expat.h>

#include "zip.h"

/*
 * The parser and its state.  The handlers' user data must be a struct
 * whose first member is this one, so that the DOCTYPE handler finds it.
 */
struct sg_xmlp {
	XML_Parser	 p;
	const char	*err;		/* why a handler stopped the parse */
	const char	*doctype;	/* the message for a DOCTYPE */
	const char	*file;		/* for messages */
	const char	*part;
	struct sg_zreader *zr;		/* a part being streamed */
	int		 final;		/* its last block sent */
	int		 eof;		/* and parsed */
};

/*
 * Makes the parser for part of file: nssep is the namespace separator
 * (expat's namespace processing), or 0 for names as written.
 */
void	 sg_xmlp_new(struct sg_xmlp *x, const char *file, const char *part,
	    char nssep, const char *doctype);
void	 sg_xmlp_handlers(struct sg_xmlp *x, void *ud,
	    XML_StartElementHandler start, XML_EndElementHandler end,
	    XML_CharacterDataHandler chars);
/* From a handler: stops the parse, which then fails with why. */
void	 sg_xmlp_stop(struct sg_xmlp *x, const char *why);
/* From a handler: suspends the parse (a row is ready). */
void	 sg_xmlp_pause(struct sg_xmlp *x);
/* Parses entry e of z whole. */
void	 sg_xmlp_parse(struct sg_xmlp *x, const struct sg_zip *z,
	    const struct sg_zentry *e);
/* Streams entry e of z: sg_xmlp_more() then parses on until *ready is
 * set by a handler or the part ends (x->eof). */
void	 sg_xmlp_stream(struct sg_xmlp *x, const struct sg_zip *z,
	    const struct sg_zentry *e);
void	 sg_xmlp_more(struct sg_xmlp *x, const int *ready);
void	 sg_xmlp_free(struct sg_xmlp *x);

/* The local part of a name "prefix<sep>local" (or "local"). */
const char *sg_xml_lname(const char *n, char sep);

#endif /* SG_XMLPART_H */
