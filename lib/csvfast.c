/*
 * csvfast.c: CSV records to stream rows, 64 bytes at a time.
 *
 * The technique is simdjson's and simdcsv's.  Each 64-byte block is first
 * classified into bit masks, one bit a byte: quotes, separators, CR, LF
 * and the bytes that need a second look (backslash, TAB, NUL, bytes above
 * 0x7F).  The prefix XOR of the quote mask (a carry-less multiply by all
 * ones, or six shifts) marks the bytes inside quotes, so a separator or
 * line end inside quotes is told from one outside without looking at the
 * bytes again.  The quotes to drop (an opening one at the start of a
 * field, every closing one: of a doubled quote inside a field the second
 * stays) and the rules a quote must follow (open only at the start of a
 * field or right after a closing one, close only before a separator, a
 * line end or an opening one) are more masks.  Each block is compacted
 * once, less the quotes it drops (eight bytes at a time with PSHUFB in
 * the AVX2 version), with the separators outside quotes made TABs; the
 * walk then goes from event to event (a line end, an escape, a doubtful
 * byte), copying the compacted bytes between them, which a population
 * count of the kept bits locates.  A record is checked as a whole (its
 * field count, some text) before its row stands; any doubt hands the
 * record back to the caller, whose reader of reference (libcsv in
 * sg-import) then reads it, errors and all.
 *
 * The scalar, SSE2 and AVX2 versions differ in the classifying and the
 * compacting; the walk is the same code, made twice (with and without
 * the POPCNT and BMI instructions that come with AVX2).
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "csvfast.h"
#include "markup.h"

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define CSVFAST_X86 1
#include <immintrin.h>
#endif

#define NB	16		/* blocks classified at a time */

/* The masks of one block: bit i is byte i. */
struct masks {
	uint64_t	q;	/* quotes */
	uint64_t	s;	/* separators */
	uint64_t	cr;
	uint64_t	lf;
	uint64_t	x;	/* backslash, TAB, NUL, bytes above 0x7F */
	uint64_t	inq;	/* inside quotes: opening quotes included,
				 * closing ones not */
};

/*
 * Classifies nb blocks from p: their masks, and the blocks themselves in
 * t with every separator made a TAB (those inside quotes are put back by
 * the caller).
 */
typedef void	classify_fn(const unsigned char *p, size_t nb, unsigned char sep,
		    struct masks *m, uint64_t *carry, unsigned char *t);
/*
 * Writes the bytes of the block t whose bits are set in keep to o, in
 * order, returning their number; may write up to 64 bytes past them.
 */
typedef size_t	compact_fn(unsigned char *o, const unsigned char *t,
		    uint64_t keep);

/* ------------------------------------------------------------------ */
/* Classifying.                                                        */

/* Bit i set if an odd number of bits 0..i of x are. */
static inline uint64_t
prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* 0x80 in each byte of w that is zero, else 0 (exact: no borrows). */
static inline uint64_t
swar_zero(uint64_t w)
{
	const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;

	return ~(((w & low7) + low7) | w | low7);
}

/* The high bits of the eight bytes of w (each 0x80 or 0) as eight bits. */
static inline uint64_t
swar_bits(uint64_t hi)
{
	return ((hi >> 7) * 0x0102040810204080ULL) >> 56;
}

/*
 * Stores a block's masks, and the bytes inside quotes: those after an odd
 * number of quotes, counting the blocks before (carry, all ones when the
 * last block ended inside quotes).
 */
static inline void
put_masks(struct masks *m, uint64_t q, uint64_t s, uint64_t cr, uint64_t lf,
    uint64_t x, uint64_t *carry)
{
	m->q = q;
	m->s = s;
	m->cr = cr;
	m->lf = lf;
	m->x = x;
	m->inq = prefix_xor(q) ^ *carry;
	*carry = (uint64_t)((int64_t)m->inq >> 63);
}

