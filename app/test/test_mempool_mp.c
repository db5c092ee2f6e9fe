/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_mp_autotest: a secondary process finds the primary's pktmbuf
 * pool by name, frees mbufs the primary allocated, allocates its own and
 * fills them; the primary then reads them back and every mbuf returns.
 * The secondary also creates a pool of its own, which the primary looks
 * up, uses and frees (chunk memzones are freed by name, since the
 * secondary's function addresses mean nothing in the primary).
 */
#include <stdio.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>

#include "eal_internal_cfg.h"
#include "test.h"

#define MMP_POOL "mmp_pool"
#define MMP_MZ "mmp_answer"
#define MMP_N 511
#define MMP_PRIMARY 10
#define MMP_SECONDARY 5
#define MMP_SEC_POOL "mmp_sec"
#define MMP_SEC_N 127
#define MMP_SEC_HELD 3

struct mmp_share {
	struct rte_mbuf *from_primary[MMP_PRIMARY];
	struct rte_mbuf *from_secondary[MMP_SECONDARY];
	struct rte_mbuf *from_sec_pool[MMP_SEC_HELD];
};

/* in the secondary: a pool of its own, a few mbufs of it left held */
static int
mmp_secondary_pool(struct mmp_share *sh)
{
	struct rte_mempool *sp;
	unsigned int i;
	char *d;

	sp = rte_pktmbuf_pool_create(MMP_SEC_POOL, MMP_SEC_N, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(sp, "a secondary cannot create a pool: %s",
		rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(sp), MMP_SEC_N,
		"new pool has %u", rte_mempool_avail_count(sp));
	for (i = 0; i < MMP_SEC_HELD; i++) {
		sh->from_sec_pool[i] = rte_pktmbuf_alloc(sp);
		TEST_ASSERT_NOT_NULL(sh->from_sec_pool[i], "alloc");
		d = rte_pktmbuf_append(sh->from_sec_pool[i], 16);
		TEST_ASSERT_NOT_NULL(d, "append");
		snprintf(d, 16, "sec pool %u", i);
	}
	return TEST_SUCCESS;
}

static int
test_mempool_mp_secondary(void)
{
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	struct mmp_share *sh;
	unsigned int i;

	TEST_ASSERT_EQUAL(rte_eal_process_type(), RTE_PROC_SECONDARY,
		"not a secondary");
	mp = rte_mempool_lookup(MMP_POOL);
	mz = rte_memzone_lookup(MMP_MZ);
	TEST_ASSERT(mp != NULL && mz != NULL, "primary objects not found");
	sh = mz->addr;
	TEST_ASSERT(strcmp(rte_mempool_get_ops(mp->ops_index)->name,
		"ring_mp_mc") == 0, "ops differ in the secondary");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), MMP_PRIMARY,
		"secondary sees %u in use", rte_mempool_in_use_count(mp));
	TEST_ASSERT_EQUAL(mmp_secondary_pool(sh), TEST_SUCCESS, "own pool");
	for (i = 0; i < MMP_PRIMARY; i++)
		rte_pktmbuf_free(sh->from_primary[i]);
	for (i = 0; i < MMP_SECONDARY; i++) {
		struct rte_mbuf *m = rte_pktmbuf_alloc(mp);
		char *d;

		TEST_ASSERT_NOT_NULL(m, "alloc in the secondary");
		d = rte_pktmbuf_append(m, 16);
		TEST_ASSERT_NOT_NULL(d, "append");
		snprintf(d, 16, "secondary %u", i);
		sh->from_secondary[i] = m;
	}
	rte_mempool_cache_flush(NULL, mp);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(mempool_mp_secondary, test_mempool_mp_secondary);

static int
mmp_run_secondary(void)
{
	return test_run_child("mempool_mp_secondary",
			test_secondary_args(NULL));
}

static int
mmp_check(struct rte_mempool *mp, struct mmp_share *sh)
{
	char want[16];
	unsigned int i;

	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), MMP_SECONDARY,
		"in use after the secondary: %u",
		rte_mempool_in_use_count(mp));
	for (i = 0; i < MMP_SECONDARY; i++) {
		struct rte_mbuf *m = sh->from_secondary[i];

		snprintf(want, sizeof(want), "secondary %u", i);
		TEST_ASSERT(m != NULL && m->pool == mp && m->data_len == 16,
			"mbuf %u from the secondary", i);
		TEST_ASSERT(strcmp(rte_pktmbuf_mtod(m, char *), want) == 0,
			"data %u", i);
		rte_pktmbuf_free(m);
	}
	rte_mempool_cache_flush(NULL, mp);
	TEST_ASSERT(rte_mempool_full(mp), "mbufs lost across processes");
	return TEST_SUCCESS;
}

/* in the primary: the secondary's pool is usable here, then freed */
static int
mmp_check_sec_pool(struct mmp_share *sh)
{
	struct rte_mbuf *burst[MMP_SEC_N];
	struct rte_mempool *sp;
	char want[16];
	unsigned int i;

	sp = rte_mempool_lookup(MMP_SEC_POOL);
	TEST_ASSERT_NOT_NULL(sp, "the secondary's pool is not found");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(sp), MMP_SEC_HELD,
		"%u in use", rte_mempool_in_use_count(sp));
	for (i = 0; i < MMP_SEC_HELD; i++) {
		struct rte_mbuf *m = sh->from_sec_pool[i];

		snprintf(want, sizeof(want), "sec pool %u", i);
		TEST_ASSERT(m != NULL && m->pool == sp &&
			strcmp(rte_pktmbuf_mtod(m, char *), want) == 0,
			"mbuf %u of the secondary's pool", i);
		rte_pktmbuf_free(m);
	}
	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(sp, burst, MMP_SEC_N),
		"the primary cannot take every mbuf");
	rte_pktmbuf_free_bulk(burst, MMP_SEC_N);
	TEST_ASSERT(rte_mempool_full(sp), "mbufs lost");
	rte_mempool_free(sp);
	TEST_ASSERT_NULL(rte_mempool_lookup(MMP_SEC_POOL), "still listed");
	TEST_ASSERT(rte_memzone_lookup("MP_" MMP_SEC_POOL) == NULL &&
		rte_memzone_lookup("MP_" MMP_SEC_POOL "_0") == NULL,
		"memzones of the freed pool remain");
	return TEST_SUCCESS;
}

static int
test_mempool_mp(void)
{
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	struct mmp_share *sh;
	unsigned int i;
	int status, ret;

	if (eal_get_internal_configuration()->no_hugetlbfs)
		return TEST_SKIPPED;
	mp = rte_pktmbuf_pool_create(MMP_POOL, MMP_N, 32, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	mz = rte_memzone_reserve(MMP_MZ, sizeof(*sh), SOCKET_ID_ANY, 0);
	TEST_ASSERT(mp != NULL && mz != NULL, "setup: %s",
		rte_strerror(rte_errno));
	sh = mz->addr;
	memset(sh, 0, sizeof(*sh));
	for (i = 0; i < MMP_PRIMARY; i++)
		sh->from_primary[i] = rte_pktmbuf_alloc(mp);
	rte_mempool_cache_flush(NULL, mp);
	status = mmp_run_secondary();
	if (status != 0)
		printf("secondary exited with %d\n", status);
	ret = status == 0 ? mmp_check(mp, sh) : TEST_FAILED;
	if (ret == TEST_SUCCESS)
		ret = mmp_check_sec_pool(sh);
	rte_memzone_free(mz);
	rte_mempool_free(mp);
	return ret;
}

REGISTER_TEST_COMMAND(mempool_mp_autotest, test_mempool_mp);
