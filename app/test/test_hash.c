/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hash: lookup3 vectors for rte_jhash and its word forms, CRC32-C vectors
 * and the software and SSE4.2 paths agreeing, then rte_hash tables:
 * create/find/free and refusals, add/lookup/delete with stable positions,
 * data and with-hash variants, bulk lookups, iteration, filling to
 * `entries` (also when every key collides), reset, random operations
 * against a plain array for key lengths 4, 13 and 64, and a lookup rate.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_cpuflags.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_hash.h>
#include <rte_hash_crc.h>
#include <rte_jhash.h>
#include <rte_malloc.h>
#include <rte_random.h>

#include "hash_internal.h"
#include "test.h"

#define KEY_MAX 64u

static struct rte_hash *th; /* the table of the running case */

/* key number id of len bytes: id in the first 4, the rest from id */
static void
key_make(uint8_t *key, uint32_t len, uint32_t id)
{
	uint64_t x = id * UINT64_C(0x9e3779b97f4a7c15) + 1;
	uint32_t i;

	memcpy(key, &id, sizeof(id));
	for (i = 4; i < len; i++) {
		x ^= x >> 29;
		x *= UINT64_C(0xbf58476d1ce4e5b9);
		key[i] = (uint8_t)(x >> 56);
	}
}

static struct rte_hash *
table_new(const char *name, uint32_t entries, uint32_t key_len,
		rte_hash_function fn)
{
	struct rte_hash_parameters p = {
		.name = name,
		.entries = entries,
		.key_len = key_len,
		.hash_func = fn,
		.hash_func_init_val = 7,
		.socket_id = SOCKET_ID_ANY,
	};

	rte_hash_free(th);
	th = rte_hash_create(&p);
	return th;
}

static int
table_valid(void)
{
	return hash_table_check(th, stdout) == 0;
}

// ---------------------------------------------------------------------
// jhash and CRC32-C

static int
test_jhash_lookup3_vectors(void)
{
	static const char four[] = "Four score and seven years ago";
	uint32_t c, b;

	TEST_ASSERT_EQUAL(rte_jhash("", 0, 0), 0xdeadbeefu, "empty, 0: %#x",
			rte_jhash("", 0, 0));
	TEST_ASSERT_EQUAL(rte_jhash("", 0, 0xdeadbeef), 0xbd5b7ddeu,
			"empty, deadbeef: %#x", rte_jhash("", 0, 0xdeadbeef));
	TEST_ASSERT_EQUAL(rte_jhash(four, 30, 0), 0x17770551u,
			"four score, 0: %#x", rte_jhash(four, 30, 0));
	TEST_ASSERT_EQUAL(rte_jhash(four, 30, 1), 0xcd628161u,
			"four score, 1: %#x", rte_jhash(four, 30, 1));
	c = 0;
	b = 1;
	rte_jhash_2hashes(four, 30, &c, &b);
	TEST_ASSERT(c == 0xe3607cae && b == 0xbd371de4,
			"hashlittle2 four score (0, 1): %#x %#x, expected "
			"0xe3607cae 0xbd371de4", c, b);
	c = 1;
	b = 0;
	rte_jhash_2hashes(four, 30, &c, &b);
	TEST_ASSERT(c == 0xcd628161 && b == 0x6cbea4b3,
			"hashlittle2 four score (1, 0): %#x %#x, expected "
			"0xcd628161 0x6cbea4b3", c, b);
	c = 0xdeadbeef;
	b = 0xdeadbeef;
	rte_jhash_2hashes("", 0, &c, &b);
	TEST_ASSERT(c == 0x9c093ccd && b == 0xbd5b7dde,
			"hashlittle2 empty (deadbeef x2): %#x %#x", c, b);
	return TEST_SUCCESS;
}