/*
 * The portable version: eight bytes a word.  The word is read little-end
 * first whatever the machine, so byte i is always bit i.
 */
static void
classify_scalar(const unsigned char *p, size_t nb, unsigned char sep,
    struct masks *m, uint64_t *carry, unsigned char *t)
{
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t w, q, s, cr, lf, x, e;
	size_t b, k;

	for (b = 0; b < nb; b++, p += 64, t += 64, m++) {
		q = s = cr = lf = x = 0;
		for (k = 0; k < 8; k++) {
			memcpy(&w, p + 8 * k, 8);
			/* 0xFF in each separator byte, then TAB there. */
			e = swar_zero(w ^ (sep * ones));
			e = (e >> 7) * 0xFF;
			w ^= e & ((uint64_t)(sep ^ '\t') * ones);
			memcpy(t + 8 * k, &w, 8);
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
			w = __builtin_bswap64(w);
			e = __builtin_bswap64(e);
#endif
			/* Classified after the TABs went in: a separator
			 * is known by e, and a TAB of the data by a TAB
			 * where no separator was. */
			q |= swar_bits(swar_zero(w ^ ('"' * ones))) << (8 * k);
			s |= swar_bits(e & 0x8080808080808080ULL) << (8 * k);
			cr |= swar_bits(swar_zero(w ^ ('\r' * ones))) << (8 * k);
			lf |= swar_bits(swar_zero(w ^ ('\n' * ones))) << (8 * k);
			x |= swar_bits(swar_zero(w ^ ('\\' * ones)) |
			    (swar_zero(w ^ ('\t' * ones)) & ~e) | swar_zero(w) |
			    (w & 0x8080808080808080ULL)) << (8 * k);
		}
		put_masks(m, q, s, cr, lf, x, carry);
	}
}

#ifdef CSVFAST_X86
__attribute__((target("sse2")))
static void
classify_sse2(const unsigned char *p, size_t nb, unsigned char sep,
    struct masks *m, uint64_t *carry, unsigned char *t)
{
	const __m128i vq = _mm_set1_epi8('"'), vs = _mm_set1_epi8((char)sep);
	const __m128i vcr = _mm_set1_epi8('\r'), vlf = _mm_set1_epi8('\n');
	const __m128i vbs = _mm_set1_epi8('\\'), vtab = _mm_set1_epi8('\t');
	const __m128i vz = _mm_setzero_si128();
	size_t b;
	int k;

	for (b = 0; b < nb; b++, p += 64, t += 64, m++) {
		uint64_t q = 0, s = 0, cr = 0, lf = 0, x = 0;

		for (k = 0; k < 4; k++) {
			__m128i v = _mm_loadu_si128((const __m128i *)(p +
			    16 * k));
			__m128i e = _mm_or_si128(_mm_or_si128(
			    _mm_cmpeq_epi8(v, vbs), _mm_cmpeq_epi8(v, vtab)),
			    _mm_or_si128(_mm_cmpeq_epi8(v, vz), v));
			__m128i es = _mm_cmpeq_epi8(v, vs);

			_mm_storeu_si128((__m128i *)(t + 16 * k), _mm_or_si128(
			    _mm_andnot_si128(es, v), _mm_and_si128(es, vtab)));
			q |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, vq)) << (16 * k);
			s |= (uint64_t)(unsigned)_mm_movemask_epi8(es) <<
			    (16 * k);
			cr |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, vcr)) << (16 * k);
			lf |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_cmpeq_epi8(v, vlf)) << (16 * k);
			x |= (uint64_t)(unsigned)_mm_movemask_epi8(e) <<
			    (16 * k);
		}
		put_masks(m, q, s, cr, lf, x, carry);
	}
}

/* The prefix XOR as a carry-less multiply by all ones. */
__attribute__((target("sse2,pclmul")))
static inline uint64_t
prefix_xor_clmul(uint64_t x)
{
	__m128i r = _mm_clmulepi64_si128(_mm_set_epi64x(0, (long long)x),
	    _mm_set1_epi8((char)0xFF), 0);

	return (uint64_t)_mm_cvtsi128_si64(r);
}

