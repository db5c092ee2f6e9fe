/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librte_hash internals for tests (app/test); not installed.
 */
#ifndef HASH_INTERNAL_H
#define HASH_INTERNAL_H

#include <stdio.h>

struct rte_hash;

/*
 * Validate a table: every chained slot used, in the chain of its hash's
 * bucket, chains free of loops, the free stack only free slots, and
 * count + free == entries. Returns 0, or -1 after saying what is wrong on
 * err. Call with no writer running.
 */
int hash_table_check(const struct rte_hash *h, FILE *err);

#endif /* HASH_INTERNAL_H */