static int
test_jhash_forms_agree(void)
{
	uint32_t w[16], buf[17], n, c1, b1, c2, b2;
	uint8_t *unaligned = (uint8_t *)buf + 1;

	for (n = 0; n < RTE_DIM(w); n++)
		w[n] = (uint32_t)rte_rand();
	memcpy(unaligned, w, sizeof(w));
	for (n = 0; n <= RTE_DIM(w); n++) {
		TEST_ASSERT_EQUAL(rte_jhash_32b(w, n, 5), rte_jhash(w, 4 * n, 5),
				"%u words vs bytes", n);
		TEST_ASSERT_EQUAL(rte_jhash(unaligned, 4 * n, 5),
				rte_jhash(w, 4 * n, 5), "%u words unaligned", n);
		c1 = c2 = 3;
		b1 = b2 = 9;
		rte_jhash_32b_2hashes(w, n, &c1, &b1);
		rte_jhash_2hashes(w, 4 * n, &c2, &b2);
		TEST_ASSERT(c1 == c2 && b1 == b2, "%u words: 2hashes differ", n);
	}
	TEST_ASSERT_EQUAL(rte_jhash_3words(w[0], w[1], w[2], 11),
			rte_jhash_32b(w, 3, 11), "3words");
	TEST_ASSERT_EQUAL(rte_jhash_2words(w[0], w[1], 11),
			rte_jhash_32b(w, 2, 11), "2words");
	TEST_ASSERT_EQUAL(rte_jhash_1word(w[0], 11), rte_jhash_32b(w, 1, 11),
			"1word");
	return TEST_SUCCESS;
}

static const uint8_t crc_algs[] = { CRC32_SW, CRC32_SSE42, CRC32_SSE42_x64 };

static int
test_crc_known_vector(void)
{
	uint32_t i, got;

	for (i = 0; i < RTE_DIM(crc_algs); i++) {
		rte_hash_crc_set_alg(crc_algs[i]);
		got = rte_hash_crc("123456789", 9, 0xffffffff) ^ 0xffffffff;
		TEST_ASSERT_EQUAL(got, 0xe3069283u,
				"alg %u: crc32c(123456789) = %#x", crc_algs[i],
				got);
		got = rte_hash_crc("", 0, 0x1234);
		TEST_ASSERT_EQUAL(got, 0x1234u, "alg %u: empty changed the "
				"register to %#x", crc_algs[i], got);
	}
	rte_hash_crc_set_alg(CRC32_SSE42_x64);
	return TEST_SUCCESS;
}

static int
test_crc_sw_and_sse42_agree(void)
{
	uint8_t buf[128];
	uint32_t r, len, off, seed, v[3], sw[5], i;
	uint64_t v64;

	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_SSE4_2) <= 0)
		return TEST_SKIPPED;
	for (r = 0; r < 2000; r++) {
		for (i = 0; i < sizeof(buf); i++)
			buf[i] = (uint8_t)rte_rand();
		len = rte_rand_max(100);
		off = rte_rand_max(sizeof(buf) - 100);
		seed = (uint32_t)rte_rand();
		memcpy(&v64, buf, 8);
		rte_hash_crc_set_alg(CRC32_SW);
		sw[0] = rte_hash_crc(buf + off, len, seed);
		sw[1] = rte_hash_crc_1byte(buf[0], seed);
		sw[2] = rte_hash_crc_2byte((uint16_t)v64, seed);
		sw[3] = rte_hash_crc_4byte((uint32_t)v64, seed);
		sw[4] = rte_hash_crc_8byte(v64, seed);
		TEST_ASSERT_EQUAL(sw[4], rte_hash_crc(buf, 8, seed),
				"8byte vs buffer (sw)");
		for (i = 1; i < RTE_DIM(crc_algs); i++) {
			rte_hash_crc_set_alg(crc_algs[i]);
			v[0] = rte_hash_crc(buf + off, len, seed);
			v[1] = rte_hash_crc_4byte((uint32_t)v64, seed);
			v[2] = rte_hash_crc_8byte(v64, seed);
			TEST_ASSERT(v[0] == sw[0] && v[1] == sw[3] &&
					v[2] == sw[4] &&
					rte_hash_crc_1byte(buf[0], seed) == sw[1] &&
					rte_hash_crc_2byte((uint16_t)v64, seed)
					== sw[2], "alg %u differs from sw: len %u "
					"off %u: %#x vs %#x", crc_algs[i], len, off,
					v[0], sw[0]);
		}
	}
	rte_hash_crc_set_alg(CRC32_SSE42_x64);
	return TEST_SUCCESS;
}

