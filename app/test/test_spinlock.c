/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Spinlocks, recursive spinlocks and ticket locks: state transitions,
 * exclusion across threads (worker lcores when the EAL has them), and
 * recursion by the owner only.
 */

#include <pthread.h>
#include <inttypes.h>
#include <stdint.h>

#include <rte_pause.h>
#include <rte_spinlock.h>
#include <rte_ticketlock.h>

#include "test.h"
#include "test_base_workers.h"

#define LOCK_ITERS 200000
#define LOCK_THREADS 4

static int
test_spinlock_states(void)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;

	TEST_ASSERT_EQUAL(rte_spinlock_is_locked(&sl), 0, "new lock is held");
	rte_spinlock_lock(&sl);
	TEST_ASSERT_EQUAL(rte_spinlock_is_locked(&sl), 1, "lock not held");
	TEST_ASSERT_EQUAL(rte_spinlock_trylock(&sl), 0,
			"trylock succeeded on a held lock");
	rte_spinlock_unlock(&sl);
	TEST_ASSERT_EQUAL(rte_spinlock_is_locked(&sl), 0, "unlock left it held");
	TEST_ASSERT_EQUAL(rte_spinlock_trylock(&sl), 1,
			"trylock failed on a free lock");
	rte_spinlock_unlock(&sl);
	rte_spinlock_lock_tm(&sl);
	TEST_ASSERT_EQUAL(rte_spinlock_trylock_tm(&sl), 0, "_tm trylock took a held lock");
	rte_spinlock_unlock_tm(&sl);
	TEST_ASSERT_EQUAL(rte_spinlock_is_locked(&sl), 0, "_tm unlock left it held");
	return TEST_SUCCESS;
}

/* a shared counter updated with a deliberate read-pause-write window */
struct excl_ctx {
	rte_spinlock_t sl;
	rte_ticketlock_t tl;
	int use_ticket;
	volatile uint64_t counter;
};

static int
excl_worker(void *arg)
{
	struct excl_ctx *c = arg;
	unsigned int i;

	for (i = 0; i < LOCK_ITERS; i++) {
		uint64_t v;

		if (c->use_ticket)
			rte_ticketlock_lock(&c->tl);
		else
			rte_spinlock_lock(&c->sl);
		v = c->counter;
		if ((i & 63) == 0)
			rte_pause(); /* widen the race if exclusion is broken */
		c->counter = v + 1;
		if (c->use_ticket)
			rte_ticketlock_unlock(&c->tl);
		else
			rte_spinlock_unlock(&c->sl);
	}
	return 0;
}

static int
run_exclusion(int use_ticket)
{
	static struct excl_ctx c;
	int n;

	rte_spinlock_init(&c.sl);
	rte_ticketlock_init(&c.tl);
	c.use_ticket = use_ticket;
	c.counter = 0;
	n = test_run_on_workers(excl_worker, &c, LOCK_THREADS);
	TEST_ASSERT(n > 0, "could not start workers");
	TEST_ASSERT_EQUAL(c.counter, (uint64_t)n * LOCK_ITERS,
		"%s lost updates: counter %" PRIu64 " with %d threads",
		use_ticket ? "ticketlock" : "spinlock", (uint64_t)c.counter, n);
	TEST_ASSERT(!rte_spinlock_is_locked(&c.sl) &&
		!rte_ticketlock_is_locked(&c.tl), "a lock was left held");
	return TEST_SUCCESS;
}

static int
test_spinlock_exclusion(void)
{
	return run_exclusion(0);
}

static int
test_ticketlock_exclusion(void)
{
	return run_exclusion(1);
}

/* what another thread gets from trylock on the locks of main */
struct try_ctx {
	rte_spinlock_t *sl;
	rte_spinlock_recursive_t *slr;
	int got_sl, got_slr;
};

static void *
try_thread(void *arg)
{
	struct try_ctx *t = arg;

	t->got_sl = rte_spinlock_trylock(t->sl);
	if (t->got_sl)
		rte_spinlock_unlock(t->sl);
	t->got_slr = rte_spinlock_recursive_trylock(t->slr);
	if (t->got_slr)
		rte_spinlock_recursive_unlock(t->slr);
	return NULL;
}

