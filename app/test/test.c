/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-test: the autotest runner.
 *
 *   dpdk-test [EAL args] [--] [test_name ...]
 *   DPDK_TEST=test_name dpdk-test [EAL args]
 *
 * The EAL consumes its own arguments; whatever remains names the tests to
 * run, in order. Without names, DPDK_TEST names one. Without either, the
 * registered tests are listed and, when stdin is a terminal, a prompt reads
 * test names until EOF or "quit".
 *
 * Exit status: 0 when every test passed, 1 when one failed (or could not be
 * found, or the EAL would not initialise), 77 when every test skipped (the
 * code meson counts as a skip).
 *
 * When HPEAL_HUGE_DIR is set and the arguments carry neither --huge-dir nor
 * --no-huge, --huge-dir=$HPEAL_HUGE_DIR is added so that tests use the
 * private hugetlbfs mount devtools/test.sh prepared.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "test.h"
#include "test_internal.h"

/* the registered commands; filled by constructors before main() */
static TAILQ_HEAD(test_command_list, test_command) test_commands =
	TAILQ_HEAD_INITIALIZER(test_commands);

void
add_test_command(struct test_command *t)
{
	TAILQ_INSERT_TAIL(&test_commands, t, next);
}

static struct test_command *
test_find(const char *name)
{
	struct test_command *t;

	TAILQ_FOREACH(t, &test_commands, next) {
		if (strcmp(t->command, name) == 0)
			return t;
	}
	return NULL;
}

static void
test_list(void)
{
	struct test_command *t;

	printf("Registered tests:\n");
	TAILQ_FOREACH(t, &test_commands, next)
		printf("  %s\n", t->command);
}

static double
test_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* run one test by name; returns TEST_SUCCESS, TEST_FAILED or TEST_SKIPPED */
static int
test_run_one(const char *name)
{
	struct test_command *t = test_find(name);
	double start;
	int ret;

	if (t == NULL) {
		printf("Unknown test '%s' (run dpdk-test without a name to "
			"list them)\n", name);
		return TEST_FAILED;
	}
	printf("Running %s\n", name);
	start = test_now();
	ret = t->callback();
	switch (ret) {
	case TEST_SUCCESS:
		printf("Test OK (%s, %.3f s)\n", name, test_now() - start);
		return TEST_SUCCESS;
	case TEST_SKIPPED:
		printf("Test Skipped (%s)\n", name);
		return TEST_SKIPPED;
	default:
		printf("Test Failed (%s returned %d)\n", name, ret);
		return TEST_FAILED;
	}
}

/* ---- unit test suites ---- */

enum test_case_result {
	CASE_PASSED,
	CASE_FAILED,
	CASE_SKIPPED,
	CASE_UNSUPPORTED,
};

static const char *const test_case_result_str[] = {
	[CASE_PASSED] = "succeeded",
	[CASE_FAILED] = "failed",
	[CASE_SKIPPED] = "skipped",
	[CASE_UNSUPPORTED] = "unsupported",
};

static enum test_case_result
test_case_classify(int ret)
{
	if (ret == TEST_SUCCESS)
		return CASE_PASSED;
	if (ret == TEST_SKIPPED)
		return CASE_SKIPPED;
	if (ret == -ENOTSUP)
		return CASE_UNSUPPORTED;
	return CASE_FAILED;
}

static void
test_suite_reset(struct unit_test_suite *suite)
{
	suite->total = 0;
	suite->executed = 0;
	suite->succeeded = 0;
	suite->failed = 0;
	suite->skipped = 0;
	suite->unsupported = 0;
}

static void
test_suite_add(struct unit_test_suite *acc, const struct unit_test_suite *s)
{
	acc->total += s->total;
	acc->executed += s->executed;
	acc->succeeded += s->succeeded;
	acc->failed += s->failed;
	acc->skipped += s->skipped;
	acc->unsupported += s->unsupported;
}

/* setup, case, teardown; teardown runs only when setup succeeded */
static enum test_case_result
test_case_run(const struct unit_test_case *tc)
{
	int ret;

	if (!tc->enabled)
		return CASE_SKIPPED;
	if (tc->setup != NULL) {
		ret = tc->setup();
		if (ret != TEST_SUCCESS) {
			printf("  setup of %s returned %d\n", tc->name, ret);
			return test_case_classify(ret);
		}
	}
	ret = tc->testcase();
	if (tc->teardown != NULL)
		tc->teardown();
	return test_case_classify(ret);
}

static void
test_suite_count(struct unit_test_suite *suite, enum test_case_result r)
{
	suite->total++;
	switch (r) {
	case CASE_PASSED:
		suite->executed++;
		suite->succeeded++;
		break;
	case CASE_FAILED:
		suite->executed++;
		suite->failed++;
		break;
	case CASE_SKIPPED:
		suite->skipped++;
		break;
	case CASE_UNSUPPORTED:
		suite->unsupported++;
		break;
	}
}

/* a suite whose setup did not succeed: every case takes its outcome */
static void
test_suite_count_all(struct unit_test_suite *suite, enum test_case_result r)
{
	const struct unit_test_case *tc;
	struct unit_test_suite **sub;

	for (tc = suite->unit_test_cases; tc->testcase != NULL; tc++)
		test_suite_count(suite, tc->enabled ? r : CASE_SKIPPED);
	for (sub = suite->unit_test_suites; sub != NULL && *sub != NULL;
			sub++) {
		test_suite_reset(*sub);
		test_suite_count_all(*sub, r);
		test_suite_add(suite, *sub);
	}
}

static const char test_suite_rule[] =
	" + --------------------------------------------------- +\n";

