/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * self_autotest: the autotest framework tested by itself. The suite runner
 * must count and report every outcome (a failing case fails the suite,
 * setup failures fail every case, skips and disabled cases are not
 * failures), and child processes must report 0/1/77 through their exit
 * status, each under a file prefix of its own.
 */

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "test_internal.h"

/* every child runs without hugepages: the framework is under test here */
static const char *const self_child_args[] = { "--no-huge", NULL };

/* how many times the fake cases ran, to see what the runner called */
static unsigned int self_runs;
static unsigned int self_teardowns;

static int
self_pass(void)
{
	self_runs++;
	return TEST_SUCCESS;
}

static int
self_fail(void)
{
	self_runs++;
	return TEST_FAILED;
}

static int
self_skip(void)
{
	self_runs++;
	return TEST_SKIPPED;
}

static int
self_notsup(void)
{
	self_runs++;
	return -ENOTSUP;
}

static int
self_setup_fail(void)
{
	return TEST_FAILED;
}

static int
self_setup_skip(void)
{
	return TEST_SKIPPED;
}

static void
self_teardown(void)
{
	self_teardowns++;
}

static void
self_reset(void)
{
	self_runs = 0;
	self_teardowns = 0;
}

static struct unit_test_suite self_all_pass = {
	.suite_name = "all pass",
	.unit_test_cases = {
		TEST_CASE(self_pass),
		TEST_CASE_ST(NULL, self_teardown, self_pass),
		TEST_CASES_END()
	}
};

static int
self_suite_all_pass(void)
{
	self_reset();
	TEST_ASSERT_EQUAL(unit_test_suite_runner(&self_all_pass),
		TEST_SUCCESS, "a suite of passing cases must pass");
	TEST_ASSERT_EQUAL(self_all_pass.total, 2u, "total");
	TEST_ASSERT_EQUAL(self_all_pass.executed, 2u, "executed");
	TEST_ASSERT_EQUAL(self_all_pass.succeeded, 2u, "succeeded");
	TEST_ASSERT_EQUAL(self_all_pass.failed, 0u, "failed");
	TEST_ASSERT_EQUAL(self_runs, 2u, "both cases must have run");
	TEST_ASSERT_EQUAL(self_teardowns, 1u, "teardown must have run once");
	return TEST_SUCCESS;
}

static struct unit_test_suite self_one_fails = {
	.suite_name = "one fails",
	.unit_test_cases = {
		TEST_CASE(self_pass),
		TEST_CASE(self_fail),
		TEST_CASE(self_skip),
		TEST_CASE(self_notsup),
		TEST_CASE_DISABLED(self_pass),
		TEST_CASES_END()
	}
};

static int
self_suite_one_fails(void)
{
	int ret;

	self_reset();
	ret = unit_test_suite_runner(&self_one_fails);
	TEST_ASSERT_EQUAL(ret, TEST_FAILED,
		"a failing case must fail the suite, got %d", ret);
	TEST_ASSERT_EQUAL(self_one_fails.total, 5u, "total");
	TEST_ASSERT_EQUAL(self_one_fails.executed, 2u, "executed");
	TEST_ASSERT_EQUAL(self_one_fails.succeeded, 1u, "succeeded");
	TEST_ASSERT_EQUAL(self_one_fails.failed, 1u, "failed");
	TEST_ASSERT_EQUAL(self_one_fails.skipped, 2u, "skipped + disabled");
	TEST_ASSERT_EQUAL(self_one_fails.unsupported, 1u, "unsupported");
	TEST_ASSERT_EQUAL(self_runs, 4u, "the disabled case must not run");
	/* a second run starts from zero rather than adding up */
	unit_test_suite_runner(&self_one_fails);
	TEST_ASSERT_EQUAL(self_one_fails.total, 5u, "counts must reset");
	return TEST_SUCCESS;
}

static struct unit_test_suite self_all_skip = {
	.suite_name = "all skip",
	.unit_test_cases = {
		TEST_CASE(self_skip),
		TEST_CASE_DISABLED(self_fail),
		TEST_CASES_END()
	}
};

static int
self_suite_all_skip(void)
{
	self_reset();
	TEST_ASSERT_EQUAL(unit_test_suite_runner(&self_all_skip),
		TEST_SKIPPED, "a suite of skipped cases must skip");
	TEST_ASSERT_EQUAL(self_all_skip.skipped, 2u, "skipped");
	TEST_ASSERT_EQUAL(self_runs, 1u, "only the enabled case runs");
	return TEST_SUCCESS;
}

