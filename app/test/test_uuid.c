/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_uuid.h: the text form round-trips, is parsed in either case and
 * written in lowercase; strings of the wrong length, with a non-hex
 * digit or with a dash out of place are refused and leave the output
 * alone; RTE_UUID_INIT lays the fields out in text order; compare sorts
 * as the text does; is_null and copy do what they say.
 */

#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_uuid.h>

#include "test.h"

#define TEXT_LOWER "0123abcd-4567-89ef-fedc-ba9876543210"
#define TEXT_UPPER "0123ABCD-4567-89EF-FEDC-BA9876543210"
#define TEXT_MIXED "0123aBcD-4567-89eF-FeDc-Ba9876543210"

static const rte_uuid_t bytes_of_text = {
	0x01, 0x23, 0xab, 0xcd, 0x45, 0x67, 0x89, 0xef,
	0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
};

static int
test_uuid_parse_unparse_round_trip(void)
{
	char text[RTE_UUID_STRLEN];
	rte_uuid_t uu;
	int rc = rte_uuid_parse(TEXT_LOWER, uu);

	TEST_ASSERT_EQUAL(rc, 0, "parse of " TEXT_LOWER ": expected 0, got %d",
			rc);
	TEST_ASSERT_BUFFERS_ARE_EQUAL(uu, bytes_of_text, sizeof(uu),
			"parse of " TEXT_LOWER " gave other bytes");
	rte_uuid_unparse(uu, text, sizeof(text));
	TEST_ASSERT(strcmp(text, TEXT_LOWER) == 0, "unparse: expected "
			TEXT_LOWER ", got %s", text);
	return TEST_SUCCESS;
}

static int
test_uuid_parse_any_case(void)
{
	static const char *const texts[] = { TEXT_UPPER, TEXT_MIXED };
	char text[RTE_UUID_STRLEN];
	unsigned int i;
	rte_uuid_t uu;

	for (i = 0; i < RTE_DIM(texts); i++) {
		TEST_ASSERT_EQUAL(rte_uuid_parse(texts[i], uu), 0,
				"parse of %s: expected 0", texts[i]);
		TEST_ASSERT_BUFFERS_ARE_EQUAL(uu, bytes_of_text, sizeof(uu),
				"parse of %s gave other bytes than of "
				TEXT_LOWER, texts[i]);
		rte_uuid_unparse(uu, text, sizeof(text));
		TEST_ASSERT(strcmp(text, TEXT_LOWER) == 0, "unparse after "
				"parsing %s: expected lowercase " TEXT_LOWER
				", got %s", texts[i], text);
	}
	return TEST_SUCCESS;
}

/* every string must be refused and leave uu as it was */
static int
expect_refused(const char *const *bad, unsigned int n)
{
	static const rte_uuid_t canary = RTE_UUID_INIT(0x5a5a5a5a, 0x5a5a,
			0x5a5a, 0x5a5a, UINT64_C(0x5a5a5a5a5a5a));
	unsigned int i;
	rte_uuid_t uu;
	int rc;

	for (i = 0; i < n; i++) {
		rte_uuid_copy(uu, canary);
		rc = rte_uuid_parse(bad[i], uu);
		TEST_ASSERT_EQUAL(rc, -1, "parse of \"%s\": expected -1, got "
				"%d", bad[i], rc);
		TEST_ASSERT_BUFFERS_ARE_EQUAL(uu, canary, sizeof(uu),
				"refused parse of \"%s\" changed the output",
				bad[i]);
	}
	return TEST_SUCCESS;
}

static int
test_uuid_parse_refuses_wrong_length(void)
{
	static const char *const bad[] = {
		"",
		"0123abcd",
		TEXT_LOWER "0",                          /* 37 */
		"0123abc-4567-89ef-fedc-ba9876543210",   /* 35 */
		"0123abcd-4567-89ef-fedc-ba987654321",   /* 35 */
		"0123abcd456789effedcba9876543210",      /* no dashes */
		"{0123abcd-4567-89ef-fedc-ba9876543210}",
	};

	return expect_refused(bad, RTE_DIM(bad));
}

static int
test_uuid_parse_refuses_bad_hex(void)
{
	static const char *const bad[] = {
		"g123abcd-4567-89ef-fedc-ba9876543210",
		"0123abcd-4567-89ef-fedc-ba987654321g",
		"0123abcd-45 7-89ef-fedc-ba9876543210",
		/* a non-ASCII byte; the split ends the \x escape */
		("0123abcd-4567-89ef-fedc-ba98765432\xe9" "0"),
		"0x23abcd-4567-89ef-fedc-ba9876543210",
		"0123abcd-+567-89ef-fedc-ba9876543210",
	};

	return expect_refused(bad, RTE_DIM(bad));
}

static int
test_uuid_parse_refuses_misplaced_dashes(void)
{
	static const char *const bad[] = {
		"0123abc-d4567-89ef-fedc-ba9876543210",  /* dash one early */
		"0123abcd4-567-89ef-fedc-ba9876543210",  /* dash one late */
		"0123abcd-4567-89effedc-ba9876543210-",  /* moved to the end */
		"0123abcd04567-89ef-fedc-ba9876543210",  /* digit for dash */
		"0123abcd-4567-89ef-fedc-ba98765432-0",  /* dash for digit */
		"-0123abcd4567-89ef-fedc-ba9876543210",
		"0123abcd_4567-89ef-fedc-ba9876543210",
	};

	return expect_refused(bad, RTE_DIM(bad));
}