__attribute__((target("avx2,pclmul")))
static void
classify_avx2(const unsigned char *p, size_t nb, unsigned char sep,
    struct masks *m, uint64_t *carry, unsigned char *t)
{
	const __m256i vq = _mm256_set1_epi8('"');
	const __m256i vs = _mm256_set1_epi8((char)sep);
	const __m256i vcr = _mm256_set1_epi8('\r');
	const __m256i vlf = _mm256_set1_epi8('\n');
	const __m256i vbs = _mm256_set1_epi8('\\');
	const __m256i vtab = _mm256_set1_epi8('\t');
	const __m256i vz = _mm256_setzero_si256();
	size_t b;

	for (b = 0; b < nb; b++, p += 64, t += 64, m++) {
		__m256i lo = _mm256_loadu_si256((const __m256i *)p);
		__m256i hi = _mm256_loadu_si256((const __m256i *)(p + 32));
		__m256i slo = _mm256_cmpeq_epi8(lo, vs);
		__m256i shi = _mm256_cmpeq_epi8(hi, vs);
#define MASK64(expr_lo, expr_hi)					\
	((uint64_t)(uint32_t)_mm256_movemask_epi8(expr_lo) |		\
	    (uint64_t)(uint32_t)_mm256_movemask_epi8(expr_hi) << 32)
#define EQ(v, c)	_mm256_cmpeq_epi8((v), (c))
#define SPECIAL(v)	_mm256_or_si256(_mm256_or_si256(EQ(v, vbs),	\
	    EQ(v, vtab)), _mm256_or_si256(EQ(v, vz), (v)))

		_mm256_storeu_si256((__m256i *)t,
		    _mm256_blendv_epi8(lo, vtab, slo));
		_mm256_storeu_si256((__m256i *)(t + 32),
		    _mm256_blendv_epi8(hi, vtab, shi));
		m->q = MASK64(EQ(lo, vq), EQ(hi, vq));
		m->s = MASK64(slo, shi);
		m->cr = MASK64(EQ(lo, vcr), EQ(hi, vcr));
		m->lf = MASK64(EQ(lo, vlf), EQ(hi, vlf));
		m->x = MASK64(SPECIAL(lo), SPECIAL(hi));
#undef MASK64
#undef EQ
#undef SPECIAL
		m->inq = prefix_xor_clmul(m->q) ^ *carry;
		*carry = (uint64_t)((int64_t)m->inq >> 63);
	}
}
#endif /* CSVFAST_X86 */

/* An instruction set: how it classifies, compacts, and the rows made. */
struct width {
	const char	*name;
	classify_fn	*classify;
	compact_fn	*compact;
	const char	*(*rows)(struct sg_csvfast *, const char *,
			    const char *, struct sg_buf *);
};
static const struct width *width;

/* ------------------------------------------------------------------ */
/* Compaction: a block less the quotes it drops.                       */

/* Copies n <= 64 bytes, writing up to 64 (the caller has the room). */
static inline void
copy64(void *o, const unsigned char *s, size_t n)
{
	memcpy(o, s, 32);
	if (n > 32)
		memcpy((char *)o + 32, s + 32, 32);
}

/* In runs between the bytes dropped. */
static size_t
compact_runs(unsigned char *o, const unsigned char *t, uint64_t keep)
{
	unsigned char *start = o;
	uint64_t d;
	unsigned i, run = 0;

	for (d = ~keep; d != 0; d &= d - 1) {
		i = (unsigned)__builtin_ctzll(d);
		copy64(o, t + run, i - run);
		o += i - run;
		run = i + 1;
	}
	copy64(o, t + run, 64 - run);
	return (size_t)(o - start) + 64 - run;
}

#ifdef CSVFAST_X86
/* For each byte of kept bits, the PSHUFB indices that pack them. */
static uint64_t pack8[256];

