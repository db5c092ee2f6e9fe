/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Log: dynamic types, per-type and global filtering, glob and regex level
 * options that also reach types registered later, the output stream, the
 * current-message accessors, and the --log-level parser.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>

#include "eal_private.h"
#include "test.h"

/* registered from a constructor, like drivers do */
RTE_LOG_REGISTER(test_log_ctor_type, test.log.ctor, NOTICE);

static char *cap_buf;
static size_t cap_len;
static FILE *cap;

/* capture log output in memory for the duration of one case */
static int
log_capture_start(void)
{
	cap = open_memstream(&cap_buf, &cap_len);
	if (cap == NULL)
		return -1;
	rte_openlog_stream(cap);
	return 0;
}

static void
log_capture_stop(void)
{
	rte_openlog_stream(NULL);
	if (cap != NULL)
		fclose(cap);
	cap = NULL;
	free(cap_buf);
	cap_buf = NULL;
}

static const char *
log_captured(void)
{
	fflush(cap);
	return cap_buf != NULL ? cap_buf : "";
}

static int
test_log_register(void)
{
	int a, b;

	TEST_ASSERT(test_log_ctor_type >= RTE_LOGTYPE_FIRST_EXT_ID,
		"constructor registration gave %d", test_log_ctor_type);
	TEST_ASSERT_EQUAL(rte_log_get_level(test_log_ctor_type),
		(int)RTE_LOG_NOTICE, "constructor level");

	a = rte_log_register("test.log.reg");
	b = rte_log_register("test.log.reg");
	TEST_ASSERT(a >= RTE_LOGTYPE_FIRST_EXT_ID, "register gave %d", a);
	TEST_ASSERT_EQUAL(a, b, "same name registered twice: %d and %d", a, b);
	TEST_ASSERT_EQUAL(rte_log_get_level(a), (int)RTE_LOG_INFO,
		"default level");

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_log_register(NULL), -1, "NULL name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_log_register(""), -1, "empty name accepted");
	TEST_ASSERT_EQUAL(rte_log_register_type_and_pick_level("test.log.x",
		RTE_LOG_MAX + 1), -1, "bad default level accepted");
	TEST_ASSERT_EQUAL(rte_log_get_level(100000), -1, "unknown type level");
	TEST_ASSERT_EQUAL(rte_log_set_level(100000, RTE_LOG_DEBUG), -1,
		"set level of unknown type");
	TEST_ASSERT_EQUAL(rte_log_set_level(a, RTE_LOG_MAX + 1), -1,
		"set out-of-range level");
	return TEST_SUCCESS;
}

static int
test_log_filtering(void)
{
	uint32_t global = rte_log_get_global_level();
	int t = rte_log_register("test.log.filter");

	TEST_ASSERT(t >= 0, "register failed");
	TEST_ASSERT_SUCCESS(log_capture_start(), "no memstream");

	rte_log_set_level(t, RTE_LOG_WARNING);
	TEST_ASSERT(rte_log_can_log(t, RTE_LOG_ERR), "ERR filtered at WARNING");
	TEST_ASSERT(!rte_log_can_log(t, RTE_LOG_INFO), "INFO passed at WARNING");
	rte_log(RTE_LOG_ERR, t, "msg-err-shown\n");
	rte_log(RTE_LOG_INFO, t, "msg-info-hidden\n");

	/* the global level caps every type */
	rte_log_set_level(t, RTE_LOG_DEBUG);
	rte_log_set_global_level(RTE_LOG_ERR);
	TEST_ASSERT(!rte_log_can_log(t, RTE_LOG_WARNING),
		"global level did not filter");
	rte_log(RTE_LOG_WARNING, t, "msg-global-hidden\n");
	rte_log_set_global_level(global);

	RTE_LOG(ERR, USER1, "msg-fixed-type\n");
	TEST_ASSERT(strstr(log_captured(), "msg-err-shown") != NULL,
		"message missing from stream: '%s'", log_captured());
	TEST_ASSERT(strstr(log_captured(), "hidden") == NULL,
		"filtered message printed: '%s'", log_captured());
	TEST_ASSERT(strstr(log_captured(), "USER1: msg-fixed-type") != NULL,
		"RTE_LOG prefix missing: '%s'", log_captured());
	log_capture_stop();
	TEST_ASSERT(rte_log_get_stream() == stderr, "default stream not restored");
	return TEST_SUCCESS;
}

