/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_thread.h: a created thread runs its function and hands its result
 * to the join, starts on the CPUs its attributes name, can be re-pinned
 * and re-prioritised by id; keys hold one value per thread and run their
 * destructor at thread exit; bad arguments are refused.
 */

#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_thread.h>

#include "test.h"

static uint32_t
add_one(void *arg)
{
	return *(uint32_t *)arg + 1;
}

static int
test_thread_create_join(void)
{
	uint32_t in = 41, out = 0;
	rte_thread_t id;

	TEST_ASSERT_SUCCESS(rte_thread_create(&id, NULL, add_one, &in),
			"create");
	TEST_ASSERT(!rte_thread_equal(id, rte_thread_self()),
			"a new thread equals its creator");
	TEST_ASSERT_SUCCESS(rte_thread_join(id, &out), "join");
	TEST_ASSERT_EQUAL(out, 42u, "joined value %u, expected 42", out);
	TEST_ASSERT(rte_thread_equal(rte_thread_self(), rte_thread_self()),
			"self is not equal to self");
	return TEST_SUCCESS;
}

/* where the thread ran, and which CPUs it was allowed */
struct where {
	int cpu;
	rte_cpuset_t allowed;
	volatile int go;    /* set by the test when the thread may end */
	volatile int ready; /* set by the thread once it is running */
};

static uint32_t
report_cpu(void *arg)
{
	struct where *w = arg;

	w->cpu = sched_getcpu();
	rte_thread_get_affinity_by_id(rte_thread_self(), &w->allowed);
	w->ready = 1;
	while (!w->go)
		rte_pause();
	w->cpu = sched_getcpu();
	return 0;
}

/* the first and last CPUs of the EAL's lcores (this thread is pinned to
 * the main lcore's: its own mask would show one CPU only) */
static int
allowed_cpus(int *first, int *last)
{
	rte_cpuset_t all, one;
	unsigned int lcore;
	int c;

	*first = *last = -1;
	CPU_ZERO(&all);
	RTE_LCORE_FOREACH(lcore) {
		one = rte_lcore_cpuset(lcore);
		CPU_OR(&all, &all, &one);
	}
	for (c = 0; c < CPU_SETSIZE; c++) {
		if (!CPU_ISSET(c, &all))
			continue;
		if (*first < 0)
			*first = c;
		*last = c;
	}
	return *first < 0 ? -1 : 0;
}

static int
test_thread_affinity(void)
{
	struct where w = { .cpu = -1, .go = 0, .ready = 0 };
	rte_thread_attr_t attr;
	rte_cpuset_t one, got;
	int first, cpu;
	rte_thread_t id;

	TEST_ASSERT_SUCCESS(allowed_cpus(&first, &cpu), "no CPU of our own");
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	TEST_ASSERT_SUCCESS(rte_thread_attr_init(&attr), "attr init");
	TEST_ASSERT_SUCCESS(rte_thread_attr_set_affinity(&attr, &one),
			"attr affinity");
	TEST_ASSERT_SUCCESS(rte_thread_attr_get_affinity(&attr, &got),
			"attr get affinity");
	TEST_ASSERT(CPU_EQUAL(&got, &one), "attr lost its CPU set");
	TEST_ASSERT_SUCCESS(rte_thread_create(&id, &attr, report_cpu, &w),
			"create on CPU %d", cpu);
	while (!w.ready)
		rte_pause();
	TEST_ASSERT(CPU_EQUAL(&w.allowed, &one), "thread may run on %d "
			"CPUs, expected only CPU %d", CPU_COUNT(&w.allowed),
			cpu);
	TEST_ASSERT_EQUAL(w.cpu, cpu, "thread ran on CPU %d", w.cpu);
	/* re-pin it from here, to the first CPU */
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	TEST_ASSERT_SUCCESS(rte_thread_set_affinity_by_id(id, &one),
			"set affinity by id");
	TEST_ASSERT_SUCCESS(rte_thread_get_affinity_by_id(id, &got),
			"get affinity by id");
	TEST_ASSERT(CPU_EQUAL(&got, &one), "affinity by id not applied");
	w.go = 1;
	TEST_ASSERT_SUCCESS(rte_thread_join(id, NULL), "join");
	TEST_ASSERT_EQUAL(w.cpu, first, "re-pinned thread ended on CPU %d, "
			"expected %d", w.cpu, first);
	return TEST_SUCCESS;
}

