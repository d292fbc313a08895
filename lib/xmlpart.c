/*
 * xmlpart.c: an XML part of a zip package parsed with expat (xmlpart.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "xmlpart.h"

static void XMLCALL
no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct sg_xmlp *x = ud;

	(void)name;
	(void)sysid;
	(void)pubid;
	(void)internal;
	sg_xmlp_stop(x, x->doctype);
}

void
sg_xmlp_new(struct sg_xmlp *x, const char *file, const char *part,
    char nssep, const char *doctype)
{
	memset(x, 0, sizeof(*x));
	x->p = nssep ? XML_ParserCreateNS("UTF-8", nssep) :
	    XML_ParserCreate("UTF-8");
	if (x->p == NULL)
		sg_die("out of memory");
	x->file = file;
	x->part = part;
	x->doctype = doctype;
}

void
sg_xmlp_handlers(struct sg_xmlp *x, void *ud, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
	XML_SetUserData(x->p, ud);
	XML_SetElementHandler(x->p, start, end);
	XML_SetCharacterDataHandler(x->p, chars);
	XML_SetStartDoctypeDeclHandler(x->p, no_doctype);
}

void
sg_xmlp_stop(struct sg_xmlp *x, const char *why)
{
	x->err = why;
	XML_StopParser(x->p, XML_FALSE);
}

void
sg_xmlp_pause(struct sg_xmlp *x)
{
	XML_StopParser(x->p, XML_TRUE);
}

/* A parse error: the handler's reason, or expat's with the XML line. */
static void SG_NORETURN
fail(const struct sg_xmlp *x)
{
	struct sg_buf msg = { 0 };

	if (x->err != NULL)
		sg_zip_corrupt(x->file, x->err, x->part);
	sg_buf_printf(&msg, "line %lu: %s",
	    (unsigned long)XML_GetCurrentLineNumber(x->p),
	    XML_ErrorString(XML_GetErrorCode(x->p)));
	sg_zip_corrupt(x->file, msg.p, x->part);
}

void
sg_xmlp_parse(struct sg_xmlp *x, const struct sg_zip *z,
    const struct sg_zentry *e)
{
	struct sg_zreader *r = sg_malloc(sizeof(*r));
	const unsigned char *buf;
	size_t n;

	sg_zr_open(r, z, e);
	do {
		buf = NULL;
		n = sg_zr_read(r, &buf);
		if (XML_Parse(x->p, (const char *)buf, (int)n, n == 0) !=
		    XML_STATUS_OK)
			fail(x);
	} while (n > 0);
	sg_zr_close(r);
	free(r);
}

void
sg_xmlp_stream(struct sg_xmlp *x, const struct sg_zip *z,
    const struct sg_zentry *e)
{
	x->zr = sg_malloc(sizeof(*x->zr));
	sg_zr_open(x->zr, z, e);
	x->final = x->eof = 0;
}

void
sg_xmlp_more(struct sg_xmlp *x, const int *ready)
{
	XML_ParsingStatus st;
	const unsigned char *buf;
	size_t n;
	enum XML_Status r;

	while (!*ready && !x->eof) {
		XML_GetParsingStatus(x->p, &st);
		if (st.parsing == XML_SUSPENDED) {
			r = XML_ResumeParser(x->p);
		} else if (x->final) {
			x->eof = 1;
			break;
		} else {
			buf = NULL;
			n = sg_zr_read(x->zr, &buf);
			x->final = n == 0;
			r = XML_Parse(x->p, (const char *)buf, (int)n, n == 0);
		}
		if (r == XML_STATUS_ERROR)
			fail(x);
	}
}

void
sg_xmlp_free(struct sg_xmlp *x)
{
	if (x->p != NULL)
		XML_ParserFree(x->p);
	x->p = NULL;
	if (x->zr != NULL) {
		sg_zr_close(x->zr);
		free(x->zr);
	}
	x->zr = NULL;
}

const char *
sg_xml_lname(const char *n, char sep)
{
	const char *p = strchr(n, sep);

	return p != NULL ? p + 1 : n;
}