static void
pack8_init(void)
{
	unsigned k, i, n;

	if (pack8[255] != 0)
		return;
	for (k = 0; k < 256; k++) {
		uint64_t v = 0;

		for (i = 0, n = 0; i < 8; i++)
			if (k & (1u << i))
				v |= (uint64_t)i << (8 * n++);
		pack8[k] = v;
	}
}

/* Eight bytes at a time with PSHUFB, however many are dropped. */
__attribute__((target("avx2,popcnt")))
static inline size_t
compact_pshufb(unsigned char *o, const unsigned char *t, uint64_t keep)
{
	unsigned char *start = o;
	unsigned k, m;

	for (k = 0; k < 8; k++) {
		m = (unsigned)(keep >> (8 * k)) & 0xFF;
		_mm_storel_epi64((__m128i *)o, _mm_shuffle_epi8(
		    _mm_loadl_epi64((const __m128i *)(t + 8 * k)),
		    _mm_cvtsi64_si128((long long)pack8[m])));
		o += __builtin_popcount(m);
	}
	return (size_t)(o - start);
}
#endif /* CSVFAST_X86 */

/* ------------------------------------------------------------------ */
/* Rows.                                                               */

static inline unsigned
popcount_swar(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

/* The bits below bit a (a <= 64). */
static inline uint64_t
below(unsigned a)
{
	return a >= 64 ? ~0ULL : (1ULL << a) - 1;
}

/*
 * The bodies of sg_csvfast_rows, made once for each instruction set (see
 * rows_generic and rows_avx2): hw says popcnt is there.  The helpers are
 * always inlined, so that each version's hw is a constant and the walk's
 * state stays in registers.
 */
#define POPCOUNT(x)	(hw ? (unsigned)__builtin_popcountll(x) : \
			    popcount_swar(x))
#define INLINE		static inline __attribute__((always_inline))

/* The walk through the input: where it is, what it carries between
 * blocks, and where its output goes. */
struct walk {
	struct sg_csvfast *cf;
	struct sg_buf	*out;
	const unsigned char *limit;
	const unsigned char *rec;	/* the record being read */
	size_t		 recout;	/* where its row begins in out */
	size_t		 nsep;		/* its separators so far */
	unsigned	 sepfrom;	/* its first bit in this block (64 or
					 * 65 if it begins in the next) */
	uint64_t	 fs_carry;	/* byte 0 begins a field */
	uint64_t	 c_carry;	/* byte 0 follows a closing quote */
	uint64_t	 cont_carry;	/* UTF-8 continuation bytes at the
					 * start of the next block */
	int		 lf_carry;	/* its byte 0 is the LF of a CR LF */
	long		 lines, reclines;
	unsigned char	*o;		/* the output's end */
	size_t		 run;		/* the block's bytes before run are
					 * written ... */
	unsigned	 from;		/* ... and so are tc's before from */
};

/* One block's masks, made into what the walk needs. */
struct block {
	const unsigned char *b;		/* its bytes */
	uint64_t	 valid, O, C, sep, eol, qeol, bad, keep, slow;
};

/* What an event tells the walk to do next. */
enum { GO_ON, FLUSH, BACK };

/*
 * The events of block mk (n bytes): quotes opening and closing, separators
 * and line ends outside quotes, line ends inside them, quotes where none
 * may stand (bad), the quotes to drop (not in keep), and the bytes the
 * walk stops at (slow).
 */
INLINE void
block_events(const struct masks *mk, size_t n, struct walk *wk,
    struct block *bk)
{
	uint64_t valid = below((unsigned)n), fs, cc;

