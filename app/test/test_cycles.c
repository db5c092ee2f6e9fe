/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TSC and delays checked against clock_gettime(CLOCK_MONOTONIC): the
 * reported frequency must match what the clock sees, a delay must last at
 * least what was asked, and a registered delay callback must be used.
 * Upper bounds are loose (a loaded machine may preempt us); they only
 * catch a frequency that is off by a large factor.
 */

#include <inttypes.h>
#include <stdint.h>
#include <time.h>

#include <rte_cycles.h>

#include "test.h"

static uint64_t
clock_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static int
test_cycles_hz(void)
{
	uint64_t hz = rte_get_tsc_hz();
	uint64_t c0, c1, t0, t1, measured;
	struct timespec req = { 0, 50 * 1000 * 1000 };

	TEST_ASSERT(hz > 0, "rte_get_tsc_hz() is 0 after rte_eal_init()");
	TEST_ASSERT_EQUAL(rte_get_timer_hz(), hz, "timer hz differs from tsc hz");

	t0 = clock_ns();
	c0 = rte_get_timer_cycles();
	nanosleep(&req, NULL);
	c1 = rte_get_timer_cycles();
	t1 = clock_ns();
	TEST_ASSERT(c1 > c0, "TSC did not advance");
	measured = (c1 - c0) * NS_PER_S / (t1 - t0);
	/* 1%: far beyond measurement noise over 50 ms, far below any bug */
	TEST_ASSERT(measured > hz - hz / 100 && measured < hz + hz / 100,
		"TSC runs at %" PRIu64 " Hz but rte_get_tsc_hz() says %" PRIu64,
		measured, hz);
	return TEST_SUCCESS;
}

static int
check_delay(void (*delay)(unsigned int), const char *name, unsigned int us)
{
	uint64_t t0, t1, took_us;

	t0 = clock_ns();
	delay(us);
	t1 = clock_ns();
	took_us = (t1 - t0) / 1000;
	TEST_ASSERT(took_us >= us, "%s(%u) returned after %" PRIu64 " us",
		name, us, took_us);
	TEST_ASSERT(took_us < 10 * (uint64_t)us + 200000,
		"%s(%u) took %" PRIu64 " us: frequency wrong?", name, us, took_us);
	return TEST_SUCCESS;
}

static int
test_cycles_delays(void)
{
	static const unsigned int us[] = { 1, 100, 2000, 20000 };
	unsigned int i;

	for (i = 0; i < sizeof(us) / sizeof(us[0]); i++) {
		if (check_delay(rte_delay_us_block, "rte_delay_us_block",
				us[i]) != TEST_SUCCESS)
			return TEST_FAILED;
		if (check_delay(rte_delay_us_sleep, "rte_delay_us_sleep",
				us[i]) != TEST_SUCCESS)
			return TEST_FAILED;
		if (check_delay(rte_delay_us, "rte_delay_us", us[i]) !=
				TEST_SUCCESS)
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static unsigned int cb_calls;
static unsigned int cb_last_us;

static void
counting_delay(unsigned int us)
{
	cb_calls++;
	cb_last_us = us;
}

static int
test_cycles_delay_callback(void)
{
	cb_calls = 0;
	rte_delay_us_callback_register(counting_delay);
	rte_delay_us(1234);
	rte_delay_ms(3);
	rte_delay_us_callback_register(rte_delay_us_block);
	TEST_ASSERT_EQUAL(cb_calls, 2u, "callback called %u times", cb_calls);
	TEST_ASSERT_EQUAL(cb_last_us, 3000u, "rte_delay_ms(3) asked %u us",
			cb_last_us);
	/* restored: a real delay again */
	return check_delay(rte_delay_us, "rte_delay_us (restored)", 1000);
}

static int
test_cycles_monotonic(void)
{
	uint64_t prev = rte_rdtsc_precise();
	unsigned int i;

	for (i = 0; i < 100000; i++) {
		uint64_t now = rte_get_tsc_cycles();

		TEST_ASSERT(now >= prev, "TSC went back: %" PRIu64 " < %" PRIu64,
				now, prev);
		prev = now;
	}
	return TEST_SUCCESS;
}

static struct unit_test_suite cycles_suite = {
	.suite_name = "cycles autotest",
	.unit_test_cases = {
		TEST_CASE(test_cycles_hz),
		TEST_CASE(test_cycles_delays),
		TEST_CASE(test_cycles_delay_callback),
		TEST_CASE(test_cycles_monotonic),
		TEST_CASES_END()
	}
};

static int
test_cycles(void)
{
	return unit_test_suite_runner(&cycles_suite);
}

REGISTER_TEST_COMMAND(cycles_autotest, test_cycles);
