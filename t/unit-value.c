/* unit-value: strict numbers, symbols and their propagation, exact decimals. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sg.h"
#include "tap.h"

static enum sg_kind
kind(const char *s)
{
	struct sg_value v;

	return sg_value_parse(s, strlen(s), &v);
}

static int
dec_cmp(const char *a, const char *b)
{
	sg_dec x, y;

	if (!sg_dec_parse(a, strlen(a), &x) || !sg_dec_parse(b, strlen(b), &y))
		return 99;
	return sg_dec_cmp(x, y);
}

int
main(void)
{
	struct sg_value v;
	double d;
	sg_dec a, b, r;
	static const char *bad[] = { "+30", "1,043", "58.4%", "1e5", " 1",
	    "1 ", "-", ".5", "5.", "-.5", "0x10", "NaN", "inf", "--1", "1.2.3",
	    "£5", "x1", "X", "Z", "C", "LOW", "U", "[c]", "[u]", "12 [p]",
	    "uu", NULL };
	static const struct {
		const char *s;
		enum sg_kind kind;
		const char *what;
	} symbols[] = {
		{ "", SG_X, "an empty value reads as x" },
		{ "x", SG_X, "x is a symbol" },
		{ "z", SG_Z, "z is a symbol" },
		{ "c", SG_C, "c is a symbol" },
		{ "low", SG_LOW, "low is a symbol" },
		{ "u", SG_U, "u (low reliability) is a symbol" },
	};
	/* Propagation, sg(7): any c gives c, else any x gives x, else any u
	 * gives u, else any z gives z, else any low gives low; so of two
	 * values, either way round, the one later in this list wins. */
	static const struct {
		enum sg_kind kind;
		const char *name;
	} order[] = {
		{ SG_NUM, "a number" }, { SG_LOW, "low" }, { SG_Z, "z" },
		{ SG_U, "u" }, { SG_X, "x" }, { SG_C, "c" },
	};
	size_t n = sizeof(order) / sizeof(order[0]), l, w;
	size_t k;
	int i;

	ok(sg_num_parse("1043", 4, &d) && d == 1043, "1043 is a number");
	ok(sg_num_parse("-2.5", 4, &d) && d == -2.5, "-2.5 is a number");
	ok(sg_num_parse("0.10", 4, &d) && d == 0.1, "0.10 is a number");
	ok(sg_num_parse("-0", 2, &d) && d == 0, "-0 is a number");
	for (i = 0; bad[i] != NULL; i++)
		ok(kind(bad[i]) == SG_BAD, "'%s' is neither number nor symbol",
		    bad[i]);
	for (k = 0; k < sizeof(symbols) / sizeof(symbols[0]); k++)
		ok(kind(symbols[k].s) == symbols[k].kind, "%s", symbols[k].what);
	ok(sg_value_parse("12.50", 5, &v) == SG_NUM && v.dp == 2 &&
	    v.num == 12.5, "12.50 keeps its 2 decimal places as written");
	ok(sg_value_parse("7", 1, &v) == SG_NUM && v.dp == 0, "7 has 0 places");
	{
		/* sg_num_parse's fast path for short numbers gives what
		 * strtod() gives, bit for bit: random numbers of 1 to 24
		 * digits with 0 to 24 decimals, either sign, and the edges
		 * of 2^53 and of 19 digits. */
		static const char *edge[] = { "9007199254740992",
		    "9007199254740993", "-9007199254740993", "0.9007199254740993",
		    "9999999999999999999", "99999999999999999999",
		    "1.0000000000000000000001", "0.0000000000000000000001",
		    "-0", "-0.000", "123456789012345678.9", NULL };
		unsigned long long seed = 88172645463325252ULL;
		char num[64];
		size_t len;
		int bad = 0, j, nd, nf, e, nedge;
		double got, want;

		for (e = 0; edge[e] != NULL; e++) {
			want = strtod(edge[e], NULL);
			if (!sg_num_parse(edge[e], strlen(edge[e]), &got) ||
			    memcmp(&got, &want, sizeof(got)) != 0)
				bad++, printf("# edge %s: %.17g, not %.17g\n", edge[e],
				    got, want);
		}
		nedge = e;
		for (j = 0; j < 200000; j++) {
			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			nd = 1 + (int)(seed % 24);
			nf = (int)((seed >> 8) % 25);
			len = 0;
			if ((seed >> 16) & 1)
				num[len++] = '-';
			for (e = 0; e < nd + nf; e++) {
				seed ^= seed << 13, seed ^= seed >> 7,
				    seed ^= seed << 17;
				if (e == nd)
					num[len++] = '.';
				num[len++] = (char)('0' + (e == 0 && nd > 1 ?
				    1 + seed % 9 : seed % 10));
			}
			num[len] = '\0';
			want = strtod(num, NULL);
			if (!sg_num_parse(num, len, &got) ||
			    memcmp(&got, &want, sizeof(got)) != 0) {
				if (bad++ < 5)
					printf("# %s: %.17g, not %.17g\n", num, got,
					    want);
			}
		}
		ok(bad == 0, "sg_num_parse agrees with strtod bit for bit "
		    "on %d numbers", j + nedge);
	}
	{
		/* At most 300 digits before the point, leading zeros aside
		 * (sg(7)): 10^300 - 1 is a number, 10^300 is not, and 9 after
		 * 400 zeros is; the decimals are not counted. */
		char big[512];
		int fin;

		memset(big, '9', 300);
		strcpy(big + 300, ".25");
		fin = sg_value_parse(big, strlen(big), &v) == SG_NUM &&
		    v.num > 9.9e299 && v.num <= 1e300;
		ok(fin, "300 nines before the point are a number");
		big[0] = '1';
		memset(big + 1, '0', 300);
		big[301] = '\0';
		ok(kind(big) == SG_BAD, "10^300, 301 digits, is not a number");
		ok(!sg_num_parse(big, 301, &d), "nor for sg_num_parse");
		memset(big, '0', 400);
		strcpy(big + 400, "9.5");
		ok(sg_value_parse(big, strlen(big), &v) == SG_NUM &&
		    v.num == 9.5, "400 leading zeros and 9.5 are 9.5");
	}
	is_str(sg_kind_symbol(SG_C), "c", "symbol text of c");
	is_str(sg_kind_symbol(SG_LOW), "low", "symbol text of low");
	is_str(sg_kind_symbol(SG_U), "u", "symbol text of u");
	ok(sg_kind_symbol(SG_NUM) == NULL, "a number has no symbol text");

	for (k = 0; k < n; k++)
		for (l = 0; l < n; l++) {
			w = k > l ? k : l;
			ok(sg_kind_combine(order[k].kind, order[l].kind) ==
			    order[w].kind, "%s and %s give %s", order[k].name,
			    order[l].name, order[w].name);
		}

	/* Exact decimals: values of up to 18 characters take a short
	 * path; each is checked against its value typed by hand, and the
	 * same value written long (leading zeros) takes the general one. */
	{
		static const struct {
			const char *s;
			long long m;
			int scale;
		} dec[] = {
			{ "0", 0, 0 }, { "-0", 0, 0 }, { "7", 7, 0 },
			{ "1043", 1043, 0 }, { "-2.5", -25, 1 },
			{ "0.10", 10, 2 }, { "12.500", 12500, 3 },
			{ "007", 7, 0 }, { "-0.04", -4, 2 },
			{ "999999999999999999", 999999999999999999LL, 0 },
			{ "-99999999999999999", -99999999999999999LL, 0 },
			{ "0.0000000000000001", 1, 16 },
			{ "1.23456789012345", 123456789012345LL, 14 },
		};
		char longer[64];
		size_t k;

		for (k = 0; k < sizeof(dec) / sizeof(dec[0]); k++) {
			ok(sg_dec_parse(dec[k].s, strlen(dec[k].s), &a) &&
			    a.m == dec[k].m && a.scale == dec[k].scale,
			    "decimal '%s' is %lld x 10^-%d", dec[k].s,
			    dec[k].m, dec[k].scale);
			snprintf(longer, sizeof(longer), "%s%s%s",
			    dec[k].s[0] == '-' ? "-" : "",
			    "0000000000000000000",
			    dec[k].s + (dec[k].s[0] == '-'));
			ok(sg_dec_parse(longer, strlen(longer), &b) &&
			    sg_dec_cmp(a, b) == 0,
			    "decimal '%s' written long is the same", dec[k].s);
		}
		for (i = 0; bad[i] != NULL; i++)
			ok(!sg_dec_parse(bad[i], strlen(bad[i]), &a),
			    "'%s' is not a decimal", bad[i]);
		ok(!sg_dec_parse("12345678901234567.8x", 20, &a) &&
		    !sg_dec_parse("123456789012345.8x", 18, &a),
		    "a bad last character is refused, short or long");
	}

	/* sg_dec_diff: as sg_dec_sub, inline or not. */
	{
		static const char *pairs[][2] = { { "95", "80" },
		    { "-2.5", "0.75" }, { "1.25", "1.05" },
		    { "123456789012345678", "-0.000001" }, { "0", "0" } };
		sg_dec x, y, d1, d2;
		size_t k;

		for (k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++) {
			sg_dec_parse(pairs[k][0], strlen(pairs[k][0]), &x);
			sg_dec_parse(pairs[k][1], strlen(pairs[k][1]), &y);
			d1 = sg_dec_diff(&x, &y);
			d2 = sg_dec_sub(x, y);
			ok(sg_dec_cmp(d1, d2) == 0, "%s - %s: sg_dec_diff = sg_dec_sub",
			    pairs[k][0], pairs[k][1]);
		}
	}

	/* Exact decimals. */
	ok(dec_cmp("68", "68.000") == 0, "68 equals 68.000 exactly");
	ok(dec_cmp("0.1", "0.10000000000000001") < 0,
	    "0.1 is less than 0.10000000000000001 exactly");
	ok(dec_cmp("-5", "3") < 0, "-5 < 3");
	ok(dec_cmp("123456789012345678.5", "123456789012345678.4") > 0,
	    "18-digit values compare exactly");
	ok(!sg_dec_parse("1e5", 3, &a), "1e5 is not a decimal");
	/* 68 against 80 with a 15% relative tolerance: shortfall 12,
	 * 12 * 100 == 15 * 80 exactly. */
	sg_dec_parse("80", 2, &a);
	sg_dec_parse("68", 2, &b);
	r = sg_dec_mul(sg_dec_sub(a, b), sg_dec_from_long(100));
	ok(sg_dec_cmp(r, sg_dec_mul(sg_dec_from_long(15), a)) == 0,
	    "(80 - 68) * 100 equals 15 * 80 exactly");
	sg_dec_parse("0.1", 3, &a);
	sg_dec_parse("0.2", 3, &b);
	sg_dec_parse("0.3", 3, &r);
	ok(sg_dec_cmp(sg_dec_add(a, b), r) == 0, "0.1 + 0.2 equals 0.3 exactly");
	ok(sg_dec_sign(sg_dec_sub(a, b)) < 0, "0.1 - 0.2 is negative");
	ok(sg_dec_to_double(r) == 0.3, "0.3 converts to the double 0.3");
	return done_testing();
}
