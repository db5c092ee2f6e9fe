/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * timer_autotest: rte_timer, one behaviour per case. Single and periodic
 * timers fire when due and not before, reset moves a pending timer, stop
 * takes it out, callbacks stop or re-arm their own timer and stop others,
 * a timer armed onto another lcore runs there, 1000 random timers fire in
 * expiry order, rte_timer_next_ticks, the alt API with two instances,
 * reset_sync/stop_sync against a callback running on another lcore, bad
 * arguments; the lists are validated after each case. A perf case prints
 * the cost of arming and of rte_timer_manage with many timers pending.
 * timer_mp_autotest: a secondary process arms a timer onto the primary's
 * main lcore through the shared lists, and the primary runs it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_memzone.h>
#include <rte_pause.h>
#include <rte_random.h>
#include <rte_timer.h>

#include "eal_internal_cfg.h"
#include "test.h"
#include "timer_internal.h"

#define TM_MANY 1000u

static uint64_t tm_hz;

/* cycles for ms milliseconds */
static uint64_t
tm_ms(uint64_t ms)
{
	return tm_hz * ms / 1000;
}

/* call rte_timer_manage on this lcore for the given cycles */
static void
tm_manage_for(uint64_t cycles)
{
	uint64_t end = rte_get_timer_cycles() + cycles;

	while (rte_get_timer_cycles() < end)
		rte_timer_manage();
}

/* call rte_timer_manage until *count reaches want or ms pass */
static void
tm_manage_until(volatile unsigned int *count, unsigned int want,
		uint64_t ms)
{
	uint64_t end = rte_get_timer_cycles() + tm_ms(ms);

	while (*count < want && rte_get_timer_cycles() < end)
		rte_timer_manage();
}

static int
tm_lists_ok(void)
{
	return timer_data_check(0, stdout) == 0;
}

/* what a callback saw */
struct tm_rec {
	volatile unsigned int calls;
	uint64_t first_at;              /* cycles at the first call */
	unsigned int lcore;             /* lcore of the last call */
	unsigned int limit;             /* for callbacks that act after n */
	struct rte_timer *other;        /* for callbacks that touch another */
};

static void
tm_count_cb(struct rte_timer *tim, void *arg)
{
	struct tm_rec *r = arg;

	RTE_SET_USED(tim);
	if (r->calls == 0)
		r->first_at = rte_get_timer_cycles();
	r->lcore = rte_lcore_id();
	r->calls++;
}

// ---------------------------------------------------------------------
// one lcore

static int
test_timer_single_fires_once(void)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	struct tm_rec r = { 0 };
	uint64_t armed;

	armed = rte_get_timer_cycles();
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, tm_ms(20), SINGLE,
		rte_lcore_id(), tm_count_cb, &r), "reset");
	TEST_ASSERT(rte_timer_pending(&tim), "not pending after reset");
	tm_manage_until(&r.calls, 1, 1000);
	TEST_ASSERT_EQUAL(r.calls, 1u, "did not fire within 1 s");
	TEST_ASSERT(r.first_at >= armed + tm_ms(20), "fired %" PRIu64
		" cycles before its expiry", armed + tm_ms(20) - r.first_at);
	tm_manage_for(tm_ms(30));
	TEST_ASSERT_EQUAL(r.calls, 1u, "a SINGLE timer fired %u times",
		r.calls);
	TEST_ASSERT(!rte_timer_pending(&tim), "pending after it ran");
	TEST_ASSERT_EQUAL(tim.status.state, RTE_TIMER_STOP, "state %u",
		tim.status.state);
	return TEST_SUCCESS;
}

static int
test_timer_periodic_until_stopped(void)
{
	struct rte_timer tim;
	struct tm_rec r = { 0 };
	unsigned int seen;

	rte_timer_init(&tim);
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, tm_ms(2), PERIODICAL,
		rte_lcore_id(), tm_count_cb, &r), "reset");
	tm_manage_until(&r.calls, 5, 1000);
	TEST_ASSERT(r.calls >= 5, "a 2 ms periodic timer fired %u times in 1 s",
		r.calls);
	TEST_ASSERT(rte_timer_pending(&tim), "not pending between runs");
	TEST_ASSERT_SUCCESS(rte_timer_stop(&tim), "stop");
	seen = r.calls;
	tm_manage_for(tm_ms(10));
	TEST_ASSERT_EQUAL(r.calls, seen, "fired after rte_timer_stop");
	TEST_ASSERT(tm_lists_ok(), "lists");
	return TEST_SUCCESS;
}

