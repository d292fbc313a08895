/*
 * sg.h: the library every sg tool is built on.
 *
 * The contract it carries out is man/sg.7.  The stream (sg(7), "The
 * stream"): UTF-8 text, records end in LF, fields are separated by TAB,
 * the first record is the header.  Inside a value four characters are
 * escaped: \\ \t \n \r.  Values (sg(7), "Values"): plain numbers, the
 * symbols x z u c low, ISO dates, the one rounding rule.  Behaviour
 * (sg(7), "Behaviour every tool shares"): exit 0/1/2, messages
 * "sg-TOOL: FILE:LINE: COLUMN: what is wrong: 'value'".
 */
#ifndef SG_H
#define SG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"	/* struct sg_buf: the growable buffer */
#include "dec.h"	/* sg_dec: exact decimals */

/* Exit statuses. */
#define SG_EXIT_OK	0
#define SG_EXIT_DATA	1	/* bad data or an I/O failure */
#define SG_EXIT_USAGE	2	/* a bad command line */

#if defined(__GNUC__)
#define SG_NORETURN	__attribute__((noreturn))
#define SG_PRINTF(a, b)	__attribute__((format(printf, a, b)))
#else
#define SG_NORETURN
#define SG_PRINTF(a, b)
#endif

/* ------------------------------------------------------------------ */
/* Errors and messages (err.c; the data-error message in msg.c).      */

/*
 * Call first in main(): records the program name used in every message,
 * fixes LC_NUMERIC to "C", ignores SIGPIPE (a closed pipe is then seen as
 * EPIPE by the writer, which ends the tool quietly with status 0).
 */
void	 sg_init(const char *progname);
extern const char *sg_progname;

/* "sg-TOOL: message" and exit 2 (a bad command line). */
void	 sg_die_usage(const char *fmt, ...) SG_PRINTF(1, 2) SG_NORETURN;
/* "sg-TOOL: message" and exit 1 (bad data or I/O). */
void	 sg_die(const char *fmt, ...) SG_PRINTF(1, 2) SG_NORETURN;
/* "sg-TOOL: message" on stderr; the tool goes on. */
void	 sg_warn(const char *fmt, ...) SG_PRINTF(1, 2);
/*
 * The data-error message of sg(7), "Behaviour every tool shares" (msg.c):
 *   FILE:LINE: COLUMN: WHAT: 'VALUE'
 * appended to b, however long.  FILE may be NULL and LINE 0 (then
 * omitted), COLUMN may be NULL (then omitted), VALUE may be NULL (then
 * omitted); the value is cut to 40 characters (at a UTF-8 boundary, with
 * "...") and its control characters shown as \xHH.  Used for messages
 * and for the reason column of --reject.
 */
void	 sg_fmt_error_buf(struct sg_buf *b, const char *file, long line,
	    const char *column, const char *what, const char *value,
	    size_t valuelen);
/* The same into buf[0..size), cut to fit (at a UTF-8 boundary) if it
 * must be: prefer sg_fmt_error_buf(), which never cuts. */
void	 sg_fmt_error(char *buf, size_t size, const char *file, long line,
	    const char *column, const char *what, const char *value,
	    size_t valuelen);
/* Prints that message, whole, prefixed by "sg-TOOL: " and exits 1. */
void	 sg_data_error(const char *file, long line, const char *column,
	    const char *what, const char *value, size_t valuelen) SG_NORETURN;
/* The same, but only warns (for --warn modes). */
void	 sg_data_warn(const char *file, long line, const char *column,
	    const char *what, const char *value, size_t valuelen);

/* Allocation that never fails (exits 1 with a message). */
void	*sg_malloc(size_t n);
void	*sg_calloc(size_t n, size_t size);
void	*sg_realloc(void *p, size_t n);
char	*sg_strdup(const char *s);
char	*sg_strndup(const char *s, size_t n);

/* Cleanup hooks run before any sg_die/sg_die_usage/sg_data_error exit
 * (the writer uses this to remove its temporary file). */
void	 sg_atdie(void (*fn)(void));
/*
 * For a harness that longjmps out of sg_die() and then frees what the run
 * had allocated (fuzz/harness.h): lib forgets, without freeing, what it
 * keeps for the whole run (the message buffer, the inputs noted against
 * the output), so that the next run does not use freed memory.
 */
void	 sg_msg_forget(void);
void	 sg_io_forget(void);

/* ------------------------------------------------------------------ */
/* Common options (opts.c).                                            */