static int
test_thread_priority(void)
{
	enum rte_thread_priority prio;
	rte_thread_t self = rte_thread_self();
	int ret;

	TEST_ASSERT_SUCCESS(rte_thread_get_priority(self, &prio), "get");
	TEST_ASSERT_EQUAL(prio, RTE_THREAD_PRIORITY_NORMAL,
			"a plain thread is not normal priority");
	ret = rte_thread_set_priority(self,
			RTE_THREAD_PRIORITY_REALTIME_CRITICAL);
	if (ret == EPERM) {
		printf("real-time priority not permitted here: not checked\n");
	} else {
		TEST_ASSERT_SUCCESS(ret, "set real-time: %s", strerror(ret));
		TEST_ASSERT_SUCCESS(rte_thread_get_priority(self, &prio),
				"get");
		TEST_ASSERT_EQUAL(prio, RTE_THREAD_PRIORITY_REALTIME_CRITICAL,
				"priority not raised");
		TEST_ASSERT_SUCCESS(rte_thread_set_priority(self,
				RTE_THREAD_PRIORITY_NORMAL), "set normal");
		TEST_ASSERT_SUCCESS(rte_thread_get_priority(self, &prio),
				"get");
		TEST_ASSERT_EQUAL(prio, RTE_THREAD_PRIORITY_NORMAL,
				"priority not lowered back");
	}
	TEST_ASSERT_EQUAL(rte_thread_set_priority(self,
			(enum rte_thread_priority)7), EINVAL,
			"unknown priority accepted");
	return TEST_SUCCESS;
}

static int destructed;

static void
count_destructor(void *value)
{
	__atomic_fetch_add(&destructed, *(int *)value, __ATOMIC_RELAXED);
}

struct key_job {
	rte_thread_key key;
	int value;
	int seen_before; /* the thread's value before it set one */
};

static uint32_t
key_thread(void *arg)
{
	struct key_job *j = arg;

	j->seen_before = rte_thread_value_get(j->key) != NULL;
	return rte_thread_value_set(j->key, &j->value) == 0 &&
		rte_thread_value_get(j->key) == &j->value ? 0 : 1;
}

static int
test_thread_keys(void)
{
	struct key_job j = { .value = 5 };
	int mine = 100;
	uint32_t ret = 1;
	rte_thread_t id;

	destructed = 0;
	TEST_ASSERT_SUCCESS(rte_thread_key_create(&j.key, count_destructor),
			"key create");
	TEST_ASSERT_SUCCESS(rte_thread_value_set(j.key, &mine), "set");
	TEST_ASSERT_SUCCESS(rte_thread_create(&id, NULL, key_thread, &j),
			"create");
	TEST_ASSERT_SUCCESS(rte_thread_join(id, &ret), "join");
	TEST_ASSERT_EQUAL(ret, 0u, "the thread could not set its value");
	TEST_ASSERT(!j.seen_before, "a new thread saw another's value");
	TEST_ASSERT(rte_thread_value_get(j.key) == &mine,
			"the thread's value replaced ours");
	TEST_ASSERT_EQUAL(destructed, 5, "destructor saw %d, expected the "
			"ending thread's 5 only", destructed);
	TEST_ASSERT_SUCCESS(rte_thread_value_set(j.key, NULL), "clear");
	TEST_ASSERT_SUCCESS(rte_thread_key_delete(j.key), "key delete");
	return TEST_SUCCESS;
}

static int
test_thread_bad_args(void)
{
	rte_thread_attr_t attr;
	rte_thread_t id;

	TEST_ASSERT_EQUAL(rte_thread_create(NULL, NULL, add_one, NULL),
			EINVAL, "NULL id accepted");
	TEST_ASSERT_EQUAL(rte_thread_create(&id, NULL, NULL, NULL), EINVAL,
			"NULL function accepted");
	TEST_ASSERT_EQUAL(rte_thread_attr_init(NULL), EINVAL,
			"NULL attr accepted");
	TEST_ASSERT_SUCCESS(rte_thread_attr_init(&attr), "attr init");
	TEST_ASSERT_EQUAL(rte_thread_attr_set_priority(&attr,
			(enum rte_thread_priority)7), EINVAL,
			"unknown priority accepted");
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_thread_key_create(NULL, NULL), -1,
			"NULL key pointer accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_thread_value_get(NULL), "NULL key has a value");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_thread_value_set(NULL, NULL), -1,
			"NULL key set");
	TEST_ASSERT_EQUAL(rte_thread_key_delete(NULL), -1,
			"NULL key deleted");
	return TEST_SUCCESS;
}

static struct unit_test_suite threads_suite = {
	.suite_name = "rte_thread API",
	.unit_test_cases = {
		TEST_CASE(test_thread_create_join),
		TEST_CASE(test_thread_affinity),
		TEST_CASE(test_thread_priority),
		TEST_CASE(test_thread_keys),
		TEST_CASE(test_thread_bad_args),
		TEST_CASES_END()
	}
};

static int
test_threads(void)
{
	return unit_test_suite_runner(&threads_suite);
}

REGISTER_TEST_COMMAND(threads_autotest, test_threads);
