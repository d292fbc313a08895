/*
 * forms.h: the forms agencies write values in, read for sg-clean(1):
 * spaces to trim, the bracketed markers of official statistics
 * (sg(7), VALUES), report-style plain numbers, and the date forms of
 * reports and spreadsheets; and a report's numbers as sg-check(1) reads
 * and words them.
 */
#ifndef SG_FORMS_H
#define SG_FORMS_H

#include "sg.h"

/*
 * Trims and collapses runs of spaces (and no-break spaces, which become
 * plain spaces) in s[0..n) into b.  Returns 1 if anything changed.
 */
int	 sg_squeeze(struct sg_buf *b, const char *s, size_t n);
/* Whether sg_squeeze() would change s[0..n): a space at either end, two
 * spaces together, or a no-break space. */
int	 sg_needs_squeeze(const char *s, size_t n);

/* The markers of official statistics that leave a value a number. */
enum { SG_MK_E = 1, SG_MK_P = 2, SG_MK_R = 4 };
/*
 * Strips the bracketed forms of the Government Statistical Service from
 * the end of s[0..*n) ("1,234 [p]", "12 [c]", "[x] [r]"): the strongest
 * of the symbols [c] [x] [u] [z] [low] among them goes to *kind (SG_NUM
 * if none), the markers [e] [p] [r] to *mk (SG_MK_E and so on).  Returns
 * 0 if a bracket holds anything else.
 */
int	 sg_strip_brackets(const char *s, size_t *n, enum sg_kind *kind,
	    int *mk);
/* Whether s[0..n) is a number already plain: digits, and maybe a point
 * and more digits. */
int	 sg_plain_number(const char *s, size_t n);

/* Whether s[0..10) has the shape of an ISO date: dddd-dd-dd. */
static inline int
sg_iso_shape(const char *s)
{
	int i;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}
/*
 * Reads a date s[0..n) in one of the forms of sg-clean(1) (ISO,
 * dd/mm/yyyy, d/m/yy, d Mon yyyy, d-Month-yy, an Excel serial number
 * for 1910 to 2099, each maybe with a time of day after it); returns 1
 * and sets *days, 0 if it is not a date, -1 if it looks like a
 * month-first date.
 */
int	 sg_date_parse_form(const char *s, size_t n, long *days);

/* A value as a report may print it: 1,043  +7  58.4%  N/A. */
struct sg_report_num {
	enum sg_kind	kind;
	sg_dec		d;
	int		exact;	/* d holds it */
	double		num;
	int		dp;	/* decimals as written */
};
/*
 * Reads s[0..n) as a number or symbol, in the stream's form or a
 * report's: a leading + or -, thousands separators in groups of three, a
 * trailing %; N/A, / and * as z, x and c (sg-render's defaults).  A
 * number of more than 79 characters is not read.  Returns v->kind.
 */
enum sg_kind sg_report_parse(const char *s, size_t n,
	    struct sg_report_num *v);
/*
 * Appends s[0..n) to b as a reader of the table sees it: 1605 as 1,605,
 * a report's form as it is shown, c as "suppressed", x or empty as "not
 * available", z as "not applicable"; anything else quoted, cut to 40
 * bytes at a character.
 */
void	 sg_report_words(struct sg_buf *b, const char *s, size_t n);

#endif /* SG_FORMS_H */