// ---------------------------------------------------------------------
// table life cycle

static int
test_hash_create_find_free(void)
{
	struct rte_hash *h = table_new("h_life", 64, 8, NULL);

	TEST_ASSERT_NOT_NULL(h, "create: rte_errno %d", rte_errno);
	TEST_ASSERT(rte_hash_find_existing("h_life") == h, "find_existing");
	TEST_ASSERT_EQUAL(rte_hash_count(h), 0, "new table count");
	TEST_ASSERT_EQUAL(rte_hash_max_key_id(h), 64, "max_key_id");
	rte_hash_free(h);
	th = NULL;
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_hash_find_existing("h_life"), "found after free");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno %d", rte_errno);
	rte_hash_free(NULL);
	TEST_ASSERT_NOT_NULL(table_new("h_life", 64, 8, NULL),
			"the name is free again after rte_hash_free");
	return TEST_SUCCESS;
}

static int
create_errno(const struct rte_hash_parameters *p)
{
	struct rte_hash *h;

	rte_errno = 0;
	h = rte_hash_create(p);
	if (h != NULL) {
		rte_hash_free(h);
		return 0;
	}
	return rte_errno;
}

static int
test_hash_create_refusals(void)
{
	static const uint8_t refused[] = {
		RTE_HASH_EXTRA_FLAGS_MULTI_WRITER_ADD,
		RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY,
		RTE_HASH_EXTRA_FLAGS_NO_FREE_ON_DEL,
		RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF,
	};
	const struct rte_hash_parameters ok = {
		.name = "h_bad", .entries = 8, .key_len = 4,
		.socket_id = SOCKET_ID_ANY,
	};
	struct rte_hash_parameters p;
	uint32_t i;

	TEST_ASSERT_EQUAL(create_errno(NULL), EINVAL, "NULL params");
	p = ok;
	p.name = NULL;
	TEST_ASSERT_EQUAL(create_errno(&p), EINVAL, "NULL name");
	p = ok;
	p.name = "a_name_of_thirty_two_characters_";
	TEST_ASSERT_EQUAL(create_errno(&p), EINVAL, "name too long");
	p = ok;
	p.entries = 7;
	TEST_ASSERT_EQUAL(create_errno(&p), EINVAL, "7 entries");
	p.entries = RTE_HASH_ENTRIES_MAX + 1u;
	TEST_ASSERT_EQUAL(create_errno(&p), EINVAL, "entries above max");
	p = ok;
	p.key_len = 0;
	TEST_ASSERT_EQUAL(create_errno(&p), EINVAL, "key_len 0");
	for (i = 0; i < RTE_DIM(refused); i++) {
		p = ok;
		p.extra_flag = refused[i];
		TEST_ASSERT_EQUAL(create_errno(&p), ENOTSUP, "flag %#x",
				refused[i]);
	}
	p = ok;
	p.extra_flag = RTE_HASH_EXTRA_FLAGS_EXT_TABLE |
		RTE_HASH_EXTRA_FLAGS_TRANS_MEM_SUPPORT | 0x80;
	TEST_ASSERT_EQUAL(create_errno(&p), 0, "EXT_TABLE|TRANS_MEM|0x80");
	TEST_ASSERT_NOT_NULL(table_new("h_bad", 8, 4, NULL), "create");
	TEST_ASSERT_EQUAL(create_errno(&ok), EEXIST, "same name twice");
	return TEST_SUCCESS;
}

// ---------------------------------------------------------------------
// keys