	bk->valid = valid;
	bk->O = mk->q & mk->inq & valid;
	bk->C = mk->q & ~mk->inq & valid;
	bk->sep = mk->s & ~mk->inq & valid;
	bk->eol = (mk->cr | mk->lf) & ~mk->inq & valid;
	bk->qeol = (mk->cr | mk->lf) & mk->inq & valid;
	fs = (bk->sep | bk->eol) << 1 | wk->fs_carry;
	cc = bk->C << 1 | wk->c_carry;
	/* An opening quote not at the start of a field nor after a closing
	 * one; a closing quote followed by anything but a separator, a line
	 * end or an opening quote. */
	bk->bad = ((bk->O & ~fs & ~cc) | (cc & ~(bk->sep | bk->eol | bk->O))) &
	    valid;
	wk->fs_carry = (bk->sep | bk->eol) >> 63;
	wk->c_carry = bk->C >> 63;
	bk->slow = (mk->x & valid & ~wk->cont_carry) | bk->qeol | bk->eol |
	    bk->bad;
	bk->keep = ~((bk->O & fs) | bk->C) & valid;
	wk->cont_carry = 0;
	wk->run = 0;
	if (wk->lf_carry) {
		bk->slow &= ~1ULL;	/* taken with its CR */
		wk->run = 1;
		wk->lf_carry = 0;
	}
}

/* Makes room for n more bytes at wk->o. */
INLINE void
room(struct walk *wk, size_t n)
{
	struct sg_buf *out = wk->out;

	out->len = (size_t)((char *)wk->o - out->p);
	if (out->cap - out->len < n) {
		sg_buf_grow(out, out->len + n);
		wk->o = (unsigned char *)out->p + out->len;
	}
}

/*
 * The line end at bit i ends the record: checks its field count, writes
 * the --tail fields and the row's end, and begins the next record.
 */
INLINE int
end_record(struct walk *wk, const struct block *bk, unsigned i, int hw)
{
	struct sg_csvfast *cf = wk->cf;
	struct sg_buf *out = wk->out;
	const unsigned char *b = bk->b;
	uint64_t bit = 1ULL << i;

	wk->nsep += POPCOUNT(bk->sep & ~below(wk->sepfrom) & (bit - 1));
	if (wk->nsep + 1 != cf->ncols ||
	    (size_t)((char *)wk->o - out->p) - wk->recout == wk->nsep)
		return BACK;
	if (b[i] == '\r' && b + i + 1 < wk->limit && b[i + 1] == '\n') {
		if (i == 63)
			wk->lf_carry = 1;
		wk->run++;
		wk->from++;
	}
	room(wk, cf->taillen + 512);
	if (cf->taillen > 0) {
		memcpy(wk->o, cf->tail, cf->taillen);
		wk->o += cf->taillen;
	}
	*wk->o++ = '\n';
	out->len = (size_t)((char *)wk->o - out->p);
	wk->lines += wk->reclines + 1;
	wk->reclines = 0;
	wk->nsep = 0;
	wk->rec = b + wk->run;
	wk->recout = out->len;
	wk->sepfrom = (unsigned)wk->run;
	return out->len >= cf->flush ? FLUSH : GO_ON;
}

/*
 * Any other event at bit i, byte c: a line break inside quotes, a byte to
 * escape, or one above 0x7F (a whole UTF-8 character, copied with the
 * bytes after it, which are taken off the events *ev).
 */
INLINE int
other_byte(struct walk *wk, const struct block *bk, unsigned i, unsigned to,
    uint64_t *ev)
{
	const unsigned char *b = bk->b;
	unsigned char c = b[i], *o = wk->o;
	unsigned cp;
	size_t k;

	if ((1ULL << i) & bk->qeol) {
		/* A line break inside quotes: CR LF, CR and LF each end a
		 * line. */
		o[0] = '\\';
		o[1] = c == '\r' ? 'r' : 'n';
		wk->o += 2;
		if (c == '\r' || b[(ptrdiff_t)i - 1] != '\r')
			wk->reclines++;
		return GO_ON;
	}
	if (c == '\\' || c == '\t') {
		o[0] = '\\';
		o[1] = c == '\t' ? 't' : '\\';
		wk->o += 2;
		return GO_ON;
	}
	if (c == 0)
		return BACK;
	k = sg_utf8_next((const char *)b + i, (size_t)(wk->limit - b) - i,
	    &cp);
	if (k == 1)
		return BACK;
	wk->run = i;
	wk->from = to;
	if (i + k <= 64)
		*ev &= ~(below((unsigned)k - 1) << (i + 1));
	else {
		*ev &= below(i + 1);
		wk->cont_carry = below(i + (unsigned)k - 64);
	}
	return GO_ON;
}

