/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_perf_autotest: cost of get_bulk + put_bulk per object, with and
 * without the per-lcore cache, for several bulk sizes, on one lcore and
 * (when there is a worker) two lcores at once. Prints ns per object.
 */
#include <inttypes.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mempool.h>

#include "test.h"

#define PERF_N 8191
#define PERF_ROUNDS 200000

struct perf_arg {
	struct rte_mempool *mp;
	unsigned int bulk;
	double ns_per_obj;
	int ret;
};

static int
perf_loop(void *p)
{
	struct perf_arg *a = p;
	void *objs[64];
	uint64_t start, cycles;
	unsigned int i, done = 0;

	start = rte_get_timer_cycles();
	for (i = 0; i < PERF_ROUNDS; i++) {
		if (rte_mempool_get_bulk(a->mp, objs, a->bulk) != 0)
			continue;
		rte_mempool_put_bulk(a->mp, objs, a->bulk);
		done += a->bulk;
	}
	cycles = rte_get_timer_cycles() - start;
	rte_mempool_cache_flush(NULL, a->mp);
	a->ns_per_obj = done == 0 ? 0 : (double)cycles * 1e9 /
		(double)rte_get_timer_hz() / done;
	a->ret = done == 0 ? -1 : 0;
	return 0;
}

static int
perf_one(unsigned int cache, unsigned int bulk, unsigned int worker)
{
	struct perf_arg a[2];
	struct rte_mempool *mp;

	mp = rte_mempool_create("perf_mp", PERF_N, 64, cache, 0, NULL, NULL,
		NULL, NULL, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create: %s", rte_strerror(rte_errno));
	a[0] = (struct perf_arg){ .mp = mp, .bulk = bulk };
	a[1] = a[0];
	if (worker < RTE_MAX_LCORE)
		rte_eal_remote_launch(perf_loop, &a[1], worker);
	perf_loop(&a[0]);
	if (worker < RTE_MAX_LCORE)
		rte_eal_wait_lcore(worker);
	printf("  cache %3u bulk %2u lcores %u: %7.2f ns/obj",
		cache, bulk, worker < RTE_MAX_LCORE ? 2 : 1, a[0].ns_per_obj);
	if (worker < RTE_MAX_LCORE)
		printf(" (worker %7.2f)", a[1].ns_per_obj);
	printf("\n");
	TEST_ASSERT(rte_mempool_full(mp), "objects lost");
	TEST_ASSERT(a[0].ret == 0 && (worker >= RTE_MAX_LCORE ||
		a[1].ret == 0), "no object ever obtained");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

static int
test_mempool_perf(void)
{
	static const unsigned int caches[] = { 0, 256 };
	static const unsigned int bulks[] = { 1, 4, 32 };
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	unsigned int c, b;

	printf("mempool get_bulk+put_bulk, ring_mp_mc, 64-byte objects\n");
	for (c = 0; c < RTE_DIM(caches); c++)
		for (b = 0; b < RTE_DIM(bulks); b++) {
			if (perf_one(caches[c], bulks[b], RTE_MAX_LCORE) != 0)
				return TEST_FAILED;
			if (worker >= RTE_MAX_LCORE)
				continue;
			if (perf_one(caches[c], bulks[b], worker) != 0)
				return TEST_FAILED;
		}
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(mempool_perf_autotest, test_mempool_perf);
