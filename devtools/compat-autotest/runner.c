/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A runner for DPDK 22.11's own autotest sources, compiled unmodified
 * against an installed hotplug-eal. It supplies what DPDK's test.h declares
 * and its test.c would define (the command list, the suite runner, the
 * program name), so that each test_*.c can be linked alone:
 *
 *   DPDK_TEST=malloc_autotest ./compat-test <EAL args>
 *
 * Exit 0 when the test passes, 77 when it skips, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "test.h"

const char *prgname;
int last_test_result;

static struct test_commands_list commands =
	TAILQ_HEAD_INITIALIZER(commands);

void
add_test_command(struct test_command *t)
{
	TAILQ_INSERT_TAIL(&commands, t, next);
}

static struct test_command *
find_command(const char *name)
{
	struct test_command *t;

	TAILQ_FOREACH(t, &commands, next)
		if (strcmp(t->command, name) == 0)
			return t;
	return NULL;
}

int
command_valid(const char *cmd)
{
	return find_command(cmd) != NULL;
}

/* one case: its setup, the case itself, its teardown; returns its verdict */
static int
run_case(const struct unit_test_case *tc)
{
	int ret;

	if (!tc->enabled)
		return TEST_SKIPPED;
	if (tc->setup != NULL && (ret = tc->setup()) != 0)
		return ret == TEST_SKIPPED ? TEST_SKIPPED : TEST_FAILED;
	if (tc->testcase != NULL)
		ret = tc->testcase();
	else
		ret = tc->testcase_with_data(tc->data);
	if (tc->teardown != NULL)
		tc->teardown();
	return ret;
}

static void
count_case(struct unit_test_suite *s, const char *name, int ret)
{
	const char *verdict;

	s->total++;
	if (ret == TEST_SUCCESS) {
		s->executed++;
		s->succeeded++;
		verdict = "succeeded";
	} else if (ret == TEST_SKIPPED) {
		s->skipped++;
		verdict = "skipped";
	} else if (ret == -ENOTSUP) {
		s->unsupported++;
		verdict = "unsupported";
	} else {
		s->executed++;
		s->failed++;
		verdict = "failed";
	}
	printf(" + TestCase [%2u] : %s %s\n", s->total, name, verdict);
}

int
unit_test_suite_runner(struct unit_test_suite *s)
{
	const struct unit_test_case *tc;
	struct unit_test_suite **sub;
	int ret;

	s->total = s->executed = s->succeeded = 0;
	s->skipped = s->failed = s->unsupported = 0;
	printf(" + Test Suite : %s\n", s->suite_name ? s->suite_name : "");
	if (s->setup != NULL && (ret = s->setup()) != 0) {
		printf(" + Suite setup %s\n",
			ret == TEST_SKIPPED ? "skipped" : "failed");
		last_test_result = ret == TEST_SKIPPED ? TEST_SKIPPED : -1;
		return last_test_result;
	}
	for (tc = s->unit_test_cases; tc->testcase != NULL ||
			tc->testcase_with_data != NULL; tc++)
		count_case(s, tc->name, run_case(tc));
	for (sub = s->unit_test_suites; sub != NULL && *sub != NULL; sub++) {
		ret = unit_test_suite_runner(*sub);
		s->total += (*sub)->total;
		s->executed += (*sub)->executed;
		s->succeeded += (*sub)->succeeded;
		s->skipped += (*sub)->skipped;
		s->failed += (*sub)->failed;
		s->unsupported += (*sub)->unsupported;
	}
	if (s->teardown != NULL)
		s->teardown();
	printf(" + Tests Total : %u, Executed : %u, Succeeded : %u, "
		"Skipped : %u, Failed : %u\n", s->total, s->executed,
		s->succeeded, s->skipped, s->failed);
	if (s->failed > 0)
		last_test_result = -1;
	else if (s->succeeded == 0 && s->skipped > 0)
		last_test_result = TEST_SKIPPED;
	else
		last_test_result = 0;
	return last_test_result;
}

int
main(int argc, char **argv)
{
	const char *name = getenv("DPDK_TEST");
	struct test_command *t;
	int ret;

	prgname = argv[0];
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "rte_eal_init: %s\n", rte_strerror(rte_errno));
		return 1;
	}
	t = name != NULL ? find_command(name) : NULL;
	if (t == NULL) {
		fprintf(stderr, "DPDK_TEST=%s: no such test here\n",
			name ? name : "(unset)");
		rte_eal_cleanup();
		return 1;
	}
	ret = t->callback();
	printf("%s: %s\n", name, ret == 0 ? "Test OK" :
		ret == TEST_SKIPPED ? "Test Skipped" : "Test Failed");
	rte_eal_cleanup();
	return ret == 0 ? 0 : ret == TEST_SKIPPED ? 77 : 1;
}
