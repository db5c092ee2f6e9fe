/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_perf_autotest: figures, not thresholds. Small rte_malloc/rte_free
 * pairs with and without the lcore cache, on one and two lcores; a random
 * 16 B - 4 KiB mix with 10k live blocks; one 512 MiB allocation on an empty
 * heap (hot-plug) and its free; memzone reserve/free of 4 KiB and of a
 * 16 MiB IOVA-contiguous zone. Only the public API is used, so the same
 * source builds against DPDK 22.11 for comparison.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>

#include "test.h"

#define PAIRS 2000000u
#define MIX_LIVE 10000u
#define MIX_OPS 2000000u

static double
clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double
now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/*
 * One run's cost per pair, by the wall clock and by the CPU time of the
 * calling thread: on a shared machine other processes stretch the first,
 * the second is what an lcore that had its core to itself would see.
 */
struct pair_cost {
	double wall;
	double cpu;
};

/* align 128 takes the locked heap path (the cache serves align <= 64) */
static int
pairs_run(unsigned int n, unsigned int align, struct pair_cost *cost)
{
	double t0 = now_ns(), c0 = clock_ns(CLOCK_THREAD_CPUTIME_ID);
	unsigned int i;
	void *p;

	for (i = 0; i < n; i++) {
		p = rte_malloc(NULL, 64, align);
		if (p == NULL)
			return -1;
		rte_free(p);
	}
	cost->cpu = (clock_ns(CLOCK_THREAD_CPUTIME_ID) - c0) / n;
	cost->wall = (now_ns() - t0) / n;
	return 0;
}

static int
pairs_worker(void *arg)
{
	return pairs_run(PAIRS, 0, arg);
}

static void
pairs_print(const char *what, const struct pair_cost *c)
{
	printf("64 B pairs, %s: %.1f ns/pair = %.1f M pairs/s (thread CPU "
			"time: %.1f ns = %.1f M pairs/s)\n", what, c->wall,
			1e3 / c->wall, c->cpu, 1e3 / c->cpu);
}

static int
perf_pairs(void)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	struct pair_cost one, nocache, w = { 0, 0 }, m;
	double t0, wall;

	TEST_ASSERT_SUCCESS(pairs_run(PAIRS / 10, 0, &one), "warm up");
	TEST_ASSERT_SUCCESS(pairs_run(PAIRS, 0, &one), "cached pairs");
	TEST_ASSERT_SUCCESS(pairs_run(PAIRS / 4, 128, &nocache),
			"locked pairs");
	pairs_print("1 lcore, cache", &one);
	pairs_print("1 lcore, no cache (locked heap)", &nocache);
	if (worker >= RTE_MAX_LCORE) {
		printf("one lcore: two-lcore figure skipped\n");
		return TEST_SUCCESS;
	}
	t0 = now_ns();
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(pairs_worker, &w, worker),
			"launch");
	TEST_ASSERT_SUCCESS(pairs_run(PAIRS, 0, &m), "main lcore");
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(worker), "worker");
	wall = now_ns() - t0;
	printf("64 B pairs, 2 lcores: %.1f M pairs/s in total by the wall "
			"clock (%.1f + %.1f ns/pair); by thread CPU time %.1f "
			"+ %.1f = %.1f M pairs/s\n", 2.0 * PAIRS / wall * 1e3,
			m.wall, w.wall, 1e3 / m.cpu, 1e3 / w.cpu,
			1e3 / m.cpu + 1e3 / w.cpu);
	return TEST_SUCCESS;
}

static int
perf_mix(void)
{
	void **live = calloc(MIX_LIVE, sizeof(*live));
	unsigned int i, k;
	double t0, t;

	TEST_ASSERT_NOT_NULL(live, "calloc");
	srand(7);
	for (i = 0; i < MIX_LIVE; i++)
		live[i] = rte_malloc(NULL, 16 + rand() % 4081, 0);
	t0 = now_ns();
	for (i = 0; i < MIX_OPS / 2; i++) {
		k = (unsigned int)rand() % MIX_LIVE;
		rte_free(live[k]);
		live[k] = rte_malloc(NULL, 16 + rand() % 4081, 0);
		if (live[k] == NULL)
			break;
	}
	t = now_ns() - t0;
	for (k = 0; k < MIX_LIVE; k++)
		rte_free(live[k]);
	free(live);
	TEST_ASSERT_EQUAL(i, MIX_OPS / 2, "allocation failed at %u", i);
	printf("random 16 B - 4 KiB mix, %u live: %.2f M ops/s\n", MIX_LIVE,
			MIX_OPS / t * 1e3);
	return TEST_SUCCESS;
}

static int
perf_big(void)
{
	const size_t sz = 512u << 20;
	double t0, t_alloc, t_free;
	void *p;

	t0 = now_ns();
	p = rte_malloc(NULL, sz, 0);
	t_alloc = now_ns() - t0;
	if (p == NULL) {
		printf("512 MiB: not available here (%s)\n",
				rte_strerror(rte_errno));
		return TEST_SUCCESS;
	}
	t0 = now_ns();
	rte_free(p);
	t_free = now_ns() - t0;
	printf("512 MiB on the heap: alloc %.1f ms (%.1f us per 2 MiB), "
			"free %.1f ms (%.1f us per 2 MiB)\n", t_alloc / 1e6,
			t_alloc / 1e3 / 256, t_free / 1e6, t_free / 1e3 / 256);
	return TEST_SUCCESS;
}

static int
perf_memzone(void)
{
	const struct rte_memzone *mz;
	double t0, t_res, t_free;
	unsigned int i, n = 1000;
	void *keep;

	/* a page stays plugged while a block holds it: heap work only */
	keep = rte_malloc(NULL, 64, 0);
	TEST_ASSERT_NOT_NULL(keep, "malloc");
	t_res = t_free = 0;
	for (i = 0; i < n; i++) {
		t0 = now_ns();
		mz = rte_memzone_reserve("perf_mz", 4096, SOCKET_ID_ANY, 0);
		t_res += now_ns() - t0;
		TEST_ASSERT_NOT_NULL(mz, "reserve 4 KiB");
		t0 = now_ns();
		rte_memzone_free(mz);
		t_free += now_ns() - t0;
	}
	rte_free(keep);
	printf("memzone 4 KiB (heap page held): reserve %.2f us, free %.2f "
			"us\n", t_res / n / 1e3, t_free / n / 1e3);
	t0 = now_ns();
	mz = rte_memzone_reserve("perf_mz16", 16 << 20, SOCKET_ID_ANY,
			RTE_MEMZONE_IOVA_CONTIG);
	t_res = now_ns() - t0;
	if (mz == NULL) {
		printf("memzone 16 MiB IOVA_CONTIG: %s\n",
				rte_strerror(rte_errno));
		return TEST_SUCCESS;
	}
	t0 = now_ns();
	rte_memzone_free(mz);
	t_free = now_ns() - t0;
	printf("memzone 16 MiB IOVA_CONTIG: reserve %.1f us, free %.1f us\n",
			t_res / 1e3, t_free / 1e3);
	return TEST_SUCCESS;
}

static int
test_malloc_perf(void)
{
	if (perf_big() != TEST_SUCCESS || perf_pairs() != TEST_SUCCESS ||
			perf_mix() != TEST_SUCCESS ||
			perf_memzone() != TEST_SUCCESS)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(malloc_perf_autotest, test_malloc_perf);