static void
test_suite_summary(const struct unit_test_suite *suite)
{
	printf("%s", test_suite_rule);
	printf(" + Test Suite Summary : %s\n", suite->suite_name);
	printf("%s", test_suite_rule);
	printf(" + Tests Total :       %3u\n", suite->total);
	printf(" + Tests Skipped :     %3u\n", suite->skipped);
	printf(" + Tests Executed :    %3u\n", suite->executed);
	printf(" + Tests Unsupported:  %3u\n", suite->unsupported);
	printf(" + Tests Passed :      %3u\n", suite->succeeded);
	printf(" + Tests Failed :      %3u\n", suite->failed);
	printf("%s", test_suite_rule);
}

static int
test_suite_result(const struct unit_test_suite *suite)
{
	if (suite->failed > 0)
		return TEST_FAILED;
	if (suite->succeeded == 0)
		return TEST_SKIPPED;
	return TEST_SUCCESS;
}

static void
test_suite_cases(struct unit_test_suite *suite)
{
	const struct unit_test_case *tc;
	struct unit_test_suite **sub;
	enum test_case_result r;

	for (tc = suite->unit_test_cases; tc->testcase != NULL; tc++) {
		r = test_case_run(tc);
		test_suite_count(suite, r);
		printf(" + TestCase [%2u] : %s %s\n", suite->total, tc->name,
			tc->enabled ? test_case_result_str[r] : "disabled");
	}
	for (sub = suite->unit_test_suites; sub != NULL && *sub != NULL;
			sub++) {
		unit_test_suite_runner(*sub);
		test_suite_add(suite, *sub);
	}
}

int
unit_test_suite_runner(struct unit_test_suite *suite)
{
	int ret;

	test_suite_reset(suite);
	printf("%s", test_suite_rule);
	printf(" + Test Suite : %s\n", suite->suite_name);
	if (suite->setup != NULL) {
		ret = suite->setup();
		if (ret != TEST_SUCCESS) {
			printf(" + Suite setup %s (%d)\n", ret == TEST_SKIPPED ?
				"skipped" : "failed", ret);
			test_suite_count_all(suite, ret == TEST_SKIPPED ?
				CASE_SKIPPED : CASE_FAILED);
			test_suite_summary(suite);
			return test_suite_result(suite);
		}
	}
	test_suite_cases(suite);
	if (suite->teardown != NULL)
		suite->teardown();
	test_suite_summary(suite);
	return test_suite_result(suite);
}

/* fold one result into the run's outcome: any failure wins, then success */
static int
test_merge(int acc, int ret)
{
	if (acc == TEST_FAILED || ret == TEST_FAILED)
		return TEST_FAILED;
	if (acc == TEST_SUCCESS || ret == TEST_SUCCESS)
		return TEST_SUCCESS;
	return TEST_SKIPPED;
}

static int
test_exit_code(int result)
{
	if (result == TEST_SUCCESS)
		return 0;
	if (result == TEST_SKIPPED)
		return TEST_SKIPPED;
	return 1;
}

/* the prompt for interactive use; only ever reached with a terminal */
static int
test_prompt(void)
{
	char line[256];
	int acc = TEST_SKIPPED;

	for (;;) {
		printf("RTE>>");
		fflush(stdout);
		if (fgets(line, sizeof(line), stdin) == NULL)
			break;
		line[strcspn(line, " \t\r\n")] = '\0';
		if (line[0] == '\0')
			continue;
		if (strcmp(line, "quit") == 0)
			break;
		if (strcmp(line, "list") == 0 || strcmp(line, "help") == 0) {
			test_list();
			continue;
		}
		acc = test_merge(acc, test_run_one(line));
	}
	printf("\n");
	return acc;
}

static int
test_run_names(int argc, char **argv)
{
	const char *env = getenv("DPDK_TEST");
	int acc = TEST_SKIPPED;
	int i;

	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	for (i = 0; i < argc; i++)
		acc = test_merge(acc, test_run_one(argv[i]));
	if (argc > 0)
		return acc;
	if (env != NULL && env[0] != '\0')
		return test_run_one(env);
	test_list();
	if (isatty(STDIN_FILENO))
		return test_prompt();
	return TEST_SUCCESS;
}

/*
 * When rte_eal_init() fails at the top level for a reason other than a bad
 * option and this machine cannot give hugepages (non-root, none reserved),
 * the test cannot run here at all: report a skip, not a failure.
 * Children (test_run_child) always report the failure, as tests of the
 * option parser rely on seeing it.
 */
static int
test_init_failed(const struct test_eal_args *ea)
{
	int err = rte_errno;

	printf("EAL initialisation failed: %s\n", rte_strerror(err));
	/* a bad option (EINVAL) is a failure wherever it happens */
	if (getenv(TEST_CHILD_ENV) == NULL && !ea->no_huge &&
			err != EINVAL && !test_have_hugepages()) {
		printf("No usable hugepages here: test skipped\n");
		return TEST_SKIPPED;
	}
	return 1;
}

int
main(int argc, char **argv)
{
	struct test_eal_args ea;
	int ret, result;

	/* children write to the same pipe: keep lines whole and in order */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (test_eal_args_prepare(&ea, argc, argv) < 0) {
		printf("dpdk-test: out of memory preparing arguments\n");
		return 1;
	}
	test_set_file_prefix(ea.file_prefix);
	ret = rte_eal_init(ea.argc, ea.argv);
	if (ret < 0) {
		result = test_init_failed(&ea);
		test_eal_args_release(&ea);
		return result;
	}
	result = test_run_names(ea.argc - ret - 1, ea.argv + ret + 1);
	if (rte_eal_cleanup() < 0) {
		printf("rte_eal_cleanup failed: %s\n", rte_strerror(rte_errno));
		result = TEST_FAILED;
	}
	test_eal_args_release(&ea);
	return test_exit_code(result);
}