/*
 * Every tool shares -h/--help, -V/--version, -o/--output FILE,
 * -z/--gzip and --label NAME.  Put SG_COMMON_LONGOPTS in the getopt_long table and
 * SG_COMMON_SHORTOPTS in the optstring, and pass unknown cases to
 * sg_common_opt(), which handles them or returns 0.
 */
#define SG_COMMON_SHORTOPTS "hVo:z"
#define SG_OPT_LABEL	0x1000	/* --label, long only (a tool's own long-only options are 256 on) */
#define SG_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }, \
	{ "output", required_argument, NULL, 'o' }, \
	{ "gzip", no_argument, NULL, 'z' }, \
	{ "label", required_argument, NULL, SG_OPT_LABEL }

/* The help lines of the shared options, for the end of a usage text. */
#define SG_COMMON_HELP \
	"  -o, --output FILE      write to FILE atomically\n" \
	"  -z, --gzip             gzip the output\n" \
	"  -h, --help             print this help and exit\n" \
	"  -V, --version          print the version and exit\n"
/* Printed by sg_common_opt() after every usage text, so that every
 * --help lists it whatever the tool's own text says. */
#define SG_LABEL_HELP \
	"      --label NAME       name standard input NAME in messages\n"

struct sg_common {
	const char	*output;	/* -o FILE, NULL for stdout */
	int		 gzip;		/* -z */
	char	       **files;		/* the operands (sg_optab_parse) */
	int		 nfiles;
};
/*
 * --label NAME: standard input is named NAME in messages instead of "-"
 * (sg(7)), so a tool inside a pipeline names its source.  NULL when not
 * given.  sg_stdin_name() is the name to print: the label or "-".
 */
extern const char *sg_stdin_label;
const char *sg_stdin_name(void);
/* usage is the full --help text (printed to stdout with exit 0 for -h). */
int	 sg_common_opt(int ch, const char *arg, struct sg_common *c,
	    const char *usage);
/* Prints "Try 'sg-TOOL --help'." after a getopt error and exits 2. */
void	 sg_usage_error(void) SG_NORETURN;
/* Strict non-negative integer option value, or a usage error naming opt. */
long	 sg_opt_long(const char *opt, const char *arg, long min, long max);

/* ------------------------------------------------------------------ */
/* Reading the stream (reader.c).                                      */

struct sg_record {
	char		**f;	/* field pointers, NUL-terminated in place */
	size_t		 *len;	/* field lengths */
	size_t		  n;	/* number of fields */
	char		 *line;	/* the whole record (fields joined by NUL) */
	size_t		  linelen;/* its length in bytes, without the LF */
};

struct sg_reader;

/*
 * Opens files[0..nfiles-1] as one stream (no files, or "-", is standard
 * input).  Each may be gzip-compressed (detected from its magic bytes).
 * Reads the first file's header at once; every later file must have an
 * identical header, which is skipped.  Dies with a message on any error.
 */
struct sg_reader *sg_reader_open(char **files, int nfiles);
/* The header: field names. */
const struct sg_record *sg_reader_header(const struct sg_reader *r);
/*
 * Reads the next record.  Returns 1, or 0 at the end of the last file.
 * Fields live until the next call.  A record whose field count differs
 * from the header's is a data error unless sg_reader_allow_ragged() was
 * called (then the tool must check rec->n itself).  A NUL byte is a data
 * error.  A trailing CR before the LF is removed (CRLF tolerated).
 */
int	 sg_read(struct sg_reader *r, struct sg_record *rec);
void	 sg_reader_allow_ragged(struct sg_reader *r);
/* Name of the current file (sg_stdin_name() for standard input) and line
 * number of the last record read (the header is line 1). */
const char *sg_reader_file(const struct sg_reader *r);
long	 sg_reader_line(const struct sg_reader *r);
void	 sg_reader_close(struct sg_reader *r);

/*
 * A raw block reader (used by sg-import and sg-reader): gzip-transparent
 * reads of big blocks from one file.  Returns bytes read, 0 at EOF; dies
 * on a read error or a truncated/corrupt gzip stream.
 */
struct sg_input;
struct sg_input *sg_input_open(const char *path);	/* NULL or "-": stdin */
size_t	 sg_input_read(struct sg_input *in, void *buf, size_t n);
const char *sg_input_name(const struct sg_input *in);
int	 sg_input_is_gzip(const struct sg_input *in);
void	 sg_input_close(struct sg_input *in);

/* ------------------------------------------------------------------ */
/* Between the reader and the writer (iolink.c): neither calls the      */
/* other, both call these.                                              */

