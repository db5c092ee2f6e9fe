/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Phase-fair reader-writer lock: readers share it, writers exclude
 * readers and each other, a waiting writer holds off readers that come
 * after it, and the lock words return to rest once everyone has left.
 */

#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <rte_pause.h>
#include <rte_pflock.h>

#include "test.h"
#include "test_base_workers.h"

#define PF_ITERS 50000
#define PF_THREADS 4

static int
pf_at_rest(const rte_pflock_t *pf)
{
	return pf->rd.in == pf->rd.out && pf->wr.in == pf->wr.out;
}

/* readers check a == b, which writers break while they hold the lock */
struct pf_ctx {
	rte_pflock_t pf;
	volatile uint64_t a, b;
	uint32_t violations;
	uint32_t writers_in;
	uint32_t next_role;
};

static int
pf_worker(void *arg)
{
	struct pf_ctx *c = arg;
	uint32_t role = __atomic_fetch_add(&c->next_role, 1, __ATOMIC_RELAXED);
	unsigned int i;

	for (i = 0; i < PF_ITERS; i++) {
		if (((i + role) & 7) == 0) {
			rte_pflock_write_lock(&c->pf);
			if (__atomic_fetch_add(&c->writers_in, 1,
					__ATOMIC_RELAXED) != 0)
				__atomic_fetch_add(&c->violations, 1,
						__ATOMIC_RELAXED);
			c->a++;
			rte_pause();
			c->b++;
			__atomic_fetch_sub(&c->writers_in, 1, __ATOMIC_RELAXED);
			rte_pflock_write_unlock(&c->pf);
		} else {
			rte_pflock_read_lock(&c->pf);
			if (c->a != c->b)
				__atomic_fetch_add(&c->violations, 1,
						__ATOMIC_RELAXED);
			rte_pflock_read_unlock(&c->pf);
		}
	}
	return 0;
}

static int
test_pflock_exclusion(void)
{
	static struct pf_ctx c;
	uint64_t want;
	int n;

	rte_pflock_init(&c.pf);
	c.a = c.b = 0;
	c.violations = 0;
	c.writers_in = 0;
	c.next_role = 0;
	n = test_run_on_workers(pf_worker, &c, PF_THREADS);
	TEST_ASSERT(n > 0, "could not start workers");
	want = (uint64_t)n * (PF_ITERS / 8);
	TEST_ASSERT_EQUAL(c.violations, 0u, "%u overlaps of a writer with "
			"a reader or another writer", c.violations);
	TEST_ASSERT(c.a == want && c.b == want, "a=%" PRIu64 " b=%" PRIu64
			", expected %" PRIu64 " writes", (uint64_t)c.a,
			(uint64_t)c.b, want);
	TEST_ASSERT(pf_at_rest(&c.pf), "lock words not at rest: rd %u/%u "
			"wr %u/%u", c.pf.rd.in, c.pf.rd.out, c.pf.wr.in,
			c.pf.wr.out);
	return TEST_SUCCESS;
}

static int
test_pflock_readers_share(void)
{
	rte_pflock_t pf = RTE_PFLOCK_INITIALIZER;
	int i;

	/* 200 readers in at once (the count has room for 255) */
	for (i = 0; i < 200; i++)
		rte_pflock_read_lock(&pf);
	for (i = 0; i < 200; i++)
		rte_pflock_read_unlock(&pf);
	rte_pflock_write_lock(&pf);
	rte_pflock_write_unlock(&pf);
	rte_pflock_read_lock(&pf);
	rte_pflock_read_unlock(&pf);
	TEST_ASSERT(pf_at_rest(&pf), "lock words not at rest");
	return TEST_SUCCESS;
}

struct pf_thread {
	rte_pflock_t *pf;
	int write;           /* take it for writing, else reading */
	int *seq;            /* shared entry counter */
	volatile int entered; /* 0, else the rank at which it got in */
};

static void *
pf_thread_main(void *arg)
{
	struct pf_thread *t = arg;

	if (t->write) {
		rte_pflock_write_lock(t->pf);
		t->entered = __atomic_add_fetch(t->seq, 1, __ATOMIC_RELAXED);
		rte_pflock_write_unlock(t->pf);
	} else {
		rte_pflock_read_lock(t->pf);
		t->entered = __atomic_add_fetch(t->seq, 1, __ATOMIC_RELAXED);
		rte_pflock_read_unlock(t->pf);
	}
	return NULL;
}

/* wait up to ms milliseconds for a thread to get in; 0 if it did not */
static int
pf_entered(const struct pf_thread *t, int ms)
{
	struct timespec one = { 0, 1000000 };

	while (!t->entered && ms-- > 0)
		nanosleep(&one, NULL);
	return t->entered;
}

/*
 * A reader holds the lock; a writer arrives and waits; a reader that
 * arrives after it waits for the writer's phase, not past it, and both
 * get in once the first reader leaves: writer first, then the reader.
 */
static int
test_pflock_phase_order(void)
{
	rte_pflock_t pf = RTE_PFLOCK_INITIALIZER;
	int seq = 0;
	struct pf_thread w = { &pf, 1, &seq, 0 }, r = { &pf, 0, &seq, 0 };
	pthread_t wt, rt;

	rte_pflock_read_lock(&pf);
	TEST_ASSERT_SUCCESS(pthread_create(&wt, NULL, pf_thread_main, &w),
			"writer thread");
	/* the writer has announced itself once rd.in carries its bits */
	while ((__atomic_load_n(&pf.rd.in, __ATOMIC_ACQUIRE) &
			RTE_PFLOCK_WBITS) == 0)
		rte_pause();
	TEST_ASSERT_SUCCESS(pthread_create(&rt, NULL, pf_thread_main, &r),
			"reader thread");
	TEST_ASSERT(!pf_entered(&w, 50), "writer entered past a reader");
	TEST_ASSERT(!pf_entered(&r, 50), "reader overtook a waiting writer");
	rte_pflock_read_unlock(&pf);
	pthread_join(wt, NULL);
	pthread_join(rt, NULL);
	TEST_ASSERT(w.entered == 1 && r.entered == 2, "got in: writer "
			"%d-th, reader %d-th; expected the writer first",
			w.entered, r.entered);
	TEST_ASSERT(pf_at_rest(&pf), "lock words not at rest");
	return TEST_SUCCESS;
}

static struct unit_test_suite pflock_suite = {
	.suite_name = "phase-fair reader-writer lock",
	.unit_test_cases = {
		TEST_CASE(test_pflock_readers_share),
		TEST_CASE(test_pflock_exclusion),
		TEST_CASE(test_pflock_phase_order),
		TEST_CASES_END()
	}
};

static int
test_pflock(void)
{
	return unit_test_suite_runner(&pflock_suite);
}

REGISTER_TEST_COMMAND(pflock_autotest, test_pflock);
