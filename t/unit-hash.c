/* unit-hash: the hash table's dense first-seen indices, the arena. */
#include "config.h"

#include "sg.h"
#include "tap.h"

int
main(void)
{
	struct sg_hash *h = sg_hash_new();
	struct sg_arena *a;
	char key[32];
	int isnew, bad = 0;
	long i, idx;
	size_t n;

	ok(sg_hash_get(h, "RUH", 3, 1, &isnew) == 0 && isnew,
	    "first key gets index 0");
	ok(sg_hash_get(h, "Police", 6, 1, &isnew) == 1 && isnew,
	    "second key gets index 1");
	ok(sg_hash_get(h, "RUH", 3, 1, &isnew) == 0 && !isnew,
	    "a key seen before keeps its index");
	ok(sg_hash_get(h, "RU", 2, 0, NULL) == -1, "a prefix is another key");
	ok(sg_hash_get(h, "", 0, 1, &isnew) == 2 && isnew,
	    "the empty key is a key");
	ok(sg_hash_get(h, "a\0b", 3, 1, NULL) == 3 &&
	    sg_hash_get(h, "a\0c", 3, 0, NULL) == -1,
	    "keys are bytes, NULs included");
	for (i = 0; i < 200000; i++) {
		n = (size_t)snprintf(key, sizeof(key), "child-%ld", i);
		if (sg_hash_get(h, key, n, 1, NULL) != i + 4)
			bad++;
	}
	ok(bad == 0, "200000 keys get dense indices in order");
	for (i = 0, bad = 0; i < 200000; i++) {
		n = (size_t)snprintf(key, sizeof(key), "child-%ld", i);
		idx = sg_hash_get(h, key, n, 0, NULL);
		if (idx != i + 4 || strcmp(sg_hash_key(h, idx, NULL), key) != 0)
			bad++;
	}
	ok(bad == 0, "every key is found again after the table grew");
	is_long(sg_hash_count(h), 200004, "count");
	is_str(sg_hash_key(h, 1, &n), "Police", "key of index 1");
	is_long(n, 6, "its length");
	sg_hash_free(h);

	a = sg_arena_new();
	for (i = 0, bad = 0; i < 10000; i++) {
		char *p = sg_arena_strndup(a, "abcdef", (size_t)(i % 6));
		if (strlen(p) != (size_t)(i % 6) || ((uintptr_t)p & 7) != 0)
			bad++;
	}
	ok(bad == 0, "arena strings are copied, terminated and aligned");
	ok(sg_arena_alloc(a, 1 << 20) != NULL, "arena serves a block bigger than a chunk");
	sg_arena_free(a);

	/* Records kept beside their keys. */
	{
		struct sg_hash *d = sg_hash_new();
		long *rec;
		int isnew2, i2, good = 1;
		char k[16];

		rec = sg_hash_get_data(d, "abc", 3, 3 * sizeof(long), 1,
		    &isnew2);
		ok(rec != NULL && isnew2 && rec[0] == 0 && rec[2] == 0 &&
		    ((uintptr_t)rec & 7) == 0,
		    "get_data gives zeroed, aligned room for a new key");
		rec[0] = 42;
		rec[2] = 7;
		rec = sg_hash_get_data(d, "abc", 3, 0, 0, &isnew2);
		ok(rec != NULL && !isnew2 && rec[0] == 42 && rec[2] == 7,
		    "and the same room when the key is found again");
		ok(sg_hash_get_data(d, "abd", 3, 0, 0, NULL) == NULL,
		    "an absent key not inserted gives NULL");
		for (i2 = 0; i2 < 50000; i2++) {
			snprintf(k, sizeof(k), "k%d", i2);
			rec = sg_hash_get_data(d, k, strlen(k), sizeof(long),
			    1, NULL);
			*rec = i2;
		}
		for (i2 = 0; i2 < 50000; i2++) {
			snprintf(k, sizeof(k), "k%d", i2);
			rec = sg_hash_get_data(d, k, strlen(k), 0, 0, NULL);
			if (rec == NULL || *rec != i2 ||
			    sg_hash_get(d, k, strlen(k), 0, NULL) != i2 + 1 ||
			    *(long *)sg_hash_data(d, i2 + 1) != i2)
				good = 0;
		}
		ok(good, "records survive the table's growth, by key and by index");
		good = 1;
		for (i2 = 0; i2 < 50000; i2++) {
			uint64_t hv;

			snprintf(k, sizeof(k), "k%d", i2);
			hv = sg_hash_bytes(k, strlen(k));
			sg_hash_prefetch(d, hv, 0);
			sg_hash_prefetch(d, hv, 1);
			rec = sg_hash_find_data(d, k, strlen(k), hv);
			if (rec == NULL || *rec != i2)
				good = 0;
		}
		ok(good && sg_hash_find_data(d, "nope", 4,
		    sg_hash_bytes("nope", 4)) == NULL,
		    "find_data with a precomputed hash finds each record, and no other");
		sg_hash_free(d);
	}
	/* The compact key set: the same distinct count as the hash, each
	 * key new once, through growth, 16-bit tag collisions (300,000
	 * keys), an empty key and a key longer than a chunk. */
	{
		struct sg_keyset *ks = sg_keyset_new();
		struct sg_hash *ref = sg_hash_new();
		char k[32], *big;
		int i2, isnew, good = 1, r;
		size_t bign = (size_t)3 << 20;
		uint64_t hv;

		for (i2 = 0; i2 < 600000; i2++) {
			/* keys 0..299999, most of them twice */
			snprintf(k, sizeof(k), "P%08ld", ((long)i2 * 7919) % 300000);
			hv = sg_hash_bytes(k, strlen(k));
			sg_keyset_prefetch(ks, hv, 0);
			sg_keyset_prefetch(ks, hv, 1);
			r = sg_keyset_add(ks, k, strlen(k), hv);
			sg_hash_get(ref, k, strlen(k), 1, &isnew);
			if (r != isnew)
				good = 0;
		}
		ok(good, "key set: a key is new once, as in the hash (600,000 adds)");
		is_long((long)sg_keyset_count(ks), 300000,
		    "key set: 300,000 distinct keys counted");
		ok(sg_keyset_add(ks, "", 0, sg_hash_bytes("", 0)) == 1 &&
		    sg_keyset_add(ks, "", 0, sg_hash_bytes("", 0)) == 0,
		    "key set: the empty key, once");
		big = sg_malloc(bign);
		memset(big, 'x', bign);
		hv = sg_hash_bytes(big, bign);
		ok(sg_keyset_add(ks, big, bign, hv) == 1, "key set: a 3 MB key");
		big[bign - 1] = 'y';
		ok(sg_keyset_add(ks, big, bign, sg_hash_bytes(big, bign)) == 1,
		    "key set: another 3 MB key differing in its last byte");
		ok(sg_keyset_add(ks, "after", 5, sg_hash_bytes("after", 5)) == 1 &&
		    sg_keyset_add(ks, "after", 5, sg_hash_bytes("after", 5)) == 0,
		    "key set: a short key after the long ones");
		big[bign - 1] = 'x';
		ok(sg_keyset_add(ks, big, bign, hv) == 0 &&
		    sg_keyset_add(ks, "P00000001", 9,
		    sg_hash_bytes("P00000001", 9)) == 0,
		    "key set: every key is still found");
		is_long((long)sg_keyset_count(ks), 300004, "key set: the count");
		free(big);
		sg_keyset_free(ks);
		sg_hash_free(ref);
		sg_keyset_free(NULL);
	}
	return done_testing();
}
