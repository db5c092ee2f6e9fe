/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Keepalive monitor: a core that marks itself between pings stays
 * alive; one that stops is reported dead once (failure callback), then
 * gone; a sleeping core is not declared dead; the relay hears every
 * monitored core at every ping, and only those.
 */

#include <stdint.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_keepalive.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_pause.h>

#include "test.h"

struct ka_seen {
	int failures[RTE_MAX_LCORE];          /* failure callbacks per core */
	int reports;                          /* relay calls at this ping */
	enum rte_keepalive_state last[RTE_MAX_LCORE];
	uint64_t last_seen[RTE_MAX_LCORE];
};

static void
ka_failed(void *data, const int id_core)
{
	struct ka_seen *s = data;

	s->failures[id_core]++;
}

static void
ka_relay(void *data, const int id_core, enum rte_keepalive_state state,
		uint64_t last_seen)
{
	struct ka_seen *s = data;

	s->reports++;
	s->last[id_core] = state;
	s->last_seen[id_core] = last_seen;
}

static int
mark_alive_there(void *arg)
{
	rte_keepalive_mark_alive(arg);
	return 0;
}

static int
mark_sleep_there(void *arg)
{
	rte_keepalive_mark_sleep(arg);
	return 0;
}

/* run fn(ka) on lcore and wait for it */
static int
on_lcore(unsigned int lcore, lcore_function_t *fn, struct rte_keepalive *ka)
{
	if (rte_eal_remote_launch(fn, ka, lcore) != 0)
		return -1;
	return rte_eal_wait_lcore(lcore);
}

/* one ping; the relay's view of core id afterwards */
static enum rte_keepalive_state
ping(struct rte_keepalive *ka, struct ka_seen *s, int id)
{
	s->reports = 0;
	s->last[id] = RTE_KA_STATE_UNUSED;
	rte_keepalive_dispatch_pings(NULL, ka);
	return s->last[id];
}

static int
test_keepalive_states(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	static struct ka_seen s;
	struct rte_keepalive *ka;
	uint64_t seen;
	int id = (int)w;

	if (w >= RTE_MAX_LCORE) {
		printf("needs a worker lcore (-l 0-1)\n");
		return TEST_SKIPPED;
	}
	memset(&s, 0, sizeof(s));
	ka = rte_keepalive_create(ka_failed, &s);
	TEST_ASSERT_NOT_NULL(ka, "create");
	rte_keepalive_register_relay_callback(ka, ka_relay, &s);
	rte_keepalive_register_core(ka, id);

	/* registered counts as alive until the first ping */
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_ALIVE, "new core");
	TEST_ASSERT_EQUAL(s.reports, 1, "%d reports for one core", s.reports);
	seen = s.last_seen[id];
	TEST_ASSERT_SUCCESS(on_lcore(w, mark_alive_there, ka), "mark");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_ALIVE,
			"marked core");
	TEST_ASSERT(s.last_seen[id] > seen, "last_seen did not advance");
	seen = s.last_seen[id];

	/* silence: dead once, then gone, failure reported once */
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_DEAD, "silent core");
	TEST_ASSERT_EQUAL(s.failures[id], 1, "failure callbacks: %d",
			s.failures[id]);
	TEST_ASSERT_EQUAL(s.last_seen[id], seen, "a dead core was seen");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_GONE, "still silent");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_GONE, "buried");
	TEST_ASSERT_EQUAL(s.failures[id], 1, "failure reported again");

	/* it comes back */
	TEST_ASSERT_SUCCESS(on_lcore(w, mark_alive_there, ka), "mark");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_ALIVE, "back");

	/* a sleeping core is not declared dead */
	TEST_ASSERT_SUCCESS(on_lcore(w, mark_sleep_there, ka), "sleep");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_DOZING, "dozing");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_SLEEP, "asleep");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_SLEEP, "asleep");
	TEST_ASSERT_EQUAL(s.failures[id], 1, "a sleeper was declared dead");
	TEST_ASSERT_SUCCESS(on_lcore(w, mark_alive_there, ka), "wake");
	TEST_ASSERT_EQUAL(ping(ka, &s, id), RTE_KA_STATE_ALIVE, "woke");

	/* the main lcore is not monitored: never reported */
	TEST_ASSERT_EQUAL(ping(ka, &s, (int)rte_get_main_lcore()),
			RTE_KA_STATE_UNUSED, "unregistered core reported");
	rte_free(ka);
	return TEST_SUCCESS;
}