static int
test_timer_reset_moves_pending(void)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	struct tm_rec r = { 0 }, r2 = { 0 };
	unsigned int self = rte_lcore_id();
	uint64_t armed = rte_get_timer_cycles();

	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, tm_ms(2), SINGLE, self,
		tm_count_cb, &r), "first reset");
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, tm_ms(30), SINGLE, self,
		tm_count_cb, &r2), "second reset");
	TEST_ASSERT(tm_lists_ok(), "lists after moving");
	tm_manage_until(&r2.calls, 1, 1000);
	tm_manage_for(tm_ms(5));
	TEST_ASSERT(r.calls == 0 && r2.calls == 1, "calls: old arg %u, new "
		"arg %u; want 0 and 1", r.calls, r2.calls);
	TEST_ASSERT(r2.first_at >= armed + tm_ms(30), "ran before its new "
		"expiry");
	/* and back to earlier: a reset may shorten too */
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, tm_hz, SINGLE, self,
		tm_count_cb, &r), "long reset");
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, 0, SINGLE, self,
		tm_count_cb, &r), "reset to now");
	rte_timer_manage();
	TEST_ASSERT_EQUAL(r.calls, 1u, "a timer reset to now did not run");
	return TEST_SUCCESS;
}

static int
test_timer_stop_pending(void)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	struct tm_rec r = { 0 };

	TEST_ASSERT_SUCCESS(rte_timer_stop(&tim), "stopping a stopped timer");
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, tm_ms(2), SINGLE,
		rte_lcore_id(), tm_count_cb, &r), "reset");
	TEST_ASSERT_SUCCESS(rte_timer_stop(&tim), "stop");
	TEST_ASSERT(!rte_timer_pending(&tim), "pending after stop");
	TEST_ASSERT_EQUAL(tim.status.owner, RTE_TIMER_NO_OWNER, "owner %d",
		tim.status.owner);
	TEST_ASSERT(tm_lists_ok(), "lists after stop");
	tm_manage_for(tm_ms(8));
	TEST_ASSERT_EQUAL(r.calls, 0u, "a stopped timer fired");
	return TEST_SUCCESS;
}

/* periodic: stops itself at the limit */
static void
tm_stop_self_cb(struct rte_timer *tim, void *arg)
{
	struct tm_rec *r = arg;

	if (++r->calls == r->limit)
		r->lcore = rte_timer_stop(tim) == 0;
}

/* single: arms itself again until the limit */
static void
tm_rearm_self_cb(struct rte_timer *tim, void *arg)
{
	struct tm_rec *r = arg;

	if (++r->calls < r->limit)
		r->lcore = rte_timer_reset(tim, 0, SINGLE, rte_lcore_id(),
			tm_rearm_self_cb, r) == 0;
}

/* stops another, pending, timer */
static void
tm_stop_other_cb(struct rte_timer *tim, void *arg)
{
	struct tm_rec *r = arg;

	RTE_SET_USED(tim);
	r->calls++;
	r->lcore = rte_timer_stop(r->other) == 0;
}

