/*
 * ooxml.c: relationships, string escapes and number formats of an Office
 * Open XML package (ooxml.h).
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sg.h"
#include "markup.h"
#include "ooxml.h"
#include "xmlpart.h"

/*
 * An attribute: with ns == 0 an unprefixed one named exactly name (OOXML's
 * own attributes are in no namespace), with ns != 0 a prefixed one with
 * that local name (r:id, whatever the prefix).
 */
const char *
sg_ox_attr(const char **atts, const char *name, int ns)
{
	const char *colon;

	for (; atts[0] != NULL; atts += 2) {
		colon = strchr(atts[0], SG_OX_NSSEP);
		if (ns ? colon != NULL && strcmp(colon + 1, name) == 0 :
		    strcmp(atts[0], name) == 0)
			return atts[1];
	}
	return NULL;
}

int
sg_ox_truthy(const char *v)
{
	return v != NULL && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0);
}

/*
 * Appends string text s[0..n) undoing Excel's escape of characters XML
 * cannot hold: "_x000D_" is a CR, "_x005F_" a literal underscore.
 */
void
sg_ox_add_string(struct sg_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	unsigned long c;
	char hex[5];

	for (i = 0; i + 7 <= n; i++) {
		if (!sg_ox_is_escape(s + i, n - i))
			continue;
		memcpy(hex, s + i + 2, 4);
		hex[4] = '\0';
		c = strtoul(hex, NULL, 16);
		if (c == 0 || (c >= 0xD800 && c <= 0xDFFF))
			continue;
		sg_buf_add(b, s + start, i - start);
		sg_buf_add_cp(b, (unsigned)c);
		i += 6;
		start = i + 1;
	}
	sg_buf_add(b, s + start, n - start);
}

/* ------------------------------------------------------------------ */
/* Relationships.                                                      */

/* Resolves a relationship target against the source part's folder. */
static char *
resolve(const char *source, const char *target)
{
	struct sg_buf b = { 0 };
	const char *slash;
	char *out, *seg, *save;
	char **segs;
	size_t nseg = 0, i;

	if (target[0] == '/') {
		sg_buf_adds(&b, target + 1);
	} else {
		slash = strrchr(source, '/');
		if (slash != NULL)
			sg_buf_add(&b, source, (size_t)(slash - source) + 1);
		sg_buf_adds(&b, target);
	}
	sg_buf_addc(&b, '\0');
	/* Remove "." and ".." segments. */
	segs = sg_calloc(strlen(b.p) + 1, sizeof(*segs));
	for (seg = strtok_r(b.p, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		if (strcmp(seg, ".") == 0)
			continue;
		if (strcmp(seg, "..") == 0) {
			if (nseg > 0)
				nseg--;
			continue;
		}
		segs[nseg++] = seg;
	}
	out = sg_malloc(strlen(target) + strlen(source) + 2);
	out[0] = '\0';
	for (i = 0; i < nseg; i++) {
		if (i > 0)
			strcat(out, "/");
		strcat(out, segs[i]);
	}
	free(segs);
	sg_buf_free(&b);
	return out;
}

/* The .rels part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
static char *
rels_part(const char *part)
{
	const char *slash = strrchr(part, '/');
	size_t dir = slash != NULL ? (size_t)(slash - part) + 1 : 0;
	char *out = sg_malloc(strlen(part) + 12);

	memcpy(out, part, dir);
	sprintf(out + dir, "_rels/%s.rels", part + dir);
	return out;
}

/* A .rels part being read: the parser first (xmlpart.h). */
struct rels_parse {
	struct sg_xmlp	 xp;
	struct sg_rels	*rels;
};

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	struct rels_parse *rp = ud;
	struct sg_rels *rs = rp->rels;
	const char *id, *type, *target, *mode, *t;
	struct sg_rel *r;

	if (strcmp(sg_xml_lname(name, SG_OX_NSSEP), "Relationship") != 0)
		return;
	id = sg_ox_attr(atts, "Id", 0);
	type = sg_ox_attr(atts, "Type", 0);
	target = sg_ox_attr(atts, "Target", 0);
	mode = sg_ox_attr(atts, "TargetMode", 0);
	if (id == NULL || type == NULL || target == NULL ||
	    (mode != NULL && strcmp(mode, "External") == 0))
		return;
	rs->v = sg_realloc(rs->v, (rs->n + 1) * sizeof(*rs->v));
	r = &rs->v[rs->n++];
	r->id = sg_strdup(id);
	t = strrchr(type, '/');
	r->type = sg_strdup(t != NULL ? t + 1 : type);
	r->target = sg_strdup(target);
}

