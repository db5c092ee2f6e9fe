/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Assertion helpers for test code, as DPDK 22.11 offers them.
 *
 * Each RTE_TEST_ASSERT* macro checks a condition and, when it does not hold,
 * logs the function, the line and the caller's message at ERR level, calls
 * RTE_TEST_TRACE_FAILURE (empty unless the includer defines it first) and
 * makes the enclosing function return -1. They are meant for functions that
 * return int, as test cases and test helpers do.
 */
#ifndef RTE_TEST_H
#define RTE_TEST_H

#include <rte_log.h>

#ifndef RTE_TEST_TRACE_FAILURE
/** hook called with (file, line, function) when an assertion fails */
#define RTE_TEST_TRACE_FAILURE(file, line, func)
#endif

/** return -1 from the enclosing function when @p cond is false */
#define RTE_TEST_ASSERT(cond, msg, ...) do {				\
	if (!(cond)) {							\
		RTE_LOG(ERR, EAL, "Test assert %s line %d failed: "	\
			msg "\n", __func__, __LINE__, ##__VA_ARGS__);	\
		RTE_TEST_TRACE_FAILURE(__FILE__, __LINE__, __func__);	\
		return -1;						\
	}								\
} while (0)

/** assert that @p a equals @p b */
#define RTE_TEST_ASSERT_EQUAL(a, b, msg, ...) \
	RTE_TEST_ASSERT((a) == (b), msg, ##__VA_ARGS__)

/** assert that @p a differs from @p b */
#define RTE_TEST_ASSERT_NOT_EQUAL(a, b, msg, ...) \
	RTE_TEST_ASSERT((a) != (b), msg, ##__VA_ARGS__)

/** assert that @p val is 0 (a call that succeeded) */
#define RTE_TEST_ASSERT_SUCCESS(val, msg, ...) \
	RTE_TEST_ASSERT((val) == 0, msg, ##__VA_ARGS__)

/** assert that @p val is not 0 (a call that failed) */
#define RTE_TEST_ASSERT_FAIL(val, msg, ...) \
	RTE_TEST_ASSERT((val) != 0, msg, ##__VA_ARGS__)

/** assert that @p val is NULL */
#define RTE_TEST_ASSERT_NULL(val, msg, ...) \
	RTE_TEST_ASSERT((val) == NULL, msg, ##__VA_ARGS__)

/** assert that @p val is not NULL */
#define RTE_TEST_ASSERT_NOT_NULL(val, msg, ...) \
	RTE_TEST_ASSERT((val) != NULL, msg, ##__VA_ARGS__)

#endif /* RTE_TEST_H */