/* fn runs before a read that would wait on a slow input (the writer
 * registers its flush when it opens; at most 4 distinct functions). */
void	 sg_io_onwait(void (*fn)(void));
/* Runs them: called by the reader before such a read. */
void	 sg_io_waiting(void);
/*
 * A tool must not read the regular file its standard output goes to:
 * the reader notes each input it opens, the writer standard output, and
 * the second of the two to see the same regular file dies with
 * "FILE: is also standard output".  Other kinds of file are ignored.
 */
void	 sg_io_note_input(const char *name, int fd);
void	 sg_io_note_output(int fd);

/* ------------------------------------------------------------------ */
/* Writing the stream (writer.c).                                      */

struct sg_writer;

/*
 * Opens the output: path NULL (or "-") is standard output; otherwise a
 * temporary file in the same directory, renamed to path by
 * sg_writer_close() (atomic), with the mode of the file it replaces (a
 * new file: 0666 less the umask).  gzip != 0 compresses.  On a write error
 * the tool exits 1 with a message (the temporary file removed); on EPIPE
 * it exits 0 quietly.  Killed by SIGTERM, SIGINT or SIGHUP, the tool
 * removes its temporary files and dies of the signal (not SIGKILL).
 */
struct sg_writer *sg_writer_open(const char *path, int gzip);
void	 sg_write(struct sg_writer *w, const void *buf, size_t n);
void	 sg_write_str(struct sg_writer *w, const char *s);
void	 sg_write_char(struct sg_writer *w, int c);
/* Writes fields joined by TAB and ended by LF (no escaping: the fields
 * are stream values already). */
void	 sg_write_record(struct sg_writer *w, char *const *f,
	    const size_t *len, size_t n);
/* Writes one field's text, TAB before it unless first != 0. */
void	 sg_write_field(struct sg_writer *w, const char *s, size_t n,
	    int first);
/* Writes a value, escaping \ TAB LF CR as the stream requires. */
void	 sg_write_escaped(struct sg_writer *w, const char *s, size_t n);
void	 sg_write_eol(struct sg_writer *w);
/* Writes the bytes of the file at path; dies naming name (a workbook)
 * if it cannot read them. */
void	 sg_write_file(struct sg_writer *w, const char *path,
	    const char *name);
/* The same file's bytes appended to b; dies as sg_write_file(). */
void	 sg_read_back(struct sg_buf *b, const char *path, const char *name);
/* Flushes, closes, renames the temporary file into place.  Exits 1 on
 * any error.  Standard output is checked for write errors too. */
void	 sg_writer_close(struct sg_writer *w);
/* Writes out what every open writer holds (not gzip's): registered with
 * sg_io_onwait(), so run before the reader waits on a slow input. */
void	 sg_writers_flush(void);
/* Discards the output (removes the temporary file). */
void	 sg_writer_abort(struct sg_writer *w);

/* ------------------------------------------------------------------ */
/* Columns (cols.c).                                                   */

/*
 * Resolves a column list ("agency,3-5", names, 1-based numbers, ranges
 * N-M) against a header.  A whole spec that is itself a column name is
 * taken as that name (so names may hold commas); each item is tried first
 * as an exact name, then as a number or range.  Unknown columns are a
 * usage error (exit 2) naming the option and listing the columns that
 * exist.  Returns the number of indices (0-based) stored in *idx (newly
 * allocated).  Duplicates are kept in the order given.
 */
size_t	 sg_cols_resolve(const char *opt, const char *spec,
	    const struct sg_record *header, size_t **idx);
/* One column (name or number); usage error if unknown. */
size_t	 sg_col_resolve(const char *opt, const char *spec,
	    const struct sg_record *header);
/* Index of the column named exactly name, or -1. */
long	 sg_col_find(const struct sg_record *header, const char *name);
/* Index of the first of names[0..n) that is exactly name, or -1. */
long	 sg_name_find(char *const *names, size_t n, const char *name);
/* 1 if column index col is among idx[0..n) (a key, a grouping...). */
int	 sg_cols_has(const size_t *idx, size_t n, size_t col);

/* ------------------------------------------------------------------ */
/* Values: numbers and symbols (value.c).                              */

enum sg_kind {
	SG_NUM = 0,	/* a plain number */
	SG_LOW,		/* "low": rounds to zero but is not zero */
	SG_Z,		/* "z": not applicable */
	SG_U,		/* "u": low reliability, the figure withheld */
	SG_X,		/* "x": not available; also the empty value */
	SG_C,		/* "c": confidential (suppressed) */
	SG_BAD		/* not a number and not a symbol */
};

