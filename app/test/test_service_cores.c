/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Service cores: registration and lookup, argument checks, when a service
 * core calls a service (started + mapped + both runstates), stopping,
 * serialisation of a service that is not MT-safe, running a service on the
 * application's own thread, statistics, and the state rules of service
 * lcores. The last case prints what one service call costs.
 *
 * Every case gets its service lcores from svc_setup(): those of -s/-S when
 * the EAL was given some, otherwise worker lcores turned into service
 * lcores; svc_teardown() undoes whatever the case left behind. Probes are
 * static: a service core may call one after its case returned, until the
 * teardown stops it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_pause.h>
#include <rte_service.h>
#include <rte_service_component.h>

#include "test.h"

#define SVC_MAX_LCORES 2
#define SVC_RUN_MS 30
#define SVC_WAIT_MS 2000

static uint32_t svc_lcores[SVC_MAX_LCORES];
static bool svc_added[SVC_MAX_LCORES];
static unsigned int svc_n;

/* what a test service records about its calls */
struct svc_probe {
	uint64_t calls;
	uint32_t inside;     /* threads in the callback now */
	uint32_t overlaps;   /* calls that found another thread inside */
	uint32_t spin;       /* cycles to stay inside, to widen overlaps */
	uint32_t id;
	int32_t nested_ret;  /* of a run_iter from inside the callback */
	uint32_t nest;
};

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

static uint64_t
probe_calls(struct svc_probe *p)
{
	return __atomic_load_n(&p->calls, __ATOMIC_ACQUIRE);
}

/* calls reaches at least target within SVC_WAIT_MS */
static bool
wait_calls(struct svc_probe *p, uint64_t target)
{
	uint64_t end = now_ms() + SVC_WAIT_MS;

	while (probe_calls(p) < target && now_ms() < end)
		sleep_ms(1);
	return probe_calls(p) >= target;
}

/* the service has left every service core within SVC_WAIT_MS */
static bool
wait_inactive(uint32_t id)
{
	uint64_t end = now_ms() + SVC_WAIT_MS;

	while (rte_service_may_be_active(id) != 0)
		if (now_ms() > end)
			return false;
		else
			sleep_ms(1);
	return true;
}

static int32_t
probe_cb(void *arg)
{
	struct svc_probe *p = arg;
	uint64_t t0;

	if (__atomic_fetch_add(&p->inside, 1, __ATOMIC_ACQ_REL) != 0)
		__atomic_fetch_add(&p->overlaps, 1, __ATOMIC_RELAXED);
	if (p->spin != 0) {
		t0 = rte_rdtsc();
		while (rte_rdtsc() - t0 < p->spin)
			rte_pause();
	}
	if (p->nest)
		p->nested_ret = rte_service_run_iter_on_app_lcore(p->id, 1);
	__atomic_fetch_sub(&p->inside, 1, __ATOMIC_ACQ_REL);
	__atomic_fetch_add(&p->calls, 1, __ATOMIC_RELEASE);
	return 0;
}

static int
probe_register(struct svc_probe *p, const char *name, uint32_t caps)
{
	struct rte_service_spec spec;

	memset(&spec, 0, sizeof(spec));
	snprintf(spec.name, sizeof(spec.name), "%s", name);
	spec.callback = probe_cb;
	spec.callback_userdata = p;
	spec.capabilities = caps;
	spec.socket_id = SOCKET_ID_ANY;
	return rte_service_component_register(&spec, &p->id);
}

/* registered, both runstates running, mapped to the first n lcores */
static int
probe_start(struct svc_probe *p, const char *name, uint32_t caps,
		unsigned int n)
{
	unsigned int i;

	if (probe_register(p, name, caps) != 0 ||
			rte_service_component_runstate_set(p->id, 1) != 0 ||
			rte_service_runstate_set(p->id, 1) != 0)
		return -1;
	for (i = 0; i < n; i++)
		if (rte_service_map_lcore_set(p->id, svc_lcores[i], 1) != 0)
			return -1;
	return 0;
}

