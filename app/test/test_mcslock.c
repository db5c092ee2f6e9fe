/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MCS lock: trylock and is_locked in every state, mutual exclusion under
 * contention with no increment lost, and hand-over in arrival order.
 */

#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <rte_mcslock.h>
#include <rte_pause.h>

#include "test.h"
#include "test_base_workers.h"

#define MCS_ITERS 200000
#define MCS_THREADS 4

static int
test_mcslock_trylock_states(void)
{
	rte_mcslock_t *lock = NULL;
	rte_mcslock_t me, other;

	TEST_ASSERT(!rte_mcslock_is_locked(lock), "free lock seen held");
	TEST_ASSERT_EQUAL(rte_mcslock_trylock(&lock, &me), 1,
			"trylock on a free lock failed");
	TEST_ASSERT(rte_mcslock_is_locked(lock), "held lock seen free");
	TEST_ASSERT_EQUAL(rte_mcslock_trylock(&lock, &other), 0,
			"trylock on a held lock succeeded");
	rte_mcslock_unlock(&lock, &me);
	TEST_ASSERT(!rte_mcslock_is_locked(lock), "lock held after unlock");
	rte_mcslock_lock(&lock, &other);
	TEST_ASSERT(lock == &other, "tail %p is not the holder's node",
			(void *)lock);
	rte_mcslock_unlock(&lock, &other);
	TEST_ASSERT_NULL(lock, "lock not free at the end");
	return TEST_SUCCESS;
}

struct mcs_ctx {
	rte_mcslock_t *lock;
	uint64_t count;      /* plain: only changed under the lock */
	uint32_t inside;
	uint32_t overlaps;
};

static int
mcs_worker(void *arg)
{
	struct mcs_ctx *c = arg;
	rte_mcslock_t me;
	unsigned int i;

	for (i = 0; i < MCS_ITERS; i++) {
		rte_mcslock_lock(&c->lock, &me);
		if (__atomic_fetch_add(&c->inside, 1, __ATOMIC_RELAXED) != 0)
			__atomic_fetch_add(&c->overlaps, 1, __ATOMIC_RELAXED);
		c->count++;
		__atomic_fetch_sub(&c->inside, 1, __ATOMIC_RELAXED);
		rte_mcslock_unlock(&c->lock, &me);
	}
	return 0;
}

static int
test_mcslock_exclusion(void)
{
	static struct mcs_ctx c;
	uint64_t want;
	int n;

	c.lock = NULL;
	c.count = 0;
	c.inside = 0;
	c.overlaps = 0;
	n = test_run_on_workers(mcs_worker, &c, MCS_THREADS);
	TEST_ASSERT(n > 0, "could not start workers");
	want = (uint64_t)n * MCS_ITERS;
	TEST_ASSERT_EQUAL(c.overlaps, 0u, "%u times two holders at once",
			c.overlaps);
	TEST_ASSERT_EQUAL(c.count, want, "count %" PRIu64 ", expected %"
			PRIu64 ": increments lost", c.count, want);
	TEST_ASSERT_NULL(c.lock, "lock not free at the end");
	return TEST_SUCCESS;
}

struct mcs_waiter {
	rte_mcslock_t **lock;
	int *seq;
	volatile int entered;  /* rank at which it got the lock */
};

static void *
mcs_waiter_main(void *arg)
{
	struct mcs_waiter *w = arg;
	rte_mcslock_t me;

	rte_mcslock_lock(w->lock, &me);
	w->entered = __atomic_add_fetch(w->seq, 1, __ATOMIC_RELAXED);
	rte_mcslock_unlock(w->lock, &me);
	return NULL;
}

/* wait until the lock's tail is no longer prev: somebody queued */
static void
mcs_wait_tail_moves(rte_mcslock_t **lock, rte_mcslock_t *prev)
{
	while (__atomic_load_n(lock, __ATOMIC_ACQUIRE) == prev)
		rte_pause();
}

static int
test_mcslock_fifo(void)
{
	rte_mcslock_t *lock = NULL, me, *tail;
	struct mcs_waiter w[3];
	pthread_t tid[3];
	int seq = 0, i;

	rte_mcslock_lock(&lock, &me);
	tail = &me;
	for (i = 0; i < 3; i++) {
		w[i] = (struct mcs_waiter){ &lock, &seq, 0 };
		TEST_ASSERT_SUCCESS(pthread_create(&tid[i], NULL,
				mcs_waiter_main, &w[i]), "thread %d", i);
		/* one at a time, so the arrival order is known */
		mcs_wait_tail_moves(&lock, tail);
		tail = __atomic_load_n(&lock, __ATOMIC_ACQUIRE);
	}
	rte_mcslock_unlock(&lock, &me);
	for (i = 0; i < 3; i++)
		pthread_join(tid[i], NULL);
	for (i = 0; i < 3; i++)
		TEST_ASSERT_EQUAL(w[i].entered, i + 1, "waiter %d got the "
				"lock %d-th", i, w[i].entered);
	TEST_ASSERT_NULL(lock, "lock not free at the end");
	return TEST_SUCCESS;
}

static struct unit_test_suite mcslock_suite = {
	.suite_name = "MCS lock",
	.unit_test_cases = {
		TEST_CASE(test_mcslock_trylock_states),
		TEST_CASE(test_mcslock_exclusion),
		TEST_CASE(test_mcslock_fifo),
		TEST_CASES_END()
	}
};

static int
test_mcslock(void)
{
	return unit_test_suite_runner(&mcslock_suite);
}

REGISTER_TEST_COMMAND(mcslock_autotest, test_mcslock);