/*
 * Which symbol wins: any c gives c, else any x gives x, else any u gives
 * u, else any z gives z (the enum's order; sg(7) says why), else low.
 * That last step is not arithmetic's: a result from low operands is low
 * only while it is near zero whatever their values, and x otherwise
 * (sg(7); each tool decides per operation, as sg-agg's result_kind()).
 */
#define sg_kind_combine(a, b)	((a) > (b) ? (a) : (b))

/* The symbol's text ("x", "z", "u", "c", "low"), or NULL for SG_NUM and
 * SG_BAD. */
const char *sg_kind_symbol(enum sg_kind k);

struct sg_value {
	enum sg_kind	kind;
	double		num;	/* when kind == SG_NUM */
	int		dp;	/* decimal places as written (0 for "12") */
};

/*
 * Strict number (sg(7), "Values"): optional '-', digits, optional '.'
 * and digits, at most SG_NUM_MAXDIGITS of them significant before the
 * point.  No '+', no exponent, no spaces, no thousands separators;
 * "-.5", "5.", "." are refused.  Returns 1 and sets *out, or 0.
 */
int	 sg_num_parse(const char *s, size_t n, double *out);
/* The most significant digits a number may have before its point: past
 * them it is not a number (sg(7)), as doubles would make it infinite. */
#define SG_NUM_MAXDIGITS	300
/* A value: empty reads as x; the symbols x z u c low; a strict number;
 * anything else is SG_BAD.  Returns v->kind. */
enum sg_kind sg_value_parse(const char *s, size_t n, struct sg_value *v);
/* The symbol s[0..n) is (empty reads as x), or SG_BAD for anything else,
 * a number too: for a cell that is not a number or a date. */
enum sg_kind sg_symbol_parse(const char *s, size_t n);

/*
 * A value that is a number also as an exact decimal (sg_dec, dec.h):
 * reads as sg_value_parse() does, and *exact is set when *d holds the
 * number and sg_dec_fits() it.  Faster than sg_value_parse() plus
 * sg_dec_parse() (the double is the same, correctly rounded).
 */
enum sg_kind sg_value_parse_dec(const char *s, size_t n, struct sg_value *v,
	    sg_dec *d, int *exact);

/* ------------------------------------------------------------------ */
/* Rounding and printing numbers (round.c): the one rule of sg(7),     */
/* "Values".                                                            */

/*
 * Rounds v to dp decimal places (dp may be negative: -1 is tens): first
 * to 15 significant digits, then half away from zero.  2.675 -> 2.68,
 * 1.005 -> 1.01, -2.5 -> -3, 0.125 -> 0.13.
 */
double	 sg_round(double v, int dp);
/*
 * Prints v into buf (at least SG_NUMBUF bytes): with dp >= 0, rounded by
 * sg_round's rule to exactly dp places ("40.2", "13", "0.50"); with
 * dp < 0, the shortest form that holds v to 15 significant digits ("3",
 * "2.5", "0.1"), never an exponent.  Negative zero prints as "0".
 * Returns the length.  Infinite or NaN values print as "z".
 */
#define SG_NUMBUF	352
size_t	 sg_fmt_num(double v, int dp, char *buf);

/* ------------------------------------------------------------------ */
/* Dates (date.c).                                                     */

/* Days since 1970-01-01 (proleptic Gregorian), and back. */
long	 sg_days_from_ymd(int y, int m, int d);
void	 sg_ymd_from_days(long days, int *y, int *m, int *d);
int	 sg_date_valid(int y, int m, int d);
/* Strict ISO YYYY-MM-DD (a real date, years 1000-9999).  Returns 1 and
 * sets *days, or 0. */
int	 sg_date_parse_iso(const char *s, size_t n, long *days);
/* Writes "YYYY-MM-DD" plus NUL into buf (11 bytes). */
void	 sg_date_fmt(long days, char *buf);
/* 0 = Monday .. 6 = Sunday. */
int	 sg_weekday(long days);
/* Financial year (April to March) starting year: 2023-05-01 -> 2023. */
int	 sg_fy_start(long days);
/* Label "2023-24" for the financial year starting in y (buf >= 8). */
void	 sg_fy_label(int y, char *buf);
/* Quarter of the financial year, 1..4 (April-June is Q1). */
int	 sg_fy_quarter(long days);
/* Excel serial date (1900 system, with its 1900-02-29) to days; returns
 * 1 on success (serials 1..2958465), 0 otherwise. */