static struct unit_test_suite self_setup_fails = {
	.suite_name = "setup fails",
	.setup = self_setup_fail,
	.unit_test_cases = {
		TEST_CASE(self_pass),
		TEST_CASE(self_pass),
		TEST_CASES_END()
	}
};

static struct unit_test_suite self_setup_skips = {
	.suite_name = "setup skips",
	.setup = self_setup_skip,
	.unit_test_cases = {
		TEST_CASE(self_pass),
		TEST_CASES_END()
	}
};

static int
self_suite_setup(void)
{
	self_reset();
	TEST_ASSERT_EQUAL(unit_test_suite_runner(&self_setup_fails),
		TEST_FAILED, "a failed suite setup must fail the suite");
	TEST_ASSERT_EQUAL(self_setup_fails.failed, 2u,
		"every case of a suite whose setup failed counts as failed");
	TEST_ASSERT_EQUAL(unit_test_suite_runner(&self_setup_skips),
		TEST_SKIPPED, "a skipped suite setup must skip the suite");
	TEST_ASSERT_EQUAL(self_runs, 0u, "no case may run without setup");
	return TEST_SUCCESS;
}

static struct unit_test_suite self_case_setup_fails = {
	.suite_name = "case setup fails",
	.unit_test_cases = {
		TEST_CASE_ST(self_setup_fail, self_teardown, self_pass),
		TEST_CASE_ST(self_setup_skip, self_teardown, self_pass),
		TEST_CASES_END()
	}
};

static int
self_case_setup(void)
{
	self_reset();
	TEST_ASSERT_EQUAL(unit_test_suite_runner(&self_case_setup_fails),
		TEST_FAILED, "a failed case setup must fail the suite");
	TEST_ASSERT_EQUAL(self_case_setup_fails.failed, 1u, "failed");
	TEST_ASSERT_EQUAL(self_case_setup_fails.skipped, 1u, "skipped");
	TEST_ASSERT_EQUAL(self_runs, 0u, "a case whose setup failed runs");
	TEST_ASSERT_EQUAL(self_teardowns, 0u,
		"teardown must not follow a setup that did not succeed");
	return TEST_SUCCESS;
}

static struct unit_test_suite *self_subs[] = {
	&self_all_pass, &self_one_fails, NULL
};

static struct unit_test_suite self_parent = {
	.suite_name = "parent of sub-suites",
	.unit_test_suites = self_subs,
	.unit_test_cases = {
		TEST_CASE(self_pass),
		TEST_CASES_END()
	}
};

static int
self_sub_suites(void)
{
	self_reset();
	TEST_ASSERT_EQUAL(unit_test_suite_runner(&self_parent), TEST_FAILED,
		"a failing sub-suite must fail its parent");
	TEST_ASSERT_EQUAL(self_parent.total, 8u, "1 own + 2 + 5 cases");
	TEST_ASSERT_EQUAL(self_parent.succeeded, 4u, "succeeded");
	TEST_ASSERT_EQUAL(self_parent.failed, 1u, "failed");
	return TEST_SUCCESS;
}

/* the argument copy handed to rte_eal_init() */
static int
self_prepare(const char *const args[], int argc, struct test_eal_args *ea)
{
	return test_eal_args_prepare(ea, argc, (char **)(uintptr_t)args);
}

static int
self_huge_dir_arg(void)
{
	static const char *const plain[] = { "prog", "-l", "0", NULL };
	static const char *const nohuge[] = { "prog", "--no-huge", NULL };
	static const char *const own[] = { "prog", "--huge-dir", "/y",
		"--file-prefix=pfx", "--", "--no-huge", NULL };
	char *saved = getenv(TEST_HUGE_DIR_ENV);
	struct test_eal_args ea;
	int ok = 1;

	saved = saved != NULL ? strdup(saved) : NULL;
	setenv(TEST_HUGE_DIR_ENV, "/x", 1);
	if (self_prepare(plain, 3, &ea) == 0) {
		ok &= ea.argc == 4 && ea.argv[4] == NULL &&
			strcmp(ea.argv[1], "--huge-dir=/x") == 0 &&
			ea.file_prefix == NULL;
		test_eal_args_release(&ea);
	} else {
		ok = 0;
	}
	if (self_prepare(nohuge, 2, &ea) == 0) {
		ok &= ea.argc == 2 && ea.huge_arg == NULL;
		test_eal_args_release(&ea);
	}
	if (self_prepare(own, 6, &ea) == 0) {
		ok &= ea.argc == 6 && ea.huge_arg == NULL && !ea.no_huge &&
			strcmp(ea.file_prefix, "pfx") == 0;
		test_eal_args_release(&ea);
	}
	if (saved != NULL)
		setenv(TEST_HUGE_DIR_ENV, saved, 1);
	else
		unsetenv(TEST_HUGE_DIR_ENV);
	free(saved);
	TEST_ASSERT(ok, "--huge-dir must be added only when HPEAL_HUGE_DIR "
		"is set and the EAL arguments say neither --huge-dir nor "
		"--no-huge (before --)");
	return TEST_SUCCESS;
}

