/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_errno is per thread; rte_strerror() knows libc and EAL codes.
 */

#include <errno.h>
#include <pthread.h>
#include <string.h>

#include <rte_errno.h>

#include "test.h"

static void *
errno_thread(void *arg)
{
	int *seen = arg;

	*seen = rte_errno;   /* a new thread starts at 0 */
	rte_errno = EBUSY;   /* must not leak into the main thread */
	return NULL;
}

static int
test_errno_per_thread(void)
{
	pthread_t t;
	int seen = -1;

	rte_errno = EAGAIN;
	TEST_ASSERT_SUCCESS(pthread_create(&t, NULL, errno_thread, &seen),
			"cannot create thread");
	pthread_join(t, NULL);
	TEST_ASSERT_EQUAL(seen, 0, "new thread saw rte_errno %d", seen);
	TEST_ASSERT_EQUAL(rte_errno, EAGAIN,
			"main rte_errno changed to %d by another thread", rte_errno);
	rte_errno = 0;
	return TEST_SUCCESS;
}

static int
test_errno_libc_codes(void)
{
	static const int codes[] = { EINVAL, ENOMEM, ENOENT, EEXIST, EPERM };
	char expect[128];
	unsigned int i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		snprintf(expect, sizeof(expect), "%s", strerror(codes[i]));
		TEST_ASSERT(strcmp(rte_strerror(codes[i]), expect) == 0,
			"rte_strerror(%d) = '%s', expected '%s'", codes[i],
			rte_strerror(codes[i]), expect);
	}
	/* internal code paths hand -errno around; both signs read the same */
	TEST_ASSERT(strcmp(rte_strerror(-EINVAL), strerror(EINVAL)) == 0,
		"rte_strerror(-EINVAL) = '%s'", rte_strerror(-EINVAL));
	return TEST_SUCCESS;
}

static int
test_errno_eal_codes(void)
{
	const char *sec = rte_strerror(E_RTE_SECONDARY);
	char sec_copy[128];
	const char *nocfg;

	snprintf(sec_copy, sizeof(sec_copy), "%s", sec);
	nocfg = rte_strerror(E_RTE_NO_CONFIG);
	TEST_ASSERT(strstr(sec_copy, "Unknown") == NULL && sec_copy[0] != '\0',
		"E_RTE_SECONDARY has no message: '%s'", sec_copy);
	TEST_ASSERT(strstr(nocfg, "Unknown") == NULL && nocfg[0] != '\0',
		"E_RTE_NO_CONFIG has no message: '%s'", nocfg);
	TEST_ASSERT(strcmp(sec_copy, nocfg) != 0,
		"E_RTE_SECONDARY and E_RTE_NO_CONFIG share '%s'", nocfg);
	TEST_ASSERT(E_RTE_SECONDARY > RTE_MIN_ERRNO &&
		E_RTE_NO_CONFIG < RTE_MAX_ERRNO, "EAL codes out of range");
	return TEST_SUCCESS;
}

static int
test_errno_unknown_codes(void)
{
	char a[128];
	const char *b;

	snprintf(a, sizeof(a), "%s", rte_strerror(RTE_MAX_ERRNO + 7));
	TEST_ASSERT(strstr(a, "Unknown") != NULL && strstr(a, "1010") != NULL,
		"unknown code gave '%s'", a);
	b = rte_strerror(RTE_MAX_ERRNO + 8);
	TEST_ASSERT(strstr(b, "1011") != NULL, "unknown code gave '%s'", b);
	return TEST_SUCCESS;
}

static struct unit_test_suite errno_suite = {
	.suite_name = "errno autotest",
	.unit_test_cases = {
		TEST_CASE(test_errno_per_thread),
		TEST_CASE(test_errno_libc_codes),
		TEST_CASE(test_errno_eal_codes),
		TEST_CASE(test_errno_unknown_codes),
		TEST_CASES_END()
	}
};

static int
test_errno(void)
{
	return unit_test_suite_runner(&errno_suite);
}

REGISTER_TEST_COMMAND(errno_autotest, test_errno);
