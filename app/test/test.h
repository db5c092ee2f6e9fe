/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The autotest framework: tests register by name (REGISTER_TEST_COMMAND) and
 * the dpdk-test runner (test.c) runs the one named on its command line or in
 * DPDK_TEST after rte_eal_init(). A test returns TEST_SUCCESS, TEST_FAILED or
 * TEST_SKIPPED; the runner exits 0, 1 or 77 accordingly (meson's skip code).
 * The assertion macros print what was expected and what came, with the place.
 */
#ifndef TEST_H
#define TEST_H

#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#define TEST_SUCCESS 0
#define TEST_FAILED (-1)
#define TEST_SKIPPED 77

#define TEST_TRACE_FAILURE(file, line, func)

#define TEST_ASSERT(cond, msg, ...) do { \
	if (!(cond)) { \
		printf("TestCase %s() line %d failed: " msg "\n", \
			__func__, __LINE__, ##__VA_ARGS__); \
		return TEST_FAILED; \
	} \
} while (0)

#define TEST_ASSERT_EQUAL(a, b, msg, ...) do { \
	if (!((a) == (b))) { \
		/* the expressions go through %s: they may contain '%' */ \
		printf("TestCase %s() line %d failed: " msg " (%s != %s)\n", \
			__func__, __LINE__, ##__VA_ARGS__, #a, #b); \
		return TEST_FAILED; \
	} \
} while (0)

#define TEST_ASSERT_NOT_EQUAL(a, b, msg, ...) \
	TEST_ASSERT(!((a) == (b)), msg, ##__VA_ARGS__)
#define TEST_ASSERT_SUCCESS(val, msg, ...) \
	TEST_ASSERT((val) == 0, msg, ##__VA_ARGS__)
#define TEST_ASSERT_FAIL(val, msg, ...) \
	TEST_ASSERT((val) != 0, msg, ##__VA_ARGS__)
#define TEST_ASSERT_NULL(val, msg, ...) \
	TEST_ASSERT((val) == NULL, msg, ##__VA_ARGS__)
#define TEST_ASSERT_NOT_NULL(val, msg, ...) \
	TEST_ASSERT((val) != NULL, msg, ##__VA_ARGS__)
#define TEST_ASSERT_BUFFERS_ARE_EQUAL(a, b, len, msg, ...) \
	TEST_ASSERT(memcmp((a), (b), (len)) == 0, msg, ##__VA_ARGS__)

struct unit_test_case {
	int (*setup)(void);
	void (*teardown)(void);
	int (*testcase)(void);
	const char *name;
	int enabled;
};

#define TEST_CASE(fn) { NULL, NULL, fn, #fn, 1 }
#define TEST_CASE_NAMED(name, fn) { NULL, NULL, fn, name, 1 }
#define TEST_CASE_ST(setup, teardown, fn) { setup, teardown, fn, #fn, 1 }
#define TEST_CASE_DISABLED(fn) { NULL, NULL, fn, #fn, 0 }
#define TEST_CASES_END() { NULL, NULL, NULL, NULL, 0 }

struct unit_test_suite {
	const char *suite_name;
	int (*setup)(void);
	void (*teardown)(void);
	unsigned int total, executed, succeeded, failed, skipped, unsupported;
	struct unit_test_suite **unit_test_suites;
	struct unit_test_case unit_test_cases[];
};

/* runs every case; TEST_SUCCESS when none failed, TEST_SKIPPED if all skip */
int unit_test_suite_runner(struct unit_test_suite *suite);

typedef int (test_callback)(void);

struct test_command {
	TAILQ_ENTRY(test_command) next;
	const char *command;
	test_callback *callback;
};

void add_test_command(struct test_command *t);

#define REGISTER_TEST_COMMAND(cmd, func) \
	static struct test_command test_struct_##cmd = { \
		.command = #cmd, \
		.callback = func, \
	}; \
	static void __attribute__((constructor, used)) \
	test_register_##cmd(void) \
	{ \
		add_test_command(&test_struct_##cmd); \
	}

/*
 * Helpers for tests that need other EAL options or real child processes
 * (test_process.c): run this same binary as a child with the given EAL
 * arguments and DPDK_TEST=test_name, wait, and return its exit status
 * (0/1/77) or -1 if it could not be started or was killed.
 */
int test_run_child(const char *test_name, const char *const eal_args[]);
/* same, but return the pid without waiting (for multi-process tests) */
int test_spawn_child(const char *test_name, const char *const eal_args[]);
/* wait for a child test_spawn_child() started: its exit status or -1 */
int test_wait_child(int pid);
/*
 * --file-prefix this process was started with ("rte" if none). A child gets
 * "<this>_c<pid>_<n>" unless its eal_args carry --file-prefix: a secondary
 * must pass "--file-prefix=<test_file_prefix()>" to join its primary.
 */
const char *test_file_prefix(void);
/*
 * EAL arguments for a secondary of this process: --proc-type=secondary,
 * our --file-prefix, the memory options a secondary must share with its
 * primary (--legacy-mem, --single-file-segments, --no-huge), then extra
 * if not NULL. Static storage, valid until the next call.
 */
const char *const *test_secondary_args(const char *extra);
/* path of the running test binary, for exec */
const char *test_self_exe(void);

/* hugetlbfs dir for tests (HPEAL_HUGE_DIR) or NULL; prefix for files */
const char *test_huge_dir(void);
/* 1 if hugepages are usable by this process (a mount and free pages) */
int test_have_hugepages(void);

#endif /* TEST_H */