static int
test_timer_callback_changes_timers(void)
{
	struct rte_timer a = RTE_TIMER_INITIALIZER, b = RTE_TIMER_INITIALIZER;
	struct tm_rec ra = { .limit = 3 }, rb = { 0 };
	unsigned int self = rte_lcore_id();

	TEST_ASSERT_SUCCESS(rte_timer_reset(&a, tm_ms(1), PERIODICAL, self,
		tm_stop_self_cb, &ra), "reset");
	tm_manage_until(&ra.calls, 3, 1000);
	tm_manage_for(tm_ms(5));
	TEST_ASSERT(ra.calls == 3 && ra.lcore == 1, "periodic stopping "
		"itself at 3: %u calls, stop %s", ra.calls,
		ra.lcore ? "ok" : "failed");
	TEST_ASSERT(!rte_timer_pending(&a), "pending after it stopped itself");

	ra = (struct tm_rec){ .limit = 5 };
	TEST_ASSERT_SUCCESS(rte_timer_reset(&a, 0, SINGLE, self,
		tm_rearm_self_cb, &ra), "reset");
	tm_manage_until(&ra.calls, 5, 1000);
	tm_manage_for(tm_ms(2));
	TEST_ASSERT(ra.calls == 5 && ra.lcore == 1, "single re-arming itself "
		"4 times: %u calls", ra.calls);

	ra = (struct tm_rec){ .other = &b };
	TEST_ASSERT_SUCCESS(rte_timer_reset(&a, tm_ms(1), SINGLE, self,
		tm_stop_other_cb, &ra), "reset a");
	TEST_ASSERT_SUCCESS(rte_timer_reset(&b, tm_hz, SINGLE, self,
		tm_count_cb, &rb), "reset b");
	tm_manage_until(&ra.calls, 1, 1000);
	TEST_ASSERT(ra.calls == 1 && ra.lcore == 1 && rb.calls == 0 &&
			!rte_timer_pending(&b),
		"a stopping b: a ran %u, stop %s, b ran %u", ra.calls,
		ra.lcore ? "ok" : "failed", rb.calls);
	TEST_ASSERT(tm_lists_ok(), "lists");
	return TEST_SUCCESS;
}

/* 1000 timers, random expiries: each runs once, not early, in order */
struct tm_order {
	unsigned int n;
	unsigned int early;
	uint64_t last;
	unsigned int out_of_order;
};

static void
tm_order_cb(struct rte_timer *tim, void *arg)
{
	struct tm_order *o = arg;

	if (rte_get_timer_cycles() < tim->expire)
		o->early++;
	if (tim->expire < o->last)
		o->out_of_order++;
	o->last = tim->expire;
	o->n++;
}

static int
test_timer_many_in_order(void)
{
	struct rte_timer *tims;
	struct tm_order o = { 0 };
	unsigned int i, self = rte_lcore_id();
	uint64_t end;

	tims = calloc(TM_MANY, sizeof(*tims));
	TEST_ASSERT_NOT_NULL(tims, "calloc");
	for (i = 0; i < TM_MANY; i++) {
		rte_timer_init(&tims[i]);
		/* some share an expiry on purpose: small range */
		rte_timer_reset(&tims[i], rte_rand_max(tm_ms(40)), SINGLE,
			self, tm_order_cb, &o);
	}
	if (!tm_lists_ok()) {
		free(tims);
		TEST_ASSERT(0, "lists with %u timers", TM_MANY);
	}
	end = rte_get_timer_cycles() + tm_hz;
	while (o.n < TM_MANY && rte_get_timer_cycles() < end)
		rte_timer_manage();
	for (i = 0; i < TM_MANY; i++)
		o.early += rte_timer_pending(&tims[i]);
	free(tims);
	TEST_ASSERT(o.n == TM_MANY && o.early == 0 && o.out_of_order == 0,
		"%u of %u ran, %u early or left, %u out of order", o.n,
		TM_MANY, o.early, o.out_of_order);
	TEST_ASSERT(tm_lists_ok(), "lists after");
	return TEST_SUCCESS;
}

static int
test_timer_next_ticks(void)
{
	struct rte_timer a = RTE_TIMER_INITIALIZER, b = RTE_TIMER_INITIALIZER;
	struct tm_rec r = { 0 };
	unsigned int self = rte_lcore_id();
	int64_t left;

	TEST_ASSERT_EQUAL(rte_timer_next_ticks(), -ENOENT,
		"nothing pending: %" PRId64, rte_timer_next_ticks());
	rte_timer_reset(&a, tm_hz, SINGLE, self, tm_count_cb, &r);
	left = rte_timer_next_ticks();
	TEST_ASSERT(left > (int64_t)(tm_hz / 2) && left <= (int64_t)tm_hz,
		"1 s timer: %" PRId64 " of %" PRIu64 " ticks left", left,
		tm_hz);
	rte_timer_reset(&b, tm_ms(10), SINGLE, self, tm_count_cb, &r);
	left = rte_timer_next_ticks();
	TEST_ASSERT(left <= (int64_t)tm_ms(10), "the earlier timer counts: "
		"%" PRId64, left);
	rte_delay_ms(11);
	TEST_ASSERT_EQUAL(rte_timer_next_ticks(), 0, "due timer: %" PRId64,
		rte_timer_next_ticks());
	rte_timer_stop(&a);
	rte_timer_stop(&b);
	TEST_ASSERT_EQUAL(rte_timer_next_ticks(), -ENOENT, "after stops");
	return TEST_SUCCESS;
}

