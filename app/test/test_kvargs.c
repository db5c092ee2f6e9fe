/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvargs: well-formed lists parse into the expected pairs (lone keys,
 * bracketed lists, duplicates, delimiters), lookups and the handler walk
 * see them, and every malformed list is refused with rte_errno set.
 */

#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_kvargs.h>

#include "test.h"

static const char *const valid_keys[] = { "check", "size", "list", NULL };

static int
sum_handler(const char *key, const char *value, void *opaque)
{
	unsigned long *sum = opaque;

	if (value == NULL)
		return -1;
	*sum += strtoul(value, NULL, 0);
	return 0;
}

static int
test_kvargs_basic(void)
{
	struct rte_kvargs *kv;
	unsigned long sum = 0;

	kv = rte_kvargs_parse("check=1,size=64,check=2", valid_keys);
	TEST_ASSERT_NOT_NULL(kv, "valid list refused (rte_errno %d)",
		rte_errno);
	TEST_ASSERT_EQUAL(kv->count, 3u, "count %u", kv->count);
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, "check"), 2u, "check count");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, NULL), 3u, "total count");
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, "list"), 0u, "absent count");
	TEST_ASSERT(strcmp(rte_kvargs_get(kv, "size"), "64") == 0,
		"size is '%s'", rte_kvargs_get(kv, "size"));
	TEST_ASSERT(strcmp(rte_kvargs_get(kv, "check"), "1") == 0,
		"get returns the first check");
	TEST_ASSERT_NULL(rte_kvargs_get(kv, "list"), "absent key found");
	TEST_ASSERT_NOT_NULL(rte_kvargs_get_with_value(kv, "check", "2"),
		"check=2 not found");
	TEST_ASSERT_NULL(rte_kvargs_get_with_value(kv, "check", "3"),
		"check=3 found");
	TEST_ASSERT_SUCCESS(rte_kvargs_process(kv, "check", sum_handler, &sum),
		"process failed");
	TEST_ASSERT_EQUAL(sum, 3ul, "handler summed %lu", sum);
	sum = 0;
	TEST_ASSERT_SUCCESS(rte_kvargs_process(kv, NULL, sum_handler, &sum),
		"process(NULL key) failed");
	TEST_ASSERT_EQUAL(sum, 67ul, "handler summed %lu over all", sum);
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_forms(void)
{
	struct rte_kvargs *kv;
	unsigned long sum = 0;

	kv = rte_kvargs_parse("list=[1,2,3],check", valid_keys);
	TEST_ASSERT_NOT_NULL(kv, "bracketed list refused");
	TEST_ASSERT_EQUAL(kv->count, 2u, "count %u", kv->count);
	TEST_ASSERT(strcmp(rte_kvargs_get(kv, "list"), "[1,2,3]") == 0,
		"list is '%s'", rte_kvargs_get(kv, "list"));
	TEST_ASSERT_EQUAL(rte_kvargs_count(kv, "check"), 1u, "lone key");
	TEST_ASSERT_NULL(kv->pairs[1].value, "lone key has a value");
	TEST_ASSERT_NOT_NULL(rte_kvargs_get_with_value(kv, "list", NULL) ,
		"get_with_value(NULL) missed list");
	TEST_ASSERT_FAIL(rte_kvargs_process(kv, "check", sum_handler, &sum),
		"a failing handler did not fail process");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse("", valid_keys);
	TEST_ASSERT_NOT_NULL(kv, "empty string refused");
	TEST_ASSERT_EQUAL(kv->count, 0u, "empty string has pairs");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse("anykey=x,size=", NULL);
	TEST_ASSERT_NOT_NULL(kv, "NULL valid_keys must accept any key");
	TEST_ASSERT(strcmp(rte_kvargs_get(kv, "size"), "") == 0,
		"empty value");
	rte_kvargs_free(kv);

	kv = rte_kvargs_parse_delim("size=1,check=2;list=9", valid_keys, ";");
	TEST_ASSERT_NOT_NULL(kv, "parse_delim refused");
	TEST_ASSERT_EQUAL(kv->count, 2u, "parse_delim did not stop at ';'");
	TEST_ASSERT_NULL(rte_kvargs_get(kv, "list"), "read past ';'");
	rte_kvargs_free(kv);
	return TEST_SUCCESS;
}

static int
test_kvargs_refused(void)
{
	static const char *const bad[] = {
		"check=1,bad=2",   /* key not valid */
		"=1",              /* no key */
		"check=1,",        /* trailing comma */
		",check=1",        /* leading comma */
		"check=1,,size=2", /* empty pair */
		"list=[1,2",       /* unbalanced bracket */
	};
	char many[RTE_KVARGS_MAX * 8 + 16];
	unsigned int i;
	size_t off = 0;

	for (i = 0; i < RTE_DIM(bad); i++) {
		rte_errno = 0;
		TEST_ASSERT_NULL(rte_kvargs_parse(bad[i], valid_keys),
			"'%s' accepted", bad[i]);
		TEST_ASSERT(rte_errno != 0, "'%s': rte_errno not set", bad[i]);
	}
	TEST_ASSERT_NULL(rte_kvargs_parse(NULL, valid_keys), "NULL accepted");
	for (i = 0; i <= RTE_KVARGS_MAX; i++)
		off += snprintf(many + off, sizeof(many) - off, "%ssize=%u",
			i ? "," : "", i);
	TEST_ASSERT_NULL(rte_kvargs_parse(many, valid_keys),
		"%u pairs accepted", RTE_KVARGS_MAX + 1);
	TEST_ASSERT_EQUAL(rte_kvargs_count(NULL, NULL), 0u, "count(NULL)");
	TEST_ASSERT_NULL(rte_kvargs_get(NULL, "size"), "get(NULL)");
	TEST_ASSERT_FAIL(rte_kvargs_process(NULL, NULL, sum_handler, NULL),
		"process(NULL)");
	rte_kvargs_free(NULL);
	return TEST_SUCCESS;
}

static struct unit_test_suite kvargs_suite = {
	.suite_name = "kvargs autotest",
	.unit_test_cases = {
		TEST_CASE(test_kvargs_basic),
		TEST_CASE(test_kvargs_forms),
		TEST_CASE(test_kvargs_refused),
		TEST_CASES_END()
	}
};

static int
test_kvargs(void)
{
	return unit_test_suite_runner(&kvargs_suite);
}

REGISTER_TEST_COMMAND(kvargs_autotest, test_kvargs);
