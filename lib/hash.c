/*
 * hash.c: an open-addressing hash table whose keys get dense indices in
 * first-seen order, the arena its keys live in, and a compact key set.
 * The arena stays here: the table's entries are laid out in it (8-byte
 * aligned, with the caller's data beside the key), and both it and the
 * tables ask for huge pages the same way (huge_hint() below).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sg.h"

/*
 * Big tables are read at random, one key here and the next far away: with
 * 4 KB pages nearly every lookup also misses the TLB.  Where the kernel
 * gives huge pages on request (transparent_hugepage = madvise), the 2 MB
 * stretches inside a big allocation ask for them.  Only a hint: nothing
 * depends on it.
 */
static void
huge_hint(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t e = ((uintptr_t)p + n) & ~(huge - 1);

	if (n >= 2 * huge && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

/* ---- arena ---------------------------------------------------------- */

struct chunk {
	struct chunk	*next;
	size_t		 used;
	size_t		 size;
	char		 data[];
};

struct sg_arena {
	struct chunk	*head;
	size_t		 bytes;
};

struct sg_arena *
sg_arena_new(void)
{
	return sg_calloc(1, sizeof(struct sg_arena));
}

void *
sg_arena_alloc(struct sg_arena *a, size_t n)
{
	struct chunk *c = a->head;
	size_t size;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		size = n > 65536 ? n : 65536;
		if (c != NULL && c->size * 2 > size && c->size < (1u << 24))
			size = c->size * 2;
		c = sg_malloc(sizeof(*c) + size);
		huge_hint(c, sizeof(*c) + size);
		c->size = size;
		c->used = 0;
		c->next = a->head;
		a->head = c;
		a->bytes += size;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

char *
sg_arena_strndup(struct sg_arena *a, const char *s, size_t n)
{
	char *p = sg_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

size_t
sg_arena_bytes(const struct sg_arena *a)
{
	return a->bytes;
}

void
sg_arena_free(struct sg_arena *a)
{
	struct chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

/* ---- hash ----------------------------------------------------------- */

/*
 * A key's entry in the arena: its index and length beside its bytes, and
 * the slot points at it, so a lookup that finds its key touches two places
 * in memory (the slot, the entry), not four.
 */
struct entry {
	uint32_t	index;
	uint32_t	len;
	char		key[];		/* NUL-terminated */
};

struct slot {
	uint64_t	 hash;
	struct entry	*e;		/* NULL: empty */
};

struct sg_hash {
	struct slot	*slots;
	size_t		 mask;
	size_t		 count;
	struct entry	**entries;	/* by index */
	size_t		 kcap;
	struct sg_arena	*arena;
};

/* FNV-1a over 8 bytes at a time (the last ones as one word too), the
 * length, then a final mix: fast and good enough for the keys seen here
 * (ids, names, dates). */
uint64_t
sg_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL, w;

	size_t len = n;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	if (n > 0) {
		/* The last 1 to 7 bytes as one word: the 8 that end the key
		 * when it has them (shifted clear of the ones already
		 * taken), else the bytes alone. */
		if (len >= 8) {
			memcpy(&w, s + n - 8, 8);
			w >>= 8 * (8 - n);
		} else {
			w = 0;
			memcpy(&w, s, n);
		}
		h = (h ^ w ^ ((uint64_t)n << 56)) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	h ^= len;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

struct sg_hash *
sg_hash_new(void)
{
	struct sg_hash *h = sg_calloc(1, sizeof(*h));

	h->mask = 63;
	h->slots = sg_calloc(h->mask + 1, sizeof(*h->slots));
	h->arena = sg_arena_new();
	return h;
}

static void
grow(struct sg_hash *h)
{
	size_t newmask = h->mask * 2 + 1, i, j;
	struct slot *ns = sg_calloc(newmask + 1, sizeof(*ns));

	huge_hint(ns, (newmask + 1) * sizeof(*ns));

	for (i = 0; i <= h->mask; i++) {
		if (h->slots[i].e == NULL)
			continue;
		j = h->slots[i].hash & newmask;
		while (ns[j].e != NULL)
			j = (j + 1) & newmask;
		ns[j] = h->slots[i];
	}
	free(h->slots);
	h->slots = ns;
	h->mask = newmask;
}

/* Where an entry's caller data starts: after the key, 8-byte aligned. */
#define DATA_OFF(len)	((sizeof(struct entry) + (size_t)(len) + 1 + 7) & \
			    ~(size_t)7)

static struct entry *
lookup(struct sg_hash *h, const char *key, size_t n, uint64_t hv,
    size_t extra, int insert, int *isnew)
{
	size_t j = hv & h->mask;
	struct slot *s;
	struct entry *e;

	if (isnew != NULL)
		*isnew = 0;
	for (;;) {
		s = &h->slots[j];
		if (s->e == NULL)
			break;
		if (s->hash == hv && s->e->len == n &&
		    memcmp(s->e->key, key, n) == 0)
			return s->e;
		j = (j + 1) & h->mask;
	}
	if (!insert)
		return NULL;
	if (n >= UINT32_MAX || h->count >= UINT32_MAX)
		sg_die("a key or a table too large for the hash table");
	if (h->count == h->kcap) {
		h->kcap = h->kcap ? h->kcap * 2 : 64;
		h->entries = sg_realloc(h->entries,
		    h->kcap * sizeof(*h->entries));
	}
	e = sg_arena_alloc(h->arena, DATA_OFF(n) + extra);
	e->index = (uint32_t)h->count;
	e->len = (uint32_t)n;
	memcpy(e->key, key, n);
	e->key[n] = '\0';
	if (extra > 0)
		memset((char *)e + DATA_OFF(n), 0, extra);
	h->entries[h->count++] = e;
	s->hash = hv;
	s->e = e;
	if (isnew != NULL)
		*isnew = 1;
	if (h->count * 4 > (h->mask + 1) * 3)
		grow(h);
	return e;
}

long
sg_hash_get(struct sg_hash *h, const char *key, size_t n, int insert,
    int *isnew)
{
	struct entry *e = lookup(h, key, n, sg_hash_bytes(key, n), 0, insert,
	    isnew);

	return e != NULL ? (long)e->index : -1;
}

long
sg_hash_get_hv(struct sg_hash *h, const char *key, size_t n, uint64_t hv,
    int insert, int *isnew)
{
	struct entry *e = lookup(h, key, n, hv, 0, insert, isnew);

	return e != NULL ? (long)e->index : -1;
}

void *
sg_hash_get_data(struct sg_hash *h, const char *key, size_t n, size_t extra,
    int insert, int *isnew)
{
	struct entry *e = lookup(h, key, n, sg_hash_bytes(key, n), extra,
	    insert, isnew);

	return e != NULL ? (char *)e + DATA_OFF(e->len) : NULL;
}

void
sg_hash_prefetch(const struct sg_hash *h, uint64_t hv, int entry)
{
	const struct slot *s = &h->slots[hv & h->mask];

	if (!entry) {
		__builtin_prefetch(s);
	} else if (s->e != NULL) {
		__builtin_prefetch(s->e);
		__builtin_prefetch((const char *)s->e + 64);
	}
}

void *
sg_hash_find_data(const struct sg_hash *h, const char *key, size_t n,
    uint64_t hv)
{
	size_t j = hv & h->mask;
	const struct slot *s;

	for (;; j = (j + 1) & h->mask) {
		s = &h->slots[j];
		if (s->e == NULL)
			return NULL;
		if (s->hash == hv && s->e->len == n &&
		    memcmp(s->e->key, key, n) == 0)
			return (char *)s->e + DATA_OFF(n);
	}
}

void *
sg_hash_data(const struct sg_hash *h, long i)
{
	return (char *)h->entries[i] + DATA_OFF(h->entries[i]->len);
}

size_t
sg_hash_count(const struct sg_hash *h)
{
	return h->count;
}

const char *
sg_hash_key(const struct sg_hash *h, long i, size_t *n)
{
	if (n != NULL)
		*n = h->entries[i]->len;
	return h->entries[i]->key;
}

void
sg_hash_free(struct sg_hash *h)
{
	if (h == NULL)
		return;
	free(h->slots);
	free(h->entries);
	sg_arena_free(h->arena);
	free(h);
}

/* ---- key set -------------------------------------------------------- */

/*
 * A compact set of byte strings, for counting distinct keys when nothing
 * else is kept per key (sg-join's unmatched data keys).  Each key is
 * stored once, as a varint length and its bytes, in chunks of a
 * megabyte (a longer key gets a chunk of its own); a slot is one 64-bit
 * word: the chunk (plus one, so that 0 is empty, 24 bits), the position
 * in it (24 bits) and 16 bits of the key's hash, which rule out nearly
 * every other key without reading it.  About 9 to 12 bytes of slot and 1
 * of length a key, against some 70 for a struct sg_hash entry.
 */
#define KS_CHUNK	((size_t)1 << 20)
#define KS_TAG(hv)	((uint64_t)((hv) >> 48))

struct sg_keyset {
	uint64_t	*slots;
	size_t		 mask;
	size_t		 count;
	char		**chunks;
	size_t		 nchunks, chunkcap;
	size_t		 used;		/* bytes used in the last chunk */
	size_t		 last;		/* its size */
};

struct sg_keyset *
sg_keyset_new(void)
{
	struct sg_keyset *s = sg_calloc(1, sizeof(*s));

	s->mask = 63;
	s->slots = sg_calloc(s->mask + 1, sizeof(*s->slots));
	return s;
}

/* The key a slot points at: its bytes and length. */
static const char *
ks_key(const struct sg_keyset *s, uint64_t slot, size_t *n)
{
	const unsigned char *p = (const unsigned char *)
	    s->chunks[(slot >> 40) - 1] + ((slot >> 16) & 0xffffff);
	size_t len = 0;
	int shift = 0;

	do {
		len |= (size_t)(*p & 0x7f) << shift;
		shift += 7;
	} while (*p++ & 0x80);
	*n = len;
	return (const char *)p;
}

static void
ks_grow(struct sg_keyset *s)
{
	size_t newmask = s->mask * 2 + 1, i, j, n;
	uint64_t *ns = sg_calloc(newmask + 1, sizeof(*ns)), hv;
	const char *k;

	huge_hint(ns, (newmask + 1) * sizeof(*ns));

	for (i = 0; i <= s->mask; i++) {
		if (s->slots[i] == 0)
			continue;
		k = ks_key(s, s->slots[i], &n);
		hv = sg_hash_bytes(k, n);
		for (j = hv & newmask; ns[j] != 0; j = (j + 1) & newmask)
			;
		ns[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = ns;
	s->mask = newmask;
}

int
sg_keyset_add(struct sg_keyset *s, const char *key, size_t n, uint64_t hv)
{
	unsigned char len[10];
	size_t j, ln = 0, m = n, need, kn;
	uint64_t slot;
	char *p;

	for (j = hv & s->mask; (slot = s->slots[j]) != 0;
	    j = (j + 1) & s->mask) {
		if ((slot & 0xffff) != KS_TAG(hv))
			continue;
		p = (char *)ks_key(s, slot, &kn);
		if (kn == n && memcmp(p, key, n) == 0)
			return 0;
	}
	do {
		len[ln++] = (unsigned char)((m & 0x7f) | (m > 0x7f ? 0x80 : 0));
		m >>= 7;
	} while (m > 0);
	need = ln + n;
	if (s->nchunks == 0 || s->used + need > s->last) {
		if (s->nchunks == s->chunkcap) {
			s->chunkcap = s->chunkcap ? s->chunkcap * 2 : 16;
			s->chunks = sg_realloc(s->chunks,
			    s->chunkcap * sizeof(*s->chunks));
		}
		if (s->nchunks >= ((size_t)1 << 24) - 1)
			sg_die("too many distinct keys for the key set");
		s->last = need > KS_CHUNK ? need : KS_CHUNK;
		s->chunks[s->nchunks++] = sg_malloc(s->last);
		s->used = 0;
	}
	p = s->chunks[s->nchunks - 1] + s->used;
	memcpy(p, len, ln);
	memcpy(p + ln, key, n);
	s->slots[j] = ((uint64_t)s->nchunks << 40) | ((uint64_t)s->used << 16) |
	    KS_TAG(hv);
	s->used += need;
	if (++s->count * 10 > (s->mask + 1) * 7)
		ks_grow(s);
	return 1;
}

void
sg_keyset_prefetch(const struct sg_keyset *s, uint64_t hv, int key)
{
	const uint64_t *p = &s->slots[hv & s->mask];

	if (!key)
		__builtin_prefetch(p);
	else if (*p != 0)
		__builtin_prefetch(s->chunks[(*p >> 40) - 1] +
		    ((*p >> 16) & 0xffffff));
}

size_t
sg_keyset_count(const struct sg_keyset *s)
{
	return s->count;
}

void
sg_keyset_free(struct sg_keyset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nchunks; i++)
		free(s->chunks[i]);
	free(s->chunks);
	free(s->slots);
	free(s);
}
