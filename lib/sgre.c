/*
 * sgre.c: a small PCRE2 wrapper for sg-import --map and sg-clean --alias.
 */
#include "config.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "sgre.h"

struct sgre {
	pcre2_code		*code;
	pcre2_match_data	*md;
	char			*where;
};

struct sgre *
sgre_compile(const char *pattern, int caseless, const char *where)
{
	struct sgre *re = sg_calloc(1, sizeof(*re));
	PCRE2_UCHAR msg[256];
	PCRE2_SIZE off;
	int err;
	uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;

	if (caseless)
		opts |= PCRE2_CASELESS;
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &err, &off, NULL);
	if (re->code == NULL) {
		pcre2_get_error_message(err, msg, sizeof(msg));
		sg_die("%s: bad pattern '%s': %s at offset %zu", where,
		    pattern, (char *)msg, (size_t)off);
	}
	pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE);
	re->md = pcre2_match_data_create_from_pattern(re->code, NULL);
	re->where = sg_strdup(where);
	return re;
}

int
sgre_match(struct sgre *re, const char *s, size_t n)
{
	int rc = pcre2_match(re->code, (PCRE2_SPTR)s, n, 0, 0, re->md, NULL);

	if (rc >= 0)
		return 1;
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	sg_die("%s: pattern failed on '%.40s' (PCRE2 error %d)", re->where,
	    s, rc);
}

char *
sgre_replace(struct sgre *re, const char *s, size_t n, const char *repl,
    size_t *outlen)
{
	PCRE2_SIZE size = n * 2 + strlen(repl) + 64;
	PCRE2_UCHAR *out;
	int rc;

	for (;;) {
		out = sg_malloc(size);
		rc = pcre2_substitute(re->code, (PCRE2_SPTR)s, n, 0,
		    PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH,
		    re->md, NULL, (PCRE2_SPTR)repl, PCRE2_ZERO_TERMINATED,
		    out, &size);
		if (rc != PCRE2_ERROR_NOMEMORY)
			break;
		free(out);	/* size now holds the length needed */
	}
	if (rc == 0) {
		free(out);
		return NULL;
	}
	if (rc < 0) {
		PCRE2_UCHAR msg[256];
		free(out);
		pcre2_get_error_message(rc, msg, sizeof(msg));
		sg_die("%s: cannot replace with '%s': %s", re->where, repl,
		    (char *)msg);
	}
	*outlen = size;
	return (char *)out;
}

void
sgre_free(struct sgre *re)
{
	if (re == NULL)
		return;
	pcre2_match_data_free(re->md);
	pcre2_code_free(re->code);
	free(re->where);
	free(re);
}