void
sg_rels_read(struct sg_rels *r, const struct sg_zip *z, const char *file,
    const char *part)
{
	char *name = rels_part(part), *t;
	const struct sg_zentry *e = sg_zip_find(z, name);
	struct rels_parse rp;
	size_t i;

	sg_rels_free(r);
	if (e != NULL) {
		sg_xmlp_new(&rp.xp, file, name, 0,
		    "a DOCTYPE is not allowed in a workbook");
		rp.rels = r;
		sg_xmlp_handlers(&rp.xp, &rp, rels_start, NULL, NULL);
		sg_xmlp_parse(&rp.xp, z, e);
		sg_xmlp_free(&rp.xp);
	}
	for (i = 0; i < r->n; i++) {
		t = resolve(part, r->v[i].target);
		free(r->v[i].target);
		r->v[i].target = t;
	}
	free(name);
}

/* The first relationship whose id (by_id) or else type is s, or NULL. */
static const struct sg_rel *
rels_find(const struct sg_rels *r, const char *s, int by_id)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (strcmp(by_id ? r->v[i].id : r->v[i].type, s) == 0)
			return &r->v[i];
	return NULL;
}

const struct sg_rel *
sg_rels_by_type(const struct sg_rels *r, const char *type)
{
	return rels_find(r, type, 0);
}

const struct sg_rel *
sg_rels_by_id(const struct sg_rels *r, const char *id)
{
	return rels_find(r, id, 1);
}

void
sg_rels_free(struct sg_rels *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].id);
		free(r->v[i].type);
		free(r->v[i].target);
	}
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* ------------------------------------------------------------------ */
/* Number formats.                                                     */

/*
 * What a number format shows.  Date codes are d, m, y; time codes h, m,
 * s and AM/PM; "m" is minutes right after an h or right before an s
 * (as in Excel).  Quoted text, \x, _x, *x and [colour], [$-809] are
 * skipped; [h], [mm], [ss] are elapsed time.  A % outside quotes makes a
 * percentage.
 */
enum sg_numkind
sg_ox_format_kind(const char *code)
{
	char tok[64];		/* code letters: d m y h s, 'a' AM/PM */
	int n = 0, i, elapsed = 0, percent = 0, date = 0, time = 0;
	const char *p;

	for (p = code; *p != '\0'; p++) {
		int c = tolower((unsigned char)*p);

		if (c == '"') {
			p = strchr(p + 1, '"');
			if (p == NULL)
				break;
		} else if (c == '\\' || c == '_' || c == '*') {
			if (p[1] == '\0')
				break;
			p++;
		} else if (c == '[') {
			const char *q = strchr(p, ']');
			if (q == NULL)
				break;
			if (q > p + 1 && strchr("hms", tolower((unsigned char)
			    p[1])) != NULL) {
				const char *r = p + 1;
				while (r < q && tolower((unsigned char)*r) ==
				    tolower((unsigned char)p[1]))
					r++;
				if (r == q) {
					elapsed = 1;
					if (n < 63)
						tok[n++] = (char)tolower(
						    (unsigned char)p[1]);
				}
			}
			p = q;
		} else if (strncasecmp(p, "am/pm", 5) == 0) {
			if (n < 63)
				tok[n++] = 'a';
			p += 4;
		} else if (strncasecmp(p, "a/p", 3) == 0) {
			if (n < 63)
				tok[n++] = 'a';
			p += 2;
		} else if (c == '%') {
			percent = 1;
		} else if (c != '\0' && strchr("dmyhs", c) != NULL) {
			int len = 1;
			while (tolower((unsigned char)p[len]) == c)
				len++;
			if (n < 63)
				tok[n++] = (char)(c == 'm' && len > 2 ? 'M' : c);
			p += len - 1;
		}
	}
	for (i = 0; i < n; i++) {
		switch (tok[i]) {
		case 'd': case 'y': case 'M':
			date = 1;
			break;
		case 'm':
			if ((i > 0 && tok[i - 1] == 'h') ||
			    (i + 1 < n && tok[i + 1] == 's'))
				time = 1;
			else
				date = 1;
			break;
		default:
			time = 1;
		}
	}
	if (date)
		return NK_DATE;
	if (time)
		return elapsed ? NK_ELAPSED : NK_TIME;
	return percent ? NK_PERCENT : NK_NUMBER;
}

/* Built-in number formats (ECMA-376 18.8.30) that are not plain numbers. */
enum sg_numkind
sg_ox_builtin_kind(long id)
{
	if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
	    (id >= 50 && id <= 58))
		return NK_DATE;
	if ((id >= 18 && id <= 21) || id == 45 || id == 47)
		return NK_TIME;
	if (id == 46)
		return NK_ELAPSED;
	if (id == 9 || id == 10)
		return NK_PERCENT;
	return NK_NUMBER;
}

