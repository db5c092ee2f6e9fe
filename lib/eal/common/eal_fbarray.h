/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal fbarray helpers for the rest of the EAL and its tests: a
 * consistency validator that other areas call after every hot-plug step, and
 * a bit recount.
 */
#ifndef EAL_FBARRAY_H
#define EAL_FBARRAY_H

#include <rte_fbarray.h>

/*
 * Check that an fbarray mapped in this process is consistent: the header
 * stored in the mapping matches the descriptor, the number of set bits equals
 * arr->count, and no bit at or beyond arr->len is set. Takes the array's read
 * lock. Returns 0 when consistent, -EINVAL for a NULL or unmapped array, or
 * -EUCLEAN after logging what is wrong.
 */
int eal_fbarray_check(const struct rte_fbarray *arr);

/*
 * Number of used elements recounted from the bitmap (not arr->count), or
 * -EINVAL for a NULL or unmapped array. Takes the array's read lock.
 */
int eal_fbarray_count_used(const struct rte_fbarray *arr);

#endif /* EAL_FBARRAY_H */
