/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_time.h arithmetic: tick counts become nanoseconds with the fraction
 * carried (many small updates add up to one large one), a counter
 * narrower than 64 bits wraps under cc_mask, a reading below the last is
 * taken as a wrap (which, at full width, steps the clock back), and
 * timespecs convert both ways.
 */

#include <inttypes.h>
#include <stdint.h>
#include <time.h>

#include <rte_common.h>
#include <rte_time.h>

#include "test.h"

#define MASK32 UINT64_C(0xffffffff)
#define MASK48 UINT64_C(0xffffffffffff)

/* a timecounter at cycle_last 'last' and nsec 'ns', 2^shift ticks a ns */
static struct rte_timecounter
tc_make(uint64_t cc_mask, uint32_t shift, uint64_t last, uint64_t ns)
{
	struct rte_timecounter tc = {
		.cycle_last = last,
		.nsec = ns,
		.nsec_mask = (UINT64_C(1) << shift) - 1,
		.nsec_frac = 0,
		.cc_mask = cc_mask,
		.cc_shift = shift,
	};

	return tc;
}

static int
test_time_nsec_per_sec(void)
{
	TEST_ASSERT_EQUAL(NSEC_PER_SEC, 1000000000L,
			"NSEC_PER_SEC: expected 1000000000, got %ld",
			(long)NSEC_PER_SEC);
	return TEST_SUCCESS;
}

static int
test_cycles_to_ns_carries_fraction(void)
{
	/* 4 ticks a ns: 3 ticks give 0, then 1 (6/4), 1 (5/4), 1 (4/4) */
	static const uint64_t want[] = { 0, 1, 1, 1 };
	static const uint64_t frac[] = { 3, 2, 1, 0 };
	struct rte_timecounter tc = tc_make(UINT64_MAX, 2, 0, 0);
	unsigned int i;
	uint64_t ns;

	for (i = 0; i < RTE_DIM(want); i++) {
		ns = rte_cyclecounter_cycles_to_ns(&tc, 3);
		TEST_ASSERT_EQUAL(ns, want[i], "conversion %u of 3 ticks: "
				"expected %" PRIu64 " ns, got %" PRIu64,
				i, want[i], ns);
		TEST_ASSERT_EQUAL(tc.nsec_frac, frac[i], "conversion %u: "
				"expected fraction %" PRIu64 ", got %" PRIu64,
				i, frac[i], tc.nsec_frac);
	}
	return TEST_SUCCESS;
}

static int
test_timecounter_update_adds_elapsed(void)
{
	struct rte_timecounter tc = tc_make(UINT64_MAX, 0, 1000, 7);
	uint64_t ns = rte_timecounter_update(&tc, 1500);

	TEST_ASSERT_EQUAL(ns, 507u, "500 ticks at 1 a ns on 7 ns: expected "
			"507, got %" PRIu64, ns);
	TEST_ASSERT_EQUAL(tc.nsec, ns, "update returned %" PRIu64 " but "
			"nsec is %" PRIu64, ns, tc.nsec);
	TEST_ASSERT_EQUAL(tc.cycle_last, 1500u, "cycle_last: expected 1500, "
			"got %" PRIu64, tc.cycle_last);
	ns = rte_timecounter_update(&tc, 1500);
	TEST_ASSERT_EQUAL(ns, 507u, "no ticks: expected 507 ns, got %" PRIu64,
			ns);
	return TEST_SUCCESS;
}

static int
test_timecounter_small_updates_do_not_drift(void)
{
	struct rte_timecounter many = tc_make(MASK32, 4, 0, 0);
	struct rte_timecounter one = tc_make(MASK32, 4, 0, 0);
	uint64_t now = 0;
	unsigned int i;

	/* steps of 1..37 ticks at 16 a ns: most convert to 0 whole ns */
	for (i = 0; i < 100000; i++) {
		now = (now + 1 + i % 37) & MASK32;
		rte_timecounter_update(&many, now);
	}
	rte_timecounter_update(&one, now);
	TEST_ASSERT_EQUAL(many.nsec, one.nsec, "%u small updates gave %"
			PRIu64 " ns, one update to the same reading %" PRIu64,
			i, many.nsec, one.nsec);
	TEST_ASSERT_EQUAL(many.nsec_frac, one.nsec_frac, "fractions differ: %"
			PRIu64 " vs %" PRIu64, many.nsec_frac, one.nsec_frac);
	return TEST_SUCCESS;
}

static int
test_timecounter_wraps_32bit_counter(void)
{
	struct rte_timecounter tc = tc_make(MASK32, 0, 0xfffffff0, 100);
	uint64_t ns = rte_timecounter_update(&tc, 0x10);

	TEST_ASSERT_EQUAL(ns, 100u + 0x20, "0xfffffff0 -> 0x10 on a 32-bit "
			"counter: expected 32 ns more (132), got %" PRIu64, ns);
	return TEST_SUCCESS;
}

static int
test_timecounter_wraps_48bit_counter(void)
{
	struct rte_timecounter tc = tc_make(MASK48, 1, MASK48 - 4, 0);
	uint64_t ns = rte_timecounter_update(&tc, 3);

	/* 5 ticks to the wrap, 3 after it: 8 ticks, 2 a ns */
	TEST_ASSERT_EQUAL(ns, 4u, "2^48-5 -> 3 on a 48-bit counter at 2 "
			"ticks a ns: expected 4 ns, got %" PRIu64, ns);
	return TEST_SUCCESS;
}

