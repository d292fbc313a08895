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
	return done_testing();
}
