/*
 * hash.c: an arena, a growable buffer and an open-addressing hash table
 * whose keys get dense indices in first-seen order.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sg.h"

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

/* ---- buffer --------------------------------------------------------- */

void
sg_buf_add(struct sg_buf *b, const void *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 64;
		b->p = sg_realloc(b->p, b->cap);
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void
sg_buf_addc(struct sg_buf *b, int c)
{
	char ch = (char)c;

	sg_buf_add(b, &ch, 1);
}

void
sg_buf_adds(struct sg_buf *b, const char *s)
{
	sg_buf_add(b, s, strlen(s));
}

void
sg_buf_free(struct sg_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

/* ---- hash ----------------------------------------------------------- */

struct slot {
	uint64_t	hash;
	long		index;		/* -1: empty */
};

struct sg_hash {
	struct slot	*slots;
	size_t		 mask;
	size_t		 count;
	char		**keys;
	size_t		*lens;
	size_t		 kcap;
	struct sg_arena	*arena;
};

/* FNV-1a over 8 bytes at a time, then a final mix: fast and good
 * enough for the keys seen here (ids, names, dates). */
uint64_t
sg_hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL, w;

	while (n >= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
		s += 8;
		n -= 8;
	}
	while (n > 0) {
		h = (h ^ *s++) * 0x100000001b3ULL;
		n--;
	}
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
	size_t i;

	h->mask = 63;
	h->slots = sg_malloc((h->mask + 1) * sizeof(*h->slots));
	for (i = 0; i <= h->mask; i++)
		h->slots[i].index = -1;
	h->arena = sg_arena_new();
	return h;
}

static void
grow(struct sg_hash *h)
{
	size_t newmask = h->mask * 2 + 1, i, j;
	struct slot *ns = sg_malloc((newmask + 1) * sizeof(*ns));

	for (i = 0; i <= newmask; i++)
		ns[i].index = -1;
	for (i = 0; i <= h->mask; i++) {
		if (h->slots[i].index < 0)
			continue;
		j = h->slots[i].hash & newmask;
		while (ns[j].index >= 0)
			j = (j + 1) & newmask;
		ns[j] = h->slots[i];
	}
	free(h->slots);
	h->slots = ns;
	h->mask = newmask;
}

long
sg_hash_get(struct sg_hash *h, const char *key, size_t n, int insert,
    int *isnew)
{
	uint64_t hv = sg_hash_bytes(key, n);
	size_t j = hv & h->mask;
	struct slot *s;

	if (isnew != NULL)
		*isnew = 0;
	for (;;) {
		s = &h->slots[j];
		if (s->index < 0)
			break;
		if (s->hash == hv && h->lens[s->index] == n &&
		    memcmp(h->keys[s->index], key, n) == 0)
			return s->index;
		j = (j + 1) & h->mask;
	}
	if (!insert)
		return -1;
	if (h->count == h->kcap) {
		h->kcap = h->kcap ? h->kcap * 2 : 64;
		h->keys = sg_realloc(h->keys, h->kcap * sizeof(*h->keys));
		h->lens = sg_realloc(h->lens, h->kcap * sizeof(*h->lens));
	}
	h->keys[h->count] = sg_arena_strndup(h->arena, key, n);
	h->lens[h->count] = n;
	s->hash = hv;
	s->index = (long)h->count++;
	if (isnew != NULL)
		*isnew = 1;
	if (h->count * 4 > (h->mask + 1) * 3)
		grow(h);
	return (long)h->count - 1;
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
		*n = h->lens[i];
	return h->keys[i];
}

void
sg_hash_free(struct sg_hash *h)
{
	if (h == NULL)
		return;
	free(h->slots);
	free(h->keys);
	free(h->lens);
	sg_arena_free(h->arena);
	free(h);
}