static int
test_hash_add_lookup_del(void)
{
	uint8_t k[3][16];
	int32_t pos[3], i;

	TEST_ASSERT_NOT_NULL(table_new("h_ald", 16, 16, NULL), "create");
	for (i = 0; i < 3; i++) {
		key_make(k[i], 16, i);
		pos[i] = rte_hash_add_key(th, k[i]);
		TEST_ASSERT(pos[i] >= 0 && pos[i] < 16, "add %d: %d", i, pos[i]);
	}
	TEST_ASSERT(pos[0] != pos[1] && pos[1] != pos[2] && pos[0] != pos[2],
			"positions %d %d %d not distinct", pos[0], pos[1],
			pos[2]);
	TEST_ASSERT_EQUAL(rte_hash_add_key(th, k[1]), pos[1],
			"re-adding a key moved it");
	TEST_ASSERT_EQUAL(rte_hash_count(th), 3, "count after 3 adds");
	for (i = 0; i < 3; i++)
		TEST_ASSERT_EQUAL(rte_hash_lookup(th, k[i]), pos[i],
				"lookup %d", i);
	TEST_ASSERT_EQUAL(rte_hash_del_key(th, k[1]), pos[1], "del");
	TEST_ASSERT_EQUAL(rte_hash_lookup(th, k[1]), -ENOENT,
			"lookup after del");
	TEST_ASSERT_EQUAL(rte_hash_del_key(th, k[1]), -ENOENT, "del twice");
	TEST_ASSERT_EQUAL(rte_hash_lookup(th, k[2]), pos[2],
			"a neighbour moved after a delete");
	TEST_ASSERT_EQUAL(rte_hash_count(th), 2, "count after del");
	TEST_ASSERT_EQUAL(rte_hash_add_key(NULL, k[0]), -EINVAL, "add NULL h");
	TEST_ASSERT_EQUAL(rte_hash_add_key(th, NULL), -EINVAL, "add NULL key");
	TEST_ASSERT_EQUAL(rte_hash_lookup(th, NULL), -EINVAL, "lookup NULL");
	TEST_ASSERT_EQUAL(rte_hash_del_key(NULL, k[0]), -EINVAL, "del NULL");
	TEST_ASSERT_EQUAL(rte_hash_count(NULL), -EINVAL, "count NULL");
	TEST_ASSERT(table_valid(), "table check");
	return TEST_SUCCESS;
}

static int
test_hash_data_and_with_hash(void)
{
	uint8_t k[8], other[8];
	void *data = NULL, *key = NULL;
	hash_sig_t sig;
	int32_t pos;

	TEST_ASSERT_NOT_NULL(table_new("h_data", 8, 8, NULL), "create");
	key_make(k, 8, 42);
	key_make(other, 8, 43);
	TEST_ASSERT_EQUAL(rte_hash_add_key_data(th, k, (void *)0x100), 0,
			"add_key_data returns 0");
	pos = rte_hash_lookup_data(th, k, &data);
	TEST_ASSERT(pos >= 0 && data == (void *)0x100,
			"lookup_data: %d, %p", pos, data);
	TEST_ASSERT_EQUAL(rte_hash_add_key_data(th, k, (void *)0x200), 0,
			"replace data");
	TEST_ASSERT_EQUAL(rte_hash_lookup_data(th, k, &data), pos,
			"position changed by replacing data");
	TEST_ASSERT(data == (void *)0x200, "data not replaced: %p", data);
	TEST_ASSERT_EQUAL(rte_hash_add_key(th, k), pos, "add_key on it");
	rte_hash_lookup_data(th, k, &data);
	TEST_ASSERT(data == (void *)0x200, "add_key cleared data: %p", data);
	TEST_ASSERT_EQUAL(rte_hash_lookup_data(th, other, &data), -ENOENT,
			"lookup_data of a missing key");
	TEST_ASSERT_EQUAL(rte_hash_hash(th, k), rte_hash_crc(k, 8, 7),
			"default function: rte_hash_crc with the seed");
	sig = rte_hash_hash(th, other);
	TEST_ASSERT_EQUAL(rte_hash_add_key_with_hash_data(th, other, sig,
			(void *)0x300), 0, "add_key_with_hash_data");
	pos = rte_hash_lookup_with_hash_data(th, other, sig, &data);
	TEST_ASSERT(pos >= 0 && data == (void *)0x300, "with_hash_data: %d %p",
			pos, data);
	TEST_ASSERT_EQUAL(rte_hash_lookup_with_hash(th, other, sig), pos,
			"lookup_with_hash");
	TEST_ASSERT_EQUAL(rte_hash_lookup(th, other), pos, "lookup");
	TEST_ASSERT_EQUAL(rte_hash_get_key_with_position(th, pos, &key), 0,
			"get_key_with_position");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(key, other, 8, "key at position");
	TEST_ASSERT_EQUAL(rte_hash_del_key_with_hash(th, other, sig), pos,
			"del_key_with_hash");
	TEST_ASSERT_EQUAL(rte_hash_get_key_with_position(th, pos, &key),
			-ENOENT, "position of a deleted key");
	TEST_ASSERT_EQUAL(rte_hash_get_key_with_position(th, 8, &key), -EINVAL,
			"position 8 of 8 entries");
	TEST_ASSERT_EQUAL(rte_hash_get_key_with_position(th, -1, &key),
			-EINVAL, "position -1");
	TEST_ASSERT_EQUAL(rte_hash_add_key_with_hash(th, other, sig), pos,
			"the freed position is reused first");
	return TEST_SUCCESS;
}

