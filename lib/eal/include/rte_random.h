/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pseudo-random numbers: fast, per-lcore state, not cryptographic.
 */
#ifndef _RTE_RANDOM_H_
#define _RTE_RANDOM_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_compat.h>

/**
 * Reseed every lcore's generator from seedval (each lcore gets its own
 * stream). rte_eal_init() seeds from the TSC; call this for repeatable
 * sequences.
 */
void rte_srand(uint64_t seedval);

/** A uniformly distributed 64-bit pseudo-random number. */
uint64_t rte_rand(void);

/**
 * A uniformly distributed pseudo-random number in [0, upper_bound);
 * 0 if upper_bound is 0.
 */
__rte_experimental
uint64_t rte_rand_max(uint64_t upper_bound);

/** A uniformly distributed pseudo-random double in [0, 1). */
__rte_experimental
double rte_drand(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RANDOM_H_ */
