/*
 * csvfast.h: CSV records to stream rows, classified a block at a time,
 * for sg-import's quoted lines (sg-import(1)).  libcsv stays the reader
 * of reference: this path takes only records it can settle alone and
 * hands the first other one back, so that errors and lax reading stay
 * where they are.
 */
#ifndef SG_CSVFAST_H
#define SG_CSVFAST_H

#include "sg.h"

struct sg_csvfast {
	size_t		 ncols;		/* fields every record must have */
	const char	*tail;		/* written after a row's fields */
	size_t		 taillen;
	size_t		 flush;		/* stop once the output is this long */
	unsigned char	 sep;		/* ',' or ';': not TAB, quote, CR, LF,
					 * backslash, NUL or above 0x7F */
	long		 lines;		/* set: physical lines taken */
};

/*
 * Converts the CSV records at the start of [p, limit), which begins a
 * line, to stream rows appended to out: the fields unquoted ("" read as
 * one quote, line breaks inside quotes kept), escaped as man/sg.7 says,
 * joined by TABs, then the tail and a newline.  Stops at limit, after the
 * record that makes out at least flush bytes long, or at the first record
 * that is not plain: a quote anywhere but around a whole field or doubled
 * inside one, a record cut by limit (a quote still open), a NUL or
 * invalid UTF-8, a field count other than ncols, or no text in any field.
 * Returns where it stopped, the start of a line; out holds the rows of
 * the records before it, and cf->lines the physical lines they took
 * (CR LF, CR and LF each end one).
 */
const char	*sg_csvfast_rows(struct sg_csvfast *cf, const char *p,
		    const char *limit, struct sg_buf *out);

/*
 * The instructions used to classify blocks: "scalar" (portable, eight
 * bytes a word), "sse2" or "avx2" (with PCLMUL).  The widest the processor
 * has is chosen at the first call, unless the environment variable SG_SIMD
 * names one (a debugging aid; one the processor lacks is an error).
 * sg_csvfast_use chooses one by name, returning 0 if the processor lacks
 * it or the name is unknown.
 */
int		 sg_csvfast_use(const char *name);
const char	*sg_csvfast_width(void);

#endif /* SG_CSVFAST_H */