static int
test_hash_custom_function(void)
{
	uint8_t k[13];

	TEST_ASSERT_NOT_NULL(table_new("h_fn", 8, 13, rte_jhash), "create");
	key_make(k, 13, 1);
	TEST_ASSERT_EQUAL(rte_hash_hash(th, k), rte_jhash(k, 13, 7),
			"hash_func and init_val not used");
	TEST_ASSERT(rte_hash_add_key(th, k) >= 0, "add");
	TEST_ASSERT(rte_hash_lookup(th, k) >= 0, "lookup");
	return TEST_SUCCESS;
}

#define BULK_N RTE_HASH_LOOKUP_BULK_MAX

static int
test_hash_bulk_lookup(void)
{
	static uint8_t k[BULK_N][12];
	const void *keys[BULK_N + 1];
	int32_t pos[BULK_N], expect[BULK_N];
	void *data[BULK_N];
	hash_sig_t sig[BULK_N];
	uint64_t hits = 0, expect_hits = 0;
	uint32_t i;

	TEST_ASSERT_NOT_NULL(table_new("h_bulk", 128, 12, NULL), "create");
	for (i = 0; i < BULK_N; i++) {
		key_make(k[i], 12, i);
		keys[i] = k[i];
		sig[i] = rte_hash_hash(th, k[i]);
		expect[i] = -ENOENT;
		if (i % 3 == 0)
			continue;
		TEST_ASSERT_EQUAL(rte_hash_add_key_data(th, k[i],
				(void *)(uintptr_t)(i + 1)), 0, "add %u", i);
		expect[i] = rte_hash_lookup(th, k[i]);
		expect_hits |= UINT64_C(1) << i;
	}
	keys[BULK_N] = k[0];
	TEST_ASSERT_EQUAL(rte_hash_lookup_bulk(th, keys, BULK_N, pos), 0,
			"lookup_bulk");
	for (i = 0; i < BULK_N; i++)
		TEST_ASSERT_EQUAL(pos[i], expect[i], "bulk key %u: %d", i,
				pos[i]);
	memset(pos, 0, sizeof(pos));
	TEST_ASSERT_EQUAL(rte_hash_lookup_with_hash_bulk(th, keys, sig, BULK_N,
			pos), 0, "lookup_with_hash_bulk");
	TEST_ASSERT(memcmp(pos, expect, sizeof(pos)) == 0,
			"with_hash_bulk positions differ");
	TEST_ASSERT_EQUAL(rte_hash_lookup_bulk_data(th, keys, BULK_N, &hits,
			data), __builtin_popcountll(expect_hits),
			"lookup_bulk_data hit count");
	TEST_ASSERT_EQUAL(hits, expect_hits, "hit mask %#" PRIx64, hits);
	for (i = 0; i < BULK_N; i++)
		TEST_ASSERT(!(hits >> i & 1) ||
				data[i] == (void *)(uintptr_t)(i + 1),
				"bulk data %u: %p", i, data[i]);
	hits = 0;
	TEST_ASSERT_EQUAL(rte_hash_lookup_with_hash_bulk_data(th, keys, sig,
			BULK_N, &hits, data), __builtin_popcountll(expect_hits),
			"with_hash_bulk_data hit count");
	TEST_ASSERT_EQUAL(hits, expect_hits, "hit mask %#" PRIx64, hits);
	TEST_ASSERT_EQUAL(rte_hash_lookup_bulk(th, keys, 0, pos), -EINVAL,
			"0 keys");
	TEST_ASSERT_EQUAL(rte_hash_lookup_bulk(th, keys, BULK_N + 1, pos),
			-EINVAL, "%u keys", BULK_N + 1);
	TEST_ASSERT_EQUAL(rte_hash_lookup_bulk_data(th, keys, BULK_N, NULL,
			data), -EINVAL, "NULL hit mask");
	return TEST_SUCCESS;
}