/*
 * A worker marking itself all the time, racing with the pings, is never
 * missed. Each ping waits for one more mark to be done (not for a time),
 * so a descheduled worker cannot make the test fail.
 */
struct busy_job {
	struct rte_keepalive *ka;
	uint64_t marks;
	volatile int stop;
};

static int
busy_marker(void *arg)
{
	struct busy_job *j = arg;

	while (!j->stop) {
		rte_keepalive_mark_alive(j->ka);
		__atomic_fetch_add(&j->marks, 1, __ATOMIC_RELEASE);
	}
	return 0;
}

/*
 * Wait for a mark made after this call: the count may move once for a
 * mark made before it (even before the previous ping), so wait for two
 * increments; the mark behind the second came after the first.
 */
static void
wait_one_more_mark(struct busy_job *j)
{
	uint64_t m = __atomic_load_n(&j->marks, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&j->marks, __ATOMIC_ACQUIRE) < m + 2)
		rte_pause();
}

static int
test_keepalive_busy_core_never_dead(void)
{
	unsigned int w = rte_get_next_lcore(-1, 1, 0);
	static struct ka_seen s;
	struct busy_job j = { .marks = 0, .stop = 0 };
	int i, bad = 0;

	if (w >= RTE_MAX_LCORE)
		return TEST_SKIPPED;
	memset(&s, 0, sizeof(s));
	j.ka = rte_keepalive_create(ka_failed, &s);
	TEST_ASSERT_NOT_NULL(j.ka, "create");
	rte_keepalive_register_relay_callback(j.ka, ka_relay, &s);
	rte_keepalive_register_core(j.ka, (int)w);
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(busy_marker, &j, w),
			"launch");
	for (i = 0; i < 2000; i++) {
		wait_one_more_mark(&j);
		if (ping(j.ka, &s, (int)w) != RTE_KA_STATE_ALIVE)
			bad++;
	}
	j.stop = 1;
	rte_eal_wait_lcore(w);
	TEST_ASSERT_EQUAL(s.failures[w], 0, "a busy core was declared dead");
	TEST_ASSERT_EQUAL(bad, 0, "%d of 2000 pings missed a busy core", bad);
	rte_free(j.ka);
	return TEST_SUCCESS;
}

static int
test_keepalive_bad_core_ignored(void)
{
	static struct ka_seen s;
	struct rte_keepalive *ka;

	memset(&s, 0, sizeof(s));
	ka = rte_keepalive_create(NULL, NULL);
	TEST_ASSERT_NOT_NULL(ka, "create");
	rte_keepalive_register_relay_callback(ka, ka_relay, &s);
	rte_keepalive_register_core(ka, -1);
	rte_keepalive_register_core(ka, RTE_KEEPALIVE_MAXCORES);
	rte_keepalive_dispatch_pings(NULL, ka);
	TEST_ASSERT_EQUAL(s.reports, 0, "%d reports with no valid core",
			s.reports);
	/* no failure callback: a dead core is still handled */
	rte_keepalive_register_core(ka, 0);
	rte_keepalive_dispatch_pings(NULL, ka);
	rte_keepalive_dispatch_pings(NULL, ka);
	TEST_ASSERT_EQUAL(s.last[0], RTE_KA_STATE_DEAD, "core 0 state %d",
			s.last[0]);
	rte_free(ka);
	return TEST_SUCCESS;
}

static struct unit_test_suite keepalive_suite = {
	.suite_name = "keepalive monitor",
	.unit_test_cases = {
		TEST_CASE(test_keepalive_states),
		TEST_CASE(test_keepalive_busy_core_never_dead),
		TEST_CASE(test_keepalive_bad_core_ignored),
		TEST_CASES_END()
	}
};

static int
test_keepalive(void)
{
	return unit_test_suite_runner(&keepalive_suite);
}

REGISTER_TEST_COMMAND(keepalive_autotest, test_keepalive);