static int
test_uuid_init_layout(void)
{
	static const rte_uuid_t init = RTE_UUID_INIT(0x0123abcd, 0x4567,
			0x89ef, 0xfedc, UINT64_C(0xba9876543210));

	TEST_ASSERT_BUFFERS_ARE_EQUAL(init, bytes_of_text, sizeof(init),
			"RTE_UUID_INIT(0x0123abcd, 0x4567, 0x89ef, 0xfedc, "
			"0xba9876543210) is not " TEXT_LOWER " byte by byte");
	return TEST_SUCCESS;
}

static int
test_uuid_compare_orders_as_text(void)
{
	/* each pair: a sorts before b; they differ in one byte */
	static const rte_uuid_t a[] = {
		RTE_UUID_INIT(0x00000000, 0, 0, 0, UINT64_C(0xffffffffffff)),
		RTE_UUID_INIT(0x7fffffff, 0, 0, 0, UINT64_C(0)),
		RTE_UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0, UINT64_C(1)),
		RTE_UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0x0001, UINT64_C(0)),
	};
	static const rte_uuid_t b[] = {
		RTE_UUID_INIT(0x00000001, 0, 0, 0, UINT64_C(0)),
		RTE_UUID_INIT(0x80000000, 0, 0, 0, UINT64_C(0)),
		RTE_UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0, UINT64_C(2)),
		RTE_UUID_INIT(0x01234567, 0x89ab, 0xcdef, 0x0100, UINT64_C(0)),
	};
	unsigned int i;
	int ab, ba;

	for (i = 0; i < RTE_DIM(a); i++) {
		ab = rte_uuid_compare(a[i], b[i]);
		ba = rte_uuid_compare(b[i], a[i]);
		TEST_ASSERT(ab < 0, "pair %u: compare(a, b) expected < 0, "
				"got %d", i, ab);
		TEST_ASSERT(ba > 0, "pair %u: compare(b, a) expected > 0, "
				"got %d", i, ba);
		TEST_ASSERT_EQUAL(rte_uuid_compare(a[i], a[i]), 0,
				"pair %u: compare(a, a) expected 0", i);
	}
	return TEST_SUCCESS;
}

static int
test_uuid_is_null(void)
{
	rte_uuid_t uu;
	unsigned int i;

	memset(uu, 0, sizeof(uu));
	TEST_ASSERT(rte_uuid_is_null(uu), "all-zero UUID not null");
	for (i = 0; i < sizeof(uu); i++) {
		uu[i] = 1;
		TEST_ASSERT(!rte_uuid_is_null(uu), "UUID with byte %u set "
				"taken as null", i);
		uu[i] = 0;
	}
	TEST_ASSERT_EQUAL(rte_uuid_parse("00000000-0000-0000-0000-"
			"000000000000", uu), 0,
			"parse of the null UUID failed");
	TEST_ASSERT(rte_uuid_is_null(uu), "parsed null UUID not null");
	return TEST_SUCCESS;
}

static int
test_uuid_copy(void)
{
	rte_uuid_t uu;

	memset(uu, 0xee, sizeof(uu));
	rte_uuid_copy(uu, bytes_of_text);
	TEST_ASSERT_BUFFERS_ARE_EQUAL(uu, bytes_of_text, sizeof(uu),
			"copy differs from its source");
	TEST_ASSERT_EQUAL(rte_uuid_compare(uu, bytes_of_text), 0,
			"copy does not compare equal to its source");
	return TEST_SUCCESS;
}

static int
test_uuid_unparse_truncates_like_snprintf(void)
{
	char buf[RTE_UUID_STRLEN + 4];

	memset(buf, 'x', sizeof(buf));
	rte_uuid_unparse(bytes_of_text, buf, 0);
	TEST_ASSERT_EQUAL(buf[0], 'x', "len 0: expected nothing written, "
			"got '%c' at 0", buf[0]);
	rte_uuid_unparse(bytes_of_text, buf, 10);
	TEST_ASSERT(strcmp(buf, "0123abcd-") == 0, "len 10: expected "
			"\"0123abcd-\", got \"%s\"", buf);
	TEST_ASSERT_EQUAL(buf[10], 'x', "len 10: byte 10 written");
	memset(buf, 'x', sizeof(buf));
	rte_uuid_unparse(bytes_of_text, buf, sizeof(buf));
	TEST_ASSERT(strcmp(buf, TEXT_LOWER) == 0, "len %zu: expected "
			TEXT_LOWER ", got \"%s\"", sizeof(buf), buf);
	TEST_ASSERT_EQUAL(buf[RTE_UUID_STRLEN], 'x', "bytes past the NUL "
			"written");
	return TEST_SUCCESS;
}

static struct unit_test_suite uuid_suite = {
	.suite_name = "rte_uuid.h",
	.unit_test_cases = {
		TEST_CASE(test_uuid_parse_unparse_round_trip),
		TEST_CASE(test_uuid_parse_any_case),
		TEST_CASE(test_uuid_parse_refuses_wrong_length),
		TEST_CASE(test_uuid_parse_refuses_bad_hex),
		TEST_CASE(test_uuid_parse_refuses_misplaced_dashes),
		TEST_CASE(test_uuid_init_layout),
		TEST_CASE(test_uuid_compare_orders_as_text),
		TEST_CASE(test_uuid_is_null),
		TEST_CASE(test_uuid_copy),
		TEST_CASE(test_uuid_unparse_truncates_like_snprintf),
		TEST_CASES_END()
	}
};

static int
test_uuid(void)
{
	return unit_test_suite_runner(&uuid_suite);
}

REGISTER_TEST_COMMAND(uuid_autotest, test_uuid);