// ---------------------------------------------------------------------
// the alt API

static void
tm_alt_cb(struct rte_timer *tim)
{
	struct tm_rec *r = tim->arg;

	r->calls += 100;
}

static void
tm_stopped_cb(struct rte_timer *tim, void *arg)
{
	RTE_SET_USED(tim);
	(*(unsigned int *)arg)++;
}

static int
tm_alt_case(uint32_t id1, uint32_t id2)
{
	struct rte_timer a = RTE_TIMER_INITIALIZER, b = RTE_TIMER_INITIALIZER;
	struct rte_timer c = RTE_TIMER_INITIALIZER;
	struct tm_rec ra = { 0 }, rb = { 0 };
	unsigned int self = rte_lcore_id(), stopped = 0;

	TEST_ASSERT(id1 != id2 && id1 != 0 && id2 != 0, "ids %u %u", id1, id2);
	TEST_ASSERT_SUCCESS(rte_timer_alt_reset(id1, &a, 0, SINGLE, self,
		tm_count_cb, &ra), "alt reset a");
	TEST_ASSERT_SUCCESS(rte_timer_alt_reset(id2, &b, 0, SINGLE, self,
		tm_count_cb, &rb), "alt reset b");
	TEST_ASSERT_SUCCESS(rte_timer_alt_reset(id2, &c, tm_hz, SINGLE, self,
		tm_count_cb, &rb), "alt reset c");
	rte_timer_manage();
	TEST_ASSERT(ra.calls == 0 && rb.calls == 0,
		"rte_timer_manage ran another instance's timers");
	TEST_ASSERT_SUCCESS(rte_timer_alt_manage(id1, &self, 1, NULL),
		"alt manage 1");
	TEST_ASSERT(ra.calls == 1 && rb.calls == 0, "instance 1: a %u b %u",
		ra.calls, rb.calls);
	TEST_ASSERT_SUCCESS(rte_timer_alt_manage(id2, &self, 1, tm_alt_cb),
		"alt manage 2");
	TEST_ASSERT_EQUAL(rb.calls, 100u, "the manage callback replaces the "
		"timer's: %u", rb.calls);
	TEST_ASSERT_EQUAL(timer_data_check(id2, stdout), 0, "instance 2");
	TEST_ASSERT_SUCCESS(rte_timer_stop_all(id2, &self, 1, tm_stopped_cb,
		&stopped), "stop_all");
	TEST_ASSERT(stopped == 1 && !rte_timer_pending(&c),
		"stop_all stopped %u", stopped);
	TEST_ASSERT_SUCCESS(rte_timer_alt_stop(id1, &a), "alt stop");
	rte_timer_alt_dump_stats(id2, stdout);
	return TEST_SUCCESS;
}

static int
test_timer_alt_two_instances(void)
{
	uint32_t id1 = 0, id2 = 0;
	int ret;

	TEST_ASSERT_SUCCESS(rte_timer_data_alloc(&id1), "alloc 1");
	TEST_ASSERT_SUCCESS(rte_timer_data_alloc(&id2), "alloc 2");
	ret = tm_alt_case(id1, id2);
	TEST_ASSERT_SUCCESS(rte_timer_data_dealloc(id1), "dealloc 1");
	TEST_ASSERT_SUCCESS(rte_timer_data_dealloc(id2), "dealloc 2");
	TEST_ASSERT_EQUAL(rte_timer_data_dealloc(id2), -EINVAL,
		"dealloc twice");
	TEST_ASSERT_EQUAL(rte_timer_alt_manage(id1, NULL, 0, NULL), -EINVAL,
		"manage of a freed instance");
	return ret;
}

// ---------------------------------------------------------------------
// two lcores

struct tm_worker {
	volatile int quit;
	unsigned int lcore;
};

static int
tm_worker_loop(void *arg)
{
	struct tm_worker *w = arg;

	while (!w->quit)
		rte_timer_manage();
	return 0;
}

