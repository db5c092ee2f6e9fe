/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Legacy atomics: single-thread semantics of every operation, then
 * concurrent counters, test-and-set elections and a 128-bit CAS loop,
 * whose totals are exact only if the operations are atomic.
 */

#include <inttypes.h>
#include <stdint.h>

#include <rte_atomic.h>

#include "test.h"
#include "test_base_workers.h"

#define ATOMIC_ITERS 100000
#define ATOMIC_THREADS 4

static int
test_atomic_single_thread(void)
{
	rte_atomic16_t a16 = RTE_ATOMIC16_INIT(0);
	rte_atomic32_t a32;
	rte_atomic64_t a64;
	uint16_t u16 = 5;
	uint32_t u32 = 5;
	uint64_t u64 = 5;

	rte_atomic16_add(&a16, 3);
	rte_atomic16_sub(&a16, 1);
	TEST_ASSERT_EQUAL(rte_atomic16_read(&a16), 2, "16: add/sub");
	TEST_ASSERT_EQUAL(rte_atomic16_add_return(&a16, -2), 0, "16: add_return");
	TEST_ASSERT(rte_atomic16_inc_and_test(&a16) == 0, "16: inc_and_test 1");
	TEST_ASSERT(rte_atomic16_dec_and_test(&a16) == 1, "16: dec_and_test 0");

	rte_atomic32_init(&a32);
	rte_atomic32_set(&a32, -1);
	TEST_ASSERT(rte_atomic32_inc_and_test(&a32), "32: -1 + 1 is not 0");
	TEST_ASSERT_EQUAL(rte_atomic32_sub_return(&a32, 4), -4, "32: sub_return");
	TEST_ASSERT(rte_atomic32_test_and_set(&a32) == 0, "32: set when non-zero");
	rte_atomic32_clear(&a32);
	TEST_ASSERT(rte_atomic32_test_and_set(&a32) == 1, "32: set when zero");
	TEST_ASSERT_EQUAL(rte_atomic32_read(&a32), 1, "32: test_and_set value");

	rte_atomic64_init(&a64);
	rte_atomic64_add(&a64, INT64_C(1) << 40);
	rte_atomic64_dec(&a64);
	TEST_ASSERT_EQUAL(rte_atomic64_read(&a64), (INT64_C(1) << 40) - 1,
			"64: add/dec");

	TEST_ASSERT(rte_atomic16_cmpset(&u16, 4, 9) == 0 && u16 == 5, "16 cmpset");
	TEST_ASSERT(rte_atomic16_cmpset(&u16, 5, 9) != 0 && u16 == 9, "16 cmpset");
	TEST_ASSERT(rte_atomic32_cmpset(&u32, 5, 7) != 0 && u32 == 7, "32 cmpset");
	TEST_ASSERT(rte_atomic64_cmpset(&u64, 6, 7) == 0 && u64 == 5, "64 cmpset");
	TEST_ASSERT_EQUAL(rte_atomic64_exchange(&u64, 11), 5u, "64 exchange");
	TEST_ASSERT_EQUAL(u64, 11u, "64 exchange stored %" PRIu64, u64);
	TEST_ASSERT_EQUAL(rte_atomic32_exchange(&u32, 1), 7u, "32 exchange");
	TEST_ASSERT_EQUAL(rte_atomic16_exchange(&u16, 1), 9u, "16 exchange");
	return TEST_SUCCESS;
}

struct atomic_ctx {
	rte_atomic16_t c16;
	rte_atomic32_t c32;
	rte_atomic64_t c64;
	rte_atomic32_t flag;       /* test_and_set election */
	rte_atomic64_t elected;    /* wins counted */
	volatile uint32_t owners;  /* threads inside the elected region */
	volatile uint32_t overlaps; /* times two were inside at once */
	rte_int128_t pair;         /* both halves move together */
};

static int
atomic_worker(void *arg)
{
	struct atomic_ctx *c = arg;
	unsigned int i;

	for (i = 0; i < ATOMIC_ITERS; i++) {
		rte_int128_t exp, des;

		rte_atomic16_inc(&c->c16);
		rte_atomic32_add(&c->c32, 3);
		rte_atomic32_sub(&c->c32, 1);
		rte_atomic64_add_return(&c->c64, 2);

		/* whoever sets the flag owns the round and clears it */
		if (rte_atomic32_test_and_set(&c->flag)) {
			if (__atomic_add_fetch(&c->owners, 1,
					__ATOMIC_SEQ_CST) != 1)
				__atomic_fetch_add(&c->overlaps, 1,
						__ATOMIC_RELAXED);
			rte_atomic64_inc(&c->elected);
			__atomic_fetch_sub(&c->owners, 1, __ATOMIC_SEQ_CST);
			rte_atomic32_clear(&c->flag);
		}

		exp = c->pair;
		do {
			des.val[0] = exp.val[0] + 1;
			des.val[1] = exp.val[1] + 1;
		} while (!rte_atomic128_cmp_exchange(&c->pair, &exp, &des, 0,
				__ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	}
	return 0;
}

static int
test_atomic_concurrent(void)
{
	static struct atomic_ctx c;
	uint64_t total;
	int n;

	rte_atomic16_init(&c.c16);
	rte_atomic32_init(&c.c32);
	rte_atomic64_init(&c.c64);
	rte_atomic32_init(&c.flag);
	rte_atomic64_init(&c.elected);
	c.pair.val[0] = 0;
	c.pair.val[1] = 0;
	c.owners = 0;
	c.overlaps = 0;

	n = test_run_on_workers(atomic_worker, &c, ATOMIC_THREADS);
	TEST_ASSERT(n > 0, "could not start workers");
	total = (uint64_t)n * ATOMIC_ITERS;
	TEST_ASSERT_EQUAL((uint16_t)rte_atomic16_read(&c.c16), (uint16_t)total,
			"16-bit counter lost increments");
	TEST_ASSERT_EQUAL((uint64_t)rte_atomic32_read(&c.c32), 2 * total,
			"32-bit counter: %d", rte_atomic32_read(&c.c32));
	TEST_ASSERT_EQUAL((uint64_t)rte_atomic64_read(&c.c64), 2 * total,
			"64-bit counter: %" PRId64, rte_atomic64_read(&c.c64));
	TEST_ASSERT(rte_atomic64_read(&c.elected) > 0 &&
			(uint64_t)rte_atomic64_read(&c.elected) <= total,
			"test_and_set elected %" PRId64, rte_atomic64_read(&c.elected));
	TEST_ASSERT_EQUAL(rte_atomic32_read(&c.flag), 0, "flag left set");
	TEST_ASSERT_EQUAL(c.overlaps, 0u,
			"test_and_set elected two owners at once %u times",
			c.overlaps);
	TEST_ASSERT(c.pair.val[0] == total && c.pair.val[1] == total,
			"128-bit CAS lost updates: %" PRIu64 "/%" PRIu64
			" of %" PRIu64, c.pair.val[0], c.pair.val[1], total);
	return TEST_SUCCESS;
}

static struct unit_test_suite atomic_suite = {
	.suite_name = "atomic autotest",
	.unit_test_cases = {
		TEST_CASE(test_atomic_single_thread),
		TEST_CASE(test_atomic_concurrent),
		TEST_CASES_END()
	}
};

static int
test_atomic(void)
{
	return unit_test_suite_runner(&atomic_suite);
}

REGISTER_TEST_COMMAND(atomic_autotest, test_atomic);
