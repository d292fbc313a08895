/*
 * sgre.h: the PCRE2 wrapper.  Only tools that use patterns (sg-import
 * --map, sg-clean --alias) link PCRE2.
 */
#ifndef SGRE_H
#define SGRE_H

#include <stddef.h>

struct sgre;

/*
 * Compiles a UTF-8 pattern; caseless != 0 for case-insensitive matching.
 * `where` names the pattern's origin for messages ("map.tsv:3").  A bad
 * pattern exits 1 (it comes from a data file) with PCRE2's message and
 * offset.
 */
struct sgre *sgre_compile(const char *pattern, int caseless,
	    const char *where);
/* 1 if the pattern matches anywhere in s[0..n). */
int	 sgre_match(struct sgre *re, const char *s, size_t n);
/*
 * Replaces every match in s[0..n) with repl ($1, ${name} substitutions,
 * as pcre2_substitute with PCRE2_SUBSTITUTE_GLOBAL).  Returns a malloc'd
 * NUL-terminated string and its length in *outlen, or NULL when nothing
 * matched.
 */
char	*sgre_replace(struct sgre *re, const char *s, size_t n,
	    const char *repl, size_t *outlen);
void	 sgre_free(struct sgre *re);

#endif