static int
tm_worker_start(struct tm_worker *w)
{
	if (rte_lcore_count() < 2) {
		printf("needs 2 lcores (-l 0-1), has %u\n", rte_lcore_count());
		return TEST_SKIPPED;
	}
	w->quit = 0;
	w->lcore = rte_get_next_lcore(-1, 1, 0);
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(tm_worker_loop, w, w->lcore),
		"launch on lcore %u", w->lcore);
	return TEST_SUCCESS;
}

static void
tm_worker_stop(struct tm_worker *w)
{
	w->quit = 1;
	rte_eal_wait_lcore(w->lcore);
}

static int
test_timer_runs_on_target_lcore(void)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	struct tm_rec r = { 0 };
	struct tm_worker w;
	uint64_t end;
	int ret;

	ret = tm_worker_start(&w);
	if (ret != TEST_SUCCESS)
		return ret;
	rte_timer_reset(&tim, tm_ms(1), SINGLE, w.lcore, tm_count_cb, &r);
	end = rte_get_timer_cycles() + tm_hz;
	/* the main lcore manages too: it must not run the worker's timer */
	while (r.calls == 0 && rte_get_timer_cycles() < end)
		rte_timer_manage();
	tm_worker_stop(&w);
	TEST_ASSERT(r.calls == 1 && r.lcore == w.lcore, "armed onto lcore %u,"
		" ran %u times, on lcore %u", w.lcore, r.calls, r.lcore);
	TEST_ASSERT(tm_lists_ok(), "lists");
	return TEST_SUCCESS;
}

/* the callback holds the worker for a while, telling main when it is in */
struct tm_slow {
	volatile int inside;
	volatile unsigned int calls;
	uint64_t hold;
};

static void
tm_slow_cb(struct rte_timer *tim, void *arg)
{
	struct tm_slow *s = arg;
	uint64_t end = rte_get_timer_cycles() + s->hold;

	RTE_SET_USED(tim);
	__atomic_store_n(&s->inside, 1, __ATOMIC_RELEASE);
	while (rte_get_timer_cycles() < end)
		rte_pause();
	s->calls++;
	__atomic_store_n(&s->inside, 0, __ATOMIC_RELEASE);
}

static int
tm_wait_inside(struct tm_slow *s)
{
	uint64_t end = rte_get_timer_cycles() + tm_hz;

	while (!__atomic_load_n(&s->inside, __ATOMIC_ACQUIRE))
		if (rte_get_timer_cycles() > end)
			return -1;
	return 0;
}

/* wait up to 1 s for another lcore's callback to have run want times */
static void
tm_wait_calls(volatile unsigned int *calls, unsigned int want)
{
	uint64_t end = rte_get_timer_cycles() + tm_hz;

	while (*calls < want && rte_get_timer_cycles() < end)
		rte_pause();
}

static int
tm_sync_case(struct tm_worker *w)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	struct tm_slow s = { .hold = tm_ms(50) };
	unsigned int calls;
	struct tm_rec r = { 0 };

	/* period 1 cycle: due again as soon as it returns */
	rte_timer_reset(&tim, 1, PERIODICAL, w->lcore, tm_slow_cb, &s);
	TEST_ASSERT_SUCCESS(tm_wait_inside(&s), "callback never ran");
	TEST_ASSERT_EQUAL(rte_timer_stop(&tim), -1, "stop of a timer running "
		"on another lcore");
	TEST_ASSERT_EQUAL(rte_timer_reset(&tim, 0, SINGLE, w->lcore,
		tm_slow_cb, &s), -1, "reset of a timer running elsewhere");
	rte_timer_stop_sync(&tim);
	TEST_ASSERT_EQUAL(s.inside, 0, "stop_sync returned with the callback "
		"running");
	calls = s.calls;
	rte_delay_ms(5);
	TEST_ASSERT_EQUAL(s.calls, calls, "the periodic timer ran after "
		"stop_sync");

	rte_timer_reset(&tim, 0, SINGLE, w->lcore, tm_slow_cb, &s);
	TEST_ASSERT_SUCCESS(tm_wait_inside(&s), "callback never ran again");
	rte_timer_reset_sync(&tim, 0, SINGLE, w->lcore, tm_count_cb, &r);
	TEST_ASSERT_EQUAL(s.inside, 0, "reset_sync returned with the "
		"callback running");
	tm_wait_calls(&r.calls, 1);
	rte_delay_ms(5);
	TEST_ASSERT_EQUAL(r.calls, 1u, "the timer reset by reset_sync ran %u"
		" times", r.calls);
	return TEST_SUCCESS;
}

