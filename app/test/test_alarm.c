/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Alarms: argument checks, firing in deadline order, cancellation (one,
 * by any argument, none), setting from a callback, cancelling from inside
 * the running callback (EINPROGRESS), and a cancel from another thread
 * waiting for the running callback to finish.
 */

#include <errno.h>
#include <stdint.h>
#include <time.h>

#include <rte_alarm.h>
#include <rte_common.h>
#include <rte_errno.h>

#include "test.h"

#define MAX_FIRED 16

static struct {
	volatile int n;
	volatile intptr_t order[MAX_FIRED];
} fired;

static void
ms_sleep(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) != 0)
		;
}

/* wait up to ms for n alarms to have fired */
static int
wait_fired(int n, unsigned int ms)
{
	while (fired.n < n && ms-- > 0)
		ms_sleep(1);
	return fired.n >= n ? 0 : -1;
}

static void
record_cb(void *arg)
{
	int i = __atomic_fetch_add(&fired.n, 1, __ATOMIC_SEQ_CST);

	if (i < MAX_FIRED)
		fired.order[i] = (intptr_t)arg;
}

static int
test_alarm_bad_args(void)
{
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_alarm_set(0, record_cb, NULL), -EINVAL,
		"0 us accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_eal_alarm_set(1000, NULL, NULL), -EINVAL,
		"NULL callback accepted");
	TEST_ASSERT_EQUAL(rte_eal_alarm_set(UINT64_MAX, record_cb, NULL),
		-EINVAL, "overflowing delay accepted");
	TEST_ASSERT_EQUAL(rte_eal_alarm_cancel(NULL, NULL), -1,
		"cancel of NULL accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	return TEST_SUCCESS;
}

static int
test_alarm_order(void)
{
	/* 100 ms apart, so a loaded (sanitizer) run that is slow between
	 * the set calls cannot reorder the deadlines */
	fired.n = 0;
	TEST_ASSERT_SUCCESS(rte_eal_alarm_set(300000, record_cb, (void *)3),
		"set");
	TEST_ASSERT_SUCCESS(rte_eal_alarm_set(100000, record_cb, (void *)1),
		"set");
	TEST_ASSERT_SUCCESS(rte_eal_alarm_set(200000, record_cb, (void *)2),
		"set");
	TEST_ASSERT_SUCCESS(wait_fired(3, 2000), "only %d of 3 fired", fired.n);
	TEST_ASSERT(fired.order[0] == 1 && fired.order[1] == 2 &&
		fired.order[2] == 3, "fired in order %d %d %d",
		(int)fired.order[0], (int)fired.order[1], (int)fired.order[2]);
	return TEST_SUCCESS;
}

static int
test_alarm_cancel(void)
{
	int n;

	/* deadlines far enough out that a loaded machine still cancels
	 * them before they are due */
	fired.n = 0;
	rte_eal_alarm_set(200000, record_cb, (void *)1);
	rte_eal_alarm_set(200000, record_cb, (void *)2);
	rte_eal_alarm_set(200000, record_cb, (void *)3);
	rte_eal_alarm_set(400000, record_cb, (void *)4);

	n = rte_eal_alarm_cancel(record_cb, (void *)2);
	TEST_ASSERT_EQUAL(n, 1, "cancelled %d alarms of arg 2", n);
	n = rte_eal_alarm_cancel(record_cb, (void *)-1);
	TEST_ASSERT_EQUAL(n, 3, "cancelled %d alarms of any arg", n);
	ms_sleep(450);
	TEST_ASSERT_EQUAL(fired.n, 0, "%d cancelled alarms fired", fired.n);

	rte_errno = 0;
	n = rte_eal_alarm_cancel(record_cb, (void *)-1);
	TEST_ASSERT_EQUAL(n, 0, "cancelled %d with none pending", n);
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno %d", rte_errno);
	return TEST_SUCCESS;
}

/* a callback that re-arms itself once, then cancels itself */
static struct {
	volatile int runs;
	volatile int self_cancel_ret;
	volatile int self_cancel_errno;
} rearm;

static void
rearm_cb(void *arg)
{
	rearm.runs++;
	if (rearm.runs == 1) {
		rte_eal_alarm_set(5000, rearm_cb, arg);
		return;
	}
	rte_errno = 0;
	rearm.self_cancel_ret = rte_eal_alarm_cancel(rearm_cb, arg);
	rearm.self_cancel_errno = rte_errno;
}

static int
test_alarm_from_callback(void)
{
	int i;

	rearm.runs = 0;
	rearm.self_cancel_ret = -2;
	TEST_ASSERT_SUCCESS(rte_eal_alarm_set(5000, rearm_cb, NULL), "set");
	for (i = 0; i < 2000 && rearm.self_cancel_ret == -2; i++)
		ms_sleep(1);
	TEST_ASSERT_EQUAL(rearm.runs, 2, "callback ran %d times", rearm.runs);
	TEST_ASSERT_EQUAL(rearm.self_cancel_ret, 0,
		"self-cancel returned %d", rearm.self_cancel_ret);
	TEST_ASSERT_EQUAL(rearm.self_cancel_errno, EINPROGRESS,
		"self-cancel rte_errno %d", rearm.self_cancel_errno);
	ms_sleep(20);
	TEST_ASSERT_EQUAL(rearm.runs, 2, "ran again after self-cancel");
	return TEST_SUCCESS;
}

static struct {
	volatile int started;
	volatile int finished;
} slow;

static void
slow_cb(void *arg)
{
	RTE_SET_USED(arg);
	slow.started = 1;
	ms_sleep(100);
	slow.finished = 1;
}

static int
test_alarm_cancel_waits(void)
{
	int i, n;

	slow.started = slow.finished = 0;
	TEST_ASSERT_SUCCESS(rte_eal_alarm_set(1000, slow_cb, NULL), "set");
	for (i = 0; i < 2000 && !slow.started; i++)
		ms_sleep(1);
	TEST_ASSERT(slow.started, "slow callback never started");
	rte_errno = 0;
	n = rte_eal_alarm_cancel(slow_cb, NULL);
	TEST_ASSERT(slow.finished,
		"cancel returned while the callback was still running");
	TEST_ASSERT_EQUAL(n, 0, "cancelled %d running alarms", n);
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno %d", rte_errno);
	return TEST_SUCCESS;
}

static struct unit_test_suite alarm_suite = {
	.suite_name = "alarm autotest",
	.unit_test_cases = {
		TEST_CASE(test_alarm_bad_args),
		TEST_CASE(test_alarm_order),
		TEST_CASE(test_alarm_cancel),
		TEST_CASE(test_alarm_from_callback),
		TEST_CASE(test_alarm_cancel_waits),
		TEST_CASES_END()
	}
};

static int
test_alarm(void)
{
	return unit_test_suite_runner(&alarm_suite);
}

REGISTER_TEST_COMMAND(alarm_autotest, test_alarm);
