/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * String helpers: bounded copies terminate and report truncation,
 * splitting counts and cuts tokens, sizes parse with their suffixes.
 */

#include <errno.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

#include "test.h"

static int
test_strlcpy_strlcat(void)
{
	char buf[8];

	memset(buf, 'x', sizeof(buf));
	TEST_ASSERT_EQUAL(strlcpy(buf, "abc", sizeof(buf)), 3u, "strlcpy len");
	TEST_ASSERT(strcmp(buf, "abc") == 0, "strlcpy gave '%s'", buf);
	TEST_ASSERT_EQUAL(strlcpy(buf, "0123456789", sizeof(buf)), 10u,
			"strlcpy must return the source length");
	TEST_ASSERT(strcmp(buf, "0123456") == 0, "truncated to '%s'", buf);
	TEST_ASSERT_EQUAL(rte_strlcpy(buf, "zz", 0), 2u, "size 0 length");
	TEST_ASSERT(strcmp(buf, "0123456") == 0, "size 0 wrote '%s'", buf);

	strlcpy(buf, "ab", sizeof(buf));
	TEST_ASSERT_EQUAL(strlcat(buf, "cd", sizeof(buf)), 4u, "strlcat len");
	TEST_ASSERT(strcmp(buf, "abcd") == 0, "strlcat gave '%s'", buf);
	TEST_ASSERT_EQUAL(strlcat(buf, "efghij", sizeof(buf)), 10u,
			"strlcat must return the untruncated length");
	TEST_ASSERT(strcmp(buf, "abcdefg") == 0, "strlcat truncated to '%s'", buf);
	return TEST_SUCCESS;
}

static int
test_strscpy(void)
{
	char buf[6];

	TEST_ASSERT_EQUAL(rte_strscpy(buf, "hello", sizeof(buf)), 5,
			"exact fit");
	TEST_ASSERT(strcmp(buf, "hello") == 0, "copy gave '%s'", buf);
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "hello!", sizeof(buf)), -E2BIG,
			"overflow not reported");
	TEST_ASSERT_EQUAL(rte_errno, E2BIG, "rte_errno %d", rte_errno);
	TEST_ASSERT(strcmp(buf, "hello") == 0, "truncated copy '%s'", buf);
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "", sizeof(buf)), 0, "empty");
	TEST_ASSERT_EQUAL(buf[0], '\0', "empty copy not terminated");
	TEST_ASSERT_EQUAL(rte_strscpy(buf, "a", 0), -E2BIG, "size 0");
	return TEST_SUCCESS;
}

static int
test_strsplit(void)
{
	char s1[] = "a,bb,,ccc";
	char s2[] = "x:y:z";
	char *tok[4];

	TEST_ASSERT_EQUAL(rte_strsplit(s1, sizeof(s1), tok, 4, ','), 4,
			"token count");
	TEST_ASSERT(strcmp(tok[0], "a") == 0 && strcmp(tok[1], "bb") == 0 &&
		tok[2][0] == '\0' && strcmp(tok[3], "ccc") == 0,
		"tokens '%s' '%s' '%s' '%s'", tok[0], tok[1], tok[2], tok[3]);

	/* maxtokens stops the split: the rest stays in the last token */
	TEST_ASSERT_EQUAL(rte_strsplit(s2, sizeof(s2), tok, 2, ':'), 2,
			"maxtokens not honoured");
	TEST_ASSERT(strcmp(tok[0], "x") == 0 && strcmp(tok[1], "y:z") == 0,
		"tokens '%s' '%s'", tok[0], tok[1]);

	errno = 0;
	TEST_ASSERT_EQUAL(rte_strsplit(NULL, 5, tok, 4, ','), -1, "NULL string");
	TEST_ASSERT_EQUAL(errno, EINVAL, "errno %d", errno);
	TEST_ASSERT_EQUAL(rte_strsplit(s1, 0, tok, 4, ','), -1, "zero length");
	TEST_ASSERT_EQUAL(rte_strsplit(s1, sizeof(s1), NULL, 4, ','), -1,
			"NULL tokens");
	TEST_ASSERT_EQUAL(rte_strsplit(s1, sizeof(s1), tok, 0, ','), -1,
			"zero maxtokens");
	return TEST_SUCCESS;
}

static int
test_str_to_size(void)
{
	static const struct {
		const char *s;
		uint64_t v;
	} cases[] = {
		{ "0", 0 }, { "4096", 4096 }, { "64k", 64 << 10 },
		{ "64K", 64 << 10 }, { "2M", 2 << 20 }, { "3m", 3 << 20 },
		{ "1G", UINT64_C(1) << 30 }, { "16g", UINT64_C(16) << 30 },
		{ " 8M", 8 << 20 }, { "0x10", 16 }, { "-5", 0 },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(cases); i++)
		TEST_ASSERT_EQUAL(rte_str_to_size(cases[i].s), cases[i].v,
			"rte_str_to_size(\"%s\")", cases[i].s);
	return TEST_SUCCESS;
}

static struct unit_test_suite string_suite = {
	.suite_name = "string_fns autotest",
	.unit_test_cases = {
		TEST_CASE(test_strlcpy_strlcat),
		TEST_CASE(test_strscpy),
		TEST_CASE(test_strsplit),
		TEST_CASE(test_str_to_size),
		TEST_CASES_END()
	}
};

static int
test_string_fns(void)
{
	return unit_test_suite_runner(&string_suite);
}

REGISTER_TEST_COMMAND(string_autotest, test_string_fns);