static int
test_timer_sync_against_running_callback(void)
{
	struct tm_worker w;
	int ret;

	ret = tm_worker_start(&w);
	if (ret != TEST_SUCCESS)
		return ret;
	ret = tm_sync_case(&w);
	tm_worker_stop(&w);
	if (ret == TEST_SUCCESS && !tm_lists_ok())
		ret = TEST_FAILED;
	return ret;
}

// ---------------------------------------------------------------------
// bad arguments and init

static void
tm_noop_cb(struct rte_timer *tim, void *arg)
{
	RTE_SET_USED(tim);
	RTE_SET_USED(arg);
}

static int
test_timer_bad_args(void)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	unsigned int bad = RTE_MAX_LCORE;

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_timer_reset(NULL, 1, SINGLE, 0, tm_noop_cb,
		NULL), -EINVAL, "NULL timer");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_timer_reset(&tim, 1, SINGLE, RTE_MAX_LCORE,
		tm_noop_cb, NULL), -EINVAL, "lcore RTE_MAX_LCORE");
	TEST_ASSERT_EQUAL(rte_timer_reset(&tim, 1, SINGLE, 0, NULL, NULL),
		-EINVAL, "NULL callback");
	TEST_ASSERT_EQUAL(rte_timer_reset(&tim, 1, (enum rte_timer_type)7, 0,
		tm_noop_cb, NULL), -EINVAL, "unknown type");
	TEST_ASSERT(!rte_timer_pending(&tim), "armed by a failed reset");
	TEST_ASSERT_EQUAL(rte_timer_stop(NULL), -EINVAL, "stop NULL");
	TEST_ASSERT_EQUAL(rte_timer_pending(NULL), 0, "pending NULL");
	TEST_ASSERT_EQUAL(rte_timer_alt_reset(TM_MANY, &tim, 1, SINGLE, 0,
		tm_noop_cb, NULL), -EINVAL, "unknown instance");
	TEST_ASSERT_EQUAL(rte_timer_alt_stop(5, &tim), -EINVAL,
		"unallocated instance");
	TEST_ASSERT_EQUAL(rte_timer_data_alloc(NULL), -EINVAL, "NULL id");
	TEST_ASSERT_EQUAL(rte_timer_data_dealloc(0), -EINVAL,
		"dealloc of the default instance");
	TEST_ASSERT_EQUAL(rte_timer_alt_manage(0, &bad, 1, NULL), -EINVAL,
		"poll lcore out of range");
	TEST_ASSERT_EQUAL(rte_timer_alt_manage(0, &bad, -1, NULL), -EINVAL,
		"negative lcore count");
	TEST_ASSERT_EQUAL(rte_timer_stop_all(0, &bad, 1, NULL, NULL), -EINVAL,
		"walk lcore out of range");
	TEST_ASSERT_EQUAL(rte_timer_alt_dump_stats(0, NULL), -EINVAL,
		"NULL stream");
	TEST_ASSERT_EQUAL(rte_timer_subsystem_init(), -EALREADY,
		"second init");
	return TEST_SUCCESS;
}

/* 64 instances as DPDK's, the default one included; then -ENOSPC */
static int
test_timer_data_instances_run_out(void)
{
	uint32_t ids[64], extra;
	unsigned int n = 0, i;
	int ret;

	while (n < RTE_DIM(ids) && rte_timer_data_alloc(&ids[n]) == 0)
		n++;
	ret = rte_timer_data_alloc(&extra);
	for (i = 0; i < n; i++)
		rte_timer_data_dealloc(ids[i]);
	TEST_ASSERT(n == 63 && ret == -ENOSPC && rte_errno == ENOSPC,
		"allocated %u besides the default, then %d; want 63, -ENOSPC",
		n, ret);
	return TEST_SUCCESS;
}