/*
 * Walks one block (n bytes) from event to event, copying the compacted
 * bytes tc between them.  Returns GO_ON, or FLUSH or BACK as the events
 * say.
 */
INLINE int
walk_block(struct walk *wk, struct block *bk, const unsigned char *tc,
    size_t n, int hw)
{
	uint64_t ev, bit;
	unsigned i, to;
	int r;

	room(wk, 512);
	wk->from = POPCOUNT(bk->keep & below((unsigned)wk->run));
	for (ev = bk->slow; ev != 0; ev &= ev - 1) {
		i = (unsigned)__builtin_ctzll(ev);
		bit = 1ULL << i;
		if (i < wk->run)
			continue;	/* a CR LF's LF */
		to = POPCOUNT(bk->keep & (bit - 1));
		copy64(wk->o, tc + wk->from, to - wk->from);
		wk->o += to - wk->from;
		wk->run = i + 1;
		wk->from = to + (unsigned)((bk->keep >> i) & 1);
		if (bit & bk->bad)
			return BACK;
		if (bit & bk->eol)
			r = end_record(wk, bk, i, hw);
		else
			r = other_byte(wk, bk, i, to, &ev);
		if (r != GO_ON)
			return r;
	}
	if (wk->run < n) {
		to = POPCOUNT(bk->keep);
		copy64(wk->o, tc + wk->from, to - wk->from);
		wk->o += to - wk->from;
	}
	wk->out->len = (size_t)((char *)wk->o - wk->out->p);
	if (wk->sepfrom < 64)
		wk->nsep += POPCOUNT(bk->sep & ~below(wk->sepfrom));
	wk->sepfrom = 0;
	return GO_ON;
}

/* Ends a call: out ended by a NUL, the lines read, where to go on. */
INLINE const char *
rows_end(struct walk *wk, const unsigned char *at)
{
	if (wk->out->p != NULL)
		wk->out->p[wk->out->len] = '\0';
	wk->cf->lines = wk->lines;
	return (const char *)at;
}

INLINE const char *
rows_body(struct sg_csvfast *cf, const char *start, const char *lim,
    struct sg_buf *out, classify_fn *classify, compact_fn *compact, int hw)
{
	const unsigned char *base;
	unsigned char tbuf[64];		/* the last part of a block */
	unsigned char tb[(NB + 1) * 64];	/* the blocks, separators
					 * made TABs, and slack */
	unsigned char tc[128];		/* one less its dropped quotes */
	struct masks m[NB];
	struct walk wk = { 0 };
	struct block bk;
	size_t nb, j, n;
	uint64_t ev, inq_carry = 0;	/* the classifier's */
	int r;