static int
test_log_patterns(void)
{
	int a = rte_log_register("test.pat.one");
	int b = rte_log_register("test.other");
	int late;

	TEST_ASSERT_SUCCESS(rte_log_set_level_pattern("test.pat.*",
		RTE_LOG_DEBUG), "glob refused");
	TEST_ASSERT_EQUAL(rte_log_get_level(a), (int)RTE_LOG_DEBUG,
		"glob missed an existing type");
	TEST_ASSERT_EQUAL(rte_log_get_level(b), (int)RTE_LOG_INFO,
		"glob hit a non-matching type");
	late = rte_log_register_type_and_pick_level("test.pat.late",
		RTE_LOG_ERR);
	TEST_ASSERT_EQUAL(rte_log_get_level(late), (int)RTE_LOG_DEBUG,
		"glob did not reach a later type");

	TEST_ASSERT_SUCCESS(rte_log_set_level_regexp("^test\\.oth",
		RTE_LOG_CRIT), "regex refused");
	TEST_ASSERT_EQUAL(rte_log_get_level(b), (int)RTE_LOG_CRIT,
		"regex missed");
	TEST_ASSERT_EQUAL(rte_log_set_level_regexp("(", RTE_LOG_CRIT), -1,
		"broken regex accepted");
	TEST_ASSERT_EQUAL(rte_log_set_level_pattern("x", RTE_LOG_MAX + 1), -1,
		"bad level accepted");
	return TEST_SUCCESS;
}

static int
test_log_option_parse(void)
{
	uint32_t global = rte_log_get_global_level();
	int t = rte_log_register("test.opt.a");

	TEST_ASSERT_SUCCESS(eal_log_level_parse("test.opt.a:3"), "type:N");
	TEST_ASSERT_EQUAL(rte_log_get_level(t), (int)RTE_LOG_CRIT, "type:N");
	TEST_ASSERT_SUCCESS(eal_log_level_parse("test.opt.*:debug"), "glob:name");
	TEST_ASSERT_EQUAL(rte_log_get_level(t), (int)RTE_LOG_DEBUG, "glob:name");
	TEST_ASSERT_SUCCESS(eal_log_level_parse("test\\.opt\\..*,warning"),
		"regex,name");
	TEST_ASSERT_EQUAL(rte_log_get_level(t), (int)RTE_LOG_WARNING,
		"regex,name");
	TEST_ASSERT_EQUAL(rte_log_get_level(rte_log_register("test.opt.b")),
		(int)RTE_LOG_WARNING, "option did not reach a later type");

	TEST_ASSERT_SUCCESS(eal_log_level_parse("err"), "level prefix");
	TEST_ASSERT_EQUAL(rte_log_get_global_level(), RTE_LOG_ERR, "global");
	TEST_ASSERT_SUCCESS(eal_log_level_parse("7"), "N");
	TEST_ASSERT_EQUAL(rte_log_get_global_level(), RTE_LOG_INFO, "global N");

	TEST_ASSERT_FAIL(eal_log_level_parse("9"), "level 9 accepted");
	TEST_ASSERT_FAIL(eal_log_level_parse("test.opt.a:loud"), "bad name");
	TEST_ASSERT_FAIL(eal_log_level_parse(":5"), "empty type");
	TEST_ASSERT_FAIL(eal_log_level_parse("(,5"), "broken regex");
	TEST_ASSERT_EQUAL(rte_log_get_level(t), (int)RTE_LOG_WARNING,
		"a refused option changed a level");
	rte_log_set_global_level(global);
	return TEST_SUCCESS;
}

/* a stream that records what rte_log_cur_msg_*() say while writing */
static int cur_level, cur_type;

static ssize_t
cookie_write(void *c, const char *buf, size_t size)
{
	RTE_SET_USED(c);
	RTE_SET_USED(buf);
	cur_level = rte_log_cur_msg_loglevel();
	cur_type = rte_log_cur_msg_logtype();
	return (ssize_t)size;
}

static int
test_log_cur_msg(void)
{
	cookie_io_functions_t io = { .write = cookie_write };
	FILE *f = fopencookie(NULL, "w", io);

	TEST_ASSERT_NOT_NULL(f, "fopencookie failed");
	rte_openlog_stream(f);
	rte_log(RTE_LOG_ERR, RTE_LOGTYPE_USER3, "x\n");
	rte_openlog_stream(NULL);
	fclose(f);
	TEST_ASSERT_EQUAL(cur_level, (int)RTE_LOG_ERR, "cur level %d", cur_level);
	TEST_ASSERT_EQUAL(cur_type, RTE_LOGTYPE_USER3, "cur type %d", cur_type);
	return TEST_SUCCESS;
}

static int
test_log_dump(void)
{
	TEST_ASSERT_SUCCESS(log_capture_start(), "no memstream");
	rte_log_dump(cap);
	TEST_ASSERT(strstr(log_captured(), "lib.eal") != NULL &&
		strstr(log_captured(), "test.log.ctor") != NULL,
		"dump lacks types: '%s'", log_captured());
	log_capture_stop();
	return TEST_SUCCESS;
}

static struct unit_test_suite log_suite = {
	.suite_name = "log autotest",
	.unit_test_cases = {
		TEST_CASE(test_log_register),
		TEST_CASE(test_log_filtering),
		TEST_CASE(test_log_patterns),
		TEST_CASE(test_log_option_parse),
		TEST_CASE(test_log_cur_msg),
		TEST_CASE(test_log_dump),
		TEST_CASES_END()
	}
};

static int
test_log(void)
{
	return unit_test_suite_runner(&log_suite);
}

REGISTER_TEST_COMMAND(logs_autotest, test_log);
