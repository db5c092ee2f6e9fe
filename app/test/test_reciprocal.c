/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reciprocal division (rte_reciprocal.h) must give exactly the quotient
 * of the `/` operator: for the divisors where the multiplier or the
 * shifts are at their limits (1, powers of two and their neighbours,
 * the type's maximum), for dividends at the edges of each quotient step,
 * and for random divisors and dividends of every magnitude. A last case
 * prints the time per divide against `/`; it asserts nothing.
 *
 * Random values come from a local generator whose seed is printed, so a
 * failure can be replayed by setting RECIP_SEED to it.
 */

#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_reciprocal.h>

#include "test.h"

#define RECIP_RANDOM_DIVISORS 20000
#define RECIP_DIVIDENDS_PER_DIVISOR 200
#define RECIP_SWEEP 4096          /* consecutive dividends per edge */
#define RECIP_PERF_N 1024         /* dividends in the perf array */
#define RECIP_PERF_ROUNDS 4096

static uint64_t recip_rng_state;

/* splitmix64: every seed gives a full-period, well-mixed stream */
static uint64_t
recip_rand(void)
{
	uint64_t z = (recip_rng_state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* a random value whose magnitude is random too: small ones are common */
static uint64_t
recip_rand_any_width(void)
{
	return recip_rand() >> (recip_rand() % 64);
}

static int
recip_seed(void)
{
	const char *env = getenv("RECIP_SEED");

	recip_rng_state = env != NULL ? strtoull(env, NULL, 0) : rte_rdtsc();
	printf("reciprocal: RECIP_SEED=0x%" PRIx64 "\n", recip_rng_state);
	return 0;
}

static int
check_u32(uint32_t a, uint32_t d, struct rte_reciprocal r)
{
	uint32_t got = rte_reciprocal_divide(a, r);

	TEST_ASSERT_EQUAL(got, a / d, "%" PRIu32 " / %" PRIu32 ": expected %"
			PRIu32 ", got %" PRIu32 " (m 0x%" PRIx32
			" sh1 %u sh2 %u)",
			a, d, a / d, got, r.m, r.sh1, r.sh2);
	return TEST_SUCCESS;
}

static int
check_u64(uint64_t a, uint64_t d, const struct rte_reciprocal_u64 *r)
{
	uint64_t got = rte_reciprocal_divide_u64(a, r);

	TEST_ASSERT_EQUAL(got, a / d, "%" PRIu64 " / %" PRIu64 ": expected %"
			PRIu64 ", got %" PRIu64 " (m 0x%" PRIx64
			" sh1 %u sh2 %u)",
			a, d, a / d, got, r->m, r->sh1, r->sh2);
	return TEST_SUCCESS;
}

/*
 * Dividends where a wrong multiplier shows first: around 0, around each
 * of the first multiples of d, at the top of the range and around the
 * last multiples of d below it; then random ones.
 */
static int
check_u32_divisor(uint32_t d)
{
	struct rte_reciprocal r = rte_reciprocal_value(d);
	uint64_t k, top = UINT32_MAX - UINT32_MAX % d;
	unsigned int i;

	for (i = 0; i < 64; i++)
		if (check_u32(i, d, r) != TEST_SUCCESS)
			return TEST_FAILED;
	for (k = 1; k <= 4 && k * d <= UINT32_MAX; k++) {
		if (check_u32((uint32_t)(k * d - 1), d, r) != TEST_SUCCESS ||
				check_u32((uint32_t)(k * d), d, r) !=
				TEST_SUCCESS)
			return TEST_FAILED;
		if (k * d < UINT32_MAX &&
				check_u32((uint32_t)(k * d + 1), d, r) !=
				TEST_SUCCESS)
			return TEST_FAILED;
	}
	for (i = 0; i < 64; i++)
		if (check_u32(UINT32_MAX - i, d, r) != TEST_SUCCESS)
			return TEST_FAILED;
	if (check_u32((uint32_t)top, d, r) != TEST_SUCCESS ||
			check_u32((uint32_t)(top - 1), d, r) != TEST_SUCCESS)
		return TEST_FAILED;
	for (i = 0; i < RECIP_DIVIDENDS_PER_DIVISOR; i++)
		if (check_u32((uint32_t)recip_rand_any_width(), d, r) !=
				TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

static int
check_u64_divisor(uint64_t d)
{
	struct rte_reciprocal_u64 r = rte_reciprocal_value_u64(d);
	uint64_t k, top = UINT64_MAX - UINT64_MAX % d;
	unsigned int i;

	for (i = 0; i < 64; i++)
		if (check_u64(i, d, &r) != TEST_SUCCESS)
			return TEST_FAILED;
	for (k = 1; k <= 4 && d <= UINT64_MAX / k; k++) {
		if (check_u64(k * d - 1, d, &r) != TEST_SUCCESS ||
				check_u64(k * d, d, &r) != TEST_SUCCESS)
			return TEST_FAILED;
		if (k * d < UINT64_MAX &&
				check_u64(k * d + 1, d, &r) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	for (i = 0; i < 64; i++)
		if (check_u64(UINT64_MAX - i, d, &r) != TEST_SUCCESS)
			return TEST_FAILED;
	if (check_u64(top, d, &r) != TEST_SUCCESS ||
			check_u64(top - 1, d, &r) != TEST_SUCCESS)
		return TEST_FAILED;
	for (i = 0; i < RECIP_DIVIDENDS_PER_DIVISOR; i++)
		if (check_u64(recip_rand_any_width(), d, &r) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

static int
test_reciprocal_u32_edge_divisors(void)
{
	static const uint32_t fixed[] = {
		1, 2, 3, 5, 7, 10, 11, 13, 60, 100, 641, 1000, 6700417,
		1000000000, 0x7fffffff, 0x80000001, 0xfffffffd,
		UINT32_MAX - 1, UINT32_MAX,
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(fixed); i++)
		if (check_u32_divisor(fixed[i]) != TEST_SUCCESS)
			return TEST_FAILED;
	/* l = ceil(log2 d) changes at powers of two: both sides of each */
	for (i = 0; i < 32; i++) {
		uint32_t p = UINT32_C(1) << i;

		if (check_u32_divisor(p) != TEST_SUCCESS ||
				check_u32_divisor(p + 1) != TEST_SUCCESS ||
				(p > 2 && check_u32_divisor(p - 1) !=
				TEST_SUCCESS))
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static int
test_reciprocal_u64_edge_divisors(void)
{
	static const uint64_t fixed[] = {
		1, 2, 3, 5, 7, 10, 11, 13, 60, 100, 641, 1000, 6700417,
		1000000000, UINT32_MAX, UINT64_C(0x100000001),
		UINT64_C(1000000000000000000), UINT64_C(0x7fffffffffffffff),
		UINT64_C(0x8000000000000001), UINT64_MAX - 2, UINT64_MAX - 1,
		UINT64_MAX,
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(fixed); i++)
		if (check_u64_divisor(fixed[i]) != TEST_SUCCESS)
			return TEST_FAILED;
	for (i = 0; i < 64; i++) {
		uint64_t p = UINT64_C(1) << i;

		if (check_u64_divisor(p) != TEST_SUCCESS ||
				check_u64_divisor(p + 1) != TEST_SUCCESS ||
				(p > 2 && check_u64_divisor(p - 1) !=
				TEST_SUCCESS))
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static int
test_reciprocal_u32_random_divisors(void)
{
	unsigned int i;
	uint32_t d;

	for (i = 0; i < RECIP_RANDOM_DIVISORS; i++) {
		d = (uint32_t)recip_rand_any_width();
		if (d == 0)
			d = 1;
		if (check_u32_divisor(d) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static int
test_reciprocal_u64_random_divisors(void)
{
	unsigned int i;
	uint64_t d;

	for (i = 0; i < RECIP_RANDOM_DIVISORS; i++) {
		d = recip_rand_any_width();
		if (d == 0)
			d = 1;
		if (check_u64_divisor(d) != TEST_SUCCESS)
			return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

/* every dividend in a few windows, for small divisors of each shape */
static int
test_reciprocal_u32_dividend_sweeps(void)
{
	static const uint32_t divisors[] = { 3, 7, 10, 12, 25, 641, 65537 };
	static const uint32_t starts[] = {
		0, 0x7fffffff - RECIP_SWEEP / 2, UINT32_MAX - RECIP_SWEEP + 1,
	};
	unsigned int i, j, k;

	for (i = 0; i < RTE_DIM(divisors); i++) {
		struct rte_reciprocal r = rte_reciprocal_value(divisors[i]);

		for (j = 0; j < RTE_DIM(starts); j++)
			for (k = 0; k < RECIP_SWEEP; k++)
				if (check_u32(starts[j] + k, divisors[i], r) !=
						TEST_SUCCESS)
					return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static int
test_reciprocal_zero_divisor_does_not_trap(void)
{
	struct rte_reciprocal r = rte_reciprocal_value(0);
	struct rte_reciprocal_u64 r64 = rte_reciprocal_value_u64(0);

	/* documented: the reciprocal of 0 is that of 1 */
	TEST_ASSERT_EQUAL(rte_reciprocal_divide(12345, r), 12345u,
			"divide by the reciprocal of 0: expected 12345, got %"
			PRIu32, rte_reciprocal_divide(12345, r));
	TEST_ASSERT_EQUAL(rte_reciprocal_divide_u64(12345, &r64), 12345u,
			"u64 divide by the reciprocal of 0: expected 12345, "
			"got %" PRIu64, rte_reciprocal_divide_u64(12345, &r64));
	return TEST_SUCCESS;
}

static uint64_t
recip_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/*
 * The divisor is read through a volatile so that the compiler cannot
 * turn `/` into its own multiply by a constant; the sums are printed so
 * that no loop is optimised away.
 */
static int
test_reciprocal_perf(void)
{
	static uint32_t a32[RECIP_PERF_N];
	static uint64_t a64[RECIP_PERF_N];
	volatile uint64_t dv = 1000003;
	uint64_t d = dv, t0, t1, t2, t3, t4, sum[4] = { 0 };
	struct rte_reciprocal r = rte_reciprocal_value((uint32_t)d);
	struct rte_reciprocal_u64 r64 = rte_reciprocal_value_u64(d);
	unsigned int i, k, n = RECIP_PERF_N * RECIP_PERF_ROUNDS;

	for (i = 0; i < RECIP_PERF_N; i++) {
		a64[i] = recip_rand();
		a32[i] = (uint32_t)a64[i];
	}
	t0 = recip_now_ns();
	for (k = 0; k < RECIP_PERF_ROUNDS; k++)
		for (i = 0; i < RECIP_PERF_N; i++)
			sum[0] += a32[i] / (uint32_t)d;
	t1 = recip_now_ns();
	for (k = 0; k < RECIP_PERF_ROUNDS; k++)
		for (i = 0; i < RECIP_PERF_N; i++)
			sum[1] += rte_reciprocal_divide(a32[i], r);
	t2 = recip_now_ns();
	for (k = 0; k < RECIP_PERF_ROUNDS; k++)
		for (i = 0; i < RECIP_PERF_N; i++)
			sum[2] += a64[i] / d;
	t3 = recip_now_ns();
	for (k = 0; k < RECIP_PERF_ROUNDS; k++)
		for (i = 0; i < RECIP_PERF_N; i++)
			sum[3] += rte_reciprocal_divide_u64(a64[i], &r64);
	t4 = recip_now_ns();
	printf("reciprocal perf, %u divides each by %" PRIu64 ":\n"
		"  u32: '/' %.2f ns, rte_reciprocal_divide %.2f ns\n"
		"  u64: '/' %.2f ns, rte_reciprocal_divide_u64 %.2f ns\n",
		n, d, (double)(t1 - t0) / n, (double)(t2 - t1) / n,
		(double)(t3 - t2) / n, (double)(t4 - t3) / n);
	TEST_ASSERT(sum[0] == sum[1] && sum[2] == sum[3],
			"perf sums differ: u32 %" PRIu64 " vs %" PRIu64
			", u64 %" PRIu64 " vs %" PRIu64,
			sum[0], sum[1], sum[2], sum[3]);
	return TEST_SUCCESS;
}

static struct unit_test_suite reciprocal_suite = {
	.suite_name = "reciprocal division",
	.setup = recip_seed,
	.unit_test_cases = {
		TEST_CASE(test_reciprocal_u32_edge_divisors),
		TEST_CASE(test_reciprocal_u64_edge_divisors),
		TEST_CASE(test_reciprocal_u32_random_divisors),
		TEST_CASE(test_reciprocal_u64_random_divisors),
		TEST_CASE(test_reciprocal_u32_dividend_sweeps),
		TEST_CASE(test_reciprocal_zero_divisor_does_not_trap),
		TEST_CASE(test_reciprocal_perf),
		TEST_CASES_END()
	}
};

static int
test_reciprocal(void)
{
	return unit_test_suite_runner(&reciprocal_suite);
}

REGISTER_TEST_COMMAND(reciprocal_division_autotest, test_reciprocal);