static int
test_hash_iterate_visits_each_once(void)
{
	const uint32_t n = 300;
	uint8_t k[8], seen[512] = { 0 };
	const void *key;
	void *data;
	uint32_t i, next = 0, visits = 0, id;
	int32_t pos;

	TEST_ASSERT_NOT_NULL(table_new("h_iter", 512, 8, NULL), "create");
	for (i = 0; i < n; i++) {
		key_make(k, 8, i);
		TEST_ASSERT_EQUAL(rte_hash_add_key_data(th, k,
				(void *)(uintptr_t)i), 0, "add %u", i);
	}
	for (i = 0; i < n; i += 3) {
		key_make(k, 8, i);
		TEST_ASSERT(rte_hash_del_key(th, k) >= 0, "del %u", i);
	}
	while ((pos = rte_hash_iterate(th, &key, &data, &next)) >= 0) {
		memcpy(&id, key, sizeof(id));
		TEST_ASSERT(id < n && id % 3 != 0, "visited key %u", id);
		TEST_ASSERT_EQUAL(seen[id], 0, "key %u visited twice", id);
		TEST_ASSERT_EQUAL((uintptr_t)data, (uintptr_t)id, "data of %u",
				id);
		TEST_ASSERT_EQUAL(rte_hash_lookup(th, key), pos,
				"iterate position of %u", id);
		seen[id] = 1;
		visits++;
	}
	TEST_ASSERT_EQUAL(pos, -ENOENT, "end of walk: %d", pos);
	TEST_ASSERT_EQUAL(visits, n - (n + 2) / 3, "visits %u", visits);
	TEST_ASSERT_EQUAL(rte_hash_iterate(th, &key, &data, &next), -ENOENT,
			"walk past the end");
	TEST_ASSERT_EQUAL(rte_hash_iterate(th, NULL, &data, &next), -EINVAL,
			"NULL key");
	return TEST_SUCCESS;
}

static uint32_t
hash_constant(const void *key, uint32_t len, uint32_t init)
{
	RTE_SET_USED(key);
	RTE_SET_USED(len);
	return init;
}

