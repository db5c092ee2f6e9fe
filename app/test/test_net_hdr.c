/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Net header helpers: RTE_IPV4 builds a host-order uint32_t for every
 * byte value, including a first byte >= 128 that would reach the sign
 * bit if the macro shifted an int.
 */

#include <stdint.h>

#include <rte_common.h>
#include <rte_ip.h>

#include "test.h"

/*
 * shifting an int into its sign bit is what these warnings flag in a
 * constant expression; as errors they fail the build of any compiler
 * run, and the runtime checks below fail under UBSan.
 */
#if defined(__clang__)
#pragma clang diagnostic error "-Wshift-sign-overflow"
#elif defined(__GNUC__)
#pragma GCC diagnostic error "-Wshift-overflow=2"
#endif
_Static_assert(RTE_IPV4(198, 51, 100, 1) == 0xc6336401u,
	"RTE_IPV4 must compute in uint32_t");
_Static_assert(RTE_IPV4(255, 255, 255, 255) == UINT32_MAX,
	"RTE_IPV4 of the broadcast address");

static int
test_ipv4_macro(void)
{
	/* volatile keeps the shifts at run time, where UBSan sees them */
	volatile int a = 198, b = 51, c = 100, d = 1, hi = 255;
	uint32_t v;

	v = RTE_IPV4(a, b, c, d);
	TEST_ASSERT_EQUAL(v, 0xc6336401u, "RTE_IPV4 gave 0x%08x", v);
	v = RTE_IPV4(hi, hi, hi, hi);
	TEST_ASSERT_EQUAL(v, UINT32_MAX, "RTE_IPV4 gave 0x%08x", v);
	v = RTE_IPV4(a + 256, b, c, d);
	TEST_ASSERT_EQUAL(v, 0xc6336401u, "bytes are masked: 0x%08x", v);
	TEST_ASSERT(sizeof(RTE_IPV4(a, b, c, d)) == sizeof(uint32_t),
		"RTE_IPV4 must be a uint32_t");
	TEST_ASSERT(RTE_IPV4(a, b, c, d) > RTE_IPV4(127, 0, 0, 1),
		"198.51.100.1 must compare above 127.0.0.1 (unsigned)");
	return TEST_SUCCESS;
}

static struct unit_test_suite net_hdr_suite = {
	.suite_name = "net headers autotest",
	.unit_test_cases = {
		TEST_CASE(test_ipv4_macro),
		TEST_CASES_END()
	}
};

static int
test_net_hdr(void)
{
	return unit_test_suite_runner(&net_hdr_suite);
}

REGISTER_TEST_COMMAND(net_hdr_autotest, test_net_hdr);