int	 sg_date_from_excel(double serial, int date1904, long *days);

/* ------------------------------------------------------------------ */
/* Escapes (escape.c).                                                 */

/* Undoes \\ \t \n \r in place; returns the new length.  Unknown escapes
 * are kept as written. */
size_t	 sg_unescape(char *s, size_t n);
/* Appends s[0..n) to b with \ TAB LF CR replaced by their two-character
 * escapes: the one escaping loop (sg_write_escaped uses it too). */
void	 sg_buf_add_escaped(struct sg_buf *b, const char *s, size_t n);
/* 1 if s[0..n) needs escaping (holds \ TAB LF or CR). */
int	 sg_needs_escape(const char *s, size_t n);

/* ------------------------------------------------------------------ */
/* Memory: an arena for strings that outlive a record (hash.c, where    */
/* the hash table lays out its keys in one).  The growable buffer,      */
/* struct sg_buf, is in buf.h.                                          */

struct sg_arena;
struct sg_arena *sg_arena_new(void);
void	*sg_arena_alloc(struct sg_arena *a, size_t n);
char	*sg_arena_strndup(struct sg_arena *a, const char *s, size_t n);
void	 sg_arena_free(struct sg_arena *a);
size_t	 sg_arena_bytes(const struct sg_arena *a);

/* ------------------------------------------------------------------ */
/* Hash table (hash.c): open addressing, keys are byte strings copied   */
/* into an arena, each key gets a dense index 0, 1, 2... in first-seen  */
/* order, so callers keep their per-key data in plain arrays.           */

struct sg_hash;
struct sg_hash *sg_hash_new(void);
/*
 * Looks key up; if absent and insert != 0, adds it.  Returns the key's
 * index, or -1 if absent and not inserted.  *isnew (may be NULL) tells
 * whether it was added now.
 */
long	 sg_hash_get(struct sg_hash *h, const char *key, size_t n, int insert,
	    int *isnew);
/* The same with hv = sg_hash_bytes(key, n) already known (a batch). */
long	 sg_hash_get_hv(struct sg_hash *h, const char *key, size_t n,
	    uint64_t hv, int insert, int *isnew);
/*
 * The same, for tables that keep a record per key: a new key gets extra
 * bytes (zeroed, 8-byte aligned) stored right beside it, and the lookup
 * returns a pointer to them (NULL if absent and not inserted), so a hit
 * touches one place in memory.  sg_hash_data gives them by index.
 */
void	*sg_hash_get_data(struct sg_hash *h, const char *key, size_t n,
	    size_t extra, int insert, int *isnew);
void	*sg_hash_data(const struct sg_hash *h, long i);
/*
 * Lookups in batches, to overlap their waits on memory: for each key of
 * a batch, hv = sg_hash_bytes(key, n) and sg_hash_prefetch(h, hv, 0) (the
 * slot); then sg_hash_prefetch(h, hv, 1) for each (the entry the slot
 * points at); then sg_hash_find_data(h, key, n, hv) for each, which is
 * sg_hash_get_data without inserting.
 */
void	 sg_hash_prefetch(const struct sg_hash *h, uint64_t hv, int entry);
void	*sg_hash_find_data(const struct sg_hash *h, const char *key, size_t n,
	    uint64_t hv);
size_t	 sg_hash_count(const struct sg_hash *h);
/* The key of index i (NUL-terminated copy) and its length. */
const char *sg_hash_key(const struct sg_hash *h, long i, size_t *n);
void	 sg_hash_free(struct sg_hash *h);
uint64_t sg_hash_bytes(const void *p, size_t n);

/*
 * A compact set of byte strings (about 12 bytes a key beside its bytes),
 * for counting distinct keys when nothing else is kept for them.
 * sg_keyset_add() takes hv = sg_hash_bytes(key, n) and returns 1 if the
 * key is new.  sg_keyset_prefetch(s, hv, 0) then (s, hv, 1): as
 * sg_hash_prefetch(), for batches.
 */
struct sg_keyset;
struct sg_keyset *sg_keyset_new(void);
int	 sg_keyset_add(struct sg_keyset *s, const char *key, size_t n,
	    uint64_t hv);
void	 sg_keyset_prefetch(const struct sg_keyset *s, uint64_t hv, int key);
size_t	 sg_keyset_count(const struct sg_keyset *s);
void	 sg_keyset_free(struct sg_keyset *s);

#endif /* SG_H */