static int
test_timer_finalize_and_init_again(void)
{
	struct rte_timer tim = RTE_TIMER_INITIALIZER;
	struct tm_rec r = { 0 };

	rte_timer_subsystem_finalize();
	TEST_ASSERT_NULL(rte_memzone_lookup("rte_timer_lists"),
		"the last user's finalize left the memzone");
	TEST_ASSERT_EQUAL(rte_timer_manage(), -EINVAL, "manage without init");
	TEST_ASSERT_EQUAL(rte_timer_reset(&tim, 0, SINGLE, 0, tm_count_cb,
		&r), -EINVAL, "reset without init");
	rte_timer_subsystem_finalize();
	TEST_ASSERT_SUCCESS(rte_timer_subsystem_init(), "init again");
	TEST_ASSERT_SUCCESS(rte_timer_reset(&tim, 0, SINGLE, rte_lcore_id(),
		tm_count_cb, &r), "reset after init");
	rte_timer_manage();
	TEST_ASSERT_EQUAL(r.calls, 1u, "ran %u times", r.calls);
	return TEST_SUCCESS;
}

// ---------------------------------------------------------------------
// cost (printed, not asserted)

static double
tm_ns(uint64_t cycles, unsigned int ops)
{
	return (double)cycles * 1e9 / (double)tm_hz / ops;
}

/* far enough that no timer of the perf case falls due while it measures */
#define TM_FAR (tm_hz * 100)

static int
tm_perf_run(struct rte_timer *tims, unsigned int n)
{
	struct tm_order o = { 0 };
	unsigned int i, self = rte_lcore_id();
	uint64_t t0, t_arm, t_rearm, t_idle, t_fire;

	t0 = rte_get_timer_cycles();
	for (i = 0; i < n; i++)
		rte_timer_reset(&tims[i], TM_FAR + rte_rand_max(tm_hz), SINGLE,
			self, tm_order_cb, &o);
	t_arm = rte_get_timer_cycles() - t0;
	t0 = rte_get_timer_cycles();
	for (i = 0; i < n; i++)
		rte_timer_reset(&tims[i], TM_FAR + rte_rand_max(tm_hz), SINGLE,
			self, tm_order_cb, &o);
	t_rearm = rte_get_timer_cycles() - t0;
	t0 = rte_get_timer_cycles();
	for (i = 0; i < 1000; i++)
		rte_timer_manage();
	t_idle = rte_get_timer_cycles() - t0;
	for (i = 0; i < n; i++)
		rte_timer_reset(&tims[i], 0, SINGLE, self, tm_order_cb, &o);
	t0 = rte_get_timer_cycles();
	rte_timer_manage();
	t_fire = rte_get_timer_cycles() - t0;
	printf("timer perf, %6u pending: reset %6.1f ns, re-reset (move) "
		"%6.1f ns, manage with none due %5.1f ns, manage running all "
		"%6.1f ns per timer\n", n, tm_ns(t_arm, n), tm_ns(t_rearm, n),
		tm_ns(t_idle, 1000), tm_ns(t_fire, n));
	TEST_ASSERT_EQUAL(o.n, n, "ran %u of %u", o.n, n);
	return TEST_SUCCESS;
}

static int
test_timer_perf(void)
{
	static const unsigned int sizes[] = { 10, 1000, 100000 };
	struct rte_timer *tims;
	unsigned int i;
	int ret = TEST_SUCCESS;

	tims = calloc(sizes[RTE_DIM(sizes) - 1], sizeof(*tims));
	TEST_ASSERT_NOT_NULL(tims, "calloc");
	for (i = 0; i < sizes[RTE_DIM(sizes) - 1]; i++)
		rte_timer_init(&tims[i]);
	for (i = 0; i < RTE_DIM(sizes) && ret == TEST_SUCCESS; i++)
		ret = tm_perf_run(tims, sizes[i]);
	free(tims);
	return ret;
}

// ---------------------------------------------------------------------

static int
tm_suite_setup(void)
{
	int ret = rte_timer_subsystem_init();

	tm_hz = rte_get_timer_hz();
	return ret == 0 || ret == -EALREADY ? TEST_SUCCESS : TEST_FAILED;
}

static void
tm_suite_teardown(void)
{
	rte_timer_subsystem_finalize();
}