/* fill an `entries` table; each position once, in range; one more fails */
static int
fill_to_entries(uint32_t entries)
{
	uint8_t k[8], *used;
	uint32_t i;
	int32_t pos, freed = -1;

	used = calloc(entries, 1);
	TEST_ASSERT_NOT_NULL(used, "calloc");
	for (i = 0; i < entries; i++) {
		key_make(k, 8, i);
		pos = rte_hash_add_key(th, k);
		if (pos < 0 || (uint32_t)pos >= entries || used[pos]) {
			free(used);
			TEST_ASSERT(false, "add %u of %u: position %d", i,
					entries, pos);
		}
		used[pos] = 1;
	}
	free(used);
	key_make(k, 8, entries);
	TEST_ASSERT_EQUAL(rte_hash_add_key(th, k), -ENOSPC,
			"add to a full table");
	TEST_ASSERT_EQUAL(rte_hash_count(th), (int32_t)entries, "count");
	key_make(k, 8, entries / 2);
	freed = rte_hash_del_key(th, k);
	TEST_ASSERT(freed >= 0, "del");
	key_make(k, 8, entries);
	TEST_ASSERT_EQUAL(rte_hash_add_key(th, k), freed,
			"add after one delete");
	TEST_ASSERT(table_valid(), "table check");
	return TEST_SUCCESS;
}

static int
test_hash_fill_to_entries(void)
{
	TEST_ASSERT_NOT_NULL(table_new("h_fill", 1000, 8, NULL), "create");
	return fill_to_entries(1000);
}

static int
test_hash_fill_all_colliding(void)
{
	TEST_ASSERT_NOT_NULL(table_new("h_coll", 100, 8, hash_constant),
			"create");
	return fill_to_entries(100);
}

static int
test_hash_reset(void)
{
	uint8_t k[8];
	uint32_t i;

	TEST_ASSERT_NOT_NULL(table_new("h_reset", 64, 8, NULL), "create");
	for (i = 0; i < 64; i++) {
		key_make(k, 8, i);
		TEST_ASSERT(rte_hash_add_key(th, k) >= 0, "add %u", i);
	}
	rte_hash_reset(th);
	TEST_ASSERT_EQUAL(rte_hash_count(th), 0, "count after reset");
	key_make(k, 8, 5);
	TEST_ASSERT_EQUAL(rte_hash_lookup(th, k), -ENOENT, "lookup after reset");
	TEST_ASSERT(table_valid(), "table check");
	return fill_to_entries(64);
}

// ---------------------------------------------------------------------
// random operations against an array of positions

#define RND_ENTRIES 1024u
#define RND_IDS (2 * RND_ENTRIES)
#define RND_OPS 20000u

static int
random_ops(uint32_t key_len)
{
	static int32_t ref[RND_IDS];
	uint8_t k[KEY_MAX];
	uint32_t op, id, count = 0;
	int32_t got, expect;
	void *data;

	for (id = 0; id < RND_IDS; id++)
		ref[id] = -ENOENT;
	for (op = 0; op < RND_OPS; op++) {
		id = rte_rand_max(RND_IDS);
		key_make(k, key_len, id);
		switch (rte_rand_max(3)) {
		case 0:
			got = rte_hash_add_key_data(th, k,
					(void *)(uintptr_t)(id + 1));
			expect = (ref[id] >= 0 || count < RND_ENTRIES) ?
				0 : -ENOSPC;
			TEST_ASSERT_EQUAL(got, expect, "op %u add %u: %d", op,
					id, got);
			if (got == 0 && ref[id] < 0) {
				ref[id] = rte_hash_lookup(th, k);
				count++;
			}
			break;
		case 1:
			got = rte_hash_del_key(th, k);
			TEST_ASSERT_EQUAL(got, ref[id], "op %u del %u: %d", op,
					id, got);
			if (ref[id] >= 0)
				count--;
			ref[id] = -ENOENT;
			break;
		default:
			got = rte_hash_lookup_data(th, k, &data);
			TEST_ASSERT_EQUAL(got, ref[id], "op %u lookup %u: %d",
					op, id, got);
			TEST_ASSERT(got < 0 ||
					data == (void *)(uintptr_t)(id + 1),
					"op %u data of %u", op, id);
		}
		if (op % 1000 == 0)
			TEST_ASSERT(table_valid(), "table check at op %u", op);
	}
	TEST_ASSERT_EQUAL(rte_hash_count(th), (int32_t)count, "final count");
	TEST_ASSERT(table_valid(), "final table check");
	return TEST_SUCCESS;
}