	wk.cf = cf;
	wk.out = out;
	wk.limit = (const unsigned char *)lim;
	wk.rec = (const unsigned char *)start;
	wk.recout = out->len;
	wk.fs_carry = 1;
	memset(tb + NB * 64, 0, 64);
	cf->lines = 0;
	for (base = wk.rec; base < wk.limit; base += 64 * nb) {
		/* Whole blocks straight from the input; the last part one
		 * through tbuf, so that nothing past limit is read. */
		nb = (size_t)(wk.limit - base) / 64;
		if (nb > NB)
			nb = NB;
		if (nb > 0)
			classify(base, nb, cf->sep, m, &inq_carry, tb);
		else {
			memset(tbuf, 0, sizeof(tbuf));
			memcpy(tbuf, base, (size_t)(wk.limit - base));
			classify(tbuf, 1, cf->sep, m, &inq_carry, tb);
			nb = 1;
		}
		for (j = 0; j < nb; j++) {
			bk.b = base + 64 * j;
			n = (size_t)(wk.limit - bk.b) < 64 ?
			    (size_t)(wk.limit - bk.b) : 64;
			block_events(&m[j], n, &wk, &bk);
			/* The block less the quotes to drop, once: tc.
			 * Separators inside quotes are data again. */
			for (ev = m[j].s & m[j].inq & bk.valid; ev != 0;
			    ev &= ev - 1)
				tb[64 * j + __builtin_ctzll(ev)] = cf->sep;
			compact(tc, tb + 64 * j, bk.keep);
			wk.o = (unsigned char *)out->p + out->len;
			r = walk_block(&wk, &bk, tc, n, hw);
			if (r == FLUSH)
				return rows_end(&wk, wk.rec);
			if (r == BACK)
				goto back;
		}
	}
	if (wk.rec == wk.limit)
		return rows_end(&wk, wk.limit);
back:
	/* The record at rec is for the reader of reference. */
	out->len = wk.recout;
	return rows_end(&wk, wk.rec);
}

static const char *
rows_generic(struct sg_csvfast *cf, const char *start, const char *lim,
    struct sg_buf *out)
{
	return rows_body(cf, start, lim, out, width->classify,
	    width->compact, 0);
}

#ifdef CSVFAST_X86
__attribute__((target("avx2,pclmul,popcnt,bmi")))
static const char *
rows_avx2(struct sg_csvfast *cf, const char *start, const char *lim,
    struct sg_buf *out)
{
	return rows_body(cf, start, lim, out, classify_avx2, compact_pshufb,
	    1);
}
#endif

/* ------------------------------------------------------------------ */
/* Choosing the width.                                                 */

static const struct width widths[] = {
	{ "scalar", classify_scalar, compact_runs, rows_generic },
#ifdef CSVFAST_X86
	{ "sse2", classify_sse2, compact_runs, rows_generic },
	{ "avx2", classify_avx2, compact_pshufb, rows_avx2 },
#endif
};
#define NWIDTHS	(sizeof(widths) / sizeof(widths[0]))

static int
cpu_has(const struct width *wd)
{
#ifdef CSVFAST_X86
	__builtin_cpu_init();
	if (wd->classify == classify_sse2)
		return __builtin_cpu_supports("sse2");
	if (wd->classify == classify_avx2)
		return __builtin_cpu_supports("avx2") &&
		    __builtin_cpu_supports("pclmul") &&
		    __builtin_cpu_supports("popcnt") &&
		    __builtin_cpu_supports("bmi");
#endif
	return wd->classify == classify_scalar;
}

int
sg_csvfast_use(const char *name)
{
	size_t i;

#ifdef CSVFAST_X86
	pack8_init();
#endif
	for (i = 0; i < NWIDTHS; i++)
		if (strcmp(widths[i].name, name) == 0) {
			if (!cpu_has(&widths[i]))
				return 0;
			width = &widths[i];
			return 1;
		}
	return 0;
}

static void
choose_width(void)
{
	const char *env = getenv("SG_SIMD");
	size_t i;

	if (env != NULL && *env != '\0' && strcmp(env, "auto") != 0) {
		if (!sg_csvfast_use(env))
			sg_die("SG_SIMD=%s: want scalar, sse2 or avx2, one this "
			    "processor has", env);
		return;
	}
	for (i = NWIDTHS; i-- > 0; )
		if (sg_csvfast_use(widths[i].name))
			return;
}

const char *
sg_csvfast_width(void)
{
	if (width == NULL)
		choose_width();
	return width->name;
}

const char *
sg_csvfast_rows(struct sg_csvfast *cf, const char *start, const char *lim,
    struct sg_buf *out)
{
	if (width == NULL)
		choose_width();
	return width->rows(cf, start, lim, out);
}