static int
test_timecounter_masks_high_bits(void)
{
	/* bits above a 32-bit counter's width are not ticks */
	struct rte_timecounter tc = tc_make(MASK32, 0, 0x500000010, 0);
	uint64_t ns = rte_timecounter_update(&tc, 0x700000030);

	TEST_ASSERT_EQUAL(ns, 0x20u, "readings differing above bit 31: "
			"expected 32 ns, got %" PRIu64, ns);
	return TEST_SUCCESS;
}

static int
test_timecounter_backwards_full_width_steps_back(void)
{
	/* 64-bit wrap of -10 ticks is 2^64 - 10 ns: nsec loses 10 */
	struct rte_timecounter tc = tc_make(UINT64_MAX, 0, 100, 1000);
	uint64_t ns = rte_timecounter_update(&tc, 90);

	TEST_ASSERT_EQUAL(ns, 990u, "reading 90 after 100, 64-bit counter: "
			"expected nsec 1000 - 10 = 990, got %" PRIu64, ns);
	TEST_ASSERT_EQUAL(tc.cycle_last, 90u, "cycle_last: expected 90, got %"
			PRIu64, tc.cycle_last);
	return TEST_SUCCESS;
}

static int
test_timecounter_backwards_narrow_is_wrap(void)
{
	struct rte_timecounter tc = tc_make(MASK32, 0, 100, 0);
	uint64_t ns = rte_timecounter_update(&tc, 90);

	TEST_ASSERT_EQUAL(ns, (MASK32 + 1) - 10, "reading 90 after 100, "
			"32-bit counter: expected a wrap, 2^32 - 10 ns, got %"
			PRIu64, ns);
	return TEST_SUCCESS;
}

static int
test_timecounter_lower_reading_same_phase_is_period(void)
{
	/* equal modulo 2^32 but lower: one whole period went by */
	struct rte_timecounter tc = tc_make(MASK32, 0, 0x100000005, 0);
	uint64_t ns = rte_timecounter_update(&tc, 5);

	TEST_ASSERT_EQUAL(ns, MASK32 + 1, "0x100000005 -> 5 on a 32-bit "
			"counter: expected one period, 2^32 ns, got %" PRIu64,
			ns);
	/* equal modulo 2^32 and higher: the masked difference is 0 */
	tc = tc_make(MASK32, 0, 5, 0);
	ns = rte_timecounter_update(&tc, 0x100000005);
	TEST_ASSERT_EQUAL(ns, 0u, "5 -> 0x100000005 on a 32-bit counter: "
			"expected 0 ns, got %" PRIu64, ns);
	return TEST_SUCCESS;
}

static int
test_timespec_ns_round_trip(void)
{
	static const uint64_t ns[] = {
		0, 1, 999999999, 1000000000, 1000000001, 1234567890123456789,
		UINT64_C(9223372036854775807),
	};
	struct timespec ts;
	unsigned int i;
	uint64_t back;

	for (i = 0; i < RTE_DIM(ns); i++) {
		ts = rte_ns_to_timespec(ns[i]);
		TEST_ASSERT(ts.tv_nsec >= 0 && ts.tv_nsec < NSEC_PER_SEC,
				"%" PRIu64 " ns: tv_nsec %ld out of range",
				ns[i], ts.tv_nsec);
		TEST_ASSERT_EQUAL((uint64_t)ts.tv_sec, ns[i] / 1000000000u,
				"%" PRIu64 " ns: expected tv_sec %" PRIu64
				", got %lld", ns[i], ns[i] / 1000000000u,
				(long long)ts.tv_sec);
		back = rte_timespec_to_ns(&ts);
		TEST_ASSERT_EQUAL(back, ns[i], "%" PRIu64 " ns -> {%lld, %ld}"
				" -> %" PRIu64 " ns", ns[i],
				(long long)ts.tv_sec, ts.tv_nsec, back);
	}
	return TEST_SUCCESS;
}

static int
test_timespec_to_ns_value(void)
{
	struct timespec ts = { .tv_sec = 3, .tv_nsec = 250 };
	uint64_t ns = rte_timespec_to_ns(&ts);

	TEST_ASSERT_EQUAL(ns, UINT64_C(3000000250), "{3 s, 250 ns}: expected "
			"3000000250 ns, got %" PRIu64, ns);
	return TEST_SUCCESS;
}

static struct unit_test_suite time_suite = {
	.suite_name = "rte_time.h timecounter and timespec",
	.unit_test_cases = {
		TEST_CASE(test_time_nsec_per_sec),
		TEST_CASE(test_cycles_to_ns_carries_fraction),
		TEST_CASE(test_timecounter_update_adds_elapsed),
		TEST_CASE(test_timecounter_small_updates_do_not_drift),
		TEST_CASE(test_timecounter_wraps_32bit_counter),
		TEST_CASE(test_timecounter_wraps_48bit_counter),
		TEST_CASE(test_timecounter_masks_high_bits),
		TEST_CASE(test_timecounter_backwards_full_width_steps_back),
		TEST_CASE(test_timecounter_backwards_narrow_is_wrap),
		TEST_CASE(test_timecounter_lower_reading_same_phase_is_period),
		TEST_CASE(test_timespec_ns_round_trip),
		TEST_CASE(test_timespec_to_ns_value),
		TEST_CASES_END()
	}
};

static int
test_time(void)
{
	return unit_test_suite_runner(&time_suite);
}

REGISTER_TEST_COMMAND(time_autotest, test_time);