static int
self_children_report(void)
{
	static const char *const bad_args[] = { "--no-huge",
		"--no-such-eal-option", NULL };
	int ret;

	ret = test_run_child("self_child_pass_autotest", self_child_args);
	TEST_ASSERT_EQUAL(ret, 0, "passing child must exit 0, got %d", ret);
	ret = test_run_child("self_child_fail_autotest", self_child_args);
	TEST_ASSERT_EQUAL(ret, 1, "failing child must exit 1, got %d", ret);
	ret = test_run_child("self_child_skip_autotest", self_child_args);
	TEST_ASSERT_EQUAL(ret, 77, "skipping child must exit 77, got %d", ret);
	ret = test_run_child("self_child_suite_fail_autotest",
		self_child_args);
	TEST_ASSERT_EQUAL(ret, 1, "child with a failing suite case must "
		"exit 1, got %d", ret);
	ret = test_run_child("self_no_such_test", self_child_args);
	TEST_ASSERT_EQUAL(ret, 1, "an unknown test must exit 1, got %d", ret);
	ret = test_run_child("self_child_pass_autotest", bad_args);
	TEST_ASSERT_EQUAL(ret, 1, "a child whose EAL init fails must exit 1, "
		"got %d", ret);
	return TEST_SUCCESS;
}

/* two primaries at once only work if each child got a prefix of its own */
static int
self_children_own_prefix(void)
{
	int a, b, ra, rb;

	a = test_spawn_child("self_child_prefix_autotest", self_child_args);
	b = test_spawn_child("self_child_prefix_autotest", self_child_args);
	ra = a < 0 ? -1 : test_wait_child(a);
	rb = b < 0 ? -1 : test_wait_child(b);
	TEST_ASSERT(a > 0 && b > 0, "spawn failed (%d, %d)", a, b);
	TEST_ASSERT(ra == 0 && rb == 0, "concurrent children must both pass, "
		"got %d and %d", ra, rb);
	return TEST_SUCCESS;
}

static struct unit_test_suite self_suite = {
	.suite_name = "autotest framework",
	.unit_test_cases = {
		TEST_CASE(self_suite_all_pass),
		TEST_CASE(self_suite_one_fails),
		TEST_CASE(self_suite_all_skip),
		TEST_CASE(self_suite_setup),
		TEST_CASE(self_case_setup),
		TEST_CASE(self_sub_suites),
		TEST_CASE(self_huge_dir_arg),
		TEST_CASE(self_children_report),
		TEST_CASE(self_children_own_prefix),
		TEST_CASES_END()
	}
};

static int
test_self(void)
{
	return unit_test_suite_runner(&self_suite);
}

REGISTER_TEST_COMMAND(self_autotest, test_self);

/* ---- helpers run as children by the cases above ---- */

static int
self_child_pass(void)
{
	return TEST_SUCCESS;
}

static int
self_child_fail(void)
{
	return TEST_FAILED;
}

static int
self_child_skip(void)
{
	return TEST_SKIPPED;
}

static int
self_child_suite_fail(void)
{
	return unit_test_suite_runner(&self_one_fails);
}

/* a child started without --file-prefix runs under "<parent>_c<pid>_<n>" */
static int
self_child_prefix(void)
{
	const char *p = test_file_prefix();

	TEST_ASSERT(strstr(p, "_c") != NULL, "child prefix '%s' was not "
		"derived by test_spawn_child", p);
	TEST_ASSERT(getenv(TEST_CHILD_ENV) != NULL, "%s not set in child",
		TEST_CHILD_ENV);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(self_child_pass_autotest, self_child_pass);
REGISTER_TEST_COMMAND(self_child_fail_autotest, self_child_fail);
REGISTER_TEST_COMMAND(self_child_skip_autotest, self_child_skip);
REGISTER_TEST_COMMAND(self_child_suite_fail_autotest, self_child_suite_fail);
REGISTER_TEST_COMMAND(self_child_prefix_autotest, self_child_prefix);
