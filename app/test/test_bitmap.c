/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bitmap: footprint and init refusals, set/get/clear, set_slab, scan
 * returning every set slab once per round in order and wrapping, an
 * all-set bitmap of an odd size, and random operations checked against a
 * plain array of bits.
 */

#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_bitmap.h>
#include <rte_malloc.h>
#include <rte_random.h>

#include "test.h"

#define BM_BITS 100000u /* 196 cache lines of bits, not a round number */

static uint8_t *bm_mem;
static uint32_t bm_size;

static struct rte_bitmap *
bm_new(uint32_t n_bits, bool all_set)
{
	bm_size = rte_bitmap_get_memory_footprint(n_bits);
	rte_free(bm_mem);
	bm_mem = rte_zmalloc(NULL, bm_size, RTE_CACHE_LINE_SIZE);
	if (bm_mem == NULL)
		return NULL;
	return all_set ? rte_bitmap_init_with_all_set(n_bits, bm_mem, bm_size) :
		rte_bitmap_init(n_bits, bm_mem, bm_size);
}

static int
test_bitmap_init_refusals(void)
{
	uint32_t fp = rte_bitmap_get_memory_footprint(BM_BITS);

	TEST_ASSERT_EQUAL(rte_bitmap_get_memory_footprint(0), 0u,
			"footprint of 0 bits");
	TEST_ASSERT(fp >= BM_BITS / 8 && fp % RTE_CACHE_LINE_SIZE == 0,
			"footprint %u for %u bits", fp, BM_BITS);
	TEST_ASSERT_NOT_NULL(bm_new(BM_BITS, false), "init");
	TEST_ASSERT_NULL(rte_bitmap_init(0, bm_mem, bm_size), "0 bits");
	TEST_ASSERT_NULL(rte_bitmap_init(BM_BITS, NULL, bm_size), "NULL");
	TEST_ASSERT_NULL(rte_bitmap_init(BM_BITS, bm_mem, bm_size - 1),
			"memory one byte short");
	TEST_ASSERT_NULL(rte_bitmap_init(BM_BITS, bm_mem + 8, bm_size - 8),
			"misaligned memory");
	TEST_ASSERT_EQUAL(rte_bitmap_free(NULL), -EINVAL, "free NULL");
	return TEST_SUCCESS;
}

static int
test_bitmap_set_get_clear(void)
{
	struct rte_bitmap *bmp = bm_new(BM_BITS, false);
	uint32_t pos;
	uint64_t slab;

	TEST_ASSERT_NOT_NULL(bmp, "init");
	TEST_ASSERT_EQUAL(rte_bitmap_scan(bmp, &pos, &slab), 0,
			"a new bitmap is not empty");
	rte_bitmap_set(bmp, 0);
	rte_bitmap_set(bmp, 63);
	rte_bitmap_set(bmp, BM_BITS - 1);
	TEST_ASSERT(rte_bitmap_get(bmp, 0) && rte_bitmap_get(bmp, 63) &&
			rte_bitmap_get(bmp, BM_BITS - 1), "set bits not read");
	TEST_ASSERT(!rte_bitmap_get(bmp, 1) && !rte_bitmap_get(bmp, 64),
			"neighbours read as set");
	rte_bitmap_clear(bmp, 63);
	TEST_ASSERT(!rte_bitmap_get(bmp, 63), "cleared bit still set");
	TEST_ASSERT(rte_bitmap_get(bmp, 0), "neighbour cleared too");
	rte_bitmap_clear(bmp, 0);
	rte_bitmap_clear(bmp, BM_BITS - 1);
	TEST_ASSERT_EQUAL(rte_bitmap_scan(bmp, &pos, &slab), 0,
			"scan found bits after all were cleared");
	rte_bitmap_set_slab(bmp, 640 + 5, UINT64_C(0xf0f0));
	TEST_ASSERT_EQUAL(rte_bitmap_scan(bmp, &pos, &slab), 1, "scan");
	TEST_ASSERT(pos == 640 && slab == UINT64_C(0xf0f0), "set_slab gave "
			"pos %u slab 0x%" PRIx64, pos, slab);
	rte_bitmap_reset(bmp);
	TEST_ASSERT_EQUAL(rte_bitmap_scan(bmp, &pos, &slab), 0,
			"scan found bits after a reset");
	return TEST_SUCCESS;
}