static struct unit_test_suite timer_suite = {
	.suite_name = "timer autotest",
	.setup = tm_suite_setup,
	.teardown = tm_suite_teardown,
	.unit_test_cases = {
		TEST_CASE(test_timer_bad_args),
		TEST_CASE(test_timer_data_instances_run_out),
		TEST_CASE(test_timer_single_fires_once),
		TEST_CASE(test_timer_periodic_until_stopped),
		TEST_CASE(test_timer_reset_moves_pending),
		TEST_CASE(test_timer_stop_pending),
		TEST_CASE(test_timer_callback_changes_timers),
		TEST_CASE(test_timer_many_in_order),
		TEST_CASE(test_timer_next_ticks),
		TEST_CASE(test_timer_alt_two_instances),
		TEST_CASE(test_timer_runs_on_target_lcore),
		TEST_CASE(test_timer_sync_against_running_callback),
		TEST_CASE(test_timer_finalize_and_init_again),
		TEST_CASE(test_timer_perf),
		TEST_CASES_END()
	}
};

static int
test_timer(void)
{
	return unit_test_suite_runner(&timer_suite);
}

REGISTER_TEST_COMMAND(timer_autotest, test_timer);

// ---------------------------------------------------------------------
// secondary process

#define TMP_ZONE "tm_mp_zone"

/* in shared memory: the timer the secondary arms */
struct tm_mp {
	struct rte_timer tim;
	volatile unsigned int calls;
	unsigned int lcore;             /* the primary's lcore to run it */
};

/* in the secondary: arm the primary's timer onto the primary's lcore */
static int
test_timer_mp_secondary(void)
{
	const struct rte_memzone *mz;
	struct tm_mp *z;

	TEST_ASSERT_EQUAL(rte_eal_process_type(), RTE_PROC_SECONDARY,
		"not a secondary");
	TEST_ASSERT_SUCCESS(rte_timer_subsystem_init(), "init in secondary");
	mz = rte_memzone_lookup(TMP_ZONE);
	TEST_ASSERT_NOT_NULL(mz, "no memzone " TMP_ZONE);
	z = mz->addr;
	TEST_ASSERT_SUCCESS(rte_timer_reset(&z->tim, 0, SINGLE, z->lcore,
		tm_noop_cb, z), "reset onto lcore %u", z->lcore);
	rte_timer_subsystem_finalize();
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(timer_mp_secondary, test_timer_mp_secondary);

/* the callback pointer is the secondary's: run through alt_manage's */
static void
tm_mp_cb(struct rte_timer *tim)
{
	struct tm_mp *z = container_of(tim, struct tm_mp, tim);

	z->calls++;
}

static int
tm_mp_run(struct tm_mp *z)
{
	int status;

	status = test_run_child("timer_mp_secondary",
			test_secondary_args(NULL));
	TEST_ASSERT_EQUAL(status, 0, "secondary exited with %d", status);
	TEST_ASSERT(rte_timer_pending(&z->tim) &&
		z->tim.status.owner == (int16_t)z->lcore,
		"the secondary's timer is not pending on lcore %u", z->lcore);
	TEST_ASSERT(tm_lists_ok(), "lists");
	TEST_ASSERT_SUCCESS(rte_timer_alt_manage(0, NULL, 0, tm_mp_cb),
		"manage");
	TEST_ASSERT_EQUAL(z->calls, 1u, "ran %u times", z->calls);
	TEST_ASSERT(!rte_timer_pending(&z->tim), "pending after it ran");
	return TEST_SUCCESS;
}

static int
test_timer_mp(void)
{
	const struct rte_memzone *mz;
	struct tm_mp *z;
	int ret;

	if (eal_get_internal_configuration()->no_hugetlbfs) {
		printf("a secondary cannot attach to a --no-huge primary\n");
		return TEST_SKIPPED;
	}
	ret = rte_timer_subsystem_init();
	TEST_ASSERT(ret == 0 || ret == -EALREADY, "init: %d", ret);
	mz = rte_memzone_reserve(TMP_ZONE, sizeof(*z), SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve: %s", rte_strerror(rte_errno));
	z = mz->addr;
	rte_timer_init(&z->tim);
	z->calls = 0;
	z->lcore = rte_lcore_id();
	ret = tm_mp_run(z);
	rte_memzone_free(mz);
	rte_timer_subsystem_finalize();
	return ret;
}

REGISTER_TEST_COMMAND(timer_mp_autotest, test_timer_mp);
