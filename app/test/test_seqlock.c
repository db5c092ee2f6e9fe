/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sequence lock and counter: a reader retries exactly when a write
 * overlapped it, copies taken under a retry loop are never torn while
 * another thread writes all the time, and writers exclude each other.
 */

#include <inttypes.h>
#include <stdint.h>

#include <rte_pause.h>
#include <rte_seqlock.h>

#include "test.h"
#include "test_base_workers.h"

#define SEQ_ITERS 200000
#define SEQ_THREADS 4

static int
test_seqcount_retry_rules(void)
{
	rte_seqcount_t sc = RTE_SEQCOUNT_INITIALIZER;
	uint32_t sn;

	sn = rte_seqcount_read_begin(&sc);
	TEST_ASSERT(!rte_seqcount_read_retry(&sc, sn),
			"retry with no write at all");
	sn = rte_seqcount_read_begin(&sc);
	rte_seqcount_write_begin(&sc);
	TEST_ASSERT(rte_seqcount_read_retry(&sc, sn),
			"no retry with a write begun during the read");
	sn = rte_seqcount_read_begin(&sc);
	TEST_ASSERT(sn & 1, "count %u even during a write", sn);
	TEST_ASSERT(rte_seqcount_read_retry(&sc, sn),
			"no retry for a read begun during a write");
	rte_seqcount_write_end(&sc);
	TEST_ASSERT(rte_seqcount_read_retry(&sc, sn),
			"no retry for a read that saw a write end");
	sn = rte_seqcount_read_begin(&sc);
	TEST_ASSERT_EQUAL(sn, 2u, "count %u after one write", sn);
	TEST_ASSERT(!rte_seqcount_read_retry(&sc, sn),
			"retry after the write ended");
	return TEST_SUCCESS;
}

/* writers keep a + b == c and a == ~b; readers check their copies */
struct seq_ctx {
	rte_seqlock_t lock;
	uint64_t a, b, c;
	uint32_t next_role;
	uint32_t torn;       /* inconsistent copies returned as good */
	uint64_t retries;
	uint64_t writes;
};

static void
seq_write(struct seq_ctx *x, uint64_t v)
{
	rte_seqlock_write_lock(&x->lock);
	/* relaxed atomics: readers race with these by design */
	__atomic_store_n(&x->a, v, __ATOMIC_RELAXED);
	rte_pause();
	__atomic_store_n(&x->b, ~v, __ATOMIC_RELAXED);
	__atomic_store_n(&x->c, v + ~v, __ATOMIC_RELAXED);
	x->writes++; /* under the writer lock */
	rte_seqlock_write_unlock(&x->lock);
}

static void
seq_read(struct seq_ctx *x)
{
	uint64_t a, b, c, retries = 0;
	uint32_t sn;

	for (;;) {
		sn = rte_seqlock_read_begin(&x->lock);
		a = __atomic_load_n(&x->a, __ATOMIC_RELAXED);
		b = __atomic_load_n(&x->b, __ATOMIC_RELAXED);
		c = __atomic_load_n(&x->c, __ATOMIC_RELAXED);
		if (!rte_seqlock_read_retry(&x->lock, sn))
			break;
		retries++;
	}
	if (b != ~a || c != a + b)
		__atomic_fetch_add(&x->torn, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&x->retries, retries, __ATOMIC_RELAXED);
}

static int
seq_worker(void *arg)
{
	struct seq_ctx *x = arg;
	uint32_t role = __atomic_fetch_add(&x->next_role, 1, __ATOMIC_RELAXED);
	unsigned int i;

	for (i = 0; i < SEQ_ITERS; i++) {
		/* every thread writes now and then: writers meet writers */
		if (((i + role) & 3) == 0)
			seq_write(x, ((uint64_t)role << 32) | i);
		else
			seq_read(x);
	}
	return 0;
}

static int
test_seqlock_readers_never_torn(void)
{
	static struct seq_ctx x;
	uint64_t want;
	int n;

	rte_seqlock_init(&x.lock);
	x.a = 0;
	x.b = ~0ULL;
	x.c = ~0ULL;
	x.torn = 0;
	x.retries = 0;
	x.writes = 0;
	x.next_role = 0;
	n = test_run_on_workers(seq_worker, &x, SEQ_THREADS);
	TEST_ASSERT(n > 0, "could not start workers");
	want = (uint64_t)n * (SEQ_ITERS / 4);
	printf("seqlock: %d threads, %" PRIu64 " writes, %" PRIu64
			" read retries\n", n, x.writes, x.retries);
	TEST_ASSERT_EQUAL(x.torn, 0u, "%u torn copies passed as good",
			x.torn);
	TEST_ASSERT_EQUAL(x.writes, want, "%" PRIu64 " writes counted, "
			"expected %" PRIu64 ": writers overlapped", x.writes,
			want);
	TEST_ASSERT_EQUAL((uint64_t)rte_seqlock_read_begin(&x.lock),
			2 * want, "count %u after %" PRIu64 " writes",
			rte_seqlock_read_begin(&x.lock), want);
	return TEST_SUCCESS;
}

static struct unit_test_suite seqlock_suite = {
	.suite_name = "seqlock and seqcount",
	.unit_test_cases = {
		TEST_CASE(test_seqcount_retry_rules),
		TEST_CASE(test_seqlock_readers_never_torn),
		TEST_CASES_END()
	}
};

static int
test_seqlock(void)
{
	return unit_test_suite_runner(&seqlock_suite);
}

REGISTER_TEST_COMMAND(seqlock_autotest, test_seqlock);