static int
test_bitmap_scan_order_and_wrap(void)
{
	static const uint32_t bits[] = { 5, 70, 600, 4097, 65000, 99999 };
	struct rte_bitmap *bmp = bm_new(BM_BITS, false);
	unsigned int i, round;
	uint32_t pos;
	uint64_t slab;

	TEST_ASSERT_NOT_NULL(bmp, "init");
	for (i = 0; i < RTE_DIM(bits); i++)
		rte_bitmap_set(bmp, bits[i]);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < RTE_DIM(bits); i++) {
			TEST_ASSERT_EQUAL(rte_bitmap_scan(bmp, &pos, &slab), 1,
					"round %u: scan %u found nothing",
					round, i);
			TEST_ASSERT(pos == (bits[i] & ~63u) && slab ==
					UINT64_C(1) << (bits[i] & 63),
					"round %u: scan %u gave pos %u slab 0x%"
					PRIx64 ", expected bit %u", round, i,
					pos, slab, bits[i]);
		}
	}
	/* one bit left: every scan returns it */
	for (i = 1; i < RTE_DIM(bits); i++)
		rte_bitmap_clear(bmp, bits[i]);
	for (i = 0; i < 3; i++)
		TEST_ASSERT(rte_bitmap_scan(bmp, &pos, &slab) == 1 &&
				pos == 0 && slab == UINT64_C(1) << 5,
				"lone bit: scan %u gave pos %u", i, pos);
	return TEST_SUCCESS;
}

/* set bits the scans of one round see */
static uint64_t
bm_count_one_round(struct rte_bitmap *bmp, uint32_t *slabs)
{
	uint32_t pos, first = UINT32_MAX;
	uint64_t slab, n = 0;

	*slabs = 0;
	while (rte_bitmap_scan(bmp, &pos, &slab) && pos != first) {
		if (first == UINT32_MAX)
			first = pos;
		n += (uint64_t)__builtin_popcountll(slab);
		(*slabs)++;
	}
	return n;
}

static int
test_bitmap_all_set(void)
{
	const uint32_t n = BM_BITS + 13; /* ends inside a slab */
	struct rte_bitmap *bmp = bm_new(n, true);
	uint32_t slabs;
	uint64_t got;

	TEST_ASSERT_NOT_NULL(bmp, "init with all set");
	TEST_ASSERT(rte_bitmap_get(bmp, 0) && rte_bitmap_get(bmp, n - 1),
			"first or last bit not set");
	TEST_ASSERT(!rte_bitmap_get(bmp, n), "bit beyond the end is set");
	got = bm_count_one_round(bmp, &slabs);
	TEST_ASSERT_EQUAL(got, (uint64_t)n, "scan saw %" PRIu64 " bits in %u "
			"slabs, expected %u", got, slabs, n);
	return TEST_SUCCESS;
}

static int
test_bitmap_random_vs_reference(void)
{
	struct rte_bitmap *bmp = bm_new(BM_BITS, false);
	bool *ref = calloc(BM_BITS, sizeof(*ref));
	uint64_t want = 0, got;
	uint32_t i, pos, slabs;

	TEST_ASSERT_NOT_NULL(bmp, "init");
	TEST_ASSERT_NOT_NULL(ref, "calloc");
	for (i = 0; i < 200000; i++) {
		/* clustered, so that lines fill and empty */
		pos = (uint32_t)(rte_rand() % 2048) +
			(uint32_t)(rte_rand() % 4) * 30000;
		if (rte_rand() & 1) {
			rte_bitmap_set(bmp, pos);
			ref[pos] = true;
		} else {
			rte_bitmap_clear(bmp, pos);
			ref[pos] = false;
		}
	}
	for (i = 0; i < BM_BITS; i++) {
		if (!rte_bitmap_get(bmp, i) != !ref[i])
			break;
		want += ref[i];
	}
	free(ref);
	TEST_ASSERT_EQUAL(i, BM_BITS, "bit %u reads %d, not as set or "
			"cleared last", i, i < BM_BITS ?
			!!rte_bitmap_get(bmp, i) : 0);
	got = bm_count_one_round(bmp, &slabs);
	TEST_ASSERT_EQUAL(got, want, "scan saw %" PRIu64 " set bits, "
			"expected %" PRIu64, got, want);
	return TEST_SUCCESS;
}

static void
bm_teardown(void)
{
	rte_free(bm_mem);
	bm_mem = NULL;
}

static struct unit_test_suite bitmap_suite = {
	.suite_name = "bitmap",
	.teardown = bm_teardown,
	.unit_test_cases = {
		TEST_CASE(test_bitmap_init_refusals),
		TEST_CASE(test_bitmap_set_get_clear),
		TEST_CASE(test_bitmap_scan_order_and_wrap),
		TEST_CASE(test_bitmap_all_set),
		TEST_CASE(test_bitmap_random_vs_reference),
		TEST_CASES_END()
	}
};

static int
test_bitmap(void)
{
	return unit_test_suite_runner(&bitmap_suite);
}

REGISTER_TEST_COMMAND(bitmap_autotest, test_bitmap);