static int
test_hash_random_key_len_4(void)
{
	TEST_ASSERT_NOT_NULL(table_new("h_r4", RND_ENTRIES, 4, NULL), "create");
	return random_ops(4);
}

static int
test_hash_random_key_len_13(void)
{
	TEST_ASSERT_NOT_NULL(table_new("h_r13", RND_ENTRIES, 13, rte_jhash),
			"create");
	return random_ops(13);
}

static int
test_hash_random_key_len_64(void)
{
	TEST_ASSERT_NOT_NULL(table_new("h_r64", RND_ENTRIES, 64, NULL),
			"create");
	return random_ops(64);
}

// ---------------------------------------------------------------------
// lookup rate (printed, not asserted)

#define PERF_ENTRIES (1u << 18)
#define PERF_KEYS (PERF_ENTRIES / 2)
#define PERF_LOOKUPS (1u << 20)

static int
test_hash_lookup_rate(void)
{
	uint8_t *keys;
	uint64_t start, cycles;
	uint32_t i;
	int32_t found = 0;

	TEST_ASSERT_NOT_NULL(table_new("h_perf", PERF_ENTRIES, 16, NULL),
			"create");
	keys = malloc((size_t)PERF_KEYS * 16);
	TEST_ASSERT_NOT_NULL(keys, "malloc");
	for (i = 0; i < PERF_KEYS; i++) {
		key_make(keys + (size_t)i * 16, 16, i);
		if (rte_hash_add_key(th, keys + (size_t)i * 16) < 0) {
			free(keys);
			TEST_ASSERT(false, "add %u", i);
		}
	}
	start = rte_rdtsc();
	for (i = 0; i < PERF_LOOKUPS; i++)
		found += rte_hash_lookup(th, keys +
				(size_t)((i * 40503u) % PERF_KEYS) * 16) >= 0;
	cycles = rte_rdtsc() - start;
	free(keys);
	printf("hash lookup: %u lookups of 16-byte keys at 50%% load "
			"(%u of %u): %.1f cycles each, %.1f M lookups/s\n",
			PERF_LOOKUPS, PERF_KEYS, PERF_ENTRIES,
			(double)cycles / PERF_LOOKUPS,
			(double)PERF_LOOKUPS * rte_get_tsc_hz() / cycles / 1e6);
	TEST_ASSERT_EQUAL(found, (int32_t)PERF_LOOKUPS, "lookups missed");
	return TEST_SUCCESS;
}

static void
hash_teardown(void)
{
	rte_hash_free(th);
	th = NULL;
	rte_hash_crc_set_alg(CRC32_SSE42_x64);
}

static struct unit_test_suite hash_suite = {
	.suite_name = "hash",
	.teardown = hash_teardown,
	.unit_test_cases = {
		TEST_CASE(test_jhash_lookup3_vectors),
		TEST_CASE(test_jhash_forms_agree),
		TEST_CASE(test_crc_known_vector),
		TEST_CASE(test_crc_sw_and_sse42_agree),
		TEST_CASE(test_hash_create_find_free),
		TEST_CASE(test_hash_create_refusals),
		TEST_CASE(test_hash_add_lookup_del),
		TEST_CASE(test_hash_data_and_with_hash),
		TEST_CASE(test_hash_custom_function),
		TEST_CASE(test_hash_bulk_lookup),
		TEST_CASE(test_hash_iterate_visits_each_once),
		TEST_CASE(test_hash_fill_to_entries),
		TEST_CASE(test_hash_fill_all_colliding),
		TEST_CASE(test_hash_reset),
		TEST_CASE(test_hash_random_key_len_4),
		TEST_CASE(test_hash_random_key_len_13),
		TEST_CASE(test_hash_random_key_len_64),
		TEST_CASE(test_hash_lookup_rate),
		TEST_CASES_END()
	}
};

static int
test_hash(void)
{
	return unit_test_suite_runner(&hash_suite);
}

REGISTER_TEST_COMMAND(hash_autotest, test_hash);
