/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Dynamic mbuf fields and flags: offsets land in the free area of the
 * mbuf and never overlap, alignment is honoured, the same registration
 * twice gives the same answer and a conflicting one fails, lookups find
 * what was registered, flags take free ol_flags bits, the timestamp
 * helpers work, and a value written through RTE_MBUF_DYNFIELD reads
 * back from a real mbuf.
 */

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_mbuf_dyn.h>

#include "test.h"

static int
test_dyn_fields(void)
{
	struct rte_mbuf_dynfield f8 = { .name = "test_dyn_u8", .size = 1,
		.align = 1 };
	struct rte_mbuf_dynfield f64 = { .name = "test_dyn_u64", .size = 8,
		.align = 8 };
	struct rte_mbuf_dynfield bad = f64, got;
	size_t lo = offsetof(struct rte_mbuf, dynfield1);
	size_t hi = lo + sizeof(((struct rte_mbuf *)0)->dynfield1);
	int o8, o64;

	o8 = rte_mbuf_dynfield_register(&f8);
	o64 = rte_mbuf_dynfield_register(&f64);
	TEST_ASSERT(o8 >= 0 && o64 >= 0, "register: %s",
		rte_strerror(rte_errno));
	TEST_ASSERT((size_t)o8 >= lo && (size_t)o8 + 1 <= hi, "u8 at %d", o8);
	TEST_ASSERT((size_t)o64 >= lo && (size_t)o64 + 8 <= hi &&
		o64 % 8 == 0, "u64 at %d", o64);
	TEST_ASSERT(o8 < o64 || o8 >= o64 + 8, "fields overlap");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register(&f64), o64, "again");
	bad.size = 4;
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register(&bad), -1, "conflict");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_lookup("test_dyn_u64", &got), o64,
		"lookup");
	TEST_ASSERT(got.size == 8 && got.align == 8, "looked-up params");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_lookup("test_dyn_none", NULL), -1,
		"unknown name");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno %d", rte_errno);
	bad = f8;
	bad.align = 3;
	strcpy(bad.name, "test_dyn_badalign");
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register(&bad), -1, "align 3");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	bad.align = 1;
	bad.size = 4096;
	TEST_ASSERT_EQUAL(rte_mbuf_dynfield_register(&bad), -1, "too big");
	return TEST_SUCCESS;
}

static int
test_dyn_flags_and_use(void)
{
	struct rte_mbuf_dynflag fl = { .name = "test_dyn_flag" };
	struct rte_mbuf_dynfield f = { .name = "test_dyn_u32", .size = 4,
		.align = 4 };
	struct rte_mempool *mp;
	struct rte_mbuf *m;
	uint64_t rx_flag = 0;
	int bit, off, ts_off = -1;

	bit = rte_mbuf_dynflag_register(&fl);
	TEST_ASSERT(bit >= 0 && bit < 64, "flag bit %d", bit);
	TEST_ASSERT((RTE_MBUF_F_TX_OFFLOAD_MASK & (UINT64_C(1) << bit)) == 0 &&
		(RTE_MBUF_F_INDIRECT & (UINT64_C(1) << bit)) == 0,
		"bit %d is a static flag", bit);
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_lookup("test_dyn_flag", NULL), bit,
		"lookup");
	TEST_ASSERT_EQUAL(rte_mbuf_dynflag_register_bitnum(&fl, UINT_MAX), bit,
		"again");
	TEST_ASSERT_SUCCESS(rte_mbuf_dyn_rx_timestamp_register(&ts_off,
		&rx_flag), "timestamp: %s", rte_strerror(rte_errno));
	TEST_ASSERT(ts_off >= 0 && rx_flag != 0 &&
		rx_flag != (UINT64_C(1) << bit), "timestamp %d 0x%" PRIx64,
		ts_off, rx_flag);

	off = rte_mbuf_dynfield_register(&f);
	TEST_ASSERT(off >= 0, "u32 field");
	mp = rte_pktmbuf_pool_create("test_dyn_pool", 63, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(mp, "pool");
	m = rte_pktmbuf_alloc(mp);
	TEST_ASSERT_NOT_NULL(m, "mbuf");
	*RTE_MBUF_DYNFIELD(m, off, uint32_t *) = 0xfeedbeef;
	*RTE_MBUF_DYNFIELD(m, ts_off, rte_mbuf_timestamp_t *) = 42;
	m->ol_flags |= UINT64_C(1) << bit;
	TEST_ASSERT_EQUAL(*RTE_MBUF_DYNFIELD(m, off, uint32_t *), 0xfeedbeef,
		"field value");
	TEST_ASSERT(m->data_off == RTE_PKTMBUF_HEADROOM && m->pool == mp,
		"dynamic fields clobbered static ones");
	rte_pktmbuf_free(m);
	rte_mempool_free(mp);
	rte_mbuf_dyn_dump(stdout);
	return TEST_SUCCESS;
}

static struct unit_test_suite mbuf_dyn_suite = {
	.suite_name = "dynamic mbuf fields and flags",
	.unit_test_cases = {
		TEST_CASE(test_dyn_fields),
		TEST_CASE(test_dyn_flags_and_use),
		TEST_CASES_END()
	},
};

static int
test_mbuf_dyn(void)
{
	return unit_test_suite_runner(&mbuf_dyn_suite);
}

REGISTER_TEST_COMMAND(mbuf_dyn_autotest, test_mbuf_dyn);