/* ---------------------------------------------------------------------
 * per-case setup and teardown
 * --------------------------------------------------------------------- */

static int
svc_setup(void)
{
	uint32_t list[RTE_MAX_LCORE];
	unsigned int lcore;
	int32_t n;

	svc_n = 0;
	memset(svc_added, 0, sizeof(svc_added));
	n = rte_service_lcore_list(list, RTE_DIM(list));
	for (; svc_n < (unsigned int)RTE_MAX(n, 0) && svc_n < SVC_MAX_LCORES;
			svc_n++)
		svc_lcores[svc_n] = list[svc_n];
	if (svc_n > 0)
		return 0;
	RTE_LCORE_FOREACH_WORKER(lcore) {
		if (svc_n == SVC_MAX_LCORES)
			break;
		if (rte_service_lcore_add(lcore) != 0)
			return -1;
		svc_added[svc_n] = true;
		svc_lcores[svc_n++] = lcore;
	}
	return 0;
}

static void
svc_teardown(void)
{
	unsigned int i;

	rte_service_lcore_reset_all();
	for (i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		if (rte_service_get_name(i) != NULL)
			rte_service_component_unregister(i);
	for (i = 0; i < svc_n; i++) {
		rte_service_lcore_attr_reset_all(svc_lcores[i]);
		if (svc_added[i])
			rte_service_lcore_del(svc_lcores[i]);
	}
	svc_n = 0;
}

/* ---------------------------------------------------------------------
 * cases
 * --------------------------------------------------------------------- */

static int
test_service_register_lookup(void)
{
	static struct svc_probe a, b;
	uint32_t id, before = rte_service_get_count();

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	TEST_ASSERT_SUCCESS(probe_register(&a, "svc_a", 0), "register a");
	TEST_ASSERT_SUCCESS(probe_register(&b, "svc_b",
			RTE_SERVICE_CAP_MT_SAFE), "register b");
	TEST_ASSERT_EQUAL(rte_service_get_count(), before + 2,
			"count %u after two registrations",
			rte_service_get_count());
	TEST_ASSERT_EQUAL(probe_register(&a, "svc_a", 0), -EEXIST,
			"second service named svc_a accepted");
	TEST_ASSERT_SUCCESS(rte_service_get_by_name("svc_b", &id),
			"svc_b not found");
	TEST_ASSERT_EQUAL(id, b.id, "svc_b found as %u, registered as %u",
			id, b.id);
	TEST_ASSERT(strcmp(rte_service_get_name(a.id), "svc_a") == 0,
			"name of %u is %s", a.id, rte_service_get_name(a.id));
	TEST_ASSERT_EQUAL(rte_service_probe_capability(a.id,
			RTE_SERVICE_CAP_MT_SAFE), 0, "svc_a claims MT-safe");
	TEST_ASSERT_EQUAL(rte_service_probe_capability(b.id,
			RTE_SERVICE_CAP_MT_SAFE), 1, "svc_b not MT-safe");

	TEST_ASSERT_SUCCESS(rte_service_component_unregister(a.id),
			"unregister a");
	TEST_ASSERT_EQUAL(rte_service_get_count(), before + 1,
			"count %u after one unregistration",
			rte_service_get_count());
	TEST_ASSERT_EQUAL(rte_service_get_by_name("svc_a", &id), -ENODEV,
			"unregistered svc_a still found");
	TEST_ASSERT_NULL(rte_service_get_name(a.id), "stale name");
	TEST_ASSERT_EQUAL(rte_service_component_unregister(a.id), -EINVAL,
			"second unregister accepted");
	/* the freed slot is usable again */
	TEST_ASSERT_SUCCESS(probe_register(&a, "svc_a", 0), "re-register a");
	return TEST_SUCCESS;
}

static int
test_service_bad_args(void)
{
	struct rte_service_spec spec;
	uint32_t bad = RTE_SERVICE_NUM_MAX + 1, id, arr[1];
	uint64_t v;

	memset(&spec, 0, sizeof(spec));
	TEST_ASSERT_EQUAL(rte_service_component_register(NULL, &id), -EINVAL,
			"NULL spec accepted");
	snprintf(spec.name, sizeof(spec.name), "nocb");
	TEST_ASSERT_EQUAL(rte_service_component_register(&spec, &id),
			-EINVAL, "spec without callback accepted");
	spec.callback = probe_cb;
	spec.name[0] = '\0';
	TEST_ASSERT_EQUAL(rte_service_component_register(&spec, &id),
			-EINVAL, "empty name accepted");
	memset(spec.name, 'x', sizeof(spec.name));
	TEST_ASSERT_EQUAL(rte_service_component_register(&spec, &id),
			-EINVAL, "unterminated name accepted");

	TEST_ASSERT_EQUAL(rte_service_get_by_name(NULL, &id), -EINVAL,
			"NULL name");
	TEST_ASSERT_EQUAL(rte_service_get_by_name("x", NULL), -EINVAL,
			"NULL id");
	TEST_ASSERT_EQUAL(rte_service_runstate_set(bad, 1), -EINVAL,
			"runstate_set");
	TEST_ASSERT_EQUAL(rte_service_runstate_get(bad), -EINVAL,
			"runstate_get");
	TEST_ASSERT_EQUAL(rte_service_component_runstate_set(bad, 1), -EINVAL,
			"component_runstate_set");
	TEST_ASSERT_EQUAL(rte_service_may_be_active(bad), -EINVAL,
			"may_be_active");
	TEST_ASSERT_EQUAL(rte_service_probe_capability(bad, 1), -EINVAL,
			"probe_capability");
	TEST_ASSERT_EQUAL(rte_service_set_stats_enable(bad, 1), -EINVAL,
			"set_stats_enable");
	TEST_ASSERT_EQUAL(rte_service_attr_get(bad, RTE_SERVICE_ATTR_CYCLES,
			&v), -EINVAL, "attr_get");
	TEST_ASSERT_EQUAL(rte_service_attr_reset_all(bad), -EINVAL,
			"attr_reset_all");
	TEST_ASSERT_EQUAL(rte_service_run_iter_on_app_lcore(bad, 1), -EINVAL,
			"run_iter");
	TEST_ASSERT_EQUAL(rte_service_set_runstate_mapped_check(bad, 0),
			-EINVAL, "mapped_check");
	TEST_ASSERT_EQUAL(rte_service_dump(NULL, UINT32_MAX), -EINVAL,
			"dump to NULL");
	TEST_ASSERT_EQUAL(rte_service_dump(stdout, bad), -EINVAL,
			"dump of no service");

	/* the main lcore is never a service core */
	TEST_ASSERT_EQUAL(rte_service_lcore_add(rte_get_main_lcore()),
			-EINVAL, "main lcore became a service core");
	TEST_ASSERT_EQUAL(rte_service_lcore_add(RTE_MAX_LCORE), -EINVAL,
			"lcore out of range");
	TEST_ASSERT_EQUAL(rte_service_lcore_start(rte_get_main_lcore()),
			-EINVAL, "start of a non-service lcore");
	TEST_ASSERT_EQUAL(rte_service_lcore_attr_get(rte_get_main_lcore(),
			RTE_SERVICE_LCORE_ATTR_LOOPS, &v), -ENOTSUP,
			"lcore attr of a non-service lcore");
	TEST_ASSERT_EQUAL(rte_service_lcore_attr_get(RTE_MAX_LCORE,
			RTE_SERVICE_LCORE_ATTR_LOOPS, &v), -EINVAL,
			"lcore attr of an lcore out of range");
	TEST_ASSERT_EQUAL(rte_service_lcore_list(NULL, 4), -EINVAL,
			"NULL lcore list");
	if (svc_n > 0)
		TEST_ASSERT_EQUAL(rte_service_lcore_list(arr, 0), -ENOMEM,
				"list of %u lcores fits in none", svc_n);
	return TEST_SUCCESS;
}

/* calls must stay at 0 for a while */
static int
expect_no_calls(struct svc_probe *p, const char *why)
{
	sleep_ms(SVC_RUN_MS);
	TEST_ASSERT_EQUAL(probe_calls(p), 0, "called %" PRIu64 " times %s",
			probe_calls(p), why);
	return TEST_SUCCESS;
}

static int
test_service_runs_when_all_conditions_hold(void)
{
	static struct svc_probe p;
	uint32_t lcore;

	memset(&p, 0, sizeof(p));
	if (svc_n < 1)
		return TEST_SKIPPED;
	lcore = svc_lcores[0];
	TEST_ASSERT_SUCCESS(probe_register(&p, "cond", 0), "register");
	TEST_ASSERT_SUCCESS(rte_service_lcore_start(lcore), "start lcore");
	TEST_ASSERT_SUCCESS(expect_no_calls(&p, "registered only"), "");

	TEST_ASSERT_SUCCESS(rte_service_map_lcore_set(p.id, lcore, 1), "map");
	TEST_ASSERT_EQUAL(rte_service_map_lcore_get(p.id, lcore), 1,
			"map not recorded");
	TEST_ASSERT_EQUAL(rte_service_lcore_count_services(lcore), 1,
			"lcore %u counts %d services", lcore,
			rte_service_lcore_count_services(lcore));
	TEST_ASSERT_SUCCESS(expect_no_calls(&p,
			"mapped, both runstates off"), "");
	TEST_ASSERT_SUCCESS(rte_service_runstate_set(p.id, 1), "runstate");
	TEST_ASSERT_EQUAL(rte_service_runstate_get(p.id), 0,
			"running without the component's consent");
	TEST_ASSERT_SUCCESS(expect_no_calls(&p, "component runstate off"),
			"");

	TEST_ASSERT_SUCCESS(rte_service_component_runstate_set(p.id, 1),
			"component runstate");
	TEST_ASSERT_EQUAL(rte_service_runstate_get(p.id), 1,
			"not running with every condition met");
	TEST_ASSERT(wait_calls(&p, 100), "only %" PRIu64 " calls in %d ms",
			probe_calls(&p), SVC_WAIT_MS);
	TEST_ASSERT_EQUAL(rte_service_may_be_active(p.id), 1,
			"a running service is not active");
	return TEST_SUCCESS;
}

static int
test_service_stop_ends_calls(void)
{
	static struct svc_probe p;
	uint32_t lcore;
	uint64_t calls;

	memset(&p, 0, sizeof(p));
	if (svc_n < 1)
		return TEST_SKIPPED;
	lcore = svc_lcores[0];
	TEST_ASSERT_SUCCESS(probe_start(&p, "stop", 0, 1), "set up");
	TEST_ASSERT_SUCCESS(rte_service_lcore_start(lcore), "start lcore");
	TEST_ASSERT(wait_calls(&p, 10), "service not called");

	/* the service stops; the lcore keeps looping */
	TEST_ASSERT_SUCCESS(rte_service_runstate_set(p.id, 0), "stop");
	TEST_ASSERT(wait_inactive(p.id), "still active %d ms after the stop",
			SVC_WAIT_MS);
	calls = probe_calls(&p);
	sleep_ms(SVC_RUN_MS);
	TEST_ASSERT_EQUAL(probe_calls(&p), calls,
			"%" PRIu64 " calls after the service stopped",
			probe_calls(&p) - calls);

	/* the lcore stops; the service runs again but nobody calls it */
	TEST_ASSERT_SUCCESS(rte_service_runstate_set(p.id, 1), "restart");
	TEST_ASSERT(wait_calls(&p, calls + 10), "not called after restart");
	TEST_ASSERT_EQUAL(rte_service_lcore_stop(lcore), -EBUSY,
			"stopped the only core of a running service");
	TEST_ASSERT_SUCCESS(rte_service_map_lcore_set(p.id, lcore, 0),
			"unmap");
	TEST_ASSERT_SUCCESS(rte_service_lcore_stop(lcore), "stop lcore");
	TEST_ASSERT(wait_inactive(p.id), "still active after lcore stop");
	calls = probe_calls(&p);
	sleep_ms(SVC_RUN_MS);
	TEST_ASSERT_EQUAL(probe_calls(&p), calls,
			"%" PRIu64 " calls after the lcore stopped",
			probe_calls(&p) - calls);
	return TEST_SUCCESS;
}

/* a service mapped to two started cores: count calls that overlapped */
static int
run_on_two_cores(struct svc_probe *p, const char *name, uint32_t caps)
{
	p->spin = 2000;
	if (probe_start(p, name, caps, 2) != 0 ||
			rte_service_lcore_start(svc_lcores[0]) != 0 ||
			rte_service_lcore_start(svc_lcores[1]) != 0)
		return -1;
	if (!wait_calls(p, 2000))
		return -1;
	rte_service_runstate_set(p->id, 0);
	return wait_inactive(p->id) ? 0 : -1;
}

static int
test_service_mt_unsafe_never_overlaps(void)
{
	static struct svc_probe p;

	memset(&p, 0, sizeof(p));
	if (svc_n < 2) {
		printf("needs two service lcores (e.g. --lcores 0@0,(1-2)@1), "
			"have %u\n", svc_n);
		return TEST_SKIPPED;
	}
	TEST_ASSERT_SUCCESS(run_on_two_cores(&p, "unsafe", 0),
			"service did not run on two cores");
	TEST_ASSERT_EQUAL(p.overlaps, 0, "%u of %" PRIu64 " calls overlapped",
			p.overlaps, probe_calls(&p));
	return TEST_SUCCESS;
}

/* not asserted: two cores sharing one CPU may never overlap */
static int
test_service_mt_safe_may_overlap(void)
{
	static struct svc_probe p;

	memset(&p, 0, sizeof(p));
	if (svc_n < 2)
		return TEST_SKIPPED;
	TEST_ASSERT_SUCCESS(run_on_two_cores(&p, "safe",
			RTE_SERVICE_CAP_MT_SAFE),
			"service did not run on two cores");
	printf("MT-safe service: %u of %" PRIu64 " calls overlapped\n",
			p.overlaps, probe_calls(&p));
	return TEST_SUCCESS;
}

static int
test_service_run_iter_on_app_lcore(void)
{
	static struct svc_probe p;

	memset(&p, 0, sizeof(p));
	TEST_ASSERT_SUCCESS(probe_register(&p, "app", 0), "register");
	TEST_ASSERT_EQUAL(rte_service_run_iter_on_app_lcore(p.id, 1), -ENOEXEC,
			"ran with both runstates off");
	TEST_ASSERT_SUCCESS(rte_service_runstate_set(p.id, 1), "runstate");
	TEST_ASSERT_EQUAL(rte_service_run_iter_on_app_lcore(p.id, 1), -ENOEXEC,
			"ran with the component runstate off");
	TEST_ASSERT_SUCCESS(rte_service_component_runstate_set(p.id, 1),
			"component runstate");
	TEST_ASSERT_SUCCESS(rte_service_run_iter_on_app_lcore(p.id, 1),
			"did not run");
	TEST_ASSERT_EQUAL(probe_calls(&p), 1, "%" PRIu64 " calls for one run",
			probe_calls(&p));

	/* mapped nowhere: not running, unless the app says it runs it */
	TEST_ASSERT_EQUAL(rte_service_runstate_get(p.id), 0,
			"running without a mapped core");
	TEST_ASSERT_SUCCESS(rte_service_set_runstate_mapped_check(p.id, 0),
			"mapped check off");
	TEST_ASSERT_EQUAL(rte_service_runstate_get(p.id), 1,
			"not running with the mapped check off");

	/* the execution lock is held while it runs: a nested serialised run
	 * must be refused, an unserialised one goes through
	 */
	p.nest = 1;
	TEST_ASSERT_SUCCESS(rte_service_run_iter_on_app_lcore(p.id, 1),
			"outer run");
	TEST_ASSERT_EQUAL(p.nested_ret, -EBUSY,
			"nested serialised run returned %d", p.nested_ret);
	TEST_ASSERT_SUCCESS(rte_service_run_iter_on_app_lcore(p.id, 0),
			"outer unserialised run");
	TEST_ASSERT_EQUAL(p.nested_ret, 0,
			"nested run under an unserialised one returned %d",
			p.nested_ret);
	return TEST_SUCCESS;
}

static int
test_service_stats(void)
{
	static struct svc_probe p;
	uint64_t calls, cycles;
	unsigned int i;

	memset(&p, 0, sizeof(p));
	TEST_ASSERT_SUCCESS(probe_register(&p, "stats", 0), "register");
	rte_service_runstate_set(p.id, 1);
	rte_service_component_runstate_set(p.id, 1);
	p.spin = 100;

	/* off by default */
	for (i = 0; i < 10; i++)
		rte_service_run_iter_on_app_lcore(p.id, 1);
	TEST_ASSERT_SUCCESS(rte_service_attr_get(p.id,
			RTE_SERVICE_ATTR_CALL_COUNT, &calls), "call count");
	TEST_ASSERT_EQUAL(calls, 0, "%" PRIu64 " calls counted with stats off",
			calls);

	TEST_ASSERT_SUCCESS(rte_service_set_stats_enable(p.id, 1), "stats on");
	for (i = 0; i < 10; i++)
		rte_service_run_iter_on_app_lcore(p.id, 1);
	rte_service_attr_get(p.id, RTE_SERVICE_ATTR_CALL_COUNT, &calls);
	rte_service_attr_get(p.id, RTE_SERVICE_ATTR_CYCLES, &cycles);
	TEST_ASSERT_EQUAL(calls, 10, "%" PRIu64 " calls counted for 10",
			calls);
	TEST_ASSERT(cycles >= 10 * 100, "%" PRIu64 " cycles for 10 calls of "
			"100 cycles or more", cycles);
	TEST_ASSERT_EQUAL(rte_service_attr_get(p.id, 42, &calls), -EINVAL,
			"unknown attribute accepted");
	TEST_ASSERT_EQUAL(rte_service_attr_get(p.id,
			RTE_SERVICE_ATTR_CYCLES, NULL), -EINVAL,
			"NULL value accepted");
	TEST_ASSERT_SUCCESS(rte_service_dump(stdout, p.id), "dump");

	TEST_ASSERT_SUCCESS(rte_service_attr_reset_all(p.id), "reset");
	rte_service_attr_get(p.id, RTE_SERVICE_ATTR_CALL_COUNT, &calls);
	rte_service_attr_get(p.id, RTE_SERVICE_ATTR_CYCLES, &cycles);
	TEST_ASSERT(calls == 0 && cycles == 0, "after reset: %" PRIu64
			" calls, %" PRIu64 " cycles", calls, cycles);
	return TEST_SUCCESS;
}

static int
test_service_lcore_stats(void)
{
	static struct svc_probe p;
	uint64_t loops, cycles;
	uint32_t lcore;

	memset(&p, 0, sizeof(p));
	if (svc_n < 1)
		return TEST_SKIPPED;
	lcore = svc_lcores[0];
	TEST_ASSERT_SUCCESS(probe_start(&p, "lstats", 0, 1), "set up");
	rte_service_set_stats_enable(p.id, 1);
	TEST_ASSERT_SUCCESS(rte_service_lcore_start(lcore), "start lcore");
	TEST_ASSERT(wait_calls(&p, 100), "service not called");
	rte_service_runstate_set(p.id, 0);
	TEST_ASSERT_SUCCESS(rte_service_lcore_stop(lcore), "stop lcore");
	TEST_ASSERT(wait_inactive(p.id), "still active");

	TEST_ASSERT_SUCCESS(rte_service_lcore_attr_get(lcore,
			RTE_SERVICE_LCORE_ATTR_LOOPS, &loops), "loops");
	TEST_ASSERT_SUCCESS(rte_service_lcore_attr_get(lcore,
			RTE_SERVICE_LCORE_ATTR_CYCLES, &cycles), "cycles");
	TEST_ASSERT(loops >= 100, "%" PRIu64 " loops for 100+ calls", loops);
	TEST_ASSERT(cycles > 0, "no cycles counted in services");
	TEST_ASSERT_EQUAL(rte_service_lcore_attr_get(lcore, 42, &loops),
			-EINVAL, "unknown lcore attribute accepted");
	TEST_ASSERT_SUCCESS(rte_service_dump(stdout, UINT32_MAX), "dump");

	/* the loop has returned: nothing races the reset */
	TEST_ASSERT_SUCCESS(rte_service_lcore_attr_reset_all(lcore), "reset");
	rte_service_lcore_attr_get(lcore, RTE_SERVICE_LCORE_ATTR_LOOPS,
			&loops);
	TEST_ASSERT_EQUAL(loops, 0, "%" PRIu64 " loops after reset", loops);
	return TEST_SUCCESS;
}

static int
test_service_lcore_state_rules(void)
{
	static struct svc_probe p;
	unsigned int count = rte_lcore_count();
	int32_t n = rte_service_lcore_count();
	uint32_t lcore;

	memset(&p, 0, sizeof(p));
	if (svc_n < 1)
		return TEST_SKIPPED;
	lcore = svc_lcores[0];
	TEST_ASSERT_EQUAL(rte_eal_lcore_role(lcore), ROLE_SERVICE,
			"service lcore %u has role %d", lcore,
			rte_eal_lcore_role(lcore));
	TEST_ASSERT(!rte_lcore_is_enabled(lcore),
			"a service lcore counts as an enabled lcore");
	TEST_ASSERT_EQUAL(rte_service_lcore_add(lcore), -EALREADY,
			"added twice");
	TEST_ASSERT_EQUAL(rte_service_lcore_may_be_active(lcore), 0,
			"stopped lcore active");
	TEST_ASSERT_EQUAL(rte_service_lcore_stop(lcore), -EALREADY,
			"stopped twice");

	TEST_ASSERT_SUCCESS(rte_service_lcore_start(lcore), "start");
	TEST_ASSERT_EQUAL(rte_service_lcore_start(lcore), -EALREADY,
			"started twice");
	TEST_ASSERT_EQUAL(rte_service_lcore_may_be_active(lcore), 1,
			"started lcore not active");
	TEST_ASSERT_EQUAL(rte_service_lcore_del(lcore), -EBUSY,
			"deleted while started");

	/* a running service mapped here only keeps the lcore from stopping */
	TEST_ASSERT_SUCCESS(probe_start(&p, "rules", 0, 1), "set up");
	TEST_ASSERT_EQUAL(rte_service_lcore_stop(lcore), -EBUSY,
			"stopped the only core of a running service");
	TEST_ASSERT_SUCCESS(rte_service_runstate_set(p.id, 0), "stop service");
	TEST_ASSERT_SUCCESS(rte_service_lcore_stop(lcore), "stop");

	/* back to a worker, and a service lcore again */
	TEST_ASSERT_SUCCESS(rte_service_lcore_del(lcore), "del");
	TEST_ASSERT_EQUAL(rte_service_lcore_count(), n - 1,
			"service lcore count %d after del",
			rte_service_lcore_count());
	TEST_ASSERT_EQUAL(rte_lcore_count(), count + 1,
			"lcore count %u after del", rte_lcore_count());
	TEST_ASSERT(rte_lcore_is_enabled(lcore), "not a worker again");
	TEST_ASSERT_EQUAL(rte_service_map_lcore_set(p.id, lcore, 1), -EINVAL,
			"mapped to a worker lcore");
	TEST_ASSERT_EQUAL(rte_service_lcore_del(lcore), -EINVAL,
			"deleted twice");
	TEST_ASSERT_SUCCESS(rte_service_lcore_add(lcore), "add again");
	TEST_ASSERT_EQUAL(rte_service_lcore_count_services(lcore), 0,
			"re-added lcore kept its mapping");
	TEST_ASSERT_EQUAL(rte_lcore_count(), count, "lcore count %u",
			rte_lcore_count());
	return TEST_SUCCESS;
}

/* unregistering waits for the service core to leave the callback */
static int
test_service_unregister_while_running(void)
{
	static struct svc_probe p;
	uint64_t calls;

	memset(&p, 0, sizeof(p));
	if (svc_n < 1)
		return TEST_SKIPPED;
	p.spin = 20000;
	TEST_ASSERT_SUCCESS(probe_start(&p, "busy", 0, 1), "set up");
	TEST_ASSERT_SUCCESS(rte_service_lcore_start(svc_lcores[0]), "start");
	TEST_ASSERT(wait_calls(&p, 10), "service not called");
	TEST_ASSERT_SUCCESS(rte_service_component_unregister(p.id),
			"unregister");
	TEST_ASSERT_EQUAL(__atomic_load_n(&p.inside, __ATOMIC_ACQUIRE), 0,
			"a core is still in the callback after unregister");
	calls = probe_calls(&p);
	sleep_ms(SVC_RUN_MS);
	TEST_ASSERT_EQUAL(probe_calls(&p), calls,
			"called %" PRIu64 " times after unregister",
			probe_calls(&p) - calls);
	return TEST_SUCCESS;
}

static int32_t
empty_cb(void *arg)
{
	(void)arg;
	return 0;
}

/* what the loop costs around one empty service; printed, not asserted */
static int
test_service_perf(void)
{
	struct rte_service_spec spec = { .callback = empty_cb,
		.capabilities = RTE_SERVICE_CAP_MT_SAFE };
	uint64_t loops, t0, ns, i, n = 1000000;
	uint32_t id;

	snprintf(spec.name, sizeof(spec.name), "empty");
	TEST_ASSERT_SUCCESS(rte_service_component_register(&spec, &id),
			"register");
	rte_service_runstate_set(id, 1);
	rte_service_component_runstate_set(id, 1);

	t0 = now_ms();
	for (i = 0; i < n; i++)
		rte_service_run_iter_on_app_lcore(id, 1);
	ns = (now_ms() - t0) * 1000000;
	printf("run_iter_on_app_lcore: %.1f ns per call of an empty "
		"service\n", (double)ns / (double)n);
	if (svc_n < 1)
		return TEST_SUCCESS;

	rte_service_map_lcore_set(id, svc_lcores[0], 1);
	rte_service_lcore_attr_reset_all(svc_lcores[0]);
	TEST_ASSERT_SUCCESS(rte_service_lcore_start(svc_lcores[0]), "start");
	t0 = now_ms();
	sleep_ms(100);
	rte_service_runstate_set(id, 0);
	rte_service_map_lcore_set(id, svc_lcores[0], 0);
	rte_service_lcore_stop(svc_lcores[0]);
	ns = (now_ms() - t0) * 1000000;
	rte_service_lcore_attr_get(svc_lcores[0],
			RTE_SERVICE_LCORE_ATTR_LOOPS, &loops);
	printf("service core loop: %" PRIu64 " loops in %" PRIu64 " ms, "
		"%.1f ns per loop calling one empty service\n", loops,
		ns / 1000000, loops ? (double)ns / (double)loops : 0.0);
	return TEST_SUCCESS;
}

static struct unit_test_suite service_suite = {
	.suite_name = "service cores",
	.unit_test_cases = {
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_register_lookup),
		TEST_CASE_ST(svc_setup, svc_teardown, test_service_bad_args),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_runs_when_all_conditions_hold),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_stop_ends_calls),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_mt_unsafe_never_overlaps),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_mt_safe_may_overlap),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_run_iter_on_app_lcore),
		TEST_CASE_ST(svc_setup, svc_teardown, test_service_stats),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_lcore_stats),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_lcore_state_rules),
		TEST_CASE_ST(svc_setup, svc_teardown,
			test_service_unregister_while_running),
		TEST_CASE_ST(svc_setup, svc_teardown, test_service_perf),
		TEST_CASES_END()
	}
};

static int
test_service(void)
{
	return unit_test_suite_runner(&service_suite);
}

REGISTER_TEST_COMMAND(service_autotest, test_service);