static int
try_from_other_thread(struct try_ctx *t)
{
	pthread_t tid;

	if (pthread_create(&tid, NULL, try_thread, t) != 0)
		return -1;
	pthread_join(tid, NULL);
	return 0;
}

static int
test_spinlock_recursive(void)
{
	rte_spinlock_t sl = RTE_SPINLOCK_INITIALIZER;
	rte_spinlock_recursive_t slr = RTE_SPINLOCK_RECURSIVE_INITIALIZER;
	struct try_ctx t = { &sl, &slr, -1, -1 };

	rte_spinlock_lock(&sl);
	rte_spinlock_recursive_lock(&slr);
	rte_spinlock_recursive_lock(&slr);
	TEST_ASSERT_EQUAL(rte_spinlock_recursive_trylock(&slr), 1,
			"owner could not take its recursive lock again");
	TEST_ASSERT_EQUAL(slr.count, 3, "recursion count %d", slr.count);
	TEST_ASSERT_SUCCESS(try_from_other_thread(&t), "thread failed");
	TEST_ASSERT_EQUAL(t.got_sl, 0, "other thread took a held spinlock");
	TEST_ASSERT_EQUAL(t.got_slr, 0,
			"other thread took a held recursive lock");

	rte_spinlock_unlock(&sl);
	rte_spinlock_recursive_unlock(&slr);
	rte_spinlock_recursive_unlock(&slr);
	TEST_ASSERT_SUCCESS(try_from_other_thread(&t), "thread failed");
	TEST_ASSERT_EQUAL(t.got_sl, 1, "free spinlock refused");
	TEST_ASSERT_EQUAL(t.got_slr, 0,
			"recursive lock free while held once more");

	rte_spinlock_recursive_unlock(&slr);
	TEST_ASSERT_EQUAL(slr.user, -1, "owner %d after last unlock", slr.user);
	TEST_ASSERT_SUCCESS(try_from_other_thread(&t), "thread failed");
	TEST_ASSERT_EQUAL(t.got_slr, 1, "free recursive lock refused");
	return TEST_SUCCESS;
}

static int
test_ticketlock_states(void)
{
	rte_ticketlock_t tl = RTE_TICKETLOCK_INITIALIZER;
	rte_ticketlock_recursive_t tlr = RTE_TICKETLOCK_RECURSIVE_INITIALIZER;

	TEST_ASSERT_EQUAL(rte_ticketlock_is_locked(&tl), 0, "new lock held");
	TEST_ASSERT_EQUAL(rte_ticketlock_trylock(&tl), 1, "trylock on free failed");
	TEST_ASSERT_EQUAL(rte_ticketlock_trylock(&tl), 0, "trylock on held succeeded");
	rte_ticketlock_unlock(&tl);
	TEST_ASSERT_EQUAL(rte_ticketlock_is_locked(&tl), 0, "unlock left it held");

	rte_ticketlock_recursive_lock(&tlr);
	TEST_ASSERT_EQUAL(rte_ticketlock_recursive_trylock(&tlr), 1,
			"owner could not re-take recursive ticket lock");
	rte_ticketlock_recursive_unlock(&tlr);
	TEST_ASSERT(rte_ticketlock_is_locked(&tlr.tl), "released too early");
	rte_ticketlock_recursive_unlock(&tlr);
	TEST_ASSERT(!rte_ticketlock_is_locked(&tlr.tl), "not released");
	return TEST_SUCCESS;
}

static struct unit_test_suite spinlock_suite = {
	.suite_name = "spinlock autotest",
	.unit_test_cases = {
		TEST_CASE(test_spinlock_states),
		TEST_CASE(test_spinlock_recursive),
		TEST_CASE(test_spinlock_exclusion),
		TEST_CASE(test_ticketlock_states),
		TEST_CASE(test_ticketlock_exclusion),
		TEST_CASES_END()
	}
};

static int
test_spinlock(void)
{
	return unit_test_suite_runner(&spinlock_suite);
}

REGISTER_TEST_COMMAND(spinlock_autotest, test_spinlock);
