/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ring_perf_autotest: nanoseconds per object through a ring, for SP/SC and
 * MP/MC (and the RTS/HTS modes) with bulks of 1, 8 and 32 objects:
 *   one lcore:  enqueue n then dequeue n, repeated (no contention);
 *   two lcores: one enqueues, the other dequeues, at the same time (the
 *               cache lines of the ring move between the cores).
 * It prints a table and fails only if objects are lost, so it stays a
 * benchmark, but a broken ring cannot pass it.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_ring.h>

#include "test.h"

#define RP_ITER (1u << 21)        /* objects moved per single-lcore run */
/* objects moved per two-lcore run: fewer for small bulks (slow per object) */
#define RP_OBJS_2L(n) (RTE_MIN((1u << 20) * (n), 1u << 23))
#define RP_RING 2048

static const unsigned int rp_bulks[] = { 1, 8, 32 };

static const struct {
	const char *name;
	unsigned int flags;
} rp_modes[] = {
	{ "SP/SC", RING_F_SP_ENQ | RING_F_SC_DEQ },
	{ "MP/MC", 0 },
	{ "RTS", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ },
	{ "HTS", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ },
};

static double
rp_ns(uint64_t cycles, uint64_t objs)
{
	return (double)cycles * 1e9 / (double)rte_get_tsc_hz() / (double)objs;
}

/* one lcore: enqueue n, dequeue n; ns per object (one in + one out) */
static int
rp_single(struct rte_ring *r, unsigned int n, double *ns)
{
	void *objs[32];
	unsigned int i, fails = 0;
	uint64_t t0;

	for (i = 0; i < n; i++)
		objs[i] = &objs[i];
	t0 = rte_rdtsc();
	for (i = 0; i < RP_ITER / n; i++) {
		fails += rte_ring_enqueue_bulk(r, objs, n, NULL) != n;
		fails += rte_ring_dequeue_bulk(r, objs, n, NULL) != n;
	}
	*ns = rp_ns(rte_rdtsc() - t0, (uint64_t)(RP_ITER / n) * n);
	TEST_ASSERT_EQUAL(fails, 0u, "bulk %u failed %u times", n, fails);
	TEST_ASSERT(objs[n - 1] == &objs[n - 1], "objects changed");
	return TEST_SUCCESS;
}

struct rp_pair {
	struct rte_ring *r;
	unsigned int n;
	volatile int go;
	uint64_t sum;  /* sum of the values the producer sent */
};

/* the producer on the worker lcore */
static int
rp_producer(void *arg)
{
	struct rp_pair *p = arg;
	void *objs[32];
	uintptr_t v = 1;
	unsigned int i, sent = 0;

	while (!p->go)
		rte_pause();
	while (sent < RP_OBJS_2L(p->n)) {
		for (i = 0; i < p->n; i++)
			objs[i] = (void *)(v + i);
		while (rte_ring_enqueue_bulk(p->r, objs, p->n, NULL) == 0)
			rte_pause();
		for (i = 0; i < p->n; i++)
			p->sum += v + i;
		v += p->n;
		sent += p->n;
	}
	return 0;
}

/* two lcores: ns per object for a producer/consumer pair */
static int
rp_pair(struct rte_ring *r, unsigned int n, double *ns)
{
	struct rp_pair p = { .r = r, .n = n };
	unsigned int worker = rte_get_next_lcore(-1, 1, 0), got = 0, i, k;
	uint64_t t0, sum = 0;
	void *objs[32];

	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(rp_producer, &p, worker),
		"launch");
	t0 = rte_rdtsc();
	p.go = 1;
	while (got < RP_OBJS_2L(n)) {
		k = rte_ring_dequeue_bulk(r, objs, n, NULL);
		for (i = 0; i < k; i++)
			sum += (uintptr_t)objs[i];
		got += k;
	}
	*ns = rp_ns(rte_rdtsc() - t0, got);
	rte_eal_wait_lcore(worker);
	TEST_ASSERT_EQUAL(sum, p.sum, "objects lost or changed");
	return TEST_SUCCESS;
}

static int
rp_mode(unsigned int m, int two)
{
	double ns[RTE_DIM(rp_bulks)];
	struct rte_ring *r;
	unsigned int b;
	int ret = TEST_SUCCESS;

	r = rte_ring_create("rt_perf", RP_RING, rte_socket_id(),
		rp_modes[m].flags);
	TEST_ASSERT_NOT_NULL(r, "create: %s", rte_strerror(rte_errno));
	for (b = 0; b < RTE_DIM(rp_bulks) && ret == TEST_SUCCESS; b++)
		ret = two ? rp_pair(r, rp_bulks[b], &ns[b]) :
			rp_single(r, rp_bulks[b], &ns[b]);
	rte_ring_free(r);
	if (ret == TEST_SUCCESS)
		printf("%-6s %-10s %9.2f %9.2f %9.2f\n", rp_modes[m].name,
			two ? "two lcores" : "one lcore", ns[0], ns[1], ns[2]);
	return ret;
}

static int
test_ring_perf(void)
{
	unsigned int m;

	printf("ring perf: ns per object, bulk of    1         8        32\n");
	for (m = 0; m < RTE_DIM(rp_modes); m++)
		if (rp_mode(m, 0) != TEST_SUCCESS)
			return TEST_FAILED;
	if (rte_lcore_count() < 2) {
		printf("two-lcore figures need 2 lcores (-l 0-1)\n");
		return TEST_SUCCESS;
	}
	for (m = 0; m < RTE_DIM(rp_modes); m++)
		if (rp_mode(m, 1) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(ring_perf_autotest, test_ring_perf);
