/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reader/writer lock: trylock results in every state, many readers at
 * once, writers exclusive against readers and writers, and a waiting
 * writer holding off new readers.
 */

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <time.h>

#include <rte_pause.h>
#include <rte_rwlock.h>

#include "test.h"
#include "test_base_workers.h"

#define RW_ITERS 50000
#define RW_THREADS 4

static int
test_rwlock_trylock_states(void)
{
	rte_rwlock_t rw = RTE_RWLOCK_INITIALIZER;

	TEST_ASSERT_SUCCESS(rte_rwlock_read_trylock(&rw), "read on free");
	TEST_ASSERT_SUCCESS(rte_rwlock_read_trylock(&rw), "second reader");
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rw), -EBUSY,
			"writer entered with readers in");
	rte_rwlock_read_unlock(&rw);
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rw), -EBUSY,
			"writer entered with one reader in");
	rte_rwlock_read_unlock(&rw);

	TEST_ASSERT_SUCCESS(rte_rwlock_write_trylock(&rw), "write on free");
	TEST_ASSERT(rte_rwlock_write_is_locked(&rw), "writer not seen");
	TEST_ASSERT_EQUAL(rte_rwlock_read_trylock(&rw), -EBUSY,
			"reader entered with a writer in");
	TEST_ASSERT_EQUAL(rte_rwlock_write_trylock(&rw), -EBUSY,
			"second writer entered");
	rte_rwlock_write_unlock(&rw);
	TEST_ASSERT(!rte_rwlock_write_is_locked(&rw), "writer still seen");
	TEST_ASSERT_EQUAL(rw.cnt, 0, "lock word %d after all unlocked",
			rw.cnt);
	return TEST_SUCCESS;
}

/* readers check an invariant (a == b) that writers break transiently */
struct rw_ctx {
	rte_rwlock_t rw;
	volatile uint64_t a, b;
	volatile uint32_t violations;
	volatile uint32_t next_role;
};

static int
rw_worker(void *arg)
{
	struct rw_ctx *c = arg;
	uint32_t role = __atomic_fetch_add(&c->next_role, 1, __ATOMIC_RELAXED);
	unsigned int i;

	for (i = 0; i < RW_ITERS; i++) {
		/* every thread writes sometimes, so writers meet writers */
		if (((i + role) & 7) == 0) {
			rte_rwlock_write_lock(&c->rw);
			c->a++;
			rte_pause();
			c->b++;
			rte_rwlock_write_unlock(&c->rw);
		} else {
			rte_rwlock_read_lock(&c->rw);
			if (c->a != c->b)
				__atomic_fetch_add(&c->violations, 1,
						__ATOMIC_RELAXED);
			rte_rwlock_read_unlock(&c->rw);
		}
	}
	return 0;
}

static int
test_rwlock_exclusion(void)
{
	static struct rw_ctx c;
	uint64_t writes_per_thread = RW_ITERS / 8;
	int n;

	rte_rwlock_init(&c.rw);
	c.a = c.b = 0;
	c.violations = 0;
	c.next_role = 0;
	n = test_run_on_workers(rw_worker, &c, RW_THREADS);
	TEST_ASSERT(n > 0, "could not start workers");
	TEST_ASSERT_EQUAL(c.violations, 0,
			"readers saw a half-done write %u times", c.violations);
	TEST_ASSERT(c.a == c.b && c.a >= writes_per_thread * n - n &&
			c.a <= writes_per_thread * n + n,
			"writes lost: a=%" PRIu64 " b=%" PRIu64 " for %d threads",
			(uint64_t)c.a, (uint64_t)c.b, n);
	TEST_ASSERT_EQUAL(c.rw.cnt, 0, "lock word %d at the end", c.rw.cnt);
	return TEST_SUCCESS;
}

struct writer_ctx {
	rte_rwlock_t *rw;
	volatile int entered;
};

static void *
writer_thread(void *arg)
{
	struct writer_ctx *w = arg;

	rte_rwlock_write_lock(w->rw);
	w->entered = 1;
	rte_rwlock_write_unlock(w->rw);
	return NULL;
}

static int
test_rwlock_writer_preference(void)
{
	rte_rwlock_t rw = RTE_RWLOCK_INITIALIZER;
	struct writer_ctx w = { &rw, 0 };
	struct timespec ms = { 0, 1000000 };
	pthread_t tid;
	int i, refused = 0;

	rte_rwlock_read_lock(&rw);
	TEST_ASSERT_SUCCESS(pthread_create(&tid, NULL, writer_thread, &w),
			"cannot create writer");
	/* once the writer waits, new readers must be turned away */
	for (i = 0; i < 2000 && !refused; i++) {
		nanosleep(&ms, NULL);
		if (rte_rwlock_read_trylock(&rw) == 0)
			rte_rwlock_read_unlock(&rw);
		else
			refused = 1;
	}
	TEST_ASSERT_EQUAL(w.entered, 0, "writer entered past a reader");
	rte_rwlock_read_unlock(&rw);
	pthread_join(tid, NULL);
	TEST_ASSERT(refused, "a waiting writer did not hold off new readers");
	TEST_ASSERT_EQUAL(w.entered, 1, "writer never entered");
	TEST_ASSERT_EQUAL(rw.cnt, 0, "lock word %d at the end", rw.cnt);
	return TEST_SUCCESS;
}

static struct unit_test_suite rwlock_suite = {
	.suite_name = "rwlock autotest",
	.unit_test_cases = {
		TEST_CASE(test_rwlock_trylock_states),
		TEST_CASE(test_rwlock_exclusion),
		TEST_CASE(test_rwlock_writer_preference),
		TEST_CASES_END()
	}
};

static int
test_rwlock(void)
{
	return unit_test_suite_runner(&rwlock_suite);
}

REGISTER_TEST_COMMAND(rwlock_autotest, test_rwlock);
