/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Tailqs: a constructor registration has a shared head after init and is
 * found by name; registration after init resolves at once; bad and
 * duplicate names are refused; entries survive a lookup round trip.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_tailq.h>

#include "test.h"

static struct rte_tailq_elem test_tailq_early = {
	.name = "TEST_TAILQ_EARLY",
};
EAL_REGISTER_TAILQ(test_tailq_early)

static int
test_tailq_early_registration(void)
{
	struct rte_tailq_head *h = rte_eal_tailq_lookup("TEST_TAILQ_EARLY");

	TEST_ASSERT_NOT_NULL(test_tailq_early.head,
		"constructor-registered tailq has no head after init");
	TEST_ASSERT(h == test_tailq_early.head,
		"lookup gave %p, registration %p", (void *)h,
		(void *)test_tailq_early.head);
	TEST_ASSERT(strcmp(h->name, "TEST_TAILQ_EARLY") == 0,
		"head named '%s'", h->name);
	return TEST_SUCCESS;
}

static int
test_tailq_entries(void)
{
	struct rte_tailq_entry_head *list;
	struct rte_tailq_entry e1 = { .data = &e1 }, e2 = { .data = &e2 };
	struct rte_tailq_entry *e, *tmp;
	int n = 0;

	list = RTE_TAILQ_LOOKUP("TEST_TAILQ_EARLY", rte_tailq_entry_head);
	TEST_ASSERT_NOT_NULL(list, "RTE_TAILQ_LOOKUP failed");
	TEST_ASSERT(TAILQ_EMPTY(list), "new list not empty");
	TAILQ_INSERT_TAIL(list, &e1, next);
	TAILQ_INSERT_TAIL(list, &e2, next);

	list = RTE_TAILQ_CAST(test_tailq_early.head, rte_tailq_entry_head);
	RTE_TAILQ_FOREACH_SAFE(e, list, next, tmp) {
		TEST_ASSERT(e->data == e, "entry data mismatch");
		TAILQ_REMOVE(list, e, next);
		n++;
	}
	TEST_ASSERT_EQUAL(n, 2, "walked %d entries", n);
	TEST_ASSERT(TAILQ_EMPTY(list), "list not empty after removal");
	return TEST_SUCCESS;
}

static int
test_tailq_late_registration(void)
{
	static struct rte_tailq_elem late = { .name = "TEST_TAILQ_LATE" };
	static struct rte_tailq_elem dup = { .name = "TEST_TAILQ_LATE" };
	static struct rte_tailq_elem empty = { .name = "" };
	struct rte_tailq_elem *unterminated;

	TEST_ASSERT_SUCCESS(rte_eal_tailq_register(&late),
		"registration after init failed");
	TEST_ASSERT_NOT_NULL(late.head, "late registration has no head");
	TEST_ASSERT(rte_eal_tailq_lookup("TEST_TAILQ_LATE") == late.head,
		"late tailq not found by name");

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(&dup), -1,
		"duplicate name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(&empty), -1,
		"empty name accepted");
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(NULL), -1, "NULL accepted");

	/* a name filling the whole field has no terminator */
	unterminated = calloc(1, sizeof(*unterminated));
	TEST_ASSERT_NOT_NULL(unterminated, "calloc");
	memset((char *)(uintptr_t)unterminated->name, 'x', RTE_TAILQ_NAMESIZE);
	TEST_ASSERT_EQUAL(rte_eal_tailq_register(unterminated), -1,
		"unterminated name accepted");
	free(unterminated);
	return TEST_SUCCESS;
}

static int
test_tailq_lookup_misses(void)
{
	char *dump = NULL;
	size_t len = 0;
	FILE *f;

	TEST_ASSERT_NULL(rte_eal_tailq_lookup(NULL), "NULL name found");
	TEST_ASSERT_NULL(rte_eal_tailq_lookup("TEST_TAILQ_NONE"),
		"unknown name found");

	f = open_memstream(&dump, &len);
	TEST_ASSERT_NOT_NULL(f, "open_memstream");
	rte_dump_tailq(f);
	fclose(f);
	TEST_ASSERT(dump != NULL && strstr(dump, "TEST_TAILQ_EARLY") != NULL,
		"dump lacks the registered tailq: '%s'", dump ? dump : "");
	free(dump);
	return TEST_SUCCESS;
}

static struct unit_test_suite tailq_suite = {
	.suite_name = "tailq autotest",
	.unit_test_cases = {
		TEST_CASE(test_tailq_early_registration),
		TEST_CASE(test_tailq_entries),
		TEST_CASE(test_tailq_late_registration),
		TEST_CASE(test_tailq_lookup_misses),
		TEST_CASES_END()
	}
};

static int
test_tailq(void)
{
	return unit_test_suite_runner(&tailq_suite);
}

REGISTER_TEST_COMMAND(tailq_autotest, test_tailq);
