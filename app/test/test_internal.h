/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Runner internals shared by test.c and test_process.c; tests use test.h.
 */
#ifndef TEST_INTERNAL_H
#define TEST_INTERNAL_H

#include <stdbool.h>

/* set in the environment of every child test_spawn_child() starts */
#define TEST_CHILD_ENV "HPEAL_TEST_CHILD"
/* the private hugetlbfs mount devtools/test.sh prepares */
#define TEST_HUGE_DIR_ENV "HPEAL_HUGE_DIR"

/* the EAL arguments as handed to rte_eal_init() */
struct test_eal_args {
	int argc;
	char **argv;      /**< NULL-terminated copy, owned */
	char *huge_arg;   /**< "--huge-dir=..." we added, or NULL */
	bool no_huge;     /**< --no-huge among the EAL arguments */
	bool huge_dir;    /**< --huge-dir among the EAL arguments */
	const char *file_prefix; /**< --file-prefix value, or NULL */
};

/*
 * Copy argv for rte_eal_init(), adding --huge-dir=$HPEAL_HUGE_DIR when the
 * variable is set and the EAL arguments say neither --huge-dir nor
 * --no-huge; note the --file-prefix given, if any.
 * Returns 0 or -ENOMEM.
 */
int test_eal_args_prepare(struct test_eal_args *ea, int argc, char **argv);
void test_eal_args_release(struct test_eal_args *ea);

/* record the prefix test_file_prefix() reports (NULL: the default) */
void test_set_file_prefix(const char *prefix);

#endif /* TEST_INTERNAL_H */
